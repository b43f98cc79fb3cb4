//! Text normalisation used wherever two strings must compare as a person would read them.

use unicode_normalization::UnicodeNormalization;

/// NFKC, then Unicode case folding, then NFKC again (folding can denormalise).
pub fn fold(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    caseless::default_case_fold_str(&nfkc).nfkc().collect()
}

/// `fold`, trimmed, with inner runs of white space collapsed to one space.
pub fn fold_words(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length in Unicode code points, the unit the password and answer rules count in.
pub fn code_points(s: &str) -> usize {
    s.chars().count()
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
}
