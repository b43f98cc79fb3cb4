//! Groups and memberships: the policy can enable password reset for one group only.

use super::Conn;
use crate::on;
use sqlx::FromRow;

pub async fn is_member(conn: Conn<'_>, account_id: i64, group_id: i64) -> sqlx::Result<bool> {
    let sql = "SELECT COUNT(*) FROM memberships WHERE account_id = $1 AND group_id = $2";
    let n: i64 = on!(conn, c => sqlx::query_scalar(sql).bind(account_id).bind(group_id).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

#[derive(Debug, Clone, FromRow)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub members: i64,
}

/// Every group with its member count, by name.
pub async fn all(conn: Conn<'_>) -> sqlx::Result<Vec<Group>> {
    let sql = "SELECT g.id, g.name, g.description, COUNT(m.account_id) AS members FROM groups g \
        LEFT JOIN memberships m ON m.group_id = g.id GROUP BY g.id, g.name, g.description ORDER BY g.name";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

/// The groups an account belongs to.
pub async fn of_account(conn: Conn<'_>, account_id: i64) -> sqlx::Result<Vec<i64>> {
    let sql = "SELECT group_id FROM memberships WHERE account_id = $1 ORDER BY group_id";
    on!(conn, c => sqlx::query_scalar(sql).bind(account_id).fetch_all(&mut *c).await)
}

/// Makes `group_ids` the account's groups (inside the caller's transaction).
pub async fn set_memberships(conn: Conn<'_>, account_id: i64, group_ids: &[i64]) -> sqlx::Result<()> {
    let mut conn = conn;
    on!(conn.reborrow(), c => sqlx::query("DELETE FROM memberships WHERE account_id = $1").bind(account_id).execute(&mut *c).await.map(|_| ()))?;
    for g in group_ids {
        on!(conn.reborrow(), c => sqlx::query("INSERT INTO memberships (account_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(account_id).bind(g).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Makes the account a member of exactly the groups named `names` (whatever their case; names
/// that no group of sspr has are left aside), as a directory says. Writes only what changed,
/// each statement on its own, so that the same call from two nodes at once agrees.
pub async fn follow_directory(mut conn: Conn<'_>, account_id: i64, names: &[String]) -> sqlx::Result<()> {
    let all: Vec<(i64, String)> = on!(conn.reborrow(), c => sqlx::query_as("SELECT id, name FROM groups").fetch_all(&mut *c).await)?;
    let wanted: Vec<i64> = all.iter().filter(|(_, name)| names.iter().any(|n| n.eq_ignore_ascii_case(name))).map(|(id, _)| *id).collect();
    let have = of_account(conn.reborrow(), account_id).await?;
    for gone in have.iter().filter(|g| !wanted.contains(g)) {
        on!(conn.reborrow(), c => sqlx::query("DELETE FROM memberships WHERE account_id = $1 AND group_id = $2")
            .bind(account_id).bind(gone).execute(&mut *c).await.map(|_| ()))?;
    }
    for new in wanted.iter().filter(|g| !have.contains(g)) {
        on!(conn.reborrow(), c => sqlx::query("INSERT INTO memberships (account_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(account_id).bind(new).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

// ---- the admin console's group list (src/server/admin/groups.rs) ---------------------------

/// One group, or `None`.
pub async fn find(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<Group>> {
    let sql = "SELECT g.id, g.name, g.description, COUNT(m.account_id) AS members FROM groups g \
        LEFT JOIN memberships m ON m.group_id = g.id WHERE g.id = $1 GROUP BY g.id, g.name, g.description";
    on!(conn, c => sqlx::query_as(sql).bind(id).fetch_optional(&mut *c).await)
}

/// The id of every group (what the policy's scope may name).
pub async fn ids(conn: Conn<'_>) -> sqlx::Result<Vec<i64>> {
    on!(conn, c => sqlx::query_scalar("SELECT id FROM groups ORDER BY id").fetch_all(&mut *c).await)
}

/// The group named `name` (whatever its case), if any.
pub async fn id_by_name(conn: Conn<'_>, name: &str) -> sqlx::Result<Option<i64>> {
    let sql = "SELECT id FROM groups WHERE lower(name) = lower($1)";
    on!(conn, c => sqlx::query_scalar(sql).bind(name).fetch_optional(&mut *c).await)
}

/// Creates a group; `None` when the name is taken (names are unique whatever their case).
pub async fn create(conn: Conn<'_>, name: &str, description: &str, now: i64) -> sqlx::Result<Option<i64>> {
    let sql = "INSERT INTO groups (name, description, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql).bind(name).bind(description).bind(now).fetch_optional(&mut *c).await)
}

/// Renames and describes a group; `Ok(false)` when another group has the name.
pub async fn update(conn: Conn<'_>, id: i64, name: &str, description: &str) -> sqlx::Result<bool> {
    let sql = "UPDATE groups SET name = $2, description = $3 WHERE id = $1 \
        AND NOT EXISTS (SELECT 1 FROM groups o WHERE lower(o.name) = lower($2) AND o.id <> $1)";
    let n = on!(conn, c => sqlx::query(sql).bind(id).bind(name).bind(description).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a group and its memberships (the accounts stay).
pub async fn delete(conn: Conn<'_>, id: i64) -> sqlx::Result<bool> {
    let n = on!(conn, c => sqlx::query("DELETE FROM groups WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
