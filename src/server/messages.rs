//! The messages the service sends, built from the catalogues in the user's language and ready
//! for the outbox. Links always come from the configured public URL (SPEC §6), never from the
//! request's `Host` or `X-Forwarded-Host`.

use super::config::Config;
use super::db::outbox::{Channel as OutChannel, Message};
use crate::domain::Channel;
use crate::i18n::Locale;

/// What a code is for: the e-mail says where to type it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeUse {
    Registration,
    Reset,
}

/// A code to `target` by `channel`; calls read the body aloud in the user's language. E-mails and
/// texts write the code one way, in two groups of three ("443 731"), easier to read and type
/// (the code field takes it with or without the space); a call gets it whole, which the voice
/// reads digit by digit (`delivery::sms::spell_digits`).
pub fn code(locale: Locale, used_for: CodeUse, channel: Channel, target: &str, name: &str, code: &str, org: &str) -> Message {
    let t = locale.server_texts();
    let spaced = crate::domain::registration::code::spaced(code);
    match channel {
        Channel::Email => Message {
            channel: OutChannel::Email,
            recipient: target.to_owned(),
            subject: (t.mail_code_subject)(org),
            body: match used_for {
                CodeUse::Registration => (t.mail_code_body)(name, &spaced, org),
                CodeUse::Reset => (t.mail_reset_code_body)(name, &spaced, org),
            },
            language: locale.code().to_owned(),
        },
        Channel::Sms | Channel::Voice => Message {
            channel: if channel == Channel::Sms { OutChannel::Sms } else { OutChannel::Voice },
            recipient: target.to_owned(),
            subject: String::new(),
            body: (t.phone_code_body)(if channel == Channel::Sms { &spaced } else { code }, org),
            language: locale.code().to_owned(),
        },
    }
}

/// A change to an account that its owner is told about, with a "this wasn't me" link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    PasswordReset,
    Unlocked,
    PasswordChanged,
}

impl Notice {
    /// The reason stored with the "this wasn't me" link.
    pub fn as_str(self) -> &'static str {
        match self {
            Notice::PasswordReset => "password_reset",
            Notice::Unlocked => "unlocked",
            Notice::PasswordChanged => "password_changed",
        }
    }
}

/// Where an account can be told something: its primary e-mail and its verified
/// authentication e-mail and phone.
#[derive(Debug, Clone, Default)]
pub struct Addresses {
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

/// The notice to every address of the account.
pub fn notice(locale: Locale, config: &Config, notice: Notice, name: &str, to: &Addresses, not_me_link: &str) -> Vec<Message> {
    let t = locale.server_texts();
    let (subject, what) = match notice {
        Notice::PasswordReset => (t.notice_reset_subject, t.notice_reset_what),
        Notice::Unlocked => (t.notice_unlocked_subject, t.notice_unlocked_what),
        Notice::PasswordChanged => (t.mail_password_changed_subject, t.notice_changed_what),
    };
    let body = (t.notice_body)(name, what, not_me_link, &config.link("/password"));
    let sms = (t.notice_sms)(&config.organisation, what, not_me_link);
    let mail = to.emails.iter().map(|e| Message {
        channel: OutChannel::Email,
        recipient: e.clone(),
        subject: subject.to_owned(),
        body: body.clone(),
        language: locale.code().to_owned(),
    });
    let texts = to.phones.iter().map(|p| Message {
        channel: OutChannel::Sms,
        recipient: p.clone(),
        subject: String::new(),
        body: sms.clone(),
        language: locale.code().to_owned(),
    });
    mail.chain(texts).collect()
}

/// One e-mail in `locale` (to an administrator, or a strict-mode detail to a user).
pub fn email(locale: Locale, address: &str, subject: String, body: String) -> Message {
    Message { channel: OutChannel::Email, recipient: address.to_owned(), subject, body, language: locale.code().to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_e_mails_write_the_code_the_same_way_and_calls_get_it_whole() {
        for locale in Locale::ALL {
            for used_for in [CodeUse::Registration, CodeUse::Reset] {
                let mail = code(locale, used_for, Channel::Email, "a@home.example", "Alice", "443731", "Contoso");
                let sms = code(locale, CodeUse::Registration, Channel::Sms, "+33612345678", "Alice", "443731", "Contoso");
                for m in [&mail, &sms] {
                    assert!(m.body.contains("443 731") && !m.body.contains("443731"), "{:?}: {}", m.channel, m.body);
                }
            }
            let call = code(locale, CodeUse::Registration, Channel::Voice, "+33612345678", "Alice", "443731", "Contoso");
            assert!(call.body.contains("443731"), "the call spells the whole code digit by digit: {}", call.body);
        }
    }
}
