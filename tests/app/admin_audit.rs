//! The admin console's audit log, reports and inbox (SPEC §5), on SQLite and PostgreSQL: the
//! log's filters and its keyset paging, bad filters at their fields, the export (CSV and JSON,
//! escaping, every page, audited), the hash chain and three tamperings (function and command
//! line), the reports' figures and chart, the inbox, and every endpoint refused to visitors and
//! to non-administrators through the real router.

use crate::common::{PASSWORD, add_account, exec, make_admin, on_both, state, url_of};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crate::common::web::{app_post, encode, form_post, location, page, send, sign_in};
use sspr::view::admin::audit::{AuditRow, ChainState, DetailValue};
use sspr::view::admin::reports::CannotReset;
use sspr::domain::audit::{AuditQuery, EVENTS, PageAt};
use sspr::domain::directory::{PasswordSource, Role};
use sspr::domain::{AppError, Field, Problem, UserId};
use sspr::server::AppState;
use sspr::server::admin::{Admin, audit as log, inbox, reports};
use sspr::server::db::{self, Db, audit};
use std::process::{Command, Output, Stdio};

const ORIGIN: &str = "http://127.0.0.1:3000";
const ADMIN: &str = "admin@contoso.example";
const DAY: i64 = 86_400;
/// 2026-01-01T00:00:00Z.
const JAN_1: i64 = 1_767_225_600;

// ---- fixtures -----------------------------------------------------------------------------------

/// The administrator `id` as the server code sees it.
async fn admin_of(st: &AppState, id: i64) -> Admin {
    let mut c = st.db.acquire().await.unwrap();
    let account = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
    Admin { state: st.clone(), account, ip: Some("192.0.2.7".into()), locale: Default::default() }
}

/// Appends one entry about `account` (done by it) at `at`.
async fn entry(db: &Db, event: &str, account: Option<i64>, at: i64, detail: serde_json::Value) {
    let mut tx = db.begin().await.unwrap();
    let e = audit::Event { event, actor_id: account, account_id: account, ip: Some("192.0.2.1"), detail };
    audit::append(&mut tx, e, at).await.unwrap();
    tx.commit().await.unwrap();
}

/// Appends `n` entries of `event` about `account`, one second apart from `at`, in one go.
async fn entries(db: &Db, event: &str, account: Option<i64>, at: i64, n: i64) {
    let batch: Vec<_> = (0..n)
        .map(|i| (audit::Event { event, actor_id: account, account_id: account, ip: None, detail: serde_json::json!({ "n": i }) }, at + i))
        .collect();
    let mut tx = db.begin().await.unwrap();
    audit::append_many(&mut tx, &batch).await.unwrap();
    tx.commit().await.unwrap();
}

fn query(user_id: &str, event: &str, from: &str, to: &str) -> AuditQuery {
    let s = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    AuditQuery { user_id: s(user_id), event: s(event), from: s(from), to: s(to) }
}

/// The (time, id) of the newest page of entries that match `q`.
async fn listed(admin: &Admin, q: &AuditQuery) -> Vec<(i64, i64, String, Option<String>)> {
    let page = log::page(admin, q, PageAt::Newest).await.unwrap();
    page.rows.into_iter().map(|r| (r.at, r.id, r.event, r.account.and_then(|a| a.user_id))).collect()
}

async fn verdict(db: &Db) -> audit::Verdict {
    let mut c = db.acquire().await.unwrap();
    audit::verify(c.conn()).await.unwrap()
}

fn sspr(db: &Db, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sspr"))
        .args(args)
        .env("DATABASE_URL", url_of(db))
        .env("SSPR_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The records of a CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    records
}

// ---- the log's filters and pages ----------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_by_account_event_and_days_alone_and_combined() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin = admin_of(&st, make_admin(&db, ADMIN).await).await;
        let alice = add_account(&db, "alice@contoso.example", false).await;
        let bob = add_account(&db, "bob@contoso.example", false).await;
        // Ten days of January: Alice signs in at midnight, Bob's password is reset an hour later.
        for day in 0..10 {
            entry(&db, "sign_in", Some(alice), JAN_1 + day * DAY, serde_json::json!({})).await;
            entry(&db, "reset_completed", Some(bob), JAN_1 + day * DAY + 3600, serde_json::json!({ "methods": ["email"] })).await;
        }

        let by_alice = listed(&admin, &query("Alice@Contoso.example", "", "", "")).await;
        assert_eq!(by_alice.len(), 10);
        assert!(by_alice.iter().all(|(_, _, e, who)| e == "sign_in" && who.as_deref() == Some("alice@contoso.example")));
        assert!(by_alice.windows(2).all(|w| w[0].0 > w[1].0), "newest first");

        let resets = listed(&admin, &query("", "reset_completed", "", "")).await;
        assert_eq!(resets.len(), 10);
        assert!(resets.iter().all(|(_, _, _, who)| who.as_deref() == Some("bob@contoso.example")));

        // Both ends of a range are whole days, included.
        let third_and_fourth = listed(&admin, &query("", "", "2026-01-03", "2026-01-04")).await;
        assert_eq!(third_and_fourth.iter().map(|r| r.0).collect::<Vec<_>>(), [
            JAN_1 + 3 * DAY + 3600,
            JAN_1 + 3 * DAY,
            JAN_1 + 2 * DAY + 3600,
            JAN_1 + 2 * DAY
        ]);
        assert_eq!(listed(&admin, &query("", "", "", "2026-01-01")).await.len(), 2, "up to the first day");
        assert_eq!(listed(&admin, &query("", "", "2026-01-10", "")).await.len(), 2, "from the last day");

        let combined = listed(&admin, &query("alice@contoso.example", "sign_in", "2026-01-05", "2026-01-31")).await;
        assert_eq!(combined.len(), 6);
        assert!(listed(&admin, &query("bob@contoso.example", "sign_in", "", "")).await.is_empty());
        assert!(listed(&admin, &query("", "reset_completed", "2026-02-01", "")).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_follow_one_another_without_gaps_or_repeats_in_both_directions() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin = admin_of(&st, make_admin(&db, ADMIN).await).await;
        let alice = add_account(&db, "alice@contoso.example", false).await;
        // 120 entries, three at each second, so that pages end inside a group of equal times.
        let batch: Vec<_> = (0..120)
            .map(|i| (audit::Event { event: "sign_in", actor_id: Some(alice), account_id: Some(alice), ip: None, detail: serde_json::json!({}) }, JAN_1 + i / 3))
            .collect();
        let mut tx = db.begin().await.unwrap();
        audit::append_many(&mut tx, &batch).await.unwrap();
        tx.commit().await.unwrap();

        let q = query("alice@contoso.example", "", "", "");
        let mut seen = Vec::new();
        let mut pages = Vec::new();
        let mut at = PageAt::Newest;
        loop {
            let page = log::page(&admin, &q, at).await.unwrap();
            assert_eq!(page.newer.is_some(), !pages.is_empty(), "a newer page exactly after the first");
            seen.extend(page.rows.iter().map(|r| (r.at, r.id)));
            pages.push(page.clone());
            match page.older {
                Some(cursor) => at = PageAt::parse(Some(&cursor), None),
                None => break,
            }
        }
        assert_eq!(pages.iter().map(|p| p.rows.len()).collect::<Vec<_>>(), [50, 50, 20]);
        let mut expected = seen.clone();
        expected.sort_by(|a, b| b.cmp(a));
        expected.dedup();
        assert_eq!(seen, expected, "every entry once, newest first");
        assert_eq!(seen.len(), 120);

        // Back from the last page: the same pages again.
        let back = log::page(&admin, &q, PageAt::parse(None, pages[2].newer.as_deref())).await.unwrap();
        assert_eq!(back, pages[1]);
        let first = log::page(&admin, &q, PageAt::parse(None, back.newer.as_deref())).await.unwrap();
        assert_eq!(first.rows, pages[0].rows);
        assert_eq!(first.newer, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_filters_are_refused_at_their_field_on_the_page_and_the_endpoint() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin = admin_of(&st, make_admin(&db, ADMIN).await).await;
        let at = |field, problem| Err(AppError::field(field, problem));
        let cases = [
            (query("alice", "", "", ""), at(Field::UserId, Problem::NotAUserId)),
            (query("nobody@contoso.example", "", "", ""), at(Field::UserId, Problem::UnknownAccount)),
            (query("", "drop table audit_log", "", ""), at(Field::Event, Problem::NotAChoice)),
            (query("", "", "2026-02-30", ""), at(Field::From, Problem::NotADate)),
            (query("", "", "", "1/2/2026"), at(Field::To, Problem::NotADate)),
            (query("", "", "2026-02-02", "2026-02-01"), at(Field::To, Problem::DateOrder)),
        ];
        for (q, expected) in cases {
            assert_eq!(log::page(&admin, &q, PageAt::Newest).await.map(|_| ()), expected, "{q:?}");
        }

        let app = sspr::server::serve::router(st.clone());
        let cookie = sign_in(&app, ADMIN, PASSWORD).await;
        let (res, body) = send(&app, page("/api/admin_audit?from=2026-02-30", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains(r#""field":"from""#) && body.contains("not_a_date"), "{body}");

        // The page without JavaScript: the message at the field, the value kept.
        let (_, html) = send(&app, page("/admin/audit?user_id=nobody%40contoso.example&event=&from=&to=", Some(&cookie))).await;
        assert!(html.contains(r#"id="field-user_id-error""#) && html.contains("No account has this user ID."), "{html}");
        assert!(html.contains(r#"value="nobody@contoso.example""#));
        assert!(html.contains(r#"aria-invalid="true""#));
    })
    .await;
}

// ---- export -------------------------------------------------------------------------------------

#[test]
fn csv_cells_are_quoted_and_formulas_defused() {
    assert_eq!(log::csv_cell("plain"), "plain");
    assert_eq!(log::csv_cell("a,b"), "\"a,b\"");
    assert_eq!(log::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(log::csv_cell("two\nlines"), "\"two\nlines\"");
    for formula in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx"] {
        assert_eq!(log::csv_cell(formula), format!("'{formula}"));
    }
    assert_eq!(log::csv_cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_downloads_every_filtered_entry_escaped_and_is_audited() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin_id = make_admin(&db, ADMIN).await;
        // A user ID that a spreadsheet would run as a formula.
        let odd = add_account(&db, "=1+2@contoso.example", false).await;
        entries(&db, "sign_in", Some(odd), JAN_1, 1205).await;
        let note = "a \"quoted\", comma\nand a new line";
        entry(&db, "admin_contacted", Some(odd), JAN_1 + 5000, serde_json::json!({ "note": note })).await;
        let app = sspr::server::serve::router(st.clone());
        let cookie = sign_in(&app, ADMIN, PASSWORD).await;

        // As a browser asks for it: a download streams as it is read, never compressed (a
        // compressed attachment broke off in Chromium and curl).
        let mut request = page("/admin/audit/export?format=csv&user_id=%3D1%2B2%40contoso.example", Some(&cookie));
        request.headers_mut().insert(header::ACCEPT_ENCODING, "br, gzip".parse().unwrap());
        let (res, body) = send(&app, request).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        let disposition = res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"audit-log-") && disposition.ends_with(".csv\""), "{disposition}");
        let records = parse_csv(&body);
        assert_eq!(records[0], ["id", "time", "event", "actor", "account", "client_address", "detail", "hash"]);
        assert_eq!(records.len(), 1 + 1206, "every page, past the export's batches of 1000");
        assert_eq!(records[1][2], "admin_contacted", "newest first");
        assert_eq!(records[1][1], "2026-01-01T01:23:20Z");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&records[1][6]).unwrap()["note"], note);
        assert!(records[1..].iter().all(|r| r[4] == "'=1+2@contoso.example" && r.len() == 8));
        let ids: Vec<i64> = records[1..].iter().map(|r| r[0].parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "no entry twice");

        let (res, body) = send(&app, page("/admin/audit/export?format=json&event=admin_contacted", Some(&cookie))).await;
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
        let json: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(json.len(), 1);
        assert_eq!(json[0]["detail"]["note"], note);
        assert_eq!(json[0]["account"], "=1+2@contoso.example");
        assert_eq!(json[0]["time"], "2026-01-01T01:23:20Z");

        let (res, body) = send(&app, page("/admin/audit/export?format=json&from=2030-01-01", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&body).unwrap().len(), 0, "an empty array, still JSON");

        let (res, body) = send(&app, page("/admin/audit/export?format=csv&to=tomorrow", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body, "Enter a date as YYYY-MM-DD.");
        let (res, _) = send(&app, page("/admin/audit/export?format=xlsx", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);

        // Each export is in the log, with its filters.
        let exports = log::page(&admin_of(&st, admin_id).await, &query("", "audit_exported", "", ""), PageAt::Newest).await.unwrap();
        let details: Vec<String> = exports.rows.iter().map(recorded).collect();
        assert_eq!(details.len(), 3, "{details:?}");
        assert!(details[2].contains("format: csv") && details[2].contains("user_id: =1+2@contoso.example"), "{details:?}");
        assert!(details[1].contains("format: json") && details[1].contains("event: admin_contacted"), "{details:?}");
    })
    .await;
}

// ---- the hash chain -----------------------------------------------------------------------------

/// Five entries; the third is then tampered with by `sql`; the chain must break at `broken_at`.
async fn tampering_is_found(sql: &str, broken_at: i64) {
    on_both(|db| async move {
        for i in 0..5 {
            entry(&db, "sign_in", None, JAN_1 + i, serde_json::json!({ "i": i })).await;
        }
        assert_eq!(verdict(&db).await, audit::Verdict::Intact { entries: 5 });
        let ok = sspr(&db, &["audit", "verify"]);
        assert!(ok.status.success(), "{}", stderr(&ok));
        assert_eq!(stdout(&ok), "intact: 5 entries\n");

        assert_eq!(exec(&db, sql).await, 1);
        assert_eq!(verdict(&db).await, audit::Verdict::Broken { at_id: broken_at }, "{sql}");
        let broken = sspr(&db, &["audit", "verify"]);
        assert_eq!(broken.status.code(), Some(1));
        assert_eq!(stdout(&broken), format!("BROKEN at entry {broken_at}\n"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_detail_breaks_the_chain_at_that_entry() {
    tampering_is_found(r#"UPDATE audit_log SET detail = '{"i":7}' WHERE id = 3"#, 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_entry_breaks_the_chain_at_the_next_one() {
    tampering_is_found("DELETE FROM audit_log WHERE id = 3", 4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_time_breaks_the_chain_at_that_entry() {
    tampering_is_found("UPDATE audit_log SET at = at - 3600 WHERE id = 3", 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chain_is_walked_in_batches_and_its_state_shown_to_the_admin() {
    on_both(|db| async move {
        entries(&db, "sign_in", None, JAN_1, 2500).await;
        // One by one after many at once: the same chain.
        entry(&db, "sign_out", None, JAN_1 + 3000, serde_json::json!({})).await;
        assert_eq!(verdict(&db).await, audit::Verdict::Intact { entries: 2501 });

        let st = state(db.clone());
        make_admin(&db, ADMIN).await;
        let app = sspr::server::serve::router(st);
        let cookie = sign_in(&app, ADMIN, PASSWORD).await;
        let (_, html) = send(&app, page("/admin/audit?verify=1", Some(&cookie))).await;
        assert!(html.contains("The chain is intact: 2502 entries checked."), "the sign-in is chained too");

        exec(&db, "UPDATE audit_log SET ip = '203.0.113.9' WHERE id = 2100").await;
        let (res, body) = send(&app, page("/api/admin_audit_verify", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(serde_json::from_str::<ChainState>(&body).unwrap(), ChainState::Broken { at_id: 2100 });
        let (_, html) = send(&app, page("/admin/audit?verify=1", Some(&cookie))).await;
        assert!(html.contains("The chain is broken at entry 2100"), "{html}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_exports_with_filters_and_seeds_a_chained_log() {
    on_both(|db| async move {
        let seeded = sspr(&db, &["seed", "--accounts", "20", "--audit", "3000"]);
        assert!(seeded.status.success(), "{}", stderr(&seeded));
        assert!(stdout(&seeded).contains("3000 audit entries appended in"), "{}", stdout(&seeded));
        assert_eq!(verdict(&db).await, audit::Verdict::Intact { entries: 3000 });
        let mut c = db.acquire().await.unwrap();
        let (first, last): (i64, i64) = sspr::on!(c.conn(), c => sqlx::query_as("SELECT MIN(at), MAX(at) FROM audit_log").fetch_one(&mut *c).await).unwrap();
        let kinds: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(DISTINCT event) FROM audit_log").fetch_one(&mut *c).await).unwrap();
        drop(c);
        assert!(last - first > 59 * DAY && last <= db::now(), "spread over the last 60 days");
        assert!(kinds >= 10, "realistic events");

        let json = |args: &[&str]| {
            let out = sspr(&db, &[&["audit", "export", "--format", "json"][..], args].concat());
            assert!(out.status.success(), "{}", stderr(&out));
            serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out)).unwrap()
        };
        let about_seed3 = json(&["--account", "seed3@contoso.example"]);
        assert!(!about_seed3.is_empty() && about_seed3.iter().all(|r| r["account"] == "seed3@contoso.example"));
        let resets = json(&["--event", "reset_completed", "--from", &sspr::domain::time::format_date(first / DAY + 1)]);
        assert!(!resets.is_empty() && resets.iter().all(|r| r["event"] == "reset_completed" && r["at"].as_i64().unwrap() >= (first / DAY + 1) * DAY));

        let out = sspr(&db, &["audit", "export", "--from", "2000-01-01", "--to", "2000-01-31"]);
        assert_eq!(stdout(&out), "id,time,event,actor,account,client_address,detail,hash\r\n");
        let unknown = sspr(&db, &["audit", "export", "--account", "nobody@contoso.example"]);
        assert!(!unknown.status.success());
        assert!(stderr(&unknown).contains("--account: No account has this user ID."), "{}", stderr(&unknown));
        let bad_date = sspr(&db, &["audit", "export", "--to", "2026-02-30"]);
        assert!(stderr(&bad_date).contains("--to: Enter a date as YYYY-MM-DD."), "{}", stderr(&bad_date));
        // The three exports that ran are recorded, and the chain still holds.
        assert_eq!(verdict(&db).await, audit::Verdict::Intact { entries: 3003 });
    })
    .await;
}

// ---- reports ------------------------------------------------------------------------------------

async fn account(db: &Db, user_id: &str, source: PasswordSource, licensed: bool) -> i64 {
    let mut c = db.acquire().await.unwrap();
    let new = db::accounts::NewAccount {
        user_id: UserId::parse(user_id).unwrap(),
        display_name: "Report Test".into(),
        primary_email: format!("primary.{user_id}"),
        password_hash: "not used".into(),
        must_change_password: false,
        role: Role::User,
        password_source: source,
        licensed,
    };
    db::accounts::insert(c.conn(), &new).await.unwrap().unwrap()
}

async fn with_contact(db: &Db, id: i64, kind: &str, value: &str) {
    let mut c = db.acquire().await.unwrap();
    db::methods::set_verified(c.conn(), id, kind, value, db::now()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_count_coverage_by_method_resets_per_day_and_who_cannot_reset() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin_id = make_admin(&db, ADMIN).await;
        let id = |u: &str| format!("{u}@contoso.example");
        let both = account(&db, &id("both"), PasswordSource::Cloud, true).await;
        with_contact(&db, both, "auth_email", "both@home.example").await;
        with_contact(&db, both, "auth_phone", "+33612345678").await;
        let email = account(&db, &id("email"), PasswordSource::Cloud, true).await;
        with_contact(&db, email, "auth_email", "email@home.example").await;
        let office = account(&db, &id("office"), PasswordSource::Cloud, true).await;
        let none = account(&db, &id("none"), PasswordSource::Cloud, true).await;
        let questions = account(&db, &id("questions"), PasswordSource::Cloud, true).await;
        let on_premises = account(&db, &id("onprem"), PasswordSource::OnPremises, true).await;
        with_contact(&db, on_premises, "auth_email", "onprem@home.example").await;
        let unlicensed = account(&db, &id("unlicensed"), PasswordSource::Cloud, false).await;
        let disabled = account(&db, &id("disabled"), PasswordSource::Cloud, true).await;
        with_contact(&db, disabled, "auth_email", "disabled@home.example").await;
        let locked = account(&db, &id("locked"), PasswordSource::Cloud, true).await;
        with_contact(&db, locked, "auth_email", "locked@home.example").await;
        {
            let mut c = db.acquire().await.unwrap();
            db::accounts::set_office_phone(c.conn(), office, Some("+33123456789")).await.unwrap();
            let asked: Vec<(i64, String)> = db::questions::active(c.conn()).await.unwrap().iter().take(3).map(|q| (q.id, "hash".to_owned())).collect();
            db::methods::replace_answers(c.conn(), questions, &asked, db::now()).await.unwrap();
            db::accounts::lock_until(c.conn(), locked, db::now() + 3600).await.unwrap();
        }
        exec(&db, &format!("UPDATE accounts SET enabled = FALSE WHERE id = {disabled}")).await;

        // Resets and failures: today, three days ago, and 40 days ago (out of the chart).
        let now = db::now();
        for (event, at) in [
            ("reset_completed", now),
            ("reset_completed", now),
            ("reset_gate_failed", now),
            ("sign_in", now),
            ("reset_blocked", now - 3 * DAY),
            ("reset_completed", now - 40 * DAY),
        ] {
            entry(&db, event, Some(both), at, serde_json::json!({})).await;
        }

        let admin = admin_of(&st, admin_id).await;
        let r = reports::reports(&admin, 1).await.unwrap();
        let c = &r.coverage;
        // In scope: both, email, office, none, questions, locked and the administrator.
        assert_eq!((c.accounts, c.in_scope, c.registered), (10, 7, 4), "{c:?}");
        assert_eq!((c.auth_phone, c.auth_email, c.office_phone, c.questions), (1, 3, 1, 1), "{c:?}");

        let blocked: Vec<(String, CannotReset)> = r.blocked.iter().map(|b| (b.user_id.clone(), b.reason)).collect();
        assert_eq!(blocked, [
            (id("admin"), CannotReset::NotRegistered),
            (id("disabled"), CannotReset::Disabled),
            (id("locked"), CannotReset::Locked),
            (id("none"), CannotReset::NotRegistered),
            (id("onprem"), CannotReset::OnPremises),
            (id("questions"), CannotReset::NotRegistered),
            (id("unlicensed"), CannotReset::NotEnabled),
        ]);
        assert_eq!((r.blocked_total, r.page, r.pages), (7, 1, 1));
        assert_eq!(reports::reports(&admin, 9).await.unwrap().page, 1, "a page past the end shows the last");
        assert!(r.blocked.iter().any(|b| b.id == none && b.display_name == "Report Test"));

        assert_eq!(r.days.len(), 30);
        let today = now.div_euclid(DAY);
        assert_eq!(r.days[29].day, today);
        assert_eq!((r.days[29].resets, r.days[29].failures), (2, 1));
        assert_eq!((r.days[26].resets, r.days[26].failures), (0, 1));
        assert_eq!(r.days.iter().map(|d| d.resets + d.failures).sum::<i64>(), 4);
        let _ = (unlicensed, questions);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chart_is_an_svg_drawn_on_the_server_with_the_figures_beside_it() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin = make_admin(&db, ADMIN).await;
        entry(&db, "reset_completed", Some(admin), db::now(), serde_json::json!({})).await;
        let app = sspr::server::serve::router(st);
        let cookie = sign_in(&app, ADMIN, PASSWORD).await;

        let (res, svg) = send(&app, page("/admin/reports/chart.svg", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml; charset=utf-8");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(r#"<title id="chart-title">Password resets and failures per day</title>"#));
        assert!(svg.contains("<desc id=\"chart-desc\">From ") && svg.contains(": 1 password reset and 0 failures in all"), "{svg}");
        assert_eq!(svg.matches("<rect x=").count(), 2 + 60, "the legend, then two bars a day");
        assert!(!svg.contains("<script") && !svg.contains("style="));

        let french = Request::get("/admin/reports/chart.svg").header(header::COOKIE, format!("{cookie}; sspr_lang=fr")).body(Body::empty()).unwrap();
        let (_, svg) = send(&app, french).await;
        assert!(svg.contains("Réinitialisations de mot de passe et échecs par jour"));

        let (_, html) = send(&app, page("/admin/reports", Some(&cookie))).await;
        assert!(html.contains(r#"<img src="/admin/reports/chart.svg" alt="Bar chart of the password resets"#), "{html}");
        assert!(html.contains("<caption>Resets and failures per day (UTC)</caption>"), "{html}");
        assert!(html.contains(&format!(r#"href="/admin/accounts/{admin}""#)), "the administrator, not registered, is listed");
    })
    .await;
}

// ---- inbox --------------------------------------------------------------------------------------

async fn request(db: &Db, account: Option<i64>, user_id: &str, reason: &str, at: i64) -> i64 {
    let mut c = db.acquire().await.unwrap();
    db::admin_requests::insert(c.conn(), account, user_id, reason, at).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_lists_open_requests_first_and_marks_each_handled_once_with_a_note() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin = admin_of(&st, make_admin(&db, ADMIN).await).await;
        let alice = add_account(&db, "alice@contoso.example", false).await;
        let unknown = request(&db, None, "nobody@contoso.example", "not_registered", JAN_1).await;
        let not_enabled = request(&db, Some(alice), "alice@contoso.example", "not_enabled", JAN_1 + 10).await;
        let not_me = request(&db, Some(alice), "alice@contoso.example", "not_me:password_reset", JAN_1 + 5).await;

        let d = inbox::list(&admin, 1, 1, Some(not_me)).await.unwrap();
        assert_eq!(d.open.iter().map(|r| r.id).collect::<Vec<_>>(), [unknown, not_me, not_enabled], "oldest first");
        assert_eq!((d.open_total, d.handled_total, d.open_pages), (3, 0, 1));
        assert_eq!(d.selected.map(|r| r.reason), Some("not_me:password_reset".to_owned()));

        let at_note = |problem| Err(AppError::field(Field::Note, problem));
        assert_eq!(inbox::handle(&admin, unknown, "  \n ").await, at_note(Problem::Required));
        assert_eq!(inbox::handle(&admin, unknown, &"x".repeat(1001)).await, at_note(Problem::TooLong { max: 1000 }));
        assert_eq!(inbox::handle(&admin, 9999, "done").await, Err(AppError::NotFound));
        inbox::handle(&admin, not_me, &"é".repeat(1000)).await.unwrap();
        // Handled an hour ago, so that the order of the handled list does not rest on a tie.
        exec(&db, &format!("UPDATE admin_requests SET handled_at = handled_at - 3600 WHERE id = {not_me}")).await;
        inbox::handle(&admin, unknown, "  Called them back: a typo in the user ID.  ").await.unwrap();
        assert_eq!(inbox::handle(&admin, unknown, "again").await, Err(AppError::Conflict), "not twice");

        let d = inbox::list(&admin, 1, 1, Some(unknown)).await.unwrap();
        assert_eq!(d.open.iter().map(|r| r.id).collect::<Vec<_>>(), [not_enabled]);
        assert_eq!(d.handled.iter().map(|r| r.id).collect::<Vec<_>>(), [unknown, not_me], "last handled first");
        let handled = d.handled[0].handled.clone().unwrap();
        assert_eq!((handled.by.as_deref(), handled.note.as_str()), (Some(ADMIN), "Called them back: a typo in the user ID."));
        assert_eq!(d.selected, None, "a handled request has no form");

        let log = log::page(&admin, &query("", "request_handled", "", ""), PageAt::Newest).await.unwrap();
        assert_eq!(log.rows.len(), 2);
        let detail = recorded(&log.rows[0]);
        assert!(detail.contains("note: Called them back") && detail.contains("reason: not_registered"), "{detail}");
        assert_eq!(log.rows[1].account.as_ref().map(|a| a.id), Some(alice));
        assert_eq!(log.rows[0].actor.as_ref().and_then(|a| a.user_id.as_deref()), Some(ADMIN));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marking_handled_works_as_a_plain_form_post_and_errors_come_back_to_the_request() {
    on_both(|db| async move {
        let st = state(db.clone());
        make_admin(&db, ADMIN).await;
        let id = request(&db, None, "nobody@contoso.example", "not_enabled", JAN_1).await;
        let app = sspr::server::serve::router(st);
        let cookie = sign_in(&app, ADMIN, PASSWORD).await;

        let (_, html) = send(&app, page("/admin/inbox", Some(&cookie))).await;
        assert!(html.contains("Account not enabled for password reset") && html.contains("nobody@contoso.example (no such account)"));
        assert!(html.contains(&format!(r#"href="/admin/inbox?request={id}""#)));

        let post = |note: &str| form_post("/api/admin_handle_request", &encode(&[("request", &id.to_string()), ("note", note)]), ORIGIN, Some(&cookie));
        let (res, _) = send(&app, post("")).await;
        assert_eq!(res.status(), StatusCode::FOUND);
        let back = location(&res);
        assert!(back.starts_with(&format!("/admin/inbox?request={id}&error=")), "{back}");
        let (_, html) = send(&app, page(&back, Some(&cookie))).await;
        assert!(html.contains(r#"id="field-note-error""#) && html.contains(r#"aria-invalid="true""#), "{html}");

        let (res, _) = send(&app, post("Account enabled by the help desk.")).await;
        assert_eq!(location(&res), "/admin/inbox?done=handled");
        let (_, html) = send(&app, page("/admin/inbox?done=handled", Some(&cookie))).await;
        assert!(html.contains("The request is marked handled.") && html.contains("Account enabled by the help desk."));
        let (res, _) = send(&app, post("Twice.")).await;
        assert!(location(&res).contains("error="), "a second time is refused");
    })
    .await;
}

// ---- every endpoint, refused ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_refuses_visitors_and_non_administrators() {
    on_both(|db| async move {
        let st = state(db.clone());
        make_admin(&db, ADMIN).await;
        add_account(&db, "alice@contoso.example", false).await;
        let id = request(&db, None, "nobody@contoso.example", "not_enabled", JAN_1).await;
        let app = sspr::server::serve::router(st);
        let user = sign_in(&app, "alice@contoso.example", PASSWORD).await;
        let admin = sign_in(&app, ADMIN, PASSWORD).await;
        let handle = encode(&[("request", &id.to_string()), ("note", "done")]);
        let endpoints: [(&str, Option<&str>); 9] = [
            ("/api/admin_audit", None),
            ("/api/admin_audit?event=sign_in&from=2026-01-01", None),
            ("/api/admin_audit_verify", None),
            ("/api/admin_reports?page=1", None),
            ("/api/admin_inbox", None),
            ("/api/admin_handle_request", Some(&handle)),
            ("/admin/audit/export?format=csv", None),
            ("/admin/audit/export?format=json", None),
            ("/admin/reports/chart.svg", None),
        ];
        let request = |path: &str, body: Option<&str>, cookie: Option<&str>| match body {
            Some(body) => app_post(path, body, cookie),
            None => page(path, cookie),
        };
        for (path, body) in endpoints {
            let (res, text) = send(&app, request(path, body, None)).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "visitor: {path}");
            assert!(!text.contains("nobody@") && !text.contains("<svg"), "visitor: {path}");
            let (res, text) = send(&app, request(path, body, Some(&user))).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "non-admin: {path}");
            assert!(!text.contains("nobody@") && !text.contains("<svg"), "non-admin: {path}");
        }
        let mut c = db.acquire().await.unwrap();
        assert!(db::admin_requests::find(c.conn(), id).await.unwrap().unwrap().handled_at.is_none(), "nothing handled");
        let exports: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'audit_exported'").fetch_one(&mut *c).await).unwrap();
        assert_eq!(exports, 0, "nothing exported");
        drop(c);
        for (path, body) in endpoints {
            let (res, _) = send(&app, request(path, body, Some(&admin))).await;
            assert_eq!(res.status(), StatusCode::OK, "admin: {path}");
        }
    })
    .await;
}

// ---- words for every event and reason ------------------------------------------------------------

#[test]
fn every_event_and_request_reason_reads_in_both_languages() {
    use sspr::i18n::Locale;
    use sspr::server::messages::Notice;
    let not_me = [Notice::PasswordReset, Notice::Unlocked, Notice::PasswordChanged].map(|n| format!("not_me:{}", n.as_str()));
    let reasons = ["not_enabled", "not_registered", "strict"].into_iter().map(str::to_owned).chain(not_me);
    let reasons: Vec<String> = reasons.collect();
    for l in Locale::ALL {
        let t = l.texts();
        for e in EVENTS {
            assert!((t.audit_event)(e).is_some(), "{e} in {l:?}");
        }
        for r in &reasons {
            assert!((t.inbox_reason)(r).is_some(), "{r} in {l:?}");
        }
    }
    assert_ne!((Locale::En.texts().audit_event)("sign_in"), (Locale::Fr.texts().audit_event)("sign_in"));
}

// ---- indexes and timings ------------------------------------------------------------------------

/// Every filter combination the page offers, with the cursor of a later page.
fn combinations(account: i64) -> Vec<(&'static str, audit::Filter)> {
    let f = |account_id: Option<i64>, event: Option<&str>, since: Option<i64>, until: Option<i64>| audit::Filter {
        account_id,
        event: event.map(str::to_owned),
        since,
        until,
    };
    let now = db::now();
    vec![
        ("no filter", f(None, None, None, None)),
        ("account", f(Some(account), None, None, None)),
        ("event (common)", f(None, Some("sign_in"), None, None)),
        ("event (rare)", f(None, Some("reset_blocked"), None, None)),
        ("one day", f(None, None, Some(now - 30 * DAY), Some(now - 29 * DAY))),
        ("30 days", f(None, None, Some(now - 30 * DAY), None)),
        ("account + event", f(Some(account), Some("sign_in"), None, None)),
        ("account + days", f(Some(account), None, Some(now - 30 * DAY), Some(now))),
        ("event + days", f(None, Some("reset_completed"), Some(now - 10 * DAY), Some(now - 3 * DAY))),
        ("all four", f(Some(account), Some("sign_in"), Some(now - 50 * DAY), Some(now))),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_combination_reads_an_index_without_sorting_on_sqlite() {
    let db = crate::common::sqlite().await;
    let cursor = sspr::domain::audit::Cursor { at: db::now(), id: 1_000_000 };
    for (name, filter) in combinations(1) {
        for at in [PageAt::Newest, PageAt::Before(cursor), PageAt::After(cursor)] {
            let mut c = db.acquire().await.unwrap();
            let plan = audit::page_plan(c.conn(), &filter, at).await.unwrap().join(" / ");
            assert!(!plan.contains("TEMP B-TREE") && plan.contains("INDEX audit_log_"), "{name} {at:?}: {plan}");
            if filter.account_id.is_some() {
                assert!(plan.contains("INDEX audit_log_account_at"), "{name} {at:?}: the account's own index: {plan}");
            }
        }
    }
}

fn median_ms(mut times: Vec<std::time::Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// `cargo test --features ssr --test admin_audit -- --ignored --nocapture`: seeds 10,000
/// accounts and 100,000 audit entries, then prints how long the console's queries take with
/// each filter (median of 5 runs), the export, the chain's verification and the reports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: seeds 100,000 audit entries and prints timings"]
async fn audit_console_timings_at_100000_entries() {
    use std::time::Instant;
    on_both(|db| async move {
        let backend = db.backend();
        let started = Instant::now();
        sspr::server::seed::accounts(&db, 10_000).await.unwrap();
        let accounts = started.elapsed();
        let started = Instant::now();
        sspr::server::seed::audit(&db, 100_000).await.unwrap();
        println!("[{backend}] seeded 10,000 accounts in {:.1} s, 100,000 audit entries in {:.1} s", accounts.as_secs_f64(), started.elapsed().as_secs_f64());
        if let Db::Postgres(pool) = &db {
            sqlx::query("ANALYZE").execute(pool).await.unwrap();
        }
        let st = state(db.clone());
        let admin = admin_of(&st, make_admin(&db, ADMIN).await).await;
        let account = {
            let mut c = db.acquire().await.unwrap();
            db::accounts::find_by_user_id(c.conn(), &UserId::parse("seed42@contoso.example").unwrap()).await.unwrap().unwrap().id
        };
        for (name, filter) in combinations(account) {
            let mut first = Vec::new();
            let mut deeper = Vec::new();
            let mut found = 0;
            for _ in 0..5 {
                let mut c = db.acquire().await.unwrap();
                let t = Instant::now();
                let rows = audit::page(c.conn(), &filter, PageAt::Newest, 50).await.unwrap();
                first.push(t.elapsed());
                found = rows.len();
                if let Some(last) = rows.last() {
                    let t = Instant::now();
                    audit::page(c.conn(), &filter, PageAt::Before(sspr::domain::audit::Cursor { at: last.at, id: last.id }), 50).await.unwrap();
                    deeper.push(t.elapsed());
                }
            }
            let deeper = if deeper.is_empty() { "-".to_owned() } else { format!("{:.2} ms", median_ms(deeper)) };
            let mut c = db.acquire().await.unwrap();
            let plan = audit::page_plan(c.conn(), &filter, PageAt::Newest).await.unwrap().join(" / ");
            println!("[{backend}] {name:<16} first page {:>7.2} ms, next page {deeper:>9} ({found} rows) plan: {plan}", median_ms(first));
        }
        let t = Instant::now();
        let page = log::page(&admin, &AuditQuery::default(), PageAt::Newest).await.unwrap();
        println!("[{backend}] the console's page with its pager: {:.2} ms ({} rows)", t.elapsed().as_secs_f64() * 1000.0, page.rows.len());

        let t = Instant::now();
        let mut export = log::Export::new(db.clone(), audit::Filter::default(), log::Format::Csv);
        let mut bytes = 0;
        while let Some(chunk) = export.next_chunk().await.unwrap() {
            bytes += chunk.len();
        }
        println!("[{backend}] CSV export of every entry: {:.2} s, {} MB", t.elapsed().as_secs_f64(), bytes / 1_000_000);
        let t = Instant::now();
        let v = verdict(&db).await;
        println!("[{backend}] chain verification: {:.2} s ({v:?})", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let r = reports::reports(&admin, 1).await.unwrap();
        println!("[{backend}] reports (coverage, 30 days, cannot reset): {:.0} ms ({} accounts)", t.elapsed().as_secs_f64() * 1000.0, r.coverage.accounts);
        assert!(matches!(v, audit::Verdict::Intact { .. }));
    })
    .await;
}

/// An entry's detail as recorded, `key: value, …` (codes as codes; the page puts them into words).
fn recorded(row: &AuditRow) -> String {
    let value = |v: &DetailValue| match v {
        DetailValue::Code(s) | DetailValue::Text(s) => s.clone(),
        DetailValue::Yes => "true".into(),
        DetailValue::No => "false".into(),
    };
    row.detail.iter().map(|f| format!("{}: {}", f.key, f.values.iter().map(value).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>().join(", ")
}

#[tokio::test]
async fn the_log_gives_each_detail_field_with_its_codes_marked_for_words_and_typed_text_as_text() {
    on_both(|db| async move {
        let st = state(db.clone());
        let admin_id = add_account(&db, ADMIN, false).await;
        exec(&db, &format!("UPDATE accounts SET role = 'admin' WHERE id = {admin_id}")).await;
        let detail = serde_json::json!({ "methods": ["office_phone", "auth_email"], "proof_of_work": true, "name": "admin", "sessions_ended": 2 });
        entry(&db, "reset_completed", Some(admin_id), 1_700_000_000, detail).await;
        let log = log::page(&admin_of(&st, admin_id).await, &query("", "reset_completed", "", ""), PageAt::Newest).await.unwrap();
        let fields: Vec<(&str, &[DetailValue])> = log.rows[0].detail.iter().map(|f| (f.key.as_str(), f.values.as_slice())).collect();
        assert_eq!(
            fields,
            [
                ("methods", &[DetailValue::Code("office_phone".into()), DetailValue::Code("auth_email".into())][..]),
                ("name", &[DetailValue::Text("admin".into())][..]),
                ("proof_of_work", &[DetailValue::Yes][..]),
                ("sessions_ended", &[DetailValue::Text("2".into())][..]),
            ]
        );
    })
    .await;
}
