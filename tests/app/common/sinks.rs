//! Real servers on loopback that record what the delivery code sends them: a minimal SMTP
//! server and an HTTP server, each answering success unless told to fail.
#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

/// A loopback port with nothing listening on it (for a while).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port()
}

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, dot-unstuffed, lines joined with CRLF.
    pub data: String,
}

impl Mail {
    /// The unfolded value of the first header called `name`.
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.data.split_once("\r\n\r\n")?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    /// The body with its transfer encoding (7bit, quoted-printable or base64) undone.
    pub fn text(&self) -> String {
        let (_, body) = self.data.split_once("\r\n\r\n").expect("a blank line after the headers");
        let encoding = self.header("Content-Transfer-Encoding").unwrap_or_default().to_ascii_lowercase();
        let bytes = match encoding.as_str() {
            "base64" => {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.decode(body.replace("\r\n", "")).expect("base64 body")
            }
            "quoted-printable" => decode_quoted_printable(body),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8(bytes).expect("UTF-8 body").replace("\r\n", "\n")
    }
}

fn decode_quoted_printable(body: &str) -> Vec<u8> {
    let soft = body.replace("=\r\n", "");
    let bytes = soft.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("=XX escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A minimal SMTP server: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Mail>>>,
    /// When set, the answer to the end of DATA (e.g. `550 5.7.1 rejected`); the message is not kept.
    reply: Arc<Mutex<Option<String>>>,
    /// Connections accepted so far.
    connections: Arc<std::sync::atomic::AtomicUsize>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on(0).await
    }

    /// Listens on `port` (0: any free port).
    pub async fn start_on(port: u16) -> SmtpSink {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).unwrap();
        let listener = socket.listen(64).unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let reply = Arc::new(Mutex::new(None));
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (r, p, c) = (received.clone(), reply.clone(), connections.clone());
        // The sessions belong to the accepting task: dropping the sink closes them all.
        let task = tokio::spawn(async move {
            let mut sessions = tokio::task::JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                sessions.spawn(smtp_session(stream, r.clone(), p.clone()));
            }
        });
        SmtpSink { port, received, reply, connections, task }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn reject_with(&self, reply: &str) {
        *self.reply.lock().unwrap() = Some(reply.to_owned());
    }

    pub fn connections(&self) -> usize {
        self.connections.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn messages(&self) -> Vec<Mail> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn smtp_session(stream: TcpStream, received: Arc<Mutex<Vec<Mail>>>, reply: Arc<Mutex<Option<String>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if !say(&mut write, "220 sink.test ESMTP").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8".to_owned(),
            "HELO" => "250 sink.test".to_owned(),
            "MAIL" => {
                from = address(&command);
                to.clear();
                "250 OK".to_owned()
            }
            "RCPT" => {
                to.push(address(&command));
                "250 OK".to_owned()
            }
            "DATA" => {
                if !say(&mut write, "354 End data with <CR><LF>.<CR><LF>").await {
                    return;
                }
                let mut data = Vec::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let text = line.trim_end_matches(['\r', '\n']);
                    if text == "." {
                        break;
                    }
                    data.push(text.strip_prefix('.').unwrap_or(text).to_owned());
                }
                let reject = reply.lock().unwrap().clone();
                match reject {
                    Some(reject) => reject,
                    None => {
                        let mail = Mail { mail_from: from.clone(), rcpt_to: to.clone(), data: data.join("\r\n") };
                        received.lock().unwrap().push(mail);
                        "250 OK queued".to_owned()
                    }
                }
            }
            "RSET" => {
                from.clear();
                to.clear();
                "250 OK".to_owned()
            }
            "NOOP" => "250 OK".to_owned(),
            "QUIT" => {
                say(&mut write, "221 Bye").await;
                return;
            }
            _ => "502 Command not implemented".to_owned(),
        };
        if !say(&mut write, &answer).await {
            return;
        }
    }
}

async fn say(w: &mut OwnedWriteHalf, text: &str) -> bool {
    w.write_all(format!("{text}\r\n").as_bytes()).await.is_ok()
}

/// `alice@x` from `MAIL FROM:<alice@x> BODY=8BITMIME`.
fn address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..].find('>').map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}

/// One request as the HTTP server received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// Path and query.
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn form(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(&self.body).into_owned().collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// An HTTP server that records every request and answers a configurable status.
pub struct HttpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Request>>>,
    status: Arc<AtomicU16>,
    task: JoinHandle<()>,
}

#[derive(Clone)]
struct HttpState {
    received: Arc<Mutex<Vec<Request>>>,
    status: Arc<AtomicU16>,
}

impl HttpSink {
    /// Answers `status` (with an empty JSON object) to every request.
    pub async fn start(status: u16) -> HttpSink {
        let state = HttpState { received: Arc::default(), status: Arc::new(AtomicU16::new(status)) };
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(record).with_state(state.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        HttpSink { addr, received: state.received, status: state.status, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn respond_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for HttpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record(State(state): State<HttpState>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    let path = uri.path_and_query().map_or_else(|| uri.path().to_owned(), |p| p.to_string());
    state.received.lock().unwrap().push(Request { method, path, headers, body });
    (StatusCode::from_u16(state.status.load(Ordering::SeqCst)).unwrap(), "{}")
}
