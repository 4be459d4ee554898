use super::*;

/// `basic_generate_id` and `generate_id` (gettalong/kramdown at 12b3d2e7,
/// lib/kramdown/converter/base.rb) on the raw texts of
/// test/testcases/block/04_header/with_auto_ids.text and with_auto_id_prefix.text.
#[test]
fn makes_the_ids_kramdown_makes() {
    let cases = [
        ("This is a header", "this-is-a-header"),
        ("12. Another one-1-here", "another-one-1-here"),
        ("Do ^& it now", "do--it-now"),
        ("Hallo", "hallo"),
        ("Not now", "not-now"),
        ("23232", "section"),
        ("hallO", "hallo"),
        ("Header 1", "header-1"),
        ("123", "section"),
        // Derived from the rule: only ASCII letters start an id, only ASCII is kept.
        ("Über uns", "ber-uns"),
        ("`code` and *emphasis*", "code-and-emphasis"),
        ("[Link](http://example.org/a)", "linkhttpexampleorga"),
        ("Tab\there", "tabhere"),
    ];
    for (text, id) in cases {
        assert_eq!(kramdown_heading_id(text), id, "{text:?}");
    }
}

/// `generate_gfm_header_id` (kramdown/parser-gfm at bb3a2b25, lib/kramdown/parser/gfm.rb)
/// on the texts its `update_raw_text` makes of test/testcases/header_ids.text.
#[test]
fn makes_the_ids_kramdown_parser_gfm_makes() {
    let cases = [
        ("variable_name", "variable_name"),
        ("abc def öúß", "abc-def-öúß"),
        ("192 abc 192", "192-abc-192"),
        (";.;;", ""),
        ("before \tafter tab", "before--after-tab"),
        ("with code", "with-code"),
        ("with \u{a0}ä\u{a0}space", "with-äspace"),
        ("With \u{201c}smart\u{201d} quotes", "with-smart-quotes"),
        ("with \u{2014} \u{ab}\u{a0}typographic\u{a0}\u{bb} \u{2026} symbols", "with--typographic--symbols"),
        ("with m=5", "with-m5"),
        // Derived from the rule: Ruby's `\p{Word}` holds every number and mark.
        ("x² and ½", "x²-and-½"),
        ("U\u{308}ber", "u\u{308}ber"),
        ("😄 emoji", "-emoji"),
    ];
    for (text, id) in cases {
        assert_eq!(kramdown_gfm_heading_id(text), id, "{text:?}");
    }
}

/// `TYPOGRAPHIC_SYMS` (gettalong/kramdown at 12b3d2e7,
/// lib/kramdown/parser/kramdown/typographic_symbol.rb), as header_ids.text writes them.
#[test]
fn reads_typographic_symbols_as_kramdown_does() {
    assert_eq!(
        kramdown_typography("with --- << typographic >> ... symbols"),
        "with \u{2014} \u{ab}\u{a0}typographic\u{a0}\u{bb} \u{2026} symbols"
    );
    assert_eq!(kramdown_typography("a -- b ---- c"), "a \u{2013} b \u{2014}- c");
    assert_eq!(kramdown_typography("<<a>>"), "\u{ab}a\u{bb}");
    assert_eq!(kramdown_typography("Über"), "Über");
}

/// `parse_header_contents` and `parse_atx_header` (gettalong/kramdown at 12b3d2e7,
/// lib/kramdown/parser/kramdown/header.rb).
#[test]
fn keeps_the_source_line_kramdown_keeps() {
    let cases = [
        ("# This is a header\n", "This is a header"),
        ("## 12. Another one-1-here ##\n", "12. Another one-1-here"),
        ("### Do ^& it now\n", "Do ^& it now"),
        ("Hallo\n=====\n", "Hallo"),
        ("Not now  \n-------\n", "Not now"),
        ("# test {#myid}\n", "test"),
        ("# C#\n", "C"),
        ("# Escaped \\##\n", "Escaped \\#"),
        ("# `code` *and* [link](a.md)\n", "`code` *and* [link](a.md)"),
    ];
    for (source, line) in cases {
        assert_eq!(kramdown_source_line(source), line, "{source:?}");
    }
}
