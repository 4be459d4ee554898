//! The pieces of a Liquid page: text, tags and variables Liquid reads (written as it
//! reads them, laxly where Jekyll does), and what is kept as written (`raw`,
//! `comment`, what Liquid cannot read, loops over long ranges), found by one scan
//! before [`super::evaluate`] makes the template.

use super::liquid_budget::MAX_RANGE;
use super::liquid_runtime::{BLOCKS, LANGUAGE, TAGS};
use super::liquid_template::{Kind, Piece};

/// The longest tag or variable read, in bytes.
pub(super) const MAX_TOKEN: usize = 4096;

/// The tags, variables and blocks of `text`, in order.
/// `late`: includes named by variables are read ([`super::liquid_include`]).
pub(super) fn find_pieces(text: &str, late: bool) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut at = 0;
    // The next close of each kind is remembered: a line of openings without closes is
    // searched once, not once for each opening.
    let mut closes = super::finder::Finder::default();
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let i = at + found;
        let next = bytes.get(i + 1).copied();
        let (close, is_tag) = match next {
            Some(b'{') => ("}}", false),
            Some(b'%') => ("%}", true),
            _ => {
                at = i + 1;
                continue;
            }
        };
        // Cut at a character: a bound inside one would read as no window at all.
        let limit = crate::char_boundary::floor_char_boundary(text, i + 2 + MAX_TOKEN);
        let end = closes.find(text, close, i + 2).filter(|&e| e + 2 <= limit).map(|e| e + 2);
        let Some(end) = end.filter(|_| !(next == Some(b'{') && bytes.get(i + 2) == Some(&b'{'))) else {
            // Liquid cannot read a `{{` or `{%` that is not closed (nor `{{{`): kept.
            pieces.push(Piece { range: i..i + 2, kind: Kind::Keep });
            at = i + 2;
            continue;
        };
        let inner = &text[i + 2..end - 2];
        let trims = (inner.starts_with('-'), inner.ends_with('-'));
        let inner = inner.trim_matches('-').trim();
        if !is_tag {
            // A variable is written as a tag ([`OUTPUT_TAG`]), which a `%}` would end.
            let kind = if readable(&text[i..end]) && !inner.contains("%}") { liquid("", trims) } else { Kind::Keep };
            pieces.push(Piece { range: i..end, kind });
            at = end;
            continue;
        }
        let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name == "raw" || name == "comment" {
            // Kept whole, for the later stages: `raw` shows its text as written.
            let close = end_of_block(text, end, &format!("end{name}")).unwrap_or(text.len());
            pieces.push(Piece { range: i..close, kind: Kind::Keep });
            at = close;
            continue;
        }
        if late
            && matches!(name.as_str(), "include" | "include_relative")
            && let Some((relative, file, params)) = super::liquid_include::parse(inner)
            && readable(&file)
            && crate::markdown::includes::directives::include_params(&params).is_some()
        {
            pieces.push(Piece { range: i..end, kind: Kind::Include { trims, relative, name: file, params } });
            at = end;
            continue;
        }
        if name == "asset" && inner.contains("{{") {
            // jekyll-assets renders the Liquid of its arguments: the tag's text is text
            // around the variables inside it, which are evaluated ([`super::assets`]).
            at = i + 2;
            continue;
        }
        let mut markup = lax_markup(&text[i..end]);
        let source = markup.as_deref().unwrap_or(&text[i..end]);
        let mut readable_tag = tag_is_readable(&name, source);
        let mut lenient = false;
        if !readable_tag && name == "assign" {
            // An `assign` writes nothing; a filter Liquid does not know (the site's own
            // plugin's) passes its value on, as with Jekyll's default
            // `strict_filters: false`.
            if let Some(lenient_markup) = without_unknown_filters(source).filter(|m| readable(m)) {
                markup = Some(lenient_markup);
                (readable_tag, lenient) = (true, true);
            }
        }
        let evaluated = TAGS.contains(&name.as_str()) && readable_tag && !runs_long(inner);
        let kind = if evaluated { Kind::Liquid { name, trims, markup, lenient } } else { Kind::Keep };
        pieces.push(Piece { range: i..end, kind });
        at = end;
    }
    pieces
}

fn liquid(name: &str, trims: (bool, bool)) -> Kind {
    Kind::Liquid { name: name.to_string(), trims, markup: None, lenient: false }
}

/// A tag with a variable written inside it (`{% if post.path contains {{include.filter}}
/// %}`), as Ruby Liquid reads it: Jekyll parses a tag strictly and, when that fails, with
/// Liquid's lax parser (its default `error_mode: warn`), which reads an expression's
/// names by their word characters and drops the braces. So `{{x.y}}` is the variable
/// `x.y`; `{{ x }}`, which the lax parser splits at its spaces, is nil. Quoted text is
/// left as written. None when the tag holds no `{{` outside quotes.
pub(super) fn lax_markup(source: &str) -> Option<String> {
    let inner = source.get(2..source.len().checked_sub(2)?)?;
    if !inner.contains("{{") {
        return None;
    }
    let mut markup = String::with_capacity(source.len());
    let mut quote = None;
    let mut rest = inner;
    let mut changed = false;
    while let Some(c) = rest.chars().next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if rest.starts_with("{{") => {
                let (variable, next) = match rest[2..].find("}}") {
                    Some(e) => (&rest[2..2 + e], 2 + e + 2),
                    None => (&rest[2..], rest.len()),
                };
                let variable = variable.trim_matches('-');
                let lax = !variable.is_empty() && !variable.contains(char::is_whitespace);
                markup.push_str(if lax { variable } else { "nil" });
                rest = &rest[next..];
                changed = true;
                continue;
            }
            None => {}
        }
        markup.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then(|| format!("{}{markup}{}", &source[..2], &source[source.len() - 2..]))
}

/// Whether Liquid reads `source` alone.
/// The filters of Liquid and of Jekyll (<https://shopify.github.io/liquid/filters/>,
/// <https://jekyllrb.com/docs/liquid/filters/>): one opsbook lacks is not the site's
/// own, and passing over it would change the value Jekyll computed, so a tag using it
/// stays a placeholder.
const BUILT_IN_FILTERS: &[&str] = &[
    "abs",
    "append",
    "at_least",
    "at_most",
    "capitalize",
    "ceil",
    "compact",
    "concat",
    "date",
    "default",
    "divided_by",
    "downcase",
    "escape",
    "escape_once",
    "first",
    "floor",
    "join",
    "last",
    "lstrip",
    "map",
    "minus",
    "modulo",
    "newline_to_br",
    "plus",
    "prepend",
    "remove",
    "remove_first",
    "remove_last",
    "replace",
    "replace_first",
    "replace_last",
    "reverse",
    "round",
    "rstrip",
    "size",
    "slice",
    "sort",
    "sort_natural",
    "split",
    "strip",
    "strip_html",
    "strip_newlines",
    "sum",
    "times",
    "truncate",
    "truncatewords",
    "uniq",
    "upcase",
    "url_decode",
    "url_encode",
    "where",
    "absolute_url",
    "relative_url",
    "date_to_xmlschema",
    "date_to_rfc822",
    "date_to_string",
    "date_to_long_string",
    "where_exp",
    "find",
    "find_exp",
    "group_by",
    "group_by_exp",
    "xml_escape",
    "cgi_escape",
    "uri_escape",
    "number_of_words",
    "array_to_sentence_string",
    "markdownify",
    "smartify",
    "scssify",
    "sassify",
    "slugify",
    "jsonify",
    "normalize_whitespace",
    "sample",
    "to_integer",
    "push",
    "pop",
    "shift",
    "unshift",
    "inspect",
];

/// The tag `source` without the filters neither opsbook nor Liquid and Jekyll know (a
/// site plugin's, `| random_hex_string`), or `None` when it has none or uses a built-in
/// filter opsbook lacks ([`BUILT_IN_FILTERS`]). Filters are split at `|` outside quotes.
pub(super) fn without_unknown_filters(source: &str) -> Option<String> {
    let inner = source.strip_prefix("{%")?.strip_suffix("%}")?;
    let mut parts: Vec<&str> = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (at, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '|') => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let known = |filter: &&str| {
        let name = filter.trim().split(|c: char| c == ':' || c.is_whitespace()).next().unwrap_or("");
        let name = name.trim_end_matches('-');
        LANGUAGE.filters.get(name).is_some()
    };
    let (first, filters) = parts.split_first()?;
    let built_in_lacking = |filter: &&str| {
        let name = filter.trim().split(|c: char| c == ':' || c.is_whitespace()).next().unwrap_or("");
        !known(filter) && BUILT_IN_FILTERS.contains(&name.trim_end_matches('-'))
    };
    if filters.iter().any(built_in_lacking) {
        return None;
    }
    let kept: Vec<&str> = filters.iter().copied().filter(known).collect();
    if kept.len() == filters.len() {
        return None;
    }
    let mut markup = format!("{{%{first}");
    for filter in kept {
        markup.push('|');
        markup.push_str(filter);
    }
    // A trailing `-` (`-%}`) stood on the last filter, which may be gone.
    if inner.trim_end().ends_with('-') && !markup.trim_end().ends_with('-') {
        markup.push_str(" -");
    }
    markup.push_str("%}");
    Some(markup)
}

fn readable(source: &str) -> bool {
    liquid_core::parser::parse(source, &LANGUAGE).is_ok()
}

/// Whether Liquid reads the tag `source` named `name`, in the smallest block it can be in.
fn tag_is_readable(name: &str, source: &str) -> bool {
    if BLOCKS.contains(&name) {
        return readable(&format!("{source}{{% end{name} %}}"));
    }
    match name {
        "elsif" | "else" => readable(&format!("{{% if true %}}{source}{{% endif %}}")),
        "when" => readable(&format!("{{% case 1 %}}{source}{{% endcase %}}")),
        "break" | "continue" => readable(&format!("{{% for i in (1..1) %}}{source}{{% endfor %}}")),
        name if name.starts_with("end") => true,
        _ => readable(source),
    }
}

/// Whether a tag loops over a literal range longer than [`MAX_RANGE`] (`(1..1000000)`).
pub(super) fn runs_long(inner: &str) -> bool {
    let Some((before, after)) = inner.split_once("..") else { return false };
    let number = |text: &str| text.trim().parse::<i64>().ok();
    let from = before.rsplit('(').next().and_then(number);
    let to = after.split(')').next().and_then(number);
    matches!((from, to), (Some(from), Some(to)) if to.saturating_sub(from) > MAX_RANGE)
}

/// The end of the first `{% NAME %}` (with optional `-`) at or after `from`: where a
/// `raw` or `comment` block, Liquid's or Nunjucks's, ends.
pub(super) fn end_of_block(text: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let found = at + text.get(at..)?.find(name)?;
        let before = text[..found].trim_end_matches([' ', '-']);
        let after = text[found + name.len()..].trim_start_matches([' ', '-']);
        if before.ends_with("{%") && after.starts_with("%}") {
            return Some(text.len() - after.len() + 2);
        }
        at = found + name.len();
    }
}
