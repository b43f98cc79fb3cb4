//! The seed's three error pages ("Please contact your administrator", "Your account is not
//! enabled for password reset", "We can't verify your account"), and the strict mode's one
//! page for every case. Each shows the policy's help desk.

use super::{Actions, Helpdesk, StartAgain};
use crate::components::{FormAlert, UserIdLine, form_error};
use crate::domain::AppError;
use crate::domain::reset::Stop;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Stopped(why: Stop, user_id: String, contacted: bool, helpdesk: Option<String>, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let (title, body, help) = match why {
        Stop::OnPremises => (t.on_premises_title, t.on_premises_body, Some(t.on_premises_help)),
        Stop::NotEnabled => (t.not_enabled_title, t.not_enabled_body, None),
        Stop::NotRegistered => (t.not_registered_title, t.not_registered_body, None),
    };
    // On-premises passwords: only the IT staff can help, there is nothing to send.
    let can_contact = why != Stop::OnPremises;
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <UserIdLine user_id />
        <FormAlert message=form_error(error) />
        <p>{body}</p>
        {help.map(|h| view! { <p>{h}</p> })}
        {can_contact.then(|| view! { <ContactAdmin contacted actions /> })}
        <Helpdesk link=helpdesk />
        <StartAgain actions />
    }
}

/// Strict mode: the same page for every user ID; the detail went to the account's addresses.
/// The link from the message comes back here with `?continue=…`.
#[component]
pub fn CheckMessages(user_id: String, contacted: bool, helpdesk: Option<String>, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let token = use_query_map().with_untracked(|q| q.get("continue"));
    let proceed = actions.proceed;
    view! {
        {match token {
            Some(token) => view! {
                <Title text=t.continue_title />
                <h1>{t.continue_title}</h1>
                <FormAlert message=form_error(error) />
                <p>{t.continue_intro}</p>
                <ActionForm action=proceed attr:class="form-inline">
                    <input type="hidden" name="token" value=token />
                    <button type="submit" class="button" disabled=move || proceed.pending().get()>{t.continue_button}</button>
                </ActionForm>
            }
            .into_any(),
            None => view! {
                <Title text=t.check_messages_title />
                <h1>{t.check_messages_title}</h1>
                <FormAlert message=form_error(error) />
                <p>{(t.check_messages_body)(&user_id)}</p>
                <ContactAdmin contacted actions />
            }
            .into_any(),
        }}
        <Helpdesk link=helpdesk />
        <StartAgain actions />
    }
}

/// The seed's offer and its button; once used, what happened.
#[component]
fn ContactAdmin(contacted: bool, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let contact = actions.contact;
    if contacted {
        return view! { <p class="status" role="status">{t.contacted_status}</p> }.into_any();
    }
    view! {
        <p>{t.contact_admin_offer}</p>
        <ActionForm action=contact attr:class="form-inline">
            <button type="submit" class="button" disabled=move || contact.pending().get()>
                {move || if contact.pending().get() { t.contacting } else { t.contact_admin_button }}
            </button>
        </ActionForm>
    }
    .into_any()
}
