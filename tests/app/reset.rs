//! The reset portal (SPEC §3) and its throttling and flow rules (SPEC §6), on SQLite and
//! PostgreSQL: a reset with one gate and with two, each gate, the seed's error pages, unknown
//! user IDs, the unlock, "this wasn't me", strict mode, steps out of order or from another
//! browser, 50 parallel requests against every limit, and links that ignore forged headers.

use crate::common::{PASSWORD, add_account, code_in, exec, hold_connections, on_both, save_policy, state_with, with_email, with_phone};
use sspr::view::reset::{OpenView, ResetPage};
use sspr::domain::policy::{Policy, Scope};
use sspr::domain::pow::{self, Challenge};
use sspr::domain::reset::{Gate, ResetLimit, Stop};
use sspr::domain::{AppError, Field, Problem};
use sspr::server::AppState;
use sspr::server::db::{self, Db};
use sspr::server::reset::{self, Client};

const NEW_PASSWORD: &str = "lantern orchard quietly humming";

/// A test server: an easy proof of work, and a per-address limit that one test machine's
/// address cannot reach unless a test means to.
fn server(db: &Db) -> AppState {
    state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_LIMIT", "1000"), ("SSPR_PUBLIC_URL", "https://sspr.contoso.example")])
}

/// A browser without a reset flow yet (`_name` only says whose it is in the test).
fn browser(_name: &str) -> Client {
    Client { ip: Some("192.0.2.10".into()), cookie: None, locale: Default::default() }
}

/// A challenge for `client`'s address, solved.
async fn solved(s: &AppState, client: &Client) -> (String, String) {
    let c: Challenge = reset::challenge(s, client).await.unwrap();
    let n = pow::search(&c, 0, u64::MAX).unwrap();
    (c.token, n.to_string())
}

/// Starts a reset in `client` (keeping its new cookie), with the proof of work solved.
async fn start(s: &AppState, client: &mut Client, user_id: &str) -> Result<(), AppError> {
    let (token, nonce) = solved(s, client).await;
    let cookie = reset::start(s, client, user_id, &token, &nonce).await?;
    client.cookie = Some(crate::common::web::cookie_value(&cookie).to_owned());
    Ok(())
}

/// The page right after a step (what a new visit shows: `visit`).
async fn page(s: &AppState, client: &Client) -> ResetPage {
    reset::view(s, client, true).await.unwrap().page
}

async fn visit(s: &AppState, client: &Client) -> ResetPage {
    reset::view(s, client, false).await.unwrap().page
}

async fn messages(db: &Db) -> Vec<db::outbox::Queued> {
    let mut c = db.acquire().await.unwrap();
    db::outbox::recent(c.conn(), 200).await.unwrap()
}

async fn last_code_to(db: &Db, recipient: &str) -> String {
    let m = messages(db).await.into_iter().find(|m| m.recipient == recipient).expect("a message to the recipient");
    code_in(&m.body)
}

/// Registers five answered questions: the answer to question `q` is `answer q`.
async fn with_questions(db: &Db, id: i64) {
    let mut c = db.acquire().await.unwrap();
    let ids: Vec<i64> = db::questions::active(c.conn()).await.unwrap().iter().take(5).map(|q| q.id).collect();
    let hashed: Vec<(i64, String)> =
        ids.iter().map(|q| (*q, sspr::server::crypto::hash_now(&sspr::domain::answers::normalise(&format!("answer {q}"))).unwrap())).collect();
    db::methods::replace_answers(c.conn(), id, &hashed, db::now()).await.unwrap();
}

async fn audit(db: &Db, account_id: i64) -> Vec<(String, String)> {
    let mut c = db.acquire().await.unwrap();
    let mut entries = db::audit::recent(c.conn(), account_id, 200).await.unwrap();
    entries.reverse();
    entries.into_iter().map(|e| (e.event, e.detail)).collect()
}

async fn password_hash(db: &Db, id: i64) -> String {
    let mut c = db.acquire().await.unwrap();
    db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap().password_hash
}

fn gates_of(p: &ResetPage) -> Vec<Gate> {
    match p {
        ResetPage::Gates { gates, .. } => gates.clone(),
        other => panic!("expected the gates, got {other:?}"),
    }
}

#[tokio::test]
async fn a_full_reset_with_one_gate_ends_every_session_and_tells_every_address() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "emma@contoso.example").await;
        with_phone(&db, id, "+33612345601").await;
        // Two sessions signed in elsewhere, and a sign-in lock-out.
        for _ in 0..2 {
            let mut c = db.acquire().await.unwrap();
            sspr::server::session::start(c.conn(), &s.config, id).await.unwrap();
        }
        let mut me = browser("emma");
        assert!(matches!(page(&s, &me).await, ResetPage::Start { .. }));
        start(&s, &mut me, "Emma@Contoso.example").await.unwrap();
        let gates = gates_of(&page(&s, &me).await);
        assert_eq!(gates, vec![Gate::TextPhone, Gate::CallPhone, Gate::Email], "the office phone is not set; no questions registered");

        reset::choose_gate(&s, &me, "email").await.unwrap();
        let ResetPage::Gates { open: Some(OpenView::Code { to, gate: Gate::Email, .. }), .. } = page(&s, &me).await else { panic!("a code on its way") };
        assert_eq!(to, "h•••@contoso.example");
        let code = last_code_to(&db, "home.emma@contoso.example").await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(reset::verify_code(&s, &me, wrong).await, Err(AppError::field(Field::Code, Problem::WrongCode { left: 4 })));
        reset::verify_code(&s, &me, &code).await.unwrap();
        let ResetPage::Choose { rules, can_unlock, .. } = page(&s, &me).await else { panic!("the new password step") };
        assert!(!can_unlock);
        assert_eq!(rules.min_len, 8, "two methods registered: the shorter minimum");

        // The password rules, each at its field; nothing changes.
        let before = password_hash(&db, id).await;
        assert_eq!(reset::set_password(&s, &me, "short", "short").await, Err(AppError::field(Field::NewPassword, Problem::TooShort { min: 8 })));
        assert_eq!(reset::set_password(&s, &me, "emma's own password", "emma's own password").await, Err(AppError::field(Field::NewPassword, Problem::ContainsContext)));
        assert_eq!(reset::set_password(&s, &me, NEW_PASSWORD, "something else").await, Err(AppError::field(Field::ConfirmPassword, Problem::Mismatch)));
        assert_eq!(reset::set_password(&s, &me, PASSWORD, PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::SameAsCurrent)));
        assert_eq!(password_hash(&db, id).await, before);

        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        assert_eq!(page(&s, &me).await, ResetPage::Done { unlocked: false });
        assert_ne!(password_hash(&db, id).await, before);
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 0, "every session ended, no automatic sign-in");
        drop(c);
        let (account, _) = sspr::server::auth::sign_in(&s, "emma@contoso.example", NEW_PASSWORD.into(), None).await.unwrap();
        assert_eq!(account.id, id);

        // Told on every registered channel, with a "this wasn't me" link on the public URL.
        let sent = messages(&db).await;
        for to in ["primary.emma@contoso.example", "home.emma@contoso.example", "+33612345601"] {
            let m = sent.iter().find(|m| m.recipient == to && m.body.contains("/reset/not-me?token=")).unwrap_or_else(|| panic!("a notice to {to}"));
            assert!(m.body.contains("https://sspr.contoso.example/reset/not-me?token="), "{}", m.body);
        }

        let events: Vec<String> = audit(&db, id).await.into_iter().map(|(e, _)| e).collect();
        for e in ["reset_started", "code_sent", "reset_gate_failed", "reset_gate_passed", "reset_completed"] {
            assert!(events.contains(&e.to_owned()), "{e} in {events:?}");
        }
        for (_, detail) in audit(&db, id).await {
            assert!(!detail.contains(&code) && !detail.contains(NEW_PASSWORD) && !detail.contains("home.emma"), "no secret in the audit log: {detail}");
        }
    })
    .await;
}

#[tokio::test]
async fn two_gates_must_prove_two_different_methods() {
    on_both(|db| async move {
        let s = server(&db);
        save_policy(&db, &Policy { methods_required: 2, ..Policy::default() }).await;
        let id = with_email(&db, "two@contoso.example").await;
        with_phone(&db, id, "+33612345602").await;
        let mut me = browser("two");
        start(&s, &mut me, "two@contoso.example").await.unwrap();
        let ResetPage::Gates { required: 2, passed: 0, .. } = page(&s, &me).await else { panic!("two gates") };

        reset::choose_gate(&s, &me, "text_phone").await.unwrap();
        let sms = messages(&db).await.into_iter().find(|m| m.recipient == "+33612345602").unwrap();
        assert_eq!(sms.channel, "sms");
        reset::verify_code(&s, &me, &code_in(&sms.body)).await.unwrap();

        // Skipping the second gate, or passing the same method again, is refused.
        assert_eq!(reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await, Err(AppError::Forbidden));
        assert_eq!(gates_of(&page(&s, &me).await), vec![Gate::Email]);
        assert_eq!(reset::choose_gate(&s, &me, "call_phone").await, Err(AppError::Forbidden));
        assert_eq!(reset::choose_gate(&s, &me, "call_office").await, Err(AppError::Forbidden), "not registered");

        reset::choose_gate(&s, &me, "email").await.unwrap();
        reset::verify_code(&s, &me, &last_code_to(&db, "home.two@contoso.example").await).await.unwrap();
        assert!(matches!(page(&s, &me).await, ResetPage::Choose { .. }));
        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn the_office_phone_is_called_and_security_questions_are_a_random_subset() {
    on_both(|db| async move {
        let s = server(&db);
        save_policy(&db, &Policy { methods_required: 2, questions_to_register: 5, questions_at_reset: 3, ..Policy::default() }).await;
        let id = add_account(&db, "quinn@contoso.example", false).await;
        with_questions(&db, id).await;
        {
            let mut c = db.acquire().await.unwrap();
            db::accounts::set_office_phone(c.conn(), id, Some("+33140000009")).await.unwrap();
        }
        let mut me = browser("quinn");
        start(&s, &mut me, "quinn@contoso.example").await.unwrap();
        assert_eq!(gates_of(&page(&s, &me).await), vec![Gate::CallOffice, Gate::Questions]);

        reset::choose_gate(&s, &me, "questions").await.unwrap();
        let ResetPage::Gates { open: Some(OpenView::Questions { questions }), .. } = page(&s, &me).await else { panic!("questions") };
        assert_eq!(questions.len(), 3, "three of the five registered");
        reset::choose_gate(&s, &me, "questions").await.unwrap();
        let ResetPage::Gates { open: Some(OpenView::Questions { questions: again }), .. } = page(&s, &me).await else { panic!() };
        assert_eq!(again, questions, "asking again does not draw other questions");

        let right: Vec<Option<String>> = questions.iter().map(|q| Some(format!("  ANSWER {} ", q.id))).collect();
        let mut wrong = right.clone();
        wrong[2] = Some("not the answer".into());
        assert_eq!(reset::answer_questions(&s, &me, &wrong).await, Err(AppError::field(Field::Answer(1), Problem::WrongAnswers { left: 4 })));
        assert_eq!(reset::answer_questions(&s, &me, &[right[0].clone(), None]).await, Err(AppError::field(Field::Answer(2), Problem::Required)));
        reset::answer_questions(&s, &me, &right).await.unwrap();

        reset::choose_gate(&s, &me, "call_office").await.unwrap();
        let call = messages(&db).await.into_iter().find(|m| m.recipient == "+33140000009").unwrap();
        assert_eq!(call.channel, "voice", "the office phone is called; the call reads the code");
        reset::verify_code(&s, &me, &code_in(&call.body)).await.unwrap();
        assert!(matches!(page(&s, &me).await, ResetPage::Choose { .. }));
    })
    .await;
}

#[tokio::test]
async fn the_seed_error_pages_and_unknown_user_ids_that_look_unregistered() {
    on_both(|db| async move {
        let s = server(&db);
        save_policy(&db, &Policy { helpdesk_link: Some("helpdesk@contoso.example".into()), ..Policy::default() }).await;
        let onprem = with_email(&db, "onprem@contoso.example").await;
        let unlicensed = with_email(&db, "unlicensed@contoso.example").await;
        add_account(&db, "bare@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET password_source = 'on_premises' WHERE id = {onprem}")).await;
        exec(&db, &format!("UPDATE accounts SET licensed = FALSE WHERE id = {unlicensed}")).await;
        let admin = add_account(&db, "boss@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET role = 'admin' WHERE id = {admin}")).await;

        let mut pages = Vec::new();
        for user in ["onprem", "unlicensed", "bare", "nobody"] {
            let mut b = browser(user);
            start(&s, &mut b, &format!("{user}@contoso.example")).await.unwrap();
            let view = reset::view(&s, &b, true).await.unwrap();
            assert_eq!(view.helpdesk.as_deref(), Some("helpdesk@contoso.example"), "the help desk on every error page");
            pages.push((b, view.page));
        }
        assert_eq!(pages[0].1, ResetPage::Stopped { why: Stop::OnPremises, user_id: "onprem@contoso.example".into(), contacted: false });
        assert_eq!(pages[1].1, ResetPage::Stopped { why: Stop::NotEnabled, user_id: "unlicensed@contoso.example".into(), contacted: false });
        let ResetPage::Stopped { why: bare_why, .. } = &pages[2].1 else { panic!() };
        let ResetPage::Stopped { why: nobody_why, .. } = &pages[3].1 else { panic!() };
        assert_eq!((*bare_why, *nobody_why), (Stop::NotRegistered, Stop::NotRegistered), "an unknown ID looks like an unregistered one");

        // Scope: one group only.
        save_policy(&db, &Policy { enabled_for: Scope::Group(999), ..Policy::default() }).await;
        let scoped = with_email(&db, "scoped@contoso.example").await;
        let mut b = browser("scoped");
        start(&s, &mut b, "scoped@contoso.example").await.unwrap();
        assert!(matches!(page(&s, &b).await, ResetPage::Stopped { why: Stop::NotEnabled, .. }));
        let _ = scoped;

        // Contact an administrator: the inbox and an e-mail to every admin, once per flow; the
        // same for an unknown ID. Not offered for on-premises passwords.
        let before = messages(&db).await.len();
        reset::contact_admin(&s, &pages[3].0).await.unwrap();
        reset::contact_admin(&s, &pages[1].0).await.unwrap();
        assert_eq!(reset::contact_admin(&s, &pages[1].0).await, Err(AppError::Forbidden), "once per flow");
        assert_eq!(reset::contact_admin(&s, &pages[0].0).await, Err(AppError::Forbidden));
        assert!(matches!(page(&s, &pages[1].0).await, ResetPage::Stopped { contacted: true, .. }));
        let sent = messages(&db).await;
        assert_eq!(sent.len(), before + 2);
        assert!(sent.iter().take(2).all(|m| m.recipient == "primary.boss@contoso.example"));
        // Written in the administrator's language (none recorded yet: the default), not the user's.
        assert!(sent.iter().take(2).all(|m| m.language == "en" && m.subject.starts_with("Password reset help requested for")), "{sent:?}");

        // An administrator who signs in in French gets the next alert in French, whatever the
        // language of the user who asked.
        sspr::server::auth::remember_language(&s, admin, sspr::i18n::Locale::Fr).await.unwrap();
        let mut asking = browser("english-user");
        start(&s, &mut asking, "bare@contoso.example").await.unwrap();
        reset::contact_admin(&s, &asking).await.unwrap();
        let alert = messages(&db).await.into_iter().next().unwrap();
        assert_eq!((alert.language.as_str(), alert.subject.as_str()), ("fr", "Demande d’aide pour le mot de passe de bare@contoso.example"));
        let mut c = db.acquire().await.unwrap();
        let inbox = db::admin_requests::open(c.conn(), 10).await.unwrap();
        let users: Vec<&str> = inbox.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(users, vec!["nobody@contoso.example", "unlicensed@contoso.example", "bare@contoso.example"]);
    })
    .await;
}

#[tokio::test]
async fn steps_refuse_to_run_out_of_order_twice_or_from_another_browser() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "order@contoso.example").await;
        let no_flow = browser("none");
        assert_eq!(reset::choose_gate(&s, &no_flow, "email").await, Err(AppError::FlowEnded));
        assert_eq!(reset::set_password(&s, &no_flow, NEW_PASSWORD, NEW_PASSWORD).await, Err(AppError::FlowEnded));

        let mut me = browser("order");
        start(&s, &mut me, "order@contoso.example").await.unwrap();
        assert_eq!(reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await, Err(AppError::Forbidden), "no password before the gates");
        assert_eq!(reset::verify_code(&s, &me, "123456").await, Err(AppError::Forbidden), "no code before a gate is chosen");
        assert_eq!(reset::unlock(&s, &me).await, Err(AppError::Forbidden));
        assert_eq!(reset::choose_gate(&s, &me, "sideways").await, Err(AppError::Forbidden));
        reset::choose_gate(&s, &me, "email").await.unwrap();
        let code = last_code_to(&db, "home.order@contoso.example").await;

        // Another browser cannot use this flow or its code: a forged cookie finds no flow.
        let mut thief = browser("thief");
        thief.cookie = Some("forged-cookie-value".into());
        assert_eq!(reset::verify_code(&s, &thief, &code).await, Err(AppError::FlowEnded));
        // Another browser with its own flow for the same account cannot use this flow's code.
        let mut other = browser("other");
        start(&s, &mut other, "order@contoso.example").await.unwrap();
        assert_eq!(reset::verify_code(&s, &other, &code).await, Err(AppError::Forbidden));

        reset::verify_code(&s, &me, &code).await.unwrap();
        assert_eq!(reset::verify_code(&s, &me, &code).await, Err(AppError::Forbidden), "the gate is passed: no second use");
        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        let hash = password_hash(&db, id).await;
        assert_eq!(reset::set_password(&s, &me, "another fine long password", "another fine long password").await, Err(AppError::FlowEnded), "a finished flow cannot be replayed");
        assert_eq!(reset::unlock(&s, &me).await, Err(AppError::FlowEnded));
        assert_eq!(password_hash(&db, id).await, hash);

        // A new start in the same browser ends its previous flow.
        let old = me.clone();
        let mut again = me.clone();
        start(&s, &mut again, "order@contoso.example").await.unwrap();
        assert_ne!(again.cookie, old.cookie);
        assert!(matches!(page(&s, &again).await, ResetPage::Gates { .. }));
    })
    .await;
}

#[tokio::test]
async fn parallel_steps_of_one_flow_move_it_once() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "race@contoso.example").await;
        let mut me = browser("race");
        start(&s, &mut me, "race@contoso.example").await.unwrap();
        reset::choose_gate(&s, &me, "email").await.unwrap();
        reset::verify_code(&s, &me, &last_code_to(&db, "home.race@contoso.example").await).await.unwrap();
        drop(hold_connections(8, &db).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(20));
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let (s, me, barrier) = (s.clone(), me.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    let p = format!("parallel password number {i:02} here");
                    reset::set_password(&s, &me, &p, &p).await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(e) => assert!(matches!(e, AppError::FlowEnded | AppError::Forbidden), "{e:?}"),
            }
        }
        assert_eq!(ok, 1, "{}: one new password, once", db.backend());
        let completed = audit(&db, id).await.iter().filter(|(e, _)| e == "reset_completed").count();
        assert_eq!(completed, 1);
    })
    .await;
}

/// Fires `n` starts at once and counts those let through.
async fn fire(s: &AppState, db: &Db, n: usize, who: impl Fn(usize) -> (String, String), expected: ResetLimit) -> (usize, usize) {
    drop(hold_connections(8, db).await);
    let mut solved_all = Vec::new();
    for i in 0..n {
        solved_all.push(solved(s, &Client { ip: Some(who(i).1), ..browser("") }).await);
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = solved_all
        .into_iter()
        .enumerate()
        .map(|(i, (token, nonce))| {
            let (s, barrier) = (s.clone(), barrier.clone());
            let (user, ip) = who(i);
            tokio::spawn(async move {
                barrier.wait().await;
                let client = Client { ip: Some(ip), cookie: None, locale: Default::default() };
                reset::start(&s, &client, &user, &token, &nonce).await
            })
        })
        .collect();
    let (mut ok, mut locked) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(AppError::ResetLimited { limit, .. }) if limit == expected => locked += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    (ok, locked)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_starts_cannot_pass_five_per_account_or_per_address() {
    on_both(|db| async move {
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_LIMIT", "5")]);
        with_email(&db, "busy@contoso.example").await;
        // One account from 50 addresses; then 50 user IDs (known or not) from one address.
        let (ok, locked) = fire(&s, &db, 50, |i| ("busy@contoso.example".into(), format!("198.51.100.{i}")), ResetLimit::AccountAttempts).await;
        assert_eq!((ok, locked), (5, 45), "{}: per account", db.backend());
        let (ok, locked) = fire(&s, &db, 50, |i| (format!("user{i}@contoso.example"), "203.0.113.9".into()), ResetLimit::AddressAttempts).await;
        assert_eq!((ok, locked), (5, 45), "{}: per address", db.backend());

        // The block lasts a day, for a known ID as for an unknown one.
        let mut c = db.acquire().await.unwrap();
        let until = db::limits::blocked_until(c.conn(), "reset:busy@contoso.example", db::now()).await.unwrap().unwrap();
        assert!(until - db::now() > 23 * 3600);
        drop(c);
        let mut late = browser("late");
        late.ip = Some("198.51.100.200".into());
        assert!(matches!(start(&s, &mut late, "busy@contoso.example").await, Err(AppError::ResetLimited { limit: ResetLimit::AccountAttempts, retry_after_secs }) if retry_after_secs > 23 * 3600));
        // The address only cools down: a quarter of an hour, not a day.
        let mut office = browser("office");
        office.ip = Some("203.0.113.9".into());
        assert!(matches!(start(&s, &mut office, "another@contoso.example").await, Err(AppError::ResetLimited { limit: ResetLimit::AddressAttempts, retry_after_secs }) if retry_after_secs <= 15 * 60));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_failed_verifications_block_reset_for_a_day_even_in_parallel() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "guess@contoso.example").await;
        with_phone(&db, id, "+33612345603").await;
        let mut me = browser("guess");
        start(&s, &mut me, "guess@contoso.example").await.unwrap();
        reset::choose_gate(&s, &me, "email").await.unwrap();
        let code = last_code_to(&db, "home.guess@contoso.example").await;
        drop(hold_connections(8, &db).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(50));
        let tasks: Vec<_> = (0..50u32)
            .map(|i| {
                let (s, me, barrier) = (s.clone(), me.clone(), barrier.clone());
                let guess = format!("{:06}", (code.parse::<u32>().unwrap() + 1 + i) % 1_000_000);
                tokio::spawn(async move {
                    barrier.wait().await;
                    reset::verify_code(&s, &me, &guess).await
                })
            })
            .collect();
        let mut counted = 0;
        for t in tasks {
            match t.await.unwrap() {
                Err(AppError::Field { problem: Problem::WrongCode { .. } | Problem::CodeDead, .. })
                | Err(AppError::ResetLimited { limit: ResetLimit::AccountFailures, .. }) => counted += 1,
                Err(AppError::FlowEnded) | Err(AppError::Field { problem: Problem::CodeNotValid, .. }) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(counted >= 5);
        let failures = audit(&db, id).await.iter().filter(|(e, _)| e == "reset_gate_failed").count();
        assert!(failures <= 5, "{}: {failures} failures counted; at most five per code", db.backend());
        assert!(reset::verify_code(&s, &me, &code).await.is_err(), "the flow is over");
        let mut again = browser("guess-again");
        let blocked = start(&s, &mut again, "guess@contoso.example").await;
        assert!(matches!(blocked, Err(AppError::ResetLimited { limit: ResetLimit::AccountFailures, retry_after_secs }) if retry_after_secs > 23 * 3600), "blocked for a day: {blocked:?}");
        assert!(audit(&db, id).await.iter().any(|(e, _)| e == "reset_blocked"));
    })
    .await;
}

#[tokio::test]
async fn the_proof_of_work_is_checked_and_used_once_and_without_it_fewer_tries_are_allowed() {
    on_both(|db| async move {
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "8"), ("SSPR_RESET_ADDRESS_LIMIT", "30")]);
        with_email(&db, "pow@contoso.example").await;
        let client = Client { ip: Some("192.0.2.50".into()), cookie: None, locale: Default::default() };
        let c = reset::challenge(&s, &client).await.unwrap();
        assert_eq!(c.bits, 8);
        let n = pow::search(&c, 0, u64::MAX).unwrap();
        let wrong = (0..).find(|k| !pow::solves(&c.token, *k, 8)).unwrap();
        assert_eq!(reset::start(&s, &client, "pow@contoso.example", &c.token, &wrong.to_string()).await, Err(AppError::Challenge));
        let forged = c.token.replace(".8.", ".1.");
        assert_eq!(reset::start(&s, &client, "pow@contoso.example", &forged, "0").await, Err(AppError::Challenge), "difficulty is signed");
        reset::start(&s, &client, "pow@contoso.example", &c.token, &n.to_string()).await.unwrap();
        assert_eq!(reset::start(&s, &client, "pow@contoso.example", &c.token, &n.to_string()).await, Err(AppError::Challenge), "single use");
        // Bad input changes nothing and counts nothing.
        assert_eq!(reset::start(&s, &client, "not an id", "", "").await, Err(AppError::field(Field::UserId, Problem::NotAUserId)));

        // Without scripts (no solution), a tenth of the address's ceiling: 3 starts instead of 30.
        let nojs = Client { ip: Some("192.0.2.51".into()), cookie: None, locale: Default::default() };
        let mut results = Vec::new();
        for i in 0..5 {
            results.push(reset::start(&s, &nojs, &format!("p{i}@contoso.example"), "", "").await.is_ok());
        }
        assert_eq!(results, vec![true, true, true, false, false]);
    })
    .await;
}

#[tokio::test]
async fn a_locked_out_account_unlocks_without_resetting() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "locked@contoso.example").await;
        for _ in 0..5 {
            let _ = sspr::server::auth::sign_in(&s, "locked@contoso.example", "wrong password here".into(), None).await;
        }
        assert!(matches!(sspr::server::auth::sign_in(&s, "locked@contoso.example", PASSWORD.into(), None).await, Err(AppError::Locked { .. })));
        let before = password_hash(&db, id).await;
        let mut me = browser("locked");
        start(&s, &mut me, "locked@contoso.example").await.unwrap();
        reset::choose_gate(&s, &me, "email").await.unwrap();
        reset::verify_code(&s, &me, &last_code_to(&db, "home.locked@contoso.example").await).await.unwrap();
        let ResetPage::Choose { can_unlock: true, .. } = page(&s, &me).await else { panic!("unlock offered") };
        reset::unlock(&s, &me).await.unwrap();
        assert_eq!(page(&s, &me).await, ResetPage::Done { unlocked: true });
        assert_eq!(password_hash(&db, id).await, before, "the password is kept");
        sspr::server::auth::sign_in(&s, "locked@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert!(audit(&db, id).await.iter().any(|(e, _)| e == "account_unlocked"));
        assert!(messages(&db).await.iter().any(|m| m.recipient == "primary.locked@contoso.example" && m.subject == "Your account was unlocked"));
    })
    .await;
}

#[tokio::test]
async fn this_wasnt_me_locks_the_account_and_alerts_the_admins_once() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "victim@contoso.example").await;
        let admin = add_account(&db, "admin@contoso.example", false).await;
        exec(&db, &format!("UPDATE accounts SET role = 'admin' WHERE id = {admin}")).await;
        let mut me = browser("victim");
        start(&s, &mut me, "victim@contoso.example").await.unwrap();
        reset::choose_gate(&s, &me, "email").await.unwrap();
        reset::verify_code(&s, &me, &last_code_to(&db, "home.victim@contoso.example").await).await.unwrap();
        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        {
            let mut c = db.acquire().await.unwrap();
            sspr::server::session::start(c.conn(), &s.config, id).await.unwrap();
        }

        let notice = messages(&db).await.into_iter().find(|m| m.recipient == "primary.victim@contoso.example").unwrap();
        let token = notice.body.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
        assert_eq!(reset::report_of(&s, &token).await.unwrap().as_deref(), Some("password_reset"), "opening the link changes nothing");
        reset::report_not_me(&s, &me, &token).await.unwrap();
        assert_eq!(reset::report_not_me(&s, &me, &token).await, Err(AppError::FlowEnded), "once");
        assert_eq!(reset::report_of(&s, &token).await.unwrap(), None);

        assert_eq!(sspr::server::auth::sign_in(&s, "victim@contoso.example", NEW_PASSWORD.into(), None).await.unwrap_err(), AppError::AccountLocked);
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::sessions::count_for_account(c.conn(), id).await.unwrap(), 0);
        let inbox = db::admin_requests::open(c.conn(), 10).await.unwrap();
        assert_eq!(inbox[0].1, "victim@contoso.example");
        drop(c);
        assert!(messages(&db).await.iter().any(|m| m.recipient == "primary.admin@contoso.example" && m.subject.contains("victim@contoso.example")));
        // Self-service cannot open it again.
        let mut again = browser("victim-again");
        start(&s, &mut again, "victim@contoso.example").await.unwrap();
        assert!(matches!(page(&s, &again).await, ResetPage::Stopped { why: Stop::NotRegistered, .. }));
    })
    .await;
}

#[tokio::test]
async fn strict_mode_shows_one_page_and_sends_the_detail_to_the_account() {
    on_both(|db| async move {
        let s = server(&db);
        save_policy(&db, &Policy { strict_privacy: true, ..Policy::default() }).await;
        with_email(&db, "strict@contoso.example").await;
        add_account(&db, "unready@contoso.example", false).await;
        let mut pages = Vec::new();
        for user in ["strict", "unready", "nobody"] {
            let mut b = browser(user);
            start(&s, &mut b, &format!("{user}@contoso.example")).await.unwrap();
            let p = page(&s, &b).await;
            assert!(matches!(p, ResetPage::CheckMessages { contacted: false, .. }), "one page for every case: {p:?}");
            pages.push(b);
        }
        let sent = messages(&db).await;
        assert!(sent.iter().all(|m| !m.recipient.contains("nobody")), "an unknown ID gets nothing");
        let detail = sent.iter().find(|m| m.recipient == "primary.unready@contoso.example").expect("the detail to the account's own address");
        assert!(detail.body.contains("We can't verify your account"));
        let link = sent.iter().find(|m| m.recipient == "home.strict@contoso.example").expect("the link to go on").body.clone();
        let token = link.split("continue=").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
        assert!(link.contains("https://sspr.contoso.example/reset?continue="));

        let mut elsewhere = browser("elsewhere");
        start(&s, &mut elsewhere, "someone@contoso.example").await.unwrap();
        assert_eq!(reset::continue_with(&s, &elsewhere, &token).await, Err(AppError::FlowEnded), "only in the browser that started");
        assert_eq!(reset::continue_with(&s, &pages[0], "wrong-token").await, Err(AppError::FlowEnded));
        reset::continue_with(&s, &pages[0], &token).await.unwrap();
        assert_eq!(gates_of(&page(&s, &pages[0]).await), vec![Gate::Email]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_works_as_plain_form_posts_and_links_ignore_forged_hosts() {
    use axum::http::{StatusCode, header};
    use crate::common::web::{encode, form_post, location, page as get, send, set_cookies};
    on_both(|db| async move {
        let s = server(&db);
        with_email(&db, "plain@contoso.example").await;
        let app = sspr::server::serve::router(s.clone());
        let origin = "https://sspr.contoso.example";
        let forged = |mut r: axum::http::Request<axum::body::Body>| {
            r.headers_mut().insert(header::HOST, "evil.example".parse().unwrap());
            r.headers_mut().insert("x-forwarded-host", "evil.example".parse().unwrap());
            r
        };

        let (res, html) = send(&app, get("/reset", None)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("name=\"challenge\"") && html.contains("name=\"pow\""), "the form works without scripts");
        assert!(html.contains("Get back into your account"));

        // Known and unknown user IDs: the same status, headers and location.
        let start = |user: &str| forged(form_post("/api/start_reset", &encode(&[("user_id", user), ("challenge", ""), ("pow", "")]), origin, None));
        let (known, _) = send(&app, start("plain@contoso.example")).await;
        let (unknown, _) = send(&app, start("ghost@contoso.example")).await;
        assert_eq!((known.status(), unknown.status()), (StatusCode::FOUND, StatusCode::FOUND));
        assert_eq!((location(&known), location(&unknown)), ("/reset?resume=1".into(), "/reset?resume=1".into()));
        let names = |r: &axum::http::Response<axum::body::Body>| {
            let mut n: Vec<String> = r.headers().keys().map(|k| k.to_string()).filter(|k| k != "x-request-id").collect();
            n.sort();
            n
        };
        assert_eq!(names(&known), names(&unknown));
        let cookie = set_cookies(&known).into_iter().find(|c| c.starts_with("__Host-sspr_reset=")).expect("the flow cookie");
        assert!(cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly") && cookie.contains("Secure"), "{cookie}");
        let cookie = cookie.split(';').next().unwrap().to_owned();

        // Duplicated parameters are refused and change nothing.
        let (res, _) = send(&app, form_post("/api/choose_gate", "gate=email&gate=questions", origin, Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(messages(&db).await.is_empty());

        let (_, html) = send(&app, get("/reset", Some(&cookie))).await;
        assert!(html.contains("Verify your identity") && html.contains("E-mail my authentication address"), "{html}");
        let (res, _) = send(&app, forged(form_post("/api/choose_gate", "gate=email", origin, Some(&cookie)))).await;
        assert_eq!(location(&res), "/reset?resume=1");
        let code = last_code_to(&db, "home.plain@contoso.example").await;
        let (res, _) = send(&app, form_post("/api/verify_reset_code", "code=000", origin, Some(&cookie))).await;
        assert!(location(&res).starts_with("/reset?resume=1&error="));
        let (_, html) = send(&app, get(&location(&res), Some(&cookie))).await;
        assert!(html.contains("Enter the 6 digits of the code.") && html.contains("aria-invalid=\"true\""), "the error at its field");
        let (res, _) = send(&app, form_post("/api/verify_reset_code", &encode(&[("code", &code)]), origin, Some(&cookie))).await;
        let (_, html) = send(&app, get(&location(&res), Some(&cookie))).await;
        assert!(html.contains("Choose a new password"));
        let (res, _) = send(&app, forged(form_post("/api/set_reset_password", &encode(&[("new_password", NEW_PASSWORD), ("confirm_password", NEW_PASSWORD)]), origin, Some(&cookie)))).await;
        assert_eq!(location(&res), "/reset?resume=1");
        let (_, html) = send(&app, get(&location(&res), Some(&cookie))).await;
        assert!(html.contains("Your password has been reset"));
        // A new visit (the next person at this computer) starts a new reset.
        let (_, html) = send(&app, get("/reset", Some(&cookie))).await;
        assert!(html.contains("Get back into your account") && !html.contains("Your password has been reset"), "{html}");

        for m in messages(&db).await {
            assert!(!m.body.contains("evil.example"), "links use the configured public URL: {}", m.body);
        }
        assert!(messages(&db).await.iter().any(|m| m.body.contains("https://sspr.contoso.example/reset/not-me?token=")));
    })
    .await;
}

// ---- the per-address defence: an office behind one address is slowed, never locked out ----

/// A browser of the office: everyone there shares one outgoing address (NAT, proxy, VPN).
fn at_the_office(name: &str) -> Client {
    Client { ip: Some("203.0.113.77".into()), ..browser(name) }
}

#[tokio::test]
async fn an_office_behind_one_address_resets_200_accounts_in_an_hour_and_one_account_still_blocks_at_five() {
    on_both(|db| async move {
        // The default limits; only the proof of work's base is easy (4 bits), to keep the test fast.
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_PUBLIC_URL", "https://sspr.contoso.example")]);
        sspr::server::seed::accounts(&db, 200).await.unwrap();
        let early = reset::challenge(&s, &at_the_office("early")).await.unwrap();
        assert_eq!(early.bits, 4, "a quiet address gets the base difficulty");
        let mut bits = Vec::new();
        for i in 1..=200 {
            let mut person = at_the_office("colleague");
            bits.push(reset::challenge(&s, &person).await.unwrap().bits);
            let user = sspr::server::seed::user_id(i);
            start(&s, &mut person, &user).await.unwrap_or_else(|e| panic!("{}: {user} was refused: {e:?}", db.backend()));
            assert!(matches!(page(&s, &person).await, ResetPage::Gates { .. }), "{user} reaches the gates");
        }
        // The work grows with the address's volume, one bit per doubling, up to 5 more bits.
        assert_eq!((bits[0], bits[9], bits[10], bits[20], bits[40], bits[80], bits[160], bits[199]), (4, 4, 5, 6, 7, 8, 9, 9));
        // A challenge fetched while the address was quiet no longer starts a reset.
        let n = pow::search(&early, 0, u64::MAX).unwrap();
        assert_eq!(reset::start(&s, &at_the_office("stock"), "seed7@contoso.example", &early.token, &n.to_string()).await, Err(AppError::Challenge));

        // Entra's rule per account is untouched: seed1 started once; four more, then blocked.
        for _ in 0..4 {
            start(&s, &mut at_the_office("seed1"), "seed1@contoso.example").await.unwrap();
        }
        let refused = start(&s, &mut at_the_office("seed1"), "seed1@contoso.example").await.unwrap_err();
        assert_eq!(refused, AppError::ResetLimited { limit: ResetLimit::AccountAttempts, retry_after_secs: 24 * 3600 });
        assert_eq!(sspr::i18n::Locale::En.texts().error(&refused), "Too many reset attempts for this account. Try again in 24 hours.");
        // From another address too; and the office's other people still get through.
        let mut home = browser("seed1 at home");
        home.ip = Some("198.51.100.77".into());
        assert!(matches!(start(&s, &mut home, "seed1@contoso.example").await, Err(AppError::ResetLimited { limit: ResetLimit::AccountAttempts, .. })));
        start(&s, &mut at_the_office("seed2"), "seed2@contoso.example").await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn the_address_ceiling_cools_down_in_a_quarter_of_an_hour_and_spends_no_accounts_starts() {
    on_both(|db| async move {
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_LIMIT", "20")]);
        for i in 0..20 {
            start(&s, &mut at_the_office("colleague"), &format!("c{i}@contoso.example")).await.unwrap();
        }
        let refused = start(&s, &mut at_the_office("late"), "late@contoso.example").await.unwrap_err();
        assert_eq!(refused, AppError::ResetLimited { limit: ResetLimit::AddressAttempts, retry_after_secs: 15 * 60 });
        let said = sspr::i18n::Locale::En.texts().error(&refused);
        assert!(said.contains("from your network") && said.ends_with("Try again in 15 minutes.") && !said.contains("fail"), "{said}");
        assert!(sspr::i18n::Locale::Fr.texts().error(&refused).ends_with("Réessayez dans 15 minutes."));
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::limits::count_in_window(c.conn(), "reset:late@contoso.example", db::now(), 3600).await.unwrap(), 0, "the refused start counted nothing for the account");
        drop(c);
        let mut home = browser("late at home");
        home.ip = Some("198.51.100.78".into());
        start(&s, &mut home, "late@contoso.example").await.unwrap();

        // A quarter of an hour later (moved back in the database), the office starts again.
        exec(&db, "UPDATE rate_counters SET blocked_until = blocked_until - 901, window_start = window_start - 901 WHERE key = 'reset_ip:203.0.113.77'").await;
        start(&s, &mut at_the_office("late"), "late@contoso.example").await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn failures_from_one_address_cool_it_down_and_each_account_keeps_its_own_five() {
    on_both(|db| async move {
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_FAILURE_LIMIT", "3")]);
        let mut results = Vec::new();
        for who in ["f1", "f2", "f3"] {
            let user = format!("{who}@contoso.example");
            with_email(&db, &user).await;
            let mut b = at_the_office(who);
            start(&s, &mut b, &user).await.unwrap();
            reset::choose_gate(&s, &b, "email").await.unwrap();
            let code = last_code_to(&db, &format!("home.{user}")).await;
            let wrong = if code == "000000" { "111111" } else { "000000" };
            results.push(reset::verify_code(&s, &b, wrong).await.unwrap_err());
        }
        assert!(matches!(results[0], AppError::Field { problem: Problem::WrongCode { left: 4 }, .. }), "{results:?}");
        assert!(matches!(results[1], AppError::Field { problem: Problem::WrongCode { left: 4 }, .. }), "{results:?}");
        assert_eq!(results[2], AppError::ResetLimited { limit: ResetLimit::AddressFailures, retry_after_secs: 15 * 60 });
        // The address waits: no start, no gate. The accounts are not blocked elsewhere.
        let refused = start(&s, &mut at_the_office("f4"), "f4@contoso.example").await.unwrap_err();
        assert!(matches!(refused, AppError::ResetLimited { limit: ResetLimit::AddressFailures, .. }));
        assert!(sspr::i18n::Locale::En.texts().error(&refused).contains("wrong codes or answers have just been entered from your network"));
        let mut home = browser("f1 at home");
        home.ip = Some("198.51.100.79".into());
        start(&s, &mut home, "f1@contoso.example").await.unwrap();
        assert!(matches!(page(&s, &home).await, ResetPage::Gates { .. }));
    })
    .await;
}

// ---- a new visit ----------------------------------------------------------------------------

#[tokio::test]
async fn a_new_visit_starts_a_new_reset_unless_the_flow_is_at_its_gates() {
    on_both(|db| async move {
        let s = server(&db);
        // A seed's error page: shown right after the start, never at the next visit.
        let mut first = browser("first person");
        start(&s, &mut first, "nobody@contoso.example").await.unwrap();
        assert!(matches!(page(&s, &first).await, ResetPage::Stopped { .. }));
        assert!(matches!(visit(&s, &first).await, ResetPage::Start { .. }), "the next person starts afresh");
        assert!(matches!(page(&s, &first).await, ResetPage::Start { .. }), "and the old page is gone for good");
        assert!(reset::contact_admin(&s, &first).await.is_err(), "nothing more to do in it");

        // In the middle of the gates: every visit comes back to them.
        with_email(&db, "midway@contoso.example").await;
        let mut me = browser("midway");
        start(&s, &mut me, "midway@contoso.example").await.unwrap();
        assert!(matches!(visit(&s, &me).await, ResetPage::Gates { open: None, .. }));
        reset::choose_gate(&s, &me, "email").await.unwrap();
        assert!(matches!(visit(&s, &me).await, ResetPage::Gates { open: Some(OpenView::Code { .. }), .. }));
        let code = last_code_to(&db, "home.midway@contoso.example").await;
        reset::verify_code(&s, &me, &code).await.unwrap();
        // Past the gates, the new password is for whoever passed them, right then.
        assert!(matches!(page(&s, &me).await, ResetPage::Choose { .. }));
        assert!(matches!(visit(&s, &me).await, ResetPage::Start { .. }));
        assert_eq!(reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await, Err(AppError::FlowEnded));

        // The end: shown after the step, not at the next visit.
        with_email(&db, "finisher@contoso.example").await;
        let mut again = browser("finisher");
        start(&s, &mut again, "finisher@contoso.example").await.unwrap();
        reset::choose_gate(&s, &again, "email").await.unwrap();
        let code = last_code_to(&db, "home.finisher@contoso.example").await;
        reset::verify_code(&s, &again, &code).await.unwrap();
        reset::set_password(&s, &again, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        assert_eq!(page(&s, &again).await, ResetPage::Done { unlocked: false });
        assert!(matches!(visit(&s, &again).await, ResetPage::Start { .. }));
        assert!(matches!(page(&s, &again).await, ResetPage::Start { .. }));
    })
    .await;
}

/// Gives the account a set of recovery codes, as registration would, and returns them.
async fn with_recovery_codes(db: &Db, id: i64) -> Vec<String> {
    let codes = sspr::server::crypto::RevealKey::of_session_token(&format!("session of {id}")).recovery_codes("set");
    let hashes: Vec<String> = codes.iter().map(|c| sspr::server::crypto::sha256_hex(c)).collect();
    let mut c = db.acquire().await.unwrap();
    db::methods::replace_recovery_codes(c.conn(), id, &hashes, db::now()).await.unwrap();
    codes
}

#[tokio::test]
async fn a_recovery_code_passes_one_gate_once_and_only_wrong_codes_count_as_guesses() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "rosa@contoso.example").await;
        let codes = with_recovery_codes(&db, id).await;
        let mut me = browser("rosa");
        start(&s, &mut me, "rosa@contoso.example").await.unwrap();
        assert_eq!(gates_of(&page(&s, &me).await), vec![Gate::Email, Gate::RecoveryCode]);
        reset::choose_gate(&s, &me, "recovery_code").await.unwrap();
        assert!(matches!(page(&s, &me).await, ResetPage::Gates { open: Some(OpenView::RecoveryCode), .. }));
        assert!(messages(&db).await.is_empty(), "nothing is sent for a recovery code");

        let wrong = "0000-0000-0000-0000";
        let field = |p| Err(AppError::field(Field::Code, p));
        assert_eq!(reset::verify_code(&s, &me, wrong).await, field(Problem::WrongCode { left: 4 }));
        assert_eq!(reset::verify_code(&s, &me, "123456").await, field(Problem::NotARecoveryCode), "misread: said, not counted");
        assert_eq!(reset::verify_code(&s, &me, wrong).await, field(Problem::WrongCode { left: 3 }));
        let typed = format!(" {} ", sspr::domain::registration::recovery::grouped(&codes[3]).to_uppercase());
        reset::verify_code(&s, &me, &typed).await.unwrap();
        assert!(matches!(page(&s, &me).await, ResetPage::Choose { .. }));
        let (event, detail) = audit(&db, id).await.pop().unwrap();
        assert_eq!(event, "reset_gate_passed");
        assert!(detail.contains(r#""codes_left":9"#) && detail.contains("recovery_code"), "{detail}");
        assert!(audit(&db, id).await.iter().all(|(_, d)| codes.iter().all(|c| !d.contains(c.as_str()))), "no code in the audit log");

        // Used: another reset cannot pass with it, and is told so without a guess counted.
        let mut again = browser("rosa, later");
        start(&s, &mut again, "rosa@contoso.example").await.unwrap();
        reset::choose_gate(&s, &again, "recovery_code").await.unwrap();
        assert_eq!(reset::verify_code(&s, &again, &codes[3]).await, field(Problem::RecoveryCodeUsed));
        assert_eq!(reset::verify_code(&s, &again, wrong).await, field(Problem::WrongCode { left: 2 }), "the used code was not counted");
        reset::verify_code(&s, &again, &codes[4]).await.unwrap();

        // Once every code is used, the gate is no longer offered.
        exec(&db, &format!("UPDATE recovery_codes SET used_at = 1 WHERE account_id = {id}")).await;
        let mut last = browser("rosa, out of codes");
        start(&s, &mut last, "rosa@contoso.example").await.unwrap();
        assert_eq!(gates_of(&page(&s, &last).await), vec![Gate::Email]);
        assert_eq!(reset::choose_gate(&s, &last, "recovery_code").await, Err(AppError::Forbidden));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_entries_of_one_recovery_code_use_it_once() {
    on_both(|db| async move {
        let s = server(&db);
        let id = with_email(&db, "pia@contoso.example").await;
        let codes = with_recovery_codes(&db, id).await;
        let mut me = browser("pia");
        start(&s, &mut me, "pia@contoso.example").await.unwrap();
        reset::choose_gate(&s, &me, "recovery_code").await.unwrap();
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(50));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (s, me, code, barrier) = (s.clone(), me.clone(), codes[0].clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    reset::verify_code(&s, &me, &code).await
                })
            })
            .collect();
        let mut passed = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => passed += 1,
                Err(AppError::Field { problem: Problem::WrongCode { .. }, .. }) => panic!("a right code counted as a guess"),
                Err(_) => {}
            }
        }
        assert_eq!(passed, 1);
        let used = crate::common::count(&db, &format!("SELECT COUNT(*) FROM recovery_codes WHERE account_id = {id} AND used_at IS NOT NULL")).await;
        assert_eq!(used, 1);
        assert!(matches!(page(&s, &me).await, ResetPage::Choose { .. }));
    })
    .await;
}
