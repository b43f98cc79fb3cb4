//! `GET /metrics`: served only where configured, behind its token on the public listener, and
//! counting what happened (requests, audit events, deliveries, the hashing pool) and reading
//! the states (outbox, database pool) on SQLite and PostgreSQL.
//!
//! The counters belong to the process, which runs every test at once: the tests compare a
//! counter before and after what they do, and never expect an exact total.

use crate::common::sinks::{SmtpSink, free_port};
use crate::common::web::{self, send};
use crate::common::{PASSWORD, add_account, on_both, state_with, unique};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sspr::server::config::Config;
use sspr::server::crypto::Hasher;
use sspr::server::db::outbox::{self, Channel, Message};
use sspr::server::db::{self, Db};
use sspr::server::delivery::Delivery;
use sspr::server::delivery::worker::drain_once;
use sspr::server::{metrics, serve};
use std::collections::HashMap;
use std::sync::Arc;

const TOKEN: &str = "metrics-token-0123456789abcdef-0123456789";

/// The tests that read scraped states (the outbox) take turns: a scrape sets the process's
/// gauges from its own database.
static SCRAPES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn scrape_request(token: Option<&str>) -> Request<Body> {
    let mut r = Request::get("/metrics");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::empty()).unwrap()
}

/// One scrape, parsed: `name{label="value",…}` → value.
struct Scrape(HashMap<String, f64>);

impl Scrape {
    async fn of(app: &axum::Router) -> Scrape {
        let (res, body) = send(app, scrape_request(Some(TOKEN))).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        Scrape::parse(&body)
    }

    fn parse(body: &str) -> Scrape {
        let series = body
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (series, value) = l.rsplit_once(' ').expect("a series and its value");
                (series.to_owned(), value.parse::<f64>().unwrap_or_else(|_| panic!("a number in {l:?}")))
            })
            .collect();
        Scrape(series)
    }

    /// The value of `name` with (at least) these labels, summed over the series that match; 0
    /// when none does.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.0
            .iter()
            .filter(|(series, _)| {
                let (n, rest) = series.split_once('{').unwrap_or((series, ""));
                n == name && labels.iter().all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
            })
            .map(|(_, v)| v)
            .sum()
    }

    fn has(&self, name: &str) -> bool {
        self.0.keys().any(|s| s.split('{').next() == Some(name))
    }
}

#[tokio::test]
async fn metrics_answer_only_where_configured_and_on_the_public_listener_only_with_the_token() {
    on_both(|db: Db| async move {
        let closed = serve::router(state_with(db.clone(), &[]));
        let (res, _) = send(&closed, scrape_request(Some(TOKEN))).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "no metrics unless configured");

        let app = serve::router(state_with(db.clone(), &[("SSPR_METRICS_TOKEN", TOKEN)]));
        for wrong in [None, Some("metrics-token-0123456789abcdef-0123456788"), Some("")] {
            let (res, body) = send(&app, scrape_request(wrong)).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "token {wrong:?}");
            assert_eq!(res.headers()[header::WWW_AUTHENTICATE], "Bearer realm=\"metrics\"");
            assert!(!body.contains("sspr_"), "nothing is shown without the token");
        }
        let basic = Request::get("/metrics").header(header::AUTHORIZATION, format!("Basic {TOKEN}")).body(Body::empty()).unwrap();
        assert_eq!(send(&app, basic).await.0.status(), StatusCode::UNAUTHORIZED);

        let _turn = SCRAPES.lock().await;
        let (res, body) = send(&app, scrape_request(Some(TOKEN))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/plain; version=0.0.4; charset=utf-8");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        assert!(body.contains("# TYPE sspr_http_request_duration_seconds histogram"), "{body}");
        assert!(body.contains("# HELP sspr_audit_events_total"), "{body}");
        let scrape = Scrape::parse(&body);
        assert!(scrape.has("sspr_audit_events_total"), "every event is listed from the start");
        assert_eq!(scrape.value("sspr_database_up", &[]), 1.0);

        // SSPR_METRICS_LISTEN's router asks for no token: only the scraper reaches it.
        let private = metrics::private_router(state_with(db.clone(), &[("SSPR_METRICS_LISTEN", "127.0.0.1:9464")]));
        let (res, body) = send(&private, scrape_request(None)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("sspr_outbox_pending"), "{body}");
        let (res, _) = send(&private, Request::get("/setup").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "the private listener serves nothing else");
    })
    .await;
}

#[tokio::test]
async fn metrics_count_requests_events_deliveries_and_hashing_and_read_the_outbox_and_the_pool() {
    on_both(|db: Db| async move {
        let _turn = SCRAPES.lock().await;
        let app = serve::router(state_with(db.clone(), &[("SSPR_METRICS_TOKEN", TOKEN)]));
        let before = Scrape::of(&app).await;

        // A sign-in: a request to its route, and an audit event once committed.
        let user = format!("{}@contoso.example", unique("metrics"));
        add_account(&db, &user, false).await;
        web::sign_in(&app, &user, PASSWORD).await;
        let (res, _) = send(&app, web::app_post("/api/sign_in", &web::encode(&[("user_id", &user), ("password", "wrong")]), None)).await;
        assert!(res.status().is_client_error());

        // The outbox: one message queued two minutes ago, then one sent and one that fails.
        let now = db::now();
        let message = Message {
            channel: Channel::Email,
            recipient: "alice@contoso.example".into(),
            subject: "Your verification code".into(),
            body: "Code: 123456".into(),
            language: "en".into(),
        };
        let mut tx = db.begin().await.unwrap();
        outbox::enqueue(tx.conn(), &message, now - 120).await.unwrap();
        tx.commit().await.unwrap();
        let queued = Scrape::of(&app).await;
        assert_eq!(queued.value("sspr_outbox_pending", &[]), 1.0);
        let age = queued.value("sspr_outbox_oldest_pending_age_seconds", &[]);
        assert!((120.0..180.0).contains(&age), "the oldest message waits since two minutes: {age}");

        let sink = SmtpSink::start().await;
        assert_eq!(drain_once(&db, &delivery(&sink.url()), now).await.unwrap(), 1);
        assert_eq!(sink.messages().len(), 1);
        let mut tx = db.begin().await.unwrap();
        outbox::enqueue(tx.conn(), &message, now).await.unwrap();
        tx.commit().await.unwrap();
        let nobody = format!("smtp://127.0.0.1:{}", free_port());
        assert_eq!(drain_once(&db, &delivery(&nobody), now).await.unwrap(), 1);

        // The hashing pool: one core, a queue of one: a second hash waits, a third is refused.
        let hasher = Arc::new(Hasher::with_permits(1, 1));
        let jobs: Vec<_> = (0..3).map(|i| {
            let h = hasher.clone();
            tokio::spawn(async move { h.hash(format!("secret {i}")).await })
        }).collect();
        let outcomes: Vec<_> = futures_util::future::join_all(jobs).await.into_iter().map(|r| r.unwrap().is_ok()).collect();
        assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 2, "{outcomes:?}");

        let after = Scrape::of(&app).await;
        let grew = |name: &str, labels: &[(&str, &str)]| after.value(name, labels) - before.value(name, labels);
        assert!(grew("sspr_http_requests_total", &[("route", "/api/sign_in"), ("status", "200"), ("method", "POST")]) >= 1.0);
        assert!(grew("sspr_http_requests_total", &[("route", "/api/sign_in"), ("status", "401")]) >= 1.0
            || grew("sspr_http_requests_total", &[("route", "/api/sign_in"), ("status", "400")]) >= 1.0, "the refused sign-in is counted with its status");
        assert!(grew("sspr_http_request_duration_seconds_count", &[("route", "/api/sign_in")]) >= 2.0);
        assert!(grew("sspr_audit_events_total", &[("event", "sign_in")]) >= 1.0);
        assert!(grew("sspr_audit_events_total", &[("event", "sign_in_failed")]) >= 1.0);
        assert!(grew("sspr_messages_sent_total", &[("channel", "email")]) >= 1.0);
        assert!(grew("sspr_delivery_failures_total", &[("channel", "email"), ("class", "transient")]) >= 1.0);
        assert!(grew("sspr_hash_wait_seconds_count", &[]) >= 1.0);
        assert!(grew("sspr_hash_busy_total", &[]) >= 1.0);
        assert_eq!(after.value("sspr_outbox_pending", &[]), 1.0, "the failed message waits for its retry");
        assert!(after.value("sspr_outbox_oldest_pending_age_seconds", &[]) < 60.0);
        assert!(after.value("sspr_db_pool_max_connections", &[]) >= 1.0);
        assert!(after.value("sspr_db_pool_connections", &[("state", "idle")]) >= 0.0);
        assert!(after.has("sspr_db_pool_connections"));

        // Labels are route patterns, never what the user typed.
        assert!(!after.0.keys().any(|s| s.contains(&user)), "a user ID in a label");
    })
    .await;
}

fn delivery(smtp_url: &str) -> Delivery {
    let map: HashMap<&str, &str> = HashMap::from([("SSPR_SMTP_URL", smtp_url), ("SSPR_MAIL_FROM", "Password service <sspr@contoso.example>")]);
    let config = Config::from_vars(|k| map.get(k).map(|v| v.to_string())).unwrap();
    Delivery::from_config(&config).unwrap()
}
