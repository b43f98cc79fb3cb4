//! The background worker: takes due messages from the outbox one at a time under a lease,
//! sends them, and records the outcome with exponential back-off. Several workers, on one
//! machine or many, may drain the same outbox: the lease gives each message to one of them.

use super::{Delivery, DeliveryError, SEND_TIMEOUT};
use crate::server::db::outbox::{self, Queued};
use crate::server::db::{self, Db};
use crate::server::metrics;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// How long a claimed message is reserved for its worker: longer than one attempt can take,
/// so that only a crashed worker's messages are taken over.
const LEASE_SECS: i64 = 4 * SEND_TIMEOUT.as_secs() as i64;
const FIRST_RETRY_SECS: i64 = 30;
const MAX_RETRY_SECS: i64 = 3600;
/// After this many failed attempts (about a day of retries) the message is given up.
const MAX_ATTEMPTS: i64 = 30;
/// Messages queued by another instance, or due for a retry, are noticed within this period.
const TICK: Duration = Duration::from_secs(5);

/// Sends every message due at `now`, one after the other; returns how many were attempted.
pub async fn drain_once(db: &Db, delivery: &Delivery, now: i64) -> sqlx::Result<usize> {
    drain(db, delivery, || now, || false).await
}

/// Drains the outbox whenever `wake` is notified, and every few seconds, until `shutdown`
/// becomes true (or its sender is dropped); a message being sent then is finished first.
pub async fn run(db: Db, delivery: Arc<Delivery>, wake: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
    tracing::info!(transports = ?delivery, "delivery worker started");
    while !*shutdown.borrow() {
        if let Err(e) = drain(&db, &delivery, db::now, || *shutdown.borrow()).await {
            tracing::error!(error = %e, "delivery worker cannot reach the outbox; trying again shortly");
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(TICK) => {}
            changed = shutdown.changed() => if changed.is_err() { break },
        }
    }
    tracing::info!("delivery worker stopped");
}

async fn drain(db: &Db, delivery: &Delivery, clock: impl Fn() -> i64, stop: impl Fn() -> bool) -> sqlx::Result<usize> {
    let mut attempted = 0;
    // Each outcome moves the message out of reach of `clock()` (sent, given up, or retried
    // at least 30 s later), so this ends once nothing is due.
    while !stop() {
        let Some(m) = claim_next(db, clock()).await? else { break };
        let result = delivery.deliver(&m).await;
        record(db, &m, result, clock()).await?;
        attempted += 1;
    }
    Ok(attempted)
}

async fn claim_next(db: &Db, now: i64) -> sqlx::Result<Option<Queued>> {
    let mut c = db.acquire().await?;
    Ok(outbox::claim_due(c.conn(), now, LEASE_SECS, 1).await?.pop())
}

async fn record(db: &Db, m: &Queued, result: Result<(), DeliveryError>, now: i64) -> sqlx::Result<()> {
    let mut c = db.acquire().await?;
    let attempt = m.attempts + 1;
    let to = mask(&m.recipient);
    let (id, channel) = (m.id, m.channel.as_str());
    let channel_label = outbox::Channel::parse(channel).map_or("unknown", outbox::Channel::as_str);
    let e = match result {
        Ok(()) => {
            outbox::mark_sent(c.conn(), id, now).await?;
            metrics::message_sent(channel_label);
            tracing::info!(id, channel, attempt, %to, "message sent");
            return Ok(());
        }
        Err(e) => e,
    };
    let delay = retry_delay(m.attempts, &e);
    outbox::mark_attempt_failed(c.conn(), id, now, delay.map(|d| now + d), &e.to_string()).await?;
    let class = e.class();
    metrics::delivery_failed(channel_label, class, delay.is_none());
    match (&e, delay) {
        (_, None) => tracing::error!(id, channel, attempt, %to, class, error = %e, "message given up"),
        // Expected until an operator configures a transport: not worth a warning per message.
        (DeliveryError::NotConfigured, Some(retry_in)) => {
            tracing::debug!(id, channel, attempt, %to, class, retry_in, "message waits for a transport")
        }
        (_, Some(retry_in)) => tracing::warn!(id, channel, attempt, %to, class, error = %e, retry_in, "message not sent; will retry"),
    }
    Ok(())
}

/// Seconds until the next try after a failed attempt (30 s, doubling, at most an hour), or
/// `None` to give up: the failure is permanent, or this was the last attempt (about a day of
/// outage). A message without a transport waits for one, however long that takes.
fn retry_delay(attempts_before: i64, e: &DeliveryError) -> Option<i64> {
    let exhausted = attempts_before + 1 >= MAX_ATTEMPTS && !matches!(e, DeliveryError::NotConfigured);
    if matches!(e, DeliveryError::Permanent(_)) || exhausted {
        return None;
    }
    Some((FIRST_RETRY_SECS << attempts_before.clamp(0, 7)).min(MAX_RETRY_SECS))
}

/// Enough of an address for an operator to recognise it in a log: `a•••@contoso.example`,
/// `+33•••••42`.
fn mask(recipient: &str) -> String {
    if let Some((local, domain)) = recipient.rsplit_once('@') {
        return format!("{}•••@{domain}", local.chars().next().unwrap_or('•'));
    }
    let chars: Vec<char> = recipient.chars().collect();
    if chars.len() < 8 {
        return "•••".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}•••••{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_30_seconds_to_an_hour_then_gives_up() {
        let transient = DeliveryError::Transient("SMTP 421".into());
        let delays: Vec<_> = (0..MAX_ATTEMPTS).map(|a| retry_delay(a, &transient)).collect();
        assert_eq!(delays[..7], [30, 60, 120, 240, 480, 960, 1920].map(Some));
        assert!(delays[7..29].iter().all(|d| *d == Some(3600)));
        assert_eq!(delays[29], None, "the thirtieth failure, about a day later, is the last");
        let total: i64 = delays.iter().flatten().sum();
        assert!(total >= 20 * 3600, "an outage of most of a day loses nothing: {total} s");
        assert_eq!(retry_delay(0, &DeliveryError::Permanent("SMTP 550".into())), None);
        assert_eq!(retry_delay(3, &DeliveryError::NotConfigured), Some(240));
        assert_eq!(retry_delay(500, &DeliveryError::NotConfigured), Some(3600), "waits for a transport forever");
    }

    #[test]
    fn logs_show_only_part_of_a_recipient() {
        assert_eq!(mask("alice@contoso.example"), "a•••@contoso.example");
        assert_eq!(mask("+33612345642"), "+33•••••42");
        assert_eq!(mask("12345"), "•••");
    }
}
