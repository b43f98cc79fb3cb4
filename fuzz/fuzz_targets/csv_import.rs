//! The CSV import (`server::admin::import::parse`) on whole files, with the groups Staff and
//! Sales: never panics; a refused file names a line (from 1) and a column; an accepted one has
//! at most `max_rows` rows, in the order of their lines, with distinct user IDs, each row's
//! values checked again unchanged (display name, primary e-mail, user ID), known groups only.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::directory::{display_name, primary_email};
use sspr::domain::{AppError, UserId};
use sspr::server::admin::import::parse;
use std::collections::{HashMap, HashSet};

fuzz_target!(|data: &[u8]| {
    let Some((&max, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let groups = HashMap::from([("Staff".to_owned(), 1), ("Sales".to_owned(), 2)]);
    let max_rows = (max > 0).then_some(usize::from(max % 16));
    match parse(text, &groups, max_rows) {
        Err(AppError::BadRow { line, .. }) => assert!(line >= 1, "a refused file must name a line"),
        Err(other) => panic!("not a line's error: {other:?}"),
        Ok(rows) => {
            assert!(!rows.is_empty());
            assert!(max_rows.is_none_or(|max| rows.len() <= max));
            let mut seen = HashSet::new();
            for (i, row) in rows.iter().enumerate() {
                assert!(i == 0 || rows[i - 1].line < row.line);
                assert!(seen.insert(row.user_id.as_str().to_owned()), "{} twice", row.user_id);
                assert_eq!(UserId::parse(row.user_id.as_str()).as_ref(), Ok(&row.user_id));
                assert_eq!(display_name(&row.display_name).as_ref(), Ok(&row.display_name));
                assert!(row.primary_email == row.user_id.as_str() || primary_email(&row.primary_email).as_ref() == Ok(&row.primary_email));
                assert!(row.groups.iter().all(|g| [1, 2].contains(g)));
            }
        }
    }
});
