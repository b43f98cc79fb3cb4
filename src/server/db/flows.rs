//! Server-side flow state (SPEC §6), bound to a browser session: codes sent during a flow can
//! only be entered in that flow.

use super::Conn;
use crate::on;

/// The flow of `kind` for this session, created on first use, and its state (a JSON object).
pub async fn for_session(mut conn: Conn<'_>, kind: &str, session_hash: &str, account_id: i64, expires_at: i64, now: i64) -> sqlx::Result<(i64, serde_json::Value)> {
    let token = format!("{kind}:{session_hash}");
    // A read when the flow exists (every page view but the first): its end, set at creation
    // to the longest a session can last from then, already outlives the session.
    let find = "SELECT id, state FROM flows WHERE token_hash = $1";
    let found: Option<(i64, String)> = on!(conn.reborrow(), c => sqlx::query_as(find).bind(&token).fetch_optional(&mut *c).await)?;
    if let Some((id, state)) = found {
        return Ok((id, decode_state(&state)));
    }
    let sql = "INSERT INTO flows (token_hash, kind, account_id, state, created_at, expires_at) VALUES ($1, $2, $3, '{}', $4, $5) \
        ON CONFLICT (token_hash) DO NOTHING RETURNING id";
    let created = on!(conn.reborrow(), c => sqlx::query_scalar(sql).bind(&token).bind(kind).bind(account_id).bind(now).bind(expires_at).fetch_optional(&mut *c).await)?;
    match created {
        Some(id) => Ok((id, serde_json::json!({}))),
        // Another request of this session created it meanwhile.
        None => {
            let (id, state): (i64, String) = on!(conn, c => sqlx::query_as(find).bind(&token).fetch_one(&mut *c).await)?;
            Ok((id, decode_state(&state)))
        }
    }
}

/// A flow's stored state: a JSON object, or `{}`.
fn decode_state(raw: &str) -> serde_json::Value {
    serde_json::from_str(raw).unwrap_or_else(|_| serde_json::json!({}))
}

pub async fn set_state(conn: Conn<'_>, id: i64, state: &serde_json::Value) -> sqlx::Result<()> {
    let sql = "UPDATE flows SET state = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(state.to_string()).execute(&mut *c).await.map(|_| ()))
}

/// Forgets flows that expired before `before`.
pub async fn purge_expired(conn: Conn<'_>, before: i64) -> sqlx::Result<u64> {
    on!(conn, c => sqlx::query("DELETE FROM flows WHERE expires_at < $1").bind(before).execute(&mut *c).await.map(|r| r.rows_affected()))
}

/// A reset flow, found by the hash of its cookie.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub account_id: Option<i64>,
    pub state: String,
    pub finished_at: Option<i64>,
}

/// Starts a flow of `kind` bound to the cookie whose SHA-256 is `token_hash`.
pub async fn insert(conn: Conn<'_>, token_hash: &str, kind: &str, account_id: Option<i64>, state: &str, now: i64, expires_at: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO flows (token_hash, kind, account_id, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql).bind(token_hash).bind(kind).bind(account_id).bind(state).bind(now).bind(expires_at).fetch_one(&mut *c).await)
}

/// The unexpired flow of `kind` with this cookie hash, finished or not.
pub async fn find(conn: Conn<'_>, token_hash: &str, kind: &str, now: i64) -> sqlx::Result<Option<Row>> {
    let sql = "SELECT id, account_id, state, finished_at FROM flows WHERE token_hash = $1 AND kind = $2 AND expires_at > $3";
    on!(conn, c => sqlx::query_as(sql).bind(token_hash).bind(kind).bind(now).fetch_optional(&mut *c).await)
}

/// Moves an unfinished flow from state `from` to state `to` (finishing it when `finish` is
/// given): true for exactly one caller, so a step replayed or run in parallel is refused.
pub async fn advance(conn: Conn<'_>, id: i64, from: &str, to: &str, finish: Option<i64>) -> sqlx::Result<bool> {
    let sql = "UPDATE flows SET state = $3, finished_at = $4 WHERE id = $1 AND state = $2 AND finished_at IS NULL";
    let n = on!(conn, c => sqlx::query(sql).bind(id).bind(from).bind(to).bind(finish).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Ends a flow (a new start in the same browser, or Cancel).
pub async fn finish(conn: Conn<'_>, id: i64, now: i64) -> sqlx::Result<()> {
    let sql = "UPDATE flows SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now).execute(&mut *c).await.map(|_| ()))
}

/// Ends a flow and lets it expire now, so that no later request finds it again.
pub async fn forget(conn: Conn<'_>, id: i64, now: i64) -> sqlx::Result<()> {
    let sql = "UPDATE flows SET finished_at = COALESCE(finished_at, $2), expires_at = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now).execute(&mut *c).await.map(|_| ()))
}
