//! The policy editor (SPEC §1, §5): the policy in force, the preview of a change, the save. A
//! refused plain post goes back to the preview it came from, with the error at its field.

use crate::domain::AppError;
use crate::domain::policy::PolicyForm;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use crate::view::admin::policy::{Impact, PolicyEditor};
#[cfg(feature = "ssr")]
use super::{Back, change, read};
#[cfg(feature = "ssr")]
use crate::server::admin::policy;

#[server(endpoint = "admin_policy", input = GetUrl)]
pub async fn get_policy() -> Result<PolicyEditor, AppError> {
    read(|admin| async move { policy::editor(&admin).await }).await
}

/// Who could no longer reset under the proposed policy (nothing is saved).
#[server(endpoint = "admin_preview_policy", input = GetUrl)]
pub async fn preview_policy(#[server(flatten)] form: PolicyForm) -> Result<Impact, AppError> {
    read(move |admin| async move { policy::preview(&admin.state.db, &form).await }).await
}

/// Saves the previewed policy, if `version` is still the one in force; refused, back to the
/// preview.
#[server(endpoint = "admin_save_policy")]
pub async fn save_policy(version: String, #[server(flatten)] form: PolicyForm) -> Result<(), AppError> {
    let mut preview = form.pairs();
    preview.extend([("intent", "preview".to_owned()), ("version", version.clone())]);
    change(Back::to("/admin/policy", "done=policy_saved").or_step(&preview), move |admin| async move {
        let expected = version.trim().parse().map_err(|_| AppError::Conflict)?;
        policy::save(&admin.state.db, expected, &form, policy::Actor::Admin(&admin)).await.map(|_| ())
    })
    .await
}
