//! The fields of an account that an administrator writes, the same in the form that creates
//! one and the form that edits one: display name, primary e-mail, office phone, role, password
//! source, enabled (an edit only) and licensed.

use crate::components::{CheckField, Field, SelectField, field_error};
use crate::domain::directory::{PasswordSource, Role};
use crate::domain::{AppError, Field as F};
use crate::i18n::{Texts, use_texts};
use crate::view::admin::accounts::AccountDetail;
use leptos::prelude::*;

/// What the fields start with: an account's values for an edit; for a new account, empty
/// texts, a user whose password is in the cloud, licensed.
#[derive(Debug, Clone)]
pub struct AccountValues {
    pub display_name: String,
    pub primary_email: String,
    pub office_phone: Option<String>,
    pub role: Role,
    pub password_source: PasswordSource,
    pub enabled: bool,
    pub licensed: bool,
}

impl Default for AccountValues {
    fn default() -> Self {
        AccountValues {
            display_name: String::new(),
            primary_email: String::new(),
            office_phone: None,
            role: Role::User,
            password_source: PasswordSource::Cloud,
            enabled: true,
            licensed: true,
        }
    }
}

impl From<&AccountDetail> for AccountValues {
    fn from(a: &AccountDetail) -> Self {
        AccountValues {
            display_name: a.display_name.clone(),
            primary_email: a.primary_email.clone(),
            office_phone: a.office_phone.clone(),
            role: a.role,
            password_source: a.password_source,
            enabled: a.enabled,
            licensed: a.licensed,
        }
    }
}

/// The account's fields, each with its error from `error`: for a new account without
/// `editing` (its primary e-mail may stay empty: the user ID is used), or filled with
/// `editing`'s values, with the box that disables the account. With `in_directory`, the fields
/// an LDAP directory owns are shown, not edited, and sent back as they are.
#[component]
pub fn AccountFields(
    #[prop(optional)] editing: Option<AccountValues>,
    #[prop(optional)] in_directory: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let is_edit = editing.is_some();
    let a = editing.unwrap_or_default();
    let owned = if in_directory {
        let office = a.office_phone.clone();
        view! {
            <p class="hint">{t.directory_fields_note}</p>
            <dl class="facts">
                <dt>{t.display_name_label}</dt>
                <dd>{a.display_name.clone()}</dd>
                <dt>{t.primary_email_label}</dt>
                <dd>{a.primary_email.clone()}</dd>
                <dt>{t.office_phone_label}</dt>
                <dd>{office.clone().unwrap_or_else(|| t.state_not_set.to_owned())}</dd>
                <dt>{t.licensed_label}</dt>
                <dd>{if a.licensed { t.yes } else { t.no }}</dd>
            </dl>
            <input type="hidden" name="display_name" value=a.display_name.clone() />
            <input type="hidden" name="primary_email" value=a.primary_email.clone() />
            <input type="hidden" name="office_phone" value=office.unwrap_or_default() />
            {a.licensed.then(|| view! { <input type="hidden" name="licensed" value="on" /> })}
        }
        .into_any()
    } else {
        editable(t, is_edit, &a, error).into_any()
    };
    view! {
        {owned}
        <SelectField label=t.role_label name="role" options=role_options(t) selected=a.role.as_str() error=field_error(error, F::Role) />
        <SelectField
            label=t.password_source_label
            name="password_source"
            options=source_options(t)
            selected=a.password_source.as_str()
            error=field_error(error, F::PasswordSource)
        />
        {is_edit.then(|| view! { <CheckField label=t.enabled_label name="enabled" checked=a.enabled error=field_error(error, F::Enabled) /> })}
    }
}

/// The fields sspr's own directory keeps: name, e-mail, office phone, and who may reset.
fn editable(t: &'static Texts, is_edit: bool, a: &AccountValues, error: Signal<Option<AppError>>) -> impl IntoView + use<> {
    let primary_email = if is_edit {
        view! {
            <Field
                label=t.primary_email_label
                name="primary_email"
                kind="email"
                autocomplete="off"
                value=a.primary_email.clone()
                error=field_error(error, F::PrimaryEmail)
            />
        }
        .into_any()
    } else {
        view! {
            <Field
                label=t.primary_email_label
                name="primary_email"
                kind="email"
                autocomplete="off"
                hint=t.primary_email_hint
                required=false
                error=field_error(error, F::PrimaryEmail)
            />
        }
        .into_any()
    };
    view! {
        <Field
            label=t.display_name_label
            name="display_name"
            autocomplete="off"
            maxlength=200
            value=a.display_name.clone()
            error=field_error(error, F::DisplayName)
        />
        {primary_email}
        <Field
            label=t.office_phone_label
            name="office_phone"
            kind="tel"
            autocomplete="off"
            hint=t.office_phone_admin_hint
            required=false
            value=a.office_phone.clone().unwrap_or_default()
            error=field_error(error, F::OfficePhone)
        />
        <CheckField label=t.licensed_label name="licensed" checked=a.licensed />
    }
}

fn role_options(t: &Texts) -> Vec<(String, String)> {
    vec![(Role::User.as_str().into(), t.role_user.into()), (Role::Admin.as_str().into(), t.role_admin.into())]
}

fn source_options(t: &Texts) -> Vec<(String, String)> {
    vec![(PasswordSource::Cloud.as_str().into(), t.source_cloud.into()), (PasswordSource::OnPremises.as_str().into(), t.source_on_premises.into())]
}
