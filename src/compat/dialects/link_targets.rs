//! Inline links and images whose `(…)` CommonMark reads as no destination, written in
//! CommonMark's form where the old tool's Markdown read a link
//! ([`LinkTargets`]): Python-Markdown (MkDocs) reads a destination up to the `)` that
//! matches the `(`, spaces and all (`![x](./media/Single ToR.png)`); Redcarpet (the
//! GOV.UK Tech Docs Template) too, and lets white space come between `]` and `(`
//! (`[text] (url)`). Such a link's `(…)` becomes `(<destination> "title")`; every other
//! link, and the code of the page, stay as written.

use std::ops::Range;

use super::Output;
use crate::content::site_data::LinkTargets;

/// How far a link's text, and then its `(…)`, are looked for: each `[` of a paragraph
/// of many would otherwise read the rest of it again.
const MOST_BYTES: usize = 4096;

/// A link's `(…)` as the tool read it.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    href: String,
    title: Option<String>,
    /// The byte after its `)`.
    end: usize,
}

/// `text` with the links `rule` reads and CommonMark does not written in CommonMark's
/// form, or `None` when it has none.
pub(super) fn rewrite(text: &str, rule: LinkTargets) -> Option<Output> {
    if rule == LinkTargets::CommonMark || !text.contains(']') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut code: Option<Vec<Range<usize>>> = None;
    let mut out = Output::default();
    let (mut copied, mut at, mut paragraph_end) = (0, 0, 0);
    while let Some(found) = memchr::memchr(b'[', &bytes[at..]) {
        let open = at + found;
        at = open + 1;
        if open > 0 && bytes[open - 1] == b'\\' {
            continue;
        }
        if open >= paragraph_end {
            paragraph_end = memchr::memmem::find(&bytes[open..], b"\n\n").map_or(text.len(), |end| open + end);
        }
        let Some(close) = closing_bracket(&bytes[..paragraph_end.min(open + MOST_BYTES)], open) else { continue };
        let spaces = match rule {
            LinkTargets::SpacedToMatchingParen => {
                bytes[close + 1..paragraph_end].iter().take_while(|&&b| matches!(b, b' ' | b'\n' | b'\t')).count()
            }
            _ => 0,
        };
        let paren = close + 1 + spaces;
        if bytes.get(paren) != Some(&b'(') || paren >= paragraph_end {
            continue;
        }
        let data = &text[..crate::char_boundary::floor_char_boundary(text, paragraph_end.min(paren + MOST_BYTES))];
        let target = match rule {
            LinkTargets::SpacedToMatchingParen => redcarpet_target(data, paren + 1),
            _ => python_markdown_target(data, paren + 1),
        };
        let Some(target) = target.filter(|t| spaces > 0 || unread_by_commonmark(&t.href)) else { continue };
        let Some(written) = commonmark_form(&target) else { continue };
        let code = code.get_or_insert_with(|| super::scan::code_ranges(text));
        // A code span may be in the link's text, not around its brackets or in its `(…)`.
        if code.iter().any(|c| c.contains(&open) || (c.start < target.end && close < c.end)) {
            continue;
        }
        out.push("", &text[copied..close + 1], copied);
        out.push(&written, "", close + 1);
        copied = target.end;
        at = target.end;
    }
    if copied == 0 {
        return None;
    }
    out.push("", &text[copied..], copied);
    Some(out)
}

/// The `]` that closes the `[` at `open`, nested brackets and escaped ones passed over.
fn closing_bracket(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether CommonMark reads no destination `href` written bare: it has white space, or
/// parentheses that do not match.
fn unread_by_commonmark(href: &str) -> bool {
    let mut depth = 0i32;
    for c in href.chars() {
        match c {
            ' ' | '\t' | '\n' => return true,
            '(' => depth += 1,
            ')' if depth == 0 => return true,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth != 0
}

/// `(<href> "title")`, or `None` when the destination cannot be written so.
fn commonmark_form(target: &Target) -> Option<String> {
    if target.href.contains('\n') || target.href.ends_with('\\') {
        return None;
    }
    let href = target.href.replace('<', "\\<").replace('>', "\\>");
    Some(match &target.title {
        Some(title) if !title.is_empty() => format!("(<{href}> \"{}\")", title.replace('"', "\\\"")),
        _ => format!("(<{href}>)"),
    })
}

/// Python-Markdown's `LinkInlineProcessor.getLink` on `data` from `start`, right after
/// the `(`: a destination up to the matching `)`, with a title in quotes right before
/// it (of either quote, the second kind tried when the first does not end there).
/// `None` for one in `<…>`, which CommonMark reads, or no link.
fn python_markdown_target(data: &str, start: usize) -> Option<Target> {
    let start = start + data[start..].len() - data[start..].trim_start().len();
    if data[start..].starts_with('<') {
        return None;
    }
    let (mut brackets, mut backtrack, mut last_bracket) = (1i32, 1i32, None);
    let (mut quote, mut start_quote, mut exit_quote) = (None::<char>, 0, None::<usize>);
    let (mut alt_quote, mut start_alt, mut exit_alt) = (None::<char>, 0, None::<usize>);
    let (mut ignore, mut last) = (false, '\0');
    for (offset, c) in data[start..].char_indices() {
        let (pos, next) = (start + offset, start + offset + c.len_utf8());
        match c {
            '(' if !ignore => brackets += 1,
            '(' if backtrack > 0 => backtrack -= 1,
            ')' if (exit_quote.is_some() && quote == Some(last)) || (exit_alt.is_some() && alt_quote == Some(last)) => {
                brackets = 0;
            }
            ')' if !ignore => brackets -= 1,
            ')' if backtrack > 0 => {
                backtrack -= 1;
                if backtrack == 0 {
                    last_bracket = Some(next);
                }
            }
            '\'' | '"' if quote.is_none() => {
                (ignore, backtrack, brackets) = (true, brackets, 1);
                (start_quote, quote) = (next, Some(c));
            }
            '\'' | '"' if Some(c) != quote && alt_quote.is_none() => (start_alt, alt_quote) = (next, Some(c)),
            '\'' | '"' if Some(c) == quote => exit_quote = Some(next),
            '\'' | '"' if alt_quote == Some(c) => exit_alt = Some(next),
            _ => {}
        }
        if brackets == 0 {
            let titled = |exit: Option<usize>, q: Option<char>, from: usize| {
                let exit = exit.filter(|_| q == Some(last))?;
                Some((&data[start..from - 1], Some(&data[from..exit - 1])))
            };
            let (href, title) = titled(exit_quote, quote, start_quote)
                .or_else(|| titled(exit_alt, alt_quote, start_alt))
                .unwrap_or((&data[start..pos], None));
            return Some(python_markdown_parts(href, title, next));
        }
        if c != ' ' {
            last = c;
        }
    }
    let end = last_bracket.filter(|_| backtrack == 0)?;
    Some(python_markdown_parts(&data[start..end - 1], None, end))
}

/// The destination stripped, the title's white space made spaces.
fn python_markdown_parts(href: &str, title: Option<&str>, end: usize) -> Target {
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    Target { href: href.trim().to_string(), title, end }
}

/// Redcarpet's `char_link` (`ext/redcarpet/markdown.c`) on `data` from `start`, right
/// after the `(`: the destination up to the `)` that matches, or up to a quote after a
/// space, which opens a title running to the last `)` outside it.
fn redcarpet_target(data: &str, start: usize) -> Option<Target> {
    let bytes = data.as_bytes();
    // `_isspace`: a space or a line break; Redcarpet expanded tabs into spaces before.
    let is_space = |b: u8| b == b' ' || b == b'\n' || b == b'\t';
    let mut i = start + bytes[start..].iter().take_while(|&&b| is_space(b)).count();
    let link_start = i;
    let mut nested = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'(' => (nested, i) = (nested + 1, i + 1),
            b')' if nested == 0 => break,
            b')' => (nested, i) = (nested - 1, i + 1),
            b'\'' | b'"' if is_space(bytes[i - 1]) => break,
            _ => i += 1,
        }
    }
    if i >= bytes.len() {
        return None;
    }
    let mut link_end = i;
    let mut title = None;
    if let quote @ (b'\'' | b'"') = bytes[i] {
        i += 1;
        let title_start = i;
        let mut in_title = true;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b if b == quote => (in_title, i) = (false, i + 1),
                b')' if !in_title => break,
                _ => i += 1,
            }
        }
        if i >= bytes.len() {
            return None;
        }
        let mut title_end = i - 1;
        while title_end > title_start && is_space(bytes[title_end]) {
            title_end -= 1;
        }
        match bytes[title_end] {
            b'\'' | b'"' => title = Some(data[title_start..title_end].to_string()),
            _ => link_end = i,
        }
    }
    while link_end > link_start && is_space(bytes[link_end - 1]) {
        link_end -= 1;
    }
    let link = data[link_start..link_end].strip_prefix('<').unwrap_or(&data[link_start..link_end]);
    let href = link.strip_suffix('>').unwrap_or(link);
    Some(Target { href: href.to_string(), title, end: i + 1 })
}

#[cfg(test)]
mod tests;
