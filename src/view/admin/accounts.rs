//! The console's accounts: the list, one account, and a new account.

use crate::domain::directory::{PasswordSource, Role};
use crate::domain::reset::{Gate, Stop};
use crate::domain::Method;
use serde::{Deserialize, Serialize};

/// Accounts per page of the list.
pub const PAGE_SIZE: i64 = 50;
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub admin: bool,
    pub enabled: bool,
    pub locked: bool,
    pub on_premises: bool,
    pub licensed: bool,
    pub must_change_password: bool,
    pub reregister_required: bool,
    /// Verified methods the user registered (office phone included when an admin set one).
    pub methods: Vec<Method>,
    pub confirmed_at: Option<i64>,
    /// Came from the LDAP directory, which no longer has it.
    pub gone_from_directory: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub rows: Vec<AccountRow>,
    /// Accounts matching the search, all pages.
    pub total: i64,
    /// The `after` of the next page, if there is one.
    pub next: Option<String>,
    /// The `before` of the previous page, if there is one.
    pub previous: Option<String>,
    /// Accounts come from an LDAP directory (none is created or imported here).
    pub from_directory: bool,
}

/// Who owns an account's name, addresses, groups and password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// sspr's built-in directory: the console changes them.
    Sspr,
    /// The LDAP directory: shown here, changed there.
    Directory,
    /// The LDAP directory had it and no longer has: nobody signs in or resets as it.
    GoneFromDirectory,
}

/// What reading the whole directory found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryRead {
    pub users: usize,
    pub gone: usize,
}

/// A method's value as an administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masked {
    pub masked: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

/// Whether the account can reset its password under the policy in force, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetStanding {
    CanReset(Vec<Gate>),
    Cannot(Stop),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEvent {
    pub at: i64,
    pub event: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub primary_email: String,
    pub office_phone: Option<String>,
    pub password_source: PasswordSource,
    pub role: Role,
    pub enabled: bool,
    pub licensed: bool,
    pub must_change_password: bool,
    pub reregister_required: bool,
    pub confirmed_at: Option<i64>,
    /// Locked by an administrator or by "this wasn't me".
    pub locked_until: Option<i64>,
    /// Locked out of sign-in after too many failures.
    pub sign_in_blocked_until: Option<i64>,
    /// Password reset blocked for a day after too many attempts or failures.
    pub reset_blocked_until: Option<i64>,
    pub auth_phone: Option<Masked>,
    pub auth_email: Option<Masked>,
    pub questions_answered: u8,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u8,
    pub groups: Vec<GroupRef>,
    pub other_groups: Vec<GroupRef>,
    pub standing: ResetStanding,
    pub recent: Vec<AccountEvent>,
    /// The administrator's own account (its role and state cannot be taken away here).
    pub is_self: bool,
    pub owner: Owner,
}

/// A temporary password made by the server, shown once to the administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub id: i64,
    pub temporary_password: Option<String>,
}
