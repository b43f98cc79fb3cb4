//! Active Directory (`SSPR_LDAP_PRESET=active-directory`) against a real Samba AD domain
//! controller started on loopback (`common::samba`), on SQLite and PostgreSQL: sign-in is a
//! bind (AD's "must change" bind counts as a right password), the account comes from the
//! directory keyed by its `objectGUID`, a disabled account is as unknown; a reset, a change and
//! an administrator's temporary password are written as `unicodePwd`, AD's refusals (its
//! complexity, history, a wrong current password, a protected account) answer at the field and
//! change nothing; a reset and an unlock lift AD's lock-out, a temporary password sets AD's own
//! "must change"; the console reads the whole domain page by page.

use crate::common::samba::{BASE_DN, SambaDc, dn, dn_in, person, person_in};
use crate::common::on_both;
use crate::ldap::{administrator, browser, command_line, events, find, pass_email_gate, registered, row, server_on, start};
use sspr::domain::{AppError, Field, Problem};
use sspr::server::AppState;
use sspr::server::db::{self, Db, accounts::Account};
use sspr::server::reset;
use sspr::view::reset::ResetPage;
use std::time::{Duration, Instant};

/// Three kinds of characters, as AD's complexity rule asks.
const PASSWORD: &str = "Quietly humming lantern 7";
const NEW_PASSWORD: &str = "Lantern orchard hums 42 times";
const TEMPORARY: &str = "Temporary orchard lamp 93";
/// Passes sspr's rules, not AD's complexity (small letters and spaces only).
const SIMPLE: &str = "lantern orchard quietly humming";

fn server(db: &Db, dc: &SambaDc, extra: &[(&'static str, &str)]) -> AppState {
    server_on(db, dc.vars(), extra)
}

/// Changes `account`'s password as its signed-in owner does, with the current one.
async fn change(s: &AppState, account: &Account, current: &str, new: &str) -> Result<(), AppError> {
    let live = sspr::server::session::LiveSession { id_hash: "no such session".into(), account_id: account.id };
    sspr::server::auth::change_password(s, account, &live, Some(current), new, new, Default::default(), None).await
}

/// The `objectGUID` of the user `sam` as Samba's own tool prints it.
fn guid_by_samba(dc: &SambaDc, sam: &str) -> String {
    let out = std::process::Command::new("samba-tool")
        .args(["user", "show", sam, "--attributes=objectGUID", "-H"])
        .arg(dc.dir.join("private/sam.ldb"))
        .arg("-s")
        .arg(dc.dir.join("etc/smb.conf"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find_map(|l| l.strip_prefix("objectGUID: ")).expect("objectGUID").trim().to_owned()
}

/// Whether the row `id` holds the immutable ID `guid`.
async fn keyed_by(db: &Db, id: i64, guid: &str) -> bool {
    assert!(guid.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    crate::common::count(db, &format!("SELECT COUNT(*) FROM accounts WHERE id = {id} AND directory_id = '{guid}'")).await == 1
}

#[tokio::test]
async fn sign_in_is_a_bind_and_the_account_comes_from_active_directory() {
    on_both(|db| async move {
        let mut dc = SambaDc::start(&[person("alice", "Alice Martin", PASSWORD), person("dora", "Dora Disabled", PASSWORD)]);
        dc.join_staff(&dn("Alice Martin"));
        let staff = {
            let mut c = db.acquire().await.unwrap();
            db::groups::create(c.conn(), "Staff", "", db::now()).await.unwrap().unwrap()
        };
        let s = server(&db, &dc, &[("SSPR_LDAP_TIMEOUT_SECS", "2")]);
        let (alice, _) = sspr::server::auth::sign_in(&s, "Alice@sspr.test", PASSWORD.into(), None).await.unwrap();
        assert_eq!((alice.user_id.as_str(), alice.display_name.as_str(), alice.primary_email.as_str()), ("alice@sspr.test", "Alice Martin", "alice@sspr.test"));
        assert_eq!(alice.office_phone.as_deref(), Some("+33123456789"));
        assert_eq!(alice.directory_dn.as_deref(), Some(dn("Alice Martin").as_str()));
        assert!(keyed_by(&db, alice.id, &guid_by_samba(&dc, "alice")).await, "keyed by objectGUID, in AD's string form");
        assert!(!alice.must_change_password);
        assert_eq!(row(&db, alice.id).await.password_hash, sspr::server::directory::IN_DIRECTORY);
        let mut c = db.acquire().await.unwrap();
        assert_eq!(db::groups::of_account(c.conn(), alice.id).await.unwrap(), vec![staff], "memberOf makes the membership");
        drop(c);

        for (user_id, password) in [("alice@sspr.test", "Not-her-password-1"), ("nobody@sspr.test", PASSWORD), ("dora@sspr.test", "Not-her-password-1")] {
            assert_eq!(sspr::server::auth::sign_in(&s, user_id, password.into(), None).await.map(|_| ()), Err(AppError::BadCredentials), "{user_id}");
        }
        // The typed ID is escaped into the filter: these match no one, rather than everyone.
        let mut tried = 0;
        for injected in ["*@sspr.test", "al*@sspr.test", "alice@sspr.test)(userPrincipalName=*", "*)(|(mail=*@x.example", "alice\\2a@sspr.test"] {
            if sspr::domain::UserId::parse(injected).is_ok() {
                assert!(find(&s, injected).await.unwrap().is_none(), "{injected}");
                tried += 1;
            }
        }
        assert!(tried >= 3, "the user ID's own rules let these through to the directory");
        // Disabled in AD: as if not there, even with the right password.
        dc.set(&dn("Dora Disabled"), "userAccountControl", "514");
        assert_eq!(dc.bind("dora@sspr.test", PASSWORD), Err("533".into()));
        assert!(find(&s, "dora@sspr.test").await.unwrap().is_none());
        assert_eq!(sspr::server::auth::sign_in(&s, "dora@sspr.test", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::BadCredentials));

        // "Must change at next logon": AD refuses the bind once it has checked the password
        // (data 773); sspr signs her in and asks for a new one.
        dc.set(&dn("Alice Martin"), "pwdLastSet", "0");
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Err("773".into()));
        let (again, _) = sspr::server::auth::sign_in(&s, "alice@sspr.test", PASSWORD.into(), None).await.unwrap();
        assert_eq!(again.id, alice.id);
        assert!(again.must_change_password, "AD's pwdLastSet=0 is sspr's must change");
        assert_eq!(sspr::server::auth::sign_in(&s, "alice@sspr.test", "Not-her-password-1".into(), None).await.map(|_| ()), Err(AppError::BadCredentials));

        // Down: unavailable within the timeout; back: the next request reconnects.
        dc.stop();
        let t = Instant::now();
        assert_eq!(sspr::server::auth::sign_in(&s, "alice@sspr.test", PASSWORD.into(), None).await.map(|_| ()), Err(AppError::DirectoryUnavailable));
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        dc.restart();
        sspr::server::auth::sign_in(&s, "alice@sspr.test", PASSWORD.into(), None).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_reset_is_written_as_unicode_pwd_under_ads_rules_and_lifts_its_lock_out() {
    on_both(|db| async move {
        let dc = SambaDc::start(&[person("alice", "Alice Martin", PASSWORD), person("bob", "Bob Durand", PASSWORD)]);
        let s = server(&db, &dc, &[]);
        let alice = registered(&s, &db, "alice@sspr.test").await;
        registered(&s, &db, "bob@sspr.test").await;

        // Five wrong passwords elsewhere: AD locks Alice out, even with the right one.
        dc.fail_binds("alice@sspr.test", 5);
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Err("775".into()));
        assert!(find(&s, "alice@sspr.test").await.unwrap().unwrap().directory_locked_out);

        let mut me = browser();
        start(&s, &mut me, "alice@sspr.test").await.unwrap();
        pass_email_gate(&s, &db, &me, "alice@sspr.test").await;
        // sspr's rules pass it; AD's complexity refuses it, at the field, and nothing changes.
        assert_eq!(reset::set_password(&s, &me, SIMPLE, SIMPLE).await, Err(AppError::field(Field::NewPassword, Problem::NotComplexEnough)));
        assert!(matches!(reset::view(&s, &me, true).await.unwrap().page, ResetPage::Choose { .. }));
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Err("775".into()), "still locked, with the same password");
        assert!(!events(&db, alice).await.contains(&"reset_completed".to_owned()));

        reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
        assert_eq!(reset::view(&s, &me, true).await.unwrap().page, ResetPage::Done { unlocked: false });
        assert_eq!(dc.bind("alice@sspr.test", NEW_PASSWORD), Ok(()), "AD checks the new password, and the reset unlocked her");
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Err("52e".into()), "and no longer the old one");
        assert_eq!(dc.attribute(&dn("Alice Martin"), "lockoutTime"), vec!["0".to_owned()]);
        assert!(events(&db, alice).await.contains(&"reset_completed".to_owned()));

        // Bob only wants back in: "unlock without resetting" lifts AD's lock, his password stays.
        dc.fail_binds("bob@sspr.test", 5);
        let mut bob = browser();
        bob.ip = Some("192.0.2.22".into());
        start(&s, &mut bob, "bob@sspr.test").await.unwrap();
        pass_email_gate(&s, &db, &bob, "bob@sspr.test").await;
        let page = reset::view(&s, &bob, true).await.unwrap().page;
        assert!(matches!(page, ResetPage::Choose { can_unlock: true, .. }), "{page:?}");
        reset::unlock(&s, &bob).await.unwrap();
        assert_eq!(dc.bind("bob@sspr.test", PASSWORD), Ok(()));
    })
    .await;
}

#[tokio::test]
async fn a_change_is_checked_by_active_directory_as_the_users_own() {
    on_both(|db| async move {
        let dc = SambaDc::start(&[person("alice", "Alice Martin", PASSWORD)]);
        let s = server(&db, &dc, &[]);
        let (alice, _) = sspr::server::auth::sign_in(&s, "alice@sspr.test", PASSWORD.into(), None).await.unwrap();

        assert_eq!(change(&s, &alice, "Not-her-password-1", NEW_PASSWORD).await, Err(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword)));
        assert_eq!(change(&s, &alice, PASSWORD, SIMPLE).await, Err(AppError::field(Field::NewPassword, Problem::NotComplexEnough)));
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Ok(()), "a refusal changes nothing");
        change(&s, &alice, PASSWORD, NEW_PASSWORD).await.unwrap();
        assert_eq!(dc.bind("alice@sspr.test", NEW_PASSWORD), Ok(()));
        assert_eq!(dc.bind("alice@sspr.test", PASSWORD), Err("52e".into()));
        // AD's history (3 passwords) refuses going back.
        assert_eq!(change(&s, &alice, NEW_PASSWORD, PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::InPasswordHistory)));
        assert_eq!(dc.bind("alice@sspr.test", NEW_PASSWORD), Ok(()));
    })
    .await;
}

#[tokio::test]
async fn an_administrators_temporary_password_uses_ads_must_change_and_a_protected_account_is_refused_clearly() {
    use sspr::server::admin::accounts;
    on_both(|db| async move {
        let dc = SambaDc::start(&[
            person("alice", "Alice Martin", PASSWORD),
            person("carol", "Carol Admin", PASSWORD),
            person_in("Admins", "root", "Root Admin", PASSWORD),
        ]);
        let s = server(&db, &dc, &[]);
        let admin = administrator(&s, "carol@sspr.test").await;
        let alice = find(&s, "alice@sspr.test").await.unwrap().unwrap();

        // Locked out, then given a temporary password: AD must make her change it, and she is
        // unlocked.
        dc.fail_binds("alice@sspr.test", 5);
        assert_eq!(accounts::reset_password(&admin, alice.id, SIMPLE).await, Err(AppError::field(Field::TemporaryPassword, Problem::NotComplexEnough)));
        assert_eq!(accounts::reset_password(&admin, alice.id, TEMPORARY).await, Ok(None));
        assert_eq!(dc.attribute(&dn("Alice Martin"), "pwdLastSet"), vec!["0".to_owned()], "AD's own must change");
        assert_eq!(dc.bind("alice@sspr.test", TEMPORARY), Err("773".into()), "right, unlocked, to be changed");
        assert!(events(&db, alice.id).await.contains(&"password_reset_by_admin".to_owned()));

        // She signs in with it and chooses her own, which lifts AD's flag and sspr's.
        let (signed_in, _) = sspr::server::auth::sign_in(&s, "alice@sspr.test", TEMPORARY.into(), None).await.unwrap();
        assert!(signed_in.must_change_password);
        change(&s, &signed_in, TEMPORARY, NEW_PASSWORD).await.unwrap();
        assert_eq!(dc.bind("alice@sspr.test", NEW_PASSWORD), Ok(()));
        assert_ne!(dc.attribute(&dn("Alice Martin"), "pwdLastSet"), vec!["0".to_owned()]);
        assert!(!row(&db, alice.id).await.must_change_password);
        let (again, _) = sspr::server::auth::sign_in(&s, "alice@sspr.test", NEW_PASSWORD.into(), None).await.unwrap();
        assert!(!again.must_change_password);

        // The administrator's unlock lifts AD's lock.
        dc.fail_binds("alice@sspr.test", 5);
        accounts::unlock(&admin, alice.id).await.unwrap();
        assert_eq!(dc.bind("alice@sspr.test", NEW_PASSWORD), Ok(()));

        // An account the service was not delegated (here OU=Admins, as AD's protected accounts
        // are): the refusal is said at the field, for the administrator and the user alike.
        let root = find(&s, "root@sspr.test").await.unwrap().unwrap();
        assert_eq!(accounts::reset_password(&admin, root.id, TEMPORARY).await, Err(AppError::field(Field::TemporaryPassword, Problem::DirectoryDenied)));
        let root_id = registered(&s, &db, "root@sspr.test").await;
        let mut me = browser();
        start(&s, &mut me, "root@sspr.test").await.unwrap();
        pass_email_gate(&s, &db, &me, "root@sspr.test").await;
        assert_eq!(reset::set_password(&s, &me, NEW_PASSWORD, NEW_PASSWORD).await, Err(AppError::field(Field::NewPassword, Problem::DirectoryDenied)));
        assert_eq!(dc.bind("root@sspr.test", PASSWORD), Ok(()), "nothing changed");
        assert!(!events(&db, root_id).await.contains(&"reset_completed".to_owned()));
        assert_eq!(dn_in("Admins", "Root Admin"), root.directory_dn.unwrap());
    })
    .await;
}

#[tokio::test]
async fn the_console_reads_the_whole_domain_page_by_page() {
    use sspr::domain::directory::AccountFilter;
    use sspr::server::admin::accounts;
    use sspr::view::admin::accounts::DirectoryRead;
    on_both(|db| async move {
        let names = ["alice", "bob", "carol", "dave", "erin"];
        let people: Vec<String> = names.iter().map(|n| person(n, &format!("{n} Tester"), PASSWORD)).collect();
        let dc = SambaDc::start(&people);
        // Only the people of OU=People: the service account and the administrators are not.
        let s = server(&db, &dc, &[("SSPR_LDAP_PAGE_SIZE", "2"), ("SSPR_LDAP_BASE_DN", &format!("OU=People,{BASE_DN}"))]);
        let admin = administrator(&s, "alice@sspr.test").await;
        assert_eq!(accounts::read_directory(&admin).await.unwrap(), DirectoryRead { users: 5, gone: 0 });
        let listed = accounts::list(&admin, "", AccountFilter::All, None, None).await.unwrap();
        let users: Vec<&str> = listed.rows.iter().map(|r| r.user_id.as_str()).collect();
        assert_eq!(users, names.iter().map(|n| format!("{n}@sspr.test")).collect::<Vec<_>>());
        let erin = listed.rows.iter().find(|r| r.user_id.starts_with("erin")).unwrap().id;
        assert!(keyed_by(&db, erin, &guid_by_samba(&dc, "erin")).await);

        dc.modify(&format!("dn: {}\nchangetype: delete\n\n", dn("erin Tester")));
        assert_eq!(accounts::read_directory(&admin).await.unwrap(), DirectoryRead { users: 4, gone: 1 });
        assert!(accounts::list(&admin, "erin", AccountFilter::All, None, None).await.unwrap().rows[0].gone_from_directory);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_test_names_what_an_administrator_must_fix_in_active_directory() {
    on_both(|db| async move {
        let dc = SambaDc::start(&[person("alice", "Alice Martin", PASSWORD), person_in("Admins", "root", "Root Admin", PASSWORD)]);
        dc.set(&dn_in("Admins", "Root Admin"), "adminCount", "1");
        let (ok, text) = command_line(&db, dc.vars(), &["directory", "test", "alice@sspr.test"]);
        assert!(ok, "{text}");
        for line in [
            &format!("ok   connected to {} with StartTLS", dc.url()),
            "ok   the service account sspr-service@sspr.test binds",
            "warn password-policy hints (1.2.840.113556.1.4.2239 / 2066) are not supported",
            // Alice, Root and the service account: all three have a UPN.
            "ok   3 users found by SSPR_LDAP_USER_FILTER",
            "warn 1 protected account (adminCount=1)",
            ": root@sspr.test",
            &format!("ok   alice@sspr.test is {}", dn("Alice Martin")),
            "ok     display name: Alice Martin",
            "ok     must change: no",
            "ok   the service account may write lockoutTime of alice@sspr.test",
            "ok   the service account may write pwdLastSet of alice@sspr.test",
        ] {
            assert!(text.contains(line), "{line:?} in:\n{text}");
        }
        // The service was not delegated OU=Admins: the test says what to fix.
        let (ok, text) = command_line(&db, dc.vars(), &["directory", "test", "root@sspr.test"]);
        assert!(!ok && text.contains("FAIL the service account may not write lockoutTime of root@sspr.test"), "{text}");
        // A certificate sspr does not trust: the connection step says so, and stops there.
        let other = crate::common::slapd::Slapd::start(&[]);
        let mut untrusted = dc.vars();
        untrusted.push(("SSPR_LDAP_CA_FILE", other.ca_file()));
        let (ok, text) = command_line(&db, untrusted, &["directory", "test"]);
        assert!(!ok && text.contains(&format!("FAIL cannot connect to {} with StartTLS", dc.url())) && !text.contains("binds"), "{text}");
    })
    .await;
}

/// The subjects of the e-mails queued for `to`, oldest first.
async fn subjects_to(db: &Db, to: &str) -> Vec<String> {
    let mut c = db.acquire().await.unwrap();
    let mut mails: Vec<_> = db::outbox::recent(c.conn(), 500).await.unwrap().into_iter().filter(|m| m.recipient == to).collect();
    mails.reverse();
    mails.into_iter().map(|m| m.subject).collect()
}

#[tokio::test]
async fn users_are_reminded_before_ads_password_expiry_once_per_threshold() {
    use sspr::domain::policy::Policy;
    use sspr::server::admin::accounts;
    on_both(|db| async move {
        let dc = SambaDc::start(&[person("alice", "Alice Martin", PASSWORD), person("bob", "Bob Durand", PASSWORD), person("carol", "Carol Admin", PASSWORD)]);
        let s = server(&db, &dc, &[("SSPR_LDAP_BASE_DN", &format!("OU=People,{BASE_DN}"))]);
        let admin = administrator(&s, "carol@sspr.test").await;
        let bob = find(&s, "bob@sspr.test").await.unwrap().unwrap();
        crate::common::exec(&db, &format!("UPDATE accounts SET enabled = FALSE WHERE id = {}", bob.id)).await;
        // AD's maximum password age, on the domain (in 100-ns intervals, negative).
        let max_age = |days: f64| dc.set(BASE_DN, "maxPwdAge", &format!("-{}", (days * 86_400.0) as i64 * 10_000_000));

        // Off by default: nothing, however close the expiry.
        max_age(2.5);
        accounts::read_directory(&admin).await.unwrap();
        assert!(subjects_to(&db, "alice@sspr.test").await.is_empty());

        crate::common::save_policy(&db, &Policy { expiry_reminders: true, ..Policy::default() }).await;
        max_age(42.0);
        accounts::read_directory(&admin).await.unwrap();
        assert!(subjects_to(&db, "alice@sspr.test").await.is_empty(), "42 days left: not yet");

        max_age(5.0);
        accounts::read_directory(&admin).await.unwrap();
        accounts::read_directory(&admin).await.unwrap();
        assert_eq!(subjects_to(&db, "alice@sspr.test").await, vec!["Your password expires in 5 days"], "the 7-day reminder, once");
        let mut c = db.acquire().await.unwrap();
        let mail = db::outbox::recent(c.conn(), 500).await.unwrap().into_iter().find(|m| m.recipient == "alice@sspr.test").unwrap();
        drop(c);
        assert!(mail.body.contains("Hello Alice Martin") && mail.body.contains("https://sspr.contoso.example/password"), "{}", mail.body);
        assert!(subjects_to(&db, "bob@sspr.test").await.is_empty(), "disabled in sspr: no reminder");
        let alice = find(&s, "alice@sspr.test").await.unwrap().unwrap();
        assert_eq!(events(&db, alice.id).await.iter().filter(|e| *e == "expiry_reminder_sent").count(), 1);

        max_age(2.5);
        accounts::read_directory(&admin).await.unwrap();
        accounts::read_directory(&admin).await.unwrap();
        // (AD counts a maximum age of a day or less as none: the 1-day reminder is the same
        // rule, checked by the unit test of `policy::reminder_due`.)
        assert_eq!(
            subjects_to(&db, "alice@sspr.test").await,
            vec!["Your password expires in 5 days", "Your password expires in 3 days"],
            "then the 3-day reminder, once"
        );

        // A new password is a new expiry: its reminders start again. (Expiries are kept to the
        // second: a password set in the same second as the one before, under the same maximum
        // age, would share its reminders. This test runs fast enough for that.)
        let (signed_in, _) = sspr::server::auth::sign_in(&s, "alice@sspr.test", PASSWORD.into(), None).await.unwrap();
        max_age(5.0);
        tokio::time::sleep(Duration::from_millis(1_100)).await;
        change(&s, &signed_in, PASSWORD, NEW_PASSWORD).await.unwrap();
        accounts::read_directory(&admin).await.unwrap();
        let subjects = subjects_to(&db, "alice@sspr.test").await;
        assert_eq!(subjects.len(), 2 + 2, "the change notice, then the new 7-day reminder: {subjects:?}");
    })
    .await;
}
