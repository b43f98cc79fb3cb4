//! The admin console's server functions (SPEC §5). Each one starts with
//! [`support::admin`](super::support::admin), which refuses everyone but a signed-in
//! administrator, then calls `server::admin`.

pub mod accounts;
pub mod audit;
pub mod groups;
pub mod import;
pub mod inbox;
pub mod policy;
pub mod questions;
pub mod reports;

use crate::domain::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use crate::view::admin::{AdminMe, Overview};

/// The signed-in administrator: `NotSignedIn` or `Forbidden` for anyone else.
#[server(endpoint = "admin_me", input = GetUrl)]
pub async fn current_admin() -> Result<AdminMe, AppError> {
    let admin = super::support::admin().await?;
    Ok(AdminMe { user_id: admin.account.user_id, display_name: admin.account.display_name })
}

#[server(endpoint = "admin_overview", input = GetUrl)]
pub async fn admin_overview() -> Result<Overview, AppError> {
    let admin = super::support::admin().await?;
    super::support::answer(crate::server::admin::accounts::overview(&admin).await)
}

/// A change made from a step whose address has a query (`step`: the policy preview, the group
/// being edited, the question being retired): a refused plain form post goes back to that step,
/// a successful one to `page?success`.
#[cfg(feature = "ssr")]
pub(crate) fn finish_step<T>(page: &str, step: &str, success: &str, result: Result<T, AppError>) -> Result<T, AppError> {
    super::support::finish_at(page, Some(success), &format!("{page}?{step}"), result)
}

/// `name=value&…` of the pairs, URL-encoded.
#[cfg(feature = "ssr")]
pub(crate) fn query(pairs: &[(&str, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

#[cfg(feature = "ssr")]
pub(crate) fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}
