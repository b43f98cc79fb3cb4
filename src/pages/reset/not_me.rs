//! `/reset/not-me?token=…`: the "this wasn't me" link of a notice. Opening it changes nothing
//! (mail scanners open links); the button locks the account and alerts the administrators.

use crate::api::reset::{ReportNotMe, not_me_report};
use crate::components::{FormAlert, form_error, use_form_error};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotMePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    let done = query.with_untracked(|q| q.get("done")).as_deref() == Some("locked");
    let report = ServerAction::<ReportNotMe>::new();
    let error = use_form_error(report);
    let usable = Resource::new(|| (), move |_| {
        let token = token.clone();
        async move { if token.is_empty() { Ok(None) } else { not_me_report(token).await } }
    });
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let locked = done || report.value().get().is_some_and(|r| r.is_ok());
                    if locked {
                        return view! {
                            <Title text=t.not_me_done_title />
                            <h1>{t.not_me_done_title}</h1>
                            <p class="status" role="status">{t.not_me_done_body}</p>
                        }
                        .into_any();
                    }
                    match usable.await {
                        Ok(Some(_)) => view! {
                            <Title text=t.not_me_title />
                            <h1>{t.not_me_title}</h1>
                            <FormAlert message=form_error(error) />
                            <p>{t.not_me_body}</p>
                            <ActionForm action=report attr:class="form-inline">
                                <input type="hidden" name="token" value=token />
                                <button type="submit" class="button danger" disabled=move || report.pending().get()>
                                    {t.not_me_button}
                                </button>
                            </ActionForm>
                        }
                        .into_any(),
                        _ => view! {
                            <Title text=t.not_me_title />
                            <h1>{t.not_me_title}</h1>
                            <p class="alert" role="alert">{t.not_me_invalid}</p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}
