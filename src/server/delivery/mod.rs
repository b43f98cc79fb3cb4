//! Delivery of queued messages: e-mail over SMTP, SMS and voice calls through an HTTP provider,
//! and the background worker that drains the outbox with retries. The outbox table itself
//! lives in `server::db::outbox`.

mod sms;
mod smtp;
pub mod worker;

use super::config::{Config, ConfigError};
use super::db::outbox::{Channel, Queued};
use std::fmt;
use std::time::Duration;

/// The longest one attempt at one message may take; the worker's lease is longer.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a message was not delivered. The text never holds a message body, a code, a recipient
/// or a credential: only the class of failure and e.g. an SMTP reply code or an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// No transport is configured for the channel: the message waits for one.
    #[error("no transport configured (SSPR_SMTP_URL, SSPR_SMS_PROVIDER)")]
    NotConfigured,
    /// Worth retrying later: the server is down, busy, or answered 4xx (SMTP) or 5xx (HTTP).
    #[error("{0}")]
    Transient(String),
    /// Retrying will not help: the message or the recipient was refused.
    #[error("{0}")]
    Permanent(String),
}

impl DeliveryError {
    /// A short, stable name for logs.
    pub fn class(&self) -> &'static str {
        match self {
            DeliveryError::NotConfigured => "not_configured",
            DeliveryError::Transient(_) => "transient",
            DeliveryError::Permanent(_) => "permanent",
        }
    }
}

/// The configured transports, shared by every worker task.
pub struct Delivery {
    email: Option<smtp::Smtp>,
    phone: Option<sms::Phone>,
    /// With no transport for a channel, a message counts as delivered: `/dev/outbox` shows it.
    dev_outbox: bool,
}

// The transports hold credentials: say only which ones are configured.
impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("email", &self.email.is_some())
            .field("phone", &self.phone.as_ref().map(sms::Phone::kind))
            .field("dev_outbox", &self.dev_outbox)
            .finish()
    }
}

impl Delivery {
    pub fn from_config(config: &Config) -> Result<Delivery, ConfigError> {
        let email = match &config.mail.smtp_url {
            Some(url) => Some(smtp::Smtp::new(url, &config.mail.from)?),
            None => None,
        };
        let phone = sms::Phone::from_config(&config.sms)?;
        Ok(Delivery { email, phone, dev_outbox: config.dev_outbox })
    }

    /// Sends one queued message through the transport of its channel.
    pub async fn deliver(&self, m: &Queued) -> Result<(), DeliveryError> {
        let channel = Channel::parse(&m.channel).ok_or_else(|| DeliveryError::Permanent(format!("unknown channel {:?}", m.channel)))?;
        let sent = match channel {
            Channel::Email => match &self.email {
                Some(smtp) => smtp.send(m).await,
                None => Err(DeliveryError::NotConfigured),
            },
            Channel::Sms | Channel::Voice => match &self.phone {
                Some(phone) => phone.send(m, channel).await,
                None => Err(DeliveryError::NotConfigured),
            },
        };
        match sent {
            Err(DeliveryError::NotConfigured) if self.dev_outbox => Ok(()),
            other => other,
        }
    }
}
