//! The audit log's filters, input `USER_ID\nEVENT\nFROM\nTO`, and its pager's cursors (the
//! whole input): never panic; accepted filters have a known event and a range that does not
//! end before it starts, whose seconds are computed without overflow; a cursor prints and
//! parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::audit::{AuditFilter, AuditQuery, Cursor, EVENTS, PageAt};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(c) = Cursor::parse(text) {
        assert_eq!(Cursor::parse(&c.to_string()), Some(c));
        assert_eq!(PageAt::parse(Some(text), None), PageAt::Before(c));
    }
    let mut parts = text.split('\n').map(|s| Some(s.to_owned()));
    let q = AuditQuery { user_id: parts.next().flatten(), event: parts.next().flatten(), from: parts.next().flatten(), to: parts.next().flatten() };
    let Ok(f) = AuditFilter::parse(&q) else { return };
    assert!(f.event.is_none_or(|e| EVENTS.contains(&e)));
    if let (Some(since), Some(until)) = (f.since(), f.until()) {
        assert!(since < until, "{q:?}");
    }
});
