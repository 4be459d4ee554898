//! Calendar dates, timestamps and review periods, with no dependency: what review
//! freshness, incident durations, overdue action items and the feed need.
//!
//! - [`Date`]: a day of the proleptic Gregorian calendar (`2026-03-14`).
//! - [`Timestamp`]: a moment in UTC, from RFC 3339 (`2026-03-14T09:12:00Z`, with an offset,
//!   or without one, meaning UTC).
//! - [`Period`]: a review period (`90d`, `2w`, `6m`, `1y`).
//! - [`today`]: the current date in UTC, or `OPSBOOK_TODAY` when it is set, so builds
//!   and tests can be reproduced.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

impl Date {
    /// The date of a year, month (1-12) and day (1-31), if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { days: days_from_civil(year, month, day) })
    }

    /// The date of a count of days since 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        Date { days }
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.days
    }

    /// Parses `YYYY-MM-DD`, also at the start of a timestamp (`2026-03-14T09:12:00Z`).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let bytes = date.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = date[..4].parse().ok()?;
        let month = date[5..7].parse().ok()?;
        let day = date[8..10].parse().ok()?;
        Date::from_ymd(year, month, day)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date { days: self.days + n }
    }

    /// The date `n` months later, on the same day or the month's last day.
    pub fn add_months(self, n: i64) -> Date {
        let (year, month, day) = self.ymd();
        let index = year * 12 + i64::from(month) - 1 + n;
        let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
        let day = day.min(days_in_month(year, month));
        Date { days: days_from_civil(year, month, day) }
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.days - self.days
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's days-from-civil.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's civil-from-days.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A moment, in seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
}

impl Timestamp {
    /// The moment `seconds` after the epoch.
    pub fn from_seconds(seconds: i64) -> Timestamp {
        Timestamp { seconds }
    }

    /// Seconds since the epoch.
    pub fn seconds(self) -> i64 {
        self.seconds
    }

    /// Parses `2026-03-14T09:12:00Z`, `2026-03-14T11:12:00+02:00`, `2026-03-14 09:12`
    /// (UTC when there is no offset) or a bare date (midnight UTC).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let date = Date::parse(text)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(Timestamp { seconds: date.days() * 86_400 });
        }
        let rest = &rest[1..];
        let (time, offset) = split_offset(rest)?;
        let mut parts = time.split(':');
        let hours: i64 = parts.next()?.parse().ok()?;
        let minutes: i64 = parts.next()?.parse().ok()?;
        let seconds: f64 = parts.next().map_or(Some(0.0), |s| s.parse().ok())?;
        if parts.next().is_some() || hours > 23 || minutes > 59 || !(0.0..61.0).contains(&seconds) {
            return None;
        }
        let local = date.days() * 86_400 + hours * 3600 + minutes * 60 + seconds as i64;
        Some(Timestamp { seconds: local - offset })
    }

    /// The UTC date of the moment.
    pub fn date(self) -> Date {
        Date::from_days(self.seconds.div_euclid(86_400))
    }

    /// RFC 3339 in UTC: `2026-03-14T09:12:00Z`.
    pub fn rfc3339(self) -> String {
        let secs = self.seconds.rem_euclid(86_400);
        format!("{}T{:02}:{:02}:{:02}Z", self.date(), secs / 3600, secs % 3600 / 60, secs % 60)
    }
}

/// Splits `09:12:00+02:00` into the time and the offset in seconds.
fn split_offset(text: &str) -> Option<(&str, i64)> {
    if let Some(time) = text.strip_suffix(['Z', 'z']) {
        return Some((time, 0));
    }
    match text.rfind(['+', '-']) {
        Some(i) if i >= 4 => {
            let sign = if text.as_bytes()[i] == b'-' { -1 } else { 1 };
            let offset = &text[i + 1..];
            let (h, m) = offset.split_once(':').unwrap_or((offset.get(..2)?, offset.get(2..).unwrap_or("0")));
            let h: i64 = h.parse().ok()?;
            let m: i64 = if m.is_empty() { 0 } else { m.parse().ok()? };
            Some((&text[..i], sign * (h * 3600 + m * 60)))
        }
        _ => Some((text, 0)),
    }
}

/// How long something took, for incident durations: `1h 35m`, `2d 4h`, `45m`.
pub fn format_duration(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// Parses a duration written by hand, such as `95m`, `1h 35m`, `2h`, `1d 4h`, into
/// seconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let mut total = 0;
    let mut any = false;
    for part in text.split_whitespace() {
        let split = part.find(|c: char| !c.is_ascii_digit())?;
        let (number, unit) = part.split_at(split);
        let number: i64 = number.parse().ok()?;
        total += number
            * match unit {
                "s" => 1,
                "m" | "min" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => return None,
            };
        any = true;
    }
    any.then_some(total)
}

/// A review period: how long a page stays fresh after a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A number of days (`90d`, `2w`).
    Days(i64),
    /// A number of months (`6m`, `1y`).
    Months(i64),
}

impl Period {
    /// Parses `90d`, `2w`, `6m`, `1y` (also `90 days`, `6 months`...).
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let (number, unit) = text.split_at(split);
        let n: i64 = number.parse().ok()?;
        if n == 0 {
            return None;
        }
        match unit.trim() {
            "d" | "day" | "days" => Some(Period::Days(n)),
            "w" | "week" | "weeks" => Some(Period::Days(n * 7)),
            "m" | "month" | "months" => Some(Period::Months(n)),
            "y" | "year" | "years" => Some(Period::Months(n * 12)),
            _ => None,
        }
    }

    /// The date one period after `date`.
    pub fn after(self, date: Date) -> Date {
        match self {
            Period::Days(n) => date.add_days(n),
            Period::Months(n) => date.add_months(n),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Days(n) if n % 7 == 0 && *n >= 14 => write!(f, "{} weeks", n / 7),
            Period::Days(1) => f.write_str("1 day"),
            Period::Days(n) => write!(f, "{n} days"),
            Period::Months(n) if n % 12 == 0 => match n / 12 {
                1 => f.write_str("1 year"),
                y => write!(f, "{y} years"),
            },
            Period::Months(1) => f.write_str("1 month"),
            Period::Months(n) => write!(f, "{n} months"),
        }
    }
}

/// The name of the variable that fixes "today" for review freshness and overdue items.
pub const TODAY_VARIABLE: &str = "OPSBOOK_TODAY";

/// Today's date in UTC, or the date in `OPSBOOK_TODAY`; an `OPSBOOK_TODAY` that is not
/// a date is an error.
pub fn today() -> anyhow::Result<Date> {
    if let Ok(value) = std::env::var(TODAY_VARIABLE) {
        return Date::parse(&value)
            .ok_or_else(|| anyhow::anyhow!("{TODAY_VARIABLE} must be a date (YYYY-MM-DD), found {value:?}"));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Ok(Timestamp::from_seconds(seconds).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_dates() {
        let date = Date::parse("2026-03-14").unwrap();
        assert_eq!(date.to_string(), "2026-03-14");
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::parse("2026-03-14T09:12:00Z"), Some(date));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert_eq!(Date::parse("14/03/2026"), None);
        assert_eq!(Date::parse("soon"), None);
        assert_eq!(Date::parse("2026-03-14x"), None);
    }

    #[test]
    fn adds_days_and_months() {
        let date = Date::parse("2026-01-31").unwrap();
        assert_eq!(date.add_months(1).to_string(), "2026-02-28");
        assert_eq!(date.add_months(13).to_string(), "2027-02-28");
        assert_eq!(date.add_days(30).to_string(), "2026-03-02");
        assert_eq!(Date::parse("2026-03-01").unwrap().add_months(-3).to_string(), "2025-12-01");
        assert_eq!(date.days_until(Date::parse("2026-02-10").unwrap()), 10);
    }

    #[test]
    fn parses_timestamps_with_offsets() {
        let utc = Timestamp::parse("2026-03-14T09:12:00Z").unwrap();
        assert_eq!(utc.rfc3339(), "2026-03-14T09:12:00Z");
        assert_eq!(Timestamp::parse("2026-03-14T11:12:00+02:00"), Some(utc));
        assert_eq!(Timestamp::parse("2026-03-14 09:12"), Some(utc));
        assert_eq!(Timestamp::parse("2026-03-14T04:12:00-05:00"), Some(utc));
        assert_eq!(Timestamp::parse("2026-03-14T25:00:00Z"), None);
        assert_eq!(Timestamp::parse("2026-03-14").unwrap().rfc3339(), "2026-03-14T00:00:00Z");
    }

    #[test]
    fn formats_and_parses_durations() {
        assert_eq!(format_duration(95 * 60), "1h 35m");
        assert_eq!(format_duration(45 * 60), "45m");
        assert_eq!(format_duration(2 * 3600), "2h");
        assert_eq!(format_duration(26 * 3600), "1d 2h");
        assert_eq!(parse_duration("1h 35m"), Some(95 * 60));
        assert_eq!(parse_duration("95m"), Some(95 * 60));
        assert_eq!(parse_duration("an hour"), None);
    }

    #[test]
    fn parses_review_periods() {
        assert_eq!(Period::parse("90d"), Some(Period::Days(90)));
        assert_eq!(Period::parse("2w"), Some(Period::Days(14)));
        assert_eq!(Period::parse("6m"), Some(Period::Months(6)));
        assert_eq!(Period::parse("1y"), Some(Period::Months(12)));
        assert_eq!(Period::parse("6 months"), Some(Period::Months(6)));
        assert_eq!(Period::parse("0d"), None);
        assert_eq!(Period::parse("often"), None);
        assert_eq!(Period::Months(12).to_string(), "1 year");
        assert_eq!(Period::Days(90).to_string(), "90 days");
    }
}
