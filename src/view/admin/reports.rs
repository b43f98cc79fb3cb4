//! The console's reports: registration coverage, resets per day, accounts that cannot reset.

use serde::{Deserialize, Serialize};

/// Registration coverage: of the accounts in scope of password reset (enabled, licensed, not
/// on-premises, in the policy's scope), how many registered enough, and how many have each method.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub accounts: u64,
    pub in_scope: u64,
    pub registered: u64,
    pub auth_phone: u64,
    pub auth_email: u64,
    pub office_phone: u64,
    pub questions: u64,
    /// Accounts with recovery codes left.
    pub recovery_codes: u64,
}

/// Resets completed and failures on one UTC day (`day`: days after 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    pub day: i64,
    pub resets: i64,
    pub failures: i64,
}

/// Why an account cannot reset its password today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CannotReset {
    OnPremises,
    NotEnabled,
    NotRegistered,
    Locked,
    Disabled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedAccount {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub reason: CannotReset,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsData {
    pub coverage: Coverage,
    /// The last 30 days, oldest first, today last.
    pub days: Vec<DayFigures>,
    /// One page of the accounts that cannot reset, by user ID.
    pub blocked: Vec<BlockedAccount>,
    pub blocked_total: u64,
    /// The page shown (from 1) and how many there are.
    pub page: u32,
    pub pages: u32,
}
