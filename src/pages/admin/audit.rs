//! `/admin/audit`: the audit log, newest first, filtered by a GET form (so a filtered view
//! works without JavaScript and can be bookmarked), paged by cursor, with the export of the
//! filtered entries and a check of the hash chain.

use crate::api::admin::audit::{audit_log, verify_audit_chain};

use crate::view::admin::audit::{AuditLogPage, AuditRow, ChainState, Named};
use crate::view::query::address;
use super::words::{detail_text, event_label};
use crate::components::{DataTable, PageError, SelectField, field_error};
use crate::domain::audit::EVENTS;
use crate::domain::time::format_utc;
use crate::domain::{AppError, Field as F};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

/// The filters' names in the query string (equal to the server function's arguments).
const FILTERS: [&str; 4] = ["user_id", "event", "from", "to"];


#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).filter(|v| !v.trim().is_empty());
    // The filters as given, for the form, the export and the pager.
    let filters = Memo::new(move |_| FILTERS.map(|name| (name, param(name))));
    let entries = Resource::new(
        move || (filters.get(), param("before"), param("after")),
        |([(_, user_id), (_, event), (_, from), (_, to)], before, after)| audit_log(user_id, event, from, to, before, after),
    );
    view! {
        <Title text=t.audit_title />
        <h1>{t.audit_title}</h1>
        <p>{t.audit_intro}</p>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let result = entries.await;
                let given = filters.get_untracked();
                let error = result.as_ref().err().cloned();
                view! {
                    <FilterForm given=given.clone() error />
                    {match result {
                        Ok(page) => view! { <Entries page given /> }.into_any(),
                        Err(e) if e.field_name().is_some() => ().into_any(),
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    }}
                }
            })}
        </Transition>
        <ChainCheck />
    }
}

type Given = [(&'static str, Option<String>); 4];

fn value_of(given: &Given, name: &str) -> String {
    given.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone()).unwrap_or_default()
}

/// The GET form of the filters, filled with those given; a bad one shows its error at its field.
#[component]
fn FilterForm(given: Given, error: Option<AppError>) -> impl IntoView {
    let t = use_texts();
    let error = Signal::stored(error);
    let events: Vec<(String, String)> = std::iter::once((String::new(), t.audit_all_events.to_owned()))
        .chain(EVENTS.iter().map(|e| ((*e).to_owned(), event_label(t, e))))
        .collect();
    view! {
        <section aria-labelledby="audit-filters">
            <h2 id="audit-filters">{t.audit_filters}</h2>
            <Form method="get" action="/admin/audit" attr:class="form filters">
                <FilterField
                    label=t.audit_user_id_label
                    name="user_id"
                    value=value_of(&given, "user_id")
                    error=field_error(error, F::UserId)
                />
                <SelectField
                    label=t.audit_event_label
                    name="event"
                    options=events
                    selected=value_of(&given, "event")
                    error=field_error(error, F::Event)
                />
                <FilterField
                    label=t.audit_from_label
                    name="from"
                    value=value_of(&given, "from")
                    hint=t.audit_date_hint
                    inputmode="numeric"
                    error=field_error(error, F::From)
                />
                <FilterField
                    label=t.audit_to_label
                    name="to"
                    value=value_of(&given, "to")
                    hint=t.audit_date_hint
                    inputmode="numeric"
                    error=field_error(error, F::To)
                />
                <div class="buttons">
                    <button type="submit" class="button">{t.audit_filter_button}</button>
                    <A href="/admin/audit">{t.audit_clear_filters}</A>
                </div>
            </Form>
        </section>
    }
}

/// The page of entries, the pager, and the export of the same filters.
#[component]
fn Entries(page: AuditLogPage, given: Given) -> impl IntoView {
    let t = use_texts();
    let filters: Vec<(&str, String)> = given.iter().filter_map(|(n, v)| v.clone().map(|v| (*n, v))).collect();
    let link = |extra: Option<(&'static str, String)>| {
        let mut pairs = filters.clone();
        pairs.extend(extra);
        address("/admin/audit", &pairs)
    };
    let export = |format: &'static str| {
        let mut pairs = vec![("format", format.to_owned())];
        pairs.extend(filters.clone());
        address("/admin/audit/export", &pairs)
    };
    let newer = page.newer.map(|c| link(Some(("after", c))));
    let older = page.older.map(|c| link(Some(("before", c))));
    let rows = page.rows;
    view! {
        <section aria-labelledby="audit-export">
            <h2 id="audit-export">{t.audit_export_title}</h2>
            <p>{t.audit_export_hint}</p>
            <p class="actions">
                // `rel="external"`: a download, not a page of the app for the router to render.
                <a href=export("csv") rel="external" download="">{t.audit_export_csv}</a>
                <a href=export("json") rel="external" download="">{t.audit_export_json}</a>
            </p>
        </section>
        {if rows.is_empty() {
            view! { <p class="status" role="status">{t.audit_empty}</p> }.into_any()
        } else {
            view! {
                <DataTable caption=t.audit_entries_caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.audit_col_when}</th>
                            <th scope="col">{t.audit_col_event}</th>
                            <th scope="col">{t.audit_col_actor}</th>
                            <th scope="col">{t.audit_col_account}</th>
                            <th scope="col">{t.audit_col_ip}</th>
                            <th scope="col">{t.audit_col_detail}</th>
                        </tr>
                    </thead>
                    <tbody>{rows.into_iter().map(|r| view! { <EntryRow r /> }).collect_view()}</tbody>
                </DataTable>
            }
                .into_any()
        }}
        {(newer.is_some() || older.is_some())
            .then(|| {
                view! {
                    <nav class="pager" aria-label=t.audit_pages>
                        {newer.map(|href| view! { <A href=href>{t.audit_newer}</A> })}
                        {older.map(|href| view! { <A href=href>{t.audit_older}</A> })}
                    </nav>
                }
            })}
    }
}

#[component]
fn EntryRow(r: AuditRow) -> impl IntoView {
    let t = use_texts();
    view! {
        <tr>
            <td class="nowrap">{format_utc(r.at)}</td>
            <td>{event_label(t, &r.event)}</td>
            <td>{account_link(r.actor)}</td>
            <td>{account_link(r.account)}</td>
            <td>{r.ip.unwrap_or_else(|| "—".into())}</td>
            <td class="audit-detail">{detail_text(t, &r.detail)}</td>
        </tr>
    }
}

/// "Verify the chain": a GET form too, so the verdict comes from the server on every load and
/// a link cannot claim it.
#[component]
fn ChainCheck() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let asked = move || query.with(|q| q.get("verify").is_some());
    let verdict = Resource::new(asked, |asked| async move {
        if asked { Some(verify_audit_chain().await) } else { None }
    });
    view! {
        <section aria-labelledby="audit-chain">
            <h2 id="audit-chain">{t.audit_chain_title}</h2>
            <p>{t.audit_chain_intro}</p>
            <Form method="get" action="/admin/audit" attr:class="form-inline">
                // The filters stay as they are.
                {move || {
                    FILTERS
                        .map(|name| {
                            query
                                .with(|q| q.get(name))
                                .filter(|v| !v.trim().is_empty())
                                .map(|value| view! { <input type="hidden" name=name value=value /> })
                        })
                        .into_iter()
                        .collect_view()
                }}
                <input type="hidden" name="verify" value="1" />
                <button type="submit" class="button secondary">{t.audit_verify_button}</button>
            </Form>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match verdict.await {
                        None => ().into_any(),
                        Some(Ok(ChainState::Intact { entries })) => {
                            view! { <p class="status" role="status">{(t.audit_chain_intact)(entries)}</p> }.into_any()
                        }
                        Some(Ok(ChainState::Broken { at_id })) => {
                            view! { <p class="alert" role="alert">{(t.audit_chain_broken)(at_id)}</p> }.into_any()
                        }
                        Some(Err(e)) => view! { <p class="alert" role="alert">{t.error(&e)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

// ---- widgets of the console's lists, shared with the reports and the inbox ----------------------

/// An account named in a list: its user ID linked to its page, `#id` when it is gone, or a dash.
pub(super) fn account_link(who: Option<Named>) -> AnyView {
    match who {
        Some(Named { id, user_id: Some(user_id) }) => view! { <A href=format!("/admin/accounts/{id}") attr:class="user-id">{user_id}</A> }.into_any(),
        Some(Named { id, user_id: None }) => format!("#{id}").into_any(),
        None => "—".into_any(),
    }
}

/// A labelled filter input: optional (unlike a form's `Field`), filled with its current value,
/// with its hint and error tied to it.
#[component]
pub(super) fn FilterField(
    label: &'static str,
    name: &'static str,
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = hint.map(|_| hint_id.as_str()).into_iter().chain(error.get().map(|_| error_id.as_str())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                name=name
                type="text"
                value=value
                inputmode=inputmode
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
            />
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })}
        </div>
    }
}

/// "Previous page · Page 2 of 5 · Next page" for a list paged by number; `href` makes the
/// link of a page.
#[component]
pub(super) fn PageLinks(page: u32, pages: u32, href: Callback<u32, String>, label: &'static str) -> impl IntoView {
    let t = use_texts();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                {(page > 1).then(|| view! { <A href=href.run(page - 1)>{t.previous_page}</A> })}
                <span>{(t.page_of)(page, pages)}</span>
                {(page < pages).then(|| view! { <A href=href.run(page + 1)>{t.next_page}</A> })}
            </nav>
        }
    })
}
