//! Server functions, grouped by feature. Thin: parse into domain types, call `server` code,
//! map errors. Each is also a plain form endpoint (`POST /api/<name>`), so pages work before
//! and without the WebAssembly.

pub mod admin;
pub mod outbox;
pub mod password;
pub mod registration;
pub mod reset;
pub mod session;

#[cfg(feature = "ssr")]
pub(crate) mod support;
