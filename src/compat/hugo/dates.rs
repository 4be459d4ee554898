//! Go's date layouts, as a Hugo permalink's `:2006-01-02` token writes a page's date:
//! the reference time's parts (`2006`, `06`, `January`, `Jan`, `01`, `1`, `Monday`,
//! `Mon`, `02`, `_2`, `2`, `002`, `__2`, `15`, `03`, `3`, `04`, `4`, `05`, `5`, `PM`,
//! `pm`) are replaced with the date's; the rest stays. Time zones and fractions of a
//! second cannot be in a token (it is letters, digits and `_`).

/// A local date and time of day, as Hugo reads a page's `date` (the zero time, year 1,
/// without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment {
    /// The day.
    pub date: crate::dates::Date,
    /// Seconds since midnight.
    pub seconds: u32,
}

impl Moment {
    /// The moment written in a page's `date`, in its own time zone; `None` if unread.
    pub(crate) fn parse(text: &str) -> Option<Moment> {
        let (stamp, offset) = crate::dates::Timestamp::parse_local(text)?;
        let local = stamp.seconds() + i64::from(offset.unwrap_or(0));
        let seconds = u32::try_from(local.rem_euclid(86_400)).ok()?;
        Some(Moment { date: crate::dates::Date::from_days(local.div_euclid(86_400)), seconds })
    }

    /// Go's zero time, 0001-01-01 00:00:00.
    pub(crate) fn zero() -> Moment {
        Moment { date: crate::dates::Date::from_days(-719_162), seconds: 0 }
    }
}

/// One part of a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    LongYear,
    Year,
    LongMonth,
    Month,
    ZeroMonth,
    NumMonth,
    LongWeekday,
    Weekday,
    ZeroDay,
    UnderDay,
    Day,
    ZeroYearDay,
    UnderYearDay,
    Hour,
    ZeroHour12,
    Hour12,
    ZeroMinute,
    Minute,
    ZeroSecond,
    Second,
    UpperPm,
    LowerPm,
}

/// The part of a layout at the start of `rest`, and its length (Go's `nextStdChunk`).
fn part_at(rest: &str) -> Option<(Part, usize)> {
    let starts = |prefix: &str| rest.starts_with(prefix);
    let bytes = rest.as_bytes();
    Some(match bytes.first()? {
        b'J' if starts("January") => (Part::LongMonth, 7),
        b'J' if starts("Jan") => (Part::Month, 3),
        b'M' if starts("Monday") => (Part::LongWeekday, 6),
        b'M' if starts("Mon") => (Part::Weekday, 3),
        b'0' if starts("002") => (Part::ZeroYearDay, 3),
        b'0' => {
            let part = match bytes.get(1)? {
                b'1' => Part::ZeroMonth,
                b'2' => Part::ZeroDay,
                b'3' => Part::ZeroHour12,
                b'4' => Part::ZeroMinute,
                b'5' => Part::ZeroSecond,
                b'6' => Part::Year,
                _ => return None,
            };
            (part, 2)
        }
        b'1' if starts("15") => (Part::Hour, 2),
        b'1' => (Part::NumMonth, 1),
        b'2' if starts("2006") => (Part::LongYear, 4),
        b'2' => (Part::Day, 1),
        b'_' if starts("__2") => (Part::UnderYearDay, 3),
        b'_' if starts("_2") && !starts("_2006") => (Part::UnderDay, 2),
        b'3' => (Part::Hour12, 1),
        b'4' => (Part::Minute, 1),
        b'5' => (Part::Second, 1),
        b'P' if starts("PM") => (Part::UpperPm, 2),
        b'p' if starts("pm") => (Part::LowerPm, 2),
        _ => return None,
    })
}

/// Whether `layout` holds a part of Go's reference time (Hugo's test: the reference
/// time written in the layout differs from the layout).
pub(crate) fn is_layout(layout: &str) -> bool {
    layout.char_indices().any(|(i, _)| part_at(&layout[i..]).is_some())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// The parts of a moment Go writes.
struct Fields {
    year: i64,
    month: u32,
    day: u32,
    /// 0 for Sunday.
    weekday: usize,
    yearday: i64,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Fields {
    fn of(moment: Moment) -> Fields {
        let (year, month, day) = moment.date.ymd();
        let first = crate::dates::Date::from_ymd(year, 1, 1).map_or(moment.date.days(), crate::dates::Date::days);
        Fields {
            year,
            month,
            day,
            weekday: usize::try_from((moment.date.days() + 4).rem_euclid(7)).unwrap_or(0),
            yearday: moment.date.days() - first + 1,
            hour: moment.seconds / 3600,
            minute: moment.seconds % 3600 / 60,
            second: moment.seconds % 60,
        }
    }
}

/// The named date tokens of Hugo's permalinks (`year`, `monthname`, ...), else the date
/// written in the Go layout `layout`.
pub(crate) fn format(moment: Moment, layout: &str) -> String {
    let f = Fields::of(moment);
    let month = MONTHS[(f.month as usize).clamp(1, 12) - 1];
    match layout {
        "year" => return f.year.to_string(),
        "month" => return format!("{:02}", f.month),
        "monthname" => return month.to_string(),
        "day" => return format!("{:02}", f.day),
        "weekday" => return f.weekday.to_string(),
        "weekdayname" => return WEEKDAYS[f.weekday].to_string(),
        "yearday" => return f.yearday.to_string(),
        _ => {}
    }
    let hour12 = if f.hour.is_multiple_of(12) { 12 } else { f.hour % 12 };
    let mut out = String::new();
    let mut i = 0;
    while i < layout.len() {
        let Some((part, len)) = part_at(&layout[i..]) else {
            let c = layout[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        let text = match part {
            Part::LongYear => format!("{:04}", f.year),
            Part::Year => format!("{:02}", f.year.rem_euclid(100)),
            Part::LongMonth => month.to_string(),
            Part::Month => month[..3].to_string(),
            Part::ZeroMonth => format!("{:02}", f.month),
            Part::NumMonth => f.month.to_string(),
            Part::LongWeekday => WEEKDAYS[f.weekday].to_string(),
            Part::Weekday => WEEKDAYS[f.weekday][..3].to_string(),
            Part::ZeroDay => format!("{:02}", f.day),
            Part::UnderDay => format!("{:>2}", f.day),
            Part::Day => f.day.to_string(),
            Part::ZeroYearDay => format!("{:03}", f.yearday),
            Part::UnderYearDay => format!("{:>3}", f.yearday),
            Part::Hour => format!("{:02}", f.hour),
            Part::ZeroHour12 => format!("{hour12:02}"),
            Part::Hour12 => hour12.to_string(),
            Part::ZeroMinute => format!("{:02}", f.minute),
            Part::Minute => f.minute.to_string(),
            Part::ZeroSecond => format!("{:02}", f.second),
            Part::Second => f.second.to_string(),
            Part::UpperPm => (if f.hour >= 12 { "PM" } else { "AM" }).to_string(),
            Part::LowerPm => (if f.hour >= 12 { "pm" } else { "am" }).to_string(),
        };
        out.push_str(&text);
        i += len;
    }
    out
}
