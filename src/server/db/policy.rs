//! The versioned policy: every change is a new row, so old and new values are both kept.

use super::Conn;
use crate::domain::policy::Policy;
use crate::on;

/// The policy in force: the newest version, or the defaults when none was ever saved.
pub async fn current(conn: Conn<'_>) -> sqlx::Result<(i64, Policy)> {
    let sql = "SELECT version, settings FROM policy_versions ORDER BY version DESC LIMIT 1";
    let row: Option<(i64, String)> = on!(conn, c => sqlx::query_as(sql).fetch_optional(&mut *c).await)?;
    Ok(match row {
        Some((version, settings)) => (version, serde_json::from_str(&settings).map_err(|e| sqlx::Error::Decode(e.into()))?),
        None => (0, Policy::default()),
    })
}

/// Saves `policy` as version `expected_version + 1`; `Ok(false)` when another admin saved first.
pub async fn save(conn: Conn<'_>, expected_version: i64, policy: &Policy, changed_by: Option<i64>, now: i64) -> sqlx::Result<bool> {
    let settings = serde_json::to_string(policy).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let sql = "INSERT INTO policy_versions (version, settings, changed_by, changed_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (version) DO NOTHING";
    let n = on!(conn, c => sqlx::query(sql).bind(expected_version + 1).bind(&settings).bind(changed_by).bind(now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
