//! What one signed-in page view costs the database (issue 14, item 5): every SQL statement that
//! sqlx runs while the router answers `GET /setup` is recorded and classified. A page view must
//! write nothing, and its reads stay within a counted budget, on SQLite and on PostgreSQL.
//!
//! Its own test binary: it listens to every statement of the process, so no other test may run
//! beside it.

#[path = "app/common/mod.rs"]
mod common;

use common::{PASSWORD, add_account, on_both, state, web};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Reads of one signed-in `GET /setup` (14 before, 9 since the request memo and the merged reads
/// of 2026-12-06, 7 since the session is read with its account and `/setup` asks for the password
/// rules only when it shows the form that needs them; lower it when a read goes away).
const READS_OF_A_SETUP_VIEW: usize = 7;

/// The statements sqlx reports (its `sqlx::query` events), first words only.
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Statements {
    fn install() -> Statements {
        let log = Statements::default();
        let subscriber = tracing_subscriber::registry().with(log.clone());
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber per process");
        log
    }

    /// What ran since the last call, without the connections' own set-up (`PRAGMA`, `SET`).
    fn take(&self) -> Vec<String> {
        let all = std::mem::take(&mut *self.0.lock().unwrap());
        all.into_iter().filter(|s| !s.starts_with("PRAGMA") && !s.starts_with("SET ") && !s.starts_with("SHOW ")).collect()
    }
}

impl<S: tracing::Subscriber> Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        struct Summary(Option<String>);
        impl Visit for Summary {
            fn record_str(&mut self, field: &Field, value: &str) {
                if field.name() == "summary" {
                    self.0 = Some(value.to_owned());
                }
            }
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                if field.name() == "summary" && self.0.is_none() {
                    self.0 = Some(format!("{value:?}").trim_matches('"').to_owned());
                }
            }
        }
        let mut s = Summary(None);
        event.record(&mut s);
        self.0.lock().unwrap().push(s.0.unwrap_or_default());
    }
}

fn writes(statements: &[String]) -> Vec<&String> {
    let write = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"];
    statements.iter().filter(|s| write.iter().any(|w| s.to_ascii_uppercase().starts_with(w))).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_page_view_is_a_read() {
    let log = Statements::install();
    on_both(|db| {
        let log = log.clone();
        async move {
            let backend = db.backend();
            let st = state(db.clone());
            add_account(&db, "alice@contoso.example", false).await;
            let app = sspr::server::serve::router(st.clone());
            let cookie = web::sign_in(&app, "alice@contoso.example", PASSWORD).await;
            let (res, _) = web::send(&app, web::page("/setup", Some(&cookie))).await;
            assert_eq!(res.status(), 200);

            log.take();
            let (res, body) = web::send(&app, web::page("/setup", Some(&cookie))).await;
            let statements = log.take();
            assert_eq!(res.status(), 200);
            assert!(body.contains("alice@contoso.example"), "the signed-in page, not the sign-in form");
            println!("{backend}: GET /setup ran {} statements:", statements.len());
            for s in &statements {
                println!("  {s}");
            }
            assert!(writes(&statements).is_empty(), "{backend}: a page view wrote: {:?}", writes(&statements));
            assert!(
                statements.len() <= READS_OF_A_SETUP_VIEW,
                "{backend}: {} statements for one page view, budget {READS_OF_A_SETUP_VIEW}",
                statements.len()
            );

            // A minute after the last write, one view moves the idle timer, once.
            common::exec(&db, "UPDATE sessions SET last_seen_at = last_seen_at - 120").await;
            log.take();
            let (res, _) = web::send(&app, web::page("/setup", Some(&cookie))).await;
            assert_eq!(res.status(), 200);
            let statements = log.take();
            let w = writes(&statements);
            assert_eq!(w.len(), 1, "{backend}: {w:?}");
            assert!(w[0].starts_with("UPDATE sessions"), "{backend}: {w:?}");
        }
    })
    .await;
}
