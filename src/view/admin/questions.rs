//! The console's question list.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionList {
    /// In the order users see them.
    pub active: Vec<QuestionRow>,
    pub retired: Vec<QuestionRow>,
    pub max_active: u32,
    /// The policy's questions to register: the list keeps at least that many.
    pub min_active: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRow {
    pub id: i64,
    /// Written by an administrator (one text in every language); else predefined.
    pub custom: bool,
    pub en: String,
    pub fr: String,
    /// Accounts that answered it.
    pub answered: i64,
    pub retired: bool,
}
