use crate::api::registration::CancelRegistration;
use crate::api::session::{SignIn, SignOut};
use crate::components::{Field, FormAlert, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::Field as F;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInForm(action: ServerAction<SignIn>, sign_out: ServerAction<SignOut>, cancel: ServerAction<CancelRegistration>) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(action);
    let query = use_query_map();
    let signed_out = Signal::derive(move || {
        if error.get().is_some() {
            return None;
        }
        let done = query.with(|q| q.get("done"));
        if cancel.value().get().is_some_and(|r| r.is_ok()) || done.as_deref() == Some("cancelled") {
            Some(t.cancelled_status)
        } else if sign_out.value().get().is_some_and(|r| r.is_ok()) || done.as_deref() == Some("signed_out") {
            Some(t.signed_out_status)
        } else {
            None
        }
    });
    view! {
        <Title text=t.sign_in_title />
        <h1>{t.sign_in_title}</h1>
        <StatusMessage message=signed_out />
        <p>{t.sign_in_intro}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
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
    }
}
