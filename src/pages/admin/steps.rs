//! What the policy, groups and questions pages share: what follows a change made from the
//! app, a form that starts again empty, and a step for something no longer there.

use crate::domain::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_navigate;

/// After each change that `action` made from the app: `changes` goes up (the page reloads its
/// data and builds its forms anew) and the address becomes `then` (`page?done=…`), as after a
/// plain form post, so the status message comes from the address either way. A refused form
/// stays as it was typed, with its errors.
pub(super) fn on_success<S>(action: ServerAction<S>, changes: RwSignal<usize>, then: &'static str)
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    let navigate = use_navigate();
    Effect::new(move || {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            changes.update(|n| *n += 1);
            navigate(then, Default::default());
        }
    });
}

/// A section whose form starts again empty after each change the page makes (re-rendering in
/// place would keep the typed values).
#[component]
pub(super) fn FreshFormSection(id: &'static str, title: &'static str, changes: RwSignal<usize>, children: ChildrenFn) -> impl IntoView {
    view! {
        <section class="admin-section" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            <For each=move || [changes.get()] key=|n| *n children=move |_| children() />
        </section>
    }
}

/// A step (`?edit=`, `?retire=`) for something that is no longer there.
#[component]
pub(super) fn GoneStep(href: &'static str, back: &'static str) -> impl IntoView {
    let t = use_texts();
    view! {
        <p class="alert" role="alert">{t.not_found_body}</p>
        <p>
            <a href=href>{back}</a>
        </p>
    }
}
