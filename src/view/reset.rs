//! What the reset page shows for this browser's flow (SPEC §3): one page per step.

use crate::domain::PasswordRules;
use crate::domain::pow::Challenge;
use crate::domain::reset::{Gate, Stop};
use crate::view::registration::Choice;
use serde::{Deserialize, Serialize};

/// The reset page of this browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetView {
    pub page: ResetPage,
    /// The policy's helpdesk link (a URL or an e-mail address), shown on every error page.
    pub helpdesk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "page")]
pub enum ResetPage {
    /// Enter the user ID (and solve the challenge).
    Start { challenge: Challenge },
    /// One of the seed's error pages.
    Stopped { why: Stop, user_id: String, contacted: bool },
    /// Strict mode: the same page whatever the user ID.
    CheckMessages { user_id: String, contacted: bool },
    /// Prove who you are: `gates` are the choices for the next gate.
    Gates { user_id: String, required: u8, passed: u8, gates: Vec<Gate>, open: Option<OpenView> },
    /// Gates passed: a new password, or unlock when the account was locked out.
    Choose { user_id: String, rules: PasswordRules, can_unlock: bool },
    /// "Your password has been reset" (or the account was unlocked).
    Done { unlocked: bool },
}

/// The gate being passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum OpenView {
    /// A code went to `to` (masked).
    Code { gate: Gate, to: String, expires_in_secs: i64, resend_in_secs: i64 },
    /// Answer these questions.
    Questions { questions: Vec<Choice> },
    /// Type one of your recovery codes.
    RecoveryCode,
}
