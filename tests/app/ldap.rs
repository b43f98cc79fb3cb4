//! The LDAP directory (`SSPR_DIRECTORY=ldap`, SPEC §7) against a real OpenLDAP `slapd` started on
//! loopback (`common::slapd`), on SQLite and PostgreSQL: sign-in is a bind and sspr keeps no
//! hash; a reset, a change and an administrator's temporary password are written to the
//! directory, whose password policy (history, quality, minimum age) answers at the password
//! field and changes nothing; a renamed user keeps their registration and a deleted one cannot
//! reset; a down, silent or untrusted directory is "unavailable" within the timeout and never
//! lets anyone through.

use crate::common::slapd::{Slapd, dn, person};
use crate::common::{PASSWORD, code_in, on_both, state_with};
use sspr::domain::reset::Gate;
use sspr::domain::{AppError, Field, Problem, UserId};
use sspr::server::AppState;
use sspr::server::db::{self, Db, accounts::Account};
use sspr::server::reset::{self, Client};
use sspr::view::reset::{OpenView, ResetPage};
use std::time::{Duration, Instant};

const NEW_PASSWORD: &str = "lantern orchard quietly humming";
/// Long enough for the stricter policy's 40 characters.
const LONG_PASSWORD: &str = "a lantern by the orchard hums quietly all night";
const LONGER_PASSWORD: &str = "the orchard lantern hums quietly until the morning";

fn server(db: &Db, slapd: &Slapd, extra: &[(&'static str, &str)]) -> AppState {
    server_on(db, slapd.vars(), extra)
}

/// sspr on `db` with a directory's settings (`directory`), quick proofs of work, and `extra`.
pub fn server_on(db: &Db, directory: Vec<(&'static str, String)>, extra: &[(&'static str, &str)]) -> AppState {
    let mut vars = directory;
    vars.extend([("SSPR_POW_BITS", "4"), ("SSPR_RESET_ADDRESS_LIMIT", "1000"), ("SSPR_PUBLIC_URL", "https://sspr.contoso.example")].map(|(k, v)| (k, v.to_owned())));
    vars.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    state_with(db.clone(), &vars)
}

pub async fn find(s: &AppState, user_id: &str) -> Result<Option<Account>, AppError> {
    s.directory.find(&s.db, &UserId::parse(user_id).unwrap()).await
}

/// The directory's user `user_id`, made an administrator of sspr, as the console sees them.
pub async fn administrator(s: &AppState, user_id: &str) -> sspr::server::admin::Admin {
    let id = find(s, user_id).await.unwrap().expect("in the directory").id;
    let mut c = s.db.acquire().await.unwrap();
    db::accounts::set_role(c.conn(), id, sspr::domain::directory::Role::Admin).await.unwrap();
    drop(c);
    sspr::server::admin::Admin { state: s.clone(), account: row(&s.db, id).await, ip: None, locale: Default::default() }
}

pub async fn row(db: &Db, id: i64) -> Account {
    let mut c = db.acquire().await.unwrap();
    db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap()
}

pub async fn events(db: &Db, id: i64) -> Vec<String> {
    let mut c = db.acquire().await.unwrap();
    db::audit::recent(c.conn(), id, 200).await.unwrap().into_iter().map(|e| e.event).collect()
}

pub fn browser() -> Client {
    Client { ip: Some("192.0.2.20".into()), cookie: None, locale: Default::default() }
}

/// Starts a reset in `client` with the proof of work solved, keeping the flow's cookie.
pub async fn start(s: &AppState, client: &mut Client, user_id: &str) -> Result<(), AppError> {
    let c = reset::challenge(s, client).await.unwrap();
    let nonce = sspr::domain::pow::search(&c, 0, u64::MAX).unwrap();
    let cookie = reset::start(s, client, user_id, &c.token, &nonce.to_string()).await?;
    client.cookie = Some(crate::common::web::cookie_value(&cookie).to_owned());
    Ok(())
}

/// Registers a verified authentication e-mail (`home.` and the user ID) and phone for the
/// directory's user `user_id`.
pub async fn registered(s: &AppState, db: &Db, user_id: &str) -> i64 {
    let account = find(s, user_id).await.unwrap().expect("in the directory");
    let mut c = db.acquire().await.unwrap();
    db::methods::set_verified(c.conn(), account.id, "auth_email", &format!("home.{user_id}"), db::now()).await.unwrap();
    db::methods::set_verified(c.conn(), account.id, "auth_phone", "+33612345601", db::now()).await.unwrap();
    account.id
}

/// Passes the e-mail gate of `client`'s reset with the code that was sent.
pub async fn pass_email_gate(s: &AppState, db: &Db, client: &Client, user_id: &str) {
    reset::choose_gate(s, client, "email").await.unwrap();
    let page = reset::view(s, client, true).await.unwrap().page;
    assert!(matches!(page, ResetPage::Gates { open: Some(OpenView::Code { gate: Gate::Email, .. }), .. }), "{page:?}");
    let mut c = db.acquire().await.unwrap();
    let to = format!("home.{user_id}");
    let sent = db::outbox::recent(c.conn(), 200).await.unwrap().into_iter().find(|m| m.recipient == to).expect("a code by e-mail");
    drop(c);
    reset::verify_code(s, client, &code_in(&sent.body)).await.unwrap();
}

#[tokio::test]
async fn sign_in_is_a_bind_as_the_user_and_sspr_keeps_no_hash() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false)]);
        let s = server(&db, &slapd, &[]);
        let (account, _) = sspr::server::auth::sign_in(&s, "Alice@Contoso.example", PASSWORD.into(), None).await.unwrap();
        assert_eq!((account.user_id.as_str(), account.display_name.as_str(), account.primary_email.as_str()), ("alice@contoso.example", "Alice Martin", "alice@contoso.example"));
        assert_eq!(account.office_phone.as_deref(), Some("+33123456789"), "the office phone comes from telephoneNumber");
        assert_eq!(account.directory_dn.as_deref(), Some(dn("alice").as_str()));
        assert_eq!(row(&db, account.id).await.password_hash, sspr::server::directory::IN_DIRECTORY, "no hash of the directory's password");

        for (user_id, password) in [("alice@contoso.example", "not the password"), ("nobody@contoso.example", PASSWORD), ("alice@contoso.example", "correct horse battery stapl")] {
            assert_eq!(sspr::server::auth::sign_in(&s, user_id, password.into(), None).await.map(|_| ()), Err(AppError::BadCredentials), "{user_id}");
        }
        // The typed ID is escaped into the filter: these match no one, rather than everyone.
        for injected in ["*@contoso.example", "al*@contoso.example", "alice@contoso.example)(mail=*", "*)(|(mail=*@x.example"] {
            if UserId::parse(injected).is_ok() {
                assert!(find(&s, injected).await.unwrap().is_none(), "{injected}");
            }
        }
        // The same account row at the next sign-in: found by the immutable ID.
        let (again, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert_eq!(again.id, account.id);
    })
    .await;
}

#[tokio::test]
async fn a_reset_writes_the_new_password_to_the_directory_under_its_policy() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false)]);
        let s = server(&db, &slapd, &[]);
        let id = registered(&s, &db, "alice@contoso.example").await;

        let mut me = browser();
        start(&s, &mut me, "alice@contoso.example").await.unwrap();
        pass_email_gate(&s, &db, &me, "alice@contoso.example").await;
        // sspr's own rules first; then the directory refuses the current password at the field
        // (sspr holds no hash to compare with: the directory says so), and the reset stays at
        // its last step with nothing written.
        assert_eq!(reset::set_password(&s, &me, "short", "short").await, Err(AppError::field(Field::NewPassword, Problem::TooShort { min: 8 })));
        assert_eq!(reset::set_password(&s, &me, PASSWORD, PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::SameAsCurrent)));
        assert!(matches!(reset::view(&s, &me, true).await.unwrap().page, ResetPage::Choose { .. }));
        assert!(slapd.binds("alice", PASSWORD));
        assert!(!events(&db, id).await.contains(&"reset_completed".to_owned()));

        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        assert_eq!(reset::view(&s, &me, true).await.unwrap().page, ResetPage::Done { unlocked: false });
        assert!(slapd.binds("alice", NEW_PASSWORD), "the directory checks the new password");
        assert!(!slapd.binds("alice", PASSWORD), "and no longer the old one");
        assert!(events(&db, id).await.contains(&"reset_completed".to_owned()));
        assert_eq!(row(&db, id).await.password_hash, sspr::server::directory::IN_DIRECTORY);
        let (account, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", NEW_PASSWORD.into(), None).await.unwrap();
        assert_eq!(account.id, id);
    })
    .await;
}

#[tokio::test]
async fn the_directorys_policy_answers_at_the_field_for_changes_and_temporary_passwords() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[
            person("alice", "Alice Martin", PASSWORD, false),
            person("bob", "Bob Strict", PASSWORD, true),
            person("carol", "Carol Admin", PASSWORD, false),
        ]);
        let s = server(&db, &slapd, &[]);
        let (alice, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        let change = |account: Account, current: &'static str, new: &'static str| {
            let s = s.clone();
            let live = sspr::server::session::LiveSession { id_hash: "no such session".into(), account_id: account.id };
            async move {
                sspr::server::auth::check_current_password(&s, &account, current.into(), None).await?;
                sspr::server::auth::change_password(&s, &account, &live, Some(current), new, new, Default::default(), None).await
            }
        };

        // Alice's own change is written as herself; going back is refused by the history.
        assert_eq!(change(alice.clone(), "wrong current password", NEW_PASSWORD).await, Err(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword)));
        change(alice.clone(), PASSWORD, NEW_PASSWORD).await.unwrap();
        assert!(slapd.binds("alice", NEW_PASSWORD));
        assert_eq!(change(alice.clone(), NEW_PASSWORD, PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::InPasswordHistory)));
        assert!(slapd.binds("alice", NEW_PASSWORD), "a refusal changes nothing");

        // Bob's policy wants 40 characters and a password an hour old before he changes it.
        let bob = find(&s, "bob@contoso.example").await.unwrap().unwrap();
        // An administrator's temporary password is written by the service; the directory's
        // rules answer at its field.
        let admin = administrator(&s, "carol@contoso.example").await;
        let temporary = "temporary orchard lantern 42";
        assert_eq!(
            sspr::server::admin::accounts::reset_password(&admin, bob.id, temporary).await,
            Err(AppError::field(Field::TemporaryPassword, Problem::DirectoryRefused))
        );
        assert!(slapd.binds("bob", PASSWORD));
        assert_eq!(change(bob.clone(), PASSWORD, NEW_PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::DirectoryRefused)));
        assert!(slapd.binds("bob", PASSWORD));
        change(bob.clone(), PASSWORD, LONG_PASSWORD).await.unwrap();
        assert_eq!(change(bob.clone(), LONG_PASSWORD, LONGER_PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::ChangedTooRecently)));
        assert!(slapd.binds("bob", LONG_PASSWORD));

        assert_eq!(sspr::server::admin::accounts::reset_password(&admin, alice.id, temporary).await, Ok(None));
        assert!(slapd.binds("alice", temporary));
        assert!(row(&db, alice.id).await.must_change_password, "she must choose her own at the next sign-in");

        // The console leaves to the directory what the directory owns, and says so.
        use sspr::server::admin::accounts::{EditForm, NewAccountForm, create, update};
        let new = NewAccountForm {
            user_id: "erin@contoso.example",
            display_name: "Erin",
            primary_email: "",
            office_phone: "",
            role: "user",
            password_source: "cloud",
            licensed: true,
            temporary_password: "",
        };
        assert_eq!(create(&admin, &new).await.map(|_| ()), Err(AppError::field(Field::UserId, Problem::ManagedInDirectory)));
        assert_eq!(
            sspr::server::admin::import::import_text(&admin, "user_id,display_name\nerin@contoso.example,Erin\n", None).await.map(|_| ()),
            Err(AppError::field(Field::File, Problem::ManagedInDirectory))
        );
        let edit = |display_name, enabled| EditForm {
            display_name,
            primary_email: "alice@contoso.example",
            office_phone: "+33 1 23 45 67 89",
            role: "user",
            password_source: "cloud",
            enabled,
            licensed: true,
        };
        assert_eq!(update(&admin, alice.id, &edit("Alice Renamed", true)).await, Err(AppError::field(Field::DisplayName, Problem::ManagedInDirectory)));
        assert_eq!(row(&db, alice.id).await.display_name, "Alice Martin");
        update(&admin, alice.id, &edit("Alice Martin", false)).await.unwrap();
        assert!(!row(&db, alice.id).await.enabled, "what sspr owns still changes: disabled for sspr");
        assert_eq!(sspr::server::auth::sign_in(&s, "alice@contoso.example", temporary.into(), None).await.map(|_| ()), Err(AppError::Disabled));
    })
    .await;
}

#[tokio::test]
async fn a_renamed_user_keeps_the_registration_and_a_deleted_one_cannot_reset() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("dave", "Dave Gone", PASSWORD, false)]);
        let s = server(&db, &slapd, &[]);
        let id = registered(&s, &db, "alice@contoso.example").await;
        slapd.modify(&format!("dn: {}\nchangetype: modrdn\nnewrdn: uid=alicia\ndeleteoldrdn: 1\n", dn("alice")));
        slapd.modify(&format!("dn: {}\nchangetype: modify\nreplace: mail\nmail: alicia@contoso.example\n", dn("alicia")));
        assert!(find(&s, "alice@contoso.example").await.unwrap().is_none(), "the old name is gone");
        let renamed = find(&s, "alicia@contoso.example").await.unwrap().expect("the new name");
        assert_eq!((renamed.id, renamed.user_id.as_str()), (id, "alicia@contoso.example"), "the same row, found by entryUUID");
        let mut c = db.acquire().await.unwrap();
        let methods = db::methods::registered(c.conn(), Some(&renamed), id).await.unwrap();
        drop(c);
        assert!(methods.auth_email && methods.auth_phone, "the registration stays");
        let (signed_in, _) = sspr::server::auth::sign_in(&s, "alicia@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert_eq!(signed_in.id, id);

        // Only the users the reset filter matches may reset (the "licensed" flag).
        let filtered = server(&db, &slapd, &[("SSPR_LDAP_RESET_FILTER", "(sn=Gone)")]);
        assert!(!find(&filtered, "alicia@contoso.example").await.unwrap().unwrap().licensed);
        assert!(find(&filtered, "dave@contoso.example").await.unwrap().unwrap().licensed);
        assert!(find(&s, "alicia@contoso.example").await.unwrap().unwrap().licensed, "no filter: everyone");

        // Dave registered, then left: his reset stops exactly like an unknown user ID's.
        registered(&s, &db, "dave@contoso.example").await;
        slapd.modify(&format!("dn: {}\nchangetype: delete\n", dn("dave")));
        let mut gone = browser();
        start(&s, &mut gone, "dave@contoso.example").await.unwrap();
        let mut unknown = browser();
        unknown.ip = Some("192.0.2.21".into());
        start(&s, &mut unknown, "nobody@contoso.example").await.unwrap();
        let (gone, unknown) = (reset::view(&s, &gone, true).await.unwrap().page, reset::view(&s, &unknown, true).await.unwrap().page);
        assert!(matches!(gone, ResetPage::Stopped { .. }), "{gone:?}");
        assert_eq!(format!("{gone:?}").replace("dave", "x"), format!("{unknown:?}").replace("nobody", "x"), "the same page");
        assert_eq!(sspr::server::auth::sign_in(&s, "dave@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::BadCredentials));
    })
    .await;
}

#[tokio::test]
async fn a_down_silent_or_untrusted_directory_is_unavailable_in_time_and_lets_no_one_through() {
    on_both(|db| async move {
        let mut slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false)]);
        let s = server(&db, &slapd, &[("SSPR_LDAP_TIMEOUT_SECS", "2")]);
        sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();

        // Down: refused at once, for the sign-in and the reset alike.
        slapd.stop();
        let t = Instant::now();
        assert_eq!(sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::DirectoryUnavailable));
        assert_eq!(start(&s, &mut browser(), "alice@contoso.example").await, Err(AppError::DirectoryUnavailable));
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        assert_eq!(sspr::server::errors::status_of(&AppError::DirectoryUnavailable), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert!(sspr::server::errors::retry_after(&AppError::DirectoryUnavailable).is_some());

        // Back: the next request reconnects.
        slapd.restart();
        sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();

        // Restarted under open connections (all of them in use, none failed yet): each is made
        // again when its turn comes, and many lookups at once share them.
        let pooled = server(&db, &slapd, &[("SSPR_LDAP_CONNECTIONS", "3")]);
        for _ in 0..3 {
            find(&pooled, "alice@contoso.example").await.unwrap().unwrap();
        }
        slapd.restart();
        let lookups: Vec<_> = (0..20)
            .map(|_| {
                let pooled = pooled.clone();
                tokio::spawn(async move { find(&pooled, "alice@contoso.example").await })
            })
            .collect();
        for lookup in lookups {
            assert!(lookup.await.unwrap().unwrap().is_some());
        }

        // Silent: a server that accepts and never answers is given up within the timeout.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = silent.local_addr().unwrap().port();
        let hold = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((conn, _)) = silent.accept().await {
                held.push(conn);
            }
        });
        let url = format!("ldap://127.0.0.1:{port}");
        let quiet = server(&db, &slapd, &[("SSPR_LDAP_TIMEOUT_SECS", "2"), ("SSPR_LDAP_URL", &url)]);
        let t = Instant::now();
        assert_eq!(sspr::server::auth::sign_in(&quiet, "alice@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::DirectoryUnavailable));
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        hold.abort();

        // Untrusted: a certificate from another CA is refused, not accepted.
        let other = Slapd::start(&[]);
        let untrusted = server(&db, &slapd, &[("SSPR_LDAP_CA_FILE", &other.ca_file())]);
        assert_eq!(sspr::server::auth::sign_in(&untrusted, "alice@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::DirectoryUnavailable));
        // And a wrong service password is an outage to the user, never a pass.
        let wrong = server(&db, &slapd, &[("SSPR_LDAP_BIND_PASSWORD", "not the service password")]);
        assert_eq!(sspr::server::auth::sign_in(&wrong, "alice@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::DirectoryUnavailable));
    })
    .await;
}

/// Runs the `sspr` command with `args` on `db` and a directory's settings: whether it
/// succeeded, and what it printed.
pub fn command_line(db: &Db, directory: Vec<(&'static str, String)>, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sspr"))
        .args(args)
        .env("DATABASE_URL", crate::common::url_of(db))
        .env("SSPR_LOG", "warn")
        .envs(directory)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_promotes_a_directory_user_and_leaves_accounts_to_the_directory() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("carol", "Carol Admin", PASSWORD, false)]);
        let sspr = |args: &[&str]| command_line(&db, slapd.vars(), args);
        let (ok, text) = sspr(&["user", "promote", "carol@contoso.example"]);
        assert!(ok, "{text}");
        let s = server(&db, &slapd, &[]);
        let (carol, _) = sspr::server::auth::sign_in(&s, "carol@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert!(carol.is_admin(), "the row the command made is the one the directory's user signs in to");
        assert!(!sspr(&["user", "promote", "nobody@contoso.example"]).0);
        for args in [&["user", "add", "erin@contoso.example", "--name", "Erin"][..], &["user", "set-password", "carol@contoso.example"], &["seed", "--accounts", "1"]] {
            let (ok, text) = sspr(args);
            assert!(!ok && text.contains("directory"), "{args:?}: {text}");
        }

        // What an administrator runs first: each step, and the user's entry as sspr maps it.
        let (ok, text) = sspr(&["directory", "test", "carol@contoso.example"]);
        assert!(ok, "{text}");
        for line in [
            &format!("ok   connected to {} with StartTLS", slapd.url()),
            &format!("ok   the service account {} binds", crate::common::slapd::SERVICE_DN),
            "ok   paged results (RFC 2696): supported",
            "ok   Password Modify (RFC 3062): supported",
            "ok   1 user found by SSPR_LDAP_USER_FILTER",
            &format!("ok   carol@contoso.example is {}", dn("carol")),
            "ok     display name: Carol Admin",
            "ok     office phone: +33123456789",
            "ok     locked out: no",
        ] {
            assert!(text.contains(line), "{line:?} in:\n{text}");
        }
        let (ok, text) = sspr(&["directory", "test", "not a user ID"]);
        assert!(!ok && text.contains("user ID \"not a user ID\"") && !text.contains("connected"), "refused before the directory: {text}");
        let (ok, text) = sspr(&["directory", "test", "nobody@contoso.example"]);
        assert!(!ok && text.contains("FAIL no usable entry for nobody@contoso.example"), "{text}");
        let mut wrong = slapd.vars();
        wrong.push(("SSPR_LDAP_BIND_PASSWORD", "not the service password".into()));
        let (ok, text) = command_line(&db, wrong, &["directory", "test"]);
        assert!(!ok && text.contains("FAIL the service account") && text.contains("cannot bind: result 49"), "{text}");
        assert!(!text.contains("not the service password"), "the password is never printed");
        let mut elsewhere = slapd.vars();
        elsewhere.push(("SSPR_LDAP_BASE_DN", "ou=nowhere,dc=contoso,dc=example".into()));
        let (ok, text) = command_line(&db, elsewhere, &["directory", "test"]);
        assert!(!ok && text.contains("FAIL the base DN ou=nowhere,dc=contoso,dc=example cannot be read: result 32"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn the_directorys_lock_out_is_lifted_by_an_unlock_or_by_a_reset() {
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("bob", "Bob Locked", PASSWORD, false)]);
        let s = server(&db, &slapd, &[]);
        let alice = registered(&s, &db, "alice@contoso.example").await;
        registered(&s, &db, "bob@contoso.example").await;

        // Five wrong passwords elsewhere: the directory locks Alice out, even with the right one.
        slapd.fail_binds("alice", 5);
        assert!(!slapd.attribute("alice", "pwdAccountLockedTime").is_empty());
        assert!(!slapd.binds("alice", PASSWORD));
        assert_eq!(sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::BadCredentials));

        // The reset knows, and offers to unlock without resetting; the unlock lifts the
        // directory's lock, and her password is the one she had.
        let mut me = browser();
        start(&s, &mut me, "alice@contoso.example").await.unwrap();
        pass_email_gate(&s, &db, &me, "alice@contoso.example").await;
        let page = reset::view(&s, &me, true).await.unwrap().page;
        assert!(matches!(page, ResetPage::Choose { can_unlock: true, .. }), "{page:?}");
        reset::unlock(&s, &me).await.unwrap();
        assert!(slapd.attribute("alice", "pwdAccountLockedTime").is_empty());
        assert!(slapd.binds("alice", PASSWORD), "unlocked, with the same password");
        assert!(events(&db, alice).await.contains(&"account_unlocked".to_owned()));

        // Bob resets instead: the new password lifts the lock too.
        slapd.fail_binds("bob", 5);
        let mut bob = browser();
        bob.ip = Some("192.0.2.22".into());
        start(&s, &mut bob, "bob@contoso.example").await.unwrap();
        pass_email_gate(&s, &db, &bob, "bob@contoso.example").await;
        reset::set_password(&s, &bob, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        assert!(slapd.attribute("bob", "pwdAccountLockedTime").is_empty());
        assert!(slapd.binds("bob", NEW_PASSWORD));

        // An administrator's unlock lifts it as well.
        slapd.fail_binds("alice", 5);
        let admin = administrator(&s, "bob@contoso.example").await;
        sspr::server::admin::accounts::unlock(&admin, alice).await.unwrap();
        assert!(slapd.binds("alice", PASSWORD));

        // A lock the directory's administrator set for good is not self-service's to lift: the
        // user is as unknown.
        slapd.modify(&format!("dn: {}\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n", dn("alice")));
        assert!(find(&s, "alice@contoso.example").await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn reading_the_whole_directory_page_by_page_lists_every_user_and_marks_the_ones_it_no_longer_has() {
    use sspr::domain::directory::AccountFilter;
    use sspr::server::admin::accounts;
    use sspr::view::admin::accounts::{DirectoryRead, Owner};
    on_both(|db| async move {
        let names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
        let people: Vec<String> = names.iter().map(|n| person(n, &format!("{n} Tester"), PASSWORD, false)).collect();
        let slapd = Slapd::start(&people);
        // The directory gives the service at most 3 entries from one search: only a paged
        // search (RFC 2696) reads all 7.
        let plain = std::process::Command::new("ldapsearch")
            .args(["-x", "-H", &slapd.url(), "-D", crate::common::slapd::SERVICE_DN, "-w", crate::common::slapd::SERVICE_PASSWORD])
            .args(["-b", crate::common::slapd::BASE_DN, "(objectClass=inetOrgPerson)", "1.1"])
            .output()
            .unwrap();
        assert_eq!(plain.status.code(), Some(4), "sizeLimitExceeded without paging");
        let s = server(&db, &slapd, &[("SSPR_LDAP_PAGE_SIZE", "2"), ("SSPR_LDAP_RESET_FILTER", "(!(uid=frank))")]);
        let admin = administrator(&s, "alice@contoso.example").await;
        let listed = accounts::list(&admin, "", AccountFilter::All, None, None).await.unwrap();
        assert_eq!((listed.total, listed.from_directory), (1, true), "only who was looked up, until the directory is read");

        // Grace signs in, then leaves the organisation.
        sspr::server::auth::sign_in(&s, "grace@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert_eq!(accounts::read_directory(&admin).await.unwrap(), DirectoryRead { users: 7, gone: 0 });
        let listed = accounts::list(&admin, "", AccountFilter::All, None, None).await.unwrap();
        let users: Vec<&str> = listed.rows.iter().map(|r| r.user_id.as_str()).collect();
        assert_eq!(users, names.iter().map(|n| format!("{n}@contoso.example")).collect::<Vec<_>>());
        assert!(listed.rows.iter().all(|r| r.licensed == (r.user_id != "frank@contoso.example")), "the reset filter, read in bulk too");
        assert!(listed.rows.iter().all(|r| !r.gone_from_directory));
        let grace = listed.rows.iter().find(|r| r.user_id.starts_with("grace")).unwrap().id;
        let sessions = |id: i64| {
            let db = db.clone();
            async move {
                let mut c = db.acquire().await.unwrap();
                db::sessions::count_for_account(c.conn(), id).await.unwrap()
            }
        };
        assert_eq!(sessions(grace).await, 1);
        assert_eq!(accounts::detail(&admin, grace).await.unwrap().owner, Owner::Directory);

        slapd.modify(&format!("dn: {}\nchangetype: delete\n", dn("grace")));
        // Reading again writes nothing but Grace's row: the others did not change.
        crate::common::exec(&db, "UPDATE accounts SET updated_at = 0").await;
        assert_eq!(accounts::read_directory(&admin).await.unwrap(), DirectoryRead { users: 6, gone: 1 });
        let written = crate::common::count(&db, "SELECT COUNT(*) FROM accounts WHERE updated_at > 0").await;
        assert_eq!(written, 1, "only the row of the user who left");
        assert_eq!(sessions(grace).await, 0, "her sessions end");
        let listed = accounts::list(&admin, "grace", AccountFilter::All, None, None).await.unwrap();
        assert!(listed.rows[0].gone_from_directory, "kept, with its history, and marked");
        assert_eq!(accounts::detail(&admin, grace).await.unwrap().owner, Owner::GoneFromDirectory);
        assert_eq!(
            accounts::reset_password(&admin, grace, "").await,
            Err(AppError::field(Field::TemporaryPassword, Problem::GoneFromDirectory)),
            "nothing to write a password to"
        );
        assert_eq!(sspr::server::auth::sign_in(&s, "grace@contoso.example", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::BadCredentials));
        let read = crate::common::count(&db, "SELECT COUNT(*) FROM audit_log WHERE event = 'directory_read'").await;
        assert_eq!(read, 2, "each reading is audited");

        // A directory that suddenly lists nobody (a wrong base DN) does not make everyone gone.
        let elsewhere = server(&db, &slapd, &[("SSPR_LDAP_BASE_DN", "ou=services,dc=contoso,dc=example")]);
        let admin_elsewhere = sspr::server::admin::Admin { state: elsewhere.clone(), account: admin.account.clone(), ip: None, locale: Default::default() };
        assert_eq!(accounts::read_directory(&admin_elsewhere).await.unwrap(), DirectoryRead { users: 0, gone: 0 });
        assert_eq!(crate::common::count(&db, "SELECT COUNT(*) FROM accounts WHERE directory_dn IS NULL").await, 1);

        // Back in the directory, she is herself again.
        slapd.modify(&person("grace", "grace Tester", PASSWORD, false).replacen('\n', "\nchangetype: add\n", 1));
        let back = find(&s, "grace@contoso.example").await.unwrap().expect("back");
        assert_ne!(back.id, grace, "a new entry is a new entryUUID: a new row");
    })
    .await;
}

#[tokio::test]
async fn the_directorys_groups_make_the_memberships_that_scope_the_policy() {
    use sspr::domain::policy::{Policy, Scope};
    use sspr::domain::reset::Stop;
    use sspr::server::admin::accounts;
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("bob", "Bob Durand", PASSWORD, false)]);
        slapd.set_group("Staff", &["alice"]);
        slapd.set_group("Interns", &["alice", "bob"]);
        let s = server(&db, &slapd, &[]);
        let (staff, contractors) = {
            let mut c = db.acquire().await.unwrap();
            // Matched by name whatever its case; a group the directory does not have stays empty.
            let staff = db::groups::create(c.conn(), "staff", "", db::now()).await.unwrap().unwrap();
            let contractors = db::groups::create(c.conn(), "Contractors", "", db::now()).await.unwrap().unwrap();
            (staff, contractors)
        };
        crate::common::save_policy(&db, &Policy { enabled_for: Scope::Group(staff), ..Policy::default() }).await;
        let alice = registered(&s, &db, "alice@contoso.example").await;
        let bob = registered(&s, &db, "bob@contoso.example").await;
        let groups = |id: i64| {
            let db = db.clone();
            async move {
                let mut c = db.acquire().await.unwrap();
                db::groups::of_account(c.conn(), id).await.unwrap()
            }
        };
        assert_eq!((groups(alice).await, groups(bob).await), (vec![staff], vec![]));
        assert_eq!(slapd.attribute("alice", "memberOf").len(), 2, "the overlay keeps memberOf");

        let page = |client: Client| {
            let s = s.clone();
            async move { reset::view(&s, &client, true).await.unwrap().page }
        };
        let (mut a, mut b) = (browser(), browser());
        b.ip = Some("192.0.2.22".into());
        start(&s, &mut a, "alice@contoso.example").await.unwrap();
        start(&s, &mut b, "bob@contoso.example").await.unwrap();
        assert!(matches!(page(a).await, ResetPage::Gates { .. }), "Staff may reset");
        assert!(matches!(page(b).await, ResetPage::Stopped { why: Stop::NotEnabled, .. }), "the others may not");

        // The directory moves Bob into Staff and Alice out: sspr follows at the next lookup.
        slapd.set_group("Staff", &["bob"]);
        find(&s, "alice@contoso.example").await.unwrap();
        find(&s, "bob@contoso.example").await.unwrap();
        assert_eq!((groups(alice).await, groups(bob).await), (vec![], vec![staff]));
        let (mut a, mut b) = (browser(), browser());
        a.ip = Some("192.0.2.23".into());
        b.ip = Some("192.0.2.24".into());
        start(&s, &mut a, "alice@contoso.example").await.unwrap();
        start(&s, &mut b, "bob@contoso.example").await.unwrap();
        assert!(matches!(page(a).await, ResetPage::Stopped { why: Stop::NotEnabled, .. }));
        assert!(matches!(page(b).await, ResetPage::Gates { .. }));

        // The console shows the memberships and leaves them to the directory.
        let admin = administrator(&s, "alice@contoso.example").await;
        for (group, member) in [(contractors, true), (staff, false)] {
            assert_eq!(
                accounts::set_membership(&admin, bob, group, member).await,
                Err(AppError::field(Field::Groups, Problem::ManagedInDirectory))
            );
        }
        let detail = accounts::detail(&admin, bob).await.unwrap();
        assert_eq!(detail.groups.iter().map(|g| g.id).collect::<Vec<_>>(), vec![staff]);
        assert_eq!(groups(bob).await, vec![staff], "nothing changed");
    })
    .await;
}

#[tokio::test]
async fn someone_the_directory_no_longer_has_is_signed_out_at_their_next_page() {
    use sspr::server::session;
    on_both(|db| async move {
        let mut slapd = Slapd::start(&[
            person("alice", "Alice Martin", PASSWORD, false),
            person("bob", "Bob Durand", PASSWORD, false),
            person("carol", "Carol Petit", PASSWORD, false),
        ]);
        let s = server(&db, &slapd, &[]);
        let signed_in = |user_id: &'static str| {
            let s = s.clone();
            async move {
                let (_, set_cookie) = sspr::server::auth::sign_in(&s, user_id, PASSWORD.into(), None).await.unwrap();
                let mut headers = axum::http::HeaderMap::new();
                headers.insert(axum::http::header::COOKIE, crate::common::web::cookie_of(&set_cookie).parse().unwrap());
                headers
            }
        };
        let (alice, bob, carol) = (signed_in("alice@contoso.example").await, signed_in("bob@contoso.example").await, signed_in("carol@contoso.example").await);
        let a_minute_later = || crate::common::exec(&db, "UPDATE sessions SET last_seen_at = last_seen_at - 120");
        let live = |headers: &axum::http::HeaderMap| {
            let (s, headers) = (s.clone(), headers.clone());
            async move { session::current(&s, &headers).await.unwrap().is_some() }
        };

        // Alice leaves the organisation; Bob's account is locked for good by its administrator.
        slapd.modify(&format!("dn: {}\nchangetype: delete\n", dn("alice")));
        slapd.modify(&format!("dn: {}\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n", dn("bob")));
        // Within a minute of the last write, a page view is a read only: nothing is asked.
        assert!(live(&alice).await && live(&bob).await);
        a_minute_later().await;
        assert!(!live(&alice).await, "gone from the directory: signed out");
        assert!(!live(&bob).await, "unusable in the directory: signed out");
        assert!(live(&carol).await, "still there: still signed in");
        assert_eq!(crate::common::count(&db, "SELECT COUNT(*) FROM sessions").await, 1);

        // A directory that does not answer signs nobody out.
        slapd.stop();
        a_minute_later().await;
        assert!(live(&carol).await);
    })
    .await;
}

#[tokio::test]
async fn a_name_changed_in_the_directory_shows_once_the_minute_has_passed() {
    use crate::common::web;
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("carol", "Carol Petit", PASSWORD, false)]);
        let s = server(&db, &slapd, &[]);
        let (_, set_cookie) = sspr::server::auth::sign_in(&s, "carol@contoso.example", PASSWORD.into(), None).await.unwrap();
        let cookie = crate::common::web::cookie_of(&set_cookie).to_owned();
        let app = sspr::server::serve::router(s);
        let name_on_setup = || {
            let (app, cookie) = (app.clone(), cookie.clone());
            async move {
                let (res, body) = web::send(&app, web::page("/setup", Some(&cookie))).await;
                assert!(res.status().is_success(), "{}", res.status());
                ["Carol Petit", "Carol Leroy"].into_iter().find(|name| body.contains(name)).unwrap_or("no name").to_owned()
            }
        };
        assert_eq!(name_on_setup().await, "Carol Petit");

        slapd.modify(&format!("dn: {}\nchangetype: modify\nreplace: cn\ncn: Carol Leroy\n", dn("carol")));
        // Within a minute of the last look-up, the page shows the row sspr keeps.
        assert_eq!(name_on_setup().await, "Carol Petit");
        // Then the session's look-up in the directory updates the row, and the page it serves
        // shows the updated row, not the one read with the session.
        crate::common::exec(&db, "UPDATE sessions SET last_seen_at = last_seen_at - 120").await;
        assert_eq!(name_on_setup().await, "Carol Leroy");
    })
    .await;
}

#[tokio::test]
async fn where_the_directory_keeps_no_member_of_the_groups_are_searched_for() {
    use crate::common::slapd::BASE_DN;
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("bob", "Bob Durand", PASSWORD, false)]);
        // Groups of unique names: the memberof overlay writes no memberOf for them.
        let staff_dn = format!("cn=Staff,ou=groups,{BASE_DN}");
        slapd.modify(&format!("dn: {staff_dn}\nchangetype: add\nobjectClass: groupOfUniqueNames\ncn: Staff\nuniqueMember: {}\n", dn("alice")));
        // A group of names, which memberOf shows: not the search's, so not a membership.
        slapd.set_group("Interns", &["alice", "bob"]);
        assert_eq!(slapd.attribute("alice", "memberOf").len(), 1);
        let s = server(&db, &slapd, &[("SSPR_LDAP_GROUP_FILTER", "(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))")]);
        let (staff, interns) = {
            let mut c = db.acquire().await.unwrap();
            let staff = db::groups::create(c.conn(), "Staff", "", db::now()).await.unwrap().unwrap();
            let interns = db::groups::create(c.conn(), "Interns", "", db::now()).await.unwrap().unwrap();
            (staff, interns)
        };
        let groups = |id: i64| {
            let db = db.clone();
            async move {
                let mut c = db.acquire().await.unwrap();
                db::groups::of_account(c.conn(), id).await.unwrap()
            }
        };
        // One user looked up: one search for the groups naming their DN.
        let alice = find(&s, "alice@contoso.example").await.unwrap().unwrap().id;
        let bob = find(&s, "bob@contoso.example").await.unwrap().unwrap().id;
        assert_eq!((groups(alice).await, groups(bob).await), (vec![staff], vec![]));
        assert_ne!(staff, interns);

        // The directory moves Staff to Bob, written as people write DNs (case, spaces); reading
        // the whole directory reads each group's members once and matches them as DNs.
        slapd.modify(&format!("dn: {staff_dn}\nchangetype: modify\nreplace: uniqueMember\nuniqueMember: UID=Bob, ou=People,dc=contoso, dc=example\n"));
        let admin = administrator(&s, "bob@contoso.example").await;
        sspr::server::admin::accounts::read_directory(&admin).await.unwrap();
        assert_eq!((groups(alice).await, groups(bob).await), (vec![], vec![staff]));
        // And one lookup finds it too, by the directory's own matching of the member's DN.
        slapd.modify(&format!("dn: {staff_dn}\nchangetype: modify\nadd: uniqueMember\nuniqueMember: {}\n", dn("alice")));
        find(&s, "alice@contoso.example").await.unwrap();
        assert_eq!(groups(alice).await, vec![staff]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_pages_show_the_directorys_fields_as_its_own_and_read_it_on_demand() {
    use crate::common::web::{encode, form_post, location, page, send, sign_in};
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("bob", "Bob Durand", PASSWORD, false)]);
        slapd.set_group("Staff", &["bob"]);
        // Over plain HTTP on loopback, as the session cookie of these requests expects.
        let origin = "http://127.0.0.1:3000";
        let s = server(&db, &slapd, &[("SSPR_PUBLIC_URL", origin)]);
        administrator(&s, "alice@contoso.example").await;
        let bob = find(&s, "bob@contoso.example").await.unwrap().unwrap();
        {
            let mut c = db.acquire().await.unwrap();
            db::groups::create(c.conn(), "Staff", "", db::now()).await.unwrap();
        }
        find(&s, "bob@contoso.example").await.unwrap();
        let app = sspr::server::serve::router(s.clone());
        let admin = sign_in(&app, "alice@contoso.example", PASSWORD).await;
        let t = sspr::i18n::Locale::En.texts();

        let (_, list) = send(&app, page("/admin/accounts", Some(&admin))).await;
        assert!(list.contains(t.read_directory_button) && list.contains(t.accounts_from_directory_hint), "{list}");
        assert!(!list.contains("href=\"/admin/accounts/new\"") && !list.contains("href=\"/admin/accounts/import\""), "nothing to create here");

        let (_, account) = send(&app, page(&format!("/admin/accounts/{}", bob.id), Some(&admin))).await;
        assert!(account.contains(t.directory_fields_note) && account.contains(t.groups_from_directory), "{account}");
        assert!(!account.contains("id=\"field-display_name\"") && !account.contains("id=\"field-office_phone\""), "shown, not edited");
        assert!(!account.contains("admin_remove_from_group") && !account.contains("admin_add_to_group"), "no membership forms");
        assert!(account.contains("<li>Staff</li>"), "the membership the directory made");

        // The form sends the directory's values back as they are: the role changes, nothing else.
        let edit = encode(&[
            ("id", &bob.id.to_string()),
            ("display_name", "Bob Durand"),
            ("primary_email", "bob@contoso.example"),
            ("office_phone", "+33123456789"),
            ("licensed", "on"),
            ("role", "admin"),
            ("password_source", "cloud"),
            ("enabled", "on"),
        ]);
        let (res, body) = send(&app, form_post("/api/admin_update_account", &edit, origin, Some(&admin))).await;
        assert!(location(&res).ends_with("done=saved"), "{} {body}", location(&res));
        assert_eq!(row(&db, bob.id).await.role, sspr::domain::directory::Role::Admin);

        // "Read the directory now", without JavaScript: back to the list, which says so.
        let (res, _) = send(&app, form_post("/api/admin_read_directory", "", origin, Some(&admin))).await;
        assert_eq!(location(&res), "/admin/accounts?done=directory_read");
        let (_, list) = send(&app, page("/admin/accounts?done=directory_read", Some(&admin))).await;
        assert!(list.contains(t.directory_read_status), "{list}");
        assert_eq!(events(&db, row(&db, bob.id).await.id).await.first().map(String::as_str), Some("account_updated"));
    })
    .await;
}

#[tokio::test]
async fn a_password_the_directory_wants_changed_is_changed_first_at_the_next_sign_in() {
    use crate::common::slapd::BASE_DN;
    on_both(|db| async move {
        const TEMPORARY: &str = "handed over by the helpdesk";
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false)]);
        slapd.modify(&format!("dn: {}\nchangetype: modify\nreplace: pwdPolicySubentry\npwdPolicySubentry: cn=mustchange,ou=policies,{BASE_DN}\n", dn("alice")));
        let s = server(&db, &slapd, &[]);
        let (alice, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", PASSWORD.into(), None).await.unwrap();
        assert!(!alice.must_change_password);

        // The directory's administrator sets a password for her with another tool: the
        // directory marks it to be changed.
        slapd.set_password_as_administrator("alice", TEMPORARY);
        assert_eq!(slapd.attribute("alice", "pwdReset"), vec!["TRUE".to_owned()]);
        let (alice, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", TEMPORARY.into(), None).await.unwrap();
        assert!(alice.must_change_password, "sspr asks for the change first");

        // Her change, written as herself, lifts the directory's mark and sspr's.
        let live = sspr::server::session::LiveSession { id_hash: "no such session".into(), account_id: alice.id };
        sspr::server::auth::change_password(&s, &alice, &live, Some(TEMPORARY), NEW_PASSWORD, NEW_PASSWORD, Default::default(), None).await.unwrap();
        assert!(slapd.attribute("alice", "pwdReset").is_empty());
        let (alice, _) = sspr::server::auth::sign_in(&s, "alice@contoso.example", NEW_PASSWORD.into(), None).await.unwrap();
        assert!(!alice.must_change_password);
    })
    .await;
}

#[tokio::test]
async fn users_are_reminded_before_ppolicys_max_age_ends_their_password() {
    use sspr::domain::policy::Policy;
    use sspr::server::admin::accounts;
    on_both(|db| async move {
        let slapd = Slapd::start(&[person("alice", "Alice Martin", PASSWORD, false), person("bob", "Bob Durand", PASSWORD, false)]);
        // The default policy's passwords last 5 days; Alice's was set now (pwdChangedTime),
        // Bob's was loaded without one (no expiry known).
        slapd.modify(&format!("dn: cn=default,ou=policies,{}\nchangetype: modify\nadd: pwdMaxAge\npwdMaxAge: 432000\n", crate::common::slapd::BASE_DN));
        slapd.set_password_as_administrator("alice", NEW_PASSWORD);
        let s = server(&db, &slapd, &[("SSPR_LDAP_PASSWORD_POLICY_DN", "cn=default,ou=policies,dc=contoso,dc=example")]);
        crate::common::save_policy(&db, &Policy { expiry_reminders: true, ..Policy::default() }).await;
        let admin = administrator(&s, "bob@contoso.example").await;
        accounts::read_directory(&admin).await.unwrap();
        accounts::read_directory(&admin).await.unwrap();
        let mut c = db.acquire().await.unwrap();
        let sent: Vec<_> = db::outbox::recent(c.conn(), 100).await.unwrap().into_iter().map(|m| (m.recipient, m.subject)).collect();
        drop(c);
        assert_eq!(sent, vec![("alice@contoso.example".to_owned(), "Your password expires in 5 days".to_owned())], "once, and only to Alice");
        // Without the policy's DN, sspr cannot know when a password expires: no reminder.
        let unknown = server(&db, &slapd, &[]);
        crate::common::exec(&db, "DELETE FROM expiry_reminders").await;
        let admin_unknown = sspr::server::admin::Admin { state: unknown.clone(), account: admin.account.clone(), ip: None, locale: Default::default() };
        accounts::read_directory(&admin_unknown).await.unwrap();
        assert_eq!(crate::common::count(&db, "SELECT COUNT(*) FROM outbox").await, 1);
    })
    .await;
}
