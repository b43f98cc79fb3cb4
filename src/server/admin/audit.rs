//! The audit log in the console: a filtered page of entries, the state of the hash chain, and
//! the export of every filtered entry as CSV or JSON, streamed page by page from a plain GET
//! route and itself audited. The command line's `sspr audit export` writes the same export.

use super::{Admin, admin_of, record};
use crate::view::admin::audit::{AuditLogPage, AuditRow, ChainState, DetailField, DetailValue, Named};
use crate::domain::audit::{AuditFilter, AuditQuery, Cursor, PageAt};
use crate::domain::time::format_rfc3339;
use crate::domain::{AppError, Field, Problem};
use crate::server::db::audit::{self, Filter, Listed, Verdict};
use crate::server::db::{self, Conn, Db};
use crate::server::{AppState, locale};
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

/// Entries per page of the console.
pub const PAGE: i64 = 50;
/// Entries read per query while exporting: the export never holds the whole log.
const EXPORT_BATCH: i64 = 1000;

/// The filters resolved for the database: the account's id for the user ID typed, or
/// `UnknownAccount` at the field when no account has it.
pub async fn resolve(conn: Conn<'_>, filter: &AuditFilter) -> Result<Filter, AppError> {
    let account_id = match &filter.user_id {
        None => None,
        Some(user_id) => {
            let account = db::accounts::find_by_user_id(conn, user_id).await?;
            Some(account.ok_or(AppError::field(Field::UserId, Problem::UnknownAccount))?.id)
        }
    };
    Ok(Filter { account_id, event: filter.event.map(str::to_owned), since: filter.since(), until: filter.until() })
}

/// One page of the entries that match `query`, with the cursors of the pages around it.
pub async fn page(admin: &Admin, query: &AuditQuery, at: PageAt) -> Result<AuditLogPage, AppError> {
    let filter = AuditFilter::parse(query)?;
    let mut c = admin.state.db.acquire().await?;
    let filter = resolve(c.conn(), &filter).await?;
    let rows = audit::page(c.conn(), &filter, at, PAGE).await?;
    let (newer, older) = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) => {
            let (first, last) = (Cursor { at: first.at, id: first.id }, Cursor { at: last.at, id: last.id });
            let newer = audit::any_beyond(c.conn(), &filter, first, false).await?.then(|| first.to_string());
            let older = audit::any_beyond(c.conn(), &filter, last, true).await?.then(|| last.to_string());
            (newer, older)
        }
        _ => (None, None),
    };
    Ok(AuditLogPage { rows: rows.into_iter().map(row).collect(), newer, older })
}

fn named(id: Option<i64>, user_id: Option<String>) -> Option<Named> {
    id.map(|id| Named { id, user_id })
}

fn row(e: Listed) -> AuditRow {
    AuditRow {
        id: e.id,
        at: e.at,
        actor: named(e.actor_id, e.actor),
        account: named(e.account_id, e.account),
        ip: e.ip,
        detail: detail_fields(&e.detail),
        event: e.event,
    }
}

/// The fields of an entry's JSON detail, in their stored order. The values of the fields that
/// hold codes ([`CODE_FIELDS`]) are codes; everything else is shown as written.
pub fn detail_fields(detail: &str) -> Vec<DetailField> {
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(serde_json::Value::Object(fields)) => fields
            .iter()
            .map(|(key, v)| {
                let coded = CODE_FIELDS.contains(&key.as_str());
                let values = match v {
                    serde_json::Value::Array(items) => items.iter().map(|i| detail_value(i, coded)).collect(),
                    one => vec![detail_value(one, coded)],
                };
                DetailField { key: key.clone(), values }
            })
            .collect(),
        _ if detail.is_empty() => Vec::new(),
        _ => vec![DetailField { key: String::new(), values: vec![DetailValue::Text(detail.to_owned())] }],
    }
}

/// The detail fields whose values are codes of the product (methods, steps, channels, roles,
/// reasons), never text that a person typed: only these are put into words, so that a group
/// called "admin" stays "admin".
const CODE_FIELDS: [&str; 14] = ["method", "methods", "gate", "channel", "role", "why", "outcome", "reason", "reported", "by", "via", "flow", "while", "changed"];

fn detail_value(v: &serde_json::Value, coded: bool) -> DetailValue {
    match v {
        serde_json::Value::Bool(true) => DetailValue::Yes,
        serde_json::Value::Bool(false) => DetailValue::No,
        serde_json::Value::String(s) if coded => DetailValue::Code(s.clone()),
        serde_json::Value::String(s) => DetailValue::Text(s.clone()),
        other => DetailValue::Text(other.to_string()),
    }
}

/// Walks the whole chain (see [`audit::verify`]).
pub async fn chain(admin: &Admin) -> Result<ChainState, AppError> {
    let mut c = admin.state.db.acquire().await?;
    Ok(match audit::verify(c.conn()).await? {
        Verdict::Intact { entries } => ChainState::Intact { entries },
        Verdict::Broken { at_id } => ChainState::Broken { at_id },
    })
}

// ---- export -------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

const CSV_HEADER: &str = "id,time,event,actor,account,client_address,detail,hash\r\n";

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; a cell that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets
/// a leading `'`.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// A user ID, or `#id` for an account that is gone.
fn who(id: Option<i64>, user_id: &Option<String>) -> String {
    match (id, user_id) {
        (_, Some(u)) => u.clone(),
        (Some(id), None) => format!("#{id}"),
        (None, None) => String::new(),
    }
}

fn csv_line(e: &Listed) -> String {
    let cells = [
        e.id.to_string(),
        format_rfc3339(e.at),
        e.event.clone(),
        who(e.actor_id, &e.actor),
        who(e.account_id, &e.account),
        e.ip.clone().unwrap_or_default(),
        e.detail.clone(),
        e.hash.clone(),
    ];
    let mut line = cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

fn json_object(e: &Listed) -> String {
    let detail = serde_json::from_str::<serde_json::Value>(&e.detail).unwrap_or_else(|_| serde_json::Value::String(e.detail.clone()));
    serde_json::json!({
        "id": e.id,
        "time": format_rfc3339(e.at),
        "at": e.at,
        "event": e.event,
        "actor_id": e.actor_id,
        "actor": e.actor,
        "account_id": e.account_id,
        "account": e.account,
        "client_address": e.ip,
        "detail": detail,
        "hash": e.hash,
    })
    .to_string()
}

/// The export of every entry that matches a filter, newest first, produced a batch at a time:
/// each call to [`Export::next_chunk`] reads one batch and returns its text.
pub struct Export {
    db: Db,
    filter: Filter,
    format: Format,
    at: PageAt,
    started: bool,
    done: bool,
}

impl Export {
    pub fn new(db: Db, filter: Filter, format: Format) -> Self {
        Export { db, filter, format, at: PageAt::Newest, started: false, done: false }
    }

    /// The next piece of the file, or `None` at its end.
    pub async fn next_chunk(&mut self) -> Result<Option<String>, sqlx::Error> {
        if self.done {
            return Ok(None);
        }
        let rows = {
            let mut c = self.db.acquire().await?;
            audit::page(c.conn(), &self.filter, self.at, EXPORT_BATCH).await?
        };
        let mut out = String::new();
        if !self.started {
            out.push_str(match self.format {
                Format::Csv => CSV_HEADER,
                Format::Json => "[",
            });
        }
        for e in &rows {
            match self.format {
                Format::Csv => out.push_str(&csv_line(e)),
                Format::Json => {
                    out.push_str(if self.started { ",\n" } else { "\n" });
                    out.push_str(&json_object(e));
                }
            }
            self.started = true;
        }
        self.started = true;
        match rows.last() {
            Some(last) if rows.len() as i64 == EXPORT_BATCH => self.at = PageAt::Before(Cursor { at: last.at, id: last.id }),
            _ => {
                self.done = true;
                if self.format == Format::Json {
                    out.push_str("\n]\n");
                }
            }
        }
        Ok(Some(out))
    }
}

/// The filters of an export as the audit log records them: those given, and the format.
fn filters_detail(query: &AuditQuery, format: Format) -> serde_json::Value {
    let mut detail = serde_json::Map::new();
    detail.insert("format".into(), format.as_str().into());
    for (name, value) in [("user_id", &query.user_id), ("event", &query.event), ("from", &query.from), ("to", &query.to)] {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            detail.insert(name.into(), v.into());
        }
    }
    detail.into()
}

/// Starts an export for an administrator: checks the filters and records `audit_exported`.
pub async fn start_export(admin: &Admin, query: &AuditQuery, format: Format) -> Result<Export, AppError> {
    let filter = AuditFilter::parse(query)?;
    let filter = {
        let mut c = admin.state.db.acquire().await?;
        resolve(c.conn(), &filter).await?
    };
    let mut tx = admin.state.db.begin().await?;
    // About no account: the export is the administrator's act; the filters are in the detail.
    record(&mut tx, admin, "audit_exported", None, filters_detail(query, format)).await?;
    tx.commit().await?;
    Ok(Export::new(admin.state.db.clone(), filter, format))
}

/// The same export from the command line (no administrator behind it: the entry says so).
pub async fn start_cli_export(db: &Db, query: &AuditQuery, format: Format) -> Result<Export, AppError> {
    let filter = AuditFilter::parse(query)?;
    let mut tx = db.begin().await?;
    let resolved = resolve(tx.conn(), &filter).await?;
    let mut detail = filters_detail(query, format);
    detail["via"] = "command line".into();
    let entry = audit::Event { event: "audit_exported", actor_id: None, account_id: None, ip: None, detail };
    audit::append(&mut tx, entry, db::now()).await?;
    tx.commit().await?;
    Ok(Export::new(db.clone(), resolved, format))
}

// ---- plain GET routes ---------------------------------------------------------------------------

/// The routes of the console that are not pages: the export and the reports' chart.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/audit/export", get(export))
        .route("/admin/reports/chart.svg", get(super::reports::chart))
}

/// The administrator behind a plain request (not a server function): the same check as
/// `api::support::admin`, with the client's address and language read from `parts`.
pub async fn admin_of_request(state: &AppState, parts: &Parts) -> Result<Admin, AppError> {
    let ip = crate::server::security::client_ip(parts, state.config.trust_forwarded_for);
    admin_of(state, &parts.headers, ip, locale::detect(parts.uri.query(), &parts.headers)).await
}

/// A refusal as a plain response: its status and its message in the request's language.
pub fn refusal(e: &AppError, parts: &Parts) -> Response {
    let texts = locale::detect(parts.uri.query(), &parts.headers).texts();
    let mut res = (crate::server::errors::status_of(e), [(CONTENT_TYPE, "text/plain; charset=utf-8")], texts.error(e)).into_response();
    if let Some(v) = crate::server::errors::retry_after(e) {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    res
}

/// The export's query string: its format and the log's filters.
#[derive(Debug, Deserialize)]
struct ExportParams {
    format: Option<String>,
    user_id: Option<String>,
    event: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// `GET /admin/audit/export?format=csv|json&user_id=…&event=…&from=…&to=…`: a download of
/// every entry that matches, streamed a batch at a time.
async fn export(State(state): State<AppState>, Query(params): Query<ExportParams>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let admin = match admin_of_request(&state, &parts).await {
        Ok(admin) => admin,
        Err(e) => return refusal(&e, &parts),
    };
    let Some(format) = Format::parse(params.format.as_deref().unwrap_or("csv")) else {
        return (StatusCode::BAD_REQUEST, "format must be csv or json").into_response();
    };
    let query = AuditQuery { user_id: params.user_id, event: params.event, from: params.from, to: params.to };
    let export = match start_export(&admin, &query, format).await {
        Ok(export) => export,
        Err(e) => return refusal(&e, &parts),
    };
    let format = export.format;
    let stream = futures_util::stream::unfold(export, |mut export| async move {
        match export.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok::<_, sqlx::Error>(chunk), export)),
            Ok(None) => None,
            Err(e) => {
                // The download is cut short; the client sees an incomplete file.
                tracing::error!(error = %e, "audit export failed");
                Some((Err(e), Export { done: true, ..export }))
            }
        }
    });
    let name = format!("audit-log-{}.{}", db::now(), format.as_str());
    (
        [
            (CONTENT_TYPE, format.content_type().to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
