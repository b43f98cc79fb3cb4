//! `UserId::parse`: never panics; an accepted ID is folded, within the length limit, has one
//! `@` and nothing invisible, and parses back to itself (accounts store the folded form and
//! parse it again at reset).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::text::{code_points, fold, is_hidden};
use sspr::domain::{UserId, user_id::MAX_LEN};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let Ok(id) = UserId::parse(raw) else { return };
    let s = id.as_str();
    assert!(code_points(s) <= MAX_LEN, "{s:?} is longer than {MAX_LEN}");
    assert_eq!(s.matches('@').count(), 1, "{s:?}");
    assert!(!s.chars().any(|c| c.is_whitespace() || is_hidden(c)), "{s:?}");
    assert_eq!(fold(s), s, "not in folded form: {s:?}");
    assert_eq!(UserId::parse(s).as_ref(), Ok(&id), "{s:?} does not parse back to itself");
});
