//! Accounts in the admin console: search and page through them, create one, edit, require
//! re-registration, reset a password to a temporary one, unlock.
//! Administrators see phone numbers and e-mail addresses of methods masked, and never answers.

use crate::domain::AppError;
use crate::view::admin::accounts::{AccountDetail, AccountList, Created, DirectoryRead};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{Back, as_admin, change, read};
#[cfg(feature = "ssr")]
use crate::server::admin::accounts;

#[server(endpoint = "admin_accounts", input = GetUrl)]
pub async fn admin_accounts(
    q: Option<String>,
    filter: Option<String>,
    after: Option<String>,
    before: Option<String>,
) -> Result<AccountList, AppError> {
    read(move |admin| async move {
        let filter = crate::domain::directory::AccountFilter::parse(filter.as_deref().unwrap_or(""));
        accounts::list(&admin, q.as_deref().unwrap_or(""), filter, after.as_deref(), before.as_deref()).await
    })
    .await
}

/// One account, named by its numeric ID or its user ID (`/admin/accounts/alice@contoso.example`).
#[server(endpoint = "admin_account", input = GetUrl)]
pub async fn admin_account(id: String) -> Result<AccountDetail, AppError> {
    read(move |admin| async move { accounts::detail_named(&admin, &id).await }).await
}

/// Creates an account with a temporary password (typed, or made by the server and returned
/// once) that must be changed at the first sign-in.
#[server(endpoint = "admin_create_account")]
#[allow(clippy::too_many_arguments)]
pub async fn admin_create_account(
    user_id: String,
    display_name: String,
    primary_email: String,
    office_phone: String,
    role: String,
    password_source: String,
    licensed: Option<String>,
    temporary_password: String,
) -> Result<Created, AppError> {
    let result = as_admin(move |admin| async move {
        let form = accounts::NewAccountForm {
            user_id: &user_id,
            display_name: &display_name,
            primary_email: &primary_email,
            office_phone: &office_phone,
            role: &role,
            password_source: &password_source,
            licensed: licensed.is_some(),
            temporary_password: &temporary_password,
        };
        accounts::create(&admin, &form).await
    })
    .await;
    // The new account's page once it exists; until then, the form.
    let page = match &result {
        Ok(created) => format!("/admin/accounts/{}", created.id),
        Err(_) => "/admin/accounts/new".to_owned(),
    };
    Back::to(page, "done=created").finish(result)
}

/// Where a change of one account goes back to: its page.
#[cfg(feature = "ssr")]
fn account_page(id: i64, success: &'static str) -> Back {
    Back::to(format!("/admin/accounts/{id}"), success)
}

#[server(endpoint = "admin_update_account")]
#[allow(clippy::too_many_arguments)]
pub async fn admin_update_account(
    id: i64,
    display_name: String,
    primary_email: String,
    office_phone: String,
    role: String,
    password_source: String,
    enabled: Option<String>,
    licensed: Option<String>,
) -> Result<(), AppError> {
    change(account_page(id, "done=saved"), move |admin| async move {
        let form = accounts::EditForm {
            display_name: &display_name,
            primary_email: &primary_email,
            office_phone: &office_phone,
            role: &role,
            password_source: &password_source,
            enabled: enabled.is_some(),
            licensed: licensed.is_some(),
        };
        accounts::update(&admin, id, &form).await
    })
    .await
}

#[server(endpoint = "admin_add_to_group")]
pub async fn admin_add_to_group(id: i64, group_id: i64) -> Result<(), AppError> {
    change(account_page(id, "done=saved"), move |admin| async move { accounts::set_membership(&admin, id, group_id, true).await }).await
}

#[server(endpoint = "admin_remove_from_group")]
pub async fn admin_remove_from_group(id: i64, group_id: i64) -> Result<(), AppError> {
    change(account_page(id, "done=saved"), move |admin| async move { accounts::set_membership(&admin, id, group_id, false).await }).await
}

#[server(endpoint = "admin_require_reregistration")]
pub async fn admin_require_reregistration(id: i64) -> Result<(), AppError> {
    change(account_page(id, "done=reregister"), move |admin| async move { accounts::require_reregistration(&admin, id).await }).await
}

/// Sets a temporary password (typed, or made by the server and returned once) that must be
/// changed at the next sign-in; every session of the account ends.
#[server(endpoint = "admin_reset_password")]
pub async fn admin_reset_password(id: i64, temporary_password: String) -> Result<Option<String>, AppError> {
    change(account_page(id, "done=password_reset"), move |admin| async move {
        accounts::reset_password(&admin, id, &temporary_password).await
    })
    .await
}

/// Lifts every lock: an administrator's or "this wasn't me", the sign-in lock-out and the
/// day-long block of password reset.
#[server(endpoint = "admin_unlock_account")]
pub async fn admin_unlock_account(id: i64) -> Result<(), AppError> {
    change(account_page(id, "done=unlocked"), move |admin| async move { accounts::unlock(&admin, id).await }).await
}

/// Reads the whole LDAP directory now: its new users join the list, and the accounts it no
/// longer has are marked (their sessions end). Audited.
#[server(endpoint = "admin_read_directory")]
pub async fn admin_read_directory() -> Result<DirectoryRead, AppError> {
    change(Back::to("/admin/accounts", "done=directory_read"), move |admin| async move { accounts::read_directory(&admin).await }).await
}
