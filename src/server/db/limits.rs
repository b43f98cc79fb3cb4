//! Throttling counters, keyed by what they limit (e.g. `sign_in:<user id>`). Every change is
//! one atomic statement, so parallel requests cannot race past a limit.

use super::Conn;
use crate::on;

/// Counts one more failure for `key` and returns the new total.
pub async fn add_failure(conn: Conn<'_>, key: &str, now: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
        ON CONFLICT (key) DO UPDATE SET count = rate_counters.count + 1 RETURNING count";
    on!(conn, c => sqlx::query_scalar(sql).bind(key).bind(now).fetch_one(&mut *c).await)
}

/// Counts one more event for `key` in a fixed window of `window_secs` and returns the count in
/// the current window (a window older than that starts again at 1).
pub async fn add_in_window(conn: Conn<'_>, key: &str, now: i64, window_secs: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
        ON CONFLICT (key) DO UPDATE SET \
          count = CASE WHEN rate_counters.window_start <= $2 - $3 THEN 1 ELSE rate_counters.count + 1 END, \
          window_start = CASE WHEN rate_counters.window_start <= $2 - $3 THEN $2 ELSE rate_counters.window_start END \
        RETURNING count";
    on!(conn, c => sqlx::query_scalar(sql).bind(key).bind(now).bind(window_secs).fetch_one(&mut *c).await)
}

/// The count of `key` in its current window of `window_secs` (0 when none or when it is over).
pub async fn count_in_window(conn: Conn<'_>, key: &str, now: i64, window_secs: i64) -> sqlx::Result<i64> {
    let sql = "SELECT count FROM rate_counters WHERE key = $1 AND window_start > $2 - $3";
    let row: Option<i64> = on!(conn, c => sqlx::query_scalar(sql).bind(key).bind(now).bind(window_secs).fetch_optional(&mut *c).await)?;
    Ok(row.unwrap_or(0))
}

/// Blocks `key` until `until`, never shortening a longer block.
pub async fn block(conn: Conn<'_>, key: &str, until: i64) -> sqlx::Result<()> {
    let sql = "UPDATE rate_counters SET blocked_until = $2 WHERE key = $1 AND (blocked_until IS NULL OR blocked_until < $2)";
    on!(conn, c => sqlx::query(sql).bind(key).bind(until).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// When the block on `key` ends, if it is blocked at `now`.
pub async fn blocked_until(conn: Conn<'_>, key: &str, now: i64) -> sqlx::Result<Option<i64>> {
    let sql = "SELECT blocked_until FROM rate_counters WHERE key = $1 AND blocked_until > $2";
    let row: Option<Option<i64>> = on!(conn, c => sqlx::query_scalar(sql).bind(key).bind(now).fetch_optional(&mut *c).await)?;
    Ok(row.flatten())
}

pub async fn clear(conn: Conn<'_>, key: &str) -> sqlx::Result<()> {
    on!(conn, c => sqlx::query("DELETE FROM rate_counters WHERE key = $1").bind(key).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Forgets counters untouched since `before` and no longer blocking.
pub async fn purge_stale(conn: Conn<'_>, before: i64, now: i64) -> sqlx::Result<u64> {
    let sql = "DELETE FROM rate_counters WHERE window_start < $1 AND (blocked_until IS NULL OR blocked_until < $2)";
    on!(conn, c => sqlx::query(sql).bind(before).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))
}
