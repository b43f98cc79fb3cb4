use crate::api::session::ChangeRequiredPassword;
use crate::components::{FormAlert, NewPasswordFields, form_error, use_form_error};
use crate::domain::PasswordRules;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ChangeRequiredPasswordForm(action: ServerAction<ChangeRequiredPassword>, rules: PasswordRules) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(action);
    view! {
        <Title text=t.change_title />
        <h1>{t.change_title}</h1>
        <p>{t.change_intro}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <NewPasswordFields rules error=error.get_untracked() />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.changing } else { t.change_button }}
            </button>
        </ActionForm>
    }
}
