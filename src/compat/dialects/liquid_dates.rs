//! Jekyll's date filters for [`super::liquid_runtime`] (jekyll/jekyll
//! `lib/jekyll/filters/date_filters.rb`): `date_to_string` ("27 Mar 2011"),
//! `date_to_long_string` ("27 March 2011"), both with the optional `"ordinal"` ("27th
//! Mar 2011") and `"US"` ("Mar 27th, 2011") arguments, `date_to_xmlschema`
//! ("2011-03-27T20:34:46+08:00") and `date_to_rfc822` ("Sun, 27 Mar 2011 20:34:46
//! +0800"). An empty value is written as it is; a value that is no date stops the tag
//! with Jekyll's "Invalid Date" message. Jekyll writes a time in the build machine's
//! zone (`localtime`); opsbook keeps the offset written (UTC when there is none), so a
//! build gives the same text on every machine.

use liquid_core::parser::{FilterArguments, FilterReflection, ParameterReflection, ParseFilter};
use liquid_core::{Expression, Filter, Runtime, Value, ValueView};

/// Which of Jekyll's date filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateFilter {
    Short,
    Long,
    XmlSchema,
    Rfc822,
}

impl DateFilter {
    pub(super) const ALL: [DateFilter; 4] =
        [DateFilter::Short, DateFilter::Long, DateFilter::XmlSchema, DateFilter::Rfc822];

    fn name(self) -> &'static str {
        match self {
            DateFilter::Short => "date_to_string",
            DateFilter::Long => "date_to_long_string",
            DateFilter::XmlSchema => "date_to_xmlschema",
            DateFilter::Rfc822 => "date_to_rfc822",
        }
    }
}

const STRING_PARAMETERS: &[ParameterReflection] = &[
    ParameterReflection { name: "type", description: "", is_optional: true },
    ParameterReflection { name: "style", description: "", is_optional: true },
];

impl FilterReflection for DateFilter {
    fn name(&self) -> &str {
        DateFilter::name(*self)
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        match self {
            DateFilter::Short | DateFilter::Long => STRING_PARAMETERS,
            DateFilter::XmlSchema | DateFilter::Rfc822 => &[],
        }
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for DateFilter {
    fn parse(&self, arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        let arguments: Vec<Expression> = arguments.positional.collect();
        let most = self.positional_parameters().len();
        if arguments.len() > most {
            return Err(liquid_core::Error::with_msg(format!(
                "`{}` takes at most {most} arguments, not {}",
                self.name(),
                arguments.len()
            )));
        }
        Ok(Box::new(ParsedDateFilter { filter: *self, arguments }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct ParsedDateFilter {
    filter: DateFilter,
    arguments: Vec<Expression>,
}

impl std::fmt::Display for ParsedDateFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.filter.name())
    }
}

impl Filter for ParsedDateFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        // `return date if date.to_s.empty?`
        if input.is_nil() || input.to_kstr().is_empty() {
            return Ok(input.to_value());
        }
        let time = to_time(input).ok_or_else(|| {
            liquid_core::Error::with_msg(format!(
                "Invalid Date: '{}' is not a valid datetime.",
                input.to_kstr().chars().take(80).collect::<String>()
            ))
        })?;
        let argument = |i: usize| -> liquid_core::Result<Option<String>> {
            match self.arguments.get(i) {
                Some(expression) => Ok(Some(expression.evaluate(runtime)?.to_kstr().to_string())),
                None => Ok(None),
            }
        };
        let text = match self.filter {
            DateFilter::Short => stringify(&time, "%b", argument(0)?.as_deref(), argument(1)?.as_deref()),
            DateFilter::Long => stringify(&time, "%B", argument(0)?.as_deref(), argument(1)?.as_deref()),
            DateFilter::XmlSchema => time.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            DateFilter::Rfc822 => time.strftime("%a, %d %b %Y %H:%M:%S %z").to_string(),
        };
        Ok(Value::scalar(text))
    }
}

/// `stringify_date`: the day, `month` (`%b` or `%B`) and year, the day an ordinal when
/// `kind` is `"ordinal"`, first in the UK style and after the month in the `"US"` one.
fn stringify(time: &jiff::ZonedDateTime, month: &str, kind: Option<&str>, style: Option<&str>) -> String {
    if kind == Some("ordinal") {
        let day = time.day();
        let ordinal = format!("{day}{}", ordinal(day));
        let format =
            if style == Some("US") { format!("{month} {ordinal}, %Y") } else { format!("{ordinal} {month} %Y") };
        return time.strftime(&format).to_string();
    }
    time.strftime(&format!("%d {month} %Y")).to_string()
}

/// The English ordinal suffix of a day (`st`, `nd`, `rd`, `th`).
fn ordinal(day: i8) -> &'static str {
    if (11..=13).contains(&day) {
        return "th";
    }
    match day % 10 {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    }
}

/// `value` as a time, as Ruby Liquid's `Utils.to_date` reads it: digits are seconds
/// since 1970, `now` and `today` the build's time, a text a date and time (ISO 8601,
/// `2013-03-27 11:22:33 +0000`, `27 March 2013 ...`, `September 11, 2001 12:46:30
/// -0000`) with its offset, UTC without one; any other text as Ruby's `Time.parse`
/// reads it ([`super::ruby_time::parse_moment`]), which passes over
/// words it does not know.
pub(super) fn to_time(value: &dyn ValueView) -> Option<jiff::ZonedDateTime> {
    let scalar = value.as_scalar()?;
    let text = scalar.to_kstr();
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return at(text.parse().ok()?, 0);
    }
    if matches!(text.to_ascii_lowercase().as_str(), "now" | "today") {
        return at(crate::dates::now().ok()?.seconds(), 0);
    }
    if let Some((moment, offset)) = crate::dates::Timestamp::parse_local(text) {
        return at(moment.seconds(), offset.unwrap_or(0));
    }
    if let Some(time) = scalar.to_date_time() {
        return at(time.unix_timestamp(), time.offset().whole_seconds());
    }
    month_day_year(text).or_else(|| ruby_time(text))
}

/// `text` as Ruby's `Time.parse` reads it, in UTC when it names no zone.
fn ruby_time(text: &str) -> Option<jiff::ZonedDateTime> {
    let (date, seconds, offset) = super::ruby_time::parse_moment(text).ok()?;
    let (offset, seconds) = (i64::from(offset.unwrap_or(0)), date.days() * 86_400 + seconds);
    at(seconds - offset, i32::try_from(offset).ok()?)
}

/// The moment `seconds` after 1970 in the zone `offset` seconds from UTC.
fn at(seconds: i64, offset: i32) -> Option<jiff::ZonedDateTime> {
    let zone = jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_seconds(offset).ok()?);
    Some(jiff::Timestamp::from_second(seconds).ok()?.to_zoned_datetime(zone))
}

/// A date written `September 11, 2001`, with an optional `12:46:30` and `-0000` after
/// it (what Ruby's `Time.parse` reads of English dates beyond the forms above).
fn month_day_year(text: &str) -> Option<jiff::ZonedDateTime> {
    let mut words = text.split_whitespace();
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|name| month.len() >= 3 && name.starts_with(&month))?;
    let day: i8 = words.next()?.trim_end_matches(',').parse().ok()?;
    let year: i16 = words.next()?.parse().ok()?;
    let mut time = jiff::civil::Time::midnight();
    let mut offset = 0;
    for word in words {
        if let Ok(clock) = word.parse::<jiff::civil::Time>() {
            time = clock;
        } else if let Some(sign) = word.strip_prefix(['+', '-']).map(|_| if word.starts_with('-') { -1 } else { 1 })
            && word.len() == 5
            && word[1..].bytes().all(|b| b.is_ascii_digit())
        {
            let (hours, minutes): (i32, i32) = (word[1..3].parse().ok()?, word[3..].parse().ok()?);
            offset = sign * (hours * 3600 + minutes * 60);
        } else {
            return None;
        }
    }
    let month = i8::try_from(month + 1).ok()?;
    let civil = jiff::civil::Date::new(year, month, day).ok()?.to_datetime(time);
    let zone = jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_seconds(offset).ok()?);
    civil.to_zoned_datetime(zone).ok()
}

/// The months' English names, lower-cased.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
#[path = "liquid_dates_tests.rs"]
mod tests;
