//! The console's inbox: "contact an administrator" requests and "this wasn't me" reports.

use serde::{Deserialize, Serialize};

/// A "contact an administrator" request or a "this wasn't me" report. `reason` is as stored
/// (`not_enabled`, `not_registered`, `strict`, `not_me:<what>`); `Texts::inbox_reason` reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRequest {
    pub id: i64,
    pub user_id: String,
    pub account_id: Option<i64>,
    pub created_at: i64,
    pub reason: String,
    pub handled: Option<Handled>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handled {
    pub at: i64,
    /// The administrator's user ID (`None` when that account is gone).
    pub by: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxData {
    /// One page of the open requests, oldest first.
    pub open: Vec<InboxRequest>,
    pub open_total: u64,
    /// The page shown (from 1) and how many there are.
    pub open_page: u32,
    pub open_pages: u32,
    /// One page of the handled requests, last handled first.
    pub handled: Vec<InboxRequest>,
    pub handled_total: u64,
    pub handled_page: u32,
    pub handled_pages: u32,
    /// The open request chosen to be marked handled, if any.
    pub selected: Option<InboxRequest>,
}

/// Most characters in an administrator's note.
pub const NOTE_MAX: u32 = 1000;
