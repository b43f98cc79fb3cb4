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

/// Entry point of the WebAssembly, called by the router script (`pages/router.js`) before it
/// hydrates each island of the page: every page is in islands mode, the console being one
/// island of its own.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
