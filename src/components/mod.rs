//! Widgets used by several pages.

mod field;
mod language_switch;
mod messages;

pub use field::{Field, SelectField, field_error};
pub use language_switch::LanguageSwitch;
pub use messages::{FormAlert, SignedInAs, StatusMessage, form_error, use_form_error};
