//! The console's reports (SPEC §5). The chart is a plain GET route
//! (`server::admin::audit::routes`), since a browser displays it itself.

use crate::domain::AppError;
use crate::view::admin::reports::ReportsData;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "admin_reports", input = GetUrl)]
pub async fn reports(page: Option<u32>) -> Result<ReportsData, AppError> {
    super::read(move |admin| async move { crate::server::admin::reports::reports(&admin, page.unwrap_or(1)).await }).await
}
