use crate::api::registration::CancelRegistration;
use crate::api::session::{SignIn, SignOut};
use crate::components::{Field, FormAlert, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::Field as F;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in form of the pages that need a signed-in user (/setup, /password).
#[component]
pub fn SignInForm(
    action: ServerAction<SignIn>,
    /// The page a plain form post returns to: one of `RETURN_PAGES`.
    #[prop(default = "/setup")]
    next: &'static str,
    /// What signing in is for (else the registration portal's text).
    #[prop(optional)]
    intro: Option<&'static str>,
    /// The actions that end here with a status message ("You have signed out.").
    #[prop(optional)]
    sign_out: Option<ServerAction<SignOut>>,
    #[prop(optional)] cancel: Option<ServerAction<CancelRegistration>>,
) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(action);
    let query = use_query_map();
    let signed_out = Signal::derive(move || {
        if error.get().is_some() {
            return None;
        }
        let done = query.with(|q| q.get("done"));
        if cancel.is_some_and(|a| a.value().get().is_some_and(|r| r.is_ok())) || done.as_deref() == Some("cancelled") {
            Some(t.cancelled_status)
        } else if sign_out.is_some_and(|a| a.value().get().is_some_and(|r| r.is_ok())) || done.as_deref() == Some("signed_out") {
            Some(t.signed_out_status)
        } else {
            None
        }
    });
    view! {
        <Title text=t.sign_in_title />
        <h1>{t.sign_in_title}</h1>
        <StatusMessage message=signed_out />
        <p>{intro.unwrap_or(t.sign_in_intro)}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="next" value=next />
            <Field
                label=t.user_id_label
                name="user_id"
                autocomplete="username"
                inputmode="email"
                hint=t.user_id_hint
                error=field_error(error, F::UserId)
            />
            <Field
                label=t.password_label
                name="password"
                kind="password"
                autocomplete="current-password"
                error=field_error(error, F::Password)
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.signing_in } else { t.sign_in_button }}
            </button>
        </ActionForm>
        <p class="cant-access">
            <a href="/reset">{t.cant_access_link}</a>
        </p>
    }
}
