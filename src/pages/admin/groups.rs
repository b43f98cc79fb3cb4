//! `/admin/groups` (SPEC §5): the groups with their member counts and a form to create one;
//! `?edit=ID` renames, describes or deletes one (the policy's scope group cannot go).

use super::steps::{FreshFormSection, GoneStep, on_success};
use crate::api::admin::groups::{CreateGroup, DeleteGroup, UpdateGroup, list_groups};
use crate::view::admin::groups::GroupRow;
use crate::components::{DataTable, Field, FormAlert, PageError, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::policy::{MAX_GROUP_DESCRIPTION, MAX_GROUP_NAME};
use crate::domain::{AppError, Field as F};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateGroup>::new();
    let update = ServerAction::<UpdateGroup>::new();
    let delete = ServerAction::<DeleteGroup>::new();
    let changes = RwSignal::new(0_usize);
    on_success(create, changes, "/admin/groups?done=group_created");
    on_success(update, changes, "/admin/groups?done=group_saved");
    on_success(delete, changes, "/admin/groups?done=group_deleted");
    let groups = Resource::new(move || changes.get(), |_| list_groups());
    let query = use_query_map();
    let editing = Memo::new(move |_| query.with(|q| q.get("edit")).and_then(|id| id.parse::<i64>().ok()));
    let status = Signal::derive(move || match query.with(|q| q.get("done")).as_deref() {
        Some("group_created") => Some(t.group_created_status),
        Some("group_saved") => Some(t.group_saved_status),
        Some("group_deleted") => Some(t.group_deleted_status),
        _ => None,
    });
    view! {
        <Title text=t.groups_title />
        <h1>{t.groups_title}</h1>
        <p>{t.groups_intro}</p>
        <StatusMessage message=status />
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (groups.await, editing.get()) {
                    (Ok(list), Some(id)) => {
                        match list.into_iter().find(|g| g.id == id) {
                            Some(group) => view! { <EditGroup group update delete /> }.into_any(),
                            None => view! { <GoneStep href="/admin/groups" back=t.group_back_link /> }.into_any(),
                        }
                    }
                    (Ok(list), None) => view! { <GroupList list /> }.into_any(),
                    (Err(e), _) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        // Outside the list's reload, so that a refused name stays typed; hidden while editing,
        // whose form has the same fields.
        {move || editing.get().is_none().then(|| view! { <CreateGroupForm create changes /> })}
    }
}

#[component]
fn GroupList(list: Vec<GroupRow>) -> impl IntoView {
    let t = use_texts();
    if list.is_empty() {
        return view! { <p>{t.groups_empty}</p> }.into_any();
    }
    view! {
        <DataTable caption=t.groups_caption>
            <thead>
                <tr>
                    <th scope="col">{t.group_name_label}</th>
                    <th scope="col">{t.col_description}</th>
                    <th scope="col" class="number">{t.col_members}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|g| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/admin/groups?edit={}", g.id) aria-label=(t.group_edit_link)(&g.name)>
                                        {g.name.clone()}
                                    </a>
                                    {g.in_scope.then(|| view! { <span class="badge verified">{t.group_in_scope}</span> })}
                                </th>
                                <td>{g.description}</td>
                                <td class="number">{g.members}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn CreateGroupForm(create: ServerAction<CreateGroup>, changes: RwSignal<usize>) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(create);
    view! {
        <FreshFormSection id="create-group-title" title=t.group_create_title changes>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <FormAlert message=form_error(error) />
                <GroupFields name=String::new() description=String::new() error />
                <button type="submit" class="button" disabled=move || create.pending().get()>{t.group_create_button}</button>
            </ActionForm>
        </FreshFormSection>
    }
}

/// A group's name and description, as they are now (empty for a new group).
#[component]
fn GroupFields(name: String, description: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <Field
            label=t.group_name_label
            name="group_name"
            autocomplete="off"
            maxlength=MAX_GROUP_NAME as u32
            hint=t.group_name_hint
            value=name
            error=field_error(error, F::GroupName)
        />
        <Field
            label=t.group_description_label
            name="group_description"
            autocomplete="off"
            maxlength=MAX_GROUP_DESCRIPTION as u32
            hint=t.group_description_hint
            value=description
            required=false
            error=field_error(error, F::GroupDescription)
        />
    }
}

/// `?edit=ID`: rename and describe the group, or delete it.
#[component]
fn EditGroup(group: GroupRow, update: ServerAction<UpdateGroup>, delete: ServerAction<DeleteGroup>) -> impl IntoView {
    let t = use_texts();
    let updating = use_form_error(update);
    let deleting = use_form_error(delete);
    let error = Signal::derive(move || updating.get().or_else(|| deleting.get()));
    let id = group.id.to_string();
    let delete_id = id.clone();
    view! {
        <section class="admin-section" aria-labelledby="edit-group-title">
            <h2 id="edit-group-title">{(t.group_edit_title)(&group.name)}</h2>
            {group.in_scope.then(|| view! { <p class="notice">{t.group_in_scope}</p> })}
            <ActionForm action=update attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <FormAlert message=form_error(error) />
                <GroupFields name=group.name.clone() description=group.description.clone() error />
                <button type="submit" class="button" disabled=move || update.pending().get()>{t.group_save_button}</button>
            </ActionForm>
        </section>
        <section class="admin-section" aria-labelledby="delete-group-title">
            <h2 id="delete-group-title">{t.group_delete_title}</h2>
            <p class="hint">{t.group_delete_hint}</p>
            <ActionForm action=delete attr:class="form-inline">
                <input type="hidden" name="id" value=delete_id />
                <button type="submit" class="button danger" disabled=move || delete.pending().get()>{t.group_delete_button}</button>
            </ActionForm>
        </section>
        <p>
            <a href="/admin/groups">{t.group_back_link}</a>
        </p>
    }
}
