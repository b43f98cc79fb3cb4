//! The registration portal (SPEC §2) and the code rules (SPEC §6), on SQLite and PostgreSQL:
//! each method, each refusal, the send limits, the single use under 50 parallel entries, Finish,
//! Cancel and re-confirmation, and the audit trail without secrets.

use crate::common::{add_account, code_in, exec, hold_connections, on_both, save_policy, state};
use sspr::domain::policy::Policy;
use sspr::domain::{AppError, Field, Method, Problem};
use sspr::i18n::Locale;
use sspr::server::db::{self, Db};
use sspr::server::registration::{self as reg, Ctx};
use sspr::server::session::LiveSession;
use sspr::server::AppState;

async fn ctx_for(state: &AppState, account_id: i64, session: &str) -> Ctx {
    let live = LiveSession { id_hash: session.to_owned(), account_id };
    reg::context(state, &live, Some("192.0.2.7".into()), Locale::En).await.expect("context")
}

/// The newest queued message: (channel, recipient, body).
async fn last_message(db: &Db) -> (String, String, String) {
    let mut c = db.acquire().await.unwrap();
    let m = db::outbox::recent(c.conn(), 1).await.unwrap().pop().expect("a queued message");
    (m.channel, m.recipient, m.body)
}

/// Makes every code of the account older, as if `secs` had passed.
async fn age_codes(db: &Db, account_id: i64, secs: i64) {
    exec(db, &format!("UPDATE codes SET created_at = created_at - {secs}, expires_at = expires_at - {secs} WHERE account_id = {account_id}")).await;
}

async fn audit_events(db: &Db, account_id: i64) -> Vec<(String, String)> {
    let mut c = db.acquire().await.unwrap();
    let mut entries = db::audit::recent(c.conn(), account_id, 100).await.unwrap();
    entries.reverse();
    entries.into_iter().map(|e| (e.event, e.detail)).collect()
}

fn field(f: Field, p: Problem) -> Result<(), AppError> {
    Err(AppError::field(f, p))
}

#[tokio::test]
async fn a_phone_is_registered_only_once_its_code_is_entered() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "phone@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;

        reg::send_phone_code(&s, &ctx, "FR", "06 12 34 56 78", "sms").await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        let phone = view.method(Method::AuthPhone).unwrap();
        assert!(!phone.verified && phone.value.is_none(), "not registered before the code");
        let pending = phone.pending.as_ref().expect("a code on its way");
        assert_eq!(pending.to, "+33 6 •• •• •• 78");
        assert!(pending.resend_in_secs > 0 && pending.expires_in_secs > 590);

        let (channel, to, body) = last_message(&db).await;
        assert_eq!((channel.as_str(), to.as_str()), ("sms", "+33612345678"));
        let code = code_in(&body);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthPhone, wrong).await, field(Field::PhoneCode, Problem::WrongCode { left: 4 }));
        reg::verify_code(&s, &ctx, Method::AuthPhone, &format!("{} {}", &code[..3], &code[3..])).await.unwrap();

        let view = reg::view(&s, &ctx).await.unwrap();
        let phone = view.method(Method::AuthPhone).unwrap();
        assert!(phone.verified && phone.pending.is_none());
        assert_eq!(phone.value.as_deref(), Some("+33 6 •• •• •• 78"));
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthPhone, &code).await, field(Field::PhoneCode, Problem::CodeNotValid), "single use");

        let events = audit_events(&db, id).await;
        let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
        assert!(names.starts_with(&["code_sent", "code_failed", "method_added", "method_verified"]));
        for (_, detail) in &events {
            assert!(!detail.contains(&code) && !detail.contains("612345678"), "no secret or whole number in the audit log: {detail}");
        }
    })
    .await;
}

#[tokio::test]
async fn bad_phone_numbers_are_refused_and_send_nothing() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "badphone@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        assert_eq!(reg::send_phone_code(&s, &ctx, "FR", "12", "sms").await, field(Field::PhoneNumber, Problem::NotAPhone));
        assert_eq!(reg::send_phone_code(&s, &ctx, "FR", "(201) 555-0123", "sms").await, field(Field::PhoneNumber, Problem::NotAPhone));
        assert_eq!(reg::send_phone_code(&s, &ctx, "FR", "", "voice").await, field(Field::PhoneNumber, Problem::Required));
        assert_eq!(reg::send_phone_code(&s, &ctx, "FR", "06 12 34 56 78", "fax").await, Err(AppError::Forbidden));
        let mut c = db.acquire().await.unwrap();
        assert!(db::outbox::recent(c.conn(), 10).await.unwrap().is_empty());
        assert!(reg::view(&s, &ctx).await.unwrap().method(Method::AuthPhone).unwrap().pending.is_none());
    })
    .await;
}

#[tokio::test]
async fn the_authentication_email_differs_from_the_primary_and_is_verified_by_code() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "mail@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        // add_account's primary e-mail is "primary.<user id>".
        assert_eq!(reg::send_email_code(&s, &ctx, " PRIMARY.Mail@Contoso.example ").await, field(Field::Email, Problem::SameAsPrimary));
        assert_eq!(reg::send_email_code(&s, &ctx, "not an address").await, field(Field::Email, Problem::NotAnEmail));
        assert_eq!(reg::send_email_code(&s, &ctx, "").await, field(Field::Email, Problem::Required));
        reg::send_email_code(&s, &ctx, "me@home.example").await.unwrap();
        let (channel, to, body) = last_message(&db).await;
        assert_eq!((channel.as_str(), to.as_str()), ("email", "me@home.example"));
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&body)).await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        assert_eq!(view.method(Method::AuthEmail).unwrap().value.as_deref(), Some("m•••@home.example"));
        assert!(view.finish.is_none(), "one method is enough under the default policy");

        // Changing it: the old address stays until the new one is verified.
        age_codes(&db, id, 61).await;
        reg::send_email_code(&s, &ctx, "new@home.example").await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        assert_eq!(view.method(Method::AuthEmail).unwrap().value.as_deref(), Some("m•••@home.example"));
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&last_message(&db).await.2)).await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        assert_eq!(view.method(Method::AuthEmail).unwrap().value.as_deref(), Some("n•••@home.example"));
        let names: Vec<String> = audit_events(&db, id).await.into_iter().map(|(e, _)| e).collect();
        assert_eq!(names.iter().filter(|n| *n == "method_added").count(), 1);
        assert_eq!(names.iter().filter(|n| *n == "method_changed").count(), 1);
    })
    .await;
}

#[tokio::test]
async fn codes_expire_die_after_five_wrong_entries_and_are_bound_to_their_flow() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "codes@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_email_code(&s, &ctx, "codes@home.example").await.unwrap();
        let code = code_in(&last_message(&db).await.2);
        let wrong = if code == "000000" { "111111" } else { "000000" };

        // Another browser session of the same account cannot use this flow's code.
        let other = ctx_for(&s, id, "session-b").await;
        assert_eq!(reg::verify_code(&s, &other, Method::AuthEmail, &code).await, field(Field::EmailCode, Problem::CodeNotValid));
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthEmail, "12345").await, field(Field::EmailCode, Problem::NotACode));

        for left in (1..=4).rev() {
            assert_eq!(reg::verify_code(&s, &ctx, Method::AuthEmail, wrong).await, field(Field::EmailCode, Problem::WrongCode { left }));
        }
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthEmail, wrong).await, field(Field::EmailCode, Problem::CodeDead));
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthEmail, &code).await, field(Field::EmailCode, Problem::CodeDead), "the right code no longer works");

        // A new code (allowed after 60 s) works; once its ten minutes are over, it does not.
        age_codes(&db, id, 61).await;
        reg::resend_code(&s, &ctx, Method::AuthEmail, None).await.unwrap();
        let fresh = code_in(&last_message(&db).await.2);
        age_codes(&db, id, 601).await;
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthEmail, &fresh).await, field(Field::EmailCode, Problem::CodeExpired));
        assert!(!reg::view(&s, &ctx).await.unwrap().method(Method::AuthEmail).unwrap().verified);
    })
    .await;
}

#[tokio::test]
async fn a_new_code_voids_the_old_one() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "void@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_phone_code(&s, &ctx, "FR", "0612345678", "voice").await.unwrap();
        let (channel, _, body) = last_message(&db).await;
        assert_eq!(channel, "voice");
        let old = code_in(&body);
        age_codes(&db, id, 61).await;
        reg::resend_code(&s, &ctx, Method::AuthPhone, Some("sms")).await.unwrap();
        let (channel, _, body) = last_message(&db).await;
        assert_eq!(channel, "sms", "a resend may switch from a call to a text");
        let new = code_in(&body);
        if old != new {
            assert_eq!(reg::verify_code(&s, &ctx, Method::AuthPhone, &old).await, field(Field::PhoneCode, Problem::CodeNotValid));
        }
        reg::verify_code(&s, &ctx, Method::AuthPhone, &new).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn codes_are_sent_at_most_three_times_per_fifteen_minutes_and_sixty_seconds_apart() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "limits@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_email_code(&s, &ctx, "limits@home.example").await.unwrap();
        match reg::send_email_code(&s, &ctx, "limits@home.example").await {
            Err(AppError::SendLimit { retry_after_secs }) => assert!((59..=60).contains(&retry_after_secs), "{retry_after_secs}"),
            other => panic!("expected the 60-second gap, got {other:?}"),
        }
        age_codes(&db, id, 61).await;
        reg::resend_code(&s, &ctx, Method::AuthEmail, None).await.unwrap();
        age_codes(&db, id, 61).await;
        reg::send_email_code(&s, &ctx, "limits@home.example").await.unwrap();
        age_codes(&db, id, 61).await;
        match reg::send_email_code(&s, &ctx, "limits@home.example").await {
            // The first of the three was sent 183 s ago: 900 − 183 s to wait.
            Err(AppError::SendLimit { retry_after_secs }) => assert!((710..=720).contains(&retry_after_secs), "{retry_after_secs}"),
            other => panic!("expected the 3-per-15-minutes limit, got {other:?}"),
        }
        let view = reg::view(&s, &ctx).await.unwrap();
        assert!(view.method(Method::AuthEmail).unwrap().pending.as_ref().unwrap().resend_in_secs > 60);
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::outbox::recent(c.conn(), 10).await.unwrap().len(), 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_entries_of_one_valid_code_give_exactly_one_success() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "race@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_email_code(&s, &ctx, "race@home.example").await.unwrap();
        let code = code_in(&last_message(&db).await.2);
        drop(hold_connections(8, &db).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(50));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (s, ctx, code, barrier) = (s.clone(), ctx.clone(), code.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    reg::verify_code(&s, &ctx, Method::AuthEmail, &code).await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(e) => assert_eq!(e, AppError::field(Field::EmailCode, Problem::CodeNotValid)),
            }
        }
        assert_eq!(ok, 1, "{} backend", db.backend());
        let verified = audit_events(&db, id).await.iter().filter(|(e, _)| e == "method_verified").count();
        assert_eq!(verified, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_wrong_guesses_use_up_no_more_than_five_tries() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "guess@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_phone_code(&s, &ctx, "FR", "0612345678", "sms").await.unwrap();
        let code = code_in(&last_message(&db).await.2);
        drop(hold_connections(8, &db).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(50));
        let tasks: Vec<_> = (0..50u32)
            .map(|i| {
                let (s, ctx, barrier) = (s.clone(), ctx.clone(), barrier.clone());
                // 50 distinct wrong codes.
                let guess = format!("{:06}", (code.parse::<u32>().unwrap() + 1 + i) % 1_000_000);
                tokio::spawn(async move {
                    barrier.wait().await;
                    reg::verify_code(&s, &ctx, Method::AuthPhone, &guess).await
                })
            })
            .collect();
        let mut tries = 0;
        for t in tasks {
            match t.await.unwrap() {
                Err(AppError::Field { problem: Problem::WrongCode { .. }, .. }) => tries += 1,
                Err(AppError::Field { problem: Problem::CodeDead, .. }) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(tries <= 4, "{tries} guesses were counted as tries on {}", db.backend());
        let mut c = db.acquire().await.unwrap();
        let attempts: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT attempts FROM codes").fetch_one(&mut *c).await).unwrap();
        assert_eq!(attempts, 5);
        drop(c);
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthPhone, &code).await, field(Field::PhoneCode, Problem::CodeDead));
    })
    .await;
}

fn entries(pairs: &[(&str, &str)]) -> Vec<(Option<String>, Option<String>)> {
    pairs.iter().map(|(q, a)| (Some(q.to_string()), Some(a.to_string()))).collect()
}

#[tokio::test]
async fn security_questions_are_checked_hashed_one_by_one_and_never_alone_enough() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "questions@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        let view = reg::view(&s, &ctx).await.unwrap();
        assert_eq!(view.choices.len(), 10);
        assert_eq!(view.choices[0].text, "What was the name of your first pet?");
        let (q1, q2, q3) = (view.choices[0].id.to_string(), view.choices[1].id.to_string(), view.choices[2].id.to_string());

        let bad = [
            (entries(&[(&q1, "Rex"), (&q1, "Paris"), (&q3, "Blue")]), field(Field::Question(2), Problem::DuplicateQuestion)),
            (entries(&[(&q1, "Rex"), (&q2, " rex "), (&q3, "Blue")]), field(Field::Answer(2), Problem::DuplicateAnswer)),
            (entries(&[(&q1, "Rx"), (&q2, "Paris"), (&q3, "Blue")]), field(Field::Answer(1), Problem::TooShort { min: 3 })),
            (entries(&[(&q1, &"x".repeat(41)), (&q2, "Paris"), (&q3, "Blue")]), field(Field::Answer(1), Problem::TooLong { max: 40 })),
            (entries(&[(&q1, "first pet"), (&q2, "Paris"), (&q3, "Blue")]), field(Field::Answer(1), Problem::AnswerIsQuestion)),
            (entries(&[(&q1, "Rex"), (&q2, "Paris")]), field(Field::Question(3), Problem::Required)),
            (entries(&[(&q1, "Rex"), (&q2, "Paris"), ("9999", "Blue")]), field(Field::Question(3), Problem::UnknownQuestion)),
        ];
        for (input, expected) in bad {
            assert_eq!(reg::save_questions(&s, &ctx, &input).await, expected);
        }
        assert!(reg::view(&s, &ctx).await.unwrap().answered.is_empty(), "a refused form changes nothing");

        reg::save_questions(&s, &ctx, &entries(&[(&q1, "  Rex  the DOG "), (&q2, "Paris"), (&q3, "Blue")])).await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        assert!(view.method(Method::SecurityQuestions).unwrap().verified);
        assert_eq!(view.finish, Some(AppError::QuestionsAlone), "security questions are never enough alone");
        assert_eq!(reg::finish(&s, &ctx).await, Err(AppError::QuestionsAlone));

        let mut c = db.acquire().await.unwrap();
        let hashes: Vec<String> = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT answer_hash FROM security_answers ORDER BY created_at").fetch_all(&mut *c).await).unwrap();
        drop(c);
        assert_eq!(hashes.len(), 3);
        assert!(hashes.iter().all(|h| h.starts_with("$argon2id$")));
        assert!(sspr::server::crypto::verify_now("rex the dog", &hashes[0]).ok, "the normalised answer is what is hashed");
        for (_, detail) in audit_events(&db, id).await {
            assert!(!detail.to_lowercase().contains("rex") && !detail.to_lowercase().contains("paris"), "{detail}");
        }
    })
    .await;
}

#[tokio::test]
async fn admins_need_two_methods_and_cannot_use_security_questions() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "boss@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET role = 'admin' WHERE id = {id}")).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        let view = reg::view(&s, &ctx).await.unwrap();
        assert!(view.method(Method::SecurityQuestions).is_none());
        assert_eq!(view.requirements.required, 2);
        let q = view.choices[0].id.to_string();
        assert_eq!(reg::save_questions(&s, &ctx, &entries(&[(&q, "Rex")])).await, Err(AppError::Forbidden));

        reg::send_email_code(&s, &ctx, "boss@home.example").await.unwrap();
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&last_message(&db).await.2)).await.unwrap();
        assert_eq!(reg::finish(&s, &ctx).await, Err(AppError::NeedMoreMethods { missing: 1 }));
        // The office phone, set by an administrator, counts.
        exec(&db, &format!("UPDATE accounts SET office_phone = '+33140000000' WHERE id = {id}")).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        assert_eq!(reg::remove_method(&s, &ctx, Method::OfficePhone).await, Err(AppError::Forbidden));
        reg::finish(&s, &ctx).await.unwrap();
        let events = audit_events(&db, id).await;
        assert_eq!(events.last().unwrap().0, "registration_finished");
    })
    .await;
}

#[tokio::test]
async fn finish_records_the_confirmation_and_cancel_changes_nothing() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "finish@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        assert_eq!(reg::finish(&s, &ctx).await, Err(AppError::NeedMoreMethods { missing: 1 }));
        reg::send_email_code(&s, &ctx, "finish@home.example").await.unwrap();
        reg::cancel(&s, &ctx).await.unwrap();
        let view = reg::view(&s, &ctx).await.unwrap();
        assert!(view.method(Method::AuthEmail).unwrap().pending.is_none(), "cancel voids the code on its way");
        assert!(view.confirmed_at.is_none());

        age_codes(&db, id, 61).await;
        reg::send_email_code(&s, &ctx, "finish@home.example").await.unwrap();
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&last_message(&db).await.2)).await.unwrap();
        reg::finish(&s, &ctx).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        assert!(ctx.account.confirmed_at.is_some());
        assert!(reg::view(&s, &ctx).await.unwrap().confirmed_at.is_some());

        reg::remove_method(&s, &ctx, Method::AuthEmail).await.unwrap();
        assert!(!reg::view(&s, &ctx).await.unwrap().method(Method::AuthEmail).unwrap().verified);
        let names: Vec<String> = audit_events(&db, id).await.into_iter().map(|(e, _)| e).collect();
        for expected in ["registration_cancelled", "registration_finished", "method_removed"] {
            assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
        }
    })
    .await;
}

/// A registered account (verified e-mail and phone) whose confirmation is 200 days old.
async fn registered_long_ago(s: &AppState, db: &Db, user_id: &str) -> i64 {
    let id = add_account(db, user_id, false).await;
    let ctx = ctx_for(s, id, "setup").await;
    reg::send_email_code(s, &ctx, &format!("home.{user_id}")).await.unwrap();
    reg::verify_code(s, &ctx, Method::AuthEmail, &code_in(&last_message(db).await.2)).await.unwrap();
    reg::send_phone_code(s, &ctx, "FR", "0612345678", "sms").await.unwrap();
    reg::verify_code(s, &ctx, Method::AuthPhone, &code_in(&last_message(db).await.2)).await.unwrap();
    reg::finish(s, &ctx).await.unwrap();
    exec(db, &format!("UPDATE accounts SET confirmed_at = confirmed_at - 200 * 86400 WHERE id = {id}")).await;
    exec(db, &format!("UPDATE contact_methods SET verified_at = verified_at - 200 * 86400 WHERE account_id = {id}")).await;
    age_codes(db, id, 200 * 86_400).await;
    id
}

#[tokio::test]
async fn reconfirmation_looks_good_and_edit() {
    on_both(|db| async move {
        let s = state(db.clone());
        save_policy(&db, &Policy { reconfirm_with_codes: false, ..Policy::default() }).await;
        let id = registered_long_ago(&s, &db, "old@contoso.example").await;
        let ctx = ctx_for(&s, id, "session-a").await;
        let view = reg::view(&s, &ctx).await.unwrap();
        assert_eq!(view.reconfirm.as_ref().map(|r| r.verifying), Some(false), "asked to re-confirm after 200 days");

        // Edit shows the registration page for this session.
        reg::edit(&s, &ctx).await.unwrap();
        // The next request of that session (a context is one request's).
        let ctx = ctx_for(&s, id, "session-a").await;
        assert!(reg::view(&s, &ctx).await.unwrap().reconfirm.is_none());

        let other = ctx_for(&s, id, "session-b").await;
        reg::looks_good(&s, &other).await.unwrap();
        let other = ctx_for(&s, id, "session-b").await;
        assert!(reg::view(&s, &other).await.unwrap().reconfirm.is_none());
        assert!(other.account.confirmed_at.unwrap() > db::now() - 5);
        assert_eq!(reg::looks_good(&s, &other).await, Err(AppError::Forbidden), "nothing to re-confirm any more");
        assert_eq!(audit_events(&db, id).await.last().unwrap().0, "registration_reconfirmed");

        // With days = 0, never.
        exec(&db, &format!("UPDATE accounts SET confirmed_at = confirmed_at - 999 * 86400 WHERE id = {id}")).await;
        save_policy(&db, &Policy { reconfirm_after_days: 0, ..Policy::default() }).await;
        let ctx = ctx_for(&s, id, "session-c").await;
        assert!(reg::view(&s, &ctx).await.unwrap().reconfirm.is_none());
    })
    .await;
}

#[tokio::test]
async fn reconfirmation_with_codes_verifies_each_phone_and_email_again() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = registered_long_ago(&s, &db, "verify@contoso.example").await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::looks_good(&s, &ctx).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        let view = reg::view(&s, &ctx).await.unwrap();
        let r = view.reconfirm.expect("still re-confirming until the codes are entered");
        assert!(r.verifying);
        assert_eq!(r.waiting.len(), 2);

        let mut c = db.acquire().await.unwrap();
        let sent = db::outbox::recent(c.conn(), 2).await.unwrap();
        drop(c);
        let sms = sent.iter().find(|m| m.channel == "sms").expect("a text to the phone");
        let mail = sent.iter().find(|m| m.channel == "email").expect("an e-mail");
        reg::verify_code(&s, &ctx, Method::AuthPhone, &code_in(&sms.body)).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().reconfirm.map(|r| r.waiting), Some(vec![Method::AuthEmail]));
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&mail.body)).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        assert!(reg::view(&s, &ctx).await.unwrap().reconfirm.is_none());
        let last = audit_events(&db, id).await.pop().unwrap();
        assert_eq!(last.0, "registration_reconfirmed");
        assert!(last.1.contains("\"with_codes\":true"));
    })
    .await;
}

#[tokio::test]
async fn accounts_that_cannot_use_reset_are_told_why_and_cannot_register() {
    use sspr::domain::policy::Scope;
    use sspr::domain::registration::NotEligible;
    on_both(|db| async move {
        let s = state(db.clone());
        let onprem = add_account(&db, "onprem@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET password_source = 'on_premises' WHERE id = {onprem}")).await;
        let unlicensed = add_account(&db, "nolicence@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET licensed = FALSE WHERE id = {unlicensed}")).await;
        let member = add_account(&db, "member@contoso.example", false).await;
        let outsider = add_account(&db, "outsider@contoso.example", false).await;

        for (id, why) in [(onprem, NotEligible::OnPremises), (unlicensed, NotEligible::NotEnabled)] {
            let ctx = ctx_for(&s, id, "session-a").await;
            assert_eq!(reg::view(&s, &ctx).await.unwrap().not_eligible, Some(why));
            assert_eq!(reg::send_email_code(&s, &ctx, "someone@home.example").await, Err(AppError::Forbidden));
            assert_eq!(reg::finish(&s, &ctx).await, Err(AppError::Forbidden));
        }

        // The policy's scope: one group only.
        exec(&db, "INSERT INTO groups (id, name, created_at) VALUES (7, 'Pilot', 0)").await;
        exec(&db, &format!("INSERT INTO memberships (account_id, group_id) VALUES ({member}, 7)")).await;
        save_policy(&db, &Policy { enabled_for: Scope::Group(7), ..Policy::default() }).await;
        let ctx = ctx_for(&s, member, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().not_eligible, None);
        reg::send_email_code(&s, &ctx, "member@home.example").await.unwrap();
        let ctx = ctx_for(&s, outsider, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().not_eligible, Some(NotEligible::NotEnabled));
        assert_eq!(reg::send_email_code(&s, &ctx, "outsider@home.example").await, Err(AppError::Forbidden));

        // Nobody: even the group's member is out, but an administrator always may register.
        save_policy(&db, &Policy { enabled_for: Scope::None, ..Policy::default() }).await;
        let ctx = ctx_for(&s, member, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().not_eligible, Some(NotEligible::NotEnabled));
        exec(&db, &format!("UPDATE accounts SET role = 'admin' WHERE id = {outsider}")).await;
        let ctx = ctx_for(&s, outsider, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().not_eligible, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_sends_cannot_race_past_the_send_limits() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "burst@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        // Open the pool's connections first, so that the sends really run side by side.
        drop(hold_connections(8, &db).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(8));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (s, ctx) = (s.clone(), ctx.clone());
                let barrier = barrier.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    reg::send_email_code(&s, &ctx, "burst@home.example").await
                })
            })
            .collect();
        let mut sent = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => sent += 1,
                Err(AppError::SendLimit { .. }) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(sent, 1, "one code, 60 s apart, on {}", db.backend());
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::outbox::recent(c.conn(), 50).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn finish_voids_a_code_still_waiting_and_shows_the_finished_state_until_something_changes() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "waiting@contoso.example", false).await;
        let ctx = ctx_for(&s, id, "session-a").await;
        reg::send_email_code(&s, &ctx, "waiting@home.example").await.unwrap();
        reg::verify_code(&s, &ctx, Method::AuthEmail, &code_in(&last_message(&db).await.2)).await.unwrap();
        reg::send_phone_code(&s, &ctx, "FR", "0612345678", "sms").await.unwrap();
        let phone_code = code_in(&last_message(&db).await.2);
        let view = reg::view(&s, &ctx).await.unwrap();
        assert!(view.waiting(Method::AuthPhone) && !view.waiting(Method::AuthEmail), "the page can warn before Finish");
        assert_eq!(view.finished_at(), None);

        reg::finish(&s, &ctx).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        let view = reg::view(&s, &ctx).await.unwrap();
        let phone = view.method(Method::AuthPhone).unwrap();
        assert!(!phone.verified && phone.pending.is_none(), "Finish does not keep the phone that waited for its code");
        assert_eq!(reg::verify_code(&s, &ctx, Method::AuthPhone, &phone_code).await, field(Field::PhoneCode, Problem::CodeNotValid));
        assert_eq!(view.finished_at(), ctx.account.confirmed_at, "finished, as of the confirmation");
        assert!(view.finished_at().is_some());

        // A method verified after the confirmation: Finish confirms it again.
        age_codes(&db, id, 61).await;
        exec(&db, &format!("UPDATE accounts SET confirmed_at = confirmed_at - 10 WHERE id = {id}")).await;
        reg::send_phone_code(&s, &ctx, "FR", "0612345678", "sms").await.unwrap();
        reg::verify_code(&s, &ctx, Method::AuthPhone, &code_in(&last_message(&db).await.2)).await.unwrap();
        let ctx = ctx_for(&s, id, "session-a").await;
        assert_eq!(reg::view(&s, &ctx).await.unwrap().finished_at(), None);
    })
    .await;
}

#[tokio::test]
async fn the_preload_links_do_not_carry_the_csp_nonce() {
    use axum::body::Body;
    use axum::http::{Request, header};
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db));
        let (res, body) = crate::common::web::send(&app, Request::get("/setup").body(Body::empty()).unwrap()).await;
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        let nonce = csp.split("'nonce-").nth(1).and_then(|n| n.split('\'').next()).expect("a nonce in the CSP");
        assert!(body.contains(&format!("<script type=\"module\" nonce=\"{nonce}\"")), "the hydration script keeps its nonce");
        let links: Vec<&str> = body.split("<link").skip(1).filter_map(|l| l.split('>').next()).filter(|l| l.contains("preload")).collect();
        assert_eq!(links.len(), 2, "the JavaScript and WebAssembly preloads: {links:?}");
        for link in links {
            assert!(!link.contains(nonce), "no nonce outside the script: {link}");
            assert!(link.contains("crossorigin=\"\""), "anonymous, as the script's own fetches: {link}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_country_list_opens_on_the_user_s_likely_country() {
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "traveller@contoso.example", false).await;
        let first = |view: &sspr::view::registration::Registration| (view.default_country.clone(), view.countries[0].id.clone());

        // Nothing known: the language's country; then the browser's (`en-CA`).
        let ctx = ctx_for(&s, id, "session-country").await;
        assert_eq!(first(&reg::view(&s, &ctx).await.unwrap()), ("US".to_owned(), "US".to_owned()));
        let browser = Ctx { browser_region: Some("CA".into()), ..ctx.clone() };
        let view = reg::view(&s, &browser).await.unwrap();
        assert_eq!(first(&view), ("CA".to_owned(), "CA".to_owned()));
        assert_eq!(view.countries[0].name, "Canada");

        // The office phone (set by an administrator) says more than the browser.
        exec(&db, &format!("UPDATE accounts SET office_phone = '+442079460000' WHERE id = {id}")).await;
        let ctx = Ctx { browser_region: Some("CA".into()), ..ctx_for(&s, id, "session-country").await };
        assert_eq!(first(&reg::view(&s, &ctx).await.unwrap()), ("GB".to_owned(), "GB".to_owned()));

        // The phone the user registered says the most.
        reg::send_phone_code(&s, &ctx, "FR", "06 12 34 56 78", "sms").await.unwrap();
        let (_, _, body) = last_message(&db).await;
        reg::verify_code(&s, &ctx, Method::AuthPhone, &code_in(&body)).await.unwrap();
        assert_eq!(first(&reg::view(&s, &ctx).await.unwrap()), ("FR".to_owned(), "FR".to_owned()));
    })
    .await;
}

/// A request of the browser whose session cookie holds `token`.
async fn ctx_with_key(state: &AppState, account_id: i64, session: &str, token: &str) -> Ctx {
    Ctx { reveal_key: Some(sspr::server::crypto::RevealKey::of_session_token(token)), ..ctx_for(state, account_id, session).await }
}

fn stored(code: &str) -> String {
    format!("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = '{}'", sspr::server::crypto::sha256_hex(code))
}

#[tokio::test]
async fn recovery_codes_are_shown_to_their_session_until_kept_and_only_their_hashes_are_stored() {
    use crate::common::count;
    use sspr::domain::registration::recovery;
    on_both(|db| async move {
        let s = state(db.clone());
        let id = add_account(&db, "codes@contoso.example", false).await;
        let mine = || ctx_with_key(&s, id, "session-a", "token-a");
        let before = reg::view(&s, &mine().await).await.unwrap();
        assert!(!before.method(Method::RecoveryCodes).unwrap().verified);
        assert_eq!((before.recovery_codes_left, before.new_recovery_codes.len()), (0, 0));

        reg::new_recovery_codes(&s, &mine().await).await.unwrap();
        let view = reg::view(&s, &mine().await).await.unwrap();
        assert_eq!(view.new_recovery_codes.len(), 10);
        assert!(view.method(Method::RecoveryCodes).unwrap().verified);
        assert_eq!(view.recovery_codes_left, 10);
        assert_eq!(view.finish, None, "the codes are a method of their own");
        let codes: Vec<String> = view.new_recovery_codes.iter().map(|c| recovery::parse(c).unwrap()).collect();
        assert_eq!(view.new_recovery_codes[0], recovery::grouped(&codes[0]), "shown in groups of four");
        for code in &codes {
            assert_eq!(count(&db, &stored(code)).await, 1, "stored as its SHA-256");
            assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = '{code}'")).await, 0);
        }

        // Another browser of the same account never sees them; nor does the database alone.
        let other = reg::view(&s, &ctx_with_key(&s, id, "session-b", "token-b").await).await.unwrap();
        assert_eq!((other.recovery_codes_left, other.new_recovery_codes.len()), (10, 0));
        assert!(reg::view(&s, &ctx_for(&s, id, "session-a").await).await.unwrap().new_recovery_codes.is_empty());

        // Kept: never shown again; still there.
        reg::recovery_codes_kept(&s, &mine().await).await.unwrap();
        let kept = reg::view(&s, &mine().await).await.unwrap();
        assert_eq!((kept.recovery_codes_left, kept.new_recovery_codes.len()), (10, 0));

        // A new set: the old codes stop working at once.
        reg::new_recovery_codes(&s, &mine().await).await.unwrap();
        let again = reg::view(&s, &mine().await).await.unwrap();
        assert_eq!(again.new_recovery_codes.len(), 10);
        assert!(again.new_recovery_codes.iter().all(|c| !codes.contains(&recovery::parse(c).unwrap())));
        for code in &codes {
            assert_eq!(count(&db, &stored(code)).await, 0, "an old code is gone");
        }
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM recovery_codes WHERE account_id = {id}")).await, 10);

        // Removed: none left, and the set is no longer shown.
        reg::remove_method(&s, &mine().await, Method::RecoveryCodes).await.unwrap();
        let gone = reg::view(&s, &mine().await).await.unwrap();
        assert!(!gone.method(Method::RecoveryCodes).unwrap().verified);
        assert_eq!((gone.recovery_codes_left, gone.new_recovery_codes.len()), (0, 0));

        let events = audit_events(&db, id).await;
        let methods: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).filter(|e| e.starts_with("method_")).collect();
        assert_eq!(methods, ["method_added", "method_changed", "method_removed"]);
        assert!(events.iter().all(|(_, d)| codes.iter().all(|c| !d.contains(c.as_str()))), "no code in the audit log");
    })
    .await;
}

#[tokio::test]
async fn recovery_codes_are_made_only_where_the_policy_offers_them() {
    on_both(|db| async move {
        let s = state(db.clone());
        save_policy(&db, &Policy { offer_recovery_codes: false, ..Policy::default() }).await;
        let id = add_account(&db, "nocodes@contoso.example", false).await;
        let ctx = ctx_with_key(&s, id, "session-a", "token-a").await;
        assert_eq!(reg::new_recovery_codes(&s, &ctx).await, Err(AppError::Forbidden));
        assert!(reg::view(&s, &ctx).await.unwrap().method(Method::RecoveryCodes).is_none());
        assert_eq!(crate::common::count(&db, "SELECT COUNT(*) FROM recovery_codes").await, 0);
    })
    .await;
}
