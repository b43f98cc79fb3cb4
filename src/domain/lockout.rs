//! Sign-in lock-out: after repeated failures the wait grows, whether or not the user ID exists.

/// Failures allowed before the first wait.
pub const FREE_FAILURES: i64 = 5;
/// The first wait, doubled at each further failure, up to a day.
pub const FIRST_WAIT_SECS: i64 = 60;
pub const MAX_WAIT_SECS: i64 = 24 * 3600;

/// Failed sign-ins allowed by default from one client address per window, whatever the user
/// IDs: stops one machine from spraying guesses across many accounts (`SSPR_SIGN_IN_ADDRESS_LIMIT`).
pub const ADDRESS_FAILURES_PER_WINDOW: i64 = 30;
pub const ADDRESS_WINDOW_SECS: i64 = 15 * 60;

/// How long to lock after the `failures`-th failure in a row, if at all.
pub fn wait_after(failures: i64) -> Option<i64> {
    if failures < FREE_FAILURES {
        return None;
    }
    let doublings = (failures - FREE_FAILURES).min(20) as u32;
    Some((FIRST_WAIT_SECS << doublings).min(MAX_WAIT_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_at_the_fifth_failure_and_doubles_up_to_a_day() {
        assert_eq!(wait_after(4), None);
        assert_eq!(wait_after(5), Some(60));
        assert_eq!(wait_after(6), Some(120));
        assert_eq!(wait_after(7), Some(240));
        assert_eq!(wait_after(40), Some(MAX_WAIT_SECS));
    }
}
