//! The console's policy editor: the policy in force as a form, its history, and what a proposed
//! policy would change.

use crate::domain::policy::PolicyForm;
use crate::domain::reset::Stop;
use serde::{Deserialize, Serialize};

/// The policy editor: the policy in force as a form, and what it is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEditor {
    /// The version in force (0: the defaults, never saved); a save must name it.
    pub version: i64,
    pub form: PolicyForm,
    pub groups: Vec<GroupChoice>,
    pub active_questions: u32,
    /// The newest versions, newest first.
    pub history: Vec<PolicyChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub id: i64,
    pub name: String,
}

/// One saved version of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyChange {
    pub version: i64,
    pub at: i64,
    /// The administrator's user ID; `None` for the command line (or a deleted account).
    pub by: Option<String>,
    /// The settings (policy JSON keys) this version changed.
    pub changed: Vec<String>,
}

/// What a proposed policy would change, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// The settings (policy JSON keys) that differ from the policy in force.
    pub changed: Vec<String>,
    pub accounts: u32,
    pub can_reset_now: u32,
    pub can_reset_after: u32,
    /// Accounts that can reset now and could no longer.
    pub losing: u32,
    /// The first of them, by user ID.
    pub listed: Vec<Loser>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loser {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    /// Why the account could not reset under the proposed policy.
    pub why: Stop,
}
