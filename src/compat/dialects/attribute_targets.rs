//! The inline element an attribute list is written right after, as Python-Markdown's
//! `attr_list` finds it (`markdown/extensions/attr_list.py`, `INLINE_RE = ^{BASE_RE}`
//! applied to the tail text of each inline element; documented under "Attribute Lists",
//! *Inline*: "attribute lists ... placed immediately after an inline element"):
//!
//! ```markdown
//! [Subscribe](https://example.com){ .md-button }   [Subscribe][newsletter]{ .md-button }
//! __Update__{ title="21 August" }   `code`{: .lang }   :octicons-heart-16:{ .heart }
//! ```
//!
//! A link or image (inline or by reference), strong or emphasised text and a code span
//! take the attributes on their own tag. An icon shortcode (`:name:`, an MkDocs Material
//! emoji, which opsbook does not draw) has no element: its list is dropped.

use std::ops::Range;

/// The kind of an inline element an attribute list follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A link or image; `destination` is its URL's range in the text (of the
    /// reference's definition, for a reference link).
    Link { image: bool, whole: Range<usize>, text: Range<usize>, destination: Range<usize> },
    /// `**strong**`, `__strong__`, `*em*` or `_em_`: the delimiters' ranges and the tag.
    Emphasis { tag: &'static str, open: Range<usize>, close: Range<usize> },
    /// A code span: its whole range and its code's.
    Code { whole: Range<usize>, code: Range<usize> },
    /// An icon shortcode `:name:`.
    Icon,
}

/// How far back on its line an element is looked for, in bytes.
const REACH: usize = 1000;

/// The inline element that ends right at `at`, if one does.
pub(super) fn before(text: &str, at: usize) -> Option<Target> {
    // Every element this finds ends in one of these: a line of `{{ {{ …` (millions of
    // candidates on a large page) costs each candidate one byte, not its reach.
    if !matches!(text.as_bytes().get(at.wrapping_sub(1)), Some(b')' | b']' | b'`' | b':' | b'*' | b'_')) {
        return None;
    }
    let before = &text[..at];
    // The line is looked for within the reach only, so that a long line of candidates
    // costs each one the reach, not the line.
    let reach = floor(before, at.saturating_sub(REACH));
    let line_start = before[reach..].rfind('\n').map_or(reach, |n| reach + n + 1);
    let line = &before[line_start..];
    if line.ends_with(')') {
        return link(text, at);
    }
    if line.ends_with(']') {
        return reference(text, at, line_start);
    }
    if line.ends_with('`') {
        return code(text, at, line_start);
    }
    if let Some(before) = line.strip_suffix(':') {
        let name = before.rsplit(':').next()?;
        let icon = line.len() > name.len() + 1
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'));
        return icon.then_some(Target::Icon);
    }
    emphasis(text, at, line_start)
}

/// The nearest character boundary at or before `at`.
fn floor(text: &str, at: usize) -> usize {
    (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)
}

/// An inline link or image `[text](destination)` ending at `at`.
fn link(text: &str, at: usize) -> Option<Target> {
    let before = text[..at].strip_suffix(')')?;
    let low = floor(before, before.len().saturating_sub(REACH));
    let open_paren = before[low..].rfind("](")? + low;
    let destination = open_paren + 2..before.len();
    let dest = &text[destination.clone()];
    if dest.is_empty() || dest.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>') {
        return None;
    }
    let start = bracket_open(text, open_paren)?;
    let image = text[..start].ends_with('!');
    let whole_start = if image { start - 1 } else { start };
    Some(Target::Link { image, whole: whole_start..at, text: start + 1..open_paren, destination })
}

/// The `[` that opens the bracket closed by the `]` at `close`, on its line.
fn bracket_open(text: &str, close: usize) -> Option<usize> {
    let low = close.saturating_sub(REACH);
    let mut depth = 0usize;
    for (i, c) in text[..close].char_indices().rev() {
        if i < low || c == '\n' {
            return None;
        }
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some(i),
            '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A reference link or image ending at `at` (`[text][label]`, `[text][]` or
/// `[label]`), whose label is defined in the page (`[label]: url`, matched without
/// regard to case, as CommonMark does).
fn reference(text: &str, at: usize, line_start: usize) -> Option<Target> {
    let close = at - 1;
    let open = bracket_open(text, close).filter(|&o| o >= line_start)?;
    let (label, link_text) = if text[..open].ends_with(']') {
        let text_open = bracket_open(text, open - 1)?;
        let label = &text[open + 1..close];
        let label = if label.is_empty() { &text[text_open + 1..open - 1] } else { label };
        (label, text_open + 1..open - 1)
    } else {
        (&text[open + 1..close], open + 1..close)
    };
    let destination = definition(text, label)?;
    let start = link_text.start - 1;
    let image = text[..start].ends_with('!');
    let whole_start = if image { start - 1 } else { start };
    Some(Target::Link { image, whole: whole_start..at, text: link_text, destination })
}

/// The destination of the reference definition `[label]: url` in `text`, if any.
fn definition(text: &str, label: &str) -> Option<Range<usize>> {
    let wanted = label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let Some(rest) = trimmed.strip_prefix('[').filter(|_| indent < 4) else { continue };
        let Some((name, after)) = rest.split_once("]:") else { continue };
        if name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase() != wanted {
            continue;
        }
        let url = after.trim_start();
        let url_start = start + line.len() - url.len();
        let len = url.find(char::is_whitespace).unwrap_or(url.len());
        let (url_start, len) = match url[..len].strip_prefix('<') {
            Some(inner) => (url_start + 1, inner.find('>').unwrap_or(inner.len())),
            None => (url_start, len),
        };
        return (len > 0).then_some(url_start..url_start + len);
    }
    None
}

/// A code span ending at `at`: a run of backticks and the same run before it.
fn code(text: &str, at: usize, line_start: usize) -> Option<Target> {
    let line = &text[line_start..at];
    let run = line.len() - line.trim_end_matches('`').len();
    let fence = &line[line.len() - run..];
    let inside_end = at - run;
    let open = text[line_start..inside_end].rfind(fence)? + line_start;
    // The opening run is exactly as long.
    if text[..open].ends_with('`') || open + run > inside_end {
        return None;
    }
    Some(Target::Code { whole: open..at, code: open + run..inside_end })
}

/// Strong or emphasised text ending at `at`: its closing delimiter follows text, and the
/// same delimiter opens it earlier on the line, before text.
fn emphasis(text: &str, at: usize, line_start: usize) -> Option<Target> {
    let line = &text[line_start..at];
    let (delimiter, tag) =
        ["**", "__", "*", "_"].into_iter().zip(["strong", "strong", "em", "em"]).find(|(d, _)| line.ends_with(d))?;
    let close = at - delimiter.len()..at;
    let inner_end = close.start;
    if text[..inner_end].ends_with(char::is_whitespace) || inner_end == line_start {
        return None;
    }
    let mut search_end = inner_end;
    while let Some(found) = text[line_start..search_end].rfind(delimiter) {
        let open = line_start + found;
        let after = &text[open + delimiter.len()..inner_end];
        let doubled = text[..open].ends_with(&delimiter[..1]);
        if !after.is_empty() && !after.starts_with(char::is_whitespace) && !doubled {
            return Some(Target::Emphasis { tag, open: open..open + delimiter.len(), close });
        }
        search_end = open;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_brace(text: &str) -> Option<Target> {
        before(text, text.find('{').expect("a brace"))
    }

    #[test]
    fn finds_the_element_an_attribute_list_follows() {
        let text = "Go [there](https://x.org){ .b }";
        assert_eq!(at_brace(text), Some(Target::Link { image: false, whole: 3..25, text: 4..9, destination: 11..24 }));
        let text = "[Sub][demo]{ .b }\n\n[Demo]: https://demo.org \"t\"\n";
        let Some(Target::Link { destination, text: inner, .. }) = at_brace(text) else { panic!("a reference") };
        assert_eq!((&text[destination], &text[inner]), ("https://demo.org", "Sub"));
        let text = "[Demo]{ .b }\n\n[demo]: <https://demo.org>\n";
        let Some(Target::Link { destination, .. }) = at_brace(text) else { panic!("a shortcut reference") };
        assert_eq!(&text[destination], "https://demo.org");
        assert_eq!(at_brace("[undefined]{ .b }"), None);
        assert_eq!(
            at_brace("An __Update__{ title=\"x\" }"),
            Some(Target::Emphasis { tag: "strong", open: 3..5, close: 11..13 })
        );
        assert_eq!(at_brace("a *b*{ .c }"), Some(Target::Emphasis { tag: "em", open: 2..3, close: 4..5 }));
        assert_eq!(at_brace("run `ls -l`{: .sh }"), Some(Target::Code { whole: 4..11, code: 5..10 }));
        assert_eq!(at_brace(":octicons-heart-16:{ .x }"), Some(Target::Icon));
        assert_eq!(at_brace("plain text{ .x }"), None);
        assert_eq!(at_brace("time 10:{ .x }"), None);
        assert_eq!(at_brace("a * b *{ .x }"), None);
    }
}
