//! HTTP security baseline (SPEC §6): response headers, the page CSP with its nonce, and the
//! origin check that refuses cross-site mutations.

use super::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The CSP of a rendered page: scripts only from this origin or carrying this request's nonce,
/// WebAssembly allowed to compile, nothing framed, no plugins, no `<base>`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page (files, server-function replies).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Largest page the CSP middleware reads (pages are a few KiB).
const MAX_PAGE: usize = 4 * 1024 * 1024;

/// The nonce Leptos put on the page's scripts: the first `nonce="…"` attribute, which is in the
/// `<head>` (written by `<HydrationScripts>`) before any content. Page text cannot forge one:
/// quotes in text and attribute values are escaped.
pub fn nonce_in(html: &[u8]) -> Option<&str> {
    const ATTR: &[u8] = b" nonce=\"";
    let start = html.windows(ATTR.len()).position(|w| w == ATTR)? + ATTR.len();
    let len = html[start..].iter().position(|b| *b == b'"')?;
    let nonce = std::str::from_utf8(&html[start..start + len]).ok()?;
    let valid = !nonce.is_empty() && nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b));
    valid.then_some(nonce)
}

/// Middleware: the headers every response carries.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    // A page gets the CSP that allows its own scripts, read from the page itself: one place,
    // whatever renders it (the app, its error pages), and no reliance on the renderer passing
    // a header along.
    let is_page = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_page {
        let (parts, body) = res.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let csp = nonce_in(&bytes).and_then(|n| HeaderValue::from_str(&page_csp(n)).ok());
        res = Response::from_parts(parts, axum::body::Body::from(bytes));
        res.headers_mut().remove(header::CONTENT_LENGTH);
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp.unwrap_or(HeaderValue::from_static(DEFAULT_CSP)));
    }
    let h = res.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"));
    if state.config.secure_cookies() {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    res
}

/// Whether a state-changing request comes from our own pages.
///
/// `Sec-Fetch-Site` (sent by every current browser) must be `same-origin` or `none`. An
/// `Origin` header must equal the public origin; `Origin: null` is what a browser sends for our
/// own form posts under `Referrer-Policy: no-referrer`, so it passes only together with a
/// same-origin `Sec-Fetch-Site`.
pub fn same_origin(headers: &HeaderMap, public_origin: &str) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    let mut origins = headers.get_all(header::ORIGIN).iter();
    match (origins.next(), origins.next()) {
        (None, _) => true,
        (Some(_), Some(_)) => false,
        (Some(origin), None) => match origin.to_str() {
            Ok("null") => fetch_site == Some("same-origin"),
            Ok(o) => o == public_origin,
            Err(_) => false,
        },
    }
}

/// Middleware: refuses cross-site mutations with 403 before they reach any handler.
pub async fn origin_check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_origin(req.headers(), &state.config.public_origin()) {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(req).await
}

/// The largest form body a server function accepts; ours are a few hundred bytes.
pub const MAX_FORM_BYTES: usize = 16 * 1024;
/// The admin console's CSV import posts a whole file (up to 1,000 rows).
pub const MAX_IMPORT_BYTES: usize = 512 * 1024;
const IMPORT_PATH: &str = "/api/admin_import_accounts";

/// The first parameter that appears more than once in a URL-encoded form, if any.
pub fn duplicated_parameter(body: &[u8]) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    url::form_urlencoded::parse(body).map(|(k, _)| k.into_owned()).find(|k| !seen.insert(k.clone()))
}

/// Middleware: a form post with a parameter given twice (`a=1&a=2`, `a[]=…`) is refused
/// before any handler could pick one of the values; bodies are bounded.
pub async fn single_valued_forms(req: Request, next: Next) -> Response {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if req.method() != Method::POST || !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let limit = if parts.uri.path() == IMPORT_PATH { MAX_IMPORT_BYTES } else { MAX_FORM_BYTES };
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
    };
    if let Some(name) = duplicated_parameter(&bytes) {
        tracing::warn!(parameter = %name, path = parts.uri.path(), "form with a duplicated parameter refused");
        return (StatusCode::BAD_REQUEST, format!("duplicated parameter: {name}")).into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicated_and_array_parameters() {
        assert_eq!(duplicated_parameter(b"user_id=a&password=b"), None);
        assert_eq!(duplicated_parameter(b"user_id=a&user_id=b").as_deref(), Some("user_id"));
        assert_eq!(duplicated_parameter(b"x%5B%5D=1&x%5B%5D=2").as_deref(), Some("x[]"));
    }

    const ORIGIN: &str = "https://sspr.contoso.example";

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        m
    }

    #[test]
    fn refuses_cross_site_and_foreign_origins() {
        assert!(!same_origin(&h(&[("sec-fetch-site", "cross-site")]), ORIGIN));
        assert!(!same_origin(&h(&[("sec-fetch-site", "same-site")]), ORIGIN));
        assert!(!same_origin(&h(&[("origin", "https://evil.example")]), ORIGIN));
        assert!(!same_origin(&h(&[("origin", "http://sspr.contoso.example")]), ORIGIN), "scheme counts");
        assert!(!same_origin(&h(&[("origin", "null")]), ORIGIN), "null without fetch metadata");
        assert!(!same_origin(&h(&[("origin", "null"), ("sec-fetch-site", "cross-site")]), ORIGIN));
        assert!(!same_origin(&h(&[("origin", ORIGIN), ("origin", ORIGIN)]), ORIGIN), "duplicated header");
    }

    #[test]
    fn accepts_our_own_pages() {
        assert!(same_origin(&h(&[("origin", ORIGIN), ("sec-fetch-site", "same-origin")]), ORIGIN));
        assert!(same_origin(&h(&[("origin", "null"), ("sec-fetch-site", "same-origin")]), ORIGIN));
        assert!(same_origin(&h(&[]), ORIGIN), "non-browser clients without Origin");
    }

    #[test]
    fn finds_the_pages_nonce_and_nothing_forged() {
        assert_eq!(nonce_in(b"<head><script nonce=\"aB3+/_-=\">x</script>"), Some("aB3+/_-="));
        assert_eq!(nonce_in(b"<p>nonce=&quot;x&quot;</p>"), None);
        assert_eq!(nonce_in(b"<script nonce=\"a b\">"), None);
    }

    #[test]
    fn page_csp_has_the_spec_directives() {
        let csp = page_csp("abc");
        for d in ["default-src 'self'", "'nonce-abc'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(d), "{d}");
        }
        assert!(!csp.contains("unsafe-inline"));
    }
}
