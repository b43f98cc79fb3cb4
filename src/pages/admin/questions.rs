//! TODO (being built).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let t = use_texts();
    view! { <h1>{t.admin_nav_questions}</h1> }
}
