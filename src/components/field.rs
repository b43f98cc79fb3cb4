//! A labelled input with its hint and its error, tied together for assistive technology.

use crate::domain::{AppError, Field as FieldName};
use crate::i18n::use_texts;
use leptos::prelude::*;

/// The message for `field`, when `error` belongs to it.
pub fn field_error(error: Signal<Option<AppError>>, field: FieldName) -> Signal<Option<String>> {
    let texts = use_texts();
    Signal::derive(move || error.get().filter(|e| e.field_name() == Some(field)).map(|e| texts.error(&e)))
}

#[component]
pub fn Field(
    #[prop(into)] label: String,
    /// The input's `name`: equal to the server function's argument.
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Follows what is typed, for feedback while typing (the input stays a plain form input).
    #[prop(optional)]
    typed: Option<RwSignal<String>>,
    /// The id of another element that describes the input, after the hint (a list of rules).
    #[prop(optional)]
    also_described_by: Option<String>,
    /// Told each time the user edits the input (not when the page itself sets its value).
    #[prop(optional)]
    on_edit: Option<Callback<()>>,
    /// The value shown at first (an edit form).
    #[prop(optional, into)]
    value: Option<String>,
    /// Whether the field must be filled (most are).
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let input = NodeRef::<leptos::html::Input>::new();
    if let Some(typed) = typed {
        // What was typed before the WebAssembly arrived counts too (effects run in the browser only).
        Effect::new(move || {
            if let Some(el) = input.get() {
                typed.set(el.value());
            }
        });
    }
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            ids.extend(also_described_by.clone());
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.clone().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                node_ref=input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                autocapitalize=(kind != "password").then_some("none")
                spellcheck="false"
                value=value
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(typed) = typed {
                        typed.set(event_target_value(&ev));
                    }
                    if let Some(on_edit) = on_edit {
                        on_edit.run(());
                    }
                }
            />
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })}
        </div>
    }
}

/// A labelled `<select>` with its error, tied together like [`Field`]'s input.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    /// The select's `name`: equal to the server function's argument.
    name: &'static str,
    /// `(value, text)` of each option, in order.
    options: Vec<(String, String)>,
    /// The value selected at first.
    #[prop(optional, into)]
    selected: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().is_some().then(|| error_id.clone())
    };
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = selected.as_deref() == Some(value.as_str());
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                autocomplete=autocomplete
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
            >
                {options}
            </select>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })}
        </div>
    }
}

/// A labelled checkbox, sent as `name=on` when checked (absent otherwise).
#[component]
pub fn CheckField(
    #[prop(into)] label: String,
    name: &'static str,
    #[prop(optional)] checked: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let described_by = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field check" class:field-invalid=move || error.get().is_some()>
            <input type="checkbox" id=id.clone() name=name checked=checked aria-describedby=described_by />
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })}
        </div>
    }
}
