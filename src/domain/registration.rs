//! The registration rules of SPEC §2: which methods the policy offers an account, how many it
//! must verify, when Finish is allowed, and the shape of the one-time codes (SPEC §6).

use super::error::{AppError, Field, Problem};
use super::policy::Policy;
use super::text::{code_points, fold};
use serde::{Deserialize, Serialize};

/// A way to prove identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Set by administrators only; called at reset.
    OfficePhone,
    /// A phone the user can receive texts or calls on.
    AuthPhone,
    /// An address the user can open without the password they want to reset.
    AuthEmail,
    SecurityQuestions,
    /// Ten single-use codes shown once, for the day the phone and the mailbox are out of reach.
    RecoveryCodes,
}

impl Method {
    pub const ALL: [Method; 5] = [Method::OfficePhone, Method::AuthPhone, Method::AuthEmail, Method::SecurityQuestions, Method::RecoveryCodes];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::OfficePhone => "office_phone",
            Method::AuthPhone => "auth_phone",
            Method::AuthEmail => "auth_email",
            Method::SecurityQuestions => "security_questions",
            Method::RecoveryCodes => "recovery_codes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The form field where a code for this method is typed.
    pub fn code_field(self) -> Field {
        match self {
            Method::AuthEmail => Field::EmailCode,
            _ => Field::PhoneCode,
        }
    }
}

/// How a code reaches a phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Voice,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Voice => "voice",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Sms, Channel::Voice, Channel::Email].into_iter().find(|c| c.as_str() == s)
    }
}

/// What the policy asks of one account (admins always get the stricter fixed rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirements {
    /// Methods offered, in display order.
    pub offered: Vec<Method>,
    pub offer_sms: bool,
    pub offer_voice: bool,
    /// Verified methods needed before Finish.
    pub required: u8,
    /// Questions to register when security questions are offered.
    pub questions: u8,
}

impl Requirements {
    pub fn of(policy: &Policy, is_admin: bool) -> Self {
        let offered = Method::ALL
            .into_iter()
            .filter(|m| match m {
                Method::OfficePhone => policy.offer_office_phone,
                Method::AuthPhone => policy.offer_sms || policy.offer_voice,
                Method::AuthEmail => policy.offer_email,
                // SPEC §1: admin accounts never use security questions.
                Method::SecurityQuestions => policy.offer_questions && !is_admin,
                Method::RecoveryCodes => policy.offer_recovery_codes,
            })
            .collect();
        Requirements {
            offered,
            offer_sms: policy.offer_sms,
            offer_voice: policy.offer_voice,
            required: if is_admin { 2 } else { policy.methods_required.clamp(1, 2) },
            questions: policy.questions_to_register.clamp(3, super::error::MAX_QUESTIONS),
        }
    }

    pub fn offers(&self, method: Method) -> bool {
        self.offered.contains(&method)
    }

    /// Whether `verified` (the account's verified methods) is enough to finish: the count of
    /// offered methods, and never security questions alone (NIST 800-63B, OWASP ASVS).
    pub fn check_finish(&self, verified: &[Method]) -> Result<(), AppError> {
        let counted: Vec<Method> = verified.iter().copied().filter(|m| self.offers(*m)).collect();
        let count = counted.len() as u8;
        if count < self.required {
            return Err(AppError::NeedMoreMethods { missing: self.required - count });
        }
        if counted.iter().all(|m| *m == Method::SecurityQuestions) {
            return Err(AppError::QuestionsAlone);
        }
        Ok(())
    }
}

/// Why an account cannot use password reset, whatever it registers (the seed's error cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotEligible {
    /// The password is managed on-premises: "Please contact your administrator".
    OnPremises,
    /// Not licensed, or outside the policy's scope: "not enabled for password reset".
    NotEnabled,
}

/// Whether an account can use password reset. Administrators are always in scope.
pub fn eligibility(on_premises: bool, licensed: bool, in_scope: bool, is_admin: bool) -> Option<NotEligible> {
    if on_premises {
        Some(NotEligible::OnPremises)
    } else if !licensed || !(in_scope || is_admin) {
        Some(NotEligible::NotEnabled)
    } else {
        None
    }
}

/// One-time codes (SPEC §6).
pub mod code {
    use super::*;

    pub const DIGITS: usize = 6;
    /// A code lives ten minutes.
    pub const LIFETIME_SECS: i64 = 600;
    /// The fifth wrong entry kills the code.
    pub const MAX_WRONG: i64 = 5;
    /// At most three sends per fifteen minutes for one account and method…
    pub const SENDS_PER_WINDOW: i64 = 3;
    pub const SEND_WINDOW_SECS: i64 = 900;
    /// …and sixty seconds between two sends.
    pub const SEND_GAP_SECS: i64 = 60;

    /// The six digits the user typed, with spaces and dashes (as in "123 456") ignored.
    pub fn parse(raw: &str, field: Field) -> Result<String, AppError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if digits.is_empty() {
            return Err(AppError::field(field, Problem::Required));
        }
        if digits.len() != DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::field(field, Problem::NotACode));
        }
        Ok(digits)
    }

    /// Seconds before another code may be sent (0: now), given the `count` codes sent in the
    /// last window, the first and the last of them.
    pub fn resend_wait(count: i64, first: Option<i64>, last: Option<i64>, now: i64) -> i64 {
        let by_gap = last.map_or(0, |l| l + SEND_GAP_SECS - now);
        let by_window = if count >= SENDS_PER_WINDOW { first.map_or(0, |f| f + SEND_WINDOW_SECS - now) } else { 0 };
        by_gap.max(by_window).max(0)
    }

    /// How a code is read out or printed: two groups of three digits.
    pub fn spaced(code: &str) -> String {
        if code.len() == DIGITS { format!("{} {}", &code[..3], &code[3..]) } else { code.to_owned() }
    }
}

/// Recovery codes (SPEC §2): ten single-use codes of 16 characters from a 32-letter alphabet
/// (80 bits each), stored as their SHA-256. One code passes one gate at reset.
pub mod recovery {
    use super::*;

    pub const COUNT: usize = 10;
    pub const LEN: usize = 16;
    /// Crockford's base 32 in lower case: no i, l, o or u to misread.
    pub const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

    /// The code as typed, in its stored form: case, spaces and dashes ignored, and the letters
    /// people mistake for digits read as those digits (i and l as 1, o as 0).
    pub fn parse(raw: &str) -> Result<String, AppError> {
        let code: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_lowercase() {
                'i' | 'l' => '1',
                'o' => '0',
                c => c,
            })
            .collect();
        if code.is_empty() {
            return Err(AppError::field(Field::Code, Problem::Required));
        }
        if code.len() != LEN || !code.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(AppError::field(Field::Code, Problem::NotARecoveryCode));
        }
        Ok(code)
    }

    /// How a code is shown: four groups of four.
    pub fn grouped(code: &str) -> String {
        let chars: Vec<char> = code.chars().collect();
        chars.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }
}

/// Longest e-mail address accepted (RFC 5321's path limit).
pub const MAX_EMAIL_LEN: usize = 254;

/// The authentication e-mail typed in the form: an address, and not the primary e-mail
/// ("an address you can open without the password you want to reset"), compared after NFKC and
/// case folding.
pub fn auth_email(raw: &str, primary: &str) -> Result<String, AppError> {
    let address = raw.trim();
    let err = |p| Err(AppError::field(Field::Email, p));
    if address.is_empty() {
        return err(Problem::Required);
    }
    if code_points(address) > MAX_EMAIL_LEN {
        return err(Problem::TooLong { max: MAX_EMAIL_LEN as u32 });
    }
    // Administrators see it (masked from its first character): nothing in it may disguise it.
    #[cfg(feature = "ssr")]
    if address.chars().any(super::text::is_hidden) {
        return err(Problem::InvisibleCharacter);
    }
    let has_dotted_domain = address.rsplit_once('@').is_some_and(|(_, d)| d.contains('.'));
    if !email_address::EmailAddress::is_valid(address) || !has_dotted_domain {
        return err(Problem::NotAnEmail);
    }
    if fold(address) == fold(primary.trim()) {
        return err(Problem::SameAsPrimary);
    }
    Ok(address.to_owned())
}

/// An e-mail address as shown to its owner and to admins: first letter, dots, then the domain.
pub fn mask_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_need_two_methods_and_no_questions() {
        let r = Requirements::of(&Policy::default(), true);
        assert_eq!(r.required, 2);
        assert!(!r.offers(Method::SecurityQuestions));
        let user = Requirements::of(&Policy::default(), false);
        assert_eq!(user.required, 1);
        assert_eq!(user.offered, Method::ALL.to_vec());
    }

    #[test]
    fn recovery_codes_are_read_as_people_type_them() {
        assert_eq!(recovery::parse(" 7K2M-9QWX-ab1O-zz00 ").as_deref(), Ok("7k2m9qwxab10zz00"));
        assert_eq!(recovery::parse("7k2m9qwxabi0zzOO").as_deref(), Ok("7k2m9qwxab10zz00"), "i and o read as 1 and 0");
        assert_eq!(recovery::parse("").unwrap_err(), AppError::field(Field::Code, Problem::Required));
        assert_eq!(recovery::parse("7k2m9qwxab10zz0").unwrap_err(), AppError::field(Field::Code, Problem::NotARecoveryCode), "15 characters");
        assert_eq!(recovery::parse("7k2m9qwxab10zz0u").unwrap_err(), AppError::field(Field::Code, Problem::NotARecoveryCode), "u is not in the alphabet");
        assert_eq!(recovery::parse("123456").unwrap_err(), AppError::field(Field::Code, Problem::NotARecoveryCode));
        assert_eq!(recovery::grouped("7k2m9qwxab10zz00"), "7k2m-9qwx-ab10-zz00");
    }

    #[test]
    fn questions_alone_never_finish() {
        let r = Requirements::of(&Policy::default(), false);
        assert_eq!(r.check_finish(&[Method::SecurityQuestions]), Err(AppError::QuestionsAlone));
        assert_eq!(r.check_finish(&[]), Err(AppError::NeedMoreMethods { missing: 1 }));
        assert_eq!(r.check_finish(&[Method::AuthEmail]), Ok(()));
        let two = Requirements::of(&Policy { methods_required: 2, ..Policy::default() }, false);
        assert_eq!(two.check_finish(&[Method::AuthEmail]), Err(AppError::NeedMoreMethods { missing: 1 }));
        assert_eq!(two.check_finish(&[Method::AuthEmail, Method::SecurityQuestions]), Ok(()));
    }

    #[test]
    fn methods_the_policy_does_not_offer_do_not_count() {
        let r = Requirements::of(&Policy { offer_email: false, ..Policy::default() }, false);
        assert_eq!(r.check_finish(&[Method::AuthEmail]), Err(AppError::NeedMoreMethods { missing: 1 }));
    }

    #[test]
    fn on_premises_unlicensed_and_out_of_scope_accounts_cannot_use_reset() {
        assert_eq!(eligibility(false, true, true, false), None);
        assert_eq!(eligibility(true, true, true, true), Some(NotEligible::OnPremises));
        assert_eq!(eligibility(false, false, true, false), Some(NotEligible::NotEnabled));
        assert_eq!(eligibility(false, true, false, false), Some(NotEligible::NotEnabled));
        assert_eq!(eligibility(false, true, false, true), None, "admins are always in scope");
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(code::parse(" 123 456 ", Field::PhoneCode).as_deref(), Ok("123456"));
        assert_eq!(code::parse("", Field::PhoneCode), Err(AppError::field(Field::PhoneCode, Problem::Required)));
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦"] {
            assert_eq!(code::parse(bad, Field::EmailCode), Err(AppError::field(Field::EmailCode, Problem::NotACode)), "{bad}");
        }
        assert_eq!(code::spaced("123456"), "123 456");
    }

    #[test]
    fn codes_are_sent_three_times_per_window_and_sixty_seconds_apart() {
        assert_eq!(code::resend_wait(0, None, None, 1000), 0);
        assert_eq!(code::resend_wait(1, Some(990), Some(990), 1000), 50);
        assert_eq!(code::resend_wait(2, Some(800), Some(900), 1000), 0);
        assert_eq!(code::resend_wait(3, Some(400), Some(900), 1000), 300, "the window's first send must age out");
    }

    #[test]
    fn the_authentication_email_is_an_address_other_than_the_primary() {
        let e = |p| Err(AppError::field(Field::Email, p));
        assert_eq!(auth_email(" me@home.example ", "alice@contoso.example").as_deref(), Ok("me@home.example"));
        assert_eq!(auth_email("ALICE@Contoso.Example", "alice@contoso.example"), e(Problem::SameAsPrimary));
        assert_eq!(auth_email("ａｌｉｃｅ@contoso.example", "alice@contoso.example"), e(Problem::SameAsPrimary));
        assert_eq!(auth_email("not an address", "a@b.example"), e(Problem::NotAnEmail));
        assert_eq!(auth_email("me@localhost", "a@b.example"), e(Problem::NotAnEmail));
        assert_eq!(auth_email("", "a@b.example"), e(Problem::Required));
        assert_eq!(auth_email(&format!("{}@b.example", "x".repeat(250)), "a@b.example"), e(Problem::TooLong { max: 254 }));
        #[cfg(feature = "ssr")]
        assert_eq!(auth_email("\u{202E}moc.elpmaxe@me.example", "a@b.example"), e(Problem::InvisibleCharacter));
    }

    #[test]
    fn masks_addresses() {
        assert_eq!(mask_email("alice.home@example.org"), "a•••@example.org");
    }
}
