//! Dated pages: the date a page takes from its file name or front matter,
//! and how a reader is shown it.
//!
//! More: docs/architecture.md, "Notes by module".

use super::strings::Words;
use crate::config::Config;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// A date written that the tool reads no day in: why, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateRefusal {
    /// Why, as a warning says it (`not a day of the calendar`).
    pub reason: String,
    /// What to write instead, and what the tool did with it.
    pub help: String,
}

/// The date a file name starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameDate<'s> {
    /// The date as written (`2023-8-1`).
    pub written: &'s str,
    /// The day it names, or why it names none.
    pub day: Result<Date, DateRefusal>,
    /// The rest of the name after the date and its `-` (`kickoff`).
    pub rest: &'s str,
}

/// The blogs the tool's plugins published from folders of their own.
pub(crate) trait ToolBlogs {
    /// The folder of the blog whose post is the file at content path `path`, and the
    /// post's path inside that folder; `None` for a page of no such blog.
    fn post_of(&self, path: &str) -> Option<(&str, String)>;
    /// The date and slug of a post at `inside` (its path in its blog's folder).
    fn post_date_and_slug(&self, inside: &str) -> (Option<Date>, String);
    /// The day a front matter `date` names as the tool reads it, or why it names none.
    fn read_date(&self, text: &str) -> Result<Date, DateRefusal>;
    /// The date a file name without its extension (`stem`) starts with as the tool
    /// reads it; `None` when it starts with none.
    fn name_date<'s>(&self, stem: &'s str) -> Option<NameDate<'s>>;
    /// The authors file, from the root, of the blog in folder `dir`: `None` when no such
    /// blog is there, `Some(None)` when its file lies outside the root.
    fn blog_authors_file(&self, dir: &str) -> Option<Option<String>>;
    /// The content paths of the blogs' people files: data, never published.
    fn blog_data_files(&self, config: &Config) -> Vec<String>;
    /// Where the tool put a blog's older posts, from the site's root.
    fn paginate_path(&self) -> Option<&str>;
    /// How many posts a page of a blog listed.
    fn posts_per_page(&self) -> Option<usize>;
}

/// A date as a reader of `words` says it: "12 June 2023", "12. Juni 2023".
pub(crate) fn reader_date(words: &Words, date: Date) -> String {
    super::strings::date_text(words, date)
}

/// The date a file name (without its extension) starts with, and the rest after it
/// (without the `-`): `2023-06-12-kickoff` -> (2023-06-12, `kickoff`), `20230612` ->
/// (2023-06-12, ``). `None` when the name does not start with a date, the date does
/// not exist, or digits follow it (`202306120`).
pub(crate) fn name_date(stem: &str) -> Option<(Date, &str)> {
    let bytes = stem.as_bytes();
    let digits = |from: usize, to: usize| bytes.get(from..to).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let (date, rest) = if digits(0, 4) && bytes.get(4) == Some(&b'-') && digits(5, 7) && bytes.get(7) == Some(&b'-') {
        (Date::parse(stem.get(..10)?)?, &stem[10..])
    } else if digits(0, 8) {
        let number = |r: std::ops::Range<usize>| stem.get(r).and_then(|s| s.parse::<u32>().ok());
        let year = i64::from(number(0..4)?);
        (Date::from_ymd(year, number(4..6)?, number(6..8)?)?, &stem[8..])
    } else {
        return None;
    };
    match rest.strip_prefix(['-', '_']) {
        Some(rest) => Some((date, rest)),
        None if rest.is_empty() => Some((date, rest)),
        None => None,
    }
}

/// The start of a file name (without its extension) that is written as a date but is
/// none: `2023-02-30` of `2023-02-30-x`, `20230231` of `20230231`; `None` for a name
/// that starts with a date or with no date at all. Eight digits count only with a month
/// of 1 to 12 and a day of 1 to 31 (a number such as `12345678` is no date).
pub(crate) fn impossible_name_date(stem: &str) -> Option<&str> {
    if name_date(stem).is_some() {
        return None;
    }
    let bytes = stem.as_bytes();
    let digits = |from: usize, to: usize| bytes.get(from..to).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let dashed = digits(0, 4) && bytes.get(4) == Some(&b'-') && digits(5, 7) && bytes.get(7) == Some(&b'-');
    let end = if dashed && digits(8, 10) {
        10
    } else if digits(0, 8) {
        let number = |r: std::ops::Range<usize>| stem.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        if !(1..=12).contains(&number(4..6)) || !(1..=31).contains(&number(6..8)) {
            return None;
        }
        8
    } else {
        return None;
    };
    matches!(bytes.get(end), None | Some(b'-' | b'_')).then(|| &stem[..end])
}

/// Why a date written is none by opsbook's own reading ([`Date::parse`]).
pub(crate) fn calendar_refusal() -> DateRefusal {
    DateRefusal { reason: "not a day of the calendar".into(), help: "write a day that exists, `YYYY-MM-DD`".into() }
}

/// The date a file name starts with by opsbook's own reading: [`name_date`], else
/// [`impossible_name_date`] refused.
pub(crate) fn calendar_name_date(stem: &str) -> Option<NameDate<'_>> {
    if let Some((date, rest)) = name_date(stem) {
        let written = stem[..stem.len() - rest.len()].trim_end_matches(['-', '_']);
        return Some(NameDate { written, day: Ok(date), rest });
    }
    let written = impossible_name_date(stem)?;
    Some(NameDate { written, day: Err(calendar_refusal()), rest: stem[written.len()..].trim_start_matches(['-', '_']) })
}

/// The warnings of the dates written for a page that are none as the tool reads them
/// ([`ToolBlogs::name_date`], [`ToolBlogs::read_date`]), when the date would date it:
/// a `post`, or a page named by a date. `dated` says whether it has a date all the
/// same (the other of the two), which the warning says.
pub(crate) fn invalid_dates(
    source: &crate::content::SourcePage,
    post: bool,
    dated: bool,
    old: &dyn ToolBlogs,
) -> Vec<Diagnostic> {
    let named = old.name_date(file_stem(&source.path));
    if !post && named.is_none() {
        return Vec::new();
    }
    let undated = if post { "the post is published undated, after the dated posts" } else { "the page is not dated" };
    let warning = |line: usize, column: usize, message: String, refusal: DateRefusal| {
        Diagnostic::error(Rule::FrontMatterField, &source.file, line, column, message)
            .with_severity(Severity::Warning)
            .with_help(refusal.help)
    };
    let mut warnings = Vec::new();
    if let Some(field) = source.front.field("date")
        && let crate::content::Node::Text(text) = &field.value.value
        && let Err(refusal) = old.read_date(text)
    {
        let outcome = if dated { "the date of its name is used" } else { undated };
        let message = format!("invalid date `{}` in `date`: {}: {outcome}", text.trim(), refusal.reason);
        warnings.push(warning(field.value.line, field.value.column, message, refusal));
    }
    if let Some(NameDate { written, day: Err(refusal), .. }) = named {
        let outcome = if dated { "its `date` is used" } else { undated };
        let message =
            format!("invalid date `{written}` in the name of `{}`: {}: {outcome}", source.file, refusal.reason);
        warnings.push(warning(0, 0, message, refusal));
    }
    warnings
}

/// The stem of a content path's file name: `minutes/20230612.md` -> `20230612`.
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    crate::content::formats::template_stem(name)
}

/// The date of front matter `date` as the tool reads it ([`ToolBlogs::read_date`]:
/// `2023-06-12`, `2023-06-12 10:00:00 +0200`, `2023-06-12T10:00:00Z`), or `None`.
pub(crate) fn front_date(source: &crate::content::SourcePage, old: &dyn ToolBlogs) -> Option<Date> {
    match &source.front.field("date")?.value.value {
        crate::content::Node::Text(text) => old.read_date(text).ok(),
        _ => None,
    }
}

/// The date of a page: front matter `date`, else its name's ([`ToolBlogs::name_date`]),
/// for a post or a page whose name is a date; `None` for every other page.
pub(crate) fn page_date(source: &crate::content::SourcePage, is_post: bool, old: &dyn ToolBlogs) -> Option<Date> {
    let named = old.name_date(file_stem(&source.path));
    if !is_post && named.is_none() {
        return None;
    }
    front_date(source, old).or(named.and_then(|named| named.day.ok()))
}

/// A heading's text as a dated page's title: a date (`2023-06-12`) said as a reader
/// says it, any other text as it is.
pub(crate) fn heading_title(words: &Words, text: &str) -> String {
    let trimmed = text.trim();
    Date::parse(trimmed).filter(|_| trimmed.len() == 10).map_or_else(|| text.to_string(), |d| reader_date(words, d))
}

/// The title of a dated page without `title` and `#` heading: its first heading (said
/// as a date when it is one), else its name after the date, else the date.
pub(crate) fn dated_title(words: &Words, page: &super::Page, date: Date) -> String {
    if let Some(first) = page.rendered.toc.first().map(|entry| entry.title.trim()).filter(|t| !t.is_empty()) {
        return heading_title(words, first);
    }
    match name_date(file_stem(&page.source.path)) {
        Some((_, rest)) if !rest.is_empty() => crate::slug::title_from_name(rest),
        _ => reader_date(words, date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn reads_dates_from_file_names() {
        assert_eq!(name_date("20230612"), Some((date("2023-06-12"), "")));
        assert_eq!(name_date("2023-06-12"), Some((date("2023-06-12"), "")));
        assert_eq!(name_date("2023-06-12-kickoff"), Some((date("2023-06-12"), "kickoff")));
        assert_eq!(name_date("20230612_sig-meeting"), Some((date("2023-06-12"), "sig-meeting")));
        assert_eq!(name_date("2023-02-30-x"), None, "a day that does not exist");
        assert_eq!(name_date("202306120"), None);
        assert_eq!(name_date("2026-03-dns-outage"), None, "a month is no date");
        assert_eq!(name_date("runbook"), None);
        assert_eq!(name_date("2023-06-12é"), None);
        assert_eq!(name_date("١٢٣٤٥٦٧٨"), None, "only ASCII digits");
    }

    #[test]
    fn tells_a_name_written_as_a_day_that_does_not_exist() {
        assert_eq!(impossible_name_date("2023-02-30-impossible"), Some("2023-02-30"));
        assert_eq!(impossible_name_date("2023-13-01"), Some("2023-13-01"));
        assert_eq!(impossible_name_date("20230231"), Some("20230231"));
        assert_eq!(impossible_name_date("20230231_notes"), Some("20230231"));
        assert_eq!(impossible_name_date("2023-02-28-fine"), None, "a day that exists");
        assert_eq!(impossible_name_date("12345678"), None, "a number, no date");
        assert_eq!(impossible_name_date("2023-02-300"), None, "digits follow");
        assert_eq!(impossible_name_date("about"), None);
    }

    #[test]
    fn says_dates_as_a_reader_does() {
        let en = crate::site::strings::built_in("en");
        let de = crate::site::strings::built_in("de");
        assert_eq!(reader_date(&en, date("2023-06-12")), "12 June 2023");
        assert_eq!(heading_title(&en, "2023-06-12"), "12 June 2023");
        assert_eq!(heading_title(&de, "2023-06-12"), "12. Juni 2023");
        assert_eq!(heading_title(&en, "Weekly 2023-06-12"), "Weekly 2023-06-12");
        assert_eq!(reader_date(&en, date("0999-01-01")), "1 January 0999");
    }
}
