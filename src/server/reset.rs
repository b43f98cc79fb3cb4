//! The reset portal's steps (SPEC §3, with the throttling and flow rules of §6), on top of
//! storage: the proof-of-work challenge, the start with its seed error cases, the gates, the
//! new password or the unlock, "contact an administrator" and "this wasn't me".
//!
//! A reset flow lives on the server, bound to this browser by its own cookie (SameSite=Strict).
//! Each step reads the flow, checks that it is that step's turn, and moves the flow forward with
//! one guarded write (`flows::advance`), so a step run out of order, replayed, run in parallel
//! or from another browser is refused. Every step is audited in the same transaction.

use super::config::Config;
use super::crypto::{random_token, sha256_hex};
use super::db::{self, Tx, accounts::Account, audit, flows, limits, methods, now, outbox};
use super::messages::{self, CodeUse, Notice};
use super::state::AppState;
use super::{notify, otp, phone};
use crate::view::registration::Choice;
use crate::view::reset::{OpenView, ResetPage, ResetView};
use crate::domain::policy::{Policy, Scope};
use crate::domain::pow::{self, Challenge};
use crate::domain::registration::mask_email;
use crate::domain::reset::{self as rules, Facts, Flow, Gate, OpenGate, ResetLimit, Step, Stop};
use crate::domain::{AppError, Channel, Field, Method, NewPassword, Problem, Requirements, UserId, answers};
use crate::i18n::{Locale, Texts};
use hmac::{Hmac, Mac};
use rand::seq::SliceRandom;
use serde_json::json;
use sha2::Sha256;

/// What a step knows of the request it serves.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub locale: Locale,
    /// The value of this browser's reset cookie, if it sent one.
    pub cookie: Option<String>,
}

// ---- the flow cookie ---------------------------------------------------------------------------

/// `__Host-` prefixed and `Secure` over HTTPS, like the session cookie.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() { "__Host-sspr_reset" } else { "sspr_reset" }
}

/// The `Set-Cookie` value of a reset flow: SameSite=Strict, so no other site can drive it.
pub fn set_cookie(config: &Config, value: &str, max_age: i64) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}", cookie_name(config))
}

// ---- the proof of work ------------------------------------------------------------------------

/// Challenges live ten minutes.
const CHALLENGE_SECS: i64 = 600;

async fn challenge_key(state: &AppState) -> Result<String, AppError> {
    let mut c = state.db.acquire().await?;
    Ok(db::secrets::get_or_create(c.conn(), "pow_key", &random_token()).await?)
}

fn sign(key: &str, payload: &str) -> Result<Hmac<Sha256>, AppError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).map_err(|_| AppError::Internal)?;
    mac.update(payload.as_bytes());
    Ok(mac)
}

/// A fresh challenge: `expiry.random.bits.mac`, signed with the installation's key so that any
/// node can check it without storing it. Its difficulty grows with the client address's recent
/// volume of starts (`rules::pow_bits`).
pub async fn challenge(state: &AppState, client: &Client) -> Result<Challenge, AppError> {
    let key = challenge_key(state).await?;
    let bits = difficulty(state, client, now()).await?;
    let payload = format!("{}.{}.{bits}", now() + CHALLENGE_SECS, &random_token()[..22]);
    let mac = hex::encode(sign(&key, &payload)?.finalize().into_bytes());
    Ok(Challenge { token: format!("{payload}.{mac}"), bits })
}

/// The proof of work's difficulty for this client's address now.
async fn difficulty(state: &AppState, client: &Client, t: i64) -> Result<u8, AppError> {
    let mut c = state.db.acquire().await?;
    let recent = limits::count_in_window(c.conn(), &address_key(client), t, rules::ADDRESS_WINDOW_SECS).await?;
    Ok(rules::pow_bits(state.config.pow_bits, state.config.pow_max_bits, recent))
}

/// Checks a solved challenge: signed by us, not expired, as hard as the address's volume asks
/// (`rules::pow_accepted`), solved, and never used before (the last check is one atomic insert).
async fn check_challenge(state: &AppState, client: &Client, token: &str, nonce: &str, t: i64) -> Result<(), AppError> {
    let parts: Vec<&str> = token.split('.').collect();
    let [expires, random, bits, mac] = parts.as_slice() else { return Err(AppError::Challenge) };
    let key = challenge_key(state).await?;
    let payload = format!("{expires}.{random}.{bits}");
    let mac = hex::decode(mac).map_err(|_| AppError::Challenge)?;
    sign(&key, &payload)?.verify_slice(&mac).map_err(|_| AppError::Challenge)?;
    let expires: i64 = expires.parse().map_err(|_| AppError::Challenge)?;
    let bits: u8 = bits.parse().map_err(|_| AppError::Challenge)?;
    let nonce: u64 = nonce.trim().parse().map_err(|_| AppError::Challenge)?;
    let required = difficulty(state, client, t).await?;
    if expires <= t || !rules::pow_accepted(bits, state.config.pow_bits, required) || !pow::solves(token, nonce, bits) {
        return Err(AppError::Challenge);
    }
    let mut c = state.db.acquire().await?;
    let uses = limits::add_in_window(c.conn(), &format!("pow:{}", sha256_hex(token)), t, CHALLENGE_SECS * 2).await?;
    if uses > 1 { Err(AppError::Challenge) } else { Ok(()) }
}

// ---- throttling ---------------------------------------------------------------------------------
//
// Per account (Entra's rule, kept exactly): 5 starts and 5 failed verifications an hour, then a
// day's block. Per client address, which a whole office may share: a proof of work that grows
// with the address's volume, a high ceiling of starts and a ceiling of failures per 15 minutes,
// each followed by a 15-minute cool-down only (see `domain::reset`).

pub fn attempts_key(user_id: &str) -> String {
    format!("reset:{user_id}")
}

pub fn failures_key(user_id: &str) -> String {
    format!("reset_failures:{user_id}")
}

fn address(client: &Client) -> &str {
    client.ip.as_deref().unwrap_or("unknown")
}

fn address_key(client: &Client) -> String {
    format!("reset_ip:{}", address(client))
}

fn address_failures_key(client: &Client) -> String {
    format!("reset_ip_failures:{}", address(client))
}

/// One throttling counter: its key, the limit it enforces and how many it allows.
struct Counter {
    key: String,
    limit: ResetLimit,
    allowed: i64,
}

/// The window a limit counts in and how long going over it blocks.
fn window_and_block(limit: ResetLimit) -> (i64, i64) {
    match limit {
        ResetLimit::AccountAttempts | ResetLimit::AccountFailures => (rules::WINDOW_SECS, rules::BLOCK_SECS),
        ResetLimit::AddressAttempts | ResetLimit::AddressFailures => (rules::ADDRESS_WINDOW_SECS, rules::ADDRESS_WINDOW_SECS),
    }
}

fn limited(limit: ResetLimit, retry_after_secs: i64) -> AppError {
    AppError::ResetLimited { limit, retry_after_secs }
}

/// The blocks that stop a step of `user_id`'s flow from this client: the account's failures
/// (checked first: a failure block also blocks starts), its starts, the address's failures.
fn gate_blocks(user_id: &str, client: &Client) -> [(String, ResetLimit); 3] {
    [
        (failures_key(user_id), ResetLimit::AccountFailures),
        (attempts_key(user_id), ResetLimit::AccountAttempts),
        (address_failures_key(client), ResetLimit::AddressFailures),
    ]
}

/// Refuses, saying which limit and until when, when any of `keys` is blocked.
async fn ensure_not_blocked(conn: db::Conn<'_>, keys: &[(String, ResetLimit)], t: i64) -> Result<(), AppError> {
    let mut conn = conn;
    for (k, limit) in keys {
        if let Some(until) = limits::blocked_until(conn.reborrow(), k, t).await? {
            return Err(limited(*limit, until - t));
        }
    }
    Ok(())
}

/// Counts one start on each counter in its window, in order; the first that goes over its
/// limit is blocked (a day for an account, a cool-down for an address), the later ones are not
/// counted, and its limit is returned. Each count is one atomic statement: of many parallel
/// requests, exactly `allowed` get through.
async fn count_attempt(tx: &mut Tx, counters: &[Counter], t: i64) -> Result<Option<ResetLimit>, AppError> {
    for c in counters {
        let (window, block) = window_and_block(c.limit);
        let n = limits::add_in_window(tx.conn(), &c.key, t, window).await?;
        if n > c.allowed {
            limits::block(tx.conn(), &c.key, t + block).await?;
            return Ok(Some(c.limit));
        }
    }
    Ok(None)
}

fn limit_name(limit: ResetLimit) -> &'static str {
    match limit {
        ResetLimit::AccountAttempts => "attempts",
        ResetLimit::AccountFailures => "failures",
        ResetLimit::AddressAttempts => "address_attempts",
        ResetLimit::AddressFailures => "address_failures",
    }
}

// ---- starting ---------------------------------------------------------------------------------

/// What a new reset learns about the user ID: the same queries run whether or not an account
/// has it, so that both take the same time.
async fn facts_of(state: &AppState, user_id: &UserId, t: i64) -> Result<(Option<Account>, Policy, Facts, bool), AppError> {
    let mut c = state.db.acquire().await?;
    let account = db::accounts::find_by_user_id(c.conn(), user_id).await?;
    let (_, policy) = db::policy::current(c.conn()).await?;
    let id = account.as_ref().map_or(-1, |a| a.id);
    let registered = methods::registered(c.conn(), account.as_ref(), id).await?;
    let in_scope = match policy.enabled_for {
        Scope::All => true,
        Scope::None => false,
        Scope::Group(group) => db::groups::is_member(c.conn(), id, group).await?,
    };
    let locked_out = limits::blocked_until(c.conn(), &super::auth::sign_in_key(user_id.as_str()), t).await?.is_some();
    let facts = match &account {
        Some(a) => Facts {
            exists: true,
            enabled: a.enabled,
            admin_locked: a.locked_until.is_some_and(|u| u > t),
            on_premises: a.password_source == "on_premises",
            licensed: a.licensed,
            in_scope,
            is_admin: a.is_admin(),
            registered,
        },
        None => Facts::default(),
    };
    Ok((account, policy, facts, locked_out))
}


fn outcome_name(outcome: &Result<Vec<Gate>, Stop>) -> &'static str {
    match outcome {
        Ok(_) => "gates",
        Err(Stop::OnPremises) => "on_premises",
        Err(Stop::NotEnabled) => "not_enabled",
        Err(Stop::NotRegistered) => "not_registered",
    }
}

/// Starts a reset for `raw_user_id`: checks the proof of work (or, without one, applies the
/// stricter per-address limit), counts the attempt per account and per address, decides the
/// outcome, and binds a new flow to this browser. Returns the flow's `Set-Cookie` value.
#[tracing::instrument(skip_all)]
pub async fn start(state: &AppState, client: &Client, raw_user_id: &str, challenge: &str, nonce: &str) -> Result<String, AppError> {
    let user_id = UserId::parse(raw_user_id)?;
    let t = now();
    let solved = !nonce.trim().is_empty();
    if solved {
        check_challenge(state, client, challenge, nonce, t).await?;
    }

    // Throttling first, identical for every user ID, known or not. The address's counters come
    // first, so that an address cooling down uses up no account's starts.
    let address_limit = state.config.reset_address_limit;
    let mut counters = vec![Counter { key: address_key(client), limit: ResetLimit::AddressAttempts, allowed: address_limit }];
    if !solved {
        let key = format!("reset_ip_no_script:{}", address(client));
        counters.push(Counter { key, limit: ResetLimit::AddressAttempts, allowed: rules::no_script_limit(address_limit) });
    }
    counters.push(Counter { key: attempts_key(user_id.as_str()), limit: ResetLimit::AccountAttempts, allowed: rules::ATTEMPTS_PER_WINDOW });
    let mut blocks: Vec<(String, ResetLimit)> = gate_blocks(user_id.as_str(), client).into();
    blocks.extend(counters.iter().map(|c| (c.key.clone(), c.limit)));
    {
        let mut tx = state.db.begin().await?;
        ensure_not_blocked(tx.conn(), &blocks, t).await?;
        if let Some(limit) = count_attempt(&mut tx, &counters, t).await? {
            let detail = json!({ "user_id": user_id.as_str(), "why": limit_name(limit) });
            let event = audit::Event { event: "reset_blocked", actor_id: None, account_id: None, ip: client.ip.as_deref(), detail };
            audit::append(&mut tx, event, t).await?;
            tx.commit().await?;
            return Err(limited(limit, window_and_block(limit).1));
        }
        tx.commit().await?;
    }

    let (account, policy, facts, locked_out) = facts_of(state, &user_id, t).await?;
    let req = Requirements::of(&policy, facts.is_admin);
    let outcome = rules::decide(&facts, &req, policy.questions_at_reset);
    let step = match (&outcome, policy.strict_privacy) {
        (_, true) => Step::CheckMessages,
        (Ok(_), false) => Step::Gates,
        (Err(why), false) => Step::Stopped { why: *why },
    };
    let mut flow = Flow::new(user_id.as_str(), step, req.required);
    flow.locked_out = locked_out && outcome.is_ok();
    let continue_token = (policy.strict_privacy && outcome.is_ok()).then(random_token);
    flow.continue_hash = continue_token.as_deref().map(sha256_hex);

    let token = random_token();
    let mut tx = state.db.begin().await?;
    if let Some(old) = &client.cookie {
        if let Some(row) = flows::find(tx.conn(), &sha256_hex(old), "reset", t).await? {
            flows::finish(tx.conn(), row.id, t).await?;
        }
    }
    let account_id = account.as_ref().map(|a| a.id);
    let state_json = serde_json::to_string(&flow).map_err(|_| AppError::Internal)?;
    flows::insert(tx.conn(), &sha256_hex(&token), "reset", account_id, &state_json, t, t + rules::FLOW_SECS).await?;
    if policy.strict_privacy {
        if let Some(a) = &account {
            strict_messages(&mut tx, state, a, &outcome, continue_token.as_deref(), &policy, client.locale, t).await?;
        }
    }
    let detail = json!({ "user_id": user_id.as_str(), "outcome": outcome_name(&outcome), "proof_of_work": solved, "strict": policy.strict_privacy });
    let event = audit::Event { event: "reset_started", actor_id: None, account_id, ip: client.ip.as_deref(), detail };
    audit::append(&mut tx, event, t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(set_cookie(&state.config, &token, rules::FLOW_SECS))
}

/// Strict mode: the detail goes to the account's own addresses instead of the page. An account
/// that can reset gets a link to go on in this browser; one that cannot gets the seed's text.
#[allow(clippy::too_many_arguments)]
async fn strict_messages(tx: &mut Tx, state: &AppState, account: &Account, outcome: &Result<Vec<Gate>, Stop>, continue_token: Option<&str>, policy: &Policy, locale: Locale, t: i64) -> Result<(), AppError> {
    let texts = locale.texts();
    let to = notify::addresses(tx, account).await?;
    let name = &account.display_name;
    let messages = match (outcome, continue_token) {
        (Ok(_), Some(token)) => {
            let link = state.config.link(&format!("/reset?continue={token}"));
            let body = (texts.strict_continue_body)(name, &link);
            let sms = (texts.strict_continue_sms)(&state.config.organisation, &link);
            // The primary mailbox may be the one locked: every verified address gets the link.
            let mut all: Vec<outbox::Message> = to
                .emails
                .iter()
                .map(|e| messages::email(locale, e, texts.strict_continue_subject.to_owned(), body.clone()))
                .collect();
            all.extend(to.phones.iter().map(|p| outbox::Message {
                channel: outbox::Channel::Sms,
                recipient: p.clone(),
                subject: String::new(),
                body: sms.clone(),
                language: locale.code().to_owned(),
            }));
            all
        }
        (Err(why), _) => {
            let (title, text) = stop_texts(locale, *why);
            let helpdesk = policy.helpdesk_link.clone().unwrap_or_default();
            let body = (texts.strict_detail_body)(name, title, text, &helpdesk);
            to.emails.iter().map(|e| messages::email(locale, e, texts.strict_detail_subject.to_owned(), body.clone())).collect()
        }
        _ => Vec::new(),
    };
    for m in &messages {
        outbox::enqueue(tx.conn(), m, t).await?;
    }
    Ok(())
}

/// The seed's title and text for a stop, in `locale`.
pub fn stop_texts(locale: Locale, why: Stop) -> (&'static str, &'static str) {
    let t = locale.texts();
    match why {
        Stop::OnPremises => (t.on_premises_title, t.on_premises_body),
        Stop::NotEnabled => (t.not_enabled_title, t.not_enabled_body),
        Stop::NotRegistered => (t.not_registered_title, t.not_registered_body),
    }
}

// ---- the live flow --------------------------------------------------------------------------------

/// This browser's reset flow, read for one step.
struct Live {
    id: i64,
    account: Option<Account>,
    flow: Flow,
    /// The state exactly as stored: the guard of the next write.
    stored: String,
    finished: bool,
}

impl Live {
    fn account(&self) -> Result<&Account, AppError> {
        self.account.as_ref().ok_or(AppError::Forbidden)
    }

    /// Refuses unless the flow is unfinished and at `step`.
    fn at(&self, step: &Step) -> Result<(), AppError> {
        if self.finished {
            Err(AppError::FlowEnded)
        } else if &self.flow.step != step {
            Err(AppError::Forbidden)
        } else {
            Ok(())
        }
    }
}

async fn live(state: &AppState, client: &Client) -> Result<Option<Live>, AppError> {
    let Some(cookie) = &client.cookie else { return Ok(None) };
    let mut c = state.db.acquire().await?;
    let Some(row) = flows::find(c.conn(), &sha256_hex(cookie), "reset", now()).await? else { return Ok(None) };
    let Ok(flow) = serde_json::from_str::<Flow>(&row.state) else { return Ok(None) };
    let account = match row.account_id {
        Some(id) => db::accounts::find_by_id(c.conn(), id).await?,
        None => None,
    };
    Ok(Some(Live { id: row.id, account, flow, stored: row.state, finished: row.finished_at.is_some() }))
}

async fn live_or_ended(state: &AppState, client: &Client) -> Result<Live, AppError> {
    live(state, client).await?.ok_or(AppError::FlowEnded)
}

/// Writes the flow's next state, guarded by the state read at the start of the step.
async fn advance(tx: &mut Tx, live: &Live, next: &Flow, finish: Option<i64>) -> Result<(), AppError> {
    let to = serde_json::to_string(next).map_err(|_| AppError::Internal)?;
    if flows::advance(tx.conn(), live.id, &live.stored, &to, finish).await? { Ok(()) } else { Err(AppError::FlowEnded) }
}

async fn audit_in(tx: &mut Tx, live: &Live, client: &Client, event: &str, detail: serde_json::Value, t: i64) -> Result<(), AppError> {
    let account_id = live.account.as_ref().map(|a| a.id);
    let e = audit::Event { event, actor_id: None, account_id, ip: client.ip.as_deref(), detail };
    Ok(audit::append(tx, e, t).await?)
}

/// The gates this flow's account can use now (its registration or the policy may have changed
/// since the start) and the requirements behind them.
async fn current_gates(state: &AppState, account: &Account) -> Result<(Policy, Requirements, Vec<Gate>), AppError> {
    let user_id = UserId::parse(&account.user_id)?;
    let (_, policy, facts, _) = facts_of(state, &user_id, now()).await?;
    let req = Requirements::of(&policy, facts.is_admin);
    let gates = rules::decide(&facts, &req, policy.questions_at_reset).map_err(|_| AppError::Forbidden)?;
    Ok((policy, req, gates))
}

fn purpose(method: Method) -> String {
    format!("reset:{}", method.as_str())
}

// ---- what the page shows -----------------------------------------------------------------------------

/// The reset page for this browser: where its flow stands. A flow in the middle of its gates is
/// shown at every visit; any other (a seed's error page, the new password, the end) only when
/// `resume`, right after the step that led there. A new visit ends such a flow and starts a new
/// reset: at a shared computer, the next person never sees the last one's result.
pub async fn view(state: &AppState, client: &Client, resume: bool) -> Result<ResetView, AppError> {
    let helpdesk = {
        let mut c = state.db.acquire().await?;
        db::policy::current(c.conn()).await?.1.helpdesk_link
    };
    let page = match live(state, client).await? {
        Some(l) if !l.finished && l.flow.step == Step::Gates => page_of(state, client, &l).await?,
        Some(l) if resume => match (l.finished, &l.flow.step) {
            (true, Step::Done) => ResetPage::Done { unlocked: false },
            (true, Step::Unlocked) => ResetPage::Done { unlocked: true },
            (true, _) => ResetPage::Start { challenge: challenge(state, client).await? },
            (false, _) => page_of(state, client, &l).await?,
        },
        Some(l) => {
            let mut c = state.db.acquire().await?;
            flows::forget(c.conn(), l.id, now()).await?;
            drop(c);
            ResetPage::Start { challenge: challenge(state, client).await? }
        }
        None => ResetPage::Start { challenge: challenge(state, client).await? },
    };
    Ok(ResetView { page, helpdesk })
}

async fn page_of(state: &AppState, client: &Client, l: &Live) -> Result<ResetPage, AppError> {
    let user_id = l.flow.user_id.clone();
    Ok(match &l.flow.step {
        Step::Stopped { why } => ResetPage::Stopped { why: *why, user_id, contacted: l.flow.contacted },
        Step::CheckMessages => ResetPage::CheckMessages { user_id, contacted: l.flow.contacted },
        Step::Gates => {
            let account = l.account()?;
            let (_, _, all) = current_gates(state, account).await?;
            let gates = rules::next_gates(&all, &l.flow.passed, l.flow.required);
            let open = match &l.flow.open {
                Some(open) => open_view(state, client, l, account, open).await?,
                None => None,
            };
            ResetPage::Gates { user_id, required: l.flow.required, passed: l.flow.passed.len() as u8, gates, open }
        }
        Step::Choose => {
            let account = l.account()?;
            ResetPage::Choose { user_id, rules: super::auth::password_context(state, account).await?.rules(), can_unlock: l.flow.locked_out }
        }
        Step::Done => ResetPage::Done { unlocked: false },
        Step::Unlocked => ResetPage::Done { unlocked: true },
    })
}

async fn open_view(state: &AppState, client: &Client, l: &Live, account: &Account, open: &OpenGate) -> Result<Option<OpenView>, AppError> {
    let t = now();
    let mut c = state.db.acquire().await?;
    if open.gate == Gate::Questions {
        let list = db::questions::all(c.conn()).await?;
        let texts = client.locale.texts();
        let questions = open
            .questions
            .iter()
            .filter_map(|id| {
                let q = list.iter().find(|q| q.id == *id)?;
                let text = match (&q.predefined_key, &q.custom_text) {
                    (Some(key), _) => (texts.question)(key)?.to_owned(),
                    (None, Some(custom)) => custom.clone(),
                    _ => return None,
                };
                Some(Choice { id: *id, text })
            })
            .collect();
        return Ok(Some(OpenView::Questions { questions }));
    }
    let method = open.gate.method();
    let Some(k) = otp::pending(c.conn(), l.id, &purpose(method), t).await? else { return Ok(None) };
    let resend_in_secs = otp::resend_wait(c.conn(), account.id, &purpose(method), t).await?;
    Ok(Some(OpenView::Code { gate: open.gate, to: mask(method, &k.target), expires_in_secs: k.expires_at - t, resend_in_secs }))
}

fn mask(method: Method, value: &str) -> String {
    match method {
        Method::AuthEmail => mask_email(value),
        _ => phone::mask(value),
    }
}


// ---- the gates ------------------------------------------------------------------------------------

/// Opens `gate`: sends a code to the registered phone or address (within the send limits), or
/// picks the questions to ask: a random subset of those registered, kept for the flow.
pub async fn choose_gate(state: &AppState, client: &Client, raw_gate: &str) -> Result<(), AppError> {
    let gate = Gate::parse(raw_gate).ok_or(AppError::Forbidden)?;
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Gates)?;
    let account = l.account()?.clone();
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &gate_blocks(&l.flow.user_id, client), t).await?;
    }
    let (policy, _, all) = current_gates(state, &account).await?;
    if !rules::next_gates(&all, &l.flow.passed, l.flow.required).contains(&gate) {
        return Err(AppError::Forbidden);
    }
    let mut next = l.flow.clone();
    let mut tx = state.db.begin().await?;
    if gate == Gate::Questions {
        let keep = l.flow.open.as_ref().filter(|o| o.gate == Gate::Questions && !o.questions.is_empty()).map(|o| o.questions.clone());
        let questions = match keep {
            Some(q) => q,
            None => {
                let mut ids = methods::answered_questions(tx.conn(), account.id).await?;
                ids.shuffle(&mut rand::rngs::OsRng);
                ids.truncate(usize::from(policy.questions_at_reset));
                ids
            }
        };
        next.open = Some(OpenGate { gate, questions });
        advance(&mut tx, &l, &next, None).await?;
        audit_in(&mut tx, &l, client, "reset_gate_opened", json!({ "gate": gate.as_str() }), t).await?;
        return Ok(tx.commit().await?);
    }

    let method = gate.method();
    let contacts = methods::contacts(tx.conn(), account.id).await?;
    let contact = |kind: &str| contacts.iter().find(|k| k.kind == kind && k.verified_at.is_some()).map(|k| k.value.clone());
    let target = match gate {
        Gate::TextPhone | Gate::CallPhone => contact("auth_phone"),
        Gate::Email => contact("auth_email"),
        Gate::CallOffice => account.office_phone.clone(),
        Gate::Questions => None,
    }
    .ok_or(AppError::Forbidden)?;
    let channel = match gate {
        Gate::TextPhone => Channel::Sms,
        Gate::Email => Channel::Email,
        _ => Channel::Voice,
    };
    let purpose = purpose(method);
    let send = otp::Send { account_id: account.id, purpose: &purpose, flow_id: l.id, target: &target, channel };
    let code = otp::issue(&mut tx, &send, t).await?;
    let message = messages::code(client.locale, CodeUse::Reset, channel, &target, &account.display_name, &code, &state.config.organisation);
    outbox::enqueue(tx.conn(), &message, t).await?;
    next.open = Some(OpenGate { gate, questions: Vec::new() });
    advance(&mut tx, &l, &next, None).await?;
    audit_in(&mut tx, &l, client, "code_sent", json!({ "flow": "reset", "gate": gate.as_str(), "to": mask(method, &target) }), t).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// A failed verification: counted per account in the hour's window, where the fifth blocks
/// password reset for the account for a day and ends this flow; and per client address in its
/// 15-minute window, where the last allowed starts the address's cool-down.
/// Returns the account's failures so far, and the block's error when this one was the last allowed.
async fn failed(tx: &mut Tx, state: &AppState, l: &Live, client: &Client, gate: Gate, t: i64) -> Result<(i64, Option<AppError>), AppError> {
    let n = limits::add_in_window(tx.conn(), &failures_key(&l.flow.user_id), t, rules::WINDOW_SECS).await?;
    let from_address = limits::add_in_window(tx.conn(), &address_failures_key(client), t, rules::ADDRESS_WINDOW_SECS).await?;
    audit_in(tx, l, client, "reset_gate_failed", json!({ "gate": gate.as_str(), "failures": n }), t).await?;
    if n >= rules::FAILURES_PER_WINDOW {
        limits::block(tx.conn(), &attempts_key(&l.flow.user_id), t + rules::BLOCK_SECS).await?;
        limits::block(tx.conn(), &failures_key(&l.flow.user_id), t + rules::BLOCK_SECS).await?;
        flows::finish(tx.conn(), l.id, t).await?;
        audit_in(tx, l, client, "reset_blocked", json!({ "user_id": l.flow.user_id, "why": limit_name(ResetLimit::AccountFailures) }), t).await?;
        return Ok((n, Some(limited(ResetLimit::AccountFailures, rules::BLOCK_SECS))));
    }
    if from_address >= state.config.reset_address_failure_limit {
        let (_, cool_down) = window_and_block(ResetLimit::AddressFailures);
        limits::block(tx.conn(), &address_failures_key(client), t + cool_down).await?;
        audit_in(tx, l, client, "reset_blocked", json!({ "user_id": l.flow.user_id, "why": limit_name(ResetLimit::AddressFailures) }), t).await?;
        return Ok((n, Some(limited(ResetLimit::AddressFailures, cool_down))));
    }
    Ok((n, None))
}

fn failures_left(n: i64) -> u8 {
    (rules::FAILURES_PER_WINDOW - n).clamp(0, 255) as u8
}

/// Checks the code of the open gate. Right: the gate is passed. Wrong: the code's own count
/// and the account's failures both go up.
pub async fn verify_code(state: &AppState, client: &Client, raw: &str) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Gates)?;
    let open = l.flow.open.clone().filter(|o| o.gate != Gate::Questions).ok_or(AppError::Forbidden)?;
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &gate_blocks(&l.flow.user_id, client), t).await?;
    }
    let method = open.gate.method();
    let otp::Entered { mut tx, verdict, .. } = otp::enter(state, l.id, &purpose(method), Field::Code, raw, t).await?;
    if let Err(wrong) = verdict {
        let (_, blocked) = failed(&mut tx, state, &l, client, open.gate, t).await?;
        tx.commit().await?;
        return Err(blocked.unwrap_or(wrong));
    }
    let mut next = l.flow.clone();
    next.pass(method);
    advance(&mut tx, &l, &next, None).await?;
    audit_in(&mut tx, &l, client, "reset_gate_passed", json!({ "gate": open.gate.as_str(), "passed": next.passed.len() }), t).await?;
    Ok(tx.commit().await?)
}

/// Checks the answers to the questions asked. Every answer is checked (argon2id each), whether
/// or not an earlier one was wrong, and the page is not told which one was.
pub async fn answer_questions(state: &AppState, client: &Client, raw: &[Option<String>]) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Gates)?;
    let open = l.flow.open.clone().filter(|o| o.gate == Gate::Questions).ok_or(AppError::Forbidden)?;
    let account = l.account()?.clone();
    let mut typed = Vec::with_capacity(open.questions.len());
    for i in 0..open.questions.len() {
        let n = (i + 1) as u8;
        let answer = raw.get(i).and_then(|a| a.as_deref()).map(answers::normalise).unwrap_or_default();
        if answer.is_empty() {
            return Err(AppError::field(Field::Answer(n), Problem::Required));
        }
        if answer.chars().count() > answers::MAX_LEN * 4 {
            return Err(AppError::field(Field::Answer(n), Problem::TooLong { max: answers::MAX_LEN as u32 }));
        }
        typed.push(answer);
    }
    let t = now();
    let stored = {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &gate_blocks(&l.flow.user_id, client), t).await?;
        methods::answer_hashes(c.conn(), account.id).await?
    };
    let mut all_right = true;
    for (id, answer) in open.questions.iter().zip(typed) {
        let ok = match stored.iter().find(|(q, _)| q == id) {
            Some((_, hash)) => state.hasher.verify(answer, hash.clone()).await?.ok,
            None => {
                state.hasher.verify_decoy(answer).await?;
                false
            }
        };
        all_right &= ok;
    }
    let mut tx = state.db.begin().await?;
    if !all_right {
        let (failures, blocked) = failed(&mut tx, state, &l, client, Gate::Questions, t).await?;
        tx.commit().await?;
        return Err(blocked.unwrap_or(AppError::field(Field::Answer(1), Problem::WrongAnswers { left: failures_left(failures) })));
    }
    let mut next = l.flow.clone();
    next.pass(Method::SecurityQuestions);
    advance(&mut tx, &l, &next, None).await?;
    audit_in(&mut tx, &l, client, "reset_gate_passed", json!({ "gate": "questions", "passed": next.passed.len() }), t).await?;
    Ok(tx.commit().await?)
}

// ---- the end of a reset ------------------------------------------------------------------------------

/// Sets the new password once the gates are passed: every session of the account ends, the
/// sign-in lock-out is lifted, the owner is told on every address (and the administrators when
/// it is one of them). No automatic sign-in.
pub async fn set_password(state: &AppState, client: &Client, new: &str, confirm: &str) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Choose)?;
    let account = l.account()?.clone();
    let ctx = super::auth::password_context(state, &account).await?;
    let new = NewPassword::parse(new, confirm, &ctx)?;
    if state.hasher.verify(new.expose().to_owned(), account.password_hash.clone()).await?.ok {
        return Err(AppError::field(Field::NewPassword, Problem::SameAsCurrent));
    }
    let hash = state.hasher.hash(new.expose().to_owned()).await?;
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.step = Step::Done;
    advance(&mut tx, &l, &next, Some(t)).await?;
    db::accounts::set_password(tx.conn(), account.id, &hash, false).await?;
    let ended = db::sessions::delete_for_account(tx.conn(), account.id, None).await?;
    limits::clear(tx.conn(), &super::auth::sign_in_key(&account.user_id)).await?;
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
    let t = now();
    let mut tx = state.db.begin().await?;
    let mut next = l.flow.clone();
    next.step = Step::Unlocked;
    advance(&mut tx, &l, &next, Some(t)).await?;
    limits::clear(tx.conn(), &super::auth::sign_in_key(&account.user_id)).await?;
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
    db::admin_requests::insert(tx.conn(), account_id, &l.flow.user_id, reason, t).await?;
    let admin_link = state.config.link("/admin");
    let compose = |texts: &Texts| {
        let reason_text = match reason {
            "not_enabled" => texts.not_enabled_title,
            "not_registered" => texts.not_registered_title,
            _ => texts.admin_help_reason_unknown,
        };
        ((texts.admin_help_subject)(&l.flow.user_id), (texts.admin_help_body)(&l.flow.user_id, reason_text, &admin_link))
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

// ---- "this wasn't me" -----------------------------------------------------------------------------

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
    let compose = |texts: &Texts| ((texts.admin_report_subject)(&account.user_id), (texts.admin_report_body)(&account.user_id, &admin_link));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_cookie_is_strict_and_host_prefixed_over_https() {
        let https = Config::from_vars(|k| (k == "SSPR_PUBLIC_URL").then(|| "https://sspr.contoso.example".into())).unwrap();
        let c = set_cookie(&https, "tok", 60);
        assert!(c.starts_with("__Host-sspr_reset=tok; Path=/;"), "{c}");
        assert!(c.contains("SameSite=Strict") && c.contains("HttpOnly") && c.contains("Secure"));
    }
}
