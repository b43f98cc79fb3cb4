//! A new password and its confirmation, with the password rules listed under the first field
//! and ticked off while the user types (an island: once the page is interactive; without
//! scripts the list still says what to follow). The server checks the rules again, and the common-password
//! dictionary too; its error shows at its field until the user edits that field (it judged what
//! was submitted; the next submit judges what is typed now).

use super::{Field, field_error};
use crate::domain::password::feedback;
use crate::domain::{AppError, Field as F, PasswordRules, Problem};
use crate::i18n::use_texts;
use leptos::prelude::*;

const RULES_ID: &str = "field-new_password-rules";

/// Where one rule stands while the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleState {
    /// Nothing to judge yet, or judged by the server only.
    Open,
    Met,
    NotMet,
}

/// `error` is the server's answer to the last submission (the page's `?error=`).
#[island]
pub fn NewPasswordFields(rules: PasswordRules, error: Option<AppError>) -> impl IntoView {
    let t = use_texts();
    let error = Signal::stored(error);
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let texts = [(t.rule_length)(rules.min_len, rules.max_len), t.rule_no_context.into(), t.rule_not_common.into(), t.rule_confirmed.into()];
    // Whether each field was edited since the server's last answer: edits are the user's input
    // events, so a value the page sets (hydration, a form re-rendered) never hides an answer.
    let (new_edited, confirm_edited) = (RwSignal::new(false), RwSignal::new(false));
    Effect::new(move |_| {
        error.track();
        new_edited.set(false);
        confirm_edited.set(false);
    });
    let edit_new = Callback::new(move |()| {
        new_edited.set(true);
        // A mismatch is judged on both fields.
        confirm_edited.set(true);
    });
    let edit_confirm = Callback::new(move |()| confirm_edited.set(true));
    let refused_as_common = move || !new_edited.get() && error.get() == Some(AppError::field(F::NewPassword, Problem::CommonPassword));
    let (new_error, confirm_error) = (field_error(error, F::NewPassword), field_error(error, F::ConfirmPassword));
    let new_error = Signal::derive(move || new_error.get().filter(|_| !new_edited.get()));
    let confirm_error = Signal::derive(move || confirm_error.get().filter(|_| !confirm_edited.get()));
    // In the order of `texts`; a memo, so that nothing below reacts to keystrokes that change no rule.
    let states = Memo::new(move |_| {
        let (new, confirm) = (new.read(), confirm.read());
        let problems = feedback(&new, &confirm, &rules);
        let state = |typed: bool, broken: &dyn Fn(&Problem) -> bool| match (typed, problems.iter().any(|(_, p)| broken(p))) {
            (false, _) => RuleState::Open,
            (true, false) => RuleState::Met,
            (true, true) => RuleState::NotMet,
        };
        [
            state(!new.is_empty(), &|p| matches!(p, Problem::Required | Problem::TooShort { .. } | Problem::TooLong { .. })),
            state(!new.is_empty(), &|p| *p == Problem::ContainsContext),
            // Only the server knows the dictionary: not met while its refusal applies.
            if refused_as_common() { RuleState::NotMet } else { RuleState::Open },
            state(!confirm.is_empty(), &|p| *p == Problem::Mismatch),
        ]
    });

    // Screen readers hear a rule when it becomes met, or stops being met (a polite live region);
    // not every keystroke, and the list itself is not live.
    let announcement = RwSignal::new(String::new());
    let announced = texts.clone();
    Effect::new(move |before: Option<[RuleState; 4]>| {
        let now = states.get();
        if let Some(before) = before {
            let news: Vec<String> = now
                .iter()
                .zip(before)
                .zip(&announced)
                .filter_map(|((now, before), text)| match (before, now) {
                    (RuleState::Met, RuleState::Met) => None,
                    (_, RuleState::Met) => Some(format!("{text} {}", t.rule_met)),
                    (RuleState::Met, _) => Some(format!("{text} {}", t.rule_not_met)),
                    _ => None,
                })
                .collect();
            if !news.is_empty() {
                announcement.set(news.join(". "));
            }
        }
        now
    });

    let items = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let state = move || states.with(|s| s[i]);
            view! {
                <li class=move || match state() {
                    RuleState::Open => "rule",
                    RuleState::Met => "rule met",
                    RuleState::NotMet => "rule not-met",
                }>
                    <span class="rule-mark" aria-hidden="true">
                        {move || match state() {
                            RuleState::Open => "•",
                            RuleState::Met => "✓",
                            RuleState::NotMet => "✗",
                        }}
                    </span>
                    <span>
                        {text}
                        <span class="visually-hidden">
                            {move || match state() {
                                RuleState::Open => String::new(),
                                RuleState::Met => format!(" {}", t.rule_met),
                                RuleState::NotMet => format!(" {}", t.rule_not_met),
                            }}
                        </span>
                    </span>
                </li>
            }
        })
        .collect_view();

    view! {
        <Field
            label=t.new_password_label
            name="new_password"
            kind="password"
            autocomplete="new-password"
            hint=t.new_password_tip
            error=new_error
            typed=new
            on_edit=edit_new
            also_described_by=RULES_ID.to_owned()
        />
        <div class="password-rules" id=RULES_ID>
            <p class="rules-intro">{t.rules_intro}</p>
            <ul class="rule-list">{items}</ul>
        </div>
        <div class="visually-hidden" role="status">{move || announcement.get()}</div>
        <Field
            label=t.confirm_password_label
            name="confirm_password"
            kind="password"
            autocomplete="new-password"
            error=confirm_error
            typed=confirm
            on_edit=edit_confirm
        />
    }
}
