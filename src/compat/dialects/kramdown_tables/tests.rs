use super::*;

/// The text `text` becomes, and the sections named for the placeholder, when a table
/// starts at its first line.
fn rewritten(text: &str) -> Option<(String, Option<String>)> {
    let found = read(text, 0, text.len())?;
    let mut edits = found.edits;
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::new();
    let mut at = 0;
    for (range, with) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some((out, found.sections))
}

#[test]
fn pads_the_head_and_its_separator_to_the_widest_row() {
    let text = "| | OIDC | SAML |\n|---|-----|\n| dev | a | b |\n";
    let (out, sections) = rewritten(text).unwrap();
    assert_eq!(out, "| | OIDC | SAML |\n|---|---|---|\n| dev | a | b |\n");
    assert_eq!(sections, None);
    let (out, _) = rewritten("a | b\n-|-\nc | d | e\n").unwrap();
    assert_eq!(out, "a | b | |\n|---|---|---|\nc | d | e\n");
}

#[test]
fn a_table_without_a_separator_has_no_head() {
    let (out, sections) = rewritten("| a | b |\n| c | d |\n").unwrap();
    assert_eq!(out, "| a | b |\n|---|---|\n| c | d |\n");
    assert_eq!(sections.as_deref(), Some("b2"));
}

#[test]
fn separators_start_bodies_and_the_footer() {
    let (out, sections) = rewritten("| h |\n|:-:|\n| a |\n|---|\n| b |\n|===|\n| f |\n").unwrap();
    assert_eq!(out, "| h |\n|:-:|\n| a |\n| b |\n| f |\n");
    assert_eq!(sections.as_deref(), Some("h1 b1 b1 f1"));
}

#[test]
fn pipes_in_code_are_escaped_and_split_no_cell() {
    let (out, _) = rewritten("| cmd | what |\n|---|---|\n| `ps | grep x` | find it |\n").unwrap();
    assert_eq!(out, "| cmd | what |\n|---|---|\n| `ps \\| grep x` | find it |\n");
}

#[test]
fn leaves_what_kramdown_reads_as_no_table() {
    // Followed by a paragraph line: no block boundary.
    assert!(rewritten("| a | b |\n|---|---|\nparagraph\n").is_none());
    // Only escaped pipes or pipes in code.
    assert!(rewritten("`a | b`\n").is_none());
    assert!(rewritten("a \\| b\n").is_none());
    // No body.
    assert!(rewritten("|-|-|-\n").is_none());
    // A list item, a quote, a heading.
    assert!(rewritten("- a | b\n").is_none());
    assert!(rewritten("> a | b\n").is_none());
    assert!(rewritten("# a | b\n").is_none());
}

#[test]
fn a_row_with_a_leading_pipe_under_a_first_line_without_keeps_its_empty_cell() {
    let (out, _) = rewritten(" head1 | head2\n-------|------\n       | cell2\n").unwrap();
    assert_eq!(out, " head1 | head2\n|---|---|\n       || cell2\n");
}

#[test]
fn reads_alignments_as_kramdown_does() {
    assert_eq!(alignments("|-| :- |:-: | -: |"), [Align::Default, Align::Left, Align::Center, Align::Right]);
    assert_eq!(alignments("---:  \t|\t:---:"), [Align::Right, Align::Center]);
    assert_eq!(alignments("-:-"), [Align::Right, Align::Default]);
}
