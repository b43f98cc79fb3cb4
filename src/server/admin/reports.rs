//! Reports (SPEC §5): registration coverage in total and by method, judged by the reset
//! portal's own rule over the whole directory; resets and failures per day of the last 30 days
//! from the audit log, drawn here as an SVG chart; and the accounts that cannot reset today.

use crate::server::markup::escape;
use super::Admin;
use super::audit::{admin_of_request, refusal};
use super::standing::{self, Standing};
use crate::view::admin::reports::{BlockedAccount, CannotReset, Coverage, DayFigures, ReportsData};
use crate::domain::AppError;
use crate::domain::audit::{RESET_COMPLETED, RESET_FAILURES};
use crate::domain::policy::Policy;
use crate::domain::registration::{Requirements, eligibility};
use crate::domain::reset::{Stop, decide};
use crate::domain::time::format_date;
use crate::i18n::Locale;
use crate::server::AppState;
use crate::server::db::{self, Conn};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// Days in the chart, today included.
pub const DAYS: i64 = 30;
/// Accounts per page of the list of those that cannot reset.
pub const PAGE: usize = 50;

pub async fn reports(admin: &Admin, page: u32) -> Result<ReportsData, AppError> {
    let mut c = admin.state.db.acquire().await?;
    let (_, policy) = db::policy::current(c.conn()).await?;
    let directory = standing::directory(c.conn()).await?;
    let days = daily(c.conn(), today()).await?;
    let blocked = cannot_reset(&directory, &policy);
    let pages = blocked.len().div_ceil(PAGE).max(1) as u32;
    let page = page.clamp(1, pages);
    let blocked_total = blocked.len() as u64;
    let blocked = blocked.into_iter().skip((page as usize - 1) * PAGE).take(PAGE).collect();
    Ok(ReportsData { coverage: coverage(&directory, &policy), days, blocked, blocked_total, page, pages })
}

/// Today, as days after 1970-01-01 (UTC).
fn today() -> i64 {
    db::now().div_euclid(86_400)
}

/// Whether password reset is meant for the account: enabled, not on-premises, licensed and in
/// the policy's scope (administrators always are).
fn in_scope(s: &Standing, policy: &Policy) -> bool {
    let f = s.facts(policy);
    s.enabled && eligibility(f.on_premises, f.licensed, f.in_scope, f.is_admin).is_none()
}

/// Whether the account registered enough to reset under `policy`, by the portal's rule, even if
/// it is locked just now (coverage is about registration).
fn registered_enough(s: &Standing, policy: &Policy) -> bool {
    let facts = crate::domain::reset::Facts { admin_locked: false, ..s.facts(policy) };
    decide(&facts, &Requirements::of(policy, s.is_admin), policy.questions_at_reset).is_ok()
}

/// Coverage over the accounts in scope. Security questions count when the account answered
/// at least as many as a reset asks.
pub fn coverage(directory: &[Standing], policy: &Policy) -> Coverage {
    let mut c = Coverage { accounts: directory.len() as u64, ..Coverage::default() };
    for s in directory.iter().filter(|s| in_scope(s, policy)) {
        let r = &s.registered;
        c.in_scope += 1;
        c.registered += u64::from(registered_enough(s, policy));
        c.auth_phone += u64::from(r.auth_phone);
        c.auth_email += u64::from(r.auth_email);
        c.office_phone += u64::from(r.office_phone);
        c.questions += u64::from(r.questions >= usize::from(policy.questions_at_reset));
        c.recovery_codes += u64::from(r.recovery_codes);
    }
    c
}

/// Every account that cannot reset today, by user ID, with the reason.
pub fn cannot_reset(directory: &[Standing], policy: &Policy) -> Vec<BlockedAccount> {
    directory
        .iter()
        .filter_map(|s| {
            let stop = s.outcome(policy).err()?;
            Some(BlockedAccount { id: s.id, user_id: s.user_id.clone(), display_name: s.display_name.clone(), reason: reason(s, stop) })
        })
        .collect()
}

/// The portal says "not registered" for a disabled or locked account too (so as not to tell a
/// stranger); the administrator is told what it really is.
fn reason(s: &Standing, stop: Stop) -> CannotReset {
    match stop {
        Stop::OnPremises => CannotReset::OnPremises,
        Stop::NotEnabled => CannotReset::NotEnabled,
        Stop::NotRegistered if !s.enabled => CannotReset::Disabled,
        Stop::NotRegistered if s.admin_locked => CannotReset::Locked,
        Stop::NotRegistered => CannotReset::NotRegistered,
    }
}

/// Resets completed and failures per day for the [`DAYS`] days up to `today`, oldest first:
/// one grouped query per series.
pub async fn daily(mut conn: Conn<'_>, today: i64) -> Result<Vec<DayFigures>, AppError> {
    let first = today - (DAYS - 1);
    let since = first * 86_400;
    let resets = db::audit::per_day(conn.reborrow(), &[RESET_COMPLETED], since).await?;
    let failures = db::audit::per_day(conn.reborrow(), &RESET_FAILURES, since).await?;
    let mut days: Vec<DayFigures> = (0..DAYS).map(|i| DayFigures { day: first + i, resets: 0, failures: 0 }).collect();
    for (i, n) in resets {
        if let Some(d) = days.get_mut(i as usize) {
            d.resets = n;
        }
    }
    for (i, n) in failures {
        if let Some(d) = days.get_mut(i as usize) {
            d.failures = n;
        }
    }
    Ok(days)
}

// ---- the chart ----------------------------------------------------------------------------------

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 34.0;
const RESET_COLOUR: &str = "#1a7f37";
const FAILURE_COLOUR: &str = "#b42318";
const INK: &str = "#1f2328";
const GRID: &str = "#d0d7de";

/// The smallest of 1, 2, 5, 10, 20, 50… that is at least `n`: the top of the scale.
fn scale_top(n: i64) -> i64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if step * m >= n {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// The chart of `days` as a standalone SVG document: grouped bars per day (resets, failures),
/// a scale, a legend, and a `<title>` and `<desc>` that say the same in words. Drawn with
/// presentation attributes only, so no style is needed under the CSP.
pub fn chart_svg(days: &[DayFigures], locale: Locale) -> String {
    let (t, own) = (locale.texts(), locale.server_texts());
    let top = scale_top(days.iter().map(|d| d.resets.max(d.failures)).max().unwrap_or(0).max(1));
    let (plot_w, plot_h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let y = |n: i64| TOP + plot_h - plot_h * n as f64 / top as f64;
    let group = plot_w / days.len().max(1) as f64;
    let bar = (group - 4.0) / 2.0;
    let (first, last) = (days.first().map(|d| format_date(d.day)).unwrap_or_default(), days.last().map(|d| format_date(d.day)).unwrap_or_default());
    let (resets, failures) = (days.iter().map(|d| d.resets).sum::<i64>(), days.iter().map(|d| d.failures).sum::<i64>());

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="11">"#
    );
    let _ = write!(s, r#"<title id="chart-title">{}</title>"#, escape(own.reports_chart_title));
    let _ = write!(s, r#"<desc id="chart-desc">{}</desc>"#, escape(&(own.reports_chart_desc)(&first, &last, resets, failures)));
    let _ = write!(s, r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##);
    // Legend.
    for (i, (colour, label)) in [(RESET_COLOUR, t.reports_resets), (FAILURE_COLOUR, t.reports_failures)].into_iter().enumerate() {
        let x = LEFT + i as f64 * 160.0;
        let _ = write!(s, r#"<rect x="{x}" y="10" width="12" height="12" fill="{colour}"/>"#);
        let _ = write!(s, r#"<text x="{}" y="20" fill="{INK}">{}</text>"#, x + 18.0, escape(label));
    }
    // Scale: 0, half and top.
    for n in [0, top / 2, top] {
        let _ = write!(s, r#"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="{GRID}"/>"#, WIDTH - RIGHT, y = y(n));
        let _ = write!(s, r#"<text x="{}" y="{}" text-anchor="end" fill="{INK}">{n}</text>"#, LEFT - 6.0, y(n) + 4.0);
    }
    // Bars, each with its figure as a tooltip; a date under every fifth day and the last.
    for (i, d) in days.iter().enumerate() {
        let x = LEFT + i as f64 * group + 2.0;
        let date = format_date(d.day);
        for (j, (n, colour, label)) in [(d.resets, RESET_COLOUR, t.reports_resets), (d.failures, FAILURE_COLOUR, t.reports_failures)].into_iter().enumerate() {
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}" fill="{colour}"><title>{date}: {n} {}</title></rect>"#,
                x + j as f64 * bar,
                y(n),
                y(0) - y(n),
                escape(&label.to_lowercase())
            );
        }
        if i % 5 == 0 || i + 1 == days.len() {
            let _ = write!(s, r#"<text x="{:.1}" y="{}" text-anchor="middle" fill="{INK}">{}</text>"#, x + bar, HEIGHT - BOTTOM + 16.0, &date[5..]);
        }
    }
    s.push_str("</svg>\n");
    s
}

/// `GET /admin/reports/chart.svg`: the chart of the last 30 days, for administrators only.
pub async fn chart(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let drawn = async {
        let admin = admin_of_request(&state, &parts).await?;
        let mut c = admin.state.db.acquire().await?;
        let days = daily(c.conn(), today()).await?;
        Ok::<_, AppError>(chart_svg(&days, admin.locale))
    }
    .await;
    match drawn {
        Ok(svg) => ([(CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (CACHE_CONTROL, "no-store")], svg).into_response(),
        Err(e) => refusal(&e, &parts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_ends_on_a_round_number() {
        assert_eq!([1, 2, 3, 6, 11, 49, 51, 101].map(scale_top), [1, 2, 5, 10, 20, 50, 100, 200]);
    }
}
