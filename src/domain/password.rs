//! The password rules of SPEC §6: length in code points (15–128, or 8 with two registered
//! methods), no composition rules, no truncation, and no context words.

use super::error::{AppError, Field, Problem};
use super::text::{code_points, fold};

pub const MIN_LEN: usize = 15;
pub const MIN_LEN_WITH_TWO_METHODS: usize = 8;
pub const MAX_LEN: usize = 128;

/// Words a password must not contain: the user ID, its parts, the display name, the organisation.
#[derive(Debug, Clone, Default)]
pub struct PasswordContext {
    pub words: Vec<String>,
    /// Two methods registered: the shorter minimum applies.
    pub two_methods: bool,
}

impl PasswordContext {
    pub fn new(user_id: &str, display_name: &str, organisation: &str) -> Self {
        let mut words = Vec::new();
        let mut push = |w: &str| {
            let w = fold(w.trim());
            if code_points(&w) >= 4 && !words.contains(&w) {
                words.push(w);
            }
        };
        push(user_id);
        if let Some((local, domain)) = user_id.split_once('@') {
            push(local);
            push(domain.split('.').next().unwrap_or(""));
        }
        for part in display_name.split_whitespace() {
            push(part);
        }
        push(organisation);
        PasswordContext { words, two_methods: false }
    }

    pub fn min_len(&self) -> usize {
        if self.two_methods { MIN_LEN_WITH_TWO_METHODS } else { MIN_LEN }
    }
}

/// A new password that passed every rule. Never `Debug`-printed with its content.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

impl NewPassword {
    /// Checks `new` and its confirmation; the first broken rule is returned at its field.
    pub fn parse(new: &str, confirm: &str, ctx: &PasswordContext) -> Result<Self, AppError> {
        let err = |p| AppError::field(Field::NewPassword, p);
        let len = code_points(new);
        if len == 0 {
            return Err(err(Problem::Required));
        }
        if len < ctx.min_len() {
            return Err(err(Problem::TooShort { min: ctx.min_len() as u32 }));
        }
        if len > MAX_LEN {
            return Err(err(Problem::TooLong { max: MAX_LEN as u32 }));
        }
        let folded = fold(new);
        if ctx.words.iter().any(|w| folded.contains(w.as_str())) {
            return Err(err(Problem::ContainsContext));
        }
        if new != confirm {
            return Err(AppError::field(Field::ConfirmPassword, Problem::Mismatch));
        }
        Ok(NewPassword(new.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PasswordContext {
        PasswordContext::new("alice@contoso.example", "Alice Martin", "Contoso")
    }

    #[test]
    fn length_counts_code_points_and_has_no_composition_rules() {
        assert!(NewPassword::parse("ééééééééééééééé", "ééééééééééééééé", &ctx()).is_ok());
        let short = "é".repeat(14);
        assert_eq!(
            NewPassword::parse(&short, &short, &ctx()).unwrap_err(),
            AppError::field(Field::NewPassword, Problem::TooShort { min: 15 })
        );
        let long = "x".repeat(129);
        assert!(matches!(
            NewPassword::parse(&long, &long, &ctx()),
            Err(AppError::Field { problem: Problem::TooLong { max: 128 }, .. })
        ));
        let max = "y".repeat(128);
        assert_eq!(NewPassword::parse(&max, &max, &ctx()).unwrap().expose(), max, "no truncation");
    }

    #[test]
    fn two_methods_lower_the_minimum_to_eight() {
        let mut c = ctx();
        c.two_methods = true;
        assert!(NewPassword::parse("rivers99", "rivers99", &c).is_ok());
    }

    #[test]
    fn refuses_context_words_and_mismatch() {
        for bad in ["ALICE-and-the-long-river", "the contoso password!!", "correct martin horse staple"] {
            assert_eq!(
                NewPassword::parse(bad, bad, &ctx()).unwrap_err(),
                AppError::field(Field::NewPassword, Problem::ContainsContext),
                "{bad}"
            );
        }
        assert_eq!(
            NewPassword::parse("correct horse battery", "correct horse batterz", &ctx()).unwrap_err(),
            AppError::field(Field::ConfirmPassword, Problem::Mismatch)
        );
    }

    #[test]
    fn debug_never_shows_the_password() {
        let p = NewPassword::parse("correct horse battery", "correct horse battery", &ctx()).unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }
}
