//! Finish, Cancel and re-confirmation ("Looks good", "Edit").

use crate::server::db::{self, Tx, codes, flows, methods, now};
use crate::server::state::AppState;
use crate::domain::{AppError, Channel, Method};
use serde_json::json;

use super::*;

pub(super) async fn verified_methods(state: &AppState, ctx: &Ctx) -> Result<Vec<Method>, AppError> {
    let view = view(state, ctx).await?;
    Ok(view.methods.iter().filter(|m| m.verified).map(|m| m.method).collect())
}

/// Finish: records the confirmation once enough methods are verified. A code still waiting is
/// voided (the page said so before Finish), so that no phone or e-mail is half registered.
pub async fn finish(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let verified = verified_methods(state, ctx).await?;
    ctx.requirements.check_finish(&verified)?;
    let t = now();
    let mut tx = state.db.begin().await?;
    void_waiting_codes(&mut tx, ctx, t).await?;
    db::accounts::set_confirmed(tx.conn(), ctx.account.id, t).await?;
    flows::set_state(tx.conn(), ctx.flow_id, &json!({})).await?;
    let names: Vec<&str> = verified.iter().map(|m| m.as_str()).collect();
    audit_in(&mut tx, ctx, "registration_finished", json!({ "methods": names }), t).await?;
    Ok(tx.commit().await?)
}

/// Voids the codes still waiting to be typed, for the phone and the e-mail.
pub(super) async fn void_waiting_codes(tx: &mut Tx, ctx: &Ctx, t: i64) -> Result<(), AppError> {
    for m in [Method::AuthPhone, Method::AuthEmail] {
        codes::void_open(tx.conn(), ctx.account.id, m.as_str(), t).await?;
    }
    Ok(())
}

/// Cancel: leaves without confirming; codes still waiting are voided.
pub async fn cancel(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    let t = now();
    let mut tx = state.db.begin().await?;
    void_waiting_codes(&mut tx, ctx, t).await?;
    flows::set_state(tx.conn(), ctx.flow_id, &json!({})).await?;
    audit_in(&mut tx, ctx, "registration_cancelled", json!({}), t).await?;
    Ok(tx.commit().await?)
}

/// "Edit" on the re-confirmation page: show the registration page for this session.
pub async fn edit(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    let mut c = state.db.acquire().await?;
    Ok(flows::set_state(c.conn(), ctx.flow_id, &json!({ "editing": true })).await?)
}

/// "Looks good": confirms at once, or, with the policy's verified option, first sends a fresh
/// code to every registered phone and e-mail; the last code entered confirms.
pub async fn looks_good(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let current = view(state, ctx).await?;
    if current.reconfirm.is_none() {
        return Err(AppError::Forbidden);
    }
    let to_verify: Vec<Method> = current
        .methods
        .iter()
        .filter(|m| m.verified && matches!(m.method, Method::AuthPhone | Method::AuthEmail))
        .map(|m| m.method)
        .collect();
    let t = now();
    if !ctx.policy.reconfirm_with_codes || to_verify.is_empty() {
        return confirm_again(state, ctx, false, t).await;
    }
    {
        let mut c = state.db.acquire().await?;
        flows::set_state(c.conn(), ctx.flow_id, &json!({ "reconfirm_started_at": t })).await?;
    }
    let contacts = {
        let mut c = state.db.acquire().await?;
        methods::contacts(c.conn(), ctx.account.id).await?
    };
    for method in to_verify {
        let Some(k) = contacts.iter().find(|k| k.kind == method.as_str()) else { continue };
        let channel = match method {
            Method::AuthEmail => Channel::Email,
            _ if ctx.requirements.offer_sms => Channel::Sms,
            _ => Channel::Voice,
        };
        send_code(state, ctx, method, &k.value, channel).await?;
    }
    Ok(())
}

pub(super) async fn confirm_again(state: &AppState, ctx: &Ctx, verified: bool, t: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    db::accounts::set_confirmed(tx.conn(), ctx.account.id, t).await?;
    flows::set_state(tx.conn(), ctx.flow_id, &json!({})).await?;
    audit_in(&mut tx, ctx, "registration_reconfirmed", json!({ "with_codes": verified }), t).await?;
    Ok(tx.commit().await?)
}

/// After a code is entered during re-confirmation: confirms once every phone and e-mail is
/// verified again.
pub(super) async fn finish_reconfirmation_if_done(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    let current = view(state, ctx).await?;
    match current.reconfirm {
        Some(r) if r.verifying && r.waiting.is_empty() => confirm_again(state, ctx, true, now()).await,
        _ => Ok(()),
    }
}
