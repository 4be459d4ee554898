use super::*;

/// ruby/date's own cases (`test/date/test_date_parse.rb`, `test__parse`, commit
/// 3481cf7ce9149011f1a4eb2bfffc2a0b44c8bf07) of the forms read here: the text, whether
/// two-digit years are completed, and the year, month, day and hour `Date._parse` finds.
const RUBY_CASES: &[(&str, bool, [Option<i64>; 4])] = &[
    ("Sat Aug 28 02:55:50 1999", false, [Some(1999), Some(8), Some(28), Some(2)]),
    ("Sat Aug 28 02:55:50 02", true, [Some(2002), Some(8), Some(28), Some(2)]),
    ("Sat Aug 28 02:29:34 JST 1999", false, [Some(1999), Some(8), Some(28), Some(2)]),
    ("Sat Aug 28 02:29:34 GMT+09:00 0002", false, [Some(2), Some(8), Some(28), Some(2)]),
    ("1999-05-23 23:55:21", false, [Some(1999), Some(5), Some(23), Some(23)]),
    ("1999-05-23 23:55:21+0900", false, [Some(1999), Some(5), Some(23), Some(23)]),
    ("1999-05-23T23:55:21-09:00", false, [Some(1999), Some(5), Some(23), Some(23)]),
    ("1999-05-23 23:55:21Z", false, [Some(1999), Some(5), Some(23), Some(23)]),
    ("-1999-05-23T23:55:21Z", false, [Some(-1999), Some(5), Some(23), Some(23)]),
    ("02-04-12", false, [Some(2), Some(4), Some(12), None]),
    ("02-04-12", true, [Some(2002), Some(4), Some(12), None]),
    ("0002-04-12", true, [Some(2), Some(4), Some(12), None]),
    ("19990523", true, [Some(1999), Some(5), Some(23), None]),
    ("990523", true, [Some(1999), Some(5), Some(23), None]),
    ("23-05-1999", false, [Some(1999), Some(5), Some(23), None]),
    ("23-05-1999 23:55:21", false, [Some(1999), Some(5), Some(23), Some(23)]),
    ("23-05-'99", true, [Some(1999), Some(5), Some(23), None]),
    ("Sun, 22 Aug 1999 00:45:29 -0400", false, [Some(1999), Some(8), Some(22), Some(0)]),
    ("Sun, 22 Aug 05 00:45:29 -0400", true, [Some(2005), Some(8), Some(22), Some(0)]),
    ("Sun, 22 Aug 49 00:45:29 -0400", true, [Some(2049), Some(8), Some(22), Some(0)]),
    ("Sun, 22 Aug 1999 00:45 GMT", false, [Some(1999), Some(8), Some(22), Some(0)]),
    ("Sun, 22 Aug 99 00:45:29 UT", true, [Some(1999), Some(8), Some(22), Some(0)]),
    ("Sun, 22 Aug 0099 00:45:29 UT", true, [Some(99), Some(8), Some(22), Some(0)]),
    ("2000-01-31 13:20:00-5", false, [Some(2000), Some(1), Some(31), Some(13)]),
    ("2000-01-31 13:20:00 Z", false, [Some(2000), Some(1), Some(31), Some(13)]),
    ("1999.5.2", false, [Some(1999), Some(5), Some(2), None]),
    ("1999.05.02", false, [Some(1999), Some(5), Some(2), None]),
    ("'99.5.2", true, [Some(1999), Some(5), Some(2), None]),
    ("2.5.1999", false, [Some(1999), Some(5), Some(2), None]),
    ("02.05.1999", false, [Some(1999), Some(5), Some(2), None]),
    ("2.5.'99", true, [Some(1999), Some(5), Some(2), None]),
    ("'88/12/8", true, [Some(1988), Some(12), Some(8), None]),
    ("08/dec/1988", false, [Some(1988), Some(12), Some(8), None]),
    ("31/jan/1999", false, [Some(1999), Some(1), Some(31), None]),
    ("31.jan.1999", false, [Some(1999), Some(1), Some(31), None]),
    ("dec/08/1988", false, [Some(1988), Some(12), Some(8), None]),
    ("jan/31/1999", false, [Some(1999), Some(1), Some(31), None]),
    ("dec.08.1988", false, [Some(1988), Some(12), Some(8), None]),
    ("jan/1988", false, [Some(1988), Some(1), None, None]),
    ("Jan 1", false, [None, Some(1), Some(1), None]),
    ("July 11", false, [None, Some(7), Some(11), None]),
    ("Sept 23", false, [None, Some(9), Some(23), None]),
    ("Sep. 23", false, [None, Some(9), Some(23), None]),
    ("October 1st", false, [None, Some(10), Some(1), None]),
    ("October 25th 1999", false, [Some(1999), Some(10), Some(25), None]),
    ("october 25th 1999", false, [Some(1999), Some(10), Some(25), None]),
    ("OCTOBER 25th 1999", false, [Some(1999), Some(10), Some(25), None]),
    ("Sept 1990", false, [Some(1990), Some(9), None, None]),
    ("Sept '90", true, [Some(1990), Some(9), None, None]),
    ("1990/09", false, [Some(1990), Some(9), None, None]),
    ("09/1990", false, [Some(1990), Some(9), None, None]),
    ("Tuesday, May 18, 1999 Published at 13:36 GMT 14:36 UK", false, [Some(1999), Some(5), Some(18), Some(13)]),
    ("July 20, 2000 Web posted at: 3:37 p.m. EDT (1937 GMT)", false, [Some(2000), Some(7), Some(20), Some(15)]),
    ("12:54 p.m. EDT, September 11, 2006", false, [Some(2006), Some(9), Some(11), Some(12)]),
    ("February 04, 2001 at 10:59 AM PST", false, [Some(2001), Some(2), Some(4), Some(10)]),
    ("06.June 2005", false, [Some(2005), Some(6), Some(6), None]),
    ("4:00 AM, Jan. 12, 1990", false, [Some(1990), Some(1), Some(12), Some(4)]),
    ("Jan. 12 4:00 AM 1990", false, [Some(1990), Some(1), Some(12), Some(4)]),
    ("1990-01-12 04:00:00+00", false, [Some(1990), Some(1), Some(12), Some(4)]),
    ("1990/01/12 04:00:00", false, [Some(1990), Some(1), Some(12), Some(4)]),
    ("Thu Jan 11 20:00:00 PST 1990", false, [Some(1990), Some(1), Some(11), Some(20)]),
    ("Thu, 11 Jan 1990 20:00:00 -0800", false, [Some(1990), Some(1), Some(11), Some(20)]),
];

#[test]
fn finds_the_fields_ruby_finds() {
    for &(text, comp, [year, mon, mday, hour]) in RUBY_CASES {
        assert_eq!(parse_fields(text, comp), Fields { year, mon, mday, hour }, "{text:?}");
    }
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// What `Time.parse` (Ruby 3.1, date 3.2) made of the front matter dates of a Jekyll
/// site and of post names, checked with Ruby itself.
#[test]
fn reads_dates_as_time_parse_does() {
    for (text, date) in [
        ("May 17, 2021", "2021-05-17"),
        ("April 5th 2022", "2022-04-05"),
        ("February 2nd 2022", "2022-02-02"),
        ("November 21st, 2021", "2021-11-21"),
        ("January 3 2022", "2022-01-03"),
        ("17 May 2021", "2021-05-17"),
        ("2021/05/17", "2021-05-17"),
        ("17/5/2021", "2021-05-17"),
        ("2021-05-17 10:00:00 +0200", "2021-05-17"),
        ("2021-05-17T23:30:00-05:00", "2021-05-17"),
        ("Sat, 28 Aug 1999", "1999-08-28"),
        ("May 2021", "2021-05-01"),
        ("20210517", "2021-05-17"),
        ("2023-8-1", "2023-08-01"),
        ("23-8-1", "2023-08-01"),
        ("99-1-1", "1999-01-01"),
        ("1-2-3", "2001-02-03"),
        ("2023-02-30", "2023-03-02"),
        ("2023-02-31", "2023-03-03"),
    ] {
        assert_eq!(parse_date(text), Ok(day(date)), "{text:?}");
    }
    for (text, refusal) in [
        ("2023-02-32", Refusal::OutOfRange("day")),
        ("May 32, 2021", Refusal::OutOfRange("day")),
        ("2023-13-01", Refusal::OutOfRange("month")),
        ("5/17/2021", Refusal::OutOfRange("month")),
        ("2021-05-17 25:00", Refusal::OutOfRange("hour")),
        ("tomorrow", Refusal::NoDate),
        ("", Refusal::NoDate),
        ("May 17", Refusal::NoYear),
    ] {
        assert_eq!(parse_date(text), Err(refusal), "{text:?}");
    }
}

#[test]
fn reads_any_text_without_panicking() {
    for text in ["'", "-", "--1-1", "9999999999999999999999-1-1", "May 99999999999999999999", "١٢-٣-٤", "日本 5th"]
    {
        let _ = parse_date(text);
    }
}

/// ruby/date's `test__parse` cases (commit 3481cf7ce9149011f1a4eb2bfffc2a0b44c8bf07)
/// with their time and offset, and Jekyll's docs post `2023-01-29-jekyll-4-3-2-released`
/// (jekyll/jekyll 202df571, `date: 2023-01-29 18:30:22 2023 -0800`), whose stray year
/// keeps the zone from the time: `Time.parse` reads 18:30:22 in the build's zone.
#[test]
fn reads_the_moment_as_time_parse() {
    let day = |text: &str| crate::dates::Date::parse(text).expect("a date");
    for (text, date, seconds, offset) in [
        ("1999-05-23 23:55:21+0900", "1999-05-23", 86_121, Some(32_400)),
        ("1999-05-23T23:55:21-09:00", "1999-05-23", 86_121, Some(-32_400)),
        ("1999-05-23 23:55:21Z", "1999-05-23", 86_121, Some(0)),
        ("Sun, 22 Aug 1999 00:45:29 -0400", "1999-08-22", 2_729, Some(-14_400)),
        ("Sun, 22 Aug 1999 00:45 GMT", "1999-08-22", 2_700, Some(0)),
        ("Sat Aug 28 02:29:34 GMT+09:00 0002", "0002-08-28", 8_974, Some(32_400)),
        ("2000-01-31 13:20:00-5", "2000-01-31", 48_000, Some(-18_000)),
        ("Sat Aug 28 02:29:34 JST 1999", "1999-08-28", 8_974, None),
        ("23-05-1999", "1999-05-23", 0, None),
        ("2023-01-29 18:30:22 2023 -0800", "2023-01-29", 66_622, None),
    ] {
        assert_eq!(parse_moment(text), Ok((day(date), seconds, offset)), "{text:?}");
    }
    assert_eq!(parse_moment("tomorrow"), Err(Refusal::NoDate));
}
