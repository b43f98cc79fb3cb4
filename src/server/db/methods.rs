//! The methods an account registered: authentication phone and e-mail (`contact_methods`),
//! security-question answers (hashed one by one) and recovery codes (their SHA-256).

use super::Conn;
use crate::on;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct Contact {
    pub kind: String,
    pub value: String,
    pub verified_at: Option<i64>,
}

pub async fn contacts(conn: Conn<'_>, account_id: i64) -> sqlx::Result<Vec<Contact>> {
    let sql = "SELECT kind, value, verified_at FROM contact_methods WHERE account_id = $1 ORDER BY kind";
    on!(conn, c => sqlx::query_as(sql).bind(account_id).fetch_all(&mut *c).await)
}

/// Stores `value` as the verified `kind` of the account (replacing the previous one); returns
/// the value it replaced, if any.
pub async fn set_verified(conn: Conn<'_>, account_id: i64, kind: &str, value: &str, now: i64) -> sqlx::Result<Option<String>> {
    on!(conn, c => {
        let old: Option<String> = sqlx::query_scalar("SELECT value FROM contact_methods WHERE account_id = $1 AND kind = $2")
            .bind(account_id).bind(kind).fetch_optional(&mut *c).await?;
        let sql = "INSERT INTO contact_methods (account_id, kind, value, verified_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
            ON CONFLICT (account_id, kind) DO UPDATE SET value = excluded.value, verified_at = excluded.verified_at, updated_at = excluded.updated_at";
        sqlx::query(sql).bind(account_id).bind(kind).bind(value).bind(now).execute(&mut *c).await.map(|_| old)
    })
}

/// Stores verified contacts of many accounts in one statement (the seed command): `(account
/// id, kind, value)`, verified at `now`; a kind the account already has is kept.
pub async fn insert_verified_many(conn: Conn<'_>, contacts: &[(i64, &str, String)], now: i64) -> sqlx::Result<u64> {
    if contacts.is_empty() {
        return Ok(0);
    }
    let rows: Vec<String> = (0..contacts.len()).map(|i| format!("(${}, ${}, ${}, $1, $1)", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i)).collect();
    let sql = format!(
        "INSERT INTO contact_methods (account_id, kind, value, verified_at, updated_at) VALUES {} \
         ON CONFLICT (account_id, kind) DO NOTHING",
        rows.join(", ")
    );
    on!(conn, c => {
        let mut query = sqlx::query(&sql).bind(now);
        for (account_id, kind, value) in contacts {
            query = query.bind(*account_id).bind(*kind).bind(value);
        }
        query.execute(&mut *c).await.map(|r| r.rows_affected())
    })
}

pub async fn remove_contact(conn: Conn<'_>, account_id: i64, kind: &str) -> sqlx::Result<bool> {
    let sql = "DELETE FROM contact_methods WHERE account_id = $1 AND kind = $2";
    let n = on!(conn, c => sqlx::query(sql).bind(account_id).bind(kind).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// The question ids the account answered, in the order they were chosen.
pub async fn answered_questions(conn: Conn<'_>, account_id: i64) -> sqlx::Result<Vec<i64>> {
    let sql = "SELECT question_id FROM security_answers WHERE account_id = $1 ORDER BY created_at, question_id";
    on!(conn, c => sqlx::query_scalar(sql).bind(account_id).fetch_all(&mut *c).await)
}

/// Replaces every answer of the account with `answers` (question id, argon2id hash).
pub async fn replace_answers(conn: Conn<'_>, account_id: i64, answers: &[(i64, String)], now: i64) -> sqlx::Result<u64> {
    on!(conn, c => {
        let removed = sqlx::query("DELETE FROM security_answers WHERE account_id = $1").bind(account_id).execute(&mut *c).await?.rows_affected();
        for (i, (question_id, hash)) in answers.iter().enumerate() {
            // created_at keeps the chosen order (seconds plus position).
            sqlx::query("INSERT INTO security_answers (account_id, question_id, answer_hash, created_at) VALUES ($1, $2, $3, $4)")
                .bind(account_id).bind(question_id).bind(hash).bind(now + i as i64).execute(&mut *c).await?;
        }
        Ok::<u64, sqlx::Error>(removed)
    })
}

pub async fn remove_answers(conn: Conn<'_>, account_id: i64) -> sqlx::Result<u64> {
    let sql = "DELETE FROM security_answers WHERE account_id = $1";
    on!(conn, c => sqlx::query(sql).bind(account_id).execute(&mut *c).await.map(|r| r.rows_affected()))
}

/// The stored answer hashes of the account (question id, argon2id hash).
pub async fn answer_hashes(conn: Conn<'_>, account_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    let sql = "SELECT question_id, answer_hash FROM security_answers WHERE account_id = $1";
    on!(conn, c => sqlx::query_as(sql).bind(account_id).fetch_all(&mut *c).await)
}

/// What an account has registered, as far as a reset is concerned (`id` -1 for no account: the
/// same statement runs, so that unknown user IDs take the same time).
pub async fn registered(conn: Conn<'_>, account: Option<&super::accounts::Account>, id: i64) -> sqlx::Result<crate::domain::reset::Registered> {
    // One statement: the signed-in user's every page asks it.
    let sql = "SELECT \
        EXISTS (SELECT 1 FROM contact_methods WHERE account_id = $1 AND kind = 'auth_phone' AND verified_at IS NOT NULL), \
        EXISTS (SELECT 1 FROM contact_methods WHERE account_id = $1 AND kind = 'auth_email' AND verified_at IS NOT NULL), \
        (SELECT COUNT(*) FROM security_answers WHERE account_id = $1), \
        EXISTS (SELECT 1 FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL)";
    let (auth_phone, auth_email, questions, recovery_codes): (bool, bool, i64, bool) =
        on!(conn, c => sqlx::query_as(sql).bind(id).fetch_one(&mut *c).await)?;
    Ok(crate::domain::reset::Registered {
        auth_phone,
        office_phone: account.is_some_and(|a| a.office_phone.is_some()),
        auth_email,
        questions: usize::try_from(questions).unwrap_or(0),
        recovery_codes,
    })
}

/// The account's recovery codes: how many are left unused, and when the set was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecoveryCodes {
    pub left: i64,
    pub created_at: Option<i64>,
}

/// The account's contacts and its recovery codes in one statement: the registration page asks
/// both at every view (the codes' row comes last, its count as text in `value`).
pub async fn contacts_and_recovery_codes(conn: Conn<'_>, account_id: i64) -> sqlx::Result<(Vec<Contact>, RecoveryCodes)> {
    let sql = "SELECT kind, value, verified_at FROM (\
        SELECT 0 AS part, kind, value, verified_at FROM contact_methods WHERE account_id = $1 \
        UNION ALL SELECT 1, 'recovery_codes', CAST(COUNT(*) FILTER (WHERE used_at IS NULL) AS TEXT), MIN(created_at) \
        FROM recovery_codes WHERE account_id = $1) AS rows ORDER BY part, kind";
    let mut rows: Vec<Contact> = on!(conn, c => sqlx::query_as(sql).bind(account_id).fetch_all(&mut *c).await)?;
    let codes = rows.pop().filter(|r| r.kind == "recovery_codes").ok_or_else(|| sqlx::Error::RowNotFound)?;
    let left = codes.value.parse().map_err(|e: std::num::ParseIntError| sqlx::Error::Decode(e.into()))?;
    Ok((rows, RecoveryCodes { left, created_at: codes.verified_at }))
}

pub async fn recovery_codes(conn: Conn<'_>, account_id: i64) -> sqlx::Result<RecoveryCodes> {
    let sql = "SELECT COUNT(*) FILTER (WHERE used_at IS NULL), MIN(created_at) FROM recovery_codes WHERE account_id = $1";
    let (left, created_at): (i64, Option<i64>) = on!(conn, c => sqlx::query_as(sql).bind(account_id).fetch_one(&mut *c).await)?;
    Ok(RecoveryCodes { left, created_at })
}

/// Replaces the account's recovery codes with `hashes` (the old ones stop working); returns how
/// many codes it had.
pub async fn replace_recovery_codes(conn: Conn<'_>, account_id: i64, hashes: &[String], now: i64) -> sqlx::Result<u64> {
    on!(conn, c => {
        let removed = sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1").bind(account_id).execute(&mut *c).await?.rows_affected();
        for hash in hashes {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES ($1, $2, $3)")
                .bind(account_id).bind(hash).bind(now).execute(&mut *c).await?;
        }
        Ok::<u64, sqlx::Error>(removed)
    })
}

pub async fn remove_recovery_codes(conn: Conn<'_>, account_id: i64) -> sqlx::Result<u64> {
    let sql = "DELETE FROM recovery_codes WHERE account_id = $1";
    on!(conn, c => sqlx::query(sql).bind(account_id).execute(&mut *c).await.map(|r| r.rows_affected()))
}

/// Whether `hash` is one of the account's current codes, used or not.
pub async fn has_recovery_code(conn: Conn<'_>, account_id: i64, hash: &str) -> sqlx::Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM recovery_codes WHERE account_id = $1 AND code_hash = $2)";
    on!(conn, c => sqlx::query_scalar(sql).bind(account_id).bind(hash).fetch_one(&mut *c).await)
}

/// Uses the code once: true for exactly one caller, and only while it is unused.
pub async fn use_recovery_code(conn: Conn<'_>, account_id: i64, hash: &str, now: i64) -> sqlx::Result<bool> {
    let sql = "UPDATE recovery_codes SET used_at = $3 WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL";
    let n = on!(conn, c => sqlx::query(sql).bind(account_id).bind(hash).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
