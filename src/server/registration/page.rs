//! What the registration page shows: every offered method with its state, the progress
//! towards Finish, the questions and countries to choose from.

use crate::server::crypto::RevealKey;
use crate::server::db::{self, methods, now};
use crate::server::state::AppState;
use crate::server::{otp, phone};
use crate::view::registration::{Choice, MethodState, Pending, Reconfirm, Registration};
use crate::domain::registration::mask_email;
use crate::domain::{AppError, Channel, Method};
use crate::i18n::Locale;

use super::*;

/// The registration page of a signed-in session, read on one connection (a page view takes
/// one from the pool, not one per step); `None` when the account is gone or must change its
/// password first. `browser_region` is the country of the browser's language; `reveal_key`
/// the session's, to show a new set of recovery codes.
pub async fn page(
    state: &AppState,
    live: &LiveSession,
    locale: Locale,
    browser_region: Option<String>,
    reveal_key: Option<RevealKey>,
) -> Result<Option<Registration>, AppError> {
    let Some(account) = crate::server::auth::account_of(state, live).await?.filter(|a| !a.must_change_password) else { return Ok(None) };
    let mut c = state.db.acquire().await?;
    let ctx = Ctx { browser_region, reveal_key, ..context_on(c.conn(), state, live, account, None, locale).await? };
    view_on(c.conn(), &ctx).await.map(Some)
}

/// Everything the registration page needs, computed for the signed-in account.
pub async fn view(state: &AppState, ctx: &Ctx) -> Result<Registration, AppError> {
    let mut c = state.db.acquire().await?;
    view_on(c.conn(), ctx).await
}

async fn view_on(mut conn: db::Conn<'_>, ctx: &Ctx) -> Result<Registration, AppError> {
    let t = now();
    let texts = ctx.locale.texts();
    let (contacts, recovery) = methods::contacts_and_recovery_codes(conn.reborrow(), ctx.account.id).await?;
    // The country list opens on the user's likely country: that of the phone they registered,
    // else of their office phone, else of their browser's language (`fr-CA`), else the language's.
    let registered_phone = contacts.iter().find(|k| k.kind == Method::AuthPhone.as_str()).map(|k| k.value.as_str());
    let default_country = registered_phone
        .or(ctx.account.office_phone.as_deref())
        .and_then(phone::country_of)
        .or_else(|| ctx.browser_region.clone())
        .unwrap_or_else(|| match ctx.locale {
            Locale::Fr => "FR".to_owned(),
            Locale::En => "US".to_owned(),
        });
    let answered = methods::answered_questions(conn.reborrow(), ctx.account.id).await?;
    let questions = db::questions::active(conn.reborrow()).await?;
    let flow_state = &ctx.flow_state;

    let choices: Vec<Choice> = questions
        .iter()
        .filter_map(|q| {
            let text = match (&q.predefined_key, &q.custom_text) {
                (Some(key), _) => (texts.question)(key)?.to_owned(),
                (None, Some(custom)) => custom.clone(),
                _ => return None,
            };
            Some(Choice { id: q.id, text })
        })
        .collect();
    let questions_ok = answered.len() >= usize::from(ctx.requirements.questions)
        && answered.iter().all(|id| choices.iter().any(|c| c.id == *id));

    let recovery = if ctx.requirements.offers(Method::RecoveryCodes) { recovery } else { methods::RecoveryCodes::default() };
    let new_recovery_codes = if recovery.created_at.is_some() { shown_once(conn.reborrow(), ctx).await? } else { Vec::new() };
    let mut pending_codes = otp::pending_per_purpose(conn.reborrow(), ctx.flow_id, t).await?;
    let mut states = Vec::new();
    for method in ctx.requirements.offered.iter().copied() {
        let (value, verified_at) = match method {
            Method::OfficePhone => (ctx.account.office_phone.as_deref().map(phone::mask), ctx.account.office_phone.as_ref().map(|_| 0)),
            Method::SecurityQuestions => (None, questions_ok.then_some(0)),
            Method::RecoveryCodes => (None, recovery.created_at.filter(|_| recovery.left > 0)),
            _ => match contacts.iter().find(|k| k.kind == method.as_str()) {
                Some(k) => (Some(mask(method, &k.value)), k.verified_at),
                None => (None, None),
            },
        };
        let pending = match method {
            Method::AuthPhone | Method::AuthEmail => {
                let at = pending_codes.iter().position(|k| k.purpose == method.as_str());
                match at.map(|at| pending_codes.swap_remove(at)) {
                    Some(k) => {
                        Some(Pending {
                            to: mask(method, &k.target),
                            channel: Channel::parse(&k.channel).unwrap_or(Channel::Email),
                            expires_in_secs: k.expires_at - t,
                            resend_in_secs: resend_wait(conn.reborrow(), ctx.account.id, method, t).await?,
                        })
                    }
                    None => None,
                }
            }
            _ => None,
        };
        states.push(MethodState { method, value, verified: verified_at.is_some(), verified_at, pending });
    }
    let verified: Vec<Method> = states.iter().filter(|s| s.verified).map(|s| s.method).collect();
    let finish = ctx.requirements.check_finish(&verified).err();

    // Re-confirmation: registered, confirmed long enough ago, and not chosen to edit.
    let days = i64::from(ctx.policy.reconfirm_after_days);
    let due = finish.is_none()
        && ctx.not_eligible.is_none()
        && !ctx.account.reregister_required
        && days > 0
        && ctx.account.confirmed_at.is_some_and(|at| t - at > days * 86_400)
        && flow_state.get("editing").is_none();
    let reconfirm = due.then(|| {
        let started = flow_state.get("reconfirm_started_at").and_then(|v| v.as_i64());
        let waiting = match started {
            Some(started) => states
                .iter()
                .filter(|s| matches!(s.method, Method::AuthPhone | Method::AuthEmail) && s.verified_at.is_some_and(|v| v < started))
                .map(|s| s.method)
                .collect(),
            None => Vec::new(),
        };
        Reconfirm { verifying: started.is_some(), waiting }
    });

    Ok(Registration {
        user_id: ctx.account.user_id.clone(),
        display_name: ctx.account.display_name.clone(),
        requirements: ctx.requirements.clone(),
        methods: states,
        finish,
        choices,
        answered,
        recovery_codes_left: u8::try_from(recovery.left).unwrap_or(u8::MAX),
        new_recovery_codes,
        countries: phone::countries(ctx.locale, Some(&default_country)),
        default_country,
        primary_email: mask_email(&ctx.account.primary_email),
        confirmed_at: ctx.account.confirmed_at.filter(|_| !ctx.account.reregister_required),
        reregister_required: ctx.account.reregister_required,
        reconfirm,
        not_eligible: ctx.not_eligible,
    })
}
