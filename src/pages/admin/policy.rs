//! TODO (being built).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn PolicyPage() -> impl IntoView {
    let t = use_texts();
    view! { <h1>{t.policy_title}</h1> }
}
