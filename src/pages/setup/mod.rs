//! `/setup`, the registration portal: sign in, change a required password, then register and
//! verify the methods (or re-confirm them when the policy asks).

mod change_required;
mod not_eligible;
mod outcome;
mod reconfirm;
mod registration;
mod sign_in;

use crate::components::PageError;
use crate::api::registration::my_registration;
use crate::view::registration::Registration;
use crate::api::session::{ChangeRequiredPassword, SignIn, SignOut, current_user};
use crate::domain::PasswordRules;
use crate::domain::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
pub use outcome::{Actions, Outcome};
pub use sign_in::SignInForm;

#[component]
pub fn SetupPage() -> impl IntoView {
    let t = use_texts();
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let change = ServerAction::<ChangeRequiredPassword>::new();
    let actions = Actions::new();
    let outcome = Outcome::track(actions);
    // Asked again after every action, so the page follows the session and the server's state.
    let page = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get(), change.version().get(), actions.version()),
        |_| load(),
    );
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Setup::ChangeRequired(rules)) => {
                        view! { <change_required::ChangeRequiredPasswordForm action=change rules /> }.into_any()
                    }
                    Ok(Setup::Registration(reg)) if reg.not_eligible.is_some() => {
                        let why = reg.not_eligible.unwrap_or(crate::domain::registration::NotEligible::NotEnabled);
                        view! { <not_eligible::NotEligible reg why sign_out /> }.into_any()
                    }
                    Ok(Setup::Registration(reg)) if reg.reconfirm.is_some() => {
                        view! { <reconfirm::Reconfirm reg actions outcome sign_out /> }.into_any()
                    }
                    Ok(Setup::Registration(reg)) => {
                        view! { <registration::RegistrationPage reg actions outcome sign_out changed=change /> }.into_any()
                    }
                    Ok(Setup::SignIn) => view! { <SignInForm action=sign_in sign_out cancel=actions.cancel /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What `/setup` shows.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Setup {
    /// Nobody is signed in (or the account is gone).
    SignIn,
    /// The signed-in user must change their password first, under these rules.
    ChangeRequired(PasswordRules),
    Registration(Registration),
}

/// What `/setup` shows to this browser. The common case, a registration, reads nothing more:
/// the password rules are only needed by the form that changes a required password.
async fn load() -> Result<Setup, AppError> {
    if let Some(reg) = my_registration().await? {
        return Ok(Setup::Registration(reg));
    }
    Ok(match current_user().await? {
        Some(me) if me.must_change_password => Setup::ChangeRequired(me.password_rules),
        _ => Setup::SignIn,
    })
}
