//! `/admin/accounts/:id`, by numeric ID or by user ID: one account, its methods (masked),
//! whether it can reset, its locks, groups and recent events; edit it, require re-registration,
//! reset its password to a temporary one, unlock it.

use super::words::{admin_word, event_label};
use super::account_fields::{AccountFields, AccountValues};
use super::accounts::{TemporaryPassword, method_name};
use crate::api::admin::accounts::{AdminAddToGroup, AdminRemoveFromGroup, AdminRequireReregistration, AdminResetPassword, AdminUnlockAccount, AdminUpdateAccount, admin_account};
use crate::view::admin::accounts::{AccountDetail, Masked, Owner, ResetStanding};
use crate::components::{Field, FormAlert, PageError, SelectField, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::reset::Stop;
use crate::domain::time::format_utc;
use crate::domain::{AppError, Field as F, Method};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    // The numeric ID (the list's links) or the user ID (`/admin/accounts/alice@contoso.example`).
    let id = move || params.with(|p| p.get("id"));
    let update = ServerAction::<AdminUpdateAccount>::new();
    let add = ServerAction::<AdminAddToGroup>::new();
    let remove = ServerAction::<AdminRemoveFromGroup>::new();
    let reregister = ServerAction::<AdminRequireReregistration>::new();
    let reset = ServerAction::<AdminResetPassword>::new();
    let unlock = ServerAction::<AdminUnlockAccount>::new();
    let actions = Actions { update, add, remove, reregister, reset, unlock };
    let versions = move || {
        (update.version().get(), add.version().get(), remove.version().get(), reregister.version().get(), reset.version().get(), unlock.version().get())
    };
    let account = Resource::new(move || (id(), versions()), |(id, _)| async move {
        match id {
            Some(id) => admin_account(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <p><a href="/admin/accounts">{t.back_to_accounts}</a></p>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(a) => view! { <Account a actions /> }.into_any(),
                    Err(e) => {
                        view! {
                            <Title text=t.accounts_title />
                            <h1>{t.accounts_title}</h1>
                            <PageError error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<AdminUpdateAccount>,
    add: ServerAction<AdminAddToGroup>,
    remove: ServerAction<AdminRemoveFromGroup>,
    reregister: ServerAction<AdminRequireReregistration>,
    reset: ServerAction<AdminResetPassword>,
    unlock: ServerAction<AdminUnlockAccount>,
}

/// The status of the last change (from the app, or a plain form post's `?done=`).
fn done_message(t: &'static Texts, actions: Actions) -> Signal<Option<&'static str>> {
    let query = use_query_map();
    Signal::derive(move || {
        let ok = |v: bool, m: &'static str| v.then_some(m);
        ok(matches!(actions.update.value().get(), Some(Ok(()))), t.saved_status)
            .or(ok(matches!(actions.add.value().get(), Some(Ok(()))), t.saved_status))
            .or(ok(matches!(actions.remove.value().get(), Some(Ok(()))), t.saved_status))
            .or(ok(matches!(actions.reregister.value().get(), Some(Ok(()))), t.reregister_status))
            .or(ok(matches!(actions.reset.value().get(), Some(Ok(_))), t.password_reset_status))
            .or(ok(matches!(actions.unlock.value().get(), Some(Ok(()))), t.unlocked_status))
            .or_else(|| {
                query.with(|q| q.get("done")).and_then(|d| match d.as_str() {
                    "saved" => Some(t.saved_status),
                    "created" => Some(t.created_status),
                    "reregister" => Some(t.reregister_status),
                    "password_reset" => Some(t.password_reset_status),
                    "unlocked" => Some(t.unlocked_status),
                    _ => None,
                })
            })
    })
}

pub fn stop_name(t: &Texts, s: Stop) -> &'static str {
    match s {
        Stop::OnPremises => t.standing_on_premises,
        Stop::NotEnabled => t.standing_not_enabled,
        Stop::NotRegistered => t.standing_not_registered,
    }
}

fn day(secs: i64) -> String {
    format_utc(secs)
}

#[component]
fn Account(a: AccountDetail, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let id = a.id;
    let update_error = use_form_error(actions.update);
    let groups_error = Signal::derive(move || {
        actions.add.value().get().and_then(|r| r.err()).or_else(|| actions.remove.value().get().and_then(|r| r.err()))
    });
    let reset_error = use_form_error(actions.reset);
    let other_errors = Signal::derive(move || {
        actions.reregister.value().get().and_then(|r| r.err()).or_else(|| actions.unlock.value().get().and_then(|r| r.err()))
    });
    let temporary = move || actions.reset.value().get().and_then(|r| r.ok()).flatten();
    let standing = match &a.standing {
        ResetStanding::CanReset(gates) => {
            (t.standing_can_reset)(&gates.iter().map(|g| admin_word(t, g.as_str())).collect::<Vec<_>>().join(", "))
        }
        ResetStanding::Cannot(stop) => stop_name(t, *stop).to_owned(),
    };
    let locks: Vec<String> = [
        a.locked_until.map(|u| (t.locked_until)(&day(u))),
        a.sign_in_blocked_until.map(|u| (t.sign_in_blocked_until)(&day(u))),
        a.reset_blocked_until.map(|u| (t.reset_blocked_until)(&day(u))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let locked = !locks.is_empty();
    let method = |m: Method, v: &Option<Masked>| {
        let state = match v {
            Some(Masked { masked, verified: true }) => format!("{masked} — {}", t.state_verified),
            Some(Masked { masked, verified: false }) => format!("{masked} — {}", t.state_waiting),
            None => t.state_not_set.to_owned(),
        };
        view! { <dt>{method_name(t, m)}</dt><dd>{state}</dd> }
    };
    let questions = if a.questions_answered == 0 { t.state_not_set.to_owned() } else { (t.questions_answered)(usize::from(a.questions_answered)) };
    let codes = if a.recovery_codes_left == 0 { t.state_not_set.to_owned() } else { (t.recovery_codes_left)(a.recovery_codes_left) };
    let office = a.office_phone.clone().unwrap_or_else(|| t.state_not_set.to_owned());
    let confirmed = a.confirmed_at.map_or_else(|| t.never.to_owned(), day);
    let recent_empty = a.recent.is_empty();
    let editing = AccountValues::from(&a);
    let in_directory = a.owner != Owner::Sspr;
    view! {
        <Title text=a.display_name.clone() />
        <h1>{a.display_name.clone()} " " <span class="muted">"(" {a.user_id.clone()} ")"</span></h1>
        <StatusMessage message=done_message(t, actions) />
        {move || temporary().map(|p| view! { <div class="status" role="status"><TemporaryPassword password=p /></div> })}
        <FormAlert message=form_error(other_errors) />
        {(a.owner == Owner::GoneFromDirectory).then(|| view! { <p class="hint"><strong>{t.gone_from_directory_note}</strong></p> })}

        <section aria-labelledby="account-standing">
            <h2 id="account-standing">{t.standing_heading}</h2>
            <p>{standing}</p>
            <dl class="facts">
                {method(Method::AuthPhone, &a.auth_phone)}
                <dt>{t.office_phone_title}</dt>
                <dd>{office}</dd>
                {method(Method::AuthEmail, &a.auth_email)}
                <dt>{t.questions_title}</dt>
                <dd>{questions}</dd>
                <dt>{t.recovery_codes_title}</dt>
                <dd>{codes}</dd>
                <dt>{t.accounts_col_confirmed}</dt>
                <dd>{confirmed}</dd>
            </dl>
            <p class="hint">{t.answers_never_shown}</p>
            <ActionForm action=actions.reregister>
                <input type="hidden" name="id" value=id />
                <p class="hint">{t.reregister_hint}</p>
                <button type="submit" class="button secondary" disabled=move || actions.reregister.pending().get()>
                    {t.reregister_button}
                </button>
            </ActionForm>
        </section>

        <section aria-labelledby="account-locks">
            <h2 id="account-locks">{t.locks_heading}</h2>
            {if locked {
                view! {
                    <ul>{locks.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <ActionForm action=actions.unlock>
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="button" disabled=move || actions.unlock.pending().get()>
                            {t.admin_unlock_button}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! { <p>{t.no_locks}</p> }.into_any()
            }}
        </section>

        <section aria-labelledby="account-password">
            <h2 id="account-password">{t.reset_password_heading}</h2>
            <p>{t.reset_password_hint}</p>
            <FormAlert message=form_error(reset_error) />
            <ActionForm action=actions.reset attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <Field
                    label=t.temporary_password_label
                    name="temporary_password"
                    kind="password"
                    autocomplete="new-password"
                    hint=t.temporary_password_hint
                    required=false
                    error=field_error(reset_error, F::TemporaryPassword)
                />
                <button type="submit" class="button danger" disabled=move || actions.reset.pending().get()>
                    {t.reset_password_button}
                </button>
            </ActionForm>
        </section>

        <section aria-labelledby="account-edit">
            <h2 id="account-edit">{t.edit_heading}</h2>
            <FormAlert message=form_error(update_error) />
            <ActionForm action=actions.update attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <AccountFields editing in_directory error=update_error />
                <button type="submit" class="button" disabled=move || actions.update.pending().get()>{t.save_button}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="account-groups">
            <h2 id="account-groups">{t.admin_nav_groups}</h2>
            <FormAlert message=form_error(groups_error) />
            {in_directory.then(|| view! { <p class="hint">{t.groups_from_directory}</p> })}
            {if a.groups.is_empty() {
                view! { <p>{t.member_of_none}</p> }.into_any()
            } else if in_directory {
                view! { <ul class="memberships">{a.groups.iter().map(|g| view! { <li>{g.name.clone()}</li> }).collect_view()}</ul> }.into_any()
            } else {
                view! {
                    <ul class="memberships">
                        {a.groups
                            .clone()
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <li>
                                        <ActionForm action=actions.remove attr:class="inline">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="group_id" value=g.id />
                                            <span>{g.name.clone()}</span>
                                            " "
                                            <button
                                                type="submit"
                                                class="button secondary small"
                                                aria-label=format!("{} {}", t.remove_button, g.name)
                                            >
                                                {t.remove_button}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(!in_directory && !a.other_groups.is_empty())
                .then(|| {
                    let options = a.other_groups.iter().map(|g| (g.id.to_string(), g.name.clone())).collect::<Vec<_>>();
                    view! {
                        <ActionForm action=actions.add attr:class="form inline">
                            <input type="hidden" name="id" value=id />
                            <SelectField label=t.add_to_group_label name="group_id" options error=field_error(groups_error, F::Groups) />
                            <button type="submit" class="button secondary">{t.add_button}</button>
                        </ActionForm>
                    }
                })}
        </section>

        <section aria-labelledby="account-recent">
            <h2 id="account-recent">{t.recent_heading}</h2>
            {if recent_empty {
                view! { <p>{t.recent_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="events">
                        {a.recent.iter().map(|e| view! { <li><time>{day(e.at)}</time> " — " {event_label(t, &e.event)}</li> }).collect_view()}
                    </ul>
                    <p><a href=crate::view::query::address("/admin/audit", &[("user_id", &a.user_id)])>{t.full_audit_link}</a></p>
                }
                    .into_any()
            }}
        </section>
    }
}
