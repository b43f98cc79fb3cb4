//! Every text of a catalogue as data, for the browser tests: `end2end/generated/catalogue.json` is
//! written from here (by the test `the_browser_tests_read_the_catalogue_as_it_is`), so the strings
//! that Playwright expects are the Rust catalogue's, never a copy kept by hand.
//!
//! A text is a JSON string. A text with words put in (a name, an address) is a template where
//! `{0}`, `{1}`… stand for them. A text chosen by numbers, a flag or a code is a table from the
//! arguments, joined by commas, to the text (`"3,2"`), with a `template` for numbers beyond the
//! table where the numbers show as they are. `end2end/pages/catalogue.ts` reads it.

use serde_json::{Map, Value, json};

/// Counts the tables cover: small ones (where plural forms and special cases live) and the
/// policy's usual figures.
const NUMBERS: [u64; 22] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 24, 30, 60, 64, 90, 128, 256];
/// Pairs of numbers: both from this range.
const SMALL: std::ops::RangeInclusive<u64> = 0..=6;
/// Numbers too large for any table, standing for themselves in a template: `{0}` where the
/// first shows, `{1}` where the second does.
const MARKERS: [u64; 4] = [7_000_001, 7_000_002, 7_000_003, 7_000_004];
/// Seconds of a wait, for the limits said in words.
const WAITS: [i64; 7] = [30, 60, 61, 900, 3600, 86_340, 86_400];

/// One catalogue entry as data.
pub trait Sample {
    fn sample(&self) -> Value;
}

/// The codes a lookup (`question`, `audit_event`, `admin_word`, `inbox_reason`,
/// `audit_detail_key`) may be asked for: what the product records.
fn vocabulary() -> Vec<String> {
    use crate::domain::{audit::EVENTS, directory, registration, reset};
    let mut words: Vec<String> = super::PREDEFINED_QUESTIONS.iter().chain(EVENTS).map(|s| (*s).to_owned()).collect();
    words.extend(reset::Gate::ALL.map(|g| g.as_str().to_owned()));
    words.extend(registration::Method::ALL.map(|m| m.as_str().to_owned()));
    words.extend([registration::Channel::Sms, registration::Channel::Voice, registration::Channel::Email].map(|c| c.as_str().to_owned()));
    words.extend([directory::Role::User, directory::Role::Admin].map(|r| r.as_str().to_owned()));
    words.extend([directory::PasswordSource::Cloud, directory::PasswordSource::OnPremises].map(|s| s.as_str().to_owned()));
    for reason in ["not_enabled", "not_registered", "on_premises", "strict", "unknown_user"] {
        words.push(reason.to_owned());
    }
    for notice in ["password_reset", "unlocked", "password_changed"] {
        words.push(format!("not_me:{notice}"));
    }
    for key in ["gate", "gates", "method", "methods", "channel", "reason", "failures", "sessions_ended", "admins", "user_id", "role", "field", "fields", "pow", "to", "reported"] {
        words.push(key.to_owned());
    }
    words.sort();
    words.dedup();
    words
}

/// `text` with the marker numbers put back as placeholders: `MARKERS[i]` becomes `{first + i}`;
/// none if a marker does not show (a text that says its number in words has no template).
fn template(text: String, markers: usize, first: usize) -> Option<Value> {
    let mut text = text;
    for (i, m) in MARKERS[..markers].iter().enumerate() {
        let digits = m.to_string();
        if !text.contains(&digits) {
            return None;
        }
        text = text.replace(&digits, &format!("{{{}}}", first + i));
    }
    Some(Value::String(text))
}

fn table(rows: impl IntoIterator<Item = (String, String)>, template: Option<Value>) -> Value {
    let mut map: Map<String, Value> = rows.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    if let Some(t) = template {
        map.insert("template".to_owned(), t);
    }
    json!({ "table": map })
}

impl Sample for &'static str {
    fn sample(&self) -> Value {
        Value::String((*self).to_owned())
    }
}

// Texts with words put in: a template.
impl Sample for fn(&str) -> String {
    fn sample(&self) -> Value {
        Value::String(self("{0}"))
    }
}

impl Sample for fn(&str, &str) -> String {
    fn sample(&self) -> Value {
        Value::String(self("{0}", "{1}"))
    }
}

impl Sample for fn(&str, &str, &str) -> String {
    fn sample(&self) -> Value {
        Value::String(self("{0}", "{1}", "{2}"))
    }
}

impl Sample for fn(&str, &str, &str, &str) -> String {
    fn sample(&self) -> Value {
        Value::String(self("{0}", "{1}", "{2}", "{3}"))
    }
}

/// Texts chosen by one count: a table and, where the count shows, a template.
macro_rules! one_number {
    ($($n:ty),+) => {$(
        impl Sample for fn($n) -> String {
            fn sample(&self) -> Value {
                let rows = NUMBERS.iter().filter_map(|&x| <$n>::try_from(x).ok().map(|n| (x.to_string(), self(n))));
                let template = <$n>::try_from(MARKERS[0]).ok().and_then(|m| template(self(m), 1, 0));
                table(rows, template)
            }
        }
    )+};
}
one_number!(u8, u32, u64, i64, usize);

/// Texts chosen by two counts (small ones: a progress, a range).
macro_rules! two_numbers {
    ($($n:ty),+) => {$(
        impl Sample for fn($n, $n) -> String {
            fn sample(&self) -> Value {
                let rows: Vec<_> = SMALL.flat_map(|x| SMALL.map(move |y| (x, y))).map(|(x, y)| (format!("{x},{y}"), self(x as $n, y as $n))).collect();
                let template = match (<$n>::try_from(MARKERS[0]), <$n>::try_from(MARKERS[1])) {
                    (Ok(x), Ok(y)) => template(self(x, y), 2, 0),
                    _ => None,
                };
                table(rows, template)
            }
        }
    )+};
}
two_numbers!(u8, u32, usize);

impl Sample for fn(u32, u32, u32) -> String {
    fn sample(&self) -> Value {
        let [x, y, z, _] = MARKERS.map(|m| m as u32);
        table([], template(self(x, y, z), 3, 0))
    }
}

impl Sample for fn(u64, u64, u64) -> String {
    fn sample(&self) -> Value {
        table([], template(self(MARKERS[0], MARKERS[1], MARKERS[2]), 3, 0))
    }
}

/// A line of an import that is refused: (line, column, problem).
impl Sample for fn(u32, &str, &str) -> String {
    fn sample(&self) -> Value {
        table([], template(self(MARKERS[0] as u32, "{1}", "{2}"), 1, 0))
    }
}

/// A reminder: (name, a count chosen from the table or shown as it is, link, organisation).
impl Sample for fn(&str, i64, &str, &str) -> String {
    fn sample(&self) -> Value {
        let rows = NUMBERS.iter().map(|&x| (x.to_string(), self("{0}", x as i64, "{2}", "{3}")));
        table(rows, template(self("{0}", MARKERS[0] as i64, "{2}", "{3}"), 1, 1))
    }
}

/// The reports' chart: (first day, last day, resets, failures).
impl Sample for fn(&str, &str, i64, i64) -> String {
    fn sample(&self) -> Value {
        table([], template(self("{0}", "{1}", MARKERS[0] as i64, MARKERS[1] as i64), 2, 2))
    }
}

impl Sample for fn(bool, bool) -> String {
    fn sample(&self) -> Value {
        let both = [false, true];
        table(both.iter().flat_map(|&x| both.map(|y| (format!("{x},{y}"), self(x, y)))), None)
    }
}

/// A reset refused by a limit: (the limit in snake case, seconds to wait).
impl Sample for fn(crate::domain::reset::ResetLimit, i64) -> String {
    fn sample(&self) -> Value {
        use crate::domain::reset::ResetLimit as L;
        let limits = [("account_attempts", L::AccountAttempts), ("account_failures", L::AccountFailures), ("address_attempts", L::AddressAttempts), ("address_failures", L::AddressFailures)];
        table(limits.iter().flat_map(|&(name, limit)| WAITS.map(|secs| (format!("{name},{secs}"), self(limit, secs)))), None)
    }
}

impl Sample for fn(crate::domain::directory::AccountFilter) -> &'static str {
    fn sample(&self) -> Value {
        use crate::domain::directory::AccountFilter;
        table(AccountFilter::ALL.map(|f| (f.as_str().to_owned(), self(f).to_owned())), None)
    }
}

/// Lookups by a code: a table of the codes the catalogue knows.
impl Sample for fn(&str) -> Option<&'static str> {
    fn sample(&self) -> Value {
        table(vocabulary().into_iter().filter_map(|w| self(&w).map(|t| (w, t.to_owned()))), None)
    }
}

/// The generated file, as the browser tests read it: for each language, the pages' texts and
/// the server's (the server's win no name clash: the two sets of names are disjoint).
pub fn catalogue() -> Value {
    let mut all = Map::new();
    for locale in super::Locale::ALL {
        let mut texts = locale.texts().samples();
        texts.extend(locale.server_texts().samples());
        all.insert(locale.code().to_owned(), Value::Object(texts));
    }
    Value::Object(all)
}
