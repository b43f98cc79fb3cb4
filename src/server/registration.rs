//! The registration portal's rules (SPEC §2, codes of §6), on top of storage: what the page
//! shows, sending and checking codes, security questions, Finish, Cancel and re-confirmation.
//! Every change is audited in the same transaction, without secrets.

use super::db::{self, Tx, accounts::Account, audit, codes, flows, methods, now, outbox};
use super::session::LiveSession;
use super::state::AppState;
use super::{messages, otp, phone};
use crate::view::registration::{Choice, MethodState, Pending, Reconfirm, Registration};
use crate::domain::policy::Scope;
use crate::domain::registration::{NotEligible, auth_email, code, eligibility, mask_email};
use crate::domain::{AppError, Channel, Method, Problem, Requirements, answers};
use crate::i18n::Locale;
use serde_json::json;

/// Who is registering, under which policy, in which flow.
#[derive(Clone)]
pub struct Ctx {
    pub account: Account,
    pub requirements: Requirements,
    pub policy: crate::domain::policy::Policy,
    pub flow_id: i64,
    pub ip: Option<String>,
    pub locale: Locale,
    pub not_eligible: Option<NotEligible>,
    /// The country of the browser's language (`fr-CA` → `CA`), for the page's country list;
    /// set by the page's server function (`server::locale::region_of`).
    pub browser_region: Option<String>,
}

impl Ctx {
    /// Refuses changes for an account that cannot use password reset.
    fn ensure_eligible(&self) -> Result<(), AppError> {
        if self.not_eligible.is_some() { Err(AppError::Forbidden) } else { Ok(()) }
    }
}

/// The context of a signed-in session; a session whose password must change first gets none.
pub async fn context(state: &AppState, live: &LiveSession, ip: Option<String>, locale: Locale) -> Result<Ctx, AppError> {
    let mut c = state.db.acquire().await?;
    let account = db::accounts::find_by_id(c.conn(), live.account_id).await?.ok_or(AppError::NotSignedIn)?;
    if account.must_change_password {
        return Err(AppError::Forbidden);
    }
    let (_, policy) = db::policy::current(c.conn()).await?;
    let t = now();
    let flow_id = flows::for_session(c.conn(), "registration", &live.id_hash, account.id, t + state.config.session_absolute_secs, t)
        .await
        ?;
    let in_scope = match policy.enabled_for {
        Scope::All => true,
        Scope::None => false,
        Scope::Group(group) => db::groups::is_member(c.conn(), account.id, group).await?,
    };
    let not_eligible = eligibility(account.password_source == "on_premises", account.licensed, in_scope, account.is_admin());
    let requirements = Requirements::of(&policy, account.is_admin());
    Ok(Ctx { account, requirements, policy, flow_id, ip, locale, not_eligible, browser_region: None })
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

// ---- what the page shows ------------------------------------------------------------------

/// Everything the registration page needs, computed for the signed-in account.
pub async fn view(state: &AppState, ctx: &Ctx) -> Result<Registration, AppError> {
    let t = now();
    let texts = ctx.locale.texts();
    let mut c = state.db.acquire().await?;
    let contacts = methods::contacts(c.conn(), ctx.account.id).await?;
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
    let answered = methods::answered_questions(c.conn(), ctx.account.id).await?;
    let questions = db::questions::active(c.conn()).await?;
    let flow_state = flows::state(c.conn(), ctx.flow_id).await?;

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

    let mut states = Vec::new();
    for method in ctx.requirements.offered.iter().copied() {
        let (value, verified_at) = match method {
            Method::OfficePhone => (ctx.account.office_phone.as_deref().map(phone::mask), ctx.account.office_phone.as_ref().map(|_| 0)),
            Method::SecurityQuestions => (None, questions_ok.then_some(0)),
            _ => match contacts.iter().find(|k| k.kind == method.as_str()) {
                Some(k) => (Some(mask(method, &k.value)), k.verified_at),
                None => (None, None),
            },
        };
        let pending = match method {
            Method::AuthPhone | Method::AuthEmail => {
                match otp::pending(c.conn(), ctx.flow_id, method.as_str(), t).await? {
                    Some(k) => {
                        Some(Pending {
                            to: mask(method, &k.target),
                            channel: Channel::parse(&k.channel).unwrap_or(Channel::Email),
                            expires_in_secs: k.expires_at - t,
                            resend_in_secs: resend_wait(c.conn(), ctx.account.id, method, t).await?,
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
        countries: phone::countries(ctx.locale, Some(&default_country)),
        default_country,
        primary_email: mask_email(&ctx.account.primary_email),
        confirmed_at: ctx.account.confirmed_at.filter(|_| !ctx.account.reregister_required),
        reregister_required: ctx.account.reregister_required,
        reconfirm,
        not_eligible: ctx.not_eligible,
    })
}

// ---- codes ----------------------------------------------------------------------------------

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

// ---- methods without codes ------------------------------------------------------------------

/// Removes a registered method (the office phone is the administrator's).
pub async fn remove_method(state: &AppState, ctx: &Ctx, method: Method) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let t = now();
    let mut tx = state.db.begin().await?;
    let removed = match method {
        Method::AuthPhone | Method::AuthEmail => {
            codes::void_open(tx.conn(), ctx.account.id, method.as_str(), t).await?;
            methods::remove_contact(tx.conn(), ctx.account.id, method.as_str()).await?
        }
        Method::SecurityQuestions => methods::remove_answers(tx.conn(), ctx.account.id).await? > 0,
        Method::OfficePhone => return Err(AppError::Forbidden),
    };
    if removed {
        audit_in(&mut tx, ctx, "method_removed", json!({ "method": method.as_str() }), t).await?;
    }
    Ok(tx.commit().await?)
}

/// Registers the security questions: exactly the policy's number, checked, each answer
/// normalised and hashed with argon2id on its own.
pub async fn save_questions(state: &AppState, ctx: &Ctx, entries: &[(Option<String>, Option<String>)]) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    if !ctx.requirements.offers(Method::SecurityQuestions) {
        return Err(AppError::Forbidden);
    }
    let list = {
        let mut c = state.db.acquire().await?;
        db::questions::active(c.conn()).await?
    };
    let texts_of = |id: i64| {
        let q = list.iter().find(|q| q.id == id)?;
        Some(match (&q.predefined_key, &q.custom_text) {
            (Some(key), _) => Locale::ALL.iter().filter_map(|l| (l.texts().question)(key).map(str::to_owned)).collect(),
            (None, Some(custom)) => vec![custom.clone()],
            _ => return None,
        })
    };
    let checked = answers::check(entries, ctx.requirements.questions, texts_of)?;
    let mut hashed = Vec::with_capacity(checked.len());
    for a in &checked {
        hashed.push((a.question_id, state.hasher.hash(a.expose().to_owned()).await?));
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let replaced = methods::replace_answers(tx.conn(), ctx.account.id, &hashed, t).await?;
    let event = if replaced > 0 { "method_changed" } else { "method_added" };
    let ids: Vec<i64> = checked.iter().map(|a| a.question_id).collect();
    audit_in(&mut tx, ctx, event, json!({ "method": "security_questions", "questions": ids }), t).await?;
    Ok(tx.commit().await?)
}

// ---- finishing and re-confirming ---------------------------------------------------------------

async fn verified_methods(state: &AppState, ctx: &Ctx) -> Result<Vec<Method>, AppError> {
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
async fn void_waiting_codes(tx: &mut Tx, ctx: &Ctx, t: i64) -> Result<(), AppError> {
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

async fn confirm_again(state: &AppState, ctx: &Ctx, verified: bool, t: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    db::accounts::set_confirmed(tx.conn(), ctx.account.id, t).await?;
    flows::set_state(tx.conn(), ctx.flow_id, &json!({})).await?;
    audit_in(&mut tx, ctx, "registration_reconfirmed", json!({ "with_codes": verified }), t).await?;
    Ok(tx.commit().await?)
}

/// After a code is entered during re-confirmation: confirms once every phone and e-mail is
/// verified again.
async fn finish_reconfirmation_if_done(state: &AppState, ctx: &Ctx) -> Result<(), AppError> {
    let current = view(state, ctx).await?;
    match current.reconfirm {
        Some(r) if r.verifying && r.waiting.is_empty() => confirm_again(state, ctx, true, now()).await,
        _ => Ok(()),
    }
}
