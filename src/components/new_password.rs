//! A new password and its confirmation, with the password rules listed under the first field
//! and ticked off while the user types (an island: once the page is interactive; without
//! scripts the list still says what to follow). The server checks the rules again, and the common-password
//! dictionary too; its error shows at its field until the user edits that field (it judged what
//! was submitted; the next submit judges what is typed now).

use super::Field;
use crate::domain::password::feedback;
use crate::domain::{AppError, Field as F, PasswordRules, Problem};
use crate::i18n::use_texts;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
#[component]
pub fn NewPasswordFields(rules: PasswordRules, error: Option<AppError>) -> impl IntoView {
    let t = use_texts();
    let message = |field| error.as_ref().filter(|e| e.field_name() == Some(field)).map(|e| t.error(e));
    let words = Words {
        new_label: t.new_password_label.into(),
        new_tip: t.new_password_tip.into(),
        confirm_label: t.confirm_password_label.into(),
        rules_intro: t.rules_intro.into(),
        rules: [(t.rule_length)(rules.min_len, rules.max_len), t.rule_no_context.into(), t.rule_not_common.into(), t.rule_confirmed.into()],
        met: t.rule_met.into(),
        not_met: t.rule_not_met.into(),
        new_error: message(F::NewPassword),
        confirm_error: message(F::ConfirmPassword),
    };
    let refused_as_common = error == Some(AppError::field(F::NewPassword, Problem::CommonPassword));
    view! { <NewPasswordFieldsIsland rules words refused_as_common /> }
}

/// What [`NewPasswordFieldsIsland`] shows, in the page's language: the island gets its words from
/// the page, so that no catalogue rides in the WebAssembly that portal pages download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Words {
    new_label: String,
    new_tip: String,
    confirm_label: String,
    rules_intro: String,
    /// In the order of the rules' states below.
    rules: [String; 4],
    met: String,
    not_met: String,
    /// The server's messages about the last submission, at their fields.
    new_error: Option<String>,
    confirm_error: Option<String>,
}

/// [`NewPasswordFields`]' part that reacts while the user types.
#[island]
fn NewPasswordFieldsIsland(rules: PasswordRules, words: Words, refused_as_common: bool) -> impl IntoView {
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // Whether each field was edited since the server's answer: edits are the user's input
    // events, so a value the page sets (hydration) never hides an answer.
    let (new_edited, confirm_edited) = (RwSignal::new(false), RwSignal::new(false));
    let edit_new = Callback::new(move |()| {
        new_edited.set(true);
        // A mismatch is judged on both fields.
        confirm_edited.set(true);
    });
    let edit_confirm = Callback::new(move |()| confirm_edited.set(true));
    let refused_as_common = move || refused_as_common && !new_edited.get();
    let new_error = Signal::derive({
        let message = words.new_error.clone();
        move || message.clone().filter(|_| !new_edited.get())
    });
    let confirm_error = Signal::derive({
        let message = words.confirm_error.clone();
        move || message.clone().filter(|_| !confirm_edited.get())
    });
    let Words { new_label, new_tip, confirm_label, rules_intro, rules: texts, met, not_met, .. } = words;
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
    let (met_said, not_met_said) = (met.clone(), not_met.clone());
    Effect::new(move |before: Option<[RuleState; 4]>| {
        let now = states.get();
        if let Some(before) = before {
            let news: Vec<String> = now
                .iter()
                .zip(before)
                .zip(&announced)
                .filter_map(|((now, before), text)| match (before, now) {
                    (RuleState::Met, RuleState::Met) => None,
                    (_, RuleState::Met) => Some(format!("{text} {met_said}")),
                    (RuleState::Met, _) => Some(format!("{text} {not_met_said}")),
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
            let (met, not_met) = (met.clone(), not_met.clone());
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
                                RuleState::Met => format!(" {met}"),
                                RuleState::NotMet => format!(" {not_met}"),
                            }}
                        </span>
                    </span>
                </li>
            }
        })
        .collect_view();

    view! {
        <Field
            label=new_label
            name="new_password"
            kind="password"
            autocomplete="new-password"
            hint=new_tip
            error=new_error
            typed=new
            on_edit=edit_new
            also_described_by=RULES_ID.to_owned()
        />
        <div class="password-rules" id=RULES_ID>
            <p class="rules-intro">{rules_intro}</p>
            <ul class="rule-list">{items}</ul>
        </div>
        <div class="visually-hidden" role="status">{move || announcement.get()}</div>
        <Field
            label=confirm_label
            name="confirm_password"
            kind="password"
            autocomplete="new-password"
            error=confirm_error
            typed=confirm
            on_edit=edit_confirm
        />
    }
}
