use crate::api::session::ChangeRequiredPassword;
use crate::components::{Field, FormAlert, field_error, form_error, use_form_error};
use crate::domain::Field as F;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ChangeRequiredPasswordForm(action: ServerAction<ChangeRequiredPassword>) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(action);
    view! {
        <Title text=t.change_title />
        <h1>{t.change_title}</h1>
        <p>{t.change_intro}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Field
                label=t.new_password_label
                name="new_password"
                kind="password"
                autocomplete="new-password"
                hint=t.new_password_hint
                error=field_error(error, F::NewPassword)
            />
            <Field
                label=t.confirm_password_label
                name="confirm_password"
                kind="password"
                autocomplete="new-password"
                error=field_error(error, F::ConfirmPassword)
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.changing } else { t.change_button }}
            </button>
        </ActionForm>
    }
}
