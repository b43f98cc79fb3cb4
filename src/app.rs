//! The HTML shell, the application component and its routes.

use crate::components::{ErrorSummary, LanguageSwitch};
use crate::i18n::Locale;
use crate::pages::admin::Console;
use crate::pages::reset::{NotMePage, ResetPage};
use crate::pages::{dev_outbox::DevOutboxPage, home::HomePage, not_found::NotFound, password::PasswordPage, setup::SetupPage};
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around every server-rendered page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = page_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet() />
                <AutoReload options=options.clone() />
                {island_scripts()}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The console's pages (`/admin…`): one island of their own (`pages::admin::Console`).
pub fn is_console(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

/// The path of the request being rendered (only the server renders the shell).
fn request_path() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().map(|p| p.uri.path().to_owned()).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The scripts of every page: islands mode (nothing outside the islands is hydrated, so no
/// resource's data travels with the page), and the router (`pages/router.js`), which loads the
/// WebAssembly, hydrates the islands and fetches the next portal pages. Leptos'
/// `<HydrationScripts>` is not used: it would load the same files with a script of its own.
fn island_scripts() -> impl IntoView {
    // A portal page hydrates nothing outside its islands. The console's island holds a router
    // whose pages create their resources while they render, after the island's own hydration
    // scope has closed: on a console page the whole render stays in hydration mode, so that
    // their data travels with the page (the parts outside the island are never hydrated).
    if let Some(context) = Owner::current_shared_context().filter(|_| !is_console(&request_path())) {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = script_and_wasm();
    let nonce = use_nonce().map(|n| format!(" nonce=\"{n}\"")).unwrap_or_default();
    let router = router_script();
    leptos::tachys::html::InertElement::new(format!(
        "<link rel=\"modulepreload\" href=\"{js}\" crossorigin=\"\">\
         <link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"\">\
         <script type=\"module\"{nonce}>({router})({js:?}, {wasm:?});</script>"
    ))
}

/// `pages/router.js` without its comment lines: it travels inline with every portal page.
fn router_script() -> &'static str {
    static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SCRIPT.get_or_init(|| {
        let lines = include_str!("pages/router.js").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//"));
        lines.collect::<Vec<_>>().join("\n").trim_end_matches(';').to_owned()
    })
}

/// The WebAssembly's module and file (their names carry the build's content hash).
fn script_and_wasm() -> (&'static str, &'static str) {
    #[cfg(feature = "ssr")]
    {
        crate::server::assets::script_and_wasm()
    }
    #[cfg(not(feature = "ssr"))]
    {
        ("/pkg/sspr.js", "/pkg/sspr.wasm")
    }
}

/// The stylesheet's path: its name carries the build's content hash (`server::assets`). Only
/// the server renders the shell.
fn stylesheet() -> &'static str {
    #[cfg(feature = "ssr")]
    {
        crate::server::assets::stylesheet()
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/pkg/sspr.css"
    }
}

/// The language of this page: chosen by the server from the request; the browser reads it
/// back from `<html lang>` so that hydration renders the same text.
fn page_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::server::locale::of_request()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::of_document()
    }
}

/// The document's title. `leptos_meta` writes it into `<title>` unescaped when it renders on
/// the server (0.8.7, and 0.9.0-rc1 too), so text that an administrator or a directory
/// controls (a display name) is escaped here; in the browser it is set as plain text.
fn title_text(page: &str, app_name: &str) -> String {
    let title = format!("{page} · {app_name}");
    #[cfg(feature = "ssr")]
    let title = crate::server::markup::escape(&title);
    title
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = page_locale();
    provide_context(locale);
    let t = locale.texts();
    view! {
        <Title formatter=move |page: String| title_text(&page, t.app_name) />
        <Router>
            <a class="skip-link" href="#main">{t.skip_link}</a>
            <header class="site-header">
                <a class="brand" href="/">{t.app_name}</a>
                <LanguageSwitch />
            </header>
            <main id="main" tabindex="-1">
                <ErrorSummary />
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    // Async: the server waits for the page's data and sends whole HTML, so the
                    // page is complete without JavaScript (no streamed fragments to swap in).
                    <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("/reset/not-me") view=NotMePage ssr=SsrMode::Async />
                    <Route path=path!("/dev/outbox") view=DevOutboxPage ssr=SsrMode::Async />
                    // The console: one island with its own routes (`pages::admin::Console`).
                    <Route path=path!("/admin") view=Console ssr=SsrMode::Async />
                    <Route path=path!("/admin/*any") view=Console ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t.footer_note}</p>
            </footer>
        </Router>
    }
}

