//! MDX has no indented code blocks: on an MDX page a line indented four columns past
//! its block is text, so the body of a `:::note` written indented is a paragraph (or a
//! list, a heading...), not code. Between the line-based and the inline stage
//! ([`super`]):
//!
//! 1. parse the page as it stands and find the lines pulldown-cmark reads as indented
//!    code;
//! 2. take four columns of indentation off each (after a blockquote's `>` markers, so
//!    a list item's own indentation stays);
//! 3. again while any is left (a line indented eight spaces takes two rounds), at most
//!    [`MAX_ROUNDS`] times. Fenced code is untouched.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::Output;

/// The most rounds: a line indented more than `4 * MAX_ROUNDS` columns stays code.
const MAX_ROUNDS: usize = 8;

/// One line of the page: where it ends, where its indentation starts (after any
/// blockquote markers), and how many bytes of that indentation are taken off.
struct Line {
    end: usize,
    indent_at: usize,
    removed: usize,
}

/// `text` with what pulldown-cmark reads as indented code made text, or `None` when it
/// has none.
pub(super) fn unindent(text: &str) -> Option<Output> {
    if !text.contains("    ") && !text.contains('\t') {
        return None;
    }
    let mut lines = lines_of(text);
    let mut changed = false;
    for _ in 0..MAX_ROUNDS {
        let current = written(text, &lines).text;
        let code = indented_code_lines(&current);
        if code.is_empty() {
            break;
        }
        // Line `i` of the rewritten text is line `i` of the source: lines are kept.
        let mut taken = false;
        for i in code {
            let Some(line) = lines.get_mut(i) else { continue };
            let more = four_columns(&text[line.indent_at + line.removed..line.end]);
            line.removed += more;
            taken |= more > 0;
        }
        if !taken {
            break;
        }
        changed = true;
    }
    changed.then(|| written(text, &lines))
}

/// The lines of `text`, nothing removed yet.
fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let end = start + raw.trim_end_matches(['\n', '\r']).len();
        lines.push(Line { end, indent_at: start + quote_prefix(&text[start..end]), removed: 0 });
        start += raw.len();
    }
    lines
}

/// The length of the blockquote markers (`> `, `>> `) that open `line`.
fn quote_prefix(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 3 || !rest[spaces..].starts_with('>') {
            return at;
        }
        at += spaces + 1;
        if line[at..].starts_with(' ') {
            at += 1;
        }
    }
}

/// The bytes of the first four columns of indentation of `text`: up to four spaces, or
/// the spaces before a tab and the tab.
fn four_columns(text: &str) -> usize {
    let mut width = 0;
    for (i, c) in text.char_indices() {
        match c {
            ' ' if width < 4 => width += 1,
            '\t' => return i + 1,
            _ => return i,
        }
        if width == 4 {
            return i + 1;
        }
    }
    text.len()
}

/// The text with each line's removed indentation left out, mapped to the source.
fn written(text: &str, lines: &[Line]) -> Output {
    let mut out = Output { text: String::with_capacity(text.len()), ..Output::default() };
    let mut at = 0;
    for line in lines {
        let cut = line.indent_at + line.removed;
        out.push("", &text[at..line.indent_at], at);
        at = cut;
    }
    out.push("", &text[at..], at);
    out
}

/// The numbers of the lines (from 0) that hold indented code in `text`.
fn indented_code_lines(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut lines = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => open = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = open.take() {
                    let last = line_of(range.end.saturating_sub(1).max(start));
                    let blank = |i: usize| {
                        let end = starts.get(i + 1).copied().unwrap_or(text.len());
                        text[starts[i]..end].trim().is_empty()
                    };
                    lines.extend((line_of(start)..=last).filter(|&i| !blank(i)));
                }
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unindented(text: &str) -> String {
        unindent(text).map_or_else(|| text.to_string(), |out| out.text)
    }

    #[test]
    fn takes_indented_code_out_of_code_and_leaves_the_rest() {
        assert_eq!(unindented("<div>\n\n    Body **bold**.\n\n</div>\n"), "<div>\n\nBody **bold**.\n\n</div>\n");
        assert_eq!(unindented("Text\n\n        deeper\n"), "Text\n\ndeeper\n");
        assert_eq!(unindented("- item\n\n      code\n"), "- item\n\n  code\n", "the item's own indentation stays");
        assert_eq!(unindented("- item\n\n          code\n"), "- item\n\n  code\n");
        assert_eq!(unindented("- item\n\n     text\n"), "- item\n\n     text\n", "no code there");
        assert_eq!(unindented(">     quoted\n"), "> quoted\n");
        assert_eq!(unindented("```\n    fenced\n```\n"), "```\n    fenced\n```\n");
        assert_eq!(unindented("Para\n    lazy line\n"), "Para\n    lazy line\n");
        assert_eq!(unindented("\tTabbed\n"), "Tabbed\n");
    }

    #[test]
    fn maps_each_line_to_its_place_in_the_source() {
        let text = "# T\n\n    Body\n";
        let out = unindent(text).unwrap();
        let at = out.text.find("Body").unwrap();
        assert_eq!(out.map.source_offset(at), text.find("Body").unwrap());
    }
}
