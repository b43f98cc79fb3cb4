//! Where accounts and their passwords live (`SSPR_DIRECTORY`): sspr's own tables (the built-in
//! directory: the default, the demo, what a CSV import fills) or an LDAP directory, whose
//! password is the one the organisation's other systems check. Looking a user up by the typed
//! ID, checking a password and writing a new one go through here; what sspr keeps of an account
//! (registered methods, flows, codes, counters, audit) stays in its database either way, on the
//! account's row.

pub mod active_directory;
pub mod check;
pub mod ldap;

use super::config::DirectoryConfig;
use super::crypto::Verified;
use super::db::{self, Db, accounts::Account};
use super::state::AppState;
use crate::domain::{AppError, Field, Problem, UserId};

pub enum Directory {
    Builtin,
    Ldap(ldap::LdapDirectory),
}

/// A new password on its way to the directory, already checked by sspr's rules.
#[derive(Clone, Copy)]
pub enum PasswordWrite<'a> {
    /// A reset once the gates are passed, or a change an administrator requires: written by
    /// the service.
    Reset { new: &'a str },
    /// The owner's own change, with the current password (a directory applies its rules for
    /// its users, such as a minimum age, only then).
    Change { current: &'a str, new: &'a str },
    /// An administrator's temporary password.
    Temporary { new: &'a str },
}

impl PasswordWrite<'_> {
    fn new_password(&self) -> &str {
        match self {
            PasswordWrite::Reset { new } | PasswordWrite::Change { new, .. } | PasswordWrite::Temporary { new } => new,
        }
    }
}

/// What a look at the whole directory found: its users, and how many of the accounts sspr
/// knew are no longer among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectorySync {
    pub seen: usize,
    pub gone: usize,
}

/// What an account's row keeps as its password hash when the password lives in a directory:
/// not a hash, so that nothing ever verifies against it.
pub const IN_DIRECTORY: &str = "!directory";

impl Directory {
    pub fn new(config: &DirectoryConfig) -> Result<Directory, String> {
        Ok(match config {
            DirectoryConfig::Builtin => Directory::Builtin,
            DirectoryConfig::Ldap(c) => Directory::Ldap(ldap::LdapDirectory::new(c.clone())?),
        })
    }

    /// `sspr directory test [USER]`: the findings, in order (see [`check`]).
    pub async fn check(&self, db: &Db, login: Option<&str>) -> Vec<check::Finding> {
        match self {
            Directory::Ldap(ldap) => check::run(ldap, login).await,
            Directory::Builtin => {
                let mut c = match db.acquire().await {
                    Ok(c) => c,
                    Err(e) => return vec![check::Finding { verdict: check::Verdict::Fail, text: format!("the database: {e}") }],
                };
                let every = db::accounts::Search { text: "", filter: crate::domain::directory::AccountFilter::All, after: None, before: None, limit: 0 };
                let accounts = db::accounts::search_count(c.conn(), &every).await;
                let text = match accounts {
                    Ok(n) => format!("the built-in directory (SSPR_DIRECTORY=builtin) holds {}: nothing to connect to", crate::i18n::Locale::En.count(n as u64, "account", "accounts")),
                    Err(e) => format!("the built-in directory cannot be read: {e}"),
                };
                vec![check::Finding { verdict: check::Verdict::Ok, text }]
            }
        }
    }

    pub fn is_builtin(&self) -> bool {
        matches!(self, Directory::Builtin)
    }

    /// The account with this user ID. From LDAP, the entry is looked up and its row in sspr's
    /// database created or brought up to date; an entry that is gone (or never was) is `None`.
    pub async fn find(&self, db: &Db, user_id: &UserId) -> Result<Option<Account>, AppError> {
        match self {
            Directory::Builtin => {
                let mut c = db.acquire().await?;
                Ok(db::accounts::find_by_user_id(c.conn(), user_id).await?)
            }
            Directory::Ldap(ldap) => {
                let Some(entry) = ldap.find(user_id.as_str()).await? else { return Ok(None) };
                let mut c = db.acquire().await?;
                Ok(Some(db::accounts::sync_from_directory(c.conn(), &entry, IN_DIRECTORY).await?))
            }
        }
    }

    /// The account of a session as the directory has it now. From LDAP, its user ID is looked
    /// up again, which brings its row up to date: an entry that is gone, disabled, or now
    /// another person's is `None`. A directory that does not answer leaves the session be
    /// (each action of a signed-in page asks the directory itself anyway): the account as it
    /// was. The built-in directory holds its accounts: the account as it is.
    pub async fn look_up_again(&self, db: &Db, account: Account) -> Result<Option<Account>, AppError> {
        let Directory::Ldap(_) = self else { return Ok(Some(account)) };
        let Some(user_id) = account.directory_dn.as_ref().and_then(|_| UserId::parse(&account.user_id).ok()) else { return Ok(None) };
        match self.find(db, &user_id).await {
            Ok(found) => Ok(found.filter(|a| a.id == account.id)),
            Err(AppError::DirectoryUnavailable) => {
                tracing::warn!(account = account.id, "the directory did not answer: the session goes on until it does");
                Ok(Some(account))
            }
            Err(e) => Err(e),
        }
    }

    /// Reads every user of an LDAP directory (page by page) and brings sspr's rows up to date:
    /// new users get a row, renamed ones keep theirs, and the rows of users it no longer has
    /// lose their entry and their sessions (see [`db::accounts::gone_from_directory`]). When
    /// the policy says so, the users whose password expires soon get their reminder
    /// ([`notify::expiry_reminders`](super::notify::expiry_reminders)). The built-in directory
    /// is sspr's tables: nothing to do (`None`).
    pub async fn sync_all(&self, state: &AppState) -> Result<Option<DirectorySync>, AppError> {
        let Directory::Ldap(ldap) = self else { return Ok(None) };
        let db = &state.db;
        let started = db::now();
        let entries = ldap.all().await?;
        let mut c = db.acquire().await?;
        let mut seen = std::collections::HashSet::with_capacity(entries.len());
        let mut expiring = Vec::new();
        for entry in &entries {
            let account = db::accounts::sync_from_directory(c.conn(), entry, IN_DIRECTORY).await?;
            if let Some(at) = entry.password_expires_at {
                expiring.push((account, at));
            }
            seen.insert(entry.id.as_str());
        }
        let known = db::accounts::in_directory(c.conn(), started).await?;
        if entries.is_empty() && !known.is_empty() {
            // More likely a filter or base DN that matches nothing than everyone deleted.
            tracing::warn!(known = known.len(), "the LDAP directory lists no user: nobody is marked as gone (check SSPR_LDAP_BASE_DN and SSPR_LDAP_USER_FILTER)");
            return Ok(Some(DirectorySync { seen: 0, gone: 0 }));
        }
        let mut gone = 0;
        for (id, _) in known.iter().filter(|(_, directory_id)| !seen.contains(directory_id.as_str())) {
            let sessions_ended = db::accounts::gone_from_directory(c.conn(), *id).await?;
            tracing::info!(account = id, sessions_ended, "an account is no longer in the LDAP directory");
            gone += 1;
        }
        let (_, policy) = db::policy::current(c.conn()).await?;
        drop(c);
        if policy.expiry_reminders {
            let sent = super::notify::expiry_reminders(state, &expiring, db::now()).await?;
            if sent > 0 {
                tracing::info!(sent, "password expiry reminders sent");
            }
        }
        Ok(Some(DirectorySync { seen: entries.len(), gone }))
    }

    /// Whether `password` is the account's: argon2 against the row's hash, or a bind as the
    /// user (nothing of the directory's hashes is read). Without an account the same kind of
    /// work is done, so that an unknown user ID takes as long.
    pub async fn check_password(&self, state: &AppState, account: Option<&Account>, password: &str) -> Result<Verified, AppError> {
        match (self, account) {
            (Directory::Builtin, Some(a)) => state.hasher.verify(password.to_owned(), a.password_hash.clone()).await,
            (Directory::Builtin, None) => {
                state.hasher.verify_decoy(password.to_owned()).await?;
                Ok(Verified { ok: false, needs_rehash: false })
            }
            (Directory::Ldap(ldap), account) => {
                let ok = match account.and_then(|a| a.directory_dn.as_deref()) {
                    Some(dn) => ldap.bind_as(dn, password).await?,
                    None => {
                        ldap.decoy_bind(password).await?;
                        false
                    }
                };
                Ok(Verified { ok, needs_rehash: false })
            }
        }
    }

    /// Lifts the directory's own lock-out of the account (sspr's lock-outs are its own tables').
    pub async fn unlock(&self, account: &Account) -> Result<(), AppError> {
        match (self, account.directory_dn.as_deref()) {
            (Directory::Ldap(ldap), Some(dn)) => ldap.unlock(dn).await,
            _ => Ok(()),
        }
    }

    /// Writes a new password where the account's password lives and returns what its row keeps
    /// (the argon2 hash, or [`IN_DIRECTORY`]). A directory's refusal (its history, its minimum
    /// age, its quality rules) comes back as the new password's error, and nothing is written.
    pub async fn write_password(&self, state: &AppState, account: &Account, write: PasswordWrite<'_>) -> Result<String, AppError> {
        match self {
            Directory::Builtin => {
                let new = write.new_password().to_owned();
                if !matches!(write, PasswordWrite::Temporary { .. }) && state.hasher.verify(new.clone(), account.password_hash.clone()).await?.ok {
                    return Err(AppError::field(Field::NewPassword, Problem::SameAsCurrent));
                }
                state.hasher.hash(new).await
            }
            Directory::Ldap(ldap) => {
                let Some(dn) = account.directory_dn.as_deref() else {
                    let field = if matches!(write, PasswordWrite::Temporary { .. }) { Field::TemporaryPassword } else { Field::NewPassword };
                    return Err(AppError::field(field, Problem::GoneFromDirectory));
                };
                ldap.set_password(dn, write).await?;
                Ok(IN_DIRECTORY.to_owned())
            }
        }
    }
}
