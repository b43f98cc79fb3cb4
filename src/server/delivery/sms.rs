//! SMS and voice calls through an HTTP provider: Twilio's REST API (or any service that speaks
//! it), or a generic JSON webhook signed with HMAC-SHA256.

use crate::server::markup::escape;
use super::{DeliveryError, SEND_TIMEOUT};
use crate::server::config::{ConfigError, SmsConfig};
use crate::server::db::{self, outbox::Channel, outbox::Queued};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;
use url::Url;

pub(super) struct Phone {
    client: reqwest::Client,
    provider: Provider,
}

enum Provider {
    Twilio { account_sid: String, auth_token: String, from: String, messages_url: Url, calls_url: Url },
    Webhook { url: Url, secret: String },
}

impl Phone {
    /// `None` when no provider is configured.
    pub(super) fn from_config(config: &SmsConfig) -> Result<Option<Phone>, ConfigError> {
        let provider = match config {
            SmsConfig::None => return Ok(None),
            SmsConfig::Twilio { account_sid, auth_token, from, api_url } => {
                let endpoint = |resource: &str| -> Result<Url, ConfigError> {
                    let mut url = http_url(api_url, "SSPR_TWILIO_API_URL")?;
                    url.path_segments_mut()
                        .expect("an http(s) URL has a path")
                        .pop_if_empty()
                        .extend(["2010-04-01", "Accounts", account_sid.as_str(), resource]);
                    Ok(url)
                };
                Provider::Twilio {
                    account_sid: account_sid.clone(),
                    auth_token: auth_token.clone(),
                    from: from.clone(),
                    messages_url: endpoint("Messages.json")?,
                    calls_url: endpoint("Calls.json")?,
                }
            }
            SmsConfig::Webhook { url, secret } => {
                Provider::Webhook { url: http_url(url, "SSPR_SMS_WEBHOOK_URL")?, secret: secret.clone() }
            }
        };
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .connect_timeout(Duration::from_secs(10))
            // A redirected POST would become a GET, or carry the credentials elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("sspr/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ConfigError { setting: "SSPR_SMS_PROVIDER", reason: format!("cannot start the HTTP client ({e})") })?;
        Ok(Some(Phone { client, provider }))
    }

    pub(super) fn kind(&self) -> &'static str {
        match self.provider {
            Provider::Twilio { .. } => "twilio",
            Provider::Webhook { .. } => "webhook",
        }
    }

    pub(super) async fn send(&self, m: &Queued, channel: Channel) -> Result<(), DeliveryError> {
        let request = match &self.provider {
            Provider::Twilio { account_sid, auth_token, from, messages_url, calls_url } => {
                let (url, content) = match channel {
                    Channel::Voice => (calls_url, ("Twiml", twiml(&m.body, &m.language))),
                    _ => (messages_url, ("Body", m.body.clone())),
                };
                let form = [("To", m.recipient.as_str()), ("From", from.as_str()), (content.0, content.1.as_str())];
                self.client.post(url.clone()).basic_auth(account_sid, Some(auth_token)).form(&form)
            }
            Provider::Webhook { url, secret } => {
                let payload = serde_json::json!({
                    "id": m.id,
                    "channel": channel.as_str(),
                    "to": m.recipient,
                    "body": m.body,
                    "language": m.language,
                });
                let payload = serde_json::to_vec(&payload).expect("JSON of strings and a number");
                let timestamp = db::now();
                self.client
                    .post(url.clone())
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .header("X-Sspr-Timestamp", timestamp.to_string())
                    .header("X-Sspr-Signature", format!("sha256={}", sign(secret, timestamp, &payload)))
                    .body(payload)
            }
        };
        outcome(request.send().await)
    }
}

fn http_url(url: &Url, setting: &'static str) -> Result<Url, ConfigError> {
    if matches!(url.scheme(), "http" | "https") && url.host().is_some() {
        Ok(url.clone())
    } else {
        Err(ConfigError { setting, reason: "must be an http:// or https:// address".into() })
    }
}

/// Keeps only the HTTP status: a provider's error text may quote the number or the message.
fn outcome(response: Result<reqwest::Response, reqwest::Error>) -> Result<(), DeliveryError> {
    match response {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => {
            let status = r.status();
            let error = format!("provider HTTP {}", status.as_u16());
            if status.is_server_error() || matches!(status.as_u16(), 408 | 429) {
                Err(DeliveryError::Transient(error))
            } else {
                Err(DeliveryError::Permanent(error))
            }
        }
        Err(e) if e.is_timeout() => Err(DeliveryError::Transient("provider timeout".into())),
        Err(e) if e.is_connect() => Err(DeliveryError::Transient("provider connection failure".into())),
        Err(_) => Err(DeliveryError::Transient("provider request failure".into())),
    }
}

/// Hex HMAC-SHA256 of `"<timestamp>.<body>"`: the receiver checks both the sender and the age.
fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// The call reads the message aloud in the user's language, a code digit by digit.
fn twiml(body: &str, language: &str) -> String {
    let voice = if language.starts_with("fr") { "fr-FR" } else { "en-US" };
    format!("<Response><Say language=\"{voice}\">{}</Say></Response>", escape(&spell_digits(body)))
}

/// Spaces out every run of four or more digits (`123456` → `1 2 3 4 5 6`), so that a voice
/// reads a code one digit at a time rather than as a number.
fn spell_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 4 {
            out.push_str(&run.chars().map(String::from).collect::<Vec<_>>().join(" "));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_spelled_out_but_short_numbers_are_not() {
        assert_eq!(spell_digits("Your code is 123456."), "Your code is 1 2 3 4 5 6.");
        assert_eq!(spell_digits("4821"), "4 8 2 1");
        assert_eq!(spell_digits("valid 10 minutes, code 0042 99"), "valid 10 minutes, code 0 0 4 2 99");
    }

    #[test]
    fn twiml_is_escaped_and_in_the_users_language() {
        assert_eq!(
            twiml("Code <1234> & \"bye\"", "fr"),
            "<Response><Say language=\"fr-FR\">Code &lt;1 2 3 4&gt; &amp; &quot;bye&quot;</Say></Response>"
        );
        assert!(twiml("Hi", "en").contains("language=\"en-US\""));
    }

    #[test]
    fn only_server_errors_and_throttling_are_retried() {
        let status = |code: u16| {
            let r = reqwest::Response::from(http_response(code));
            outcome(Ok(r))
        };
        assert_eq!(status(201), Ok(()));
        assert_eq!(status(503), Err(DeliveryError::Transient("provider HTTP 503".into())));
        assert_eq!(status(429), Err(DeliveryError::Transient("provider HTTP 429".into())));
        assert_eq!(status(400), Err(DeliveryError::Permanent("provider HTTP 400".into())));
        assert_eq!(status(401), Err(DeliveryError::Permanent("provider HTTP 401".into())));
    }

    fn http_response(code: u16) -> axum::http::Response<&'static str> {
        axum::http::Response::builder().status(code).body("").unwrap()
    }
}
