//! Phones and addresses: sending a code, sending it again, discarding it, checking it: only then
//! is the method registered.

use crate::server::db::{codes, methods, now, outbox};
use crate::server::state::AppState;
use crate::server::{messages, otp, phone};
use crate::domain::registration::{auth_email, code};
use crate::domain::{AppError, Channel, Method, Problem};
use serde_json::json;

use super::*;

/// Sends a fresh code for `method` to `target` (E.164 or e-mail) by `channel`, voiding the
/// previous one, within the send limits. The method is registered only when the code is entered.
pub async fn send_code(state: &AppState, ctx: &Ctx, method: Method, target: &str, channel: Channel) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let offered = match (method, channel) {
        (Method::AuthPhone, Channel::Sms) => ctx.requirements.offer_sms,
        (Method::AuthPhone, Channel::Voice) => ctx.requirements.offer_voice,
        (Method::AuthEmail, Channel::Email) => ctx.requirements.offers(Method::AuthEmail),
        _ => false,
    };
    if !offered || !ctx.requirements.offers(method) {
        return Err(AppError::Forbidden);
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let send = otp::Send { account_id: ctx.account.id, purpose: method.as_str(), flow_id: ctx.flow_id, target, channel };
    let code = otp::issue(&mut tx, &send, t).await?;
    let message = messages::code(ctx.locale, messages::CodeUse::Registration, channel, target, &ctx.account.display_name, &code, &state.config.organisation);
    outbox::enqueue(tx.conn(), &message, t).await?;
    let detail = json!({ "method": method.as_str(), "channel": channel.as_str(), "to": mask(method, target) });
    audit_in(&mut tx, ctx, "code_sent", detail, t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Sends the authentication phone a code (`channel` is "sms" or "voice").
pub async fn send_phone_code(state: &AppState, ctx: &Ctx, country: &str, number: &str, channel: &str) -> Result<(), AppError> {
    let channel = Channel::parse(channel).filter(|c| *c != Channel::Email).ok_or(AppError::Forbidden)?;
    let e164 = phone::parse(country, number)?;
    send_code(state, ctx, Method::AuthPhone, &e164, channel).await
}

/// Sends the authentication e-mail a code; it must be an address and differ from the primary.
pub async fn send_email_code(state: &AppState, ctx: &Ctx, raw: &str) -> Result<(), AppError> {
    let address = auth_email(raw, &ctx.account.primary_email)?;
    send_code(state, ctx, Method::AuthEmail, &address, Channel::Email).await
}

/// Sends a new code to where the pending one went, by `channel` (phone) or e-mail.
pub async fn resend_code(state: &AppState, ctx: &Ctx, method: Method, channel: Option<&str>) -> Result<(), AppError> {
    contact_kind(method)?;
    let mut c = state.db.acquire().await?;
    let last = codes::newest(c.conn(), ctx.flow_id, method.as_str()).await?;
    drop(c);
    let last = last.ok_or(AppError::field(method.code_field(), Problem::CodeNotValid))?;
    let channel = match channel.and_then(Channel::parse) {
        Some(ch) if method == Method::AuthPhone && ch != Channel::Email => ch,
        _ => Channel::parse(&last.channel).unwrap_or(Channel::Email),
    };
    send_code(state, ctx, method, &last.target, channel).await
}

/// Stops waiting for a code: voids it, so the card goes back to its form.
pub async fn discard_code(state: &AppState, ctx: &Ctx, method: Method) -> Result<(), AppError> {
    contact_kind(method)?;
    let mut c = state.db.acquire().await?;
    codes::void_open(c.conn(), ctx.account.id, method.as_str(), now()).await?;
    Ok(())
}

/// Checks the code typed for `method`. The right code registers (or re-verifies) the target it
/// was sent to; five wrong entries kill it. Safe under parallel entries: one use, at most five
/// counted tries.
pub async fn verify_code(state: &AppState, ctx: &Ctx, method: Method, raw: &str) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let kind = contact_kind(method)?;
    let t = now();
    let otp::Entered { mut tx, code: found, verdict, attempts } =
        otp::enter(state, ctx.flow_id, method.as_str(), method.code_field(), raw, t).await?;
    if let Err(outcome) = verdict {
        let detail = json!({ "method": method.as_str(), "attempts": attempts, "dead": attempts >= code::MAX_WRONG });
        audit_in(&mut tx, ctx, "code_failed", detail, t).await?;
        tx.commit().await?;
        return Err(outcome);
    }
    let replaced = methods::set_verified(tx.conn(), ctx.account.id, kind, &found.target, t).await?;
    let masked = mask(method, &found.target);
    let change = match &replaced {
        None => Some("method_added"),
        Some(old) if *old != found.target => Some("method_changed"),
        Some(_) => None,
    };
    if let Some(event) = change {
        audit_in(&mut tx, ctx, event, json!({ "method": method.as_str(), "value": masked }), t).await?;
    }
    audit_in(&mut tx, ctx, "method_verified", json!({ "method": method.as_str(), "value": masked, "channel": found.channel }), t).await?;
    tx.commit().await?;
    finish_reconfirmation_if_done(state, ctx).await
}
