//! The start of a reset: the user ID, the seed's error cases, strict mode's messages.

use crate::server::crypto::{random_token, sha256_hex};
use crate::server::db::{self, Tx, accounts::Account, audit, flows, limits, methods, now, outbox};
use crate::server::messages;
use crate::server::state::AppState;
use crate::server::notify;
use crate::domain::directory::PasswordSource;
use crate::domain::policy::{Policy, Scope};
use crate::domain::reset::{self as rules, Facts, Flow, Gate, ResetLimit, Step, Stop};
use crate::domain::{AppError, Requirements, UserId};
use crate::i18n::Locale;
use serde_json::json;

use super::*;

/// What a new reset learns about the user ID: the same queries run whether or not an account
/// has it, so that both take the same time.
pub(super) async fn facts_of(state: &AppState, user_id: &UserId, t: i64) -> Result<(Option<Account>, Policy, Facts, bool), AppError> {
    let account = state.directory.find(&state.db, user_id).await?;
    let mut c = state.db.acquire().await?;
    let (_, policy) = db::policy::current(c.conn()).await?;
    let id = account.as_ref().map_or(-1, |a| a.id);
    let registered = methods::registered(c.conn(), account.as_ref(), id).await?;
    let in_scope = match policy.enabled_for {
        Scope::All => true,
        Scope::None => false,
        Scope::Group(group) => db::groups::is_member(c.conn(), id, group).await?,
    };
    let locked_out = limits::blocked_until(c.conn(), &crate::server::auth::sign_in_key(user_id.as_str()), t).await?.is_some()
        || account.as_ref().is_some_and(|a| a.directory_locked_out);
    let facts = match &account {
        Some(a) => Facts {
            exists: true,
            enabled: a.enabled,
            admin_locked: a.locked_until.is_some_and(|u| u > t),
            on_premises: a.password_source == PasswordSource::OnPremises,
            licensed: a.licensed,
            in_scope,
            is_admin: a.is_admin(),
            registered,
        },
        None => Facts::default(),
    };
    Ok((account, policy, facts, locked_out))
}

pub(super) fn outcome_name(outcome: &Result<Vec<Gate>, Stop>) -> &'static str {
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
    let mut flow = Flow::new(user_id.clone(), step, req.required);
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
pub(super) async fn strict_messages(tx: &mut Tx, state: &AppState, account: &Account, outcome: &Result<Vec<Gate>, Stop>, continue_token: Option<&str>, policy: &Policy, locale: Locale, t: i64) -> Result<(), AppError> {
    let texts = locale.server_texts();
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
