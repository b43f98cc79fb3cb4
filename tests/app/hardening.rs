//! What an attacker tries first, through the real router on SQLite and PostgreSQL: redirects
//! that leave the site, markup in text that an administrator or a directory controls, requests
//! that cannot be decoded, and caches that would keep account data.

use axum::body::Body;
use axum::http::{Request, StatusCode, Uri, header};
use crate::common::web::{app_post, encode, location, page, send, sign_in};
use crate::common::{PASSWORD, exec, on_both, state};
use sspr::server::db::{self, Db};

/// A GET for a target that `Request::get` would refuse to parse as a URI (`//host/`).
fn get_raw(path_and_query: &str) -> Request<Body> {
    let mut parts = axum::http::uri::Parts::default();
    parts.path_and_query = Some(path_and_query.parse().expect("a path and query"));
    Request::get(Uri::from_parts(parts).unwrap()).body(Body::empty()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_never_sends_a_browser_to_another_site() {
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db));
        for target in ["//evil.example/?lang=fr", "/\\evil.example/?lang=en", "//evil.example/reset?lang=fr&x=1", "/\\/evil.example?lang=fr"] {
            let (res, _) = send(&app, get_raw(target)).await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{target}");
            assert_eq!(location(&res), "/", "{target} must not leave the site");
        }
        // Our own pages keep their address and the rest of their query.
        let (res, _) = send(&app, get_raw("/reset?lang=fr&step=2")).await;
        assert_eq!(location(&res), "/reset?step=2");
        let (res, _) = send(&app, get_raw("/%5Cevil.example/?lang=fr")).await;
        assert_eq!(location(&res), "/%5Cevil.example/", "an escaped backslash is a path of this site");
    })
    .await;
}

#[test]
fn every_redirect_goes_through_the_one_helper() {
    // A new redirect written anywhere else could build its target from the request unchecked.
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.ends_with("server/redirect.rs") || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for needle in ["leptos_axum::redirect", "Redirect::", "LOCATION, ", "header::LOCATION,", "(LOCATION"] {
                if source.contains(needle) {
                    offenders.push(format!("{}: {needle}", path.display()));
                }
            }
            // `use leptos_axum::{redirect, …}` would hide the calls under a bare name.
            for import in source.split("use leptos_axum::").skip(1) {
                if import.split(';').next().unwrap_or("").contains("redirect") {
                    offenders.push(format!("{}: imports leptos_axum's redirect", path.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "redirects outside src/server/redirect.rs: {offenders:#?}");
}

/// Markup that must stay text wherever it is shown, and the mark each leaves if it does not.
const DISPLAY_NAME: &str = "</title><img src=x onerror=alert(7)><title>";
const GROUP_NAME: &str = "</title><meta http-equiv=\"refresh\" content=\"0;url=http://elsewhere.example/\"><title>";
const QUESTION: &str = "<script>alert(7)</script> What is your pet's name?";
const HELPDESK: &str = "https://help.contoso.example/\"><svg/onload=alert(7)>";
const USER_ID: &str = "<img/src=x/onerror=alert(7)>@contoso.example";
const MARKS: [&str; 5] = ["<img src=x", "<meta http-equiv=\"refresh", "<script>alert", "<svg/onload", "<img/src=x"];

fn assert_no_markup(what: &str, body: &str) {
    for mark in MARKS {
        assert!(!body.contains(mark), "{what} lets {mark:?} through as markup");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_an_administrator_or_a_directory_controls_never_becomes_markup() {
    on_both(|db| async move {
        let s = state(db.clone());
        sspr::server::demo::ensure_directory(&s).await.unwrap();
        let app = sspr::server::serve::router(s);
        // Written as a directory or a careless import would, past the console's checks.
        let victim = crate::common::add_account(&db, USER_ID, false).await;
        exec(&db, &format!("UPDATE accounts SET display_name = '{}' WHERE id = {victim}", DISPLAY_NAME.replace('\'', "''"))).await;
        let group = {
            let mut c = db.acquire().await.unwrap();
            let group = db::groups::create(c.conn(), GROUP_NAME, GROUP_NAME, db::now()).await.unwrap().unwrap();
            db::groups::set_memberships(c.conn(), victim, &[group]).await.unwrap();
            db::questions::add_custom(c.conn(), QUESTION).await.unwrap();
            let (version, mut policy) = db::policy::current(c.conn()).await.unwrap();
            policy.helpdesk_link = Some(HELPDESK.to_owned());
            assert!(db::policy::save(c.conn(), version, &policy, None, db::now()).await.unwrap());
            group
        };

        // The account itself: its own pages, and a reset that stops on the seed's error page.
        let mine = sign_in(&app, USER_ID, PASSWORD).await;
        for path in ["/", "/setup", "/password"] {
            let (res, body) = send(&app, page(path, Some(&mine))).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert!(body.contains("&lt;/title&gt;&lt;img src=x") || path == "/", "{path} shows the name as text: {body}");
            assert_no_markup(path, &body);
        }
        let start = Request::post("/api/start_reset")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(encode(&[("user_id", "nobody@contoso.example")])))
            .unwrap();
        let (res, _) = send(&app, start).await;
        let flow = crate::common::web::set_cookies(&res).into_iter().find(|c| c.contains("reset")).map(|c| c.split(';').next().unwrap().to_owned());
        // The page right after that step (`resume`, where the post redirects): a new visit would
        // start afresh.
        let (_, body) = send(&app, page("/reset?resume=1", flow.as_deref())).await;
        assert!(body.contains("help.contoso.example"), "the error page shows the helpdesk: {body}");
        assert_no_markup("/reset", &body);

        // Every page of the console that shows them.
        let admin = sign_in(&app, "admin@contoso.example", sspr::server::demo::PASSWORD).await;
        let q = encode(&[("q", "img")]);
        for path in [
            "/admin".to_owned(),
            "/admin/accounts".to_owned(),
            format!("/admin/accounts?{q}"),
            format!("/admin/accounts/{victim}"),
            "/admin/groups".to_owned(),
            format!("/admin/groups?edit={group}"),
            "/admin/policy".to_owned(),
            "/admin/questions".to_owned(),
            "/admin/audit".to_owned(),
            format!("/admin/audit?{}", encode(&[("account", USER_ID)])),
            "/admin/reports".to_owned(),
            "/admin/reports/chart.svg".to_owned(),
            "/admin/inbox".to_owned(),
        ] {
            let (res, body) = send(&app, page(&path, Some(&admin))).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}: {body}");
            assert_no_markup(&path, &body);
        }
        let (_, body) = send(&app, page(&format!("/admin/accounts/{victim}"), Some(&admin))).await;
        let title = body.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
        assert!(title.starts_with("&lt;/title&gt;&lt;img src=x onerror=alert(7)&gt;&lt;title&gt; · "), "the title holds the name as text: {title}");
    })
    .await;
}

/// How many rows each table holds: a refused request must leave all of them as they were.
async fn row_counts(db: &Db) -> Vec<(String, i64)> {
    let mut c = db.acquire().await.unwrap();
    let tables: Vec<String> = sspr::on!(c.conn(), c => match db {
        Db::Sqlite(_) => sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name").fetch_all(&mut *c).await,
        Db::Postgres(_) => sqlx::query_scalar("SELECT tablename::TEXT FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '_sqlx%' ORDER BY tablename").fetch_all(&mut *c).await,
    })
    .unwrap();
    let mut counts = Vec::new();
    for t in tables {
        let n: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}")).fetch_one(&mut *c).await).unwrap();
        counts.push((t, n));
    }
    counts
}

/// A post to `path` as the app sends it, with its own content type (or none) and body.
fn raw_post(path: &str, content_type: Option<&str>, body: Vec<u8>, cookie: &str, plain_form: bool) -> Request<Body> {
    let mut r = Request::post(path).header("sec-fetch-site", "same-origin").header(header::COOKIE, cookie).header(header::ACCEPT_LANGUAGE, "fr-FR");
    if let Some(t) = content_type {
        r = r.header(header::CONTENT_TYPE, t);
    }
    if plain_form {
        r = r.header(header::ACCEPT, "text/html,application/xhtml+xml");
    }
    r.body(Body::from(body)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_refuses_what_it_cannot_decode_with_4xx_and_changes_nothing() {
    on_both(|db| async move {
        let s = state(db.clone());
        sspr::server::demo::ensure_directory(&s).await.unwrap();
        let app = sspr::server::serve::router(s);
        // As an administrator: every function could change something if it ran.
        let admin = sign_in(&app, "admin@contoso.example", sspr::server::demo::PASSWORD).await;
        let endpoints: Vec<(String, String)> =
            leptos::server_fn::axum::server_fn_paths().map(|(path, method)| (path.to_owned(), method.to_string())).collect();
        assert!(endpoints.len() >= 40, "the registry lists every server function: {endpoints:?}");
        let before = row_counts(&db).await;

        const FORM: &str = "application/x-www-form-urlencoded";
        let json = br#"{"user_id":"alice@contoso.example","password":"correct horse battery staple"}"#.to_vec();
        for (path, method) in &endpoints {
            if method == "GET" {
                for query in ["zz%5B%5D=a", "id=1&id=2", "id=%FF%FE", "%7B%22id%22%3A1%7D"] {
                    let (res, body) = send(&app, page(&format!("{path}?{query}"), Some(&admin))).await;
                    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "GET {path}?{query}: {body}");
                    assert!(body.contains("bad_request"), "GET {path}?{query}: {body}");
                }
                continue;
            }
            let big = if path == "/api/admin_import_accounts" { 513 * 1024 } else { 17 * 1024 };
            let cases: Vec<(&str, Option<&str>, Vec<u8>, StatusCode)> = vec![
                ("invalid UTF-8", Some(FORM), b"user_id=\xff\xfe&password=a".to_vec(), StatusCode::BAD_REQUEST),
                ("invalid UTF-8, escaped", Some(FORM), b"user_id=%C3%28".to_vec(), StatusCode::BAD_REQUEST),
                ("a bracketed key", Some(FORM), b"user_id%5B%5D=a".to_vec(), StatusCode::BAD_REQUEST),
                ("a bracketed key, raw", Some(FORM), b"user_id[]=a".to_vec(), StatusCode::BAD_REQUEST),
                ("a duplicated key", Some(FORM), b"id=1&id=1".to_vec(), StatusCode::BAD_REQUEST),
                ("JSON sent as a form", Some(FORM), json.clone(), StatusCode::BAD_REQUEST),
                ("JSON", Some("application/json"), json.clone(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
                ("plain text", Some("text/plain"), b"user_id=a".to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
                ("no content type", None, b"user_id=a".to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
                ("an oversize form", Some(FORM), vec![b'a'; big], StatusCode::PAYLOAD_TOO_LARGE),
                ("an oversize form, capitalised", Some("Application/X-WWW-Form-Urlencoded"), vec![b'a'; big], StatusCode::PAYLOAD_TOO_LARGE),
                ("an oversize text", Some("text/plain"), vec![b'a'; big], StatusCode::PAYLOAD_TOO_LARGE),
                ("an oversize body without a type", None, vec![b'a'; 2 * 1024 * 1024], StatusCode::PAYLOAD_TOO_LARGE),
            ];
            for (what, content_type, body, expected) in cases {
                let (res, text) = send(&app, raw_post(path, content_type, body.clone(), &admin, false)).await;
                assert_eq!(res.status(), expected, "{path}, {what}: {text}");
                assert!(text.starts_with("{\"error\":"), "{path}, {what}: the app gets the error as JSON: {text}");
                // A browser without JavaScript gets a page it can read, in its language.
                let (res, text) = send(&app, raw_post(path, content_type, body, &admin, true)).await;
                assert_eq!(res.status(), expected, "{path}, {what}, plain form: {text}");
                assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{path}, {what}");
                assert!(text.contains("<html lang=\"fr\">") && text.contains("role=\"alert\""), "{path}, {what}: {text}");
                assert!(!res.headers().contains_key(header::LOCATION), "{path}, {what}: no redirect with the error");
            }
        }
        // Arguments of the wrong type reach the function's decoding: still the caller's fault.
        let (res, body) = send(&app, page("/api/admin_accounts?filter=1&filter=2", Some(&admin))).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let (res, body) = send(&app, app_post("/api/admin_unlock_account", "id=not-a-number", Some(&admin))).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let (res, body) = send(&app, app_post("/api/sign_in", "user_id=alice%40contoso.example", None)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a missing argument: {body}");
        assert_eq!(row_counts(&db).await, before, "no refused request changed a row");

        // An empty body is a valid call of a function without arguments; never a failure.
        for (path, method) in endpoints.iter().filter(|(_, m)| m == "POST") {
            let (res, body) = send(&app, raw_post(path, Some(FORM), Vec::new(), "", false)).await;
            assert!(!res.status().is_server_error(), "{method} {path} with an empty body: {} {body}", res.status());
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_that_shows_or_changes_account_data_may_be_cached() {
    on_both(|db| async move {
        let s = state(db.clone());
        sspr::server::demo::ensure_directory(&s).await.unwrap();
        let app = sspr::server::serve::router(s);
        let user = sign_in(&app, "alice@contoso.example", sspr::server::demo::PASSWORD).await;
        let admin = sign_in(&app, "admin@contoso.example", sspr::server::demo::PASSWORD).await;
        for (path, cookie) in [
            ("/setup", &user),
            ("/password", &user),
            ("/api/my_registration", &user),
            ("/api/current_user", &user),
            ("/reset", &user),
            ("/admin", &admin),
            ("/admin/accounts", &admin),
            ("/admin/audit", &admin),
            ("/api/admin_accounts", &admin),
            ("/admin/reports/chart.svg", &admin),
            ("/admin/audit/export?format=csv", &admin),
        ] {
            let (res, body) = send(&app, page(path, Some(cookie))).await;
            assert!(res.status().is_success(), "{path}: {} {body}", res.status());
            assert_eq!(res.headers().get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
        }
        let (res, _) = send(&app, app_post("/api/sign_out", "", Some(&user))).await;
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store", "a change of account data");
    })
    .await;
}
