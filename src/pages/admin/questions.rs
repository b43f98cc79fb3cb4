//! `/admin/questions` (SPEC §1, §5): the security questions users choose from, predefined ones
//! in both languages and custom ones, with how many accounts answered each; add, move, retire
//! and restore. `?retire=ID` is the step that says who would be asked to choose again.

use super::steps::{FreshFormSection, GoneStep, on_success};
use crate::api::admin::questions::{AddQuestion, MoveQuestion, RestoreQuestion, RetireQuestion, list_questions};
use crate::view::admin::questions::{QuestionList, QuestionRow};
use crate::components::{DataTable, Field, FormAlert, PageError, StatusMessage, field_error, form_error, use_form_error};
use crate::domain::policy::MAX_QUESTION_TEXT;
use crate::domain::{AppError, Field as F};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page's actions, shared by its parts.
#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddQuestion>,
    retire: ServerAction<RetireQuestion>,
    restore: ServerAction<RestoreQuestion>,
    moved: ServerAction<MoveQuestion>,
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let t = use_texts();
    let actions = Actions {
        add: ServerAction::new(),
        retire: ServerAction::new(),
        restore: ServerAction::new(),
        moved: ServerAction::new(),
    };
    let changes = RwSignal::new(0_usize);
    on_success(actions.add, changes, "/admin/questions?done=question_added");
    on_success(actions.retire, changes, "/admin/questions?done=question_retired");
    on_success(actions.restore, changes, "/admin/questions?done=question_restored");
    on_success(actions.moved, changes, "/admin/questions?done=question_moved");
    let list = Resource::new(move || changes.get(), |_| list_questions());
    let query = use_query_map();
    let retiring = Memo::new(move |_| query.with(|q| q.get("retire")).and_then(|id| id.parse::<i64>().ok()));
    let status = Signal::derive(move || {
        match query.with(|q| q.get("done")).as_deref() {
            Some("question_added") => Some(t.question_added_status),
            Some("question_retired") => Some(t.question_retired_status),
            Some("question_restored") => Some(t.question_restored_status),
            Some("question_moved") => Some(t.question_moved_status),
            _ => None,
        }
    });
    let adding = use_form_error(actions.add);
    let restoring = use_form_error(actions.restore);
    let moving = use_form_error(actions.moved);
    let error = Signal::derive(move || adding.get().or_else(|| restoring.get()).or_else(|| moving.get()));
    view! {
        <Title text=t.questions_admin_title />
        <h1>{t.questions_admin_title}</h1>
        <p>{t.questions_admin_intro}</p>
        <StatusMessage message=status />
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (list.await, retiring.get()) {
                    (Ok(list), Some(id)) => {
                        match list.active.into_iter().find(|q| q.id == id) {
                            Some(question) => view! { <RetireStep question retire=actions.retire /> }.into_any(),
                            None => view! { <GoneStep href="/admin/questions" back=t.question_back_link /> }.into_any(),
                        }
                    }
                    (Ok(list), None) => view! { <Lists list actions error /> }.into_any(),
                    (Err(e), _) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        // Outside the lists' reload, so that a refused question stays typed.
        {move || retiring.get().is_none().then(|| view! { <AddQuestionForm add=actions.add changes error /> })}
    }
}

#[component]
fn Lists(list: QuestionList, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let count = list.active.len();
    view! {
        <p>{(t.questions_count)(count as u32, list.max_active)} " " {(t.questions_min_note)(list.min_active)}</p>
        <FormAlert message=form_error(error) />
        <DataTable caption=t.questions_active_caption>
            <QuestionHead />
            <tbody>
                {list
                    .active
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| view! { <ActiveRow q position={i + 1} last={i + 1 == count} moved=actions.moved /> })
                    .collect_view()}
            </tbody>
        </DataTable>
        <h2>{t.questions_retired_caption}</h2>
        {if list.retired.is_empty() {
            view! { <p>{t.questions_retired_none}</p> }.into_any()
        } else {
            view! {
                <DataTable caption=t.questions_retired_caption caption_hidden=true>
                    <QuestionHead />
                    <tbody>
                        {list
                            .retired
                            .into_iter()
                            .map(|q| view! { <RetiredRow q restore=actions.restore /> })
                            .collect_view()}
                    </tbody>
                </DataTable>
            }
                .into_any()
        }}
    }
}

#[component]
fn QuestionHead() -> impl IntoView {
    let t = use_texts();
    view! {
        <thead>
            <tr>
                <th scope="col">{t.col_position}</th>
                <th scope="col">{t.col_english}</th>
                <th scope="col">{t.col_french}</th>
                <th scope="col">{t.col_kind}</th>
                <th scope="col" class="number">{t.col_answered}</th>
                <th scope="col">{t.col_actions}</th>
            </tr>
        </thead>
    }
}

/// The cells every row has: its text in both languages, its kind and its answers.
#[component]
fn QuestionCells(q: QuestionRow, position: Option<usize>) -> impl IntoView {
    let t = use_texts();
    view! {
        <td class="number">{position}</td>
        <td lang="en">{q.en}</td>
        <td lang="fr">{q.fr}</td>
        <td>{if q.custom { t.question_custom } else { t.question_predefined }}</td>
        <td class="number">{q.answered}</td>
    }
}

/// A button whose accessible name also names the question it acts on.
#[component]
fn RowButton(label: &'static str, question: String) -> impl IntoView {
    view! {
        <button type="submit" class="button secondary small" aria-label=format!("{label}: {question}")>
            {label}
        </button>
    }
}

#[component]
fn ActiveRow(q: QuestionRow, position: usize, last: bool, moved: ServerAction<MoveQuestion>) -> impl IntoView {
    let t = use_texts();
    let id = q.id.to_string();
    let text = q.en.clone();
    let move_form = |direction: &'static str, label: &'static str| {
        let (id, text) = (id.clone(), text.clone());
        view! {
            <ActionForm action=moved attr:class="row-action">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="direction" value=direction />
                <RowButton label question=text />
            </ActionForm>
        }
    };
    let up = (position > 1).then(|| move_form("up", t.question_move_up));
    let down = (!last).then(|| move_form("down", t.question_move_down));
    let retire_href = format!("/admin/questions?retire={}", q.id);
    let retire_text = q.en.clone();
    view! {
        <tr>
            <QuestionCells q position=Some(position) />
            <td>
                <div class="row-actions">
                    {up}
                    {down}
                    <a
                        class="button secondary small danger"
                        href=retire_href
                        aria-label=format!("{}: {}", t.question_retire, retire_text)
                    >
                        {t.question_retire}
                    </a>
                </div>
            </td>
        </tr>
    }
}

#[component]
fn RetiredRow(q: QuestionRow, restore: ServerAction<RestoreQuestion>) -> impl IntoView {
    let t = use_texts();
    let id = q.id.to_string();
    let text = q.en.clone();
    view! {
        <tr>
            <QuestionCells q position=None />
            <td>
                <ActionForm action=restore attr:class="row-action">
                    <input type="hidden" name="id" value=id />
                    <RowButton label=t.question_restore question=text />
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn AddQuestionForm(add: ServerAction<AddQuestion>, changes: RwSignal<usize>, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <FreshFormSection id="add-question-title" title=t.question_add_title changes>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <Field
                    label=t.question_text_label
                    name="question_text"
                    autocomplete="off"
                    maxlength=MAX_QUESTION_TEXT as u32
                    hint=t.question_text_hint
                    error=field_error(error, F::QuestionText)
                />
                <button type="submit" class="button" disabled=move || add.pending().get()>{t.question_add_button}</button>
            </ActionForm>
        </FreshFormSection>
    }
}

/// `?retire=ID`: what retiring the question means for the accounts that answered it, and the
/// button that confirms it with their number.
#[component]
fn RetireStep(question: QuestionRow, retire: ServerAction<RetireQuestion>) -> impl IntoView {
    let t = use_texts();
    let error = use_form_error(retire);
    // Every refusal is about this one step: show it whatever field it names.
    let message = Signal::derive(move || error.get().map(|e| t.error(&e)));
    let answered = question.answered;
    let consequence = if answered == 0 { t.question_retire_unused.to_owned() } else { (t.question_retire_used)(answered) };
    view! {
        <section class="card admin-section" aria-labelledby="retire-title">
            <h2 id="retire-title">{t.question_retire_title}</h2>
            <blockquote>
                <p lang="en">{question.en.clone()}</p>
                {(question.fr != question.en).then(|| view! { <p lang="fr">{question.fr.clone()}</p> })}
            </blockquote>
            <p>{consequence}</p>
            <FormAlert message />
            <ActionForm action=retire attr:class="form-inline">
                <input type="hidden" name="id" value=question.id.to_string() />
                <input type="hidden" name="confirm" value=answered.to_string() />
                <button type="submit" class="button danger" disabled=move || retire.pending().get()>
                    {(t.question_retire_button)(answered)}
                </button>
            </ActionForm>
            <p>
                <a href="/admin/questions">{t.question_back_link}</a>
            </p>
        </section>
    }
}
