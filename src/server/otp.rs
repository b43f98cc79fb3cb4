//! One-time codes (SPEC §6), the same for registration and reset: 6 digits from the OS random
//! generator, stored salted and hashed, bound to the account, the purpose and the flow, ten
//! minutes, single use, dead after five wrong entries, at most three sends per fifteen minutes
//! sixty seconds apart, and a new code voids the old one.

use super::db::{self, Tx, codes};
use super::crypto;
use super::state::AppState;
use crate::domain::registration::code;
use crate::domain::{AppError, Channel, Field, Problem};
use rand::Rng;

fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// `salt:sha256(salt:code)`: a six-digit code needs no slow hash, it lives ten minutes and
/// dies after five wrong entries.
fn hash_code(code: &str) -> String {
    let salt = crypto::random_token();
    format!("{salt}:{}", crypto::sha256_hex(&format!("{salt}:{code}")))
}

fn code_matches(stored: &str, code: &str) -> bool {
    stored.split_once(':').is_some_and(|(salt, hash)| crypto::sha256_hex(&format!("{salt}:{code}")) == hash)
}

/// Seconds until another code may be sent to the account for `purpose` (0: now).
pub async fn resend_wait(conn: db::Conn<'_>, account_id: i64, purpose: &str, t: i64) -> Result<i64, AppError> {
    let (count, first, last) = codes::sends_since(conn, account_id, purpose, t - code::SEND_WINDOW_SECS).await?;
    Ok(code::resend_wait(count, first, last, t))
}

/// Where a new code goes.
pub struct Send<'a> {
    pub account_id: i64,
    pub purpose: &'a str,
    pub flow_id: i64,
    pub target: &'a str,
    pub channel: Channel,
}

/// Creates a code inside `tx` within the send limits, voiding the account's open codes for the
/// purpose, and returns it in clear for the message (which the caller queues in the same
/// transaction). The account row is locked first, so parallel sends cannot pass the limits.
pub async fn issue(tx: &mut Tx, send: &Send<'_>, t: i64) -> Result<String, AppError> {
    db::accounts::lock(tx.conn(), send.account_id).await?;
    let wait = resend_wait(tx.conn(), send.account_id, send.purpose, t).await?;
    if wait > 0 {
        return Err(AppError::SendLimit { retry_after_secs: wait });
    }
    codes::void_open(tx.conn(), send.account_id, send.purpose, t).await?;
    let code = new_code();
    let hash = hash_code(&code);
    let new = codes::NewCode {
        account_id: send.account_id,
        purpose: send.purpose,
        flow_id: send.flow_id,
        target: send.target,
        channel: send.channel.as_str(),
        code_hash: &hash,
        expires_at: t + code::LIFETIME_SECS,
    };
    codes::insert(tx.conn(), &new, t).await?;
    Ok(code)
}

/// The newest code of a flow for `purpose` that can still be typed, if any.
pub async fn pending(conn: db::Conn<'_>, flow_id: i64, purpose: &str, t: i64) -> Result<Option<codes::Code>, AppError> {
    Ok(codes::newest(conn, flow_id, purpose).await?.filter(|k| can_be_typed(k, t)))
}

/// For each purpose of a flow, its newest code if it can still be typed (one read for a page
/// that shows several).
pub async fn pending_per_purpose(conn: db::Conn<'_>, flow_id: i64, t: i64) -> Result<Vec<codes::Code>, AppError> {
    Ok(codes::newest_per_purpose(conn, flow_id).await?.into_iter().filter(|k| can_be_typed(k, t)).collect())
}

fn can_be_typed(k: &codes::Code, t: i64) -> bool {
    k.used_at.is_none() && k.voided_at.is_none() && k.expires_at > t && k.attempts < code::MAX_WRONG
}

/// A code typed into its field, checked against the flow's newest code.
pub struct Entered {
    /// Open, with the code used (right) or the wrong entry counted: the caller audits, then commits.
    pub tx: Tx,
    pub code: codes::Code,
    /// `Ok` for the right code; else the error to show, at `field`.
    pub verdict: Result<(), AppError>,
    /// Wrong entries so far (after this one).
    pub attempts: i64,
}

/// Checks `raw` for the flow's newest code of `purpose`. Refusals that change nothing (not six
/// digits, no code, used, replaced, expired, dead) are errors; a right code is used once and a
/// wrong one counted, each by one guarded statement, so parallel entries cannot race past the
/// single use or the cap of wrong entries.
pub async fn enter(state: &AppState, flow_id: i64, purpose: &str, field: Field, raw: &str, t: i64) -> Result<Entered, AppError> {
    let typed = code::parse(raw, field)?;
    let err = |p| AppError::field(field, p);
    // Why a code cannot be used, in the order a person would understand it.
    let refusal = |k: &codes::Code| {
        if k.used_at.is_some() || k.voided_at.is_some() {
            Some(err(Problem::CodeNotValid))
        } else if k.attempts >= code::MAX_WRONG {
            Some(err(Problem::CodeDead))
        } else if k.expires_at <= t {
            Some(err(Problem::CodeExpired))
        } else {
            None
        }
    };
    let found = {
        let mut c = state.db.acquire().await?;
        codes::newest(c.conn(), flow_id, purpose).await?
    };
    let found = found.ok_or(err(Problem::CodeNotValid))?;
    if let Some(e) = refusal(&found) {
        return Err(e);
    }

    let mut tx = state.db.begin().await?;
    if code_matches(&found.code_hash, &typed) {
        if codes::consume(tx.conn(), found.id, t).await? {
            let attempts = found.attempts;
            return Ok(Entered { tx, code: found, verdict: Ok(()), attempts });
        }
        drop(tx);
        let mut c = state.db.acquire().await?;
        let now_state = codes::newest(c.conn(), flow_id, purpose).await?;
        let again = now_state.filter(|k| k.id == found.id).and_then(|k| refusal(&k));
        return Err(again.unwrap_or(err(Problem::CodeNotValid)));
    }
    let Some(attempts) = codes::add_wrong(tx.conn(), found.id).await? else {
        return Err(err(Problem::CodeDead));
    };
    // An older code of this flow, replaced or already used: say so rather than "wrong" (it still
    // counts as a try, so this is no oracle).
    let older = codes::recent(tx.conn(), flow_id, purpose, t - code::LIFETIME_SECS).await?;
    let replaced = older.iter().any(|k| k.id != found.id && code_matches(&k.code_hash, &typed));
    let verdict = if attempts >= code::MAX_WRONG {
        Err(err(Problem::CodeDead))
    } else if replaced {
        Err(err(Problem::CodeNotValid))
    } else {
        Err(err(Problem::WrongCode { left: (code::MAX_WRONG - attempts) as u8 }))
    };
    Ok(Entered { tx, code: found, verdict, attempts })
}
