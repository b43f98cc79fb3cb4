//! `/setup`, the registration portal's entry: sign in, change a required password, then the
//! security info of the signed-in user.

mod change_required;
mod security_info;
mod sign_in;

use crate::api::session::{ChangeRequiredPassword, SignIn, SignOut, current_user};
use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn SetupPage() -> impl IntoView {
    let t = use_texts();
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let change = ServerAction::<ChangeRequiredPassword>::new();
    // Asked again after every action, so the page follows the session.
    let me = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get(), change.version().get()),
        |_| current_user(),
    );
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if me.must_change_password => {
                        view! { <change_required::ChangeRequiredPasswordForm action=change /> }.into_any()
                    }
                    Ok(Some(me)) => {
                        view! { <security_info::SecurityInfo me sign_out changed=change /> }.into_any()
                    }
                    Ok(None) => view! { <sign_in::SignInForm action=sign_in sign_out /> }.into_any(),
                    Err(e) => view! { <p class="alert" role="alert">{t.error(&e)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
