//! HTTP security baseline (SPEC §6): response headers, the page CSP with its nonce, the
//! origin check that refuses cross-site mutations, and the client's address.

use super::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The CSP of a rendered page: scripts only from this origin or carrying this request's nonce,
/// WebAssembly allowed to compile, nothing framed, no plugins, no `<base>`.
/// The client's address (for throttling and the audit log): the connection's, or behind a
/// trusted reverse proxy (`trust_forwarded_for`) the last address of `X-Forwarded-For`, the one
/// the proxy added.
pub fn client_ip(parts: &axum::http::request::Parts, trust_forwarded_for: bool) -> Option<String> {
    if trust_forwarded_for {
        let forwarded = parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
        if let Some(ip) = forwarded.rsplit(',').map(str::trim).find_map(|a| a.parse::<std::net::IpAddr>().ok()) {
            return Some(ip.to_string());
        }
    }
    parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string())
}

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
    // Pages and answers show or change account data: no cache, shared or the browser's own
    // (the back button after sign-out), may keep them. Only files served from disk (the
    // WebAssembly, scripts, styles, icons: they carry `Last-Modified`) may be cached.
    if !h.contains_key(header::CACHE_CONTROL) && !h.contains_key(header::LAST_MODIFIED) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
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

/// What is wrong with a form (a body or a query string) before any function reads it.
#[derive(Debug, PartialEq, Eq)]
pub enum FormProblem {
    /// A name or value that is not UTF-8 once percent-decoded.
    NotUtf8,
    /// A parameter name that no function of ours has (`a[]`, `{"json":…}`, `A`).
    StrangeName(String),
    /// A parameter given twice: which value would count is not for a handler to pick.
    Duplicated(String),
}

/// The first problem of a URL-encoded form, if any. Our parameters are the server functions'
/// argument names: lower-case letters, digits and `_`, each at most once.
pub fn form_problem(form: &[u8]) -> Option<FormProblem> {
    let mut seen = std::collections::HashSet::new();
    for pair in form.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        let decode = |raw: &[u8]| -> Option<String> {
            let plus_as_space: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
            String::from_utf8(percent_encoding::percent_decode(&plus_as_space).collect()).ok()
        };
        let (Some(name), Some(_)) = (decode(name), decode(value)) else { return Some(FormProblem::NotUtf8) };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Some(FormProblem::StrangeName(name));
        }
        if !seen.insert(name.clone()) {
            return Some(FormProblem::Duplicated(name));
        }
    }
    None
}

/// Whether a `Content-Type` is a URL-encoded form, whatever its case and parameters.
fn is_form(content_type: Option<&HeaderValue>) -> bool {
    let Some(v) = content_type.and_then(|v| v.to_str().ok()) else { return false };
    v.split(';').next().is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// Middleware: every request body is bounded, whatever its content type; a server function
/// (`/api/…`) takes only URL-encoded forms (else 415), and a form or query string that is not
/// UTF-8, names a parameter that no function has, or gives one twice (`a=1&a=2`, `a[]=…`) is
/// refused (400) before any handler could pick one of its values.
pub async fn checked_bodies(req: Request, next: Next) -> Response {
    use crate::domain::AppError;
    use super::errors::refuse;
    let is_api = req.uri().path().starts_with("/api/");
    let refused = |problem: FormProblem, path: &str| {
        tracing::warn!(?problem, path, "malformed request refused");
        refuse(AppError::BadRequest)
    };
    if is_api {
        if let Some(problem) = req.uri().query().and_then(|q| form_problem(q.as_bytes())) {
            return refused(problem, req.uri().path());
        }
    }
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let limit = if parts.uri.path() == IMPORT_PATH { MAX_IMPORT_BYTES } else { MAX_FORM_BYTES };
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return refuse(AppError::TooLarge);
    };
    if is_api {
        if !is_form(parts.headers.get(header::CONTENT_TYPE)) {
            return refuse(AppError::UnsupportedMediaType);
        }
        if let Some(problem) = form_problem(&bytes) {
            return refused(problem, parts.uri.path());
        }
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_of_malformed_form() {
        assert_eq!(form_problem(b"user_id=alice%40contoso.example&password=a+b%20c"), None);
        assert_eq!(form_problem(b""), None);
        assert_eq!(form_problem(b"answer_1=%C3%A9t%C3%A9&next="), None, "UTF-8 and empty values");
        assert_eq!(form_problem(b"user_id=a&user_id=b"), Some(FormProblem::Duplicated("user_id".into())));
        assert_eq!(form_problem(b"x%5B%5D=1"), Some(FormProblem::StrangeName("x[]".into())));
        assert_eq!(form_problem(b"user_id[]=a"), Some(FormProblem::StrangeName("user_id[]".into())));
        assert_eq!(form_problem(br#"{"user_id":"a"}"#), Some(FormProblem::StrangeName(r#"{"user_id":"a"}"#.into())));
        assert_eq!(form_problem(b"User_Id=a"), Some(FormProblem::StrangeName("User_Id".into())));
        assert_eq!(form_problem(b"user_id=%FF%FE"), Some(FormProblem::NotUtf8));
        assert_eq!(form_problem(br"user_id=\xff"), None, "a backslash is text");
        assert_eq!(form_problem(&[b'a', b'=', 0xff]), Some(FormProblem::NotUtf8), "raw bytes");
        assert_eq!(form_problem(b"a=%"), None, "an incomplete escape stays text");
    }

    #[test]
    fn a_form_is_a_form_whatever_its_case() {
        for ok in ["application/x-www-form-urlencoded", "Application/X-WWW-Form-URLEncoded", "application/x-www-form-urlencoded; charset=UTF-8"] {
            assert!(is_form(Some(&HeaderValue::from_static(ok))), "{ok}");
        }
        for bad in ["text/plain", "application/json", "multipart/form-data; boundary=x", "application/x-www-form-urlencodedx"] {
            assert!(!is_form(Some(&HeaderValue::from_static(bad))), "{bad}");
        }
        assert!(!is_form(None));
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
