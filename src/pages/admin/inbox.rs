//! `/admin/inbox`: the requests of the reset portal's "Contact an administrator" button and the
//! "this wasn't me" reports, open ones first (oldest first), then those handled. "Mark handled"
//! opens one request's note form (`?request=<id>`), so that a plain form post that fails comes
//! back to the same request with the error at its field.

use super::audit::{PageLinks, account_link};
use crate::view::query::address;
use crate::api::admin::inbox::{HandleRequest, inbox};
use crate::view::admin::audit::Named;
use crate::view::admin::inbox::{Handled, InboxData, InboxRequest};
use crate::components::{DataTable, FormAlert, PageError, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::time::format_utc;
use crate::domain::{AppError, Field as F};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A request's reason in words, or as stored when the catalogue does not know it.
fn reason_text(t: &Texts, reason: &str) -> String {
    (t.inbox_reason)(reason).map(str::to_owned).unwrap_or_else(|| reason.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pages {
    open: u32,
    handled: u32,
}

impl Pages {
    /// The inbox's address with these pages and, if given, a request to handle.
    fn href(self, request: Option<i64>) -> String {
        let mut pairs = Vec::new();
        if self.open > 1 {
            pairs.push(("open_page", self.open.to_string()));
        }
        if self.handled > 1 {
            pairs.push(("handled_page", self.handled.to_string()));
        }
        pairs.extend(request.map(|id| ("request", id.to_string())));
        address("/admin/inbox", &pairs)
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let number = move |name: &str| query.with(|q| q.get(name).and_then(|v| v.parse::<u32>().ok()));
    let selected = move || query.with(|q| q.get("request").and_then(|v| v.parse::<i64>().ok()));
    let handle = ServerAction::<HandleRequest>::new();
    let error = use_form_error(handle);
    let data = Resource::new(
        move || (number("open_page"), number("handled_page"), selected(), handle.version().get()),
        |(open, handled, request, _)| inbox(open, handled, request),
    );
    let done = Signal::derive(move || match handle.value().get() {
        Some(result) => result.is_ok().then_some(t.inbox_handled_status),
        None => query.with(|q| q.get("done")).is_some_and(|d| d == "handled").then_some(t.inbox_handled_status),
    });
    view! {
        <Title text=t.inbox_title />
        <h1>{t.inbox_title}</h1>
        <p>{t.inbox_intro}</p>
        <StatusMessage message=done />
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Inbox d handle error /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Inbox(d: InboxData, handle: ServerAction<HandleRequest>, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let pages = Pages { open: d.open_page, handled: d.handled_page };
    view! {
        {d.selected.map(|r| view! { <HandleForm r handle error back=pages.href(None) /> })}
        <section aria-labelledby="inbox-open">
            <h2 id="inbox-open">{(t.inbox_open_title)(d.open_total)}</h2>
            {if d.open.is_empty() {
                view! { <p>{t.inbox_none_open}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=(t.inbox_open_title)(d.open_total) caption_hidden=true>
                        <thead>
                            <tr>
                                <th scope="col">{t.inbox_col_user_id}</th>
                                <th scope="col">{t.inbox_col_received}</th>
                                <th scope="col">{t.inbox_col_reason}</th>
                                <th scope="col">{t.inbox_col_action}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.open
                                .into_iter()
                                .map(|r| {
                                    let href = pages.href(Some(r.id));
                                    view! {
                                        <tr>
                                            <td>{requester(t, &r)}</td>
                                            <td class="nowrap">{format_utc(r.created_at)}</td>
                                            <td>{reason_text(t, &r.reason)}</td>
                                            <td>
                                                // The name says whose request it is (many rows have
                                                // this link); it begins with the visible words.
                                                <a href=href aria-label=format!("{}: {}", t.inbox_mark_handled, r.user_id)>
                                                    {t.inbox_mark_handled}
                                                </a>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </DataTable>
                }
                    .into_any()
            }}
            <PageLinks
                page=d.open_page
                pages=d.open_pages
                href=Callback::new(move |n: u32| Pages { open: n, ..pages }.href(None))
                label=t.inbox_open_pages
            />
        </section>
        <section aria-labelledby="inbox-handled">
            <h2 id="inbox-handled">{(t.inbox_handled_title)(d.handled_total)}</h2>
            {if d.handled.is_empty() {
                view! { <p>{t.inbox_none_handled}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=(t.inbox_handled_title)(d.handled_total) caption_hidden=true>
                        <thead>
                            <tr>
                                <th scope="col">{t.inbox_col_user_id}</th>
                                <th scope="col">{t.inbox_col_received}</th>
                                <th scope="col">{t.inbox_col_reason}</th>
                                <th scope="col">{t.inbox_col_handled}</th>
                                <th scope="col">{t.inbox_col_by}</th>
                                <th scope="col">{t.inbox_col_note}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d
                                .handled
                                .into_iter()
                                .filter_map(|r| r.handled.clone().map(|handled| view! { <HandledRow r handled /> }))
                                .collect_view()}
                        </tbody>
                    </DataTable>
                }
                    .into_any()
            }}
            <PageLinks
                page=d.handled_page
                pages=d.handled_pages
                href=Callback::new(move |n: u32| Pages { handled: n, ..pages }.href(None))
                label=t.inbox_handled_pages
            />
        </section>
    }
}

/// The user ID typed at the reset portal, linked to its account when there is one.
fn requester(t: &Texts, r: &InboxRequest) -> AnyView {
    match r.account_id {
        Some(id) => account_link(Some(Named { id, user_id: Some(r.user_id.clone()) })),
        None => format!("{} ({})", r.user_id, t.inbox_no_account).into_any(),
    }
}

#[component]
fn HandledRow(r: InboxRequest, handled: Handled) -> impl IntoView {
    let t = use_texts();
    view! {
        <tr>
            <td>{requester(t, &r)}</td>
            <td class="nowrap">{format_utc(r.created_at)}</td>
            <td>{reason_text(t, &r.reason)}</td>
            <td class="nowrap">{format_utc(handled.at)}</td>
            <td>{handled.by.unwrap_or_else(|| "—".into())}</td>
            <td class="note">{handled.note}</td>
        </tr>
    }
}

/// The note form of the request chosen with "Mark handled".
#[component]
fn HandleForm(r: InboxRequest, handle: ServerAction<HandleRequest>, error: Signal<Option<AppError>>, back: String) -> impl IntoView {
    let t = use_texts();
    let note_error = field_error(error, F::Note);
    let described_by = move || {
        let mut ids = vec!["field-note-hint"];
        if note_error.get().is_some() {
            ids.push("field-note-error");
        }
        ids.join(" ")
    };
    view! {
        <section class="card" aria-labelledby="inbox-handle">
            <h2 id="inbox-handle">{t.inbox_handle_title}</h2>
            <dl class="facts">
                <dt>{t.inbox_col_user_id}</dt>
                <dd>{requester(t, &r)}</dd>
                <dt>{t.inbox_col_received}</dt>
                <dd>{format_utc(r.created_at)}</dd>
                <dt>{t.inbox_col_reason}</dt>
                <dd>{reason_text(t, &r.reason)}</dd>
            </dl>
            <FormAlert message=form_error(error) />
            <ActionForm action=handle attr:class="form" attr:novalidate=true>
                <input type="hidden" name="request" value=r.id.to_string() />
                <div class="field" class:field-invalid=move || note_error.get().is_some()>
                    <label for="field-note">{t.inbox_note_label}</label>
                    <p class="hint" id="field-note-hint">{t.inbox_note_hint}</p>
                    <textarea
                        id="field-note"
                        name="note"
                        rows="4"
                        maxlength="1000"
                        required
                        aria-invalid=move || note_error.get().is_some().then_some("true")
                        aria-describedby=described_by
                    ></textarea>
                    {move || note_error.get().map(|e| view! { <p class="field-error" id="field-note-error" role="alert">{e}</p> })}
                </div>
                <div class="buttons">
                    <button type="submit" class="button" disabled=move || handle.pending().get()>
                        {move || if handle.pending().get() { t.saving } else { t.inbox_mark_handled }}
                    </button>
                    <A href=back>{t.cancel_button}</A>
                </div>
            </ActionForm>
        </section>
    }
}
