//! The two e-mail parsers, input `TYPED\nPRIMARY`: the primary e-mail an administrator types
//! and the authentication e-mail a user registers. Never panic; an accepted address is the
//! input trimmed, within 254 characters, has a dotted domain, nothing invisible, parses back
//! to itself, and (authentication e-mail) never equals the primary one after folding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::directory::primary_email;
use sspr::domain::registration::{MAX_EMAIL_LEN, auth_email, mask_email};
use sspr::domain::text::{code_points, fold, is_hidden};

fn well_formed(raw: &str, address: &str) {
    assert_eq!(address, raw.trim());
    assert!(code_points(address) <= MAX_EMAIL_LEN, "{address:?}");
    assert!(address.rsplit_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.')), "{address:?}");
    assert!(!address.chars().any(is_hidden), "{address:?}");
    assert!(mask_email(address).ends_with(address.rsplit_once('@').map_or("", |(_, d)| d)));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (typed, primary) = text.split_once('\n').unwrap_or((text, "alice@contoso.example"));
    if let Ok(address) = primary_email(typed) {
        well_formed(typed, &address);
        assert_eq!(primary_email(&address).as_ref(), Ok(&address));
    }
    if let Ok(address) = auth_email(typed, primary) {
        well_formed(typed, &address);
        assert_ne!(fold(&address), fold(primary.trim()), "the primary e-mail accepted as authentication e-mail");
        assert_eq!(auth_email(&address, primary).as_ref(), Ok(&address));
    }
});
