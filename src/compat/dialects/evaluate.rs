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

use super::liquid_budget;
use super::liquid_include::{State, Tag};
use super::liquid_pieces::{Kind, Piece, find_pieces};
use super::liquid_recover::{END_FAILED, FAILED, Failures, OUTPUT_TAG};
use super::liquid_runtime::{BLOCKS, Globals, LANGUAGE, site_globals};
use super::liquid_unreadable::Located;
use super::{Collected, Output, Page, Problem};
use crate::content::site_data::{Engine, Templating};
use crate::markdown::has_text;

/// The most a page's Liquid writes, in bytes.
pub(super) const MAX_OUTPUT: usize = 16 << 20;
/// The longest literal range a `for` loop runs over.
pub(super) const MAX_RANGE: i64 = 10_000;

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
    let pieces = find_pieces(text, late.is_some());
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
                    let read = super::liquid_include::read(late, &key, has, table);
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

/// An error of Liquid on one line, without its `liquid: ` prefix, with what it names
/// (`from: ... with: ...`), shortened.
pub(super) fn first_line(message: &str) -> String {
    let line: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let line = line.join(" ");
    let line = line.strip_prefix("liquid: ").unwrap_or(&line);
    super::shorten(line)
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
pub(super) mod tests;
