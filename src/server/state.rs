//! The state shared by every request: reaches axum handlers as `State` and server functions
//! as Leptos context (read with [`app_state`]).

use super::config::Config;
use super::crypto::Hasher;
use super::db::Db;
use crate::domain::AppError;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Arc<Hasher>,
    /// Where accounts and their passwords live (`SSPR_DIRECTORY`).
    pub directory: Arc<super::directory::Directory>,
    /// Wakes the delivery worker when a message was queued.
    pub outbox_wake: Arc<Notify>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state, inside a server function or a server-rendered component.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
