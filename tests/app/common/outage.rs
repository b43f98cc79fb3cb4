//! Real database outages for tests: PostgreSQL behind a TCP proxy on loopback that the test
//! cuts (every connection dropped, new ones refused) or freezes (connections open, nothing
//! answered) and restores; an SQLite file whose write lock another process holds.

use sqlx::Connection;
use sspr::server::db::Db;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the proxy does with the bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Line {
    Open,
    /// Every connection dropped, new ones refused: a database that went down.
    Cut,
    /// Connections kept open, nothing forwarded: a network partition, a frozen server.
    Frozen,
}

/// A TCP proxy on 127.0.0.1 in front of `target`.
pub struct Proxy {
    pub addr: SocketAddr,
    line: Arc<watch::Sender<Line>>,
    accept: tokio::task::JoinHandle<()>,
}

impl Proxy {
    pub async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let line = Arc::new(watch::channel(Line::Open).0);
        let state = line.clone();
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mut changes = state.subscribe();
                let now = *changes.borrow_and_update();
                tokio::spawn(async move {
                    let mut client = client;
                    match now {
                        Line::Cut => return,
                        // Held open without a word until the line changes.
                        Line::Frozen => {
                            let _ = changes.changed().await;
                            return;
                        }
                        Line::Open => {}
                    }
                    let Ok(mut server) = TcpStream::connect(target).await else { return };
                    let frozen = tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => false,
                        line = changes.wait_for(|l| *l != Line::Open) => line.is_ok_and(|l| *l == Line::Frozen),
                    };
                    if frozen {
                        // Both ends stay open, silent, until the line changes again.
                        let _ = changes.changed().await;
                    }
                });
            }
        });
        Proxy { addr, line, accept }
    }

    pub fn set(&self, line: Line) {
        self.line.send_replace(line);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// What a test can take away from the application's database and give back.
pub enum Outage {
    Postgres(Proxy),
    /// The SQLite file, and the connection of "another process" that holds its lock.
    Sqlite(String, Option<sqlx::SqliteConnection>),
}

impl Outage {
    pub async fn cut(&mut self) {
        match self {
            Outage::Postgres(proxy) => proxy.set(Line::Cut),
            Outage::Sqlite(url, holder) => {
                let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
                sqlx::query("BEGIN EXCLUSIVE").execute(&mut c).await.unwrap();
                *holder = Some(c);
            }
        }
    }

    /// PostgreSQL only: the server stops answering but no connection closes.
    pub fn freeze(&self) -> bool {
        match self {
            Outage::Postgres(proxy) => {
                proxy.set(Line::Frozen);
                true
            }
            Outage::Sqlite(..) => false,
        }
    }

    pub async fn restore(&mut self) {
        match self {
            Outage::Postgres(proxy) => proxy.set(Line::Open),
            Outage::Sqlite(_, holder) => {
                if let Some(mut c) = holder.take() {
                    sqlx::query("ROLLBACK").execute(&mut c).await.unwrap();
                    c.close().await.unwrap();
                }
            }
        }
    }
}

/// Runs `test` on SQLite and on PostgreSQL (reached through a proxy), each on a fresh
/// database, with the means to take it away.
pub async fn on_both_with_outage<F, Fut>(test: F)
where
    F: Fn(Db, Outage) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let path = std::env::temp_dir().join(format!("{}.db", super::unique("sspr_outage")));
    let url = format!("sqlite:{}", path.display());
    let db = Db::connect(&url).await.expect("open SQLite");
    db.migrate().await.expect("migrate SQLite");
    test(db, Outage::Sqlite(url, None)).await;

    if let Some((direct, name)) = super::postgres().await {
        let admin_url = url::Url::parse(&std::env::var("SSPR_TEST_POSTGRES_URL").unwrap()).unwrap();
        let host = admin_url.host_str().unwrap_or("127.0.0.1");
        let target = tokio::net::lookup_host((host, admin_url.port().unwrap_or(5432))).await.unwrap().next().unwrap();
        let proxy = Proxy::start(target).await;
        let mut via_proxy = admin_url.clone();
        via_proxy.set_path(&name);
        via_proxy.set_host(Some("127.0.0.1")).unwrap();
        via_proxy.set_port(Some(proxy.addr.port())).unwrap();
        let db = Db::connect(via_proxy.as_str()).await.expect("connect through the proxy");
        test(db.clone(), Outage::Postgres(proxy)).await;
        db.close().await;
        super::drop_postgres(direct, name).await;
    }
}
