//! Portal pages are rendered in islands mode: the server's HTML with a few WebAssembly islands
//! and the portal's router, and none of the page's data serialized for a hydration that does
//! not happen. The console's pages are hydrated whole. On SQLite and PostgreSQL.

use crate::common::web::{form_post, send, session_cookie};
use crate::common::{PASSWORD, add_account, on_both, state};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

/// What only the portal's router script does.
const ROUTER: &str = "querySelectorAll('leptos-island')";

/// The data Leptos sends for the browser to hydrate with: `__RESOLVED_RESOURCES=[…]`, empty
/// when nothing is hydrated.
fn serialized_data(body: &str) -> &str {
    body.split("__RESOLVED_RESOURCES=[").nth(1).and_then(|rest| rest.split("];").next()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portal_pages_are_islands_and_the_console_is_hydrated_whole() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db));

        let (res, reset) = send(&app, Request::get("/reset").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(reset.contains("<leptos-island data-component=\"SolvedSubmit_"), "the proof of work is an island: {reset}");
        assert!(reset.contains(ROUTER), "the portal's router loads the WebAssembly");
        assert!(!reset.contains("<!--hk="), "no hydration markers outside the islands");
        assert_eq!(serialized_data(&reset), "", "no data for a hydration that does not happen");

        // Signed in, the registration page's data (the country list, the methods) stays on the
        // server: the page is its HTML.
        let password = PASSWORD.replace(' ', "+");
        let (res, _) = send(&app, form_post("/api/sign_in", &format!("user_id=alice%40contoso.example&password={password}"), "null", None)).await;
        let cookie = session_cookie(&res);
        let (res, setup) = send(&app, Request::get("/setup").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(setup.contains("Security info") || setup.contains("field-phone_number"), "the registration page: {setup}");
        assert_eq!(serialized_data(&setup), "");
        assert!(setup.contains(ROUTER));

        // Signed out, the console answers 401 with its sign-in form.
        let (res, admin) = send(&app, Request::get("/admin").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(!admin.contains(ROUTER), "the console is hydrated by Leptos' own script");
        assert!(!admin.contains("<leptos-island"));
        assert!(admin.contains("__RESOLVED_RESOURCES"), "the console's data travels for its hydration");
    })
    .await;
}
