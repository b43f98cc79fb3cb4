//! Server-side flow state (SPEC §6), bound to a browser session: codes sent during a flow can
//! only be entered in that flow.

use super::Conn;
use crate::on;

/// The flow of `kind` for this session, created on first use.
pub async fn for_session(conn: Conn<'_>, kind: &str, session_hash: &str, account_id: i64, expires_at: i64, now: i64) -> sqlx::Result<i64> {
    let token = format!("{kind}:{session_hash}");
    let sql = "INSERT INTO flows (token_hash, kind, account_id, state, created_at, expires_at) VALUES ($1, $2, $3, '{}', $4, $5) \
        ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql).bind(&token).bind(kind).bind(account_id).bind(now).bind(expires_at).fetch_one(&mut *c).await)
}

/// The flow's state (a JSON object), or `{}`.
pub async fn state(conn: Conn<'_>, id: i64) -> sqlx::Result<serde_json::Value> {
    let row: Option<String> = on!(conn, c => sqlx::query_scalar("SELECT state FROM flows WHERE id = $1").bind(id).fetch_optional(&mut *c).await)?;
    Ok(row.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(|| serde_json::json!({})))
}

pub async fn set_state(conn: Conn<'_>, id: i64, state: &serde_json::Value) -> sqlx::Result<()> {
    let sql = "UPDATE flows SET state = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(state.to_string()).execute(&mut *c).await.map(|_| ()))
}

/// Forgets flows that expired before `before`.
pub async fn purge_expired(conn: Conn<'_>, before: i64) -> sqlx::Result<u64> {
    on!(conn, c => sqlx::query("DELETE FROM flows WHERE expires_at < $1").bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))
}
