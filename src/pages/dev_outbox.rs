use crate::api::outbox::dev_outbox;
use crate::components::{DataTable, PageError};
use crate::domain::{AppError, time::format_utc};
use crate::i18n::use_texts;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/dev/outbox`: every queued message (development and demo mode only).
#[component]
pub fn DevOutboxPage() -> impl IntoView {
    let t = use_texts();
    let messages = Resource::new(|| (), |_| dev_outbox());
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                    Ok(list) => {
                        view! {
                            <Title text=t.outbox_title />
                            <h1>{t.outbox_title}</h1>
                            <p>{t.outbox_intro}</p>
                            {if list.is_empty() {
                                view! { <p>{t.outbox_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <DataTable caption=t.outbox_title caption_hidden=true>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.outbox_when}</th>
                                                <th scope="col">{t.outbox_channel}</th>
                                                <th scope="col">{t.outbox_recipient}</th>
                                                <th scope="col">{t.outbox_subject}</th>
                                                <th scope="col">{t.outbox_body}</th>
                                                <th scope="col">{t.outbox_status}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|m| {
                                                    let status = if m.sent {
                                                        t.outbox_sent
                                                    } else if m.failed {
                                                        t.outbox_failed
                                                    } else {
                                                        t.outbox_queued
                                                    };
                                                    view! {
                                                        <tr>
                                                            <td>{format_utc(m.created_at)}</td>
                                                            <td>{m.channel}</td>
                                                            <td>{m.recipient}</td>
                                                            <td>{m.subject}</td>
                                                            <td><pre class="message-body">{m.body}</pre></td>
                                                            <td>{status}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </DataTable>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
