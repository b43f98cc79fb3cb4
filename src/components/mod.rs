//! Widgets used by several pages.

mod countdown;
mod field;
mod language_switch;
mod messages;
mod new_password;

pub use countdown::countdown;
pub use field::{CheckField, Field, SelectField, field_error};
pub use language_switch::LanguageSwitch;
pub use messages::{FormAlert, PageError, SignedInAs, StatusMessage, UserIdLine, form_error, use_form_error};
pub use new_password::NewPasswordFields;
