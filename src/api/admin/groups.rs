//! The console's groups (SPEC §5): list, create, rename and describe, delete.

use crate::domain::AppError;
use crate::view::admin::groups::GroupRow;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{Back, change, parse_id, read};
#[cfg(feature = "ssr")]
use crate::server::admin::groups;

#[server(endpoint = "admin_groups", input = GetUrl)]
pub async fn list_groups() -> Result<Vec<GroupRow>, AppError> {
    read(|admin| async move { groups::list(&admin).await }).await
}

#[server(endpoint = "admin_create_group")]
pub async fn create_group(group_name: String, group_description: String) -> Result<(), AppError> {
    change(Back::to("/admin/groups", "done=group_created"), move |admin| async move {
        groups::create(&admin, &group_name, &group_description).await.map(|_| ())
    })
    .await
}

/// A change of one group goes back to its editor when refused.
#[cfg(feature = "ssr")]
fn editing(id: &str, success: &'static str) -> Back {
    Back::to("/admin/groups", success).or_step(&[("edit", id.to_owned())])
}

#[server(endpoint = "admin_update_group")]
pub async fn update_group(id: String, group_name: String, group_description: String) -> Result<(), AppError> {
    change(editing(&id, "done=group_saved"), move |admin| async move {
        groups::update(&admin, parse_id(&id)?, &group_name, &group_description).await
    })
    .await
}

#[server(endpoint = "admin_delete_group")]
pub async fn delete_group(id: String) -> Result<(), AppError> {
    change(editing(&id, "done=group_deleted"), move |admin| async move { groups::delete(&admin, parse_id(&id)?).await }).await
}
