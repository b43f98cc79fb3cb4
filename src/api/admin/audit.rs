//! The console's audit log, reports and inbox (SPEC §5): what their pages show, and the server
//! functions that read it or mark a request handled. The export and the chart are plain GET
//! routes (`server::admin::audit::routes`), since a browser downloads or displays them itself.

use crate::domain::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

// ---- audit log ----------------------------------------------------------------------------------

/// An account named by an entry: its user ID, or only its id when the account is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i64,
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub event: String,
    pub actor: Option<Named>,
    pub account: Option<Named>,
    pub ip: Option<String>,
    /// The entry's JSON detail, field by field; the page puts it into the reader's words.
    pub detail: Vec<DetailField>,
}

/// One field of an entry's detail (`gate: email`), as recorded: the page names the field and
/// puts its codes into words in the administrator's language (`pages::admin::detail_text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailField {
    /// The field's name in the stored JSON (`gate`, `sessions_ended`); empty for a detail that is
    /// not a JSON object.
    pub key: String,
    /// One value, or the items of a list.
    pub values: Vec<DetailValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DetailValue {
    /// A code that has words (`text_phone`, `admin`, `not_registered`), shown as the code when
    /// the catalogue has none.
    Code(String),
    /// Written as it is: a number, a masked address, a note, a name, nested JSON.
    Text(String),
    Yes,
    No,
}

/// One page of the log, newest first, with the cursors of the pages around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogPage {
    pub rows: Vec<AuditRow>,
    /// The `after` cursor of the newer page, if there is one.
    pub newer: Option<String>,
    /// The `before` cursor of the older page, if there is one.
    pub older: Option<String>,
}

/// What a walk along the hash chain found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainState {
    Intact { entries: u64 },
    Broken { at_id: i64 },
}

/// A page of entries that match the filters (each may be empty); a bad filter is refused at
/// its field. `before` / `after` are the pager's cursors.
#[server(endpoint = "admin_audit", input = GetUrl)]
pub async fn audit_log(
    user_id: Option<String>,
    event: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
    after: Option<String>,
) -> Result<AuditLogPage, AppError> {
    use crate::domain::audit::{AuditQuery, PageAt};
    crate::api::support::answer(async {
        let admin = crate::api::support::admin().await?;
        let query = AuditQuery { user_id, event, from, to };
        crate::server::admin::audit::page(&admin, &query, PageAt::parse(before.as_deref(), after.as_deref())).await
    }
    .await)
}

/// Walks the whole hash chain and says whether it holds.
#[server(endpoint = "admin_audit_verify", input = GetUrl)]
pub async fn verify_audit_chain() -> Result<ChainState, AppError> {
    crate::api::support::answer(async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::audit::chain(&admin).await
    }
    .await)
}

// ---- reports ------------------------------------------------------------------------------------

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

#[server(endpoint = "admin_reports", input = GetUrl)]
pub async fn reports(page: Option<u32>) -> Result<ReportsData, AppError> {
    crate::api::support::answer(async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::reports::reports(&admin, page.unwrap_or(1)).await
    }
    .await)
}

// ---- inbox --------------------------------------------------------------------------------------

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

#[server(endpoint = "admin_inbox", input = GetUrl)]
pub async fn inbox(open_page: Option<u32>, handled_page: Option<u32>, request: Option<i64>) -> Result<InboxData, AppError> {
    crate::api::support::answer(async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::inbox::list(&admin, open_page.unwrap_or(1), handled_page.unwrap_or(1), request).await
    }
    .await)
}

/// Marks a request handled with a note (1–1000 characters); a request handled already is a
/// `Conflict`.
#[server(endpoint = "admin_handle_request")]
pub async fn handle_request(request: i64, note: String) -> Result<(), AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::inbox::handle(&admin, request, &note).await
    }
    .await;
    // A refused note goes back to the request, where its field is, not to the inbox in general.
    crate::api::support::finish_at("/admin/inbox", Some("done=handled"), &format!("/admin/inbox?request={request}"), result)
}
