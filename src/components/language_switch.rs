//! Links to the same page in every language. They are real page loads (`rel="external"`), so
//! the server renders the new language and remembers it in a cookie, with or without scripts.

use crate::i18n::{Locale, use_locale, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_locale();
    let path = use_location().pathname;
    view! {
        <nav class="language-switch" aria-label=use_texts().language_nav>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        let href = move || format!("{}?lang={}", path.get(), l.code());
                        view! {
                            <li>
                                <a
                                    href=href
                                    rel="external"
                                    lang=l.code()
                                    hreflang=l.code()
                                    aria-current=(l == current).then_some("true")
                                >
                                    {l.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
