//! Dates as Jekyll reads them: its `Utils.parse_date` is Ruby's `Time.parse`, which
//! reads the fields with `Date._parse` (ruby/date `ext/date/date_parse.c`) and makes a
//! time of them (Ruby's `lib/time.rb`, `Time.make_time`). Read here, for a front matter
//! `date`, the date of a post's file name (`Document::DATE_FILENAME_MATCHER`) and a
//! text Jekyll's date filters are given (Ruby Liquid's `Utils.to_date`):
//!
//! 1. every run of characters other than letters, digits and `-+',./:@[]` becomes a space;
//! 2. a weekday name, then a time with its zone are taken out (`parse_day`, `parse_time`);
//! 3. the first form that matches gives year, month and day: day month year (`17 May
//!    2021`), month day year (`May 17, 2021`, `April 5th 2022`), `y-m-d`, `y/m/d`,
//!    `y.m.d`, else a run of 8 or 6 digits (`20210517`), each field placed by `s3e`;
//! 4. a two-digit year is 19xx from 69, else 20xx;
//! 5. the date is made as `Time.local` makes it: month 1-12, day 1-31, a day past the
//!    month's end running into the next month (`2023-02-30` is 2023-03-02).
//!
//! Not read: forms with no year (`May 17`, in the build's year in Ruby), eras, VMS, ordinals.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::dates::Date;

/// The fields `Date._parse` finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub year: Option<i64>,
    pub mon: Option<i64>,
    pub mday: Option<i64>,
    pub hour: Option<i64>,
}

/// Why `Time.parse` refuses a text (Jekyll then stops with "Invalid date"), or why
/// opsbook cannot date it as Jekyll did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Ruby finds no date in it ("no time information").
    NoDate,
    /// A field out of Ruby's range (month 13, day 32, hour 25).
    OutOfRange(&'static str),
    /// No year: Ruby takes the year of the build.
    NoYear,
    /// A year outside 0-9999.
    FarYear,
}

impl Refusal {
    /// What it means for the page, as a warning says it.
    pub(crate) fn reason(&self) -> String {
        match self {
            Refusal::NoDate => "Ruby's `Time.parse`, which Jekyll reads dates with, finds no date in it".into(),
            Refusal::OutOfRange(field) => format!("its {field} is out of range for Ruby's `Time.parse`"),
            Refusal::NoYear => "it has no year (Jekyll takes the year it builds the site in)".into(),
            Refusal::FarYear => "its year is outside 0-9999".into(),
        }
    }

    /// Whether Jekyll stops at it ("Invalid date").
    pub(crate) fn stops_jekyll(&self) -> bool {
        matches!(self, Refusal::NoDate | Refusal::OutOfRange(_))
    }
}

/// The day `text` names as `Time.parse` reads it (the day as written, in the zone
/// written).
pub(crate) fn parse_date(text: &str) -> Result<Date, Refusal> {
    let fields = parse_fields(text, true);
    if fields == Fields::default() {
        return Err(Refusal::NoDate);
    }
    if fields.hour.is_some_and(|hour| !(0..=24).contains(&hour)) {
        return Err(Refusal::OutOfRange("hour"));
    }
    let year = fields.year.ok_or(Refusal::NoYear)?;
    let (mon, mday) = (fields.mon.unwrap_or(1), fields.mday.unwrap_or(1));
    if !(1..=12).contains(&mon) {
        return Err(Refusal::OutOfRange("month"));
    }
    if !(1..=31).contains(&mday) {
        return Err(Refusal::OutOfRange("day"));
    }
    let first = Date::from_ymd(year, u32::try_from(mon).unwrap_or(1), 1).ok_or(Refusal::FarYear)?;
    let date = first.add_days(mday - 1 + i64::from(fields.hour == Some(24)));
    if date.ymd().0 > 9999 { Err(Refusal::FarYear) } else { Ok(date) }
}

/// The moment `text` names as `Time.parse` reads it: its day ([`parse_date`]), the
/// seconds into that day of the time written (0 without one) and the offset in seconds
/// of the zone written after it, when that zone is a number, `UTC`, `GMT` or `Z`
/// (`None`: the zone of the build). What the fields leave, such as a stray word
/// between the time and the zone (`2023-01-29 18:30:22 2023 -0800`), is not read.
pub(crate) fn parse_moment(text: &str) -> Result<(Date, i64, Option<i32>), Refusal> {
    let date = parse_date(text)?;
    let mut text = without_other(text);
    blank(&mut text, &DAY, |_| true);
    let Some(caps) = TIME.captures(&text) else { return Ok((date, 0, None)) };
    let hour = time_hour(&caps[1]).unwrap_or(0) % 24;
    let mut numbers = caps[1].split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).skip(1);
    let mut next = || numbers.next().and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
    let (minute, second) = (next(), next());
    Ok((date, hour * 3600 + minute * 60 + second, caps.get(2).and_then(|zone| zone_offset(zone.as_str()))))
}

/// The offset in seconds of a zone `parse_time` found (`+0900`, `-09:00`, `-5`, `UTC`,
/// `GMT+9`), as Ruby's `zone_to_diff` reads those forms; `None` for a zone's name.
fn zone_offset(zone: &str) -> Option<i32> {
    let lower = zone.trim().to_ascii_lowercase();
    let numeric = lower.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if numeric.is_empty() {
        return matches!(lower.as_str(), "utc" | "ut" | "gmt" | "z").then_some(0);
    }
    let sign = if numeric.starts_with('-') { -1 } else { 1 };
    // A fraction of an hour (`+9.5`) is left to the build's zone.
    let digits = numeric.get(1..).filter(|digits| !digits.contains([',', '.']))?;
    let parts: Vec<i32> = digits.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let (hours, minutes) = match (parts.as_slice(), digits.len()) {
        ([hours], 1 | 2) => (*hours, 0),
        ([run], 3 | 4) => (run / 100, run % 100),
        ([hours, minutes, ..], _) => (*hours, *minutes),
        _ => return None,
    };
    Some(sign * (hours * 3600 + minutes * 60))
}

/// `text` with every run of characters other than letters, digits and `-+',./:@[]`
/// made a space (the module's step 1).
fn without_other(text: &str) -> String {
    static OTHER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[^-+',./:@\[\]\p{Alphabetic}\p{Nd}]+").expect("a valid expression"));
    OTHER.replace_all(text, " ").into_owned()
}

/// `Date._parse(text, comp)`'s year, month, day and hour (see the module's steps).
pub(crate) fn parse_fields(text: &str, comp: bool) -> Fields {
    let mut text = without_other(text);
    let mut fields = Fields::default();
    blank(&mut text, &DAY, |_| true);
    blank(&mut text, &TIME, |caps| {
        fields.hour = time_hour(&caps[1]);
        fields.hour.is_some()
    });
    let mut comp = comp;
    let mut found = |caps: &Captures<'_>, order: Order| {
        let text = |i: usize| caps.get(i).map(|m| m.as_str().to_string());
        let month = |i: usize| caps.get(i).map(|m| month_number(m.as_str()).to_string());
        let (y, m, d) = match order {
            Order::Eu => (text(3), month(2), text(1)),
            Order::Us => (text(3), month(1), text(2)),
            Order::Ymd => (text(1), text(2), text(3)),
        };
        s3e(&mut fields, &mut comp, y, m, d);
        true
    };
    let _ = blank(&mut text, &EU, |c| found(c, Order::Eu))
        || blank(&mut text, &US, |c| found(c, Order::Us))
        || blank(&mut text, &ISO, |c| found(c, Order::Ymd))
        || blank(&mut text, &SLA, |c| found(c, Order::Ymd))
        || blank(&mut text, &DOT, |c| found(c, Order::Ymd))
        || digits_only(&text, &mut fields);
    if comp && let Some(year) = fields.year.filter(|y| (0..=99).contains(y)) {
        fields.year = Some(if year >= 69 { year + 1900 } else { year + 2000 });
    }
    fields
}

/// The order of the fields a form writes.
#[derive(Clone, Copy)]
enum Order {
    Eu,
    Us,
    Ymd,
}

// Ruby's patterns, with `(?<!\d)\d` (a number's first digit) written `(?:^|\D)`, which
// the regex crate reads: the character before is taken out with the match, as Ruby
// takes out a space.
static DAY: LazyLock<Regex> = LazyLock::new(|| ruby_pattern(r"(?i)\b(?:sun|mon|tue|wed|thu|fri|sat)[^-/\d\s]*"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    ruby_pattern(concat!(
        r"(?i)(?:^|\D)(\d+\s*(?:(?::\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?|h(?:\s*\d+m?(?:\s*\d+s?)?)?)",
        r"(?:\s*[ap](?:m\b|\.m\.))?|[ap](?:m\b|\.m\.)))",
        r"(?:\s*((?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?",
        r"|(?-i:[[:alpha:].\s]+)(?:standard|daylight)\stime\b|(?-i:[[:alpha:]]+)(?:\sdst)?\b))?"
    ))
});
const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const ERA: &str = r"c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.)";
static EU: LazyLock<Regex> = LazyLock::new(|| {
    ruby_pattern(&format!(
        r"(?i)(?:^|\D)('?\d+)[^-\d\s]*\s*({MONTHS})[^-\d\s']*(?:\s*(?:\b(?:{ERA}))?\s*('?-?\d+(?:(?:st|nd|rd|th)\b)?))?"
    ))
});
static US: LazyLock<Regex> = LazyLock::new(|| {
    ruby_pattern(&format!(r"(?i)\b({MONTHS})[^-\d\s']*\s*('?\d+)[^-\d\s']*(?:\s*,?\s*(?:{ERA})?\s*('?-?\d+))?"))
});
static ISO: LazyLock<Regex> = LazyLock::new(|| ruby_pattern(r"(?:^|\D)('?[-+]?\d+)-(\d+)-('?-?\d+)"));
static SLA: LazyLock<Regex> = LazyLock::new(|| ruby_pattern(r"(?:^|\D)('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?"));
static DOT: LazyLock<Regex> = LazyLock::new(|| ruby_pattern(r"(?:^|\D)('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)"));

/// A pattern of Ruby's, whose `\d` is an ASCII digit.
fn ruby_pattern(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\d", "[0-9]").replace(r"\D", "[^0-9]")).expect("a valid expression")
}

/// Ruby's `subx`: the first match of `pattern` that `found` takes is replaced by a space.
fn blank(text: &mut String, pattern: &Regex, mut found: impl FnMut(&Captures<'_>) -> bool) -> bool {
    let Some(caps) = pattern.captures(text) else { return false };
    if !found(&caps) {
        return false;
    }
    let range = caps.get(0).map_or(0..0, |m| m.range());
    text.replace_range(range, " ");
    true
}

/// The hour of a time `parse_time` found (`10:00`, `3:37 p.m.`, `12h`).
fn time_hour(time: &str) -> Option<i64> {
    let digits: String = time.chars().take_while(char::is_ascii_digit).collect();
    let hour: i64 = digits.parse().ok()?;
    let lower = time.trim_end().to_ascii_lowercase();
    if lower.ends_with("pm") || lower.ends_with("p.m.") {
        Some(hour % 12 + 12)
    } else if lower.ends_with("am") || lower.ends_with("a.m.") {
        Some(hour % 12)
    } else {
        Some(hour)
    }
}

/// The number of a month name's first three letters (`sep` of `September`).
fn month_number(name: &str) -> usize {
    let lower = name.get(..3).unwrap_or(name).to_ascii_lowercase();
    MONTHS.split('|').position(|m| m == lower).map_or(0, |i| i + 1)
}

/// `parse_ddd`'s two commonest forms: a text that is a run of 8 digits (`yyyymmdd`) or
/// of 6 (`yymmdd`).
fn digits_only(text: &str, fields: &mut Fields) -> bool {
    let run = text.trim();
    if !run.bytes().all(|b| b.is_ascii_digit()) || !matches!(run.len(), 6 | 8) {
        return false;
    }
    let year_len = run.len() - 4;
    let number = |r: std::ops::Range<usize>| run.get(r).and_then(|s| s.parse().ok());
    fields.year = number(0..year_len);
    fields.mon = number(year_len..year_len + 2);
    fields.mday = number(year_len + 2..year_len + 4);
    true
}

/// Ruby's `s3e`: places the three numbers a form found as year, month and day (a
/// number of more than two digits or written `'99` is the year), and keeps a year of
/// more than two digits or with a sign from completion.
fn s3e(fields: &mut Fields, comp: &mut bool, y: Option<String>, m: Option<String>, d: Option<String>) {
    let (mut y, mut m, mut d) = (y, m, d);
    if y.is_some() && m.is_some() && d.is_none() {
        (y, m, d) = (None, y, m);
    }
    let long = |s: &Option<String>| s.as_ref().is_some_and(|s| s.starts_with('\'') || s.len() > 2);
    if y.is_none() && long(&d) {
        (y, d) = (d, None);
    }
    if let Some(text) = y.clone()
        && let Some(start) = text.find(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
    {
        let body = &text[start..];
        let signed = usize::from(body.starts_with(['-', '+']));
        let end = signed + body[signed..].find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len() - signed);
        if end < body.len() {
            (y, d) = (d, Some(body[..end].to_string()));
        }
    }
    if long(&m) {
        (y, m, d) = (m, d, y);
    }
    if long(&d) {
        (y, d) = (d, y);
    }
    if let Some(text) = &y
        && let Some(start) = text.find(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
    {
        let body = &text[start..];
        let signed = body.starts_with(['-', '+']);
        let digits: String = body[usize::from(signed)..].chars().take_while(char::is_ascii_digit).collect();
        if signed || digits.len() > 2 {
            *comp = false;
        }
        fields.year = digits.parse::<i64>().ok().map(|n| if body.starts_with('-') { -n } else { n });
    }
    let number = |s: &Option<String>| {
        let text = s.as_deref()?;
        let digits: String =
            text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        digits.parse::<i64>().ok()
    };
    fields.mon = number(&m).or(fields.mon);
    fields.mday = number(&d).or(fields.mday);
}

#[cfg(test)]
#[path = "ruby_time_tests.rs"]
mod tests;
