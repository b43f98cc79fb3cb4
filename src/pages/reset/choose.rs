//! Gates passed: a new password (under the password rules, explained while typing), or, for an
//! account locked out of sign-in, "unlock without resetting".

use super::Actions;
use crate::components::{FormAlert, NewPasswordFields, UserIdLine, form_error};
use crate::domain::{AppError, PasswordRules};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Choose(user_id: String, rules: PasswordRules, can_unlock: bool, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let (set_password, unlock) = (actions.set_password, actions.unlock);
    view! {
        <Title text=t.choose_title />
        <h1>{t.choose_title}</h1>
        <UserIdLine user_id />
        <FormAlert message=form_error(error) />
        {can_unlock.then(|| view! {
            <section class="card" aria-labelledby="unlock-title">
                <h2 id="unlock-title">{t.unlock_button}</h2>
                <p>{t.unlock_intro}</p>
                <ActionForm action=unlock attr:class="form-inline">
                    <button type="submit" class="button secondary" disabled=move || unlock.pending().get()>
                        {move || if unlock.pending().get() { t.unlocking } else { t.unlock_button }}
                    </button>
                </ActionForm>
            </section>
        })}
        <p>{t.choose_intro}</p>
        <ActionForm action=set_password attr:class="form" attr:novalidate=true>
            <NewPasswordFields rules error=error.get_untracked() />
            <button type="submit" class="button" disabled=move || set_password.pending().get()>
                {move || if set_password.pending().get() { t.resetting } else { t.reset_button }}
            </button>
        </ActionForm>
    }
}
