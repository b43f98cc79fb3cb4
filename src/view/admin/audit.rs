//! The console's audit log: one page of entries and the state of the hash chain.

use serde::{Deserialize, Serialize};

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
