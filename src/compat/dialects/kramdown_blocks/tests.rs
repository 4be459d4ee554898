use super::*;

fn rewritten(text: &str) -> (String, Vec<(usize, String)>) {
    let mut collected = Collected::default();
    let out = rewrite(text, &mut collected).map_or_else(|| text.to_string(), |o| o.text);
    (out, collected.problems.into_iter().map(|(at, _, message)| (at, message)).collect())
}

#[test]
fn keeps_blank_lines_inside_an_html_block() {
    let (text, problems) = rewritten("<div class=\"card\">\n  <p>a</p>\n\n    <p>b</p>\n</div>\nAfter.\n");
    assert_eq!(text, "<div class=\"card\">\n  <p>a</p>\n<!---->\n    <p>b</p>\n</div>\n\nAfter.\n");
    assert!(problems.is_empty());
}

#[test]
fn ends_the_block_at_the_matching_end_tag_of_nested_same_elements() {
    let (text, _) = rewritten("<div><div>\nx\n\n</div>\n\n</div> tail\n");
    assert_eq!(text, "<div><div>\nx\n<!---->\n</div>\n<!---->\n</div>\n\n tail\n");
}

#[test]
fn reads_markdown_inside_with_markdown_1() {
    let (text, _) = rewritten("<div markdown=\"1\">\n*para*\n</div>\n");
    assert_eq!(text, "<div>\n\n\n*para*\n\n\n</div>\n");
}

#[test]
fn leaves_pages_without_blank_lines_in_html_as_they_are() {
    assert!(rewrite("<div>\n<p>x</p>\n</div>\n\nText.\n", &mut Collected::default()).is_none());
    assert!(rewrite("Text with <span>\n\n</span>\n", &mut Collected::default()).is_none());
    assert!(rewrite("```\n<div>\n\n```\n", &mut Collected::default()).is_none());
}

#[test]
fn runs_an_element_never_closed_to_the_end_of_the_page_with_a_warning() {
    let (text, problems) = rewritten("Intro.\n\n<section>\n\nA\n");
    assert_eq!(text, "Intro.\n\n<section>\n<!---->\nA\n</section>\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, 8);
    assert!(problems[0].1.starts_with("`<section>` has no end tag"), "{}", problems[0].1);
}

#[test]
fn reads_extensions_as_kramdown_does() {
    let (text, _) =
        rewritten("{::comment}\nGone\n{:/comment}\n{::options parse_block_html=\"true\" /}\nA {::comment}x{:/} b.\n");
    assert_eq!(text, "A  b.\n");
    let (text, _) = rewritten("{::something}\nkept\n{:/something}\n\n{::nomarkdown}\nno stop\n");
    assert_eq!(text, "{::something}\nkept\n{:/something}\n\n{::nomarkdown}\nno stop\n");
}

#[test]
fn reads_start_tags_across_lines_and_their_markdown_attribute() {
    let tag = start_tag("<DIV class='a b'\n markdown=\"1\" hidden>").unwrap();
    assert_eq!((tag.name.as_str(), tag.self_closing), ("div", false));
    assert_eq!(tag.markdown, Some((16..30, "1".to_string())));
    assert!(start_tag("<div/>").unwrap().self_closing);
    assert!(start_tag("<div class=\"a>").is_none());
    assert!(start_tag("<1div>").is_none());
}

/// An element's text longer than the window a start tag is read in, with a character
/// of several bytes where the window ends: read without splitting it.
#[test]
fn reads_long_tags_and_texts_of_characters_of_several_bytes() {
    for shift in 0..3 {
        let long = format!("{}{}", "x".repeat(shift), "ü—".repeat(1_500));
        let text = format!("<div class=\"a\">\n\n<div>{long}</div>\n\nText {long}\n</div>\n");
        let (out, problems) = rewritten(&text);
        assert!(out.contains("<!---->"), "the block runs to its end tag");
        assert!(problems.is_empty(), "{problems:?}");
    }
}

#[test]
fn reads_a_paragraph_with_markdown_1_as_spans_in_its_own_tags() {
    let (text, _) = rewritten("<p class=\"x\" markdown=\"1\">\n  *a*\n\n  - b\n</p>\nAfter.\n");
    assert_eq!(text, "\n\n\u{e000}0\u{e001}*a*\n\\- b\n\u{e000}1\u{e001}\n\nAfter.\n");
}

#[test]
fn reads_the_markdown_attribute_of_elements_inside_raw_html() {
    let page = "<div class=\"alert\">\n  <p markdown=\"1\">\n    **Note**\n  </p>\n\n</div>\n";
    let mut collected = Collected::default();
    let out = rewrite(page, &mut collected).unwrap().text;
    assert_eq!(out, "<div class=\"alert\">\n  \n\n\u{e000}0\u{e001}**Note**\n\u{e000}1\u{e001}\n\n\n<!---->\n</div>\n");
    assert_eq!(collected.placeholders[0].html, "<p>");
    // Inside a line, the attribute is dropped and the content left raw.
    let (out, _) = rewritten("<div><span markdown=\"1\">*a*</span>\n\n</div>\n");
    assert_eq!(out, "<div><span>*a*</span>\n<!---->\n</div>\n");
}
