//! The console's question list (SPEC §1, §5): add, retire, restore, reorder.

use crate::domain::AppError;
use crate::view::admin::questions::QuestionList;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{finish_step, parse_id, query};
#[cfg(feature = "ssr")]
use crate::api::support::{admin, answer, finish};
#[cfg(feature = "ssr")]
use crate::server::admin::questions;

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
