//! The admin console's server functions (SPEC §5). Each one is a [`read`] or a [`change`]:
//! both refuse everyone but a signed-in administrator, then call `server::admin`; a change
//! then sends a plain form post [`Back`] to its page.

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
    read(|admin| async move { crate::server::admin::accounts::overview(&admin).await }).await
}

/// Runs `run` as the signed-in administrator; anyone else is refused before it runs.
#[cfg(feature = "ssr")]
pub(crate) async fn as_admin<T, F>(run: impl FnOnce(crate::server::admin::Admin) -> F) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    run(super::support::admin().await?).await
}

/// A console page's data, read as the signed-in administrator; a refusal gets its status.
#[cfg(feature = "ssr")]
pub(crate) async fn read<T, F>(run: impl FnOnce(crate::server::admin::Admin) -> F) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    super::support::answer(as_admin(run).await)
}

/// A change made from the console as the signed-in administrator, finished like every form
/// endpoint: a plain form post goes back as `back` says.
#[cfg(feature = "ssr")]
pub(crate) async fn change<T, F>(back: Back, run: impl FnOnce(crate::server::admin::Admin) -> F) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    back.finish(as_admin(run).await)
}

/// Where a plain form post of a change goes back to: `page`, with `success` in the address
/// once it worked; refused, the step it was posted from (the policy preview, the group being
/// edited, the question being retired, the request being handled), where its fields are, or
/// else `page` itself.
#[cfg(feature = "ssr")]
pub(crate) struct Back {
    page: String,
    success: &'static str,
    step: Option<String>,
}

#[cfg(feature = "ssr")]
impl Back {
    pub(crate) fn to(page: impl Into<String>, success: &'static str) -> Self {
        Back { page: page.into(), success, step: None }
    }

    /// A refusal goes back to `page?step`, the step's query made of `pairs`.
    pub(crate) fn or_step(self, pairs: &[(&str, String)]) -> Self {
        Back { step: Some(crate::view::query::query(pairs)), ..self }
    }

    pub(crate) fn finish<T>(self, result: Result<T, AppError>) -> Result<T, AppError> {
        let failed = match &self.step {
            Some(step) => format!("{}?{step}", self.page),
            None => self.page.clone(),
        };
        super::support::finish_at(&self.page, Some(self.success), &failed, result)
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}
