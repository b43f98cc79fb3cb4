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
    let brought_back = address_error();
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => brought_back.get(),
    })
}

/// The error that a plain form post brought back in the address (`?error=…`, written by
/// `server::redirect::with_error`).
pub fn address_error() -> Signal<Option<AppError>> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("error").and_then(|c| AppError::from_query(&c))))
}

/// At the top of the page after a plain form post failed at a field: "There is a problem", with
/// the message as a link to the field (as in GOV.UK's design system). The browser comes back
/// at the field (the address ends with its `#field-…`); the summary is for whoever starts
/// reading from the top. An error of no field is shown at its form only. The summary goes away
/// at the next submission in the page (the app then shows the new outcome at its field).
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let t = use_texts();
    let error = address_error();
    let submitted = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::submit, move |_| submitted.set(true));
        on_cleanup(move || handle.remove());
    }
    move || {
        let e = error.get().filter(|_| !submitted.get())?;
        let field = e.field_name()?;
        Some(view! {
            <section class="error-summary" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t.error_summary_title}</h2>
                <ul>
                    <li>
                        <a href=format!("#field-{}", field.name())>{t.error(&e)}</a>
                    </li>
                </ul>
            </section>
        })
    }
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
    let outage = matches!(error, AppError::Unavailable | AppError::Busy | AppError::DirectoryUnavailable);
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
