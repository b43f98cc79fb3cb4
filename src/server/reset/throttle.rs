//! Throttling (SPEC §6): the per-account and per-address counters of starts and failures, and
//! the day-long blocks they lead to.

use crate::server::db::{self, Tx, limits};
use crate::domain::reset::{self as rules, ResetLimit};
use crate::domain::AppError;

use super::*;

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

pub(super) fn address(client: &Client) -> &str {
    client.ip.as_deref().unwrap_or("unknown")
}

pub(super) fn address_key(client: &Client) -> String {
    format!("reset_ip:{}", address(client))
}

pub(super) fn address_failures_key(client: &Client) -> String {
    format!("reset_ip_failures:{}", address(client))
}

/// One throttling counter: its key, the limit it enforces and how many it allows.
pub(super) struct Counter {
    pub(super) key: String,
    pub(super) limit: ResetLimit,
    pub(super) allowed: i64,
}

/// The window a limit counts in and how long going over it blocks.
pub(super) fn window_and_block(limit: ResetLimit) -> (i64, i64) {
    match limit {
        ResetLimit::AccountAttempts | ResetLimit::AccountFailures => (rules::WINDOW_SECS, rules::BLOCK_SECS),
        ResetLimit::AddressAttempts | ResetLimit::AddressFailures => (rules::ADDRESS_WINDOW_SECS, rules::ADDRESS_WINDOW_SECS),
    }
}

pub(super) fn limited(limit: ResetLimit, retry_after_secs: i64) -> AppError {
    AppError::ResetLimited { limit, retry_after_secs }
}

/// The blocks that stop a step of `user_id`'s flow from this client: the account's failures
/// (checked first: a failure block also blocks starts), its starts, the address's failures.
pub(super) fn gate_blocks(user_id: &str, client: &Client) -> [(String, ResetLimit); 3] {
    [
        (failures_key(user_id), ResetLimit::AccountFailures),
        (attempts_key(user_id), ResetLimit::AccountAttempts),
        (address_failures_key(client), ResetLimit::AddressFailures),
    ]
}

/// Refuses, saying which limit and until when, when any of `keys` is blocked.
pub(super) async fn ensure_not_blocked(conn: db::Conn<'_>, keys: &[(String, ResetLimit)], t: i64) -> Result<(), AppError> {
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
pub(super) async fn count_attempt(tx: &mut Tx, counters: &[Counter], t: i64) -> Result<Option<ResetLimit>, AppError> {
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

pub(super) fn limit_name(limit: ResetLimit) -> &'static str {
    match limit {
        ResetLimit::AccountAttempts => "attempts",
        ResetLimit::AccountFailures => "failures",
        ResetLimit::AddressAttempts => "address_attempts",
        ResetLimit::AddressFailures => "address_failures",
    }
}
