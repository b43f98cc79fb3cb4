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

/// Entry point of the WebAssembly: hydrates the server-rendered page, then marks the body so
/// that browser tests know the page is interactive.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use wasm_bindgen::JsCast;
    leptos::mount::hydrate_body(app::App);
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = body.dataset().set("hydrated", "true");
    }
}
