//! Test harness: every database test runs on SQLite and on PostgreSQL.
//!
//! PostgreSQL comes from `SSPR_TEST_POSTGRES_URL` (a server URL whose user may create
//! databases, e.g. `postgres://postgres@127.0.0.1:5432/postgres`); each backend run gets a fresh
//! database that is dropped afterwards. Without the variable the PostgreSQL half is skipped
//! with a message, except under CI (`CI=true`), where that is an error.
#![allow(dead_code)]

pub mod directory_tools;
pub mod outage;
pub mod sinks;
pub mod samba;
pub mod slapd;
pub mod web;

use sspr::server::db::Db;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos % 1_000_000_000, COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A fresh, migrated SQLite database in a temporary file.
pub async fn sqlite() -> Db {
    let path = std::env::temp_dir().join(format!("{}.db", unique("sspr_test")));
    let db = Db::connect(&format!("sqlite:{}", path.display())).await.expect("open SQLite");
    db.migrate().await.expect("migrate SQLite");
    db
}

/// A fresh, migrated PostgreSQL database, or `None` when no server is configured.
pub async fn postgres() -> Option<(Db, String)> {
    let Ok(admin_url) = std::env::var("SSPR_TEST_POSTGRES_URL") else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("SSPR_TEST_POSTGRES_URL is not set under CI: the PostgreSQL half of the tests would be skipped");
        }
        eprintln!("skipped PostgreSQL: SSPR_TEST_POSTGRES_URL is not set");
        return None;
    };
    let name = unique("sspr_test");
    let admin = Db::connect(&admin_url).await.expect("connect to SSPR_TEST_POSTGRES_URL");
    let Db::Postgres(pool) = &admin else { panic!("SSPR_TEST_POSTGRES_URL must be a postgres:// URL") };
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(pool).await.expect("create test database");
    admin.close().await;
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    let db = Db::connect(url.as_str()).await.expect("connect to the test database");
    db.migrate().await.expect("migrate PostgreSQL");
    Some((db, name))
}

async fn drop_postgres(db: Db, name: String) {
    db.close().await;
    let admin = Db::connect(&std::env::var("SSPR_TEST_POSTGRES_URL").unwrap()).await.unwrap();
    if let Db::Postgres(pool) = &admin {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(pool).await;
    }
    admin.close().await;
}

/// Runs `test` once on SQLite and once on PostgreSQL, each on a fresh database.
pub async fn on_both<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    test(sqlite().await).await;
    if let Some((db, name)) = postgres().await {
        test(db.clone()).await;
        drop_postgres(db, name).await;
    }
}

/// The application state on `db`, configured by `vars` (everything else at its default).
pub fn state_with(db: Db, vars: &[(&str, &str)]) -> sspr::server::AppState {
    use sspr::server::{config::Config, crypto::Hasher};
    let map: std::collections::HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let config = Config::from_vars(|k| map.get(k).cloned()).expect("test configuration");
    sspr::server::AppState {
        leptos_options: leptos::config::LeptosOptions::builder().output_name("sspr").build(),
        db,
        directory: std::sync::Arc::new(sspr::server::directory::Directory::new(&config.directory).expect("test directory")),
        config: std::sync::Arc::new(config),
        hasher: std::sync::Arc::new(Hasher::new(256)),
        outbox_wake: std::sync::Arc::new(tokio::sync::Notify::new()),
    }
}

pub fn state(db: Db) -> sspr::server::AppState {
    state_with(db, &[])
}

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates an account with `PASSWORD` and returns its id.
pub async fn add_account(db: &Db, user_id: &str, must_change: bool) -> i64 {
    use sspr::server::db::accounts::{NewAccount, insert};
    let mut c = db.acquire().await.unwrap();
    insert(
        c.conn(),
        &NewAccount {
            user_id: sspr::domain::UserId::parse(user_id).unwrap(),
            display_name: "Test User".into(),
            primary_email: format!("primary.{user_id}"),
            password_hash: sspr::server::crypto::hash_now(PASSWORD).unwrap(),
            must_change_password: must_change,
            role: sspr::domain::directory::Role::User,
            password_source: sspr::domain::directory::PasswordSource::Cloud,
            licensed: true,
        },
    )
    .await
    .unwrap()
    .expect("new account")
}

/// Runs one statement without parameters (tests use it to tamper with rows on purpose).
pub async fn exec(db: &Db, sql: &str) -> u64 {
    let mut c = db.acquire().await.unwrap();
    sspr::on!(c.conn(), c => sqlx::query(sql).execute(&mut *c).await.map(|r| r.rows_affected())).unwrap()
}

/// Opens `n` pooled connections and gives them back: parallel tests then start with a warm
/// pool, so that their requests really run at the same time.
pub async fn hold_connections(n: usize, db: &Db) -> Vec<sspr::server::db::Pooled> {
    let mut held = Vec::new();
    for _ in 0..n {
        held.push(db.acquire().await.unwrap());
    }
    held
}

/// Creates an administrator with `PASSWORD` and returns its id.
pub async fn make_admin(db: &Db, user_id: &str) -> i64 {
    let id = add_account(db, user_id, false).await;
    let mut c = db.acquire().await.unwrap();
    sspr::server::db::accounts::set_role(c.conn(), id, sspr::domain::directory::Role::Admin).await.unwrap();
    id
}

/// Creates an account whose authentication e-mail `home.<user_id>` is verified; returns its id.
pub async fn with_email(db: &Db, user_id: &str) -> i64 {
    use sspr::server::db;
    let id = add_account(db, user_id, false).await;
    let mut c = db.acquire().await.unwrap();
    db::methods::set_verified(c.conn(), id, "auth_email", &format!("home.{user_id}"), db::now()).await.unwrap();
    id
}

/// Registers `e164` as the account's verified authentication phone.
pub async fn with_phone(db: &Db, id: i64, e164: &str) {
    use sspr::server::db;
    let mut c = db.acquire().await.unwrap();
    db::methods::set_verified(c.conn(), id, "auth_phone", e164, db::now()).await.unwrap();
}

/// Saves `policy` as the next version.
pub async fn save_policy(db: &Db, policy: &sspr::domain::policy::Policy) {
    use sspr::server::db;
    let mut c = db.acquire().await.unwrap();
    let (version, _) = db::policy::current(c.conn()).await.unwrap();
    assert!(db::policy::save(c.conn(), version, policy, None, db::now()).await.unwrap());
}

/// One number that a query without parameters counts.
pub async fn count(db: &Db, sql: &str) -> i64 {
    let mut c = db.acquire().await.unwrap();
    sspr::on!(c.conn(), c => sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut *c).await).unwrap()
}

/// The six-digit code in a message's body (texts write it in groups, "443 731").
pub fn code_in(body: &str) -> String {
    let digits: String = body.chars().filter(|c| c.is_ascii_digit() || *c == ' ').collect();
    digits.split_whitespace().collect::<Vec<_>>().join("").chars().take(6).collect()
}

/// The URL of `db`, for the command line (`DATABASE_URL`).
pub fn url_of(db: &Db) -> String {
    match db {
        Db::Sqlite(pool) => format!("sqlite:{}", pool.connect_options().get_filename().display()),
        Db::Postgres(pool) => {
            let o = pool.connect_options();
            format!("postgres://{}@{}:{}/{}", o.get_username(), o.get_host(), o.get_port(), o.get_database().unwrap())
        }
    }
}
