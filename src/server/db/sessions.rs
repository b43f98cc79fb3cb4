//! Server-side sessions of signed-in users. Only the SHA-256 of the cookie value is stored.

use super::Conn;
use crate::on;

pub async fn insert(conn: Conn<'_>, id_hash: &str, account_id: i64, now: i64, expires_at: i64) -> sqlx::Result<()> {
    let sql = "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)";
    on!(conn, c => sqlx::query(sql).bind(id_hash).bind(account_id).bind(now).bind(expires_at).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The account of a live session: within both the absolute and the idle timeout. Refreshes
/// `last_seen_at` in the same statement.
pub async fn touch(conn: Conn<'_>, id_hash: &str, now: i64, idle_secs: i64) -> sqlx::Result<Option<i64>> {
    let sql = "UPDATE sessions SET last_seen_at = $2 \
        WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $2 - $3 RETURNING account_id";
    on!(conn, c => sqlx::query_scalar(sql).bind(id_hash).bind(now).bind(idle_secs).fetch_optional(&mut *c).await)
}

pub async fn delete(conn: Conn<'_>, id_hash: &str) -> sqlx::Result<()> {
    on!(conn, c => sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Ends every session of the account but `keep` (the one making the change), if given.
pub async fn delete_for_account(conn: Conn<'_>, account_id: i64, keep: Option<&str>) -> sqlx::Result<u64> {
    let sql = "DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2";
    let r = on!(conn, c => sqlx::query(sql).bind(account_id).bind(keep.unwrap_or("")).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(r)
}

pub async fn count_for_account(conn: Conn<'_>, account_id: i64) -> sqlx::Result<i64> {
    let sql = "SELECT COUNT(*) FROM sessions WHERE account_id = $1";
    on!(conn, c => sqlx::query_scalar(sql).bind(account_id).fetch_one(&mut *c).await)
}

pub async fn purge_expired(conn: Conn<'_>, now: i64, idle_secs: i64) -> sqlx::Result<u64> {
    let sql = "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $1 - $2";
    on!(conn, c => sqlx::query(sql).bind(now).bind(idle_secs).execute(&mut *c).await.map(|r| r.rows_affected()))
}
