//! The administrators' inbox: "contact an administrator" requests and "this wasn't me" reports.

use super::Conn;
use crate::on;
use sqlx::FromRow;

/// Files a request; `account_id` is `None` when no account has the user ID typed.
pub async fn insert(conn: Conn<'_>, account_id: Option<i64>, user_id: &str, reason: &str, now: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO admin_requests (account_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql).bind(account_id).bind(user_id).bind(reason).bind(now).fetch_one(&mut *c).await)
}

/// Requests not yet handled, oldest first: (id, user ID, reason, created at).
pub async fn open(conn: Conn<'_>, limit: i64) -> sqlx::Result<Vec<(i64, String, String, i64)>> {
    let sql = "SELECT id, user_id, reason, created_at FROM admin_requests WHERE handled_at IS NULL ORDER BY created_at, id LIMIT $1";
    on!(conn, c => sqlx::query_as(sql).bind(limit).fetch_all(&mut *c).await)
}

/// A request with how it was handled, and the user ID of the administrator who did.
#[derive(Debug, Clone, FromRow)]
pub struct Request {
    pub id: i64,
    pub account_id: Option<i64>,
    pub user_id: String,
    pub reason: String,
    pub created_at: i64,
    pub handled_at: Option<i64>,
    pub handled_by: Option<String>,
    pub note: Option<String>,
}

const REQUEST: &str = "SELECT r.id, r.account_id, r.user_id, r.reason, r.created_at, r.handled_at, a.user_id AS handled_by, r.note \
    FROM admin_requests r LEFT JOIN accounts a ON a.id = r.handled_by";

/// A page of the open requests, oldest first (index `admin_requests_open`).
pub async fn open_page(conn: Conn<'_>, limit: i64, offset: i64) -> sqlx::Result<Vec<Request>> {
    let sql = format!("{REQUEST} WHERE r.handled_at IS NULL ORDER BY r.created_at, r.id LIMIT $1 OFFSET $2");
    on!(conn, c => sqlx::query_as(&sql).bind(limit).bind(offset).fetch_all(&mut *c).await)
}

/// A page of the handled requests, last handled first (index `admin_requests_handled`).
pub async fn handled_page(conn: Conn<'_>, limit: i64, offset: i64) -> sqlx::Result<Vec<Request>> {
    let sql = format!("{REQUEST} WHERE r.handled_at IS NOT NULL ORDER BY r.handled_at DESC, r.id DESC LIMIT $1 OFFSET $2");
    on!(conn, c => sqlx::query_as(&sql).bind(limit).bind(offset).fetch_all(&mut *c).await)
}

/// How many requests are open and how many handled.
pub async fn counts(conn: Conn<'_>) -> sqlx::Result<(i64, i64)> {
    let sql = "SELECT COUNT(*) - COUNT(handled_at), COUNT(handled_at) FROM admin_requests";
    on!(conn, c => sqlx::query_as(sql).fetch_one(&mut *c).await)
}

pub async fn find(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<Request>> {
    let sql = format!("{REQUEST} WHERE r.id = $1");
    on!(conn, c => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *c).await)
}

/// Marks an open request handled; `false` when it was handled already (or does not exist),
/// so that two administrators cannot both handle it.
pub async fn mark_handled(conn: Conn<'_>, id: i64, by: i64, note: &str, now: i64) -> sqlx::Result<bool> {
    let sql = "UPDATE admin_requests SET handled_at = $2, handled_by = $3, note = $4 WHERE id = $1 AND handled_at IS NULL";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now).bind(by).bind(note).execute(&mut *c).await.map(|r| r.rows_affected() == 1))
}
