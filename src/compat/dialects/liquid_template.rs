//! The template Liquid renders for a page or an included file ([`super::evaluate`]):
//! its pieces ([`super::liquid_pieces`] finds them) written with markers for the text
//! and the pieces kept as written, and the rendered output mapped back to the page's
//! text. [`super::nunjucks`] makes its templates the same way.
//!
//! More: docs/architecture.md, "Notes by module" (`evaluate.rs`).

use std::ops::Range;

use super::Output;
use super::liquid_recover::{END_FAILED, FAILED, OUTPUT_TAG};

/// The block a tag with a variable name is written as.
pub(super) const BLOCK: &str = "opsbook_include";
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

/// An include whose name holds a variable, as written.
#[derive(Debug, Clone)]
pub(super) struct Tag {
    /// Where it is in the page's text.
    pub range: Range<usize>,
    /// `include_relative` (the page's folder), not `include` (the `_includes/` folders).
    pub relative: bool,
    /// Its name as written (`{{ dir }}/a.md`).
    pub name: String,
    /// Its parameters as written (`level="h3" item=page.x`).
    pub params: String,
}

/// A piece of the page: text, a piece kept as written, or Liquid to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Keep,
    Liquid {
        /// The tag's name (empty for a variable).
        name: String,
        /// Whether it trims the white space before it (`{%-`) and after it (`-%}`).
        trims: (bool, bool),
        /// The tag as Liquid reads it, when that is not its text
        /// ([`super::liquid_pieces::lax_markup`], `without_unknown_filters`).
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
pub(super) struct Piece {
    pub(super) range: Range<usize>,
    pub(super) kind: Kind,
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

/// The includes named by variables among `pieces`, in order.
pub(super) fn tags_of(pieces: &[Piece]) -> Vec<Tag> {
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
pub(super) fn template_of(text: &str, pieces: &[Piece], table: usize) -> Template {
    let mut template = String::with_capacity(text.len() + pieces.len() * 8);
    let mut runs = Vec::new();
    let mut kept = Vec::new();
    let mut numbered = Vec::new();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut capturing = 0usize;
    let mut at = 0;
    let mut includes = 0;
    // The loops around each piece; a list is kept between the runs of a loop only in the
    // page's own template, whose loops are all known ([`super::liquid_items`]).
    let mut loops = Loops { around: Vec::new(), keeps: table == 0 };
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
                let block = BLOCK;
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
            Kind::Liquid { name, trims, .. } if name == "for" && items_of(&source(piece), *trims, &loops).is_some() => {
                // Ruby Liquid's items: a text is one ([`super::liquid_items`]).
                template.push_str(&items_of(&source(piece), *trims, &loops).unwrap_or_default());
                loops.open(&source(piece), true);
                numbered.push(piece.range.clone());
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, trims, .. }
                if name == "assign" && push_of(&source(piece), *trims, &loops).is_some() =>
            {
                // A push onto the page's own list appends to it ([`super::liquid_push`]).
                template.push_str(&push_of(&source(piece), *trims, &loops).unwrap_or_default());
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, trims, .. } if name == "endfor" && loops.close() => {
                template.push_str(&super::liquid_items::rewrite_end(*trims));
            }
            Kind::Liquid { name, .. } => {
                template.push_str(&source(piece));
                // An `endfor` closed its loop in the guard above.
                match name.as_str() {
                    "for" | "tablerow" => loops.open(&source(piece), false),
                    "endtablerow" => {
                        loops.close();
                    }
                    _ => {}
                }
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
fn items_of(source: &str, trims: (bool, bool), loops: &Loops) -> Option<String> {
    super::liquid_items::rewrite(inner_of(source), trims, &|root| loops.keeps(root))
}

/// The `assign` tag `source` written for [`super::liquid_push`], if it pushes onto its
/// own list.
fn push_of(source: &str, trims: (bool, bool), loops: &Loops) -> Option<String> {
    super::liquid_push::rewrite(inner_of(source), trims, &|root| loops.keeps(root))
}

/// A tag's text inside `{%` `%}`, without trim marks.
fn inner_of(source: &str) -> &str {
    source.get(2..source.len().saturating_sub(2)).unwrap_or("").trim_matches('-').trim()
}

/// The loops open at a point of a template: each with the variable it binds and whether
/// it was written for [`super::liquid_items`].
struct Loops {
    around: Vec<(String, bool)>,
    /// Whether a list may be kept between runs at all.
    keeps: bool,
}

impl Loops {
    /// Opens the loop of the tag `source`.
    fn open(&mut self, source: &str, rewritten: bool) {
        let variable = super::liquid_items::loop_variable(inner_of(source)).map_or("", |(variable, _)| variable);
        self.around.push((variable.to_string(), rewritten));
    }

    /// Closes the innermost loop: whether it was written for [`super::liquid_items`].
    fn close(&mut self) -> bool {
        self.around.pop().is_some_and(|(_, rewritten)| rewritten)
    }

    /// Whether a list read from the variable `root` may be kept between runs: the
    /// variable is no loop's around it, nor one Liquid binds itself.
    fn keeps(&self, root: &str) -> bool {
        const BOUND: [&str; 5] = ["include", "forloop", "tablerowloop", "page", "site"];
        self.keeps && !BOUND.contains(&root) && !self.around.iter().any(|(variable, _)| variable == root)
    }
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
