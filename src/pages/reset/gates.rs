//! Proving who you are: the gates still open to this flow, and the one being passed (a code
//! to type, or security questions to answer).

use super::{Actions, StartAgain};
use crate::view::reset::OpenView;
use crate::components::{Field, FormAlert, UserIdLine, ResendWait, field_error, form_error};
use crate::domain::reset::Gate;
use crate::domain::{AppError, Field as F};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;

pub fn gate_label(t: &'static Texts, gate: Gate) -> &'static str {
    match gate {
        Gate::TextPhone => t.gate_text_phone,
        Gate::CallPhone => t.gate_call_phone,
        Gate::CallOffice => t.gate_call_office,
        Gate::Email => t.gate_email,
        Gate::Questions => t.gate_questions,
        Gate::RecoveryCode => t.gate_recovery_code,
    }
}

#[component]
pub fn Gates(
    user_id: String,
    required: u8,
    passed: u8,
    gates: Vec<Gate>,
    open: Option<OpenView>,
    actions: Actions,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let open_gate = match &open {
        Some(OpenView::Code { gate, .. }) => Some(*gate),
        Some(OpenView::Questions { .. }) => Some(Gate::Questions),
        Some(OpenView::RecoveryCode) => Some(Gate::RecoveryCode),
        None => None,
    };
    let others: Vec<Gate> = gates.iter().copied().filter(|g| Some(*g) != open_gate).collect();
    let choices_title = if open.is_some() { t.gate_other_methods } else { t.gates_choose };
    let choose = actions.choose;
    view! {
        <Title text=t.gates_title />
        <h1>{t.gates_title}</h1>
        <UserIdLine user_id />
        <p class="progress"><strong>{(t.gates_progress)(passed + 1, required)}</strong></p>
        <FormAlert message=form_error(error) />
        {open.map(|o| match o {
            OpenView::Code { gate, to, expires_in_secs, resend_in_secs } => {
                view! { <CodeEntry gate to expires_in_secs resend_in_secs actions error /> }.into_any()
            }
            OpenView::Questions { questions } => view! { <Questions questions actions error /> }.into_any(),
            OpenView::RecoveryCode => view! { <RecoveryCodeEntry actions error /> }.into_any(),
        })}
        {(!others.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="gate-choices">
                <h2 id="gate-choices">{choices_title}</h2>
                <ul class="gate-list">
                    {others.into_iter().map(|g| view! {
                        <li>
                            <ActionForm action=choose attr:class="form-inline">
                                <input type="hidden" name="gate" value=g.as_str() />
                                <button type="submit" class="button secondary" disabled=move || choose.pending().get()>
                                    {gate_label(t, g)}
                                </button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <StartAgain actions />
    }
}

#[component]
fn CodeEntry(gate: Gate, to: String, expires_in_secs: i64, resend_in_secs: i64, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let sent = match gate {
        Gate::TextPhone => (t.code_sent_sms)(&to),
        Gate::Email => (t.code_sent_email)(&to),
        _ => (t.code_sent_voice)(&to),
    };
    let minutes = ((expires_in_secs + 59) / 60).max(1);
    let (verify, choose) = (actions.verify, actions.choose);
    view! {
        <section class="card" aria-labelledby="gate-open">
            <h2 id="gate-open">{gate_label(t, gate)}</h2>
            <p class="sent" role="status">{sent} " " {(t.code_expires)(minutes)}</p>
            <ActionForm action=verify attr:class="form" attr:novalidate=true>
                <Field
                    label=t.code_label
                    name="code"
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    hint=t.code_hint
                    error=field_error(error, F::Code)
                />
                <button type="submit" class="button" disabled=move || verify.pending().get()>
                    {move || if verify.pending().get() { t.verifying } else { t.verify_button }}
                </button>
            </ActionForm>
            <ActionForm action=choose attr:class="form-inline">
                <input type="hidden" name="gate" value=gate.as_str() />
                <button type="submit" class="button secondary" disabled=move || choose.pending().get()>
                    {move || if choose.pending().get() { t.sending } else { t.resend_button }}
                </button>
            </ActionForm>
            <ResendWait secs=resend_in_secs />
        </section>
    }
}

/// One of the recovery codes kept at registration; it works once.
#[component]
fn RecoveryCodeEntry(actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let verify = actions.verify;
    view! {
        <section class="card" aria-labelledby="gate-open">
            <h2 id="gate-open">{t.gate_recovery_code}</h2>
            <p>{t.recovery_code_intro}</p>
            <ActionForm action=verify attr:class="form" attr:novalidate=true>
                <Field
                    label=t.recovery_code_label
                    name="code"
                    autocomplete="off"
                    hint=t.recovery_code_hint
                    maxlength=40
                    error=field_error(error, F::Code)
                />
                <button type="submit" class="button" disabled=move || verify.pending().get()>
                    {move || if verify.pending().get() { t.verifying } else { t.verify_button }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Questions(questions: Vec<crate::view::registration::Choice>, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let answer = actions.answer;
    let fields = questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let n = (i + 1) as u8;
            view! {
                <Field
                    label=q.text
                    name=F::Answer(n).name()
                    autocomplete="off"
                    maxlength=40
                    error=field_error(error, F::Answer(n))
                />
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="gate-open">
            <h2 id="gate-open">{t.gate_questions}</h2>
            <p>{t.gate_questions_intro}</p>
            <ActionForm action=answer attr:class="form" attr:novalidate=true>
                {fields}
                <button type="submit" class="button" disabled=move || answer.pending().get()>
                    {move || if answer.pending().get() { t.verifying } else { t.verify_button }}
                </button>
            </ActionForm>
        </section>
    }
}
