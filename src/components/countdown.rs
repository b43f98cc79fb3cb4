//! The wait before a new code may be asked for, counting down in the browser.

use crate::i18n::{min_sec, use_texts};
use leptos::prelude::*;

/// "You can ask for a new code in 45 s", counting down once the page is interactive and gone at
/// zero (the server refuses an early resend anyway, with the time left).
#[component]
pub fn ResendWait(secs: i64) -> impl IntoView {
    // The island gets the sentence around the time, so that no catalogue rides in the
    // WebAssembly that portal pages download.
    const TIME: char = '\u{1}';
    let sentence = (use_texts().resend_wait)(&TIME.to_string());
    let (before, after) = sentence.split_once(TIME).unwrap_or((&sentence, ""));
    view! { <ResendWaitIsland secs before=before.to_owned() after=after.to_owned() /> }
}

/// [`ResendWait`]'s part that counts down in the browser: the rest of the page is the server's HTML.
#[island]
fn ResendWaitIsland(secs: i64, before: String, after: String) -> impl IntoView {
    let left = countdown(secs);
    move || (left.get() > 0).then(|| view! { <p class="hint">{format!("{before}{}{after}", min_sec(left.get()))}</p> })
}

/// Seconds left, counting down once a second in the browser; the timer stops at zero (an island
/// is never disposed of, even when the router replaces the page it was on).
fn countdown(start: i64) -> ReadSignal<i64> {
    let (left, set_left) = signal(start.max(0));
    #[cfg(feature = "hydrate")]
    if start > 0 {
        let timer = std::rc::Rc::new(std::cell::Cell::new(None::<IntervalHandle>));
        let stop = timer.clone();
        let tick = move || {
            set_left.update(|s| *s = (*s - 1).max(0));
            if left.get_untracked() == 0 {
                if let Some(handle) = stop.take() {
                    handle.clear();
                }
            }
        };
        timer.set(set_interval_with_handle(tick, std::time::Duration::from_secs(1)).ok());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_left;
    left
}
