//! The audit log as the console sees it: the names of the events the service records, and the
//! filters of the log (account, event, dates), checked the same way in the browser and on the
//! server. Entries are listed newest first and paged by a [`Cursor`], never by an offset.

use super::time::parse_date;
use super::{AppError, Field, Problem, UserId};
use serde::{Deserialize, Serialize};

/// Every event the service writes to the audit log, in the order the filter offers them.
/// Their readable names are `Texts::audit_event`. Keep this list in step with the code that
/// calls `audit::append` or `admin::record`.
pub const EVENTS: &[&str] = &[
    // Signing in and the password.
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "password_changed",
    // Registration.
    "code_sent",
    "code_failed",
    "method_added",
    "method_changed",
    "method_verified",
    "method_removed",
    "registration_finished",
    "registration_cancelled",
    "registration_reconfirmed",
    // Password reset.
    "reset_started",
    "reset_continued",
    "reset_gate_opened",
    "reset_gate_passed",
    "reset_gate_failed",
    "reset_blocked",
    "reset_completed",
    "account_unlocked",
    "admin_contacted",
    "reset_reported",
    // Administration.
    "account_created",
    "accounts_imported",
    "account_updated",
    "group_member_added",
    "group_member_removed",
    "reregistration_required",
    "password_reset_by_admin",
    "account_unlocked_by_admin",
    "policy_changed",
    "group_created",
    "group_changed",
    "group_deleted",
    "question_added",
    "question_retired",
    "question_restored",
    "question_moved",
    "request_handled",
    "audit_exported",
    // The directory.
    "directory_read",
    "expiry_reminder_sent",
];

/// A completed password reset, for the reports.
pub const RESET_COMPLETED: &str = "reset_completed";
/// The failures of password reset counted by the reports: a wrong code or answers at a gate,
/// and a reset refused by throttling.
pub const RESET_FAILURES: [&str; 2] = ["reset_gate_failed", "reset_blocked"];

/// The filters as typed in the form; an empty field does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub user_id: Option<String>,
    pub event: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Checked filters: a well-formed user ID, a known event, and whole UTC days with
/// `from` ≤ `to` (both included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub user_id: Option<UserId>,
    pub event: Option<&'static str>,
    pub from_day: Option<i64>,
    pub to_day: Option<i64>,
}

fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl AuditFilter {
    pub fn parse(q: &AuditQuery) -> Result<Self, AppError> {
        let user_id = given(&q.user_id).map(UserId::parse).transpose()?;
        let event = match given(&q.event) {
            None => None,
            Some(e) => Some(*EVENTS.iter().find(|known| **known == e).ok_or(AppError::field(Field::Event, Problem::NotAChoice))?),
        };
        let day = |raw: &Option<String>, field| given(raw).map(|d| parse_date(d).ok_or(AppError::field(field, Problem::NotADate))).transpose();
        let (from_day, to_day) = (day(&q.from, Field::From)?, day(&q.to, Field::To)?);
        if let (Some(from), Some(to)) = (from_day, to_day)
            && to < from
        {
            return Err(AppError::field(Field::To, Problem::DateOrder));
        }
        Ok(AuditFilter { user_id, event, from_day, to_day })
    }

    /// The first second included, if `from` is set.
    pub fn since(&self) -> Option<i64> {
        self.from_day.map(|d| d * 86_400)
    }

    /// The first second after the range, if `to` is set (its whole day is included).
    pub fn until(&self) -> Option<i64> {
        self.to_day.map(|d| (d + 1) * 86_400)
    }
}

/// A place in the log, newest first: entries are ordered by time, then by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

impl Cursor {
    /// `1767225600.42`, as in the pager's links.
    pub fn parse(text: &str) -> Option<Self> {
        let (at, id) = text.trim().split_once('.')?;
        Some(Cursor { at: at.parse().ok()?, id: id.parse().ok()? })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.at, self.id)
    }
}

/// Which page of the log: the newest, the one older than a cursor, or the one newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    Newest,
    Before(Cursor),
    After(Cursor),
}

impl PageAt {
    /// From the pager's `before` and `after` parameters (a malformed one is ignored).
    pub fn parse(before: Option<&str>, after: Option<&str>) -> Self {
        match (before.and_then(Cursor::parse), after.and_then(Cursor::parse)) {
            (Some(c), _) => PageAt::Before(c),
            (None, Some(c)) => PageAt::After(c),
            (None, None) => PageAt::Newest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(user_id: &str, event: &str, from: &str, to: &str) -> AuditQuery {
        let s = |v: &str| Some(v.to_owned());
        AuditQuery { user_id: s(user_id), event: s(event), from: s(from), to: s(to) }
    }

    #[test]
    fn empty_fields_do_not_filter() {
        assert_eq!(AuditFilter::parse(&AuditQuery::default()), Ok(AuditFilter::default()));
        assert_eq!(AuditFilter::parse(&q(" ", "", "  ", "")), Ok(AuditFilter::default()));
    }

    #[test]
    fn dates_are_whole_utc_days() {
        let f = AuditFilter::parse(&q("Alice@Contoso.example", "reset_completed", "2026-01-01", "2026-01-01")).unwrap();
        assert_eq!(f.user_id.as_ref().map(UserId::as_str), Some("alice@contoso.example"));
        assert_eq!(f.event, Some("reset_completed"));
        assert_eq!(f.since(), Some(1_767_225_600));
        assert_eq!(f.until(), Some(1_767_225_600 + 86_400));
    }

    #[test]
    fn bad_input_is_refused_at_its_field() {
        let at = |field, problem| Err(AppError::field(field, problem));
        assert_eq!(AuditFilter::parse(&q("alice", "", "", "")), at(Field::UserId, Problem::NotAUserId));
        assert_eq!(AuditFilter::parse(&q("", "drop_table", "", "")), at(Field::Event, Problem::NotAChoice));
        assert_eq!(AuditFilter::parse(&q("", "", "2026-02-30", "")), at(Field::From, Problem::NotADate));
        assert_eq!(AuditFilter::parse(&q("", "", "", "yesterday")), at(Field::To, Problem::NotADate));
        assert_eq!(AuditFilter::parse(&q("", "", "2026-02-02", "2026-02-01")), at(Field::To, Problem::DateOrder));
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_ignored() {
        let c = Cursor { at: 1_767_225_600, id: 42 };
        assert_eq!(Cursor::parse(&c.to_string()), Some(c));
        assert_eq!(PageAt::parse(Some("x.1"), None), PageAt::Newest);
        assert_eq!(PageAt::parse(None, Some("5.6")), PageAt::After(Cursor { at: 5, id: 6 }));
    }

    #[test]
    fn event_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        assert!(EVENTS.iter().all(|e| seen.insert(e)));
    }
}
