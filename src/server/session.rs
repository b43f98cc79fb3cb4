//! Browser sessions of signed-in users: a 256-bit random cookie value, stored only as its
//! SHA-256, with idle and absolute timeouts; a new ID at every sign-in.

use super::config::Config;
use super::crypto::{random_token, sha256_hex};
use super::db::{self, Conn, now};
use super::state::AppState;
use crate::domain::AppError;
use axum::http::HeaderMap;
use axum::http::header::{COOKIE, SET_COOKIE};
use std::sync::Arc;
use tokio::sync::OnceCell;

/// `__Host-` prefixed (and `Secure`) when served over HTTPS; plain-HTTP loopback in
/// development cannot keep a `Secure` cookie, so it gets the bare name.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() { "__Host-sspr_session" } else { "sspr_session" }
}

/// The value of cookie `name` in the request, if exactly one was sent.
pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let mut found = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(k, _)| *k == name)
        .map(|(_, v)| v);
    let first = found.next();
    // Two cookies of one name (e.g. one planted on a parent domain) are refused.
    if found.next().is_some() { None } else { first }
}

/// The session's [`RevealKey`](crate::server::crypto::RevealKey), from the request's cookie.
pub fn reveal_key(config: &Config, headers: &HeaderMap) -> Option<crate::server::crypto::RevealKey> {
    read_cookie(headers, cookie_name(config)).map(crate::server::crypto::RevealKey::of_session_token)
}

/// A live session found from the request's cookie.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub id_hash: String,
    pub account_id: i64,
}

/// How often a session's idle timer is written: a page view within a minute of the last write
/// is a read only. The idle timeout may thus end a session up to this much early.
pub const REFRESH_EVERY_SECS: i64 = 60;

/// What one request has already read of its session and its account. A page view asks from
/// several server functions (the signed-in user, then the page's own data): with this memo in
/// the request's context (`server::serve` provides one per request) they read once.
#[derive(Clone, Default)]
pub struct RequestMemo {
    session: Arc<OnceCell<Option<LiveSession>>>,
    /// The first account asked for, by its id, and what was found.
    account: Arc<OnceCell<(i64, Option<db::accounts::Account>)>>,
}

impl RequestMemo {
    fn of_request() -> Option<Self> {
        leptos::prelude::use_context::<Self>()
    }

    /// The account of this request's session, read once per request ([`RequestMemo`]).
    pub async fn account(state: &AppState, live: &LiveSession) -> Result<Option<db::accounts::Account>, AppError> {
        let read = || async {
            let mut c = state.db.acquire().await?;
            Ok::<_, AppError>(db::accounts::find_by_id(c.conn(), live.account_id).await?)
        };
        let Some(memo) = Self::of_request() else { return read().await };
        let (id, account) = memo.account.get_or_try_init(|| async { Ok::<_, AppError>((live.account_id, read().await?)) }).await?;
        // Another account than the memo's (a request that signs in) is read, not remembered.
        if *id == live.account_id { Ok(account.clone()) } else { read().await }
    }
}

/// The session of this request (read once per request, with its account: [`RequestMemo`]),
/// whose idle timer moves if it was last moved more than [`REFRESH_EVERY_SECS`] ago; then too,
/// an account of an LDAP directory that no longer has it is signed out
/// ([`Directory::look_up_again`](super::directory::Directory::look_up_again)).
pub async fn current(state: &AppState, headers: &HeaderMap) -> Result<Option<LiveSession>, AppError> {
    let Some(memo) = RequestMemo::of_request() else { return Ok(look_up(state, headers).await?.map(|(live, _)| live)) };
    let live = memo
        .session
        .get_or_try_init(|| async {
            let found = look_up(state, headers).await?;
            Ok::<_, AppError>(found.map(|(live, account)| {
                // The account came with the session: the request's next reads of it are free.
                let _ = memo.account.set((live.account_id, Some(account)));
                live
            }))
        })
        .await?;
    Ok(live.clone())
}

async fn look_up(state: &AppState, headers: &HeaderMap) -> Result<Option<(LiveSession, db::accounts::Account)>, AppError> {
    let Some(token) = read_cookie(headers, cookie_name(&state.config)) else { return Ok(None) };
    let id_hash = sha256_hex(token);
    let t = now();
    let live = {
        let mut c = state.db.acquire().await?;
        db::sessions::find_live(c.conn(), &id_hash, t, state.config.session_idle_secs).await?
    };
    let Some(db::sessions::Live { last_seen_at, mut account }) = live else { return Ok(None) };
    if t - last_seen_at >= REFRESH_EVERY_SECS {
        // As often as the timer moves, an LDAP account is looked up again: someone the
        // directory no longer has (deleted, disabled) is signed out at their next page, and
        // the others' rows (names, groups) are brought up to date.
        let id = account.id;
        let Some(again) = state.directory.look_up_again(&state.db, account).await? else {
            let mut c = state.db.acquire().await?;
            let ended = db::sessions::delete_for_account(c.conn(), id, None).await?;
            tracing::info!(account = id, ended, "signed out: the directory no longer has this account");
            return Ok(None);
        };
        account = again;
        let mut c = state.db.acquire().await?;
        db::sessions::refresh(c.conn(), &id_hash, t, REFRESH_EVERY_SECS).await?;
    }
    Ok(Some((LiveSession { id_hash, account_id: account.id }, account)))
}

/// Creates a session for `account_id` and returns the `Set-Cookie` value that carries it.
pub async fn start(conn: Conn<'_>, config: &Config, account_id: i64) -> Result<String, AppError> {
    let token = random_token();
    let t = now();
    db::sessions::insert(conn, &sha256_hex(&token), account_id, t, t + config.session_absolute_secs)
        .await
        ?;
    Ok(set_cookie(config, &token, config.session_absolute_secs))
}

/// The `Set-Cookie` value that removes the session cookie from the browser.
pub fn clear_cookie(config: &Config) -> String {
    set_cookie(config, "", 0)
}

fn set_cookie(config: &Config, value: &str, max_age: i64) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}", cookie_name(config))
}

/// Adds a `Set-Cookie` header to the response of the current server function or page.
pub fn send_cookie(value: String) {
    if let (Some(res), Ok(v)) = (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), value.parse()) {
        res.append_header(SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, cookie.parse().unwrap());
        h
    }

    #[test]
    fn reads_one_cookie_and_refuses_duplicates() {
        assert_eq!(read_cookie(&headers("a=1; sspr_session=xyz"), "sspr_session"), Some("xyz"));
        assert_eq!(read_cookie(&headers("sspr_session=x; sspr_session=y"), "sspr_session"), None);
        assert_eq!(read_cookie(&headers("other=1"), "sspr_session"), None);
    }

    #[test]
    fn cookies_are_host_prefixed_secure_httponly_and_lax_over_https() {
        let https = Config::from_vars(|k| (k == "SSPR_PUBLIC_URL").then(|| "https://sspr.contoso.example".into())).unwrap();
        let c = set_cookie(&https, "tok", 60);
        assert!(c.starts_with("__Host-sspr_session=tok; Path=/;"), "{c}");
        for attr in ["HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(c.contains(attr), "{c}");
        }
        assert!(!c.contains("Domain="), "__Host- cookies carry no Domain");
        let local = Config::from_vars(|_| None).unwrap();
        assert!(!set_cookie(&local, "tok", 60).contains("Secure"));
    }
}
