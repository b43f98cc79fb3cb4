//! The check of texts that other people read (`text::DisplayText` and the fields built on it),
//! input: rule flags (first byte), the longest length (second byte), then the text. Never
//! panics; an accepted text is the input trimmed, within its length, not empty when required,
//! free of hidden characters (line breaks only where allowed), and accepted again unchanged;
//! a text refused as invisible really holds a hidden character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::directory::display_name;
use sspr::domain::policy::{group_description, group_name, question_text};
use sspr::domain::text::{DisplayText, code_points, is_hidden};
use sspr::domain::{AppError, Field, Problem};

fuzz_target!(|data: &[u8]| {
    let [flags, max, rest @ ..] = data else { return };
    let Ok(raw) = std::str::from_utf8(rest) else { return };
    let rule = DisplayText { field: Field::Note, max: usize::from(*max), required: flags & 1 == 1, multiline: flags & 2 == 2 };
    match rule.check(raw) {
        Ok(text) => {
            assert_eq!(text, raw.trim());
            assert!(code_points(&text) <= rule.max);
            assert!(!rule.required || !text.is_empty());
            let allowed = |c: char| rule.multiline && matches!(c, '\n' | '\r' | '\t');
            assert!(!text.chars().any(|c| is_hidden(c) && !allowed(c)), "{text:?}");
            assert_eq!(rule.check(&text).as_ref(), Ok(&text));
        }
        Err(AppError::Field { field: Field::Note, problem: Problem::InvisibleCharacter }) => assert!(raw.chars().any(is_hidden)),
        Err(AppError::Field { field: Field::Note, problem: Problem::Required | Problem::TooLong { .. } }) => {}
        Err(other) => panic!("unexpected {other:?}"),
    }
    // The fields built on it agree with one another on what is hidden.
    let hidden = |r: Result<String, AppError>| matches!(r, Err(AppError::Field { problem: Problem::InvisibleCharacter, .. }));
    let refused = [hidden(display_name(raw)), hidden(group_name(raw)), hidden(group_description(raw)), hidden(question_text(raw))];
    if code_points(raw.trim()) <= 100 && !raw.trim().is_empty() {
        assert!(refused.iter().all(|r| *r == refused[0]), "{raw:?}: {refused:?}");
    }
});
