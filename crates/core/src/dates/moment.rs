//! Moments as people write them in incidents and maintenances: a date and time with an
//! offset (`2026-03-14T11:12:00+02:00`, `Z`), with a time zone of the IANA database
//! (`2026-03-01 09:05 Europe/Berlin`, or RFC 9557's `2026-03-01T09:05[Europe/Berlin]`),
//! or with neither, which means UTC (as before time zones were read).
//!
//! The date, time and offset are read by jiff's Temporal parser
//! (`jiff::fmt::temporal::Pieces`, RFC 3339 / ISO 8601 / RFC 9557), which replaces the
//! hand-written time and offset scanner; the zone's rules come from the time zone
//! database jiff carries in the binary (`tzdb-bundle-always`), so a build reads a
//! zone the same way on every machine, whatever `/usr/share/zoneinfo` holds.
//!
//! More: docs/architecture.md, "Notes by module".

use jiff::civil::Time;
use jiff::fmt::temporal::{Pieces, PiecesOffset, TimeZoneAnnotationKind};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

use super::{Date, Timestamp};

/// Why a text is not a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MomentError {
    /// It is not written as one.
    Invalid,
    /// Its time zone is not in the time zone database.
    UnknownZone {
        /// The zone as written.
        zone: String,
        /// The closest name the database has, if one is close.
        suggestion: Option<String>,
    },
    /// The local time does not exist in the zone: the clocks skipped it.
    Skipped {
        /// The zone's name.
        zone: String,
        /// The offset before the change.
        before: String,
        /// The offset after it.
        after: String,
    },
    /// The local time happens twice in the zone: the clocks went through it again.
    Twice {
        /// The zone's name.
        zone: String,
        /// The offset of the first time.
        first: String,
        /// The offset of the second.
        second: String,
    },
    /// The offset written is not the zone's at that moment.
    WrongOffset {
        /// The zone's name.
        zone: String,
        /// The offset written.
        written: String,
        /// The zone's offset then.
        zone_offset: String,
    },
}

impl MomentError {
    /// The message, after "`started_at` ..." (`text` is the value as written), and a
    /// help line when there is one.
    pub fn explain(&self, text: &str) -> (String, Option<String>) {
        match self {
            MomentError::Invalid => (
                format!("is not a date and time: {text:?}"),
                text.trim()
                    .starts_with("9999-12-31")
                    .then(|| "a time of 9999-12-31 must still be in the year 9999 in UTC".to_string()),
            ),
            MomentError::UnknownZone { zone, suggestion } => {
                let help = match suggestion {
                    Some(name) => format!("did you mean `{name}`?"),
                    None if is_abbreviation(zone) => "abbreviations such as CEST or PST name several zones or none; \
                         write a zone of the IANA database (`Europe/Berlin`) or an offset (`+02:00`)"
                        .to_string(),
                    None => "write a zone of the IANA database (`Europe/Berlin`, `America/New_York`, `UTC`) \
                         or an offset (`+02:00`)"
                        .to_string(),
                };
                (format!("has the unknown time zone `{zone}`"), Some(help))
            }
            MomentError::Skipped { zone, before, after } => (
                format!("is a time that does not exist in {zone}: the clocks went from {before} to {after}"),
                Some(format!("write the time after the change, or the offset that was meant ({before} or {after})")),
            ),
            MomentError::Twice { zone, first, second } => (
                format!("is a time that happened twice in {zone}: first at {first}, then at {second}"),
                Some(format!(
                    "write the offset that was meant after the time, before the zone: `…{first} {zone}` or `…{second} {zone}`"
                )),
            ),
            MomentError::WrongOffset { zone, written, zone_offset } => (
                format!("has the offset {written}, but {zone} was at {zone_offset} then"),
                Some("write the offset of the zone at that time, or leave one of the two out".to_string()),
            ),
        }
    }
}

/// Parses a moment (see the module's documentation).
pub fn parse_moment(text: &str) -> Result<Timestamp, MomentError> {
    parse_local_moment(text).map(|(moment, _)| moment)
}

/// Parses a moment with the offset from UTC of the local time written, in seconds:
/// the offset written, else the zone's then; `None` for a time in UTC (`Z`, or neither
/// offset nor zone), which RFC 3339 writes `Z`.
pub fn parse_local_moment(text: &str) -> Result<(Timestamp, Option<i32>), MomentError> {
    let text = text.trim();
    Date::parse(text).ok_or(MomentError::Invalid)?;
    let (written, zone_word) = split_zone_word(text);
    let written = joined_offset(written);
    let written = two_digit_hour(written.as_ref());
    let pieces = Pieces::parse(written.as_ref()).map_err(|_| MomentError::Invalid)?;
    let (annotated_zone, annotated_offset) = match pieces.time_zone_annotation().map(|a| a.kind()) {
        Some(TimeZoneAnnotationKind::Named(name)) => (Some(name.as_str()), None),
        Some(TimeZoneAnnotationKind::Offset(offset)) => (None, Some(*offset)),
        Some(_) | None => (None, None),
    };
    let zone_name = match (zone_word, annotated_zone) {
        (Some(_), Some(_)) => return Err(MomentError::Invalid),
        (word, annotated) => word.or(annotated),
    };
    let zone = zone_name.map(look_up).transpose()?;
    let civil = pieces.date().to_datetime(pieces.time().unwrap_or(Time::midnight()));
    let offset = match pieces.offset() {
        Some(PiecesOffset::Zulu) => Some((Offset::UTC, false)),
        Some(PiecesOffset::Numeric(n)) => Some((n.offset(), true)),
        Some(_) => return Err(MomentError::Invalid),
        None => annotated_offset.map(|o| (o, true)),
    };
    let mut local_offset = offset.filter(|&(_, numeric)| numeric).map(|(offset, _)| offset.seconds());
    let instant = match (offset, zone) {
        (Some((offset, numeric)), zone) => {
            // Offsets beyond a day are surely mistakes (and were refused before jiff).
            if offset.seconds().unsigned_abs() >= 86_400 {
                return Err(MomentError::Invalid);
            }
            let seconds = seconds_at(civil, offset).ok_or(MomentError::Invalid)?;
            if let (Some((name, zone)), true) = (zone, numeric) {
                let instant = offset.to_timestamp(civil).map_err(|_| MomentError::Invalid)?;
                let zone_offset = zone.to_offset(instant);
                if zone_offset != offset {
                    return Err(MomentError::WrongOffset {
                        zone: name,
                        written: offset_text(offset),
                        zone_offset: offset_text(zone_offset),
                    });
                }
            }
            seconds
        }
        (None, Some((name, zone))) => {
            let ambiguous = zone.to_ambiguous_timestamp(civil);
            match ambiguous.offset() {
                AmbiguousOffset::Unambiguous { offset } => {
                    local_offset = Some(offset.seconds());
                    ambiguous.unambiguous().map_err(|_| MomentError::Invalid)?.as_second()
                }
                AmbiguousOffset::Gap { before, after } => {
                    return Err(MomentError::Skipped {
                        zone: name,
                        before: offset_text(before),
                        after: offset_text(after),
                    });
                }
                AmbiguousOffset::Fold { before, after } => {
                    return Err(MomentError::Twice {
                        zone: name,
                        first: offset_text(before),
                        second: offset_text(after),
                    });
                }
            }
        }
        (None, None) => seconds_at(civil, Offset::UTC).ok_or(MomentError::Invalid)?,
    };
    Ok((Timestamp::from_seconds(instant), local_offset))
}

/// The seconds since 1970 of the local time `civil` at `offset`, by opsbook's own
/// calendar, which reaches the whole of the years 0000 to 9999 with any offset under a
/// day (jiff's instants end a day short of year 10000).
fn seconds_at(civil: jiff::civil::DateTime, offset: Offset) -> Option<i64> {
    let month = u32::try_from(civil.month()).ok()?;
    let day = u32::try_from(civil.day()).ok()?;
    let date = Date::from_ymd(i64::from(civil.year()), month, day)?;
    let time = i64::from(civil.hour()) * 3600 + i64::from(civil.minute()) * 60 + i64::from(civil.second());
    let seconds = date.days() * 86_400 + time - i64::from(offset.seconds());
    // A local time whose moment in UTC falls outside the years 0000 to 9999 (the last
    // evening of 9999 west of UTC) has no date the calendar can write.
    (super::MIN_SECONDS..=super::MAX_SECONDS).contains(&seconds).then_some(seconds)
}

/// `written` with the space before a last word that is an offset taken out
/// (`2024-02-03 10:00:00 +0200` as `2024-02-03 10:00:00+0200`): Jekyll's posts write
/// their `date` so (`YYYY-MM-DD HH:MM:SS +/-TTTT`, jekyllrb.com/docs/front-matter), and
/// jiff's parser wants the offset right after the time.
fn joined_offset(written: &str) -> std::borrow::Cow<'_, str> {
    let Some((before, last)) = written.rsplit_once(' ') else { return std::borrow::Cow::Borrowed(written) };
    let digits = last.get(1..).unwrap_or("").bytes().filter(|b| *b != b':');
    let offset = last.starts_with(['+', '-'])
        && matches!(last.len(), 5 | 6)
        && digits.clone().count() == 4
        && digits.clone().all(|b| b.is_ascii_digit());
    // Only after a time: `2024-02-03 -0500` is no moment.
    let after_time = before.len() > 10 && before.as_bytes().last().is_some_and(u8::is_ascii_digit);
    if offset && after_time {
        std::borrow::Cow::Owned(format!("{before}{last}"))
    } else {
        std::borrow::Cow::Borrowed(written)
    }
}

/// `written` with a one-digit hour made two (`2026-03-14 9:12` as `2026-03-14 09:12`):
/// the scanner jiff replaced took it, and jiff's parser wants two digits.
fn two_digit_hour(written: &str) -> std::borrow::Cow<'_, str> {
    let bytes = written.as_bytes();
    // The first ten bytes are a date (`Date::parse`), so the eleventh is a character's start.
    let one_digit =
        bytes.len() > 12 && matches!(bytes[10], b' ' | b'T' | b't') && bytes[11].is_ascii_digit() && bytes[12] == b':';
    match (one_digit, written.get(..11), written.get(11..)) {
        (true, Some(date), Some(time)) => std::borrow::Cow::Owned(format!("{date}0{time}")),
        _ => std::borrow::Cow::Borrowed(written),
    }
}

/// `text` without its last word when that word names a zone (starts with a letter:
/// `Europe/Berlin`, `UTC`, `Z`), and the word.
fn split_zone_word(text: &str) -> (&str, Option<&str>) {
    match text.rsplit_once(char::is_whitespace) {
        Some((rest, word)) if word.starts_with(|c: char| c.is_ascii_alphabetic()) => (rest.trim_end(), Some(word)),
        _ => (text, None),
    }
}

/// The zone of the database named `name` (without case: `europe/berlin` is
/// `Europe/Berlin`), with its name as the database spells it; `Z` is UTC.
fn look_up(name: &str) -> Result<(String, TimeZone), MomentError> {
    if name.eq_ignore_ascii_case("z") {
        return Ok(("UTC".to_string(), TimeZone::UTC));
    }
    let database = jiff::tz::db();
    match database.get(name) {
        Ok(zone) => Ok((zone.iana_name().unwrap_or(name).to_string(), zone)),
        // An abbreviation is one edit from others (`CEST`, `CET`, `EST`): no guess.
        Err(_) if is_abbreviation(name) => Err(MomentError::UnknownZone { zone: name.to_string(), suggestion: None }),
        Err(_) => {
            let names: Vec<String> = database.available().map(|n| n.as_str().to_string()).collect();
            let suggestion = crate::suggest::closest(name, names.iter().map(String::as_str)).map(str::to_string);
            Err(MomentError::UnknownZone { zone: name.to_string(), suggestion })
        }
    }
}

/// An offset as RFC 3339 writes it: `+02:00`, `-05:30`.
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Whether `zone` looks like an abbreviation (`CEST`, `PST`), which the database does
/// not know as a zone.
fn is_abbreviation(zone: &str) -> bool {
    (2..=5).contains(&zone.len()) && zone.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> String {
        parse_moment(text).map(Timestamp::rfc3339).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn reads_a_named_zone_in_summer_and_winter() {
        assert_eq!(at("2026-03-01 09:05 Europe/Berlin"), "2026-03-01T08:05:00Z");
        assert_eq!(at("2026-07-01 09:05 Europe/Berlin"), "2026-07-01T07:05:00Z");
        assert_eq!(at("2026-07-01T09:05:00 America/New_York"), "2026-07-01T13:05:00Z");
        assert_eq!(at("2026-07-01T09:05[Europe/Berlin]"), "2026-07-01T07:05:00Z");
        assert_eq!(at("2026-07-01 09:05 europe/berlin"), "2026-07-01T07:05:00Z");
        assert_eq!(at("2026-07-01 Europe/Berlin"), "2026-06-30T22:00:00Z");
    }

    #[test]
    fn refuses_a_local_time_whose_moment_in_utc_leaves_the_calendar() {
        assert_eq!(at("9999-12-31T20:30:00-05:00"), "Invalid");
        assert_eq!(at("9999-12-31T18:59:59-05:00"), "9999-12-31T23:59:59Z");
        assert_eq!(at("9999-12-31T23:30:00+01:00"), "9999-12-31T22:30:00Z");
        assert_eq!(at("0000-01-01T00:30:00+01:00"), "Invalid");
        assert_eq!(at("0000-01-01T00:30:00-01:00"), "0000-01-01T01:30:00Z");
    }

    #[test]
    fn reads_offsets_z_and_utc_as_before() {
        assert_eq!(at("2026-03-14T09:12:00Z"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14T11:12:00+02:00"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14 09:12"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14 9:12"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14T9:12:00+02:00"), "2026-03-14T07:12:00Z");
        assert_eq!(at("2026-03-14 09:12 UTC"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14 09:12 Z"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14T09:12:00.75Z"), "2026-03-14T09:12:00Z");
        assert_eq!(at("2026-03-14T09:12:00Z Europe/Berlin"), "2026-03-14T09:12:00Z");
    }

    #[test]
    fn reaches_both_ends_of_the_calendar_with_any_offset_under_a_day() {
        let end = parse_moment("9999-12-31T23:59:59+23:59").expect("the last second, east");
        assert_eq!(end.seconds(), 253_402_300_799 - (23 * 3600 + 59 * 60));
        let start = parse_moment("0000-01-01T00:00:00-23:59").expect("the first second, west");
        assert_eq!(start.seconds(), -62_167_219_200 + 23 * 3600 + 59 * 60);
        assert_eq!(at("9999-12-31 23:00"), "9999-12-31T23:00:00Z");
        // Their moments in UTC would be in the years 10000 and -1, which no date writes.
        assert!(parse_moment("9999-12-31T23:59:59-23:59").is_err());
        assert!(parse_moment("0000-01-01T00:00:00+23:59").is_err());
    }

    #[test]
    fn refuses_times_a_daylight_saving_change_skips_or_repeats() {
        // Europe/Berlin went from +01:00 to +02:00 at 02:00 on 2026-03-29, and back at
        // 03:00 on 2026-10-25.
        let skipped = parse_moment("2026-03-29 02:30 Europe/Berlin").unwrap_err();
        assert_eq!(
            skipped,
            MomentError::Skipped { zone: "Europe/Berlin".into(), before: "+01:00".into(), after: "+02:00".into() }
        );
        let twice = parse_moment("2026-10-25 02:30 Europe/Berlin").unwrap_err();
        assert!(matches!(twice, MomentError::Twice { .. }), "{twice:?}");
        assert_eq!(at("2026-10-25T02:30+02:00 Europe/Berlin"), "2026-10-25T00:30:00Z");
        assert_eq!(at("2026-10-25T02:30+01:00 Europe/Berlin"), "2026-10-25T01:30:00Z");
        assert_eq!(at("2026-03-29 01:59 Europe/Berlin"), "2026-03-29T00:59:00Z");
        assert_eq!(at("2026-03-29 03:00 Europe/Berlin"), "2026-03-29T01:00:00Z");
        let (message, help) = twice.explain("2026-10-25 02:30 Europe/Berlin");
        assert_eq!(message, "is a time that happened twice in Europe/Berlin: first at +02:00, then at +01:00");
        assert!(help.is_some_and(|h| h.contains("`…+02:00 Europe/Berlin`")));
    }

    #[test]
    fn names_an_unknown_zone_and_the_closest() {
        let error = parse_moment("2026-03-01 09:05 Europe/Berln").unwrap_err();
        assert_eq!(
            error,
            MomentError::UnknownZone { zone: "Europe/Berln".into(), suggestion: Some("Europe/Berlin".into()) }
        );
        let (message, help) = error.explain("");
        assert_eq!(message, "has the unknown time zone `Europe/Berln`");
        assert_eq!(help.as_deref(), Some("did you mean `Europe/Berlin`?"));
        let (_, help) = parse_moment("2026-03-01 09:05 CEST").unwrap_err().explain("");
        assert!(help.is_some_and(|h| h.contains("abbreviations")));
        assert!(matches!(parse_moment("2026-03-01T09:05[Mars/Olympus]"), Err(MomentError::UnknownZone { .. })));
    }

    #[test]
    fn refuses_an_offset_the_zone_did_not_have() {
        let error = parse_moment("2026-07-01T09:05+01:00 Europe/Berlin").unwrap_err();
        assert_eq!(
            error,
            MomentError::WrongOffset {
                zone: "Europe/Berlin".into(),
                written: "+01:00".into(),
                zone_offset: "+02:00".into()
            }
        );
    }

    #[test]
    fn refuses_what_is_not_a_moment() {
        for text in [
            "soon",
            "2026-03-14T25:00:00Z",
            "2026-03-14T09:12:00+24:00",
            "2026-03-14 09:12 Europe/Berlin Z",
            "+2026-03-14T09:12Z",
        ] {
            assert!(parse_moment(text).is_err(), "{text}");
        }
        assert_eq!(parse_moment("2026-03-14T09:12[Europe/Berlin] UTC"), Err(MomentError::Invalid));
    }
}
