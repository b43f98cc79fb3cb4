//! The server's phone parsing (`server::phone::parse`), input `COUNTRY\nNUMBER`: never panics;
//! an accepted number is E.164 (`+` and at most 15 digits), parses back to itself without a
//! country, and masks without panicking, keeping its country code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::server::phone;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (country, number) = text.split_once('\n').unwrap_or(("", text));
    let Ok(e164) = phone::parse(country, number) else { return };
    let digits = e164.strip_prefix('+').unwrap_or_else(|| panic!("{e164:?} lacks its +"));
    assert!((2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()), "{e164:?} is not E.164");
    assert_eq!(phone::parse("", &e164).as_deref(), Ok(e164.as_str()), "{e164:?} does not parse back to itself");
    let masked = phone::mask(&e164);
    assert!(masked.starts_with('+') && e164.starts_with(masked.split(' ').next().unwrap_or("")), "{e164:?} masked as {masked:?}");
});
