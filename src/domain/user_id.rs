//! The user ID: an e-mail-like sign-in name, compared after NFKC and case folding.

use super::error::{AppError, Field, Problem};
use super::text::{code_points, fold};
use serde::{Deserialize, Serialize};

pub const MAX_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(String);

impl UserId {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let err = |p| AppError::field(Field::UserId, p);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(err(Problem::Required));
        }
        if code_points(trimmed) > MAX_LEN {
            return Err(err(Problem::TooLong { max: MAX_LEN as u32 }));
        }
        let folded = fold(trimmed);
        // Folding can lengthen text (`ǆ` becomes `dž`): the stored form must keep the limit too.
        if code_points(&folded) > MAX_LEN {
            return Err(err(Problem::TooLong { max: MAX_LEN as u32 }));
        }
        let valid = match folded.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && domain.contains('.')
                    && !folded.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !valid {
            return Err(err(Problem::NotAUserId));
        }
        // The user ID typed at the reset portal reaches the administrators' inbox and e-mail, even
        // for no account: nothing in it may disguise it. Checked on the server (`is_hidden`).
        #[cfg(feature = "ssr")]
        if folded.chars().any(super::text::is_hidden) {
            return Err(err(Problem::InvisibleCharacter));
        }
        Ok(UserId(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_user_id_that_folding_lengthens_past_the_limit_is_too_long() {
        // Found by fuzzing: 200 code points typed, 254+ once case folded.
        let raw = format!("{}@contoso.example", "\u{1C6}".repeat(200));
        assert_eq!(UserId::parse(&raw), Err(AppError::field(Field::UserId, Problem::TooLong { max: MAX_LEN as u32 })));
    }
    use super::*;

    #[test]
    fn compares_after_folding() {
        assert_eq!(
            UserId::parse(" Alice@CONTOSO.example ").unwrap(),
            UserId::parse("alice@contoso.example").unwrap()
        );
    }

    #[test]
    fn refuses_what_is_not_a_user_id() {
        for bad in ["alice", "@contoso.example", "alice@", "a b@c.example", "a@b@c.example", "a@localhost"] {
            assert_eq!(
                UserId::parse(bad),
                Err(AppError::field(Field::UserId, Problem::NotAUserId)),
                "{bad}"
            );
        }
        assert_eq!(UserId::parse("  "), Err(AppError::field(Field::UserId, Problem::Required)));
        #[cfg(feature = "ssr")]
        for hidden in ["admin\u{202E}@contoso.example", "ad\u{200B}min@contoso.example", "\u{FEFF}a@contoso.example"] {
            assert_eq!(UserId::parse(hidden), Err(AppError::field(Field::UserId, Problem::InvisibleCharacter)), "{hidden:?}");
        }
        let long = format!("{}@contoso.example", "a".repeat(300));
        assert!(matches!(UserId::parse(&long), Err(AppError::Field { problem: Problem::TooLong { .. }, .. })));
    }
}
