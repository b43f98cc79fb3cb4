//! Types and rules shared by the browser and the server: pure, no I/O.

pub mod error;
pub mod lockout;
pub mod password;
pub mod policy;
pub mod text;
pub mod time;
pub mod user_id;

pub use error::{AppError, Field, Problem};
pub use password::{NewPassword, PasswordContext};
pub use user_id::UserId;
