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
pub async fn admin_me() -> Result<AdminMe, AppError> {
    let admin = super::support::admin().await?;
    Ok(AdminMe { user_id: admin.account.user_id, display_name: admin.account.display_name })
}
