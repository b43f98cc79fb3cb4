//! Security questions: choosing them and saving their answers; and removing a method.

use crate::server::db::{self, codes, methods, now};
use crate::server::state::AppState;
use crate::domain::{AppError, Method, answers};
use crate::i18n::Locale;
use serde_json::json;

use super::*;

/// Removes a registered method (the office phone is the administrator's).
pub async fn remove_method(state: &AppState, ctx: &Ctx, method: Method) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    let t = now();
    let mut tx = state.db.begin().await?;
    let removed = match method {
        Method::AuthPhone | Method::AuthEmail => {
            codes::void_open(tx.conn(), ctx.account.id, method.as_str(), t).await?;
            methods::remove_contact(tx.conn(), ctx.account.id, method.as_str()).await?
        }
        Method::SecurityQuestions => methods::remove_answers(tx.conn(), ctx.account.id).await? > 0,
        Method::RecoveryCodes => methods::remove_recovery_codes(tx.conn(), ctx.account.id).await? > 0,
        Method::OfficePhone => return Err(AppError::Forbidden),
    };
    if removed {
        audit_in(&mut tx, ctx, "method_removed", json!({ "method": method.as_str() }), t).await?;
    }
    Ok(tx.commit().await?)
}

/// Registers the security questions: exactly the policy's number, checked, each answer
/// normalised and hashed with argon2id on its own.
pub async fn save_questions(state: &AppState, ctx: &Ctx, entries: &[(Option<String>, Option<String>)]) -> Result<(), AppError> {
    ctx.ensure_eligible()?;
    if !ctx.requirements.offers(Method::SecurityQuestions) {
        return Err(AppError::Forbidden);
    }
    let list = {
        let mut c = state.db.acquire().await?;
        db::questions::active(c.conn()).await?
    };
    let texts_of = |id: i64| {
        let q = list.iter().find(|q| q.id == id)?;
        Some(match (&q.predefined_key, &q.custom_text) {
            (Some(key), _) => Locale::ALL.iter().filter_map(|l| (l.texts().question)(key).map(str::to_owned)).collect(),
            (None, Some(custom)) => vec![custom.clone()],
            _ => return None,
        })
    };
    let checked = answers::check(entries, ctx.requirements.questions, texts_of)?;
    let mut hashed = Vec::with_capacity(checked.len());
    for a in &checked {
        hashed.push((a.question_id, state.hasher.hash(a.expose().to_owned()).await?));
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let replaced = methods::replace_answers(tx.conn(), ctx.account.id, &hashed, t).await?;
    let event = if replaced > 0 { "method_changed" } else { "method_added" };
    let ids: Vec<i64> = checked.iter().map(|a| a.question_id).collect();
    audit_in(&mut tx, ctx, event, json!({ "method": "security_questions", "questions": ids }), t).await?;
    Ok(tx.commit().await?)
}
