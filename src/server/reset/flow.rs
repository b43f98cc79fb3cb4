//! The live flow of this browser: reading it, moving it one guarded step, auditing in the same
//! transaction.

use crate::server::crypto::sha256_hex;
use crate::server::db::{self, Tx, accounts::Account, audit, flows, now};
use crate::server::state::AppState;
use crate::domain::policy::Policy;
use crate::domain::reset::{self as rules, Flow, Gate, Step};
use crate::domain::{AppError, Method, Requirements, UserId};

use super::*;

/// This browser's reset flow, read for one step.
pub(super) struct Live {
    pub(super) id: i64,
    pub(super) account: Option<Account>,
    pub(super) flow: Flow,
    /// The state exactly as stored: the guard of the next write.
    pub(super) stored: String,
    pub(super) finished: bool,
}

impl Live {
    pub(super) fn account(&self) -> Result<&Account, AppError> {
        self.account.as_ref().ok_or(AppError::Forbidden)
    }

    /// Refuses unless the flow is unfinished and at `step`.
    pub(super) fn at(&self, step: &Step) -> Result<(), AppError> {
        if self.finished {
            Err(AppError::FlowEnded)
        } else if &self.flow.step != step {
            Err(AppError::Forbidden)
        } else {
            Ok(())
        }
    }
}

pub(super) async fn live(state: &AppState, client: &Client) -> Result<Option<Live>, AppError> {
    let Some(cookie) = &client.cookie else { return Ok(None) };
    let mut c = state.db.acquire().await?;
    let Some(row) = flows::find(c.conn(), &sha256_hex(cookie), "reset", now()).await? else { return Ok(None) };
    let Ok(flow) = serde_json::from_str::<Flow>(&row.state) else { return Ok(None) };
    let account = match row.account_id {
        Some(id) => db::accounts::find_by_id(c.conn(), id).await?,
        None => None,
    };
    Ok(Some(Live { id: row.id, account, flow, stored: row.state, finished: row.finished_at.is_some() }))
}

pub(super) async fn live_or_ended(state: &AppState, client: &Client) -> Result<Live, AppError> {
    live(state, client).await?.ok_or(AppError::FlowEnded)
}

/// Writes the flow's next state, guarded by the state read at the start of the step.
pub(super) async fn advance(tx: &mut Tx, live: &Live, next: &Flow, finish: Option<i64>) -> Result<(), AppError> {
    let to = serde_json::to_string(next).map_err(|_| AppError::Internal)?;
    if flows::advance(tx.conn(), live.id, &live.stored, &to, finish).await? { Ok(()) } else { Err(AppError::FlowEnded) }
}

pub(super) async fn audit_in(tx: &mut Tx, live: &Live, client: &Client, event: &str, detail: serde_json::Value, t: i64) -> Result<(), AppError> {
    let account_id = live.account.as_ref().map(|a| a.id);
    let e = audit::Event { event, actor_id: None, account_id, ip: client.ip.as_deref(), detail };
    Ok(audit::append(tx, e, t).await?)
}

/// The gates the account of this flow's `user_id` can use now (its registration or the policy
/// may have changed since the start) and the requirements behind them.
pub(super) async fn current_gates(state: &AppState, user_id: &UserId) -> Result<(Policy, Requirements, Vec<Gate>), AppError> {
    let (_, policy, facts, _) = facts_of(state, user_id, now()).await?;
    let req = Requirements::of(&policy, facts.is_admin);
    let gates = rules::decide(&facts, &req, policy.questions_at_reset).map_err(|_| AppError::Forbidden)?;
    Ok((policy, req, gates))
}

pub(super) fn purpose(method: Method) -> String {
    format!("reset:{}", method.as_str())
}
