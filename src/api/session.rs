//! Signing in and out (the registration portal and /password), and the password change an
//! administrator can require before anything else.

use crate::domain::AppError;
use crate::view::session::Me;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The pages a sign-in may return to (`next`): our own, never an address from the request.
pub const RETURN_PAGES: [&str; 3] = ["/setup", "/password", "/admin"];

/// The signed-in user of this browser, if any.
#[server(endpoint = "current_user", input = GetUrl)]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::server::{auth, session, state::app_state};
    let state = app_state()?;
    let parts = super::support::parts()?;
    let Some(live) = session::current(&state, &parts.headers).await? else { return Ok(None) };
    let Some(a) = auth::account_of(&state, &live).await? else { return Ok(None) };
    let password_rules = crate::server::auth::password_context(&state, &a).await?.rules();
    Ok(Some(Me { user_id: a.user_id, display_name: a.display_name, must_change_password: a.must_change_password, password_rules }))
}

/// Signs in; a plain form post then returns to `next` when it is one of [`RETURN_PAGES`]
/// (else to /setup).
#[server(endpoint = "sign_in")]
pub async fn sign_in(user_id: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::{auth, db, session, state::app_state};
    let result = async {
        let state = app_state()?;
        let parts = super::support::parts()?;
        let ip = super::support::client_ip(&parts);
        let (account, cookie) = auth::sign_in(&state, &user_id, password, ip.as_deref()).await?;
        auth::remember_language(&state, account.id, crate::server::locale::of_request()).await?;
        // A new session ID at every sign-in: the browser's previous session, if any, ends.
        if let Some(old) = session::current(&state, &parts.headers).await? {
            let mut c = state.db.acquire().await?;
            db::sessions::delete(c.conn(), &old.id_hash).await?;
        }
        session::send_cookie(cookie);
        Ok(())
    }
    .await;
    let page = RETURN_PAGES.into_iter().find(|p| next.as_deref() == Some(*p)).unwrap_or("/setup");
    super::support::finish(page, None, result)
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{auth, session, state::app_state};
    let result = async {
        let state = app_state()?;
        let parts = super::support::parts()?;
        if let Some(live) = session::current(&state, &parts.headers).await? {
            auth::sign_out(&state, &live, super::support::client_ip(&parts).as_deref()).await?;
        }
        session::send_cookie(session::clear_cookie(&state.config));
        Ok(())
    }
    .await;
    super::support::finish("/setup", Some("done=signed_out"), result)
}

/// The new password of an account whose administrator requires a change at first sign-in.
#[server(endpoint = "change_required_password")]
pub async fn change_required_password(new_password: String, confirm_password: String) -> Result<(), AppError> {
    use crate::server::{auth, locale, session, state::app_state};
    let result = async {
        let state = app_state()?;
        let parts = super::support::parts()?;
        let live = session::current(&state, &parts.headers).await?.ok_or(AppError::NotSignedIn)?;
        let account = auth::account_of(&state, &live).await?.ok_or(AppError::NotSignedIn)?;
        if !account.must_change_password {
            return Err(AppError::Forbidden);
        }
        let ip = super::support::client_ip(&parts);
        auth::change_password(&state, &account, &live, None, &new_password, &confirm_password, locale::of_request(), ip.as_deref()).await
    }
    .await;
    super::support::finish("/setup", Some("done=password_changed"), result)
}
