//! `sspr directory test [USER]`: what an administrator runs first when connecting a directory.
//! Each step says what it found, in order, and stops at the first that makes the rest
//! meaningless (no connection, no service bind): the connection and its TLS, the service
//! account's bind, what the server supports (paged results, Password Modify on OpenLDAP, the
//! password-policy hints on AD), the base DN, how many users the filter finds, AD's protected
//! accounts, the service account's rights on a user where AD tells them, and the user's entry
//! as sspr maps it.

use super::active_directory as ad;
use super::ldap::LdapDirectory;
use crate::server::config::LdapKind;
use ldap3::{Scope, SearchEntry};

const PAGED_RESULTS: &str = "1.2.840.113556.1.4.319";
const PASSWORD_MODIFY: &str = "1.3.6.1.4.1.4203.1.11.1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Works, with a limit the administrator should know.
    Warn,
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub verdict: Verdict,
    pub text: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mark = match self.verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
        };
        write!(f, "{mark} {}", self.text)
    }
}

fn ok(text: impl Into<String>) -> Finding {
    Finding { verdict: Verdict::Ok, text: text.into() }
}
fn warn(text: impl Into<String>) -> Finding {
    Finding { verdict: Verdict::Warn, text: text.into() }
}
fn fail(text: impl Into<String>) -> Finding {
    Finding { verdict: Verdict::Fail, text: text.into() }
}

/// At most this many protected accounts are named.
const NAMED: usize = 20;

/// Tests the directory and, with `login`, that user's entry.
pub async fn run(directory: &LdapDirectory, login: Option<&str>) -> Vec<Finding> {
    let mut report = Vec::new();
    match tokio::time::timeout(std::time::Duration::from_secs(120), steps(directory, login, &mut report)).await {
        Ok(()) => {}
        Err(_) => report.push(fail("the directory stopped answering during the test")),
    }
    report
}

async fn steps(directory: &LdapDirectory, login: Option<&str>, report: &mut Vec<Finding>) {
    let config = directory.config();
    let tls = if config.starttls { "StartTLS" } else if config.url.starts_with("ldaps://") { "TLS (ldaps)" } else { "no TLS (loopback only)" };
    let mut ldap = match directory.connect_for_check().await {
        Ok(ldap) => {
            report.push(ok(format!("connected to {} with {tls}", config.url)));
            ldap
        }
        Err(e) => {
            report.push(fail(format!("cannot connect to {} with {tls}: {e}", config.url)));
            return;
        }
    };
    match ldap.simple_bind(&config.bind_dn, &config.bind_password).await {
        Ok(r) if r.rc == 0 => report.push(ok(format!("the service account {} binds", config.bind_dn))),
        Ok(r) => {
            report.push(fail(format!("the service account {} cannot bind: result {} {}", config.bind_dn, r.rc, r.text.trim())));
            return;
        }
        Err(e) => {
            report.push(fail(format!("the service account's bind failed: {e}")));
            return;
        }
    }

    // What the server supports.
    let root = match ldap.search("", Scope::Base, "(objectClass=*)", vec!["supportedControl", "supportedExtension"]).await.and_then(|r| r.success()) {
        Ok((entries, _)) => entries.into_iter().next().map(SearchEntry::construct),
        Err(e) => {
            report.push(warn(format!("the root DSE cannot be read ({e}): what the server supports is not known")));
            None
        }
    };
    if let Some(root) = root {
        let has = |attribute: &str, oid: &str| root.attrs.get(attribute).is_some_and(|v| v.iter().any(|s| s == oid));
        report.push(if has("supportedControl", PAGED_RESULTS) {
            ok("paged results (RFC 2696): supported, for reading the whole directory")
        } else {
            warn("paged results (RFC 2696) are not supported: a directory larger than the server's size limit cannot be read whole")
        });
        match config.kind {
            LdapKind::OpenLdap => report.push(if has("supportedExtension", PASSWORD_MODIFY) {
                ok("Password Modify (RFC 3062): supported, for writing passwords")
            } else {
                fail("Password Modify (RFC 3062) is not supported: sspr cannot write passwords (is this Active Directory? SSPR_LDAP_PRESET=active-directory)")
            }),
            LdapKind::ActiveDirectory => report.push(match ad::POLICY_HINTS.into_iter().find(|oid| has("supportedControl", oid)) {
                Some(oid) => ok(format!("password-policy hints ({oid}): supported, so resets follow AD's history and minimum age")),
                None => warn("password-policy hints (1.2.840.113556.1.4.2239 / 2066) are not supported: resets follow sspr's rules and AD's complexity, not AD's history or minimum age"),
            }),
        }
    }

    match ldap.search(&config.base_dn, Scope::Base, "(objectClass=*)", vec!["1.1"]).await {
        Ok(r) if r.1.rc == 0 => report.push(ok(format!("the base DN {} exists", config.base_dn))),
        Ok(r) => {
            report.push(fail(format!("the base DN {} cannot be read: result {} {}", config.base_dn, r.1.rc, r.1.text.trim())));
            return;
        }
        Err(e) => {
            report.push(fail(format!("the base DN cannot be read: {e}")));
            return;
        }
    }
    match directory.all().await {
        Ok(users) if users.is_empty() => report.push(fail(format!("SSPR_LDAP_USER_FILTER {} finds no user under the base DN", config.user_filter))),
        Ok(users) => report.push(ok(format!("{} found by SSPR_LDAP_USER_FILTER", crate::i18n::Locale::En.count(users.len() as u64, "user", "users")))),
        Err(_) => report.push(fail("the users cannot be read (see the log above)")),
    }

    if config.kind == LdapKind::ActiveDirectory {
        let every = config.user_filter.replace("{login}", "*");
        let filter = format!("(&{every}(adminCount=1))");
        let login_attribute = config.attributes.login.clone();
        match ldap.search(&config.base_dn, Scope::Subtree, &filter, vec![login_attribute.as_str()]).await.and_then(|r| r.success()) {
            Ok((entries, _)) => {
                let names: Vec<String> = entries
                    .into_iter()
                    .filter(|e| !e.is_ref())
                    .map(SearchEntry::construct)
                    .map(|e| e.attrs.into_iter().find(|(k, _)| k.eq_ignore_ascii_case(&login_attribute)).and_then(|(_, v)| v.into_iter().next()).unwrap_or(e.dn))
                    .collect();
                if names.is_empty() {
                    report.push(ok("no protected account (adminCount=1) among the users"));
                } else {
                    let shown: Vec<&str> = names.iter().take(NAMED).map(String::as_str).collect();
                    let more = if names.len() > NAMED { format!(" and {} more", names.len() - NAMED) } else { String::new() };
                    report.push(warn(format!(
                        "{} (adminCount=1), whose rights AD's AdminSDHolder resets: sspr cannot reset them unless the service is granted there too: {}{more}",
                        crate::i18n::Locale::En.count(names.len() as u64, "protected account", "protected accounts"),
                        shown.join(", ")
                    )));
                }
            }
            Err(e) => report.push(warn(format!("protected accounts cannot be listed: {e}"))),
        }
    }

    let Some(login) = login else { return };
    let entry = match directory.find(login).await {
        Ok(Some(entry)) => entry,
        Ok(None) => {
            report.push(fail(format!("no usable entry for {login}: none or several match SSPR_LDAP_USER_FILTER, or it lacks SSPR_LDAP_ATTR_ID, or it is disabled")));
            return;
        }
        Err(_) => {
            report.push(fail(format!("{login} cannot be looked up (see the log above)")));
            return;
        }
    };
    report.push(ok(format!("{login} is {}", entry.dn)));
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for (label, value) in [
        ("user ID", entry.user_id.clone()),
        ("immutable ID", entry.id.clone()),
        ("display name", entry.display_name.clone()),
        ("primary e-mail", entry.primary_email.clone()),
        ("office phone", entry.office_phone.clone().unwrap_or_else(|| "(none)".into())),
        ("groups", if entry.groups.is_empty() { "(none)".into() } else { entry.groups.join(", ") }),
        ("may reset", yes_no(entry.licensed).into()),
        ("locked out", yes_no(entry.locked_out).into()),
        ("must change", yes_no(entry.must_change).into()),
    ] {
        report.push(ok(format!("  {label}: {value}")));
    }
    if config.kind == LdapKind::ActiveDirectory {
        // AD says which attributes the one asking may write on an entry.
        match ldap.search(&entry.dn, Scope::Base, "(objectClass=*)", vec!["allowedAttributesEffective"]).await.and_then(|r| r.success()) {
            Ok((entries, _)) => {
                let writable: Vec<String> = entries.into_iter().next().map(SearchEntry::construct).and_then(|e| e.attrs.into_iter().find(|(k, _)| k.eq_ignore_ascii_case("allowedAttributesEffective")).map(|(_, v)| v)).unwrap_or_default();
                for attribute in [ad::LOCKOUT_TIME, ad::PWD_LAST_SET] {
                    report.push(if writable.iter().any(|w| w.eq_ignore_ascii_case(attribute)) {
                        ok(format!("the service account may write {attribute} of {login}"))
                    } else {
                        fail(format!("the service account may not write {attribute} of {login}: delegate it on the users' OU (see the README)"))
                    });
                }
            }
            Err(e) => report.push(warn(format!("the service account's rights cannot be read: {e}"))),
        }
    }
    let _ = ldap.unbind().await;
}
