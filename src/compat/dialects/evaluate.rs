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

use super::liquid_budget::{self, MAX_OUTPUT};
use super::liquid_include::State;
use super::liquid_pieces::find_pieces;
use super::liquid_recover::Failures;
use super::liquid_runtime::{BLOCKS, Globals, LANGUAGE, site_globals};
use super::liquid_template::{Kind, MARKERS, Piece, Tag, Template, first_line, output_of, tags_of, template_of};
use super::liquid_unreadable::Located;
use super::{Collected, Output, Page, Problem};
use crate::content::site_data::{Engine, Templating};
use crate::markdown::has_text;

/// Evaluates the Liquid of `text`, or `None` when the page is no Liquid page, has none,
/// or cannot be evaluated (with a warning in `collected`).
pub(super) fn evaluate(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    let templating = page.templating?;
    let eleventy = match templating.site.data.templating {
        Templating::Liquid => false,
        Templating::MarkdownEngine { markdown: Engine::Liquid } => true,
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
    let mut pieces = find_pieces(text, late.is_some());
    if !eleventy {
        super::liquid_links::write_urls(text, &mut pieces, page, site_globals(templating.site));
        let avatars = site_globals(templating.site).lists_plugin(super::liquid_avatar::PLUGIN);
        super::liquid_avatar::write_avatars(text, &mut pieces, avatars);
    }
    let first_liquid =
        pieces.iter().find(|p| matches!(p.kind, Kind::Liquid { .. } | Kind::Include { .. }))?.range.start;
    within_budgets(text, &pieces, collected)?;
    let made = template_of(text, &pieces, 0);
    let failed = |at, message| (at, Problem::Unsupported, message);
    let (template, recoverable) = parsed(text, &made, &pieces, first_liquid)
        .map_err(|(at, m)| {
            collected.problems.push(failed(at, m));
        })
        .ok()?;
    let globals = globals_of(templating, eleventy);
    let run = Run { text, numbered: &made.numbered, first_liquid, late, templating };
    let (out, failures, mut state) = run.render(&template, &globals, tags_of(&pieces), collected)?;
    for (tag, problem, message) in std::mem::take(&mut state.said) {
        collected.problems.push((state.tables[0][tag].range.start, problem, message));
    }
    collected.included_files.extend(std::mem::take(&mut state.files));
    collected.dropped_in_includes.append(&mut state.dropped);
    if !failures.is_empty() && !recoverable {
        let message = "the page's Liquid cannot be evaluated; its tags are shown as placeholders".to_string();
        collected.problems.push(failed(first_liquid, message));
        return None;
    }
    for (number, error) in failures {
        let Some(range) = made.numbered.get(number) else { continue };
        let message = format!(
            "`{}` cannot be evaluated ({}); it is shown as a placeholder",
            super::shorten(&text[range.clone()]),
            first_line(&error.to_string())
        );
        collected.problems.push(failed(range.start, message));
    }
    let rendered = String::from_utf8(out.bytes).ok()?;
    Some(output_of(text, &rendered, &made.runs, &made.kept, &made.numbered))
}

/// Warns of the filters an `assign` leaves out, and says `None` (with an error) when
/// the page's Liquid is past a budget: blocks nested deeper than Liquid's parser's stack
/// allows, or more tags than a page's placeholders may be.
fn within_budgets(text: &str, pieces: &[Piece], collected: &mut Collected) -> Option<()> {
    for piece in pieces.iter().filter(|p| matches!(p.kind, Kind::Liquid { lenient: true, .. })) {
        let message = format!(
            "`{}` uses a filter opsbook does not know (the site's own): the value is assigned unfiltered, as Liquid does with `strict_filters: false`",
            super::shorten(&text[piece.range.clone()])
        );
        collected.problems.push((piece.range.start, Problem::UnknownFilter, message));
    }
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
    let mut tags = pieces.iter().filter(|p| matches!(p.kind, Kind::Liquid { .. } | Kind::Include { .. }));
    if let Some(tag) = tags.nth(super::tokens::MAX_CONSTRUCTS) {
        let message = format!(
            "the page has more than {} Liquid tags and variables, the budget of a page; its tags are shown as placeholders",
            crate::diagnostic::thousands(super::tokens::MAX_CONSTRUCTS)
        );
        collected.problems.push((tag.range.start, Problem::Budget, message));
        return None;
    }
    Some(())
}

/// The template Liquid parsed, and whether a tag that fails can be put back alone (the
/// parser numbered the tags as the pieces); or where and why it cannot be read, said
/// at the author's tag rather than in the rewritten template's words.
fn parsed(
    text: &str,
    made: &Template,
    pieces: &[Piece],
    first_liquid: usize,
) -> Result<(liquid_core::runtime::Template, bool), (usize, String)> {
    super::liquid_recover::start_parse();
    let parsed = liquid_core::parser::parse(&made.text, &LANGUAGE);
    let recoverable = super::liquid_recover::parsed() == made.numbered.len();
    let error = match parsed {
        Ok(elements) => return Ok((liquid_core::runtime::Template::new(elements), recoverable)),
        Err(error) => error,
    };
    let located: Vec<Located<'_>> = pieces
        .iter()
        .zip(&made.starts)
        .filter_map(|(piece, &template_start)| match &piece.kind {
            Kind::Liquid { name, .. } => Some(Located { name, source: piece.range.clone(), template_start }),
            Kind::Include { .. } => Some(Located { name: "include", source: piece.range.clone(), template_start }),
            Kind::Keep => None,
        })
        .collect();
    let (reason, piece) = super::liquid_unreadable::locate(&error.to_string(), &made.text, &located);
    let (at, quoted) = match piece.and_then(|i| located.get(i)) {
        Some(p) => (p.source.start, format!(" at `{}`", super::shorten(&text[p.source.clone()]))),
        None => (first_liquid, String::new()),
    };
    Err((
        at,
        format!(
            "the page's Liquid cannot be read{quoted} ({}); its tags are shown as placeholders",
            super::shorten(&reason)
        ),
    ))
}

/// The variables a page's Liquid sees: the site's (shared by the build's pages) and
/// `page`, an Eleventy page's front matter also at the top.
fn globals_of<'a>(templating: &'a crate::markdown::templating::PageTemplating<'_>, eleventy: bool) -> Globals<'a> {
    Globals::new(templating.page(), eleventy, site_globals(templating.site))
}

/// The tags that failed while a template rendered, by their numbers.
type Failed = Vec<(usize, liquid_core::Error)>;

/// One page's rendering: its text, its numbered tags, and where includes are read.
struct Run<'a> {
    text: &'a str,
    numbered: &'a [Range<usize>],
    first_liquid: usize,
    late: Option<&'a crate::markdown::includes::Late<'a>>,
    templating: &'a crate::markdown::templating::PageTemplating<'a>,
}

impl Run<'_> {
    /// Renders `template`, again while its includes name files not read yet
    /// ([`super::liquid_include`]): the output, the tags that failed and the includes'
    /// state; `None`, with an error, when it is past its budget or fails whole.
    fn render(
        &self,
        template: &liquid_core::runtime::Template,
        globals: &Globals<'_>,
        tags: Vec<Tag>,
        collected: &mut Collected,
    ) -> Option<(crate::markdown::templating::Bounded, Failed, State)> {
        let mut state = State::new(tags);
        let mut passes = 1;
        let started = std::time::Instant::now();
        loop {
            let runtime = globals.runtime();
            let registers = liquid_core::Runtime::registers(&runtime);
            *registers.get_mut::<State>() = std::mem::take(&mut state);
            liquid_budget::start(registers, started);
            let mut out = crate::markdown::templating::Bounded::new(MAX_OUTPUT);
            let rendered = liquid_core::Renderable::render_to(template, &mut out, &runtime);
            state = std::mem::take(&mut *registers.get_mut::<State>());
            if let Err(error) = rendered {
                // The files read still decide when the page is rendered again.
                collected.included_files.extend(std::mem::take(&mut state.files));
                let budget = std::mem::take(&mut *registers.get_mut::<liquid_budget::Budget>());
                collected.problems.push(self.failure(&error, &out, budget));
                return None;
            }
            let failures = std::mem::take(&mut registers.get_mut::<Failures>().0);
            let Some(late) = self.late.filter(|_| !state.requests.is_empty()) else {
                return Some((out, failures, state));
            };
            for key in std::mem::take(&mut state.requests) {
                if !state.partials.contains_key(&key) {
                    let table = state.tables.len();
                    let has = |name: &str| self.templating.site.has_template(name);
                    let read = super::liquid_partials::read(late, &key, has, table);
                    let tags = read.as_ref().map(|read| read.tags.clone()).unwrap_or_default();
                    state.tables.push(std::sync::Arc::new(tags));
                    state.partials.insert(key, read);
                }
            }
            passes += 1;
            state.next_pass(passes >= super::liquid_include::MAX_PASSES);
        }
    }

    /// The error of a rendering that failed whole: past its budget (at the tag that
    /// spent it), or Liquid's error.
    fn failure(
        &self,
        error: &liquid_core::Error,
        out: &crate::markdown::templating::Bounded,
        budget: liquid_budget::Budget,
    ) -> (usize, Problem, String) {
        if let Some(why) = budget.spent {
            let tag = budget.at.and_then(|n| self.numbered.get(n)).cloned();
            let (at, quoted) = match tag {
                Some(tag) => (tag.start, format!(" at `{}`", super::shorten(&self.text[tag]))),
                None => (self.first_liquid, String::new()),
            };
            let message =
                format!("the page's Liquid is past its budget{quoted}: {why}; its tags are shown as placeholders");
            return (at, Problem::Budget, message);
        }
        let why = if out.full || error.to_string().contains(crate::markdown::templating::TOO_LONG) {
            format!("it writes more than {} MiB", MAX_OUTPUT >> 20)
        } else {
            first_line(&error.to_string())
        };
        let message = format!("the page's Liquid cannot be evaluated ({why}); its tags are shown as placeholders");
        (self.first_liquid, Problem::Unsupported, message)
    }
}

#[cfg(test)]
pub(super) mod tests;
