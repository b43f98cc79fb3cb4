//! The `sspr` command as an administrator runs it: accounts from the shell, configuration
//! errors that name their setting, and a graceful stop on SIGTERM.

use crate::common::{url_of};
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn sspr(database_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sspr"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("SSPR_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_are_managed_from_the_shell_with_passwords_on_stdin() {
    crate::common::on_both(|db| async move {
        let url = url_of(&db);
        let ok = sspr(&url, &["user", "add", "Ada@Contoso.example", "--name", "Ada Lovelace", "--must-change"], "correct horse battery staple\n");
        assert!(ok.status.success(), "{}", text(&ok));
        assert!(text(&ok).contains("ada@contoso.example created"));

        let again = sspr(&url, &["user", "add", "ada@contoso.example", "--name", "Ada"], "correct horse battery staple\n");
        assert!(!again.status.success());
        assert!(text(&again).contains("already exists"));

        let short = sspr(&url, &["user", "add", "bob@contoso.example", "--name", "Bob"], "short\n");
        assert!(!short.status.success());
        assert!(text(&short).contains("Use at least 15 characters."), "{}", text(&short));
        assert!(!text(&short).contains("short\n"), "the refused password is not echoed");

        let bad_id = sspr(&url, &["user", "add", "bob", "--name", "Bob"], "correct horse battery staple\n");
        assert!(!bad_id.status.success());
        assert!(text(&bad_id).contains("user ID"));

        let promote = sspr(&url, &["user", "promote", "ada@contoso.example"], "");
        assert!(promote.status.success(), "{}", text(&promote));
        let set = sspr(&url, &["user", "set-password", "ada@contoso.example"], "a brand new long passphrase\n");
        assert!(set.status.success(), "{}", text(&set));

        let mut c = db.acquire().await.unwrap();
        let account = sspr::server::db::accounts::find_by_user_id(c.conn(), &sspr::domain::UserId::parse("ada@contoso.example").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(account.is_admin());
        assert!(!account.must_change_password);
        assert!(sspr::server::crypto::verify_now("a brand new long passphrase", &account.password_hash).ok);
        let missing = sspr(&url, &["user", "promote", "nobody@contoso.example"], "");
        assert!(!missing.status.success());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_creates_registered_accounts_once() {
    use sspr::server::db::{accounts, methods};
    crate::common::on_both(|db| async move {
        let url = url_of(&db);
        let first = sspr(&url, &["seed", "--accounts", "50"], "");
        assert!(first.status.success(), "{}", text(&first));
        assert!(text(&first).contains("50 accounts created, 0 already existed"), "{}", text(&first));
        assert!(text(&first).contains("correct horse battery staple"), "the password is printed");

        let again = sspr(&url, &["seed", "--accounts", "50"], "");
        assert!(again.status.success(), "{}", text(&again));
        assert!(text(&again).contains("0 accounts created, 50 already existed"), "{}", text(&again));

        let mut c = db.acquire().await.unwrap();
        assert_eq!(accounts::count(c.conn()).await.unwrap(), 50);
        let (_, policy) = sspr::server::db::policy::current(c.conn()).await.unwrap();
        let requirements = sspr::domain::Requirements::of(&policy, false);
        let mut hash = None;
        for i in 1..=50 {
            let id = sspr::domain::UserId::parse(&format!("seed{i}@contoso.example")).unwrap();
            let account = accounts::find_by_user_id(c.conn(), &id).await.unwrap().expect("seeded");
            assert_eq!(account.display_name, format!("Seed User {i}"));
            assert_eq!(account.primary_email, format!("seed{i}@contoso.example"));
            assert!(account.confirmed_at.is_some() && account.licensed && account.password_source == sspr::domain::directory::PasswordSource::Cloud && !account.is_admin());
            let contacts = methods::contacts(c.conn(), account.id).await.unwrap();
            let verified: Vec<(&str, &str)> =
                contacts.iter().filter(|k| k.verified_at.is_some()).map(|k| (k.kind.as_str(), k.value.as_str())).collect();
            let (email, phone) = (format!("seed{i}@home.example"), format!("+3361{i:07}"));
            assert_eq!(verified, [("auth_email", email.as_str()), ("auth_phone", phone.as_str())]);
            let methods: Vec<_> = verified.iter().filter_map(|(kind, _)| sspr::domain::Method::parse(kind)).collect();
            assert!(requirements.check_finish(&methods).is_ok(), "registered for the default policy");
            assert!(hash.get_or_insert(account.password_hash.clone()) == &account.password_hash, "one shared hash");
        }
        assert!(sspr::server::crypto::verify_now("correct horse battery staple", &hash.unwrap()).ok);
        drop(c);

        let more = sspr(&url, &["seed", "--accounts", "60"], "");
        assert!(text(&more).contains("10 accounts created, 50 already existed"), "{}", text(&more));
    })
    .await;
}

#[test]
fn a_wrong_setting_stops_the_start_and_is_named() {
    for (var, value) in [("SSPR_PUBLIC_URL", "http://sspr.contoso.example"), ("DATABASE_URL", "mysql://db"), ("SSPR_SMS_PROVIDER", "pigeon")] {
        let out = Command::new(env!("CARGO_BIN_EXE_sspr")).arg("serve").env(var, value).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(var), "{var}: {}", text(&out));
    }
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let db = std::env::temp_dir().join(format!("sspr_serve_{}_{port}.db", std::process::id()));
    let log_path = std::env::temp_dir().join(format!("sspr_serve_{}_{port}.log", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_sspr"))
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite:{}", db.display()))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("SSPR_DEMO", "true")
        .env("SSPR_LOG", "debug")
        .env("SSPR_LOG_FORMAT", "json")
        .stdout(Stdio::null())
        // A file, not a pipe: debug logs would fill a pipe's buffer and block the server.
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::Read;
            s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
            let mut reply = String::new();
            let _ = s.read_to_string(&mut reply);
            if reply.starts_with("HTTP/1.1 200") {
                up = true;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(up, "the server answered /health");
    // Sign-ins with a wrong and a right password, then a code and security answers: no secret
    // may reach a log line, even at debug.
    let post = |path: &str, body: &str, cookie: &str| {
        use std::io::Read;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
             Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        assert!(reply.starts_with("HTTP/1.1 "), "{reply}");
        reply
    };
    let mut cookie = String::new();
    for password in ["Zebra+secret+guess+4711", "correct+horse+battery+staple"] {
        let reply = post("/api/sign_in", &format!("user_id=alice%40contoso.example&password={password}"), "none=1");
        if let Some(c) = reply.lines().find_map(|l| l.strip_prefix("set-cookie: sspr_session=")) {
            cookie = format!("sspr_session={}", c.split(';').next().unwrap());
        }
    }
    assert!(!cookie.is_empty(), "signed in");
    post("/api/send_email_code", "email=alice.home%40example.org", &cookie);
    post("/api/verify_email_code", "email_code=424242", &cookie);
    post(
        "/api/save_questions",
        "question_1=1&answer_1=Zanzibar+rocks&question_2=2&answer_2=Quokka+island&question_3=3&answer_3=Vermilion+sky",
        &cookie,
    );
    let code = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = sspr::server::db::Db::connect(&format!("sqlite:{}", db.display())).await.unwrap();
        let mut c = db.acquire().await.unwrap();
        let body = sspr::server::db::outbox::recent(c.conn(), 1).await.unwrap().pop().expect("the code was queued").body;
        body.split("code is: ").nth(1).unwrap().chars().filter(|c| c.is_ascii_digit()).take(6).collect::<String>()
    });
    post("/api/verify_email_code", &format!("email_code={code}"), &cookie);
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = child.wait().unwrap();
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(status.success(), "exit status {status:?}: {log}");
    assert!(log.contains("shutdown signal received") && log.contains("stopped"), "{log}");
    assert!(log.contains("demo account created"), "demo directory made at first start: {log}");
    assert!(log.contains("method_verified") || log.contains("/api/verify_email_code"), "the requests reached the server: {log}");
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    for secret in ["correct horse battery staple", "correct+horse", "Zebra", "sspr_session=", "424242", &code, &spaced, "Zanzibar", "zanzibar", "Quokka", "quokka", "Vermilion", "vermilion"] {
        assert!(!log.contains(secret), "{secret:?} reached the log");
    }
    assert!(log.contains("\"request_id\""), "structured lines carry the request ID: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_import_creates_every_account_of_a_file_or_none() {
    crate::common::on_both(|db| async move {
        let url = url_of(&db);
        let dir = std::env::temp_dir().join(format!("sspr_import_{}_{}", std::process::id(), db.backend()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.csv");
        std::fs::write(&bad, "user_id,display_name,role\nc1@contoso.example,C One,user\nc2@contoso.example,C Two,root\n").unwrap();
        let out = sspr(&url, &["user", "import", bad.to_str().unwrap()], "");
        assert!(!out.status.success());
        assert!(text(&out).contains("Line 3, column role"), "{}", text(&out));
        let mut c = db.acquire().await.unwrap();
        assert_eq!(sspr::server::db::accounts::count(c.conn()).await.unwrap(), 0, "nothing of a refused file");
        drop(c);

        let good = dir.join("good.csv");
        std::fs::write(&good, "user_id,display_name,role\nc1@contoso.example,C One,user\nc2@contoso.example,C Two,admin\n").unwrap();
        let out = sspr(&url, &["user", "import", good.to_str().unwrap()], "");
        assert!(out.status.success(), "{}", text(&out));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines[0], "user_id,temporary_password");
        assert!(lines[2].starts_with("c2@contoso.example,") && lines[2].len() > 30, "{stdout}");
        let mut c = db.acquire().await.unwrap();
        let c2 = sspr::server::db::accounts::find_by_user_id(c.conn(), &sspr::domain::UserId::parse("c2@contoso.example").unwrap()).await.unwrap().unwrap();
        assert!(c2.is_admin() && c2.must_change_password);
        let password = lines[2].split_once(',').unwrap().1;
        assert!(sspr::server::crypto::verify_now(password, &c2.password_hash).ok);
        drop(c);
        std::fs::remove_dir_all(&dir).ok();
    })
    .await;
}
