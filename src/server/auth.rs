//! Sign-in, sign-out and changes of password (required, or chosen on /password): the rules,
//! on top of storage.

use super::db::{self, accounts::Account, audit, limits, now};
use super::directory::PasswordWrite;
use super::session;
use super::state::AppState;
use crate::domain::{AppError, Field, NewPassword, Problem, UserId, lockout};
use crate::i18n::Locale;
use serde_json::json;

/// The throttling key of an account's sign-in failures (cleared by a reset, an unlock or an admin).
pub fn sign_in_key(user_id: &str) -> String {
    format!("sign_in:{user_id}")
}

fn address_key(ip: &str) -> String {
    format!("sign_in_ip:{ip}")
}

/// Refuses at once while the account's sign-in key or the client's address is blocked.
async fn ensure_not_blocked(mut conn: db::Conn<'_>, key: &str, ip: Option<&str>, t: i64) -> Result<(), AppError> {
    for k in std::iter::once(key.to_owned()).chain(ip.map(address_key)) {
        if let Some(until) = limits::blocked_until(conn.reborrow(), &k, t).await? {
            return Err(AppError::Locked { retry_after_secs: until - t });
        }
    }
    Ok(())
}

/// Counts a wrong password against the account's key and the client's address, blocking them
/// past their limits; returns the account's failures in a row.
async fn count_failure(state: &AppState, tx: &mut db::Tx, key: &str, ip: Option<&str>, t: i64) -> Result<i64, AppError> {
    let failures = limits::add_failure(tx.conn(), key, t).await?;
    if let Some(wait) = lockout::wait_after(failures) {
        limits::block(tx.conn(), key, t + wait).await?;
    }
    if let Some(ip) = ip {
        let k = address_key(ip);
        let from_address = limits::add_in_window(tx.conn(), &k, t, lockout::ADDRESS_WINDOW_SECS).await?;
        if from_address >= state.config.sign_in_address_limit {
            limits::block(tx.conn(), &k, t + lockout::ADDRESS_WINDOW_SECS).await?;
        }
    }
    Ok(failures)
}

/// Remembers the language the account signed in with, so that what is written to this person
/// later (an administrator's alerts) is in their language.
pub async fn remember_language(state: &AppState, account_id: i64, locale: Locale) -> Result<(), AppError> {
    let mut c = state.db.acquire().await?;
    Ok(db::accounts::set_language(c.conn(), account_id, locale.code()).await?)
}

/// Checks the user ID and password; on success starts a new session and returns the account
/// with the `Set-Cookie` value. An unknown user ID and a wrong password give the same error,
/// after the same argon2 work, and both count toward the lock-out.
#[tracing::instrument(skip_all)]
pub async fn sign_in(state: &AppState, raw_user_id: &str, password: String, ip: Option<&str>) -> Result<(Account, String), AppError> {
    let user_id = UserId::parse(raw_user_id)?;
    if password.is_empty() {
        return Err(AppError::field(Field::Password, Problem::Required));
    }
    if password.chars().count() > 1024 {
        return Err(AppError::BadCredentials);
    }
    let key = sign_in_key(user_id.as_str());
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &key, ip, t).await?;
    }
    let account = state.directory.find(&state.db, &user_id).await?;
    let verified = state.directory.check_password(state, account.as_ref(), &password).await?;

    let mut tx = state.db.begin().await?;
    let account_id = account.as_ref().map(|a| a.id);
    let Some(account) = account.filter(|_| verified.ok) else {
        let failures = count_failure(state, &mut tx, &key, ip, t).await?;
        let event = audit::Event { event: "sign_in_failed", actor_id: None, account_id, ip, detail: json!({ "failures": failures }) };
        audit::append(&mut tx, event, t).await?;
        tx.commit().await?;
        return Err(AppError::BadCredentials);
    };
    if !account.enabled {
        return Err(AppError::Disabled);
    }
    // Locked by an administrator or by "this wasn't me": only the right password learns it.
    if account.locked_until.is_some_and(|u| u > t) {
        return Err(AppError::AccountLocked);
    }
    limits::clear(tx.conn(), &key).await?;
    let cookie = session::start(tx.conn(), &state.config, account.id).await?;
    let event = audit::Event { event: "sign_in", actor_id: Some(account.id), account_id: Some(account.id), ip, detail: json!({}) };
    audit::append(&mut tx, event, t).await?;
    tx.commit().await?;

    if verified.needs_rehash {
        let fresh = state.hasher.hash(password).await?;
        let mut c = state.db.acquire().await?;
        db::accounts::upgrade_password_hash(c.conn(), account.id, &account.password_hash, &fresh).await?;
    }
    Ok((account, cookie))
}

/// Ends the session with this hash.
pub async fn sign_out(state: &AppState, live: &session::LiveSession, ip: Option<&str>) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    db::sessions::delete(tx.conn(), &live.id_hash).await?;
    let event = audit::Event { event: "sign_out", actor_id: Some(live.account_id), account_id: Some(live.account_id), ip, detail: json!({}) };
    audit::append(&mut tx, event, now()).await?;
    Ok(tx.commit().await?)
}

/// The signed-in account of this session, if it still exists.
pub async fn account_of(state: &AppState, live: &session::LiveSession) -> Result<Option<Account>, AppError> {
    session::RequestMemo::account(state, live).await
}

/// Checks the current password of a signed-in account before it is changed, under the sign-in
/// lock-out: a wrong one counts as a failed sign-in, so that the page cannot be used to guess.
#[tracing::instrument(skip_all, fields(account = account.id))]
pub async fn check_current_password(state: &AppState, account: &Account, current: String, ip: Option<&str>) -> Result<(), AppError> {
    if current.is_empty() {
        return Err(AppError::field(Field::CurrentPassword, Problem::Required));
    }
    let key = sign_in_key(&account.user_id);
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &key, ip, t).await?;
    }
    let ok = current.chars().count() <= 1024 && state.directory.check_password(state, Some(account), &current).await?.ok;
    let mut tx = state.db.begin().await?;
    if !ok {
        let failures = count_failure(state, &mut tx, &key, ip, t).await?;
        let detail = json!({ "failures": failures, "while": "change_password" });
        let event = audit::Event { event: "sign_in_failed", actor_id: Some(account.id), account_id: Some(account.id), ip, detail };
        audit::append(&mut tx, event, t).await?;
        tx.commit().await?;
        return Err(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword));
    }
    if !account.enabled {
        return Err(AppError::Disabled);
    }
    if account.locked_until.is_some_and(|u| u > t) {
        return Err(AppError::AccountLocked);
    }
    limits::clear(tx.conn(), &key).await?;
    Ok(tx.commit().await?)
}

/// Sets a new password chosen by the signed-in user (`current`: the password it replaces, when
/// the user typed it; none when an administrator requires the change): ends every other
/// session of the account and tells the user by e-mail, in the same transaction.
#[tracing::instrument(skip_all, fields(account = account.id))]
#[allow(clippy::too_many_arguments)]
pub async fn change_password(
    state: &AppState,
    account: &Account,
    live: &session::LiveSession,
    current: Option<&str>,
    new: &str,
    confirm: &str,
    locale: Locale,
    ip: Option<&str>,
) -> Result<(), AppError> {
    let hash = write_new_password(state, account, current, new, confirm).await?;
    let t = now();
    let mut tx = state.db.begin().await?;
    db::accounts::set_password(tx.conn(), account.id, &hash, false).await?;
    let ended = db::sessions::delete_for_account(tx.conn(), account.id, Some(&live.id_hash)).await?;
    super::notify::account_changed(&mut tx, state, account, super::messages::Notice::PasswordChanged, locale, t).await?;
    let event = audit::Event {
        event: "password_changed",
        actor_id: Some(account.id),
        account_id: Some(account.id),
        ip,
        detail: json!({ "other_sessions_ended": ended, "was_required": account.must_change_password }),
    };
    audit::append(&mut tx, event, t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// A new password for `account`, checked by the password rules (SPEC §6), then written where the
/// account's password lives (the directory checks it against the one it replaces, and against
/// its own rules): every way of setting a password chosen by its owner starts here. Returns
/// what the account's row keeps; the caller records it with the rest of the change.
pub async fn write_new_password(state: &AppState, account: &Account, current: Option<&str>, new: &str, confirm: &str) -> Result<String, AppError> {
    let ctx = password_context(state, account).await?;
    let new = NewPassword::parse(new, confirm, &ctx)?;
    let write = match current {
        Some(current) => PasswordWrite::Change { current, new: new.expose() },
        None => PasswordWrite::Reset { new: new.expose() },
    };
    state.directory.write_password(state, account, write).await
}

/// The password rules of the account: two registered methods lower the minimum (SPEC §6).
pub async fn password_context(state: &AppState, account: &Account) -> Result<crate::domain::PasswordContext, AppError> {
    let mut ctx = crate::domain::PasswordContext::new(&account.user_id, &account.display_name, &state.config.organisation);
    let mut c = state.db.acquire().await?;
    let registered = db::methods::registered(c.conn(), Some(account), account.id).await?;
    let count = [registered.auth_phone, registered.office_phone, registered.auth_email, registered.questions > 0].iter().filter(|b| **b).count();
    ctx.two_methods = count >= 2;
    Ok(ctx)
}
