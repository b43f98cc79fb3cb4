//! The reset portal (SPEC §3): what the page shows for this browser's reset flow, and one
//! server function per step. Each is also a plain form endpoint, so the reset works without
//! scripts (only the proof of work needs them; without it a stricter limit applies).

use crate::domain::AppError;
use crate::domain::pow::Challenge;
use crate::view::reset::ResetView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn client() -> Result<crate::server::reset::Client, AppError> {
    use crate::server::{locale, reset, session, state::app_state};
    let state = app_state()?;
    let parts = super::support::parts()?;
    Ok(reset::Client {
        ip: super::support::client_ip(&parts),
        locale: locale::of_request(),
        cookie: session::read_cookie(&parts.headers, reset::cookie_name(&state.config)).map(str::to_owned),
    })
}

/// Runs one step for this browser, then finishes like every form endpoint (a plain form post
/// goes back to `page`).
#[cfg(feature = "ssr")]
async fn step<T, F>(page: &str, done: Option<&str>, run: impl FnOnce(crate::server::AppState, crate::server::reset::Client) -> F) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    let result = async {
        let state = crate::server::state::app_state()?;
        run(state, client()?).await
    }
    .await;
    super::support::finish(page, done, result)
}

/// Where a plain form post of a step goes back to: the reset page, told that it follows a step
/// (`resume`), so that it shows the step's result rather than a new reset.
pub const AFTER_STEP: &str = "/reset?resume=1";

/// Where this browser's reset stands. `resume`: right after a step of this flow (the page's own
/// action, a plain form post's redirect, the strict mode's link) rather than a new visit.
#[server(endpoint = "reset_state", input = GetUrl)]
pub async fn reset_state(resume: bool) -> Result<ResetView, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::reset::view(&state, &client()?, resume).await
}

/// A fresh proof-of-work challenge (when the page's one has expired).
#[server(endpoint = "reset_challenge", input = GetUrl)]
pub async fn reset_challenge() -> Result<Challenge, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::reset::challenge(&state, &client()?).await
}

#[server(endpoint = "start_reset")]
pub async fn start_reset(user_id: String, challenge: Option<String>, pow: Option<String>) -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move {
        let cookie = crate::server::reset::start(&state, &client, &user_id, challenge.as_deref().unwrap_or(""), pow.as_deref().unwrap_or("")).await?;
        crate::server::session::send_cookie(cookie);
        Ok(())
    })
    .await
}

#[server(endpoint = "choose_gate")]
pub async fn choose_gate(gate: String) -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move { crate::server::reset::choose_gate(&state, &client, &gate).await }).await
}

#[server(endpoint = "verify_reset_code")]
pub async fn verify_reset_code(code: String) -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move { crate::server::reset::verify_code(&state, &client, &code).await }).await
}

#[server(endpoint = "answer_reset_questions")]
pub async fn answer_reset_questions(
    answer_1: Option<String>,
    answer_2: Option<String>,
    answer_3: Option<String>,
    answer_4: Option<String>,
    answer_5: Option<String>,
) -> Result<(), AppError> {
    let answers = [answer_1, answer_2, answer_3, answer_4, answer_5];
    step(AFTER_STEP, None, |state, client| async move { crate::server::reset::answer_questions(&state, &client, &answers).await }).await
}

#[server(endpoint = "set_reset_password")]
pub async fn set_reset_password(new_password: String, confirm_password: String) -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move {
        crate::server::reset::set_password(&state, &client, &new_password, &confirm_password).await
    })
    .await
}

#[server(endpoint = "unlock_account")]
pub async fn unlock_account() -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move { crate::server::reset::unlock(&state, &client).await }).await
}

#[server(endpoint = "contact_admin")]
pub async fn contact_admin() -> Result<(), AppError> {
    step(AFTER_STEP, Some("done=contacted"), |state, client| async move { crate::server::reset::contact_admin(&state, &client).await }).await
}

/// Strict mode: the link from the message, opened in the browser that started the reset.
#[server(endpoint = "continue_reset")]
pub async fn continue_reset(token: String) -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move { crate::server::reset::continue_with(&state, &client, &token).await }).await
}

/// Ends this browser's reset ("Start again").
#[server(endpoint = "cancel_reset")]
pub async fn cancel_reset() -> Result<(), AppError> {
    step(AFTER_STEP, None, |state, client| async move {
        crate::server::reset::cancel(&state, &client).await?;
        crate::server::session::send_cookie(crate::server::reset::set_cookie(&state.config, "", 0));
        Ok(())
    })
    .await
}

/// What a "this wasn't me" link reports (`None`: used or expired).
#[server(endpoint = "not_me_report", input = GetUrl)]
pub async fn not_me_report(token: String) -> Result<Option<String>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::reset::report_of(&state, &token).await
}

/// "This wasn't me": locks the account and alerts the administrators.
#[server(endpoint = "report_not_me")]
pub async fn report_not_me(token: String) -> Result<(), AppError> {
    step("/reset/not-me", Some("done=locked"), |state, client| async move {
        crate::server::reset::report_not_me(&state, &client, &token).await
    })
    .await
}
