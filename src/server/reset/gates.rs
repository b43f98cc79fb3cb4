//! The gates: choosing one, a code sent and checked, security questions answered, a recovery
//! code used.

use crate::server::crypto::sha256_hex;
use crate::server::db::{Tx, flows, limits, methods, now, outbox};
use crate::server::messages::{self, CodeUse};
use crate::server::state::AppState;
use crate::server::otp;
use crate::domain::reset::{self as rules, Gate, OpenGate, ResetLimit, Step};
use crate::domain::registration::recovery;
use crate::domain::{AppError, Channel, Field, Method, Problem, answers};
use rand::seq::SliceRandom;
use serde_json::json;

use super::*;

/// Opens `gate`: sends a code to the registered phone or address (within the send limits),
/// picks the questions to ask (a random subset of those registered, kept for the flow), or
/// asks for a recovery code.
pub async fn choose_gate(state: &AppState, client: &Client, raw_gate: &str) -> Result<(), AppError> {
    let gate = Gate::parse(raw_gate).ok_or(AppError::Forbidden)?;
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Gates)?;
    let account = l.account()?.clone();
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &gate_blocks(l.flow.user_id.as_str(), client), t).await?;
    }
    let (policy, _, all) = current_gates(state, &l.flow.user_id).await?;
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

    if gate == Gate::RecoveryCode {
        next.open = Some(OpenGate { gate, questions: Vec::new() });
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
        Gate::Questions | Gate::RecoveryCode => None,
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
pub(super) async fn failed(tx: &mut Tx, state: &AppState, l: &Live, client: &Client, gate: Gate, t: i64) -> Result<(i64, Option<AppError>), AppError> {
    let n = limits::add_in_window(tx.conn(), &failures_key(l.flow.user_id.as_str()), t, rules::WINDOW_SECS).await?;
    let from_address = limits::add_in_window(tx.conn(), &address_failures_key(client), t, rules::ADDRESS_WINDOW_SECS).await?;
    audit_in(tx, l, client, "reset_gate_failed", json!({ "gate": gate.as_str(), "failures": n }), t).await?;
    if n >= rules::FAILURES_PER_WINDOW {
        limits::block(tx.conn(), &attempts_key(l.flow.user_id.as_str()), t + rules::BLOCK_SECS).await?;
        limits::block(tx.conn(), &failures_key(l.flow.user_id.as_str()), t + rules::BLOCK_SECS).await?;
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

pub(super) fn failures_left(n: i64) -> u8 {
    (rules::FAILURES_PER_WINDOW - n).clamp(0, 255) as u8
}

/// Checks the code of the open gate. Right: the gate is passed. Wrong: the code's own count
/// (a code sent) and the account's failures both go up.
pub async fn verify_code(state: &AppState, client: &Client, raw: &str) -> Result<(), AppError> {
    let l = live_or_ended(state, client).await?;
    l.at(&Step::Gates)?;
    let open = l.flow.open.clone().filter(|o| o.gate != Gate::Questions).ok_or(AppError::Forbidden)?;
    let t = now();
    {
        let mut c = state.db.acquire().await?;
        ensure_not_blocked(c.conn(), &gate_blocks(l.flow.user_id.as_str(), client), t).await?;
    }
    if open.gate == Gate::RecoveryCode {
        return use_recovery_code(state, client, &l, raw, t).await;
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

/// A recovery code typed at its gate: right and unused, it is used up (by one guarded
/// statement: parallel entries cannot use it twice) and the gate passed; one of the account's
/// codes used already is said so, not counted (knowing it is no step towards guessing another);
/// anything else is a failure like a wrong code. A code misread (too short, a letter outside
/// the alphabet) is said so and not counted either.
async fn use_recovery_code(state: &AppState, client: &Client, l: &Live, raw: &str, t: i64) -> Result<(), AppError> {
    let code = recovery::parse(raw)?;
    let hash = sha256_hex(&code);
    let account = l.account()?.clone();
    let mut tx = state.db.begin().await?;
    if !methods::use_recovery_code(tx.conn(), account.id, &hash, t).await? {
        if methods::has_recovery_code(tx.conn(), account.id, &hash).await? {
            return Err(AppError::field(Field::Code, Problem::RecoveryCodeUsed));
        }
        let (failures, blocked) = failed(&mut tx, state, l, client, Gate::RecoveryCode, t).await?;
        tx.commit().await?;
        return Err(blocked.unwrap_or(AppError::field(Field::Code, Problem::WrongCode { left: failures_left(failures) })));
    }
    let left = methods::recovery_codes(tx.conn(), account.id).await?.left;
    let mut next = l.flow.clone();
    next.pass(Method::RecoveryCodes);
    advance(&mut tx, l, &next, None).await?;
    let detail = json!({ "gate": Gate::RecoveryCode.as_str(), "passed": next.passed.len(), "codes_left": left });
    audit_in(&mut tx, l, client, "reset_gate_passed", detail, t).await?;
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
        ensure_not_blocked(c.conn(), &gate_blocks(l.flow.user_id.as_str(), client), t).await?;
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
