//! A number of seconds that counts down once the page is interactive.

use leptos::prelude::*;

/// Seconds left, counting down once the page is interactive (the server refuses early resends
/// anyway, with the time left).
pub fn countdown(start: i64) -> ReadSignal<i64> {
    let (left, set_left) = signal(start.max(0));
    #[cfg(feature = "hydrate")]
    if start > 0 {
        let handle = set_interval_with_handle(
            move || set_left.update(|s| *s = (*s - 1).max(0)),
            std::time::Duration::from_secs(1),
        );
        if let Ok(h) = handle {
            on_cleanup(move || h.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_left;
    left
}

