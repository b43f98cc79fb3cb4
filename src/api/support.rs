//! What every server function needs from the request it serves.

use crate::domain::AppError;
use axum::extract::ConnectInfo;
use axum::http::header::{ACCEPT, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use leptos::prelude::use_context;
use std::net::SocketAddr;

pub fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or(AppError::Internal)
}

/// The client's address as seen by this server (for throttling and the audit log).
pub fn client_ip(parts: &Parts) -> Option<String> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string())
}

/// A plain HTML form post (no WebAssembly yet, or none at all) rather than a call from the app.
fn plain_form(parts: &Parts) -> bool {
    parts.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Finishes a server function that a form posts to. A plain form post is redirected back to
/// `page`: with `?error=…` on failure (the page shows it at the right field) or with
/// `success_query` on success. `Busy` becomes 503 with Retry-After.
pub fn finish<T>(page: &str, success_query: Option<&str>, result: Result<T, AppError>) -> Result<T, AppError> {
    if let (Err(AppError::Busy), Some(res)) = (&result, use_context::<leptos_axum::ResponseOptions>()) {
        res.set_status(StatusCode::SERVICE_UNAVAILABLE);
        res.insert_header(RETRY_AFTER, HeaderValue::from_static("5"));
    }
    if parts().is_ok_and(|p| plain_form(&p)) {
        let target = match &result {
            Ok(_) => match success_query {
                Some(q) => format!("{page}?{q}"),
                None => page.to_owned(),
            },
            Err(e) => {
                let code: String = url::form_urlencoded::byte_serialize(e.to_code().as_bytes()).collect();
                format!("{page}?error={code}")
            }
        };
        leptos_axum::redirect(&target);
    }
    result
}
