//! The other tools' Markdown dialects, rewritten before parsing into text pulldown-cmark
//! reads as the author meant: Docusaurus and MkDocs admonitions and tabs, GitBook's
//! blocks, Hugo (Docsy) shortcodes, Liquid (Jekyll) tags, kramdown attribute lists, MDX components and
//! Middleman's ERB.
//!
//! A page without any marker of a dialect is not rewritten: [`rewrite`] returns `None`
//! and the page is parsed from its own text, byte for byte as before. The placeholders
//! and offset maps the stages write are the core's ([`crate::markdown::rewrite`]).
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod admonitions;
mod alerts;
pub(crate) mod assets;
mod attribute_targets;
mod attributes;
mod book_shortcodes;
mod colon_rules;
mod comments;
mod construct_ids;
mod docsy_blocks;
mod embedded;
pub(crate) use crate::markdown::emoji;
mod erb;
mod erb_partial;
mod evaluate;
mod finder;
mod gitbook_blocks;
mod html_diagrams;
mod hugo_images;
mod imgproc;
mod inline;
mod jinja;
mod kramdown_blocks;
mod kramdown_tables;
mod link_targets;
mod liquid;
mod liquid_avatar;
mod liquid_budget;
mod liquid_conditions;
mod liquid_dates;
mod liquid_excerpt;
pub(crate) mod liquid_file;
mod liquid_filters;
mod liquid_include;
mod liquid_items;
mod liquid_items_filters;
mod liquid_lenient;
mod liquid_links;
mod liquid_lists;
mod liquid_order;
mod liquid_page_items;
mod liquid_partials;
mod liquid_pieces;
mod liquid_push;
mod liquid_pushed;
mod liquid_recover;
mod liquid_runtime;
mod liquid_template;
mod liquid_unreadable;
mod mdbook;
mod mdx;
mod mdx_code;
mod mdx_flow;
pub(crate) mod mdx_head;
mod nunjucks;
mod raw_directives;
pub(crate) mod ruby_time;
mod scan;
mod shortcode_units;
mod shortcodes;
mod site;
mod tabs;
pub(crate) use mdbook::title_directive;
mod title;
mod tokens;

use crate::content::site_data::{Engine, LinkTargets, Templating};
use crate::html::escape;
use crate::markdown::has_text;

pub(crate) use crate::markdown::rewrite::{
    Collected, INLINE_CLOSE, INLINE_CLOSE_UTF8, INLINE_OPEN, INLINE_OPEN_UTF8, MARKER, OffsetMap, Output, Page,
    Problem, Rewrite,
};

/// Rewrites the dialects of `text`, or `None` when it has no marker of any.
pub(crate) fn rewrite(text: &str, page: Page<'_>) -> Option<Rewrite> {
    // A page cannot forge placeholders: the characters and comments that make them are
    // changed, at the same length (offsets stay), in a page that is rewritten.
    let cleaned;
    let text = if has_text(text, INLINE_OPEN_UTF8) || has_text(text, INLINE_CLOSE_UTF8) || has_text(text, MARKER) {
        cleaned = text.replace([INLINE_OPEN, INLINE_CLOSE], "\u{FFFD}").replace(MARKER, "<!--opsbook-dialect;");
        cleaned.as_str()
    } else {
        text
    };
    let mut collected = Collected::default();
    let mut maps: Vec<OffsetMap> = Vec::new();
    let mut current: Option<String> = None;
    // Stage 0, on the pages of a Liquid site: the page's Liquid evaluated.
    // (Or of an Eleventy site whose Markdown pages are Nunjucks templates: their Nunjucks;
    // or of a handbook whose ERB pages call partials: the partials' text in place.)
    // A public build evaluates none of the page's internal blocks: what a template writes
    // before one (an included file, a variable that opens a code block) could make it no
    // block, and have it published. Masked at the same offsets, each stays a block, of no
    // text, which the body writer drops; what they link to is kept for it.
    let templated_pages = page.templating.is_some_and(|t| {
        matches!(
            t.site.data.templating,
            Templating::Liquid | Templating::MarkdownEngine { markdown: Engine::Liquid | Engine::Nunjucks }
        )
    });
    let mut masked = Vec::new();
    let public_text = match page.public && templated_pages && (has_text(text, "{{") || has_text(text, "{%")) {
        true => {
            crate::markdown::public_text::internal_blocks(text).ok().filter(|blocks| !blocks.is_empty()).map(|blocks| {
                masked = blocks.iter().map(|block| (block.start, text[block.clone()].to_string())).collect();
                crate::markdown::public_text::mask(text, &blocks)
            })
        }
        false => None,
    };
    let templated = public_text.as_deref().unwrap_or(text);
    if let Some(output) = evaluate::evaluate(templated, page, &mut collected)
        .or_else(|| nunjucks::evaluate(templated, page, &mut collected))
        .or_else(|| erb_partial::expand(templated, page, &mut collected))
    {
        maps.push(output.map);
        current = Some(output.text);
    }
    let evaluated_problems = collected.problems.len();
    let stage_zero = current.take();
    let input = stage_zero.as_deref().unwrap_or(text);
    current = line_stages(input, page, &mut collected, &mut maps);
    let stage_one = current.as_deref().unwrap_or(input);
    let first = collected.problems.len();
    if let Some(output) = inline::rewrite(stage_one, page, &mut collected) {
        map_back(&mut collected.problems[first..], &maps);
        maps.push(output.map);
        current = Some(output.text);
    }
    let current = current.or(stage_zero);
    let text = current?;
    // A Liquid tag that failed has its warning from stage 0, which says why: the later
    // stages' warning at the same place is left out.
    let mut problems = collected.problems;
    let evaluated: Vec<usize> = problems[..evaluated_problems].iter().map(|p| p.0).collect();
    let mut index = 0;
    problems.retain(|problem| {
        index += 1;
        index <= evaluated_problems || !evaluated.contains(&problem.0)
    });
    Some(Rewrite {
        text,
        placeholders: collected.placeholders,
        maps,
        problems,
        included_files: collected.included_files,
        dropped: masked,
        dropped_in_includes: collected.dropped_in_includes,
    })
}

/// Each stage's problems are at offsets of the text it read: mapped back through the
/// stages before it to the source.
fn map_back(problems: &mut [(usize, Problem, String)], maps: &[OffsetMap]) {
    for problem in problems {
        problem.0 = maps.iter().rev().fold(problem.0, |at, map| map.source_offset(at));
    }
}

/// The elements whose CommonMark HTML block runs to their end tag, blank lines or not.
const RAW_TEXT_ELEMENTS: [&str; 4] = ["pre", "script", "style", "textarea"];

/// A stage of [`line_stages`]: the text it makes of the text it reads, if it changes it.
type LineStage = for<'t, 'p> fn(&'t str, Page<'p>, &mut Collected) -> Option<Output>;

/// The line-based stages on `input`, the text after stage 0: admonitions, GitBook's
/// blocks, MDX's flow elements and indented lines, kramdown's HTML blocks, links the
/// old tool read where CommonMark does not; the text they make, when one changed it.
fn line_stages(input: &str, page: Page<'_>, collected: &mut Collected, maps: &mut Vec<OffsetMap>) -> Option<String> {
    let rules = page.templating.map(|t| &t.site.data.text);
    let stages: [(bool, LineStage); 7] = [
        // An HTML page has no line-based constructs.
        (!page.html, |text, page, collected| admonitions::rewrite(text, page, collected)),
        // GitBook's blocks, on a GitBook handbook's pages.
        (!page.html && rules.is_some_and(|r| r.line_block_tags), |text, page, collected| {
            gitbook_blocks::rewrite(text, page.words, collected)
        }),
        // MDX's `<head>`: the document's, not the body's.
        (page.mdx, |text, _, _| mdx_head::drop_heads(text)),
        // MDX's flow elements: their tags are blocks of their own, their children Markdown.
        (page.mdx, |text, _, _| mdx_flow::separate(text)),
        // MDX reads no indented code: such lines are text before the inline stage reads them.
        (page.mdx, |text, _, _| mdx_code::unindent(text)),
        // kramdown's HTML blocks and extensions, on the pages of a site kramdown read.
        (!page.html && rules.is_some_and(|r| r.kramdown), |text, _, collected| {
            kramdown_blocks::rewrite(text, collected)
        }),
        // Links whose destination the old tool's Markdown read where CommonMark reads none.
        (!page.html && rules.is_some_and(|r| r.link_targets != LinkTargets::CommonMark), |text, page, _| {
            link_targets::rewrite(
                text,
                page.templating.map_or(LinkTargets::CommonMark, |t| t.site.data.text.link_targets),
            )
        }),
    ];
    let mut current: Option<String> = None;
    for (applies, stage) in stages {
        let first = collected.problems.len();
        if applies && let Some(output) = stage(current.as_deref().unwrap_or(input), page, collected) {
            map_back(&mut collected.problems[first..], maps);
            maps.push(output.map);
            current = Some(output.text);
        }
    }
    current
}

/// The HTML of a placeholder for `syntax` shown as written: inline or as a block title.
/// The ids the construct gave ([`construct_ids`]) stay: the first on the placeholder,
/// the others on empty elements inside it, so that links to them still lead there.
fn unsupported_html(syntax: &str, block: bool) -> String {
    let shown = shorten(syntax.trim());
    let ids = construct_ids::construct_ids(syntax);
    let id = ids.first().map(|id| format!(" id=\"{}\"", escape(id))).unwrap_or_default();
    let more: String = ids.iter().skip(1).map(|id| format!("<span id=\"{}\"></span>", escape(id))).collect();
    if block {
        format!(
            "<div class=\"unsupported unsupported-block\"{id}>{more}\n<p class=\"unsupported-title\">unsupported: <code>{}</code></p>\n",
            escape(&shown)
        )
    } else {
        format!("<span class=\"unsupported\"{id}>{more}unsupported: <code>{}</code></span>", escape(&shown))
    }
}

/// The opening of an inline placeholder for `syntax` whose content follows it in the
/// line: [`unsupported_html`]'s inline form without its `</span>`, which the construct's
/// end gives.
fn unsupported_inline_open(syntax: &str) -> String {
    let whole = unsupported_html(syntax, false);
    format!("{} ", whole.strip_suffix("</span>").unwrap_or(&whole))
}

/// `syntax` on one line, at most 80 characters.
fn shorten(syntax: &str) -> String {
    let one_line: String = syntax.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(79).collect();
    cut.push('…');
    cut
}
