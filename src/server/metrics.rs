//! `GET /metrics`: what an operator graphs and alerts on, in the Prometheus text format.
//!
//! Things that happen are counted where they happen, through the `metrics` facade and the
//! functions below (requests, audit events, deliveries, waits for the hashing pool); things
//! that are a state (the outbox, the database pool, the hashing queue) are read when scraped.
//! Nothing is recorded unless `SSPR_METRICS_LISTEN` or `SSPR_METRICS_TOKEN` is set: without a
//! recorder the facade's calls do nothing.
//!
//! Every label has a small, fixed set of values (route patterns, event names, channels), so
//! the number of series does not grow with users or addresses.

use super::config::MetricsConfig;
use super::state::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics::{Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const REQUESTS: &str = "sspr_http_requests_total";
const REQUEST_SECONDS: &str = "sspr_http_request_duration_seconds";
const EVENTS: &str = "sspr_audit_events_total";
const SENT: &str = "sspr_messages_sent_total";
const DELIVERY_FAILURES: &str = "sspr_delivery_failures_total";
const GIVEN_UP: &str = "sspr_messages_given_up_total";
const HASH_WAIT: &str = "sspr_hash_wait_seconds";
const HASH_BUSY: &str = "sspr_hash_busy_total";
const HASH_WAITING: &str = "sspr_hash_queue_waiting";
const HASH_QUEUE: &str = "sspr_hash_queue_capacity";
const OUTBOX_PENDING: &str = "sspr_outbox_pending";
const OUTBOX_OLDEST: &str = "sspr_outbox_oldest_pending_age_seconds";
const POOL: &str = "sspr_db_pool_connections";
const POOL_MAX: &str = "sspr_db_pool_max_connections";
const DATABASE_UP: &str = "sspr_database_up";

/// Upper bounds of the latency histograms, from a cached page (a millisecond) to a password
/// hash that waited for a core (seconds).
const BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// The process's recorder, installed on first use: counters live as long as the process.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(BUCKETS)
            .expect("the bucket list is not empty")
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics shows only the scraped states");
        }
        describe();
        handle.clone()
    })
}

/// Starts recording when the configuration serves metrics somewhere; every audit event name
/// is shown from the start, at zero, so a rate over it has a beginning.
pub fn install(config: &MetricsConfig) {
    if !config.enabled() {
        return;
    }
    handle();
    for event in crate::domain::audit::EVENTS {
        counter!(EVENTS, "event" => *event).increment(0);
    }
}

fn describe() {
    describe_counter!(REQUESTS, "HTTP requests answered, by method, route pattern and status.");
    describe_histogram!(REQUEST_SECONDS, Unit::Seconds, "Time to answer an HTTP request (to its headers), by method, route pattern and status.");
    describe_counter!(EVENTS, "Audit events written, by event (reset_started, reset_completed, reset_blocked, code_sent, code_failed, sign_in, ...).");
    describe_counter!(SENT, "Messages sent by this node's delivery worker, by channel.");
    describe_counter!(DELIVERY_FAILURES, "Failed delivery attempts (retried or given up), by channel and class.");
    describe_counter!(GIVEN_UP, "Messages given up after their last attempt or a permanent failure, by channel.");
    describe_histogram!(HASH_WAIT, Unit::Seconds, "Time a password hash waited for a free core.");
    describe_counter!(HASH_BUSY, "Password hashes refused with 503 because the hashing queue was full.");
    describe_gauge!(HASH_WAITING, "Password hashes waiting for a free core now.");
    describe_gauge!(HASH_QUEUE, "Password hashes allowed to wait (SSPR_HASH_QUEUE).");
    describe_gauge!(OUTBOX_PENDING, "Messages in the outbox not yet sent nor given up (all nodes).");
    describe_gauge!(OUTBOX_OLDEST, Unit::Seconds, "Age of the oldest message not yet sent nor given up; 0 when none.");
    describe_gauge!(POOL, "This node's database connections, by state (in_use, idle).");
    describe_gauge!(POOL_MAX, "The most database connections this node opens.");
    describe_gauge!(DATABASE_UP, "1 when the database answered the scrape's queries, 0 otherwise.");
}

/// Counts an audit event that was committed.
pub fn audit_event(event: &'static str) {
    counter!(EVENTS, "event" => event).increment(1);
}

/// Counts a sent message.
pub fn message_sent(channel: &'static str) {
    counter!(SENT, "channel" => channel).increment(1);
}

/// Counts a failed delivery attempt, and the message if it is given up.
pub fn delivery_failed(channel: &'static str, class: &'static str, given_up: bool) {
    counter!(DELIVERY_FAILURES, "channel" => channel, "class" => class).increment(1);
    if given_up {
        counter!(GIVEN_UP, "channel" => channel).increment(1);
    }
}

/// Records how long a password hash waited for a core.
pub fn hash_waited(waited: Duration) {
    histogram!(HASH_WAIT).record(waited.as_secs_f64());
}

/// Counts a password hash refused because the queue was full.
pub fn hash_refused() {
    counter!(HASH_BUSY).increment(1);
}

/// Middleware: counts every request and times it, labelled by the route's pattern (never the
/// path itself, which may name an account); requests no route matched (files, unknown paths)
/// share one label.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "(unmatched)".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(req).await;
    let labels = [("method", method), ("route", route), ("status", response.status().as_u16().to_string())];
    counter!(REQUESTS, &labels).increment(1);
    histogram!(REQUEST_SECONDS, &labels).record(started.elapsed().as_secs_f64());
    response
}

/// The public listener's `/metrics`, when `SSPR_METRICS_TOKEN` is set: the scraper proves
/// it holds the token (compared as SHA-256 digests, so the time taken says nothing about it).
pub async fn scrape_with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics.token.as_deref() else { return StatusCode::NOT_FOUND.into_response() };
    let sent = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    if Sha256::digest(sent.as_bytes()) != Sha256::digest(token.as_bytes()) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")]).into_response();
    }
    scrape(State(state)).await
}

/// The metrics as they are now, in the Prometheus text format.
pub async fn scrape(State(state): State<AppState>) -> Response {
    read_states(&state).await;
    let handle = handle();
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], handle.render()).into_response()
}

/// The states that are read rather than counted.
async fn read_states(state: &AppState) {
    gauge!(HASH_WAITING).set(state.hasher.waiting() as f64);
    gauge!(HASH_QUEUE).set(state.config.hash_queue as f64);
    let pool = state.db.pool_use();
    gauge!(POOL, "state" => "in_use").set((pool.open - pool.idle) as f64);
    gauge!(POOL, "state" => "idle").set(pool.idle as f64);
    gauge!(POOL_MAX).set(pool.max as f64);
    let outbox = async {
        let mut c = state.db.acquire().await?;
        super::db::outbox::pending(c.conn()).await
    };
    match tokio::time::timeout(Duration::from_secs(3), outbox).await {
        Ok(Ok(pending)) => {
            gauge!(DATABASE_UP).set(1.0);
            gauge!(OUTBOX_PENDING).set(pending.count as f64);
            let age = pending.oldest.map_or(0, |at| (super::db::now() - at).max(0));
            gauge!(OUTBOX_OLDEST).set(age as f64);
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "metrics: cannot read the outbox");
            gauge!(DATABASE_UP).set(0.0);
        }
        Err(_) => {
            tracing::warn!("metrics: the outbox did not answer within 3 s");
            gauge!(DATABASE_UP).set(0.0);
        }
    }
}

/// The router of `SSPR_METRICS_LISTEN`: `/metrics` and nothing else, without a token (the
/// address is meant to be reachable by the scraper alone).
pub fn private_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

/// Drains the histograms' buffers now and then, so that memory stays flat between scrapes.
pub async fn upkeep(mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => handle().run_upkeep(),
            _ = stop.changed() => return,
        }
    }
}
