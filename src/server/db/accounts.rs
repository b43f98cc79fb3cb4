//! Accounts: the directory entries that can sign in.

use super::{Conn, now};
use crate::domain::UserId;
use crate::on;
use sqlx::FromRow;

#[derive(Clone, FromRow)]
pub struct Account {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub primary_email: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub office_phone: Option<String>,
    pub password_source: String,
    pub role: String,
    pub enabled: bool,
    pub licensed: bool,
    pub locked_until: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub reregister_required: bool,
}

// The password hash stays out of logs and panics.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("id", &self.id).field("user_id", &self.user_id).finish_non_exhaustive()
    }
}

impl Account {
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }
}

const COLUMNS: &str = "id, user_id, display_name, primary_email, password_hash, must_change_password, \
    office_phone, password_source, role, enabled, licensed, locked_until, confirmed_at, reregister_required";

/// What it takes to create an account.
#[derive(Clone)]
pub struct NewAccount {
    pub user_id: UserId,
    pub display_name: String,
    pub primary_email: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub role: &'static str,
    pub password_source: &'static str,
    pub licensed: bool,
}

pub async fn find_by_user_id(conn: Conn<'_>, user_id: &UserId) -> sqlx::Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE user_id = $1");
    on!(conn, c => sqlx::query_as(&sql).bind(user_id.as_str()).fetch_optional(&mut *c).await)
}

pub async fn find_by_id(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
    on!(conn, c => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *c).await)
}

/// Inserts the account; `Ok(None)` when the user ID is already taken.
pub async fn insert(conn: Conn<'_>, new: &NewAccount) -> sqlx::Result<Option<i64>> {
    let t = now();
    let sql = "INSERT INTO accounts (user_id, display_name, primary_email, password_hash, \
        must_change_password, role, password_source, licensed, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (user_id) DO NOTHING RETURNING id";
    on!(conn, c => sqlx::query_scalar(sql)
        .bind(new.user_id.as_str())
        .bind(&new.display_name)
        .bind(&new.primary_email)
        .bind(&new.password_hash)
        .bind(new.must_change_password)
        .bind(new.role)
        .bind(new.password_source)
        .bind(new.licensed)
        .bind(t)
        .fetch_optional(&mut *c)
        .await)
}

/// Inserts many accounts in one statement (the seed command batches them in transactions),
/// confirmed at `confirmed_at`; user IDs already taken are skipped. Returns the id and user ID
/// of each account created.
pub async fn insert_many(conn: Conn<'_>, new: &[NewAccount], confirmed_at: Option<i64>) -> sqlx::Result<Vec<(i64, String)>> {
    if new.is_empty() {
        return Ok(Vec::new());
    }
    // $1 and $2 are shared by every row; each row has its own 8 after them.
    let rows: Vec<String> = (0..new.len())
        .map(|i| {
            let p: Vec<String> = (3 + 8 * i..11 + 8 * i).map(|n| format!("${n}")).collect();
            format!("({}, $1, $1, $2)", p.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO accounts (user_id, display_name, primary_email, password_hash, must_change_password, role, \
         password_source, licensed, created_at, updated_at, confirmed_at) VALUES {} \
         ON CONFLICT (user_id) DO NOTHING RETURNING id, user_id",
        rows.join(", ")
    );
    on!(conn, c => {
        let mut query = sqlx::query_as(&sql).bind(now()).bind(confirmed_at);
        for a in new {
            query = query
                .bind(a.user_id.as_str())
                .bind(&a.display_name)
                .bind(&a.primary_email)
                .bind(&a.password_hash)
                .bind(a.must_change_password)
                .bind(a.role)
                .bind(a.password_source)
                .bind(a.licensed);
        }
        query.fetch_all(&mut *c).await
    })
}

pub async fn set_password(conn: Conn<'_>, id: i64, hash: &str, must_change: bool) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(hash).bind(must_change).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Replaces the hash only if it is still `old` (rehash on verify must not undo a concurrent change).
pub async fn upgrade_password_hash(conn: Conn<'_>, id: i64, old: &str, new: &str) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET password_hash = $3 WHERE id = $1 AND password_hash = $2";
    on!(conn, c => sqlx::query(sql).bind(id).bind(old).bind(new).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub async fn set_role(conn: Conn<'_>, id: i64, role: &str) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET role = $2, updated_at = $3 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(role).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub async fn count(conn: Conn<'_>) -> sqlx::Result<i64> {
    on!(conn, c => sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(&mut *c).await)
}

/// Records that the user confirmed their methods (Finish or "Looks good").
pub async fn set_confirmed(conn: Conn<'_>, id: i64, at: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET confirmed_at = $2, reregister_required = FALSE, updated_at = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(at).execute(&mut *c).await.map(|_| ()))
}

/// Sets or clears the office phone (E.164): administrators only.
pub async fn set_office_phone(conn: Conn<'_>, id: i64, phone: Option<&str>) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET office_phone = $2, updated_at = $3 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(phone).bind(now()).execute(&mut *c).await.map(|_| ()))
}

/// Takes the account's row lock until the end of the transaction (SQLite's `BEGIN IMMEDIATE`
/// already holds the whole database's), so that checks-then-writes on one account run one at
/// a time.
pub async fn lock(conn: Conn<'_>, id: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET updated_at = updated_at WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).execute(&mut *c).await.map(|_| ()))
}

/// The primary e-mail of every enabled administrator: who is alerted.
pub async fn admin_emails(conn: Conn<'_>) -> sqlx::Result<Vec<String>> {
    let sql = "SELECT primary_email FROM accounts WHERE role = 'admin' AND enabled = TRUE ORDER BY id";
    on!(conn, c => sqlx::query_scalar(sql).fetch_all(&mut *c).await)
}

/// Locks the account until `until` (an administrator, or its owner's "this wasn't me").
pub async fn lock_until(conn: Conn<'_>, id: i64, until: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET locked_until = $2, updated_at = $3 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(until).bind(now()).execute(&mut *c).await.map(|_| ()))
}
