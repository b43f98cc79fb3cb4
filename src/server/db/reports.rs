//! "This wasn't me" links: sent after a reset, an unlock or a change of password, stored as
//! the SHA-256 of their token, usable once within their lifetime.

use super::Conn;
use crate::on;

pub async fn insert(conn: Conn<'_>, token_hash: &str, account_id: i64, reason: &str, now: i64, expires_at: i64) -> sqlx::Result<()> {
    let sql = "INSERT INTO report_tokens (token_hash, account_id, reason, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
    on!(conn, c => sqlx::query(sql).bind(token_hash).bind(account_id).bind(reason).bind(now).bind(expires_at).execute(&mut *c).await.map(|_| ()))
}

/// The account and reason of a link that can still be used.
pub async fn find_usable(conn: Conn<'_>, token_hash: &str, now: i64) -> sqlx::Result<Option<(i64, String)>> {
    let sql = "SELECT account_id, reason FROM report_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
    on!(conn, c => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(&mut *c).await)
}

/// Uses the link once: the account and reason for exactly one caller.
pub async fn use_once(conn: Conn<'_>, token_hash: &str, now: i64) -> sqlx::Result<Option<(i64, String)>> {
    let sql = "UPDATE report_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id, reason";
    on!(conn, c => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(&mut *c).await)
}

pub async fn purge_ended(conn: Conn<'_>, before: i64) -> sqlx::Result<u64> {
    on!(conn, c => sqlx::query("DELETE FROM report_tokens WHERE expires_at < $1").bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))
}
