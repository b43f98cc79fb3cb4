//! How an error is answered over HTTP: its status and `Retry-After`, wherever it was met (in a
//! server function, before one could run, or while a page was rendered), and, for a plain form
//! post that a person reads in the browser, a page in their language instead of JSON.

use super::locale;
use super::markup::escape;
use crate::domain::AppError;
use crate::i18n::Locale;
use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long a client should wait before it tries again when the service is unavailable.
pub const UNAVAILABLE_RETRY_SECS: i64 = 30;

/// The HTTP status of an error: the caller's mistakes and expected refusals are 4xx, an
/// outage is 503, only the unexpected is 500.
pub fn status_of(err: &AppError) -> StatusCode {
    match err {
        AppError::Field { .. } | AppError::BadRow { .. } | AppError::NeedMoreMethods { .. } | AppError::QuestionsAlone => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::BadCredentials | AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
        AppError::Locked { .. } | AppError::ResetLimited { .. } | AppError::SendLimit { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Disabled | AppError::AccountLocked | AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::FlowEnded | AppError::Conflict => StatusCode::CONFLICT,
        AppError::Challenge | AppError::BadRequest => StatusCode::BAD_REQUEST,
        AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        AppError::Busy | AppError::Unavailable | AppError::DirectoryUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Network | AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// When to try again, for the errors that have such a time.
pub fn retry_after_secs(err: &AppError) -> Option<i64> {
    match err {
        AppError::Busy | AppError::DirectoryUnavailable => Some(5),
        AppError::Unavailable => Some(UNAVAILABLE_RETRY_SECS),
        AppError::Locked { retry_after_secs } | AppError::ResetLimited { retry_after_secs, .. } | AppError::SendLimit { retry_after_secs } => Some(*retry_after_secs),
        _ => None,
    }
}

/// The `Retry-After` header of an error that has a time to try again.
pub fn retry_after(err: &AppError) -> Option<HeaderValue> {
    retry_after_secs(err).and_then(|s| HeaderValue::from_str(&s.to_string()).ok())
}

/// Gives the response being built (a server function's, or the page being rendered) the
/// error's status and `Retry-After`.
pub fn apply(err: &AppError) {
    let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
    res.set_status(status_of(err));
    if let Some(v) = retry_after(err) {
        res.insert_header(header::RETRY_AFTER, v);
    }
}

/// The JSON answer of `err` with its status, as a server function would give it: for
/// requests refused before any function runs.
pub fn refuse(err: AppError) -> Response {
    let mut res = (status_of(&err), axum::Json(&err)).into_response();
    if let Some(v) = retry_after(&err) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// A browser's own form post, not a call from the app.
fn plain_form(req: &Request) -> bool {
    req.method() == Method::POST
        && req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Largest error answer read back (they are a few dozen bytes of JSON).
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Middleware for server functions (`/api/…`). An error answer gets its error's status even
/// where the function could not set it (arguments that do not decode, an outage met outside
/// `support::answer`), and `Retry-After`. A plain form post that fails without being sent
/// back to its page gets a page that says what happened, in the user's language.
pub async fn answer_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let plain_form = plain_form(&req);
    let locale = locale::detect(req.uri().query(), req.headers());
    let res = next.run(req).await;
    if !(res.status().is_client_error() || res.status().is_server_error()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let error = serde_json::from_slice::<AppError>(&bytes).ok();
    if let Some(err) = &error {
        if parts.status == StatusCode::INTERNAL_SERVER_ERROR {
            parts.status = status_of(err);
        }
        if let Some(v) = retry_after(err) {
            parts.headers.entry(header::RETRY_AFTER).or_insert(v);
        }
    }
    if plain_form {
        let err = error.unwrap_or(if parts.status.is_server_error() { AppError::Internal } else { AppError::BadRequest });
        let mut page = page(locale, &err);
        *page.status_mut() = parts.status;
        return page;
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// How long any request may take before it is answered "unavailable": a database that stops
/// answering without closing its connections (a network partition) must not hang a page.
pub const REQUEST_DEADLINE: Duration = Duration::from_millis(4_500);

/// The administrator's long tasks, which may take longer than [`REQUEST_DEADLINE`]: hashing a
/// whole CSV file's passwords, verifying or exporting the whole audit log.
const LONG_TASKS: [&str; 3] = ["/api/admin_import_accounts", "/api/admin_audit_verify", "/admin/audit/export"];

/// Middleware: a request still unanswered at [`REQUEST_DEADLINE`] is dropped (its transaction,
/// if any, rolls back) and answered 503 with `Retry-After`: JSON for the app, a page for a
/// browser.
pub async fn deadline(req: Request, next: Next) -> Response {
    if LONG_TASKS.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    let api = req.uri().path().starts_with("/api/");
    let locale = locale::detect(req.uri().query(), req.headers());
    let path = req.uri().path().to_owned();
    match tokio::time::timeout(REQUEST_DEADLINE, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(path, "no answer in time: the database or a service does not answer");
            if api {
                return refuse(AppError::Unavailable);
            }
            page(locale, &AppError::Unavailable)
        }
    }
}

/// The whole page for an error met by a plain form post, before any page of the app could
/// show it at its field: what happened and how to go on, with the error's status and
/// `Retry-After`.
pub fn page(locale: Locale, err: &AppError) -> Response {
    let mut res = (status_of(err), html(locale, err)).into_response();
    if let Some(v) = retry_after(err) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

fn html(locale: Locale, err: &AppError) -> axum::response::Html<String> {
    let (t, own) = (locale.texts(), locale.server_texts());
    let title = if matches!(err, AppError::Unavailable | AppError::Busy | AppError::DirectoryUnavailable) { t.unavailable_title } else { own.refused_title };
    let (lang, app, title, message, back, home) =
        (locale.code(), escape(t.app_name), escape(title), escape(&t.error(err)), escape(own.back_hint), escape(own.home_link));
    let css = super::assets::stylesheet();
    axum::response::Html(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\"><link rel=\"stylesheet\" href=\"{css}\"><title>{title} · {app}</title></head>\
         <body><header class=\"site-header\"><a class=\"brand\" href=\"/\">{app}</a></header><main id=\"main\">\
         <h1>{title}</h1><p class=\"alert\" role=\"alert\">{message}</p><p>{back}</p><p><a class=\"button\" href=\"/\">{home}</a></p>\
         </main></body></html>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_that_hangs_is_answered_503_at_the_deadline() {
        use tower::ServiceExt;
        let hang = || async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "too late"
        };
        let app = axum::Router::new()
            .route("/api/sign_in", axum::routing::post(hang))
            .route("/setup", axum::routing::get(hang))
            .route("/api/admin_import_accounts", axum::routing::post(|| async {
                tokio::time::sleep(REQUEST_DEADLINE + Duration::from_millis(500)).await;
                "imported"
            }))
            .layer(axum::middleware::from_fn(deadline));
        let call = |method: Method, path: &str| Request::builder().method(method).uri(path).body(axum::body::Body::empty()).unwrap();

        let started = tokio::time::Instant::now();
        let res = app.clone().oneshot(call(Method::POST, "/api/sign_in")).await.unwrap();
        assert!(started.elapsed() >= REQUEST_DEADLINE);
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()[header::RETRY_AFTER], "30");
        let body = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
        assert_eq!(&body[..], br#"{"error":"unavailable"}"#);

        let res = app.clone().oneshot(call(Method::GET, "/setup")).await.unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "a page gets a page");

        let res = app.oneshot(call(Method::POST, "/api/admin_import_accounts")).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "an administrator's long task runs to its end");
    }

    #[test]
    fn decoding_failures_are_the_callers_and_outages_say_when_to_come_back() {
        assert_eq!(status_of(&AppError::BadRequest), StatusCode::BAD_REQUEST);
        assert_eq!(status_of(&AppError::TooLarge), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(status_of(&AppError::UnsupportedMediaType), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(status_of(&AppError::Unavailable), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(retry_after_secs(&AppError::Unavailable), Some(UNAVAILABLE_RETRY_SECS));
    }

    #[test]
    fn the_error_page_speaks_the_users_language() {
        let fr = html(Locale::Fr, &AppError::Unavailable).0;
        assert!(fr.contains("<html lang=\"fr\">") && fr.contains("Service indisponible"), "{fr}");
        let en = html(Locale::En, &AppError::BadRequest).0;
        assert!(en.contains("The form could not be read"), "{en}");
    }
}
