//! The stage before the others ([`super`]) on the Markdown pages of an Eleventy handbook
//! whose `markdownTemplateEngine` is `"njk"`: their Nunjucks is evaluated as Eleventy does
//! before it reads the Markdown (<https://www.11ty.dev/docs/languages/nunjucks/>,
//! <https://www.11ty.dev/docs/config/#default-template-engine-for-markdown-files>), with
//! the site's global data (`_data/`, [`crate::content::site_data`]) and the page's front
//! matter at the top of the data, as Eleventy's data cascade puts them
//! (<https://www.11ty.dev/docs/data-cascade/>); `page` is the front matter too. A page
//! whose front matter sets `templateEngineOverride` to anything that does not start with
//! `njk` is not evaluated (Eleventy then uses that engine, or none: `md`).
//!
//! More: docs/architecture.md, "Notes by module".

use std::ops::Range;

use minijinja::{Environment, UndefinedBehavior, Value};

use super::liquid_budget::MAX_OUTPUT;
use super::liquid_pieces::end_of_block;
use super::liquid_template::{Template, kept_marker, output_of, push_run};
use super::{Collected, Output, Page, Problem};
use crate::content::site_data::{Engine, Templating};
use crate::markdown::has_text;

/// The instructions one page may run (MiniJinja's fuel): a loop of some 100,000 steps.
const FUEL: u64 = 2_000_000;
/// The longest tag or expression read, in bytes.
const MAX_TOKEN: usize = 4096;

/// The tags evaluated; any other is kept.
const TAGS: [&str; 9] = ["set", "endset", "if", "elif", "elseif", "else", "endif", "for", "endfor"];

/// A piece of the page: kept as written, or evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Keep,
    /// A tag (its name) or an expression (an empty name), with its `-` trims.
    Eval {
        name: String,
        trims: (bool, bool),
    },
}

#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    kind: Kind,
}

/// Evaluates the Nunjucks of `text`, or `None` when the page is no Nunjucks page, has
/// none, or cannot be evaluated (with a warning in `collected`).
pub(super) fn evaluate(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    let templating = page.templating?;
    let site = &templating.site.data;
    if !matches!(site.templating, Templating::MarkdownEngine { markdown: Engine::Nunjucks }) || page.html {
        return None;
    }
    let front = templating.page();
    if front.get("templateEngineOverride").and_then(|v| v.as_str()).is_some_and(|e| !e.trim().starts_with("njk")) {
        return None;
    }
    if !has_text(text, "{{") && !has_text(text, "{%") {
        return None;
    }
    let cleaned;
    let text = if text.contains(super::liquid_template::MARKERS) {
        cleaned = text.replace(super::liquid_template::MARKERS, "\u{FFFD}");
        cleaned.as_str()
    } else {
        text
    };
    let env = environment();
    let pieces = find_pieces(text, &env);
    let first = pieces.iter().find(|p| matches!(p.kind, Kind::Eval { .. }))?.range.start;
    let Template { text: template, runs, kept, .. } = template_of(text, &pieces);
    let fail = |collected: &mut Collected, why: String| {
        let message = format!("the page's Nunjucks cannot be evaluated ({why}); its tags are shown as placeholders");
        collected.problems.push((first, Problem::Unsupported, message));
    };
    let compiled = match env.template_from_str(&template) {
        Ok(compiled) => compiled,
        Err(error) => {
            fail(collected, first_line(&error));
            return None;
        }
    };
    let mut data = site.globals.clone();
    if let Some(front) = front.as_object() {
        data.extend(front.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    data.insert("page".into(), front.clone());
    let rendered = match compiled.render(minijinja::value::Serde(&data)) {
        Ok(rendered) if rendered.len() <= MAX_OUTPUT => rendered,
        Ok(_) => {
            fail(collected, format!("it writes more than {} MiB", MAX_OUTPUT >> 20));
            return None;
        }
        Err(error) => {
            fail(collected, first_line(&error));
            return None;
        }
    };
    Some(output_of(text, &rendered, &runs, &kept, &[]))
}

/// The environment pages are evaluated in: no escaping (the output is Markdown), missing
/// values and their attributes empty (Nunjucks' `throwOnUndefined: false`), Eleventy's
/// and Nunjucks' filters beside Jinja2's, and no template loader (no tag reads a file).
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(64);
    env.add_filter("url", |value: String| value);
    env.add_filter("slugify", |value: String| crate::slug::slugify(&value));
    env.add_filter("slug", |value: String| crate::slug::slugify(&value));
    env.add_filter("dump", |value: Value| serde_json::to_string(&value).unwrap_or_default());
    env.add_filter("log", |value: Value| value);
    env
}

/// An error of MiniJinja in one line, shortened.
fn first_line(error: &minijinja::Error) -> String {
    let text = error.detail().map_or_else(|| error.kind().to_string(), str::to_string);
    super::shorten(text.lines().next().unwrap_or_default())
}

/// The tags and expressions of `text`, in order: those MiniJinja reads alone are
/// evaluated, the others kept.
fn find_pieces(text: &str, env: &Environment<'_>) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let i = at + found;
        let (close, is_tag) = match bytes.get(i + 1) {
            Some(b'{') => ("}}", false),
            Some(b'%') => ("%}", true),
            Some(b'#') => ("#}", false),
            _ => {
                at = i + 1;
                continue;
            }
        };
        // Cut at a character: a bound inside one would read as no window at all.
        let limit = crate::char_boundary::floor_char_boundary(text, i + 2 + MAX_TOKEN);
        let Some(end) = text.get(i + 2..limit).and_then(|w| w.find(close)).map(|e| i + 2 + e + 2) else {
            pieces.push(Piece { range: i..i + 2, kind: Kind::Keep });
            at = i + 2;
            continue;
        };
        if bytes[i + 1] == b'#' {
            pieces.push(Piece { range: i..end, kind: Kind::Keep });
            at = end;
            continue;
        }
        let inner = &text[i + 2..end - 2];
        let trims = (inner.starts_with('-'), inner.ends_with('-'));
        let inner = inner.trim_matches('-').trim();
        if !is_tag {
            let kind = if compiles(env, &text[i..end]) { eval("", trims) } else { Kind::Keep };
            pieces.push(Piece { range: i..end, kind });
            at = end;
            continue;
        }
        let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name == "raw" || name == "verbatim" || name == "comment" {
            let close = end_of_block(text, end, &format!("end{name}")).unwrap_or(text.len());
            pieces.push(Piece { range: i..close, kind: Kind::Keep });
            at = close;
            continue;
        }
        let evaluated = TAGS.contains(&name.as_str()) && tag_compiles(env, &name, &text[i..end]);
        pieces.push(Piece { range: i..end, kind: if evaluated { eval(&name, trims) } else { Kind::Keep } });
        at = end;
    }
    keep_unreadable_blocks(text, &mut pieces);
    pieces
}

/// A block whose opening tag is kept (`{% for x in list | sitefilter %}`, which MiniJinja
/// cannot run) is kept whole: its `else`/`elif`, its closing tag and everything evaluated
/// inside it, which would otherwise run without the block's variables or close a block
/// MiniJinja never saw opened (failing the whole page). The other blocks of the page
/// are still evaluated.
fn keep_unreadable_blocks(text: &str, pieces: &mut [Piece]) {
    // The open blocks: each one's closing tag's name, and whether it is kept.
    let mut open: Vec<(&'static str, bool)> = Vec::new();
    for piece in pieces.iter_mut() {
        let source = &text[piece.range.clone()];
        let name = source.strip_prefix("{%").map(|inner| inner.trim_start_matches('-').trim_start()).map(|inner| {
            &inner[..inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len())]
        });
        let inside_kept = open.iter().any(|(_, kept)| *kept);
        let opens = match name {
            Some("if") => Some("endif"),
            Some("for") => Some("endfor"),
            Some("set") if !source.contains('=') => Some("endset"),
            _ => None,
        };
        if let Some(end) = opens {
            open.push((end, inside_kept || piece.kind == Kind::Keep));
        } else if name.is_some_and(|n| open.last().is_some_and(|(end, _)| *end == n)) {
            open.pop();
        }
        if inside_kept {
            piece.kind = Kind::Keep;
        }
    }
}

fn eval(name: &str, trims: (bool, bool)) -> Kind {
    Kind::Eval { name: name.to_string(), trims }
}

/// The filters a page may use: MiniJinja's built-in ones (Jinja2's) and those of
/// [`environment`]. MiniJinja finds an unknown filter only when it runs it, which would
/// fail the page: an expression using one is kept.
const FILTERS: &[&str] = &[
    "abs",
    "attr",
    "batch",
    "bool",
    "capitalize",
    "chain",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "first",
    "float",
    "format",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "lines",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "pprint",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "split",
    "string",
    "sum",
    "title",
    "tojson",
    "trim",
    "unique",
    "upper",
    "urlencode",
    "zip",
    "url",
    "slugify",
    "slug",
    "dump",
    "log",
];

/// Whether MiniJinja reads `source` alone, and knows every filter it names.
fn compiles(env: &Environment<'_>, source: &str) -> bool {
    filters_known(source) && env.template_from_str(&nunjucks_to_jinja(source)).is_ok()
}

/// Whether every filter `source` names (`| name`, outside quotes) is in [`FILTERS`].
fn filters_known(source: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = source.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '|') if chars.peek().is_none_or(|(_, next)| *next != '|') => {
                let rest = source[i + 1..].trim_start();
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !FILTERS.contains(&name.as_str()) {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// Whether MiniJinja reads the tag `source` named `name`, in the smallest block it can be in.
fn tag_compiles(env: &Environment<'_>, name: &str, source: &str) -> bool {
    match name {
        "if" | "for" => compiles(env, &format!("{source}{{% end{name} %}}")),
        "set" if !source.contains('=') => compiles(env, &format!("{source}{{% endset %}}")),
        "elif" | "elseif" | "else" => compiles(env, &format!("{{% if true %}}{source}{{% endif %}}")),
        name if name.starts_with("end") => true,
        _ => compiles(env, source),
    }
}

/// A Nunjucks tag as MiniJinja reads it: `elseif` is `elif`.
fn nunjucks_to_jinja(source: &str) -> String {
    match source.find("elseif") {
        Some(at) if source[..at].trim_end_matches(['-', ' ']).ends_with("{%") => {
            format!("{}elif{}", &source[..at], &source[at + "elseif".len()..])
        }
        _ => source.to_string(),
    }
}

/// The template MiniJinja renders: each kept piece a marker, each run of text a marker
/// (outside a `set` block, whose text is a value).
fn template_of(text: &str, pieces: &[Piece]) -> Template {
    let mut template = String::with_capacity(text.len() + pieces.len() * 8);
    let mut runs = Vec::new();
    let mut kept = Vec::new();
    let mut capturing = 0usize;
    let mut at = 0;
    let trims = |piece: Option<&Piece>| match piece.map(|p| &p.kind) {
        Some(Kind::Eval { trims, .. }) => *trims,
        _ => (false, false),
    };
    for (index, piece) in pieces.iter().enumerate() {
        let before = index.checked_sub(1).and_then(|i| pieces.get(i));
        let range = at..piece.range.start;
        push_run(&mut template, text, range, (trims(before).1, trims(Some(piece)).0), capturing, &mut runs);
        match &piece.kind {
            Kind::Keep => {
                template.push_str(&kept_marker(kept.len()));
                kept.push(piece.range.clone());
            }
            Kind::Eval { name, .. } => {
                template.push_str(&nunjucks_to_jinja(&text[piece.range.clone()]));
                match name.as_str() {
                    "set" if !text[piece.range.clone()].contains('=') => capturing += 1,
                    "endset" => capturing = capturing.saturating_sub(1),
                    _ => {}
                }
            }
        }
        at = piece.range.end;
    }
    push_run(&mut template, text, at..text.len(), (trims(pieces.last()).1, false), capturing, &mut runs);
    Template { text: template, runs, kept, numbered: Vec::new(), starts: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, data: serde_json::Value) -> String {
        let env = environment();
        let pieces = find_pieces(text, &env);
        let Template { text: template, runs, kept, .. } = template_of(text, &pieces);
        let rendered =
            env.template_from_str(&template).expect("compiles").render(minijinja::value::Serde(data)).expect("renders");
        output_of(text, &rendered, &runs, &kept, &[]).text
    }

    #[test]
    fn evaluates_set_if_for_and_expressions_and_keeps_the_rest() {
        let text = "{% set team = \"Databases\" %}\n# {{ team | upper }}\n\n{% for s in services %}- {{ loop.index }}. {{ s.name }}{% if loop.last %} (last){% endif %}\n{% else %}none\n{% endfor %}\n{% if missing.deep %}no{% elseif on %}on{% else %}off{% endif %}\n{% include \"card.njk\" %} {% youtube \"id\" %} {# note #}\n{% raw %}{{ shown }}{% endraw %} {{ x | unknownfilter }}\n";
        let data = serde_json::json!({"services": [{"name": "api"}, {"name": "db"}], "on": true});
        assert_eq!(
            run(text, data),
            "\n# DATABASES\n\n- 1. api\n- 2. db (last)\n\non\n{% include \"card.njk\" %} {% youtube \"id\" %} {# note #}\n{% raw %}{{ shown }}{% endraw %} {{ x | unknownfilter }}\n"
        );
    }

    #[test]
    fn a_block_set_is_a_value_and_filters_of_eleventy_work() {
        assert!(!filters_known("{{ items | shuffle | first }}"));
        assert!(filters_known("{{ \"a | b\" | upper }}"));
        let text = "{% set intro %}Hello **{{ who }}**{% endset %}{{ intro }} {{ \"A Title\" | slugify }} {{ list | dump }} {{ \"/x/\" | url }}";
        let data = serde_json::json!({"who": "ops", "list": [1, 2]});
        assert_eq!(run(text, data), "Hello **ops** a-title [1,2] /x/");
    }

    /// A `for` over a filter of the site's JavaScript is kept with its body and its
    /// `endfor` (before, its `endfor` alone was evaluated and failed the whole page); the
    /// blocks around it are evaluated.
    #[test]
    fn a_block_whose_opening_tag_is_kept_is_kept_whole() {
        let text = "{% if on %}A{% endif %}\n{%- for x in list | head(2) %}- {{ x }}{% if x %}y{% else %}n{% endif %}\n{%- else %}none{%- endfor %}\n{% for y in list %}{{ y }}{% endfor %}\n{% set c %}{% for z in list | head(1) %}{{ z }}{% endfor %}{% endset %}[{{ c }}]";
        let data = serde_json::json!({"on": true, "list": [1, 2]});
        assert_eq!(
            run(text, data),
            "A\n{%- for x in list | head(2) %}- {{ x }}{% if x %}y{% else %}n{% endif %}\n{%- else %}none{%- endfor %}\n12\n[{% for z in list | head(1) %}{{ z }}{% endfor %}]"
        );
    }

    /// Every filter [`FILTERS`] lets through is one the environment runs: a filter listed
    /// but not compiled in (`urlencode` without MiniJinja's feature) failed whole pages.
    #[test]
    fn every_filter_let_through_exists() {
        let env = environment();
        for name in FILTERS {
            let result = env.render_str(&format!("{{{{ x | {name} }}}}"), minijinja::context! { x => "a" });
            if let Err(error) = result {
                assert_ne!(error.kind(), minijinja::ErrorKind::UnknownFilter, "{name}: {error}");
            }
        }
    }

    #[test]
    fn fuel_bounds_a_long_loop() {
        let env = environment();
        let result =
            env.template_from_str("{% for i in range(100000) %}{% for j in range(100) %}x{% endfor %}{% endfor %}");
        assert!(result.expect("compiles").render(()).is_err());
    }
}
