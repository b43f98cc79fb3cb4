//! The end of a reset: the new password or the unlock, "contact an administrator", continuing
//! from strict mode's link, cancelling.

use crate::server::crypto::sha256_hex;
use crate::server::db::{self, flows, limits, now};
use crate::server::messages::Notice;
use crate::server::state::AppState;
use crate::server::notify;
use crate::domain::reset::{Step, Stop};
use crate::domain::AppError;
use serde_json::json;

use super::*;

/// Sets the new password once the gates are passed: every session of the account ends, the
/// sign-in lock-out is lifted, the owner is told on every address (and the administrators when
/// it is one of them). No automatic sign-in.
pub async fn set_password(state: &AppState, client: &Client, new: &str, confirm: &str) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Choose)?;
    let account = l.account()?.clone();
    let hash = crate::server::auth::write_new_password(state, &account, None, new, confirm).await?;
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.step = Step::Done;
    advance(&mut tx, &l, &next, Some(t)).await?;
    db::accounts::set_password(tx.conn(), account.id, &hash, false).await?;
    let ended = db::sessions::delete_for_account(tx.conn(), account.id, None).await?;
    limits::clear(tx.conn(), &crate::server::auth::sign_in_key(&account.user_id)).await?;
    notify::account_changed(&mut tx, state, &account, Notice::PasswordReset, client.locale, t).await?;
    let gates: Vec<&str> = l.flow.passed.iter().map(|m| m.as_str()).collect();
    audit_in(&mut tx, &l, client, "reset_completed", json!({ "methods": gates, "sessions_ended": ended }), t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// "Unlock without resetting": lifts the sign-in lock-out of an account that was locked out
/// when the flow started, once the gates are passed.
pub async fn unlock(state: &AppState, client: &Client) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Choose)?;
    if !l.flow.locked_out {
        return Err(AppError::Forbidden);
    }
    let account = l.account()?.clone();
    state.directory.unlock(&account).await?;
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.step = Step::Unlocked;
    advance(&mut tx, &l, &next, Some(t)).await?;
    limits::clear(tx.conn(), &crate::server::auth::sign_in_key(&account.user_id)).await?;
    notify::account_changed(&mut tx, state, &account, Notice::Unlocked, client.locale, t).await?;
    audit_in(&mut tx, &l, client, "account_unlocked", json!({ "by": "self_service" }), t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// "Contact an administrator" from one of the seed's error pages (or the strict page): a
/// request in the administrators' inbox and an e-mail to each of them, once per flow. An
/// unknown user ID files a request too, so that the page cannot tell.
pub async fn contact_admin(state: &AppState, client: &Client) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    let reason = match &l.flow.step {
        Step::Stopped { why: Stop::OnPremises } => return Err(AppError::Forbidden),
        Step::Stopped { why } => match why {
            Stop::NotEnabled => "not_enabled",
            _ => "not_registered",
        },
        Step::CheckMessages => "strict",
        _ => return Err(AppError::Forbidden),
    };
    if l.finished || l.flow.contacted {
        return Err(AppError::Forbidden);
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.contacted = true;
    advance(&mut tx, &l, &next, None).await?;
    let account_id = l.account.as_ref().map(|a| a.id);
    db::admin_requests::insert(tx.conn(), account_id, l.flow.user_id.as_str(), reason, t).await?;
    let admin_link = state.config.link("/admin");
    let compose = |locale: Locale| {
        let (texts, page) = (locale.server_texts(), locale.texts());
        let reason_text = match reason {
            "not_enabled" => page.not_enabled_title,
            "not_registered" => page.not_registered_title,
            _ => texts.admin_help_reason_unknown,
        };
        ((texts.admin_help_subject)(l.flow.user_id.as_str()), (texts.admin_help_body)(l.flow.user_id.as_str(), reason_text, &admin_link))
    };
    let admins = notify::alert_admins(&mut tx, None, compose, t).await?;
    audit_in(&mut tx, &l, client, "admin_contacted", json!({ "user_id": l.flow.user_id, "reason": reason, "admins": admins }), t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Strict mode: the link from the message lets this browser's flow go on to the gates. It only
/// works in the browser that started the reset.
pub async fn continue_with(state: &AppState, client: &Client, token: &str) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::CheckMessages)?;
    let expected = l.flow.continue_hash.as_deref().ok_or(AppError::FlowEnded)?;
    if sha256_hex(token.trim()) != expected {
        return Err(AppError::FlowEnded);
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.step = Step::Gates;
    next.continue_hash = None;
    advance(&mut tx, &l, &next, None).await?;
    audit_in(&mut tx, &l, client, "reset_continued", json!({}), t).await?;
    Ok(tx.commit().await?)
}

/// Ends this browser's flow (the "Start again" and "Cancel" buttons).
pub async fn cancel(state: &AppState, client: &Client) -> Result<(), AppError> {
    if let Some(l) = live(state, client).await? {
        let mut c = state.db.acquire().await?;
        flows::finish(c.conn(), l.id, now()).await?;
    }
    Ok(())
}
