//! The console's CSV import.

use serde::{Deserialize, Serialize};

/// Rows a CSV file imported from the browser may have (the command line has no limit).
pub const MAX_IMPORT_ROWS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// User ID and temporary password of each account created, in the file's order.
    pub accounts: Vec<(String, String)>,
}
