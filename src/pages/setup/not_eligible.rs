//! The registration page of an account that cannot use password reset: it says why (the
//! seed's error cases) instead of offering methods that would never be used.

use crate::view::registration::Registration;
use crate::api::session::SignOut;
use crate::components::SignedInAs;
use crate::domain::registration::NotEligible as Why;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotEligible(reg: Registration, why: Why, sign_out: ServerAction<SignOut>) -> impl IntoView {
    let t = use_texts();
    let (title, body, help) = match why {
        Why::OnPremises => (t.on_premises_title, t.on_premises_body, Some(t.on_premises_help)),
        Why::NotEnabled => (t.not_enabled_title, t.not_enabled_body, None),
    };
    view! {
        <Title text=t.security_info_title />
        <h1>{t.security_info_title}</h1>
        <SignedInAs display_name=reg.display_name.clone() user_id=reg.user_id.clone() />
        <section class="card notice-card" aria-labelledby="not-eligible-title">
            <h2 id="not-eligible-title">{title}</h2>
            <p>{body}</p>
            {help.map(|h| view! { <p>{h}</p> })}
        </section>
        <ActionForm action=sign_out attr:class="form-inline">
            <button type="submit" class="button secondary" disabled=move || sign_out.pending().get()>
                {t.sign_out_button}
            </button>
        </ActionForm>
    }
}
