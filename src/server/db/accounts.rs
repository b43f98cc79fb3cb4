//! Accounts: the directory entries that can sign in.

use super::{Conn, now};
use crate::domain::UserId;
use crate::domain::directory::{PasswordSource, Role};
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
    pub password_source: PasswordSource,
    pub role: Role,
    pub enabled: bool,
    pub licensed: bool,
    pub locked_until: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub reregister_required: bool,
    /// The entry's DN, for an account of an LDAP directory (`None` in the built-in one).
    pub directory_dn: Option<String>,
    /// Locked out by the directory's own lock-out (too many wrong passwords), as it said at
    /// this lookup: not stored, the directory holds it.
    #[sqlx(skip)]
    pub directory_locked_out: bool,
}

// The password hash stays out of logs and panics.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("id", &self.id).field("user_id", &self.user_id).finish_non_exhaustive()
    }
}

impl Account {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// The columns an [`Account`] is read from (unqualified: joins name the others' columns).
pub(super) const COLUMNS: &str = "id, user_id, display_name, primary_email, password_hash, must_change_password, \
    office_phone, password_source, role, enabled, licensed, locked_until, confirmed_at, reregister_required, directory_dn";

/// What it takes to create an account.
#[derive(Clone)]
pub struct NewAccount {
    pub user_id: UserId,
    pub display_name: String,
    pub primary_email: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub role: Role,
    pub password_source: PasswordSource,
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

/// What an LDAP directory says of an account (`server::directory::ldap`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromDirectory {
    /// The immutable ID (`entryUUID`).
    pub id: String,
    pub dn: String,
    pub user_id: String,
    pub display_name: String,
    pub primary_email: String,
    pub office_phone: Option<String>,
    /// Matched by `SSPR_LDAP_RESET_FILTER` (or no such filter).
    pub licensed: bool,
    /// Locked out by the directory (ppolicy's `pwdAccountLockedTime`).
    pub locked_out: bool,
    /// The names of the user's groups in the directory.
    pub groups: Vec<String>,
    /// The directory wants the password changed (ppolicy's `pwdReset`): sspr asks for it at
    /// the next sign-in, as after its own temporary password.
    pub must_change: bool,
    /// When the password expires (Unix seconds), where the directory says: AD's
    /// `msDS-UserPasswordExpiryTimeComputed`; OpenLDAP's `pwdChangedTime` plus its policy's
    /// `pwdMaxAge` (read with the whole directory only).
    pub password_expires_at: Option<i64>,
}

/// The row of a directory's account, created at first sight and brought up to date when the
/// directory says otherwise (a rename keeps the row, and so the registration: the row is found
/// by the immutable ID). A row whose user ID the directory now gives to someone else lets it
/// go. The account is a member of sspr's groups named as its groups in the directory, and of
/// no other. Nothing is written when nothing changed, so that a page view stays a read.
pub async fn sync_from_directory(mut conn: Conn<'_>, entry: &FromDirectory, password_marker: &str) -> sqlx::Result<Account> {
    let account = sync_row(conn.reborrow(), entry, password_marker).await?;
    super::groups::follow_directory(conn, account.id, &entry.groups).await?;
    Ok(account)
}

async fn sync_row(mut conn: Conn<'_>, entry: &FromDirectory, password_marker: &str) -> sqlx::Result<Account> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE directory_id = $1");
    let found: Option<Account> = on!(conn.reborrow(), c => sqlx::query_as(&sql).bind(&entry.id).fetch_optional(&mut *c).await)?;
    let same = |a: &Account| {
        a.user_id == entry.user_id
            && a.display_name == entry.display_name
            && a.primary_email == entry.primary_email
            && a.office_phone == entry.office_phone
            && a.licensed == entry.licensed
            && a.directory_dn.as_deref() == Some(entry.dn.as_str())
            && (a.must_change_password || !entry.must_change)
    };
    let from_directory = |mut a: Account| {
        a.directory_locked_out = entry.locked_out;
        a
    };
    if let Some(account) = found.as_ref().filter(|a| same(a)) {
        return Ok(from_directory(account.clone()));
    }
    let t = now();
    // The user ID is unique: another row holding it (someone renamed away, or deleted from the
    // directory) keeps its history under a name no one can type.
    let free = "UPDATE accounts SET user_id = user_id || '#' || CAST(id AS TEXT), updated_at = $3 \
        WHERE user_id = $1 AND (directory_id IS NULL OR directory_id <> $2)";
    on!(conn.reborrow(), c => sqlx::query(free).bind(&entry.user_id).bind(&entry.id).bind(t).execute(&mut *c).await.map(|_| ()))?;
    let id: i64 = match found {
        Some(account) => {
            // sspr's own "must change" (its temporary password) stays until the user changes it.
            let sql = "UPDATE accounts SET user_id = $2, display_name = $3, primary_email = $4, office_phone = $5, \
                licensed = $6, directory_dn = $7, updated_at = $8, must_change_password = (must_change_password OR $9) WHERE id = $1";
            on!(conn.reborrow(), c => sqlx::query(sql)
                .bind(account.id)
                .bind(&entry.user_id)
                .bind(&entry.display_name)
                .bind(&entry.primary_email)
                .bind(&entry.office_phone)
                .bind(entry.licensed)
                .bind(&entry.dn)
                .bind(t)
                .bind(entry.must_change)
                .execute(&mut *c)
                .await
                .map(|_| ()))?;
            account.id
        }
        None => {
            let sql = "INSERT INTO accounts (user_id, display_name, primary_email, office_phone, licensed, directory_id, \
                directory_dn, password_hash, must_change_password, role, password_source, created_at, updated_at) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, 'user', 'cloud', $9, $9) \
                ON CONFLICT (directory_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id";
            on!(conn.reborrow(), c => sqlx::query_scalar(sql)
                .bind(&entry.user_id)
                .bind(&entry.display_name)
                .bind(&entry.primary_email)
                .bind(&entry.office_phone)
                .bind(entry.licensed)
                .bind(&entry.id)
                .bind(&entry.dn)
                .bind(password_marker)
                .bind(t)
                .bind(entry.must_change)
                .fetch_one(&mut *c)
                .await)?
        }
    };
    find_by_id(conn, id).await?.map(from_directory).ok_or(sqlx::Error::RowNotFound)
}

/// The accounts that came from the directory by `created_by` (the second a reading began) and
/// were in it at the last look: their row's id and their immutable ID. A row made during the
/// reading that the reading missed gets its entry back at its next lookup.
pub async fn in_directory(conn: Conn<'_>, created_by: i64) -> sqlx::Result<Vec<(i64, String)>> {
    let sql = "SELECT id, directory_id FROM accounts WHERE directory_id IS NOT NULL AND directory_dn IS NOT NULL \
        AND created_at <= $1 ORDER BY id";
    on!(conn, c => sqlx::query_as(sql).bind(created_by).fetch_all(&mut *c).await)
}

/// An account the directory no longer has (deleted, or out of the user filter): it keeps its
/// row and history, but no entry, so that nothing signs in or resets as it (until the
/// directory has it again), and its sessions end. Returns how many sessions ended.
pub async fn gone_from_directory(mut conn: Conn<'_>, id: i64) -> sqlx::Result<u64> {
    let sql = "UPDATE accounts SET directory_dn = NULL, updated_at = $2 WHERE id = $1";
    on!(conn.reborrow(), c => sqlx::query(sql).bind(id).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    super::sessions::delete_for_account(conn, id, None).await
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

pub async fn set_role(conn: Conn<'_>, id: i64, role: Role) -> sqlx::Result<()> {
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
/// The primary e-mail of every enabled administrator, with the language each last signed in
/// with (none before the first sign-in).
pub async fn admin_contacts(conn: Conn<'_>) -> sqlx::Result<Vec<(String, Option<String>)>> {
    let sql = "SELECT primary_email, language FROM accounts WHERE role = 'admin' AND enabled = TRUE ORDER BY id";
    on!(conn, c => sqlx::query_as(sql).fetch_all(&mut *c).await)
}

/// The language the account last signed in with (`Locale::code`), if it ever did.
pub async fn language(conn: Conn<'_>, id: i64) -> sqlx::Result<Option<String>> {
    let sql = "SELECT language FROM accounts WHERE id = $1";
    on!(conn, c => sqlx::query_scalar(sql).bind(id).fetch_optional(&mut *c).await).map(Option::flatten)
}

/// Remembers the language the account signed in with (`Locale::code`).
pub async fn set_language(conn: Conn<'_>, id: i64, language: &str) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2";
    on!(conn, c => sqlx::query(sql).bind(id).bind(language).execute(&mut *c).await.map(|_| ()))
}

/// Locks the account until `until` (an administrator, or its owner's "this wasn't me").
pub async fn lock_until(conn: Conn<'_>, id: i64, until: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET locked_until = $2, updated_at = $3 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(until).bind(now()).execute(&mut *c).await.map(|_| ()))
}

// ---- the admin console ----------------------------------------------------------------------

/// One value bound to a query built at run time.
enum Bind {
    Text(String),
    Int(i64),
}

/// One account in the console's list, with its registration state.
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: i64,
    pub user_id: String,
    pub display_name: String,
    pub role: Role,
    pub enabled: bool,
    pub licensed: bool,
    pub password_source: PasswordSource,
    pub locked_until: Option<i64>,
    pub must_change_password: bool,
    pub reregister_required: bool,
    pub confirmed_at: Option<i64>,
    pub has_office_phone: bool,
    pub auth_phone: bool,
    pub auth_email: bool,
    pub questions: i64,
    pub recovery_codes: bool,
    pub gone_from_directory: bool,
}

/// Which accounts a page of the list shows: a search, a filter, and a keyset position.
pub struct Search<'a> {
    pub text: &'a str,
    pub filter: crate::domain::directory::AccountFilter,
    /// The page after this user ID, or
    pub after: Option<&'a str>,
    /// the page before this one.
    pub before: Option<&'a str>,
    pub limit: i64,
}

const VERIFIED: &str = "EXISTS (SELECT 1 FROM contact_methods m WHERE m.account_id = a.id AND m.kind = '{kind}' AND m.verified_at IS NOT NULL)";

fn search_conditions(s: &Search<'_>, t: i64, binds: &mut Vec<Bind>) -> Vec<String> {
    use crate::domain::directory::AccountFilter as F;
    let mut conditions = Vec::new();
    let text = s.text.trim().to_lowercase();
    if !text.is_empty() {
        let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        binds.push(Bind::Text(format!("%{escaped}%")));
        let n = binds.len();
        conditions.push(format!(
            "(a.user_id LIKE ${n} ESCAPE '\\' OR lower(a.display_name) LIKE ${n} ESCAPE '\\' OR lower(a.primary_email) LIKE ${n} ESCAPE '\\')"
        ));
    }
    let registered = format!(
        "({} OR {} OR EXISTS (SELECT 1 FROM security_answers s WHERE s.account_id = a.id))",
        VERIFIED.replace("{kind}", "auth_phone"),
        VERIFIED.replace("{kind}", "auth_email")
    );
    match s.filter {
        F::All => {}
        F::Registered => conditions.push(registered),
        F::NotRegistered => conditions.push(format!("NOT {registered}")),
        F::Locked => {
            binds.push(Bind::Int(t));
            conditions.push(format!("a.locked_until > ${}", binds.len()));
        }
        F::Disabled => conditions.push("a.enabled = FALSE".into()),
        F::Admins => conditions.push("a.role = 'admin'".into()),
        F::MustReregister => conditions.push("a.reregister_required = TRUE".into()),
    }
    conditions
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) }
}

/// How many accounts match the search (all pages).
pub async fn search_count(conn: Conn<'_>, s: &Search<'_>) -> sqlx::Result<i64> {
    let mut binds = Vec::new();
    let conditions = search_conditions(s, now(), &mut binds);
    let sql = format!("SELECT COUNT(*) FROM accounts a {}", where_clause(&conditions));
    on!(conn, c => {
        let mut q = sqlx::query_scalar(&sql);
        for b in &binds {
            q = match b { Bind::Text(v) => q.bind(v.clone()), Bind::Int(v) => q.bind(*v) };
        }
        q.fetch_one(&mut *c).await
    })
}

/// One page of the search, in user ID order, plus one row more when there is a next (or
/// previous) page.
pub async fn search(conn: Conn<'_>, s: &Search<'_>) -> sqlx::Result<Vec<Listed>> {
    let mut binds = Vec::new();
    let mut conditions = search_conditions(s, now(), &mut binds);
    let backwards = s.after.is_none() && s.before.is_some();
    if let Some(after) = s.after {
        binds.push(Bind::Text(after.to_owned()));
        conditions.push(format!("a.user_id > ${}", binds.len()));
    } else if let Some(before) = s.before {
        binds.push(Bind::Text(before.to_owned()));
        conditions.push(format!("a.user_id < ${}", binds.len()));
    }
    binds.push(Bind::Int(s.limit + 1));
    // Gone from the directory: its row keeps the entry's immutable ID but no longer its DN.
    let sql = format!(
        "SELECT a.id, a.user_id, a.display_name, a.role, a.enabled, a.licensed, a.password_source, a.locked_until, \
         a.must_change_password, a.reregister_required, a.confirmed_at, a.office_phone IS NOT NULL AS has_office_phone, \
         {} AS auth_phone, {} AS auth_email, \
         (SELECT COUNT(*) FROM security_answers s WHERE s.account_id = a.id) AS questions, \
         EXISTS (SELECT 1 FROM recovery_codes r WHERE r.account_id = a.id AND r.used_at IS NULL) AS recovery_codes, \
         (a.directory_id IS NOT NULL AND a.directory_dn IS NULL) AS gone_from_directory \
         FROM accounts a {} ORDER BY a.user_id {} LIMIT ${}",
        VERIFIED.replace("{kind}", "auth_phone"),
        VERIFIED.replace("{kind}", "auth_email"),
        where_clause(&conditions),
        if backwards { "DESC" } else { "ASC" },
        binds.len()
    );
    let mut rows: Vec<Listed> = on!(conn, c => {
        let mut q = sqlx::query_as(&sql);
        for b in &binds {
            q = match b { Bind::Text(v) => q.bind(v.clone()), Bind::Int(v) => q.bind(*v) };
        }
        q.fetch_all(&mut *c).await
    })?;
    if backwards {
        // The extra row, if any, is the first one once the page is back in order.
        rows.reverse();
    }
    Ok(rows)
}

/// What an administrator edits on an account.
pub struct DirectoryFields<'a> {
    pub display_name: &'a str,
    pub primary_email: &'a str,
    pub office_phone: Option<&'a str>,
    pub password_source: PasswordSource,
    pub role: Role,
    pub enabled: bool,
    pub licensed: bool,
}

pub async fn set_directory_fields(conn: Conn<'_>, id: i64, f: &DirectoryFields<'_>) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET display_name = $2, primary_email = $3, office_phone = $4, password_source = $5, \
        role = $6, enabled = $7, licensed = $8, updated_at = $9 WHERE id = $1";
    on!(conn, c => sqlx::query(sql)
        .bind(id).bind(f.display_name).bind(f.primary_email).bind(f.office_phone).bind(f.password_source)
        .bind(f.role).bind(f.enabled).bind(f.licensed).bind(now())
        .execute(&mut *c).await.map(|_| ()))
}

/// Lifts an administrator's (or "this wasn't me") lock.
pub async fn unlock(conn: Conn<'_>, id: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET locked_until = NULL, updated_at = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now()).execute(&mut *c).await.map(|_| ()))
}

/// Asks the user to register their methods again at the next sign-in.
pub async fn require_reregistration(conn: Conn<'_>, id: i64) -> sqlx::Result<()> {
    let sql = "UPDATE accounts SET reregister_required = TRUE, updated_at = $2 WHERE id = $1";
    on!(conn, c => sqlx::query(sql).bind(id).bind(now()).execute(&mut *c).await.map(|_| ()))
}

/// The user IDs among `ids` that an account already has.
pub async fn existing_user_ids(conn: Conn<'_>, ids: &[String]) -> sqlx::Result<Vec<String>> {
    let mut conn = conn;
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!("SELECT user_id FROM accounts WHERE user_id IN ({})", marks.join(", "));
        let mut part: Vec<String> = on!(conn.reborrow(), c => {
            let mut q = sqlx::query_scalar(&sql);
            for id in chunk {
                q = q.bind(id.clone());
            }
            q.fetch_all(&mut *c).await
        })?;
        found.append(&mut part);
    }
    Ok(found)
}
