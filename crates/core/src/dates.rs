//! Calendar dates, timestamps and review periods: what review
//! freshness, incident durations, overdue action items and the feed need.
//!
//! More: docs/architecture.md, "Notes by module".

use jiff::Span;
use jiff::civil;
use std::fmt;

pub mod moment;

/// A calendar day, from 0000-01-01 to 9999-12-31: jiff's civil date, kept within the
/// years a page can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

/// The first day a [`Date`] can be, 0000-01-01, in days since 1970-01-01.
const MIN_DAYS: i64 = -719_528;
/// The last day a [`Date`] can be, 9999-12-31, in days since 1970-01-01.
const MAX_DAYS: i64 = 2_932_896;
/// The day [`Date::days`] counts from.
const EPOCH: civil::Date = civil::date(1970, 1, 1);
/// The first day a [`Date`] can be.
const FIRST: civil::Date = civil::date(0, 1, 1);
/// The last day a [`Date`] can be.
const LAST: civil::Date = civil::date(9999, 12, 31);

impl Date {
    /// The date of a year (0-9999), month (1-12) and day (1-31), if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        let year = i16::try_from(year).ok().filter(|y| (0..=9999).contains(y))?;
        let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
        civil::Date::new(year, month, day).ok().map(Date)
    }

    /// The date of a count of days since 1970-01-01, kept within 0000-01-01 and
    /// 9999-12-31.
    pub fn from_days(days: i64) -> Date {
        let days = days.clamp(MIN_DAYS, MAX_DAYS);
        // Within the clamp, the span and the sum are both in jiff's range.
        let date = Span::new().try_days(days).ok().and_then(|span| EPOCH.checked_add(span).ok());
        Date(date.unwrap_or(if days < 0 { FIRST } else { LAST }))
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        (i64::from(self.0.year()), self.0.month().unsigned_abs().into(), self.0.day().unsigned_abs().into())
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.0.duration_since(EPOCH).as_secs().div_euclid(86_400)
    }

    /// Parses `YYYY-MM-DD`, also at the start of a timestamp (`2026-03-14T09:12:00Z`).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let (date, rest) = (text.get(..10)?, &text[10..]);
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        // Exactly four, two and two digits: jiff's parser also reads signed six-digit
        // years, which no page means.
        let bytes = date.as_bytes();
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| bytes[i].is_ascii_digit());
        if !digits || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        date.parse::<civil::Date>().ok().map(Date)
    }

    /// The date `n` days later (earlier when negative), or the first or last day a
    /// date can be.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days().saturating_add(n))
    }

    /// The date `n` months later, on the same day or the month's last day (jiff's rule
    /// for adding months), or the first or last month a date can be in.
    pub fn add_months(self, n: i64) -> Date {
        let month = i64::from(self.0.year()) * 12 + i64::from(self.0.month()) - 1;
        let n = month.saturating_add(n).clamp(0, 9999 * 12 + 11) - month;
        // Within the clamp, the sum stays in the years 0000 to 9999.
        let date = Span::new().try_months(n).ok().and_then(|span| self.0.checked_add(span).ok());
        Date(date.unwrap_or(if n < 0 { FIRST } else { LAST }))
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// The date written by jiff's strftime, in English: `%-d %B %Y` is "12 June 2023",
    /// `%B %Y` "June 2023".
    pub fn format(self, format: &str) -> String {
        self.0.strftime(format).to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
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
    /// (UTC when there is no offset), a bare date (midnight UTC), or any of them with a
    /// time zone (`2026-03-14 10:12 Europe/Berlin`): see [`moment`].
    pub fn parse(text: &str) -> Option<Timestamp> {
        moment::parse_moment(text).ok()
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

    /// RFC 3339 in the local time of `offset` seconds from UTC
    /// (`2026-03-14T11:12:00+02:00`), as Ruby's `Time#xmlschema` writes a time read with
    /// its offset; in UTC (`Z`) without one.
    pub fn rfc3339_at(self, offset: Option<i32>) -> String {
        let Some(offset) = offset else { return self.rfc3339() };
        let local = Timestamp::from_seconds(self.seconds + i64::from(offset)).rfc3339();
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        format!("{}{sign}{:02}:{:02}", local.trim_end_matches('Z'), minutes / 60, minutes % 60)
    }

    /// Parses a moment as [`Timestamp::parse`] does, with the offset from UTC of the
    /// local time written ([`moment::parse_local_moment`]), for [`Timestamp::rfc3339_at`].
    pub fn parse_local(text: &str) -> Option<(Timestamp, Option<i32>)> {
        moment::parse_local_moment(text).ok()
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

/// Parses a duration written by hand, such as `95m`, `1h 35m`, `2h`, `1d 4h`, `1 hour
/// 35 minutes` or ISO 8601's `PT1H35M` (jiff's friendly and ISO formats; a day is 24
/// hours), into whole seconds; `None` when it is negative, not whole seconds, or in
/// months or years, which have no fixed length.
pub fn parse_duration(text: &str) -> Option<i64> {
    let span: Span = text.trim().parse().ok()?;
    if span.is_negative() || span.get_months() != 0 || span.get_years() != 0 {
        return None;
    }
    let duration = span.to_duration(jiff::SpanRelativeTo::days_are_24_hours()).ok()?;
    (duration.subsec_nanos() == 0).then(|| duration.as_secs())
}

/// A review period: how long a page stays fresh after a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A number of days (`90d`, `2w`).
    Days(i64),
    /// A number of months (`6m`, `1y`).
    Months(i64),
}

/// The longest review period, in years: a longer one is surely a typing mistake, and
/// the bound keeps all date arithmetic far from overflowing.
pub const MAX_PERIOD_YEARS: i64 = 100;
/// [`MAX_PERIOD_YEARS`] in days.
const MAX_PERIOD_DAYS: i64 = 36_525;

/// Why a text is not a review period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// It is not written as one (`often`, `0d`, `6 fortnights`).
    Invalid,
    /// It is longer than [`MAX_PERIOD_YEARS`].
    TooLong,
}

impl PeriodError {
    /// What the value must be, for messages: "... must be {expected}, found ...".
    pub fn expected(self) -> String {
        match self {
            PeriodError::Invalid => "a period such as 90d, 6w, 6m or 1y".to_string(),
            PeriodError::TooLong => format!("a period of at most {MAX_PERIOD_YEARS} years"),
        }
    }
}

impl Period {
    /// Parses `90d`, `2w`, `6m`, `1y` (also `90 days`, `6 months`...), at most
    /// [`MAX_PERIOD_YEARS`] years long.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or(PeriodError::Invalid)?;
        let (number, unit) = text.split_at(split);
        if number.is_empty() {
            return Err(PeriodError::Invalid);
        }
        // Only digits: a number that does not parse is too large.
        let n: i64 = number.parse().map_err(|_| PeriodError::TooLong)?;
        if n == 0 {
            return Err(PeriodError::Invalid);
        }
        let (period, fits) = match unit.trim() {
            "d" | "day" | "days" => (Period::Days(n), n <= MAX_PERIOD_DAYS),
            "w" | "week" | "weeks" => (Period::Days(n.saturating_mul(7)), n <= MAX_PERIOD_DAYS / 7),
            "m" | "month" | "months" => (Period::Months(n), n <= MAX_PERIOD_YEARS * 12),
            "y" | "year" | "years" => (Period::Months(n.saturating_mul(12)), n <= MAX_PERIOD_YEARS),
            _ => return Err(PeriodError::Invalid),
        };
        if fits { Ok(period) } else { Err(PeriodError::TooLong) }
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

/// The variable of the reproducible-builds convention that fixes "now" for everything
/// time-dependent in a build: seconds since the epoch.
pub const EPOCH_VARIABLE: &str = "SOURCE_DATE_EPOCH";

/// The older variable that fixes only the date (the tests' review freshness), read when
/// `SOURCE_DATE_EPOCH` is not set.
pub const TODAY_VARIABLE: &str = "OPSBOOK_TODAY";

/// The build's "now": `SOURCE_DATE_EPOCH` when set, else midnight UTC of
/// `OPSBOOK_TODAY` when set, else the clock. A variable that does not parse is an error.
pub fn now() -> anyhow::Result<Timestamp> {
    now_from(std::env::var(EPOCH_VARIABLE).ok(), std::env::var(TODAY_VARIABLE).ok())
}

/// The first moment a [`Timestamp`] of the calendar can be, 0000-01-01T00:00:00Z, in
/// seconds since the epoch.
pub const MIN_SECONDS: i64 = MIN_DAYS * 86_400;
/// The last moment, 9999-12-31T23:59:59Z.
pub const MAX_SECONDS: i64 = (MAX_DAYS + 1) * 86_400 - 1;

/// [`now`] from the values of the two variables.
fn now_from(epoch: Option<String>, today: Option<String>) -> anyhow::Result<Timestamp> {
    if let Some(value) = epoch {
        return epoch_seconds(&value).map(Timestamp::from_seconds);
    }
    if let Some(value) = today {
        return Date::parse(&value)
            .map(|date| Timestamp::from_seconds(date.days() * 86_400))
            .ok_or_else(|| anyhow::anyhow!("{TODAY_VARIABLE} must be a date (YYYY-MM-DD), found {value:?}"));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Ok(Timestamp::from_seconds(seconds))
}

/// The seconds of a `SOURCE_DATE_EPOCH` value: a whole number (of any length) between
/// [`MIN_SECONDS`] and [`MAX_SECONDS`]; a number outside is refused as such.
fn epoch_seconds(value: &str) -> anyhow::Result<i64> {
    let number = value.trim();
    let digits = number.strip_prefix(['-', '+']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!("{EPOCH_VARIABLE} must be a number of seconds since 1970, found {value:?}");
    }
    let negative = number.starts_with('-');
    let seconds = number.parse::<i64>().ok().filter(|s| (MIN_SECONDS..=MAX_SECONDS).contains(s));
    match seconds {
        Some(seconds) => Ok(seconds),
        None if negative => anyhow::bail!(
            "{EPOCH_VARIABLE} is {number}, before {} ({MIN_SECONDS}), the first moment opsbook's dates reach",
            Timestamp::from_seconds(MIN_SECONDS).rfc3339()
        ),
        None => anyhow::bail!(
            "{EPOCH_VARIABLE} is {number}, after {} ({MAX_SECONDS}), the last moment opsbook's dates reach",
            Timestamp::from_seconds(MAX_SECONDS).rfc3339()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_source_date_epoch_at_both_ends_of_the_calendar() {
        let at = |value: &str| now_from(Some(value.to_string()), None).map(Timestamp::rfc3339);
        assert_eq!(at("253402300798").unwrap(), "9999-12-31T23:59:58Z");
        assert_eq!(at("253402300799").unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(at("-62167219200").unwrap(), "0000-01-01T00:00:00Z");
        assert_eq!(at("+0").unwrap(), "1970-01-01T00:00:00Z");
        let error = |value: &str| at(value).unwrap_err().to_string();
        assert!(error("253402300800").contains("after 9999-12-31T23:59:59Z"), "{}", error("253402300800"));
        assert!(error("-62167219201").contains("before 0000-01-01T00:00:00Z"), "{}", error("-62167219201"));
        assert!(error("-99999999999999999999").contains("before"), "{}", error("-99999999999999999999"));
        for value in ["", "-", "1e9", "12 34", "1.0"] {
            assert!(error(value).contains("must be a number"), "{value}: {}", error(value));
        }
    }

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
        assert_eq!(date.format("%-d %B %Y"), "14 March 2026");
        assert_eq!(Date::parse("0023-06-02").unwrap().format("%-d %B %Y"), "2 June 0023");
        assert_eq!(date.format("%B %Y"), "March 2026");
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
    fn takes_now_from_source_date_epoch_before_opsbook_today() {
        let epoch = Some("1767225600".to_string());
        let today = Some("2026-11-15".to_string());
        assert_eq!(now_from(epoch.clone(), today.clone()).unwrap().rfc3339(), "2026-01-01T00:00:00Z");
        assert_eq!(now_from(None, today).unwrap().rfc3339(), "2026-11-15T00:00:00Z");
        let error = now_from(Some("soon".into()), None).unwrap_err().to_string();
        assert_eq!(error, "SOURCE_DATE_EPOCH must be a number of seconds since 1970, found \"soon\"");
        assert!(now_from(None, None).unwrap().seconds() > 1_700_000_000);
    }

    #[test]
    fn writes_a_moment_in_the_local_time_it_was_written_in() {
        let local = |text: &str| {
            let (moment, offset) = Timestamp::parse_local(text).expect("a moment");
            moment.rfc3339_at(offset)
        };
        assert_eq!(local("2024-02-03 10:00:00 +0200"), "2024-02-03T10:00:00+02:00");
        assert_eq!(local("2024-02-03T10:00:00-05:30"), "2024-02-03T10:00:00-05:30");
        assert_eq!(local("2024-02-03 10:00 Europe/Berlin"), "2024-02-03T10:00:00+01:00");
        assert_eq!(local("2024-02-03T10:00:00Z"), "2024-02-03T10:00:00Z");
        assert_eq!(local("2024-02-03"), "2024-02-03T00:00:00Z");
        assert_eq!(local("2024-01-01 00:30:00 +0200"), "2024-01-01T00:30:00+02:00");
        assert_eq!(local("2024-02-03 10:00 -05:00"), "2024-02-03T10:00:00-05:00");
        assert!(Timestamp::parse_local("2024-02-03 -0500").is_none(), "an offset needs a time");
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
        assert_eq!(parse_duration("1 hour 35 minutes"), Some(95 * 60));
        assert_eq!(parse_duration("PT1H35M"), Some(95 * 60));
        assert_eq!(parse_duration("1d 4h"), Some(28 * 3600));
        assert_eq!(parse_duration("2w"), Some(14 * 86_400));
        assert_eq!(parse_duration("1.5h"), Some(90 * 60));
        assert_eq!(parse_duration("10s"), Some(10));
        for refused in ["-1h", "1h ago", "0.5s", "1mo", "1y", ""] {
            assert_eq!(parse_duration(refused), None, "{refused}");
        }
    }

    #[test]
    fn parses_review_periods() {
        assert_eq!(Period::parse("90d"), Ok(Period::Days(90)));
        assert_eq!(Period::parse("2w"), Ok(Period::Days(14)));
        assert_eq!(Period::parse("6m"), Ok(Period::Months(6)));
        assert_eq!(Period::parse("1y"), Ok(Period::Months(12)));
        assert_eq!(Period::parse("6 months"), Ok(Period::Months(6)));
        assert_eq!(Period::parse("0d"), Err(PeriodError::Invalid));
        assert_eq!(Period::parse("often"), Err(PeriodError::Invalid));
        assert_eq!(Period::parse("d"), Err(PeriodError::Invalid));
        assert_eq!(Period::parse("90"), Err(PeriodError::Invalid));
        assert_eq!(Period::Months(12).to_string(), "1 year");
        assert_eq!(Period::Days(90).to_string(), "90 days");
    }

    #[test]
    fn refuses_periods_longer_than_a_hundred_years() {
        assert_eq!(Period::parse("100y"), Ok(Period::Months(1200)));
        assert_eq!(Period::parse("1200m"), Ok(Period::Months(1200)));
        assert_eq!(Period::parse("36525d"), Ok(Period::Days(36_525)));
        assert_eq!(Period::parse("5217w"), Ok(Period::Days(36_519)));
        for text in ["101y", "1201m", "36526d", "5218w", "999999999999999999y", "9223372036854775807d"] {
            assert_eq!(Period::parse(text), Err(PeriodError::TooLong), "{text}");
        }
        assert_eq!(Period::parse("99999999999999999999999d"), Err(PeriodError::TooLong));
        assert_eq!(PeriodError::TooLong.expected(), "a period of at most 100 years");
    }

    #[test]
    fn keeps_dates_within_years_0000_to_9999() {
        assert_eq!(Date::parse("0000-01-01").map(Date::days), Some(MIN_DAYS));
        assert_eq!(Date::parse("9999-12-31").map(Date::days), Some(MAX_DAYS));
        assert_eq!(Date::parse("+999-01-01"), None);
        assert_eq!(Date::parse("-999-01-01"), None);
        assert_eq!(Date::from_ymd(10_000, 1, 1), None);
        assert_eq!(Date::from_ymd(-1, 12, 31), None);
        let last = Date::parse("9999-12-31").unwrap();
        assert_eq!(last.add_days(i64::MAX).to_string(), "9999-12-31");
        assert_eq!(last.add_months(i64::MAX).to_string(), "9999-12-31");
        let first = Date::parse("0000-01-01").unwrap();
        assert_eq!(first.add_days(i64::MIN).to_string(), "0000-01-01");
        assert_eq!(first.add_months(i64::MIN).to_string(), "0000-01-01");
        assert_eq!(Date::parse("9999-06-30").unwrap().add_months(7).to_string(), "9999-12-30");
        assert_eq!(Date::from_days(i64::MAX), last);
        assert_eq!(Timestamp::from_seconds(i64::MAX).date(), last);
        assert_eq!(Timestamp::from_seconds(i64::MIN).date(), first);
    }

    #[test]
    fn refuses_offsets_beyond_a_day_and_durations_beyond_64_bits() {
        assert_eq!(Timestamp::parse("2026-03-14T09:12:00+9223372036854775807:00"), None);
        assert_eq!(Timestamp::parse("2026-03-14T09:12:00+24:00"), None);
        assert_eq!(Timestamp::parse("2026-03-14T09:12:00+02:60"), None);
        assert_eq!(Timestamp::parse("2026-03-14T09:12:00-+2:00"), None);
        let utc = Timestamp::parse("2026-03-14T09:12:00Z");
        assert_eq!(Timestamp::parse("2026-03-15T09:11:00+23:59"), utc);
        assert_eq!(Timestamp::parse("2026-03-14T11:12:00+0200"), utc);
        assert_eq!(Timestamp::parse("2026-03-14T11:12:00+02"), utc);
        // Its moment in UTC would be in the year -1, which no date writes.
        assert_eq!(Timestamp::parse("0000-01-01T00:00:00+23:59"), None);
        assert_eq!(parse_duration("9223372036854775807d"), None);
        assert_eq!(parse_duration("106751991167300d 106751991167300d"), None);
        assert_eq!(parse_duration("100000d"), Some(100_000 * 86_400));
    }
}
