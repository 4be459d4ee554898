//! ERB, the templates of Middleman pages (`name.html.md.erb`), only in pages whose name
//! ends in `.erb` ([`crate::content::formats`]):
//!
//! ```markdown
//! # <%= current_page.data.title %>         the front matter's `title`, as text
//! <%= warning_text('Do not deploy on Fridays.') %>   a warning callout
//! <%# a comment %>                          never shown
//! <%% shown as written %>                   `<%`, as ERB writes it
//! <%= partial 'partials/nav' %>   <% if x %>   -> placeholders
//! ```
//!
//! More: docs/architecture.md, "Notes by module".

use super::Page;
use super::finder::Finder;
use super::tokens::{Call, Kind, Render, Syntax, Token};

/// The longest tag read, in bytes.
const MAX_TAG: usize = 4096;

/// The token at `at` of `text`, if an ERB tag starts there.
pub(super) fn token<'t>(
    text: &'t str,
    at: usize,
    finder: &mut Finder,
    page: Page<'_>,
    in_code: bool,
) -> Option<Token<'t>> {
    let rest = text.get(at..)?;
    if !page.erb || !rest.starts_with("<%") {
        return None;
    }
    if rest.starts_with("<%%") {
        return Some(Token { range: at..at + 3, kind: Kind::Literal("<%".into()), in_code });
    }
    let end = finder.find(text, "%>", at + 2).filter(|end| end - at <= MAX_TAG)?;
    let range = at..end + 2;
    let inner = &text[at + 2..end];
    if inner.starts_with('#') {
        return Some(Token { range, kind: Kind::Drop, in_code });
    }
    let output = inner.starts_with('=');
    let code = inner.trim_start_matches(['=', '-']).trim_end_matches('-').trim();
    if !in_code {
        // A block (`<% if x %>`, `<% list.each do |item| %>`) and its `<% end %>` pair up,
        // so the box of the one placeholder holds what is between them.
        let kind = match (output, code) {
            (false, "end") => Kind::Call(block_call(true)),
            (false, code) if opens_block(code) => Kind::Call(block_call(false)),
            // Outside code, [`render`] writes a value as Markdown text.
            _ => Kind::Erb(code, output),
        };
        return Some(Token { range, kind, in_code });
    }
    let value = output.then(|| page_data(code, page)).flatten()?;
    Some(Token { range, kind: Kind::Literal(value), in_code })
}

/// Whether Ruby `code` opens a block that an `end` closes.
fn opens_block(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or("");
    ["if", "unless", "case", "while", "until", "for", "begin"].contains(&first)
        || code.ends_with(" do")
        || code.rsplit_once(" do ").is_some_and(|(_, params)| params.starts_with('|') && params.ends_with('|'))
}

/// The call of an ERB block's opening or of its `end`.
fn block_call(close: bool) -> Call<'static> {
    Call { syntax: Syntax::Erb, name: "end", close, self_closing: false, args: Vec::new() }
}

/// How a tag with Ruby `code` renders: `output` for `<%= %>`.
pub(super) fn render(code: &str, output: bool, page: Page<'_>) -> Render {
    if !output {
        return Render::Unknown;
    }
    if let Some(value) = page_data(code, page) {
        return Render::Text(value);
    }
    match helper_argument(code, "warning_text") {
        Some(text) => Render::Block(format!(
            "{}<p>{text}</p>\n</div>\n",
            crate::markdown::blocks::callout_div("warning", "Warning")
        )),
        None => Render::Unknown,
    }
}

/// The text of `current_page.data.KEY` (or `[:key]`, `['key']`, `["key"]`) in the page's
/// front matter, when `code` is that and the value is text, a number or a truth value.
fn page_data(code: &str, page: Page<'_>) -> Option<String> {
    let rest = code.strip_prefix("current_page.data")?;
    let key = if let Some(key) = rest.strip_prefix('.') {
        key
    } else {
        let inner = rest.strip_prefix('[')?.strip_suffix(']')?.trim();
        inner
            .strip_prefix(':')
            .or_else(|| inner.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
            .or_else(|| inner.strip_prefix('"').and_then(|k| k.strip_suffix('"')))?
    };
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    // A key the front matter does not have is Ruby's `nil`, which ERB writes as nothing.
    let Some(field) = page.front?.get(key) else { return Some(String::new()) };
    match &field.value.value {
        crate::content::Node::Null => Some(String::new()),
        crate::content::Node::Text(text) => Some(text.clone()),
        crate::content::Node::Number(number) => Some(number.to_string()),
        crate::content::Node::Bool(value) => Some(value.to_string()),
        _ => None,
    }
}

/// The one string argument of a call of `helper` in `code` (`helper('text')`,
/// `helper("text")` or `helper 'text'`), when it is a plain literal.
fn helper_argument(code: &str, helper: &str) -> Option<String> {
    let rest = code.strip_prefix(helper)?.trim_start();
    let rest = match rest.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')')?.trim(),
        None => rest,
    };
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let body = rest.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            // An unescaped quote ends the literal early: more than one argument.
            c if c == quote => return None,
            // Interpolation is Ruby.
            '#' if quote == '"' && chars.clone().next() == Some('{') => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_tags_that_open_blocks() {
        for code in ["if x", "unless y.empty?", "items.each do |item|", "content_for :sidebar do", "case kind"] {
            assert!(opens_block(code), "{code}");
        }
        for code in ["else", "content_for :title, 'A'", "x = 1", "done", "ifx"] {
            assert!(!opens_block(code), "{code}");
        }
    }

    #[test]
    fn reads_one_literal_argument() {
        assert_eq!(helper_argument("warning_text('Do not')", "warning_text").as_deref(), Some("Do not"));
        assert_eq!(helper_argument("warning_text \"it\\\"s\"", "warning_text").as_deref(), Some("it\"s"));
        assert_eq!(helper_argument("warning_text('a', 'b')", "warning_text"), None);
        assert_eq!(helper_argument("warning_text(\"#{x}\")", "warning_text"), None);
        assert_eq!(helper_argument("warning_text(x)", "warning_text"), None);
        assert_eq!(helper_argument("partial 'x'", "warning_text"), None);
    }
}
