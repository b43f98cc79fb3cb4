//! Accounts in the admin console: the list, one account, and the changes an administrator
//! makes to it. Each change runs in one transaction with its audit entry.

use super::{Admin, record};
use crate::view::admin::accounts::{AccountDetail, AccountEvent, AccountList, AccountRow, Created, DirectoryRead, GroupRef, Masked, Owner, PAGE_SIZE, ResetStanding};
use crate::domain::directory::{self, AccountFilter, PasswordSource, Role};
use crate::domain::registration::mask_email;
use crate::domain::{AppError, Field, Method, NewPassword, PasswordContext, Problem, UserId};
use crate::server::db::{self, Tx, accounts::Account, limits, now};
use crate::server::directory::PasswordWrite;
use crate::server::{auth, phone, reset};
use rand::Rng;
use serde_json::json;

// ---- reading ------------------------------------------------------------------------------------

pub async fn list(admin: &Admin, text: &str, filter: AccountFilter, after: Option<&str>, before: Option<&str>) -> Result<AccountList, AppError> {
    if text.chars().count() > 200 {
        return Err(AppError::field(Field::UserId, Problem::TooLong { max: 200 }));
    }
    let search = db::accounts::Search { text, filter, after, before, limit: PAGE_SIZE };
    let mut c = admin.state.db.acquire().await?;
    let total = db::accounts::search_count(c.conn(), &search).await?;
    let mut rows = db::accounts::search(c.conn(), &search).await?;
    let backwards = after.is_none() && before.is_some();
    let more = rows.len() as i64 > PAGE_SIZE;
    if more {
        if backwards { rows.remove(0) } else { rows.pop().expect("a row more than the page") };
    }
    let t = now();
    let rows: Vec<AccountRow> = rows
        .into_iter()
        .map(|r| {
            let methods = [
                (r.auth_phone, Method::AuthPhone),
                (r.has_office_phone, Method::OfficePhone),
                (r.auth_email, Method::AuthEmail),
                (r.questions > 0, Method::SecurityQuestions),
                (r.recovery_codes, Method::RecoveryCodes),
            ]
            .into_iter()
            .filter_map(|(has, m)| has.then_some(m))
            .collect();
            AccountRow {
                id: r.id,
                user_id: r.user_id,
                display_name: r.display_name,
                admin: r.role == Role::Admin,
                enabled: r.enabled,
                locked: r.locked_until.is_some_and(|u| u > t),
                on_premises: r.password_source == PasswordSource::OnPremises,
                licensed: r.licensed,
                must_change_password: r.must_change_password,
                reregister_required: r.reregister_required,
                methods,
                confirmed_at: r.confirmed_at,
                gone_from_directory: r.gone_from_directory,
            }
        })
        .collect();
    // Going forward there is a previous page whenever we came from one; going back, a next one.
    let first = rows.first().map(|r| r.user_id.clone());
    let last = rows.last().map(|r| r.user_id.clone());
    let (next, previous) = if backwards {
        (last, if more { first } else { None })
    } else {
        (if more { last } else { None }, after.and(first))
    };
    Ok(AccountList { rows, total, next, previous, from_directory: !admin.state.directory.is_builtin() })
}

/// Reads the whole LDAP directory now (as every node does every `SSPR_LDAP_SYNC_MINUTES`), so
/// that the list has its new users and marks those it no longer has. The built-in directory is
/// sspr's own tables: its users are there already, and none is ever gone.
pub async fn read_directory(admin: &Admin) -> Result<DirectoryRead, AppError> {
    let done = match admin.state.directory.sync_all(&admin.state).await? {
        Some(done) => done,
        None => {
            let mut c = admin.state.db.acquire().await?;
            let every = db::accounts::Search { text: "", filter: AccountFilter::All, after: None, before: None, limit: 0 };
            let users = db::accounts::search_count(c.conn(), &every).await?;
            crate::server::directory::DirectorySync { seen: users.try_into().unwrap_or(0), gone: 0 }
        }
    };
    let mut tx = admin.state.db.begin().await?;
    record(&mut tx, admin, "directory_read", None, json!({ "users": done.seen, "gone": done.gone })).await?;
    tx.commit().await?;
    Ok(DirectoryRead { users: done.seen, gone: done.gone })
}

pub async fn overview(admin: &Admin) -> Result<crate::view::admin::Overview, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let mut count = async |filter| {
        let search = db::accounts::Search { text: "", filter, after: None, before: None, limit: 0 };
        db::accounts::search_count(c.conn(), &search).await
    };
    Ok(crate::view::admin::Overview {
        accounts: count(AccountFilter::All).await?,
        not_registered: count(AccountFilter::NotRegistered).await?,
        locked: count(AccountFilter::Locked).await?,
        disabled: count(AccountFilter::Disabled).await?,
    })
}

async fn find(c: db::Conn<'_>, id: i64) -> Result<Account, AppError> {
    db::accounts::find_by_id(c, id).await?.ok_or(AppError::NotFound)
}

/// The account an address names: its numeric ID, or its user ID (as typed: compared like at
/// sign-in). Anything else is not found.
pub async fn detail_named(admin: &Admin, name: &str) -> Result<AccountDetail, AppError> {
    let name = name.trim();
    let id = match name.parse::<i64>() {
        Ok(id) => id,
        Err(_) => {
            let user_id = UserId::parse(name).map_err(|_| AppError::NotFound)?;
            let mut c = admin.state.db.acquire().await?;
            db::accounts::find_by_user_id(c.conn(), &user_id).await?.ok_or(AppError::NotFound)?.id
        }
    };
    detail(admin, id).await
}

pub async fn detail(admin: &Admin, id: i64) -> Result<AccountDetail, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let a = find(c.conn(), id).await?;
    let t = now();
    let contacts = db::methods::contacts(c.conn(), id).await?;
    let masked = |kind: &str| {
        contacts.iter().find(|k| k.kind == kind).map(|k| Masked {
            masked: if kind == "auth_phone" { phone::mask(&k.value) } else { mask_email(&k.value) },
            verified: k.verified_at.is_some(),
        })
    };
    let questions_answered = db::methods::answered_questions(c.conn(), id).await?.len().min(255) as u8;
    let recovery_codes_left = db::methods::recovery_codes(c.conn(), id).await?.left.clamp(0, 255) as u8;
    let member_of = db::groups::of_account(c.conn(), id).await?;
    let (groups, other_groups): (Vec<_>, Vec<_>) = db::groups::all(c.conn())
        .await?
        .into_iter()
        .map(|g| GroupRef { id: g.id, name: g.name })
        .partition(|g| member_of.contains(&g.id));
    let (_, policy) = db::policy::current(c.conn()).await?;
    let standing = super::standing::of_account(c.conn(), &a).await?;
    let standing = match standing.outcome(&policy) {
        Ok(gates) => ResetStanding::CanReset(gates),
        Err(stop) => ResetStanding::Cannot(stop),
    };
    let sign_in_blocked_until = limits::blocked_until(c.conn(), &auth::sign_in_key(&a.user_id), t).await?;
    let reset_blocked_until = match limits::blocked_until(c.conn(), &reset::attempts_key(&a.user_id), t).await? {
        Some(u) => Some(u),
        None => limits::blocked_until(c.conn(), &reset::failures_key(&a.user_id), t).await?,
    };
    let recent = db::audit::recent(c.conn(), id, 20).await?.into_iter().map(|e| AccountEvent { at: e.at, event: e.event }).collect();
    Ok(AccountDetail {
        is_self: a.id == admin.account.id,
        owner: match (admin.state.directory.is_builtin(), &a.directory_dn) {
            (true, _) => Owner::Sspr,
            (false, Some(_)) => Owner::Directory,
            (false, None) => Owner::GoneFromDirectory,
        },
        id: a.id,
        auth_phone: masked("auth_phone"),
        auth_email: masked("auth_email"),
        questions_answered,
        recovery_codes_left,
        groups,
        other_groups,
        standing,
        sign_in_blocked_until,
        reset_blocked_until,
        recent,
        password_source: a.password_source,
        role: a.role,
        locked_until: a.locked_until.filter(|u| *u > t),
        user_id: a.user_id,
        display_name: a.display_name,
        primary_email: a.primary_email,
        office_phone: a.office_phone,
        enabled: a.enabled,
        licensed: a.licensed,
        must_change_password: a.must_change_password,
        reregister_required: a.reregister_required,
        confirmed_at: a.confirmed_at,
    })
}

// ---- checking what an administrator typed ---------------------------------------------------

/// An office phone in international form (`+33 1 40 00 00 00`), or none when empty.
pub fn office_phone(raw: &str) -> Result<Option<String>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if !(raw.starts_with('+') || raw.starts_with("00")) {
        return Err(AppError::field(Field::OfficePhone, Problem::NotAPhone));
    }
    phone::parse("", raw).map(Some).map_err(|e| match e {
        AppError::Field { problem, .. } => AppError::field(Field::OfficePhone, problem),
        other => other,
    })
}

/// A temporary password: 20 characters from a CSPRNG (about 98 bits), grouped for reading
/// aloud, without look-alike characters.
pub fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    loop {
        let password = (0..4)
            .map(|_| (0..5).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect::<String>())
            .collect::<Vec<_>>()
            .join("-");
        // Letters, digits and hyphens: three kinds, as Active Directory's complexity rule asks
        // (a draw without a digit, about 1 in 400, is drawn again).
        if password.bytes().any(|b| b.is_ascii_digit()) && password.bytes().any(|b| b.is_ascii_lowercase()) {
            return password;
        }
    }
}

/// The temporary password typed by the administrator (checked by the rules of every password),
/// or a new one when nothing was typed. Returns it, and whether it was made here.
fn chosen_password(typed: &str, user_id: &str, name: &str, organisation: &str) -> Result<(String, bool), AppError> {
    if typed.is_empty() {
        return Ok((temporary_password(), true));
    }
    let ctx = PasswordContext::new(user_id, name, organisation);
    let checked = NewPassword::parse(typed, typed, &ctx).map_err(|e| match e {
        AppError::Field { problem, .. } => AppError::field(Field::TemporaryPassword, problem),
        other => other,
    })?;
    Ok((checked.expose().to_owned(), false))
}

// ---- changes ------------------------------------------------------------------------------------

pub struct NewAccountForm<'a> {
    pub user_id: &'a str,
    pub display_name: &'a str,
    pub primary_email: &'a str,
    pub office_phone: &'a str,
    pub role: &'a str,
    pub password_source: &'a str,
    pub licensed: bool,
    pub temporary_password: &'a str,
}

pub async fn create(admin: &Admin, form: &NewAccountForm<'_>) -> Result<Created, AppError> {
    if !admin.state.directory.is_builtin() {
        return Err(AppError::field(Field::UserId, Problem::ManagedInDirectory));
    }
    let user_id = UserId::parse(form.user_id)?;
    let display_name = directory::display_name(form.display_name)?;
    let primary_email = if form.primary_email.trim().is_empty() {
        user_id.to_string()
    } else {
        directory::primary_email(form.primary_email)?
    };
    let office = office_phone(form.office_phone)?;
    let role = Role::parse(form.role)?;
    let source = PasswordSource::parse(form.password_source)?;
    let (password, made_here) = chosen_password(form.temporary_password, user_id.as_str(), &display_name, &admin.state.config.organisation)?;
    let password_hash = admin.state.hasher.hash(password.clone()).await?;

    let mut tx = admin.state.db.begin().await?;
    let new = db::accounts::NewAccount {
        user_id: user_id.clone(),
        display_name,
        primary_email,
        password_hash,
        must_change_password: true,
        role,
        password_source: source,
        licensed: form.licensed,
    };
    let id = db::accounts::insert(tx.conn(), &new).await?.ok_or(AppError::field(Field::UserId, Problem::AlreadyExists))?;
    if office.is_some() {
        db::accounts::set_office_phone(tx.conn(), id, office.as_deref()).await?;
    }
    record(&mut tx, admin, "account_created", Some(id), json!({ "user_id": user_id.as_str(), "role": role.as_str() })).await?;
    tx.commit().await?;
    Ok(Created { id, temporary_password: made_here.then_some(password) })
}

pub struct EditForm<'a> {
    pub display_name: &'a str,
    pub primary_email: &'a str,
    pub office_phone: &'a str,
    pub role: &'a str,
    pub password_source: &'a str,
    pub enabled: bool,
    pub licensed: bool,
}

/// Opens the account for a change, locked until the transaction ends.
async fn begin_on(admin: &Admin, id: i64) -> Result<(Tx, Account), AppError> {
    let mut tx = admin.state.db.begin().await?;
    db::accounts::lock(tx.conn(), id).await?;
    let account = find(tx.conn(), id).await?;
    Ok((tx, account))
}

pub async fn update(admin: &Admin, id: i64, form: &EditForm<'_>) -> Result<(), AppError> {
    let display_name = directory::display_name(form.display_name)?;
    let primary_email = directory::primary_email(form.primary_email)?;
    let office = office_phone(form.office_phone)?;
    let role = Role::parse(form.role)?;
    let source = PasswordSource::parse(form.password_source)?;
    if id == admin.account.id {
        if role != Role::Admin {
            return Err(AppError::field(Field::Role, Problem::OwnAccount));
        }
        if !form.enabled {
            return Err(AppError::field(Field::Enabled, Problem::OwnAccount));
        }
    }
    let (mut tx, before) = begin_on(admin, id).await?;
    // An LDAP directory owns the names, addresses, phones and who may reset: sspr refreshes
    // them from it at each lookup, so a change here would not last.
    if !admin.state.directory.is_builtin() {
        for (field, differs) in [
            (Field::DisplayName, before.display_name != display_name),
            (Field::PrimaryEmail, before.primary_email != primary_email),
            (Field::OfficePhone, before.office_phone != office),
            (Field::Licensed, before.licensed != form.licensed),
        ] {
            if differs {
                return Err(AppError::field(field, Problem::ManagedInDirectory));
            }
        }
    }
    let fields = db::accounts::DirectoryFields {
        display_name: &display_name,
        primary_email: &primary_email,
        office_phone: office.as_deref(),
        password_source: source,
        role,
        enabled: form.enabled,
        licensed: form.licensed,
    };
    let changed: Vec<&str> = [
        ("display_name", before.display_name != display_name),
        ("primary_email", before.primary_email != primary_email),
        ("office_phone", before.office_phone != office),
        ("password_source", before.password_source != source),
        ("role", before.role != role),
        ("enabled", before.enabled != form.enabled),
        ("licensed", before.licensed != form.licensed),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect();
    if changed.is_empty() {
        return Ok(());
    }
    db::accounts::set_directory_fields(tx.conn(), id, &fields).await?;
    // A disabled account, or one whose role changed, signs in again.
    let sessions_ended = if !form.enabled || before.role != role {
        db::sessions::delete_for_account(tx.conn(), id, None).await?
    } else {
        0
    };
    let detail = json!({ "changed": changed, "role": role.as_str(), "enabled": form.enabled, "sessions_ended": sessions_ended });
    record(&mut tx, admin, "account_updated", Some(id), detail).await?;
    Ok(tx.commit().await?)
}

pub async fn set_membership(admin: &Admin, id: i64, group_id: i64, member: bool) -> Result<(), AppError> {
    // The directory's groups make the memberships (SSPR_LDAP_ATTR_GROUPS), at each lookup.
    if !admin.state.directory.is_builtin() {
        return Err(AppError::field(Field::Groups, Problem::ManagedInDirectory));
    }
    let (mut tx, _) = begin_on(admin, id).await?;
    let groups = db::groups::all(tx.conn()).await?;
    let group = groups.iter().find(|g| g.id == group_id).ok_or(AppError::field(Field::Groups, Problem::UnknownGroup))?;
    let mut ids = db::groups::of_account(tx.conn(), id).await?;
    let had = ids.contains(&group_id);
    if had == member {
        return Ok(());
    }
    if member {
        ids.push(group_id);
    } else {
        ids.retain(|g| *g != group_id);
    }
    db::groups::set_memberships(tx.conn(), id, &ids).await?;
    let event = if member { "group_member_added" } else { "group_member_removed" };
    record(&mut tx, admin, event, Some(id), json!({ "group": group.name })).await?;
    Ok(tx.commit().await?)
}

pub async fn require_reregistration(admin: &Admin, id: i64) -> Result<(), AppError> {
    let (mut tx, _) = begin_on(admin, id).await?;
    db::accounts::require_reregistration(tx.conn(), id).await?;
    record(&mut tx, admin, "reregistration_required", Some(id), json!({})).await?;
    Ok(tx.commit().await?)
}

/// Returns the temporary password when the server made it.
pub async fn reset_password(admin: &Admin, id: i64, typed: &str) -> Result<Option<String>, AppError> {
    let account = {
        let mut c = admin.state.db.acquire().await?;
        find(c.conn(), id).await?
    };
    if id == admin.account.id {
        // An administrator changes their own password on /password, with the current one.
        return Err(AppError::field(Field::TemporaryPassword, Problem::OwnAccount));
    }
    let (password, made_here) = chosen_password(typed, &account.user_id, &account.display_name, &admin.state.config.organisation)?;
    let hash = admin.state.directory.write_password(&admin.state, &account, PasswordWrite::Temporary { new: &password }).await?;
    let (mut tx, _) = begin_on(admin, id).await?;
    db::accounts::set_password(tx.conn(), id, &hash, true).await?;
    let sessions_ended = db::sessions::delete_for_account(tx.conn(), id, None).await?;
    record(&mut tx, admin, "password_reset_by_admin", Some(id), json!({ "sessions_ended": sessions_ended })).await?;
    tx.commit().await?;
    Ok(made_here.then_some(password))
}

/// Lifts every lock of the account: an administrator's or "this wasn't me", the sign-in
/// lock-out, and the day-long blocks of password reset.
pub async fn unlock(admin: &Admin, id: i64) -> Result<(), AppError> {
    let account = {
        let mut c = admin.state.db.acquire().await?;
        find(c.conn(), id).await?
    };
    admin.state.directory.unlock(&account).await?;
    let (mut tx, account) = begin_on(admin, id).await?;
    db::accounts::unlock(tx.conn(), id).await?;
    for key in [auth::sign_in_key(&account.user_id), reset::attempts_key(&account.user_id), reset::failures_key(&account.user_id)] {
        limits::clear(tx.conn(), &key).await?;
    }
    record(&mut tx, admin, "account_unlocked_by_admin", Some(id), json!({})).await?;
    Ok(tx.commit().await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_temporary_password_has_three_kinds_of_characters() {
        for _ in 0..2_000 {
            let p = super::temporary_password();
            assert_eq!(p.len(), 23);
            assert!(p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_lowercase()) && p.contains('-'), "{p}");
        }
    }
}
