//! Storage: one SQL dialect that runs on SQLite (embedded default) and PostgreSQL (chosen by
//! `DATABASE_URL`). Queries use `$1` placeholders, which both accept; each query is written
//! once and run on either backend through the `on!` macro. One file per aggregate.

pub mod accounts;
pub mod admin_requests;
pub mod audit;
pub mod codes;
pub mod expiry_reminders;
pub mod flows;
pub mod groups;
pub mod limits;
pub mod methods;
pub mod outbox;
pub mod policy;
pub mod questions;
pub mod reports;
pub mod secrets;
pub mod sessions;

use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// The domain's choices that a row stores as text (`'admin'`, `'on_premises'`): a query binds
/// and reads them as the enum, so no server code compares their spelling.
macro_rules! text_column {
    ($($ty:ty),*) => {$(
        impl<DB: sqlx::Database> sqlx::Type<DB> for $ty where str: sqlx::Type<DB> {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $ty where &'r str: sqlx::Decode<'r, DB> {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<DB>>::decode(value)?;
                <$ty>::parse(text).map_err(|_| format!("not a {}: {text:?}", stringify!($ty)).into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $ty where &'q str: sqlx::Encode<'q, DB> {
            fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer<'q>) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<DB>>::encode(self.as_str(), buf)
            }
        }
    )*};
}
text_column!(crate::domain::directory::Role, crate::domain::directory::PasswordSource);

/// A storage failure reaches the user as `Unavailable` when the database does not answer (it
/// is down, unreachable, or its file is locked by another process) and as `Internal`
/// otherwise; the detail goes to the log. This is what lets server code use `?` on queries,
/// and why no step can pass when a check of it could not run.
impl From<sqlx::Error> for crate::domain::AppError {
    fn from(e: sqlx::Error) -> Self {
        if is_outage(&e) {
            tracing::warn!(error = %e, "database unavailable");
            crate::domain::AppError::Unavailable
        } else {
            tracing::error!(error = %e, "storage failed");
            crate::domain::AppError::Internal
        }
    }
}

/// Whether `e` says that the database cannot be reached or used at the moment, rather than
/// that a query is wrong.
pub fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::Protocol(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // Primary result codes (the low byte of the extended one): BUSY, LOCKED,
                // READONLY, IOERR, FULL, CANTOPEN, NOTADB.
                code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 8 | 10 | 13 | 14 | 26))
            } else {
                // SQLSTATE classes: connection exception, insufficient resources, operator
                // intervention (shutdown, cannot connect now), system error.
                ["08", "53", "57", "58"].iter().any(|class| code.starts_with(class))
            }
        }
        _ => false,
    }
}

/// How long a request waits for a connection before it is answered "unavailable" (503): with
/// the database down, every page and step answers within 5 seconds, never hangs.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// How long an SQLite write waits for another writer (or a process that holds the file's lock).
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(3);
/// A connection that sat idle longer than this is pinged before a request gets it, so that
/// connections left from before a database restart or outage are replaced rather than handed
/// to a page. One used more recently is handed out as it is: sqlx already pings every
/// connection when it comes back to the pool, and its default ping on acquire too made a
/// second round trip per acquire (issue 14: a signed-in `/setup` acquires 5 times). Under load
/// connections come back within milliseconds, so a page view pings none. A database that stops
/// answering mid-request is [`errors::deadline`](super::errors::deadline)'s to answer.
pub const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

/// The pool options both backends share: `max` connections, the acquire timeout, and a ping
/// only for connections idle longer than [`PING_WHEN_IDLE_FOR`].
fn pool_options<DB: sqlx::Database>(max: u32) -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new()
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > PING_WHEN_IDLE_FOR {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// A connection pool on one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// How many connections a pool holds ([`Db::pool_use`]).
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// A borrowed connection (pooled or inside a transaction) on either backend.
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// A connection taken from the pool for a few queries.
pub enum Pooled {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

/// An open transaction: call `commit`, or drop it to roll back. The audit events written in
/// it are counted in the metrics once it commits.
pub struct Tx {
    open: Open,
    audited: Vec<&'static str>,
}

enum Open {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the same expression on whichever backend `$conn` holds, with `$c` bound to
/// `&mut SqliteConnection` or `&mut PgConnection`.
#[macro_export]
macro_rules! on {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::server::db::Conn::Sqlite($c) => $body,
            $crate::server::db::Conn::Postgres($c) => $body,
        }
    };
}
pub use on;

impl Db {
    /// Opens the database named by `url` (`sqlite:…` or `postgres://…`); SQLite files are
    /// created when missing and run in WAL mode with a busy timeout and foreign keys.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true);
            let pool = pool_options::<Sqlite>(8).connect_with(options).await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = pool_options::<Postgres>(16).connect_with(options).await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres://".into(),
            ))
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies the migrations this build has and the database lacks. A database that a newer
    /// release already migrated further is accepted as it is: during a rolling upgrade an old
    /// node may start again after a new one migrated, and the migrations only add (expand) until
    /// every node runs the release that needs the change (`tests/app/migrations.rs` holds them
    /// to it).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let mut migrator = match self {
            Db::Sqlite(_) => sqlx::migrate!("migrations/sqlite"),
            Db::Postgres(_) => sqlx::migrate!("migrations/postgres"),
        };
        migrator.set_ignore_missing(true);
        match self {
            Db::Sqlite(pool) => migrator.run(pool).await,
            Db::Postgres(pool) => migrator.run(pool).await,
        }
    }

    pub async fn acquire(&self) -> Result<Pooled, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Pooled::Sqlite(pool.acquire().await?),
            Db::Postgres(pool) => Pooled::Postgres(pool.acquire().await?),
        })
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            // IMMEDIATE takes the write lock at once, so two read-then-write transactions
            // cannot deadlock on lock upgrade.
            Db::Sqlite(pool) => Tx { open: Open::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?), audited: Vec::new() },
            Db::Postgres(pool) => Tx { open: Open::Postgres(pool.begin().await?), audited: Vec::new() },
        })
    }

    /// A cheap round trip, for the health endpoint. On SQLite it takes the write lock for a
    /// moment: a file that another process keeps locked can be read but serves no sign-in.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(_) => self.begin().await.map(drop),
            Db::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop),
        }
    }

    /// The pool's connections now, for the metrics.
    pub fn pool_use(&self) -> PoolUse {
        match self {
            Db::Sqlite(p) => PoolUse { open: p.size(), idle: p.num_idle() as u32, max: p.options().get_max_connections() },
            Db::Postgres(p) => PoolUse { open: p.size(), idle: p.num_idle() as u32, max: p.options().get_max_connections() },
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Pooled {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(&mut *c),
            Pooled::Postgres(c) => Conn::Postgres(&mut *c),
        }
    }
}

impl Conn<'_> {
    /// The same connection for one more call.
    pub fn reborrow(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(c) => Conn::Sqlite(&mut **c),
            Conn::Postgres(c) => Conn::Postgres(&mut **c),
        }
    }
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.open {
            Open::Sqlite(t) => Conn::Sqlite(&mut *t),
            Open::Postgres(t) => Conn::Postgres(&mut *t),
        }
    }

    /// Takes a PostgreSQL advisory lock held until the end of the transaction; SQLite's
    /// `BEGIN IMMEDIATE` already serialises every writer.
    pub async fn advisory_lock(&mut self, key: i64) -> sqlx::Result<()> {
        if let Open::Postgres(t) = &mut self.open {
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(key).execute(&mut **t).await?;
        }
        Ok(())
    }

    /// Notes an audit event written in this transaction, to count once it commits.
    pub(super) fn audited(&mut self, event: &'static str) {
        self.audited.push(event);
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.open {
            Open::Sqlite(t) => t.commit().await?,
            Open::Postgres(t) => t.commit().await?,
        }
        self.audited.into_iter().for_each(crate::server::metrics::audit_event);
        Ok(())
    }
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
