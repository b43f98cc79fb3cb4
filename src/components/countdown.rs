//! The wait before a new code may be asked for, counting down in the browser.

use crate::i18n::use_texts;
use leptos::prelude::*;

/// "You can ask for a new code in 0:45", counting down once the page is interactive and gone at
/// zero. An island: the rest of the page is the server's HTML (the server refuses an early
/// resend anyway, with the time left).
#[island]
pub fn ResendWait(secs: i64) -> impl IntoView {
    let t = use_texts();
    let left = countdown(secs);
    move || (left.get() > 0).then(|| view! { <p class="hint">{(t.resend_wait)(left.get())}</p> })
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
