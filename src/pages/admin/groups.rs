//! TODO (being built).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let t = use_texts();
    view! { <h1>{t.admin_nav_groups}</h1> }
}
