//! What the admin console's pages show (SPEC §5), one file per page, like `api::admin`,
//! `server::admin` and `pages::admin`.

pub mod accounts;
pub mod audit;
pub mod groups;
pub mod import;
pub mod inbox;
pub mod policy;
pub mod questions;
pub mod reports;

use serde::{Deserialize, Serialize};

/// The administrator using the console, for its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminMe {
    pub user_id: String,
    pub display_name: String,
}

/// What the overview counts: the accounts that may need an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub accounts: i64,
    pub not_registered: i64,
    pub locked: i64,
    pub disabled: i64,
}
