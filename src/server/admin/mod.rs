//! The admin console's server side (SPEC §5). Every admin action goes through an [`Admin`]:
//! the signed-in administrator of the request, checked once in [`admin_of`]. Each action that
//! changes something writes its audit entry in the same transaction, with [`record`].

pub mod accounts;
pub mod audit;
pub mod groups;
pub mod import;
pub mod inbox;
pub mod policy;
pub mod questions;
pub mod reports;
pub mod standing;

use super::db::accounts::Account;
use super::db::audit::{self as audit_log, Event};
use super::db::{Tx, now};
use super::{AppState, auth, session};
use crate::domain::AppError;
use crate::i18n::Locale;
use axum::http::HeaderMap;

/// The administrator behind a request, with what every admin action needs.
pub struct Admin {
    pub state: AppState,
    pub account: Account,
    pub ip: Option<String>,
    pub locale: Locale,
}

/// The signed-in administrator of a request: `NotSignedIn` without a session, `Forbidden` for
/// any account that is not an enabled, unlocked administrator whose password need not change.
pub async fn admin_of(state: &AppState, headers: &HeaderMap, ip: Option<String>, locale: Locale) -> Result<Admin, AppError> {
    let live = session::current(state, headers).await?.ok_or(AppError::NotSignedIn)?;
    let account = auth::account_of(state, &live).await?.ok_or(AppError::NotSignedIn)?;
    let locked = account.locked_until.is_some_and(|until| until > now());
    if !account.is_admin() || !account.enabled || locked || account.must_change_password {
        return Err(AppError::Forbidden);
    }
    Ok(Admin { state: state.clone(), account, ip, locale })
}

/// Appends the audit entry of an admin action to `tx` (never a secret in `detail`).
pub async fn record(tx: &mut Tx, admin: &Admin, event: &str, account_id: Option<i64>, detail: serde_json::Value) -> Result<(), AppError> {
    let entry = Event { event, actor_id: Some(admin.account.id), account_id, ip: admin.ip.as_deref(), detail };
    Ok(audit_log::append(tx, entry, now()).await?)
}
