//! One routed component per page.

pub mod admin;
pub mod dev_outbox;
pub mod home;
pub mod not_found;
pub mod password;
pub mod reset;
pub mod setup;
