//! The admin's list of security questions: predefined ones (texts in the catalogues, by key)
//! and custom ones (one text, as the admin wrote it). A question is retired, never deleted:
//! answers to it stay usable at reset until their owner chooses again.

use super::Conn;
use crate::on;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct Question {
    pub id: i64,
    pub predefined_key: Option<String>,
    pub custom_text: Option<String>,
}

/// The questions users can choose now, in the admin's order.
pub async fn active(conn: Conn<'_>) -> sqlx::Result<Vec<Question>> {
    let sql = "SELECT id, predefined_key, custom_text FROM questions WHERE retired_at IS NULL ORDER BY position, id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

/// Every question, retired ones too: a reset may ask a question that was retired after the
/// user answered it.
pub async fn all(conn: Conn<'_>) -> sqlx::Result<Vec<Question>> {
    let sql = "SELECT id, predefined_key, custom_text FROM questions ORDER BY position, id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

pub async fn count_active(conn: Conn<'_>) -> sqlx::Result<i64> {
    on!(conn, c => sqlx::query_scalar("SELECT COUNT(*) FROM questions WHERE retired_at IS NULL").fetch_one(&mut *c).await)
}

/// A question as the admin console lists it: with how many accounts answered it.
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: i64,
    pub predefined_key: Option<String>,
    pub custom_text: Option<String>,
    pub retired_at: Option<i64>,
    pub answered: i64,
}

/// Every question with its count of answers: active ones in the admin's order, then retired.
pub async fn listing(conn: Conn<'_>) -> sqlx::Result<Vec<Listed>> {
    let sql = "SELECT q.id, q.predefined_key, q.custom_text, q.retired_at, \
        (SELECT COUNT(*) FROM security_answers a WHERE a.question_id = q.id) AS answered \
        FROM questions q ORDER BY q.retired_at IS NOT NULL, q.position, q.id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

/// One question of the listing, or `None`.
pub async fn find(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<Listed>> {
    let sql = "SELECT q.id, q.predefined_key, q.custom_text, q.retired_at, \
        (SELECT COUNT(*) FROM security_answers a WHERE a.question_id = q.id) AS answered \
        FROM questions q WHERE q.id = $1";
    on!(conn, c => sqlx::query_as(sql).bind(id).fetch_optional(&mut *c).await)
}

/// Adds a custom question at the end of the list.
pub async fn add_custom(conn: Conn<'_>, text: &str) -> sqlx::Result<i64> {
    let sql = "INSERT INTO questions (custom_text, position) \
        SELECT $1, COALESCE(MAX(position), 0) + 1 FROM questions RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql).bind(text).fetch_one(&mut *c).await)
}

/// Retires an active question; `Ok(false)` when it was not active.
pub async fn retire(conn: Conn<'_>, id: i64, now: i64) -> sqlx::Result<bool> {
    let sql = "UPDATE questions SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL";
    let n = on!(conn, c => sqlx::query(sql).bind(id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Puts a retired question back, at the end of the list; `Ok(false)` when it was not retired.
pub async fn restore(conn: Conn<'_>, id: i64) -> sqlx::Result<bool> {
    let sql = "UPDATE questions SET retired_at = NULL, \
        position = (SELECT COALESCE(MAX(position), 0) + 1 FROM questions) WHERE id = $1 AND retired_at IS NOT NULL";
    let n = on!(conn, c => sqlx::query(sql).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Numbers the active questions 1, 2, 3… in the order of `ids`.
pub async fn set_order(conn: Conn<'_>, ids: &[i64]) -> sqlx::Result<()> {
    let mut conn = conn;
    for (position, id) in (1_i64..).zip(ids) {
        on!(conn.reborrow(), c => sqlx::query("UPDATE questions SET position = $2 WHERE id = $1").bind(id).bind(position).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Asks every account that answered `question_id` to register again (its answers stay usable
/// at reset meanwhile); returns how many.
pub async fn require_reregistration(conn: Conn<'_>, question_id: i64, now: i64) -> sqlx::Result<u64> {
    let sql = "UPDATE accounts SET reregister_required = TRUE, updated_at = $2 \
        WHERE id IN (SELECT account_id FROM security_answers WHERE question_id = $1)";
    on!(conn, c => sqlx::query(sql).bind(question_id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))
}
