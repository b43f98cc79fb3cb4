use super::ServerTexts;
use crate::i18n::Locale;

const L: Locale = Locale::En;

pub static TEXTS: ServerTexts = ServerTexts {
    refused_title: "This request could not be handled",
    back_hint: "Use your browser's Back button to return to the form.",
    home_link: "Go to the home page",
    mail_code_subject: |org| format!("Your {org} verification code"),
    mail_code_body: |name, code, org| {
        format!(
            "Hello {name},\n\nYour verification code is: {code}\n\n\
             Enter it on the security info page within 10 minutes. Never give it to anyone: {org} will never ask you for it.\n\n\
             If you did not ask for this code, someone may know your password: change it and tell your administrator.\n"
        )
    },
    phone_code_body: |code, org| format!("{code} is your {org} verification code. It expires in 10 minutes. Never share it."),
    mail_password_changed_subject: "Your password was changed",
    mail_reset_code_body: |name, code, org| {
        format!(
            "Hello {name},\n\nYour password reset code is: {code}\n\n\
             Enter it on the password reset page within 10 minutes. Never give it to anyone: {org} will never ask you for it.\n\n\
             If you are not resetting your password, ignore this message: your password stays the same.\n"
        )
    },
    notice_reset_subject: "Your password was reset",
    notice_unlocked_subject: "Your account was unlocked",
    notice_reset_what: "the password of your account was reset with password self-service",
    notice_unlocked_what: "your account was unlocked with password self-service",
    notice_changed_what: "the password of your account was changed",
    notice_body: |name, what, not_me, change| {
        format!(
            "Hello {name},\n\nJust now, {what}.\n\n\
             If this was you, there is nothing more to do.\n\n\
             If this wasn't you, open this link at once: it locks your account and alerts your administrators.\n{not_me}\n\n\
             To change your password yourself: {change}\n"
        )
    },
    notice_sms: |org, what, link| format!("{org}: {what}. Not you? {link}"),
    expiry_reminder_subject: |days| if days == 1 { "Your password expires tomorrow".to_owned() } else { format!("Your password expires in {days} days") },
    expiry_reminder_body: |name, days, link, org| {
        let when = if days == 1 { "tomorrow".to_owned() } else { format!("in {days} days") };
        format!(
            "Hello {name},\n\nYour {org} password expires {when}. After that, you cannot sign in until it is changed.\n\n\
             Change it now, while you know it: {link}\n\n\
             This is a reminder from your organisation's password self-service. It never asks for your password by e-mail.\n"
        )
    },
    admin_reset_subject: |user_id| format!("Administrator account {user_id}: self-service reset"),
    admin_reset_body: |user_id, what| format!("For the administrator account {user_id}, {what}.\n\nIf this is unexpected, check the audit log and lock the account.\n"),
    admin_help_subject: |user_id| format!("Password reset help requested for {user_id}"),
    admin_help_body: |user_id, reason, link| {
        format!("Someone asked for help with the password of {user_id} from the password reset page.\n\nWhat the page said: {reason}\n\nThe request is in the administrators' inbox: {link}\n\nCheck who is asking before you reset anything.\n")
    },
    admin_help_reason_unknown: "the strict privacy page (the detail went to the account's own addresses)",
    admin_report_subject: |user_id| format!("Account {user_id} locked: \"this wasn't me\""),
    admin_report_body: |user_id, link| {
        format!("The owner of {user_id} reported a reset, unlock or password change they did not make. The account is locked and its sessions ended.\n\nSee the administrators' inbox and the audit log: {link}\n")
    },
    strict_continue_subject: "Continue your password reset",
    strict_continue_body: |name, link| {
        format!(
            "Hello {name},\n\nSomeone (we hope you) started a password reset for your account.\n\n\
             To continue, open this link in the same browser within 30 minutes:\n{link}\n\n\
             If it wasn't you, ignore this message: nothing changes without the link and your verification.\n"
        )
    },
    strict_continue_sms: |org, link| format!("{org}: to continue your password reset, open {link} in the same browser."),
    strict_detail_subject: "About your password reset request",
    strict_detail_body: |name, title, text, helpdesk| {
        let help = if helpdesk.is_empty() { String::new() } else { format!("\nHelp desk: {helpdesk}\n") };
        format!("Hello {name},\n\nSomeone (we hope you) asked to reset the password of your account.\n\n{title}\n{text}\n{help}\nIf it wasn't you, you can ignore this message.\n")
    },
    reports_chart_title: "Password resets and failures per day",
    reports_chart_desc: |first, last, resets, failures| format!("From {first} to {last} (UTC): {} and {} in all, day by day.", L.count(resets.unsigned_abs(), "password reset", "passwords reset"), L.count(failures.unsigned_abs(), "failure", "failures")),
};
