//! The first step: the user ID, and the proof of work that the WebAssembly solves while the
//! user types (an island). Without scripts the form still posts, and a stricter per-address
//! limit applies.

use super::Actions;
use crate::components::{Field, FormAlert, field_error, form_error};
use crate::domain::pow::Challenge;
use crate::domain::{AppError, Field as F};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Start(challenge: Challenge, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let start = actions.start;
    // A strict-mode link opened in another browser (or after its flow ended) lands here.
    let stale_link = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("continue").is_some());
    let error = Signal::derive(move || error.get().or_else(|| stale_link.then_some(AppError::FlowEnded)));
    view! {
        <Title text=t.reset_title />
        <h1>{t.reset_title}</h1>
        <p>{t.reset_intro}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=start attr:class="form" attr:novalidate=true>
            <Field
                label=t.user_id_label
                name="user_id"
                autocomplete="username"
                inputmode="email"
                hint=t.reset_user_id_hint
                error=field_error(error, F::UserId)
            />
            <input type="hidden" name="challenge" value=challenge.token.clone() />
            <SolvedSubmit challenge label=t.next_button.to_owned() working=t.pow_working.to_owned() />
        </ActionForm>
    }
}

/// The proof of work's answer and the form's button, which waits for it (a fraction of a
/// second). Without scripts there is no answer: the form posts anyway (stricter limits). The
/// island gets its words from the page, so that no catalogue rides in the WebAssembly.
#[island]
fn SolvedSubmit(challenge: Challenge, label: String, working: String) -> impl IntoView {
    let solution = solve_in_background(challenge);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let solving = move || hydrated.get() && solution.get().is_none();
    view! {
        <input type="hidden" name="pow" prop:value=move || solution.get().map(|n| n.to_string()).unwrap_or_default() />
        <button type="submit" class="button" disabled=solving aria-describedby="pow-status">
            {label}
        </button>
        <p id="pow-status" class="hint" aria-live="polite">{move || solving().then(|| working.clone())}</p>
    }
}

/// The nonce that solves `challenge`, once found. Solved in slices between which the browser
/// gets control back, so the page stays responsive; nothing happens on the server.
fn solve_in_background(challenge: Challenge) -> ReadSignal<Option<u64>> {
    let (solution, set_solution) = signal(None::<u64>);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        const SLICE: u64 = 4096;
        let mut from = 0u64;
        loop {
            // The browser's turn first, before every slice: the page's islands finish hydrating
            // before the first one runs.
            next_tick().await;
            if let Some(n) = crate::domain::pow::search(&challenge, from, SLICE) {
                set_solution.set(Some(n));
                return;
            }
            from += SLICE;
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (challenge, set_solution);
    solution
}

/// Gives the browser its turn (a zero-delay timer).
#[cfg(feature = "hydrate")]
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
