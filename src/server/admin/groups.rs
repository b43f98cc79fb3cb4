//! Groups (SPEC §5): created, renamed and described, deleted, each change audited. The group
//! the policy enables password reset for cannot be deleted.

use super::{Admin, record};
use crate::view::admin::groups::GroupRow;
use crate::domain::policy::{Scope, group_description, group_name};
use crate::domain::{AppError, Field, Problem};
use crate::server::db::{self, now};
use serde_json::json;

/// Every group with its member count, by name, marked when it is the policy's scope.
pub async fn list(admin: &Admin) -> Result<Vec<GroupRow>, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let (_, policy) = db::policy::current(c.conn()).await?;
    let groups = db::groups::all(c.conn()).await?;
    Ok(groups
        .into_iter()
        .map(|g| GroupRow { in_scope: policy.enabled_for == Scope::Group(g.id), id: g.id, name: g.name, description: g.description, members: g.members })
        .collect())
}

fn taken() -> AppError {
    AppError::field(Field::GroupName, Problem::AlreadyExists)
}

pub async fn create(admin: &Admin, name: &str, description: &str) -> Result<i64, AppError> {
    let name = group_name(name)?;
    let description = group_description(description)?;
    let mut tx = admin.state.db.begin().await?;
    let id = db::groups::create(tx.conn(), &name, &description, now()).await?.ok_or_else(taken)?;
    record(&mut tx, admin, "group_created", None, json!({ "group_id": id, "name": name, "description": description })).await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames and describes a group (the audit entry keeps the old values).
pub async fn update(admin: &Admin, id: i64, name: &str, description: &str) -> Result<(), AppError> {
    let name = group_name(name)?;
    let description = group_description(description)?;
    let mut tx = admin.state.db.begin().await?;
    let old = db::groups::find(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if !db::groups::update(tx.conn(), id, &name, &description).await? {
        return Err(taken());
    }
    let detail = json!({
        "group_id": id,
        "old": { "name": old.name, "description": old.description },
        "new": { "name": name, "description": description },
    });
    record(&mut tx, admin, "group_changed", None, detail).await?;
    Ok(tx.commit().await?)
}

/// Deletes a group and its memberships; refused while the policy enables password reset for it.
pub async fn delete(admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = admin.state.db.begin().await?;
    db::policy::lock(&mut tx).await?;
    let group = db::groups::find(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    let (_, policy) = db::policy::current(tx.conn()).await?;
    if policy.enabled_for == Scope::Group(id) {
        return Err(AppError::field(Field::GroupName, Problem::InPolicyScope));
    }
    db::groups::delete(tx.conn(), id).await?;
    let detail = json!({ "group_id": id, "name": group.name, "members": group.members });
    record(&mut tx, admin, "group_deleted", None, detail).await?;
    Ok(tx.commit().await?)
}
