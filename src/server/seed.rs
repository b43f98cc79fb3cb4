//! `sspr seed`: many registered accounts at once, for measurements and scale tests (the reset
//! timing measurement, the admin console's lists). Never for a production directory: every
//! seeded account has the demo's published password.

use super::crypto::hash_now;
use super::db::{self, Db, accounts::NewAccount};
use crate::domain::UserId;
use crate::domain::directory::{PasswordSource, Role};
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
                role: Role::User,
                password_source: PasswordSource::Cloud,
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

/// Audit entries built and appended per call, all in one transaction.
const AUDIT_BATCH: usize = 10_000;
/// The seeded entries spread over this many days before now.
const AUDIT_DAYS: i64 = 60;

/// What happens in a directory, roughly how often: (event, weight).
const AUDIT_MIX: [(&str, u32); 15] = [
    ("sign_in", 300),
    ("sign_out", 120),
    ("sign_in_failed", 60),
    ("password_changed", 20),
    ("code_sent", 80),
    ("method_verified", 30),
    ("registration_finished", 20),
    ("reset_started", 80),
    ("reset_gate_opened", 60),
    ("reset_gate_passed", 50),
    ("reset_gate_failed", 30),
    ("reset_completed", 40),
    ("reset_blocked", 5),
    ("account_unlocked", 3),
    ("admin_contacted", 2),
];

/// An event drawn at random with the weights of [`AUDIT_MIX`].
fn pick_event(rng: &mut impl rand::Rng) -> &'static str {
    let mut pick = rng.gen_range(0..AUDIT_MIX.iter().map(|(_, w)| w).sum::<u32>());
    for (event, weight) in AUDIT_MIX {
        if pick < weight {
            return event;
        }
        pick -= weight;
    }
    AUDIT_MIX[0].0
}

/// The detail of a seeded entry, shaped like the real one of its event.
fn audit_detail(event: &str, user_id: &str, rng: &mut impl rand::Rng) -> serde_json::Value {
    use serde_json::json;
    let gate = ["email", "sms", "voice"][rng.gen_range(0..3)];
    match event {
        "sign_in_failed" => json!({ "failures": rng.gen_range(1..5) }),
        "password_changed" => json!({ "other_sessions_ended": rng.gen_range(0..3), "was_required": false }),
        "code_sent" => json!({ "flow": "reset", "gate": gate }),
        "method_verified" => json!({ "method": "auth_phone", "channel": "sms" }),
        "registration_finished" => json!({ "methods": ["auth_email", "auth_phone"] }),
        "reset_started" => json!({ "user_id": user_id, "outcome": "gates", "proof_of_work": true, "strict": false }),
        "reset_gate_opened" => json!({ "gate": gate }),
        "reset_gate_passed" => json!({ "gate": gate, "passed": 1 }),
        "reset_gate_failed" => json!({ "gate": gate, "failures": rng.gen_range(1..5) }),
        "reset_completed" => json!({ "methods": [gate], "sessions_ended": rng.gen_range(0..3) }),
        "reset_blocked" => json!({ "user_id": user_id, "why": "failures" }),
        "account_unlocked" => json!({ "by": "self_service" }),
        "admin_contacted" => json!({ "user_id": user_id, "reason": "not_registered", "admins": 1 }),
        _ => json!({}),
    }
}

/// Appends `count` audit entries about the accounts of the directory, oldest first, spread
/// evenly over the last 60 days, chained exactly as the service chains them; in one
/// transaction, many rows per statement.
pub async fn audit(db: &Db, count: u32) -> Result<(), String> {
    use rand::{Rng, SeedableRng};
    let accounts: Vec<(i64, String)> = {
        let mut c = db.acquire().await.map_err(|e| e.to_string())?;
        crate::on!(c.conn(), c => sqlx::query_as("SELECT id, user_id FROM accounts ORDER BY id").fetch_all(&mut *c).await).map_err(|e| e.to_string())?
    };
    if accounts.is_empty() {
        return Err("the directory has no account to write audit entries about".into());
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(u64::from(count));
    let ips: Vec<String> = (1..=200).map(|i| format!("{}.{}", ["192.0.2", "198.51.100", "203.0.113"][i % 3], i)).collect();
    let start = db::now() - AUDIT_DAYS * 86_400;
    let step = AUDIT_DAYS * 86_400 / i64::from(count.max(1));
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    let numbers: Vec<u32> = (0..count).collect();
    for chunk in numbers.chunks(AUDIT_BATCH) {
        let mut entries = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let event = pick_event(&mut rng);
            let (id, user_id) = &accounts[rng.gen_range(0..accounts.len())];
            let by_account = !event.starts_with("reset_") && event != "admin_contacted" && event != "account_unlocked";
            let entry = db::audit::Event {
                event,
                actor_id: by_account.then_some(*id),
                account_id: Some(*id),
                ip: Some(ips[rng.gen_range(0..ips.len())].as_str()),
                detail: audit_detail(event, user_id, &mut rng),
            };
            entries.push((entry, start + i64::from(i) * step + rng.gen_range(0..step.max(1))));
        }
        db::audit::append_many(&mut tx, &entries).await.map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())
}
