//! A listed page's `content` and `excerpt` in Liquid ([`super::liquid_page_items`]), as
//! Jekyll gives them to a page that lists documents: the body converted to HTML, and
//! the excerpt Jekyll's `Excerpt#extract_excerpt` cuts from the body (jekyll/jekyll
//! `lib/jekyll/excerpt.rb`): the text before the first `excerpt_separator` (a blank
//! line unless the page or `_config.yml` sets one), with the Markdown link reference
//! definitions of the rest that it uses, and an end tag for each Liquid block it
//! leaves open. opsbook runs no Liquid of a listed page's body ([`without_liquid`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::LazyLock;

use regex::Regex;

/// Jekyll's `LIQUID_TAG_REGEX`: a tag and its name.
static LIQUID_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{%-?\s*([A-Za-z0-9_]+)\s*.*?-?%\}").expect("a valid pattern"));

/// Jekyll's `MKDWN_LINK_REF_REGEX`: a link reference definition on a line of its own,
/// indented by at most three spaces.
static LINK_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^ {0,3}(\[[^\]]+\])(:.+)$").expect("a valid pattern"));

/// The Liquid tags that are blocks, Liquid's and Jekyll's (`highlight`): the ones an
/// excerpt closes. A plugin's block is a tag opsbook does not run.
const BLOCKS: [&str; 10] =
    ["capture", "case", "comment", "for", "highlight", "if", "ifchanged", "raw", "tablerow", "unless"];

/// The content of a document as Jekyll reads it after its front matter: the blank lines
/// that follow the front matter's end belong to the end marker (`---\s*$\n?`).
pub(super) fn document_content(body: &str) -> &str {
    let mut rest = body;
    while let Some(line_end) = rest.find('\n') {
        if !rest[..line_end].trim().is_empty() {
            break;
        }
        rest = &rest[line_end + 1..];
    }
    if rest.trim().is_empty() { "" } else { rest }
}

/// Jekyll's `extract_excerpt` of `content` with the separator `separator`: the text
/// before it; where there is text after it, with the open Liquid blocks closed and the
/// link reference definitions of that text which the excerpt uses.
pub(super) fn extract(content: &str, separator: &str) -> String {
    let Some((head, tail)) = content.split_once(separator) else { return content.to_string() };
    if tail.is_empty() {
        return head.to_string();
    }
    let mut head = head.to_string();
    if head.contains("{%") {
        close_blocks(&mut head);
    }
    let definitions: Vec<String> = LINK_REFERENCE
        .captures_iter(tail)
        .filter(|found| head.contains(&found[1]))
        .map(|found| format!("{}{}", &found[1], &found[2]))
        .collect();
    if !definitions.is_empty() {
        head.push_str("\n\n");
        head.push_str(&definitions.join("\n"));
    }
    head
}

/// Jekyll's `sanctify_liquid_tags`: for each block tag of `head`, last first, whose end
/// tag `head` lacks, `{% endNAME %}` on a line of its own at the end.
fn close_blocks(head: &mut String) {
    let names: Vec<String> = LIQUID_TAG.captures_iter(head).map(|found| found[1].to_string()).collect();
    // A name checked once is settled: closed, or found closed, the rest of the way.
    let mut settled: Vec<&str> = Vec::new();
    for name in names.iter().rev() {
        if settled.contains(&name.as_str()) || !BLOCKS.contains(&name.as_str()) {
            continue;
        }
        settled.push(name);
        if !has_end_tag(head, name) {
            head.push_str(&format!("\n{{% end{name} %}}"));
        }
    }
}

/// Whether `text` has an end tag of the block `name` (Jekyll's `endtag_regex_stash`:
/// `{%-?\s*endNAME.*?\s*-?%}`, so `endforeach` ends `for` too).
fn has_end_tag(text: &str, name: &str) -> bool {
    let Some(last_close) = text.rfind("%}") else { return false };
    let mut from = 0;
    while let Some(at) = text[from..].find("{%").map(|at| from + at) {
        let tag = text[at + 2..].strip_prefix('-').unwrap_or(&text[at + 2..]);
        let tag = tag.trim_start();
        let closes_later = last_close > at;
        if closes_later && tag.strip_prefix("end").is_some_and(|after| after.starts_with(name)) {
            return true;
        }
        from = at + 2;
    }
    false
}

/// What a listed page's `text` gives a template: the HTML of its Markdown, or (`html`:
/// a page written in HTML, which Jekyll does not convert) the text as it is; its Liquid
/// opsbook does not run either way ([`without_liquid`]).
pub(super) fn output(text: &str, html: bool) -> String {
    let text = without_liquid(text);
    if html {
        return text;
    }
    let parser = pulldown_cmark::Parser::new_ext(&text, crate::markdown::parser_options());
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}

/// `text` without its Liquid: its tags and output tags (`{{ x }}`) left out, a
/// `{% raw %}` block's text kept as written, a `{% comment %}` and a `{% capture %}`
/// (which writes nothing in place) left out whole, a `{% highlight lang %}` block fenced
/// as code of `lang`. The text of every branch of a condition stays. One pass.
fn without_liquid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = next_tag(rest) {
        out.push_str(&rest[..at]);
        let is_tag = rest[at..].starts_with("{%");
        let close = if is_tag { "%}" } else { "}}" };
        let Some(end) = rest[at + 2..].find(close).map(|end| at + 2 + end + 2) else {
            // A tag never closed is text, as Liquid would refuse it.
            rest = &rest[at..];
            break;
        };
        let tag = &rest[at..end];
        rest = &rest[end..];
        if !is_tag {
            continue;
        }
        match tag_name(tag) {
            "raw" => {
                let (inner, after) = until_end(rest, "raw");
                out.push_str(inner);
                rest = after;
            }
            name @ ("comment" | "capture") => rest = until_end(rest, name).1,
            "highlight" => {
                let language = tag.trim_start_matches(['{', '%', '-']).trim_start();
                let language = language.strip_prefix("highlight").unwrap_or("").split_whitespace().next();
                out.push_str(&format!("```{}", language.unwrap_or("").trim_end_matches(['-', '%', '}'])));
            }
            "endhighlight" => out.push_str("```"),
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// Where the next tag or output tag of `text` opens: the first `{` followed by `%` or
/// `{`.
fn next_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'{', &bytes[from..]).map(|at| from + at) {
        if matches!(bytes.get(at + 1), Some(b'%' | b'{')) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The name of the Liquid tag `tag` (`{%- if x -%}` is `if`).
fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches(['{', '%']).trim_start_matches('-').trim_start();
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    &inner[..end]
}

/// The text of `rest` up to the end tag of the block `name`, and what follows that tag;
/// all of `rest` when the block never ends.
fn until_end<'t>(rest: &'t str, name: &str) -> (&'t str, &'t str) {
    let mut from = 0;
    while let Some(at) = rest[from..].find("{%").map(|at| from + at) {
        let Some(end) = rest[at + 2..].find("%}").map(|end| at + 2 + end + 2) else { break };
        if tag_name(&rest[at..end]) == format!("end{name}") {
            return (&rest[..at], &rest[end..]);
        }
        from = end;
    }
    (rest, "")
}

#[cfg(test)]
#[path = "liquid_excerpt_tests.rs"]
mod tests;
