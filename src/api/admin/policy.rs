//! The policy editor, the groups and the question list (SPEC §1, §5): what their pages show,
//! and one server function per change. Each change is also a plain form endpoint; a refused
//! plain post goes back to the step it came from, with the error at its field.

use crate::domain::AppError;
use crate::domain::policy::PolicyForm;
use crate::domain::reset::Stop;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

// ---- what the pages show ----------------------------------------------------------------------

/// The policy editor: the policy in force as a form, and what it is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEditor {
    /// The version in force (0: the defaults, never saved); a save must name it.
    pub version: i64,
    pub form: PolicyForm,
    pub groups: Vec<GroupChoice>,
    pub active_questions: u32,
    /// The newest versions, newest first.
    pub history: Vec<PolicyChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub id: i64,
    pub name: String,
}

/// One saved version of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyChange {
    pub version: i64,
    pub at: i64,
    /// The administrator's user ID; `None` for the command line (or a deleted account).
    pub by: Option<String>,
    /// The settings (policy JSON keys) this version changed.
    pub changed: Vec<String>,
}

/// What a proposed policy would change, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// The settings (policy JSON keys) that differ from the policy in force.
    pub changed: Vec<String>,
    pub accounts: u32,
    pub can_reset_now: u32,
    pub can_reset_after: u32,
    /// Accounts that can reset now and could no longer.
    pub losing: u32,
    /// The first of them, by user ID.
    pub listed: Vec<Loser>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loser {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    /// Why the account could not reset under the proposed policy.
    pub why: Stop,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub members: i64,
    /// The policy enables password reset for this group only.
    pub in_scope: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionList {
    /// In the order users see them.
    pub active: Vec<QuestionRow>,
    pub retired: Vec<QuestionRow>,
    pub max_active: u32,
    /// The policy's questions to register: the list keeps at least that many.
    pub min_active: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRow {
    pub id: i64,
    /// Written by an administrator (one text in every language); else predefined.
    pub custom: bool,
    pub en: String,
    pub fr: String,
    /// Accounts that answered it.
    pub answered: i64,
    pub retired: bool,
}

// ---- finishing a call ---------------------------------------------------------------------------

#[cfg(feature = "ssr")]
use crate::api::support::{admin, answer, finish, finish_at};
#[cfg(feature = "ssr")]
use crate::server::admin::{groups, policy, questions};

/// A change made from a step whose address has a query (`step`: the policy preview, the group
/// being edited, the question being retired): a refused plain form post goes back to that step,
/// a successful one to `page?success`.
#[cfg(feature = "ssr")]
fn finish_step<T>(page: &str, step: &str, success: &str, result: Result<T, AppError>) -> Result<T, AppError> {
    finish_at(page, Some(success), &format!("{page}?{step}"), result)
}

/// `name=value&…` of the pairs, URL-encoded.
#[cfg(feature = "ssr")]
fn query(pairs: &[(&str, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

#[cfg(feature = "ssr")]
fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

// ---- the policy -----------------------------------------------------------------------------------

#[server(endpoint = "admin_policy", input = GetUrl)]
pub async fn get_policy() -> Result<PolicyEditor, AppError> {
    answer(async { policy::editor(&admin().await?).await }.await)
}

/// Who could no longer reset under the proposed policy (nothing is saved).
#[server(endpoint = "admin_preview_policy", input = GetUrl)]
pub async fn preview_policy(#[server(flatten)] form: PolicyForm) -> Result<Impact, AppError> {
    answer(
        async {
            let admin = admin().await?;
            policy::preview(&admin.state.db, &form).await
        }
        .await,
    )
}

/// Saves the previewed policy, if `version` is still the one in force.
#[server(endpoint = "admin_save_policy")]
pub async fn save_policy(version: String, #[server(flatten)] form: PolicyForm) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        let expected = version.trim().parse().map_err(|_| AppError::Conflict)?;
        policy::save(&admin.state.db, expected, &form, policy::Actor::Admin(&admin)).await.map(|_| ())
    }
    .await;
    let mut step = form.pairs();
    step.extend([("intent", "preview".to_owned()), ("version", version)]);
    finish_step("/admin/policy", &query(&step), "done=policy_saved", result)
}

// ---- groups ------------------------------------------------------------------------------------------

#[server(endpoint = "admin_groups", input = GetUrl)]
pub async fn list_groups() -> Result<Vec<GroupRow>, AppError> {
    answer(async { groups::list(&admin().await?).await }.await)
}

#[server(endpoint = "admin_create_group")]
pub async fn create_group(group_name: String, group_description: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::create(&admin, &group_name, &group_description).await.map(|_| ())
    }
    .await;
    finish("/admin/groups", Some("done=group_created"), result)
}

#[server(endpoint = "admin_update_group")]
pub async fn update_group(id: String, group_name: String, group_description: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::update(&admin, parse_id(&id)?, &group_name, &group_description).await
    }
    .await;
    finish_step("/admin/groups", &query(&[("edit", id)]), "done=group_saved", result)
}

#[server(endpoint = "admin_delete_group")]
pub async fn delete_group(id: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::delete(&admin, parse_id(&id)?).await
    }
    .await;
    finish_step("/admin/groups", &query(&[("edit", id)]), "done=group_deleted", result)
}

// ---- questions ---------------------------------------------------------------------------------------

#[server(endpoint = "admin_questions", input = GetUrl)]
pub async fn list_questions() -> Result<QuestionList, AppError> {
    answer(async { questions::list(&admin().await?).await }.await)
}

#[server(endpoint = "admin_add_question")]
pub async fn add_question(question_text: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        questions::add(&admin, &question_text).await.map(|_| ())
    }
    .await;
    finish("/admin/questions", Some("done=question_added"), result)
}

/// Retires a question; `confirm` is the number of accounts that answered it, as the
/// administrator was shown it (needed when there are any).
#[server(endpoint = "admin_retire_question")]
pub async fn retire_question(id: String, #[server(default)] confirm: Option<String>) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        let confirmed = confirm.as_deref().and_then(|c| c.trim().parse().ok());
        questions::retire(&admin, parse_id(&id)?, confirmed).await
    }
    .await;
    finish_step("/admin/questions", &query(&[("retire", id)]), "done=question_retired", result)
}

#[server(endpoint = "admin_restore_question")]
pub async fn restore_question(id: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        questions::restore(&admin, parse_id(&id)?).await
    }
    .await;
    finish("/admin/questions", Some("done=question_restored"), result)
}

/// Moves a question one place; `direction` is `up` or `down`.
#[server(endpoint = "admin_move_question")]
pub async fn move_question(id: String, direction: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        let up = match direction.as_str() {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::NotFound),
        };
        questions::move_by(&admin, parse_id(&id)?, up).await
    }
    .await;
    finish("/admin/questions", Some("done=question_moved"), result)
}
