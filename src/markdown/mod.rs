//! Markdown -> HTML with pulldown-cmark, in one pass over the parser's events.
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod blocks;
pub(crate) mod diagram;
mod elements;
pub(crate) mod headings;
pub(crate) mod highlight;
mod html_page;
pub(crate) mod includes;
pub(crate) mod internal;
mod line_cache;
pub(crate) mod links;
mod location;
mod open_html;
mod palette;
pub(crate) mod public_text;
pub(crate) mod references;
pub(crate) mod tabs;
pub(crate) mod templating;
pub(crate) mod tera_budget;
mod token_style;
pub(crate) mod words;

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub(crate) use headings::TocEntry;
use headings::{HeadingIds, HeadingText, heading_source_line, nest_toc};
use internal::InternalBlocks;
pub(crate) use links::{LinkResolver, Resolution};
use location::located;
use references::InternalReferences;
pub(crate) use words::MarkdownWords;

use crate::compat::dialects;
use crate::compat::old_tool::DefinitionLists;
use crate::diagnostic::{Diagnostic, LineIndex, Rule, Severity};
use crate::html::{escape, push_escaped};

/// The pulldown-cmark extensions opsbook enables.
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// What the body writer needs to know about the page it writes.
pub(crate) struct MarkdownInput<'a> {
    /// The Markdown body.
    pub text: &'a str,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
    /// The file, relative to the root, for diagnostics.
    pub file: &'a str,
    /// The page's folder relative to `content/`, for relative links.
    pub dir: &'a str,
    /// The content folder relative to the root (`content` unless book.toml names
    /// another), for includes.
    pub content: &'a str,
    /// Turns link destinations into URLs.
    pub links: &'a dyn LinkResolver,
    /// The severity of broken links and missing assets.
    pub link_severity: Severity,
    /// Whether to highlight code (a check, which writes no HTML, does not).
    pub highlight: bool,
    /// Whether to write the body's HTML. The Markdown step of a streaming build, which
    /// drops it, does not: the titles, links, anchors, table of contents, search text
    /// and diagnostics are collected all the same (the title heading's HTML, which the
    /// model keeps, is still written).
    pub write_html: bool,
    /// Whether to keep the text of each section, for the search index.
    pub collect_text: bool,
    /// What to do with internal blocks: drop them (public) or mark them (internal).
    pub internal_blocks: internal::Mode,
    /// The rule that makes heading ids (`[markdown] heading-ids`).
    pub heading_ids: crate::slug::HeadingIdStyle,
    /// The files includes read; `None` leaves include directives as they are.
    pub includes: Option<&'a dyn crate::content::include_files::IncludeFiles>,
    /// Where includes look their files up besides the including file's folder and the
    /// content folder, as the other tools' configurations say.
    pub include_roots: &'a crate::content::include_roots::IncludeRoots,
    /// Whether ```` ```mermaid ```` blocks are drawn as diagrams (`[markdown] diagrams`).
    pub diagrams: bool,
    /// Whether a diagram the build cannot draw is left to the reader's browser
    /// (`[markdown] browser-diagrams`).
    pub browser_diagrams: bool,
    /// The handbook's templates for its constructs, the old tool's site variables and
    /// the page's front matter ([`templating`]); `None` renders none of them.
    pub templating: Option<&'a templating::PageTemplating<'a>>,
    /// The page's front matter, for the template tags that read it (ERB's
    /// `current_page.data`).
    pub front: Option<&'a crate::content::front_matter::Fields>,
    /// Whether `Term` / `: Definition` lines are a definition list, as the old tool's
    /// Markdown read them, and whether each term gets an id.
    pub definition_lists: crate::compat::old_tool::DefinitionLists,
    /// Whether a `.md` page is MDX, as the old tool read it (Docusaurus's default).
    pub md_as_mdx: bool,
    /// Whether an indented code block's first line can name its language, as the old
    /// tool's highlighter read it ([`dialects::code_header`]).
    pub code_header_line: bool,
    /// Whether, and by which rule, shortcodes of the text (`:smile:`) are emoji, as the
    /// old tool's Markdown made them.
    pub emoji: dialects::emoji::Shortcodes,
    /// The words the body writer adds, in the language of the page's text.
    pub words: &'a MarkdownWords,
}

/// The text of one part of a page: the part before the first heading, or a heading and
/// what follows it up to the next heading. Kept for the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionText {
    /// The heading's id; `None` for the part before the first heading.
    pub id: Option<String>,
    /// The heading's text.
    pub heading: String,
    /// The prose: paragraphs, lists, tables, inline code.
    pub text: String,
    /// The code blocks.
    pub code: String,
}

/// An internal link found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    /// The target page's id; `None` for `#anchor` links within the page.
    pub target: Option<usize>,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
    /// 1-based line of the link in the file.
    pub line: usize,
    /// 1-based column of the link.
    pub column: usize,
    /// The included file the link is written in (relative to the root), when it is not
    /// the page's own file.
    pub file: Option<String>,
}

/// A page body rendered to HTML, with what the site model needs to know about it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The table of contents: every heading but a leading `#` title, nested by level.
    pub toc: Vec<TocEntry>,
    /// The text of the `#` heading that opens the body, if it does: the page's title
    /// is then already in the body.
    pub title_heading: Option<String>,
    /// The HTML of that heading, which is not part of `html`.
    pub title_html: String,
    /// The text of the first `#` heading anywhere, for pages without a title.
    pub first_h1: Option<String>,
    /// The text of the first paragraph, shortened: a fallback description.
    pub summary: String,
    /// Every internal link, in order.
    pub links: Vec<LinkRecord>,
    /// Every id in the page (headings, footnotes, and `id`/`name` attributes of raw HTML).
    pub anchors: Vec<String>,
    /// The number of words of text.
    pub word_count: usize,
    /// The text of each section, when the input asked for it.
    pub sections: Vec<SectionText>,
    /// The site paths of the files of `content/` the page links to or shows.
    pub assets: Vec<String>,
    /// In a public build, the site paths of the files of `content/` that only its
    /// internal blocks link to or show.
    pub internal_assets: Vec<String>,
    /// Broken links and missing assets.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the page includes, relative to the root: a change to one renders the
    /// page again.
    pub included_files: Vec<String>,
    /// Whether a diagram of the page is drawn by the reader's browser: the build then
    /// writes Mermaid's script beside the pages.
    pub browser_diagrams: bool,
}

/// About how long the HTML of `events`, parsed from `text`, is: the HTML the body
/// writer made itself (code blocks, callouts) as it is, and the rest about as long as
/// its Markdown, with room for the tags. The writer's buffer is sized with it once, so
/// that the body (highlighted code most of it) is not copied each time it would grow.
fn html_size(text: &str, events: &[Event<'_>]) -> usize {
    let made: usize = events
        .iter()
        .map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => html.len(),
            _ => 0,
        })
        .sum();
    made + text.len() + text.len() / 4
}

/// Whether `text` contains `needle`: a SIMD search (`memchr::memmem`), much faster than
/// `str::contains` for the markers every page's whole text is searched for.
pub(crate) fn has_text(text: &str, needle: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
}

/// Whether `text` contains `word` (ASCII letters) in any case.
fn memchr_insensitive(text: &str, word: &str) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// The longest fallback description, in characters.
const SUMMARY_CHARS: usize = 200;

/// The line that ends a post's excerpt: Hugo's summary divider (gohugoio/hugo
/// `docs/content/en/content-management/summaries.md`), and the `excerpt_separator`
/// Jekyll blogs set to the same. The text before it, as plain text, is the page's
/// summary (at most [`EXCERPT_CHARS`] characters) instead of its first paragraph.
pub(crate) const EXCERPT_SEPARATOR: &str = "<!--more-->";

/// Whether raw HTML is an excerpt separator: [`EXCERPT_SEPARATOR`], or the truncate
/// marker of Docusaurus's blog, `<!-- truncate -->` (its default `truncateMarker`,
/// <https://docusaurus.io/docs/blog#blog-list>; the MDX form `{/* truncate */}` becomes
/// [`EXCERPT_SEPARATOR`] in the MDX dialect).
fn is_excerpt_separator(html: &str) -> bool {
    let html = html.trim();
    html == EXCERPT_SEPARATOR
        || html.strip_prefix("<!--").and_then(|h| h.strip_suffix("-->")).is_some_and(|h| h.trim() == "truncate")
}

/// The most characters of an excerpt that ends at [`EXCERPT_SEPARATOR`].
const EXCERPT_CHARS: usize = 600;

/// Renders one page body: its includes expanded first ([`includes::expand`]), then the
/// other pre-passes on the expanded text.
pub(crate) fn render_markdown(input: &MarkdownInput<'_>) -> Rendered {
    crate::panics::inject("markdown", input.file);
    if let Some(d) = elements::too_long(input.text, input.file, input.body_line) {
        return Rendered { diagnostics: vec![d], ..Rendered::default() };
    }
    line_cache::start_page();
    diagram::budget::start_page();
    let Some(expanded) = input.includes.and_then(|files| includes::expand(input, files)) else {
        let mut rendered = render_source(input, None);
        crate::diagnostic::bound::bound_per_file(&mut rendered.diagnostics);
        return rendered;
    };
    let mut rendered = render_source(&MarkdownInput { text: &expanded.text, ..*input }, Some(&expanded));
    for (place, message) in &expanded.problems {
        let at = expanded.locate(*place);
        rendered.diagnostics.push(located(Rule::Include, &at, message.clone()));
    }
    for (place, message) in &expanded.warnings {
        let at = expanded.locate(*place);
        rendered.diagnostics.push(located(Rule::Include, &at, message.clone()).with_severity(Severity::Warning));
    }
    // A missing file is a link that leads nowhere: `[check] links` decides.
    for (place, message) in &expanded.missing {
        let at = expanded.locate(*place);
        let diagnostic = located(Rule::Include, &at, message.clone()).with_severity(input.link_severity);
        rendered.diagnostics.push(diagnostic.with_help("the page shows a placeholder in its place"));
    }
    for (place, message) in &expanded.internal_problems {
        let at = expanded.locate(*place);
        rendered.diagnostics.push(located(Rule::InternalBlock, &at, message.clone()));
    }
    rendered.included_files.extend(expanded.included_files().map(str::to_string));
    rendered.included_files.sort();
    rendered.included_files.dedup();
    crate::diagnostic::bound::bound_per_file(&mut rendered.diagnostics);
    rendered
}

/// Renders a body whose text is the page's, or the page's with its includes
/// `expanded`. Characters XML 1.0 forbids become U+FFFD first, so that no part of the
/// HTML (text, code, raw HTML, ids) carries them.
fn render_source(input: &MarkdownInput<'_>, expanded: Option<&includes::Expanded>) -> Rendered {
    if let std::borrow::Cow::Owned(clean) = crate::html::xml_safe(input.text) {
        return render_source(&MarkdownInput { text: &clean, ..*input }, expanded);
    }
    let late = input.includes.map(|files| includes::Late::new(input, files));
    let page = dialects::Page {
        dir: input.dir,
        mdx: is_mdx(input.file) || (input.md_as_mdx && is_md(input.file)),
        highlight: input.highlight,
        templating: input.templating,
        erb: crate::content::formats::is_erb(input.file),
        html: is_html_page(input.file),
        front: input.front,
        words: input.words,
        late: late.as_ref(),
        public: input.internal_blocks == internal::Mode::Drop,
    };
    match dialects::rewrite(input.text, page) {
        Some(rewrite) => {
            let rewritten = MarkdownInput { text: &rewrite.text, ..*input };
            write_body(&rewritten, input.text, Some(&rewrite), expanded)
        }
        None => write_body(input, input.text, None, expanded),
    }
}

/// Whether the page's body is HTML, not Markdown ([`crate::content::formats`]).
fn is_html_page(file: &str) -> bool {
    crate::content::formats::format_of(file) == crate::content::formats::PageFormat::Html
}

/// Whether the page's file is MDX.
fn is_mdx(file: &str) -> bool {
    file.len() > 4 && file.as_bytes()[file.len() - 4..].eq_ignore_ascii_case(b".mdx")
}

/// Whether the page's file is Markdown by its name (`.md`, `.markdown`).
fn is_md(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Renders `input`, whose text is `source` or `source` rewritten by `rewrite`; `source`
/// is the page's body, or that body with its includes `expanded`.
fn write_body(
    input: &MarkdownInput<'_>,
    source: &str,
    rewrite: Option<&dialects::Rewrite>,
    expanded: Option<&includes::Expanded>,
) -> Rendered {
    let mut writer = BodyWriter {
        input,
        rewrite,
        expanded,
        lines: LineIndex::new(source),
        ids: HeadingIds::new(input.heading_ids),
        out: Rendered {
            included_files: rewrite.map(|r| r.included_files.clone()).unwrap_or_default(),
            ..Rendered::default()
        },
        toc: Vec::new(),
        footnote_numbers: HashMap::new(),
        footnote_refs: HashMap::new(),
        footnotes: Vec::new(),
        summary: None,
        in_summary: false,
        before_more: (source.contains(EXCERPT_SEPARATOR) || source.contains("truncate")).then(String::new),
        blocks_seen: false,
        html_tag_open: false,
        in_heading: false,
        paragraph_attributes: None,
        in_paragraph: false,
        open_blocks: Vec::new(),
        diagrams: 0,
        link_placeholders: Vec::new(),
        list_starts: Vec::new(),
        kramdown_toc: false,
        elements: elements::ElementCount::default(),
        raw_html: open_html::RawHtml::default(),
    };
    if input.collect_text {
        writer.out.sections.push(SectionText::default());
    }
    if is_html_page(input.file) {
        writer.run_html();
    } else {
        writer.run();
    }
    writer.finish()
}

/// Writes one page body: walks the parser's events once and collects the HTML, the
/// table of contents, the links, the search text and the diagnostics.
struct BodyWriter<'a> {
    input: &'a MarkdownInput<'a>,
    /// The dialects rewritten before parsing, if the page has any.
    rewrite: Option<&'a dialects::Rewrite>,
    /// The page's includes, if it has any: the source map of the text before `rewrite`.
    expanded: Option<&'a includes::Expanded>,
    /// The lines of the page's source (not of the rewritten text).
    lines: LineIndex<'a>,
    ids: HeadingIds,
    out: Rendered,
    toc: Vec<TocEntry>,
    footnote_numbers: HashMap<String, usize>,
    footnote_refs: HashMap<String, usize>,
    footnotes: Vec<(String, String)>,
    summary: Option<String>,
    in_summary: bool,
    /// On a page with an excerpt separator ([`EXCERPT_SEPARATOR`]), the text before it so
    /// far: at the separator, it becomes the summary.
    before_more: Option<String>,
    blocks_seen: bool,
    /// Whether the raw HTML so far ends inside a tag (`<div` on one line, its
    /// attributes on the next): the next line's first word may be an attribute.
    html_tag_open: bool,
    in_heading: bool,
    /// The closing tags of the blocks the dialects' placeholders opened.
    open_blocks: dialects::OpenBlocks,
    /// The attributes an attribute list gives the paragraph being written.
    paragraph_attributes: Option<Vec<(String, String)>>,
    /// Whether a paragraph is open.
    in_paragraph: bool,
    /// How many diagrams the page has so far: each one's ids get its number.
    diagrams: usize,
    /// For each link open: the placeholders its end writes, when its destination held a
    /// construct of the old tool (a reference definition `[r]: <{{% x %}}>`).
    link_placeholders: Vec<Option<String>>,
    /// Where each open list starts in its list of events.
    list_starts: Vec<usize>,
    /// Whether kramdown's `{:toc}` marked the innermost open list as the table of
    /// contents: the list is left out when it ends (the page's own table stands for it).
    kramdown_toc: bool,
    /// The page's elements so far, against its budget.
    elements: elements::ElementCount,
    /// The page's raw HTML, read at the end for what it leaves open.
    raw_html: open_html::RawHtml,
}

type Events<'e> = Vec<Event<'e>>;

/// The parser's events, internal blocks dropped or marked, and (public) the links
/// through reference definitions inside them undone.
type Source<'a> = InternalReferences<'a, pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>>;

impl<'a> BodyWriter<'a> {
    fn run(&mut self) {
        let text = self.input.text;
        let options = match self.input.definition_lists {
            DefinitionLists::Off => parser_options(),
            DefinitionLists::On { .. } => parser_options() | Options::ENABLE_DEFINITION_LIST,
        };
        let events = Parser::new_ext(text, options).into_offset_iter();
        // Only a page that can hold an internal block (its markers say `internal`) can
        // have definitions to hide; the others stream through the filter.
        let may_hide = || memchr_insensitive(text, "internal");
        let definitions: Vec<(String, std::ops::Range<usize>)> = match self.input.internal_blocks {
            internal::Mode::Drop if may_hide() => {
                events.reference_definitions().iter().map(|(l, d)| (references::normalise(l), d.span.clone())).collect()
            }
            internal::Mode::Drop | internal::Mode::Mark => Vec::new(),
        };
        let blocks =
            InternalBlocks::new(events, text, self.input.internal_blocks).labelled(self.input.words.say("md_internal"));
        let mut parser = InternalReferences::new(blocks, text, definitions);
        // About one event per 16 bytes of Markdown: sized once rather than grown (and
        // copied) a dozen times.
        let mut main: Events<'a> = Vec::with_capacity(text.len() / 16);
        let mut footnote_stack: Vec<(String, Events<'a>)> = Vec::new();
        // Each open quote: `None` a plain one, else the closing tag of the callout it is.
        let mut quote_stack: Vec<Option<&'static str>> = Vec::new();
        // Like quotes, the dialects' blocks (admonitions, tabs) give no description.
        // Where the last paragraph opened in its list of events.
        let mut paragraph_at = 0usize;
        while let Some((event, range)) = parser.next() {
            self.elements.count(&event);
            if let Some(reason) = self.elements.past_budget() {
                let d = self.location(range.start).diagnostic(Rule::Budget, reason);
                self.out.diagnostics.push(d.with_help("split the page: the rest of it is not rendered"));
                break;
            }
            let in_footnote = !footnote_stack.is_empty();
            let target = match footnote_stack.last_mut() {
                Some((_, events)) => events,
                None => &mut main,
            };
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let opens_page = !self.blocks_seen && !in_footnote;
                    self.blocks_seen = true;
                    let is_title = opens_page && level == HeadingLevel::H1;
                    let source = text.get(range.clone()).unwrap_or_default();
                    let heading = Heading { source, level, id, classes, attrs, opens_page };
                    if is_title {
                        // The page's title heading is kept apart, so the theme can put
                        // the page's details right under it.
                        let mut events = Vec::new();
                        self.heading(heading, &mut parser, &mut events);
                        dialects::emoji::replace_in_events(&mut events, self.input.emoji);
                        pulldown_cmark::html::push_html(&mut self.out.title_html, events.into_iter());
                    } else {
                        self.heading(heading, &mut parser, target);
                    }
                }
                Event::Start(Tag::DefinitionListTitle)
                    if self.input.definition_lists == (DefinitionLists::On { term_ids: true }) =>
                {
                    self.blocks_seen = true;
                    let source = text.get(range.clone()).unwrap_or_default();
                    self.definition_term(source, &mut parser, target);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    self.blocks_seen = true;
                    let mut code = String::new();
                    for (inner, _) in parser.by_ref() {
                        match inner {
                            Event::Text(text) => code.push_str(&text),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    if let Some(restored) = self.rewrite.and_then(|r| r.restore(&code)) {
                        code = restored;
                    }
                    let info = match &kind {
                        CodeBlockKind::Fenced(info) => {
                            self.rewrite.and_then(|r| r.restore(info)).unwrap_or_else(|| info.to_string())
                        }
                        CodeBlockKind::Indented if self.input.code_header_line => {
                            dialects::code_header::take(&mut code).unwrap_or_default()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let language = blocks::fence_language(&info);
                    if let Some(section) = self.out.sections.last_mut() {
                        section.code.push_str(&code);
                        section.code.push(' ');
                    }
                    let html = match language {
                        "mermaid" if self.input.diagrams => self.diagram(&code, range.start),
                        "plantuml" | "puml" if self.input.diagrams => Some(self.plantuml(&code, range.start)),
                        _ => None,
                    };
                    if self.input.write_html {
                        let html =
                            html.unwrap_or_else(|| blocks::code_block_html(&code, language, self.input.highlight));
                        target.push(Event::Html(html.into()));
                    }
                }
                Event::Start(Tag::FootnoteDefinition(label)) => footnote_stack.push((label.to_string(), Vec::new())),
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let Some((label, mut events)) = footnote_stack.pop() {
                        dialects::emoji::replace_in_events(&mut events, self.input.emoji);
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(&mut html, events.into_iter());
                        self.footnotes.push((label, html));
                    }
                }
                Event::FootnoteReference(label) => {
                    let html = self.footnote_reference(&label);
                    target.push(Event::InlineHtml(html.into()));
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    self.blocks_seen = true;
                    quote_stack.push(kind.map(|_| "</div>\n"));
                    match kind {
                        Some(kind) => target.push(Event::Html(blocks::callout_open(kind, self.input.words).into())),
                        None => target.push(Event::Start(Tag::BlockQuote(None))),
                    }
                }
                Event::End(TagEnd::BlockQuote(kind)) => {
                    if let Some(close) = quote_stack.pop().flatten() {
                        target.push(Event::Html(close.into()));
                    } else {
                        target.push(Event::End(TagEnd::BlockQuote(kind)));
                    }
                }
                Event::Html(html) if self.before_more.is_some() && is_excerpt_separator(&html) => {
                    if let Some(text) = self.before_more.take() {
                        self.summary = Some(shorten(text.trim(), EXCERPT_CHARS));
                        self.in_summary = false;
                    }
                    target.push(Event::Html(html));
                }
                Event::Html(html) if self.rewrite.and_then(|r| r.html(&html)).is_some() => {
                    let placeholder = self.rewrite.and_then(|r| r.html(&html)).cloned().unwrap_or_default();
                    self.blocks_seen = true;
                    let Some(html) = placeholder.html_in(&mut self.open_blocks).map(str::to_string) else {
                        continue;
                    };
                    let html = self.rewrite_html(html.into(), range.start, true);
                    self.note_html_ids(&html);
                    match placeholder.quote {
                        // An alert's marker: the quote it starts is its callout.
                        Some(close)
                            if matches!(
                                target.get(target.len().wrapping_sub(2)..),
                                Some([Event::Start(Tag::BlockQuote(None)), Event::Start(Tag::HtmlBlock)])
                            ) && quote_stack.last() == Some(&None) =>
                        {
                            target.remove(target.len() - 2);
                            quote_stack.pop();
                            quote_stack.push(Some(close));
                            target.push(Event::Html(html));
                        }
                        Some(close) => {
                            target.push(Event::Html(html));
                            target.push(Event::Html(close.into()));
                        }
                        None => target.push(Event::Html(html)),
                    }
                }
                Event::Start(Tag::Table(alignments)) => {
                    self.blocks_seen = true;
                    // Focusable and named, so keyboard users can scroll a wide table.
                    target.push(Event::Html(blocks::table_wrap_open(self.input.words).into()));
                    target.push(Event::Start(Tag::Table(alignments)));
                }
                Event::End(TagEnd::Table) => {
                    target.push(Event::End(TagEnd::Table));
                    target.push(Event::Html("</div>\n".into()));
                }
                Event::Start(Tag::Paragraph) => {
                    if self.summary.is_none()
                        && !self.in_summary
                        && !in_footnote
                        && quote_stack.is_empty()
                        && self.open_blocks.is_empty()
                    {
                        self.in_summary = true;
                        self.out.summary.clear();
                    }
                    self.blocks_seen = true;
                    paragraph_at = target.len();
                    self.in_paragraph = true;
                    self.paragraph_attributes = None;
                    target.push(Event::Start(Tag::Paragraph));
                }
                Event::End(TagEnd::Paragraph) => {
                    self.in_paragraph = false;
                    self.note_break(true);
                    if self.in_summary {
                        self.in_summary = false;
                        self.summary = Some(shorten(self.out.summary.trim(), SUMMARY_CHARS));
                    }
                    match self.paragraph_attributes.take() {
                        Some(attributes) => dialects::set_paragraph_attributes(target, paragraph_at, &attributes),
                        None => target.push(Event::End(TagEnd::Paragraph)),
                    }
                }
                Event::Start(Tag::List(first)) => {
                    self.blocks_seen = true;
                    self.list_starts.push(target.len());
                    target.push(Event::Start(Tag::List(first)));
                }
                Event::End(TagEnd::List(ordered)) => {
                    let start = self.list_starts.pop();
                    let event = self.inline(Event::End(TagEnd::List(ordered)), range.start);
                    match start
                        .filter(|&at| self.kramdown_toc && matches!(target.get(at), Some(Event::Start(Tag::List(_)))))
                    {
                        Some(at) => {
                            self.kramdown_toc = false;
                            target.truncate(at);
                        }
                        None => target.push(event),
                    }
                }
                Event::TaskListMarker(done) => {
                    // A label, so screen readers say what the box means.
                    target.push(Event::InlineHtml(blocks::task_marker(done, self.input.words).into()));
                }
                other => {
                    if matches!(other, Event::Start(_)) {
                        self.blocks_seen = true;
                    }
                    let (colon, other, at) = self.split_escaped_colon(other, range.start);
                    target.extend(colon);
                    let event = self.inline(other, at);
                    target.push(event);
                }
            }
        }
        // Blocks whose end was lost (it fell into code at the end of the page) end here.
        let lost = std::mem::take(&mut self.open_blocks);
        for close in lost.iter().rev() {
            self.raw_html.push(close, text.len(), false);
        }
        self.report_unclosed_html();
        main.extend(lost.into_iter().rev().map(|close| Event::Html(close.into())));
        if self.input.write_html {
            dialects::emoji::replace_in_events(&mut main, self.input.emoji);
            self.out.html.reserve(html_size(text, &main));
            pulldown_cmark::html::push_html(&mut self.out.html, main.into_iter());
        }
        // What the dropped blocks link to: files used only there stay out of the build.
        let dropped = match self.input.internal_blocks {
            internal::Mode::Drop => std::mem::take(&mut parser.blocks.blocks),
            internal::Mode::Mark => Vec::new(),
        };
        // And those of included files, which a public build blanked before parsing.
        let page_dir = self.input.dir;
        let in_includes = self.expanded.into_iter().flat_map(|e| &e.dropped);
        let in_includes = in_includes.map(|(dir, markdown)| (dir.as_deref().unwrap_or(page_dir), markdown.as_str()));
        let in_page: Vec<(&str, &str)> =
            dropped.into_iter().filter_map(|block| Some((self.location(block.start).dir, text.get(block)?))).collect();
        // And those a public build masked before the page's templates ran, and those of
        // the files its Liquid included by variable names.
        let masked = self.rewrite.into_iter().flat_map(|r| &r.dropped);
        let masked: Vec<(&str, &str)> =
            masked.map(|(offset, markdown)| (self.location_in_source(*offset).dir, markdown.as_str())).collect();
        let late = self.rewrite.into_iter().flat_map(|r| &r.dropped_in_includes);
        let late = late.map(|(dir, markdown)| (dir.as_deref().unwrap_or(page_dir), markdown.as_str()));
        for (dir, markdown) in in_page.into_iter().chain(in_includes).chain(masked).chain(late) {
            for destination in links::destinations(markdown) {
                if let Resolution::File { asset: Some(asset), .. } = self.input.links.resolve(dir, &destination) {
                    self.out.internal_assets.push(asset);
                }
            }
        }
        for (offset, message) in std::mem::take(&mut parser.blocks.problems) {
            let d = self.location(offset).diagnostic(Rule::InternalBlock, message);
            self.out.diagnostics.push(d);
        }
        self.report_rewrite_problems();
        for (offset, message) in std::mem::take(&mut parser.problems) {
            let d = self
                .location(offset)
                .diagnostic(Rule::LinkToInternal, message)
                .with_help("move the definition out of the internal block, or the link into one");
            self.out.diagnostics.push(d);
        }
    }

    /// What the page's raw HTML leaves open, hiding the rest of the page: warnings.
    fn report_unclosed_html(&mut self) {
        for open in std::mem::take(&mut self.raw_html).unclosed() {
            let d = self.location(open.offset).diagnostic(Rule::UnclosedHtml, open.message);
            self.out.diagnostics.push(d.with_severity(Severity::Warning).with_help(open.help));
        }
    }

    /// The dialects' problems as diagnostics, at their places in the page's source.
    fn report_rewrite_problems(&mut self) {
        for (offset, problem, message) in self.rewrite.into_iter().flat_map(|r| &r.problems) {
            let spot = self.location_in_source(*offset);
            let d = match problem {
                dialects::Problem::Admonition => spot.diagnostic(Rule::Admonition, message.clone()),
                dialects::Problem::Unsupported => spot.diagnostic(Rule::UnsupportedSyntax, message.clone()).with_help(
                    "see the guide's page on other tools' syntax for what opsbook renders, or rewrite it in Markdown",
                ),
                dialects::Problem::Template => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::Template, message.clone()));
                    continue;
                }
                dialects::Problem::MissingInclude => {
                    let d = spot.diagnostic(Rule::Include, message.clone()).with_severity(self.input.link_severity);
                    self.out.diagnostics.push(d.with_help("the page shows a placeholder in its place"));
                    continue;
                }
                dialects::Problem::Include => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::Include, message.clone()));
                    continue;
                }
                dialects::Problem::InternalBlock => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::InternalBlock, message.clone()));
                    continue;
                }
                dialects::Problem::Budget => {
                    let d = spot.diagnostic(Rule::Budget, message.clone());
                    self.out.diagnostics.push(d.with_help(
                        "the page's tags are shown as placeholders; split the page, or simplify its templates",
                    ));
                    continue;
                }
                dialects::Problem::UnknownFilter => {
                    let d = spot.diagnostic(Rule::UnsupportedSyntax, message.clone()).with_severity(Severity::Note);
                    self.out.diagnostics.push(d.with_help("the filter is the site's own (a plugin opsbook does not run): check what the variable is used for, or write its value in the page"));
                    continue;
                }
            };
            self.out.diagnostics.push(d.with_severity(Severity::Warning));
        }
    }

    /// The HTML of the diagram of a `mermaid` block starting at `offset`, or `None` (and a
    /// `diagram` warning at the fence) when it cannot be drawn.
    fn diagram(&mut self, code: &str, offset: usize) -> Option<String> {
        self.diagrams += 1;
        if let Some(reason) = diagram::over_budget(code) {
            let d = self.location(offset).diagnostic(Rule::Budget, reason);
            self.out
                .diagnostics
                .push(d.with_help("the diagram is shown as its source; split it into smaller diagrams"));
            return Some(diagram::source_figure(code, "mermaid", self.input.words.say("md_diagram_not_drawn")));
        }
        match diagram::render_diagram(code, self.diagrams, self.input.words) {
            Ok(html) => Some(html),
            Err(reason) if self.input.browser_diagrams => {
                self.out.browser_diagrams = true;
                let d = self
                    .location(offset)
                    .diagnostic(Rule::Diagram, format!("{reason}: the reader's browser draws it"))
                    .with_severity(Severity::Note)
                    .with_help("with JavaScript off, its source is shown; check that it draws in `opsbook serve`");
                self.out.diagnostics.push(d);
                Some(diagram::browser_figure(code, self.input.words))
            }
            Err(reason) => {
                let d = self
                    .location(offset)
                    .diagnostic(Rule::Diagram, reason)
                    .with_severity(Severity::Warning)
                    .with_help("the diagram is shown as its source; fix it, or give the fence another language");
                self.out.diagnostics.push(d);
                Some(diagram::source_figure(code, "mermaid", self.input.words.say("md_diagram_not_drawn")))
            }
        }
    }

    /// The HTML of the PlantUML diagram of a block starting at `offset`: drawn by the
    /// `plantuml` program, or its source under a note (with a `diagram` note when there
    /// is no program, a warning when the diagram is at fault).
    fn plantuml(&mut self, code: &str, offset: usize) -> String {
        self.diagrams += 1;
        let failure = match diagram::plantuml::draw(code) {
            Ok(svg) => match diagram::plantuml_figure(&svg, code, self.diagrams, self.input.words) {
                Some(html) => return html,
                None => diagram::plantuml::Failure::Diagram("PlantUML drew no SVG".into()),
            },
            Err(failure) => failure,
        };
        let (message, severity, help) = match failure {
            diagram::plantuml::Failure::NoProgram(reason) => (
                format!("PlantUML diagrams are drawn by a `plantuml` program: {reason}"),
                Severity::Note,
                "the diagram is shown as its source; install PlantUML where the handbook is built to draw it",
            ),
            diagram::plantuml::Failure::Diagram(reason) => (
                reason,
                Severity::Warning,
                "the diagram is shown as its source; fix it, or give the fence another language",
            ),
        };
        let d = self.location(offset).diagnostic(Rule::Diagram, message).with_severity(severity).with_help(help);
        self.out.diagnostics.push(d);
        diagram::source_figure(code, "plantuml", self.input.words.say("md_plantuml_as_source"))
    }

    /// Links, images, raw HTML and text, wherever they stand.
    fn inline(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            // A destination the old tool filled in (a reference definition holding a
            // shortcode or variable, which the dialects made a placeholder): the link's
            // text stays, the placeholder follows it, and nothing is checked, as for an
            // inline link with one (`dialects::inline`).
            Event::Start(Tag::Link { dest_url, .. }) if self.rewrite.is_some_and(|r| r.has_placeholders(&dest_url)) => {
                let filled = self.rewrite.and_then(|r| r.fill(&dest_url, &mut self.open_blocks, false));
                self.link_placeholders.push(Some(format!(" {}", filled.unwrap_or_default())));
                Event::InlineHtml(CowStr::Borrowed(""))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !matches!(link_type, LinkType::Email) => {
                self.link_placeholders.push(None);
                let dest_url = self.rewrite(dest_url, offset, false);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(link @ Tag::Link { .. }) => {
                self.link_placeholders.push(None);
                Event::Start(link)
            }
            Event::End(TagEnd::Link) => match self.link_placeholders.pop().flatten() {
                Some(placeholders) => Event::InlineHtml(placeholders.into()),
                None => Event::End(TagEnd::Link),
            },
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite(dest_url, offset, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Html(html) if self.rewrite.is_some_and(|r| r.has_placeholders(&html)) => {
                let inside_tag = self.html_tag_open;
                let filled =
                    self.rewrite.and_then(|r| r.fill(&html, &mut self.open_blocks, inside_tag)).unwrap_or_default();
                self.raw_html.push(&filled, offset, false);
                self.html_tag_open = links::leaves_tag_open(&filled, inside_tag);
                self.note_html_ids_in(&filled, inside_tag);
                Event::Html(self.rewrite_html(filled.into(), offset, true))
            }
            Event::InlineHtml(html) if self.rewrite.is_some_and(|r| r.has_placeholders(&html)) => {
                let filled = self.rewrite.and_then(|r| r.fill(&html, &mut self.open_blocks, false)).unwrap_or_default();
                self.raw_html.push(&filled, offset, false);
                self.note_html_ids(&filled);
                Event::Html(self.rewrite_html(filled.into(), offset, true))
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_tag_open = false;
                Event::Start(Tag::HtmlBlock)
            }
            Event::Html(html) => {
                self.raw_html.push(&html, offset, true);
                let inside_tag = self.html_tag_open;
                self.html_tag_open = links::leaves_tag_open(&html, inside_tag);
                self.note_html_ids_in(&html, inside_tag);
                Event::Html(self.rewrite_html_in(html, offset, inside_tag))
            }
            Event::InlineHtml(html) => {
                self.raw_html.push(&html, offset, true);
                self.note_html_ids(&html);
                if let Some(block) = blocks::html_break(&html) {
                    self.note_search_break(block);
                }
                Event::InlineHtml(self.rewrite_html(html, offset, false))
            }
            Event::Text(text) if self.rewrite.is_some() && text.contains(dialects::INLINE_OPEN) => {
                self.inline_placeholders(&text, offset)
            }
            Event::Text(text) => {
                self.note_text(&text);
                Event::Text(text)
            }
            Event::Code(code) => {
                let code = match self.rewrite.and_then(|r| r.restore(&code)) {
                    Some(restored) => CowStr::from(restored),
                    None => code,
                };
                // The description is plain text, not code: a template construct in the
                // code (which the old tool replaced) shows there as an ellipsis.
                let hidden =
                    if self.in_summary && self.rewrite.is_some() { dialects::hide_constructs(&code) } else { None };
                match hidden {
                    Some(hidden) => {
                        self.in_summary = false;
                        self.note_text(&code);
                        self.in_summary = true;
                        self.out.summary.push_str(&hidden);
                    }
                    None => self.note_text(&code),
                }
                Event::Code(code)
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_break(false);
                event
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
                ) {
                    self.note_break(true);
                }
                Event::End(end)
            }
            other => other,
        }
    }

    /// Keeps the words of two lines apart in the search text, and those of two blocks
    /// (`block`: a paragraph, list item, table cell... ends) on two lines: a quoted
    /// phrase is matched within a block ([`crate::search::pairs`]).
    fn note_break(&mut self, block: bool) {
        if let Some(more) = self.before_more.as_mut().filter(|more| !more.ends_with(' ')) {
            more.push(' ');
        }
        self.note_search_break(block);
    }

    /// [`Self::note_break`] in the search text only: for raw HTML that separates words
    /// (`<br>`, [`blocks::html_break`]), which the rest of the page keeps as it was.
    fn note_search_break(&mut self, block: bool) {
        if !self.in_heading
            && let Some(section) = self.out.sections.last_mut()
        {
            if block && section.text.ends_with(' ') {
                section.text.pop();
            }
            if block && !section.text.ends_with('\n') {
                section.text.push('\n');
            } else if !section.text.ends_with([' ', '\n']) {
                section.text.push(' ');
            }
        }
    }

    /// Records the `id` and `name` attributes of raw HTML: links may point to them.
    fn note_html_ids(&mut self, html: &str) {
        self.note_html_ids_in(html, false);
    }

    /// [`Self::note_html_ids`] of raw HTML that starts inside a tag when `inside_tag`.
    fn note_html_ids_in(&mut self, html: &str, inside_tag: bool) {
        if html.contains('=') {
            for attribute in links::find_attributes_in(html, links::ID_ATTRIBUTES, inside_tag) {
                self.out.anchors.push(crate::html::decode_entities(&html[attribute.start..attribute.end]));
            }
        }
    }

    fn note_text(&mut self, text: &str) {
        self.out.word_count += count_words(text);
        if self.in_summary {
            self.out.summary.push_str(text);
        }
        if let Some(more) = self.before_more.as_mut().filter(|_| !self.in_heading) {
            more.push_str(text);
        }
        if !self.in_heading
            && let Some(section) = self.out.sections.last_mut()
        {
            section.text.push_str(text);
        }
    }

    /// Resolves one destination, records it, and returns what to write instead.
    fn rewrite(&mut self, destination: CowStr<'a>, offset: usize, image: bool) -> CowStr<'a> {
        let destination = match self.rewrite.and_then(|r| r.restore(&destination)) {
            Some(restored) => CowStr::from(restored),
            None => destination,
        };
        let spot = self.location(offset);
        let resolution = match destination.strip_prefix(dialects::assets::SCHEME) {
            // A Jekyll asset: the first of its folders that has it.
            Some(asset) if self.rewrite.is_some() => {
                let found = dialects::assets::FOLDERS.iter().find_map(|folder| {
                    match self.input.links.resolve("", &format!("/{folder}/{asset}")) {
                        file @ Resolution::File { .. } => Some(file),
                        _ => None,
                    }
                });
                found.unwrap_or_else(|| Resolution::Broken {
                    message: format!(
                        "no file `{asset}` in the asset folders (`_assets/images/`, `_assets/`, `assets/`…)"
                    ),
                    asset: true,
                    suggestion: None,
                })
            }
            _ => self.input.links.resolve(spot.dir, &destination),
        };
        let record = |target: Option<usize>, anchor: Option<String>| LinkRecord {
            target,
            anchor,
            line: spot.line,
            column: spot.column,
            file: spot.included.then(|| spot.file.to_string()),
        };
        match resolution {
            Resolution::External => destination,
            Resolution::Fragment(anchor) => {
                let link = record(None, Some(anchor));
                self.out.links.push(link);
                destination
            }
            Resolution::Page { id, href, anchor } => {
                let link = record(Some(id), anchor);
                self.out.links.push(link);
                href.into()
            }
            Resolution::File { href, asset } => {
                self.out.assets.extend(asset);
                href.into()
            }
            Resolution::Internal { message } => {
                let d = spot
                    .diagnostic(Rule::LinkToInternal, message)
                    .with_help("remove the link, or make this page internal too (`visibility: internal`)");
                self.out.diagnostics.push(d);
                destination
            }
            Resolution::Broken { message, asset, suggestion } => {
                let rule = if asset || image { Rule::MissingAsset } else { Rule::BrokenLink };
                let mut d = spot.diagnostic(rule, message).with_severity(self.input.link_severity);
                if let Some(suggestion) = suggestion {
                    d = d.with_help(format!("did you mean `{suggestion}`?"));
                }
                self.out.diagnostics.push(d);
                destination
            }
        }
    }

    /// Text with inline placeholders: the text around them escaped, their HTML put in.
    fn inline_placeholders(&mut self, text: &str, offset: usize) -> Event<'a> {
        let mut html = String::with_capacity(text.len() + 64);
        let mut rest = text;
        while let Some((before, after)) = rest.split_once(dialects::INLINE_OPEN) {
            // Where this placeholder is, for what its HTML reports (a missing asset).
            let at = offset + (text.len() - rest.len()) + before.len();
            self.note_text(before);
            push_escaped(&mut html, &self.with_emoji(before));
            let Some((number, after)) = after.split_once(dialects::INLINE_CLOSE) else {
                rest = after;
                continue;
            };
            let found = self.rewrite.and_then(|r| r.placeholder(number));
            if found.is_some_and(|p| p.attributes.iter().any(|(name, _)| name == dialects::KRAMDOWN_TOC)) {
                // kramdown's `* TOC` + `{:toc}`: the list it ends is the table of contents.
                self.kramdown_toc = !self.list_starts.is_empty();
            } else if let Some(p) = found.filter(|p| !p.attributes.is_empty()) {
                let id = p.attributes.iter().find(|(name, _)| name == "id").map(|(_, id)| id.clone());
                if self.in_paragraph {
                    self.paragraph_attributes = Some(p.attributes.clone());
                } else if let Some(id) = &id {
                    // Text outside a paragraph (a tight list's item): the id marks the place.
                    html.push_str(&format!("<span id=\"{}\"></span>", escape(id)));
                }
                self.out.anchors.extend(id);
            }
            let placeholder = self.rewrite.and_then(|r| r.placeholder(number));
            let placeholder = placeholder.and_then(|p| p.html_in(&mut self.open_blocks)).map(str::to_string);
            if let Some(placeholder) = placeholder {
                let placeholder = self.rewrite_html(placeholder.into(), at, true);
                self.note_html_ids(&placeholder);
                html.push_str(&placeholder);
            }
            rest = after;
        }
        self.note_text(rest);
        push_escaped(&mut html, &self.with_emoji(rest));
        Event::InlineHtml(html.into())
    }

    /// An escaped colon that starts a text event at `offset` (`\\:smile:`, which
    /// pulldown-cmark reads as text from the colon on) opens no emoji shortcode: it is
    /// split off as HTML, so that the emoji pass reads the text after it alone. The rest
    /// of the event, and where it starts.
    fn split_escaped_colon(&self, event: Event<'a>, offset: usize) -> (Option<Event<'a>>, Event<'a>, usize) {
        let escaped = offset > 0 && self.input.text.as_bytes().get(offset - 1) == Some(&b'\\');
        match event {
            Event::Text(text)
                if escaped && self.input.emoji != dialects::emoji::Shortcodes::Off && text.starts_with(':') =>
            {
                let rest = match text {
                    CowStr::Borrowed(text) => CowStr::Borrowed(&text[1..]),
                    text => CowStr::from(text[1..].to_string()),
                };
                (Some(Event::InlineHtml(":".into())), Event::Text(rest), offset + 1)
            }
            event => (None, event, offset),
        }
    }

    /// `text` with its emoji shortcodes made emoji, as the old tool's Markdown made them.
    fn with_emoji<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        dialects::emoji::replace(text, self.input.emoji).map_or(std::borrow::Cow::Borrowed(text), Into::into)
    }

    /// Rewrites the links of raw HTML at `offset`; `at_offset` when the HTML is a
    /// placeholder's, whose attributes are all reported at the placeholder's place.
    fn rewrite_html(&mut self, html: CowStr<'a>, offset: usize, at_offset: bool) -> CowStr<'a> {
        let attributes = links::find_link_attributes(&html);
        self.rewrite_attributes(html, attributes, offset, at_offset)
    }

    /// [`Self::rewrite_html`] of a line of an HTML block, which starts inside a tag
    /// when `inside_tag`.
    fn rewrite_html_in(&mut self, html: CowStr<'a>, offset: usize, inside_tag: bool) -> CowStr<'a> {
        let attributes = links::find_attributes_in(&html, links::LINK_ATTRIBUTES, inside_tag);
        self.rewrite_attributes(html, attributes, offset, false)
    }

    fn rewrite_attributes(
        &mut self,
        html: CowStr<'a>,
        attributes: Vec<links::HtmlAttribute>,
        offset: usize,
        at_offset: bool,
    ) -> CowStr<'a> {
        if attributes.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut last = 0;
        for attribute in attributes {
            let value = &html[attribute.start..attribute.end];
            let decoded = crate::html::decode_entities(value);
            let at = if at_offset { offset } else { offset + attribute.start };
            let rewritten = self.rewrite(CowStr::from(decoded.clone()), at, false);
            out.push_str(&html[last..attribute.start]);
            if *rewritten == *decoded {
                out.push_str(value);
            } else {
                push_escaped(&mut out, &rewritten);
            }
            last = attribute.end;
        }
        out.push_str(&html[last..]);
        out.into()
    }

    /// A definition list's term with an id, as Hugo's `autoDefinitionTermID` gives it:
    /// made from the term's text as a heading's id is, unique among the page's ids, and
    /// an anchor links may name. The term is in no table of contents.
    fn definition_term(&mut self, source: &'a str, parser: &mut Source<'a>, target: &mut Events<'a>) {
        let mut inner: Events<'a> = Vec::new();
        let mut text = String::new();
        for (event, range) in parser.by_ref() {
            match event {
                Event::End(TagEnd::DefinitionListTitle) => break,
                Event::Text(ref t) | Event::Code(ref t) => text.push_str(&dialects::strip_inline(t)),
                _ => {}
            }
            inner.push(self.inline(event, range.start));
        }
        let source = match self.input.heading_ids {
            crate::slug::HeadingIdStyle::SourceLine => source.lines().next().unwrap_or_default(),
            _ => "",
        };
        let id = self.ids.assign(&HeadingText { text: &text, shown: &text, source, level: 7 });
        self.out.anchors.push(id.clone());
        target.push(Event::Html(format!("<dt id=\"{}\">", escape(&id)).into()));
        target.extend(inner);
        target.push(Event::Html("</dt>\n".into()));
    }

    fn heading(&mut self, heading: Heading<'a>, parser: &mut Source<'a>, target: &mut Events<'a>) {
        let mut inner: Events<'a> = Vec::new();
        let mut text = String::new();
        // The text without images' alt text, as a browser shows it: only the GitHub
        // Python-Markdown and tech-docs styles of ids read it.
        let keep_shown = matches!(
            self.input.heading_ids,
            crate::slug::HeadingIdStyle::Github
                | crate::slug::HeadingIdStyle::PythonMarkdown
                | crate::slug::HeadingIdStyle::PythonMarkdownUnicode
                | crate::slug::HeadingIdStyle::TechDocs
        );
        let mut shown = String::new();
        let mut in_image = 0usize;
        self.in_heading = true;
        for (event, range) in parser.by_ref() {
            self.elements.count(&event);
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(ref t) => {
                    let t = dialects::strip_inline(t);
                    text.push_str(&t);
                    if keep_shown && in_image == 0 {
                        shown.push_str(&t);
                    }
                }
                Event::Code(ref t) => {
                    text.push_str(t);
                    if keep_shown && in_image == 0 {
                        shown.push_str(t);
                    }
                }
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                // A note's number, in the order of the page's references, links to the
                // note; it is not part of the heading's id or its entry in the contents.
                Event::FootnoteReference(ref label) => {
                    inner.push(Event::InlineHtml(self.footnote_reference(label).into()));
                    continue;
                }
                _ => {}
            }
            let (colon, event, at) = self.split_escaped_colon(event, range.start);
            inner.extend(colon);
            let event = self.inline(event, at);
            inner.push(event);
        }
        self.in_heading = false;
        // An `id` written as a key (`{ id=setup }`, Python-Markdown's attr_list and
        // Goldmark) is the heading's id as `{#setup}` is, not a second `id` attribute.
        let keyed_id = heading
            .attrs
            .iter()
            .find(|(name, value)| name.eq_ignore_ascii_case("id") && value.as_deref().is_some_and(|v| !v.is_empty()))
            .and_then(|(_, value)| value.clone());
        let id = match heading.id.as_ref().or(keyed_id.as_ref()) {
            Some(id) => {
                self.ids.reserve(id);
                id.to_string()
            }
            None => self.ids.assign(&HeadingText {
                text: &text,
                shown: &shown,
                // Only the Hugo style reads the source line.
                source: match self.input.heading_ids {
                    crate::slug::HeadingIdStyle::SourceLine => heading_source_line(heading.source),
                    _ => "",
                },
                level: heading_level(heading.level),
            }),
        };
        let text = self.with_emoji(text.trim()).into_owned();
        let level = heading_level(heading.level);
        if level == 1 && self.out.first_h1.is_none() {
            self.out.first_h1 = Some(text.clone());
        }
        if heading.opens_page && level == 1 {
            self.out.title_heading = Some(text.clone());
        } else {
            if self.input.collect_text {
                self.out.sections.push(SectionText {
                    id: Some(id.clone()),
                    heading: text.clone(),
                    ..SectionText::default()
                });
            }
            // kramdown leaves a heading with the class `no_toc` out of the table of contents.
            if !heading.classes.iter().any(|class| class.as_ref() == "no_toc") {
                self.toc.push(TocEntry { level, id: id.clone(), title: text, children: Vec::new() });
            }
        }
        self.out.anchors.push(id.clone());
        let mut open = format!("<h{level} id=\"{}\"", escape(&id));
        if !heading.classes.is_empty() {
            let classes: Vec<&str> = heading.classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (name, value) in heading
            .attrs
            .iter()
            .filter(|(name, _)| dialects::is_safe_attribute(name) && !name.eq_ignore_ascii_case("id"))
        {
            open.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
        }
        open.push('>');
        target.push(Event::Html(open.into()));
        target.extend(inner);
        target.push(Event::Html(
            format!(
                "<a class=\"anchor\" href=\"#{}\" aria-label=\"{}\">#</a></h{level}>\n",
                escape(&id),
                escape(self.input.words.say("md_section_link"))
            )
            .into(),
        ));
    }

    fn footnote_reference(&mut self, label: &str) -> String {
        let next = self.footnote_numbers.len() + 1;
        let number = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
        let count = self.footnote_refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let key = blocks::footnote_key(label);
        let ref_id = if *count == 1 { format!("fnref-{key}") } else { format!("fnref-{key}-{count}") };
        self.out.anchors.push(ref_id.clone());
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{key}\" id=\"{ref_id}\">{number}</a></sup>")
    }

    fn finish(mut self) -> Rendered {
        if !self.footnotes.is_empty() {
            let notes = std::mem::take(&mut self.footnotes);
            // Without HTML, the notes' anchors all the same.
            let mut dropped = String::new();
            let html = if self.input.write_html { &mut self.out.html } else { &mut dropped };
            blocks::push_footnotes(html, notes, &self.footnote_numbers, &mut self.out.anchors, self.input.words);
        }
        if self.in_summary {
            self.out.summary = shorten(self.out.summary.trim(), SUMMARY_CHARS);
        } else {
            self.out.summary = self.summary.unwrap_or_default();
        }
        self.out.toc = nest_toc(self.toc);
        self.out
    }
}

struct Heading<'a> {
    /// The heading's Markdown, its `#` marks or underline included.
    source: &'a str,
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    opens_page: bool,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The number of words: runs of characters between ASCII white space.
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for b in text.bytes() {
        let space = b.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// Shortens text to at most `max` characters, at a word boundary, with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    // The byte where character `max` starts: none when the text is no longer.
    let Some((end, _)) = collapsed.char_indices().nth(max) else {
        return collapsed;
    };
    let cut = &collapsed[..end];
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests;
