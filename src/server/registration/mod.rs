//! The registration portal's rules (SPEC §2, codes of §6), on top of storage: what the page
//! shows, sending and checking codes, security questions, Finish, Cancel and re-confirmation.
//! Every change is audited in the same transaction, without secrets.

mod page;
mod contact;
mod questions;
mod finish;
mod recovery;

// One concern per file; the steps for the api (each file imports `super::*`, and with it the
// context and the helpers below).
pub use page::*;
pub use contact::*;
pub use questions::*;
pub use finish::*;
pub use recovery::*;

use crate::server::db::{self, Tx, accounts::Account, audit, flows, now};
use crate::server::session::LiveSession;
use crate::server::state::AppState;
use crate::server::{otp, phone};
use crate::domain::directory::PasswordSource;
use crate::domain::policy::Scope;
use crate::domain::registration::{NotEligible, eligibility, mask_email};
use crate::domain::{AppError, Method, Requirements};
use crate::i18n::Locale;

/// Who is registering, under which policy, in which flow: as read when one request began.
#[derive(Clone)]
pub struct Ctx {
    pub account: Account,
    pub requirements: Requirements,
    pub policy: crate::domain::policy::Policy,
    pub flow_id: i64,
    /// The flow's state when the request began (`editing`, `reconfirm_started_at`).
    pub flow_state: serde_json::Value,
    pub ip: Option<String>,
    pub locale: Locale,
    pub not_eligible: Option<NotEligible>,
    /// The country of the browser's language (`fr-CA` → `CA`), for the page's country list;
    /// set by the page's server function (`server::locale::region_of`).
    pub browser_region: Option<String>,
    /// This session's key, from its cookie: a new set of recovery codes is shown again from it.
    pub reveal_key: Option<crate::server::crypto::RevealKey>,
}

impl Ctx {
    /// Refuses changes for an account that cannot use password reset.
    fn ensure_eligible(&self) -> Result<(), AppError> {
        if self.not_eligible.is_some() { Err(AppError::Forbidden) } else { Ok(()) }
    }
}

/// The context of a signed-in session; a session whose password must change first gets none.
pub async fn context(state: &AppState, live: &LiveSession, ip: Option<String>, locale: Locale) -> Result<Ctx, AppError> {
    let account = crate::server::auth::account_of(state, live).await?.ok_or(AppError::NotSignedIn)?;
    let mut c = state.db.acquire().await?;
    context_on(c.conn(), state, live, account, ip, locale).await
}

/// [`context`] of `account`, read on `conn`: the page goes on reading on the same connection.
async fn context_on(mut conn: db::Conn<'_>, state: &AppState, live: &LiveSession, account: Account, ip: Option<String>, locale: Locale) -> Result<Ctx, AppError> {
    if account.must_change_password {
        return Err(AppError::Forbidden);
    }
    let (_, policy) = db::policy::current(conn.reborrow()).await?;
    let t = now();
    let (flow_id, flow_state) =
        flows::for_session(conn.reborrow(), "registration", &live.id_hash, account.id, t + state.config.session_absolute_secs, t).await?;
    let in_scope = match policy.enabled_for {
        Scope::All => true,
        Scope::None => false,
        Scope::Group(group) => db::groups::is_member(conn.reborrow(), account.id, group).await?,
    };
    let not_eligible = eligibility(account.password_source == PasswordSource::OnPremises, account.licensed, in_scope, account.is_admin());
    let requirements = Requirements::of(&policy, account.is_admin());
    Ok(Ctx { account, requirements, policy, flow_id, flow_state, ip, locale, not_eligible, browser_region: None, reveal_key: None })
}

fn contact_kind(method: Method) -> Result<&'static str, AppError> {
    match method {
        Method::AuthPhone | Method::AuthEmail => Ok(method.as_str()),
        _ => Err(AppError::Forbidden),
    }
}

fn mask(method: Method, value: &str) -> String {
    match method {
        Method::AuthEmail => mask_email(value),
        _ => phone::mask(value),
    }
}

async fn audit_in(tx: &mut Tx, ctx: &Ctx, event: &str, detail: serde_json::Value, at: i64) -> Result<(), AppError> {
    let e = audit::Event { event, actor_id: Some(ctx.account.id), account_id: Some(ctx.account.id), ip: ctx.ip.as_deref(), detail };
    Ok(audit::append(tx, e, at).await?)
}

/// Seconds until another code may be sent for `method` (0: now).
async fn resend_wait(conn: db::Conn<'_>, account_id: i64, method: Method, t: i64) -> Result<i64, AppError> {
    otp::resend_wait(conn, account_id, method.as_str(), t).await
}
