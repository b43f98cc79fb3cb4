//! The types that cross the wire: what a server function returns for a page to show. One file
//! per feature (and per console page); they depend on `domain` only, so that `api`, `server`
//! and `pages` can all use them without depending on each other.

pub mod admin;
pub mod outbox;
pub mod query;
pub mod registration;
pub mod reset;
pub mod session;
