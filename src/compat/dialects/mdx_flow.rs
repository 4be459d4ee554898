//! MDX's flow elements: on an MDX page a line holding only JSX tags (`<details>`,
//! `</div>`, `<Note kind="x">`, a tag may span lines) is an element's tag of its own,
//! and the lines up to its closing tag are Markdown, blank lines and code fences
//! included; CommonMark reads an HTML block there, which ends at the first blank line,
//! inside a fence too. Between the line-based stages and [`super::mdx_code`]:
//!
//! 1. walk the lines, leaving fenced code, HTML comments and `<pre>`, `<script>`,
//!    `<style>`, `<textarea>` blocks as they are;
//! 2. put a blank line before and after each line of tags only, unless the line there
//!    is blank or starts with a tag itself, so the tag is an HTML block and what is
//!    between the tags is read as Markdown;
//! 3. put one after a line that starts with a tag but holds text (`<summary>Title</summary>`)
//!    when a fence opens on the next line, which the HTML block would swallow.

use super::admonitions::fence;
use super::{Output, RAW_TEXT_ELEMENTS};

/// What a line of the page is, for this stage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Blank,
    /// Tags only, to the end of the line (which may be a later line: `end`).
    Flow,
    /// It starts with a tag and holds more.
    Tagged,
    /// A fence opening.
    Fence,
    /// A line of an HTML comment or of a `<pre>`, `<script>`, `<style>`, `<textarea>`.
    Html,
    /// Anything else: Markdown, or a line of fenced code.
    Other,
}

/// `text` with the flow tags of an MDX page on lines of their own, or `None` when
/// nothing changes.
pub(super) fn separate(text: &str) -> Option<Output> {
    if !text.contains('<') {
        return None;
    }
    let lines = classify(text);
    let mut out = Output { text: String::with_capacity(text.len() + 64), ..Output::default() };
    let mut changed = false;
    for (i, &(start, end, kind)) in lines.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| lines[j].2);
        let after = lines.get(i + 1).map(|line| line.2);
        let blank_before = kind == Kind::Flow && matches!(before, Some(Kind::Other | Kind::Fence));
        let blank_after = match kind {
            Kind::Flow => matches!(after, Some(Kind::Other | Kind::Fence)),
            Kind::Tagged => after == Some(Kind::Fence),
            _ => false,
        };
        if blank_before {
            out.push("\n", "", start);
        }
        out.push("", &text[start..end], start);
        if blank_after {
            out.push("\n", "", end);
        }
        changed |= blank_before || blank_after;
    }
    changed.then_some(out)
}

/// The lines of `text` (a multi-line tag is one) with what each is: (start, end after
/// its line ending, kind).
fn classify(text: &str) -> Vec<(usize, usize, Kind)> {
    let mut lines = Vec::new();
    let mut at = 0;
    // The fence open (its character and length), or the end marker of a comment or a
    // raw element, whose lines are passed over.
    let mut open_fence: Option<(char, usize)> = None;
    let mut until: Option<String> = None;
    while at < text.len() {
        let ends = line_end(text, at);
        let line = &text[at..ends];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let mut end = ends;
        let kind = if let Some((mark, len)) = open_fence {
            if fence(trimmed).is_some_and(|(m, l, info)| m == mark && l >= len && info.is_empty()) {
                open_fence = None;
            }
            Kind::Other
        } else if let Some(marker) = &until {
            if line.to_ascii_lowercase().contains(marker.as_str()) {
                until = None;
            }
            Kind::Html
        } else if trimmed.trim().is_empty() {
            Kind::Blank
        } else if let Some((mark, len, _)) = fence(trimmed).filter(|(m, _, info)| *m == '~' || !info.contains('`')) {
            open_fence = Some((mark, len));
            Kind::Fence
        } else if let Some(marker) = raw_end(trimmed) {
            if !trimmed[2..].to_ascii_lowercase().contains(marker.as_str()) {
                until = Some(marker);
            }
            Kind::Html
        } else if trimmed.starts_with('<') {
            match tags_end(text, ends - trimmed.len()) {
                Some((tags, flow)) => {
                    end = tags.max(ends);
                    if flow { Kind::Flow } else { Kind::Tagged }
                }
                None => Kind::Other,
            }
        } else {
            Kind::Other
        };
        lines.push((at, end, kind));
        at = end;
    }
    lines
}

/// The end marker (lowercase) of a comment or raw element that `trimmed` opens.
fn raw_end(trimmed: &str) -> Option<String> {
    let rest = trimmed.strip_prefix('<')?;
    if rest.starts_with("!--") {
        return Some("-->".to_string());
    }
    RAW_TEXT_ELEMENTS
        .iter()
        .find(|name| {
            rest.get(..name.len()).is_some_and(|written| written.eq_ignore_ascii_case(name))
                && rest[name.len()..].chars().next().is_none_or(|c| c == '>' || c.is_whitespace())
        })
        .map(|name| format!("</{name}>"))
}

/// The tags from `at`, as `jsx-flow.js` reads a flow tag: where the line the last of
/// them ends on ends (after its line ending), and whether nothing but spaces and tabs
/// follows them there; `None` when no tag starts at `at`.
fn tags_end(text: &str, mut at: usize) -> Option<(usize, bool)> {
    let mut first = true;
    loop {
        let Some(after) = tag_end(text, at) else {
            return (!first).then(|| (line_end(text, at), false));
        };
        first = false;
        let rest = &text[after..];
        let next = after + rest.len() - rest.trim_start_matches([' ', '\t']).len();
        match text[next..].chars().next() {
            None | Some('\n' | '\r') => return Some((line_end(text, next), true)),
            Some('<') => at = next,
            Some(_) => return Some((line_end(text, next), false)),
        }
    }
}

/// The offset after the line ending of the line `at` is on (the text's end on the last).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The end (after `>`) of the JSX tag at `at`: `<name …>`, `</name>`, `<name />` or a
/// fragment `<>`; names of letters, digits, `-`, `_`, `$`, `.` and `:`; attribute values
/// quoted or in braces, over lines too, as the inline stage reads a component's tag.
fn tag_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    if bytes.get(at) != Some(&b'<') {
        return None;
    }
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b'$' | b'.' | b':'))
    {
        i += 1;
    }
    let name = &text[name_start..i];
    if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$') {
        return None;
    }
    if name.is_empty() && bytes.get(i) != Some(&b'>') {
        return None;
    }
    super::mdx::tag_close(text, i).map(|close| close + 1)
}

#[cfg(test)]
#[path = "mdx_flow_tests.rs"]
mod tests;
