//! What only the server says: the e-mails, text messages and calls it sends, the notices and
//! requests to administrators, and its own pages (a refused form post, the reports' chart). One
//! catalogue per language, like the browser's ([`super::Texts`]), compiled for the server only:
//! none of it reaches the WebAssembly.

mod en;
mod fr;

use super::Locale;

impl Locale {
    /// The texts the server sends or renders on its own, in this language.
    pub fn server_texts(self) -> &'static ServerTexts {
        match self {
            Locale::En => &en::TEXTS,
            Locale::Fr => &fr::TEXTS,
        }
    }
}

super::catalogue! {
/// What the server sends or renders on its own, in one language.
pub struct ServerTexts {
    /// The page a plain form post gets when it fails before any page could show the error.
    pub refused_title: &'static str,
    pub back_hint: &'static str,
    pub home_link: &'static str,
    /// (organisation)
    pub mail_code_subject: fn(&str) -> String,
    /// (display name, code, organisation)
    pub mail_code_body: fn(&str, &str, &str) -> String,
    /// Text message or call: (code, organisation)
    pub phone_code_body: fn(&str, &str) -> String,
    pub mail_password_changed_subject: &'static str,
    /// (display name, code, organisation)
    pub mail_reset_code_body: fn(&str, &str, &str) -> String,
    pub notice_reset_subject: &'static str,
    pub notice_unlocked_subject: &'static str,
    pub notice_reset_what: &'static str,
    pub notice_unlocked_what: &'static str,
    pub notice_changed_what: &'static str,
    /// (display name, what happened, "this wasn't me" link, change-password link)
    pub notice_body: fn(&str, &str, &str, &str) -> String,
    /// (organisation, what happened, link)
    pub notice_sms: fn(&str, &str, &str) -> String,
    /// (user ID)
    pub admin_reset_subject: fn(&str) -> String,
    /// (user ID, what happened)
    pub admin_reset_body: fn(&str, &str) -> String,
    pub admin_help_subject: fn(&str) -> String,
    /// (user ID, reason, admin console link)
    pub admin_help_body: fn(&str, &str, &str) -> String,
    pub admin_help_reason_unknown: &'static str,
    pub admin_report_subject: fn(&str) -> String,
    /// (user ID, admin console link)
    pub admin_report_body: fn(&str, &str) -> String,
    pub strict_continue_subject: &'static str,
    /// (display name, link)
    pub strict_continue_body: fn(&str, &str) -> String,
    /// (organisation, link)
    pub strict_continue_sms: fn(&str, &str) -> String,
    pub strict_detail_subject: &'static str,
    /// (display name, title, text, helpdesk)
    pub strict_detail_body: fn(&str, &str, &str, &str) -> String,
    /// (days left)
    pub expiry_reminder_subject: fn(i64) -> String,
    /// (display name, days left, change-password link, organisation)
    pub expiry_reminder_body: fn(&str, i64, &str, &str) -> String,
    pub reports_chart_title: &'static str,
    /// (first day, last day, resets, failures)
    pub reports_chart_desc: fn(&str, &str, i64, i64) -> String,
}
}
