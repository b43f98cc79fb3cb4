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
    sign_out_button: "Sign out",
    password_changed_status: "Your password has been changed.",

    reg_intro: "Register the methods that will prove it is you when you reset your password or unlock your account. Only you and your administrators can see them.",
    reg_progress: |verified, required| format!("Verified: {verified} of the {required} method(s) required."),
    reg_recommend: "We recommend registering more than the minimum, in case one method is out of reach (for example your office phone while you travel).",
    reregister_notice: "Your administrator asks you to check your security info and register it again.",
    state_not_set: "Not set",
    state_verified: "Verified",
    state_waiting: "Waiting for the code",
    set_up_button: "Set up",
    change_button_label: "Change",
    remove_button: "Remove",
    office_phone_title: "Office phone",
    office_phone_hint: "Only your administrator can set this.",
    auth_phone_title: "Authentication phone",
    auth_phone_hint: "A phone you can receive a text or a call on, such as your mobile.",
    country_label: "Country or region",
    phone_number_label: "Phone number",
    phone_number_hint: "As you would dial it in that country, for example 06 12 34 56 78 in France, or +33 6 12 34 56 78.",
    text_me_button: "Text me a code",
    call_me_button: "Call me",
    sending: "Sending…",
    auth_email_title: "Authentication e-mail",
    auth_email_hint: "An address you can open without the password you want to reset.",
    email_label: "E-mail address",
    email_hint: |primary| format!("Not your work address {primary}: an address you can open without the password you want to reset."),
    email_me_button: "E-mail me a code",
    questions_title: "Security questions",
    questions_hint: |n| format!("Choose {n} different questions and answer them. Only you know the answers: nobody can see them, not even administrators."),
    questions_answered: |n| format!("{n} questions answered"),
    question_label: |n| format!("Question {n}"),
    answer_label: |n| format!("Answer {n}"),
    answer_hint: "3 to 40 characters, a different answer for each question. Capitals and extra spaces don't matter.",
    choose_question: "Choose a question",
    save_answers_button: "Save answers",
    saving: "Saving…",
    code_sent_sms: |to| format!("We sent a text message with a code to {to}."),
    code_sent_voice: |to| format!("We are calling {to}: the call reads out a code."),
    code_sent_email: |to| format!("We e-mailed a code to {to}."),
    code_expires: |minutes| format!("The code works for {minutes} more minute(s)."),
    code_label: "Code",
    code_hint: "The 6 digits we sent you.",
    verify_button: "Verify",
    verifying: "Verifying…",
    resend_button: "Send a new code",
    resend_by_call_button: "Call me instead",
    resend_by_text_button: "Text me instead",
    resend_wait: |secs| format!("You can ask for a new code in {secs} s."),
    use_another_number: "Use another number",
    use_another_address: "Use another address",
    finish_button: "Finish",
    cancel_button: "Cancel",
    finish_hint_ready: "You have verified enough methods. Finish to confirm them.",
    finished_status: "Your security info is saved. You can now reset your password when you need to.",
    phone_verified_status: "Your authentication phone is verified.",
    email_verified_status: "Your authentication e-mail is verified.",
    questions_saved_status: "Your security questions are saved.",
    removed_status: "The method was removed.",
    code_sent_status: "Code sent.",
    cancelled_status: "You left without confirming your security info, and you have signed out.",
    reconfirmed_status: "Thank you: your security info is confirmed.",
    on_premises_title: "Please contact your administrator.",
    on_premises_body: "We've detected that your user account password is not managed by this service. As a result, we are unable to reset your password automatically.",
    on_premises_help: "Contact your IT staff for any further assistance.",
    not_enabled_title: "Your account is not enabled for password reset",
    not_enabled_body: "We're sorry, but your IT staff has not set up your account for use with this service.",
    reconfirm_title: "Are your authentication details still correct?",
    reconfirm_intro: "Your administrator asks you to check these methods from time to time. If they are still yours, choose Looks good; to change them, choose Edit.",
    reconfirm_codes_intro: "To confirm, enter the code we just sent to each of these.",
    looks_good_button: "Looks good",
    edit_button: "Edit",
    question: |key| Some(match key {
        "first_pet" => "What was the name of your first pet?",
        "birth_city" => "In what city were you born?",
        "first_school" => "What was the name of your first school?",
        "childhood_friend" => "What is the first name of your best childhood friend?",
        "first_job" => "What was your first job?",
        "favourite_teacher" => "What was the last name of your favourite teacher?",
        "first_concert" => "What was the first concert you went to?",
        "childhood_street" => "On what street did you live as a child?",
        "first_car" => "What was the make of your first car?",
        "grandmother_name" => "What is your oldest grandmother's first name?",
        _ => return None,
    }),

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
    err_send_limit: |secs| if secs <= 60 {
        format!("Wait {secs} s before asking for another code.")
    } else {
        format!("You have asked for too many codes. Try again in {} minute(s).", (secs + 59) / 60)
    },
    err_need_more_methods: |n| format!("Verify {n} more method(s) before you finish."),
    err_questions_alone: "Security questions can't be your only method: add a phone or an e-mail too.",
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
    problem_not_a_phone: "Enter a number that can receive texts or calls in the chosen country, for example 06 12 34 56 78 for France.",
    problem_not_an_email: "Enter an e-mail address in the form name@example.com.",
    problem_same_as_primary: "Use another address than your work e-mail: one you can open without the password you want to reset.",
    problem_not_a_code: "Enter the 6 digits of the code.",
    problem_wrong_code: |left| format!("This code is wrong. {left} more tries before it stops working."),
    problem_code_expired: "This code has expired. Ask for a new one.",
    problem_code_not_valid: "This code is no longer valid: enter the newest code you received, or ask for a new one.",
    problem_code_dead: "Too many wrong entries: this code no longer works. Ask for a new one.",
    problem_duplicate_question: "You chose this question already. Choose a different one.",
    problem_duplicate_answer: "You gave this answer already. Give a different answer to each question.",
    problem_answer_is_question: "Don't just repeat the words of the question.",
    problem_unknown_question: "Choose a question from the list.",

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
    mail_password_changed_body: |name, link| {
        format!(
            "Hello {name},\n\nThe password of your account was just changed.\n\n\
             If you did this, there is nothing more to do. If you did not, contact your administrator at once.\n\n\
             Sign in: {link}\n"
        )
    },

    // ---- change password and password rules ----
    password_intro: "Choose a new password for your account. You stay signed in on this device; everywhere else you are signed out, and we e-mail you to let you know.",
    password_sign_in_intro: "Sign in to change your password.",
    current_password_label: "Current password",
    new_password_tip: "A phrase of several unusual words is long and easy to remember; symbols and digits are not required.",
    rules_intro: "Your new password:",
    rule_length: |min, max| format!("has {min} to {max} characters"),
    rule_no_context: "does not contain your name, user ID or organisation",
    rule_not_common: "is not a common or easily guessed password (checked when you submit)",
    rule_confirmed: "is typed the same way in both fields",
    rule_met: "(done)",
    rule_not_met: "(not yet)",
    back_to_security_info: "Back to your security info",
    problem_common_password: "This password is too common or too easy to guess: avoid well-known passwords, keyboard patterns, repeats and sequences. A phrase of several unusual words works well.",
    problem_wrong_current_password: "The current password is incorrect.",

    // ---- reset portal ----
    cant_access_link: "Can't access your account?",
    reset_title: "Get back into your account",
    reset_intro: "Forgot your password, or locked out? Enter your user ID: we will check it is you with the methods you registered, then you choose a new password.",
    reset_user_id_hint: "Usually your work e-mail address, for example alice@contoso.example.",
    pow_working: "Checking your browser…",
    next_button: "Next",
    start_again_button: "Start again",
    not_registered_title: "We can't verify your account",
    not_registered_body: "This account has not registered enough ways to prove who you are, so the password can't be reset here.",
    contact_admin_offer: "If you'd like, we can contact an administrator in your organisation to reset your password for you.",
    contact_admin_button: "Contact an administrator",
    contacting: "Sending…",
    contacted_status: "We have sent your request to your administrators. They will contact you.",
    helpdesk_label: "Help desk:",
    check_messages_title: "Check your messages",
    check_messages_body: |user_id| format!("If {user_id} can reset its password here, we have sent a link to continue to the addresses registered for it. Open it in this browser within 30 minutes. If nothing arrives, contact your administrator."),
    continue_title: "Continue your password reset",
    continue_intro: "You opened the link from our message. Continue in this browser to verify your identity.",
    continue_button: "Continue",
    gates_title: "Verify your identity",
    gates_progress: |step, required| if required > 1 { format!("Step {step} of {required}: choose a way to prove it is you.") } else { "Choose a way to prove it is you.".to_owned() },
    gates_choose: "Choose a verification method",
    gate_text_phone: "Text my authentication phone",
    gate_call_phone: "Call my authentication phone",
    gate_call_office: "Call my office phone",
    gate_email: "E-mail my authentication address",
    gate_questions: "Answer my security questions",
    gate_other_methods: "Or use another method",
    gate_questions_intro: "Answer these questions as you did when you registered. Capitals and extra spaces don't matter.",
    choose_title: "Choose a new password",
    choose_intro: "You have proved it is you. Choose a new password: you will then sign in with it.",
    unlock_intro: "Your account is locked after too many failed sign-ins. You can unlock it and keep your current password, or choose a new one.",
    unlock_button: "Unlock without resetting",
    unlocking: "Unlocking…",
    reset_button: "Reset password",
    resetting: "Resetting…",
    done_title: "Your password has been reset",
    done_body: "Sign in with your new password. For your safety we signed you out everywhere, and we told you on every address you registered.",
    unlocked_title: "Your account is unlocked",
    unlocked_body: "Sign in with your current password. We told you on every address you registered.",
    sign_in_link: "Sign in",
    not_me_title: "Wasn't you?",
    not_me_body: "If you did not reset or change your password, or unlock your account, lock it now: every session ends, nobody can reset it on their own any more, and your administrators are alerted so that they can help you get back in.",
    not_me_button: "Lock my account",
    not_me_done_title: "Your account is locked",
    not_me_done_body: "Your administrators have been alerted. Contact them to get back into your account.",
    not_me_invalid: "This link was already used or has expired. If you think someone else can get into your account, contact your administrator at once.",
    err_account_locked: "Your account is locked. Contact your administrator to open it again.",
    err_flow_ended: "This password reset has ended (it expired, was finished, or was started in another browser). Start again.",
    err_challenge: "Your browser's check did not finish or has expired. Try again.",
    problem_wrong_answers: |left| format!("At least one answer is wrong. {left} more failure(s) and password reset is blocked for 24 hours."),
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

    // ---- admin console: shell ----
    admin_title: "Administration",
    admin_nav: "Administration",
    admin_nav_overview: "Overview",
    admin_nav_accounts: "Accounts",
    admin_nav_groups: "Groups",
    admin_nav_policy: "Policy",
    admin_nav_questions: "Questions",
    admin_nav_audit: "Audit log",
    admin_nav_reports: "Reports",
    admin_nav_inbox: "Inbox",
    admin_sign_in_intro: "Sign in with an administrator account to manage the service.",
    admin_only: "This page is for administrators. Your account is not an administrator.",
    err_conflict: "Someone else saved a change meanwhile. Reload the page and try again.",
    err_bad_row: |line, column, problem| format!("Line {line}, column {column}: {problem} Nothing was imported."),
    problem_out_of_range: |min, max| format!("Enter a number from {min} to {max}."),
    problem_too_many: |max| format!("There can be at most {max}."),
    problem_more_than_registered: "Users cannot be asked more questions than they register.",
    problem_not_a_link: "Enter an address starting with https:// or an e-mail address.",
    problem_not_a_date: "Enter a date as YYYY-MM-DD.",
    problem_date_order: "The end date must not be before the start date.",
    problem_already_exists: "This one already exists.",
    problem_unknown_group: "There is no such group.",
    problem_not_a_choice: "Choose one of the values offered.",
    problem_own_account: "You cannot do this to your own account.",
    problem_bad_header: "The first line must name the columns, and only known ones.",
    save_button: "Save",
    saved_status: "Saved.",
    previous_page: "Previous page",
    next_page: "Next page",
    yes: "Yes",
    no: "No",

    // ---- admin console: accounts ----
    accounts_title: "Accounts",

    // ---- admin console: policy, groups and questions ----
    policy_title: "Password reset policy",

    // ---- admin console: audit log, reports and inbox ----
    audit_title: "Audit log",
};
