//! `sspr serve`: the HTTP server, the delivery worker, and a graceful stop on SIGTERM/Ctrl-C.

use super::config::Config;
use super::crypto::Hasher;
use super::db::Db;
use super::delivery::{self, Delivery};
use super::state::AppState;
use super::{assets, demo, errors, locale, metrics, security};
use crate::app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, Request, StatusCode};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Opens the database, applies migrations and builds the shared state.
pub async fn prepare(config: Config, leptos_options: LeptosOptions) -> Result<AppState, String> {
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("DATABASE_URL: cannot open the database: {e}"))?;
    db.migrate().await.map_err(|e| format!("database migration failed: {e}"))?;
    let hasher = Arc::new(Hasher::new(config.hash_queue));
    let directory = Arc::new(super::directory::Directory::new(&config.directory)?);
    Ok(AppState { leptos_options, db, config: Arc::new(config), hasher, directory, outbox_wake: Arc::new(Notify::new()) })
}

/// The app's routes, listed once per process. Listing renders the app with resource loading
/// suppressed through a process-wide flag, so a page rendered at that moment would wait
/// forever (leptos issue #4773): every router shares this one list, made before any serving.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP application. Tests build it on their own database.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    assets::init(&state.leptos_options);
    metrics::install(&state.config.metrics);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let mut router = Router::new().route("/health", get(health));
    if state.config.metrics.token.is_some() {
        router = router.route("/metrics", get(metrics::scrape_with_token));
    }
    router
        .merge(super::admin::audit::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                provide_context(super::session::RequestMemo::default());
            },
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(errors::deadline))
        .layer(middleware::from_fn(security::checked_bodies))
        .layer(middleware::from_fn(errors::answer_errors))
        .layer(middleware::from_fn_with_state(state.clone(), security::origin_check))
        .layer(middleware::from_fn(locale::remember_choice))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(middleware::from_fn(assets::cache_headers))
        // Outside every layer that reads or rewrites a page's body (the CSP reads its nonce).
        .layer(assets::compression())
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                // The path only: query strings may carry codes or tokens.
                tracing::info_span!("request", request_id = %id, method = %req.method(), path = req.uri().path())
            }),
        )
        .layer(middleware::from_fn(metrics::track))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// Set once SIGTERM arrived: `/health` says so, so that load balancers send nothing more.
static DRAINING: AtomicBool = AtomicBool::new(false);

/// `GET /health`: 200 when the database answers, 503 otherwise, and 503 once the node is
/// stopping (`SSPR_DRAIN_SECONDS`).
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    if DRAINING.load(Ordering::Relaxed) {
        return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({ "status": "stopping" })));
    }
    match tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, axum::Json(serde_json::json!({ "status": "ok", "database": "ok" }))),
        _ => (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({ "status": "degraded", "database": "unreachable" }))),
    }
}

/// Serves until SIGTERM or Ctrl-C: in-flight requests finish, then the worker stops.
pub async fn run(config: Config) -> Result<(), String> {
    let conf = get_configuration(Some("Leptos.toml")).map_err(|e| format!("Leptos.toml: {e}"))?;
    let addr = conf.leptos_options.site_addr;
    let delivery = Arc::new(Delivery::from_config(&config).map_err(|e| e.to_string())?);
    let state = prepare(config, conf.leptos_options).await?;
    if state.config.demo {
        demo::ensure_directory(&state).await.map_err(|e| format!("demo directory: {e}"))?;
    }

    let (stop_tx, stop_rx) = watch::channel(false);
    let worker = tokio::spawn(delivery::worker::run(state.db.clone(), delivery, state.outbox_wake.clone(), stop_rx.clone()));
    let housekeeping = tokio::spawn(housekeeping(state.clone(), stop_rx.clone()));
    let directory_sync = tokio::spawn(directory_sync(state.clone(), stop_rx.clone()));
    let metrics_listener = match state.config.metrics.listen {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at).await.map_err(|e| format!("cannot listen on {at} (SSPR_METRICS_LISTEN): {e}"))?;
            tracing::info!(%at, "metrics are served at /metrics");
            let mut stop = stop_rx.clone();
            let private = axum::serve(listener, metrics::private_router(state.clone())).with_graceful_shutdown(async move {
                let _ = stop.changed().await;
            });
            Some(tokio::spawn(async move { private.await }))
        }
        None => None,
    };
    let upkeep = state.config.metrics.enabled().then(|| tokio::spawn(metrics::upkeep(stop_rx)));

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr} (LEPTOS_SITE_ADDR): {e}"))?;
    tracing::info!(%addr, public_url = %state.config.public_url, database = state.db.backend(), demo = state.config.demo, "sspr is listening");
    let db = state.db.clone();
    let drain = Duration::from_secs(state.config.drain_secs);
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            DRAINING.store(true, Ordering::Relaxed);
            if !drain.is_zero() {
                tracing::info!(seconds = drain.as_secs(), "draining: /health answers 503 while requests are still served");
                tokio::time::sleep(drain).await;
            }
        })
        .await
        .map_err(|e| format!("server error: {e}"))?;

    tracing::info!("requests drained; stopping the delivery worker");
    let _ = stop_tx.send(true);
    let _ = worker.await;
    let _ = housekeeping.await;
    let _ = directory_sync.await;
    if let Some(task) = metrics_listener {
        let _ = task.await;
    }
    if let Some(task) = upkeep {
        let _ = task.await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Every ten minutes: forgets ended sessions, and throttling counters, codes, flows, "this
/// wasn't me" links and expiry reminders a day past their end.
async fn housekeeping(state: AppState, mut stop: watch::Receiver<bool>) {
    loop {
        let now = super::db::now();
        let result = async {
            let mut c = state.db.acquire().await?;
            let sessions = super::db::sessions::purge_expired(c.conn(), now, state.config.session_idle_secs).await?;
            let counters = super::db::limits::purge_stale(c.conn(), now - 86_400, now).await?;
            let codes = super::db::codes::purge_ended(c.conn(), now - 86_400).await?;
            let flows = super::db::flows::purge_expired(c.conn(), now - 86_400).await?;
            let reports = super::db::reports::purge_ended(c.conn(), now - 86_400).await?;
            let reminders = super::db::expiry_reminders::purge_expired(c.conn(), now - 86_400).await?;
            Ok::<_, sqlx::Error>((sessions, counters + codes + flows + reports + reminders))
        }
        .await;
        match result {
            Ok((sessions, others)) => tracing::debug!(sessions, others, "housekeeping done"),
            Err(e) => tracing::warn!(error = %e, "housekeeping failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = stop.changed() => return,
        }
    }
}

/// With an LDAP directory, every `SSPR_LDAP_SYNC_MINUTES` from the start: reads the whole
/// directory for the console's list of accounts (see [`super::directory::Directory::sync_all`]). Each node does
/// it; the writes agree, and there are none when nothing changed.
async fn directory_sync(state: AppState, mut stop: watch::Receiver<bool>) {
    let super::config::DirectoryConfig::Ldap(ldap) = &state.config.directory else { return };
    let Some(every) = ldap.sync_every else { return };
    loop {
        match state.directory.sync_all(&state).await {
            Ok(Some(done)) => tracing::info!(users = done.seen, gone = done.gone, "read the LDAP directory"),
            Ok(None) => return,
            Err(e) => tracing::warn!(error = ?e, "could not read the LDAP directory; will try again"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received");
}
