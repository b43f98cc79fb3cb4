//! The admin's list of security questions: predefined ones (texts in the catalogues, by key)
//! and custom ones (one text, as the admin wrote it).

use super::Conn;
use crate::on;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct Question {
    pub id: i64,
    pub predefined_key: Option<String>,
    pub custom_text: Option<String>,
}

/// The questions users can choose now, in the admin's order.
pub async fn active(conn: Conn<'_>) -> sqlx::Result<Vec<Question>> {
    let sql = "SELECT id, predefined_key, custom_text FROM questions WHERE retired_at IS NULL ORDER BY position, id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

/// Every question, retired ones too: a reset may ask a question that was retired after the
/// user answered it.
pub async fn all(conn: Conn<'_>) -> sqlx::Result<Vec<Question>> {
    let sql = "SELECT id, predefined_key, custom_text FROM questions ORDER BY position, id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}
