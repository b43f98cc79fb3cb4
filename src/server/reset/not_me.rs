//! "This wasn't me": the link of a notice, and the lock it sets.

use crate::server::crypto::sha256_hex;
use crate::server::db::{self, audit, now};
use crate::server::state::AppState;
use crate::server::notify;
use crate::domain::AppError;
use serde_json::json;

use super::*;

/// What a "this wasn't me" link reports, if it can still be used.
pub async fn report_of(state: &AppState, token: &str) -> Result<Option<String>, AppError> {
    let mut c = state.db.acquire().await?;
    Ok(db::reports::find_usable(c.conn(), &sha256_hex(token.trim()), now()).await?.map(|(_, reason)| reason))
}

/// "This wasn't me": locks the account until an administrator opens it again, ends its
/// sessions, files a request in the administrators' inbox and e-mails them. Once per link.
pub async fn report_not_me(state: &AppState, client: &Client, token: &str) -> Result<(), AppError> {
    let t = now();
    let mut tx = state.db.begin().await?;
    let Some((account_id, reason)) = db::reports::use_once(tx.conn(), &sha256_hex(token.trim()), t).await? else {
        return Err(AppError::FlowEnded);
    };
    let account = db::accounts::find_by_id(tx.conn(), account_id).await?.ok_or(AppError::FlowEnded)?;
    // Locked "for ever": only an administrator unlocks it.
    db::accounts::lock_until(tx.conn(), account.id, t + 100 * 365 * 86_400).await?;
    let ended = db::sessions::delete_for_account(tx.conn(), account.id, None).await?;
    db::admin_requests::insert(tx.conn(), Some(account.id), &account.user_id, &format!("not_me:{reason}"), t).await?;
    let admin_link = state.config.link("/admin");
    let compose = |locale: Locale| {
        let texts = locale.server_texts();
        ((texts.admin_report_subject)(&account.user_id), (texts.admin_report_body)(&account.user_id, &admin_link))
    };
    notify::alert_admins(&mut tx, None, compose, t).await?;
    let e = audit::Event {
        event: "reset_reported",
        actor_id: Some(account.id),
        account_id: Some(account.id),
        ip: client.ip.as_deref(),
        detail: json!({ "reported": reason, "sessions_ended": ended }),
    };
    audit::append(&mut tx, e, t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}
