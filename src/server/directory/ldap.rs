//! An LDAP directory: OpenLDAP or Active Directory (`SSPR_LDAP_PRESET`). The service account
//! looks users up (the typed ID escaped per RFC 4515 into `SSPR_LDAP_USER_FILTER`); a sign-in
//! is a bind as the user; a new password is written so that the directory hashes it and its
//! password policy decides: on OpenLDAP with the Password Modify extended operation (RFC 3062,
//! ppolicy: quality, history, minimum age), on AD as `unicodePwd` (see [`active_directory`]).
//! Every exchange is bounded by `SSPR_LDAP_TIMEOUT_SECS`: a slow or absent directory is
//! "unavailable", never a hang and never a pass.

use super::PasswordWrite;
use super::active_directory as ad;
use crate::domain::{AppError, Field, Problem};
use crate::server::config::{LdapConfig, LdapKind};
use crate::server::db::accounts::FromDirectory;
use ldap3::exop::PasswordModify;
use ldap3::adapters::PagedResults;
use ldap3::controls::RawControl;
use ldap3::{Ldap, LdapConnAsync, LdapConnSettings, LdapError, LdapResult, Mod, Scope, SearchEntry, ldap_escape};
use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Mutex;

/// LDAP result codes (RFC 4511) that sspr tells apart.
const INVALID_CREDENTIALS: u32 = 49;
const CONSTRAINT_VIOLATION: u32 = 19;
const UNWILLING_TO_PERFORM: u32 = 53;
const INSUFFICIENT_ACCESS: u32 = 50;
const NO_SUCH_OBJECT: u32 = 32;

/// ppolicy's lock-out: set by the directory after too many wrong passwords, cleared by a new
/// password or by deleting it. Its value `000001010000Z` is a lock an administrator set for
/// good: that one is not self-service's to lift.
const LOCKED_TIME: &str = "pwdAccountLockedTime";
const LOCKED_FOR_GOOD: &str = "000001010000Z";

/// ppolicy's "must change": set by the directory when someone other than the user sets the
/// password under a policy with `pwdMustChange`, cleared by the user's own change.
const MUST_CHANGE: &str = "pwdReset";

/// ppolicy's record of when the password was set, and the user's own policy entry (without
/// one, `SSPR_LDAP_PASSWORD_POLICY_DN` applies): with the policy's `pwdMaxAge`, when the
/// password expires.
const CHANGED_TIME: &str = "pwdChangedTime";
const POLICY_SUBENTRY: &str = "pwdPolicySubentry";
const MAX_AGE: &str = "pwdMaxAge";

pub struct LdapDirectory {
    config: LdapConfig,
    tls: Option<Arc<rustls::ClientConfig>>,
    /// The service account's connections (`SSPR_LDAP_CONNECTIONS`), taken in turn by the
    /// requests (LDAP also runs several operations on one connection at once), each made again
    /// when it breaks. Binds as a user take their own.
    service: Vec<Mutex<Option<Ldap>>>,
    next: AtomicUsize,
    /// Service connections found closed so far: a request that failed while one closed runs
    /// once more.
    closures: AtomicUsize,
    /// Active Directory: the password-policy hints control it supports, if any (read once
    /// from its root DSE).
    policy_hints: tokio::sync::OnceCell<Option<&'static str>>,
}

impl LdapDirectory {
    pub fn new(config: LdapConfig) -> Result<LdapDirectory, String> {
        let tls = if config.ca_certs.is_empty() {
            None
        } else {
            let mut roots = rustls::RootCertStore::empty();
            for cert in &config.ca_certs {
                roots.add(cert.clone()).map_err(|e| format!("SSPR_LDAP_CA_FILE: unusable certificate: {e}"))?;
            }
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let tls = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| format!("SSPR_LDAP_CA_FILE: {e}"))?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Some(Arc::new(tls))
        };
        let service = (0..config.connections).map(|_| Mutex::new(None)).collect();
        Ok(LdapDirectory { config, tls, service, next: AtomicUsize::new(0), closures: AtomicUsize::new(0), policy_hints: Default::default() })
    }

    /// Runs `work` within the timeout; a directory that does not answer in time is unavailable.
    /// When it fails on a service connection that turns out closed (the directory restarted
    /// since it was made), the connection is made again and `work` runs once more, so that a
    /// restart costs no request.
    async fn bounded<T, F: Future<Output = Result<T, AppError>>>(&self, work: impl Fn() -> F) -> Result<T, AppError> {
        self.bounded_once(async {
            let closures = self.closures.load(Ordering::Acquire);
            match work().await {
                Err(AppError::DirectoryUnavailable) => {
                    self.forget_closed().await;
                    // Closed while this ran (seen by this request or another): once more.
                    if self.closures.load(Ordering::Acquire) == closures {
                        return Err(AppError::DirectoryUnavailable);
                    }
                    work().await
                }
                other => other,
            }
        })
        .await
    }

    /// Runs `work` within the timeout, once. After any outage the service connections are
    /// forgotten, so that the next requests make new ones; one being made meanwhile is left to
    /// finish.
    async fn bounded_once<T>(&self, work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
        let result = match tokio::time::timeout(self.config.timeout, work).await {
            Ok(result) => result,
            Err(_) => {
                tracing::warn!(timeout_secs = self.config.timeout.as_secs(), "the LDAP directory did not answer in time");
                Err(AppError::DirectoryUnavailable)
            }
        };
        if matches!(result, Err(AppError::DirectoryUnavailable)) {
            for slot in &self.service {
                if let Ok(mut held) = slot.try_lock() {
                    *held = None;
                }
            }
        }
        result
    }

    /// Forgets the service connections that have closed, counting them in `closures`.
    async fn forget_closed(&self) {
        // The connection's task ends once it has told the operations waiting on it.
        tokio::task::yield_now().await;
        for slot in &self.service {
            let mut held = slot.lock().await;
            if held.as_mut().is_some_and(|ldap| ldap.is_closed()) {
                *held = None;
                self.closures.fetch_add(1, Ordering::AcqRel);
                tracing::info!("an LDAP service connection had closed (the directory restarted?): it will be made again");
            }
        }
    }

    pub(super) fn config(&self) -> &LdapConfig {
        &self.config
    }

    /// A new connection (TLS by `ldaps://` or StartTLS), not yet bound.
    async fn connect(&self) -> Result<Ldap, AppError> {
        self.open().await.map_err(unavailable)
    }

    /// A new connection for `sspr directory test`, which prints why it failed.
    pub(super) async fn connect_for_check(&self) -> Result<Ldap, LdapError> {
        self.open().await
    }

    async fn open(&self) -> Result<Ldap, LdapError> {
        let mut settings = LdapConnSettings::new().set_conn_timeout(self.config.timeout).set_starttls(self.config.starttls);
        if let Some(tls) = &self.tls {
            settings = settings.set_config(tls.clone());
        }
        let (conn, ldap) = LdapConnAsync::with_settings(settings, &self.config.url).await?;
        tokio::spawn(async move {
            if let Err(e) = conn.drive().await {
                tracing::debug!(error = %e, "an LDAP connection ended");
            }
        });
        Ok(ldap)
    }

    /// A service connection, the next in turn: the open one, or a new one bound as the service.
    async fn service(&self) -> Result<Ldap, AppError> {
        let slot = self.next.fetch_add(1, Ordering::Relaxed) % self.service.len();
        let mut held = self.service[slot].lock().await;
        if let Some(ldap) = held.as_mut() {
            if !ldap.is_closed() {
                return Ok(ldap.clone());
            }
        }
        *held = None;
        let mut ldap = self.connect().await?;
        let bound = ldap.simple_bind(&self.config.bind_dn, &self.config.bind_password).await.map_err(unavailable)?;
        if bound.rc != 0 {
            tracing::error!(rc = bound.rc, "the LDAP service account (SSPR_LDAP_BIND_DN) cannot bind");
            return Err(AppError::DirectoryUnavailable);
        }
        *held = Some(ldap.clone());
        Ok(ldap)
    }

    /// The entry of the user whose login is `login`, if exactly one matches the user filter.
    pub async fn find(&self, login: &str) -> Result<Option<FromDirectory>, AppError> {
        self.bounded(|| self.find_unbounded(login)).await
    }

    async fn find_unbounded(&self, login: &str) -> Result<Option<FromDirectory>, AppError> {
        let filter = self.config.user_filter.replace("{login}", &ldap_escape(login));
        let mut ldap = self.service().await?;
        let found = ldap.search(&self.config.base_dn, Scope::Subtree, &filter, self.attributes()).await.map_err(unavailable)?;
        if found.1.rc == NO_SUCH_OBJECT {
            tracing::error!("SSPR_LDAP_BASE_DN names no entry of the directory");
            return Err(AppError::DirectoryUnavailable);
        }
        let (entries, _) = found.success().map_err(unavailable)?;
        let mut entries: Vec<SearchEntry> = entries.into_iter().filter(|e| !e.is_ref()).map(SearchEntry::construct).collect();
        if entries.len() > 1 {
            tracing::warn!(matches = entries.len(), "SSPR_LDAP_USER_FILTER matches more than one entry for a user ID: none is used");
            return Ok(None);
        }
        let Some(mut entry) = entries.pop() else { return Ok(None) };
        // A search of the entry itself: for the reset filter, and on AD for the state the
        // directory constructs (some only for such a search).
        let on_ad = self.config.kind == LdapKind::ActiveDirectory;
        let base_filter = match &self.config.reset_filter {
            Some(filter) => Some(filter.as_str()),
            None => on_ad.then_some("(objectClass=*)"),
        };
        let licensed = match base_filter {
            None => true,
            Some(filter) => {
                let attributes = if on_ad { vec![ad::ACCOUNT_CONTROL_COMPUTED] } else { vec!["1.1"] };
                let (hits, _) = ldap.search(&entry.dn, Scope::Base, filter, attributes).await.map_err(unavailable)?.success().map_err(unavailable)?;
                match hits.into_iter().next().map(SearchEntry::construct) {
                    None => false,
                    Some(own) => {
                        entry.attrs.extend(own.attrs);
                        true
                    }
                }
            }
        };
        if let Some(search) = &self.config.group_search {
            let filter = search.filter.replace("{dn}", &ldap_escape(&entry.dn));
            let (groups, _) = ldap.search(&self.config.base_dn, Scope::Subtree, &filter, vec!["1.1"]).await.map_err(unavailable)?.success().map_err(unavailable)?;
            let groups = groups.into_iter().filter(|g| !g.is_ref()).map(|g| SearchEntry::construct(g).dn).collect();
            self.set_groups(&mut entry, groups);
        }
        Ok(self.from_entry(entry, licensed, Some(login), None))
    }

    /// Where the groups come from a search (`SSPR_LDAP_GROUP_FILTER`), the entry's groups are the
    /// DNs it found, in place of the groups attribute.
    fn set_groups(&self, entry: &mut SearchEntry, groups: Vec<String>) {
        let name = &self.config.attributes.groups;
        entry.attrs.retain(|k, _| !k.eq_ignore_ascii_case(name));
        entry.attrs.insert(name.clone(), groups);
    }

    /// Every group `SSPR_LDAP_GROUP_FILTER` finds with any member, read page by page: the DNs of
    /// the groups of each member, by the member's DN in a form compared as DNs are (`dn_key`).
    async fn groups_by_member(&self) -> Result<Option<std::collections::HashMap<String, Vec<String>>>, AppError> {
        let Some(search) = &self.config.group_search else { return Ok(None) };
        let groups = self.paged(&search.filter.replace("{dn}", "*"), vec![search.member.clone()]).await?;
        let mut by_member: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        for group in groups {
            let members = group.attrs.iter().filter(|(k, _)| k.eq_ignore_ascii_case(&search.member)).flat_map(|(_, v)| v);
            for member in members {
                by_member.entry(dn_key(member)).or_default().push(group.dn.clone());
            }
        }
        Ok(Some(by_member))
    }

    /// Every user of the directory: the user filter with `*` for the typed ID, read page by
    /// page (RFC 2696), each page within the timeout. For the console's list of accounts.
    pub async fn all(&self) -> Result<Vec<FromDirectory>, AppError> {
        let every = self.config.user_filter.replace("{login}", "*");
        let licensed: Option<std::collections::HashSet<String>> = match &self.config.reset_filter {
            None => None,
            Some(filter) => Some(self.paged(&format!("(&{every}{filter})"), vec!["1.1".to_owned()]).await?.into_iter().map(|e| e.dn.to_lowercase()).collect()),
        };
        let attributes = self.attributes().into_iter().map(str::to_owned).collect();
        let mut entries = self.paged(&every, attributes).await?;
        if let Some(by_member) = self.groups_by_member().await? {
            for entry in &mut entries {
                let groups = by_member.get(&dn_key(&entry.dn)).cloned().unwrap_or_default();
                self.set_groups(entry, groups);
            }
        }
        let policies = match self.config.kind {
            LdapKind::OpenLdap => self.max_ages(&entries).await?,
            LdapKind::ActiveDirectory => Default::default(),
        };
        Ok(entries
            .into_iter()
            .filter_map(|entry| {
                let licensed = licensed.as_ref().is_none_or(|l| l.contains(&entry.dn.to_lowercase()));
                self.from_entry(entry, licensed, None, Some(&policies))
            })
            .collect())
    }

    /// The `pwdMaxAge` (seconds, above 0) of each ppolicy entry that applies to `entries`, by
    /// DN in lower case: theirs, or `SSPR_LDAP_PASSWORD_POLICY_DN`.
    async fn max_ages(&self, entries: &[SearchEntry]) -> Result<std::collections::HashMap<String, i64>, AppError> {
        let mut policies: HashSet<String> = entries.iter().filter_map(|e| first_value(e, POLICY_SUBENTRY)).map(|dn| dn.to_lowercase()).collect();
        policies.extend(self.config.password_policy_dn.iter().map(|dn| dn.to_lowercase()));
        let mut ages = std::collections::HashMap::new();
        for dn in policies {
            let found = self
                .bounded(|| async {
                    let mut ldap = self.service().await?;
                    let r = ldap.search(&dn, Scope::Base, "(objectClass=*)", vec![MAX_AGE]).await.map_err(unavailable)?;
                    Ok(r.success().ok().and_then(|(hits, _)| hits.into_iter().next()).map(SearchEntry::construct))
                })
                .await?;
            match found.as_ref().and_then(|p| first_value(p, MAX_AGE)).and_then(|v| v.parse::<i64>().ok()) {
                Some(age) if age > 0 => {
                    ages.insert(dn, age);
                }
                _ if found.is_none() => tracing::warn!(policy = %dn, "a password policy entry cannot be read: its users' expiry is not known"),
                _ => {}
            }
        }
        Ok(ages)
    }

    /// The entries `filter` matches under the base DN, asked for `SSPR_LDAP_PAGE_SIZE` at a time.
    async fn paged(&self, filter: &str, attributes: Vec<String>) -> Result<Vec<SearchEntry>, AppError> {
        let mut ldap = self.bounded_once(self.service()).await?;
        let mut stream = self
            .bounded_once(async {
                let adapter = PagedResults::new(self.config.page_size);
                ldap.streaming_search_with(adapter, &self.config.base_dn, Scope::Subtree, filter, attributes).await.map_err(unavailable)
            })
            .await?;
        let mut entries = Vec::new();
        while let Some(entry) = self.bounded_once(async { stream.next().await.map_err(unavailable) }).await? {
            if !entry.is_ref() && !entry.is_intermediate() {
                entries.push(SearchEntry::construct(entry));
            }
        }
        let done = self.bounded_once(async { Ok(stream.finish().await) }).await?;
        if done.rc == NO_SUCH_OBJECT {
            tracing::error!("SSPR_LDAP_BASE_DN names no entry of the directory");
            return Err(AppError::DirectoryUnavailable);
        }
        done.success().map_err(unavailable)?;
        Ok(entries)
    }

    /// The attributes read of a user's entry.
    fn attributes(&self) -> Vec<&str> {
        let a = &self.config.attributes;
        let mut names = vec![a.login.as_str(), a.id.as_str(), a.display_name.as_str(), a.email.as_str(), a.office_phone.as_str(), a.groups.as_str()];
        match self.config.kind {
            LdapKind::OpenLdap => names.extend([LOCKED_TIME, MUST_CHANGE, CHANGED_TIME, POLICY_SUBENTRY]),
            LdapKind::ActiveDirectory => names.extend(ad::STATE_ATTRIBUTES),
        }
        names
    }

    /// What sspr keeps of a user's entry; `None` for an entry it cannot use: without its
    /// immutable ID or its login (unless `typed`, the login it was found by), locked for good by
    /// an administrator of OpenLDAP, or disabled or expired in AD (as if not there).
    /// `policies`: the ppolicy maximum ages by DN, known when the whole directory is read.
    fn from_entry(&self, entry: SearchEntry, licensed: bool, typed: Option<&str>, policies: Option<&std::collections::HashMap<String, i64>>) -> Option<FromDirectory> {
        let a = &self.config.attributes;
        let values = |name: &str| entry.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_slice()).unwrap_or_default();
        let first = |name: &str| values(name).first().cloned();
        let Some(id) = immutable_id(&entry, &a.id) else {
            tracing::error!(attribute = %a.id, "an LDAP entry without its immutable ID (SSPR_LDAP_ATTR_ID)");
            return None;
        };
        let login = first(&a.login).or_else(|| typed.map(str::to_owned))?;
        let (locked_out, must_change, password_expires_at) = match self.config.kind {
            LdapKind::OpenLdap => {
                let locked = first(LOCKED_TIME);
                if locked.as_deref() == Some(LOCKED_FOR_GOOD) {
                    return None;
                }
                let policy = first(POLICY_SUBENTRY).or_else(|| self.config.password_policy_dn.clone()).map(|dn| dn.to_lowercase());
                let max_age = policies.zip(policy).and_then(|(ages, dn)| ages.get(&dn).copied());
                let changed = first(CHANGED_TIME).and_then(|t| generalized_time(&t));
                (locked.is_some(), first(MUST_CHANGE).is_some_and(|v| v.eq_ignore_ascii_case("TRUE")), changed.zip(max_age).map(|(at, age)| at + age))
            }
            LdapKind::ActiveDirectory => {
                let state = ad::account_state(&first, crate::server::db::now());
                if state.unusable {
                    return None;
                }
                (state.locked_out, state.must_change, state.password_expires_at)
            }
        };
        let mut groups: Vec<String> = values(&a.groups).iter().filter_map(|dn| group_name(dn)).collect();
        groups.sort_by_key(|g| g.to_lowercase());
        groups.dedup_by(|x, y| x.eq_ignore_ascii_case(y));
        Some(FromDirectory {
            id,
            locked_out,
            must_change,
            password_expires_at,
            display_name: first(&a.display_name).unwrap_or_else(|| login.clone()),
            user_id: login.to_lowercase(),
            primary_email: first(&a.email).unwrap_or_default(),
            office_phone: first(&a.office_phone).and_then(|p| crate::server::phone::parse("", &p).ok()),
            licensed,
            groups,
            dn: entry.dn,
        })
    }

    /// A bind as `dn`: whether `password` is the user's. The connection is closed after it.
    pub async fn bind_as(&self, dn: &str, password: &str) -> Result<bool, AppError> {
        // An empty password would be an anonymous bind, which "succeeds" (RFC 4513 §5.1.2).
        if password.is_empty() {
            return Ok(false);
        }
        self.bounded_once(async {
            let mut ldap = self.connect().await?;
            let result = ldap.simple_bind(dn, password).await.map_err(unavailable)?;
            let _ = ldap.unbind().await;
            match result.rc {
                0 => Ok(true),
                // AD refuses the bind of a password to change, once it has checked it.
                INVALID_CREDENTIALS => Ok(self.config.kind == LdapKind::ActiveDirectory && ad::bind_proved_password(&result.text)),
                rc => {
                    tracing::warn!(rc, text = %result.text, "an LDAP bind failed");
                    Err(AppError::DirectoryUnavailable)
                }
            }
        })
        .await
    }

    /// The same exchange as a failed [`bind_as`](Self::bind_as), for a user ID that has no entry.
    pub async fn decoy_bind(&self, password: &str) -> Result<(), AppError> {
        let decoy = format!("cn=sspr-no-such-user,{}", self.config.base_dn);
        self.bind_as(&decoy, if password.is_empty() { "-" } else { password }).await.map(|_| ())
    }

    /// Lifts the directory's lock-out of the entry `dn`. OpenLDAP: deleting
    /// `pwdAccountLockedTime` (which the service account may write) also clears the failures
    /// counted toward it. AD: `lockoutTime` set to 0.
    pub async fn unlock(&self, dn: &str) -> Result<(), AppError> {
        let (change, attribute) = match self.config.kind {
            LdapKind::OpenLdap => (Mod::Delete(LOCKED_TIME, HashSet::new()), LOCKED_TIME),
            LdapKind::ActiveDirectory => (Mod::Replace(ad::LOCKOUT_TIME, HashSet::from(["0"])), ad::LOCKOUT_TIME),
        };
        self.bounded(|| async {
            let mut ldap = self.service().await?;
            let result = ldap.modify(dn, vec![change.clone()]).await.map_err(unavailable)?;
            // 16, noSuchAttribute: not locked (any more): nothing to lift.
            match result.rc {
                0 | 16 => Ok(()),
                rc => {
                    tracing::error!(rc, text = %result.text, attribute, "the LDAP directory could not unlock an account (may the service account write this attribute?)");
                    Err(AppError::DirectoryUnavailable)
                }
            }
        })
        .await
    }

    /// Writes a new password for the entry `dn`: as the service for a reset or a temporary
    /// password, as the user (with the current password) for their own change.
    pub async fn set_password(&self, dn: &str, write: PasswordWrite<'_>) -> Result<(), AppError> {
        let field = match write {
            PasswordWrite::Temporary { .. } => Field::TemporaryPassword,
            _ => Field::NewPassword,
        };
        self.bounded(|| async move {
            let result = match self.config.kind {
                LdapKind::OpenLdap => self.password_modify(dn, write).await?,
                LdapKind::ActiveDirectory => self.write_unicode_pwd(dn, write).await?,
            };
            let refused = match (self.config.kind, result.rc) {
                (_, 0) => return Ok(()),
                (LdapKind::OpenLdap, CONSTRAINT_VIOLATION | UNWILLING_TO_PERFORM) => Some(refusal(&result.text)),
                (_, INSUFFICIENT_ACCESS) => Some(Problem::DirectoryDenied),
                (LdapKind::ActiveDirectory, _) => ad::refusal(&result.text),
                _ => None,
            };
            match refused {
                Some(Problem::DirectoryDenied) => {
                    tracing::error!(rc = result.rc, text = %result.text, "the LDAP service account may not set this account's password (see the README on its rights)");
                    Err(AppError::field(field, Problem::DirectoryDenied))
                }
                Some(Problem::WrongCurrentPassword) => Err(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword)),
                Some(problem) => {
                    tracing::info!(rc = result.rc, text = %result.text, "the LDAP directory refused a new password");
                    Err(AppError::field(field, problem))
                }
                None => {
                    tracing::error!(rc = result.rc, text = %result.text, "the LDAP directory could not write a password");
                    Err(AppError::DirectoryUnavailable)
                }
            }
        })
        .await
    }

    /// OpenLDAP: the Password Modify extended operation.
    async fn password_modify(&self, dn: &str, write: PasswordWrite<'_>) -> Result<LdapResult, AppError> {
        let (mut ldap, own) = match write {
            PasswordWrite::Change { current, .. } => {
                let mut ldap = self.connect().await?;
                let bound = ldap.simple_bind(dn, current).await.map_err(unavailable)?;
                if bound.rc == INVALID_CREDENTIALS {
                    return Err(AppError::field(Field::CurrentPassword, Problem::WrongCurrentPassword));
                }
                bound.success().map_err(unavailable)?;
                (ldap, true)
            }
            _ => (self.service().await?, false),
        };
        let exop = match write {
            PasswordWrite::Change { current, new } => PasswordModify { user_id: Some(dn), old_pass: Some(current), new_pass: Some(new) },
            PasswordWrite::Reset { new } | PasswordWrite::Temporary { new } => PasswordModify { user_id: Some(dn), old_pass: None, new_pass: Some(new) },
        };
        let done = ldap.extended(exop).await.map_err(unavailable);
        if own {
            let _ = ldap.unbind().await;
        }
        Ok(done?.1)
    }

    /// Active Directory: `unicodePwd`, written by the service. A reset or a temporary
    /// password replaces it (with the policy-hints control for a reset, so that AD's history
    /// and minimum age apply as to the user's own change) and lifts AD's lock-out, which a new
    /// password does not; a temporary one also sets `pwdLastSet` to 0, AD's "must change at
    /// next logon". A change deletes the current value and adds the new one in one
    /// modification, which AD checks as the user's own change (current password, history,
    /// minimum age) whoever asks, so it works for a user whom AD refuses a bind until they
    /// change (`data 773`).
    async fn write_unicode_pwd(&self, dn: &str, write: PasswordWrite<'_>) -> Result<LdapResult, AppError> {
        let mut ldap = self.service().await?;
        let value = |password: &str| HashSet::from([ad::password_value(password)]);
        let attribute = |name: &str| name.as_bytes().to_vec();
        let changes = match write {
            PasswordWrite::Change { current, new } => vec![Mod::Delete(attribute(ad::PASSWORD), value(current)), Mod::Add(attribute(ad::PASSWORD), value(new))],
            PasswordWrite::Reset { new } | PasswordWrite::Temporary { new } => {
                let mut changes = vec![Mod::Replace(attribute(ad::PASSWORD), value(new)), Mod::Replace(attribute(ad::LOCKOUT_TIME), HashSet::from([b"0".to_vec()]))];
                if matches!(write, PasswordWrite::Temporary { .. }) {
                    changes.push(Mod::Replace(attribute(ad::PWD_LAST_SET), HashSet::from([b"0".to_vec()])));
                }
                changes
            }
        };
        if matches!(write, PasswordWrite::Reset { .. }) {
            if let Some(oid) = self.policy_hints(&mut ldap).await? {
                ldap.with_controls(RawControl { ctype: oid.to_owned(), crit: true, val: Some(ad::POLICY_HINTS_VALUE.to_vec()) });
            }
        }
        ldap.modify(dn, changes).await.map_err(unavailable)
    }

    /// The password-policy hints control that the directory lists in its root DSE, read once.
    /// Without one (Windows Server before 2008 R2, Samba before 4.24), a reset by the service
    /// is not checked against AD's history: sspr says so once in its log.
    async fn policy_hints(&self, ldap: &mut Ldap) -> Result<Option<&'static str>, AppError> {
        self.policy_hints
            .get_or_try_init(|| async {
                let (entries, _) = ldap.search("", Scope::Base, "(objectClass=*)", vec!["supportedControl"]).await.map_err(unavailable)?.success().map_err(unavailable)?;
                let supported: Vec<String> = entries.into_iter().flat_map(|e| SearchEntry::construct(e).attrs.remove("supportedControl").unwrap_or_default()).collect();
                let chosen = ad::POLICY_HINTS.into_iter().find(|oid| supported.iter().any(|s| s == oid));
                match chosen {
                    Some(oid) => tracing::info!(control = oid, "Active Directory applies its password policy to resets (policy-hints control)"),
                    None => tracing::warn!("this Active Directory does not support the password-policy hints control: a reset is checked by sspr's rules and AD's complexity, not by AD's history or minimum age"),
                }
                Ok(chosen)
            })
            .await
            .copied()
    }
}

/// A group's name: the value of the first RDN of its DN (`Staff` for
/// `cn=Staff,ou=groups,dc=contoso,dc=example`), its RFC 4514 escapes undone.
fn group_name(dn: &str) -> Option<String> {
    let (_, rest) = dn.split_once('=')?;
    let mut name = Vec::new();
    let mut bytes = rest.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b',' | b'+' => break,
            b'\\' => {
                let c = bytes.next()?;
                if c.is_ascii_hexdigit() {
                    let low = bytes.next()?;
                    name.push(u8::from_str_radix(std::str::from_utf8(&[c, low]).ok()?, 16).ok()?);
                } else {
                    name.push(c);
                }
            }
            b => name.push(b),
        }
    }
    let name = String::from_utf8(name).ok()?.trim().to_owned();
    (!name.is_empty()).then_some(name)
}

/// The first value of `name` in `entry`, whatever the case of the name.
/// A DN as groups and entries are matched by: without the spaces around its RDNs, in lower case
/// (attribute names and the usual matching rules of names ignore case).
fn dn_key(dn: &str) -> String {
    dn.split(',').map(str::trim).collect::<Vec<_>>().join(",").to_lowercase()
}

fn first_value(entry: &SearchEntry, name: &str) -> Option<String> {
    entry.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| v.first().cloned())
}

/// Unix seconds of an LDAP GeneralizedTime in UTC (`20261206214624Z`, fractions ignored).
fn generalized_time(text: &str) -> Option<i64> {
    let digits = text.get(..14).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    if !text.ends_with('Z') {
        return None;
    }
    let day = crate::domain::time::parse_date(&format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]))?;
    let (h, m, s) = (digits[8..10].parse::<i64>().ok()?, digits[10..12].parse::<i64>().ok()?, digits[12..14].parse::<i64>().ok()?);
    (h < 24 && m < 60 && s < 61).then_some(day * 86_400 + h * 3600 + m * 60 + s)
}

/// The immutable ID of an entry: `objectGUID` in its string form (its 16 bytes may or may not
/// happen to be valid UTF-8), any other attribute as text.
fn immutable_id(entry: &SearchEntry, name: &str) -> Option<String> {
    let text = entry.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| v.first());
    if name.eq_ignore_ascii_case("objectGUID") {
        let binary = entry.bin_attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| v.first());
        return ad::guid(binary.map(Vec::as_slice).or(text.map(String::as_bytes))?);
    }
    text.cloned()
}

/// What a directory's refusal of a password means, from its diagnostic text (OpenLDAP's
/// ppolicy: "Password is in history of old passwords", "Password is too young to change",
/// "Password fails quality checking policy", …).
fn refusal(text: &str) -> Problem {
    let text = text.to_ascii_lowercase();
    if text.contains("history") {
        Problem::InPasswordHistory
    } else if text.contains("too young") {
        Problem::ChangedTooRecently
    } else if text.contains("not being changed from existing value") {
        Problem::SameAsCurrent
    } else {
        Problem::DirectoryRefused
    }
}

/// A failure to talk to the directory: logged (without any password: ldap3's errors carry
/// none), and "unavailable" for the user.
fn unavailable(e: LdapError) -> AppError {
    tracing::warn!(error = %e, "the LDAP directory is unavailable");
    AppError::DirectoryUnavailable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_named_by_its_first_rdn() {
        assert_eq!(group_name("cn=Staff,ou=groups,dc=contoso,dc=example").as_deref(), Some("Staff"));
        assert_eq!(group_name("CN=Help Desk\\, Paris,OU=Groups,DC=contoso").as_deref(), Some("Help Desk, Paris"));
        assert_eq!(group_name("cn=Caf\\C3\\A9+ou=x,dc=y").as_deref(), Some("Café"));
        assert_eq!(group_name("cn=,dc=y"), None);
        assert_eq!(group_name("not a dn"), None);
        assert_eq!(group_name("cn=bad\\"), None);
    }

    #[test]
    fn a_member_is_matched_to_an_entry_whatever_the_case_and_spaces_of_its_dn() {
        assert_eq!(dn_key("uid=Alice, ou=People,DC=contoso, dc=example"), dn_key("uid=alice,ou=people,dc=contoso,dc=example"));
        assert_ne!(dn_key("uid=alice,ou=people,dc=contoso,dc=example"), dn_key("uid=alice2,ou=people,dc=contoso,dc=example"));
    }

    #[test]
    fn a_generalized_time_reads_as_unix_seconds() {
        assert_eq!(generalized_time("19700101000000Z"), Some(0));
        assert_eq!(generalized_time("20261206214624Z"), Some(1_796_593_584));
        assert_eq!(generalized_time("20261206214624.123456Z"), Some(1_796_593_584));
        assert_eq!(generalized_time("20261306214624Z"), None);
        assert_eq!(generalized_time("20261206214624"), None);
        assert_eq!(generalized_time("2026120621"), None);
    }

    #[test]
    fn a_refusal_reads_as_what_the_policy_said() {
        assert_eq!(refusal("Password is in history of old passwords"), Problem::InPasswordHistory);
        assert_eq!(refusal("Password is too young to change"), Problem::ChangedTooRecently);
        assert_eq!(refusal("Password fails quality checking policy"), Problem::DirectoryRefused);
        assert_eq!(refusal(""), Problem::DirectoryRefused);
    }
}
