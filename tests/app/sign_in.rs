//! Sign-in, lock-out, sessions, password change and the audit chain, on SQLite and PostgreSQL.

use crate::common::{PASSWORD, add_account, on_both, state};
use sspr::domain::{AppError, Field, Problem};
use sspr::i18n::Locale;
use sspr::server::db::{self, audit, now};
use sspr::server::{auth, crypto, session};

fn token_of(cookie: &str) -> &str {
    cookie.split(';').next().unwrap().split_once('=').unwrap().1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_password_opens_a_session_stored_only_as_its_hash() {
    on_both(|db| async move {
        let st = state(db.clone());
        let id = add_account(&db, "alice@contoso.example", false).await;
        let (account, cookie) = auth::sign_in(&st, " Alice@CONTOSO.example ", PASSWORD.into(), Some("127.0.0.1")).await.unwrap();
        assert_eq!(account.id, id);
        assert!(cookie.starts_with("sspr_session="), "{cookie}");
        let token = token_of(&cookie);
        assert!(token.len() >= 43, "at least 256 bits");
        let mut c = db.acquire().await.unwrap();
        let stored: Vec<String> = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT id_hash FROM sessions").fetch_all(&mut *c).await).unwrap();
        assert_eq!(stored, vec![crypto::sha256_hex(token)], "the cookie value itself is never stored");
        // A second sign-in gets a new session ID.
        let (_, second) = auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert_ne!(token_of(&second), token);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_user_and_wrong_password_look_the_same() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        let wrong = auth::sign_in(&st, "alice@contoso.example", "not the password at all".into(), None).await.unwrap_err();
        let unknown = auth::sign_in(&st, "nobody@contoso.example", PASSWORD.into(), None).await.unwrap_err();
        assert_eq!(wrong, AppError::BadCredentials);
        assert_eq!(unknown, AppError::BadCredentials);
        assert_eq!(
            auth::sign_in(&st, "not-an-id", PASSWORD.into(), None).await.unwrap_err(),
            AppError::field(Field::UserId, Problem::NotAUserId)
        );
        assert_eq!(
            auth::sign_in(&st, "alice@contoso.example", String::new(), None).await.unwrap_err(),
            AppError::field(Field::Password, Problem::Required)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failures_lock_even_the_right_password_and_unknown_ids_alike() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        for user in ["alice@contoso.example", "ghost@contoso.example"] {
            for _ in 0..5 {
                assert_eq!(auth::sign_in(&st, user, "wrong password, long enough".into(), None).await.unwrap_err(), AppError::BadCredentials);
            }
            match auth::sign_in(&st, user, PASSWORD.into(), None).await.unwrap_err() {
                AppError::Locked { retry_after_secs } => assert!((1..=60).contains(&retry_after_secs), "{retry_after_secs}"),
                other => panic!("{user}: expected Locked, got {other:?}"),
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_are_all_counted() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        let guesses: Vec<_> = (0..50)
            .map(|i| {
                let st = st.clone();
                tokio::spawn(async move { auth::sign_in(&st, "alice@contoso.example", format!("wrong guess number {i:03}"), None).await })
            })
            .collect();
        // A guess that arrives once the account is blocked is refused before its password is
        // checked (Locked, not counted); every other one is a counted failure.
        let mut counted = 0;
        for g in guesses {
            match g.await.unwrap() {
                Err(sspr::domain::AppError::BadCredentials) => counted += 1,
                Err(sspr::domain::AppError::Locked { .. }) => {}
                other => panic!("unexpected outcome: {:?}", other.map(|_| ())),
            }
        }
        assert!(counted > 5, "the guesses really ran in parallel: {counted}");
        let mut c = db.acquire().await.unwrap();
        let count: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT count FROM rate_counters WHERE key = 'sign_in:alice@contoso.example'").fetch_one(&mut *c).await).unwrap();
        assert_eq!(count, counted, "no failure lost to a race");
        assert!(db::limits::blocked_until(c.conn(), "sign_in:alice@contoso.example", now()).await.unwrap().is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_hash_is_upgraded_at_sign_in() {
    on_both(|db| async move {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let st = state(db.clone());
        let id = add_account(&db, "alice@contoso.example", false).await;
        let weak = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon2::Params::new(8192, 1, 1, None).unwrap())
            .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        let mut c = db.acquire().await.unwrap();
        db::accounts::set_password(c.conn(), id, &weak, false).await.unwrap();
        auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        let account = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
        assert!(account.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", account.password_hash);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_after_the_idle_and_the_absolute_timeout() {
    on_both(|db| async move {
        let mut c = db.acquire().await.unwrap();
        let id = add_account(&db, "alice@contoso.example", false).await;
        let t = now();
        db::sessions::insert(c.conn(), "fresh", id, t, t + 3600).await.unwrap();
        db::sessions::insert(c.conn(), "expired", id, t - 7200, t - 1).await.unwrap();
        db::sessions::insert(c.conn(), "idle", id, t - 4000, t + 3600).await.unwrap();
        crate::common::exec(&db, &format!("UPDATE sessions SET last_seen_at = {} WHERE id_hash = 'idle'", t - 1900)).await;
        for (id_hash, found) in [("fresh", Some(id)), ("expired", None), ("idle", None)] {
            let live = db::sessions::find_live(c.conn(), id_hash, t, 1800).await.unwrap();
            assert_eq!(live.map(|l| l.account.id), found, "{id_hash}");
        }
        assert_eq!(db::sessions::purge_expired(c.conn(), t, 1800).await.unwrap(), 2, "housekeeping forgets both");
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 1);
    })
    .await;
}

/// Reading a page is a read: the idle timer is written at most once a minute, and a session
/// whose timer is that old is still live and gets it moved (issue 14, item 5).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_view_moves_the_idle_timer_at_most_once_a_minute() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        let (_, cookie) = auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        let id_hash = crypto::sha256_hex(token_of(&cookie));
        let headers = {
            let mut h = axum::http::HeaderMap::new();
            h.insert(axum::http::header::COOKIE, format!("sspr_session={}", token_of(&cookie)).parse().unwrap());
            h
        };
        let last_seen = || {
            let db = db.clone();
            let id_hash = id_hash.clone();
            async move {
                let mut c = db.acquire().await.unwrap();
                db::sessions::find_live(c.conn(), &id_hash, now(), 1800).await.unwrap().expect("live").last_seen_at
            }
        };
        let set_last_seen = |at: i64| {
            let (db, sql) = (db.clone(), format!("UPDATE sessions SET last_seen_at = {at} WHERE id_hash = '{id_hash}'"));
            async move { crate::common::exec(&db, &sql).await }
        };

        let recent = now() - session::REFRESH_EVERY_SECS + 5;
        set_last_seen(recent).await;
        assert!(session::current(&st, &headers).await.unwrap().is_some());
        assert_eq!(last_seen().await, recent, "within a minute of the last write, nothing is written");

        let old = now() - session::REFRESH_EVERY_SECS - 5;
        set_last_seen(old).await;
        assert!(session::current(&st, &headers).await.unwrap().is_some());
        assert!(last_seen().await >= now() - 2, "a minute later, the timer moves");

        // Near the idle timeout, a view keeps the session alive.
        set_last_seen(now() - st.config.session_idle_secs + 3).await;
        assert!(session::current(&st, &headers).await.unwrap().is_some());
        assert!(last_seen().await >= now() - 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_password_ends_other_sessions_and_tells_the_user() {
    on_both(|db| async move {
        let st = state(db.clone());
        let id = add_account(&db, "alice@contoso.example", true).await;
        let (account, mine) = auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        let live = session::LiveSession { id_hash: crypto::sha256_hex(token_of(&mine)), account_id: id };

        // Refused changes change nothing.
        for (new, confirm, err) in [
            ("too short", "too short", AppError::field(Field::NewPassword, Problem::TooShort { min: 15 })),
            ("a long enough new phrase", "a long enough new phrasE", AppError::field(Field::ConfirmPassword, Problem::Mismatch)),
            (PASSWORD, PASSWORD, AppError::field(Field::NewPassword, Problem::SameAsCurrent)),
        ] {
            assert_eq!(auth::change_password(&st, &account, &live, None, new, confirm, Locale::En, None).await.unwrap_err(), err);
        }
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 2);
        assert!(db::outbox::recent(c.conn(), 10).await.unwrap().is_empty());

        auth::change_password(&st, &account, &live, None, "a long enough new phrase", "a long enough new phrase", Locale::Fr, None).await.unwrap();
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 1, "only this session is left");
        assert!(db::sessions::find_live(c.conn(), &live.id_hash, now(), 1800).await.unwrap().is_some());
        let after = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
        assert!(!after.must_change_password);
        assert!(crypto::verify_now("a long enough new phrase", &after.password_hash).ok);
        let mail = db::outbox::recent(c.conn(), 10).await.unwrap();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].recipient, "primary.alice@contoso.example");
        assert_eq!(mail[0].subject, "Votre mot de passe a été changé");
        assert!(mail[0].body.contains("http://127.0.0.1:3000/reset/not-me?token="), "a \"this wasn't me\" link on the public URL");
        assert!(!mail[0].body.contains("a long enough new phrase"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_chain_detects_an_edit_and_a_deletion() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        for password in [PASSWORD, "a wrong password here", PASSWORD] {
            let _ = auth::sign_in(&st, "alice@contoso.example", password.into(), Some("10.1.2.3")).await;
        }
        let mut c = db.acquire().await.unwrap();
        assert_eq!(audit::verify(c.conn()).await.unwrap(), audit::Verdict::Intact { entries: 3 });
        let details: Vec<String> = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT detail FROM audit_log").fetch_all(&mut *c).await).unwrap();
        assert!(details.iter().all(|d| !d.contains("wrong password") && !d.contains(PASSWORD)), "no secret in the log");

        crate::common::exec(&db, "UPDATE audit_log SET ip = '10.9.9.9' WHERE id = (SELECT MIN(id) FROM audit_log) + 1").await;
        let broken = audit::verify(c.conn()).await.unwrap();
        assert!(matches!(broken, audit::Verdict::Broken { .. }), "edit: {broken:?}");

        crate::common::exec(&db, "DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log) + 1").await;
        assert!(matches!(audit::verify(c.conn()).await.unwrap(), audit::Verdict::Broken { .. }), "deletion");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_directory_shows_every_case_of_the_seed_once() {
    on_both(|db| async move {
        let st = state(db.clone());
        assert_eq!(sspr::server::demo::ensure_directory(&st).await.unwrap(), 6);
        assert_eq!(sspr::server::demo::ensure_directory(&st).await.unwrap(), 0, "a second start changes nothing");
        let mut c = db.acquire().await.unwrap();
        let find = |id: &'static str| sspr::domain::UserId::parse(id).unwrap();
        let olivia = db::accounts::find_by_user_id(c.conn(), &find("olivia@contoso.example")).await.unwrap().unwrap();
        assert_eq!(olivia.password_source, sspr::domain::directory::PasswordSource::OnPremises);
        let nora = db::accounts::find_by_user_id(c.conn(), &find("nora@contoso.example")).await.unwrap().unwrap();
        assert!(!nora.licensed);
        let admin = db::accounts::find_by_user_id(c.conn(), &find("admin@contoso.example")).await.unwrap().unwrap();
        assert!(admin.is_admin());
        let (alice, _) = auth::sign_in(&st, "alice@contoso.example", sspr::server::demo::PASSWORD.into(), None).await.unwrap();
        assert!(!alice.must_change_password);
        let (mike, _) = auth::sign_in(&st, "mike@contoso.example", sspr::server::demo::PASSWORD.into(), None).await.unwrap();
        assert!(mike.must_change_password);
        assert_eq!(admin.office_phone.as_deref(), Some("+33140000000"));

        // Rita registered long ago: she is asked to re-confirm.
        let rita = db::accounts::find_by_user_id(c.conn(), &find("rita@contoso.example")).await.unwrap().unwrap();
        drop(c);
        let live = sspr::server::session::LiveSession { id_hash: "demo".into(), account_id: rita.id };
        let ctx = sspr::server::registration::context(&st, &live, None, sspr::i18n::Locale::En).await.unwrap();
        let view = sspr::server::registration::view(&st, &ctx).await.unwrap();
        assert_eq!(view.verified_count(), 3);
        assert!(view.reconfirm.is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_spray_guesses_across_many_accounts() {
    on_both(|db| async move {
        let st = state(db.clone());
        add_account(&db, "alice@contoso.example", false).await;
        // Different user IDs each time: no single account reaches its own limit.
        for i in 0..sspr::domain::lockout::ADDRESS_FAILURES_PER_WINDOW {
            let user = format!("user{i}@contoso.example");
            assert_eq!(auth::sign_in(&st, &user, "a wrong password here".into(), Some("203.0.113.9")).await.unwrap_err(), AppError::BadCredentials);
        }
        assert!(matches!(
            auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), Some("203.0.113.9")).await.unwrap_err(),
            AppError::Locked { .. }
        ));
        // Another address is not affected.
        auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), Some("198.51.100.7")).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_account_cannot_sign_in_even_with_its_password() {
    on_both(|db| async move {
        let st = state(db.clone());
        let id = add_account(&db, "alice@contoso.example", false).await;
        crate::common::exec(&db, &format!("UPDATE accounts SET locked_until = {} WHERE id = {id}", now() + 3600)).await;
        assert_eq!(
            auth::sign_in(&st, "alice@contoso.example", "a wrong password here".into(), None).await.unwrap_err(),
            AppError::BadCredentials,
            "a wrong password learns nothing"
        );
        assert_eq!(auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap_err(), AppError::AccountLocked);
        crate::common::exec(&db, &format!("UPDATE accounts SET locked_until = {} WHERE id = {id}", now() - 1)).await;
        auth::sign_in(&st, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn housekeeping_forgets_old_counters_but_not_running_blocks() {
    on_both(|db| async move {
        let t = now();
        let mut c = db.acquire().await.unwrap();
        db::limits::add_failure(c.conn(), "old", t - 90_000).await.unwrap();
        db::limits::add_failure(c.conn(), "old_but_blocked", t - 90_000).await.unwrap();
        db::limits::block(c.conn(), "old_but_blocked", t + 600).await.unwrap();
        db::limits::add_failure(c.conn(), "recent", t).await.unwrap();
        assert_eq!(db::limits::purge_stale(c.conn(), t - 86_400, t).await.unwrap(), 1);
        assert!(db::limits::blocked_until(c.conn(), "old_but_blocked", t).await.unwrap().is_some());
        assert_eq!(db::limits::add_in_window(c.conn(), "recent", t, 900).await.unwrap(), 2, "same window");
        assert_eq!(db::limits::add_in_window(c.conn(), "recent", t + 901, 900).await.unwrap(), 1, "a new window starts at 1");
    })
    .await;
}

/// A request remembers what it read of its session and account (`session::RequestMemo`), and
/// only that request: through one router, two browsers and an anonymous one each get their own
/// page, and a session ended by signing out is refused at the very next request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_request_reads_its_own_session() {
    use crate::common::web::{self, page, send};
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db.clone()));
        add_account(&db, "tessa@fabrikam.example", false).await;
        add_account(&db, "ugo@fabrikam.example", false).await;
        let alice = web::sign_in(&app, "tessa@fabrikam.example", PASSWORD).await;
        let bob = web::sign_in(&app, "ugo@fabrikam.example", PASSWORD).await;
        for _ in 0..2 {
            let (_, body) = send(&app, page("/setup", Some(&alice))).await;
            assert!(body.contains("tessa@fabrikam.example") && !body.contains("ugo@fabrikam.example"), "alice sees her own page");
            let (_, body) = send(&app, page("/setup", Some(&bob))).await;
            assert!(body.contains("ugo@fabrikam.example") && !body.contains("tessa@fabrikam.example"), "bob sees his own page");
            let (_, body) = send(&app, page("/setup", None)).await;
            assert!(!body.contains("tessa@fabrikam.example") && !body.contains("ugo@fabrikam.example"), "no session, no account");
            assert!(body.contains("name=\"password\""), "the sign-in form");
        }
        let (res, _) = send(&app, web::app_post("/api/sign_out", "", Some(&alice))).await;
        assert!(res.status().is_success(), "{}", res.status());
        let (_, body) = send(&app, page("/setup", Some(&alice))).await;
        assert!(!body.contains("tessa@fabrikam.example") && body.contains("name=\"password\""), "signed out is signed out");
        let (_, body) = send(&app, page("/setup", Some(&bob))).await;
        assert!(body.contains("ugo@fabrikam.example"), "bob's session goes on");
    })
    .await;
}
