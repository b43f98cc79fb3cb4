//! Accounts in the admin console: search and page through them, create one, edit, require
//! re-registration, reset a password to a temporary one, unlock.
//! Administrators see phone numbers and e-mail addresses of methods masked, and never answers.

use crate::domain::AppError;
use crate::view::admin::accounts::{AccountDetail, AccountList, Created};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "admin_accounts", input = GetUrl)]
pub async fn admin_accounts(
    q: Option<String>,
    filter: Option<String>,
    after: Option<String>,
    before: Option<String>,
) -> Result<AccountList, AppError> {
    let admin = crate::api::support::admin().await?;
    let filter = crate::domain::directory::AccountFilter::parse(filter.as_deref().unwrap_or(""));
    let list = crate::server::admin::accounts::list(&admin, q.as_deref().unwrap_or(""), filter, after.as_deref(), before.as_deref()).await;
    crate::api::support::answer(list)
}

/// One account, named by its numeric ID or its user ID (`/admin/accounts/alice@contoso.example`).
#[server(endpoint = "admin_account", input = GetUrl)]
pub async fn admin_account(id: String) -> Result<AccountDetail, AppError> {
    let admin = crate::api::support::admin().await?;
    crate::api::support::answer(crate::server::admin::accounts::detail_named(&admin, &id).await)
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
    use crate::server::admin::accounts::{self, NewAccountForm};
    let result = async {
        let admin = crate::api::support::admin().await?;
        let form = NewAccountForm {
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
    }
    .await;
    let page = match &result {
        Ok(created) => format!("/admin/accounts/{}", created.id),
        Err(_) => "/admin/accounts/new".to_owned(),
    };
    crate::api::support::finish(&page, Some("done=created"), result)
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
    use crate::server::admin::accounts::{self, EditForm};
    let result = async {
        let admin = crate::api::support::admin().await?;
        let form = EditForm {
            display_name: &display_name,
            primary_email: &primary_email,
            office_phone: &office_phone,
            role: &role,
            password_source: &password_source,
            enabled: enabled.is_some(),
            licensed: licensed.is_some(),
        };
        accounts::update(&admin, id, &form).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=saved"), result)
}

#[server(endpoint = "admin_add_to_group")]
pub async fn admin_add_to_group(id: i64, group_id: i64) -> Result<(), AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::accounts::set_membership(&admin, id, group_id, true).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=saved"), result)
}

#[server(endpoint = "admin_remove_from_group")]
pub async fn admin_remove_from_group(id: i64, group_id: i64) -> Result<(), AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::accounts::set_membership(&admin, id, group_id, false).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=saved"), result)
}

#[server(endpoint = "admin_require_reregistration")]
pub async fn admin_require_reregistration(id: i64) -> Result<(), AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::accounts::require_reregistration(&admin, id).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=reregister"), result)
}

/// Sets a temporary password (typed, or made by the server and returned once) that must be
/// changed at the next sign-in; every session of the account ends.
#[server(endpoint = "admin_reset_password")]
pub async fn admin_reset_password(id: i64, temporary_password: String) -> Result<Option<String>, AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::accounts::reset_password(&admin, id, &temporary_password).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=password_reset"), result)
}

/// Lifts every lock: an administrator's or "this wasn't me", the sign-in lock-out and the
/// day-long block of password reset.
#[server(endpoint = "admin_unlock_account")]
pub async fn admin_unlock_account(id: i64) -> Result<(), AppError> {
    let result = async {
        let admin = crate::api::support::admin().await?;
        crate::server::admin::accounts::unlock(&admin, id).await
    }
    .await;
    crate::api::support::finish(&format!("/admin/accounts/{id}"), Some("done=unlocked"), result)
}
