//! `sspr seed`: many registered accounts at once, for measurements and scale tests (the reset
//! timing measurement, the admin console's lists). Never for a production directory: every
//! seeded account has the demo's published password.

use super::crypto::hash_now;
use super::db::{self, Db, accounts::NewAccount};
use crate::domain::UserId;
use std::collections::HashMap;

pub use super::demo::PASSWORD;

/// Accounts per transaction: large enough to be fast, small enough not to hold SQLite's write
/// lock for long.
const BATCH: u32 = 500;

/// The user ID of the `i`-th seeded account (from 1).
pub fn user_id(i: u32) -> String {
    format!("seed{i}@contoso.example")
}

/// Creates the accounts `seed1@contoso.example` to `seed{count}@…` that do not exist yet, each
/// with a verified authentication e-mail and phone and confirmed, so that any of them can reset
/// its password with one method. Returns how many were created.
pub async fn accounts(db: &Db, count: u32) -> Result<u32, String> {
    // One argon2id hash for all of them: hashing is what would make seeding slow.
    let password_hash = hash_now(PASSWORD).map_err(|e| e.to_string())?;
    let mut created = 0;
    for first in (1..=count).step_by(BATCH as usize) {
        let numbers = first..=count.min(first + BATCH - 1);
        let batch: Vec<NewAccount> = numbers
            .clone()
            .map(|i| NewAccount {
                user_id: UserId::parse(&user_id(i)).expect("seed user IDs are valid"),
                display_name: format!("Seed User {i}"),
                primary_email: user_id(i),
                password_hash: password_hash.clone(),
                must_change_password: false,
                role: "user",
                password_source: "cloud",
                licensed: true,
            })
            .collect();
        let number: HashMap<String, u32> = numbers.map(|i| (user_id(i), i)).collect();
        let now = db::now();
        let mut tx = db.begin().await.map_err(|e| e.to_string())?;
        let new = db::accounts::insert_many(tx.conn(), &batch, Some(now)).await.map_err(|e| e.to_string())?;
        let contacts: Vec<(i64, &str, String)> = new
            .iter()
            .flat_map(|(id, user_id)| {
                let i = number[user_id];
                [(*id, "auth_email", format!("seed{i}@home.example")), (*id, "auth_phone", format!("+3361{i:07}"))]
            })
            .collect();
        db::methods::insert_verified_many(tx.conn(), &contacts, now).await.map_err(|e| e.to_string())?;
        tx.commit().await.map_err(|e| e.to_string())?;
        created += new.len() as u32;
    }
    Ok(created)
}
