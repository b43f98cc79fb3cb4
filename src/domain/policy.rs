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
    pub questions_to_register: u8,
    pub questions_at_reset: u8,
    pub require_registration_at_sign_in: bool,
    pub reconfirm_after_days: u16,
    /// "Looks good" re-verifies each phone and e-mail with a fresh code (beyond Entra).
    pub reconfirm_with_codes: bool,
    pub notify_users_on_reset: bool,
    pub notify_admins_on_admin_reset: bool,
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
            questions_to_register: 3,
            questions_at_reset: 3,
            require_registration_at_sign_in: true,
            reconfirm_after_days: 180,
            reconfirm_with_codes: true,
            notify_users_on_reset: true,
            notify_admins_on_admin_reset: true,
            helpdesk_link: None,
            strict_privacy: false,
        }
    }
}
