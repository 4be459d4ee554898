//! kramdown and Goldmark attribute lists: `{: .class}`, `{:target="_blank"}`,
//! `{.class #id}` after a link or image, at the end of a heading, or on the line after
//! a block.
//!
//! An attribute list right after a link or image is applied to it (the link or image is
//! written as HTML with its attributes); one at the end of a heading is handed to
//! pulldown-cmark's heading attributes; one at the end of a paragraph or on the line
//! after it goes to the paragraph (after a list, to its last paragraph); anywhere else
//! (after a blank line, a code block) it is dropped, as there is no place to put it. It is never shown. Only the attributes in [`SAFE`] are
//! kept: content is not trusted to add `on*` handlers or `style`.

use std::ops::Range;

use super::Collected;
use super::attribute_targets::{self, Target};
use super::tokens::{Kind, Token};
use crate::html::escape;

pub(crate) use crate::markdown::paragraph_attributes::{KRAMDOWN_TOC, is_safe};

/// The attribute list at `at`, if one starts there: `{:` anything (kramdown), or a
/// Goldmark list `{.` / `{#` right after a link or image (`)`), at the start of a line
/// (Hugo's block attributes), or after white space at the end of its line (a heading's,
/// Goldmark's `parseLastLineAttributes`, or a paragraph's last line).
/// On a page kramdown reads (`page`), a `{:` list takes what kramdown takes
/// ([`parse`]), and an extension's tags (`{::`, `{:/`) are not lists.
pub(super) fn token<'t>(text: &'t str, at: usize, page: super::Page<'_>) -> Option<Token<'t>> {
    let rest = text.get(at..)?;
    let colon = rest.starts_with("{:");
    let kramdown = colon && page.templating.is_some_and(|t| t.site.data.text.kramdown);
    if kramdown && (rest.starts_with("{::") || rest.starts_with("{:/")) {
        return None;
    }
    let before = &text[..at];
    let alone_start =
        before.trim_end_matches([' ', '\t']).is_empty() || before.trim_end_matches([' ', '\t']).ends_with('\n');
    let after_space = before.ends_with([' ', '\t']);
    // Python-Markdown's `BASE_RE` (`\{\:?[ ]*…\}`): spaces may follow the brace, as in
    // `{ .md-button }`; its `INLINE_RE`: a list right after an inline element is that
    // element's ([`attribute_targets`]).
    let first = rest[1..].trim_start_matches(' ').chars().next()?;
    let after_element = !colon && !alone_start && !after_space && attribute_targets::before(text, at).is_some();
    let class_or_id = first == '.' || first == '#';
    // `{ title="…" }`: only where a list stands (after an element, alone on its line);
    // [`parse`] then takes no bare word, so `{ return x }` stays text.
    let key_value = first.is_ascii_alphabetic() && (after_element || alone_start);
    if !colon && !((class_or_id && (after_element || alone_start || after_space)) || key_value) {
        return None;
    }
    let after_link = after_element;
    // An attribute list is short: its `}` is within 200 bytes, on its line.
    let cut = (0..=rest.len().min(200)).rev().find(|i| rest.is_char_boundary(*i)).unwrap_or(0);
    let window = &rest[..cut];
    let line_end = window.find('\n').unwrap_or(window.len());
    let end = window[..line_end].find('}')?;
    // In running text, only a list that ends its line (Goldmark reads a heading's
    // attributes from the end of its line, `parseLastLineAttributes`; braces inside a
    // sentence are text there).
    let tail = &rest[end + 1..];
    if !colon && !after_link && !alone_start && !tail[..tail.find('\n').unwrap_or(tail.len())].trim().is_empty() {
        return None;
    }
    let inner = &rest[if colon { 2 } else { 1 }..end];
    let attributes = parse(inner, !colon, kramdown)?;
    Some(Token { range: at..at + end + 1, kind: Kind::Attributes(attributes), in_code: false })
}

/// The safe attributes of an attribute list's inside, or `None` if it is not one. A
/// Goldmark list (`goldmark`) has no bare words, and its ids and classes are not
/// empty (`parser.ParseAttributes`), so a Nunjucks comment `{# … #}` is none. kramdown
/// (`kramdown`) passes over a word it cannot read (`note.`): the list is still one.
fn parse(inner: &str, goldmark: bool, kramdown: bool) -> Option<Vec<(String, String)>> {
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut classes = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if kramdown && rest.starts_with(['.', '#']) {
            // kramdown's `ALD_TYPE_ID_OR_CLASS_MULTI`: `.a#b.c` is two classes and an id.
            read_ids_and_classes(&rest[..len], &mut attributes, &mut classes);
            rest = rest[len..].trim_start();
        } else if let Some(class) = rest.strip_prefix('.') {
            let len = class.find(char::is_whitespace).unwrap_or(class.len());
            if goldmark && !is_name(&class[..len]) {
                return None;
            }
            classes.push(class[..len].to_string());
            rest = class[len..].trim_start();
        } else if let Some(id) = rest.strip_prefix('#') {
            let len = id.find(char::is_whitespace).unwrap_or(id.len());
            if goldmark && !is_name(&id[..len]) {
                return None;
            }
            attributes.push(("id".into(), id[..len].to_string()));
            rest = id[len..].trim_start();
        } else if let Some(eq) = rest[..len].find('=') {
            let name = &rest[..eq];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return None;
            }
            let value_text = &rest[eq + 1..];
            let (value, after) = match value_text.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = value_text[1..].find(q)? + 1;
                    (&value_text[1..close], &value_text[close + 1..])
                }
                _ => {
                    let l = value_text.find(char::is_whitespace).unwrap_or(value_text.len());
                    (&value_text[..l], &value_text[l..])
                }
            };
            if is_safe(name) {
                attributes.push((name.to_ascii_lowercase(), value.to_string()));
            }
            rest = after.trim_start();
        } else if !goldmark && rest[..len].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            // A reference to an attribute list definition (`{:refname}`): nothing to add,
            // but kramdown's `{:toc}`, which makes the list it follows the table of
            // contents (the body writer drops that list: the page's own stands for it).
            if &rest[..len] == "toc" && inner.trim() == "toc" {
                attributes.push((KRAMDOWN_TOC.into(), String::new()));
            }
            rest = rest[len..].trim_start();
        } else if kramdown {
            rest = rest[len..].trim_start();
        } else {
            return None;
        }
    }
    if !classes.is_empty() {
        attributes.push(("class".into(), classes.join(" ")));
    }
    Some(attributes)
}

/// The ids and classes of a word of kramdown's (`.a#b.c`): each `.` starts a class and
/// each `#` an id, up to the next of either.
fn read_ids_and_classes(word: &str, attributes: &mut Vec<(String, String)>, classes: &mut Vec<String>) {
    let mut starts: Vec<usize> = word.match_indices(['.', '#']).map(|(i, _)| i).collect();
    starts.push(word.len());
    for pair in starts.windows(2) {
        let name = &word[pair[0] + 1..pair[1]];
        if name.is_empty() {
            continue;
        }
        match &word[pair[0]..=pair[0]] {
            "." => classes.push(name.to_string()),
            _ => attributes.push(("id".into(), name.to_string())),
        }
    }
}

/// Whether `name` is an id or class Goldmark reads: not empty, no white space, and of
/// the punctuation only `_`, `-`, `:` and `.`.
fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| !c.is_ascii_punctuation() || matches!(c, '_' | '-' | ':' | '.'))
}

/// pulldown-cmark's heading attributes, `{ #id .class key=value }`, of `attributes`
/// (empty when there is none it can read).
fn heading_spec(attributes: &[(String, String)]) -> String {
    let mut spec = String::from("{");
    for (name, value) in attributes.iter().filter(|(name, _)| name != KRAMDOWN_TOC) {
        if value.contains(|c: char| c.is_whitespace() || c == '}' || c == '"') && name != "class" {
            continue;
        }
        match name.as_str() {
            // An empty id (`{: id=""}`) is a bare key: kramdown then gives the heading
            // no id (`heading_events::heading_id`), where `#` alone is no attribute.
            "id" if value.is_empty() => spec.push_str(" id"),
            "id" => spec.push_str(&format!(" #{value}")),
            "class" => value.split_whitespace().for_each(|c| spec.push_str(&format!(" .{c}"))),
            _ => spec.push_str(&format!(" {name}={value}")),
        }
    }
    spec.push_str(" }");
    if spec == "{ }" { String::new() } else { spec }
}

/// The edits that apply the attribute list at `range`.
pub(super) fn edits(
    text: &str,
    range: Range<usize>,
    attributes: &[(String, String)],
    collected: &mut Collected,
) -> Vec<super::tokens::EditSpec> {
    let drop = vec![(range.clone(), String::new())];
    let line_start = super::tokens::line_start(text, range.start);
    let line = &text[line_start..range.start];
    let rest_of_line = text[range.end..super::tokens::line_end(text, range.end)].trim().is_empty();
    // A heading: pulldown-cmark's own `{#id .class key=value}`.
    if line.starts_with('#') && rest_of_line {
        return vec![(range, heading_spec(attributes))];
    }
    // kramdown's block attribute list on the line after an ATX heading (`## Contents` then
    // `{: .no_toc }`) is the heading's: written at the end of the heading's line.
    if line.trim().is_empty() && rest_of_line && !attributes.is_empty() {
        let mut end = line_start.saturating_sub(1);
        if text[..end].ends_with('\r') {
            end -= 1;
        }
        let previous = &text[super::tokens::line_start(text, end)..end];
        let hashes = previous.bytes().take_while(|b| *b == b'#').count();
        let atx = (1..=6).contains(&hashes) && previous[hashes..].starts_with([' ', '\t']);
        if line_start > 0 && atx && !previous.trim_end().ends_with('}') {
            return vec![(end..end, format!(" {}", heading_spec(attributes))), (range, String::new())];
        }
    }
    let target = attribute_targets::before(text, range.start).filter(|_| !line.trim().is_empty());
    let attrs: String = attributes
        .iter()
        .filter(|(name, _)| name != KRAMDOWN_TOC)
        .map(|(n, v)| format!(" {n}=\"{}\"", escape(v)))
        .collect();
    let link = match target {
        Some(Target::Link { image, whole, text: link_text, destination }) => {
            Some(Link { image, whole, text: link_text, destination })
        }
        Some(Target::Emphasis { tag, open, close }) => {
            let open_html = collected.inline(format!("<{tag}{attrs}>"));
            let close_html = collected.inline(format!("</{tag}>"));
            return vec![(open, open_html), (close.start..range.end, close_html)];
        }
        Some(Target::Code { whole, code }) => {
            let html = collected.inline(format!("<code{attrs}>{}</code>", escape(text[code].trim())));
            return vec![(whole.start..range.end, html)];
        }
        Some(Target::Icon) => return drop,
        None => None,
    };
    let Some(link) = link else {
        // After a paragraph's text (on its last line or the next one): for the paragraph.
        let previous_blank = line.trim().is_empty()
            && text[..line_start]
                .strip_suffix('\n')
                .is_none_or(|before| before.rsplit('\n').next().is_none_or(|l| l.trim().is_empty()));
        if previous_blank || attributes.is_empty() {
            return drop;
        }
        // Alone on the line after a table's last row: a blank line first ends the table
        // (GFM reads a line without pipes as one more row), and the list, a paragraph of
        // its own, goes to the table ([`set_paragraph_attributes`]).
        let previous_row = text[..line_start]
            .strip_suffix('\n')
            .and_then(|before| before.rsplit('\n').next())
            .is_some_and(|l| l.trim_start().starts_with('|'));
        if line.trim().is_empty() && previous_row {
            return vec![(range, format!("\n{}", collected.paragraph_attributes(attributes.to_vec())))];
        }
        return vec![(range, collected.paragraph_attributes(attributes.to_vec()))];
    };
    let destination = escape(&text[link.destination.clone()]);
    if link.image {
        let alt = escape(&text[link.text.clone()]);
        let html = collected.inline(format!("<img src=\"{destination}\" alt=\"{alt}\"{attrs}>"));
        return vec![(link.whole.start..range.end, html)];
    }
    let open = collected.inline(format!("<a href=\"{destination}\"{attrs}>"));
    let close = collected.inline("</a>".into());
    vec![(link.whole.start..link.text.start, open), (link.text.end..range.end, close)]
}

/// A Markdown link or image just before `at`: `[text](destination)`.
struct Link {
    image: bool,
    whole: Range<usize>,
    text: Range<usize>,
    destination: Range<usize>,
}
