//! The console's question list (SPEC §1, §5): add, retire, restore, reorder.

use crate::domain::AppError;
use crate::view::admin::questions::QuestionList;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{Back, change, parse_id, read};
#[cfg(feature = "ssr")]
use crate::server::admin::questions;

#[server(endpoint = "admin_questions", input = GetUrl)]
pub async fn list_questions() -> Result<QuestionList, AppError> {
    read(|admin| async move { questions::list(&admin).await }).await
}

#[server(endpoint = "admin_add_question")]
pub async fn add_question(question_text: String) -> Result<(), AppError> {
    change(Back::to("/admin/questions", "done=question_added"), move |admin| async move {
        questions::add(&admin, &question_text).await.map(|_| ())
    })
    .await
}

/// Retires a question; `confirm` is the number of accounts that answered it, as the
/// administrator was shown it (needed when there are any). Refused, back to that question.
#[server(endpoint = "admin_retire_question")]
pub async fn retire_question(id: String, #[server(default)] confirm: Option<String>) -> Result<(), AppError> {
    let back = Back::to("/admin/questions", "done=question_retired").or_step(&[("retire", id.clone())]);
    change(back, move |admin| async move {
        let confirmed = confirm.as_deref().and_then(|c| c.trim().parse().ok());
        questions::retire(&admin, parse_id(&id)?, confirmed).await
    })
    .await
}

#[server(endpoint = "admin_restore_question")]
pub async fn restore_question(id: String) -> Result<(), AppError> {
    change(Back::to("/admin/questions", "done=question_restored"), move |admin| async move {
        questions::restore(&admin, parse_id(&id)?).await
    })
    .await
}

/// Moves a question one place; `direction` is `up` or `down`.
#[server(endpoint = "admin_move_question")]
pub async fn move_question(id: String, direction: String) -> Result<(), AppError> {
    change(Back::to("/admin/questions", "done=question_moved"), move |admin| async move {
        let up = match direction.as_str() {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::NotFound),
        };
        questions::move_by(&admin, parse_id(&id)?, up).await
    })
    .await
}
