//! Text normalisation used wherever two strings must compare as a person would read them, and
//! the check of every text that one person writes and another reads.

/// NFKC, then Unicode case folding, then NFKC again (folding can denormalise).
#[cfg(feature = "ssr")]
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfkc: String = s.nfkc().collect();
    caseless::default_case_fold_str(&nfkc).nfkc().collect()
}

/// The browser's stand-in for the server's `fold`: lower case only. The browser uses it for
/// instant feedback (a password that contains the user's name), which the server checks again
/// with the real folding: the normalisation and case-folding tables (about 49 KB compressed)
/// stay out of the WebAssembly that phones download.
#[cfg(not(feature = "ssr"))]
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// `fold`, trimmed, with inner runs of white space collapsed to one space.
pub fn fold_words(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length in Unicode code points, the unit the password and answer rules count in.
pub fn code_points(s: &str) -> usize {
    s.chars().count()
}

#[cfg(feature = "ssr")]
pub use shown::{DisplayText, is_hidden};

/// The check of texts that other people read. Server only: the table of general categories
/// weighs about 40 KB (3,466 ranges), and the browser never checks these texts (the server is
/// the authority). Keeping it out of the `hydrate` build makes a future browser caller a
/// compile error rather than a heavier WebAssembly.
#[cfg(feature = "ssr")]
mod shown {
    use super::code_points;
    use crate::domain::error::{AppError, Field, Problem};
    use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};

    /// Zero-width non-joiner and joiner: Persian, the Indic scripts and emoji sequences need them.
    const ZWNJ: char = '\u{200C}';
    const ZWJ: char = '\u{200D}';

    /// Whether `c` may not appear in a text that someone else reads: a control character, a
    /// line or paragraph separator, or an invisible format character (general category Cf:
    /// direction overrides and isolates, zero-width space, soft hyphen, byte order mark, tag
    /// characters…), which could make a name or a question read as something else. ZWNJ and
    /// ZWJ are allowed.
    pub fn is_hidden(c: char) -> bool {
        match c.general_category() {
            G::Control | G::LineSeparator | G::ParagraphSeparator => true,
            G::Format => c != ZWNJ && c != ZWJ,
            _ => false,
        }
    }

    /// A text written in a form or a file that other people read: a display name, a group's
    /// name, a question, a note. Trimmed; `max` counts code points; `multiline` lets line breaks
    /// and tabs through (a note typed in a text area).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct DisplayText {
        pub field: Field,
        pub max: usize,
        pub required: bool,
        pub multiline: bool,
    }

    impl DisplayText {
        /// A required text on one line.
        pub const fn line(field: Field, max: usize) -> Self {
            DisplayText { field, max, required: true, multiline: false }
        }

        /// The text, trimmed, or the first rule it breaks: required, too long, invisible character.
        pub fn check(self, raw: &str) -> Result<String, AppError> {
            let text = raw.trim();
            let err = |problem| Err(AppError::field(self.field, problem));
            if self.required && text.is_empty() {
                return err(Problem::Required);
            }
            if code_points(text) > self.max {
                return err(Problem::TooLong { max: self.max as u32 });
            }
            let line_break = |c: char| self.multiline && matches!(c, '\n' | '\r' | '\t');
            if text.chars().any(|c| is_hidden(c) && !line_break(c)) {
                return err(Problem::InvisibleCharacter);
            }
            Ok(text.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(fold("ＡＬＩＣＥ@Contoso.Example"), "alice@contoso.example");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn collapses_inner_spaces() {
        assert_eq!(fold_words("  My   first\tPET "), "my first pet");
    }

    #[cfg(feature = "ssr")]
    mod display_text {
        use super::*;
        use crate::domain::{AppError, Field, Problem};

        const NAME: DisplayText = DisplayText::line(Field::DisplayName, 20);

        fn invisible() -> Result<String, AppError> {
            Err(AppError::field(Field::DisplayName, Problem::InvisibleCharacter))
        }

        #[test]
        fn refuses_direction_controls_and_invisible_characters() {
            for (c, what) in [
                ('\u{202E}', "right-to-left override"),
                ('\u{200B}', "zero-width space"),
                ('\u{2066}', "left-to-right isolate"),
                ('\u{FEFF}', "byte order mark (zero-width no-break space)"),
                ('\u{00AD}', "soft hyphen"),
                ('\u{200E}', "left-to-right mark"),
                ('\u{061C}', "Arabic letter mark"),
                ('\u{E0041}', "tag letter A"),
                ('\u{2028}', "line separator"),
                ('\u{0007}', "bell"),
                ('\u{0085}', "next line (C1 control)"),
            ] {
                assert_eq!(NAME.check(&format!("Ann{c}e")), invisible(), "{what}");
                assert!(is_hidden(c), "{what}");
            }
            // Shown as "Annejpg.exe": the override reverses what follows it.
            assert_eq!(NAME.check("Anne\u{202E}exe.gpj"), invisible());
        }

        #[test]
        fn keeps_what_languages_and_emoji_need() {
            // Persian "mikhāham" (I want): ZWNJ between the prefix and the verb.
            assert_eq!(NAME.check("می\u{200C}خواهم").as_deref(), Ok("می\u{200C}خواهم"));
            // Family emoji: man, ZWJ, woman, ZWJ, girl; a variation selector (Mn) too.
            assert_eq!(NAME.check("Ann 👨\u{200D}👩\u{200D}👧").as_deref(), Ok("Ann 👨\u{200D}👩\u{200D}👧"));
            assert_eq!(NAME.check("Ann ❤\u{FE0F}").as_deref(), Ok("Ann ❤\u{FE0F}"));
            // Devanagari with a virama and ZWJ (the half form of ksha).
            assert!(NAME.check("क्\u{200D}ष").is_ok());
            assert_eq!(NAME.check("  Zoë O’Brien-Łukasz  ").as_deref(), Ok("Zoë O’Brien-Łukasz"));
        }

        #[test]
        fn a_note_may_span_lines_a_name_may_not() {
            let note = DisplayText { multiline: true, ..DisplayText::line(Field::Note, 100) };
            assert_eq!(note.check(" Called back.\r\n\tDone. ").as_deref(), Ok("Called back.\r\n\tDone."));
            assert_eq!(note.check("Done\u{202E}"), Err(AppError::field(Field::Note, Problem::InvisibleCharacter)));
            assert_eq!(NAME.check("Ann\nMartin"), invisible());
        }

        #[test]
        fn required_and_length_come_first() {
            assert_eq!(NAME.check(" \t"), Err(AppError::field(Field::DisplayName, Problem::Required)));
            let optional = DisplayText { required: false, ..NAME };
            assert_eq!(optional.check("  ").as_deref(), Ok(""));
            assert_eq!(NAME.check(&"é".repeat(21)), Err(AppError::field(Field::DisplayName, Problem::TooLong { max: 20 })));
            assert_eq!(NAME.check(&"é".repeat(20)).map(|s| s.chars().count()), Ok(20));
        }
    }
}
