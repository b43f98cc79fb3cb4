//! Groups and memberships: the policy can enable password reset for one group only.

use super::Conn;
use crate::on;

pub async fn is_member(conn: Conn<'_>, account_id: i64, group_id: i64) -> sqlx::Result<bool> {
    let sql = "SELECT COUNT(*) FROM memberships WHERE account_id = $1 AND group_id = $2";
    let n: i64 = on!(conn, c => sqlx::query_scalar(sql).bind(account_id).bind(group_id).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}
