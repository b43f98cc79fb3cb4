//! The admin console at `/admin` (SPEC §5): a shell that signs the administrator in and
//! refuses everyone else, then one page per task under it. The whole console is one island,
//! with a router of its own, whose code the browser fetches on a console page only.

mod account;
mod account_fields;
pub mod accounts;
mod audit;
mod groups;
mod inbox;
mod policy;
mod questions;
mod reports;
mod steps;
mod words;

pub use account::AccountPage;
pub use accounts::{AccountsPage, ImportAccountsPage, NewAccountPage};
pub use audit::AuditPage;
pub use groups::GroupsPage;
pub use inbox::InboxPage;
pub use policy::PolicyPage;
pub use questions::QuestionsPage;
pub use reports::ReportsPage;

use crate::components::PageError;
use crate::api::admin::{admin_overview, current_admin};
use crate::view::admin::AdminMe;
use crate::api::session::{SignIn, SignOut};
use crate::domain::AppError;
use crate::i18n::use_texts;
use crate::pages::setup::SignInForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The console, hydrated whole as one island with its own router: moving between its pages
/// happens in the browser. Lazy: its code is split from the portal's WebAssembly (`cargo leptos
/// --split`) and fetched only when a console page hydrates it, so a portal page never
/// downloads the console.
#[island(lazy)]
pub fn Console() -> impl IntoView {
    // In the browser the island has no context from `App`: its own head and language.
    #[cfg(feature = "hydrate")]
    leptos_meta::provide_meta_context();
    provide_context(crate::i18n::use_locale());
    view! {
        <Router>
            <Routes fallback=Elsewhere>
                <ParentRoute path=path!("/admin") view=AdminLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=AdminHome />
                    <Route path=path!("accounts") view=AccountsPage />
                    <Route path=path!("accounts/new") view=NewAccountPage />
                    <Route path=path!("accounts/import") view=ImportAccountsPage />
                    <Route path=path!("accounts/:id") view=AccountPage />
                    <Route path=path!("groups") view=GroupsPage />
                    <Route path=path!("policy") view=PolicyPage />
                    <Route path=path!("questions") view=QuestionsPage />
                    <Route path=path!("audit") view=AuditPage />
                    <Route path=path!("reports") view=ReportsPage />
                    <Route path=path!("inbox") view=InboxPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// An address the console does not have. Under `/admin`, "page not found"; elsewhere, a link
/// or a step back out of the console, to a portal page: the browser loads it from the server.
#[component]
fn Elsewhere() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        // The router draws the new route before it writes the address into the history: load
        // the address it is going to, not the one still shown.
        let location = leptos_router::hooks::use_location();
        let path = location.pathname.get_untracked();
        if !crate::app::is_console(&path) {
            let search = location.search.get_untracked();
            let target = if search.is_empty() { path } else { format!("{path}?{search}") };
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&target);
            }
            return ().into_any();
        }
    }
    view! { <crate::pages::not_found::NotFound /> }.into_any()
}

/// The console's frame: sign-in for a visitor, a refusal for a non-administrator, else the
/// navigation and the page of the task.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let t = use_texts();
    let sign_in = ServerAction::<SignIn>::new();
    let me = Resource::new(move || sign_in.version().get(), |_| current_admin());
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(me) => view! { <AdminShell me /> }.into_any(),
                    Err(AppError::NotSignedIn) => {
                        view! { <SignInForm action=sign_in next="/admin" intro=t.admin_sign_in_intro /> }.into_any()
                    }
                    Err(AppError::Forbidden) => {
                        view! {
                            <Title text=t.admin_title />
                            <h1>{t.admin_title}</h1>
                            <p class="alert" role="alert">{t.admin_only}</p>
                            <p><a href="/setup">{t.back_to_security_info}</a></p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AdminShell(me: AdminMe) -> impl IntoView {
    let t = use_texts();
    let sign_out = ServerAction::<SignOut>::new();
    let links = [
        ("/admin", t.admin_nav_overview),
        ("/admin/accounts", t.admin_nav_accounts),
        ("/admin/groups", t.admin_nav_groups),
        ("/admin/policy", t.admin_nav_policy),
        ("/admin/questions", t.admin_nav_questions),
        ("/admin/audit", t.admin_nav_audit),
        ("/admin/reports", t.admin_nav_reports),
        ("/admin/inbox", t.admin_nav_inbox),
    ];
    view! {
        <div class="admin">
            <nav class="admin-nav" aria-label=t.admin_nav>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href exact=true>{label}</A></li> })
                        .collect_view()}
                </ul>
                <p class="admin-me">
                    {me.display_name} " (" {me.user_id} ")"
                </p>
                <ActionForm action=sign_out>
                    <button type="submit" class="button secondary">{t.sign_out_button}</button>
                </ActionForm>
            </nav>
            <div class="admin-page">
                <Outlet />
            </div>
        </div>
    }
}

/// `/admin`: what needs the administrator's attention, and where each task is.
#[component]
pub fn AdminHome() -> impl IntoView {
    let t = use_texts();
    let overview = Resource::new(|| (), |_| admin_overview());
    let tasks = [
        ("/admin/accounts", t.admin_nav_accounts, t.overview_accounts_hint),
        ("/admin/policy", t.admin_nav_policy, t.overview_policy_hint),
        ("/admin/audit", t.admin_nav_audit, t.overview_audit_hint),
        ("/admin/reports", t.admin_nav_reports, t.overview_reports_hint),
        ("/admin/inbox", t.admin_nav_inbox, t.overview_inbox_hint),
    ];
    view! {
        <Title text=t.admin_title />
        <h1>{t.admin_title}</h1>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let link = |filter: &str, n: i64, label: fn(i64) -> String| {
                            view! { <li><a href=format!("/admin/accounts?filter={filter}")>{label(n)}</a></li> }
                        };
                        view! {
                            <ul class="overview">
                                {link("all", o.accounts, t.accounts_count)}
                                {link("not_registered", o.not_registered, t.overview_not_registered)}
                                {link("locked", o.locked, t.overview_locked)}
                                {link("disabled", o.disabled, t.overview_disabled)}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        <ul class="tasks">
            {tasks
                .into_iter()
                .map(|(href, name, hint)| view! { <li><a href=href>{name}</a> " — " {hint}</li> })
                .collect_view()}
        </ul>
    }
}
