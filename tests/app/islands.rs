//! Portal pages are rendered in islands mode: the server's HTML with a few WebAssembly islands
//! and the portal's router, and none of the page's data serialized for a hydration that does
//! not happen. The console is one island of its own, whose data travels with its page. On
//! SQLite and PostgreSQL.

use crate::common::web::{form_post, send, session_cookie};
use crate::common::{PASSWORD, add_account, on_both, state};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

/// What only the router script does.
const ROUTER: &str = "querySelectorAll('leptos-island')";

/// Whether the page carries data for the browser to hydrate with: Leptos writes the resources
/// resolved by then into `__RESOLVED_RESOURCES=[…]`, and the later ones as
/// `__RESOLVED_RESOURCES[n] = …`.
fn carries_data(body: &str) -> bool {
    let first = body.split("__RESOLVED_RESOURCES=[").nth(1).and_then(|rest| rest.split("];").next()).unwrap_or_default();
    !first.is_empty() || body.contains("__RESOLVED_RESOURCES[")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portal_pages_are_islands_and_the_console_is_one_island() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db));

        let (res, reset) = send(&app, Request::get("/reset").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(reset.contains("<leptos-island data-component=\"SolvedSubmit_"), "the proof of work is an island: {reset}");
        assert!(reset.contains(ROUTER), "the portal's router loads the WebAssembly");
        assert!(!reset.contains("<!--hk="), "no hydration markers outside the islands");
        assert!(!carries_data(&reset), "no data for a hydration that does not happen");

        // Signed in, the registration page's data (the country list, the methods) stays on the
        // server: the page is its HTML.
        let password = PASSWORD.replace(' ', "+");
        let (res, _) = send(&app, form_post("/api/sign_in", &format!("user_id=alice%40contoso.example&password={password}"), "null", None)).await;
        let cookie = session_cookie(&res);
        let (res, setup) = send(&app, Request::get("/setup").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(setup.contains("Security info") || setup.contains("field-phone_number"), "the registration page: {setup}");
        assert!(!carries_data(&setup), "{setup}");
        assert!(setup.contains(ROUTER));

        // Signed out, the console answers 401 with its sign-in form, inside the console's island
        // (a lazy one: its WebAssembly is a chunk that portal pages never load). Its data
        // travels with the page, for the island's hydration.
        let (res, admin) = send(&app, Request::get("/admin").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(admin.contains(ROUTER), "the same router loads the WebAssembly");
        assert!(admin.contains("<leptos-island data-component=\"Console_"), "the console is an island: {admin}");
        assert!(!reset.contains("Console_"), "a portal page names no console island");
        assert!(carries_data(&admin), "the console's data travels for its hydration: {admin}");
    })
    .await;
}

/// The router script fetches the portal's pages itself and loads any other address whole: its
/// list (`pagePath` in `pages/router.js`) holds every portal route of the app and no console
/// route, so that a new page cannot be left out of the single-page application unnoticed.
#[test]
fn the_router_script_lists_every_portal_page() {
    let script = include_str!("../../src/pages/router.js");
    let pattern = script.split("const pagePath = /").nth(1).and_then(|rest| rest.split("/;").next()).expect("`const pagePath = /…/;` in router.js");
    let page_path = regex::Regex::new(pattern).expect("pagePath is a regular expression");
    let paths: Vec<String> = sspr::server::serve::route_list().iter().map(|r| r.path().to_owned()).collect();
    assert!(paths.iter().any(|p| p == "/reset") && paths.iter().any(|p| p == "/admin"), "the app's routes: {paths:?}");
    for path in &paths {
        let portal = !sspr::app::is_console(path);
        assert_eq!(page_path.is_match(path), portal, "{path}: the router script's list says it is {}a portal page", if portal { "not " } else { "" });
    }
}
