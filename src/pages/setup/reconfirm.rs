//! "Are your authentication details still correct?" (SPEC §2.5): shown at sign-in when the
//! policy's days have passed since the last confirmation. With the policy's verified option,
//! "Looks good" sends a fresh code to each phone and e-mail, entered here.

use super::outcome::{Actions, Outcome, Place};
use super::registration::{MethodSummary, VerifyForm, title};
use crate::view::registration::Registration;
use crate::api::session::SignOut;
use crate::components::{FormAlert, SignedInAs, StatusMessage};
use crate::domain::Method;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Reconfirm(reg: Registration, actions: Actions, outcome: Outcome, sign_out: ServerAction<SignOut>) -> impl IntoView {
    let t = use_texts();
    let reconfirm = reg.reconfirm.clone().unwrap_or(crate::view::registration::Reconfirm { verifying: false, waiting: vec![] });
    let page_error = outcome.error(Place::Page);
    let verifying = reconfirm.verifying;
    // "Looks good" confirms at once only without codes: while codes are out, nothing is confirmed yet.
    let status = outcome.status_for(move |done| match done {
        "reconfirmed" if verifying => Some(t.reconfirm_codes_sent_status),
        _ => None,
    });
    let rows = reg
        .methods
        .iter()
        .filter(|m| m.verified)
        .map(|m| {
            let method = m.method;
            let waiting = reconfirm.waiting.contains(&method);
            let sent = m.pending.as_ref().filter(|_| waiting).map(|p| match method {
                Method::AuthEmail => (t.code_sent_email)(&p.to),
                _ if p.channel == crate::domain::Channel::Voice => (t.code_sent_voice)(&p.to),
                _ => (t.code_sent_sms)(&p.to),
            });
            let error = outcome.error(Place::Card(method));
            let alert = Signal::derive(move || error.get().filter(|e| e.field_name().is_none()).map(|e| t.error(&e)));
            view! {
                <li class="card method" id=method.as_str()>
                    <h2>{title(method)}</h2>
                    <MethodSummary state=m.clone() answered=reg.answered.len() codes_left=reg.recovery_codes_left rechecking=waiting />
                    {sent.map(|s| view! {
                        <p class="sent">{s}</p>
                        <FormAlert message=alert />
                        <VerifyForm method actions error />
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t.reconfirm_title />
        <h1>{t.reconfirm_title}</h1>
        <StatusMessage message=status />
        <FormAlert message=Signal::derive(move || page_error.get().map(|e| t.error(&e))) />
        <SignedInAs display_name=reg.display_name.clone() user_id=reg.user_id.clone() />
        <p>{if reconfirm.verifying { t.reconfirm_codes_intro } else { t.reconfirm_intro }}</p>
        <ul class="methods plain">{rows}</ul>
        <div class="actions">
            {(!reconfirm.verifying).then(|| view! {
                <ActionForm action=actions.looks_good attr:class="form-inline">
                    <button type="submit" class="button" disabled=move || actions.looks_good.pending().get()>
                        {move || if actions.looks_good.pending().get() { t.sending } else { t.looks_good_button }}
                    </button>
                </ActionForm>
            })}
            <ActionForm action=actions.edit attr:class="form-inline">
                <button type="submit" class="button secondary">{t.edit_button}</button>
            </ActionForm>
            <ActionForm action=sign_out attr:class="form-inline">
                <button type="submit" class="button secondary">{t.sign_out_button}</button>
            </ActionForm>
        </div>
    }
}
