//! `/password` (SPEC §4): the signed-in user changes their password: the current one, then a
//! new one under the same rules as everywhere. Signed out, the page signs in first and comes
//! back here.

use crate::api::password::ChangePassword;
use crate::api::session::{SignIn, current_user};
use crate::view::session::Me;
use crate::components::{Field, FormAlert, NewPasswordFields, PageError, SignedInAs, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::Field as F;
use crate::i18n::use_texts;
use crate::pages::setup::SignInForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let t = use_texts();
    let sign_in = ServerAction::<SignIn>::new();
    let me = Resource::new(move || sign_in.version().get(), |_| current_user());
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! { <ChangePasswordForm me /> }.into_any(),
                    Ok(None) => {
                        view! { <SignInForm action=sign_in next="/password" intro=t.password_sign_in_intro /> }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChangePasswordForm(me: Me) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<ChangePassword>::new();
    let error = use_form_error(action);
    let query = use_query_map();
    let changed = Signal::derive(move || match action.value().get() {
        Some(result) => result.is_ok().then_some(t.password_changed_status),
        None => query.with(|q| q.get("done")).is_some_and(|d| d == "password_changed").then_some(t.password_changed_status),
    });
    // After each change the form starts again empty: no password stays typed on the page.
    let changes = RwSignal::new(0_usize);
    Effect::new(move || {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            changes.update(|n| *n += 1);
        }
    });
    let rules = me.password_rules;
    let form = move |_| {
        let rules = rules.clone();
        view! {
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <Field
                    label=t.current_password_label
                    name=F::CurrentPassword.name()
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(error, F::CurrentPassword)
                />
                <NewPasswordFields rules error=error.get_untracked() />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.changing } else { t.change_button }}
                </button>
            </ActionForm>
        }
    };
    view! {
        <Title text=t.change_title />
        <h1>{t.change_title}</h1>
        <StatusMessage message=changed />
        <SignedInAs display_name=me.display_name user_id=me.user_id />
        <p>{t.password_intro}</p>
        <FormAlert message=form_error(error) />
        // Keyed by the count of changes, so that each change builds a new form (re-rendering in
        // place would keep the typed values in the inputs).
        <For each=move || [changes.get()] key=|n| *n children=form />
        <p>
            <a href="/setup">{t.back_to_security_info}</a>
        </p>
    }
}
