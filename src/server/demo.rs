//! The demo directory: at the first start in demo mode, accounts that show every case of the
//! seed document. The README lists them; they all share one password.

use super::crypto::hash_now;
use super::db::{self, accounts::NewAccount};
use super::state::AppState;
use crate::domain::UserId;
use crate::domain::directory::{PasswordSource, Role};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct DemoAccount {
    pub user_id: &'static str,
    pub display_name: &'static str,
    pub primary_email: &'static str,
    pub role: Role,
    pub password_source: PasswordSource,
    pub licensed: bool,
    pub must_change_password: bool,
    /// Set by administrators only.
    pub office_phone: Option<&'static str>,
    /// Registered and verified methods, and how long ago they were confirmed.
    pub auth_email: Option<&'static str>,
    pub auth_phone: Option<&'static str>,
    pub confirmed_days_ago: Option<i64>,
    /// What the account shows, for the README and the logs.
    pub shows: &'static str,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        user_id: "alice@contoso.example",
        display_name: "Alice Martin",
        primary_email: "alice@contoso.example",
        role: Role::User,
        password_source: PasswordSource::Cloud,
        licensed: true,
        must_change_password: false,
        office_phone: None,
        auth_email: None,
        auth_phone: None,
        confirmed_days_ago: None,
        shows: "a user who has registered nothing yet",
    },
    DemoAccount {
        user_id: "mike@contoso.example",
        display_name: "Mike Dubois",
        primary_email: "mike@contoso.example",
        role: Role::User,
        password_source: PasswordSource::Cloud,
        licensed: true,
        must_change_password: true,
        office_phone: None,
        auth_email: None,
        auth_phone: None,
        confirmed_days_ago: None,
        shows: "a new user who must change the temporary password at first sign-in",
    },
    DemoAccount {
        user_id: "olivia@contoso.example",
        display_name: "Olivia Bernard",
        primary_email: "olivia@contoso.example",
        role: Role::User,
        password_source: PasswordSource::OnPremises,
        licensed: true,
        must_change_password: false,
        office_phone: None,
        auth_email: None,
        auth_phone: None,
        confirmed_days_ago: None,
        shows: "a password managed on-premises (\"Please contact your administrator\")",
    },
    DemoAccount {
        user_id: "nora@contoso.example",
        display_name: "Nora Petit",
        primary_email: "nora@contoso.example",
        role: Role::User,
        password_source: PasswordSource::Cloud,
        licensed: false,
        must_change_password: false,
        office_phone: None,
        auth_email: None,
        auth_phone: None,
        confirmed_days_ago: None,
        shows: "an account not enabled for password reset (no licence)",
    },
    DemoAccount {
        user_id: "admin@contoso.example",
        display_name: "Ada Admin",
        primary_email: "admin@contoso.example",
        role: Role::Admin,
        password_source: PasswordSource::Cloud,
        licensed: true,
        must_change_password: false,
        office_phone: Some("+33140000000"),
        auth_email: None,
        auth_phone: None,
        confirmed_days_ago: None,
        shows: "an administrator (needs two methods, no security questions; the office phone is set)",
    },
    DemoAccount {
        user_id: "rita@contoso.example",
        display_name: "Rita Moreau",
        primary_email: "rita@contoso.example",
        role: Role::User,
        password_source: PasswordSource::Cloud,
        licensed: true,
        must_change_password: false,
        office_phone: Some("+33140000001"),
        auth_email: Some("rita.home@example.org"),
        auth_phone: Some("+33612345601"),
        confirmed_days_ago: Some(200),
        shows: "a user registered 200 days ago, asked to re-confirm (\"Are your authentication details still correct?\")",
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
        if let Some(id) = db::accounts::insert(c.conn(), &new).await.map_err(|e| e.to_string())? {
            register(c.conn(), id, a).await.map_err(|e| e.to_string())?;
            created += 1;
            tracing::info!(user_id = a.user_id, shows = a.shows, "demo account created");
        }
    }
    Ok(created)
}

/// What an administrator and the user would have set: office phone, verified methods, the
/// confirmation date.
async fn register(mut conn: db::Conn<'_>, id: i64, a: &DemoAccount) -> sqlx::Result<()> {
    let now = db::now();
    let confirmed = a.confirmed_days_ago.map(|d| now - d * 86_400);
    if let Some(phone) = a.office_phone {
        db::accounts::set_office_phone(conn.reborrow(), id, Some(phone)).await?;
    }
    for (kind, value) in [("auth_email", a.auth_email), ("auth_phone", a.auth_phone)] {
        if let Some(value) = value {
            db::methods::set_verified(conn.reborrow(), id, kind, value, confirmed.unwrap_or(now)).await?;
        }
    }
    if let Some(at) = confirmed {
        db::accounts::set_confirmed(conn.reborrow(), id, at).await?;
    }
    Ok(())
}
