//! The registration page (SPEC §2): one card per offered method with its state, its masked
//! value and a form to set or change it; Finish once enough methods are verified.
//! Cards open and close with `<details>`, so they work with the keyboard and without scripts.

use super::outcome::{Actions, Outcome, Place};
use crate::view::registration::{MethodState, Pending, Registration};
use crate::api::session::{ChangeRequiredPassword, SignOut};
use crate::components::{Field, FormAlert, SelectField, SignedInAs, StatusMessage, ResendWait, field_error};
use crate::domain::{AppError, Channel, Field as F, Method};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegistrationPage(
    reg: Registration,
    actions: Actions,
    outcome: Outcome,
    sign_out: ServerAction<SignOut>,
    changed: ServerAction<ChangeRequiredPassword>,
) -> impl IntoView {
    let t = use_texts();
    let status = outcome.status();
    let status = Signal::derive(move || {
        status.get().or_else(|| changed.value().get().is_some_and(|r| r.is_ok()).then_some(t.password_changed_status))
    });
    let page_error = outcome.error(Place::Page);
    let verified = reg.verified_count();
    let required = reg.requirements.required;
    let finish_blocker = reg.finish.clone();
    let finished_at = reg.finished_at();
    // Finish would drop a code still waiting: say so beside the button, and to screen readers with it.
    let (phone_waiting, email_waiting) = (reg.waiting(Method::AuthPhone), reg.waiting(Method::AuthEmail));
    let pending_warning = (finish_blocker.is_none() && (phone_waiting || email_waiting)).then(|| (t.finish_pending)(phone_waiting, email_waiting));
    let described_by = if pending_warning.is_some() { "registration-progress finish-pending" } else { "registration-progress" };
    let cards = reg.methods.iter().map(|m| view! { <MethodCard state=m.clone() reg=reg.clone() actions outcome /> }).collect_view();
    view! {
        <Title text=t.security_info_title />
        <h1>{t.security_info_title}</h1>
        <StatusMessage message=status />
        <FormAlert message=Signal::derive(move || page_error.get().map(|e| t.error(&e))) />
        <SignedInAs display_name=reg.display_name.clone() user_id=reg.user_id.clone() />
        {reg.reregister_required.then(|| view! { <p class="notice">{t.reregister_notice}</p> })}
        {finished_at.map(|at| view! { <Finished at /> })}
        <p>{t.reg_intro}</p>
        <p class="progress" id="registration-progress">
            <strong>{(t.reg_progress)(verified, required)}</strong>
            {match (&finish_blocker, finished_at) {
                (Some(e), _) => Some(t.error(e)),
                (None, None) => Some(t.finish_hint_ready.to_owned()),
                (None, Some(_)) => None,
            }
            .map(|hint| view! { " " {hint} })}
        </p>
        {pending_warning.map(|w| view! { <p class="notice" id="finish-pending">{w}</p> })}
        <p class="hint">{t.reg_recommend}</p>
        <div class="methods">{cards}</div>
        <div class="actions">
            {finished_at.is_none().then(|| view! {
                <ActionForm action=actions.finish attr:class="form-inline">
                    <button
                        type="submit"
                        class="button"
                        aria-describedby=described_by
                        disabled=move || finish_blocker.is_some() || actions.finish.pending().get()
                    >
                        {t.finish_button}
                    </button>
                </ActionForm>
            })}
            <ActionForm action=actions.cancel attr:class="form-inline">
                <button type="submit" class="button secondary" disabled=move || actions.cancel.pending().get()>
                    {t.cancel_button}
                </button>
            </ActionForm>
            <ActionForm action=sign_out attr:class="form-inline">
                <button type="submit" class="button secondary" disabled=move || sign_out.pending().get()>
                    {t.sign_out_button}
                </button>
            </ActionForm>
        </div>
        <p>
            <a href="/password" class="standalone-link">{t.change_title}</a>
        </p>
    }
}

/// The finished state (SPEC §2.3): what registering gives, since when, and what to do next.
#[component]
fn Finished(at: i64) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card finished" aria-labelledby="finished-title">
            <h2 id="finished-title">{t.finished_title}</h2>
            <p>{t.finished_body}</p>
            <p>{(t.last_confirmed)(&(t.long_date)(at))}</p>
            <p>{t.finished_next}</p>
        </section>
    }
}

/// The masked value and state of a method, as a short line. `rechecking`: re-confirmation sent
/// it a fresh code, not entered yet (it is not "Verified" again until then).
#[component]
pub fn MethodSummary(
    state: MethodState,
    #[prop(optional)] answered: Option<usize>,
    /// Recovery codes not used yet.
    #[prop(optional)]
    codes_left: Option<u8>,
    #[prop(optional)] rechecking: bool,
) -> impl IntoView {
    let t = use_texts();
    let (badge, class) = if rechecking {
        (t.state_rechecking, "badge waiting")
    } else if state.verified {
        (t.state_verified, "badge verified")
    } else if state.pending.is_some() {
        (t.state_waiting, "badge waiting")
    } else {
        (t.state_not_set, "badge")
    };
    let value = match (state.method, answered) {
        (Method::SecurityQuestions, Some(n)) if n > 0 => Some((t.questions_answered)(n)),
        (Method::RecoveryCodes, _) => codes_left.filter(|n| *n > 0).map(t.recovery_codes_left),
        _ => state.value.clone(),
    };
    view! {
        <p class="method-state">
            <span class=class>{badge}</span>
            {value.map(|v| view! { " " <span class="value">{v}</span> })}
        </p>
    }
}

pub fn title(method: Method) -> &'static str {
    let t = use_texts();
    match method {
        Method::OfficePhone => t.office_phone_title,
        Method::AuthPhone => t.auth_phone_title,
        Method::AuthEmail => t.auth_email_title,
        Method::SecurityQuestions => t.questions_title,
        Method::RecoveryCodes => t.recovery_codes_title,
    }
}

#[component]
fn MethodCard(state: MethodState, reg: Registration, actions: Actions, outcome: Outcome) -> impl IntoView {
    let t = use_texts();
    let method = state.method;
    let error = outcome.error(Place::Card(method));
    let card_alert = Signal::derive(move || error.get().filter(|e| e.field_name().is_none()).map(|e| t.error(&e)));
    let heading_id = format!("card-{}", method.as_str());
    // Open when there is something to do: not set yet, or an error to correct.
    let open = !state.verified || error.get_untracked().is_some();
    let summary_text = if state.verified { t.change_button_label } else { t.set_up_button };
    let body = match method {
        Method::OfficePhone => view! { <p class="hint">{t.office_phone_hint}</p> }.into_any(),
        Method::AuthPhone | Method::AuthEmail => match state.pending.clone() {
            Some(p) => view! { <CodeEntry method pending=p reg=reg.clone() actions error /> }.into_any(),
            None => {
                let form = if method == Method::AuthPhone {
                    view! { <PhoneForm reg=reg.clone() actions error /> }.into_any()
                } else {
                    view! { <EmailForm reg=reg.clone() actions error /> }.into_any()
                };
                view! {
                    <details class="change" open=open>
                        <summary>{summary_text}</summary>
                        {form}
                    </details>
                    {state.verified.then(|| view! { <RemoveForm method actions /> })}
                }
                .into_any()
            }
        },
        Method::SecurityQuestions => view! {
            <details class="change" open=open>
                <summary>{summary_text}</summary>
                <QuestionsForm reg=reg.clone() actions error />
            </details>
            {state.verified.then(|| view! { <RemoveForm method actions /> })}
        }
        .into_any(),
        Method::RecoveryCodes => view! {
            <RecoveryCodes codes=reg.new_recovery_codes.clone() any={reg.recovery_codes_left > 0} actions />
            {state.verified.then(|| view! { <RemoveForm method actions /> })}
        }
        .into_any(),
    };
    let hint = match method {
        Method::AuthPhone => Some(t.auth_phone_hint),
        Method::AuthEmail => Some(t.auth_email_hint),
        Method::RecoveryCodes => Some(t.recovery_codes_hint),
        _ => None,
    };
    view! {
        <section class="card method" id=method.as_str() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title(method)}</h2>
            <MethodSummary state=state.clone() answered=reg.answered.len() codes_left=reg.recovery_codes_left />
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <FormAlert message=card_alert />
            {body}
        </section>
    }
}

#[component]
fn PhoneForm(reg: Registration, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let action = actions.send_phone;
    let pending = action.pending();
    let options = reg.countries.iter().map(|c| (c.id.clone(), format!("{} (+{})", c.name, c.calling_code))).collect();
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <SelectField
                label=t.country_label
                name="country"
                options
                selected=reg.default_country.clone()
                autocomplete="tel-country-code"
                error=field_error(error, F::Country)
            />
            <Field
                label=t.phone_number_label
                name="phone_number"
                kind="tel"
                autocomplete="tel-national"
                inputmode="tel"
                hint=t.phone_number_hint
                error=field_error(error, F::PhoneNumber)
            />
            <div class="buttons">
                {reg.requirements.offer_sms.then(|| view! {
                    <button type="submit" class="button" name="channel" value="sms" disabled=move || pending.get()>
                        {move || if pending.get() { t.sending } else { t.text_me_button }}
                    </button>
                })}
                {reg.requirements.offer_voice.then(|| view! {
                    <button type="submit" class="button secondary" name="channel" value="voice" disabled=move || pending.get()>
                        {t.call_me_button}
                    </button>
                })}
            </div>
        </ActionForm>
    }
}

#[component]
fn EmailForm(reg: Registration, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let action = actions.send_email;
    let pending = action.pending();
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Field
                label=t.email_label
                name="email"
                kind="email"
                autocomplete="email"
                inputmode="email"
                hint=(t.email_hint)(&reg.primary_email)
                error=field_error(error, F::Email)
            />
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t.sending } else { t.email_me_button }}
            </button>
        </ActionForm>
    }
}

/// Where the code went, the code field, and the ways out: a new code, or another number.
#[component]
fn CodeEntry(method: Method, pending: Pending, reg: Registration, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let sent = match pending.channel {
        Channel::Sms => (t.code_sent_sms)(&pending.to),
        Channel::Voice => (t.code_sent_voice)(&pending.to),
        Channel::Email => (t.code_sent_email)(&pending.to),
    };
    let minutes = ((pending.expires_in_secs + 59) / 60).max(1);
    let verify = view! { <VerifyForm method actions error /> };
    let resend = actions.resend;
    let other_channel = match pending.channel {
        Channel::Sms if reg.requirements.offer_voice => Some(("voice", t.resend_by_call_button)),
        Channel::Voice if reg.requirements.offer_sms => Some(("sms", t.resend_by_text_button)),
        _ => None,
    };
    let same_channel = pending.channel.as_str();
    let another = if method == Method::AuthPhone { t.use_another_number } else { t.use_another_address };
    view! {
        <p class="sent" role="status">{sent} " " {(t.code_expires)(minutes)}</p>
        {verify}
        <div class="buttons">
            <ActionForm action=resend attr:class="form-inline">
                <input type="hidden" name="method" value=method.as_str() />
                <button type="submit" class="button secondary" name="channel" value=same_channel disabled=move || resend.pending().get()>
                    {move || if resend.pending().get() { t.sending } else { t.resend_button }}
                </button>
                {other_channel.map(|(value, label)| view! {
                    <button type="submit" class="button secondary" name="channel" value=value disabled=move || resend.pending().get()>
                        {label}
                    </button>
                })}
            </ActionForm>
            <ActionForm action=actions.discard attr:class="form-inline">
                <input type="hidden" name="method" value=method.as_str() />
                <button type="submit" class="button link">{another}</button>
            </ActionForm>
        </div>
        <ResendWait secs=pending.resend_in_secs />
    }
}

/// The code field and its Verify button, for the registration and re-confirmation pages.
#[component]
pub fn VerifyForm(method: Method, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let field = method.code_field();
    let form = move |pending: Memo<bool>| {
        view! {
            <Field
                label=t.code_label
                name=field.name()
                autocomplete="one-time-code"
                inputmode="numeric"
                hint=t.code_hint
                error=field_error(error, field)
            />
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t.verifying } else { t.verify_button }}
            </button>
        }
    };
    if method == Method::AuthEmail {
        let a = actions.verify_email;
        view! { <ActionForm action=a attr:class="form" attr:novalidate=true>{form(a.pending())}</ActionForm> }.into_any()
    } else {
        let a = actions.verify_phone;
        view! { <ActionForm action=a attr:class="form" attr:novalidate=true>{form(a.pending())}</ActionForm> }.into_any()
    }
}

/// A new set of codes to keep, shown until the user says they kept them; else the button that
/// makes one (`any`: codes are left, which a new set replaces).
#[component]
fn RecoveryCodes(codes: Vec<String>, any: bool, actions: Actions) -> impl IntoView {
    let t = use_texts();
    if !codes.is_empty() {
        let kept = actions.recovery_kept;
        return view! {
            <p class="notice" id="new-recovery-codes-intro">{t.new_recovery_codes_intro}</p>
            <ol class="recovery-codes" aria-label=t.new_recovery_codes_list aria-describedby="new-recovery-codes-intro">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <ActionForm action=kept attr:class="form-inline">
                <button type="submit" class="button" disabled=move || kept.pending().get()>{t.recovery_codes_kept_button}</button>
            </ActionForm>
        }
        .into_any();
    }
    let make = actions.new_recovery;
    let label = if any { t.replace_recovery_codes_button } else { t.new_recovery_codes_button };
    view! {
        {any.then(|| view! { <p class="hint">{t.replace_recovery_codes_hint}</p> })}
        <ActionForm action=make attr:class="form-inline">
            <button type="submit" class=if any { "button secondary" } else { "button" } disabled=move || make.pending().get()>
                {label}
            </button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn RemoveForm(method: Method, actions: Actions) -> impl IntoView {
    let t = use_texts();
    view! {
        <ActionForm action=actions.remove attr:class="form-inline">
            <input type="hidden" name="method" value=method.as_str() />
            <button type="submit" class="button link danger" aria-label=format!("{} · {}", t.remove_button, title(method))>
                {t.remove_button}
            </button>
        </ActionForm>
    }
}

#[component]
fn QuestionsForm(reg: Registration, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let action = actions.questions;
    let pending = action.pending();
    let count = reg.requirements.questions;
    let rows = (1..=count)
        .map(|n| {
            let chosen = reg.answered.get(usize::from(n - 1)).map(|id| id.to_string()).unwrap_or_default();
            let options = std::iter::once((String::new(), t.choose_question.to_owned()))
                .chain(reg.choices.iter().map(|c| (c.id.to_string(), c.text.clone())))
                .collect();
            view! {
                <div class="question">
                    <SelectField
                        label=(t.question_label)(n)
                        name=F::Question(n).name()
                        options
                        selected=chosen
                        error=field_error(error, F::Question(n))
                    />
                    <Field
                        label=(t.answer_label)(n)
                        name=F::Answer(n).name()
                        autocomplete="off"
                        hint=t.answer_hint
                        error=field_error(error, F::Answer(n))
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <p class="hint">{(t.questions_hint)(count)}</p>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            {rows}
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t.saving } else { t.save_answers_button }}
            </button>
        </ActionForm>
    }
}
