//! TODO (being built).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    view! { <h1>{t.accounts_title}</h1> }
}
