//! Security answers (`answers::check`), input: the number of questions asked (first byte), then
//! lines `QUESTION_ID\nANSWER\n…`. Never panics; accepted answers are one per question asked,
//! on distinct questions of the list, normalised (3 to 40 characters, no outer or doubled white
//! space, stable when normalised again) and distinct.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::answers::{MAX_LEN, MIN_LEN, check, normalise};
use sspr::domain::text::code_points;

fn texts(id: i64) -> Option<Vec<String>> {
    (1..=20).contains(&id).then(|| vec![format!("What was the name of your street number {id}?"), "Quel était le nom de votre rue ?".into()])
}

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let count = count % 7; // 0 to 6: beyond the policy's 3 to 5 on purpose
    let mut lines = text.split('\n');
    let mut entries = Vec::new();
    while let Some(q) = lines.next() {
        entries.push((Some(q.to_owned()), lines.next().map(str::to_owned)));
    }
    let Ok(answers) = check(&entries, count, texts) else { return };
    assert_eq!(answers.len(), usize::from(count));
    for (i, a) in answers.iter().enumerate() {
        let n = a.expose();
        assert!((MIN_LEN..=MAX_LEN).contains(&code_points(n)), "{n:?}");
        assert_eq!(n, n.trim());
        assert!(!n.contains("  "), "{n:?}");
        assert_eq!(normalise(n), n, "normalising twice changes {n:?}");
        assert!(texts(a.question_id).is_some());
        assert!(answers[..i].iter().all(|b| b.question_id != a.question_id && b.expose() != n));
    }
});
