//! Where every account stands for password reset: read for the whole directory in a few
//! queries, then judged under a policy by the reset portal's own rule
//! ([`decide`](crate::domain::reset::decide)). The impact preview judges it under two policies;
//! the report of accounts that cannot reset, under the policy in force.

use crate::domain::directory::{PasswordSource, Role};
use crate::domain::policy::{Policy, Scope};
use crate::domain::registration::Requirements;
use crate::domain::reset::{Facts, Gate, Registered, Stop, decide};
use crate::on;
use crate::server::db::{Conn, now};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Standing {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub enabled: bool,
    pub admin_locked: bool,
    pub on_premises: bool,
    pub licensed: bool,
    pub is_admin: bool,
    pub groups: Vec<i64>,
    pub registered: Registered,
}

impl Standing {
    pub fn facts(&self, policy: &Policy) -> Facts {
        let in_scope = match policy.enabled_for {
            Scope::All => true,
            Scope::None => false,
            Scope::Group(g) => self.groups.contains(&g),
        };
        Facts {
            exists: true,
            enabled: self.enabled,
            admin_locked: self.admin_locked,
            on_premises: self.on_premises,
            licensed: self.licensed,
            in_scope,
            is_admin: self.is_admin,
            registered: self.registered.clone(),
        }
    }

    /// The gates this account could use under `policy`, or why it could not reset.
    pub fn outcome(&self, policy: &Policy) -> Result<Vec<Gate>, Stop> {
        decide(&self.facts(policy), &Requirements::of(policy, self.is_admin), policy.questions_at_reset)
    }
}

type Row = (i64, String, String, bool, Option<i64>, PasswordSource, bool, Role, bool);

/// Every account's standing, by user ID.
pub async fn directory(conn: Conn<'_>) -> sqlx::Result<Vec<Standing>> {
    let mut conn = conn;
    let t = now();
    let sql = "SELECT id, user_id, display_name, enabled, locked_until, password_source, licensed, role, \
        office_phone IS NOT NULL FROM accounts ORDER BY user_id";
    let rows: Vec<Row> = on!(conn.reborrow(), c => sqlx::query_as(sql).fetch_all(&mut *c).await)?;
    let sql = "SELECT account_id, kind FROM contact_methods WHERE verified_at IS NOT NULL";
    let contacts: Vec<(i64, String)> = on!(conn.reborrow(), c => sqlx::query_as(sql).fetch_all(&mut *c).await)?;
    let sql = "SELECT account_id, COUNT(*) FROM security_answers GROUP BY account_id";
    let answers: HashMap<i64, i64> = on!(conn.reborrow(), c => sqlx::query_as(sql).fetch_all(&mut *c).await)?.into_iter().collect();
    let sql = "SELECT DISTINCT account_id FROM recovery_codes WHERE used_at IS NULL";
    let with_codes: std::collections::HashSet<i64> = on!(conn.reborrow(), c => sqlx::query_scalar(sql).fetch_all(&mut *c).await)?.into_iter().collect();
    let sql = "SELECT account_id, group_id FROM memberships";
    let memberships: Vec<(i64, i64)> = on!(conn.reborrow(), c => sqlx::query_as(sql).fetch_all(&mut *c).await)?;

    let mut registered: HashMap<i64, Registered> = HashMap::new();
    for (id, kind) in contacts {
        let r = registered.entry(id).or_default();
        match kind.as_str() {
            "auth_phone" => r.auth_phone = true,
            "auth_email" => r.auth_email = true,
            _ => {}
        }
    }
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for (account, group) in memberships {
        groups.entry(account).or_default().push(group);
    }
    Ok(rows
        .into_iter()
        .map(|(id, user_id, display_name, enabled, locked_until, source, licensed, role, office_phone)| {
            let mut r = registered.remove(&id).unwrap_or_default();
            r.office_phone = office_phone;
            r.questions = answers.get(&id).copied().unwrap_or(0) as usize;
            r.recovery_codes = with_codes.contains(&id);
            Standing {
                id,
                user_id,
                display_name,
                enabled,
                admin_locked: locked_until.is_some_and(|u| u > t),
                on_premises: source == PasswordSource::OnPremises,
                licensed,
                is_admin: role == Role::Admin,
                groups: groups.remove(&id).unwrap_or_default(),
                registered: r,
            }
        })
        .collect())
}

/// One account's standing.
pub async fn of_account(conn: Conn<'_>, a: &crate::server::db::accounts::Account) -> sqlx::Result<Standing> {
    let mut conn = conn;
    let registered = crate::server::db::methods::registered(conn.reborrow(), Some(a), a.id).await?;
    let groups = crate::server::db::groups::of_account(conn.reborrow(), a.id).await?;
    Ok(Standing {
        id: a.id,
        user_id: a.user_id.clone(),
        display_name: a.display_name.clone(),
        enabled: a.enabled,
        admin_locked: a.locked_until.is_some_and(|u| u > now()),
        on_premises: a.password_source == PasswordSource::OnPremises,
        licensed: a.licensed,
        is_admin: a.is_admin(),
        groups,
        registered,
    })
}
