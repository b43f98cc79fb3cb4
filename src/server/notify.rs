//! Telling people what happened to an account: its owner, on every registered address, with a
//! "this wasn't me" link; and the administrators. Messages are queued in the caller's
//! transaction, so they leave exactly when the change is committed.

use super::crypto::{random_token, sha256_hex};
use super::db::{self, Tx, accounts::Account, methods, outbox, reports};
use super::messages::{self, Addresses, Notice};
use super::state::AppState;
use crate::domain::reset::REPORT_LINK_SECS;
use crate::i18n::Locale;

/// The primary e-mail and every verified authentication e-mail and phone of the account.
pub async fn addresses(tx: &mut Tx, account: &Account) -> Result<Addresses, sqlx::Error> {
    let mut to = Addresses { emails: vec![account.primary_email.clone()], phones: Vec::new() };
    for k in methods::contacts(tx.conn(), account.id).await? {
        if k.verified_at.is_none() {
            continue;
        }
        match k.kind.as_str() {
            "auth_email" if !to.emails.contains(&k.value) => to.emails.push(k.value),
            "auth_phone" => to.phones.push(k.value),
            _ => {}
        }
    }
    Ok(to)
}

/// Tells the owner of `account` about `notice` (unless the policy turned reset notices off),
/// with a fresh "this wasn't me" link; an administrator's reset or unlock also alerts the other
/// administrators when the policy says so.
pub async fn account_changed(tx: &mut Tx, state: &AppState, account: &Account, notice: Notice, locale: Locale, t: i64) -> Result<(), sqlx::Error> {
    let (_, policy) = db::policy::current(tx.conn()).await?;
    let owner_told = notice == Notice::PasswordChanged || policy.notify_users_on_reset;
    if owner_told {
        let token = random_token();
        reports::insert(tx.conn(), &sha256_hex(&token), account.id, notice.as_str(), t, t + REPORT_LINK_SECS).await?;
        let link = state.config.link(&format!("/reset/not-me?token={token}"));
        let to = addresses(tx, account).await?;
        for m in messages::notice(locale, &state.config, notice, &account.display_name, &to, &link) {
            outbox::enqueue(tx.conn(), &m, t).await?;
        }
    }
    if account.is_admin() && notice != Notice::PasswordChanged && policy.notify_admins_on_admin_reset {
        let compose = |locale: Locale| {
            let texts = locale.server_texts();
            let what = match notice {
                Notice::Unlocked => texts.notice_unlocked_what,
                _ => texts.notice_reset_what,
            };
            ((texts.admin_reset_subject)(&account.user_id), (texts.admin_reset_body)(&account.user_id, what))
        };
        alert_admins(tx, Some(&account.primary_email), compose, t).await?;
    }
    Ok(())
}

/// E-mails every enabled administrator (but `except`, the one the news is about), each in the
/// language they last signed in with (the default language for one who never did), not in the
/// language of whoever caused the alert: `compose` writes the subject and the body.
pub async fn alert_admins(tx: &mut Tx, except: Option<&str>, compose: impl Fn(Locale) -> (String, String), t: i64) -> Result<usize, sqlx::Error> {
    let admins = db::accounts::admin_contacts(tx.conn()).await?;
    let mut sent = 0;
    for (address, language) in admins.iter().filter(|(a, _)| Some(a.as_str()) != except) {
        let locale = language.as_deref().and_then(Locale::parse).unwrap_or_default();
        let (subject, body) = compose(locale);
        outbox::enqueue(tx.conn(), &messages::email(locale, address, subject, body), t).await?;
        sent += 1;
    }
    Ok(sent)
}

/// E-mails each enabled account of `expiring` (with when its password expires) whose next
/// reminder is due ([`reminder_due`](crate::domain::policy::reminder_due)) and not yet sent, in its language, with the link to change the password;
/// audited. Each reminder is claimed in the database first, so that a node reading the
/// directory at the same time sends none twice. Returns how many were sent.
pub async fn expiry_reminders(state: &AppState, expiring: &[(Account, i64)], now: i64) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for (account, expires_at) in expiring {
        let Some(days) = crate::domain::policy::reminder_due(*expires_at, now) else { continue };
        if !account.enabled || account.primary_email.is_empty() {
            continue;
        }
        let mut tx = state.db.begin().await?;
        if !db::expiry_reminders::claim(tx.conn(), account.id, *expires_at, days, now).await? {
            continue;
        }
        let days_left = (expires_at - now + 86_399) / 86_400;
        let locale = db::accounts::language(tx.conn(), account.id).await?.as_deref().and_then(Locale::parse).unwrap_or_default();
        let t = locale.server_texts();
        let link = state.config.link("/password");
        let body = (t.expiry_reminder_body)(&account.display_name, days_left, &link, &state.config.organisation);
        outbox::enqueue(tx.conn(), &messages::email(locale, &account.primary_email, (t.expiry_reminder_subject)(days_left), body), now).await?;
        let event = db::audit::Event {
            event: "expiry_reminder_sent",
            actor_id: None,
            account_id: Some(account.id),
            ip: None,
            detail: serde_json::json!({ "days_left": days_left, "expires_at": expires_at }),
        };
        db::audit::append(&mut tx, event, now).await?;
        tx.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        state.outbox_wake.notify_one();
    }
    Ok(sent)
}
