//! What the pages know of the signed-in user.

use crate::domain::PasswordRules;
use serde::{Deserialize, Serialize};

/// What the pages know of the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user_id: String,
    pub display_name: String,
    pub must_change_password: bool,
    /// The rules a new password of this account must follow, shown while it is typed.
    pub password_rules: PasswordRules,
}
