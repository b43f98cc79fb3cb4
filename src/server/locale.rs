//! Which language a request is served in: `?lang=` (remembered in a cookie), then the
//! cookie, then `Accept-Language`, then English.

use crate::i18n::{COOKIE, Locale};
use axum::extract::Request;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, SET_COOKIE};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

fn from_query(query: Option<&str>) -> Option<Locale> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Locale::parse(v))
}

pub fn detect(query: Option<&str>, headers: &HeaderMap) -> Locale {
    if let Some(l) = from_query(query) {
        return l;
    }
    if let Some(l) = super::session::read_cookie(headers, COOKIE).and_then(Locale::parse) {
        return l;
    }
    // Browsers send regional tags (`fr-FR`, `fr-CA`): the primary subtag decides, in the
    // browser's order of preference.
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    accept_language::parse(accept).iter().find_map(|tag| Locale::parse(tag)).unwrap_or_default()
}

/// The country of the browser's first language that names one (`fr-CA` → `CA`), if any.
pub fn region_of(headers: &HeaderMap) -> Option<String> {
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    accept_language::parse(accept).iter().find_map(|tag| {
        let region = tag.split(['-', '_']).nth(1)?;
        (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic())).then(|| region.to_ascii_uppercase())
    })
}

/// The locale of the request being rendered (inside a server function or page).
pub fn of_request() -> Locale {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .map(|p| detect(p.uri.query(), &p.headers))
        .unwrap_or_default()
}

/// Middleware: a `?lang=` choice on a page is remembered for a year, and the browser is sent
/// back to the same address without it, so that the address stays clean and a reload keeps
/// the language through the cookie.
pub async fn remember_choice(req: Request, next: Next) -> Response {
    let Some(locale) = from_query(req.uri().query()) else { return next.run(req).await };
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let rest: Vec<&str> = req.uri().query().unwrap_or("").split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    let target = if rest.is_empty() { req.uri().path().to_owned() } else { format!("{}?{}", req.uri().path(), rest.join("&")) };
    // The path comes from the request: `//evil.example/?lang=fr` must not leave the site.
    let mut res = super::redirect::see_other(&target);
    let cookie = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.code());
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        m
    }

    #[test]
    fn query_beats_cookie_beats_accept_language() {
        let headers = h(&[("cookie", "sspr_lang=en"), ("accept-language", "fr-FR,fr;q=0.9")]);
        assert_eq!(detect(Some("lang=fr"), &headers), Locale::Fr);
        assert_eq!(detect(None, &headers), Locale::En);
        assert_eq!(detect(None, &h(&[("accept-language", "de-DE, fr;q=0.5, en;q=0.3")])), Locale::Fr);
        assert_eq!(detect(None, &h(&[("accept-language", "de-DE")])), Locale::En);
        assert_eq!(detect(None, &h(&[("accept-language", "fr-CA")])), Locale::Fr, "a regional tag alone");
        assert_eq!(detect(None, &h(&[("accept-language", "en-GB,fr;q=0.8")])), Locale::En);
        assert_eq!(detect(Some("lang=xx"), &HeaderMap::new()), Locale::En);
    }
}
