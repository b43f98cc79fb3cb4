//! What an administrator may write into an account (SPEC §1, §5), checked the same way from the
//! console's forms, a CSV import and the command line. The office phone is checked on the
//! server (it needs the phone-number database), and so are the texts that other people read
//! (`text::is_hidden` needs a Unicode table that the WebAssembly does without).

use super::error::{AppError, Field, Problem};
use serde::{Deserialize, Serialize};

pub const MAX_DISPLAY_NAME: usize = 200;
pub const MAX_EMAIL: usize = 254;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordSource {
    Cloud,
    /// Managed on-premises: cannot be reset here ("Please contact your administrator").
    OnPremises,
}

impl PasswordSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PasswordSource::Cloud => "cloud",
            PasswordSource::OnPremises => "on_premises",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "" | "cloud" => Ok(PasswordSource::Cloud),
            "on_premises" => Ok(PasswordSource::OnPremises),
            _ => Err(AppError::field(Field::PasswordSource, Problem::NotAChoice)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "" | "user" => Ok(Role::User),
            "admin" => Ok(Role::Admin),
            _ => Err(AppError::field(Field::Role, Problem::NotAChoice)),
        }
    }
}

/// A display name: trimmed, 1 to 200 characters, no control or invisible characters (it is
/// shown in the console and greets its owner in every message).
#[cfg(feature = "ssr")]
pub fn display_name(raw: &str) -> Result<String, AppError> {
    super::text::DisplayText::line(Field::DisplayName, MAX_DISPLAY_NAME).check(raw)
}

/// A primary e-mail (the mailbox that needs the password: never a reset method).
pub fn primary_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim();
    let err = |p| Err(AppError::field(Field::PrimaryEmail, p));
    if email.is_empty() {
        return err(Problem::Required);
    }
    if email.chars().count() > MAX_EMAIL {
        return err(Problem::TooLong { max: MAX_EMAIL as u32 });
    }
    #[cfg(feature = "ssr")]
    if email.chars().any(super::text::is_hidden) {
        return err(Problem::InvisibleCharacter);
    }
    let dotted_domain = email.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.'));
    if !email_address::EmailAddress::is_valid(email) || !dotted_domain {
        return err(Problem::NotAnEmail);
    }
    Ok(email.to_owned())
}

/// A yes/no value of a CSV cell or a command-line option (empty: `default`).
pub fn flag(raw: &str, field: Field, default: bool) -> Result<bool, AppError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "yes" | "true" | "1" | "oui" => Ok(true),
        "no" | "false" | "0" | "non" => Ok(false),
        _ => Err(AppError::field(field, Problem::NotAChoice)),
    }
}

/// Which accounts the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountFilter {
    #[default]
    All,
    /// No verified method at all.
    NotRegistered,
    /// At least one verified method.
    Registered,
    /// Locked by an administrator or by "this wasn't me".
    Locked,
    Disabled,
    Admins,
    MustReregister,
}

impl AccountFilter {
    pub const ALL: [AccountFilter; 7] = [
        AccountFilter::All,
        AccountFilter::NotRegistered,
        AccountFilter::Registered,
        AccountFilter::Locked,
        AccountFilter::Disabled,
        AccountFilter::Admins,
        AccountFilter::MustReregister,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountFilter::All => "all",
            AccountFilter::NotRegistered => "not_registered",
            AccountFilter::Registered => "registered",
            AccountFilter::Locked => "locked",
            AccountFilter::Disabled => "disabled",
            AccountFilter::Admins => "admins",
            AccountFilter::MustReregister => "must_reregister",
        }
    }

    /// Unknown values show everything (a filter is a view, not an input to refuse).
    pub fn parse(raw: &str) -> Self {
        Self::ALL.into_iter().find(|f| f.as_str() == raw).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Alice Martin "), Ok("Alice Martin".into()));
        assert_eq!(display_name(" "), Err(AppError::field(Field::DisplayName, Problem::Required)));
        assert_eq!(display_name(&"x".repeat(201)), Err(AppError::field(Field::DisplayName, Problem::TooLong { max: 200 })));
        for hidden in ["a\u{0}b", "Anne\u{202E}exe.gpj", "Ann\u{200B}e"] {
            assert_eq!(display_name(hidden), Err(AppError::field(Field::DisplayName, Problem::InvisibleCharacter)), "{hidden:?}");
        }
    }

    #[test]
    fn primary_emails_are_addresses() {
        assert_eq!(primary_email("a@contoso.example"), Ok("a@contoso.example".into()));
        for bad in ["a", "a@b", "<script>@x.example", "a@@b.example"] {
            assert_eq!(primary_email(bad), Err(AppError::field(Field::PrimaryEmail, Problem::NotAnEmail)), "{bad}");
        }
        #[cfg(feature = "ssr")]
        assert_eq!(primary_email("ann\u{202E}@contoso.example"), Err(AppError::field(Field::PrimaryEmail, Problem::InvisibleCharacter)));
    }

    #[test]
    fn choices_and_flags_refuse_anything_else() {
        assert_eq!(Role::parse("admin"), Ok(Role::Admin));
        assert_eq!(Role::parse("root"), Err(AppError::field(Field::Role, Problem::NotAChoice)));
        assert_eq!(PasswordSource::parse("on_premises"), Ok(PasswordSource::OnPremises));
        assert!(PasswordSource::parse("ldap").is_err());
        assert_eq!(flag("Yes", Field::Enabled, false), Ok(true));
        assert_eq!(flag("", Field::Enabled, true), Ok(true));
        assert_eq!(flag("maybe", Field::Enabled, true), Err(AppError::field(Field::Enabled, Problem::NotAChoice)));
        assert_eq!(AccountFilter::parse("locked"), AccountFilter::Locked);
        assert_eq!(AccountFilter::parse("' OR 1=1"), AccountFilter::All);
    }
}
