//! `/admin/reports`: registration coverage in total and by method, resets and failures per day
//! (a chart drawn on the server, with a table of the same figures), and the accounts that
//! cannot reset today, paged, each linked to its page.

use crate::components::{DataTable, PageError};
use super::audit::{PageLinks, account_link};
use crate::api::admin::reports::reports;
use crate::view::admin::audit::Named;
use crate::view::admin::reports::{BlockedAccount, CannotReset, Coverage, DayFigures};
use crate::domain::time::format_date;
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()));
    let data = Resource::new(page, reports);
    view! {
        <Title text=t.reports_title />
        <h1>{t.reports_title}</h1>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => {
                        view! {
                            <CoverageReport coverage=r.coverage />
                            <Activity days=r.days />
                            <Blocked blocked=r.blocked total=r.blocked_total page=r.page pages=r.pages />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn share(t: &Texts, n: u64, of: u64) -> String {
    (n * 100).checked_div(of).map_or_else(|| "—".into(), t.percent)
}

#[component]
fn CoverageReport(coverage: Coverage) -> impl IntoView {
    let t = use_texts();
    let c = coverage;
    let methods = [
        (t.auth_phone_title, c.auth_phone),
        (t.auth_email_title, c.auth_email),
        (t.office_phone_title, c.office_phone),
        (t.questions_title, c.questions),
        (t.recovery_codes_title, c.recovery_codes),
    ];
    view! {
        <section aria-labelledby="reports-coverage">
            <h2 id="reports-coverage">{t.reports_coverage_title}</h2>
            <p data-testid="coverage-summary">{(t.reports_coverage_summary)(c.registered, c.in_scope, c.accounts)}</p>
            <DataTable caption=t.reports_by_method_caption>
                <thead>
                    <tr>
                        <th scope="col">{t.reports_col_method}</th>
                        <th scope="col" class="number">{t.reports_col_accounts}</th>
                        <th scope="col" class="number">{t.reports_col_share}</th>
                    </tr>
                </thead>
                <tbody>
                    {methods
                        .into_iter()
                        .map(|(method, n)| {
                            view! {
                                <tr>
                                    <th scope="row">{method}</th>
                                    <td class="number">{n}</td>
                                    <td class="number">{share(t, n, c.in_scope)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
            <p class="hint">{t.reports_questions_note}</p>
        </section>
    }
}

/// The chart (an image the server draws) and, for those who cannot see it, the same figures.
#[component]
fn Activity(days: Vec<DayFigures>) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="reports-activity">
            <h2 id="reports-activity">{t.reports_activity_title}</h2>
            <figure class="chart">
                <img src="/admin/reports/chart.svg" alt=t.reports_chart_alt width="640" height="260" />
            </figure>
            <p class="hint">{t.reports_failures_note}</p>
            <DataTable caption=t.reports_days_caption>
                <thead>
                    <tr>
                        <th scope="col">{t.reports_col_day}</th>
                        <th scope="col" class="number">{t.reports_resets}</th>
                        <th scope="col" class="number">{t.reports_failures}</th>
                    </tr>
                </thead>
                <tbody>
                    {days
                        .into_iter()
                        .rev()
                        .map(|d| {
                            view! {
                                <tr>
                                    <th scope="row">{format_date(d.day)}</th>
                                    <td class="number">{d.resets}</td>
                                    <td class="number">{d.failures}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        </section>
    }
}

fn reason_text(t: &Texts, reason: CannotReset) -> &'static str {
    match reason {
        CannotReset::OnPremises => t.reports_reason_on_premises,
        CannotReset::NotEnabled => t.reports_reason_not_enabled,
        CannotReset::NotRegistered => t.reports_reason_not_registered,
        CannotReset::Locked => t.reports_reason_locked,
        CannotReset::Disabled => t.reports_reason_disabled,
    }
}

#[component]
fn Blocked(blocked: Vec<BlockedAccount>, total: u64, page: u32, pages: u32) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="reports-blocked">
            <h2 id="reports-blocked">{t.reports_blocked_title}</h2>
            {if blocked.is_empty() {
                view! { <p>{t.reports_none_blocked}</p> }.into_any()
            } else {
                view! {
                    <p>{(t.reports_blocked_summary)(total)}</p>
                    <DataTable caption=t.reports_blocked_title caption_hidden=true>
                        <thead>
                            <tr>
                                <th scope="col">{t.reports_col_user_id}</th>
                                <th scope="col">{t.reports_col_name}</th>
                                <th scope="col">{t.reports_col_reason}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {blocked
                                .into_iter()
                                .map(|b| {
                                    view! {
                                        <tr>
                                            <td>{account_link(Some(Named { id: b.id, user_id: Some(b.user_id) }))}</td>
                                            <td>{b.display_name}</td>
                                            <td>{reason_text(t, b.reason)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </DataTable>
                    <PageLinks page pages href=Callback::new(|n: u32| format!("/admin/reports?page={n}")) label=t.pages_nav />
                }
                    .into_any()
            }}
        </section>
    }
}
