//! Every redirect the server sends goes through here, so that its target is always a path of
//! this site: an address built from a request (`//evil.example/`, `/\evil.example/`) must never
//! send a browser elsewhere. `tests/redirects.rs` checks that no other module redirects.

use crate::domain::AppError;
use axum::response::{IntoResponse, Redirect, Response};

/// `target` if it is a path on this site, else `None`.
///
/// A browser reads `//host` and `/\host` (a backslash counts as a slash) as another site, and
/// a tab, newline or other control character inside them is dropped before parsing, so
/// `/\t/host` is `//host`: only a slash followed by anything but a slash or backslash, with no
/// backslash or control character anywhere, is safe.
pub fn local_path(target: &str) -> Option<&str> {
    let mut chars = target.chars();
    let starts_well = chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'));
    let clean = !target.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    (starts_well && clean).then_some(target)
}

/// `target` when it is a path of this site, else the home page.
pub fn local_or_home(target: &str) -> &str {
    local_path(target).unwrap_or("/")
}

/// A `303 See Other` to `target` (or to the home page when `target` is not a path of this
/// site), for middleware.
pub fn see_other(target: &str) -> Response {
    Redirect::to(local_or_home(target)).into_response()
}

/// Where a plain form post that failed goes back to: `page` with the error in its address
/// (`?error=…`, short and readable: `AppError::to_query`) and, when the error belongs to a
/// field, at that field (`#field-…`, the id of its input), so that a phone does not reopen the
/// page a screen or two above the message.
pub fn with_error(page: &str, error: &AppError) -> String {
    let (path, fragment) = page.split_once('#').map_or((page, None), |(p, f)| (p, Some(f)));
    let sep = if path.contains('?') { '&' } else { '?' };
    let fragment = match error.field_name() {
        Some(field) => format!("#field-{}", field.name()),
        None => fragment.map(|f| format!("#{f}")).unwrap_or_default(),
    };
    format!("{path}{sep}error={}{fragment}", error.to_query())
}

/// Inside a server function: a plain form post is sent on to `target` (or to the home page
/// when it is not a path of this site).
pub fn after_form(target: &str) {
    leptos_axum::redirect(local_or_home(target));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Field, Problem};

    #[test]
    fn a_failed_form_goes_back_to_its_field_with_a_short_address() {
        let wrong = AppError::field(Field::PhoneCode, Problem::WrongCode { left: 2 });
        assert_eq!(with_error("/setup", &wrong), "/setup?error=field,field:phone_code,problem.kind:wrong_code,problem.left:2#field-phone_code");
        assert_eq!(with_error("/admin/groups?edit=3", &AppError::Conflict), "/admin/groups?edit=3&error=conflict");
        assert_eq!(with_error("/setup#questions", &AppError::Busy), "/setup?error=busy#questions");
        for e in [wrong, AppError::Conflict, AppError::Locked { retry_after_secs: 9 }] {
            let target = with_error("/password", &e);
            assert_eq!(local_path(&target), Some(target.as_str()), "a path of this site");
        }
    }

    #[test]
    fn accepts_paths_of_this_site() {
        for ok in ["/", "/reset", "/admin/accounts?after=alice%40contoso.example", "/setup#phone", "/a/b/../c", "/%2F%2Fevil.example"] {
            assert_eq!(local_path(ok), Some(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_every_way_out() {
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "/\u{7f}/evil.example",
            "/a\\b",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "",
            "?lang=fr",
            "\u{3000}//evil.example",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
            assert_eq!(local_or_home(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn a_refused_target_goes_home() {
        let res = see_other("//evil.example/");
        assert_eq!(res.status(), axum::http::StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[axum::http::header::LOCATION], "/");
    }
}
