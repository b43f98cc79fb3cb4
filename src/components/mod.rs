//! Widgets used by several pages.

mod countdown;
mod field;
mod language_switch;
mod messages;
mod new_password;
mod table;

pub use countdown::ResendWait;
pub use field::{CheckField, Field, SelectField, field_error};
pub use language_switch::LanguageSwitch;
pub use messages::{ErrorSummary, FormAlert, PageError, SignedInAs, StatusMessage, UserIdLine, address_error, form_error, use_form_error};
pub use new_password::NewPasswordFields;
pub use table::DataTable;
