//! What the reset page shows for this browser's flow.

use crate::server::db::{self, accounts::Account, flows, now};
use crate::server::state::AppState;
use crate::server::{otp, phone};
use crate::view::registration::Choice;
use crate::view::reset::{OpenView, ResetPage, ResetView};
use crate::domain::registration::mask_email;
use crate::domain::reset::{self as rules, Gate, OpenGate, Step};
use crate::domain::{AppError, Method};

use super::*;

/// The reset page for this browser: where its flow stands. A flow in the middle of its gates is
/// shown at every visit; any other (a seed's error page, the new password, the end) only when
/// `resume`, right after the step that led there. A new visit ends such a flow and starts a new
/// reset: at a shared computer, the next person never sees the last one's result.
pub async fn view(state: &AppState, client: &Client, resume: bool) -> Result<ResetView, AppError> {
    let helpdesk = {
        let mut c = state.db.acquire().await?;
        db::policy::current(c.conn()).await?.1.helpdesk_link
    };
    let page = match live(state, client).await? {
        Some(l) if !l.finished && l.flow.step == Step::Gates => page_of(state, client, &l).await?,
        Some(l) if resume => match (l.finished, &l.flow.step) {
            (true, Step::Done) => ResetPage::Done { unlocked: false },
            (true, Step::Unlocked) => ResetPage::Done { unlocked: true },
            (true, _) => ResetPage::Start { challenge: challenge(state, client).await? },
            (false, _) => page_of(state, client, &l).await?,
        },
        Some(l) => {
            let mut c = state.db.acquire().await?;
            flows::forget(c.conn(), l.id, now()).await?;
            drop(c);
            ResetPage::Start { challenge: challenge(state, client).await? }
        }
        None => ResetPage::Start { challenge: challenge(state, client).await? },
    };
    Ok(ResetView { page, helpdesk })
}

pub(super) async fn page_of(state: &AppState, client: &Client, l: &Live) -> Result<ResetPage, AppError> {
    let user_id = l.flow.user_id.to_string();
    Ok(match &l.flow.step {
        Step::Stopped { why } => ResetPage::Stopped { why: *why, user_id, contacted: l.flow.contacted },
        Step::CheckMessages => ResetPage::CheckMessages { user_id, contacted: l.flow.contacted },
        Step::Gates => {
            let account = l.account()?;
            let (_, _, all) = current_gates(state, &l.flow.user_id).await?;
            let gates = rules::next_gates(&all, &l.flow.passed, l.flow.required);
            let open = match &l.flow.open {
                Some(open) => open_view(state, client, l, account, open).await?,
                None => None,
            };
            ResetPage::Gates { user_id, required: l.flow.required, passed: l.flow.passed.len() as u8, gates, open }
        }
        Step::Choose => {
            let account = l.account()?;
            ResetPage::Choose { user_id, rules: crate::server::auth::password_context(state, account).await?.rules(), can_unlock: l.flow.locked_out }
        }
        Step::Done => ResetPage::Done { unlocked: false },
        Step::Unlocked => ResetPage::Done { unlocked: true },
    })
}

pub(super) async fn open_view(state: &AppState, client: &Client, l: &Live, account: &Account, open: &OpenGate) -> Result<Option<OpenView>, AppError> {
    let t = now();
    let mut c = state.db.acquire().await?;
    if open.gate == Gate::Questions {
        let list = db::questions::all(c.conn()).await?;
        let texts = client.locale.texts();
        let questions = open
            .questions
            .iter()
            .filter_map(|id| {
                let q = list.iter().find(|q| q.id == *id)?;
                let text = match (&q.predefined_key, &q.custom_text) {
                    (Some(key), _) => (texts.question)(key)?.to_owned(),
                    (None, Some(custom)) => custom.clone(),
                    _ => return None,
                };
                Some(Choice { id: *id, text })
            })
            .collect();
        return Ok(Some(OpenView::Questions { questions }));
    }
    if open.gate == Gate::RecoveryCode {
        return Ok(Some(OpenView::RecoveryCode));
    }
    let method = open.gate.method();
    let Some(k) = otp::pending(c.conn(), l.id, &purpose(method), t).await? else { return Ok(None) };
    let resend_in_secs = otp::resend_wait(c.conn(), account.id, &purpose(method), t).await?;
    Ok(Some(OpenView::Code { gate: open.gate, to: mask(method, &k.target), expires_in_secs: k.expires_at - t, resend_in_secs }))
}

pub(super) fn mask(method: Method, value: &str) -> String {
    match method {
        Method::AuthEmail => mask_email(value),
        _ => phone::mask(value),
    }
}
