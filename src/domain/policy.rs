//! The admin's policy (SPEC §1): one per installation, versioned in storage.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope", content = "group_id")]
pub enum Scope {
    None,
    Group(i64),
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    pub enabled_for: Scope,
    pub methods_required: u8,
    pub offer_sms: bool,
    pub offer_voice: bool,
    pub offer_office_phone: bool,
    pub offer_email: bool,
    pub offer_questions: bool,
    /// Ten single-use codes to print or keep (an account may live without phone or mailbox).
    pub offer_recovery_codes: bool,
    pub questions_to_register: u8,
    pub questions_at_reset: u8,
    pub require_registration_at_sign_in: bool,
    pub reconfirm_after_days: u16,
    /// "Looks good" re-verifies each phone and e-mail with a fresh code (beyond Entra).
    pub reconfirm_with_codes: bool,
    pub notify_users_on_reset: bool,
    pub notify_admins_on_admin_reset: bool,
    /// With an LDAP directory that says when passwords expire: e-mail each user 7, 3 and 1 days
    /// before, with the link to change it (off by default).
    pub expiry_reminders: bool,
    pub helpdesk_link: Option<String>,
    /// Strict privacy: the reset portal shows one page whatever the user ID, and sends the
    /// detail (or the link to go on) to the account's own addresses.
    pub strict_privacy: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            enabled_for: Scope::All,
            methods_required: 1,
            offer_sms: true,
            offer_voice: true,
            offer_office_phone: true,
            offer_email: true,
            offer_questions: true,
            offer_recovery_codes: true,
            questions_to_register: 3,
            questions_at_reset: 3,
            require_registration_at_sign_in: true,
            reconfirm_after_days: 180,
            reconfirm_with_codes: true,
            notify_users_on_reset: true,
            notify_admins_on_admin_reset: true,
            expiry_reminders: false,
            helpdesk_link: None,
            strict_privacy: false,
        }
    }
}

// ---- the policy editor's form and its validation ---------------------------------------------

use super::error::{AppError, Field, Problem};
#[cfg(feature = "ssr")]
use super::text::DisplayText;
use super::text::{code_points, fold_words};

/// Longest helpdesk link, group name, group description and custom question (characters).
pub const MAX_HELPDESK_LINK: usize = 500;
pub const MAX_GROUP_NAME: usize = 100;
pub const MAX_GROUP_DESCRIPTION: usize = 500;
pub const MAX_QUESTION_TEXT: usize = 200;
/// Most questions on the list at once (SPEC §1), predefined and custom.
pub const MAX_ACTIVE_QUESTIONS: usize = 20;
pub const MAX_RECONFIRM_DAYS: u16 = 730;

/// The policy form as it is posted: every value as typed, a ticked checkbox as `Some` (an
/// unticked one is absent from a form post). The names are the form's field names and the
/// policy's JSON keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    /// `all`, `group` or `none`.
    pub scope: String,
    /// The group's id when `scope` is `group`.
    pub scope_group: String,
    pub methods_required: String,
    pub offer_sms: Option<String>,
    pub offer_voice: Option<String>,
    pub offer_office_phone: Option<String>,
    pub offer_email: Option<String>,
    pub offer_questions: Option<String>,
    pub offer_recovery_codes: Option<String>,
    pub questions_to_register: String,
    pub questions_at_reset: String,
    pub require_registration_at_sign_in: Option<String>,
    pub reconfirm_after_days: String,
    pub reconfirm_with_codes: Option<String>,
    pub notify_users_on_reset: Option<String>,
    pub notify_admins_on_admin_reset: Option<String>,
    pub expiry_reminders: Option<String>,
    pub helpdesk_link: String,
    pub strict_privacy: Option<String>,
}

/// What the form is checked against besides itself: the groups that exist and the number of
/// questions on the list.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    pub group_ids: &'a [i64],
    pub active_questions: usize,
}

fn ticked(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}

impl PolicyForm {
    /// The form showing `policy`.
    pub fn of(policy: &Policy) -> Self {
        let (scope, scope_group) = match policy.enabled_for {
            Scope::All => ("all", String::new()),
            Scope::None => ("none", String::new()),
            Scope::Group(id) => ("group", id.to_string()),
        };
        PolicyForm {
            scope: scope.to_owned(),
            scope_group,
            methods_required: policy.methods_required.to_string(),
            offer_sms: ticked(policy.offer_sms),
            offer_voice: ticked(policy.offer_voice),
            offer_office_phone: ticked(policy.offer_office_phone),
            offer_email: ticked(policy.offer_email),
            offer_questions: ticked(policy.offer_questions),
            offer_recovery_codes: ticked(policy.offer_recovery_codes),
            questions_to_register: policy.questions_to_register.to_string(),
            questions_at_reset: policy.questions_at_reset.to_string(),
            require_registration_at_sign_in: ticked(policy.require_registration_at_sign_in),
            reconfirm_after_days: policy.reconfirm_after_days.to_string(),
            reconfirm_with_codes: ticked(policy.reconfirm_with_codes),
            notify_users_on_reset: ticked(policy.notify_users_on_reset),
            notify_admins_on_admin_reset: ticked(policy.notify_admins_on_admin_reset),
            expiry_reminders: ticked(policy.expiry_reminders),
            helpdesk_link: policy.helpdesk_link.clone().unwrap_or_default(),
            strict_privacy: ticked(policy.strict_privacy),
        }
    }

    fn flag_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "offer_sms" => &mut self.offer_sms,
            "offer_voice" => &mut self.offer_voice,
            "offer_office_phone" => &mut self.offer_office_phone,
            "offer_email" => &mut self.offer_email,
            "offer_questions" => &mut self.offer_questions,
            "offer_recovery_codes" => &mut self.offer_recovery_codes,
            "require_registration_at_sign_in" => &mut self.require_registration_at_sign_in,
            "reconfirm_with_codes" => &mut self.reconfirm_with_codes,
            "notify_users_on_reset" => &mut self.notify_users_on_reset,
            "notify_admins_on_admin_reset" => &mut self.notify_admins_on_admin_reset,
            "expiry_reminders" => &mut self.expiry_reminders,
            "strict_privacy" => &mut self.strict_privacy,
            _ => return None,
        })
    }

    fn text_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "scope" => &mut self.scope,
            "scope_group" => &mut self.scope_group,
            "methods_required" => &mut self.methods_required,
            "questions_to_register" => &mut self.questions_to_register,
            "questions_at_reset" => &mut self.questions_at_reset,
            "reconfirm_after_days" => &mut self.reconfirm_after_days,
            "helpdesk_link" => &mut self.helpdesk_link,
            _ => return None,
        })
    }

    /// Sets one field by its name, as the command line does (`offer_sms=false`). A checkbox
    /// takes true/false (yes/no, on/off, 1/0). `Err` names what is wrong.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        if let Some(flag) = self.flag_mut(name) {
            *flag = match value.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "1" => ticked(true),
                "false" | "no" | "off" | "0" => None,
                _ => return Err(format!("{name} must be true or false, not {value:?}")),
            };
            return Ok(());
        }
        let text = self.text_mut(name).ok_or_else(|| format!("{name} is not a setting of the policy"))?;
        *text = value.to_owned();
        Ok(())
    }

    /// Every field as `(name, value)`, the unticked checkboxes left out as a form post would:
    /// for hidden inputs and query strings that carry the form from one step to the next.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let texts = [
            ("scope", &self.scope),
            ("scope_group", &self.scope_group),
            ("methods_required", &self.methods_required),
            ("questions_to_register", &self.questions_to_register),
            ("questions_at_reset", &self.questions_at_reset),
            ("reconfirm_after_days", &self.reconfirm_after_days),
            ("helpdesk_link", &self.helpdesk_link),
        ];
        let flags = [
            ("offer_sms", &self.offer_sms),
            ("offer_voice", &self.offer_voice),
            ("offer_office_phone", &self.offer_office_phone),
            ("offer_email", &self.offer_email),
            ("offer_questions", &self.offer_questions),
            ("offer_recovery_codes", &self.offer_recovery_codes),
            ("require_registration_at_sign_in", &self.require_registration_at_sign_in),
            ("reconfirm_with_codes", &self.reconfirm_with_codes),
            ("notify_users_on_reset", &self.notify_users_on_reset),
            ("notify_admins_on_admin_reset", &self.notify_admins_on_admin_reset),
            ("expiry_reminders", &self.expiry_reminders),
            ("strict_privacy", &self.strict_privacy),
        ];
        let mut pairs: Vec<(&'static str, String)> = texts.into_iter().map(|(k, v)| (k, v.clone())).collect();
        pairs.extend(flags.into_iter().filter(|(_, v)| v.is_some()).map(|(k, _)| (k, "on".to_owned())));
        pairs
    }

    /// The policy this form describes, or the first thing wrong with it, at its field.
    pub fn parse(&self, limits: Limits<'_>) -> Result<Policy, AppError> {
        let methods_required = number(&self.methods_required, 1, 2, Field::MethodsRequired)? as u8;
        let policy = Policy {
            enabled_for: scope(&self.scope, &self.scope_group, limits.group_ids)?,
            methods_required,
            offer_sms: self.offer_sms.is_some(),
            offer_voice: self.offer_voice.is_some(),
            offer_office_phone: self.offer_office_phone.is_some(),
            offer_email: self.offer_email.is_some(),
            offer_questions: self.offer_questions.is_some(),
            offer_recovery_codes: self.offer_recovery_codes.is_some(),
            questions_to_register: questions_to_register(&self.questions_to_register, limits.active_questions)?,
            questions_at_reset: number(&self.questions_at_reset, 3, u32::from(super::MAX_QUESTIONS), Field::QuestionsAtReset)? as u8,
            require_registration_at_sign_in: self.require_registration_at_sign_in.is_some(),
            reconfirm_after_days: number(&self.reconfirm_after_days, 0, u32::from(MAX_RECONFIRM_DAYS), Field::ReconfirmDays)? as u16,
            reconfirm_with_codes: self.reconfirm_with_codes.is_some(),
            notify_users_on_reset: self.notify_users_on_reset.is_some(),
            notify_admins_on_admin_reset: self.notify_admins_on_admin_reset.is_some(),
            expiry_reminders: self.expiry_reminders.is_some(),
            helpdesk_link: helpdesk_link(&self.helpdesk_link)?,
            strict_privacy: self.strict_privacy.is_some(),
        };
        check_methods_offered(&policy)?;
        if policy.questions_at_reset > policy.questions_to_register {
            return Err(AppError::field(Field::QuestionsAtReset, Problem::MoreThanRegistered));
        }
        Ok(policy)
    }
}

/// The days before a password expires at which the policy's `expiry_reminders` e-mail goes.
pub const REMINDER_DAYS: [i64; 3] = [7, 3, 1];

/// The reminder due for a password that expires at `expires_at` (Unix seconds): the smallest
/// threshold of [`REMINDER_DAYS`] the days left (counted up) have reached; none once it has
/// expired.
pub fn reminder_due(expires_at: i64, now: i64) -> Option<i64> {
    if expires_at <= now {
        return None;
    }
    let days_left = (expires_at - now + 86_399) / 86_400;
    REMINDER_DAYS.into_iter().rev().find(|days| days_left <= *days)
}

/// A whole number in `min..=max`, else `OutOfRange` at `field`.
fn number(raw: &str, min: u32, max: u32, field: Field) -> Result<u32, AppError> {
    raw.trim().parse::<u32>().ok().filter(|n| (min..=max).contains(n)).ok_or(AppError::field(field, Problem::OutOfRange { min, max }))
}

fn scope(raw: &str, group: &str, group_ids: &[i64]) -> Result<Scope, AppError> {
    match raw.trim() {
        "all" => Ok(Scope::All),
        "none" => Ok(Scope::None),
        "group" if group.trim().is_empty() => Err(AppError::field(Field::ScopeGroup, Problem::Required)),
        "group" => group
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| group_ids.contains(id))
            .map(Scope::Group)
            .ok_or(AppError::field(Field::ScopeGroup, Problem::UnknownGroup)),
        _ => Err(AppError::field(Field::Scope, Problem::NotAChoice)),
    }
}

/// 3 to 5, and never more than the questions on the list (users could not choose that many).
fn questions_to_register(raw: &str, active: usize) -> Result<u8, AppError> {
    let max = u32::from(super::MAX_QUESTIONS);
    let n = number(raw, 3, max, Field::QuestionsToRegister)?;
    if n as usize > active {
        let problem = if active >= 3 { Problem::OutOfRange { min: 3, max: active as u32 } } else { Problem::TooMany { max: active as u32 } };
        return Err(AppError::field(Field::QuestionsToRegister, problem));
    }
    Ok(n as u8)
}

/// Enough different methods for the count required, and never security questions alone:
/// text and voice call reach the same authentication phone, so they are one method.
fn check_methods_offered(p: &Policy) -> Result<(), AppError> {
    let others = [p.offer_sms || p.offer_voice, p.offer_office_phone, p.offer_email, p.offer_recovery_codes].into_iter().filter(|o| *o).count();
    let distinct = others + usize::from(p.offer_questions);
    if others == 0 || distinct < usize::from(p.methods_required) {
        return Err(AppError::field(Field::MethodsOffered, Problem::TooFewMethods { min: u32::from(p.methods_required) }));
    }
    Ok(())
}

/// The helpdesk link shown on every error page: an https:// address or an e-mail address;
/// empty for none.
pub fn helpdesk_link(raw: &str) -> Result<Option<String>, AppError> {
    let link = raw.trim();
    if link.is_empty() {
        return Ok(None);
    }
    if code_points(link) > MAX_HELPDESK_LINK {
        return Err(AppError::field(Field::HelpdeskLink, Problem::TooLong { max: MAX_HELPDESK_LINK as u32 }));
    }
    // Shown on every error page: an override in the path could disguise where it leads.
    #[cfg(feature = "ssr")]
    if link.chars().any(super::text::is_hidden) {
        return Err(AppError::field(Field::HelpdeskLink, Problem::InvisibleCharacter));
    }
    if is_https_address(link) || is_email_address(link) { Ok(Some(link.to_owned())) } else { Err(AppError::field(Field::HelpdeskLink, Problem::NotALink)) }
}

fn is_https_address(s: &str) -> bool {
    let Some(rest) = s.get(..8).filter(|p| p.eq_ignore_ascii_case("https://")).map(|_| &s[8..]) else { return false };
    if s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'`\\{}|^".contains(c)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let labels_ok = host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    host.contains('.') && labels_ok && port.chars().all(|c| c.is_ascii_digit())
}

fn is_email_address(s: &str) -> bool {
    s.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.')) && email_address::EmailAddress::is_valid(s)
}

/// A group's name: 1 to 100 characters, trimmed, nothing invisible (as every text below: they
/// are checked on the server, see `text::is_hidden`).
#[cfg(feature = "ssr")]
pub fn group_name(raw: &str) -> Result<String, AppError> {
    DisplayText::line(Field::GroupName, MAX_GROUP_NAME).check(raw)
}

/// A group's description: up to 500 characters, trimmed; may be empty.
#[cfg(feature = "ssr")]
pub fn group_description(raw: &str) -> Result<String, AppError> {
    DisplayText { required: false, ..DisplayText::line(Field::GroupDescription, MAX_GROUP_DESCRIPTION) }.check(raw)
}

/// A custom security question: 1 to 200 characters, kept as typed (trimmed).
#[cfg(feature = "ssr")]
pub fn question_text(raw: &str) -> Result<String, AppError> {
    DisplayText::line(Field::QuestionText, MAX_QUESTION_TEXT).check(raw)
}

/// Whether two question texts read the same (case, width and spacing aside).
pub fn same_question(a: &str, b: &str) -> bool {
    fold_words(a) == fold_words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_is_due_at_seven_three_and_one_day_before() {
        let now = 1_796_000_000;
        let day = 86_400;
        assert_eq!(reminder_due(now + 10 * day, now), None);
        assert_eq!(reminder_due(now + 7 * day, now), Some(7));
        assert_eq!(reminder_due(now + 6 * day + 1, now), Some(7));
        assert_eq!(reminder_due(now + 3 * day, now), Some(3));
        assert_eq!(reminder_due(now + 2 * day, now), Some(3));
        assert_eq!(reminder_due(now + day, now), Some(1));
        assert_eq!(reminder_due(now + 60, now), Some(1));
        assert_eq!(reminder_due(now, now), None);
        assert_eq!(reminder_due(now - day, now), None);
    }

    const GROUPS: &[i64] = &[7, 9];

    fn limits() -> Limits<'static> {
        Limits { group_ids: GROUPS, active_questions: 10 }
    }

    fn form() -> PolicyForm {
        PolicyForm::of(&Policy::default())
    }

    fn refused(f: &PolicyForm) -> (Field, Problem) {
        match f.parse(limits()) {
            Err(AppError::Field { field, problem }) => (field, problem),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    fn with(changes: &[(&str, &str)]) -> PolicyForm {
        let mut f = form();
        for (k, v) in changes {
            f.set(k, v).unwrap();
        }
        f
    }

    #[test]
    fn the_form_of_a_policy_parses_back_to_it() {
        assert_eq!(form().parse(limits()), Ok(Policy::default()));
        let p = Policy {
            enabled_for: Scope::Group(9),
            methods_required: 2,
            offer_office_phone: false,
            questions_to_register: 5,
            questions_at_reset: 4,
            reconfirm_after_days: 0,
            helpdesk_link: Some("https://help.contoso.example/sspr".into()),
            strict_privacy: true,
            ..Policy::default()
        };
        assert_eq!(PolicyForm::of(&p).parse(limits()), Ok(p));
    }

    #[test]
    fn the_scope_is_all_none_or_an_existing_group() {
        assert_eq!(with(&[("scope", "none")]).parse(limits()).unwrap().enabled_for, Scope::None);
        assert_eq!(with(&[("scope", "group"), ("scope_group", "7")]).parse(limits()).unwrap().enabled_for, Scope::Group(7));
        assert_eq!(refused(&with(&[("scope", "group"), ("scope_group", "8")])), (Field::ScopeGroup, Problem::UnknownGroup));
        assert_eq!(refused(&with(&[("scope", "group"), ("scope_group", "Staff")])), (Field::ScopeGroup, Problem::UnknownGroup));
        assert_eq!(refused(&with(&[("scope", "group"), ("scope_group", " ")])), (Field::ScopeGroup, Problem::Required));
        assert_eq!(refused(&with(&[("scope", "everyone")])), (Field::Scope, Problem::NotAChoice));
        // A group id left over from a previous choice does not matter when the scope is all.
        assert_eq!(with(&[("scope", "all"), ("scope_group", "8")]).parse(limits()).unwrap().enabled_for, Scope::All);
    }

    #[test]
    fn numbers_stay_in_their_ranges() {
        for bad in ["0", "3", "", "one", "-1", "1.5"] {
            assert_eq!(refused(&with(&[("methods_required", bad)])), (Field::MethodsRequired, Problem::OutOfRange { min: 1, max: 2 }));
        }
        for bad in ["2", "6", "x"] {
            assert_eq!(refused(&with(&[("questions_to_register", bad)])), (Field::QuestionsToRegister, Problem::OutOfRange { min: 3, max: 5 }));
            assert_eq!(refused(&with(&[("questions_at_reset", bad)])), (Field::QuestionsAtReset, Problem::OutOfRange { min: 3, max: 5 }));
        }
        assert_eq!(refused(&with(&[("reconfirm_after_days", "731")])), (Field::ReconfirmDays, Problem::OutOfRange { min: 0, max: 730 }));
        assert_eq!(with(&[("reconfirm_after_days", " 730 ")]).parse(limits()).unwrap().reconfirm_after_days, 730);
        assert_eq!(with(&[("reconfirm_after_days", "0")]).parse(limits()).unwrap().reconfirm_after_days, 0);
    }

    #[test]
    fn questions_asked_never_exceed_questions_registered_nor_the_list() {
        let f = with(&[("questions_to_register", "3"), ("questions_at_reset", "4")]);
        assert_eq!(refused(&f), (Field::QuestionsAtReset, Problem::MoreThanRegistered));
        let f = with(&[("questions_to_register", "5"), ("questions_at_reset", "5")]);
        assert!(f.parse(limits()).is_ok());
        let short_list = Limits { group_ids: GROUPS, active_questions: 4 };
        assert_eq!(f.parse(short_list), Err(AppError::field(Field::QuestionsToRegister, Problem::OutOfRange { min: 3, max: 4 })));
        let tiny_list = Limits { group_ids: GROUPS, active_questions: 2 };
        assert_eq!(form().parse(tiny_list), Err(AppError::field(Field::QuestionsToRegister, Problem::TooMany { max: 2 })));
    }

    #[test]
    fn enough_different_methods_are_offered_and_never_questions_alone() {
        let none = with(&[
            ("offer_sms", "false"),
            ("offer_voice", "false"),
            ("offer_office_phone", "false"),
            ("offer_email", "false"),
            ("offer_questions", "false"),
            ("offer_recovery_codes", "false"),
        ]);
        assert_eq!(refused(&none), (Field::MethodsOffered, Problem::TooFewMethods { min: 1 }));
        let questions_only =
            with(&[("offer_sms", "no"), ("offer_voice", "no"), ("offer_office_phone", "no"), ("offer_email", "no"), ("offer_recovery_codes", "no")]);
        assert_eq!(refused(&questions_only), (Field::MethodsOffered, Problem::TooFewMethods { min: 1 }));
        // Text and voice reach one phone: one method, not two.
        let one_phone =
            with(&[("methods_required", "2"), ("offer_office_phone", "0"), ("offer_email", "0"), ("offer_questions", "0"), ("offer_recovery_codes", "0")]);
        assert_eq!(refused(&one_phone), (Field::MethodsOffered, Problem::TooFewMethods { min: 2 }));
        let phone_and_questions = with(&[("methods_required", "2"), ("offer_office_phone", "0"), ("offer_email", "0"), ("offer_voice", "0")]);
        assert!(phone_and_questions.parse(limits()).is_ok());
        let email_alone =
            with(&[("offer_sms", "0"), ("offer_voice", "0"), ("offer_office_phone", "0"), ("offer_questions", "0"), ("offer_recovery_codes", "0")]);
        assert!(email_alone.parse(limits()).is_ok());
        let recovery_codes_alone =
            with(&[("offer_sms", "0"), ("offer_voice", "0"), ("offer_office_phone", "0"), ("offer_email", "0"), ("offer_questions", "0")]);
        assert!(recovery_codes_alone.parse(limits()).is_ok(), "codes are not questions: they may stand alone");
    }

    #[test]
    fn the_helpdesk_link_is_https_or_an_email_address() {
        assert_eq!(helpdesk_link("  "), Ok(None));
        assert_eq!(helpdesk_link(" https://help.contoso.example/reset?x=1 "), Ok(Some("https://help.contoso.example/reset?x=1".into())));
        assert_eq!(helpdesk_link("HTTPS://help.contoso.example:8443"), Ok(Some("HTTPS://help.contoso.example:8443".into())));
        assert_eq!(helpdesk_link("helpdesk@contoso.example"), Ok(Some("helpdesk@contoso.example".into())));
        for bad in [
            "http://help.contoso.example",
            "javascript:alert(1)",
            "https://",
            "https://localhost",
            "https://help contoso.example",
            "https://help.contoso.example/\"><script>",
            "https://user@evil.example",
            "https://help..example",
            "helpdesk@contoso",
            "call 555-0100",
        ] {
            assert_eq!(helpdesk_link(bad), Err(AppError::field(Field::HelpdeskLink, Problem::NotALink)), "{bad}");
        }
        let long = format!("https://help.contoso.example/{}", "a".repeat(480));
        assert_eq!(helpdesk_link(&long), Err(AppError::field(Field::HelpdeskLink, Problem::TooLong { max: 500 })));
        assert_eq!(refused(&with(&[("helpdesk_link", "ftp://x.example")])), (Field::HelpdeskLink, Problem::NotALink));
        let disguised = "https://help.contoso.example/\u{202E}fdp.exe";
        assert_eq!(helpdesk_link(disguised), Err(AppError::field(Field::HelpdeskLink, Problem::InvisibleCharacter)));
    }

    #[test]
    fn the_command_line_sets_fields_by_name() {
        let mut f = form();
        assert!(f.set("offer_questions", "false").is_ok());
        assert_eq!(f.offer_questions, None);
        assert!(f.set("offer_questions", "YES").is_ok());
        assert_eq!(f.offer_questions.as_deref(), Some("on"));
        assert_eq!(f.set("offer_questions", "maybe"), Err("offer_questions must be true or false, not \"maybe\"".into()));
        assert_eq!(f.set("colour", "blue"), Err("colour is not a setting of the policy".into()));
        assert!(f.set("methods_required", "2").is_ok());
        assert_eq!(f.methods_required, "2");
    }

    #[test]
    fn pairs_carry_the_form_from_one_step_to_the_next() {
        let f = with(&[("offer_voice", "false"), ("helpdesk_link", "help@contoso.example")]);
        let pairs = f.pairs();
        assert!(pairs.contains(&("helpdesk_link", "help@contoso.example".into())));
        assert!(pairs.contains(&("offer_sms", "on".into())));
        assert!(!pairs.iter().any(|(k, _)| *k == "offer_voice"), "an unticked box is absent, as in a form post");
        let mut back = PolicyForm::default();
        for (k, v) in &pairs {
            back.set(k, v).unwrap();
        }
        assert_eq!(back, f);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn names_descriptions_and_questions_are_bounded() {
        assert_eq!(group_name("  Staff "), Ok("Staff".into()));
        assert_eq!(group_name(" "), Err(AppError::field(Field::GroupName, Problem::Required)));
        assert_eq!(group_name(&"é".repeat(100)).map(|s| s.chars().count()), Ok(100));
        assert_eq!(group_name(&"é".repeat(101)), Err(AppError::field(Field::GroupName, Problem::TooLong { max: 100 })));
        assert_eq!(group_description(""), Ok(String::new()));
        assert_eq!(group_description(&"d".repeat(501)), Err(AppError::field(Field::GroupDescription, Problem::TooLong { max: 500 })));
        assert_eq!(question_text(&"q".repeat(200)).map(|s| s.len()), Ok(200));
        assert_eq!(question_text(&"q".repeat(201)), Err(AppError::field(Field::QuestionText, Problem::TooLong { max: 200 })));
        assert_eq!(question_text("\t"), Err(AppError::field(Field::QuestionText, Problem::Required)));
        let invisible = |field| Err(AppError::field(field, Problem::InvisibleCharacter));
        assert_eq!(group_name("Staff\u{202E}"), invisible(Field::GroupName));
        assert_eq!(group_description("All \u{2066}staff"), invisible(Field::GroupDescription));
        assert_eq!(question_text("What was your first car?\u{200B}"), invisible(Field::QuestionText));
        assert_eq!(question_text("Quelle est ta ville\u{00A0}?").as_deref(), Ok("Quelle est ta ville\u{00A0}?"));
        assert!(same_question("What was your FIRST  car?", " what was your first car? "));
        assert!(!same_question("What was your first car?", "What was your second car?"));
    }
}
