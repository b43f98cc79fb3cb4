//! sspr: self-service password reset. The crate builds twice: the server (`ssr`) and the
//! WebAssembly that hydrates its pages in the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod server;
pub mod view;

/// Entry point of the WebAssembly. A console page (`/admin…`) is hydrated whole, then its body
/// is marked so that browser tests know it is interactive. A portal page is in islands mode:
/// its router (`pages/router.js`) hydrates each island after this, and marks the body itself.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    let path = window.as_ref().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if !app::is_console(&path) {
        leptos::mount::hydrate_islands();
        return;
    }
    leptos::mount::hydrate_body(app::App);
    if let Some(body) = window
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = body.dataset().set("hydrated", "true");
    }
}
