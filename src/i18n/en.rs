use super::Texts;

pub static TEXTS: Texts = Texts {
    app_name: "Password self-service",
    skip_link: "Skip to main content",
    language_nav: "Language",
    main_nav: "Main",
    footer_note: "Your IT department runs this service for your organisation's accounts.",

    home_title: "Password self-service",
    home_intro: "Register the ways we can check it is you, so that you can reset a forgotten password or unlock your account on your own.",
    home_register_link: "Register your security info",
    home_register_hint: "Sign in with the user ID and password your administrator gave you.",

    sign_in_title: "Sign in",
    sign_in_intro: "Sign in to register or check your security info.",
    user_id_label: "User ID",
    user_id_hint: "Usually your work e-mail address, for example alice@contoso.example.",
    password_label: "Password",
    sign_in_button: "Sign in",
    signing_in: "Signing in…",
    signed_out_status: "You have signed out.",

    change_title: "Change your password",
    change_intro: "Your administrator asks you to choose a new password before you continue.",
    new_password_label: "New password",
    new_password_hint: "At least 15 characters. A phrase of several words is easy to remember; symbols and digits are not required.",
    confirm_password_label: "Confirm new password",
    change_button: "Change password",
    changing: "Changing…",

    security_info_title: "Security info",
    signed_in_as: "Signed in as",
    security_info_intro: "These are the methods that prove who you are when you reset your password.",
    sign_out_button: "Sign out",
    password_changed_status: "Your password has been changed.",

    outbox_title: "Development outbox",
    outbox_intro: "Every message the service has queued, newest first. This page exists only in development and demo mode.",
    outbox_empty: "No message has been queued yet.",
    outbox_when: "Queued",
    outbox_channel: "Channel",
    outbox_recipient: "Recipient",
    outbox_subject: "Subject",
    outbox_body: "Message",
    outbox_status: "Status",
    outbox_sent: "sent",
    outbox_queued: "queued",
    outbox_failed: "given up",
    loading: "Loading…",

    not_found_title: "Page not found",
    not_found_body: "There is no page at this address.",
    back_home: "Back to the start page",

    err_bad_credentials: "The user ID or password is incorrect.",
    err_locked: |minutes| format!("Too many failed attempts. Try again in {minutes} minute(s)."),
    err_disabled: "This account is disabled. Contact your administrator.",
    err_not_signed_in: "Your session has ended. Sign in again.",
    err_busy: "The service is busy. Try again in a few seconds.",
    err_forbidden: "This request was refused.",
    err_network: "The service could not be reached. Check your connection and try again.",
    err_internal: "Something went wrong on our side. Try again later.",

    problem_required: "This field is required.",
    problem_too_short: |min| format!("Use at least {min} characters."),
    problem_too_long: |max| format!("Use at most {max} characters."),
    problem_not_a_user_id: "Enter your user ID in the form name@example.com.",
    problem_mismatch: "The two passwords do not match.",
    problem_contains_context: "Don't use your name, user ID or organisation in your password.",
    problem_same_as_current: "Choose a password different from your current one.",

    mail_password_changed_subject: "Your password was changed",
    mail_password_changed_body: |name, link| {
        format!(
            "Hello {name},\n\nThe password of your account was just changed.\n\n\
             If you did this, there is nothing more to do. If you did not, contact your administrator at once.\n\n\
             Sign in: {link}\n"
        )
    },
};
