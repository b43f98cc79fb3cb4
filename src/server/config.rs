//! Configuration from the environment (Leptos settings come from `Leptos.toml`). Every value
//! is checked at start: a wrong one stops the start with a message that names the setting.

use std::fmt;
use url::Url;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:path` (default `sqlite:sspr.db`) or `postgres://…`.
    pub database_url: String,
    /// `SSPR_PUBLIC_URL`: the address users reach; links in messages and the origin check use it.
    pub public_url: Url,
    /// `SSPR_ORGANISATION`: shown in messages, and a word no password may contain.
    pub organisation: String,
    /// `SSPR_DEMO`: create the demo directory at first start.
    pub demo: bool,
    /// `SSPR_DEV_OUTBOX`: serve `/dev/outbox` (default: on in demo mode, off otherwise).
    pub dev_outbox: bool,
    pub mail: MailConfig,
    pub sms: SmsConfig,
    /// `SSPR_LOG` (an `EnvFilter`, default `info`) and `SSPR_LOG_FORMAT` (`json` or `pretty`).
    pub log_filter: String,
    pub log_json: bool,
    /// `SSPR_SESSION_IDLE_MINUTES` (default 30) and `SSPR_SESSION_ABSOLUTE_HOURS` (default 12).
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
    /// `SSPR_HASH_QUEUE`: password hashes allowed to wait for a free core before 503 (default 32).
    pub hash_queue: usize,
    /// `SSPR_TRUST_FORWARDED_FOR`: behind a reverse proxy, the client address is the last one
    /// in `X-Forwarded-For` (default false: the connection's address).
    pub trust_forwarded_for: bool,
    /// `SSPR_POW_BITS`: difficulty of the reset portal's proof of work, in bits (default 18:
    /// about a quarter of a second in a phone's browser; each bit doubles it).
    pub pow_bits: u8,
    /// `SSPR_POW_MAX_BITS`: the most the proof of work grows to when many resets start from one
    /// address (default `SSPR_POW_BITS` + 5; from `SSPR_POW_BITS` to 30; equal to it: no growth).
    pub pow_max_bits: u8,
    /// `SSPR_RESET_ADDRESS_LIMIT`: resets one client address may start per 15 minutes before a
    /// 15-minute cool-down (default 250: a whole office may share one address). Without the
    /// proof of work (no JavaScript) a tenth of it applies.
    pub reset_address_limit: i64,
    /// `SSPR_RESET_ADDRESS_FAILURE_LIMIT`: failed verifications (codes, answers) one client
    /// address may make per 15 minutes, whatever the accounts, before a 15-minute cool-down
    /// (default 30).
    pub reset_address_failure_limit: i64,
    /// `SSPR_SIGN_IN_ADDRESS_LIMIT`: failed sign-ins one client address may make in 15 minutes,
    /// whatever the user IDs, before it is blocked for 15 minutes (default 30).
    pub sign_in_address_limit: i64,
    /// `SSPR_DIRECTORY`: where accounts and their passwords live: `builtin` (sspr's own tables,
    /// the default) or `ldap` (an OpenLDAP or Active Directory directory, `SSPR_LDAP_*`).
    pub directory: DirectoryConfig,
    /// `SSPR_DRAIN_SECONDS`: after SIGTERM, how long `/health` answers 503 while requests are
    /// still served, so that a load balancer stops sending any before the node stops (default
    /// 0; behind one, about twice its health-check interval).
    pub drain_secs: u64,
    /// `SSPR_METRICS_LISTEN` and `SSPR_METRICS_TOKEN`: where `GET /metrics` answers, if anywhere.
    pub metrics: MetricsConfig,
}

/// Where the Prometheus metrics are served (`server::metrics`). Neither set: nowhere.
#[derive(Clone, Default)]
pub struct MetricsConfig {
    /// `SSPR_METRICS_LISTEN`, e.g. `127.0.0.1:9464`: a listener of their own, off the public
    /// one, that serves only `/metrics`, without a token.
    pub listen: Option<std::net::SocketAddr>,
    /// `SSPR_METRICS_TOKEN` (at least 32 characters, or `SSPR_METRICS_TOKEN_FILE`): `/metrics`
    /// on the public listener too, for a scraper that sends `Authorization: Bearer <token>`.
    pub token: Option<String>,
}

impl MetricsConfig {
    pub fn enabled(&self) -> bool {
        self.listen.is_some() || self.token.is_some()
    }
}

// The scrape token is a secret: never printed.
impl fmt::Debug for MetricsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetricsConfig").field("listen", &self.listen).field("token", &self.token.as_ref().map(|_| "…")).finish()
    }
}

#[derive(Clone, Debug)]
pub enum DirectoryConfig {
    Builtin,
    Ldap(LdapConfig),
}

/// Which kind of directory answers at `SSPR_LDAP_URL` (`SSPR_LDAP_PRESET`): it decides how a
/// password is written, where the lock-out and "must change" flags live, and the defaults of
/// the filter and the attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdapKind {
    /// OpenLDAP with ppolicy: Password Modify (RFC 3062), `pwdAccountLockedTime`, `pwdReset`.
    OpenLdap,
    /// Active Directory (or Samba AD): `unicodePwd`, `lockoutTime`, `pwdLastSet`,
    /// `userAccountControl`, `objectGUID`.
    ActiveDirectory,
}

/// The LDAP directory's settings (`SSPR_LDAP_*`).
#[derive(Clone)]
pub struct LdapConfig {
    /// `SSPR_LDAP_PRESET`: `openldap` (the default) or `active-directory`.
    pub kind: LdapKind,
    /// `SSPR_LDAP_URL`: `ldaps://host[:port]`, or `ldap://host[:port]` with StartTLS.
    pub url: String,
    /// `SSPR_LDAP_STARTTLS` (default true for `ldap://`): false only for a directory on loopback.
    pub starttls: bool,
    /// `SSPR_LDAP_CA_FILE`: PEM certificates to trust (default: the system's).
    pub ca_certs: Vec<rustls::pki_types::CertificateDer<'static>>,
    /// `SSPR_LDAP_BIND_DN` and `SSPR_LDAP_BIND_PASSWORD` (or `SSPR_LDAP_BIND_PASSWORD_FILE`): the
    /// service account that looks users up and writes their new passwords.
    pub bind_dn: String,
    pub bind_password: String,
    /// `SSPR_LDAP_BASE_DN`: where users are searched.
    pub base_dn: String,
    /// `SSPR_LDAP_USER_FILTER`: the search for one user, `{login}` standing for the typed ID
    /// (escaped per RFC 4515). Default: `(&(objectClass=inetOrgPerson)(mail={login}))`, or on
    /// Active Directory `(&(objectCategory=person)(objectClass=user)(userPrincipalName={login}))`:
    /// user IDs have the shape of an e-mail address (`alice@contoso.example`), as in Entra and
    /// AD's UPNs.
    pub user_filter: String,
    /// `SSPR_LDAP_RESET_FILTER`: optional; the users it does not match may not reset (the
    /// "licensed" flag), e.g. `(memberOf=cn=sspr-users,ou=groups,dc=contoso,dc=example)`.
    pub reset_filter: Option<String>,
    /// `SSPR_LDAP_PASSWORD_POLICY_DN` (OpenLDAP): the ppolicy entry that applies to users
    /// without a `pwdPolicySubentry` of their own (as slapd's `ppolicy_default`), whose
    /// `pwdMaxAge` says when passwords expire.
    pub password_policy_dn: Option<String>,
    pub attributes: LdapAttributes,
    /// `SSPR_LDAP_GROUP_FILTER`: optional; for directories that keep no `memberOf` on their
    /// users, the groups are searched instead.
    pub group_search: Option<GroupSearch>,
    /// `SSPR_LDAP_TIMEOUT_SECS` (default 5): a directory slower than this is unavailable.
    pub timeout: std::time::Duration,
    /// `SSPR_LDAP_SYNC_MINUTES` (default 15, 0 for never): how often every node reads the whole
    /// directory (a paged search) for the console's list of accounts; an administrator may also
    /// ask for it at any time.
    pub sync_every: Option<std::time::Duration>,
    /// `SSPR_LDAP_PAGE_SIZE` (default 500; Active Directory answers at most 1,000): entries per
    /// page of that search (RFC 2696).
    pub page_size: i32,
    /// `SSPR_LDAP_CONNECTIONS` (default 4): the service account's connections, used in turn.
    pub connections: usize,
}

/// Which attributes hold what (`SSPR_LDAP_ATTR_*`); the defaults depend on the preset.
#[derive(Clone, Debug)]
pub struct LdapAttributes {
    /// `SSPR_LDAP_ATTR_LOGIN` (default `mail`; AD: `userPrincipalName`): the user ID, shaped
    /// like an e-mail address.
    pub login: String,
    /// `SSPR_LDAP_ATTR_ID` (default `entryUUID`; AD: `objectGUID`): never changes, even when
    /// the user is renamed.
    pub id: String,
    /// `SSPR_LDAP_ATTR_NAME` (default `cn`; AD: `displayName`).
    pub display_name: String,
    /// `SSPR_LDAP_ATTR_EMAIL` (default `mail`): the primary e-mail.
    pub email: String,
    /// `SSPR_LDAP_ATTR_PHONE` (default `telephoneNumber`): the office phone.
    pub office_phone: String,
    /// `SSPR_LDAP_ATTR_GROUPS` (default `memberOf`): the DNs of the user's groups. A group of
    /// sspr with the name of one (its first RDN's value, e.g. `Staff` for
    /// `cn=Staff,ou=groups,…`, whatever its case) has the user as a member, which is how the
    /// policy's scope follows the directory.
    pub groups: String,
}

/// `SSPR_LDAP_GROUP_FILTER`: the search for a user's groups under the base DN, `{dn}` standing for
/// the user's DN (escaped per RFC 4515) in the item that names the group's member attribute, e.g.
/// `(&(objectClass=groupOfNames)(member={dn}))` or
/// `(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))`. It replaces `SSPR_LDAP_ATTR_GROUPS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSearch {
    pub filter: String,
    /// The member attribute, read from the filter's `(member={dn})`: reading the whole
    /// directory reads each group's members once instead of searching once per user.
    pub member: String,
}

impl GroupSearch {
    pub fn parse(value: &str) -> Result<GroupSearch, String> {
        const EXAMPLE: &str = "(&(objectClass=groupOfNames)(member={dn}))";
        let mut items = value.match_indices("={dn})");
        let (Some((at, _)), None) = (items.next(), items.next()) else {
            return Err(format!("must name the member attribute once, with {{dn}} for the user's DN, as in {EXAMPLE}"));
        };
        let member = &value[value[..at].rfind('(').map_or(0, |open| open + 1)..at];
        if member.is_empty() || !member.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ';') {
            return Err(format!("the item with {{dn}} must be (ATTRIBUTE={{dn}}), as in {EXAMPLE}"));
        }
        if !(value.starts_with('(') && value.ends_with(')')) || value.contains("{login}") || ldap3::parse_filter(value.replace("{dn}", "x")).is_err() {
            return Err(format!("not an LDAP filter such as {EXAMPLE}"));
        }
        Ok(GroupSearch { filter: value.to_owned(), member: member.to_owned() })
    }
}

// The service account's password is a secret: never printed.
impl fmt::Debug for LdapConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LdapConfig")
            .field("kind", &self.kind)
            .field("url", &self.url)
            .field("starttls", &self.starttls)
            .field("bind_dn", &self.bind_dn)
            .field("base_dn", &self.base_dn)
            .field("user_filter", &self.user_filter)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
pub struct MailConfig {
    /// `SSPR_SMTP_URL`, e.g. `smtps://user:pass@mail.example:465` or
    /// `smtp://mail.example:587?tls=required`; unset: e-mail stays queued (or goes to the dev outbox).
    pub smtp_url: Option<String>,
    /// `SSPR_MAIL_FROM`, e.g. `Password service <sspr@contoso.example>`.
    pub from: String,
}

// The SMTP URL may carry a password: only its host is printed.
impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = self.smtp_url.as_deref().and_then(|u| Url::parse(u).ok()).and_then(|u| u.host_str().map(str::to_owned));
        f.debug_struct("MailConfig").field("smtp_host", &host).field("from", &self.from).finish()
    }
}

#[derive(Clone)]
pub enum SmsConfig {
    /// No provider: texts and calls stay queued (or go to the dev outbox).
    None,
    /// `SSPR_SMS_PROVIDER=twilio`: `SSPR_TWILIO_ACCOUNT_SID`, `SSPR_TWILIO_AUTH_TOKEN`,
    /// `SSPR_TWILIO_FROM`, and `SSPR_TWILIO_API_URL` (default `https://api.twilio.com`).
    Twilio { account_sid: String, auth_token: String, from: String, api_url: Url },
    /// `SSPR_SMS_PROVIDER=webhook`: `SSPR_SMS_WEBHOOK_URL` and `SSPR_SMS_WEBHOOK_SECRET`
    /// (HMAC-SHA256 key, at least 32 characters).
    Webhook { url: Url, secret: String },
}

// Provider credentials are secrets: never printed.
impl fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmsConfig::None => f.write_str("None"),
            SmsConfig::Twilio { api_url, .. } => write!(f, "Twilio({api_url})"),
            SmsConfig::Webhook { url, .. } => write!(f, "Webhook({url})"),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub setting: &'static str,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid configuration: {}: {}", self.setting, self.reason)
    }
}

impl std::error::Error for ConfigError {}

fn bad(setting: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError { setting, reason: reason.into() }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// Reads the settings through `get` (the environment, or a map in tests).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let var = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let database_url = var("DATABASE_URL").unwrap_or_else(|| "sqlite:sspr.db".into());
        if !["sqlite:", "postgres:", "postgresql:"].iter().any(|p| database_url.starts_with(p)) {
            return Err(bad("DATABASE_URL", "must start with sqlite: or postgres://"));
        }

        let public_url = var("SSPR_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:3000".into());
        let public_url = Url::parse(&public_url).map_err(|e| bad("SSPR_PUBLIC_URL", format!("not a URL ({e})")))?;
        if !matches!(public_url.scheme(), "http" | "https") || public_url.host_str().is_none() {
            return Err(bad("SSPR_PUBLIC_URL", "must be an http:// or https:// address with a host"));
        }
        if public_url.scheme() == "http" && !is_loopback(&public_url) {
            return Err(bad("SSPR_PUBLIC_URL", "must use https:// unless the host is localhost or a loopback address"));
        }

        let demo = flag(&var, "SSPR_DEMO", false)?;
        let dev_outbox = flag(&var, "SSPR_DEV_OUTBOX", demo)?;

        let smtp_url = var("SSPR_SMTP_URL");
        if let Some(u) = &smtp_url {
            let parsed = Url::parse(u).map_err(|e| bad("SSPR_SMTP_URL", format!("not a URL ({e})")))?;
            if !matches!(parsed.scheme(), "smtp" | "smtps") {
                return Err(bad("SSPR_SMTP_URL", "must start with smtp:// or smtps://"));
            }
        }
        let from = var("SSPR_MAIL_FROM").unwrap_or_else(|| "Password self-service <sspr@localhost>".into());
        if from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(bad("SSPR_MAIL_FROM", "not a mailbox such as Name <address@example.com>"));
        }

        let sms = match var("SSPR_SMS_PROVIDER").as_deref() {
            None | Some("none") => SmsConfig::None,
            Some("twilio") => {
                let need = |k: &'static str| var(k).ok_or_else(|| bad(k, "required when SSPR_SMS_PROVIDER=twilio"));
                let api_url = var("SSPR_TWILIO_API_URL").unwrap_or_else(|| "https://api.twilio.com".into());
                SmsConfig::Twilio {
                    account_sid: need("SSPR_TWILIO_ACCOUNT_SID")?,
                    auth_token: need("SSPR_TWILIO_AUTH_TOKEN")?,
                    from: need("SSPR_TWILIO_FROM")?,
                    api_url: Url::parse(&api_url).map_err(|e| bad("SSPR_TWILIO_API_URL", format!("not a URL ({e})")))?,
                }
            }
            Some("webhook") => {
                let url = var("SSPR_SMS_WEBHOOK_URL").ok_or_else(|| bad("SSPR_SMS_WEBHOOK_URL", "required when SSPR_SMS_PROVIDER=webhook"))?;
                let url = Url::parse(&url).map_err(|e| bad("SSPR_SMS_WEBHOOK_URL", format!("not a URL ({e})")))?;
                let secret = var("SSPR_SMS_WEBHOOK_SECRET").unwrap_or_default();
                if secret.chars().count() < 32 {
                    return Err(bad("SSPR_SMS_WEBHOOK_SECRET", "must be at least 32 characters"));
                }
                SmsConfig::Webhook { url, secret }
            }
            Some(other) => return Err(bad("SSPR_SMS_PROVIDER", format!("unknown provider {other:?}; use none, twilio or webhook"))),
        };

        let log_filter = var("SSPR_LOG").unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&log_filter).is_err() {
            return Err(bad("SSPR_LOG", "not a log filter such as info or sspr=debug,info"));
        }
        let log_json = match var("SSPR_LOG_FORMAT").as_deref() {
            None | Some("pretty") => false,
            Some("json") => true,
            Some(_) => return Err(bad("SSPR_LOG_FORMAT", "use json or pretty")),
        };

        let directory = match var("SSPR_DIRECTORY").as_deref() {
            None | Some("builtin") => DirectoryConfig::Builtin,
            Some("ldap") => DirectoryConfig::Ldap(ldap(&var)?),
            Some(_) => return Err(bad("SSPR_DIRECTORY", "use builtin or ldap")),
        };
        if demo && !matches!(directory, DirectoryConfig::Builtin) {
            return Err(bad("SSPR_DEMO", "the demo directory is the built-in one: unset SSPR_DEMO or SSPR_DIRECTORY"));
        }

        let pow_bits = number(&var, "SSPR_POW_BITS", 18, 0..=30)?;
        let default_max = (pow_bits + i64::from(crate::domain::reset::EXTRA_BITS)).min(30);
        let pow_max_bits = number(&var, "SSPR_POW_MAX_BITS", default_max, pow_bits..=30)?;

        Ok(Config {
            database_url,
            public_url,
            organisation: var("SSPR_ORGANISATION").unwrap_or_else(|| "Contoso".into()),
            demo,
            dev_outbox,
            mail: MailConfig { smtp_url, from },
            sms,
            log_filter,
            log_json,
            session_idle_secs: number(&var, "SSPR_SESSION_IDLE_MINUTES", 30, 1..=1440)? * 60,
            session_absolute_secs: number(&var, "SSPR_SESSION_ABSOLUTE_HOURS", 12, 1..=720)? * 3600,
            hash_queue: number(&var, "SSPR_HASH_QUEUE", 32, 0..=10_000)? as usize,
            trust_forwarded_for: flag(&var, "SSPR_TRUST_FORWARDED_FOR", false)?,
            pow_bits: pow_bits as u8,
            pow_max_bits: pow_max_bits as u8,
            reset_address_limit: number(&var, "SSPR_RESET_ADDRESS_LIMIT", crate::domain::reset::ADDRESS_ATTEMPTS_PER_WINDOW, 1..=1_000_000)?,
            reset_address_failure_limit: number(&var, "SSPR_RESET_ADDRESS_FAILURE_LIMIT", crate::domain::reset::ADDRESS_FAILURES_PER_WINDOW, 1..=1_000_000)?,
            sign_in_address_limit: number(&var, "SSPR_SIGN_IN_ADDRESS_LIMIT", crate::domain::lockout::ADDRESS_FAILURES_PER_WINDOW, 1..=1_000_000)?,
            directory,
            drain_secs: number(&var, "SSPR_DRAIN_SECONDS", 0, 0..=300)? as u64,
            metrics: metrics(&var)?,
        })
    }

    /// Cookies get `Secure` and the `__Host-` prefix unless the service runs on plain-HTTP loopback.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// `scheme://host[:port]`, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        self.public_url.origin().ascii_serialization()
    }

    /// An absolute link to `path` on the public URL (never built from the request's Host).
    pub fn link(&self, path: &str) -> String {
        self.public_url.join(path).map(|u| u.to_string()).unwrap_or_else(|_| self.public_url.to_string())
    }
}

/// `SSPR_METRICS_LISTEN` and `SSPR_METRICS_TOKEN[_FILE]`.
fn metrics(var: &impl Fn(&str) -> Option<String>) -> Result<MetricsConfig, ConfigError> {
    let listen = match var("SSPR_METRICS_LISTEN") {
        None => None,
        Some(v) => Some(v.parse().map_err(|_| bad("SSPR_METRICS_LISTEN", "not an address and port such as 127.0.0.1:9464"))?),
    };
    let token = match (var("SSPR_METRICS_TOKEN"), var("SSPR_METRICS_TOKEN_FILE")) {
        (None, None) => None,
        (Some(t), None) => Some(t),
        (None, Some(path)) => {
            let read = std::fs::read_to_string(&path).map_err(|e| bad("SSPR_METRICS_TOKEN_FILE", format!("cannot read {path}: {e}")))?;
            Some(read.trim().to_owned())
        }
        (Some(_), Some(_)) => return Err(bad("SSPR_METRICS_TOKEN", "set it or SSPR_METRICS_TOKEN_FILE, not both")),
    };
    if let Some(t) = &token {
        if t.chars().count() < 32 || !t.chars().all(|c| c.is_ascii_graphic()) {
            return Err(bad("SSPR_METRICS_TOKEN", "must be at least 32 printable characters without spaces"));
        }
    }
    Ok(MetricsConfig { listen, token })
}

/// The `SSPR_LDAP_*` settings, each checked: a wrong one stops the start and is named.
fn ldap(var: &impl Fn(&str) -> Option<String>) -> Result<LdapConfig, ConfigError> {
    let need = |k: &'static str| var(k).ok_or_else(|| bad(k, "required when SSPR_DIRECTORY=ldap"));
    let kind = match var("SSPR_LDAP_PRESET").as_deref() {
        None | Some("openldap") => LdapKind::OpenLdap,
        Some("active-directory") => LdapKind::ActiveDirectory,
        Some(_) => return Err(bad("SSPR_LDAP_PRESET", "use openldap or active-directory")),
    };
    let ad = kind == LdapKind::ActiveDirectory;
    let url = need("SSPR_LDAP_URL")?;
    let parsed = Url::parse(&url).map_err(|e| bad("SSPR_LDAP_URL", format!("not a URL ({e})")))?;
    if !matches!(parsed.scheme(), "ldap" | "ldaps") || parsed.host_str().is_none() {
        return Err(bad("SSPR_LDAP_URL", "must be an ldap:// or ldaps:// address with a host"));
    }
    if !matches!(parsed.path(), "" | "/") || parsed.query().is_some() {
        return Err(bad("SSPR_LDAP_URL", "only a scheme, a host and a port: the base DN is SSPR_LDAP_BASE_DN"));
    }
    let starttls = parsed.scheme() == "ldap" && flag(var, "SSPR_LDAP_STARTTLS", true)?;
    if parsed.scheme() == "ldap" && !starttls && !is_loopback(&parsed) {
        return Err(bad("SSPR_LDAP_STARTTLS", "passwords cross the network: StartTLS (or ldaps://) is required unless the directory is on loopback"));
    }
    if parsed.scheme() == "ldap" && !starttls && ad {
        return Err(bad("SSPR_LDAP_STARTTLS", "Active Directory takes passwords only over TLS: use StartTLS or ldaps://"));
    }
    let ca_certs = match var("SSPR_LDAP_CA_FILE") {
        None => Vec::new(),
        Some(path) => {
            use rustls::pki_types::{CertificateDer, pem::PemObject};
            let pem = std::fs::read(&path).map_err(|e| bad("SSPR_LDAP_CA_FILE", format!("cannot read {path}: {e}")))?;
            let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(&pem).collect();
            match certs {
                Ok(certs) if !certs.is_empty() => certs,
                _ => return Err(bad("SSPR_LDAP_CA_FILE", format!("{path} holds no PEM certificate"))),
            }
        }
    };
    let bind_password = match (var("SSPR_LDAP_BIND_PASSWORD"), var("SSPR_LDAP_BIND_PASSWORD_FILE")) {
        (Some(p), None) => p,
        (None, Some(path)) => {
            let read = std::fs::read_to_string(&path).map_err(|e| bad("SSPR_LDAP_BIND_PASSWORD_FILE", format!("cannot read {path}: {e}")))?;
            read.trim_end_matches(['\r', '\n']).to_owned()
        }
        (Some(_), Some(_)) => return Err(bad("SSPR_LDAP_BIND_PASSWORD", "set it or SSPR_LDAP_BIND_PASSWORD_FILE, not both")),
        (None, None) => return Err(bad("SSPR_LDAP_BIND_PASSWORD", "required when SSPR_DIRECTORY=ldap (or SSPR_LDAP_BIND_PASSWORD_FILE)")),
    };
    if bind_password.is_empty() {
        return Err(bad("SSPR_LDAP_BIND_PASSWORD", "empty: an empty password is an anonymous bind"));
    }
    let filter = |k: &'static str, value: String| -> Result<String, ConfigError> {
        if !(value.starts_with('(') && value.ends_with(')')) || ldap3::parse_filter(value.replace("{login}", "x")).is_err() {
            return Err(bad(k, "not an LDAP filter such as (&(objectClass=inetOrgPerson)(mail={login}))"));
        }
        Ok(value)
    };
    let default_filter = if ad { "(&(objectCategory=person)(objectClass=user)(userPrincipalName={login}))" } else { "(&(objectClass=inetOrgPerson)(mail={login}))" };
    let user_filter = filter("SSPR_LDAP_USER_FILTER", var("SSPR_LDAP_USER_FILTER").unwrap_or_else(|| default_filter.into()))?;
    if !user_filter.contains("{login}") {
        return Err(bad("SSPR_LDAP_USER_FILTER", "must contain {login}, where the typed user ID goes"));
    }
    let reset_filter = var("SSPR_LDAP_RESET_FILTER").map(|f| filter("SSPR_LDAP_RESET_FILTER", f)).transpose()?;
    let attribute = |k: &'static str, default: &str| -> Result<String, ConfigError> {
        let a = var(k).unwrap_or_else(|| default.into());
        if a.is_empty() || !a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ';') {
            return Err(bad(k, "not an attribute name"));
        }
        Ok(a)
    };
    Ok(LdapConfig {
        kind,
        url,
        starttls,
        ca_certs,
        bind_dn: need("SSPR_LDAP_BIND_DN")?,
        bind_password,
        base_dn: need("SSPR_LDAP_BASE_DN")?,
        user_filter,
        reset_filter,
        password_policy_dn: match var("SSPR_LDAP_PASSWORD_POLICY_DN") {
            Some(dn) if !dn.contains('=') => return Err(bad("SSPR_LDAP_PASSWORD_POLICY_DN", "not a DN such as cn=default,ou=policies,dc=contoso,dc=example")),
            dn => dn,
        },
        attributes: LdapAttributes {
            login: attribute("SSPR_LDAP_ATTR_LOGIN", if ad { "userPrincipalName" } else { "mail" })?,
            id: attribute("SSPR_LDAP_ATTR_ID", if ad { "objectGUID" } else { "entryUUID" })?,
            display_name: attribute("SSPR_LDAP_ATTR_NAME", if ad { "displayName" } else { "cn" })?,
            email: attribute("SSPR_LDAP_ATTR_EMAIL", "mail")?,
            office_phone: attribute("SSPR_LDAP_ATTR_PHONE", "telephoneNumber")?,
            groups: attribute("SSPR_LDAP_ATTR_GROUPS", "memberOf")?,
        },
        group_search: var("SSPR_LDAP_GROUP_FILTER").map(|f| GroupSearch::parse(&f).map_err(|why| bad("SSPR_LDAP_GROUP_FILTER", why))).transpose()?,
        timeout: std::time::Duration::from_secs(number(var, "SSPR_LDAP_TIMEOUT_SECS", 5, 1..=60)? as u64),
        sync_every: match number(var, "SSPR_LDAP_SYNC_MINUTES", 15, 0..=10_080)? {
            0 => None,
            minutes => Some(std::time::Duration::from_secs(minutes as u64 * 60)),
        },
        page_size: number(var, "SSPR_LDAP_PAGE_SIZE", 500, 1..=1_000)? as i32,
        connections: number(var, "SSPR_LDAP_CONNECTIONS", 4, 1..=64)? as usize,
    })
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn flag(var: &impl Fn(&str) -> Option<String>, name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(_) => Err(bad(name, "use true or false")),
    }
}

fn number(var: &impl Fn(&str) -> Option<String>, name: &'static str, default: i64, range: std::ops::RangeInclusive<i64>) -> Result<i64, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(bad(name, format!("must be a whole number from {} to {}", range.start(), range.end()))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_vars(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_on_sqlite_and_loopback() {
        let c = with(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite:sspr.db");
        assert_eq!(c.public_origin(), "http://127.0.0.1:3000");
        assert!(!c.secure_cookies());
        assert!(!c.dev_outbox);
        assert_eq!((c.pow_bits, c.pow_max_bits, c.reset_address_limit, c.reset_address_failure_limit), (18, 23, 250, 30));
        assert_eq!(with(&[("SSPR_POW_BITS", "28")]).unwrap().pow_max_bits, 30);
        assert!(!c.metrics.enabled(), "no metrics anywhere unless asked for");
    }

    #[test]
    fn metrics_go_to_a_listener_of_their_own_or_behind_a_token_never_printed() {
        let token = "0123456789abcdef0123456789abcdef";
        let c = with(&[("SSPR_METRICS_LISTEN", "127.0.0.1:9464"), ("SSPR_METRICS_TOKEN", token)]).unwrap();
        assert_eq!(c.metrics.listen, Some("127.0.0.1:9464".parse().unwrap()));
        assert_eq!(c.metrics.token.as_deref(), Some(token));
        assert!(!format!("{c:?}").contains(token), "the token is a secret");
    }

    #[test]
    fn every_wrong_value_names_its_setting() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (&[("SSPR_PUBLIC_URL", "not a url")], "SSPR_PUBLIC_URL"),
            (&[("SSPR_PUBLIC_URL", "http://sspr.contoso.example")], "SSPR_PUBLIC_URL"),
            (&[("SSPR_PUBLIC_URL", "ftp://localhost")], "SSPR_PUBLIC_URL"),
            (&[("SSPR_DEMO", "maybe")], "SSPR_DEMO"),
            (&[("SSPR_SMTP_URL", "http://mail")], "SSPR_SMTP_URL"),
            (&[("SSPR_MAIL_FROM", "nobody")], "SSPR_MAIL_FROM"),
            (&[("SSPR_SMS_PROVIDER", "pigeon")], "SSPR_SMS_PROVIDER"),
            (&[("SSPR_SMS_PROVIDER", "twilio")], "SSPR_TWILIO_ACCOUNT_SID"),
            (&[("SSPR_SMS_PROVIDER", "webhook"), ("SSPR_SMS_WEBHOOK_URL", "https://h.example/x"), ("SSPR_SMS_WEBHOOK_SECRET", "short")], "SSPR_SMS_WEBHOOK_SECRET"),
            (&[("SSPR_LOG_FORMAT", "xml")], "SSPR_LOG_FORMAT"),
            (&[("SSPR_TRUST_FORWARDED_FOR", "sometimes")], "SSPR_TRUST_FORWARDED_FOR"),
            (&[("SSPR_SESSION_IDLE_MINUTES", "0")], "SSPR_SESSION_IDLE_MINUTES"),
            (&[("SSPR_SESSION_ABSOLUTE_HOURS", "many")], "SSPR_SESSION_ABSOLUTE_HOURS"),
            (&[("SSPR_POW_BITS", "31")], "SSPR_POW_BITS"),
            (&[("SSPR_RESET_ADDRESS_LIMIT", "0")], "SSPR_RESET_ADDRESS_LIMIT"),
            (&[("SSPR_RESET_ADDRESS_FAILURE_LIMIT", "many")], "SSPR_RESET_ADDRESS_FAILURE_LIMIT"),
            (&[("SSPR_POW_BITS", "20"), ("SSPR_POW_MAX_BITS", "19")], "SSPR_POW_MAX_BITS"),
            (&[("SSPR_DIRECTORY", "ad")], "SSPR_DIRECTORY"),
            (&[("SSPR_METRICS_LISTEN", "9464")], "SSPR_METRICS_LISTEN"),
            (&[("SSPR_DRAIN_SECONDS", "600")], "SSPR_DRAIN_SECONDS"),
            (&[("SSPR_METRICS_TOKEN", "too-short")], "SSPR_METRICS_TOKEN"),
            (&[("SSPR_METRICS_TOKEN", "a token with spaces that is long enough")], "SSPR_METRICS_TOKEN"),
            (&[("SSPR_METRICS_TOKEN", "0123456789abcdef0123456789abcdef"), ("SSPR_METRICS_TOKEN_FILE", "/etc/hostname")], "SSPR_METRICS_TOKEN"),
            (&[("SSPR_METRICS_TOKEN_FILE", "/nonexistent/token")], "SSPR_METRICS_TOKEN_FILE"),
            (&[("SSPR_DIRECTORY", "ldap")], "SSPR_LDAP_URL"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_PRESET", "novell")], "SSPR_LDAP_PRESET"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_PRESET", "active-directory"), ("SSPR_LDAP_URL", "ldap://127.0.0.1"), ("SSPR_LDAP_STARTTLS", "false")], "SSPR_LDAP_STARTTLS"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "http://dir")], "SSPR_LDAP_URL"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir/dc=x")], "SSPR_LDAP_URL"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir.contoso.example"), ("SSPR_LDAP_STARTTLS", "false")], "SSPR_LDAP_STARTTLS"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_CA_FILE", "/nonexistent/ca.pem")], "SSPR_LDAP_CA_FILE"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir")], "SSPR_LDAP_BIND_PASSWORD"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_USER_FILTER", "uid={login}")], "SSPR_LDAP_USER_FILTER"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_USER_FILTER", "(uid=alice)")], "SSPR_LDAP_USER_FILTER"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s")], "SSPR_LDAP_BIND_DN"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_ATTR_LOGIN", "u id")], "SSPR_LDAP_ATTR_LOGIN"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_DEMO", "true")], "SSPR_DEMO"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_ATTR_GROUPS", "member of")], "SSPR_LDAP_ATTR_GROUPS"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_SYNC_MINUTES", "-1")], "SSPR_LDAP_SYNC_MINUTES"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_PAGE_SIZE", "5000")], "SSPR_LDAP_PAGE_SIZE"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_CONNECTIONS", "0")], "SSPR_LDAP_CONNECTIONS"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_PASSWORD_POLICY_DN", "default")], "SSPR_LDAP_PASSWORD_POLICY_DN"),
            (&[("SSPR_DIRECTORY", "ldap"), ("SSPR_LDAP_URL", "ldap://dir"), ("SSPR_LDAP_BIND_PASSWORD", "s"), ("SSPR_LDAP_BIND_DN", "cn=sspr"), ("SSPR_LDAP_BASE_DN", "dc=x"), ("SSPR_LDAP_GROUP_FILTER", "(objectClass=groupOfNames)")], "SSPR_LDAP_GROUP_FILTER"),
        ];
        for (vars, setting) in cases {
            let err = with(vars).unwrap_err();
            assert_eq!(err.setting, *setting, "{vars:?}");
            assert!(err.to_string().contains(setting));
        }
    }

    #[test]
    fn the_active_directory_preset_reads_ads_attributes_and_any_may_be_set() {
        let base = [
            ("SSPR_DIRECTORY", "ldap"),
            ("SSPR_LDAP_URL", "ldaps://dc1.contoso.example"),
            ("SSPR_LDAP_BIND_DN", "sspr-service@contoso.example"),
            ("SSPR_LDAP_BIND_PASSWORD", "s"),
            ("SSPR_LDAP_BASE_DN", "DC=contoso,DC=example"),
            ("SSPR_LDAP_PRESET", "active-directory"),
        ];
        let ldap = |extra: &[(&str, &str)]| match with(&[&base[..], extra].concat()).unwrap().directory {
            DirectoryConfig::Ldap(c) => c,
            DirectoryConfig::Builtin => unreachable!(),
        };
        let c = ldap(&[]);
        assert_eq!(c.kind, LdapKind::ActiveDirectory);
        assert_eq!(c.user_filter, "(&(objectCategory=person)(objectClass=user)(userPrincipalName={login}))");
        let a = &c.attributes;
        assert_eq!([a.login.as_str(), &a.id, &a.display_name, &a.email, &a.office_phone, &a.groups], ["userPrincipalName", "objectGUID", "displayName", "mail", "telephoneNumber", "memberOf"]);
        let c = ldap(&[("SSPR_LDAP_ATTR_LOGIN", "mail"), ("SSPR_LDAP_USER_FILTER", "(&(objectClass=user)(mail={login}))")]);
        assert_eq!((c.attributes.login.as_str(), c.user_filter.as_str()), ("mail", "(&(objectClass=user)(mail={login}))"));
        let c = ldap(&[("SSPR_LDAP_PRESET", "openldap")]);
        assert_eq!((c.kind, c.attributes.id.as_str()), (LdapKind::OpenLdap, "entryUUID"));
    }

    #[test]
    fn a_group_search_names_its_member_attribute_once_with_the_users_dn() {
        let search = GroupSearch::parse("(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))").unwrap();
        assert_eq!((search.filter.as_str(), search.member.as_str()), ("(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))", "uniqueMember"));
        assert_eq!(GroupSearch::parse("(member={dn})").unwrap().member, "member");
        for wrong in [
            "(objectClass=groupOfNames)",
            "(&(member={dn})(uniqueMember={dn}))",
            "(&(objectClass=groupOfNames)(={dn}))",
            "(&(objectClass=groupOfNames)(mem ber={dn}))",
            "(&(objectClass=groupOfNames)(member={dn})",
            "(&(objectClass=groupOfNames)(member={dn})(cn={login}))",
            "member={dn})",
        ] {
            assert!(GroupSearch::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn https_public_url_means_secure_cookies_and_links_ignore_the_request() {
        let c = with(&[("SSPR_PUBLIC_URL", "https://sspr.contoso.example/")]).unwrap();
        assert!(c.secure_cookies());
        assert_eq!(c.link("/setup"), "https://sspr.contoso.example/setup");
    }

    #[test]
    fn provider_secrets_are_not_debug_printed() {
        let c = with(&[
            ("SSPR_SMS_PROVIDER", "twilio"),
            ("SSPR_TWILIO_ACCOUNT_SID", "AC123"),
            ("SSPR_TWILIO_AUTH_TOKEN", "very-secret-token"),
            ("SSPR_TWILIO_FROM", "+15005550006"),
        ])
        .unwrap();
        assert!(!format!("{c:?}").contains("very-secret-token"));
        let c = with(&[
            ("SSPR_DIRECTORY", "ldap"),
            ("SSPR_LDAP_URL", "ldaps://dir.contoso.example"),
            ("SSPR_LDAP_BIND_DN", "cn=sspr,dc=contoso,dc=example"),
            ("SSPR_LDAP_BIND_PASSWORD", "very-secret-bind"),
            ("SSPR_LDAP_BASE_DN", "dc=contoso,dc=example"),
        ])
        .unwrap();
        assert!(!format!("{c:?}").contains("very-secret-bind"));
    }
}
