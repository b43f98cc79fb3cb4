//! The registration page's actions and the outcome of the last one. Both live above the page's
//! `Transition`, so they survive the re-render that follows every action. A form posted without
//! JavaScript brings its outcome back in the query string (`?done=…` or `?error=…`) instead.

use crate::api::registration::{
    CancelRegistration, DiscardCode, EditRegistration, FinishRegistration, LooksGood, NewRecoveryCodes, RecoveryCodesKept, RemoveMethod, ResendCode,
    SaveQuestions, SendEmailCode, SendPhoneCode, VerifyEmailCode, VerifyPhoneCode,
};
use crate::components::address_error;
use crate::domain::{AppError, Field, Method};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// Where an action belongs on the page: its card, or the page as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Card(Method),
    Page,
}

#[derive(Clone, Copy)]
pub struct Actions {
    pub send_phone: ServerAction<SendPhoneCode>,
    pub verify_phone: ServerAction<VerifyPhoneCode>,
    pub send_email: ServerAction<SendEmailCode>,
    pub verify_email: ServerAction<VerifyEmailCode>,
    pub resend: ServerAction<ResendCode>,
    pub discard: ServerAction<DiscardCode>,
    pub remove: ServerAction<RemoveMethod>,
    pub questions: ServerAction<SaveQuestions>,
    pub new_recovery: ServerAction<NewRecoveryCodes>,
    pub recovery_kept: ServerAction<RecoveryCodesKept>,
    pub finish: ServerAction<FinishRegistration>,
    pub cancel: ServerAction<CancelRegistration>,
    pub looks_good: ServerAction<LooksGood>,
    pub edit: ServerAction<EditRegistration>,
}

impl Actions {
    pub fn new() -> Self {
        Actions {
            send_phone: ServerAction::new(),
            verify_phone: ServerAction::new(),
            send_email: ServerAction::new(),
            verify_email: ServerAction::new(),
            resend: ServerAction::new(),
            discard: ServerAction::new(),
            remove: ServerAction::new(),
            questions: ServerAction::new(),
            new_recovery: ServerAction::new(),
            recovery_kept: ServerAction::new(),
            finish: ServerAction::new(),
            cancel: ServerAction::new(),
            looks_good: ServerAction::new(),
            edit: ServerAction::new(),
        }
    }

    /// Changes whenever any action completes (tracked).
    pub fn version(&self) -> usize {
        self.send_phone.version().get()
            + self.verify_phone.version().get()
            + self.send_email.version().get()
            + self.verify_email.version().get()
            + self.resend.version().get()
            + self.discard.version().get()
            + self.remove.version().get()
            + self.questions.version().get()
            + self.new_recovery.version().get()
            + self.recovery_kept.version().get()
            + self.finish.version().get()
            + self.cancel.version().get()
            + self.looks_good.version().get()
            + self.edit.version().get()
    }
}

/// What the last action did: which status it earned, or which error it got and where.
#[derive(Clone, Copy)]
pub struct Outcome {
    last: RwSignal<Option<(Place, Result<&'static str, AppError>)>>,
}

fn watch<S>(last: RwSignal<Option<(Place, Result<&'static str, AppError>)>>, action: ServerAction<S>, place: impl Fn(&S) -> Place + Send + Sync + 'static, done: &'static str)
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    // The input is cleared when the action ends: remember its place while it runs.
    let running_in = StoredValue::new(Place::Page);
    Effect::new(move |_| {
        if let Some(input) = action.input().get() {
            running_in.set_value(place(&input));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = action.value().get() {
            last.set(Some((running_in.get_value(), result.map(|_| done))));
        }
    });
}

/// A place that does not depend on the action's input.
fn fixed<S>(place: Place) -> impl Fn(&S) -> Place + Send + Sync + 'static {
    move |_| place
}

impl Outcome {
    /// Follows every action of `a`.
    pub fn track(a: Actions) -> Self {
        let last = RwSignal::new(None);
        watch(last, a.send_phone, fixed(Place::Card(Method::AuthPhone)), "code_sent");
        watch(last, a.verify_phone, fixed(Place::Card(Method::AuthPhone)), "phone_verified");
        watch(last, a.send_email, fixed(Place::Card(Method::AuthEmail)), "code_sent");
        watch(last, a.verify_email, fixed(Place::Card(Method::AuthEmail)), "email_verified");
        watch(last, a.resend, |i: &ResendCode| Method::parse(&i.method).map_or(Place::Page, Place::Card), "code_sent");
        watch(last, a.discard, |i: &DiscardCode| Method::parse(&i.method).map_or(Place::Page, Place::Card), "");
        watch(last, a.remove, |i: &RemoveMethod| Method::parse(&i.method).map_or(Place::Page, Place::Card), "removed");
        watch(last, a.questions, fixed(Place::Card(Method::SecurityQuestions)), "questions_saved");
        watch(last, a.new_recovery, fixed(Place::Card(Method::RecoveryCodes)), "recovery_codes_made");
        watch(last, a.recovery_kept, fixed(Place::Card(Method::RecoveryCodes)), "recovery_codes_kept");
        watch(last, a.finish, fixed(Place::Page), "finished");
        watch(last, a.cancel, fixed(Place::Page), "cancelled");
        watch(last, a.looks_good, fixed(Place::Page), "reconfirmed");
        watch(last, a.edit, fixed(Place::Page), "");
        Outcome { last }
    }

    /// The page's status line: the last success, or the one a plain form post reported.
    pub fn status(self) -> Signal<Option<&'static str>> {
        self.status_for(|_| None)
    }

    /// The status line, where `page` may word a success its own way (else the usual text).
    pub fn status_for(self, page: impl Fn(&str) -> Option<&'static str> + Send + Sync + 'static) -> Signal<Option<&'static str>> {
        let t = use_texts();
        let query = use_query_map();
        Signal::derive(move || {
            let done = match self.last.get() {
                Some((_, Ok(done))) => Some(done.to_owned()),
                Some((_, Err(_))) => None,
                None => query.with(|q| if q.get("error").is_some() { None } else { q.get("done") }),
            };
            done.and_then(|d| page(&d).or_else(|| status_text(t, &d)))
        })
    }

    /// The error to show in `place`. Without JavaScript an error arrives in the query: at its
    /// field if it has one (every field name is unique on the page), else at the page's top.
    pub fn error(self, place: Place) -> Signal<Option<AppError>> {
        let brought_back = address_error();
        Signal::derive(move || match self.last.get() {
            Some((p, Err(e))) if p == place => Some(e),
            Some(_) => None,
            None => {
                let e = brought_back.get()?;
                let here = match e.field_name() {
                    Some(f) => place == Place::Card(card_of(f)),
                    None => place == Place::Page,
                };
                here.then_some(e)
            }
        })
    }
}

/// The card a field is on.
fn card_of(field: Field) -> Method {
    match field {
        Field::Email | Field::EmailCode => Method::AuthEmail,
        Field::Question(_) | Field::Answer(_) => Method::SecurityQuestions,
        _ => Method::AuthPhone,
    }
}

fn status_text(t: &'static Texts, done: &str) -> Option<&'static str> {
    Some(match done {
        "code_sent" => t.code_sent_status,
        "phone_verified" => t.phone_verified_status,
        "email_verified" => t.email_verified_status,
        "questions_saved" => t.questions_saved_status,
        "recovery_codes_made" => t.recovery_codes_made_status,
        "recovery_codes_kept" => t.recovery_codes_kept_status,
        "removed" => t.removed_status,
        "finished" => t.finished_status,
        "cancelled" => t.cancelled_status,
        "reconfirmed" => t.reconfirmed_status,
        "password_changed" => t.password_changed_status,
        _ => return None,
    })
}
