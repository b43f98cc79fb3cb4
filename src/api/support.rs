//! What every server function needs from the request it serves.

use crate::domain::AppError;
use axum::http::header::ACCEPT;
use axum::http::request::Parts;
use leptos::prelude::use_context;

pub fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or(AppError::Internal)
}

/// The client's address, as `server::security::client_ip` reads it with this app's setting.
pub fn client_ip(parts: &Parts) -> Option<String> {
    let trust_proxy = use_context::<crate::server::AppState>().is_some_and(|s| s.config.trust_forwarded_for);
    crate::server::security::client_ip(parts, trust_proxy)
}

/// A plain HTML form post (no WebAssembly yet, or none at all) rather than a call from the app.
fn plain_form(parts: &Parts) -> bool {
    parts.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Gives an error its own HTTP status (and `Retry-After` when it has one): for server functions
/// that only the app calls, such as reads.
pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        crate::server::errors::apply(e);
    }
    result
}

/// Finishes a server function that a form posts to. A plain form post is redirected back to
/// `page`: on failure with the error in the address, at its field (the page shows it there and
/// sums it up at the top: `server::redirect::with_error`), on success with `success_query`. A
/// call from the app gets the error's own status; `Busy` and `Locked` say when to retry. An
/// outage is not sent back to a page that would fail too: the post is answered 503 with a page
/// of its own (`server::errors`).
pub fn finish<T>(page: &str, success_query: Option<&str>, result: Result<T, AppError>) -> Result<T, AppError> {
    finish_at(page, success_query, page, result)
}

/// Like [`finish`], for a form whose failure goes back to another address than its success:
/// the step it was posted from (the policy's preview, the group being edited, the request
/// being handled), where its fields are.
pub fn finish_at<T>(page: &str, success_query: Option<&str>, failed_page: &str, result: Result<T, AppError>) -> Result<T, AppError> {
    let result = answer(result);
    let outage = matches!(result, Err(AppError::Unavailable));
    if !outage && parts().is_ok_and(|p| plain_form(&p)) {
        let target = match &result {
            Ok(_) => match success_query {
                Some(q) => format!("{page}{}{q}", if page.contains('?') { '&' } else { '?' }),
                None => page.to_owned(),
            },
            Err(e) => crate::server::redirect::with_error(failed_page, e),
        };
        crate::server::redirect::after_form(&target);
    }
    result
}

/// The signed-in administrator of this request: every admin server function starts here, so
/// that none of them runs for anyone else.
pub async fn admin() -> Result<crate::server::admin::Admin, AppError> {
    let state = crate::server::state::app_state()?;
    let parts = parts()?;
    let ip = client_ip(&parts);
    // The refusal gets its status (401 or 403) whatever the function does with it.
    answer(crate::server::admin::admin_of(&state, &parts.headers, ip, crate::server::locale::of_request()).await)
}
