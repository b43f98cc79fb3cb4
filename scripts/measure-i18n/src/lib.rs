//! The same small page twice: texts from a typed catalogue (a struct of strings and functions, as
//! sspr does), or from leptos_i18n (JSON locales compiled in, CLDR plurals). The difference of the
//! two WebAssembly files is what leptos_i18n costs a phone.
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(feature = "i18n")]
leptos_i18n::load_locales!();

#[cfg(not(feature = "i18n"))]
mod catalogue {
    pub struct Texts {
        pub title: &'static str,
        pub intro: &'static str,
        pub accounts: fn(u64) -> String,
        pub sent: fn(&str) -> String,
    }
    pub static EN: Texts = Texts {
        title: "Security info",
        intro: "Register the methods that will prove it is you.",
        accounts: |n| if n == 1 { format!("{n} account") } else { format!("{n} accounts") },
        sent: |to| format!("We e-mailed a code to {to}."),
    };
    pub static FR: Texts = Texts {
        title: "Informations de sécurité",
        intro: "Enregistrez les méthodes qui prouveront que c’est bien vous.",
        accounts: |n| if n <= 1 { format!("{n} compte") } else { format!("{n} comptes") },
        sent: |to| format!("Nous avons envoyé un code par e-mail à {to}."),
    };
}

#[cfg(not(feature = "i18n"))]
#[component]
fn Page() -> impl IntoView {
    let (n, set_n) = signal(1u64);
    let fr = document().document_element().and_then(|e| e.get_attribute("lang")).as_deref() == Some("fr");
    let t = if fr { &catalogue::FR } else { &catalogue::EN };
    view! {
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <button on:click=move |_| set_n.update(|n| *n += 1)>{move || (t.accounts)(n.get())}</button>
        <p>{(t.sent)("a•••@example.com")}</p>
    }
}

#[cfg(feature = "i18n")]
#[component]
fn Page() -> impl IntoView {
    use i18n::*;
    let i18n = use_i18n();
    let (n, set_n) = signal(1u64);
    view! {
        <h1>{t!(i18n, title)}</h1>
        <p>{t!(i18n, intro)}</p>
        <button on:click=move |_| set_n.update(|n| *n += 1)>{t!(i18n, accounts, count = move || n.get())}</button>
        <p>{t!(i18n, sent, to = "a•••@example.com")}</p>
    }
}

#[wasm_bindgen]
pub fn hydrate() {
    #[cfg(not(feature = "i18n"))]
    leptos::mount::hydrate_body(Page);
    #[cfg(feature = "i18n")]
    leptos::mount::hydrate_body(|| view! { <i18n::I18nContextProvider><Page /></i18n::I18nContextProvider> });
}
