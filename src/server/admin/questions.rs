//! The question list (SPEC §1, §5): predefined questions (shown in both languages) and custom
//! ones, at most 20 active; retired and restored, never deleted; moved up and down. A question
//! that accounts answered does not silently vanish: retiring it needs the count confirmed, and
//! those accounts are asked to choose again (their answers still work at reset until they do).

use super::{Admin, record};
use crate::view::admin::questions::{QuestionList, QuestionRow};
use crate::domain::policy::{MAX_ACTIVE_QUESTIONS, question_text, same_question};
use crate::domain::{AppError, Field, Problem};
use crate::i18n::Locale;
use crate::server::db::{self, Tx, now, questions::Listed};
use serde_json::json;

/// The question's text in `locale` (a custom question has one text for every language).
fn text_in(q: &Listed, locale: Locale) -> String {
    match (&q.predefined_key, &q.custom_text) {
        (Some(key), _) => (locale.texts().question)(key).unwrap_or(key.as_str()).to_owned(),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
    }
}

fn row(q: &Listed) -> QuestionRow {
    QuestionRow {
        id: q.id,
        custom: q.custom_text.is_some(),
        en: text_in(q, Locale::En),
        fr: text_in(q, Locale::Fr),
        answered: q.answered,
        retired: q.retired_at.is_some(),
    }
}

pub async fn list(admin: &Admin) -> Result<QuestionList, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let listing = db::questions::listing(c.conn()).await?;
    let (_, policy) = db::policy::current(c.conn()).await?;
    let (retired, active): (Vec<QuestionRow>, Vec<QuestionRow>) = listing.iter().map(row).partition(|q| q.retired);
    Ok(QuestionList { active, retired, max_active: MAX_ACTIVE_QUESTIONS as u32, min_active: u32::from(policy.questions_to_register) })
}

/// Reads the list inside `tx`, after taking the policy's lock (the policy's question counts
/// depend on the list).
async fn locked_listing(tx: &mut Tx) -> Result<Vec<Listed>, AppError> {
    db::policy::lock(tx).await?;
    Ok(db::questions::listing(tx.conn()).await?)
}

fn active(listing: &[Listed]) -> impl Iterator<Item = &Listed> {
    listing.iter().filter(|q| q.retired_at.is_none())
}

fn too_many() -> AppError {
    AppError::field(Field::QuestionText, Problem::TooMany { max: MAX_ACTIVE_QUESTIONS as u32 })
}

/// Whether `text` reads like an active question, in any language.
fn duplicates(listing: &[Listed], text: &str, except: i64) -> bool {
    active(listing).filter(|q| q.id != except).any(|q| Locale::ALL.iter().any(|l| same_question(&text_in(q, *l), text)))
}

/// Adds a custom question (stored as typed) at the end of the list.
pub async fn add(admin: &Admin, raw: &str) -> Result<i64, AppError> {
    let text = question_text(raw)?;
    let mut tx = admin.state.db.begin().await?;
    let listing = locked_listing(&mut tx).await?;
    if duplicates(&listing, &text, 0) {
        return Err(AppError::field(Field::QuestionText, Problem::AlreadyExists));
    }
    if active(&listing).count() >= MAX_ACTIVE_QUESTIONS {
        return Err(too_many());
    }
    let id = db::questions::add_custom(tx.conn(), &text).await?;
    record(&mut tx, admin, "question_added", None, json!({ "question_id": id, "text": text })).await?;
    tx.commit().await?;
    Ok(id)
}

/// Retires a question. When accounts answered it, `confirmed` must be that number of accounts
/// as the administrator was shown it (else `Conflict`: nothing is retired); those accounts
/// are then asked to register again.
pub async fn retire(admin: &Admin, id: i64, confirmed: Option<i64>) -> Result<(), AppError> {
    let t = now();
    let mut tx = admin.state.db.begin().await?;
    let listing = locked_listing(&mut tx).await?;
    let question = listing.iter().find(|q| q.id == id && q.retired_at.is_none()).ok_or(AppError::NotFound)?;
    let (_, policy) = db::policy::current(tx.conn()).await?;
    let min = usize::from(policy.questions_to_register);
    if active(&listing).count() <= min {
        return Err(AppError::field(Field::QuestionText, Problem::QuestionsNeeded { min: min as u32 }));
    }
    if question.answered > 0 && confirmed != Some(question.answered) {
        return Err(AppError::Conflict);
    }
    db::questions::retire(tx.conn(), id, t).await?;
    let asked = db::questions::require_reregistration(tx.conn(), id, t).await?;
    let detail = json!({ "question_id": id, "text": text_in(question, Locale::En), "answered": question.answered, "reregister_required": asked });
    record(&mut tx, admin, "question_retired", None, detail).await?;
    Ok(tx.commit().await?)
}

/// Puts a retired question back on the list, at its end.
pub async fn restore(admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = admin.state.db.begin().await?;
    let listing = locked_listing(&mut tx).await?;
    let question = listing.iter().find(|q| q.id == id && q.retired_at.is_some()).ok_or(AppError::NotFound)?;
    if active(&listing).count() >= MAX_ACTIVE_QUESTIONS {
        return Err(too_many());
    }
    let text = text_in(question, Locale::En);
    if duplicates(&listing, &text, id) {
        return Err(AppError::field(Field::QuestionText, Problem::AlreadyExists));
    }
    db::questions::restore(tx.conn(), id).await?;
    record(&mut tx, admin, "question_restored", None, json!({ "question_id": id, "text": text })).await?;
    Ok(tx.commit().await?)
}

/// Moves an active question one place up or down the list (at either end: no change).
pub async fn move_by(admin: &Admin, id: i64, up: bool) -> Result<(), AppError> {
    let mut tx = admin.state.db.begin().await?;
    let listing = locked_listing(&mut tx).await?;
    let mut order: Vec<i64> = active(&listing).map(|q| q.id).collect();
    let from = order.iter().position(|q| *q == id).ok_or(AppError::NotFound)?;
    let to = if up { from.checked_sub(1) } else { Some(from + 1).filter(|i| *i < order.len()) };
    let Some(to) = to else { return Ok(()) };
    order.swap(from, to);
    db::questions::set_order(tx.conn(), &order).await?;
    record(&mut tx, admin, "question_moved", None, json!({ "question_id": id, "from": from + 1, "to": to + 1 })).await?;
    Ok(tx.commit().await?)
}
