//! The console's groups (SPEC §5): list, create, rename and describe, delete.

use crate::domain::AppError;
use crate::view::admin::groups::GroupRow;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{finish_step, parse_id, query};
#[cfg(feature = "ssr")]
use crate::api::support::{admin, answer, finish};
#[cfg(feature = "ssr")]
use crate::server::admin::groups;

#[server(endpoint = "admin_groups", input = GetUrl)]
pub async fn list_groups() -> Result<Vec<GroupRow>, AppError> {
    answer(async { groups::list(&admin().await?).await }.await)
}

#[server(endpoint = "admin_create_group")]
pub async fn create_group(group_name: String, group_description: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::create(&admin, &group_name, &group_description).await.map(|_| ())
    }
    .await;
    finish("/admin/groups", Some("done=group_created"), result)
}

#[server(endpoint = "admin_update_group")]
pub async fn update_group(id: String, group_name: String, group_description: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::update(&admin, parse_id(&id)?, &group_name, &group_description).await
    }
    .await;
    finish_step("/admin/groups", &query(&[("edit", id)]), "done=group_saved", result)
}

#[server(endpoint = "admin_delete_group")]
pub async fn delete_group(id: String) -> Result<(), AppError> {
    let result = async {
        let admin = admin().await?;
        groups::delete(&admin, parse_id(&id)?).await
    }
    .await;
    finish_step("/admin/groups", &query(&[("edit", id)]), "done=group_deleted", result)
}
