//! Markdown -> HTML with pulldown-cmark, in one pass over the parser's events.
//!
//! More: docs/architecture.md, "Notes by module".

pub mod autolinks;
pub mod blocks;
mod body_events;
pub mod code_header;
mod destinations;
pub mod diagram;
mod elements;
pub mod emoji;
mod heading_events;
pub mod headings;
pub mod highlight;
pub mod html_attributes;
mod html_page;
pub mod html_scan;
pub mod includes;
mod inline_events;
pub mod internal;
mod line_cache;
pub mod links;
mod location;
pub mod open_html;
mod palette;
pub mod paragraph_attributes;
pub mod public_text;
pub mod references;
pub mod rewrite;
pub mod table_sections;
pub mod tabs;
pub mod templating;
pub mod tera_budget;
mod token_style;
pub mod words;

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use heading_events::Heading;
pub use headings::TocEntry;
use headings::{HeadingIds, HeadingText, heading_source_line, nest_toc};
use internal::InternalBlocks;
pub use links::{LinkResolver, PageFile, Resolution};
use location::located;
use references::InternalReferences;
pub use words::MarkdownWords;

use crate::content::reading_rules::DefinitionLists;
use crate::diagnostic::{Diagnostic, LineIndex, Rule, Severity};
use crate::html::{escape, push_escaped};

/// The pulldown-cmark extensions opsbook enables.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// What the body writer needs to know about the page it writes.
pub struct MarkdownInput<'a> {
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
    /// What highlights code, if it is highlighted (a check, which writes no HTML, does
    /// not highlight).
    pub highlight: Option<highlight::Highlighter<'a>>,
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
    /// What goes before every id the rule makes (kramdown's `auto_id_prefix`).
    pub heading_id_prefix: &'a str,
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
    /// What draws PlantUML diagrams: the build's program, started on the first one.
    pub plantuml: &'a diagram::plantuml::Plantuml,
    /// The PlantUML server whose images show PlantUML diagrams, when one is set
    /// (`[markdown] plantuml-server`, else the old tool's setting): it wins over the program.
    pub plantuml_server: Option<&'a str>,
    /// The handbook's templates for its constructs, the old tool's site variables and
    /// the page's front matter ([`templating`]); `None` renders none of them.
    pub templating: Option<&'a templating::PageTemplating<'a>>,
    /// The page's front matter, for the template tags that read it (ERB's
    /// `current_page.data`).
    pub front: Option<&'a crate::content::front_matter::Fields>,
    /// Whether `Term` / `: Definition` lines are a definition list, as the old tool's
    /// Markdown read them, and whether each term gets an id.
    pub definition_lists: DefinitionLists,
    /// Whether a `.md` page is MDX, as the old tool read it (Docusaurus's default).
    pub md_as_mdx: bool,
    /// Whether an indented code block's first line can name its language, as the old
    /// tool's highlighter read it ([`dialects::code_header`]).
    pub code_header_line: bool,
    /// Whether, and by which rule, shortcodes of the text (`:smile:`) are emoji, as the
    /// old tool's Markdown made them.
    pub emoji: crate::content::reading_rules::EmojiShortcodes,
    /// Which bare addresses of the text are links, as the old tool's Markdown linked them.
    pub autolinks: crate::content::reading_rules::AutolinkLiterals,
    /// The words the body writer adds, in the language of the page's text.
    pub words: &'a MarkdownWords,
    /// The rewrite of the other tools' dialects before parsing (the compatibility
    /// layer's, [`rewrite`]); `None` rewrites none.
    pub dialects: Option<rewrite::Rewriter>,
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
    /// Whether the body holds a group of tabs a dialect wrote: the page then loads the
    /// theme's `tabs.js`.
    pub tabs: bool,
    /// The first construct of another tool the page shows as a placeholder, as the
    /// placeholder names it: the old tool ran it, and it may have made ids the page
    /// has not (the link check says so of a link to an id it lacks).
    pub unrun: Option<String>,
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
pub fn has_text(text: &str, needle: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
}

/// The characters that may give a short text Markdown or HTML: without any, it is
/// plain text.
const MARKUP: &[u8] = b"*_`[]<>&!\\~#{";

/// The HTML of a short text written in Markdown (a title, a description), without the
/// paragraph it makes when it makes one alone, as Hugo's `markdownify` writes it.
pub fn inline_html(markdown: &str) -> String {
    if !markdown.bytes().any(|b| MARKUP.contains(&b)) {
        return escape(markdown);
    }
    let mut html = String::with_capacity(markdown.len() + 32);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown.trim(), parser_options()));
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|inner| inner.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Whether `text` contains `word` (ASCII letters) in any case.
pub fn memchr_insensitive(text: &str, word: &str) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// The longest fallback description, in characters.
const SUMMARY_CHARS: usize = 200;

/// The line that ends a post's excerpt: Hugo's summary divider (gohugoio/hugo
/// `docs/content/en/content-management/summaries.md`), and the `excerpt_separator`
/// Jekyll blogs set to the same. The text before it, as plain text, is the page's
/// summary (at most [`EXCERPT_CHARS`] characters) instead of its first paragraph.
pub const EXCERPT_SEPARATOR: &str = "<!--more-->";

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
pub fn render_markdown(input: &MarkdownInput<'_>) -> Rendered {
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
    for (place, rule, message) in &expanded.warnings {
        let at = expanded.locate(*place);
        rendered.diagnostics.push(located(*rule, &at, message.clone()).with_severity(Severity::Warning));
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

/// The construct of the first placeholder the page shows that may write ids, as its
/// `unsupported-syntax` warning quotes it (`the shortcode `{{< x >}}` … shown as a
/// placeholder`): found from the dialects' problems, since a streaming build writes the
/// HTML later. A construct whose template was read and writes no id is passed over.
fn first_placeholder(rewrite: &rewrite::Rewrite) -> Option<String> {
    let quoted = rewrite.problems.iter().find_map(|(_, problem, message)| {
        (*problem == rewrite::Problem::Unsupported).then(|| rewrite::placeholder_source(message)).flatten()
    })?;
    Some(if quoted.is_empty() { "a construct of another tool" } else { quoted }.to_string())
}

/// Renders a body whose text is the page's, or the page's with its includes
/// `expanded`. Characters XML 1.0 forbids become U+FFFD first, so that no part of the
/// HTML (text, code, raw HTML, ids) carries them.
fn render_source(input: &MarkdownInput<'_>, expanded: Option<&includes::Expanded>) -> Rendered {
    if let std::borrow::Cow::Owned(clean) = crate::html::xml_safe(input.text) {
        return render_source(&MarkdownInput { text: &clean, ..*input }, expanded);
    }
    let late = input.includes.map(|files| includes::Late::new(input, files));
    let page = rewrite::Page {
        dir: input.dir,
        mdx: reads_as_mdx(input.file, input.md_as_mdx),
        highlight: input.highlight,
        templating: input.templating,
        erb: crate::content::formats::is_erb(input.file),
        html: is_html_page(input.file),
        front: input.front,
        words: input.words,
        late: late.as_ref(),
        public: input.internal_blocks == internal::Mode::Drop,
        links: Some(rewrite::PageLookup(input.links)),
    };
    match input.dialects.and_then(|rewrite| rewrite(input.text, page)) {
        Some(rewrite) => {
            let rewritten = MarkdownInput { text: &rewrite.text, ..*input };
            let mut rendered = write_body(&rewritten, input.text, Some(&rewrite), expanded);
            rendered.unrun = first_placeholder(&rewrite);
            rendered
        }
        None => write_body(input, input.text, None, expanded),
    }
}

/// Whether the page's body is HTML, not Markdown ([`crate::content::formats`]).
fn is_html_page(file: &str) -> bool {
    crate::content::formats::format_of(file) == crate::content::formats::PageFormat::Html
}

/// Whether the page's file is read as MDX: an `.mdx` file, or Markdown where the
/// handbook's tool reads Markdown as MDX (`md_as_mdx`).
pub fn reads_as_mdx(file: &str, md_as_mdx: bool) -> bool {
    is_mdx(file) || (md_as_mdx && is_md(file))
}

/// Whether the page's file is MDX.
pub fn is_mdx(file: &str) -> bool {
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
    rewrite: Option<&rewrite::Rewrite>,
    expanded: Option<&includes::Expanded>,
) -> Rendered {
    let mut writer = BodyWriter {
        input,
        rewrite,
        expanded,
        lines: LineIndex::new(source),
        ids: HeadingIds::new(input.heading_ids).with_prefix(input.heading_id_prefix),
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
        html_scan: html_scan::HtmlScan::default(),
        in_heading: false,
        paragraph_attributes: None,
        in_paragraph: false,
        open_blocks: rewrite::OpenBlocks::default(),
        diagrams: 0,
        link_placeholders: Vec::new(),
        list_starts: Vec::new(),
        kramdown_toc: false,
        sectioned_table: None,
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
    rewrite: Option<&'a rewrite::Rewrite>,
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
    /// Where the page's raw HTML so far ends: inside a tag (`<div` on one line, its
    /// attributes on the next), a comment or a script, whose text holds no link.
    html_scan: html_scan::HtmlScan,
    in_heading: bool,
    /// What the dialects' placeholders opened.
    open_blocks: rewrite::OpenBlocks,
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
    /// The table a placeholder announced by its sections, and then is being written.
    sectioned_table: Option<table_sections::SectionedTable>,
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
        self.out.tabs = self.open_blocks.tabs;
        self.out
    }
}

/// The number of words: runs of characters between ASCII white space.
pub fn count_words(text: &str) -> usize {
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
pub fn shorten(text: &str, max: usize) -> String {
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

#[cfg(any(test, feature = "test-hooks"))]
pub mod testing;
