//! The administrators' inbox: "contact an administrator" requests and "this wasn't me" reports.

use super::Conn;
use crate::on;

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
