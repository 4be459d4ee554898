//! jekyll/jekyll `test/test_filters.rb` at 202df571314ba1d18e9fccd81d12aaad4a703c38,
//! context "filters", "date filters" (its site's `timezone` is UTC): each case of "with
//! Time object", "with Date object", "with String object", "with a Numeric object" and
//! "without input", the values written as a page's Liquid holds them.

use super::*;

/// `filter` of `input` with `arguments`, as the page's Liquid runs it.
fn call(filter: DateFilter, input: Value, arguments: &[&str]) -> liquid_core::Result<Value> {
    let positional = arguments.iter().map(|a| Expression::Literal(Value::scalar(a.to_string()))).collect::<Vec<_>>();
    let arguments =
        FilterArguments { positional: Box::new(positional.into_iter()), keyword: Box::new(Vec::new().into_iter()) };
    let runtime = liquid_core::runtime::RuntimeBuilder::new().build();
    ParseFilter::parse(&filter, arguments).and_then(|parsed| parsed.evaluate(&input, &runtime))
}

fn text(filter: DateFilter, input: &str, arguments: &[&str]) -> String {
    call(filter, Value::scalar(input.to_string()), arguments).expect("a date").to_kstr().to_string()
}

use DateFilter::{Long, Rfc822, Short, XmlSchema};

/// `@sample_time = Time.utc(2013, 3, 27, 11, 22, 33)`, as a front matter date is
/// written.
const SAMPLE_TIME: &str = "2013-03-27 11:22:33 +0000";

#[test]
fn with_a_time() {
    assert_eq!(text(Short, SAMPLE_TIME, &[]), "27 Mar 2013");
    assert_eq!(text(Long, SAMPLE_TIME, &[]), "27 March 2013");
    assert_eq!(text(Short, SAMPLE_TIME, &["ordinal", "US"]), "Mar 27th, 2013");
    assert_eq!(text(Long, SAMPLE_TIME, &["ordinal"]), "27th March 2013");
    assert_eq!(text(XmlSchema, SAMPLE_TIME, &[]), "2013-03-27T11:22:33+00:00");
    assert_eq!(text(Rfc822, SAMPLE_TIME, &[]), "Wed, 27 Mar 2013 11:22:33 +0000");
    // ISO 8601, as YAML writes a time.
    assert_eq!(text(XmlSchema, "2013-03-27T11:22:33Z", &[]), "2013-03-27T11:22:33+00:00");
    // The offset written is kept ("not modify a time in-place": Jekyll keeps the
    // input's, opsbook writes it in its own zone).
    assert_eq!(text(XmlSchema, "2004-09-15 00:02:37 +0100", &[]), "2004-09-15T00:02:37+01:00");
    assert_eq!(text(Short, "2004-09-15 00:02:37 +0100", &[]), "15 Sep 2004");
}

/// `@sample_date = Date.parse("2013-03-02")`.
#[test]
fn with_a_date() {
    assert_eq!(text(Short, "2013-03-02", &[]), "02 Mar 2013");
    assert_eq!(text(Long, "2013-03-02", &[]), "02 March 2013");
    assert_eq!(text(Short, "2013-03-02", &["ordinal"]), "2nd Mar 2013");
    assert_eq!(text(Long, "2013-03-02", &["ordinal", "US"]), "March 2nd, 2013");
    assert_eq!(text(XmlSchema, "2013-03-02", &[]), "2013-03-02T00:00:00+00:00");
    assert_eq!(text(Rfc822, "2013-03-02", &[]), "Sat, 02 Mar 2013 00:00:00 +0000");
}

/// `@time_as_string = "September 11, 2001 12:46:30 -0000"`.
#[test]
fn with_a_string() {
    let string = "September 11, 2001 12:46:30 -0000";
    assert_eq!(text(Short, string, &[]), "11 Sep 2001");
    assert_eq!(text(Long, string, &[]), "11 September 2001");
    assert_eq!(text(Short, string, &["ordinal", "US"]), "Sep 11th, 2001");
    assert_eq!(text(Long, string, &["ordinal", "UK"]), "11th September 2001");
    assert_eq!(text(XmlSchema, string, &[]), "2001-09-11T12:46:30+00:00");
    assert_eq!(text(Rfc822, string, &[]), "Tue, 11 Sep 2001 12:46:30 +0000");
}

/// `@time_as_numeric = 1_399_680_607`.
#[test]
fn with_a_number() {
    let numeric = || Value::scalar(1_399_680_607i64);
    let text = |filter, arguments: &[&str]| call(filter, numeric(), arguments).expect("a date").to_kstr().to_string();
    assert_eq!(text(Short, &[]), "10 May 2014");
    assert_eq!(text(Long, &[]), "10 May 2014");
    assert_eq!(text(Short, &["ordinal", "US"]), "May 10th, 2014");
    assert_eq!(text(Long, &["ordinal"]), "10th May 2014");
    assert!(text(XmlSchema, &[]).starts_with("2014-05-10T00:10:07"));
    assert_eq!(text(Rfc822, &[]), "Sat, 10 May 2014 00:10:07 +0000");
}

/// "without input": nil and an empty text are written as they are; a text that is no
/// date is an error (Jekyll's `InvalidDateError`), which fails the tag alone.
#[test]
fn without_input_or_with_no_date() {
    assert_eq!(call(XmlSchema, Value::Nil, &[]).expect("nil"), Value::Nil);
    assert_eq!(text(XmlSchema, "", &[]), "");
    let error = call(Short, Value::scalar("next tuesday"), &[]).expect_err("no date").to_string();
    assert!(error.contains("Invalid Date: 'next tuesday' is not a valid datetime."), "{error}");
}

/// `ordinal`: 11th to 13th, then by the last digit.
#[test]
fn ordinals_are_english() {
    let days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31];
    let suffixes: Vec<&str> = days.iter().map(|&day| ordinal(day)).collect();
    assert_eq!(suffixes, ["st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "rd", "st"]);
}

/// Jekyll's filters read a text with Ruby's `Time.parse` (`Liquid::Utils.to_date`),
/// which passes over a word it does not know: the date of jekyll/jekyll's docs post
/// `2023-01-29-jekyll-4-3-2-released.markdown` (202df571), whose stray year keeps its
/// zone from the time, which is then the build's (UTC).
#[test]
fn a_stray_word_is_passed_over_as_time_parse_does() {
    let written = "2023-01-29 18:30:22 2023 -0800";
    assert_eq!(text(Short, written, &[]), "29 Jan 2023");
    assert_eq!(text(XmlSchema, written, &[]), "2023-01-29T18:30:22+00:00");
    assert_eq!(text(Rfc822, "Sun, 22 Aug 1999 00:45:29 -0400", &[]), "Sun, 22 Aug 1999 00:45:29 -0400");
}
