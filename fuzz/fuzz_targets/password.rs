//! The password rules, input `NEW\nCONFIRM\nUSER_ID\nDISPLAY_NAME` (the first byte also picks
//! one or two registered methods): `NewPassword::parse` (with the server's common-password
//! check) and the browser's `feedback` never panic and agree: an accepted password breaks no
//! rule of `feedback`, is within the length limits, contains no context word, and is kept as
//! typed (no truncation, no trimming).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::password::{MAX_LEN, feedback};
use sspr::domain::text::{code_points, fold};
use sspr::domain::{Field, NewPassword, PasswordContext, Problem};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut parts = text.split('\n');
    let new = parts.next().unwrap_or("");
    let confirm = parts.next().map_or(new, |c| if flags & 2 == 0 { new } else { c });
    let user_id = parts.next().unwrap_or("alice.martin@contoso.example");
    let name = parts.next().unwrap_or("Alice Martin");
    let mut ctx = PasswordContext::new(user_id, name, "Contoso");
    ctx.two_methods = flags & 1 == 1;
    let rules = ctx.rules();
    let problems = feedback(new, confirm, &rules);
    let len = code_points(new);
    let too_long = problems.contains(&(Field::NewPassword, Problem::TooLong { max: MAX_LEN as u32 }));
    assert_eq!(too_long, len > MAX_LEN, "{len} code points");
    let too_short = problems.iter().any(|(_, p)| matches!(p, Problem::TooShort { .. }));
    assert_eq!(too_short, len > 0 && len < ctx.min_len());
    assert_eq!(problems.contains(&(Field::ConfirmPassword, Problem::Mismatch)), new != confirm);
    match NewPassword::parse(new, confirm, &ctx) {
        Ok(p) => {
            assert!(problems.is_empty(), "accepted despite {problems:?}");
            assert_eq!(p.expose(), new, "the password was changed");
            assert!((ctx.min_len()..=MAX_LEN).contains(&len));
            let folded = fold(new);
            assert!(!rules.words.iter().any(|w| folded.contains(w.as_str())));
        }
        Err(e) => {
            let Some(field) = e.field_name() else { panic!("{e:?} is not at a field") };
            assert!(matches!(field, Field::NewPassword | Field::ConfirmPassword), "{e:?}");
        }
    }
});
