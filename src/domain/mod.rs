//! Types and rules shared by the browser and the server: pure, no I/O.

pub mod answers;
pub mod audit;
pub mod directory;
pub mod error;
pub mod lockout;
pub mod password;
pub mod policy;
pub mod pow;
pub mod registration;
pub mod reset;
pub mod text;
pub mod time;
pub mod user_id;

pub use error::{AppError, Field, MAX_QUESTIONS, Problem};
pub use password::{NewPassword, PasswordContext, PasswordRules};
pub use registration::{Channel, Method, Requirements};
pub use user_id::UserId;
