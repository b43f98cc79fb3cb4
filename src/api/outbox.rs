//! The development outbox: every queued message, for trying the product without mail or SMS.

use crate::domain::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use crate::view::outbox::OutboxEntry;

/// The newest 200 messages; `NotFound` unless the development outbox is enabled.
#[server(endpoint = "dev_outbox", input = GetUrl)]
pub async fn dev_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use crate::server::{db, state::app_state};
    let state = app_state()?;
    if !state.config.dev_outbox {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(axum::http::StatusCode::NOT_FOUND);
        }
        return Err(AppError::NotFound);
    }
    let mut c = state.db.acquire().await?;
    let rows = db::outbox::recent(c.conn(), 200).await?;
    Ok(rows
        .into_iter()
        .map(|m| OutboxEntry {
            id: m.id,
            channel: m.channel,
            recipient: m.recipient,
            subject: m.subject,
            body: m.body,
            created_at: m.created_at,
            sent: m.sent_at.is_some(),
            failed: m.failed_at.is_some(),
        })
        .collect())
}
