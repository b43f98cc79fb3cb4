//! The outbox: every message is written here in the same transaction as the change that
//! caused it, then sent by the delivery worker (`server::delivery`) with retries.

use super::Conn;
use crate::on;
use sqlx::FromRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
    Voice,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Voice => "voice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Email, Channel::Sms, Channel::Voice].into_iter().find(|c| c.as_str() == s)
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct Message {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub language: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct Queued {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub language: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, channel, recipient, subject, body, language, created_at, attempts, sent_at, failed_at, last_error";

/// The messages neither sent nor given up, on every node: how many, and when the oldest was queued.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct Pending {
    pub count: i64,
    pub oldest: Option<i64>,
}

pub async fn pending(conn: Conn<'_>) -> sqlx::Result<Pending> {
    let sql = "SELECT COUNT(*) AS count, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL";
    on!(conn, c => sqlx::query_as(sql).fetch_one(&mut *c).await)
}

pub async fn enqueue(conn: Conn<'_>, m: &Message, now: i64) -> sqlx::Result<i64> {
    let sql = "INSERT INTO outbox (channel, recipient, subject, body, language, created_at, next_attempt_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql)
        .bind(m.channel.as_str()).bind(&m.recipient).bind(&m.subject).bind(&m.body).bind(&m.language).bind(now)
        .fetch_one(&mut *c).await)
}

/// Leases up to `limit` due messages for `lease_secs`. Safe with several workers on several
/// machines: the outer conditions are re-checked on each row, so a row is leased once.
pub async fn claim_due(conn: Conn<'_>, now: i64, lease_secs: i64, limit: i64) -> sqlx::Result<Vec<Queued>> {
    let sql = format!(
        "UPDATE outbox SET claimed_until = $1 + $2 \
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
           AND (claimed_until IS NULL OR claimed_until <= $1) \
           AND id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
                      AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY id LIMIT $3) \
         RETURNING {COLUMNS}"
    );
    on!(conn, c => sqlx::query_as(&sql).bind(now).bind(lease_secs).bind(limit).fetch_all(&mut *c).await)
}

pub async fn mark_sent(conn: Conn<'_>, id: i64, now: i64) -> sqlx::Result<()> {
    let sql = "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, claimed_until = NULL, last_error = NULL WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Records a failed attempt: retried at `next_attempt_at`, or given up when that is `None`.
pub async fn mark_attempt_failed(conn: Conn<'_>, id: i64, now: i64, next_attempt_at: Option<i64>, error: &str) -> sqlx::Result<()> {
    let sql = "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL, last_error = $3, \
        next_attempt_at = COALESCE($4, next_attempt_at), failed_at = CASE WHEN $4 IS NULL THEN $2 ELSE NULL END \
        WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now).bind(error).bind(next_attempt_at).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The newest messages first, for the development outbox page.
pub async fn recent(conn: Conn<'_>, limit: i64) -> sqlx::Result<Vec<Queued>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
    on!(conn, c => sqlx::query_as(&sql).bind(limit).fetch_all(&mut *c).await)
}

pub async fn find(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<Queued>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = $1");
    on!(conn, c => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *c).await)
}
