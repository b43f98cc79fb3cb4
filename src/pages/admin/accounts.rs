//! `/admin/accounts`: search and page through the accounts with their registration state;
//! `/admin/accounts/new` creates one, `/admin/accounts/import` imports a CSV file.

use super::account_fields::AccountFields;
use crate::api::admin::accounts::{AdminCreateAccount, AdminReadDirectory, admin_accounts};

use crate::api::admin::import::AdminImportAccounts;

use crate::view::admin::accounts::{AccountList, AccountRow};
use crate::view::query::query;
use crate::components::{DataTable, Field, FormAlert, PageError, field_error, form_error, use_form_error};
use crate::domain::directory::AccountFilter;
use crate::domain::{Field as F, Method};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let read = ServerAction::<AdminReadDirectory>::new();
    let list = Resource::new(
        move || (query.get(), read.version().get()),
        |(q, _)| admin_accounts(q.get("q"), q.get("filter"), q.get("after"), q.get("before")),
    );
    let text = move || query.with(|q| q.get("q")).unwrap_or_default();
    let filter = move || AccountFilter::parse(&query.with(|q| q.get("filter")).unwrap_or_default());
    view! {
        <Title text=t.accounts_title />
        <h1>{t.accounts_title}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let from_directory = list.await.is_ok_and(|l| l.from_directory);
                view! { <AccountActions from_directory read /> }
            })}
        </Transition>
        <form method="get" action="/admin/accounts" class="search" role="search">
            <div class="field">
                <label for="accounts-q">{t.accounts_search_label}</label>
                <input id="accounts-q" name="q" type="search" maxlength="200" prop:value=text autocomplete="off" />
            </div>
            <div class="field">
                <label for="accounts-filter">{t.accounts_filter_label}</label>
                <select id="accounts-filter" name="filter">
                    {move || {
                        AccountFilter::ALL
                            .into_iter()
                            .map(|f| {
                                view! { <option value=f.as_str() selected=filter() == f>{(t.account_filter)(f)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <button type="submit" class="button secondary">{t.accounts_search_button}</button>
        </form>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <AccountTable list text=text() filter=filter() /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// New and import for sspr's own accounts; with an LDAP directory, which owns them, reading it
/// now (and what that found).
#[component]
fn AccountActions(from_directory: bool, read: ServerAction<AdminReadDirectory>) -> impl IntoView {
    let t = use_texts();
    if !from_directory {
        return view! {
            <p class="actions">
                <a class="button" href="/admin/accounts/new">{t.new_account_button}</a>
                <a class="button secondary" href="/admin/accounts/import">{t.import_button}</a>
            </p>
        }
        .into_any();
    }
    let query = use_query_map();
    let error = use_form_error(read);
    let done = Signal::derive(move || match read.value().get() {
        Some(Ok(r)) => Some((t.directory_read_counts)(r.users, r.gone)),
        Some(Err(_)) => None,
        None => query.with(|q| q.get("done")).filter(|d| d == "directory_read").map(|_| t.directory_read_status.to_owned()),
    });
    view! {
        <p class="hint">{t.accounts_from_directory_hint}</p>
        {move || done.get().map(|m| view! { <p class="status" role="status">{m}</p> })}
        <FormAlert message=form_error(error) />
        <ActionForm action=read attr:class="actions">
            <button type="submit" class="button secondary" disabled=move || read.pending().get()>
                {move || if read.pending().get() { t.reading_directory } else { t.read_directory_button }}
            </button>
        </ActionForm>
    }
    .into_any()
}

/// The page link that keeps the search and the filter.
fn page_link(text: &str, filter: AccountFilter, key: &str, value: &str) -> String {
    let pairs: Vec<(&str, &str)> = [("q", text), ("filter", filter.as_str()), (key, value)].into_iter().filter(|(_, v)| !v.is_empty()).collect();
    format!("/admin/accounts?{}", query(&pairs))
}

#[component]
fn AccountTable(list: AccountList, text: String, filter: AccountFilter) -> impl IntoView {
    let t = use_texts();
    let previous = list.previous.map(|k| page_link(&text, filter, "before", &k));
    let next = list.next.map(|k| page_link(&text, filter, "after", &k));
    let table = if list.rows.is_empty() {
        view! { <p>{t.accounts_none}</p> }.into_any()
    } else {
        view! {
            <DataTable caption=t.accounts_title caption_hidden=true>
                <thead>
                    <tr>
                        <th scope="col">{t.user_id_label}</th>
                        <th scope="col">{t.display_name_label}</th>
                        <th scope="col">{t.accounts_col_methods}</th>
                        <th scope="col">{t.accounts_col_state}</th>
                        <th scope="col">{t.accounts_col_confirmed}</th>
                    </tr>
                </thead>
                <tbody>{list.rows.into_iter().map(|row| view! { <AccountLine row /> }).collect_view()}</tbody>
            </DataTable>
        }
            .into_any()
    };
    view! {
        <p role="status">{(t.accounts_count)(list.total)}</p>
        {table}
        <nav class="pager" aria-label=t.accounts_pages>
            {previous.map(|href| view! { <a href=href rel="prev">{t.previous_page}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t.next_page}</a> })}
        </nav>
    }
}

pub fn method_name(t: &Texts, m: Method) -> &'static str {
    match m {
        Method::AuthPhone => t.auth_phone_title,
        Method::OfficePhone => t.office_phone_title,
        Method::AuthEmail => t.auth_email_title,
        Method::SecurityQuestions => t.questions_title,
        Method::RecoveryCodes => t.recovery_codes_title,
    }
}

#[component]
fn AccountLine(row: AccountRow) -> impl IntoView {
    let t = use_texts();
    let methods = if row.methods.is_empty() {
        t.no_methods.to_owned()
    } else {
        row.methods.iter().map(|m| method_name(t, *m)).collect::<Vec<_>>().join(", ")
    };
    let badges: Vec<&'static str> = [
        (row.admin, t.badge_admin),
        (!row.enabled, t.badge_disabled),
        (row.locked, t.badge_locked),
        (row.on_premises, t.badge_on_premises),
        (!row.licensed, t.badge_unlicensed),
        (row.must_change_password, t.badge_must_change),
        (row.reregister_required, t.badge_reregister),
        (row.gone_from_directory, t.badge_gone_from_directory),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    let confirmed = row.confirmed_at.map_or_else(|| t.never.to_owned(), |c| crate::domain::time::format_utc(c)[..10].to_owned());
    view! {
        <tr>
            <td><a class="user-id" href=format!("/admin/accounts/{}", row.id)>{row.user_id}</a></td>
            <td>{row.display_name}</td>
            <td>{methods}</td>
            <td>
                <ul class="badges">{badges.into_iter().map(|b| view! { <li class="badge">{b}</li> }).collect_view()}</ul>
            </td>
            <td>{confirmed}</td>
        </tr>
    }
}

/// `/admin/accounts/new`.
#[component]
pub fn NewAccountPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<AdminCreateAccount>::new();
    let error = use_form_error(action);
    let created = move || action.value().get().and_then(|r| r.ok());
    view! {
        <Title text=t.new_account_title />
        <h1>{t.new_account_title}</h1>
        <p><a href="/admin/accounts">{t.back_to_accounts}</a></p>
        {move || match created() {
            Some(c) => {
                view! {
                    <div class="status" role="status">
                        <p>{t.created_status}</p>
                        {c.temporary_password.map(|p| view! { <TemporaryPassword password=p /> })}
                        <p><a href=format!("/admin/accounts/{}", c.id)>{t.open_account}</a></p>
                    </div>
                }
                    .into_any()
            }
            None => ().into_any(),
        }}
        <p>{t.new_account_intro}</p>
        <FormAlert message=form_error(error) />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Field label=t.user_id_label name="user_id" autocomplete="off" maxlength=254 error=field_error(error, F::UserId) />
            <AccountFields error />
            <Field
                label=t.temporary_password_label
                name="temporary_password"
                kind="password"
                autocomplete="new-password"
                hint=t.temporary_password_hint
                required=false
                error=field_error(error, F::TemporaryPassword)
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.creating } else { t.create_button }}
            </button>
        </ActionForm>
    }
}

/// A temporary password shown once, to copy or read to the user.
#[component]
pub fn TemporaryPassword(password: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <p>{t.temporary_password_shown}</p>
        <p class="secret"><code>{password}</code></p>
    }
}

/// `/admin/accounts/import`.
#[component]
pub fn ImportAccountsPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<AdminImportAccounts>::new();
    let error = use_form_error(action);
    let imported = move || action.value().get().and_then(|r| r.ok());
    let query = use_query_map();
    let done_without_script = move || query.with(|q| q.get("done")).is_some_and(|d| d == "imported");
    // Choosing a file needs the WebAssembly (it reads the file into the text area), so the
    // picker appears only once it runs; without it the text is pasted.
    let hydrated = RwSignal::new(false);
    Effect::new(move || hydrated.set(true));
    let csv_area = NodeRef::<leptos::html::Textarea>::new();
    view! {
        <Title text=t.import_title />
        <h1>{t.import_title}</h1>
        <p><a href="/admin/accounts">{t.back_to_accounts}</a></p>
        <Show when=done_without_script>
            <p class="status" role="status">{t.imported_without_script}</p>
        </Show>
        {move || {
            imported()
                .map(|i| {
                    let csv = std::iter::once("user_id,temporary_password".to_owned())
                        .chain(i.accounts.iter().map(|(u, p)| format!("{u},{p}")))
                        .collect::<Vec<_>>()
                        .join("\n");
                    view! {
                        <div class="status" role="status">
                            <p>{(t.imported_status)(i.accounts.len())}</p>
                            <label for="imported-passwords">{t.imported_passwords_label}</label>
                            <textarea id="imported-passwords" readonly rows="8">{csv}</textarea>
                        </div>
                    }
                })
        }}
        <p>{t.import_intro}</p>
        <pre class="example"><code>{t.import_example}</code></pre>
        <FormAlert message=form_error(error) />
        <Show when=move || hydrated.get()>
            <div class="field">
                <label for="import-file">{t.import_file_label}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=move |ev| read_file_into(ev, csv_area) />
            </div>
        </Show>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <div class="field" class:field-invalid=move || field_error(error, F::File).get().is_some()>
                <label for="field-csv">{t.import_label}</label>
                <p class="hint" id="field-csv-hint">{t.import_hint}</p>
                <textarea
                    node_ref=csv_area
                    id="field-csv"
                    name="csv"
                    rows="10"
                    required
                    spellcheck="false"
                    aria-describedby=move || {
                        if field_error(error, F::File).get().is_some() { "field-csv-hint field-csv-error" } else { "field-csv-hint" }
                    }
                    aria-invalid=move || field_error(error, F::File).get().is_some().then_some("true")
                ></textarea>
                {move || field_error(error, F::File).get().map(|e| view! { <p class="field-error" id="field-csv-error" role="alert">{e}</p> })}
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.importing } else { t.import_submit }}
            </button>
        </ActionForm>
    }
}

/// Reads the chosen file's text into the CSV text area.
#[cfg(feature = "hydrate")]
fn read_file_into(ev: leptos::ev::Event, area: NodeRef<leptos::html::Textarea>) {
    use wasm_bindgen::JsCast;
    let file = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()).and_then(|f| f.get(0));
    let Some(file) = file else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
        if let (Some(text), Some(el)) = (text, area.get_untracked()) {
            el.set_value(&text);
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn read_file_into(_: leptos::ev::Event, _: NodeRef<leptos::html::Textarea>) {}
