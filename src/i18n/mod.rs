//! Every user-visible string, one catalogue per language (`en.rs`, `fr.rs`). A catalogue is a
//! value of [`Texts`]: a missing translation is a compile error, not a runtime surprise.
//! [`Texts`] holds what pages show (it is compiled into the WebAssembly too); what only the
//! server sends (e-mails, texts, calls, notices) is in [`server`], compiled for the server only.

mod en;
mod fr;
#[cfg(feature = "ssr")]
pub mod samples;
#[cfg(feature = "ssr")]
pub mod server;

use crate::domain::{AppError, Problem};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Keys of the predefined security questions (seeded by migration 0002).
pub const PREDEFINED_QUESTIONS: [&str; 10] = [
    "first_pet", "birth_city", "first_school", "childhood_friend", "first_job",
    "favourite_teacher", "first_concert", "childhood_street", "first_car", "grandmother_name",
];

/// Name of the cookie that remembers the chosen language.
pub const COOKIE: &str = "sspr_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// BCP 47 tag, as in `<html lang>`, `?lang=` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's own name, for the switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    /// The language of the page in the browser (`<html lang>`); the default elsewhere.
    pub fn of_document() -> Locale {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|l| Locale::parse(&l))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Locale::default()
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &en::TEXTS,
            Locale::Fr => &fr::TEXTS,
        }
    }
}

/// The locale of the page being rendered: provided once by `App`; an island in the browser,
/// which has no context from `App`, reads it from the page's `<html lang>`, where the server
/// wrote it.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(Locale::of_document)
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// Declares a catalogue's struct, and on the server a way to list its texts as data
/// ([`samples`]) for the browser tests.
macro_rules! catalogue {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        #[cfg(feature = "ssr")]
        impl $name {
            /// Every text by its name, as data (see [`crate::i18n::samples`]).
            pub fn samples(&self) -> serde_json::Map<String, serde_json::Value> {
                use $crate::i18n::samples::Sample;
                let mut all = serde_json::Map::new();
                $(all.insert(stringify!($field).to_owned(), Sample::sample(&self.$field));)*
                all
            }
        }
    };
}
/// For `server::ServerTexts`.
#[cfg(feature = "ssr")]
pub(crate) use catalogue;

catalogue! {
/// What pages show, in one language.
pub struct Texts {
    pub app_name: &'static str,
    /// The heading of the error summary at the top of a page that a plain form post came back to.
    pub error_summary_title: &'static str,
    pub skip_link: &'static str,
    pub language_nav: &'static str,
    pub footer_note: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_register_link: &'static str,
    pub home_register_hint: &'static str,

    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub user_id_label: &'static str,
    pub user_id_hint: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub signing_in: &'static str,
    pub signed_out_status: &'static str,

    pub change_title: &'static str,
    pub change_intro: &'static str,
    pub new_password_label: &'static str,
    pub confirm_password_label: &'static str,
    pub change_button: &'static str,
    pub changing: &'static str,

    pub security_info_title: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out_button: &'static str,
    pub password_changed_status: &'static str,

    pub reg_intro: &'static str,
    /// (verified, required): both counts, never capped.
    pub reg_progress: fn(u8, u8) -> String,
    pub reg_recommend: &'static str,
    pub reregister_notice: &'static str,
    pub state_not_set: &'static str,
    pub state_verified: &'static str,
    pub state_waiting: &'static str,
    pub set_up_button: &'static str,
    pub change_button_label: &'static str,
    pub remove_button: &'static str,
    pub office_phone_title: &'static str,
    pub office_phone_hint: &'static str,
    pub auth_phone_title: &'static str,
    pub auth_phone_hint: &'static str,
    pub country_label: &'static str,
    pub phone_number_label: &'static str,
    pub phone_number_hint: &'static str,
    pub text_me_button: &'static str,
    pub call_me_button: &'static str,
    pub sending: &'static str,
    pub auth_email_title: &'static str,
    pub auth_email_hint: &'static str,
    pub email_label: &'static str,
    /// (masked primary e-mail)
    pub email_hint: fn(&str) -> String,
    pub email_me_button: &'static str,
    pub questions_title: &'static str,
    /// (how many to choose)
    pub questions_hint: fn(u8) -> String,
    pub questions_answered: fn(usize) -> String,
    pub recovery_codes_title: &'static str,
    pub recovery_codes_hint: &'static str,
    /// (codes not used yet)
    pub recovery_codes_left: fn(u8) -> String,
    pub new_recovery_codes_button: &'static str,
    pub replace_recovery_codes_button: &'static str,
    pub replace_recovery_codes_hint: &'static str,
    pub new_recovery_codes_intro: &'static str,
    pub new_recovery_codes_list: &'static str,
    pub recovery_codes_kept_button: &'static str,
    pub question_label: fn(u8) -> String,
    pub answer_label: fn(u8) -> String,
    pub answer_hint: &'static str,
    pub choose_question: &'static str,
    pub save_answers_button: &'static str,
    pub saving: &'static str,
    /// Where a code went (masked).
    pub code_sent_sms: fn(&str) -> String,
    pub code_sent_voice: fn(&str) -> String,
    pub code_sent_email: fn(&str) -> String,
    pub code_expires: fn(i64) -> String,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub verify_button: &'static str,
    pub verifying: &'static str,
    pub resend_button: &'static str,
    pub resend_by_call_button: &'static str,
    pub resend_by_text_button: &'static str,
    /// `time` as [`min_sec`] writes it.
    pub resend_wait: fn(&str) -> String,
    pub use_another_number: &'static str,
    pub use_another_address: &'static str,
    pub finish_button: &'static str,
    pub cancel_button: &'static str,
    pub finish_hint_ready: &'static str,
    pub finished_status: &'static str,
    pub phone_verified_status: &'static str,
    pub email_verified_status: &'static str,
    pub questions_saved_status: &'static str,
    pub recovery_codes_made_status: &'static str,
    pub recovery_codes_kept_status: &'static str,
    pub removed_status: &'static str,
    pub code_sent_status: &'static str,
    pub cancelled_status: &'static str,
    pub reconfirmed_status: &'static str,
    /// The seed's error cases, as shown on the registration page.
    pub on_premises_title: &'static str,
    pub on_premises_body: &'static str,
    pub on_premises_help: &'static str,
    pub not_enabled_title: &'static str,
    pub not_enabled_body: &'static str,
    pub reconfirm_title: &'static str,
    pub reconfirm_intro: &'static str,
    pub reconfirm_codes_intro: &'static str,
    pub looks_good_button: &'static str,
    pub edit_button: &'static str,
    // ---- registration portal: what a new user trips over (issue 12) ----
    /// What follows a label before its value: ":" in English, " :" in French.
    pub label_colon: &'static str,
    /// A day from Unix seconds (UTC), as in "2 December 2026".
    pub long_date: fn(i64) -> String,
    /// Before Finish: (phone waiting, e-mail waiting) for a code that Finish would drop.
    pub finish_pending: fn(bool, bool) -> String,
    pub finished_title: &'static str,
    pub finished_body: &'static str,
    /// (date)
    pub last_confirmed: fn(&str) -> String,
    pub finished_next: &'static str,
    /// A method whose fresh re-confirmation code is not entered yet.
    pub state_rechecking: &'static str,
    pub reconfirm_codes_sent_status: &'static str,
    /// The text of a predefined security question, by its key.
    pub question: fn(&str) -> Option<&'static str>,

    pub outbox_title: &'static str,
    pub outbox_intro: &'static str,
    pub outbox_empty: &'static str,
    pub outbox_when: &'static str,
    pub outbox_channel: &'static str,
    pub outbox_recipient: &'static str,
    pub outbox_subject: &'static str,
    pub outbox_body: &'static str,
    pub outbox_status: &'static str,
    pub outbox_sent: &'static str,
    pub outbox_queued: &'static str,
    pub outbox_failed: &'static str,
    pub loading: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,

    pub err_bad_credentials: &'static str,
    pub err_locked: fn(i64) -> String,
    /// A reset throttling limit and the seconds to wait, said in words.
    pub err_reset_limited: fn(crate::domain::reset::ResetLimit, i64) -> String,
    pub err_send_limit: fn(i64) -> String,
    pub err_need_more_methods: fn(u8) -> String,
    pub err_questions_alone: &'static str,
    pub err_disabled: &'static str,
    pub err_not_signed_in: &'static str,
    pub err_busy: &'static str,
    pub err_forbidden: &'static str,
    pub err_network: &'static str,
    pub err_internal: &'static str,
    pub err_bad_request: &'static str,
    pub err_too_large: &'static str,
    pub err_unsupported_media_type: &'static str,
    pub err_unavailable: &'static str,
    pub err_directory_unavailable: &'static str,
    pub unavailable_title: &'static str,

    pub problem_required: &'static str,
    pub problem_too_short: fn(u32) -> String,
    pub problem_too_long: fn(u32) -> String,
    pub problem_not_a_user_id: &'static str,
    pub problem_mismatch: &'static str,
    pub problem_contains_context: &'static str,
    pub problem_same_as_current: &'static str,
    pub problem_in_password_history: &'static str,
    pub problem_changed_too_recently: &'static str,
    pub problem_directory_refused: &'static str,
    pub problem_not_complex_enough: &'static str,
    pub problem_locked_in_directory: &'static str,
    pub problem_directory_denied: &'static str,
    pub problem_managed_in_directory: &'static str,
    pub problem_gone_from_directory: &'static str,
    pub problem_not_a_phone: &'static str,
    pub problem_not_an_email: &'static str,
    pub problem_same_as_primary: &'static str,
    pub problem_not_a_code: &'static str,
    pub problem_wrong_code: fn(u8) -> String,
    pub problem_code_expired: &'static str,
    pub problem_code_not_valid: &'static str,
    pub problem_not_a_recovery_code: &'static str,
    pub problem_recovery_code_used: &'static str,
    pub problem_code_dead: &'static str,
    pub problem_duplicate_question: &'static str,
    pub problem_duplicate_answer: &'static str,
    pub problem_answer_is_question: &'static str,
    pub problem_unknown_question: &'static str,

    // ---- change password and password rules ----
    pub password_intro: &'static str,
    pub password_sign_in_intro: &'static str,
    pub current_password_label: &'static str,
    /// The hint under "New password" (the rules are listed under it).
    pub new_password_tip: &'static str,
    pub rules_intro: &'static str,
    /// (minimum, maximum) in characters
    pub rule_length: fn(u32, u32) -> String,
    pub rule_no_context: &'static str,
    pub rule_not_common: &'static str,
    pub rule_confirmed: &'static str,
    /// After a rule, for screen readers: it is met, or not yet.
    pub rule_met: &'static str,
    pub rule_not_met: &'static str,
    pub back_to_security_info: &'static str,
    pub problem_common_password: &'static str,
    pub problem_wrong_current_password: &'static str,

    // ---- reset portal ----
    pub cant_access_link: &'static str,
    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub reset_user_id_hint: &'static str,
    pub pow_working: &'static str,
    pub next_button: &'static str,
    pub start_again_button: &'static str,
    /// The seed's third case ("enabled but not registered"); unknown user IDs get it too.
    pub not_registered_title: &'static str,
    pub not_registered_body: &'static str,
    pub contact_admin_offer: &'static str,
    pub contact_admin_button: &'static str,
    pub contacting: &'static str,
    pub contacted_status: &'static str,
    pub helpdesk_label: &'static str,
    pub check_messages_title: &'static str,
    /// (user ID)
    pub check_messages_body: fn(&str) -> String,
    pub continue_title: &'static str,
    pub continue_intro: &'static str,
    pub continue_button: &'static str,
    pub gates_title: &'static str,
    /// (gate being passed, gates required)
    pub gates_progress: fn(u8, u8) -> String,
    pub gates_choose: &'static str,
    pub gate_text_phone: &'static str,
    pub gate_call_phone: &'static str,
    pub gate_call_office: &'static str,
    pub gate_email: &'static str,
    pub gate_questions: &'static str,
    pub gate_other_methods: &'static str,
    pub gate_questions_intro: &'static str,
    pub gate_recovery_code: &'static str,
    pub recovery_code_intro: &'static str,
    pub recovery_code_label: &'static str,
    pub recovery_code_hint: &'static str,
    pub choose_title: &'static str,
    pub choose_intro: &'static str,
    pub unlock_intro: &'static str,
    pub unlock_button: &'static str,
    pub unlocking: &'static str,
    pub reset_button: &'static str,
    pub resetting: &'static str,
    pub done_title: &'static str,
    pub done_body: &'static str,
    pub unlocked_title: &'static str,
    pub unlocked_body: &'static str,
    pub sign_in_link: &'static str,
    pub not_me_title: &'static str,
    pub not_me_body: &'static str,
    pub not_me_button: &'static str,
    pub not_me_done_title: &'static str,
    pub not_me_done_body: &'static str,
    pub not_me_invalid: &'static str,
    pub err_flow_ended: &'static str,
    pub err_account_locked: &'static str,
    pub err_challenge: &'static str,
    pub problem_wrong_answers: fn(u8) -> String,

    // ---- admin console: shell ----
    pub admin_title: &'static str,
    pub admin_nav: &'static str,
    pub admin_nav_overview: &'static str,
    pub admin_nav_accounts: &'static str,
    pub admin_nav_groups: &'static str,
    pub admin_nav_policy: &'static str,
    pub admin_nav_questions: &'static str,
    pub admin_nav_audit: &'static str,
    pub admin_nav_reports: &'static str,
    pub admin_nav_inbox: &'static str,
    pub admin_sign_in_intro: &'static str,
    pub admin_only: &'static str,
    pub overview_not_registered: fn(i64) -> String,
    pub overview_locked: fn(i64) -> String,
    pub overview_disabled: fn(i64) -> String,
    pub overview_accounts_hint: &'static str,
    pub overview_policy_hint: &'static str,
    pub overview_audit_hint: &'static str,
    pub overview_reports_hint: &'static str,
    pub overview_inbox_hint: &'static str,
    pub err_conflict: &'static str,
    /// (line, column, problem)
    pub err_bad_row: fn(u32, &str, &str) -> String,
    pub problem_out_of_range: fn(u32, u32) -> String,
    pub problem_too_many: fn(u32) -> String,
    pub problem_more_than_registered: &'static str,
    pub problem_not_a_link: &'static str,
    pub problem_not_a_date: &'static str,
    pub problem_date_order: &'static str,
    pub problem_already_exists: &'static str,
    pub problem_unknown_group: &'static str,
    pub problem_not_a_choice: &'static str,
    pub problem_own_account: &'static str,
    pub problem_bad_header: &'static str,
    pub problem_columns: fn(u32) -> String,
    pub save_button: &'static str,
    pub saved_status: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub yes: &'static str,
    pub no: &'static str,

    // ---- admin console: accounts ----
    pub accounts_title: &'static str,
    pub new_account_button: &'static str,
    pub import_button: &'static str,
    pub accounts_search_label: &'static str,
    pub accounts_filter_label: &'static str,
    pub account_filter: fn(crate::domain::directory::AccountFilter) -> &'static str,
    pub accounts_search_button: &'static str,
    pub accounts_count: fn(i64) -> String,
    pub accounts_none: &'static str,
    pub accounts_pages: &'static str,
    pub accounts_col_methods: &'static str,
    pub accounts_col_state: &'static str,
    pub accounts_col_confirmed: &'static str,
    pub display_name_label: &'static str,
    pub no_methods: &'static str,
    pub badge_admin: &'static str,
    pub badge_disabled: &'static str,
    pub read_directory_button: &'static str,
    pub reading_directory: &'static str,
    pub directory_read_status: &'static str,
    pub directory_read_counts: fn(usize, usize) -> String,
    pub accounts_from_directory_hint: &'static str,
    pub badge_gone_from_directory: &'static str,
    pub directory_fields_note: &'static str,
    pub groups_from_directory: &'static str,
    pub gone_from_directory_note: &'static str,
    pub badge_locked: &'static str,
    pub badge_on_premises: &'static str,
    pub badge_unlicensed: &'static str,
    pub badge_must_change: &'static str,
    pub badge_reregister: &'static str,
    pub never: &'static str,
    pub role_label: &'static str,
    pub role_user: &'static str,
    pub role_admin: &'static str,
    pub password_source_label: &'static str,
    pub source_cloud: &'static str,
    pub source_on_premises: &'static str,
    pub enabled_label: &'static str,
    pub licensed_label: &'static str,
    pub primary_email_label: &'static str,
    pub primary_email_hint: &'static str,
    pub office_phone_label: &'static str,
    pub office_phone_admin_hint: &'static str,
    pub new_account_title: &'static str,
    pub new_account_intro: &'static str,
    pub temporary_password_label: &'static str,
    pub temporary_password_hint: &'static str,
    pub temporary_password_shown: &'static str,
    pub create_button: &'static str,
    pub creating: &'static str,
    pub created_status: &'static str,
    pub open_account: &'static str,
    pub back_to_accounts: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_example: &'static str,
    pub import_label: &'static str,
    pub import_file_label: &'static str,
    pub import_hint: &'static str,
    pub import_submit: &'static str,
    pub importing: &'static str,
    pub imported_status: fn(usize) -> String,
    pub imported_passwords_label: &'static str,
    pub imported_without_script: &'static str,
    pub standing_heading: &'static str,
    pub standing_can_reset: fn(&str) -> String,
    pub standing_on_premises: &'static str,
    pub standing_not_enabled: &'static str,
    pub standing_not_registered: &'static str,
    pub answers_never_shown: &'static str,
    pub reregister_hint: &'static str,
    pub reregister_button: &'static str,
    pub reregister_status: &'static str,
    pub locks_heading: &'static str,
    pub locked_until: fn(&str) -> String,
    pub sign_in_blocked_until: fn(&str) -> String,
    pub reset_blocked_until: fn(&str) -> String,
    pub no_locks: &'static str,
    pub admin_unlock_button: &'static str,
    pub unlocked_status: &'static str,
    pub reset_password_heading: &'static str,
    pub reset_password_hint: &'static str,
    pub reset_password_button: &'static str,
    pub password_reset_status: &'static str,
    pub edit_heading: &'static str,
    pub member_of_none: &'static str,
    pub add_to_group_label: &'static str,
    pub add_button: &'static str,
    pub recent_heading: &'static str,
    pub recent_none: &'static str,
    pub full_audit_link: &'static str,

    // ---- admin console: policy, groups and questions ----
    pub policy_title: &'static str,
    pub policy_intro: &'static str,
    /// (version in force; 0 = the defaults)
    pub policy_version: fn(i64) -> String,
    pub policy_scope_legend: &'static str,
    pub policy_scope_label: &'static str,
    pub policy_scope_all: &'static str,
    pub policy_scope_group: &'static str,
    pub policy_scope_none: &'static str,
    pub policy_scope_group_label: &'static str,
    pub policy_no_group: &'static str,
    pub policy_methods_legend: &'static str,
    pub policy_methods_required_label: &'static str,
    pub policy_methods_offered_legend: &'static str,
    pub policy_methods_offered_hint: &'static str,
    pub policy_offer_sms: &'static str,
    pub policy_offer_voice: &'static str,
    pub policy_offer_office_phone: &'static str,
    pub policy_offer_email: &'static str,
    pub policy_offer_questions: &'static str,
    pub policy_offer_recovery_codes: &'static str,
    pub policy_questions_alone_note: &'static str,
    pub policy_admins_note: &'static str,
    pub policy_questions_legend: &'static str,
    pub policy_questions_to_register_label: &'static str,
    /// (questions on the list)
    pub policy_questions_to_register_hint: fn(u32) -> String,
    pub policy_questions_at_reset_label: &'static str,
    pub policy_questions_at_reset_hint: &'static str,
    pub policy_registration_legend: &'static str,
    pub policy_require_registration_label: &'static str,
    pub policy_reconfirm_days_label: &'static str,
    pub policy_reconfirm_days_hint: &'static str,
    pub policy_reconfirm_codes_label: &'static str,
    pub policy_notifications_legend: &'static str,
    pub policy_notify_users_label: &'static str,
    pub policy_notify_admins_label: &'static str,
    pub policy_expiry_reminders_label: &'static str,
    pub policy_portal_legend: &'static str,
    pub policy_helpdesk_label: &'static str,
    pub policy_helpdesk_hint: &'static str,
    pub policy_strict_privacy_label: &'static str,
    pub policy_strict_privacy_hint: &'static str,
    pub policy_preview_button: &'static str,
    pub policy_preview_title: &'static str,
    pub policy_changed_settings: &'static str,
    pub policy_nothing_changed: &'static str,
    /// (can reset now, can reset with the new settings, accounts)
    pub policy_impact_totals: fn(u32, u32, u32) -> String,
    pub policy_impact_none: &'static str,
    /// (accounts that would lose password reset)
    pub policy_impact_losing: fn(u32) -> String,
    /// (listed, of)
    pub policy_impact_caption: fn(u32, u32) -> String,
    pub policy_why_on_premises: &'static str,
    pub policy_why_not_enabled: &'static str,
    pub policy_why_not_registered: &'static str,
    pub policy_save_button: &'static str,
    pub policy_back_link: &'static str,
    pub policy_saved_status: &'static str,
    pub policy_history_title: &'static str,
    pub policy_history_never: &'static str,
    pub policy_history_by_cli: &'static str,
    pub col_version: &'static str,
    pub col_when: &'static str,
    pub col_by: &'static str,
    pub col_changed: &'static str,
    pub col_user_id: &'static str,
    pub col_name: &'static str,
    pub col_why: &'static str,
    pub problem_too_few_methods: fn(u32) -> String,
    pub problem_in_policy_scope: &'static str,
    pub problem_questions_needed: fn(u32) -> String,
    pub problem_invisible_character: &'static str,

    pub groups_title: &'static str,
    pub groups_intro: &'static str,
    pub groups_caption: &'static str,
    pub groups_empty: &'static str,
    pub col_description: &'static str,
    pub col_members: &'static str,
    pub group_in_scope: &'static str,
    /// (group name): the link to edit it
    pub group_edit_link: fn(&str) -> String,
    pub group_create_title: &'static str,
    pub group_name_label: &'static str,
    pub group_name_hint: &'static str,
    pub group_description_label: &'static str,
    pub group_description_hint: &'static str,
    pub group_create_button: &'static str,
    /// (group name)
    pub group_edit_title: fn(&str) -> String,
    pub group_save_button: &'static str,
    pub group_delete_title: &'static str,
    pub group_delete_hint: &'static str,
    pub group_delete_button: &'static str,
    pub group_back_link: &'static str,
    pub group_created_status: &'static str,
    pub group_saved_status: &'static str,
    pub group_deleted_status: &'static str,

    pub questions_admin_title: &'static str,
    pub questions_admin_intro: &'static str,
    /// (active, most)
    pub questions_count: fn(u32, u32) -> String,
    /// (questions each user registers)
    pub questions_min_note: fn(u32) -> String,
    pub questions_active_caption: &'static str,
    pub questions_retired_caption: &'static str,
    pub questions_retired_none: &'static str,
    pub col_position: &'static str,
    pub col_english: &'static str,
    pub col_french: &'static str,
    pub col_kind: &'static str,
    pub col_answered: &'static str,
    pub col_actions: &'static str,
    pub question_predefined: &'static str,
    pub question_custom: &'static str,
    pub question_move_up: &'static str,
    pub question_move_down: &'static str,
    pub question_retire: &'static str,
    pub question_restore: &'static str,
    pub question_add_title: &'static str,
    pub question_text_label: &'static str,
    pub question_text_hint: &'static str,
    pub question_add_button: &'static str,
    pub question_retire_title: &'static str,
    pub question_retire_unused: &'static str,
    /// (accounts that answered it)
    pub question_retire_used: fn(i64) -> String,
    /// (accounts that answered it; 0 = none)
    pub question_retire_button: fn(i64) -> String,
    pub question_back_link: &'static str,
    pub question_added_status: &'static str,
    pub question_retired_status: &'static str,
    pub question_restored_status: &'static str,
    pub question_moved_status: &'static str,

    // ---- admin console: audit log, reports and inbox ----
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_filters: &'static str,
    pub audit_user_id_label: &'static str,
    pub audit_event_label: &'static str,
    pub audit_all_events: &'static str,
    pub audit_from_label: &'static str,
    pub audit_to_label: &'static str,
    pub audit_date_hint: &'static str,
    pub audit_filter_button: &'static str,
    pub audit_clear_filters: &'static str,
    pub audit_export_title: &'static str,
    pub audit_export_hint: &'static str,
    pub audit_export_csv: &'static str,
    pub audit_export_json: &'static str,
    pub audit_entries_caption: &'static str,
    pub audit_col_when: &'static str,
    pub audit_col_event: &'static str,
    pub audit_col_actor: &'static str,
    pub audit_col_account: &'static str,
    pub audit_col_ip: &'static str,
    pub audit_col_detail: &'static str,
    pub audit_empty: &'static str,
    pub audit_newer: &'static str,
    pub audit_older: &'static str,
    pub audit_pages: &'static str,
    pub audit_chain_title: &'static str,
    pub audit_chain_intro: &'static str,
    pub audit_verify_button: &'static str,
    /// (entries checked)
    pub audit_chain_intact: fn(u64) -> String,
    /// (id of the first broken entry)
    pub audit_chain_broken: fn(i64) -> String,
    /// The readable name of an audit event (`domain::audit::EVENTS`), if known.
    pub audit_event: fn(&str) -> Option<&'static str>,
    /// The name of a field of an audit entry's detail (`gate`, `sessions_ended`), if known.
    pub audit_detail_key: fn(&str) -> Option<&'static str>,
    /// (field, value): one field of an entry's detail, "Verification step: Code by e-mail".
    pub audit_detail_pair: fn(&str, &str) -> String,
    pub audit_detail_yes: &'static str,
    pub audit_detail_no: &'static str,
    /// A code of the product in an administrator's words (a method, a verification step, a
    /// channel, a role, why a reset stopped, an account field), if known.
    pub admin_word: fn(&str) -> Option<&'static str>,
    pub problem_unknown_account: &'static str,
    pub reports_title: &'static str,
    pub reports_coverage_title: &'static str,
    /// (registered, in scope, accounts in the directory)
    pub reports_coverage_summary: fn(u64, u64, u64) -> String,
    pub reports_by_method_caption: &'static str,
    pub reports_col_method: &'static str,
    pub reports_col_accounts: &'static str,
    pub reports_col_share: &'static str,
    pub reports_questions_note: &'static str,
    pub reports_activity_title: &'static str,
    pub reports_chart_alt: &'static str,
    pub reports_resets: &'static str,
    pub reports_failures: &'static str,
    pub reports_failures_note: &'static str,
    pub reports_days_caption: &'static str,
    pub reports_col_day: &'static str,
    pub reports_blocked_title: &'static str,
    /// (accounts that cannot reset)
    pub reports_blocked_summary: fn(u64) -> String,
    pub reports_none_blocked: &'static str,
    pub reports_col_user_id: &'static str,
    pub reports_col_name: &'static str,
    pub reports_col_reason: &'static str,
    pub reports_reason_on_premises: &'static str,
    pub reports_reason_not_enabled: &'static str,
    pub reports_reason_not_registered: &'static str,
    pub reports_reason_locked: &'static str,
    pub reports_reason_disabled: &'static str,
    /// (page, pages)
    pub page_of: fn(u32, u32) -> String,
    pub pages_nav: &'static str,
    pub percent: fn(u64) -> String,
    pub inbox_title: &'static str,
    pub inbox_intro: &'static str,
    /// (how many)
    pub inbox_open_title: fn(u64) -> String,
    /// (how many)
    pub inbox_handled_title: fn(u64) -> String,
    pub inbox_open_pages: &'static str,
    pub inbox_handled_pages: &'static str,
    pub inbox_none_open: &'static str,
    pub inbox_none_handled: &'static str,
    pub inbox_col_user_id: &'static str,
    pub inbox_col_received: &'static str,
    pub inbox_col_reason: &'static str,
    pub inbox_col_action: &'static str,
    pub inbox_col_handled: &'static str,
    pub inbox_col_by: &'static str,
    pub inbox_col_note: &'static str,
    pub inbox_no_account: &'static str,
    pub inbox_mark_handled: &'static str,
    pub inbox_handle_title: &'static str,
    pub inbox_note_label: &'static str,
    pub inbox_note_hint: &'static str,
    pub inbox_handled_status: &'static str,
    /// The readable reason of a request as stored (`not_enabled`, `not_me:password_reset`, …).
    pub inbox_reason: fn(&str) -> Option<&'static str>,
}
}

/// A language's plural category for a whole number (CLDR's cardinal rules; English and French
/// use only these two for whole numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Locale {
    /// CLDR's cardinal rule: English says "one" for 1 only ("0 accounts", "1 account"); French
    /// for 0 and 1 ("0 compte", "1 compte", "2 comptes").
    pub fn plural_of(self, n: u64) -> Plural {
        match (self, n) {
            (Locale::En, 1) | (Locale::Fr, 0 | 1) => Plural::One,
            _ => Plural::Other,
        }
    }

    /// `one` or `other`, whichever this language's rule wants for `n`: the one way the
    /// catalogues choose a word by a count.
    pub fn plural<'a>(self, n: u64, one: &'a str, other: &'a str) -> &'a str {
        match self.plural_of(n) {
            Plural::One => one,
            Plural::Other => other,
        }
    }

    /// "`n` noun", the noun as this language's rule wants it for `n`: "1 minute", "2 minutes".
    pub fn count(self, n: u64, one: &str, other: &str) -> String {
        format!("{n} {}", self.plural(n, one, other))
    }
}

/// A wait said in words, rounded up: whole minutes up to 90, then hours ("1 minute",
/// "15 minutes", "24 hours"); the units' two forms come from the catalogue.
pub(crate) fn wait_words(locale: Locale, secs: i64, minute: (&str, &str), hour: (&str, &str)) -> String {
    let minutes = ((secs + 59) / 60).max(1).unsigned_abs();
    if minutes <= 90 { locale.count(minutes, minute.0, minute.1) } else { locale.count(minutes.div_ceil(60), hour.0, hour.1) }
}

/// Minutes and seconds of a wait, as in "7 min 7 s" (the same in English and French).
pub fn min_sec(secs: i64) -> String {
    let secs = secs.max(0);
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

impl Texts {
    /// The message for an error, in this language.
    pub fn error(&self, err: &AppError) -> String {
        match err {
            AppError::Field { problem, .. } => self.problem(*problem),
            AppError::BadCredentials => self.err_bad_credentials.into(),
            AppError::Locked { retry_after_secs } => (self.err_locked)(((retry_after_secs + 59) / 60).max(1)),
            AppError::ResetLimited { limit, retry_after_secs } => (self.err_reset_limited)(*limit, *retry_after_secs),
            AppError::SendLimit { retry_after_secs } => (self.err_send_limit)(*retry_after_secs),
            AppError::NeedMoreMethods { missing } => (self.err_need_more_methods)(*missing),
            AppError::QuestionsAlone => self.err_questions_alone.into(),
            AppError::Disabled => self.err_disabled.into(),
            AppError::AccountLocked => self.err_account_locked.into(),
            AppError::NotSignedIn => self.err_not_signed_in.into(),
            AppError::Busy => self.err_busy.into(),
            AppError::Forbidden => self.err_forbidden.into(),
            AppError::NotFound => self.not_found_body.into(),
            AppError::FlowEnded => self.err_flow_ended.into(),
            AppError::Challenge => self.err_challenge.into(),
            AppError::Network => self.err_network.into(),
            AppError::Internal => self.err_internal.into(),
            AppError::Conflict => self.err_conflict.into(),
            AppError::BadRequest => self.err_bad_request.into(),
            AppError::TooLarge => self.err_too_large.into(),
            AppError::UnsupportedMediaType => self.err_unsupported_media_type.into(),
            AppError::Unavailable => self.err_unavailable.into(),
            AppError::DirectoryUnavailable => self.err_directory_unavailable.into(),
            AppError::BadRow { line, field, problem } => (self.err_bad_row)(*line, field.name(), &self.problem(*problem)),
        }
    }

    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.problem_required.into(),
            Problem::TooShort { min } => (self.problem_too_short)(min),
            Problem::TooLong { max } => (self.problem_too_long)(max),
            Problem::NotAUserId => self.problem_not_a_user_id.into(),
            Problem::Mismatch => self.problem_mismatch.into(),
            Problem::ContainsContext => self.problem_contains_context.into(),
            Problem::SameAsCurrent => self.problem_same_as_current.into(),
            Problem::CommonPassword => self.problem_common_password.into(),
            Problem::WrongCurrentPassword => self.problem_wrong_current_password.into(),
            Problem::NotAPhone => self.problem_not_a_phone.into(),
            Problem::NotAnEmail => self.problem_not_an_email.into(),
            Problem::SameAsPrimary => self.problem_same_as_primary.into(),
            Problem::NotACode => self.problem_not_a_code.into(),
            Problem::WrongCode { left } => (self.problem_wrong_code)(left),
            Problem::CodeExpired => self.problem_code_expired.into(),
            Problem::CodeNotValid => self.problem_code_not_valid.into(),
            Problem::CodeDead => self.problem_code_dead.into(),
            Problem::NotARecoveryCode => self.problem_not_a_recovery_code.into(),
            Problem::RecoveryCodeUsed => self.problem_recovery_code_used.into(),
            Problem::DuplicateQuestion => self.problem_duplicate_question.into(),
            Problem::DuplicateAnswer => self.problem_duplicate_answer.into(),
            Problem::AnswerIsQuestion => self.problem_answer_is_question.into(),
            Problem::UnknownQuestion => self.problem_unknown_question.into(),
            Problem::WrongAnswers { left } => (self.problem_wrong_answers)(left),
            Problem::OutOfRange { min, max } => (self.problem_out_of_range)(min, max),
            Problem::TooMany { max } => (self.problem_too_many)(max),
            Problem::MoreThanRegistered => self.problem_more_than_registered.into(),
            Problem::NotALink => self.problem_not_a_link.into(),
            Problem::NotADate => self.problem_not_a_date.into(),
            Problem::DateOrder => self.problem_date_order.into(),
            Problem::AlreadyExists => self.problem_already_exists.into(),
            Problem::UnknownGroup => self.problem_unknown_group.into(),
            Problem::NotAChoice => self.problem_not_a_choice.into(),
            Problem::OwnAccount => self.problem_own_account.into(),
            Problem::BadHeader => self.problem_bad_header.into(),
            Problem::Columns { expected } => (self.problem_columns)(expected),
            Problem::UnknownAccount => self.problem_unknown_account.into(),
            Problem::TooFewMethods { min } => (self.problem_too_few_methods)(min),
            Problem::InPolicyScope => self.problem_in_policy_scope.into(),
            Problem::QuestionsNeeded { min } => (self.problem_questions_needed)(min),
            Problem::InvisibleCharacter => self.problem_invisible_character.into(),
            Problem::InPasswordHistory => self.problem_in_password_history.into(),
            Problem::ChangedTooRecently => self.problem_changed_too_recently.into(),
            Problem::DirectoryRefused => self.problem_directory_refused.into(),
            Problem::NotComplexEnough => self.problem_not_complex_enough.into(),
            Problem::LockedInDirectory => self.problem_locked_in_directory.into(),
            Problem::DirectoryDenied => self.problem_directory_denied.into(),
            Problem::ManagedInDirectory => self.problem_managed_in_directory.into(),
            Problem::GoneFromDirectory => self.problem_gone_from_directory.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_minutes_and_seconds() {
        assert_eq!((Locale::En.texts().resend_wait)(&min_sec(427)), "You can ask for a new code in 7 min 7 s.");
        assert_eq!((Locale::Fr.texts().resend_wait)(&min_sec(427)), "Vous pourrez demander un nouveau code dans 7 min 7 s.");
        assert_eq!(min_sec(45), "45 s");
        assert_eq!(min_sec(120), "2 min");
    }

    #[test]
    fn counts_of_methods_are_plural_where_they_should_be_and_never_capped() {
        let (en, fr) = (Locale::En.texts(), Locale::Fr.texts());
        assert_eq!((en.reg_progress)(3, 1), "You have verified 3 methods; 1 is required.");
        assert_eq!((en.reg_progress)(1, 2), "You have verified 1 method; 2 are required.");
        assert_eq!((fr.reg_progress)(3, 1), "Vous avez vérifié 3 méthodes ; 1 est exigée.");
        assert_eq!((fr.reg_progress)(0, 2), "Vous n’avez encore vérifié aucune méthode ; 2 sont exigées.");
        for l in Locale::ALL {
            let t = l.texts();
            for n in 0..=3 {
                for text in [(t.reg_progress)(n, n.max(1)), (t.err_need_more_methods)(n.max(1)), (t.code_expires)(i64::from(n))] {
                    assert!(!text.contains("(s)"), "{l:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        // 2026-12-01 12:00 UTC
        let at = 1_796_126_400;
        assert_eq!((Locale::En.texts().long_date)(at), "1 December 2026");
        assert_eq!((Locale::Fr.texts().long_date)(at), "1er décembre 2026");
        assert_eq!((Locale::Fr.texts().long_date)(at + 86_400), "2 décembre 2026");
    }

    /// The browser tests' expected strings are the catalogue's: `end2end/generated/catalogue.json`
    /// is written from it. Run anywhere but CI, this test brings the file up to date; in CI
    /// (`CI` set) a file that differs from the catalogue fails it, so a stale copy cannot land.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_browser_tests_read_the_catalogue_as_it_is() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("end2end/generated/catalogue.json");
        let fresh = serde_json::to_string_pretty(&samples::catalogue()).unwrap() + "\n";
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != fresh {
            assert!(std::env::var_os("CI").is_none(), "{} is stale: run `cargo test --features ssr --lib i18n` and commit it", path.display());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, fresh).unwrap();
        }
    }

    #[test]
    fn counts_choose_their_word_by_each_languages_rule() {
        assert_eq!(Locale::En.count(0, "account", "accounts"), "0 accounts");
        assert_eq!(Locale::En.count(1, "account", "accounts"), "1 account");
        assert_eq!(Locale::Fr.count(0, "compte", "comptes"), "0 compte");
        assert_eq!(Locale::Fr.count(1, "compte", "comptes"), "1 compte");
        assert_eq!(Locale::Fr.count(2, "compte", "comptes"), "2 comptes");
        assert_eq!((Locale::Fr.texts().accounts_count)(0), "0 compte");
        assert_eq!((Locale::En.texts().accounts_count)(0), "0 accounts");
        assert_eq!((Locale::En.texts().problem_wrong_code)(1), "This code is wrong. 1 more try before it stops working.");
        assert_eq!((Locale::Fr.texts().problem_wrong_code)(2), "Ce code est incorrect. Encore 2 essais avant qu’il ne fonctionne plus.");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn no_text_hedges_its_plural() {
        // Every text chosen by a count, from 0 up, in both languages: never "account(s)".
        for l in Locale::ALL {
            let texts = samples::catalogue()[l.code()].to_string();
            assert!(!texts.contains("(s)") && !texts.contains("(e)s"), "{l:?}");
        }
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Locale::parse("fr-FR"), Some(Locale::Fr));
        assert_eq!(Locale::parse("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
    }

    #[test]
    fn every_predefined_question_is_translated() {
        for key in PREDEFINED_QUESTIONS {
            for l in Locale::ALL {
                assert!((l.texts().question)(key).is_some_and(|q| q.ends_with('?') || q.ends_with(" ?")), "{key} in {l:?}");
            }
        }
        assert_eq!((Locale::En.texts().question)("nope"), None);
    }

    #[test]
    fn catalogues_differ_where_they_should() {
        assert_ne!(Locale::En.texts().sign_in_title, Locale::Fr.texts().sign_in_title);
        assert_eq!(Locale::Fr.texts().err_bad_credentials, "L’identifiant ou le mot de passe est incorrect.");
    }

    #[test]
    fn reset_limits_say_what_happened_and_for_how_long_in_words() {
        use crate::domain::reset::ResetLimit as L;
        let say = |l: Locale, limit, secs| l.texts().error(&AppError::ResetLimited { limit, retry_after_secs: secs });
        assert_eq!(say(Locale::En, L::AccountAttempts, 24 * 3600), "Too many reset attempts for this account. Try again in 24 hours.");
        assert_eq!(say(Locale::Fr, L::AccountAttempts, 24 * 3600 - 30), "Trop de tentatives de réinitialisation pour ce compte. Réessayez dans 24 heures.");
        let office = say(Locale::En, L::AddressAttempts, 14 * 60 + 1);
        assert!(office.contains("from your network") && office.ends_with("Try again in 15 minutes."), "{office}");
        assert!(!office.contains("failed"), "no failure happened: {office}");
        assert!(say(Locale::En, L::AddressFailures, 30).ends_with("Try again in 1 minute."));
        assert!(say(Locale::Fr, L::AddressFailures, 90 * 60).ends_with("Réessayez dans 90 minutes."));
        assert!(say(Locale::En, L::AccountFailures, 91 * 60).ends_with("Try again in 2 hours."));
    }
}
