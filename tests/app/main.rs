//! The integration tests, in one binary so that the app is built and linked once: each module
//! is a feature's tests (database tests run on SQLite and PostgreSQL through `common::on_both`),
//! `common` holds what they share. One feature's tests: `cargo test --features ssr --test app reset::`.

mod common;

mod active_directory;
mod admin_access;
mod admin_accounts;
mod admin_audit;
mod admin_policy;
mod change_password;
mod cli;
mod config_agreement;
mod delivery;
mod hardening;
mod http;
mod islands;
mod invisible_characters;
mod ldap;
mod metrics;
mod migrations;
mod outage;
mod registration;
mod reset;
mod sign_in;
