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
