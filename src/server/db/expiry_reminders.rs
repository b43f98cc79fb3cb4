//! Password expiry reminders sent: one per account, expiry and threshold, whichever node
//! claims it first.

use super::Conn;
use crate::on;

/// Claims the reminder `days` before `expires_at` for the account: true for exactly one caller.
pub async fn claim(conn: Conn<'_>, account_id: i64, expires_at: i64, days: i64, now: i64) -> sqlx::Result<bool> {
    let sql = "INSERT INTO expiry_reminders (account_id, expires_at, days, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
    on!(conn, c => sqlx::query(sql).bind(account_id).bind(expires_at).bind(days as i32).bind(now).execute(&mut *c).await.map(|r| r.rows_affected() == 1))
}

/// Forgets the reminders of passwords that expired before `before`.
pub async fn purge_expired(conn: Conn<'_>, before: i64) -> sqlx::Result<u64> {
    on!(conn, c => sqlx::query("DELETE FROM expiry_reminders WHERE expires_at < $1").bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))
}
