//! The one error type that server functions return. Variants are typed so that a form can show
//! the message next to the right field, in the user's language; unexpected failures are logged
//! in detail on the server and reach the user only as `Internal`.

use serde::{Deserialize, Serialize};

/// A form field that an error can be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    UserId,
    Password,
    /// The current password, asked before a change of password.
    CurrentPassword,
    NewPassword,
    ConfirmPassword,
    Country,
    PhoneNumber,
    /// The code field of the authentication phone's card.
    PhoneCode,
    Email,
    /// The code field of the authentication e-mail's card.
    EmailCode,
    /// The n-th question of the security-questions form (1-based).
    Question(u8),
    /// The answer to the n-th question (1-based).
    Answer(u8),
    /// The code field of a reset gate.
    Code,
    // ---- admin console ----
    DisplayName,
    PrimaryEmail,
    OfficePhone,
    Groups,
    PasswordSource,
    Role,
    /// A CSV file to import.
    File,
    /// The policy's scope (none / one group / all) and its group.
    Scope,
    ScopeGroup,
    MethodsRequired,
    MethodsOffered,
    QuestionsToRegister,
    QuestionsAtReset,
    ReconfirmDays,
    HelpdeskLink,
    /// The text of a custom security question.
    QuestionText,
    GroupName,
    GroupDescription,
    /// An administrator's note (the inbox).
    Note,
    /// Audit log filters.
    Event,
    From,
    To,
    Enabled,
    Licensed,
    TemporaryPassword,
}

/// Most security questions a policy can ask for (SPEC §1: 3–5).
pub const MAX_QUESTIONS: u8 = 5;

impl Field {
    /// The HTML `name` (and id suffix) of the field: equal to the server function argument.
    pub fn name(self) -> &'static str {
        const QUESTIONS: [&str; MAX_QUESTIONS as usize] = ["question_1", "question_2", "question_3", "question_4", "question_5"];
        const ANSWERS: [&str; MAX_QUESTIONS as usize] = ["answer_1", "answer_2", "answer_3", "answer_4", "answer_5"];
        let nth = |names: &'static [&'static str], n: u8| names.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("");
        match self {
            Field::UserId => "user_id",
            Field::Password => "password",
            Field::CurrentPassword => "current_password",
            Field::NewPassword => "new_password",
            Field::ConfirmPassword => "confirm_password",
            Field::Country => "country",
            Field::PhoneNumber => "phone_number",
            Field::PhoneCode => "phone_code",
            Field::Email => "email",
            Field::EmailCode => "email_code",
            Field::Question(n) => nth(&QUESTIONS, n),
            Field::Answer(n) => nth(&ANSWERS, n),
            Field::Code => "code",
            Field::DisplayName => "display_name",
            Field::PrimaryEmail => "primary_email",
            Field::OfficePhone => "office_phone",
            Field::Groups => "groups",
            Field::PasswordSource => "password_source",
            Field::Role => "role",
            Field::File => "csv",
            Field::Scope => "scope",
            Field::ScopeGroup => "scope_group",
            Field::MethodsRequired => "methods_required",
            Field::MethodsOffered => "methods_offered",
            Field::QuestionsToRegister => "questions_to_register",
            Field::QuestionsAtReset => "questions_at_reset",
            Field::ReconfirmDays => "reconfirm_after_days",
            Field::HelpdeskLink => "helpdesk_link",
            Field::QuestionText => "question_text",
            Field::GroupName => "group_name",
            Field::GroupDescription => "group_description",
            Field::Note => "note",
            Field::Event => "event",
            Field::From => "from",
            Field::To => "to",
            Field::Enabled => "enabled",
            Field::Licensed => "licensed",
            Field::TemporaryPassword => "temporary_password",
        }
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Problem {
    Required,
    TooShort { min: u32 },
    TooLong { max: u32 },
    NotAUserId,
    Mismatch,
    ContainsContext,
    SameAsCurrent,
    /// Too common or too easy to guess (the server's dictionary check).
    CommonPassword,
    /// The current password, given to change it, is not the account's.
    WrongCurrentPassword,
    /// Not a phone number that can be called in the chosen country.
    NotAPhone,
    NotAnEmail,
    /// The authentication e-mail equals the primary e-mail.
    SameAsPrimary,
    /// Not six digits.
    NotACode,
    /// A wrong code; `left` more tries before the code dies.
    WrongCode { left: u8 },
    /// The code's ten minutes are over.
    CodeExpired,
    /// Used, replaced by a newer code, or never sent.
    CodeNotValid,
    /// Too many wrong entries: the code is dead.
    CodeDead,
    /// Not the 16 letters and digits of a recovery code.
    NotARecoveryCode,
    /// One of the account's recovery codes, used already (each works once).
    RecoveryCodeUsed,
    DuplicateQuestion,
    DuplicateAnswer,
    /// The answer only repeats the question's words.
    AnswerIsQuestion,
    /// A question that is not (or no longer) on the list.
    UnknownQuestion,
    /// At least one security answer is wrong (which one is not said); `left` more failures
    /// before password reset is blocked for a day.
    WrongAnswers { left: u8 },
    // ---- admin console ----
    /// A number outside `min..=max`.
    OutOfRange { min: u32, max: u32 },
    /// More than `max` items (questions on the list, CSV rows, …).
    TooMany { max: u32 },
    /// Questions asked at reset must not exceed those registered.
    MoreThanRegistered,
    /// Neither an https:// address nor an e-mail address.
    NotALink,
    NotADate,
    /// The end of a date range is before its start.
    DateOrder,
    /// Another account, group or question already has this value.
    AlreadyExists,
    UnknownGroup,
    /// Not one of the values the field accepts.
    NotAChoice,
    /// An administrator cannot take their own administrator role or account away.
    OwnAccount,
    /// The CSV header lacks a required column or names an unknown one.
    BadHeader,
    /// A CSV row has another number of cells than the header.
    Columns { expected: u32 },
    /// No account has this user ID (a filter of the audit log).
    UnknownAccount,
    /// Fewer different methods offered than required, or security questions alone.
    TooFewMethods { min: u32 },
    /// A group the policy enables password reset for cannot be deleted.
    InPolicyScope,
    /// The policy asks users for `min` questions: the list must keep that many.
    QuestionsNeeded { min: u32 },
    /// A control character, or an invisible one that could disguise the text another person
    /// reads (a direction override, a zero-width space: see `text::is_hidden`).
    InvisibleCharacter,
    // ---- the LDAP directory's password policy ----
    /// The directory remembers this password among the account's last ones.
    InPasswordHistory,
    /// The directory's minimum age: the password was changed too recently to change again.
    ChangedTooRecently,
    /// The directory's own rules refused it (length, quality) without saying which.
    DirectoryRefused,
    /// Active Directory's complexity rule: characters of three kinds, and not the user's name.
    NotComplexEnough,
    /// The directory has locked the account after too many wrong passwords.
    LockedInDirectory,
    /// The directory does not let sspr's service account set this account's password (a
    /// protected account, such as a domain administrator's).
    DirectoryDenied,
    /// With an LDAP directory, the directory owns this (accounts, names, addresses, phones).
    ManagedInDirectory,
    /// The LDAP directory no longer has this account.
    GoneFromDirectory,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum AppError {
    #[error("{field:?}: {problem:?}")]
    Field { field: Field, problem: Problem },
    /// Unknown user ID and wrong password alike: never say which.
    #[error("the user ID or password is incorrect")]
    BadCredentials,
    #[error("too many failed attempts; retry in {retry_after_secs} s")]
    Locked { retry_after_secs: i64 },
    /// A reset throttling limit: which one (an account's or an address's, starts or failures)
    /// and when to retry, so that the page says what happened.
    #[error("reset limited ({limit:?}); retry in {retry_after_secs} s")]
    ResetLimited { limit: super::reset::ResetLimit, retry_after_secs: i64 },
    /// Codes are sent at most 3 times per 15 minutes and 60 s apart.
    #[error("too many codes asked for; retry in {retry_after_secs} s")]
    SendLimit { retry_after_secs: i64 },
    /// Finish before enough methods are verified.
    #[error("{missing} more method(s) needed")]
    NeedMoreMethods { missing: u8 },
    /// Security questions cannot be the only method.
    #[error("security questions cannot be the only method")]
    QuestionsAlone,
    #[error("the account is disabled")]
    Disabled,
    /// Locked by an administrator or by its owner's "this wasn't me": only an administrator
    /// opens it again.
    #[error("the account is locked")]
    AccountLocked,
    /// The reset flow of this browser is over, expired, or was never started here.
    #[error("this password reset has ended")]
    FlowEnded,
    /// The anti-automation check failed or was used already.
    #[error("the browser check failed")]
    Challenge,
    #[error("not signed in")]
    NotSignedIn,
    #[error("the server is busy")]
    Busy,
    #[error("request refused")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("the server could not be reached")]
    Network,
    #[error("internal error")]
    Internal,
    /// A row of an imported CSV file is wrong (`line` counts from 1, the header included);
    /// nothing of the file was imported.
    #[error("line {line}: {field:?}: {problem:?}")]
    BadRow { line: u32, field: Field, problem: Problem },
    /// Someone else saved first (the policy): reload and try again.
    #[error("changed meanwhile")]
    Conflict,
    /// The request could not be read: not valid UTF-8, a parameter that is not one of the
    /// function's, given twice, or of the wrong type.
    #[error("the request could not be read")]
    BadRequest,
    /// The request body is larger than any form of ours.
    #[error("the request is too large")]
    TooLarge,
    /// Not a form post (JSON, plain text, no content type…).
    #[error("this kind of request is not accepted")]
    UnsupportedMediaType,
    /// The database (or another service a step depends on) does not answer: nothing was done,
    /// and nothing was let through.
    #[error("the service is unavailable")]
    Unavailable,
    /// The LDAP directory does not answer (or not in time): nothing was done or let through.
    #[error("the directory is unavailable")]
    DirectoryUnavailable,
}

impl AppError {
    pub fn field(field: Field, problem: Problem) -> Self {
        AppError::Field { field, problem }
    }

    /// The field this error belongs to, if any (else it is shown at the top of the form).
    pub fn field_name(&self) -> Option<Field> {
        match self {
            AppError::Field { field, .. } => Some(*field),
            AppError::BadRow { .. } => Some(Field::File),
            _ => None,
        }
    }

    /// The error as JSON, as a server function's failed response carries it.
    pub fn to_code(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An error from a server function's failed response.
    pub fn from_code(code: &str) -> Option<Self> {
        serde_json::from_str(code).ok()
    }

    /// The error as a short, readable `?error=` value, for a form posted without JavaScript
    /// (the page then shows the same message as the hydrated form would): its fields in order,
    /// nested ones by their path, `field,field:phone_code,problem.kind:wrong_code,problem.left:2`.
    /// Every character is allowed in a query, so nothing is percent-encoded.
    pub fn to_query(&self) -> String {
        fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(fields) => {
                    for (k, v) in fields {
                        flatten(&if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") }, v, out);
                    }
                }
                serde_json::Value::String(s) => out.push(format!("{prefix}:{s}")),
                other => out.push(format!("{prefix}:{other}")),
            }
        }
        let Ok(serde_json::Value::Object(mut fields)) = serde_json::to_value(self) else { return String::new() };
        let Some(serde_json::Value::String(tag)) = fields.remove("error") else { return String::new() };
        let mut parts = vec![tag];
        flatten("", &serde_json::Value::Object(fields), &mut parts);
        parts.join(",")
    }

    /// The error of a `?error=` value made by [`AppError::to_query`]; `None` for anything else.
    pub fn from_query(query: &str) -> Option<Self> {
        let mut parts = query.split(',');
        let mut root = serde_json::Map::new();
        root.insert("error".into(), parts.next().filter(|t| !t.is_empty())?.into());
        for part in parts {
            let (path, raw) = part.split_once(':')?;
            let value: serde_json::Value = match raw.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => raw.into(),
            };
            let mut keys = path.split('.').peekable();
            let mut at = &mut root;
            while let Some(key) = keys.next() {
                if keys.peek().is_none() {
                    at.insert(key.into(), value.clone());
                } else {
                    at = at.entry(key).or_insert_with(|| serde_json::Value::Object(Default::default())).as_object_mut()?;
                }
            }
        }
        serde_json::from_value(serde_json::Value::Object(root)).ok()
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) | E::Response(_) => AppError::Network,
            // Arguments that do not decode (missing, mistyped, unknown): the caller's fault.
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_through_the_response_and_the_address() {
        for err in [
            AppError::BadCredentials,
            AppError::Locked { retry_after_secs: 60 },
            AppError::ResetLimited { limit: crate::domain::reset::ResetLimit::AddressAttempts, retry_after_secs: 900 },
            AppError::field(Field::NewPassword, Problem::TooShort { min: 15 }),
            AppError::field(Field::Answer(3), Problem::WrongAnswers { left: 2 }),
            AppError::BadRow { line: 7, field: Field::File, problem: Problem::Columns { expected: 4 } },
        ] {
            assert_eq!(AppError::from_code(&err.to_code()), Some(err.clone()));
            assert_eq!(AppError::from_query(&err.to_query()), Some(err));
        }
        assert_eq!(AppError::from_code("nonsense"), None);
        for nonsense in ["", "nonsense", "field", "field,field", "field,field:nope,problem.kind:required", "locked,retry_after_secs:soon", "{\"error\":\"busy\"}"] {
            assert_eq!(AppError::from_query(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn the_address_says_the_error_in_a_few_readable_words() {
        assert_eq!(AppError::field(Field::PhoneCode, Problem::WrongCode { left: 2 }).to_query(), "field,field:phone_code,problem.kind:wrong_code,problem.left:2");
        assert_eq!(AppError::Locked { retry_after_secs: 60 }.to_query(), "locked,retry_after_secs:60");
        assert_eq!(AppError::BadCredentials.to_query(), "bad_credentials");
    }
}
