use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: what the service is for, and the way in.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.home_title />
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        <p>
            <a class="button" href="/setup">{t.home_register_link}</a>
        </p>
        <p class="hint">{t.home_register_hint}</p>
        <p>
            <a href="/reset">{t.cant_access_link}</a>
        </p>
    }
}
