//! The audit log: append-only and hash-chained, so that an edited or deleted entry is detected.
//! Each entry's hash covers the previous entry's hash and every field of its own.

use super::{Conn, Tx};
use crate::domain::audit::{Cursor, PageAt};
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

/// The hash of an entry: over the previous entry's hash and every field of its own.
fn entry_hash(prev: &str, at: i64, event: &str, actor: Option<i64>, account: Option<i64>, ip: Option<&str>, detail: &str) -> String {
    let canonical = serde_json::json!([prev, at, event, actor, account, ip, detail]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// The hash of the newest entry, read under a lock (SQLite's write lock from `BEGIN
/// IMMEDIATE`, an advisory lock on PostgreSQL) so that concurrent appends cannot fork the chain.
async fn locked_head(tx: &mut Tx) -> sqlx::Result<String> {
    tx.advisory_lock(7340001).await?;
    let head: Option<String> = on!(tx.conn(), c =>
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(&mut *c).await)?;
    Ok(head.unwrap_or_else(|| GENESIS.to_owned()))
}

/// Appends an entry inside `tx`, chained to the newest one.
pub async fn append(tx: &mut Tx, e: Event<'_>, at: i64) -> sqlx::Result<()> {
    let prev = locked_head(tx).await?;
    let detail = e.detail.to_string();
    let hash = entry_hash(&prev, at, e.event, e.actor_id, e.account_id, e.ip, &detail);
    let sql = "INSERT INTO audit_log (at, event, actor_id, account_id, ip, detail, prev_hash, hash) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(tx.conn(), c => sqlx::query(sql)
        .bind(at).bind(e.event).bind(e.actor_id).bind(e.account_id).bind(e.ip).bind(&detail).bind(&prev).bind(&hash)
        .execute(&mut *c).await.map(|_| ()))?;
    if let Some(name) = crate::domain::audit::EVENTS.iter().find(|name| **name == e.event) {
        tx.audited(name);
    }
    Ok(())
}

/// Rows per multi-row INSERT of [`append_many`]: 8 parameters each, far below both backends'
/// limits on parameters per statement.
const INSERT_ROWS: usize = 1000;

/// Appends `entries` in their order inside `tx`, chained exactly as [`append`] would chain
/// them one by one, but inserted many rows per statement: for seeding a large log quickly.
pub async fn append_many(tx: &mut Tx, entries: &[(Event<'_>, i64)]) -> sqlx::Result<()> {
    let mut prev = locked_head(tx).await?;
    let mut rows = Vec::with_capacity(entries.len());
    for (e, at) in entries {
        let detail = e.detail.to_string();
        let hash = entry_hash(&prev, *at, e.event, e.actor_id, e.account_id, e.ip, &detail);
        rows.push((*at, e, detail, std::mem::replace(&mut prev, hash.clone()), hash));
    }
    for chunk in rows.chunks(INSERT_ROWS) {
        on!(tx.conn(), c => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO audit_log (at, event, actor_id, account_id, ip, detail, prev_hash, hash) ");
            q.push_values(chunk, |mut b, (at, e, detail, prev, hash)| {
                b.push_bind(*at).push_bind(e.event).push_bind(e.actor_id).push_bind(e.account_id).push_bind(e.ip)
                    .push_bind(detail.as_str()).push_bind(prev.as_str()).push_bind(hash.as_str());
            });
            q.build().execute(&mut *c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Where the chain is broken, if it is.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: u64 },
    Broken { at_id: i64 },
}

/// Entries read per query by [`verify`]: the log may hold hundreds of thousands.
const VERIFY_BATCH: i64 = 1000;

/// Walks the whole chain in id order, a batch at a time, recomputing every hash; the verdict
/// names the first entry whose hash or link to the previous entry does not hold (after a
/// deleted entry, the one that followed it). A deletion of the newest entries leaves no
/// trace in the chain itself.
pub async fn verify(mut conn: Conn<'_>) -> sqlx::Result<Verdict> {
    let sql = "SELECT id, at, event, actor_id, account_id, ip, detail, prev_hash, hash FROM audit_log \
        WHERE id > $1 ORDER BY id LIMIT $2";
    let (mut prev, mut last_id, mut count) = (GENESIS.to_owned(), i64::MIN, 0_u64);
    loop {
        let batch: Vec<Entry> = on!(conn.reborrow(), c => sqlx::query_as(sql).bind(last_id).bind(VERIFY_BATCH).fetch_all(&mut *c).await)?;
        let Some(last) = batch.last() else { return Ok(Verdict::Intact { entries: count }) };
        last_id = last.id;
        for e in &batch {
            let expected = entry_hash(&prev, e.at, &e.event, e.actor_id, e.account_id, e.ip.as_deref(), &e.detail);
            if e.prev_hash != prev || e.hash != expected {
                return Ok(Verdict::Broken { at_id: e.id });
            }
            prev.clone_from(&e.hash);
            count += 1;
        }
    }
}

pub async fn recent(conn: Conn<'_>, account_id: i64, limit: i64) -> sqlx::Result<Vec<Entry>> {
    let sql = "SELECT id, at, event, actor_id, account_id, ip, detail, prev_hash, hash FROM audit_log \
        WHERE account_id = $1 ORDER BY id DESC LIMIT $2";
    on!(conn, c => sqlx::query_as(sql).bind(account_id).bind(limit).fetch_all(&mut *c).await)
}

// ---- listing, for the console and the export ---------------------------------------------------

/// What to list: the console's filters, with the account resolved to its id. `since` is the
/// first second included, `until` the first second after the range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub account_id: Option<i64>,
    pub event: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
}

/// An entry with the user IDs of its actor and account (`None` when the account is gone).
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: i64,
    pub at: i64,
    pub event: String,
    pub actor_id: Option<i64>,
    pub actor: Option<String>,
    pub account_id: Option<i64>,
    pub account: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
    pub hash: String,
}

/// The `WHERE` conditions of `filter` followed by `extra`, with placeholders from `$1` in the
/// order that [`bind_filter!`] binds them. Only the filters that are set appear, so each
/// combination is planned on its own index: (account_id, at, id), (event, at, id) or (at, id).
fn conditions(filter: &Filter, extra: &str) -> String {
    let mut parts = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if filter.account_id.is_some() {
        parts.push(format!("l.account_id = {}", next()));
    }
    if filter.event.is_some() {
        // With an account, its index is the selective one (tens of entries per account): the
        // expression keeps the planner off the event index, which SQLite would otherwise
        // pick as often when dates are given too.
        let column = if filter.account_id.is_some() { "(l.event || '')" } else { "l.event" };
        parts.push(format!("{column} = {}", next()));
    }
    if filter.since.is_some() {
        parts.push(format!("l.at >= {}", next()));
    }
    if filter.until.is_some() {
        parts.push(format!("l.at < {}", next()));
    }
    if !extra.is_empty() {
        // `extra` names its cursor as `$a` and `$b`: the next two placeholders.
        let (a, b) = (next(), next());
        parts.push(extra.replace("$a", &a).replace("$b", &b));
    }
    if parts.is_empty() { String::new() } else { format!("WHERE {}", parts.join(" AND ")) }
}

/// Binds the values of [`conditions`] in its order.
macro_rules! bind_filter {
    ($q:expr, $f:expr) => {{
        let mut q = $q;
        if let Some(v) = $f.account_id {
            q = q.bind(v);
        }
        if let Some(v) = $f.event.as_deref() {
            q = q.bind(v);
        }
        if let Some(v) = $f.since {
            q = q.bind(v);
        }
        if let Some(v) = $f.until {
            q = q.bind(v);
        }
        q
    }};
}

const LISTED: &str = "SELECT l.id, l.at, l.event, l.actor_id, actor.user_id AS actor, l.account_id, account.user_id AS account, \
    l.ip, l.detail, l.hash FROM audit_log l \
    LEFT JOIN accounts actor ON actor.id = l.actor_id LEFT JOIN accounts account ON account.id = l.account_id";

/// The query of [`page`]: its cursor's condition and order follow the direction of `page`.
fn page_sql(filter: &Filter, page: PageAt, limit: i64) -> String {
    let (extra, order) = match page {
        PageAt::Newest => ("", "DESC"),
        PageAt::Before(_) => ("(l.at, l.id) < ($a, $b)", "DESC"),
        PageAt::After(_) => ("(l.at, l.id) > ($a, $b)", "ASC"),
    };
    format!("{LISTED} {} ORDER BY l.at {order}, l.id {order} LIMIT {limit}", conditions(filter, extra))
}

fn cursor_of(page: PageAt) -> Option<Cursor> {
    match page {
        PageAt::Newest => None,
        PageAt::Before(c) | PageAt::After(c) => Some(c),
    }
}

/// Up to `limit` entries that match `filter` at `page`, newest first (by time, then id).
pub async fn page(conn: Conn<'_>, filter: &Filter, page: PageAt, limit: i64) -> sqlx::Result<Vec<Listed>> {
    let sql = page_sql(filter, page, limit);
    let mut rows: Vec<Listed> = on!(conn, c => {
        let mut q = bind_filter!(sqlx::query_as(&sql), filter);
        if let Some(c) = cursor_of(page) {
            q = q.bind(c.at).bind(c.id);
        }
        q.fetch_all(&mut *c).await
    })?;
    if matches!(page, PageAt::After(_)) {
        rows.reverse();
    }
    Ok(rows)
}

/// How the database runs [`page`]'s query, one line per step of its plan: for tests and
/// measurements that check each filter uses an index rather than sorting the log.
pub async fn page_plan(conn: Conn<'_>, filter: &Filter, page: PageAt) -> sqlx::Result<Vec<String>> {
    let sql = page_sql(filter, page, 50);
    let cursor = cursor_of(page);
    match conn {
        Conn::Sqlite(c) => {
            let explain = format!("EXPLAIN QUERY PLAN {sql}");
            let mut q = bind_filter!(sqlx::query_as::<_, (i64, i64, i64, String)>(&explain), filter);
            if let Some(cur) = cursor {
                q = q.bind(cur.at).bind(cur.id);
            }
            Ok(q.fetch_all(&mut *c).await?.into_iter().map(|r| r.3).collect())
        }
        Conn::Postgres(c) => {
            let explain = format!("EXPLAIN {sql}");
            let mut q = bind_filter!(sqlx::query_scalar::<_, String>(&explain), filter);
            if let Some(cur) = cursor {
                q = q.bind(cur.at).bind(cur.id);
            }
            q.fetch_all(&mut *c).await
        }
    }
}

/// Whether an entry that matches `filter` lies beyond `cursor`: older (`older`) or newer.
pub async fn any_beyond(conn: Conn<'_>, filter: &Filter, cursor: Cursor, older: bool) -> sqlx::Result<bool> {
    let extra = if older { "(l.at, l.id) < ($a, $b)" } else { "(l.at, l.id) > ($a, $b)" };
    let sql = format!("SELECT l.id FROM audit_log l {} LIMIT 1", conditions(filter, extra));
    let found: Option<i64> = on!(conn, c => bind_filter!(sqlx::query_scalar(&sql), filter).bind(cursor.at).bind(cursor.id).fetch_optional(&mut *c).await)?;
    Ok(found.is_some())
}

/// Entries per day of `events` from the day starting at `since` (UTC midnight): (day index
/// from 0, count), only for days that have some. One grouped query on (event, at, id).
pub async fn per_day(conn: Conn<'_>, events: &[&str], since: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    let names: Vec<String> = (2..events.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT (at - $1) / 86400 AS day, COUNT(*) FROM audit_log WHERE event IN ({}) AND at >= $1 GROUP BY day ORDER BY day",
        names.join(", ")
    );
    on!(conn, c => {
        let mut q = sqlx::query_as(&sql).bind(since);
        for e in events {
            q = q.bind(*e);
        }
        q.fetch_all(&mut *c).await
    })
}
