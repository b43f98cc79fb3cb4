//! Form-level errors and status messages, whether the form was handled by the app or posted
//! as plain HTML (then the outcome arrives in the query string).

use crate::domain::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The error of the last submission of `action`, or the one a plain form post brought back.
pub fn use_form_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => query.with(|q| q.get("error").and_then(|c| AppError::from_code(&c))),
    })
}

/// The message of an error that belongs to no single field.
pub fn form_error(error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    let texts = use_texts();
    Signal::derive(move || error.get().filter(|e| e.field_name().is_none()).map(|e| texts.error(&e)))
}

#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })
}

/// A page that could not be shown, and why. Rendered on the server, the page gets the error's
/// HTTP status too (503 with `Retry-After` when the database is down, 404 for an unknown
/// address…), so that no failure is served as a success.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    crate::server::errors::apply(&error);
    let outage = matches!(error, AppError::Unavailable | AppError::Busy);
    view! {
        {outage.then(|| view! { <leptos_meta::Title text=t.unavailable_title /> })}
        <p class="alert" role="alert">{t.error(&error)}</p>
    }
}

#[component]
pub fn StatusMessage(#[prop(into)] message: Signal<Option<&'static str>>) -> impl IntoView {
    move || message.get().map(|m| view! { <p class="status" role="status">{m}</p> })
}

/// "User ID: alice@contoso.example" ("Identifiant : …" in French), for pages before sign-in.
#[component]
pub fn UserIdLine(#[prop(into)] user_id: String) -> impl IntoView {
    let t = use_texts();
    view! { <p class="signed-in-as">{t.user_id_label} {t.label_colon} " " <strong>{user_id}</strong></p> }
}

/// "Signed in as Alice Martin (alice@contoso.example)"; French says "Compte connecté :", which
/// needs no elision before a name ("en tant qu'Alice").
#[component]
pub fn SignedInAs(display_name: String, user_id: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <p class="signed-in-as">
            {t.signed_in_as} " " <strong>{display_name}</strong> " (" {user_id} ")"
        </p>
    }
}
