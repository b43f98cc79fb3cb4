//! The registration portal (SPEC §2): what the page shows, and one server function per thing a
//! user can do on it. Each is also a plain form endpoint, so the page works without scripts.

use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::Method;
use crate::view::registration::Registration;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
async fn with_ctx<T, F>(page_query: Option<&str>, run: impl FnOnce(crate::server::AppState, crate::server::registration::Ctx) -> F) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    use crate::server::{locale, registration, session, state::app_state};
    let result = async {
        let state = app_state()?;
        let parts = super::support::parts()?;
        let live = session::current(&state, &parts.headers).await?.ok_or(AppError::NotSignedIn)?;
        let mut ctx = registration::context(&state, &live, super::support::client_ip(&parts), locale::of_request()).await?;
        ctx.reveal_key = session::reveal_key(&state.config, &parts.headers);
        run(state, ctx).await
    }
    .await;
    super::support::finish("/setup", page_query, result)
}

#[cfg(feature = "ssr")]
fn method(raw: &str) -> Result<Method, AppError> {
    Method::parse(raw).ok_or(AppError::Forbidden)
}

/// The registration page of the signed-in user; `None` when nobody is signed in or the
/// password must be changed first.
#[server(endpoint = "my_registration", input = GetUrl)]
pub async fn my_registration() -> Result<Option<Registration>, AppError> {
    use crate::server::{locale, registration, session, state::app_state};
    let state = app_state()?;
    let parts = super::support::parts()?;
    let Some(live) = session::current(&state, &parts.headers).await? else { return Ok(None) };
    let reveal_key = session::reveal_key(&state.config, &parts.headers);
    registration::page(&state, &live, locale::of_request(), locale::region_of(&parts.headers), reveal_key).await
}

/// "Text me a code" / "Call me": `channel` is the button pressed (`sms` or `voice`).
#[server(endpoint = "send_phone_code")]
pub async fn send_phone_code(country: String, phone_number: String, channel: String) -> Result<(), AppError> {
    with_ctx(Some("done=code_sent#auth_phone"), |s, c| async move {
        crate::server::registration::send_phone_code(&s, &c, &country, &phone_number, &channel).await
    })
    .await
}

#[server(endpoint = "verify_phone_code")]
pub async fn verify_phone_code(phone_code: String) -> Result<(), AppError> {
    with_ctx(Some("done=phone_verified"), |s, c| async move {
        crate::server::registration::verify_code(&s, &c, Method::AuthPhone, &phone_code).await
    })
    .await
}

#[server(endpoint = "send_email_code")]
pub async fn send_email_code(email: String) -> Result<(), AppError> {
    with_ctx(Some("done=code_sent#auth_email"), |s, c| async move { crate::server::registration::send_email_code(&s, &c, &email).await })
        .await
}

#[server(endpoint = "verify_email_code")]
pub async fn verify_email_code(email_code: String) -> Result<(), AppError> {
    with_ctx(Some("done=email_verified"), |s, c| async move {
        crate::server::registration::verify_code(&s, &c, Method::AuthEmail, &email_code).await
    })
    .await
}

/// A new code to where the last one went; a phone may switch between text and call.
#[server(endpoint = "resend_code")]
pub async fn resend_code(method: String, channel: Option<String>) -> Result<(), AppError> {
    with_ctx(Some("done=code_sent"), |s, c| async move {
        crate::server::registration::resend_code(&s, &c, self::method(&method)?, channel.as_deref()).await
    })
    .await
}

/// "Use another number / address": forget the code on its way.
#[server(endpoint = "discard_code")]
pub async fn discard_code(method: String) -> Result<(), AppError> {
    with_ctx(None, |s, c| async move { crate::server::registration::discard_code(&s, &c, self::method(&method)?).await }).await
}

#[server(endpoint = "remove_method")]
pub async fn remove_method(method: String) -> Result<(), AppError> {
    with_ctx(Some("done=removed"), |s, c| async move { crate::server::registration::remove_method(&s, &c, self::method(&method)?).await })
        .await
}

/// The chosen questions and their answers; the policy asks for 3 to 5.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "save_questions")]
pub async fn save_questions(
    question_1: Option<String>,
    answer_1: Option<String>,
    question_2: Option<String>,
    answer_2: Option<String>,
    question_3: Option<String>,
    answer_3: Option<String>,
    question_4: Option<String>,
    answer_4: Option<String>,
    question_5: Option<String>,
    answer_5: Option<String>,
) -> Result<(), AppError> {
    let entries = [
        (question_1, answer_1),
        (question_2, answer_2),
        (question_3, answer_3),
        (question_4, answer_4),
        (question_5, answer_5),
    ];
    with_ctx(Some("done=questions_saved"), |s, c| async move { crate::server::registration::save_questions(&s, &c, &entries).await })
        .await
}

/// A new set of recovery codes; the old codes stop working.
#[server(endpoint = "new_recovery_codes")]
pub async fn new_recovery_codes() -> Result<(), AppError> {
    with_ctx(Some("done=recovery_codes_made#recovery_codes"), |s, c| async move { crate::server::registration::new_recovery_codes(&s, &c).await })
        .await
}

/// "I have kept them": the new codes are not shown again.
#[server(endpoint = "recovery_codes_kept")]
pub async fn recovery_codes_kept() -> Result<(), AppError> {
    with_ctx(Some("done=recovery_codes_kept#recovery_codes"), |s, c| async move { crate::server::registration::recovery_codes_kept(&s, &c).await })
        .await
}

#[server(endpoint = "finish_registration")]
pub async fn finish_registration() -> Result<(), AppError> {
    with_ctx(Some("done=finished"), |s, c| async move { crate::server::registration::finish(&s, &c).await }).await
}

/// Cancel: leaves without confirming, and signs out.
#[server(endpoint = "cancel_registration")]
pub async fn cancel_registration() -> Result<(), AppError> {
    use crate::server::{auth, session};
    with_ctx(Some("done=cancelled"), |s, c| async move {
        crate::server::registration::cancel(&s, &c).await?;
        let parts = super::support::parts()?;
        if let Some(live) = session::current(&s, &parts.headers).await? {
            auth::sign_out(&s, &live, c.ip.as_deref()).await?;
        }
        session::send_cookie(session::clear_cookie(&s.config));
        Ok(())
    })
    .await
}

/// "Looks good" on the re-confirmation page.
#[server(endpoint = "looks_good")]
pub async fn looks_good() -> Result<(), AppError> {
    with_ctx(Some("done=reconfirmed"), |s, c| async move { crate::server::registration::looks_good(&s, &c).await }).await
}

/// "Edit" on the re-confirmation page.
#[server(endpoint = "edit_registration")]
pub async fn edit_registration() -> Result<(), AppError> {
    with_ctx(None, |s, c| async move { crate::server::registration::edit(&s, &c).await }).await
}
