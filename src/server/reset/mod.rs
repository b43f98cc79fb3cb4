//! The reset portal's steps (SPEC §3, with the throttling and flow rules of §6), on top of
//! storage: the proof-of-work challenge, the start with its seed error cases, the gates, the
//! new password or the unlock, "contact an administrator" and "this wasn't me".
//!
//! A reset flow lives on the server, bound to this browser by its own cookie (SameSite=Strict).
//! Each step reads the flow, checks that it is that step's turn, and moves the flow forward with
//! one guarded write (`flows::advance`), so a step run out of order, replayed, run in parallel
//! or from another browser is refused. Every step is audited in the same transaction.

mod cookie;
mod challenge;
mod throttle;
mod start;
mod flow;
mod page;
mod gates;
mod end;
mod not_me;

// One concern per file; the steps for the api, and their helpers for each other (each file
// imports `super::*`).
pub use cookie::*;
pub use challenge::*;
pub use throttle::*;
pub use start::*;
use flow::*;
pub use page::*;
pub use gates::*;
pub use end::*;
pub use not_me::*;

use crate::i18n::Locale;

/// What a step knows of the request it serves.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub locale: Locale,
    /// The value of this browser's reset cookie, if it sent one.
    pub cookie: Option<String>,
}
