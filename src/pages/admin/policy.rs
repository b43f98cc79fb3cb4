//! `/admin/policy` (SPEC §1, §5): the policy editor. The form is a GET form to this page with
//! `intent=preview`, so the proposed settings travel in the address and the preview step works
//! the same with and without scripts; the preview then shows who would lose password reset and
//! saves exactly what was previewed (hidden fields, compare-and-set on the version read first).

use super::steps::on_success;
use crate::api::admin::policy::{SavePolicy, get_policy, preview_policy};
use crate::view::admin::policy::{GroupChoice, Impact, PolicyChange, PolicyEditor};
use crate::components::{DataTable, CheckField, Field, FormAlert, PageError, SelectField, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::policy::PolicyForm;
use crate::domain::reset::Stop;
use crate::domain::time::format_utc;
use crate::domain::{AppError, Field as F};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// The settings being previewed, as the address carries them.
#[derive(Debug, Clone, PartialEq)]
struct Proposal {
    form: PolicyForm,
    /// The version the editor was showing when the change was made.
    version: String,
}

fn proposal_of(query: &ParamsMap) -> Option<Proposal> {
    if query.get_str("intent") != Some("preview") {
        return None;
    }
    let mut form = PolicyForm::default();
    for (key, value) in query {
        // The address also carries `intent`, `version` and maybe `error`: not settings.
        let _ = form.set(key, value);
    }
    Some(Proposal { form, version: query.get("version").unwrap_or_default() })
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SavePolicy>::new();
    let saves = RwSignal::new(0_usize);
    on_success(save, saves, "/admin/policy?done=policy_saved");
    let editor = Resource::new(move || saves.get(), |_| get_policy());
    let query = use_query_map();
    let proposal = Memo::new(move |_| query.with(proposal_of));
    let impact = Resource::new(
        move || proposal.get(),
        |p| async move {
            match p {
                Some(p) => Some(preview_policy(p.form).await),
                None => None,
            }
        },
    );
    let saved = Signal::derive(move || query.with(|q| q.get_str("done") == Some("policy_saved")).then_some(t.policy_saved_status));
    view! {
        <Title text=t.policy_title />
        <h1>{t.policy_title}</h1>
        <StatusMessage message=saved />
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => {
                        let impact = impact.await;
                        view! { <Editor editor impact proposal=proposal.get_untracked() save /> }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Editor(
    editor: PolicyEditor,
    impact: Option<Result<Impact, AppError>>,
    proposal: Option<Proposal>,
    save: ServerAction<SavePolicy>,
) -> impl IntoView {
    let t = use_texts();
    let saving = use_form_error(save);
    let refused = impact.as_ref().and_then(|r| r.clone().err());
    let error = Signal::derive(move || saving.get().or_else(|| refused.clone()));
    let (form, version) = match &proposal {
        Some(p) => (p.form.clone(), p.version.clone()),
        None => (editor.form.clone(), editor.version.to_string()),
    };
    let preview = match (impact, proposal) {
        (Some(Ok(impact)), Some(p)) => Some(view! { <ImpactPanel impact proposal=p save error /> }),
        _ => None,
    };
    // A refusal that belongs to no field shows in the preview when there is one, else above the form.
    let form_alert = preview.is_none();
    view! {
        <p>{t.policy_intro} " " {(t.policy_version)(editor.version)}</p>
        {preview}
        <PolicyFields form version groups=editor.groups active_questions=editor.active_questions error form_alert />
        <History history=editor.history />
    }
}

/// The settings, as a GET form to this page's preview step.
#[component]
fn PolicyFields(
    form: PolicyForm,
    version: String,
    groups: Vec<GroupChoice>,
    active_questions: u32,
    error: Signal<Option<AppError>>,
    form_alert: bool,
) -> impl IntoView {
    let t = use_texts();
    let scopes: Vec<(String, String)> = vec![("all".into(), t.policy_scope_all.into()), ("group".into(), t.policy_scope_group.into()), ("none".into(), t.policy_scope_none.into())];
    let group_options: Vec<(String, String)> =
        std::iter::once((String::new(), t.policy_no_group.to_owned())).chain(groups.into_iter().map(|g| (g.id.to_string(), g.name))).collect();
    let numbers = |range: std::ops::RangeInclusive<u8>| range.map(|n| (n.to_string(), n.to_string())).collect::<Vec<_>>();
    let methods_error = field_error(error, F::MethodsOffered);
    let f = form;
    view! {
        <Form method="get" action="/admin/policy" attr:class="form policy-form" attr:novalidate=true>
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="version" value=version />
            {form_alert.then(|| view! { <FormAlert message=form_error(error) /> })}
            <fieldset>
                <legend>{t.policy_scope_legend}</legend>
                <SelectField label=t.policy_scope_label name="scope" options=scopes selected=f.scope error=field_error(error, F::Scope) />
                <SelectField
                    label=t.policy_scope_group_label
                    name="scope_group"
                    options=group_options
                    selected=f.scope_group
                    error=field_error(error, F::ScopeGroup)
                />
            </fieldset>
            <fieldset>
                <legend>{t.policy_methods_legend}</legend>
                <SelectField
                    label=t.policy_methods_required_label
                    name="methods_required"
                    options=numbers(1..=2)
                    selected=f.methods_required
                    error=field_error(error, F::MethodsRequired)
                />
                <fieldset
                    class="checkboxes"
                    aria-describedby=move || {
                        if methods_error.get().is_some() { "methods-offered-hint field-methods_offered-error" } else { "methods-offered-hint" }
                    }
                >
                    <legend>{t.policy_methods_offered_legend}</legend>
                    <p class="hint" id="methods-offered-hint">{t.policy_methods_offered_hint}</p>
                    <CheckField label=t.policy_offer_sms name="offer_sms" checked=f.offer_sms.is_some() />
                    <CheckField label=t.policy_offer_voice name="offer_voice" checked=f.offer_voice.is_some() />
                    <CheckField label=t.policy_offer_office_phone name="offer_office_phone" checked=f.offer_office_phone.is_some() />
                    <CheckField label=t.policy_offer_email name="offer_email" checked=f.offer_email.is_some() />
                    <CheckField label=t.policy_offer_questions name="offer_questions" checked=f.offer_questions.is_some() />
                    <CheckField label=t.policy_offer_recovery_codes name="offer_recovery_codes" checked=f.offer_recovery_codes.is_some() />
                    {move || methods_error.get().map(|e| view! { <p class="field-error" id="field-methods_offered-error" role="alert">{e}</p> })}
                </fieldset>
                <p class="notice">{t.policy_questions_alone_note}</p>
                <p class="notice">{t.policy_admins_note}</p>
            </fieldset>
            <fieldset aria-describedby="questions-hint">
                <legend>{t.policy_questions_legend}</legend>
                <p class="hint" id="questions-hint">
                    {(t.policy_questions_to_register_hint)(active_questions)} " " {t.policy_questions_at_reset_hint}
                </p>
                <SelectField
                    label=t.policy_questions_to_register_label
                    name="questions_to_register"
                    options=numbers(3..=5)
                    selected=f.questions_to_register
                    error=field_error(error, F::QuestionsToRegister)
                />
                <SelectField
                    label=t.policy_questions_at_reset_label
                    name="questions_at_reset"
                    options=numbers(3..=5)
                    selected=f.questions_at_reset
                    error=field_error(error, F::QuestionsAtReset)
                />
            </fieldset>
            <fieldset>
                <legend>{t.policy_registration_legend}</legend>
                <CheckField
                    label=t.policy_require_registration_label
                    name="require_registration_at_sign_in"
                    checked=f.require_registration_at_sign_in.is_some()
                />
                <Field
                    label=t.policy_reconfirm_days_label
                    name="reconfirm_after_days"
                    autocomplete="off"
                    inputmode="numeric"
                    maxlength=3
                    hint=t.policy_reconfirm_days_hint
                    value=f.reconfirm_after_days
                    error=field_error(error, F::ReconfirmDays)
                />
                <CheckField label=t.policy_reconfirm_codes_label name="reconfirm_with_codes" checked=f.reconfirm_with_codes.is_some() />
            </fieldset>
            <fieldset>
                <legend>{t.policy_notifications_legend}</legend>
                <CheckField label=t.policy_notify_users_label name="notify_users_on_reset" checked=f.notify_users_on_reset.is_some() />
                <CheckField
                    label=t.policy_notify_admins_label
                    name="notify_admins_on_admin_reset"
                    checked=f.notify_admins_on_admin_reset.is_some()
                />
                <CheckField label=t.policy_expiry_reminders_label name="expiry_reminders" checked=f.expiry_reminders.is_some() />
            </fieldset>
            <fieldset>
                <legend>{t.policy_portal_legend}</legend>
                <Field
                    label=t.policy_helpdesk_label
                    name="helpdesk_link"
                    autocomplete="off"
                    maxlength=500
                    hint=t.policy_helpdesk_hint
                    value=f.helpdesk_link
                    required=false
                    error=field_error(error, F::HelpdeskLink)
                />
                <CheckField
                    label=t.policy_strict_privacy_label
                    name="strict_privacy"
                    checked=f.strict_privacy.is_some()
                    hint=t.policy_strict_privacy_hint
                />
            </fieldset>
            <button type="submit" class="button">{t.policy_preview_button}</button>
        </Form>
    }
}

/// The preview step: what changes, who would lose password reset, and Save.
#[component]
fn ImpactPanel(impact: Impact, proposal: Proposal, save: ServerAction<SavePolicy>, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let changed = impact.changed.iter().map(|k| setting_label(t, k)).collect::<Vec<_>>().join(", ");
    let nothing_changed = impact.changed.is_empty();
    let losing = if impact.losing == 0 {
        view! { <p>{t.policy_impact_none}</p> }.into_any()
    } else {
        view! {
            <p>
                <strong>{(t.policy_impact_losing)(impact.losing)}</strong>
            </p>
            <LosersTable impact=impact.clone() />
        }
        .into_any()
    };
    let save_form = (!nothing_changed).then(|| {
        let hidden = proposal.form.pairs().into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view();
        view! {
            <ActionForm action=save attr:class="form-inline">
                <input type="hidden" name="version" value=proposal.version.clone() />
                {hidden}
                <button type="submit" class="button" disabled=move || save.pending().get()>{t.policy_save_button}</button>
            </ActionForm>
        }
    });
    view! {
        <section class="card impact" aria-labelledby="impact-title">
            <h2 id="impact-title">{t.policy_preview_title}</h2>
            <FormAlert message=form_error(error) />
            <p>{if nothing_changed { t.policy_nothing_changed.to_owned() } else { format!("{} {changed}", t.policy_changed_settings) }}</p>
            <p>{(t.policy_impact_totals)(impact.can_reset_now, impact.can_reset_after, impact.accounts)}</p>
            {losing}
            {save_form}
            <p>
                <a href="/admin/policy">{t.policy_back_link}</a>
            </p>
        </section>
    }
}

#[component]
fn LosersTable(impact: Impact) -> impl IntoView {
    let t = use_texts();
    let caption = (t.policy_impact_caption)(impact.listed.len() as u32, impact.losing);
    view! {
        <DataTable caption=caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_user_id}</th>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.col_why}</th>
                </tr>
            </thead>
            <tbody>
                {impact
                    .listed
                    .into_iter()
                    .map(|l| {
                        view! {
                            <tr>
                                <td>
                                    <a href=format!("/admin/accounts/{}", l.id)>{l.user_id}</a>
                                </td>
                                <td>{l.display_name}</td>
                                <td>{why(t, l.why)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
fn History(history: Vec<PolicyChange>) -> impl IntoView {
    let t = use_texts();
    let table = if history.is_empty() {
        view! { <p>{t.policy_history_never}</p> }.into_any()
    } else {
        view! {
            <DataTable caption=t.policy_history_title caption_hidden=true>
                <thead>
                    <tr>
                        <th scope="col">{t.col_version}</th>
                        <th scope="col">{t.col_when}</th>
                        <th scope="col">{t.col_by}</th>
                        <th scope="col">{t.col_changed}</th>
                    </tr>
                </thead>
                <tbody>
                    {history
                        .into_iter()
                        .map(|v| {
                            let changed = v.changed.iter().map(|k| setting_label(t, k)).collect::<Vec<_>>().join(", ");
                            view! {
                                <tr>
                                    <td>{v.version}</td>
                                    <td>{format_utc(v.at)}</td>
                                    <td>{v.by.unwrap_or_else(|| t.policy_history_by_cli.to_owned())}</td>
                                    <td>{changed}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="policy-history">
            <h2 id="history-title">{t.policy_history_title}</h2>
            {table}
        </section>
    }
}

/// The label of a setting, by its JSON key.
fn setting_label(t: &'static Texts, key: &str) -> &'static str {
    match key {
        "enabled_for" => t.policy_scope_label,
        "methods_required" => t.policy_methods_required_label,
        "offer_sms" => t.policy_offer_sms,
        "offer_voice" => t.policy_offer_voice,
        "offer_office_phone" => t.policy_offer_office_phone,
        "offer_email" => t.policy_offer_email,
        "offer_questions" => t.policy_offer_questions,
        "offer_recovery_codes" => t.policy_offer_recovery_codes,
        "questions_to_register" => t.policy_questions_to_register_label,
        "questions_at_reset" => t.policy_questions_at_reset_label,
        "require_registration_at_sign_in" => t.policy_require_registration_label,
        "reconfirm_after_days" => t.policy_reconfirm_days_label,
        "reconfirm_with_codes" => t.policy_reconfirm_codes_label,
        "notify_users_on_reset" => t.policy_notify_users_label,
        "notify_admins_on_admin_reset" => t.policy_notify_admins_label,
        "expiry_reminders" => t.policy_expiry_reminders_label,
        "helpdesk_link" => t.policy_helpdesk_label,
        "strict_privacy" => t.policy_strict_privacy_label,
        _ => "?",
    }
}

fn why(t: &'static Texts, stop: Stop) -> &'static str {
    match stop {
        Stop::OnPremises => t.policy_why_on_premises,
        Stop::NotEnabled => t.policy_why_not_enabled,
        Stop::NotRegistered => t.policy_why_not_registered,
    }
}
