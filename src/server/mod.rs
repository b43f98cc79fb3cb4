//! Everything that runs only on the server: configuration, storage, hashing, sessions,
//! delivery of messages, security middleware and the command line.

pub mod admin;
pub mod assets;
pub mod auth;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod delivery;
pub mod demo;
pub mod directory;
pub mod errors;
pub mod locale;
pub mod markup;
pub mod messages;
pub mod metrics;
pub mod notify;
pub mod otp;
pub mod phone;
pub mod redirect;
pub mod registration;
pub mod reset;
pub mod security;
pub mod seed;
pub mod serve;
pub mod session;
pub mod state;

pub use state::AppState;
