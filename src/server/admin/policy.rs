//! The policy editor (SPEC §1, §5): the policy in force with its history, the impact preview
//! of a proposed policy, and saving it as a new version (compare-and-set on the version the
//! editor read) with its audit entry, from the console or the command line.

use super::standing::{Standing, directory};
use super::{Admin, record};
use crate::view::admin::policy::{GroupChoice, Impact, Loser, PolicyChange, PolicyEditor};
use crate::domain::AppError;
use crate::domain::policy::{Limits, Policy, PolicyForm};
use crate::server::db::{self, Conn, Db, Tx, audit, now};
use serde_json::{Value, json};

/// Versions shown in the editor's history (older ones are in the audit log).
const HISTORY: i64 = 20;
/// Accounts listed by the impact preview (all are counted).
const LISTED: usize = 100;

/// What the policy is checked against: the groups that exist and the questions on the list.
struct Known {
    group_ids: Vec<i64>,
    active_questions: usize,
}

impl Known {
    async fn read(mut conn: Conn<'_>) -> sqlx::Result<Known> {
        let group_ids = db::groups::ids(conn.reborrow()).await?;
        let active_questions = db::questions::count_active(conn).await? as usize;
        Ok(Known { group_ids, active_questions })
    }

    fn limits(&self) -> Limits<'_> {
        Limits { group_ids: &self.group_ids, active_questions: self.active_questions }
    }
}

/// The settings (JSON keys, sorted) whose values differ between two policies.
pub fn changed_settings(old: &Policy, new: &Policy) -> Vec<String> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) = (serde_json::to_value(old), serde_json::to_value(new)) else { return Vec::new() };
    let mut keys: Vec<String> = new.iter().filter(|(key, value)| old.get(*key) != Some(*value)).map(|(key, _)| key.clone()).collect();
    keys.sort();
    keys
}

/// The editor: the policy in force, the groups to choose from, and the recent versions.
pub async fn editor(admin: &Admin) -> Result<PolicyEditor, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let (version, policy) = db::policy::current(c.conn()).await?;
    let groups = db::groups::all(c.conn()).await?.into_iter().map(|g| GroupChoice { id: g.id, name: g.name }).collect();
    let active_questions = db::questions::count_active(c.conn()).await? as u32;
    // One more than shown, so that the oldest shown version has its predecessor to compare to.
    let versions = db::policy::history(c.conn(), HISTORY + 1).await?;
    let history = versions
        .iter()
        .enumerate()
        .take(HISTORY as usize)
        .map(|(i, v)| {
            let before = versions.get(i + 1).map(|p| p.policy.clone()).unwrap_or_default();
            PolicyChange { version: v.version, at: v.changed_at, by: v.changed_by.clone(), changed: changed_settings(&before, &v.policy) }
        })
        .collect();
    Ok(PolicyEditor { version, form: PolicyForm::of(&policy), groups, active_questions, history })
}

/// Who could reset under the policy in force but no longer under `form`: counted for the whole
/// directory, the first hundred listed by user ID. Nothing is saved.
pub async fn preview(db: &Db, form: &PolicyForm) -> Result<Impact, AppError> {
    let mut c = db.acquire().await?;
    let proposed = form.parse(Known::read(c.conn()).await?.limits())?;
    let (_, current) = db::policy::current(c.conn()).await?;
    let accounts = directory(c.conn()).await?;
    Ok(impact(&accounts, &current, &proposed))
}

fn impact(accounts: &[Standing], current: &Policy, proposed: &Policy) -> Impact {
    let mut can_reset_now = 0;
    let mut can_reset_after = 0;
    let mut losing = Vec::new();
    for account in accounts {
        let now = account.outcome(current).is_ok();
        let after = account.outcome(proposed);
        can_reset_now += u32::from(now);
        can_reset_after += u32::from(after.is_ok());
        if let (true, Err(why)) = (now, after) {
            losing.push(Loser { id: account.id, user_id: account.user_id.clone(), display_name: account.display_name.clone(), why });
        }
    }
    let count = losing.len() as u32;
    losing.truncate(LISTED);
    Impact {
        changed: changed_settings(current, proposed),
        accounts: accounts.len() as u32,
        can_reset_now,
        can_reset_after,
        losing: count,
        listed: losing,
    }
}

/// Who saves a policy: an administrator in the console, or the command line (no account).
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    Admin(&'a Admin),
    CommandLine,
}

/// Saves `form` as the version after `expected_version`, with its `policy_changed` audit entry
/// (old and new values), in one transaction. Refused at its field when invalid, and with
/// `Conflict` when another version was saved since `expected_version` was read; either way
/// nothing is written. Returns the new version.
pub async fn save(db: &Db, expected_version: i64, form: &PolicyForm, actor: Actor<'_>) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    db::policy::lock(&mut tx).await?;
    let proposed = form.parse(Known::read(tx.conn()).await?.limits())?;
    let (_, old) = db::policy::current(tx.conn()).await?;
    let by = match actor {
        Actor::Admin(admin) => Some(admin.account.id),
        Actor::CommandLine => None,
    };
    if !db::policy::save(tx.conn(), expected_version, &proposed, by, now()).await? {
        return Err(AppError::Conflict);
    }
    let version = expected_version + 1;
    let detail = json!({ "version": version, "old": old, "new": proposed });
    record_change(&mut tx, actor, detail).await?;
    tx.commit().await?;
    Ok(version)
}

async fn record_change(tx: &mut Tx, actor: Actor<'_>, mut detail: Value) -> Result<(), AppError> {
    match actor {
        Actor::Admin(admin) => record(tx, admin, "policy_changed", None, detail).await,
        Actor::CommandLine => {
            detail["via"] = json!("cli");
            let entry = audit::Event { event: "policy_changed", actor_id: None, account_id: None, ip: None, detail };
            Ok(audit::append(tx, entry, now()).await?)
        }
    }
}

// ---- the command line: `sspr policy show|set` ---------------------------------------------

/// `sspr policy show`: the version in force and the policy as pretty JSON.
pub async fn show(db: &Db) -> Result<String, String> {
    let mut c = db.acquire().await.map_err(|e| e.to_string())?;
    let (version, policy) = db::policy::current(c.conn()).await.map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&policy).map_err(|e| e.to_string())?;
    Ok(format!("version {version}\n{json}"))
}

/// `sspr policy set KEY=VALUE…`: the policy in force with these settings changed, checked by
/// the editor's own rules and saved as a new version. Keys are the form's field names; the
/// scope may also be given as `enabled_for=all|none|group:NAME`.
pub async fn set(db: &Db, assignments: &[String]) -> Result<String, String> {
    let (version, mut form) = {
        let mut c = db.acquire().await.map_err(|e| e.to_string())?;
        let (version, policy) = db::policy::current(c.conn()).await.map_err(|e| e.to_string())?;
        (version, PolicyForm::of(&policy))
    };
    if assignments.is_empty() {
        return Err("give at least one KEY=VALUE".into());
    }
    for assignment in assignments {
        let (key, value) = assignment.split_once('=').ok_or_else(|| format!("{assignment:?} is not KEY=VALUE"))?;
        let key = key.trim();
        if key == "enabled_for" {
            set_scope(db, &mut form, value).await?;
        } else {
            form.set(key, value)?;
        }
    }
    match save(db, version, &form, Actor::CommandLine).await {
        Ok(new_version) => Ok(format!("policy version {new_version} saved")),
        Err(AppError::Field { field, problem }) => {
            let key = match field.name() {
                "scope" | "scope_group" if assignments.iter().any(|a| a.trim_start().starts_with("enabled_for=")) => "enabled_for",
                "methods_offered" => "offer_sms, offer_voice, offer_office_phone, offer_email, offer_questions, offer_recovery_codes",
                name => name,
            };
            Err(format!("{key}: {}", crate::i18n::Locale::En.texts().problem(problem)))
        }
        Err(AppError::Conflict) => Err("another version was saved meanwhile: run the command again".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// `enabled_for=all`, `none` or `group:NAME` (the group by its name).
async fn set_scope(db: &Db, form: &mut PolicyForm, value: &str) -> Result<(), String> {
    let value = value.trim();
    let (scope, group) = match value.split_once(':') {
        Some(("group", name)) => {
            let mut c = db.acquire().await.map_err(|e| e.to_string())?;
            let id = db::groups::id_by_name(c.conn(), name.trim()).await.map_err(|e| e.to_string())?;
            ("group", id.ok_or_else(|| format!("enabled_for: there is no group named {:?}", name.trim()))?.to_string())
        }
        None if value == "all" || value == "none" => (value, String::new()),
        _ => return Err(format!("enabled_for must be all, none or group:NAME, not {value:?}")),
    };
    form.scope = scope.to_owned();
    form.scope_group = group;
    Ok(())
}
