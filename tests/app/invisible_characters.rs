//! Texts that one person writes and another reads refuse direction overrides and invisible
//! characters (U+202E here), at their field, and change nothing: an account's edit and a CSV
//! import through the real router, a group, a custom question, an inbox note, and the command
//! line's `user add` and `user import`. On SQLite and PostgreSQL.

use crate::common::{PASSWORD, add_account, count, on_both, state, url_of};
use axum::http::StatusCode;
use crate::common::web::{app_post, encode, send, sign_in};
use sspr::domain::{AppError, Field, Problem};
use sspr::i18n::Locale;
use sspr::server::admin::{Admin, groups, inbox, questions};
use sspr::server::db::{self, Db};
use std::process::Command;

/// "Anne" followed by a right-to-left override: shown as "Annejpg.exe".
const SPOOFED: &str = "Anne\u{202E}exe.gpj";

/// Every row that a refused text could have added or changed, as one comparable value.
async fn snapshot(db: &Db) -> Vec<String> {
    let mut c = db.acquire().await.unwrap();
    let accounts: Vec<(String, String)> =
        sspr::on!(c.conn(), c => sqlx::query_as("SELECT user_id, display_name FROM accounts ORDER BY id").fetch_all(&mut *c).await).unwrap();
    let groups: Vec<(String, String)> =
        sspr::on!(c.conn(), c => sqlx::query_as("SELECT name, description FROM groups ORDER BY id").fetch_all(&mut *c).await).unwrap();
    drop(c);
    vec![
        format!("{accounts:?}"),
        format!("{groups:?}"),
        count(db, "SELECT COUNT(*) FROM questions").await.to_string(),
        count(db, "SELECT COUNT(*) FROM admin_requests WHERE handled_at IS NOT NULL").await.to_string(),
        count(db, "SELECT COUNT(*) FROM audit_log WHERE event NOT IN ('sign_in', 'sign_in_failed')").await.to_string(),
    ]
}

async fn make_admin(s: &sspr::server::AppState, user_id: &str) -> Admin {
    let id = add_account(&s.db, user_id, false).await;
    let mut c = s.db.acquire().await.unwrap();
    db::accounts::set_role(c.conn(), id, sspr::domain::directory::Role::Admin).await.unwrap();
    let account = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
    Admin { state: s.clone(), account, ip: Some("192.0.2.1".into()), locale: Locale::En }
}

fn invisible(field: Field) -> AppError {
    AppError::field(field, Problem::InvisibleCharacter)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_refuses_a_spoofed_name_in_an_edit_and_in_an_import() {
    on_both(|db| async move {
        let s = state(db.clone());
        make_admin(&s, "admin@contoso.example").await;
        let bob = add_account(&db, "bob@contoso.example", false).await;
        let app = sspr::server::serve::router(s);
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        let before = snapshot(&db).await;

        let bob = bob.to_string();
        let edit = encode(&[
            ("id", bob.as_str()),
            ("display_name", SPOOFED),
            ("primary_email", "bob@contoso.example"),
            ("office_phone", ""),
            ("role", "user"),
            ("password_source", "cloud"),
            ("enabled", "on"),
        ]);
        let (res, body) = send(&app, app_post("/api/admin_update_account", &edit, Some(&admin))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(serde_json::from_str::<AppError>(&body).unwrap(), invisible(Field::DisplayName), "{body}");
        assert_eq!(snapshot(&db).await, before, "a refused edit changes nothing");

        let csv = format!("user_id,display_name\nann@contoso.example,Ann\nanne@contoso.example,{SPOOFED}\n");
        let (res, body) = send(&app, app_post("/api/admin_import_accounts", &encode(&[("csv", &csv)]), Some(&admin))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let err: AppError = serde_json::from_str(&body).unwrap();
        assert_eq!(err, AppError::BadRow { line: 3, field: Field::DisplayName, problem: Problem::InvisibleCharacter });
        assert!(Locale::En.texts().error(&err).starts_with("Line 3, column display_name: Remove the invisible"));
        assert!(Locale::Fr.texts().error(&err).starts_with("Ligne 3, colonne display_name : Retirez le caractère invisible"));
        assert_eq!(snapshot(&db).await, before, "nothing of the file is imported");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_questions_and_notes_refuse_a_spoofed_text() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = make_admin(&s, "admin@contoso.example").await;
        let staff = groups::create(&a, "Staff", "Everyone").await.unwrap();
        let mut c = db.acquire().await.unwrap();
        db::admin_requests::insert(c.conn(), None, "someone@contoso.example", "not_registered", db::now()).await.unwrap();
        drop(c);
        let request = count(&db, "SELECT MAX(id) FROM admin_requests").await;
        let before = snapshot(&db).await;

        assert_eq!(groups::create(&a, SPOOFED, "").await, Err(invisible(Field::GroupName)));
        assert_eq!(groups::update(&a, staff, SPOOFED, "Everyone").await, Err(invisible(Field::GroupName)));
        assert_eq!(groups::update(&a, staff, "Staff", "Every\u{200B}one").await, Err(invisible(Field::GroupDescription)));
        assert_eq!(questions::add(&a, "What was your first car?\u{202E}").await, Err(invisible(Field::QuestionText)));
        assert_eq!(inbox::handle(&a, request, "Called back\u{202E}").await, Err(invisible(Field::Note)));
        assert_eq!(snapshot(&db).await, before, "refused texts change nothing");

        // What languages need still passes: ZWNJ in Persian, a note on several lines.
        groups::update(&a, staff, "کارمندان می\u{200C}خواهند", "").await.unwrap();
        inbox::handle(&a, request, "Called back.\nAll good.").await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_refuses_a_spoofed_name() {
    on_both(|db| async move {
        let url = url_of(&db);
        let before = snapshot(&db).await;
        let sspr = |args: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_sspr")).args(args).env("DATABASE_URL", &url).env("SSPR_LOG", "warn").output().unwrap();
            (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
        };

        let (ok, text) = sspr(&["user", "add", "anne@contoso.example", "--name", SPOOFED]);
        assert!(!ok && text.contains("--name refused: Remove the invisible"), "{text}");

        let file = std::env::temp_dir().join(format!("sspr_spoofed_{}.csv", std::process::id()));
        std::fs::write(&file, format!("user_id,display_name\nann@contoso.example,Ann\nanne@contoso.example,{SPOOFED}\n")).unwrap();
        let (ok, text) = sspr(&["user", "import", file.to_str().unwrap()]);
        std::fs::remove_file(&file).unwrap();
        assert!(!ok && text.contains("Line 3, column display_name: Remove the invisible"), "{text}");
        assert_eq!(snapshot(&db).await, before, "the command line wrote nothing");
    })
    .await;
}
