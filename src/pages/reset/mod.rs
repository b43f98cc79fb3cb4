//! `/reset`, the reset portal (SPEC §3): the user ID and the browser check, the seed's error
//! pages, the gates, the new password or the unlock, and the end. The server keeps the flow;
//! this page shows whichever step it is at, and asks again after every action.

mod choose;
mod gates;
mod not_me;
mod start;
mod stopped;

use crate::components::{PageError, address_error};
use crate::api::reset::{AnswerResetQuestions, CancelReset, ChooseGate, ContactAdmin, ContinueReset, SetResetPassword, StartReset, UnlockAccount, VerifyResetCode, reset_state};
use crate::view::reset::ResetPage as Page;
use crate::domain::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
pub use not_me::NotMePage;

/// Every action of the reset page. They live above the page's `Transition`, so they survive
/// the re-render that follows each of them.
#[derive(Clone, Copy)]
pub struct Actions {
    pub start: ServerAction<StartReset>,
    pub choose: ServerAction<ChooseGate>,
    pub verify: ServerAction<VerifyResetCode>,
    pub answer: ServerAction<AnswerResetQuestions>,
    pub set_password: ServerAction<SetResetPassword>,
    pub unlock: ServerAction<UnlockAccount>,
    pub contact: ServerAction<ContactAdmin>,
    pub proceed: ServerAction<ContinueReset>,
    pub cancel: ServerAction<CancelReset>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            start: ServerAction::new(),
            choose: ServerAction::new(),
            verify: ServerAction::new(),
            answer: ServerAction::new(),
            set_password: ServerAction::new(),
            unlock: ServerAction::new(),
            contact: ServerAction::new(),
            proceed: ServerAction::new(),
            cancel: ServerAction::new(),
        }
    }

    /// Changes whenever any action completes (tracked).
    fn version(&self) -> usize {
        self.start.version().get()
            + self.choose.version().get()
            + self.verify.version().get()
            + self.answer.version().get()
            + self.set_password.version().get()
            + self.unlock.version().get()
            + self.contact.version().get()
            + self.proceed.version().get()
            + self.cancel.version().get()
    }
}

/// The error of the last action, wherever it came from; or the one a plain form post brought
/// back in the query string. Each step shows it at its field, or at the top.
fn last_error(a: Actions) -> Signal<Option<AppError>> {
    let last = RwSignal::new(None::<Option<AppError>>);
    fn watch<S>(last: RwSignal<Option<Option<AppError>>>, action: ServerAction<S>)
    where
        S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if let Some(result) = action.value().get() {
                last.set(Some(result.err()));
            }
        });
    }
    watch(last, a.start);
    watch(last, a.choose);
    watch(last, a.verify);
    watch(last, a.answer);
    watch(last, a.set_password);
    watch(last, a.unlock);
    watch(last, a.contact);
    watch(last, a.proceed);
    watch(last, a.cancel);
    let brought_back = address_error();
    Signal::derive(move || match last.get() {
        Some(e) => e,
        None => brought_back.get(),
    })
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_texts();
    let actions = Actions::new();
    let error = last_error(actions);
    // A new visit starts a new reset (unless the flow is in the middle of its gates); right
    // after a step, the page shows where it led: after the page's own actions, after a plain
    // form post (its redirect says `resume`), and at the strict mode's link (`continue`).
    let after_step = use_query_map().with_untracked(|q| q.get("resume").is_some() || q.get("continue").is_some());
    let view_data = Resource::new(move || actions.version(), move |v| reset_state(v > 0 || after_step));
    // After each step the page asks where the flow stands and draws that step afresh: from the
    // end of an action until the new step is drawn, the step is busy (for assistive
    // technologies, and for tests that must not type into a form about to be replaced). Effects
    // run in the browser only: the server sends the step whole, never busy.
    let refreshing = RwSignal::new(false);
    Effect::new(move |seen: Option<usize>| {
        let version = actions.version();
        if seen.is_some_and(|seen| seen != version) {
            refreshing.set(true);
        }
        version
    });
    view! {
        <div aria-busy=move || refreshing.try_get().unwrap_or_default().then_some("true")>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let data = view_data.await;
                // Runs once this step is drawn.
                Effect::new(move |_| {
                    refreshing.try_set(false);
                });
                match data {
                    Ok(v) => {
                        let helpdesk = v.helpdesk.clone();
                        match v.page {
                            Page::Start { challenge } => view! { <start::Start challenge actions error /> }.into_any(),
                            Page::Stopped { why, user_id, contacted } => {
                                view! { <stopped::Stopped why user_id contacted helpdesk actions error /> }.into_any()
                            }
                            Page::CheckMessages { user_id, contacted } => {
                                view! { <stopped::CheckMessages user_id contacted helpdesk actions error /> }.into_any()
                            }
                            Page::Gates { user_id, required, passed, gates, open } => {
                                view! { <gates::Gates user_id required passed gates open actions error /> }.into_any()
                            }
                            Page::Choose { user_id, rules, can_unlock } => {
                                view! { <choose::Choose user_id rules can_unlock actions error /> }.into_any()
                            }
                            Page::Done { unlocked } => view! { <Done unlocked actions /> }.into_any(),
                        }
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        </div>
    }
}

/// "Your password has been reset" (or unlocked): no automatic sign-in. "Start again" forgets
/// the finished flow, so that the next person at a shared computer starts afresh.
#[component]
fn Done(unlocked: bool, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let (title, body) = if unlocked { (t.unlocked_title, t.unlocked_body) } else { (t.done_title, t.done_body) };
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p class="status" role="status">{body}</p>
        <div class="actions">
            <a class="button" href="/setup">{t.sign_in_link}</a>
            <StartAgain actions />
        </div>
    }
}

/// "Start again": ends this browser's flow and shows the first step.
#[component]
fn StartAgain(actions: Actions) -> impl IntoView {
    let t = use_texts();
    view! {
        <ActionForm action=actions.cancel attr:class="form-inline">
            <button type="submit" class="button secondary" disabled=move || actions.cancel.pending().get()>
                {t.start_again_button}
            </button>
        </ActionForm>
    }
}

/// The policy's help desk: a web address or an e-mail address.
#[component]
fn Helpdesk(link: Option<String>) -> impl IntoView {
    let t = use_texts();
    link.map(|l| {
        let href = if l.contains('@') && !l.contains("://") { format!("mailto:{l}") } else { l.clone() };
        view! {
            <p class="helpdesk">
                {t.helpdesk_label} " " <a href=href rel="noopener noreferrer">{l}</a>
            </p>
        }
    })
}
