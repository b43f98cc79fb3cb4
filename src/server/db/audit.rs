//! The audit log: append-only and hash-chained, so that an edited or deleted entry is detected.
//! Each entry's hash covers the previous entry's hash and every field of its own.

use super::{Conn, Tx};
use crate::on;
use sha2::{Digest, Sha256};
use sqlx::FromRow;

/// The hash that the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One thing that happened. `detail` is JSON and must never hold a secret.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub event: &'a str,
    pub actor_id: Option<i64>,
    pub account_id: Option<i64>,
    pub ip: Option<&'a str>,
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: i64,
    pub event: String,
    pub actor_id: Option<i64>,
    pub account_id: Option<i64>,
    pub ip: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

fn entry_hash(prev: &str, at: i64, event: &str, actor: Option<i64>, account: Option<i64>, ip: Option<&str>, detail: &str) -> String {
    let canonical = serde_json::json!([prev, at, event, actor, account, ip, detail]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Appends an entry inside `tx`. The chain's head is read under a lock (SQLite's write lock
/// from `BEGIN IMMEDIATE`, an advisory lock on PostgreSQL) so concurrent appends cannot fork it.
pub async fn append(tx: &mut Tx, e: Event<'_>, at: i64) -> sqlx::Result<()> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT pg_advisory_xact_lock(7340001)").execute(&mut **t).await?;
    }
    let head: Option<String> = on!(tx.conn(), c =>
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(&mut *c).await)?;
    let prev = head.unwrap_or_else(|| GENESIS.to_owned());
    let detail = e.detail.to_string();
    let hash = entry_hash(&prev, at, e.event, e.actor_id, e.account_id, e.ip, &detail);
    let sql = "INSERT INTO audit_log (at, event, actor_id, account_id, ip, detail, prev_hash, hash) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(tx.conn(), c => sqlx::query(sql)
        .bind(at).bind(e.event).bind(e.actor_id).bind(e.account_id).bind(e.ip).bind(&detail).bind(&prev).bind(&hash)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Where the chain is broken, if it is.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: u64 },
    Broken { at_id: i64 },
}

/// Walks the whole chain in id order, recomputing every hash.
pub async fn verify(conn: Conn<'_>) -> sqlx::Result<Verdict> {
    let sql = "SELECT id, at, event, actor_id, account_id, ip, detail, prev_hash, hash FROM audit_log ORDER BY id";
    let entries: Vec<Entry> = on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)?;
    let mut prev = GENESIS.to_owned();
    for e in &entries {
        let expected = entry_hash(&prev, e.at, &e.event, e.actor_id, e.account_id, e.ip.as_deref(), &e.detail);
        if e.prev_hash != prev || e.hash != expected {
            return Ok(Verdict::Broken { at_id: e.id });
        }
        prev = e.hash.clone();
    }
    Ok(Verdict::Intact { entries: entries.len() as u64 })
}

pub async fn recent(conn: Conn<'_>, account_id: i64, limit: i64) -> sqlx::Result<Vec<Entry>> {
    let sql = "SELECT id, at, event, actor_id, account_id, ip, detail, prev_hash, hash FROM audit_log \
        WHERE account_id = $1 ORDER BY id DESC LIMIT $2";
    on!(conn, c => sqlx::query_as(sql).bind(account_id).bind(limit).fetch_all(&mut *c).await)
}
