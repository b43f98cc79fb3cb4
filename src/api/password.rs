//! Changing the signed-in account's password at `/password` (SPEC §4).

use crate::domain::AppError;
use leptos::prelude::*;

/// The current password first (a wrong one counts toward the sign-in lock-out), then the
/// password rules; the other sessions end and the user is told by e-mail.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String, confirm_password: String) -> Result<(), AppError> {
    use crate::server::{auth, locale, session, state::app_state};
    let result = async {
        let state = app_state()?;
        let parts = super::support::parts()?;
        let live = session::current(&state, &parts.headers).await?.ok_or(AppError::NotSignedIn)?;
        let account = auth::account_of(&state, &live).await?.ok_or(AppError::NotSignedIn)?;
        let ip = super::support::client_ip(&parts);
        auth::check_current_password(&state, &account, current_password.clone(), ip.as_deref()).await?;
        auth::change_password(&state, &account, &live, Some(&current_password), &new_password, &confirm_password, locale::of_request(), ip.as_deref()).await
    }
    .await;
    super::support::finish("/password", Some("done=password_changed"), result)
}
