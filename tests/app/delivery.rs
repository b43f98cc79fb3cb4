//! Delivery of queued messages to real servers on loopback: an SMTP server and an HTTP server
//! standing in for the SMS provider. Every test runs on SQLite and PostgreSQL.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use crate::common::sinks::{HttpSink, SmtpSink, free_port};
use sspr::server::config::Config;
use sspr::server::db::outbox::{self, Channel, Message, Queued};
use sspr::server::db::{self, Db};
use sspr::server::delivery::Delivery;
use sspr::server::delivery::worker::{drain_once, run};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

const NOW: i64 = 1_700_000_000;
const FROM: &str = "Password service <sspr@contoso.example>";
const WEBHOOK_SECRET: &str = "0123456789abcdef0123456789abcdef";

fn delivery(vars: &[(&str, &str)]) -> Delivery {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let config = Config::from_vars(|k| map.get(k).cloned()).expect("valid test configuration");
    Delivery::from_config(&config).expect("valid delivery configuration")
}

fn smtp_delivery(url: &str) -> Delivery {
    delivery(&[("SSPR_SMTP_URL", url), ("SSPR_MAIL_FROM", FROM)])
}

fn twilio_delivery(sink: &HttpSink) -> Delivery {
    delivery(&[
        ("SSPR_SMS_PROVIDER", "twilio"),
        ("SSPR_TWILIO_ACCOUNT_SID", "AC0123"),
        ("SSPR_TWILIO_AUTH_TOKEN", "token-secret"),
        ("SSPR_TWILIO_FROM", "+15005550006"),
        ("SSPR_TWILIO_API_URL", &sink.url()),
    ])
}

fn email(body: &str) -> Message {
    Message {
        channel: Channel::Email,
        recipient: "alice@contoso.example".into(),
        subject: "Your verification code".into(),
        body: body.into(),
        language: "en".into(),
    }
}

fn phone(channel: Channel, body: &str, language: &str) -> Message {
    Message { channel, recipient: "+33612345678".into(), subject: String::new(), body: body.into(), language: language.into() }
}

async fn queue(db: &Db, m: Message, now: i64) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = outbox::enqueue(tx.conn(), &m, now).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn find(db: &Db, id: i64) -> Queued {
    let mut c = db.acquire().await.unwrap();
    outbox::find(c.conn(), id).await.unwrap().expect("the message is still in the outbox")
}

async fn next_attempt_at(db: &Db, id: i64) -> i64 {
    let mut c = db.acquire().await.unwrap();
    let sql = "SELECT next_attempt_at FROM outbox WHERE id = $1";
    sspr::on!(c.conn(), c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(&mut *c).await).unwrap()
}

/// Queued for a retry `delay` seconds after `at`, after `attempts` attempts.
async fn assert_waiting(db: &Db, id: i64, attempts: i64, at: i64, delay: i64) -> Queued {
    let q = find(db, id).await;
    assert_eq!((q.sent_at, q.failed_at, q.attempts), (None, None, attempts), "{q:?}");
    assert_eq!(next_attempt_at(db, id).await, at + delay);
    q
}

/// Queues `m`, drains, and returns the one request the provider received; checks it was sent.
async fn provider_request(db: &Db, d: &Delivery, provider: &HttpSink, m: Message) -> (i64, crate::common::sinks::Request) {
    let id = queue(db, m, NOW).await;
    assert_eq!(drain_once(db, d, NOW).await.unwrap(), 1);
    assert_eq!(find(db, id).await.sent_at, Some(NOW));
    let mut requests = provider.requests();
    assert_eq!(requests.len(), 1);
    (id, requests.remove(0))
}

#[tokio::test]
async fn an_email_reaches_the_smtp_server_and_is_marked_sent() {
    crate::common::on_both(|db| async move {
        let sink = SmtpSink::start().await;
        let d = smtp_delivery(&sink.url());
        // A line holding only a dot must survive the SMTP end-of-data marker.
        let body = "Bonjour Alice,\n\nVotre code : 123456\n.\nÀ bientôt";
        let id = queue(&db, Message { language: "fr".into(), ..email(body) }, NOW).await;

        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 1);

        let mails = sink.messages();
        assert_eq!(mails.len(), 1);
        let mail = &mails[0];
        assert_eq!(mail.mail_from, "sspr@contoso.example");
        assert_eq!(mail.rcpt_to, ["alice@contoso.example"]);
        assert_eq!(mail.header("From").unwrap(), "\"Password service\" <sspr@contoso.example>");
        assert_eq!(mail.header("To").unwrap(), "alice@contoso.example");
        assert_eq!(mail.header("Subject").unwrap(), "Your verification code");
        assert_eq!(mail.header("Content-Language").unwrap(), "fr");
        assert_eq!(mail.header("Content-Type").unwrap().to_ascii_lowercase(), "text/plain; charset=utf-8");
        assert_eq!(mail.text(), body);

        let q = find(&db, id).await;
        assert_eq!((q.sent_at, q.failed_at, q.attempts, q.last_error), (Some(NOW), None, 1, None));
        assert_eq!(drain_once(&db, &d, NOW + 3600).await.unwrap(), 0, "sent once only");
    })
    .await;
}

#[tokio::test]
async fn a_burst_of_emails_shares_one_smtp_connection_and_a_closed_one_is_replaced() {
    crate::common::on_both(|db| async move {
        let sink = SmtpSink::start().await;
        let d = smtp_delivery(&sink.url());
        for i in 0..5 {
            queue(&db, email(&format!("Code: {i}")), NOW).await;
        }
        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 5);
        assert_eq!(sink.messages().len(), 5);
        // lettre puts a connection back in its pool just after the send returns: the second
        // message may open a second one, the others reuse them.
        assert!(sink.connections() <= 2, "{} connections for 5 messages", sink.connections());

        // The server goes away (its connections closed) and comes back on the same port: the
        // pooled connections are dead, the next message opens a new one.
        let port = sink.port;
        drop(sink);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let sink = SmtpSink::start_on(port).await;
        queue(&db, email("Code: 5"), NOW).await;
        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 1);
        assert_eq!(sink.messages().len(), 1, "sent on a fresh connection");
        assert_eq!(sink.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn an_email_waits_while_the_smtp_server_is_down_then_goes_out() {
    crate::common::on_both(|db| async move {
        let port = free_port();
        let d = smtp_delivery(&format!("smtp://127.0.0.1:{port}"));
        let id = queue(&db, email("Your code: 123456"), NOW).await;

        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 1);
        let q = assert_waiting(&db, id, 1, NOW, 30).await;
        assert_eq!(q.last_error.as_deref(), Some("SMTP connection failure"));
        assert_eq!(drain_once(&db, &d, NOW + 10).await.unwrap(), 0, "not due before the back-off");

        let sink = SmtpSink::start_on(port).await;
        assert_eq!(drain_once(&db, &d, NOW + 31).await.unwrap(), 1);
        assert_eq!(sink.messages().len(), 1);
        assert_eq!(sink.messages()[0].text(), "Your code: 123456");
        let q = find(&db, id).await;
        assert_eq!((q.sent_at, q.attempts, q.last_error), (Some(NOW + 31), 2, None));
    })
    .await;
}

#[tokio::test]
async fn a_4xx_smtp_reply_is_retried_and_a_5xx_reply_gives_up_without_recording_the_message() {
    crate::common::on_both(|db| async move {
        let sink = SmtpSink::start().await;
        let d = smtp_delivery(&sink.url());
        let id = queue(&db, email("Your code: 834201"), NOW).await;

        sink.reject_with("451 4.3.0 Try again later");
        drain_once(&db, &d, NOW).await.unwrap();
        let q = assert_waiting(&db, id, 1, NOW, 30).await;
        assert_eq!(q.last_error.as_deref(), Some("SMTP 451"));

        // The server's reply quotes the message: none of it may reach the outbox.
        sink.reject_with("550 5.7.1 Rejected: Your code: 834201 for alice@contoso.example");
        drain_once(&db, &d, NOW + 30).await.unwrap();
        let q = find(&db, id).await;
        assert_eq!((q.sent_at, q.failed_at, q.attempts), (None, Some(NOW + 30), 2));
        assert_eq!(q.last_error.as_deref(), Some("SMTP 550"));
        assert_eq!(drain_once(&db, &d, NOW + 86_400).await.unwrap(), 0, "given up: never retried");
        assert!(sink.messages().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_twilio_sms_is_posted_with_basic_auth_and_form_fields() {
    crate::common::on_both(|db| async move {
        let provider = HttpSink::start(201).await;
        let d = twilio_delivery(&provider);
        let (_, r) = provider_request(&db, &d, &provider, phone(Channel::Sms, "Your code: 123456", "en")).await;

        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/2010-04-01/Accounts/AC0123/Messages.json");
        let credentials = base64::engine::general_purpose::STANDARD.encode("AC0123:token-secret");
        assert_eq!(r.header("authorization"), Some(format!("Basic {credentials}").as_str()));
        assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
        let form = r.form();
        assert_eq!(form.len(), 3, "{form:?}");
        assert_eq!(form["To"], "+33612345678");
        assert_eq!(form["From"], "+15005550006");
        assert_eq!(form["Body"], "Your code: 123456");
    })
    .await;
}

#[tokio::test]
async fn a_twilio_voice_call_reads_the_code_digit_by_digit_in_french() {
    crate::common::on_both(|db| async move {
        let provider = HttpSink::start(201).await;
        let d = twilio_delivery(&provider);
        let call = phone(Channel::Voice, "Votre code est 482913. Au revoir & merci.", "fr");
        let (_, r) = provider_request(&db, &d, &provider, call).await;

        assert_eq!(r.path, "/2010-04-01/Accounts/AC0123/Calls.json");
        assert!(r.header("authorization").unwrap().starts_with("Basic "));
        let form = r.form();
        assert_eq!(form["To"], "+33612345678");
        assert_eq!(form["From"], "+15005550006");
        assert_eq!(
            form["Twiml"],
            "<Response><Say language=\"fr-FR\">Votre code est 4 8 2 9 1 3. Au revoir &amp; merci.</Say></Response>"
        );
        assert!(!form.contains_key("Body"));
    })
    .await;
}

#[tokio::test]
async fn a_webhook_request_is_signed_over_its_timestamp_and_body() {
    crate::common::on_both(|db| async move {
        let hook = HttpSink::start(204).await;
        let url = format!("{}/hooks/sms?tenant=contoso", hook.url());
        let d = delivery(&[("SSPR_SMS_PROVIDER", "webhook"), ("SSPR_SMS_WEBHOOK_URL", &url), ("SSPR_SMS_WEBHOOK_SECRET", WEBHOOK_SECRET)]);
        let (id, r) = provider_request(&db, &d, &hook, phone(Channel::Voice, "Votre code : 123456", "fr")).await;

        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/hooks/sms?tenant=contoso"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(
            r.json(),
            serde_json::json!({"id": id, "channel": "voice", "to": "+33612345678", "body": "Votre code : 123456", "language": "fr"})
        );

        let timestamp = r.header("x-sspr-timestamp").unwrap();
        let age = db::now() - timestamp.parse::<i64>().unwrap();
        assert!((0..60).contains(&age), "the timestamp is the time of sending");
        let signature = r.header("x-sspr-signature").unwrap().strip_prefix("sha256=").unwrap();
        let verify = |secret: &str, signed: &[u8]| {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
            mac.update(signed);
            mac.verify_slice(&hex::decode(signature).unwrap()).is_ok()
        };
        let signed = [timestamp.as_bytes(), b".", &r.body].concat();
        assert!(verify(WEBHOOK_SECRET, &signed), "the signature verifies with the secret");
        assert!(!verify("another secret of thirty-two chars", &signed));
        assert!(!verify(WEBHOOK_SECRET, &r.body), "the timestamp is part of what is signed");
    })
    .await;
}

#[tokio::test]
async fn a_provider_outage_leaves_the_message_queued_for_retry() {
    crate::common::on_both(|db| async move {
        let provider = HttpSink::start(503).await;
        let d = twilio_delivery(&provider);
        let id = queue(&db, phone(Channel::Sms, "Your code: 123456", "en"), NOW).await;

        drain_once(&db, &d, NOW).await.unwrap();
        let q = assert_waiting(&db, id, 1, NOW, 30).await;
        assert_eq!(q.last_error.as_deref(), Some("provider HTTP 503"));

        provider.respond_with(201);
        assert_eq!(drain_once(&db, &d, NOW + 30).await.unwrap(), 1);
        assert_eq!(provider.requests().len(), 2);
        let q = find(&db, id).await;
        assert_eq!((q.sent_at, q.attempts, q.last_error), (Some(NOW + 30), 2, None));
    })
    .await;
}

#[tokio::test]
async fn a_provider_refusal_gives_up() {
    crate::common::on_both(|db| async move {
        let provider = HttpSink::start(400).await;
        let d = twilio_delivery(&provider);
        let id = queue(&db, phone(Channel::Sms, "Your code: 123456", "en"), NOW).await;

        drain_once(&db, &d, NOW).await.unwrap();
        let q = find(&db, id).await;
        assert_eq!((q.sent_at, q.failed_at, q.last_error.as_deref()), (None, Some(NOW), Some("provider HTTP 400")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_workers_deliver_each_message_exactly_once() {
    crate::common::on_both(|db| async move {
        let sink = SmtpSink::start().await;
        let d = Arc::new(smtp_delivery(&sink.url()));
        for i in 0..12 {
            queue(&db, email(&format!("message {i}")), NOW).await;
        }

        let worker = |db: Db, d: Arc<Delivery>| tokio::spawn(async move { drain_once(&db, &d, NOW).await.unwrap() });
        let (a, b) = (worker(db.clone(), d.clone()), worker(db.clone(), d.clone()));
        let attempted = a.await.unwrap() + b.await.unwrap();

        assert_eq!(attempted, 12);
        let bodies: HashSet<String> = sink.messages().iter().map(|m| m.text()).collect();
        assert_eq!(sink.messages().len(), 12, "no message sent twice");
        assert_eq!(bodies.len(), 12);
        let mut c = db.acquire().await.unwrap();
        assert!(outbox::recent(c.conn(), 20).await.unwrap().iter().all(|q| q.sent_at == Some(NOW) && q.attempts == 1));
    })
    .await;
}

#[tokio::test]
async fn without_a_transport_messages_stay_queued() {
    crate::common::on_both(|db| async move {
        let d = delivery(&[("SSPR_DEV_OUTBOX", "false")]);
        let mail = queue(&db, email("Your code: 123456"), NOW).await;
        let text = queue(&db, phone(Channel::Sms, "Your code: 123456", "en"), NOW).await;

        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 2);

        let q = assert_waiting(&db, mail, 1, NOW, 30).await;
        assert_eq!(q.last_error.as_deref(), Some("no transport configured (SSPR_SMTP_URL, SSPR_SMS_PROVIDER)"));
        let q = assert_waiting(&db, text, 1, NOW, 30).await;
        assert_eq!(q.last_error.as_deref(), Some("no transport configured (SSPR_SMTP_URL, SSPR_SMS_PROVIDER)"));
    })
    .await;
}

#[tokio::test]
async fn without_a_transport_the_dev_outbox_counts_as_delivered() {
    crate::common::on_both(|db| async move {
        let d = delivery(&[("SSPR_DEV_OUTBOX", "true")]);
        let mail = queue(&db, email("Your code: 123456"), NOW).await;
        let call = queue(&db, phone(Channel::Voice, "Your code: 123456", "en"), NOW).await;

        assert_eq!(drain_once(&db, &d, NOW).await.unwrap(), 2);

        assert_eq!(find(&db, mail).await.sent_at, Some(NOW));
        assert_eq!(find(&db, call).await.sent_at, Some(NOW));
    })
    .await;
}

#[tokio::test]
async fn the_worker_sends_when_woken_and_stops_on_shutdown() {
    crate::common::on_both(|db| async move {
        let sink = SmtpSink::start().await;
        let wake = Arc::new(tokio::sync::Notify::new());
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(run(db.clone(), Arc::new(smtp_delivery(&sink.url())), wake.clone(), shutdown));

        let id = queue(&db, email("Your code: 123456"), db::now()).await;
        wake.notify_one();
        let sent = async {
            while find(&db, id).await.sent_at.is_none() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(4), sent).await.expect("sent without waiting for the tick");
        assert_eq!(sink.messages().len(), 1);

        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(2), worker).await.expect("the worker stops").unwrap();
    })
    .await;
}

#[test]
fn an_unusable_smtp_url_names_its_setting_and_hides_the_password() {
    let map: HashMap<String, String> = [("SSPR_SMTP_URL".to_string(), "smtp://mailer:hunter2@mail.contoso.example?tls=sometimes".to_string())].into();
    let config = Config::from_vars(|k| map.get(k).cloned()).unwrap();
    let err = Delivery::from_config(&config).unwrap_err();
    assert_eq!(err.setting, "SSPR_SMTP_URL");
    assert!(!err.to_string().contains("hunter2"));
}
