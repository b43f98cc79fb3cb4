//! One-time codes (SPEC §6): stored hashed, bound to an account, a purpose and a flow. Using
//! and failing a code are single guarded statements, so parallel entries cannot race past the
//! single use or the cap of wrong entries.

use super::Conn;
use crate::domain::registration::code::MAX_WRONG;
use crate::on;
use sqlx::FromRow;

#[derive(Clone, FromRow)]
pub struct Code {
    pub id: i64,
    pub account_id: i64,
    pub purpose: String,
    pub flow_id: Option<i64>,
    pub target: String,
    pub channel: String,
    pub code_hash: String,
    pub attempts: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub voided_at: Option<i64>,
}

// The hash stays out of logs.
impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Code").field("id", &self.id).field("purpose", &self.purpose).finish_non_exhaustive()
    }
}

const COLUMNS: &str = "id, account_id, purpose, flow_id, target, channel, code_hash, attempts, created_at, expires_at, used_at, voided_at";

/// A code to store.
pub struct NewCode<'a> {
    pub account_id: i64,
    pub purpose: &'a str,
    pub flow_id: i64,
    pub target: &'a str,
    pub channel: &'a str,
    pub code_hash: &'a str,
    pub expires_at: i64,
}

pub async fn insert(conn: Conn<'_>, new: &NewCode<'_>, now: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO codes (account_id, purpose, flow_id, target, channel, code_hash, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql)
        .bind(new.account_id).bind(new.purpose).bind(new.flow_id).bind(new.target).bind(new.channel)
        .bind(new.code_hash).bind(now).bind(new.expires_at)
        .fetch_one(&mut *c).await)
}

/// The newest code of this flow and purpose, whatever its state.
pub async fn newest(conn: Conn<'_>, flow_id: i64, purpose: &str) -> sqlx::Result<Option<Code>> {
    let sql = format!("SELECT {COLUMNS} FROM codes WHERE flow_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1");
    on!(conn, c => sqlx::query_as(&sql).bind(flow_id).bind(purpose).fetch_optional(&mut *c).await)
}

/// The newest code of each purpose of this flow, whatever their state.
pub async fn newest_per_purpose(conn: Conn<'_>, flow_id: i64) -> sqlx::Result<Vec<Code>> {
    let sql = format!("SELECT {COLUMNS} FROM codes WHERE id IN (SELECT MAX(id) FROM codes WHERE flow_id = $1 GROUP BY purpose)");
    on!(conn, c => sqlx::query_as(&sql).bind(flow_id).fetch_all(&mut *c).await)
}

/// The codes of this flow and purpose sent since `since`, newest first.
pub async fn recent(conn: Conn<'_>, flow_id: i64, purpose: &str, since: i64) -> sqlx::Result<Vec<Code>> {
    let sql = format!("SELECT {COLUMNS} FROM codes WHERE flow_id = $1 AND purpose = $2 AND created_at > $3 ORDER BY id DESC");
    on!(conn, c => sqlx::query_as(&sql).bind(flow_id).bind(purpose).bind(since).fetch_all(&mut *c).await)
}

/// How many codes the account was sent for `purpose` since `since`, and when the last one left.
pub async fn sends_since(conn: Conn<'_>, account_id: i64, purpose: &str, since: i64) -> sqlx::Result<(i64, Option<i64>, Option<i64>)> {
    let sql = "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM codes WHERE account_id = $1 AND purpose = $2 AND created_at > $3";
    on!(conn, c => sqlx::query_as(sql).bind(account_id).bind(purpose).bind(since).fetch_one(&mut *c).await)
}

/// Voids every open code of the account for `purpose` (a new code voids the old ones).
pub async fn void_open(conn: Conn<'_>, account_id: i64, purpose: &str, now: i64) -> sqlx::Result<u64> {
    let sql = "UPDATE codes SET voided_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL AND voided_at IS NULL";
    on!(conn, c => sqlx::query(sql).bind(account_id).bind(purpose).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))
}

/// Uses the code once: true for exactly one caller, and only while it is alive.
pub async fn consume(conn: Conn<'_>, id: i64, now: i64) -> sqlx::Result<bool> {
    let sql = "UPDATE codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND voided_at IS NULL \
        AND expires_at > $2 AND attempts < $3";
    let n = on!(conn, c => sqlx::query(sql).bind(id).bind(now).bind(MAX_WRONG).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Counts a wrong entry and returns the new count; `None` when the code could no longer be
/// tried (dead, used or voided), so no entry beyond the cap is ever counted as a try.
pub async fn add_wrong(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<i64>> {
    let sql = "UPDATE codes SET attempts = attempts + 1 WHERE id = $1 AND used_at IS NULL AND voided_at IS NULL \
        AND attempts < $2 RETURNING attempts";
    on!(conn, c => sqlx::query_scalar(sql).bind(id).bind(MAX_WRONG).fetch_optional(&mut *c).await)
}

/// Forgets codes that ended before `before`.
pub async fn purge_ended(conn: Conn<'_>, before: i64) -> sqlx::Result<u64> {
    let sql = "DELETE FROM codes WHERE expires_at < $1";
    on!(conn, c => sqlx::query(sql).bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))
}
