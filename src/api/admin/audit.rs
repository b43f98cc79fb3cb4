//! The console's audit log (SPEC §5): a page of entries, and the walk along the hash chain. The
//! export is a plain GET route (`server::admin::audit::routes`), since a browser downloads it.

use crate::domain::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use crate::view::admin::audit::{AuditLogPage, ChainState};
#[cfg(feature = "ssr")]
use super::read;

/// A page of entries that match the filters (each may be empty); a bad filter is refused at
/// its field. `before` / `after` are the pager's cursors.
#[server(endpoint = "admin_audit", input = GetUrl)]
pub async fn audit_log(
    user_id: Option<String>,
    event: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
    after: Option<String>,
) -> Result<AuditLogPage, AppError> {
    use crate::domain::audit::{AuditQuery, PageAt};
    read(move |admin| async move {
        let query = AuditQuery { user_id, event, from, to };
        crate::server::admin::audit::page(&admin, &query, PageAt::parse(before.as_deref(), after.as_deref())).await
    })
    .await
}

/// Walks the whole hash chain and says whether it holds.
#[server(endpoint = "admin_audit_verify", input = GetUrl)]
pub async fn verify_audit_chain() -> Result<ChainState, AppError> {
    read(|admin| async move { crate::server::admin::audit::chain(&admin).await }).await
}
