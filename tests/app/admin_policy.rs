//! The admin console's policy editor, groups and question list (SPEC §1, §5), on SQLite and
//! PostgreSQL: validation that writes nothing, the impact preview (and its time on 10,000
//! accounts), the compare-and-set save and its history, groups, the question list and what
//! retiring an answered question does, `sspr policy show|set`, and every endpoint refused to
//! visitors and non-administrators through the real router.

use crate::common::{add_account, on_both, state, state_with, url_of, with_email, with_phone};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crate::common::web::{cookie_value, encode, form_post, location, page, send};
use sspr::view::admin::policy::Impact;
use sspr::domain::policy::{Policy, PolicyForm, Scope};
use sspr::domain::reset::{Gate, Stop};
use sspr::domain::{AppError, Field, Method, Problem};
use sspr::i18n::Locale;
use sspr::server::AppState;
use sspr::server::admin::{Admin, groups, policy, questions};
use sspr::server::db::{self, Db};
use std::process::{Command, Output};

const ORIGIN: &str = "http://127.0.0.1:3000";

// ---- helpers ------------------------------------------------------------------------------------

async fn admin_in(s: &AppState, user_id: &str) -> Admin {
    let id = add_account(&s.db, user_id, false).await;
    let mut c = s.db.acquire().await.unwrap();
    db::accounts::set_role(c.conn(), id, sspr::domain::directory::Role::Admin).await.unwrap();
    let account = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
    Admin { state: s.clone(), account, ip: Some("192.0.2.1".into()), locale: Locale::En }
}

async fn admin(s: &AppState) -> Admin {
    admin_in(s, "root@contoso.example").await
}

async fn version(db: &Db) -> i64 {
    let mut c = db.acquire().await.unwrap();
    db::policy::current(c.conn()).await.unwrap().0
}

async fn policy_in_force(db: &Db) -> Policy {
    let mut c = db.acquire().await.unwrap();
    db::policy::current(c.conn()).await.unwrap().1
}

/// The audit details of `event`, oldest first, with their actor.
async fn audited(db: &Db, event: &str) -> Vec<(Option<i64>, serde_json::Value)> {
    let mut c = db.acquire().await.unwrap();
    let sql = format!("SELECT actor_id, detail FROM audit_log WHERE event = '{event}' ORDER BY id");
    let rows: Vec<(Option<i64>, String)> = sspr::on!(c.conn(), c => sqlx::query_as(&sql).fetch_all(&mut *c).await).unwrap();
    rows.into_iter().map(|(a, d)| (a, serde_json::from_str(&d).unwrap())).collect()
}

async fn audit_count(db: &Db) -> i64 {
    let mut c = db.acquire().await.unwrap();
    sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&mut *c).await).unwrap()
}

/// The policy form in force with `changes` (form field names).
fn changed(changes: &[(&str, &str)]) -> PolicyForm {
    let mut f = PolicyForm::of(&Policy::default());
    for (k, v) in changes {
        f.set(k, v).unwrap();
    }
    f
}

/// Registers answers to `question_ids`: the answer to question `q` is `answer q`.
async fn with_answers(db: &Db, id: i64, question_ids: &[i64]) {
    let mut c = db.acquire().await.unwrap();
    let hashed: Vec<(i64, String)> = question_ids
        .iter()
        .map(|q| (*q, sspr::server::crypto::hash_now(&sspr::domain::answers::normalise(&format!("answer {q}"))).unwrap()))
        .collect();
    db::methods::replace_answers(c.conn(), id, &hashed, db::now()).await.unwrap();
}

async fn active_ids(db: &Db) -> Vec<i64> {
    let mut c = db.acquire().await.unwrap();
    db::questions::active(c.conn()).await.unwrap().iter().map(|q| q.id).collect()
}

async fn reregister_required(db: &Db, id: i64) -> bool {
    let mut c = db.acquire().await.unwrap();
    db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap().reregister_required
}

fn losers(impact: &Impact) -> Vec<(&str, Stop)> {
    impact.listed.iter().map(|l| (l.user_id.as_str(), l.why)).collect()
}

// ---- the policy ------------------------------------------------------------------------------------

#[tokio::test]
async fn a_refused_policy_is_refused_at_its_field_and_writes_nothing() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let staff = groups::create(&a, "Staff", "").await.unwrap();
        let before = audit_count(&db).await;
        type Case<'a> = (Vec<(&'a str, &'a str)>, Field, Problem);
        let cases: Vec<Case> = vec![
            (vec![("scope", "group"), ("scope_group", "999999")], Field::ScopeGroup, Problem::UnknownGroup),
            (vec![("scope", "some")], Field::Scope, Problem::NotAChoice),
            (vec![("methods_required", "3")], Field::MethodsRequired, Problem::OutOfRange { min: 1, max: 2 }),
            (vec![("questions_to_register", "3"), ("questions_at_reset", "4")], Field::QuestionsAtReset, Problem::MoreThanRegistered),
            (vec![("questions_to_register", "6")], Field::QuestionsToRegister, Problem::OutOfRange { min: 3, max: 5 }),
            (vec![("reconfirm_after_days", "731")], Field::ReconfirmDays, Problem::OutOfRange { min: 0, max: 730 }),
            (vec![("helpdesk_link", "http://help.contoso.example")], Field::HelpdeskLink, Problem::NotALink),
            (
                vec![("offer_sms", "false"), ("offer_voice", "false"), ("offer_office_phone", "false"), ("offer_email", "false"), ("offer_recovery_codes", "false")],
                Field::MethodsOffered,
                Problem::TooFewMethods { min: 1 },
            ),
            (
                vec![
                    ("methods_required", "2"),
                    ("offer_office_phone", "false"),
                    ("offer_email", "false"),
                    ("offer_questions", "false"),
                    ("offer_recovery_codes", "false"),
                ],
                Field::MethodsOffered,
                Problem::TooFewMethods { min: 2 },
            ),
        ];
        for (changes, field, problem) in cases {
            let form = changed(&changes);
            assert_eq!(policy::save(&db, 0, &form, policy::Actor::Admin(&a)).await, Err(AppError::field(field, problem)), "{changes:?}");
            assert_eq!(policy::preview(&db, &form).await, Err(AppError::field(field, problem)), "the preview refuses it too");
        }
        assert_eq!(version(&db).await, 0, "no version was written");
        assert_eq!(audit_count(&db).await, before, "no audit entry was written");

        // More questions to register than the list holds.
        for id in active_ids(&db).await.into_iter().skip(4) {
            questions::retire(&a, id, Some(0)).await.unwrap();
        }
        let five = changed(&[("questions_to_register", "5")]);
        assert_eq!(
            policy::save(&db, 0, &five, policy::Actor::Admin(&a)).await,
            Err(AppError::field(Field::QuestionsToRegister, Problem::OutOfRange { min: 3, max: 4 }))
        );
        // And a valid one goes through.
        let staff_only = changed(&[("scope", "group"), ("scope_group", &staff.to_string())]);
        assert_eq!(policy::save(&db, 0, &staff_only, policy::Actor::Admin(&a)).await, Ok(1));
        assert_eq!(policy_in_force(&db).await.enabled_for, Scope::Group(staff));
    })
    .await;
}

#[tokio::test]
async fn the_preview_lists_exactly_the_accounts_that_would_lose_password_reset() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        with_phone(&db, a.account.id, &format!("+336123{:05}", a.account.id)).await; // admins need two methods: e-mail and phone
        {
            let mut c = db.acquire().await.unwrap();
            db::methods::set_verified(c.conn(), a.account.id, "auth_email", "home.root@contoso.example", db::now()).await.unwrap();
        }
        with_email(&db, "emma@contoso.example").await;
        let both = with_email(&db, "bob@contoso.example").await;
        with_phone(&db, both, &format!("+336123{:05}", both)).await;
        let in_staff = with_email(&db, "sara@contoso.example").await;
        add_account(&db, "nobody@contoso.example", false).await; // registered nothing: cannot reset today
        let staff = groups::create(&a, "Staff", "").await.unwrap();
        {
            let mut c = db.acquire().await.unwrap();
            db::groups::set_memberships(c.conn(), in_staff, &[staff]).await.unwrap();
        }

        let scope = policy::preview(&db, &changed(&[("scope", "group"), ("scope_group", &staff.to_string())])).await.unwrap();
        assert_eq!(scope.changed, vec!["enabled_for".to_owned()]);
        assert_eq!((scope.accounts, scope.can_reset_now, scope.can_reset_after, scope.losing), (5, 4, 2, 2));
        assert_eq!(losers(&scope), vec![("bob@contoso.example", Stop::NotEnabled), ("emma@contoso.example", Stop::NotEnabled)]);

        let two = policy::preview(&db, &changed(&[("methods_required", "2")])).await.unwrap();
        assert_eq!(losers(&two), vec![("emma@contoso.example", Stop::NotRegistered), ("sara@contoso.example", Stop::NotRegistered)]);

        let no_email = policy::preview(&db, &changed(&[("offer_email", "false")])).await.unwrap();
        assert_eq!(
            losers(&no_email),
            vec![
                ("emma@contoso.example", Stop::NotRegistered),
                ("root@contoso.example", Stop::NotRegistered),
                ("sara@contoso.example", Stop::NotRegistered),
            ],
            "the administrator needs two methods, whatever the policy"
        );

        let same = policy::preview(&db, &changed(&[])).await.unwrap();
        assert!(same.changed.is_empty() && same.losing == 0 && same.listed.is_empty());
        assert_eq!(version(&db).await, 0, "a preview saves nothing");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn saving_is_a_compare_and_set_on_the_version_the_editor_read() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let b = admin_in(&s, "second@contoso.example").await;
        let first = changed(&[("methods_required", "2")]);
        let second = changed(&[("reconfirm_after_days", "30")]);
        assert_eq!(policy::save(&db, 0, &first, policy::Actor::Admin(&a)).await, Ok(1));
        assert_eq!(policy::save(&db, 0, &second, policy::Actor::Admin(&b)).await, Err(AppError::Conflict), "b read version 0");
        assert_eq!(policy::save(&db, 7, &second, policy::Actor::Admin(&b)).await, Err(AppError::Conflict), "a version that never was");
        assert_eq!(policy_in_force(&db).await.reconfirm_after_days, 180);
        assert_eq!(audited(&db, "policy_changed").await.len(), 1);

        // Ten administrators save at once from version 1: one wins.
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (db, admin) = (db.clone(), Admin { state: s.clone(), account: a.account.clone(), ip: None, locale: Locale::En });
                tokio::spawn(async move {
                    let form = changed(&[("reconfirm_after_days", &(10 + i).to_string())]);
                    policy::save(&db, 1, &form, policy::Actor::Admin(&admin)).await
                })
            })
            .collect();
        let mut won = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(2) => won += 1,
                Err(AppError::Conflict) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(won, 1);
        assert_eq!(version(&db).await, 2);
        assert_eq!(audited(&db, "policy_changed").await.len(), 2, "one audit entry per version");
    })
    .await;
}

#[tokio::test]
async fn every_version_is_kept_with_its_old_and_new_values() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        policy::save(&db, 0, &changed(&[("methods_required", "2")]), policy::Actor::Admin(&a)).await.unwrap();
        let v2 = changed(&[("methods_required", "2"), ("offer_questions", "false"), ("helpdesk_link", "help@contoso.example")]);
        policy::save(&db, 1, &v2, policy::Actor::Admin(&a)).await.unwrap();

        let entries = audited(&db, "policy_changed").await;
        assert_eq!(entries.len(), 2);
        let (actor, detail) = &entries[1];
        assert_eq!(*actor, Some(a.account.id));
        assert_eq!(detail["version"], 2);
        assert_eq!(detail["old"]["methods_required"], 2);
        assert_eq!(detail["old"]["offer_questions"], true);
        assert_eq!(detail["new"]["offer_questions"], false);
        assert_eq!(detail["new"]["helpdesk_link"], "help@contoso.example");
        assert_eq!(entries[0].1["old"], serde_json::to_value(Policy::default()).unwrap(), "the first change keeps the defaults");

        let editor = policy::editor(&a).await.unwrap();
        assert_eq!(editor.version, 2);
        assert_eq!(editor.form, v2);
        let history: Vec<(i64, Option<&str>, Vec<&str>)> =
            editor.history.iter().map(|h| (h.version, h.by.as_deref(), h.changed.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            history,
            vec![
                (2, Some("root@contoso.example"), vec!["helpdesk_link", "offer_questions"]),
                (1, Some("root@contoso.example"), vec!["methods_required"]),
            ]
        );
    })
    .await;
}

// ---- groups -----------------------------------------------------------------------------------------

#[tokio::test]
async fn groups_are_created_renamed_and_deleted_but_never_the_policy_scope() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let staff = groups::create(&a, "  Staff ", "Everyone on the payroll").await.unwrap();
        let taken = Err(AppError::field(Field::GroupName, Problem::AlreadyExists));
        assert_eq!(groups::create(&a, "STAFF", "").await.map(|_| ()), taken.clone(), "names are unique whatever their case");
        assert_eq!(groups::create(&a, " ", "").await, Err(AppError::field(Field::GroupName, Problem::Required)));
        assert_eq!(groups::create(&a, &"n".repeat(101), "").await, Err(AppError::field(Field::GroupName, Problem::TooLong { max: 100 })));
        assert_eq!(
            groups::create(&a, "Interns", &"d".repeat(501)).await,
            Err(AppError::field(Field::GroupDescription, Problem::TooLong { max: 500 }))
        );
        let interns = groups::create(&a, "Interns", "").await.unwrap();
        let member = add_account(&db, "ivy@contoso.example", false).await;
        {
            let mut c = db.acquire().await.unwrap();
            db::groups::set_memberships(c.conn(), member, &[interns]).await.unwrap();
        }
        let list = groups::list(&a).await.unwrap();
        let rows: Vec<(&str, &str, i64)> = list.iter().map(|g| (g.name.as_str(), g.description.as_str(), g.members)).collect();
        assert_eq!(rows, vec![("Interns", "", 1), ("Staff", "Everyone on the payroll", 0)]);

        assert_eq!(groups::update(&a, interns, "staff", "").await, taken, "renaming onto another group's name");
        groups::update(&a, interns, "Trainees", "Short contracts").await.unwrap();
        groups::update(&a, interns, "trainees", "Short contracts").await.unwrap(); // its own name, another case
        assert_eq!(groups::update(&a, 999_999, "Ghosts", "").await, Err(AppError::NotFound));

        policy::save(&db, 0, &changed(&[("scope", "group"), ("scope_group", &staff.to_string())]), policy::Actor::Admin(&a)).await.unwrap();
        assert!(groups::list(&a).await.unwrap().iter().any(|g| g.id == staff && g.in_scope));
        assert_eq!(groups::delete(&a, staff).await, Err(AppError::field(Field::GroupName, Problem::InPolicyScope)));
        groups::delete(&a, interns).await.unwrap();
        let left: Vec<String> = groups::list(&a).await.unwrap().into_iter().map(|g| g.name).collect();
        assert_eq!(left, vec!["Staff"]);
        let mut c = db.acquire().await.unwrap();
        assert!(db::groups::of_account(c.conn(), member).await.unwrap().is_empty(), "its memberships went with it");
        assert!(db::accounts::find_by_id(c.conn(), member).await.unwrap().is_some(), "its members stay");
        drop(c);

        let events: Vec<usize> = event_counts(&db, &["group_created", "group_changed", "group_deleted"]).await;
        assert_eq!(events, vec![2, 2, 1]);
        let changed_entry = &audited(&db, "group_changed").await[0].1;
        assert_eq!(changed_entry["old"]["name"], "Interns");
        assert_eq!(changed_entry["new"]["name"], "Trainees");
    })
    .await;
}

async fn event_counts(db: &Db, events: &[&str]) -> Vec<usize> {
    let mut counts = Vec::new();
    for e in events {
        counts.push(audited(db, e).await.len());
    }
    counts
}

// ---- questions --------------------------------------------------------------------------------------

#[tokio::test]
async fn the_question_list_keeps_its_limits() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let text_err = |p| Err(AppError::field(Field::QuestionText, p));
        assert_eq!(questions::add(&a, &"q".repeat(201)).await, text_err(Problem::TooLong { max: 200 }));
        assert_eq!(questions::add(&a, "   ").await, text_err(Problem::Required));
        let first_pet = (Locale::Fr.texts().question)("first_pet").unwrap().to_uppercase();
        assert_eq!(questions::add(&a, &first_pet).await, text_err(Problem::AlreadyExists), "a predefined question, in French");
        let mine = questions::add(&a, "  Which street did you grow up on, in Lyon?  ").await.unwrap();
        assert_eq!(questions::add(&a, "which street did you grow up on,  in LYON?").await, text_err(Problem::AlreadyExists));
        let list = questions::list(&a).await.unwrap();
        let row = list.active.iter().find(|q| q.id == mine).unwrap();
        assert!(row.custom);
        assert_eq!((row.en.as_str(), row.fr.as_str()), ("Which street did you grow up on, in Lyon?", "Which street did you grow up on, in Lyon?"));
        let predefined = &list.active[0];
        assert_eq!(predefined.en, (Locale::En.texts().question)("first_pet").unwrap());
        assert_eq!(predefined.fr, (Locale::Fr.texts().question)("first_pet").unwrap());
        assert_eq!(list.active.last().unwrap().id, mine, "added at the end");

        for i in 12..=20 {
            questions::add(&a, &format!("Custom question number {i}?")).await.unwrap();
        }
        assert_eq!(active_ids(&db).await.len(), 20);
        assert_eq!(questions::add(&a, "The twenty-first?").await, text_err(Problem::TooMany { max: 20 }));
        questions::retire(&a, mine, None).await.unwrap();
        questions::add(&a, "The twenty-first?").await.unwrap();
        assert_eq!(questions::restore(&a, mine).await, Err(AppError::field(Field::QuestionText, Problem::TooMany { max: 20 })), "restoring counts too");

        // Moving: one place at a time; nothing moves past either end.
        let order = active_ids(&db).await;
        questions::move_by(&a, order[2], true).await.unwrap();
        let moved = active_ids(&db).await;
        assert_eq!(&moved[..3], &[order[0], order[2], order[1]]);
        questions::move_by(&a, order[0], true).await.unwrap();
        questions::move_by(&a, *order.last().unwrap(), false).await.unwrap();
        assert_eq!(active_ids(&db).await, moved);
        questions::move_by(&a, order[0], false).await.unwrap();
        assert_eq!(&active_ids(&db).await[..3], &[order[2], order[0], order[1]]);
        assert_eq!(questions::move_by(&a, mine, true).await, Err(AppError::NotFound), "a retired question has no place");

        let counts = event_counts(&db, &["question_added", "question_retired", "question_restored", "question_moved"]).await;
        assert_eq!(counts, vec![11, 1, 0, 2], "only what changed is audited");
    })
    .await;
}

#[tokio::test]
async fn retiring_an_answered_question_asks_its_accounts_to_choose_again_and_their_answers_still_reset() {
    on_both(|db| async move {
        let s = state_with(db.clone(), &[("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_LIMIT", "1000")]);
        let a = admin(&s).await;
        policy::save(&db, 0, &changed(&[("methods_required", "2")]), policy::Actor::Admin(&a)).await.unwrap();
        let ids = active_ids(&db).await;
        let (q1, q2, q3, q4) = (ids[0], ids[1], ids[2], ids[3]);
        let kim = with_email(&db, "kim@contoso.example").await;
        with_answers(&db, kim, &[q1, q2, q3]).await;
        let lou = with_email(&db, "lou@contoso.example").await;
        with_answers(&db, lou, &[q1, q3, q4]).await;
        let max = with_email(&db, "max@contoso.example").await;
        with_answers(&db, max, &[q2, q3, q4]).await;

        let listed = questions::list(&a).await.unwrap();
        assert_eq!(listed.active.iter().find(|q| q.id == q1).unwrap().answered, 2);
        // Not without the count confirmed, nor with a count that is no longer right.
        assert_eq!(questions::retire(&a, q1, None).await, Err(AppError::Conflict));
        assert_eq!(questions::retire(&a, q1, Some(1)).await, Err(AppError::Conflict));
        assert_eq!(active_ids(&db).await.len(), 10);
        assert!(!reregister_required(&db, kim).await);

        questions::retire(&a, q1, Some(2)).await.unwrap();
        assert!(!active_ids(&db).await.contains(&q1));
        assert_eq!((reregister_required(&db, kim).await, reregister_required(&db, lou).await, reregister_required(&db, max).await), (true, true, false));
        let retired = &audited(&db, "question_retired").await[0].1;
        assert_eq!((retired["question_id"].as_i64(), retired["answered"].as_i64(), retired["reregister_required"].as_i64()), (Some(q1), Some(2), Some(2)));
        let listed = questions::list(&a).await.unwrap();
        assert_eq!(listed.retired.iter().map(|q| (q.id, q.answered)).collect::<Vec<_>>(), vec![(q1, 2)], "still counted, still shown");

        // Kim's registration page asks for questions again: the retired one is no longer a choice.
        let live = sspr::server::session::LiveSession { id_hash: "kim-session".into(), account_id: kim };
        let ctx = sspr::server::registration::context(&s, &live, None, Locale::En).await.unwrap();
        let view = sspr::server::registration::view(&s, &ctx).await.unwrap();
        assert!(view.reregister_required && view.confirmed_at.is_none());
        assert!(!view.method(Method::SecurityQuestions).unwrap().verified, "an answer to a retired question does not count");
        assert!(!view.choices.iter().any(|c| c.id == q1));

        // Until Kim chooses again, the answers still work at reset.
        let mut me = sspr::server::reset::Client { ip: Some("192.0.2.10".into()), cookie: None, locale: Locale::En };
        let challenge = sspr::server::reset::challenge(&s, &me).await.unwrap();
        let nonce = sspr::domain::pow::search(&challenge, 0, u64::MAX).unwrap().to_string();
        let set = sspr::server::reset::start(&s, &me, "kim@contoso.example", &challenge.token, &nonce).await.unwrap();
        me.cookie = Some(cookie_value(&set).to_owned());
        sspr::server::reset::choose_gate(&s, &me, "questions").await.unwrap();
        let page = sspr::server::reset::view(&s, &me, true).await.unwrap().page;
        let sspr::view::reset::ResetPage::Gates { open: Some(sspr::view::reset::OpenView::Questions { questions: asked }), gates, .. } = page else {
            panic!("the questions gate")
        };
        assert!(gates.contains(&Gate::Questions));
        let first = asked.iter().find(|q| q.id == q1).expect("the retired question is asked");
        assert_eq!(first.text, (Locale::En.texts().question)("first_pet").unwrap());
        let answers: Vec<Option<String>> = asked.iter().map(|q| Some(format!("answer {}", q.id))).collect();
        sspr::server::reset::answer_questions(&s, &me, &answers).await.unwrap();

        // The list never shrinks below the questions users register.
        policy::save(&db, 1, &changed(&[("methods_required", "2"), ("questions_to_register", "5"), ("questions_at_reset", "5")]), policy::Actor::Admin(&a))
            .await
            .unwrap();
        for id in active_ids(&db).await.into_iter().skip(5) {
            questions::retire(&a, id, Some(0)).await.unwrap();
        }
        let last = active_ids(&db).await[4];
        assert_eq!(questions::retire(&a, last, Some(0)).await, Err(AppError::field(Field::QuestionText, Problem::QuestionsNeeded { min: 5 })));
        assert_eq!(active_ids(&db).await.len(), 5);
    })
    .await;
}


// ---- scale ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_of_ten_thousand_accounts_prints_its_time() {
    on_both(|db| async move {
        sspr::server::seed::accounts(&db, 10_000).await.unwrap();
        let form = changed(&[("methods_required", "2"), ("offer_email", "false")]);
        let started = std::time::Instant::now();
        let impact = policy::preview(&db, &form).await.unwrap();
        let elapsed = started.elapsed();
        println!("impact preview of {} accounts on {}: {:.0} ms", impact.accounts, db.backend(), elapsed.as_secs_f64() * 1000.0);
        assert_eq!((impact.accounts, impact.losing, impact.listed.len()), (10_000, 10_000, 100));
    })
    .await;
}

// ---- the command line ----------------------------------------------------------------------------

fn sspr(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sspr")).args(args).env("DATABASE_URL", database_url).env("SSPR_LOG", "warn").output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sspr_policy_show_and_set_from_the_command_line() {
    on_both(|db| async move {
        let url = url_of(&db);
        let show = sspr(&url, &["policy", "show"]);
        assert!(show.status.success(), "{}", text(&show));
        let out = String::from_utf8_lossy(&show.stdout).into_owned();
        let (first, json) = out.split_once('\n').unwrap();
        assert_eq!(first, "version 0");
        assert_eq!(serde_json::from_str::<Policy>(json).unwrap(), Policy::default());
        assert!(json.contains("\n  \"methods_required\": 1"), "pretty JSON: {json}");

        for (args, says) in [
            (vec!["methods_required=7"], "methods_required: Enter a number from 1 to 2."),
            (vec!["offer_sms=maybe"], "offer_sms must be true or false"),
            (vec!["colour=blue"], "colour is not a setting of the policy"),
            (vec!["enabled_for=group:Nope"], "enabled_for: there is no group named \"Nope\""),
            (vec!["enabled_for=some"], "enabled_for must be all, none or group:NAME"),
            (vec!["questions_at_reset=5"], "questions_at_reset: Users cannot be asked more questions than they register."),
            (vec!["helpdesk_link=ftp://help.example"], "helpdesk_link: Enter an address starting with https:// or an e-mail address."),
            (vec!["methods_required"], "\"methods_required\" is not KEY=VALUE"),
        ] {
            let mut all = vec!["policy", "set"];
            all.extend(args);
            let o = sspr(&url, &all);
            assert_eq!(o.status.code(), Some(1), "{}", text(&o));
            assert!(text(&o).contains(says), "{all:?}: {}", text(&o));
        }
        assert_eq!(version(&db).await, 0, "nothing was written");
        assert_eq!(audit_count(&db).await, 0);

        let staff = {
            let mut c = db.acquire().await.unwrap();
            db::groups::create(c.conn(), "Staff", "", db::now()).await.unwrap().unwrap()
        };
        let set = sspr(&url, &["policy", "set", "methods_required=2", "offer_questions=false", "enabled_for=group:staff"]);
        assert!(set.status.success(), "{}", text(&set));
        assert!(text(&set).contains("policy version 1 saved"));
        let p = policy_in_force(&db).await;
        assert_eq!((p.methods_required, p.offer_questions, p.enabled_for), (2, false, Scope::Group(staff)));
        let entries = audited(&db, "policy_changed").await;
        assert_eq!(entries.len(), 1);
        let (actor, detail) = &entries[0];
        assert_eq!(*actor, None);
        assert_eq!(detail["via"], "cli");
        assert_eq!(detail["version"], 1);
        assert_eq!(detail["old"]["methods_required"], 1);
        assert_eq!(detail["new"]["methods_required"], 2);

        let show = sspr(&url, &["policy", "show"]);
        assert!(text(&show).starts_with("version 1\n"), "{}", text(&show));
    })
    .await;
}

// ---- through the router -----------------------------------------------------------------------------

/// A call from the hydrated app (it reads the error as JSON).
fn call(method: &str, path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_owned())).unwrap()
}

async fn session_of(s: &AppState, account_id: i64) -> String {
    let mut c = s.db.acquire().await.unwrap();
    let set = sspr::server::session::start(c.conn(), &s.config, account_id).await.unwrap();
    crate::common::web::cookie_of(&set).to_owned()
}

/// Everything the endpoints could change, to compare before and after.
async fn snapshot(db: &Db) -> String {
    let mut c = db.acquire().await.unwrap();
    let mut out = String::new();
    for sql in [
        "SELECT COUNT(*) FROM policy_versions",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM groups",
        "SELECT COUNT(*) FROM questions WHERE retired_at IS NULL",
        "SELECT CAST(COALESCE(SUM(position * id), 0) AS BIGINT) FROM questions",
        "SELECT COUNT(*) FROM accounts WHERE reregister_required",
    ] {
        let n: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar(sql).fetch_one(&mut *c).await).unwrap();
        out.push_str(&format!("{n} "));
    }
    let names: Vec<String> = db::groups::all(c.conn()).await.unwrap().into_iter().map(|g| format!("{}:{}", g.name, g.description)).collect();
    out + &names.join(",")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_refuses_visitors_and_non_administrators_and_changes_nothing() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let group = groups::create(&a, "Staff", "").await.unwrap();
        let ids = active_ids(&db).await;
        let retired = ids[9];
        questions::retire(&a, retired, Some(0)).await.unwrap();
        let user = add_account(&db, "user@contoso.example", false).await;
        let app = sspr::server::serve::router(s.clone());
        let user_cookie = session_of(&s, user).await;

        let mut policy_pairs = PolicyForm::of(&Policy::default()).pairs();
        policy_pairs.retain(|(k, _)| *k != "offer_questions");
        let policy_query = encode(&policy_pairs.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
        let (g, q, q2, r) = (group.to_string(), ids[0].to_string(), ids[1].to_string(), retired.to_string());
        let endpoints: Vec<(&str, String, String)> = vec![
            ("GET", "/api/admin_policy".into(), String::new()),
            ("GET", format!("/api/admin_preview_policy?{policy_query}"), String::new()),
            ("POST", "/api/admin_save_policy".into(), format!("version=0&{policy_query}")),
            ("GET", "/api/admin_groups".into(), String::new()),
            ("POST", "/api/admin_create_group".into(), encode(&[("group_name", "Intruders"), ("group_description", "")])),
            ("POST", "/api/admin_update_group".into(), encode(&[("id", &g), ("group_name", "Taken over"), ("group_description", "x")])),
            ("POST", "/api/admin_delete_group".into(), encode(&[("id", &g)])),
            ("GET", "/api/admin_questions".into(), String::new()),
            ("POST", "/api/admin_add_question".into(), encode(&[("question_text", "Who are you?")])),
            ("POST", "/api/admin_retire_question".into(), encode(&[("id", &q), ("confirm", "0")])),
            ("POST", "/api/admin_restore_question".into(), encode(&[("id", &r)])),
            ("POST", "/api/admin_move_question".into(), encode(&[("id", &q2), ("direction", "down")])),
        ];
        let before = snapshot(&db).await;
        for (method, path, body) in &endpoints {
            let (res, text) = send(&app, call(method, path, body, None)).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "visitor: {method} {path}: {text}");
            assert!(text.contains("not_signed_in"), "{path}: {text}");
            let (res, text) = send(&app, call(method, path, body, Some(&user_cookie))).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "non-admin: {method} {path}: {text}");
            assert!(text.contains("forbidden"), "{path}: {text}");
            if *method == "POST" {
                let (res, _) = send(&app, form_post(path, body, ORIGIN, Some(&user_cookie))).await;
                assert_eq!(res.status(), StatusCode::FOUND, "a plain form post goes back to its page");
                assert!(location(&res).contains("error=") && location(&res).contains("forbidden"), "{}", location(&res));
            }
        }
        assert_eq!(snapshot(&db).await, before, "nothing changed");

        // The same calls as the administrator do reach their endpoints (so the refusals above
        // are the guard's, not a wrong address).
        let admin_cookie = session_of(&s, a.account.id).await;
        for (method, path, body) in &endpoints {
            let (res, text) = send(&app, call(method, path, body, Some(&admin_cookie))).await;
            assert_eq!(res.status(), StatusCode::OK, "admin: {method} {path}: {text}");
        }
        assert_ne!(snapshot(&db).await, before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_editor_works_as_plain_pages_and_form_posts() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        with_email(&db, "emma@contoso.example").await;
        let app = sspr::server::serve::router(s.clone());
        let cookie = session_of(&s, a.account.id).await;
        let get = |path: String| {
            let (app, cookie) = (app.clone(), cookie.clone());
            async move { send(&app, page(&path, Some(&cookie))).await.1 }
        };

        let html = get("/admin/policy".into()).await;
        assert!(html.contains("Preview the change") && html.contains(r#"name="intent""#), "{html}");
        assert!(html.contains("Security questions are never enough alone") && html.contains("Administrator accounts always need 2 methods"));

        let mut pairs = PolicyForm::of(&Policy::default()).pairs();
        pairs.retain(|(k, _)| *k != "methods_required");
        pairs.push(("methods_required", "2".into()));
        let proposal = encode(&pairs.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
        let html = get(format!("/admin/policy?intent=preview&version=0&{proposal}")).await;
        assert!(html.contains("Before you save") && html.contains("Settings changed: Methods required to reset"), "{html}");
        assert!(html.contains("emma@contoso.example") && html.contains("Too few methods registered for these settings"));
        assert!(html.contains("Save this policy"));
        assert_eq!(version(&db).await, 0);

        let (res, _) = send(&app, form_post("/api/admin_save_policy", &format!("version=0&{proposal}"), ORIGIN, Some(&cookie))).await;
        assert_eq!(location(&res), "/admin/policy?done=policy_saved");
        assert_eq!(policy_in_force(&db).await.methods_required, 2);
        let html = get(location(&res)).await;
        assert!(html.contains("The policy is saved.") && html.contains("Version 1 is in force."));

        // Saved from a stale page: back to the preview step, with the conflict.
        let (res, _) = send(&app, form_post("/api/admin_save_policy", &format!("version=0&{proposal}"), ORIGIN, Some(&cookie))).await;
        let back = location(&res);
        assert!(back.starts_with("/admin/policy?") && back.contains("intent=preview") && back.contains("error="), "{back}");
        assert!(get(back).await.contains("Someone else saved a change meanwhile."));
        assert_eq!(version(&db).await, 1);

        // A refused setting is shown at its field.
        let bad = proposal.replace("helpdesk_link=", "helpdesk_link=ftp%3A%2F%2Fhelp.example");
        let html = get(format!("/admin/policy?intent=preview&version=1&{bad}")).await;
        assert!(html.contains("Enter an address starting with https:// or an e-mail address."), "{html}");
        assert!(html.contains(r#"aria-invalid="true""#) && !html.contains("Save this policy"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_and_questions_work_as_plain_pages_and_form_posts() {
    on_both(|db| async move {
        let s = state(db.clone());
        let a = admin(&s).await;
        let app = sspr::server::serve::router(s.clone());
        let cookie = session_of(&s, a.account.id).await;
        let post = |path: &'static str, body: String| {
            let (app, cookie) = (app.clone(), cookie.clone());
            async move { location(&send(&app, form_post(path, &body, ORIGIN, Some(&cookie))).await.0) }
        };
        let get = |path: String| {
            let (app, cookie) = (app.clone(), cookie.clone());
            async move { send(&app, page(&path, Some(&cookie))).await.1 }
        };

        assert_eq!(post("/api/admin_create_group", encode(&[("group_name", "Staff"), ("group_description", "Payroll")])).await, "/admin/groups?done=group_created");
        let html = get("/admin/groups?done=group_created".into()).await;
        assert!(html.contains("The group is created.") && html.contains("Staff") && html.contains("Payroll"), "{html}");
        let back = post("/api/admin_create_group", encode(&[("group_name", "staff"), ("group_description", "")])).await;
        assert!(get(back).await.contains("This one already exists."));

        let staff = groups::list(&a).await.unwrap()[0].id.to_string();
        policy::save(&db, 0, &changed(&[("scope", "group"), ("scope_group", &staff)]), policy::Actor::Admin(&a)).await.unwrap();
        let back = post("/api/admin_delete_group", encode(&[("id", &staff)])).await;
        assert!(back.starts_with(&format!("/admin/groups?edit={staff}&error=")), "{back}");
        let html = get(back).await;
        assert!(html.contains("scope before you delete it."), "{html}");

        let q = active_ids(&db).await[0].to_string();
        {
            let id = with_email(&db, "ann@contoso.example").await;
            with_answers(&db, id, &[q.parse().unwrap()]).await;
        }
        let html = get(format!("/admin/questions?retire={q}")).await;
        assert!(html.contains("1 account answered this question") && html.contains("Retire it and ask 1 account to choose again"), "{html}");
        let back = post("/api/admin_retire_question", encode(&[("id", &q)])).await;
        assert!(back.starts_with(&format!("/admin/questions?retire={q}&error=")), "{back}");
        assert_eq!(post("/api/admin_retire_question", encode(&[("id", &q), ("confirm", "1")])).await, "/admin/questions?done=question_retired");
        let html = get("/admin/questions?done=question_retired".into()).await;
        assert!(html.contains("The question is retired.") && html.contains("Retired questions"));
        assert_eq!(post("/api/admin_add_question", encode(&[("question_text", "Who was your first manager?")])).await, "/admin/questions?done=question_added");
        assert!(get("/admin/questions".into()).await.contains("Who was your first manager?"));
    })
    .await;
}
