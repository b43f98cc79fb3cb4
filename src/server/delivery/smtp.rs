//! E-mail over SMTP. Everything about the server (host, port, implicit TLS or STARTTLS,
//! credentials) comes from `SSPR_SMTP_URL`, read by lettre.

use super::{DeliveryError, SEND_TIMEOUT};
use crate::server::config::ConfigError;
use crate::server::db::outbox::Queued;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub(super) struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub(super) fn new(url: &str, from: &str) -> Result<Smtp, ConfigError> {
        // lettre's error may quote the URL, which may hold a password: give our own reason.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| ConfigError {
                setting: "SSPR_SMTP_URL",
                reason: "not a usable SMTP URL; use smtp://host:port (optionally ?tls=required or \
                         ?tls=opportunistic) or smtps://host:port, with user:password@ for authentication"
                    .into(),
            })?
            .timeout(Some(SEND_TIMEOUT))
            // One connection kept open between messages (checked with NOOP before reuse): a burst
            // of codes does not pay the TCP and TLS handshakes and the server's greeting each time.
            .pool_config(PoolConfig::new().max_size(2).idle_timeout(Duration::from_secs(30)))
            .build();
        let from = from.parse().map_err(|_| ConfigError {
            setting: "SSPR_MAIL_FROM",
            reason: "not a mailbox such as Name <address@example.com>".into(),
        })?;
        Ok(Smtp { transport, from })
    }

    pub(super) async fn send(&self, m: &Queued) -> Result<(), DeliveryError> {
        let to: Mailbox = m.recipient.parse().map_err(|_| DeliveryError::Permanent("invalid recipient address".into()))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&m.subject)
            .header(ContentType::TEXT_PLAIN)
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), m.language.clone()))
            .body(m.body.clone())
            .map_err(|_| DeliveryError::Permanent("message could not be built".into()))?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(email)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(classify(&e)),
            Err(_) => Err(DeliveryError::Transient("SMTP timeout".into())),
        }
    }
}

/// Keeps only the class of failure and the reply code: a server's reply text may quote the
/// recipient or the message.
fn classify(e: &lettre::transport::smtp::Error) -> DeliveryError {
    match e.status() {
        Some(code) if e.is_permanent() => DeliveryError::Permanent(format!("SMTP {code}")),
        Some(code) => DeliveryError::Transient(format!("SMTP {code}")),
        None if e.is_timeout() => DeliveryError::Transient("SMTP timeout".into()),
        None if e.is_tls() => DeliveryError::Transient("SMTP TLS failure".into()),
        // lettre refused to go on, mostly over the server's abilities (no STARTTLS, no common
        // authentication mechanism): an operator can fix that, so the message waits.
        None if e.is_client() => DeliveryError::Transient("SMTP server lacks a required extension".into()),
        None => DeliveryError::Transient("SMTP connection failure".into()),
    }
}
