//! TODO (being built).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    view! { <h1>{t.audit_title}</h1> }
}
