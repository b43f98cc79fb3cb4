//! The admin console's server functions (SPEC §5). Each one starts with
//! [`support::admin`](super::support::admin), which refuses everyone but a signed-in
//! administrator, then calls `server::admin`.

pub mod accounts;
pub mod audit;
pub mod policy;

use crate::domain::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The administrator using the console, for its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminMe {
    pub user_id: String,
    pub display_name: String,
}

/// The signed-in administrator: `NotSignedIn` or `Forbidden` for anyone else.
#[server(endpoint = "admin_me", input = GetUrl)]
pub async fn current_admin() -> Result<AdminMe, AppError> {
    let admin = super::support::admin().await?;
    Ok(AdminMe { user_id: admin.account.user_id, display_name: admin.account.display_name })
}

/// What the overview counts: the accounts that may need an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub accounts: i64,
    pub not_registered: i64,
    pub locked: i64,
    pub disabled: i64,
}

#[server(endpoint = "admin_overview", input = GetUrl)]
pub async fn admin_overview() -> Result<Overview, AppError> {
    let admin = super::support::admin().await?;
    super::support::answer(crate::server::admin::accounts::overview(&admin).await)
}
