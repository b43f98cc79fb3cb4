//! The administrators' inbox: the "contact an administrator" requests and "this wasn't me"
//! reports filed by the reset portal, open ones first, and marking one handled with a note.

use super::{Admin, record};
use crate::view::admin::inbox::{Handled, InboxData, InboxRequest, NOTE_MAX};
use crate::domain::text::DisplayText;
use crate::domain::{AppError, Field};
use crate::server::db::{self, admin_requests::Request};

/// Requests per page of each list.
pub const PAGE: i64 = 20;

fn request(r: Request) -> InboxRequest {
    let handled = r.handled_at.map(|at| Handled { at, by: r.handled_by, note: r.note.unwrap_or_default() });
    InboxRequest { id: r.id, user_id: r.user_id, account_id: r.account_id, created_at: r.created_at, reason: r.reason, handled }
}

/// The page asked for, within those there are, with the number of pages and the offset.
fn paging(page: u32, total: i64) -> (u32, u32, i64) {
    let pages = (total.max(1) + PAGE - 1) / PAGE;
    let page = i64::from(page).clamp(1, pages);
    (page as u32, pages as u32, (page - 1) * PAGE)
}

/// One page of each list, and the open request `selected` to be handled, if it is one.
pub async fn list(admin: &Admin, open_page: u32, handled_page: u32, selected: Option<i64>) -> Result<InboxData, AppError> {
    use db::admin_requests as requests;
    let mut c = admin.state.db.acquire().await?;
    let (open_total, handled_total) = requests::counts(c.conn()).await?;
    let (open_page, open_pages, open_offset) = paging(open_page, open_total);
    let (handled_page, handled_pages, handled_offset) = paging(handled_page, handled_total);
    let open = requests::open_page(c.conn(), PAGE, open_offset).await?;
    let handled = requests::handled_page(c.conn(), PAGE, handled_offset).await?;
    let selected = match selected {
        Some(id) => requests::find(c.conn(), id).await?.filter(|r| r.handled_at.is_none()).map(request),
        None => None,
    };
    Ok(InboxData {
        open: open.into_iter().map(request).collect(),
        open_total: open_total as u64,
        open_page,
        open_pages,
        handled: handled.into_iter().map(request).collect(),
        handled_total: handled_total as u64,
        handled_page,
        handled_pages,
        selected,
    })
}

/// A note of 1 to [`NOTE_MAX`] characters, trimmed, on as many lines as the administrator
/// likes, nothing invisible (other administrators read it).
pub fn parse_note(note: &str) -> Result<String, AppError> {
    DisplayText { multiline: true, ..DisplayText::line(Field::Note, NOTE_MAX as usize) }.check(note)
}

/// Marks an open request handled, audited as `request_handled`. `NotFound` for no such
/// request, `Conflict` when it was handled already (by anyone).
pub async fn handle(admin: &Admin, id: i64, note: &str) -> Result<(), AppError> {
    let note = parse_note(note)?;
    let mut tx = admin.state.db.begin().await?;
    let found = db::admin_requests::find(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if !db::admin_requests::mark_handled(tx.conn(), id, admin.account.id, &note, db::now()).await? {
        return Err(AppError::Conflict);
    }
    let detail = serde_json::json!({ "request": id, "user_id": found.user_id, "reason": found.reason, "note": note });
    record(&mut tx, admin, "request_handled", found.account_id, detail).await?;
    Ok(tx.commit().await?)
}

