//! Dates shown to people, from Unix seconds (UTC), without a date library in the WebAssembly.

/// `2026-11-25 18:53 UTC`.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

/// `2026-11-25T18:53:07Z` (RFC 3339, UTC), for exports that other programs read.
pub fn format_rfc3339(secs: i64) -> String {
    let rem = secs.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", format_date(secs.div_euclid(86_400)), rem / 3600, rem % 3600 / 60, rem % 60)
}

/// (year, month 1–12, day 1–31) of Unix seconds, in UTC.
pub fn civil_date(secs: i64) -> (i64, u32, u32) {
    civil_from_days(secs.div_euclid(86_400))
}

/// `2026-11-25`: the day `days` after 1970-01-01.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day of `YYYY-MM-DD` (UTC) as days after 1970-01-01, if it is a real date.
pub fn parse_date(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit).then(|| text[r].parse::<i64>().ok()).flatten();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 2026-02-30 comes back as another day: not a real date.
    (civil_from_days(days) == (y, m as u32, d as u32)).then_some(days)
}

// Howard Hinnant's civil-to-days algorithm, the inverse of `civil_from_days`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_known_instants() {
        assert_eq!(super::format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::format_utc(1_764_096_780), "2025-11-25 18:53 UTC");
        assert_eq!(super::format_utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(super::format_rfc3339(1_764_096_787), "2025-11-25T18:53:07Z");
    }

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(super::parse_date("1970-01-01"), Some(0));
        assert_eq!(super::parse_date("2000-02-29"), Some(951_782_400 / 86_400));
        assert_eq!(super::parse_date("2025-11-25").map(super::format_date).as_deref(), Some("2025-11-25"));
        for bad in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-01", "25-04-01", "2025/04/01", "2025-04-0x", "+025-04-01", "", "2025-04-01 "] {
            assert_eq!(super::parse_date(bad), None, "{bad:?}");
        }
    }
}
