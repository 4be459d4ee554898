//! The stage before the others ([`super`]) on the pages of a Jekyll handbook, or of an
//! Eleventy one whose Markdown pages are Liquid templates: their Liquid is evaluated as
//! the old tool did before it read the Markdown (Jekyll:
//! <https://jekyllrb.com/docs/liquid/>; Eleventy:
//! <https://www.11ty.dev/docs/languages/liquid/>), with the site's variables
//! ([`crate::content::site_data`]) and the page's (`page`: its front matter; an Eleventy
//! page's front matter also at the top), through `liquid-core`
//! ([`super::liquid_runtime`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::ops::Range;

use liquid_core::{Object, Value};

use super::liquid_budget;
use super::liquid_include::{State, Tag};
use super::liquid_recover::{END_FAILED, FAILED, Failures, OUTPUT_TAG};
use super::liquid_runtime::{BLOCKS, Globals, LANGUAGE, Lenient, TAGS, to_liquid};
use super::liquid_unreadable::Located;
use super::{Collected, Output, Page, Problem};
use crate::content::site_data::{Engine, Tool};
use crate::markdown::has_text;

/// The most a page's Liquid writes, in bytes.
pub(super) const MAX_OUTPUT: usize = 16 << 20;
/// The longest literal range a `for` loop runs over.
pub(super) const MAX_RANGE: i64 = 10_000;
/// The longest tag or variable read, in bytes.
const MAX_TOKEN: usize = 4096;

/// The markers: a kept piece (`KEEP` N `END_KEEP`), the start of a run of text.
const KEEP: char = '\u{E004}';
const END_KEEP: char = '\u{E005}';
const RUN: char = '\u{E006}';
const END_RUN: char = '\u{E007}';
/// Every marker of this stage and of [`super::liquid_recover`]: a page's own are
/// changed, at the same length, before a stage that uses them.
pub(super) const MARKERS: [char; 6] = [KEEP, END_KEEP, RUN, END_RUN, FAILED, END_FAILED];

/// The marker of the kept piece numbered `number`.
pub(super) fn kept_marker(number: usize) -> String {
    format!("{KEEP}{number}{END_KEEP}")
}

/// A piece of the page: text, a piece kept as written, or Liquid to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Keep,
    Liquid {
        /// The tag's name (empty for a variable).
        name: String,
        /// Whether it trims the white space before it (`{%-`) and after it (`-%}`).
        trims: (bool, bool),
        /// The tag as Liquid reads it, when that is not its text: [`lax_markup`],
        /// [`without_unknown_filters`].
        markup: Option<String>,
        /// Whether filters Liquid does not know were left out of it.
        lenient: bool,
    },
    /// An include whose file name holds a variable ([`super::liquid_include`]).
    Include {
        trims: (bool, bool),
        relative: bool,
        name: String,
        params: String,
    },
}

#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    kind: Kind,
}

/// Evaluates the Liquid of `text`, or `None` when the page is no Liquid page, has none,
/// or cannot be evaluated (with a warning in `collected`).
pub(super) fn evaluate(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    let templating = page.templating?;
    let site = &templating.site.data;
    let eleventy = match site.tool {
        Tool::Jekyll => false,
        Tool::Eleventy { markdown: Engine::Liquid } => true,
        _ => return None,
    };
    if !has_text(text, "{{") && !has_text(text, "{%") {
        return None;
    }
    // Markers cannot be forged: the page's own are changed, at the same length.
    let cleaned;
    let text = if text.contains(MARKERS) {
        cleaned = text.replace(MARKERS, "\u{FFFD}");
        cleaned.as_str()
    } else {
        text
    };
    // Includes named by variables are read where the build reads includes, in Jekyll.
    let late = page.late.filter(|_| !eleventy);
    let pieces = find_pieces(text, late.is_some());
    let first_liquid =
        pieces.iter().find(|p| matches!(p.kind, Kind::Liquid { .. } | Kind::Include { .. }))?.range.start;
    for piece in pieces.iter().filter(|p| matches!(p.kind, Kind::Liquid { lenient: true, .. })) {
        let message = format!(
            "`{}` uses a filter opsbook does not know (the site's own): the value is assigned unfiltered, as Liquid does with `strict_filters: false`",
            super::shorten(&text[piece.range.clone()])
        );
        collected.problems.push((piece.range.start, Problem::UnknownFilter, message));
    }
    // Blocks nested past the budget would overflow the stack of Liquid's parser.
    let names = pieces.iter().filter_map(|piece| match &piece.kind {
        Kind::Liquid { name, .. } => Some((name.as_str(), piece.range.start)),
        _ => None,
    });
    if let Some(at) = liquid_budget::too_deep(names, BLOCKS) {
        let tag = pieces.iter().find(|p| p.range.start == at).map_or(at..at, |p| p.range.clone());
        let message = format!(
            "the page's Liquid nests blocks more than {} deep, at `{}`; its tags are shown as placeholders",
            liquid_budget::MAX_DEPTH,
            super::shorten(&text[tag])
        );
        collected.problems.push((at, Problem::Budget, message));
        return None;
    }
    // Each tag is a placeholder should the page fail: as many as a page's lines hold.
    let mut tags = pieces.iter().filter(|p| matches!(p.kind, Kind::Liquid { .. } | Kind::Include { .. }));
    if let Some(tag) = tags.nth(super::inline::MAX_CONSTRUCTS) {
        let message = format!(
            "the page has more than {} Liquid tags and variables, the budget of a page; its tags are shown as placeholders",
            crate::diagnostic::thousands(super::inline::MAX_CONSTRUCTS)
        );
        collected.problems.push((tag.range.start, Problem::Budget, message));
        return None;
    }
    let Template { text: template, runs, kept, numbered, starts } = template_of(text, &pieces, 0);
    super::liquid_recover::start_parse();
    let parsed = liquid_core::parser::parse(&template, &LANGUAGE);
    // Each tag that fails is put back in its place; should the parser have numbered the
    // tags otherwise than the pieces, a failure fails the page.
    let recoverable = super::liquid_recover::parsed() == numbered.len();
    let elements = match parsed {
        Ok(elements) => elements,
        Err(error) => {
            // Said at the author's tag, not in the rewritten template's words.
            let located: Vec<Located<'_>> = pieces
                .iter()
                .zip(&starts)
                .filter_map(|(piece, &template_start)| match &piece.kind {
                    Kind::Liquid { name, .. } => Some(Located { name, source: piece.range.clone(), template_start }),
                    Kind::Include { .. } => {
                        Some(Located { name: "include", source: piece.range.clone(), template_start })
                    }
                    Kind::Keep => None,
                })
                .collect();
            let (reason, piece) = super::liquid_unreadable::locate(&error.to_string(), &template, &located);
            let (at, quoted) = match piece.and_then(|i| located.get(i)) {
                Some(p) => (p.source.start, format!(" at `{}`", super::shorten(&text[p.source.clone()]))),
                None => (first_liquid, String::new()),
            };
            let message = format!(
                "the page's Liquid cannot be read{quoted} ({}); its tags are shown as placeholders",
                super::shorten(&reason)
            );
            collected.problems.push((at, Problem::Unsupported, message));
            return None;
        }
    };
    let template = liquid_core::runtime::Template::new(elements);
    let shared = templating.site.liquid_globals(|| match to_liquid(&serde_json::Value::Object(site.globals.clone())) {
        Value::Object(object) => object,
        _ => Object::new(),
    });
    let page_value = to_liquid(templating.page());
    let mut own = Object::new();
    if eleventy && let Value::Object(front) = &page_value {
        for (key, value) in front.iter() {
            own.insert(key.clone(), value.clone());
        }
    }
    own.insert("page".into(), page_value);
    let globals = Globals { own, shared };
    let mut state = State::new(tags_of(&pieces));
    // Rendered again while its includes name files not read yet ([`super::liquid_include`]).
    let mut passes = 1;
    let started = std::time::Instant::now();
    let (out, failures) = loop {
        let runtime = Lenient(liquid_core::runtime::RuntimeBuilder::new().set_globals(&globals).build());
        let registers = liquid_core::Runtime::registers(&runtime);
        *registers.get_mut::<State>() = std::mem::take(&mut state);
        liquid_budget::start(registers, started);
        let mut out = crate::markdown::templating::Bounded::new(MAX_OUTPUT);
        let rendered = liquid_core::Renderable::render_to(&template, &mut out, &runtime);
        state = std::mem::take(&mut *registers.get_mut::<State>());
        if let Err(error) = rendered {
            // The files read still decide when the page is rendered again.
            collected.included_files.extend(std::mem::take(&mut state.files));
            let budget = std::mem::take(&mut *registers.get_mut::<liquid_budget::Budget>());
            if let Some(why) = budget.spent {
                let tag = budget.at.and_then(|n| numbered.get(n)).cloned();
                let (at, quoted) = match tag {
                    Some(tag) => (tag.start, format!(" at `{}`", super::shorten(&text[tag]))),
                    None => (first_liquid, String::new()),
                };
                let message =
                    format!("the page's Liquid is past its budget{quoted}: {why}; its tags are shown as placeholders");
                collected.problems.push((at, Problem::Budget, message));
                return None;
            }
            let why = if out.full || error.to_string().contains(crate::markdown::templating::TOO_LONG) {
                format!("it writes more than {} MiB", MAX_OUTPUT >> 20)
            } else {
                first_line(&error.to_string())
            };
            let message = format!("the page's Liquid cannot be evaluated ({why}); its tags are shown as placeholders");
            collected.problems.push((first_liquid, Problem::Unsupported, message));
            return None;
        }
        let failures = std::mem::take(&mut registers.get_mut::<Failures>().0);
        let Some(late) = late.filter(|_| !state.requests.is_empty()) else { break (out, failures) };
        for key in std::mem::take(&mut state.requests) {
            if !state.partials.contains_key(&key) {
                let table = state.tables.len();
                let read = super::liquid_include::read(late, &key, |name| templating.site.has_template(name), table);
                let tags = read.as_ref().map(|read| read.tags.clone()).unwrap_or_default();
                state.tables.push(std::sync::Arc::new(tags));
                state.partials.insert(key, read);
            }
        }
        passes += 1;
        state.next_pass(passes >= super::liquid_include::MAX_PASSES);
    };
    for (tag, problem, message) in std::mem::take(&mut state.said) {
        collected.problems.push((state.tables[0][tag].range.start, problem, message));
    }
    collected.included_files.extend(std::mem::take(&mut state.files));
    collected.dropped_in_includes.append(&mut state.dropped);
    if !failures.is_empty() && !recoverable {
        let message = "the page's Liquid cannot be evaluated; its tags are shown as placeholders".to_string();
        collected.problems.push((first_liquid, Problem::Unsupported, message));
        return None;
    }
    for (number, error) in failures {
        let Some(range) = numbered.get(number) else { continue };
        let message = format!(
            "`{}` cannot be evaluated ({}); it is shown as a placeholder",
            super::shorten(&text[range.clone()]),
            first_line(&error.to_string())
        );
        collected.problems.push((range.start, Problem::Unsupported, message));
    }
    let rendered = String::from_utf8(out.bytes).ok()?;
    Some(output_of(text, &rendered, &runs, &kept, &numbered))
}

/// An error of Liquid on one line, without its `liquid: ` prefix, with what it names
/// (`from: ... with: ...`), shortened.
pub(super) fn first_line(message: &str) -> String {
    let line: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let line = line.join(" ");
    let line = line.strip_prefix("liquid: ").unwrap_or(&line);
    super::shorten(line)
}

/// The tags, variables and blocks of `text`, in order.
/// `late`: includes named by variables are read ([`super::liquid_include`]).
fn find_pieces(text: &str, late: bool) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut at = 0;
    // The next close of each kind is remembered: a line of openings without closes is
    // searched once, not once for each opening.
    let mut closes = super::scan::Finder::default();
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
            && crate::markdown::includes::directives::jekyll_params(&params).is_some()
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
fn lax_markup(source: &str) -> Option<String> {
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
fn without_unknown_filters(source: &str) -> Option<String> {
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
fn runs_long(inner: &str) -> bool {
    let Some((before, after)) = inner.split_once("..") else { return false };
    let number = |text: &str| text.trim().parse::<i64>().ok();
    let from = before.rsplit('(').next().and_then(number);
    let to = after.split(')').next().and_then(number);
    matches!((from, to), (Some(from), Some(to)) if to.saturating_sub(from) > MAX_RANGE)
}

/// The end of the first `{% NAME %}` (with optional `-`) at or after `from`.
fn end_of_block(text: &str, from: usize, name: &str) -> Option<usize> {
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

/// The template Liquid (or MiniJinja, [`super::nunjucks`]) renders, and what its markers
/// stand for.
pub(super) struct Template {
    /// `text` with each kept piece a marker, and a marker at the start of each run of
    /// text outside `capture`.
    pub(super) text: String,
    /// The runs of text (start, end in `text`), by number.
    pub(super) runs: Vec<Range<usize>>,
    /// The kept pieces, by number.
    pub(super) kept: Vec<Range<usize>>,
    /// The tags, blocks and variables Liquid numbers ([`super::liquid_recover`]), in order.
    pub(super) numbered: Vec<Range<usize>>,
    /// Where each piece starts in `text` (the template), by the pieces' order.
    pub(super) starts: Vec<usize>,
}

/// The template of an included file's `text`, its includes named by variables read too
/// (their table numbered `table`), and those includes.
pub(super) fn template_of_file(text: &str, table: usize) -> (Template, Vec<Tag>) {
    let pieces = find_pieces(text, true);
    (template_of(text, &pieces, table), tags_of(&pieces))
}

/// The includes named by variables among `pieces`, in order.
fn tags_of(pieces: &[Piece]) -> Vec<Tag> {
    pieces
        .iter()
        .filter_map(|piece| match &piece.kind {
            Kind::Include { relative, name, params, .. } => Some(Tag {
                range: piece.range.clone(),
                relative: *relative,
                name: name.clone(),
                params: params.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// The template of `text`: each variable written as the tag [`OUTPUT_TAG`], each include
/// named by a variable as the block of [`super::liquid_include`], numbered in the table
/// `table`, with an empty kept piece at the tag that its text starts with.
fn template_of(text: &str, pieces: &[Piece], table: usize) -> Template {
    let mut template = String::with_capacity(text.len() + pieces.len() * 8);
    let mut runs = Vec::new();
    let mut kept = Vec::new();
    let mut numbered = Vec::new();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut capturing = 0usize;
    let mut at = 0;
    let mut includes = 0;
    let trims = |piece: Option<&Piece>| match piece.map(|p| &p.kind) {
        Some(Kind::Liquid { trims, .. } | Kind::Include { trims, .. }) => *trims,
        _ => (false, false),
    };
    let source = |piece: &Piece| match &piece.kind {
        Kind::Liquid { markup: Some(markup), .. } => markup.clone(),
        _ => text[piece.range.clone()].to_string(),
    };
    for (index, piece) in pieces.iter().enumerate() {
        let before = index.checked_sub(1).and_then(|i| pieces.get(i));
        let range = at..piece.range.start;
        if capturing > 0 && reads_as_liquid(&text[range.clone()]) {
            push_captured_literal(&mut template, text, range, &mut numbered);
        } else {
            push_run(&mut template, text, range, (trims(before).1, trims(Some(piece)).0), capturing, &mut runs);
        }
        starts.push(template.len());
        match &piece.kind {
            Kind::Keep => {
                template.push(KEEP);
                template.push_str(&kept.len().to_string());
                template.push(END_KEEP);
                kept.push(piece.range.clone());
            }
            Kind::Include { trims, name, .. } => {
                let block = super::liquid_include::BLOCK;
                let at = kept.len();
                kept.push(piece.range.start..piece.range.start);
                template.push_str(&format!(
                    "{{%{} {block} {table} {includes} {at} %}}{name}{{% end{block} {}%}}",
                    dash(trims.0),
                    dash(trims.1)
                ));
                includes += 1;
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, trims, .. } if name.is_empty() => {
                let source = &text[piece.range.clone()];
                let inner = source[2..source.len() - 2].trim_matches('-');
                template.push_str(&format!("{{%{} {OUTPUT_TAG} {inner} {}%}}", dash(trims.0), dash(trims.1)));
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, trims, .. } if name == "for" && items_of(&source(piece), *trims).is_some() => {
                // Ruby Liquid's items: a text is one ([`super::liquid_items`]).
                template.push_str(&items_of(&source(piece), *trims).unwrap_or_default());
                numbered.push(piece.range.clone());
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, .. } => {
                template.push_str(&source(piece));
                match name.as_str() {
                    "capture" => capturing += 1,
                    "endcapture" => capturing = capturing.saturating_sub(1),
                    _ => {}
                }
                if !matches!(name.as_str(), "elsif" | "else" | "when") && !name.starts_with("end") {
                    numbered.push(piece.range.clone());
                }
            }
        }
        at = piece.range.end;
    }
    push_run(&mut template, text, at..text.len(), (trims(pieces.last()).1, false), capturing, &mut runs);
    Template { text: template, runs, kept, numbered, starts }
}

/// The trim mark of a tag's side that trims white space.
fn dash(trim: bool) -> &'static str {
    if trim { "-" } else { "" }
}

/// Whether Liquid's parser would read text as a tag or a variable.
fn reads_as_liquid(run: &str) -> bool {
    run.contains("{%") || run.contains("{{")
}

/// Text inside a `capture` that Liquid would read as a tag (the `{% asset '` around the
/// variables of a jekyll-assets tag, [`super::assets`]): written as string literals of
/// [`OUTPUT_TAG`], each quoted with a quote it does not hold, so that the capture takes
/// it as the text it is and the rest of the page still parses.
fn push_captured_literal(template: &mut String, text: &str, range: Range<usize>, numbered: &mut Vec<Range<usize>>) {
    let mut rest = &text[range.clone()];
    while !rest.is_empty() {
        let first_single = rest.find('\'').unwrap_or(rest.len());
        let first_double = rest.find('"').unwrap_or(rest.len());
        let (quote, end) = if first_single < first_double { ('"', first_double) } else { ('\'', first_single) };
        template.push_str(&format!("{{% {OUTPUT_TAG} {quote}{}{quote} %}}", &rest[..end]));
        numbered.push(range.clone());
        rest = &rest[end..];
    }
}

/// The `for` tag `source` written for [`super::liquid_items`], if it loops over no range.
fn items_of(source: &str, trims: (bool, bool)) -> Option<String> {
    super::liquid_items::rewrite(source[2..source.len() - 2].trim_matches('-').trim(), trims)
}

/// Writes the run of text `range` with its marker: after the white space the tag before
/// it trims (`-%}`), and none when the run is all white space a tag trims.
pub(super) fn push_run(
    template: &mut String,
    text: &str,
    range: Range<usize>,
    (trimmed_before, trimmed_after): (bool, bool),
    capturing: usize,
    runs: &mut Vec<Range<usize>>,
) {
    let run = &text[range.clone()];
    if run.is_empty() {
        return;
    }
    let space = |c: char| matches!(c, ' ' | '\n' | '\r');
    let skip = if trimmed_before { run.len() - run.trim_start_matches(space).len() } else { 0 };
    let all_space = run.trim_matches(space).is_empty();
    if capturing > 0 || (all_space && (trimmed_before || trimmed_after)) {
        template.push_str(run);
        return;
    }
    // Only the marker goes to Liquid, not the text (which Liquid's parser would scan a
    // character at a time): the text is put back at the marker. The white space a tag
    // trims stays around the marker, for the tag to trim.
    let trail = if trimmed_after { run.len() - run.trim_end_matches(space).len() } else { 0 };
    let trail = trail.min(run.len() - skip);
    template.push_str(&run[..skip]);
    template.push(RUN);
    template.push_str(&runs.len().to_string());
    template.push(END_RUN);
    template.push_str(&run[run.len() - trail..]);
    runs.push(range.start + skip..range.end - trail);
}

/// The output of `rendered`: the markers taken out, kept pieces and the tags that failed
/// put back, each piece mapped to its place in `text`.
pub(super) fn output_of(
    text: &str,
    rendered: &str,
    runs: &[Range<usize>],
    kept: &[Range<usize>],
    failed: &[Range<usize>],
) -> Output {
    let mut out = Output { text: String::with_capacity(rendered.len()), ..Output::default() };
    // Where the text after the last marker came from.
    let mut place = 0;
    let mut rest = rendered;
    loop {
        let next = rest.find([KEEP, RUN, FAILED]);
        let chunk = &rest[..next.unwrap_or(rest.len())];
        if !chunk.is_empty() {
            out.push(chunk, "", place);
        }
        let Some(at) = next else { break };
        let marker = rest[at..].chars().next().unwrap_or(KEEP);
        let (close, pieces) = match marker {
            KEEP => (END_KEEP, kept),
            FAILED => (END_FAILED, failed),
            _ => (END_RUN, runs),
        };
        let body = &rest[at + marker.len_utf8()..];
        let Some((number, after)) = body.split_once(close) else {
            rest = body;
            continue;
        };
        if let Some(range) = number.parse::<usize>().ok().and_then(|i| pieces.get(i)) {
            out.push("", &text[range.clone()], range.start);
            place = range.end;
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assign_passes_its_value_through_a_filter_liquid_does_not_know() {
        assert_eq!(
            without_unknown_filters("{% assign id = 6 | random_hex_string %}").as_deref(),
            Some("{% assign id = 6 %}")
        );
        assert_eq!(
            without_unknown_filters("{%- assign x = 'a|b' | upcase | mine: 2 | size -%}").as_deref(),
            Some("{%- assign x = 'a|b' | upcase | size -%}")
        );
        assert_eq!(without_unknown_filters("{% assign x = y | upcase %}"), None);
        assert_eq!(without_unknown_filters("{% assign g = site.posts | group_by: 'year' | mine %}"), None);
        let (output, problems) = evaluated("{% assign id = 6 | random_hex_string %}[{{ id }}]", serde_json::json!({}));
        assert_eq!(output.text, "[6]");
        assert_eq!(problems.len(), 1, "a note: {problems:?}");
    }

    #[test]
    fn keeps_what_liquid_does_not_run() {
        let text = "a {% include x.html %} {% raw %}{{ y }}{% endraw %} {{ z | nofilter }} {{ ok }} {% if a %}b{% endif %} {{ open";
        let kinds: Vec<(&str, bool)> =
            find_pieces(text, false).iter().map(|p| (&text[p.range.clone()], p.kind == Kind::Keep)).collect();
        assert_eq!(
            kinds,
            [
                ("{% include x.html %}", true),
                ("{% raw %}{{ y }}{% endraw %}", true),
                ("{{ z | nofilter }}", true),
                ("{{ ok }}", false),
                ("{% if a %}", false),
                ("{% endif %}", false),
                ("{{", true),
            ]
        );
    }

    #[test]
    fn an_include_named_by_a_variable_is_a_block_that_renders_its_name() {
        let text = "{%- include_relative {{ dir }}/a.md level=\"h3\" -%} {% include x.html %} {% include {{ 'a' | nofilter }} %}";
        let pieces = find_pieces(text, true);
        assert!(matches!(&pieces[0].kind, Kind::Include { relative: true, name, params, trims: (true, true) }
            if name == "{{ dir }}/a.md" && params == "level=\"h3\""));
        assert_eq!(pieces[1].kind, Kind::Keep, "a written name is the includes stage's");
        assert_eq!(pieces[2].kind, Kind::Keep, "a name Liquid cannot read");
        let template = template_of(text, &pieces, 3);
        assert!(
            template.text.starts_with("{%- opsbook_include 3 0 0 %}{{ dir }}/a.md{% endopsbook_include -%}"),
            "{}",
            template.text
        );
        assert_eq!(template.kept[0], 0..0, "an empty piece at the tag, which its text starts with");
        assert_eq!(find_pieces(text, false)[0].kind, Kind::Keep, "read only where includes are");
    }

    /// `text` evaluated as a page of a Jekyll handbook whose `_config.yml` is `site`.
    fn evaluated(text: &str, site: serde_json::Value) -> (Output, Vec<(usize, String)>) {
        let data = crate::content::site_data::SiteData {
            tool: Tool::Jekyll,
            globals: serde_json::Map::from_iter([("site".to_string(), site.clone())]),
            site,
            ..Default::default()
        };
        let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
        let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
        let page = Page {
            dir: "",
            mdx: false,
            highlight: false,
            templating: Some(&templating),
            erb: false,
            html: false,
            front: None,
            words: crate::markdown::MarkdownWords::english(),
            late: None,
            public: false,
        };
        let mut collected = Collected::default();
        let output = evaluate(text, page, &mut collected).expect("evaluated");
        (output, collected.problems.into_iter().map(|(at, _, message)| (at, message)).collect())
    }

    #[test]
    fn a_tag_that_fails_is_put_back_alone_with_a_warning_at_it() {
        let text = "A {{ 'x' | plus: 2 }} {% assign q = 1 | divided_by: 0 %}B {{ site.title }} \
                    {% for i in site.list %}[{{ i | divided_by: 0 }}]{% endfor %} {{ q }}.";
        let (output, problems) = evaluated(text, serde_json::json!({"title": "T", "list": [1, 2]}));
        assert_eq!(
            output.text,
            "A 2 {% assign q = 1 | divided_by: 0 %}B T [{{ i | divided_by: 0 }}][{{ i | divided_by: 0 }}] ."
        );
        let at = |needle: &str| text.find(needle).expect("found");
        let places: Vec<usize> = problems.iter().map(|p| p.0).collect();
        assert_eq!(places, [at("{% assign"), at("{{ i |"), at("{{ i |")]);
        assert!(problems[0].1.contains("cannot be evaluated (divided by 0"), "{problems:?}");
        // The tag put back maps to its place in the source.
        let put_back = output.text.find("{% assign").expect("put back");
        assert_eq!(output.map.source_offset(put_back), at("{% assign"));
    }

    #[test]
    fn reads_a_variable_inside_a_tag_as_ruby_liquid_s_lax_parser_does() {
        assert_eq!(
            lax_markup("{% if p contains {{x.y}} %}").as_deref(),
            Some("{% if p contains x.y %}"),
            "the braces dropped"
        );
        assert_eq!(lax_markup("{% if p == {{ x }} %}").as_deref(), Some("{% if p == nil %}"), "split at its spaces");
        assert_eq!(lax_markup("{% assign a = '{{x}}' %}"), None, "quoted text is text");
        assert_eq!(lax_markup("{% if a %}"), None);
        let text = "{% assign list = 'a,b' | split: ',' %}{% for i in list %}{% if i == {{want}} %}[{{ i }}]{% endif %}{% endfor %}";
        let (output, problems) = evaluated(text, serde_json::json!({}));
        assert_eq!(output.text, "", "`want` is nil: {problems:?}");
        let text = text.replace("{% assign list", "{% assign want = 'b' %}{% assign list");
        let (output, problems) = evaluated(&text, serde_json::json!({}));
        assert_eq!(output.text, "[b]", "{problems:?}");
    }

    #[test]
    fn a_jekyll_assets_tag_inside_a_capture_is_captured_as_its_text() {
        let text = "{% assign item = 'x.pdf' %}{% capture link %}{% asset '{{item}}' @path %}{% endcapture %}<a href=\"{{ link }}\">";
        let (output, problems) = evaluated(text, serde_json::json!({}));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            output.text, "<a href=\"{% asset 'x.pdf' @path %}\">",
            "the asset tag, its variable evaluated, for later stages"
        );
        assert_eq!(lax_markup("{% asset '{{item}}' %}"), None, "quoted, so not read as a variable");
    }

    #[test]
    fn a_variable_is_read_when_the_token_bound_falls_inside_a_character() {
        // The bound of a token's window, 4,096 bytes after `{{`, lands in the middle of `’`.
        let filler = "a".repeat(MAX_TOKEN - "{{ site.x }}".len() + 2 - 1);
        let text = format!("{{{{ site.x }}}}{filler}’ after");
        assert!(!text.is_char_boundary(2 + MAX_TOKEN), "the bound splits a character");
        let (output, problems) = evaluated(&text, serde_json::json!({ "x": "X" }));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(output.text.starts_with("Xaaa"), "{}", &output.text[..20]);
    }

    #[test]
    fn a_block_that_fails_is_put_back_alone() {
        let (output, problems) =
            evaluated("{% for c in 'text' limit: 'a' %}{{ c }}{% endfor %}!", serde_json::json!({}));
        assert_eq!(output.text, "{% for c in 'text' limit: 'a' %}!");
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_loop_over_a_long_range_is_not_run() {
        assert!(runs_long("for i in (1..100000000)"));
        assert!(!runs_long("for i in (1..10)"));
    }

    #[test]
    fn maps_the_output_back_to_the_source() {
        let text = "Intro {% assign x = 'v' %}\nValue: {{ x }} end {% include y %}\n";
        let pieces = find_pieces(text, false);
        let Template { text: template, runs, kept, numbered, .. } = template_of(text, &pieces, 0);
        let elements = liquid_core::parser::parse(&template, &LANGUAGE).expect("parses");
        let template = liquid_core::runtime::Template::new(elements);
        let shared = Object::new();
        let globals = Globals { own: Object::new(), shared: &shared };
        let runtime = Lenient(liquid_core::runtime::RuntimeBuilder::new().set_globals(&globals).build());
        let mut out = Vec::new();
        liquid_core::Renderable::render_to(&template, &mut out, &runtime).expect("renders");
        let output = output_of(text, &String::from_utf8(out).expect("text"), &runs, &kept, &numbered);
        assert_eq!(output.text, "Intro \nValue: v end {% include y %}\n");
        let at = |needle: &str| output.map.source_offset(output.text.find(needle).expect("found"));
        assert_eq!(at("Value"), text.find("Value").expect("found"));
        assert_eq!(at("v end"), text.find("{{ x }}").expect("found"));
        assert_eq!(at("{% include"), text.find("{% include").expect("found"));
        assert_eq!(at("end"), text.find("end").expect("found"));
    }
}
