//! Server-wide secrets kept in the database, so that every node of a deployment shares them.

use super::Conn;
use crate::on;

/// The secret called `name`; `fresh` is stored first if there is none yet (the first node to
/// ask wins, the others read its value). Reading alone in the usual case: no write per page.
pub async fn get_or_create(conn: Conn<'_>, name: &str, fresh: &str) -> sqlx::Result<String> {
    on!(conn, c => {
        let select = "SELECT value FROM secrets WHERE name = $1";
        if let Some(value) = sqlx::query_scalar(select).bind(name).fetch_optional(&mut *c).await? {
            return Ok(value);
        }
        sqlx::query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name).bind(fresh).execute(&mut *c).await?;
        sqlx::query_scalar(select).bind(name).fetch_one(&mut *c).await
    })
}
