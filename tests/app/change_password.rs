//! Changing one's password at /password (SPEC §4), through the real router, on SQLite and
//! PostgreSQL: the current password under the sign-in lock-out, the password rules at their
//! fields, the other sessions ended, the e-mail and the audit entry, and plain form posts.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crate::common::web::{encode, form_post, location, page, send, set_cookies};
use crate::common::{PASSWORD, add_account, on_both, state};
use sspr::domain::{AppError, Field, Problem};
use sspr::server::db::{self, Db, audit};
use sspr::server::{auth, crypto};

const ORIGIN: &str = "http://127.0.0.1:3000";
const NEW: &str = "violet kettle grumbles at dawn";
const USER: &str = "alice@contoso.example";

/// A call from the hydrated app (it reads the error as JSON).
fn call(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn change(current: &str, new: &str, confirm: &str) -> String {
    encode(&[("current_password", current), ("new_password", new), ("confirm_password", confirm)])
}

/// Signs in with a plain form post and returns the session cookie (`name=value`).
async fn signed_in(app: &axum::Router, user: &str, password: &str) -> String {
    let (res, _) = send(app, form_post("/api/sign_in", &encode(&[("user_id", user), ("password", password)]), ORIGIN, None)).await;
    let cookie = set_cookies(&res).into_iter().find(|c| c.starts_with("sspr_session=")).expect("signed in");
    crate::common::web::cookie_of(&cookie).to_owned()
}

async fn details_of(db: &Db, event: &str) -> Vec<String> {
    let mut c = db.acquire().await.unwrap();
    let sql = format!("SELECT detail FROM audit_log WHERE event = '{event}' ORDER BY id");
    sspr::on!(c.conn(), c => sqlx::query_scalar(&sql).fetch_all(&mut *c).await).unwrap()
}

async fn password_is(db: &Db, password: &str) -> bool {
    let mut c = db.acquire().await.unwrap();
    let account = db::accounts::find_by_user_id(c.conn(), &sspr::domain::UserId::parse(USER).unwrap()).await.unwrap().unwrap();
    crypto::verify_now(password, &account.password_hash).ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_current_password_is_refused_and_counts_toward_the_sign_in_lock_out() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, USER, false).await;
        let app = sspr::server::serve::router(st.clone());
        let cookie = signed_in(&app, USER, PASSWORD).await;
        for i in 1..=5 {
            let (res, body) = send(&app, call("/api/change_password", &change("not my password at all", NEW, NEW), &cookie)).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
            assert_eq!(AppError::from_code(&body), Some(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword)), "{body}");
        }
        // Five wrong: the right current password is refused too, and so is a sign-in (one counter).
        let (res, body) = send(&app, call("/api/change_password", &change(PASSWORD, NEW, NEW), &cookie)).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(matches!(AppError::from_code(&body), Some(AppError::Locked { .. })), "{body}");
        assert!(res.headers().contains_key(header::RETRY_AFTER));
        assert!(matches!(auth::sign_in(&st, USER, PASSWORD.into(), None).await, Err(AppError::Locked { .. })));
        assert!(password_is(&db, PASSWORD).await, "nothing changed");

        let failed = details_of(&db, "sign_in_failed").await;
        assert_eq!(failed.iter().filter(|d| d.contains("change_password")).count(), 5, "{failed:?}");
        assert!(failed.iter().all(|d| !d.contains("not my password")), "no guess in the log");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_password_rule_is_enforced_at_its_field_and_changes_nothing() {
    on_both(|db| async move {
        let id = add_account(&db, USER, false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let cookie = signed_in(&app, USER, PASSWORD).await;
        let long = "x".repeat(129);
        let new_field = |problem| AppError::field(Field::NewPassword, problem);
        for (current, new, confirm, expected) in [
            ("", NEW, NEW, AppError::field(Field::CurrentPassword, Problem::Required)),
            (PASSWORD, "", "", new_field(Problem::Required)),
            (PASSWORD, "violet kettle", "violet kettle", new_field(Problem::TooShort { min: 15 })),
            (PASSWORD, &long, &long, new_field(Problem::TooLong { max: 128 })),
            (PASSWORD, "Alice and the violet kettle", "Alice and the violet kettle", new_field(Problem::ContainsContext)),
            (PASSWORD, "password1234567890", "password1234567890", new_field(Problem::CommonPassword)),
            (PASSWORD, "qwertyuiopasdfgh", "qwertyuiopasdfgh", new_field(Problem::CommonPassword)),
            (PASSWORD, NEW, "violet kettle grumbles at dusk", AppError::field(Field::ConfirmPassword, Problem::Mismatch)),
            (PASSWORD, PASSWORD, PASSWORD, new_field(Problem::SameAsCurrent)),
        ] {
            let (res, body) = send(&app, call("/api/change_password", &change(current, new, confirm), &cookie)).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected:?}");
            assert_eq!(AppError::from_code(&body), Some(expected), "{body}");
        }
        assert!(password_is(&db, PASSWORD).await);
        let mut c = db.acquire().await.unwrap();
        assert!(db::outbox::recent(c.conn(), 10).await.unwrap().is_empty(), "no e-mail");
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 1);
        assert!(details_of(&db, "password_changed").await.is_empty());

        // Not signed in: refused.
        let (res, body) = send(&app, call("/api/change_password", &change(PASSWORD, NEW, NEW), "sspr_session=forged")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(AppError::from_code(&body), Some(AppError::NotSignedIn));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_ends_the_other_sessions_keeps_this_one_and_tells_the_user() {
    on_both(|db| async move {
        let st = state(db.clone());
        let id = add_account(&db, USER, false).await;
        let app = sspr::server::serve::router(st.clone());
        let mine = signed_in(&app, USER, PASSWORD).await;
        let other = signed_in(&app, USER, PASSWORD).await;

        let (res, _) = send(&app, call("/api/change_password", &change(PASSWORD, NEW, NEW), &mine)).await;
        assert_eq!(res.status(), StatusCode::OK);

        let (_, html) = send(&app, page("/password", Some(&mine))).await;
        assert!(html.contains("Signed in as"), "this session stays");
        let (_, html) = send(&app, page("/password", Some(&other))).await;
        assert!(!html.contains("Signed in as") && html.contains("Sign in to change your password."), "the other one ended");

        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 1);
        let mail = db::outbox::recent(c.conn(), 10).await.unwrap();
        assert_eq!(mail.len(), 1, "one e-mail");
        assert_eq!(mail[0].recipient, format!("primary.{USER}"));
        assert!(!mail[0].body.contains(NEW) && !mail[0].body.contains(PASSWORD), "no password in the e-mail");

        let changed = details_of(&db, "password_changed").await;
        assert_eq!(changed.len(), 1);
        assert!(changed[0].contains("\"other_sessions_ended\":1"), "{}", changed[0]);
        let all: Vec<String> = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT detail FROM audit_log").fetch_all(&mut *c).await).unwrap();
        assert!(all.iter().all(|d| !d.contains(NEW) && !d.contains(PASSWORD)), "no secret in the audit log");
        assert!(matches!(audit::verify(c.conn()).await.unwrap(), audit::Verdict::Intact { .. }));

        assert_eq!(auth::sign_in(&st, USER, PASSWORD.into(), None).await.unwrap_err(), AppError::BadCredentials);
        auth::sign_in(&st, USER, NEW.into(), None).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_registered_methods_lower_the_minimum_to_eight() {
    on_both(|db| async move {
        let id = add_account(&db, USER, false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let cookie = signed_in(&app, USER, PASSWORD).await;
        let (_, html) = send(&app, page("/password", Some(&cookie))).await;
        assert!(html.contains("has 15 to 128 characters"), "{html}");

        {
            let mut c = db.acquire().await.unwrap();
            db::accounts::set_office_phone(c.conn(), id, Some("+33140000009")).await.unwrap();
            db::methods::set_verified(c.conn(), id, "auth_email", "alice@home.example", db::now()).await.unwrap();
        }
        let (_, html) = send(&app, page("/password", Some(&cookie))).await;
        assert!(html.contains("has 8 to 128 characters"), "{html}");
        let short = "tq7#vRw!k2";
        let (res, body) = send(&app, call("/api/change_password", &change(PASSWORD, short, short), &cookie)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(password_is(&db, short).await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_works_as_plain_form_posts_without_javascript() {
    on_both(|db| async move {
        add_account(&db, USER, false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let sign_in = |password: &str, next: &str| form_post("/api/sign_in", &encode(&[("user_id", USER), ("password", password), ("next", next)]), ORIGIN, None);

        // Signed out: the sign-in form, which comes back here, and only to our own pages.
        let (res, html) = send(&app, page("/password", None)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("Sign in to change your password.") && html.contains(r#"name="next""#) && html.contains(r#"value="/password""#));
        let (res, _) = send(&app, sign_in("a wrong password here", "/password")).await;
        let to = location(&res);
        assert!(to.starts_with("/password?error="), "{to}");
        let (_, html) = send(&app, page(&to, None)).await;
        assert!(html.contains("The user ID or password is incorrect."));
        for foreign in ["https://evil.example/password", "//evil.example", "/password/../admin"] {
            let (res, _) = send(&app, sign_in(PASSWORD, foreign)).await;
            assert_eq!(location(&res), "/setup", "{foreign}");
        }
        let (res, _) = send(&app, sign_in(PASSWORD, "/password")).await;
        assert_eq!(location(&res), "/password");
        let cookie = set_cookies(&res).into_iter().find(|c| c.starts_with("sspr_session=")).unwrap().split(';').next().unwrap().to_owned();

        // Signed in: the form, with the rules to follow (no script needed to read them).
        let (_, html) = send(&app, page("/password", Some(&cookie))).await;
        for text in ["Current password", "New password", "Confirm new password", "has 15 to 128 characters", "is not a common or easily guessed password", r#"autocomplete="current-password""#, r#"autocomplete="new-password""#, r#"href="/setup""#] {
            assert!(html.contains(text), "{text}");
        }
        assert!(!html.contains("maxlength"), "no truncation");
        assert!(!html.contains("<template"), "the content is in place, not streamed");

        // Each refusal comes back in the address and shows at its field.
        let post = |body: String| form_post("/api/change_password", &body, ORIGIN, Some(&cookie));
        for (body, message, field) in [
            (change("not my password at all", NEW, NEW), "The current password is incorrect.", "field-current_password-error"),
            (change(PASSWORD, "password1234567890", "password1234567890"), "This password is too common or too easy to guess", "field-new_password-error"),
            (change(PASSWORD, NEW, "violet kettle grumbles at dusk"), "The two passwords do not match.", "field-confirm_password-error"),
        ] {
            let (res, _) = send(&app, post(body)).await;
            assert_eq!(res.status(), StatusCode::FOUND);
            let to = location(&res);
            assert!(to.starts_with("/password?error="), "{to}");
            let (_, html) = send(&app, page(&to, Some(&cookie))).await;
            assert!(html.contains(message), "{message}");
            assert!(html.contains(&format!(r#"id="{field}" role="alert""#)), "{field}");
            assert!(html.contains(r#"aria-invalid="true""#));
            assert!(!html.contains("not my password") && !html.contains("password1234567890"), "no password echoed");
        }

        let (res, _) = send(&app, post(change(PASSWORD, NEW, NEW))).await;
        assert_eq!(location(&res), "/password?done=password_changed");
        let (_, html) = send(&app, page("/password?done=password_changed", Some(&cookie))).await;
        assert!(html.contains("Your password has been changed.") && html.contains("Back to your security info"));
        assert!(password_is(&db, NEW).await);
    })
    .await;
}
