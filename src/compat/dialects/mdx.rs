//! MDX (`.mdx`, Docusaurus): JSX components in Markdown.
//!
//! ```markdown
//! <Tabs><TabItem value="apt" label="Debian" default> Markdown </TabItem></Tabs>
//! <Admonition type="warning" title="Careful"> Markdown </Admonition>
//! {/* a comment */}      <Anything prop={x}>children</Anything>   <Widget />
//! ```
//!
//! `Tabs`, `TabItem` and `Admonition` render like the other dialects' tabs and callouts,
//! in `.md` pages too. An HTML element of an MDX page is written as React writes it
//! ([`html_tag`]), less what only React evaluates. On an MDX page every other component
//! (a capital first letter) renders its children inside a placeholder, with an
//! `unsupported-syntax` warning; `{/* comments */}` are dropped. (The `import` and
//! `export` lines are dropped by the first stage, [`super::admonitions`].)

use super::finder::{Finder, balanced};
use super::title::title_html;
use super::tokens::{Call, Kind, Render, Syntax, Token};
use super::{Page, tabs};

/// The components known in `.md` pages as well.
const KNOWN: [&str; 3] = ["Tabs", "TabItem", "Admonition"];

/// The longest element opening tag read, in bytes.
const MAX_TAG: usize = 4096;

/// The comment `{/* … */}` at `at`, if one starts there: dropped, but Docusaurus's
/// `{/* truncate */}`, which becomes the excerpt separator.
pub(super) fn comment<'t>(text: &'t str, at: usize, finder: &mut Finder) -> Option<Token<'t>> {
    if !text.get(at..)?.starts_with("{/*") {
        return None;
    }
    let end = finder.find(text, "*/}", at + 3)? + 3;
    // Docusaurus's truncate marker ends a post's excerpt, as `<!--more-->` does.
    let kind = match text[at + 3..end - 3].trim() {
        "truncate" => Kind::Raw(crate::markdown::EXCERPT_SEPARATOR.to_string()),
        _ => Kind::Drop,
    };
    Some(Token { range: at..end, kind, in_code: false })
}

/// The JSX element tag at `at`, if one starts there: `<Name attrs>`, `<Name />` or
/// `</Name>`; on pages that are not MDX only the known components.
pub(super) fn element(text: &str, at: usize, mdx: bool) -> Option<Token<'_>> {
    let rest = text.get(at + 1..)?;
    let (close, rest) = match rest.strip_prefix('/') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_').unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) || !(mdx || KNOWN.contains(&name)) {
        return None;
    }
    let body_start = text.len() - rest.len() + name_len;
    let i = tag_close(text, body_start)?;
    let inner = text[body_start..i].trim();
    let (self_closing, inner) = match inner.strip_suffix('/') {
        Some(before) => (true, before.trim_end()),
        None => (false, inner),
    };
    if close && !inner.is_empty() {
        return None;
    }
    let args = super::shortcodes::parse_args(inner);
    let call = Call { syntax: Syntax::Jsx, name, close, self_closing, args };
    Some(Token { range: at..i + 1, kind: Kind::Call(call), in_code: false })
}

/// The offset of the `>` that closes the JSX tag whose name ends at `from`: the first
/// outside quotes and braces, within [`MAX_TAG`] bytes; `None` when a `<` outside them
/// comes first (the `<` was text) or none is there.
pub(super) fn tag_close(text: &str, from: usize) -> Option<usize> {
    let limit = text.len().min(from + MAX_TAG);
    let bytes = text.as_bytes();
    let (mut quote, mut braces) = (None, 0usize);
    for (i, &b) in bytes.iter().enumerate().take(limit).skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if braces == 0 => quote = Some(b),
            (None, b'{') => braces += 1,
            (None, b'}') => braces = braces.saturating_sub(1),
            (None, b'>') if braces == 0 => return Some(i),
            // A tag holds no `<` outside quotes and braces: this is text.
            (None, b'<') if braces == 0 => return None,
            _ => {}
        }
    }
    None
}

/// The elements React writes without an end tag (`omittedCloseTags`): every other
/// element written `<x />` in JSX is written `<x></x>`.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "menuitem", "param",
    "source", "track", "wbr",
];

/// The HTML tag at `at` of an MDX page as React writes it, if that differs from the tag
/// as written: an attribute whose value is a JSX expression (`name={…}`) with the value
/// of a string or number literal, other such attributes and the spread attributes
/// (`{...props}`) left out, `className` as `class`, and an element other than a void
/// one written `<x />` closed by its end tag, since JSX closes it there.
pub(super) fn html_tag(text: &str, at: usize, mdx: bool) -> Option<Token<'_>> {
    let rest = text.get(at + 1..).filter(|_| mdx)?;
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(rest.len());
    if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let body_start = at + 1 + name_len;
    // The bound of the tag's scan, at a character's start (a tag cut inside `—` must not
    // cut a character).
    let mut limit = text.len().min(body_start + MAX_TAG);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let bytes = text.as_bytes();
    let mut out = String::from(&text[at..body_start]);
    let mut i = body_start;
    let mut expressions = 0;
    while i < limit {
        match bytes[i] {
            b'>' => break,
            b'<' => return None,
            b'"' | b'\'' => {
                let close = text[i + 1..limit].find(bytes[i] as char)? + i + 1;
                out.push_str(&text[i..=close]);
                i = close + 1;
            }
            b'{' if out.ends_with('=') => {
                let close = balanced(text, i, limit)?;
                if let Some(value) = literal(&text[i + 1..close]) {
                    // `name={"text"}`, `name={600}`: the value React writes.
                    out.push_str(&format!("\"{}\"", crate::html::escape(&value)));
                } else {
                    // `name={…}`: the whole attribute goes, its name with it.
                    let name_at = out.trim_end_matches('=').rfind(|c: char| c.is_whitespace()).map_or(0, |s| s + 1);
                    out.truncate(name_at);
                    // The space before the attribute goes too: the next brings its own.
                    out.truncate(out.trim_end().len());
                }
                expressions += 1;
                i = close + 1;
            }
            b'{' if out.ends_with(char::is_whitespace) => {
                // `{...props}`: a spread, which only React can evaluate, goes.
                i = balanced(text, i, limit)? + 1;
                out.truncate(out.trim_end().len());
                expressions += 1;
            }
            _ => {
                let c = text[i..].chars().next()?;
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    if i >= limit {
        return None;
    }
    let name = &text[at + 1..body_start];
    let self_closed = out.trim_end().strip_suffix('/').filter(|_| !VOID.contains(&name)).map(str::trim_end);
    let class = out.contains(" className=");
    if expressions == 0 && self_closed.is_none() && !class {
        return None;
    }
    let mut out = self_closed.unwrap_or(out.trim_end()).replace(" className=", " class=");
    out.push('>');
    if self_closed.is_some() {
        out.push_str(&format!("</{name}>"));
    }
    Some(Token { range: at..i + 1, kind: Kind::Raw(out), in_code: false })
}

/// The text React writes for the JSX expression `expression` when it is a literal: a
/// string quoted with `"`, `'` or `` ` `` (without escapes or `${`), or a decimal number
/// (as JavaScript's `String` writes it). `None` for anything else.
fn literal(expression: &str) -> Option<String> {
    let expression = expression.trim();
    if let Some(quote) = expression.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) {
        let inner = expression.strip_prefix(quote)?.strip_suffix(quote)?;
        let plain = !inner.contains([quote, '\\']) && (quote != '`' || !inner.contains("${"));
        return plain.then(|| inner.to_string());
    }
    let digits = expression.strip_prefix('-').unwrap_or(expression);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let decimal = |part: &str| !part.is_empty() && part.len() <= 15 && part.bytes().all(|b| b.is_ascii_digit());
    if !decimal(whole) || !decimal(fraction) || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    let number: f64 = expression.parse().ok()?;
    // JavaScript writes -0 as `0`; Rust's `Display` writes the rest as `String` does.
    Some(if number == 0.0 { "0".to_string() } else { number.to_string() })
}

/// Whether the boolean prop `name` is set: written bare (`default`) or true
/// (`default={true}`, `default="true"`).
fn flag(call: &Call<'_>, name: &str) -> bool {
    call.args.iter().any(|(n, v)| match n {
        None => v == name,
        Some(n) => *n == name && v.trim() != "false",
    })
}

/// The query string parameter of `Tabs`: `queryString="key"` names it, a bare or true
/// `queryString` uses the `groupId` (Docusaurus `Tabs`, `getQueryStringKey`).
fn query_key<'c>(call: &'c Call<'_>, sync: Option<&'c str>) -> Option<&'c str> {
    match call.arg("queryString").map(str::trim) {
        Some("false") => None,
        Some("true") | Some("") => sync,
        Some(key) => Some(key),
        None if flag(call, "queryString") => sync,
        None => None,
    }
}

/// The labels of a Docusaurus `Tabs`' `values` prop, as (value, label): the array of
/// objects (`[{label: 'Apple', value: 'apple'}, …]`) that named the tabs before a
/// `TabItem` could carry its own `label`. Keys bare or quoted, values quoted; objects
/// without both are skipped.
fn tab_values(array: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = array[at..].find('{').map(|i| at + i) {
        let Some(close) = balanced(array, open, array.len()) else { break };
        let fields = object_strings(&array[open + 1..close]);
        let field = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        if let (Some(value), Some(label)) = (field("value"), field("label")) {
            found.push((value, label));
        }
        at = close + 1;
    }
    found
}

/// The fields of an object literal's body whose values are quoted text, as (key,
/// text); the others are skipped.
fn object_strings(body: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let (key, after) = match rest.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => match rest[1..].find(q) {
                Some(end) => (&rest[1..=end], &rest[end + 2..]),
                None => break,
            },
            Some(c) if c.is_alphanumeric() || c == '_' || c == '$' => {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
            _ => break,
        };
        let Some(after) = after.trim_start().strip_prefix(':') else { break };
        let value = after.trim_start();
        match value.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => match value[1..].find(q) {
                Some(end) => {
                    fields.push((key.to_string(), value[1..=end].to_string()));
                    rest = &value[end + 2..];
                }
                None => break,
            },
            // Not text: skipped to the next field.
            _ => match value.find(',') {
                Some(comma) => rest = &value[comma..],
                None => break,
            },
        }
    }
    fields
}

/// How the component `call` renders; `parent` is the component it is inside, if any.
pub(super) fn render(call: &Call<'_>, parent: Option<&Call<'_>>, page: Page<'_>) -> Render {
    match call.name {
        "Tabs" => {
            let sync = call.arg("groupId");
            let group = tabs::Group {
                sync,
                query: query_key(call, sync),
                default_value: call.arg("defaultValue"),
                by_label: false,
            };
            Render::Open(tabs::group_open(&group), tabs::group_close())
        }
        "TabItem" => {
            let value = call.arg("value");
            // Without its own label, the label its `Tabs` gives its value.
            let from_tabs = value.and_then(|value| {
                let values = parent.filter(|p| p.name == "Tabs")?.arg("values")?;
                tab_values(values).into_iter().find(|(v, _)| v == value).map(|(_, label)| label)
            });
            let label = call.arg("label").or(from_tabs.as_deref()).or(value).unwrap_or("Tab");
            let panel = tabs::Panel { label, value, default: flag(call, "default") };
            Render::Open(tabs::panel_open(&panel), tabs::panel_close())
        }
        "Admonition" => {
            let kind = call.arg("type").unwrap_or("note");
            let (class, default) = super::alerts::callout_kind(kind, page.words);
            let title = call.arg("title").map_or(default, str::to_string);
            Render::Open(crate::markdown::blocks::callout_div(class, &title_html(&title)), "</div>\n".into())
        }
        // The theme's list of the current category's items: on a category's page, which
        // is its folder's section page, the section's list of its pages shows them.
        "DocCardList" if call.args.is_empty() => Render::Block(String::new()),
        _ => Render::Unknown,
    }
}
