//! The database goes away for real (PostgreSQL: the connection cut by a proxy; SQLite: the
//! file locked by another process) while people sign in, register and reset: every page and
//! server function answers 503 with `Retry-After` within 5 seconds, in the user's language,
//! lets nothing through, and all works again once the database is back.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crate::common::outage::on_both_with_outage;
use crate::common::web::{app_post, encode, send, sign_in};
use crate::common::{PASSWORD, add_account, state};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(5);

fn french(mut r: Request<Body>) -> Request<Body> {
    r.headers_mut().insert(header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9".parse().unwrap());
    r
}

fn plain_form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    french(crate::common::web::form_post(path, body, "null", cookie))
}

/// Sends `req` during the outage: the answer must come in time, be a 503 that says when to
/// come back, and never a 500.
async fn unavailable(app: &axum::Router, what: &str, req: Request<Body>) -> (axum::http::Response<Body>, String) {
    let started = Instant::now();
    let (res, body) = send(app, req).await;
    let took = started.elapsed();
    assert!(took < LIMIT, "{what} took {took:?}");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{what}: {body}");
    assert_eq!(res.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap()), Some("30"), "{what}");
    println!("{what}: 503 in {took:?}");
    (res, body)
}

/// Once the database is back, a sign-in works again by itself within 15 seconds.
async fn signs_in_again(app: &axum::Router, sign_in: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (res, _) = send(app, app_post("/api/sign_in", sign_in, None)).await;
        if res.status() == StatusCode::OK {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: still {} after the database came back", res.status());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_database_down_every_step_answers_503_in_time_and_nothing_passes() {
    on_both_with_outage(|db, mut outage| async move {
        let backend = db.backend();
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let session = sign_in(&app, "alice@contoso.example", PASSWORD).await;
        let good_sign_in = encode(&[("user_id", "alice@contoso.example"), ("password", PASSWORD)]);

        outage.cut().await;

        // Sign-in with the right password: refused, and no session is made (fail closed).
        let (res, body) = unavailable(&app, &format!("{backend}: sign-in"), app_post("/api/sign_in", &good_sign_in, None)).await;
        assert!(body.contains("\"unavailable\""), "{body}");
        assert!(crate::common::web::set_cookies(&res).iter().all(|c| !c.starts_with("sspr_session=") || c.contains("Max-Age=0")), "no session");
        // The same without JavaScript: a page in the user's language.
        let (res, body) = unavailable(&app, &format!("{backend}: sign-in form"), plain_form("/api/sign_in", &good_sign_in, None)).await;
        assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(body.contains("Service indisponible") && body.contains("rien n’a été modifié"), "{body}");
        assert!(!res.headers().contains_key(header::LOCATION));

        // Registration: the signed-in page and sending a code.
        let (_, body) = unavailable(&app, &format!("{backend}: /setup"), french(crate::common::web::page("/setup", Some(&session)))).await;
        assert!(body.contains("Le service est indisponible pour le moment"), "{body}");
        unavailable(&app, &format!("{backend}: send a code"), app_post("/api/send_email_code", "email=alice.home%40example.com", Some(&session))).await;
        unavailable(&app, &format!("{backend}: send a code, form"), plain_form("/api/send_email_code", "email=alice.home%40example.com", Some(&session))).await;

        // Reset: starting one writes its flow and counters.
        let start = encode(&[("user_id", "alice@contoso.example")]);
        unavailable(&app, &format!("{backend}: start a reset"), app_post("/api/start_reset", &start, None)).await;
        unavailable(&app, &format!("{backend}: start a reset, form"), plain_form("/api/start_reset", &start, None)).await;
        // Pages that can be served from what is read answer in time, and never with a 500.
        for path in ["/reset", "/", "/admin"] {
            let started = Instant::now();
            let (res, body) = send(&app, french(crate::common::web::page(path, None))).await;
            assert!(started.elapsed() < LIMIT, "{backend}: {path} took {:?}", started.elapsed());
            let status = res.status();
            assert!(!status.is_server_error() || status == StatusCode::SERVICE_UNAVAILABLE, "{backend}: {path}: {status} {body}");
        }
        if backend == "postgres" {
            // Nothing at all can be read: the reset page says so.
            let (_, body) = unavailable(&app, "postgres: /reset", french(crate::common::web::page("/reset", None))).await;
            assert!(body.contains("Le service est indisponible pour le moment"), "{body}");
        }
        let (res, _) = send(&app, crate::common::web::page("/health", None)).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);

        outage.restore().await;

        // Back by itself: the old session works and a new sign-in too.
        signs_in_again(&app, &good_sign_in, backend).await;
        let (res, body) = send(&app, crate::common::web::page("/setup", Some(&session))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("Signed in as"), "{body}");
        let mut c = db.acquire().await.unwrap();
        let failures: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'sign_in'").fetch_one(&mut *c).await).unwrap();
        assert_eq!(failures, 2, "{backend}: the two sign-ins that ran, none of those refused");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_stops_answering_without_closing_never_hangs_a_page() {
    on_both_with_outage(|db, mut outage| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let session = sign_in(&app, "alice@contoso.example", PASSWORD).await;
        if !outage.freeze() {
            return; // SQLite has no connection to freeze: its lock is the test above.
        }
        let good_sign_in = encode(&[("user_id", "alice@contoso.example"), ("password", PASSWORD)]);
        unavailable(&app, "frozen: sign-in", app_post("/api/sign_in", &good_sign_in, None)).await;
        let (_, body) = unavailable(&app, "frozen: sign-in form", plain_form("/api/sign_in", &good_sign_in, None)).await;
        assert!(body.contains("Service indisponible"), "{body}");
        let (_, body) = unavailable(&app, "frozen: /setup", french(crate::common::web::page("/setup", Some(&session)))).await;
        assert!(body.contains("Service indisponible"), "{body}");
        unavailable(&app, "frozen: start a reset", app_post("/api/start_reset", &encode(&[("user_id", "alice@contoso.example")]), None)).await;

        outage.restore().await;
        signs_in_again(&app, &good_sign_in, "frozen").await;
    })
    .await;
}

/// A connection is pinged before a request gets it only when it sat idle a while
/// (`PING_WHEN_IDLE_FOR`): one that the database ended meanwhile (a restart, an
/// administrator's `pg_terminate_backend`) is replaced, and the page never sees it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_the_database_ended_while_idle_is_replaced_not_used() {
    crate::common::on_both(|db| async move {
        let backend = db.backend();
        let ended = match &db {
            sspr::server::db::Db::Postgres(pool) => {
                let mut c = pool.acquire().await.unwrap();
                let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&mut *c).await.unwrap();
                drop(c);
                let killer = sspr::server::db::Db::connect(&std::env::var("SSPR_TEST_POSTGRES_URL").unwrap()).await.unwrap();
                let sspr::server::db::Db::Postgres(k) = &killer else { unreachable!() };
                let done: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)").bind(pid).fetch_one(k).await.unwrap();
                killer.close().await;
                assert!(done, "the test could not end the pool's connection");
                Some(pid)
            }
            // An SQLite connection has no server to end it: this half checks that an idle
            // connection is handed out and works.
            sspr::server::db::Db::Sqlite(_) => None,
        };
        tokio::time::sleep(sspr::server::db::PING_WHEN_IDLE_FOR + Duration::from_millis(300)).await;
        let app = sspr::server::serve::router(state(db.clone()));
        add_account(&db, "alice@contoso.example", false).await;
        let session = sign_in(&app, "alice@contoso.example", PASSWORD).await;
        let (res, body) = send(&app, crate::common::web::page("/setup", Some(&session))).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}: {body}");
        if let (Some(pid), sspr::server::db::Db::Postgres(pool)) = (ended, &db) {
            let mut c = pool.acquire().await.unwrap();
            let now: i32 = sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&mut *c).await.unwrap();
            assert_ne!(now, pid, "the ended connection is still in the pool");
        }
    })
    .await;
}
