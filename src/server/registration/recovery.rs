//! Recovery codes: a new set (the old one stops working at once), shown to the session that
//! made it until the user says they kept it, then never again.

use crate::server::crypto::sha256_hex;
use crate::server::db::{self, flows, methods, now};
use crate::server::state::AppState;
use crate::domain::registration::recovery;
use crate::domain::{AppError, Method};
use serde_json::json;

use super::*;

/// Where the registration flow keeps the name of the set this session made.
const NEW_SET: &str = "recovery_set";

/// Makes a new set of recovery codes for the account, replacing the old one. Only the codes'
/// SHA-256 is stored; the codes themselves are derived from the session's key and the set's
/// name, so that this session's page can show them until the user kept them.
pub async fn new_recovery_codes(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    if !ctx.requirements.offers(Method::RecoveryCodes) {
        return Err(AppError::Forbidden);
    }
    let key = ctx.reveal_key.as_ref().ok_or(AppError::NotSignedIn)?;
    let set = crate::server::crypto::random_token();
    let hashes: Vec<String> = key.recovery_codes(&set).iter().map(|c| sha256_hex(c)).collect();
    let t = now();
    let mut tx = state.db.begin().await?;
    let replaced = methods::replace_recovery_codes(tx.conn(), ctx.account.id, &hashes, t).await?;
    flows::set_state(tx.conn(), ctx.flow_id, &with_set(&ctx.flow_state, Some(&set))).await?;
    let event = if replaced > 0 { "method_changed" } else { "method_added" };
    audit_in(&mut tx, ctx, event, json!({ "method": Method::RecoveryCodes.as_str(), "codes": hashes.len() }), t).await?;
    Ok(tx.commit().await?)
}

/// "I have kept them": the new set is no longer shown.
pub async fn recovery_codes_kept(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    let mut c = state.db.acquire().await?;
    Ok(flows::set_state(c.conn(), ctx.flow_id, &with_set(&ctx.flow_state, None)).await?)
}

/// The set this session made, grouped for reading: none once kept, or once another set
/// replaced it (made elsewhere, or removed).
pub(super) async fn shown_once(conn: db::Conn<'_>, ctx: &Ctx) -> Result<Vec<String>, AppError> {
    let (Some(key), Some(set)) = (ctx.reveal_key.as_ref(), ctx.flow_state.get(NEW_SET).and_then(|v| v.as_str())) else { return Ok(Vec::new()) };
    let codes = key.recovery_codes(set);
    let current = match codes.first() {
        Some(first) => methods::has_recovery_code(conn, ctx.account.id, &sha256_hex(first)).await?,
        None => false,
    };
    Ok(if current { codes.iter().map(|c| recovery::grouped(c)).collect() } else { Vec::new() })
}

/// The flow's state with the new set's name set or cleared, the rest kept.
fn with_set(state: &serde_json::Value, set: Option<&str>) -> serde_json::Value {
    let mut state = match state {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    match set {
        Some(set) => state.insert(NEW_SET.to_owned(), json!(set)),
        None => state.remove(NEW_SET),
    };
    serde_json::Value::Object(state)
}
