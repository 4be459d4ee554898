//! The dates of a Jekyll handbook's pages as Jekyll reads them: front matter `date`
//! through `Utils.parse_date` (Ruby's `Time.parse`,
//! [`crate::compat::dialects::ruby_time`]), and the date a post's or document's file
//! name starts with (`Document::DATE_FILENAME_MATCHER`,
//! read in `Document#populate_title`; jekyll/jekyll `lib/jekyll/document.rb`).

use crate::compat::dialects::ruby_time::{Refusal, parse_date};
use crate::dates::Date;
use crate::site::source_rules::{DateRefusal, NameDate};

/// The day a front matter `date` names as Jekyll reads it, or why it names none.
pub(crate) fn read_date(text: &str) -> Result<Date, DateRefusal> {
    parse_date(text).map_err(|refusal| refused(&refusal))
}

/// What a warning says of a date Ruby reads no day in.
fn refused(refusal: &Refusal) -> DateRefusal {
    let help = if refusal.stops_jekyll() {
        "write a date Ruby's `Time.parse` reads, `YYYY-MM-DD` (Jekyll stops with \"Invalid date\" at this one)"
    } else {
        "write the whole date, `YYYY-MM-DD`"
    };
    DateRefusal { reason: refusal.reason(), help: help.to_string() }
}

/// The date a file name without its extension starts with, as
/// `DATE_FILENAME_MATCHER` finds it: 2 to 4 digits, `-`, 1 or 2 digits, `-`, 1 or 2
/// digits, then `-` and the name's slug (`2023-8-1-postgresql-update` -> `2023-8-1`,
/// `postgresql-update`); read by `Time.parse` (`23-8-1` is 2023-08-01, `2023-02-30`
/// 2023-03-02). `None` for a name it does not match, or whose slug is empty.
pub(crate) fn name_date(stem: &str) -> Option<NameDate<'_>> {
    let mut end = 0;
    for (part, (min, max)) in [(2, 4), (1, 2), (1, 2)].into_iter().enumerate() {
        if part > 0 {
            if stem.as_bytes().get(end) != Some(&b'-') {
                return None;
            }
            end += 1;
        }
        let digits = stem.get(end..)?.bytes().take_while(u8::is_ascii_digit).count();
        if !(min..=max).contains(&digits) {
            return None;
        }
        end += digits;
    }
    let written = &stem[..end];
    let rest = stem[end..].strip_prefix('-').filter(|rest| !rest.is_empty())?;
    Some(NameDate { written, day: read_date(written), rest })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(stem: &str) -> Option<(&str, String, &str)> {
        name_date(stem).map(|n| (n.written, n.day.map_or_else(|e| e.reason, |d| d.to_string()), n.rest))
    }

    /// Jekyll's own post names (jekyll/jekyll 202df571314ba1d18e9fccd81d12aaad4a703c38,
    /// `test/source/_posts/`: `2008-10-18-foo-bar.markdown`, `2013-12-20-properties.text`,
    /// `2009-05-18-empty.markdown`; `test/test_document.rb`, "a document in a collection
    /// with a date in its filename"; `test/test_post_reader.rb`, which reads only names
    /// that match), with one-digit months and days and two-digit years as `Time.parse`
    /// reads them.
    #[test]
    fn reads_post_names_as_jekylls_matcher_does() {
        assert_eq!(named("2008-10-18-foo-bar"), Some(("2008-10-18", "2008-10-18".into(), "foo-bar")));
        assert_eq!(named("2013-12-20-properties"), Some(("2013-12-20", "2013-12-20".into(), "properties")));
        assert_eq!(named("2009-05-18-empty"), Some(("2009-05-18", "2009-05-18".into(), "empty")));
        assert_eq!(named("2023-8-1-postgresql-versions-update").map(|n| n.1), Some("2023-08-01".into()));
        assert_eq!(named("2023-08-1-x").map(|n| n.1), Some("2023-08-01".into()));
        assert_eq!(named("23-8-1-x").map(|n| n.1), Some("2023-08-01".into()));
        assert_eq!(named("2023-02-30-x").map(|n| n.1), Some("2023-03-02".into()), "Ruby's Time rolls over");
        assert!(named("2023-13-01-x").is_some_and(|n| n.1.contains("out of range")));
        for no_date in ["about", "2023-08-01", "2023-08-01-", "12023-08-01-x", "2023-123-1-x", "2023-08-x", "1-2-3-x"] {
            assert_eq!(named(no_date), None, "{no_date}");
        }
    }

    #[test]
    fn says_what_jekyll_does_with_a_date_ruby_refuses() {
        let refusal = read_date("May 32, 2021").expect_err("no day");
        assert!(refusal.help.contains("Jekyll stops"), "{refusal:?}");
        assert_eq!(read_date("May 17, 2021").map(|d| d.to_string()), Ok("2021-05-17".into()));
        assert!(!read_date("May 17").expect_err("no year").help.contains("Jekyll stops"));
    }
}
