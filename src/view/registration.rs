//! What the registration page shows (SPEC §2): the signed-in user's methods, their states and
//! the choices the page offers.

use crate::domain::registration::NotEligible;
use crate::domain::{AppError, Channel, Method, Requirements};
use serde::{Deserialize, Serialize};

/// The registration page of the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub user_id: String,
    pub display_name: String,
    pub requirements: Requirements,
    /// One per offered method, in display order.
    pub methods: Vec<MethodState>,
    /// Why Finish is not possible yet; `None` when it is.
    pub finish: Option<AppError>,
    /// Questions the user can choose from, in their language.
    pub choices: Vec<Choice>,
    /// Questions the user answered (the answers are never shown again).
    pub answered: Vec<i64>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u8,
    /// A set of recovery codes this session just made, grouped for reading: shown until the
    /// user says they kept them (they are never shown again after that).
    pub new_recovery_codes: Vec<String>,
    pub countries: Vec<Country>,
    pub default_country: String,
    /// The primary e-mail, masked: the authentication e-mail must differ from it.
    pub primary_email: String,
    /// When Finish (or re-confirmation) last recorded the registration; `None` before the first
    /// time and once an administrator asks to register again.
    pub confirmed_at: Option<i64>,
    pub reregister_required: bool,
    /// Set when the policy's days have passed since the last confirmation.
    pub reconfirm: Option<Reconfirm>,
    /// Set when the account cannot use password reset at all: the page says why instead.
    pub not_eligible: Option<NotEligible>,
}

impl Registration {
    pub fn method(&self, method: Method) -> Option<&MethodState> {
        self.methods.iter().find(|m| m.method == method)
    }

    pub fn verified_count(&self) -> u8 {
        self.methods.iter().filter(|m| m.verified).count() as u8
    }

    /// The finished state (SPEC §2.3), with the date of the last confirmation: confirmed, still
    /// enough to finish, and nothing verified since (else Finish confirms the change).
    pub fn finished_at(&self) -> Option<i64> {
        let at = self.confirmed_at?;
        let unchanged = self.methods.iter().all(|m| m.verified_at.is_none_or(|v| v <= at));
        (self.finish.is_none() && unchanged).then_some(at)
    }

    /// Whether a code is still waiting to be typed for `method`: Finish would not keep it.
    pub fn waiting(&self, method: Method) -> bool {
        self.method(method).is_some_and(|m| m.pending.is_some())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodState {
    pub method: Method,
    /// Masked phone number or address.
    pub value: Option<String>,
    pub verified: bool,
    pub verified_at: Option<i64>,
    /// A code on its way, waiting to be typed.
    pub pending: Option<Pending>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// Where it went, masked.
    pub to: String,
    pub channel: Channel,
    pub expires_in_secs: i64,
    /// Seconds before another code may be asked for (0: now).
    pub resend_in_secs: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166 code, e.g. `FR`.
    pub id: String,
    pub calling_code: u16,
    /// Its name in the user's language (the server names them: the names stay out of the
    /// WebAssembly).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconfirm {
    /// "Looks good" was pressed and codes were sent.
    pub verifying: bool,
    /// Methods whose fresh code has not been entered yet.
    pub waiting: Vec<Method>,
}
