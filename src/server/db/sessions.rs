//! Server-side sessions of signed-in users. Only the SHA-256 of the cookie value is stored.

use super::Conn;
use super::accounts::{Account, COLUMNS as ACCOUNT_COLUMNS};
use crate::on;

pub async fn insert(conn: Conn<'_>, id_hash: &str, account_id: i64, now: i64, expires_at: i64) -> sqlx::Result<()> {
    let sql = "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)";
    on!(conn, c => sqlx::query(sql).bind(id_hash).bind(account_id).bind(now).bind(expires_at).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// A live session: within both the absolute and the idle timeout, with its account.
#[derive(Clone, sqlx::FromRow)]
pub struct Live {
    pub last_seen_at: i64,
    #[sqlx(flatten)]
    pub account: Account,
}

/// The session `id_hash` if it is live at `now`, read with its account in one statement: a
/// signed-in page needs both. A read: reading a page writes nothing.
pub async fn find_live(conn: Conn<'_>, id_hash: &str, now: i64, idle_secs: i64) -> sqlx::Result<Option<Live>> {
    let sql = format!(
        "SELECT s.last_seen_at, {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $2 - $3"
    );
    on!(conn, c => sqlx::query_as(&sql).bind(id_hash).bind(now).bind(idle_secs).fetch_optional(&mut *c).await)
}

/// Moves the idle timer to `now`, unless another request did so less than `every` seconds ago
/// (so that concurrent requests of one browser write once).
pub async fn refresh(conn: Conn<'_>, id_hash: &str, now: i64, every: i64) -> sqlx::Result<()> {
    let sql = "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at <= $2 - $3";
    on!(conn, c => sqlx::query(sql).bind(id_hash).bind(now).bind(every).execute(&mut *c).await.map(|_| ()))
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
