//! The versioned policy: every change is a new row, so old and new values are both kept.

use super::{Conn, Tx};
use crate::domain::policy::Policy;
use crate::on;

fn decode(settings: &str) -> sqlx::Result<Policy> {
    serde_json::from_str(settings).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// The policy in force: the newest version, or the defaults when none was ever saved.
pub async fn current(conn: Conn<'_>) -> sqlx::Result<(i64, Policy)> {
    let sql = "SELECT version, settings FROM policy_versions ORDER BY version DESC LIMIT 1";
    let row: Option<(i64, String)> = on!(conn, c => sqlx::query_as(sql).fetch_optional(&mut *c).await)?;
    Ok(match row {
        Some((version, settings)) => (version, decode(&settings)?),
        None => (0, Policy::default()),
    })
}

/// Saves `policy` as version `expected_version + 1`, only if `expected_version` is the newest
/// (a compare-and-set in one statement); `Ok(false)` when another admin saved first.
pub async fn save(conn: Conn<'_>, expected_version: i64, policy: &Policy, changed_by: Option<i64>, now: i64) -> sqlx::Result<bool> {
    let settings = serde_json::to_string(policy).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let sql = "INSERT INTO policy_versions (version, settings, changed_by, changed_at) \
        SELECT $1 + 1, $2, $3, $4 WHERE (SELECT COALESCE(MAX(version), 0) FROM policy_versions) = $1 \
        ON CONFLICT (version) DO NOTHING";
    let n = on!(conn, c => sqlx::query(sql).bind(expected_version).bind(&settings).bind(changed_by).bind(now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Serialises the changes that the policy's validity depends on (the policy itself, deleting
/// its scope group, the question list) for the rest of `tx`: SQLite's `BEGIN IMMEDIATE`
/// already does, PostgreSQL takes an advisory lock.
pub async fn lock(tx: &mut Tx) -> sqlx::Result<()> {
    tx.advisory_lock(7340005).await
}

/// One saved version, with who saved it (`None`: the command line, or a deleted account).
#[derive(Debug, Clone)]
pub struct Version {
    pub version: i64,
    pub policy: Policy,
    pub changed_by: Option<String>,
    pub changed_at: i64,
}

/// The newest `limit` versions, newest first.
pub async fn history(conn: Conn<'_>, limit: i64) -> sqlx::Result<Vec<Version>> {
    let sql = "SELECT v.version, v.settings, a.user_id, v.changed_at FROM policy_versions v \
        LEFT JOIN accounts a ON a.id = v.changed_by ORDER BY v.version DESC LIMIT $1";
    let rows: Vec<(i64, String, Option<String>, i64)> = on!(conn, c => sqlx::query_as(sql).bind(limit).fetch_all(&mut *c).await)?;
    rows.into_iter()
        .map(|(version, settings, changed_by, changed_at)| Ok(Version { version, policy: decode(&settings)?, changed_by, changed_at }))
        .collect()
}
