//! The demo directory: at the first start in demo mode, accounts that show every case of the
//! seed document. The README lists them; they all share one password.

use super::crypto::hash_now;
use super::db::{self, accounts::NewAccount};
use super::state::AppState;
use crate::domain::UserId;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct DemoAccount {
    pub user_id: &'static str,
    pub display_name: &'static str,
    pub primary_email: &'static str,
    pub role: &'static str,
    pub password_source: &'static str,
    pub licensed: bool,
    pub must_change_password: bool,
    /// What the account shows, for the README and the logs.
    pub shows: &'static str,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        user_id: "alice@contoso.example",
        display_name: "Alice Martin",
        primary_email: "alice@contoso.example",
        role: "user",
        password_source: "cloud",
        licensed: true,
        must_change_password: false,
        shows: "a user who can register methods and reset",
    },
    DemoAccount {
        user_id: "mike@contoso.example",
        display_name: "Mike Dubois",
        primary_email: "mike@contoso.example",
        role: "user",
        password_source: "cloud",
        licensed: true,
        must_change_password: true,
        shows: "a new user who must change the temporary password at first sign-in",
    },
    DemoAccount {
        user_id: "olivia@contoso.example",
        display_name: "Olivia Bernard",
        primary_email: "olivia@contoso.example",
        role: "user",
        password_source: "on_premises",
        licensed: true,
        must_change_password: false,
        shows: "a password managed on-premises (\"Please contact your administrator\")",
    },
    DemoAccount {
        user_id: "nora@contoso.example",
        display_name: "Nora Petit",
        primary_email: "nora@contoso.example",
        role: "user",
        password_source: "cloud",
        licensed: false,
        must_change_password: false,
        shows: "an account not enabled for password reset (no licence)",
    },
    DemoAccount {
        user_id: "admin@contoso.example",
        display_name: "Ada Admin",
        primary_email: "admin@contoso.example",
        role: "admin",
        password_source: "cloud",
        licensed: true,
        must_change_password: false,
        shows: "an administrator",
    },
];

/// Creates the demo accounts that are missing (idempotent: a second start changes nothing).
pub async fn ensure_directory(state: &AppState) -> Result<usize, String> {
    let mut created = 0;
    let mut c = state.db.acquire().await.map_err(|e| e.to_string())?;
    for a in ACCOUNTS {
        let user_id = UserId::parse(a.user_id).map_err(|e| e.to_string())?;
        if db::accounts::find_by_user_id(c.conn(), &user_id).await.map_err(|e| e.to_string())?.is_some() {
            continue;
        }
        let new = NewAccount {
            user_id,
            display_name: a.display_name.into(),
            primary_email: a.primary_email.into(),
            password_hash: hash_now(PASSWORD).map_err(|e| e.to_string())?,
            must_change_password: a.must_change_password,
            role: a.role,
            password_source: a.password_source,
            licensed: a.licensed,
        };
        if db::accounts::insert(c.conn(), &new).await.map_err(|e| e.to_string())?.is_some() {
            created += 1;
            tracing::info!(user_id = a.user_id, shows = a.shows, "demo account created");
        }
    }
    Ok(created)
}
