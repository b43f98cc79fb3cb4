//! Security-question answers (SPEC §2): exactly the policy's number of questions, no question
//! twice, no answer twice after normalisation, 3–40 characters, not just the question's words.
//! Answers are normalised before hashing, so "  My  Cat " and "my cat" are the same answer.

use super::error::{AppError, Field, Problem};
use super::text::{code_points, fold_words};

pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 40;

/// NFKC, case folded, trimmed, inner white space collapsed: the form that is hashed.
pub fn normalise(raw: &str) -> String {
    fold_words(raw)
}

/// One chosen question with its normalised answer. Never printed with the answer.
pub struct Answer {
    pub question_id: i64,
    normalised: String,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer").field("question_id", &self.question_id).finish_non_exhaustive()
    }
}

impl Answer {
    pub fn expose(&self) -> &str {
        &self.normalised
    }
}

fn words(s: &str) -> Vec<String> {
    normalise(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Checks the form's `(question id, answer)` pairs, in order, against the `count` the policy
/// asks for. `question_texts(id)` gives the question's texts (every language) when the id is
/// on the list. The first broken rule is returned at its field.
pub fn check(
    entries: &[(Option<String>, Option<String>)],
    count: u8,
    question_texts: impl Fn(i64) -> Option<Vec<String>>,
) -> Result<Vec<Answer>, AppError> {
    let mut answers: Vec<Answer> = Vec::with_capacity(count.into());
    for n in 1..=count {
        let (question, answer) = entries.get(usize::from(n - 1)).cloned().unwrap_or((None, None));
        let q_err = |p| AppError::field(Field::Question(n), p);
        let a_err = |p| AppError::field(Field::Answer(n), p);
        let question = question.as_deref().map(str::trim).filter(|q| !q.is_empty()).ok_or(q_err(Problem::Required))?;
        let question_id: i64 = question.parse().map_err(|_| q_err(Problem::UnknownQuestion))?;
        let texts = question_texts(question_id).ok_or(q_err(Problem::UnknownQuestion))?;
        if answers.iter().any(|a| a.question_id == question_id) {
            return Err(q_err(Problem::DuplicateQuestion));
        }
        let normalised = normalise(answer.as_deref().unwrap_or(""));
        let len = code_points(&normalised);
        if len == 0 {
            return Err(a_err(Problem::Required));
        }
        if len < MIN_LEN {
            return Err(a_err(Problem::TooShort { min: MIN_LEN as u32 }));
        }
        if len > MAX_LEN {
            return Err(a_err(Problem::TooLong { max: MAX_LEN as u32 }));
        }
        let answer_words = words(&normalised);
        if texts.iter().any(|t| {
            let question_words = words(t);
            answer_words.iter().all(|w| question_words.contains(w))
        }) {
            return Err(a_err(Problem::AnswerIsQuestion));
        }
        if answers.iter().any(|a| a.normalised == normalised) {
            return Err(a_err(Problem::DuplicateAnswer));
        }
        answers.push(Answer { question_id, normalised });
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(id: i64) -> Option<Vec<String>> {
        (1..=10).contains(&id).then(|| vec![format!("What is the name of your first pet number {id}?"), "Question française".into()])
    }

    fn entry(q: &str, a: &str) -> (Option<String>, Option<String>) {
        (Some(q.into()), Some(a.into()))
    }

    #[test]
    fn accepts_three_distinct_answers_normalised() {
        let got = check(&[entry("1", "  Rex  the DOG "), entry("2", "Paris"), entry("3", "blue")], 3, texts).unwrap();
        assert_eq!(got.iter().map(|a| a.expose()).collect::<Vec<_>>(), ["rex the dog", "paris", "blue"]);
        assert_eq!(format!("{:?}", got[0]), "Answer { question_id: 1, .. }");
    }

    #[test]
    fn refuses_each_broken_rule_at_its_field() {
        let f = |field, problem| Err(AppError::field(field, problem));
        let run = |e: &[(Option<String>, Option<String>)]| check(e, 3, texts).map(|_| ());
        assert_eq!(run(&[entry("1", "rex"), entry("1", "paris"), entry("3", "blue")]), f(Field::Question(2), Problem::DuplicateQuestion));
        assert_eq!(run(&[entry("1", "rex"), entry("2", "REX "), entry("3", "blue")]), f(Field::Answer(2), Problem::DuplicateAnswer));
        assert_eq!(run(&[entry("1", "ab"), entry("2", "paris"), entry("3", "blue")]), f(Field::Answer(1), Problem::TooShort { min: 3 }));
        assert_eq!(run(&[entry("1", &"x".repeat(41)), entry("2", "p"), entry("3", "b")]), f(Field::Answer(1), Problem::TooLong { max: 40 }));
        assert_eq!(run(&[entry("1", "first pet"), entry("2", "paris"), entry("3", "blue")]), f(Field::Answer(1), Problem::AnswerIsQuestion));
        assert_eq!(run(&[entry("99", "rex"), entry("2", "paris"), entry("3", "blue")]), f(Field::Question(1), Problem::UnknownQuestion));
        assert_eq!(run(&[entry("x", "rex"), entry("2", "paris"), entry("3", "blue")]), f(Field::Question(1), Problem::UnknownQuestion));
        assert_eq!(run(&[entry("1", "rex"), entry("2", "paris")]), f(Field::Question(3), Problem::Required));
        assert_eq!(run(&[entry("1", "rex"), entry("2", "   "), entry("3", "blue")]), f(Field::Answer(2), Problem::Required));
    }
}
