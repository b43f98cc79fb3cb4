//! The console's inbox (SPEC §5): the requests, and marking one handled.

use crate::domain::AppError;
use crate::view::admin::inbox::InboxData;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{Back, change, read};

#[server(endpoint = "admin_inbox", input = GetUrl)]
pub async fn inbox(open_page: Option<u32>, handled_page: Option<u32>, request: Option<i64>) -> Result<InboxData, AppError> {
    read(move |admin| async move {
        crate::server::admin::inbox::list(&admin, open_page.unwrap_or(1), handled_page.unwrap_or(1), request).await
    })
    .await
}

/// Marks a request handled with a note (1–1000 characters); a request handled already is a
/// `Conflict`.
#[server(endpoint = "admin_handle_request")]
pub async fn handle_request(request: i64, note: String) -> Result<(), AppError> {
    // A refused note goes back to the request, where its field is, not to the inbox in general.
    let back = Back::to("/admin/inbox", "done=handled").or_step(&[("request", request.to_string())]);
    change(back, move |admin| async move { crate::server::admin::inbox::handle(&admin, request, &note).await }).await
}
