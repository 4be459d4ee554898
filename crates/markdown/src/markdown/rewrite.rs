//! The rewrite of a page's text before parsing: the protocol between the dialect stages
//! of the compatibility layer, which write it, and the body writer, which reads it. A
//! construct the parser would not read as the author meant becomes a placeholder (a
//! comment `<!--opsbook-dialect:N-->` for a block, `\u{E000}N\u{E001}` inline) whose HTML
//! the body writer puts in its place; each stage's offset map leads back to the source,
//! so that diagnostics name the page's own lines.

/// The text of a block placeholder comment, before its number.
pub const MARKER: &str = "<!--opsbook-dialect:";
/// The characters that open and close an inline placeholder.
pub const INLINE_OPEN: char = '\u{E000}';
/// See [`INLINE_OPEN`].
pub const INLINE_CLOSE: char = '\u{E001}';
/// [`INLINE_OPEN`] in UTF-8, for a byte search.
pub const INLINE_OPEN_UTF8: &str = "\u{E000}";
/// [`INLINE_CLOSE`] in UTF-8.
pub const INLINE_CLOSE_UTF8: &str = "\u{E001}";

/// The most constructs of other tools (shortcodes, Liquid tags and variables, JSX
/// elements, attribute lists) one page holds; each is a placeholder and often a warning.
pub const MAX_CONSTRUCTS: usize = 100_000;

/// The prefix of a destination the body writer looks up in [`ASSET_FOLDERS`] (an asset
/// tag's file).
pub const ASSET_SCHEME: &str = "opsbook-asset:";

/// The prefix of an image's destination the body writer looks up beside the page, then
/// from the site's root among the files the old tool's resource folders publish (Hugo's
/// `figure`), else leaves as written.
pub const RESOURCE_SCHEME: &str = "opsbook-resource:";

/// The folders an asset destination is looked for in, under the content folder, in order.
pub const ASSET_FOLDERS: [&str; 18] = [
    "_assets/images",
    "_assets/img",
    "_assets/image",
    "_assets/css",
    "_assets/js",
    "_assets/javascript",
    "_assets/fonts",
    "_assets/video",
    "_assets",
    "assets/images",
    "assets/img",
    "assets/image",
    "assets/css",
    "assets/js",
    "assets/javascript",
    "assets/fonts",
    "assets/video",
    "assets",
];

/// The construct a problem's message says is shown as a placeholder, as the message
/// quotes it (`` `{{< x >}}` is not supported by opsbook; it is shown as a placeholder``);
/// `None` for a message about no placeholder. The one reader of that convention, for
/// the link check's notes and the migration's list of placeholders.
pub fn placeholder_source(message: &str) -> Option<&str> {
    if !message.contains("shown as a placeholder") {
        return None;
    }
    let (_, rest) = message.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

/// What a problem found while rewriting is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// A `:::` admonition not closed, or a close without an opening.
    Admonition,
    /// A construct opsbook does not render, shown as a placeholder.
    Unsupported,
    /// The same, where the construct's template was read and writes no id: a link to an
    /// id its page lacks is then broken all the same.
    UnsupportedWithoutIds,
    /// The handbook's template for a construct failed.
    Template,
    /// A Liquid filter opsbook does not know, passed over where the tag writes nothing
    /// (an `assign`): a note, since the reader sees nothing of it.
    UnknownFilter,
    /// A file a Liquid include names by a variable is not there or is never read: at the
    /// severity of broken links ([`liquid_include`]).
    MissingInclude,
    /// Any other problem of such an include: an `include` error.
    Include,
    /// Malformed internal markers in a file such an include read: an `internal-block` error.
    InternalBlock,
    /// The page's templates went past their budget of time, memory or nesting: a
    /// `budget` error.
    Budget,
    /// An HTML element the old tool's Markdown runs to the end of the page, never closed:
    /// an `unclosed-html` warning.
    UnclosedHtml,
}

/// Where the page is and how it is written, for the constructs that depend on it.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The page's folder relative to `content/`, for cross references from the root.
    pub dir: &'a str,
    /// Whether the page is MDX (`.mdx`): `import` lines and any JSX component count.
    pub mdx: bool,
    /// What highlights code blocks, if they are highlighted.
    pub highlight: Option<crate::markdown::highlight::Highlighter<'a>>,
    /// The handbook's templates and variables, and the page's front matter.
    pub templating: Option<&'a crate::markdown::templating::PageTemplating<'a>>,
    /// Whether the page is written with Middleman's ERB (`.erb`): its tags count.
    pub erb: bool,
    /// Whether the page's body is HTML ([`crate::content::formats::PageFormat::Html`]):
    /// no line-based constructs, and template tags count everywhere, as the old tool
    /// ran its templates over the whole file.
    pub html: bool,
    /// The page's front matter, which ERB's `current_page.data` reads.
    pub front: Option<&'a crate::content::front_matter::Fields>,
    /// The words of the page's text's language, for the titles constructs get by default.
    pub words: &'a crate::markdown::MarkdownWords,
    /// Reads the files Liquid includes name by variables; `None` reads none.
    pub late: Option<&'a crate::markdown::includes::Late<'a>>,
    /// Whether the build is public: the page's internal blocks are left out of what its
    /// templates evaluate.
    pub public: bool,
    /// The links of the page's site, whose page lookup a tool's references ask.
    pub links: Option<PageLookup<'a>>,
}

/// The links of a page's site ([`Page::links`]).
#[derive(Clone, Copy)]
pub struct PageLookup<'a>(pub &'a dyn crate::markdown::links::LinkResolver);

impl std::fmt::Debug for PageLookup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageLookup")
    }
}

/// One placeholder's HTML and how many blocks it opens (1) or closes (-1).
#[derive(Debug, Clone, Default)]
pub struct Placeholder {
    /// The HTML written in its place.
    pub html: String,
    /// +1 for the opening of a block, -1 for its end, 0 otherwise.
    pub depth: i8,
    /// The attributes of an attribute list for the paragraph it ends (no HTML).
    pub attributes: Vec<(String, String)>,
    /// For an alert's marker ([`alerts`]): the closing tag of the callout its HTML opens
    /// in place of the block quote it starts.
    pub quote: Option<&'static str>,
    /// The construct as written, put back if the placeholder ends up in code.
    pub source: String,
    /// For a block placeholder of a construct alone on its line: its inline form, for
    /// where a block may not stand (an HTML page's `<pre>`).
    pub inline: Option<String>,
}

/// What the placeholders written so far opened: the closing tags of the blocks still
/// open, innermost last, and whether one of them was a group of tabs.
#[derive(Debug, Default)]
pub struct OpenBlocks {
    /// The closing tags of the blocks open, innermost last.
    pub closers: Vec<&'static str>,
    /// Whether a group of tabs was written ([`crate::markdown::tabs::OPENING`]).
    pub tabs: bool,
}

impl Placeholder {
    /// The HTML to write for this placeholder where the blocks `open` are open: a block
    /// end with no block open (its opening fell into code) writes nothing, so that the
    /// page's elements stay balanced whatever the source; the writer closes what is
    /// still open at the end.
    pub fn html_in(&self, open: &mut OpenBlocks) -> Option<&str> {
        match self.depth {
            1 => {
                open.tabs |= self.html.starts_with(crate::markdown::tabs::OPENING);
                open.closers.push(if self.html.starts_with("<details") { "</details>\n" } else { "</div>\n" });
            }
            -1 if open.closers.pop().is_none() => return None,
            _ => {}
        }
        Some(&self.html)
    }
}

/// A page's source with its dialects rewritten.
#[derive(Debug)]
pub struct Rewrite {
    /// The text to parse.
    pub text: String,
    /// The HTML of each placeholder, by number.
    pub placeholders: Vec<Placeholder>,
    /// From the text of each stage to the text before it: the last maps to the source.
    pub maps: Vec<OffsetMap>,
    /// Problems: the byte offset in the source, what it is about, the message.
    pub problems: Vec<(usize, Problem, String)>,
    /// The files Liquid includes named by variables read, for rebuilds when one changes.
    pub included_files: Vec<String>,
    /// The internal blocks masked before the page's templates ran (a public build), at
    /// their offsets in the source, and those public text left out of the files Liquid
    /// included by variable names, with the folder their links resolve from: what they
    /// link to stays out of the build.
    pub dropped: Vec<(usize, String)>,
    /// See [`Rewrite::dropped`].
    pub dropped_in_includes: Vec<(Option<String>, String)>,
}

impl Rewrite {
    /// The placeholder that `html` (a block comment, trimmed) stands for, if it is one.
    pub fn html(&self, html: &str) -> Option<&Placeholder> {
        let number = html.trim().strip_prefix(MARKER)?.strip_suffix("-->")?;
        self.placeholders.get(number.parse::<usize>().ok()?)
    }

    /// The placeholder numbered `number` (from an inline placeholder).
    pub fn placeholder(&self, number: &str) -> Option<&Placeholder> {
        self.placeholders.get(number.parse::<usize>().ok()?)
    }

    /// Code with the placeholders inside it (a construct the rewrite took for text that
    /// the parser reads as code) put back as written, or `None` when it has none.
    pub fn restore(&self, code: &str) -> Option<String> {
        self.replace_placeholders(code, |p| Some(&p.source))
    }

    /// Raw HTML with the placeholders inside it (a shortcode in an HTML block) replaced
    /// by their HTML, or `None` when it has none. `open` holds the closing tags of the
    /// blocks open ([`Placeholder::html_in`]).
    /// Starts inside a tag when `inside_tag`. A
    /// placeholder inside a tag (a variable in an attribute's value) writes nothing, so
    /// the tag stays whole, as on an HTML page ([`crate::markdown::html_page`]).
    pub fn fill(&self, html: &str, open: &mut OpenBlocks, inside_tag: bool) -> Option<String> {
        let mut done = 0;
        let mut in_tag = inside_tag;
        self.replace_placeholders_seeing(html, |p, before| {
            in_tag = crate::markdown::html_attributes::leaves_tag_open(&before[done..], in_tag);
            done = before.len();
            if in_tag { None } else { p.html_in(open) }
        })
    }

    /// Whether `text` holds a placeholder.
    pub fn has_placeholders(&self, text: &str) -> bool {
        text.contains(INLINE_OPEN) || text.contains(MARKER)
    }

    /// `text` with each placeholder replaced by `with` of it, or `None` when it has none.
    fn replace_placeholders<'s>(
        &'s self,
        text: &str,
        mut with: impl FnMut(&'s Placeholder) -> Option<&'s str>,
    ) -> Option<String> {
        self.replace_placeholders_seeing(text, |p, _| with(p))
    }

    /// [`Self::replace_placeholders`], `with` also seeing the output so far.
    fn replace_placeholders_seeing<'s>(
        &'s self,
        text: &str,
        mut with: impl FnMut(&'s Placeholder, &str) -> Option<&'s str>,
    ) -> Option<String> {
        if !text.contains(INLINE_OPEN) && !text.contains(MARKER) {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut rest = text;
        loop {
            let inline = rest.find(INLINE_OPEN);
            let block = rest.find(MARKER);
            let (at, open, close) = match (inline, block) {
                (Some(i), Some(b)) if b < i => (b, MARKER, "-->"),
                (Some(i), _) => (i, "\u{E000}", "\u{E001}"),
                (None, Some(b)) => (b, MARKER, "-->"),
                (None, None) => break,
            };
            out.push_str(&rest[..at]);
            let after = &rest[at + open.len()..];
            match after.split_once(close) {
                Some((number, tail)) => {
                    if let Some(placeholder) = self.placeholder(number) {
                        let written = with(placeholder, &out).unwrap_or("");
                        out.push_str(written);
                    }
                    rest = tail;
                }
                None => rest = after,
            }
        }
        out.push_str(rest);
        Some(out)
    }

    /// The byte offset in the source of byte `offset` of the rewritten text.
    pub fn source_offset(&self, offset: usize) -> usize {
        self.maps.iter().rev().fold(offset, |at, map| map.source_offset(at))
    }
}

/// Where the pieces of a rewritten text came from.
#[derive(Debug, Default, Clone)]
pub struct OffsetMap {
    /// The pieces, in the order of the text after.
    pub segments: Vec<Segment>,
}

/// A piece of rewritten text from byte `start`: `added` bytes written by the rewrite
/// (they map to `source`), then `len` bytes copied from `source` on.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    start: usize,
    /// Where the piece starts in the text before.
    pub source: usize,
    added: usize,
    len: usize,
}

impl OffsetMap {
    /// The offset in the text before of byte `offset` of the text after.
    pub fn source_offset(&self, offset: usize) -> usize {
        let at = self.segments.partition_point(|s| s.start <= offset).saturating_sub(1);
        let Some(segment) = self.segments.get(at) else { return offset };
        let column = (offset - segment.start.min(offset)).saturating_sub(segment.added).min(segment.len);
        segment.source + column
    }
}

/// The text of a rewrite being written, with its map.
#[derive(Debug, Default)]
pub struct Output {
    /// The text written.
    pub text: String,
    /// Where its pieces came from.
    pub map: OffsetMap,
}

impl Output {
    /// Writes `added` bytes of new text (mapped to `source`), then `copied`, which is
    /// the text at `source` of the text before.
    pub fn push(&mut self, added: &str, copied: &str, source: usize) {
        if added.is_empty() && copied.is_empty() {
            return;
        }
        let segment = Segment { start: self.text.len(), source, added: added.len(), len: copied.len() };
        // A copy that continues the last one extends it.
        match self.map.segments.last_mut() {
            Some(last)
                if added.is_empty()
                    && last.source + last.len == source
                    && last.start + last.added + last.len == self.text.len() =>
            {
                last.len += copied.len();
            }
            _ => self.map.segments.push(segment),
        }
        self.text.push_str(added);
        self.text.push_str(copied);
    }
}

/// The placeholders of a page being rewritten, and its problems.
#[derive(Debug, Default)]
pub struct Collected {
    /// The placeholders, in the order they were made.
    pub placeholders: Vec<Placeholder>,
    /// The source of the construct being rewritten, kept with its placeholders.
    pub source: String,
    /// Problems: the byte offset in the source, what it is about, the message.
    pub problems: Vec<(usize, Problem, String)>,
    /// The files Liquid includes named by variables read.
    pub included_files: Vec<String>,
    /// The internal blocks public text left out of those files.
    pub dropped_in_includes: Vec<(Option<String>, String)>,
}

impl Collected {
    /// Says at `source` that the page has more `what` than the budget of a page
    /// ([`MAX_CONSTRUCTS`]): a `budget` error.
    pub fn over_budget(&mut self, source: usize, what: &str) {
        let message = format!(
            "the page has more than {} {what}, the budget of a page; the rest are left as written",
            crate::diagnostic::thousands(MAX_CONSTRUCTS)
        );
        self.problems.push((source, Problem::Budget, message));
    }

    /// A block placeholder comment for `html`.
    pub fn block(&mut self, html: String, depth: i8) -> String {
        let source = self.source.clone();
        self.placeholders.push(Placeholder { html, depth, attributes: Vec::new(), quote: None, source, inline: None });
        format!("{MARKER}{}-->", self.placeholders.len() - 1)
    }

    /// A block placeholder of `html` that is `inline` where no block may stand.
    pub fn block_or_inline(&mut self, html: String, inline: String) -> String {
        let marker = self.block(html, 0);
        if let Some(placeholder) = self.placeholders.last_mut() {
            placeholder.inline = Some(inline);
        }
        marker
    }

    /// A block placeholder for an alert's callout, `html` opening it and `close` ending
    /// it, in place of the quote the placeholder starts.
    pub fn quote_block(&mut self, html: String, close: &'static str) -> String {
        let source = self.source.clone();
        self.placeholders.push(Placeholder {
            html,
            depth: 0,
            attributes: Vec::new(),
            quote: Some(close),
            source,
            inline: None,
        });
        format!("{MARKER}{}-->", self.placeholders.len() - 1)
    }

    /// An inline placeholder for `html`.
    pub fn inline(&mut self, html: String) -> String {
        let source = self.source.clone();
        self.placeholders.push(Placeholder {
            html,
            depth: 0,
            attributes: Vec::new(),
            quote: None,
            source,
            inline: None,
        });
        format!("{INLINE_OPEN}{}{INLINE_CLOSE}", self.placeholders.len() - 1)
    }

    /// An inline placeholder that gives the paragraph it is in `attributes`.
    pub fn paragraph_attributes(&mut self, attributes: Vec<(String, String)>) -> String {
        let source = self.source.clone();
        self.placeholders.push(Placeholder {
            html: String::new(),
            depth: 0,
            attributes,
            quote: None,
            source,
            inline: None,
        });
        format!("{INLINE_OPEN}{}{INLINE_CLOSE}", self.placeholders.len() - 1)
    }
}

/// `text` without its inline placeholders: a heading's text, for its id and the table of
/// contents.
pub fn strip_inline(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(INLINE_OPEN) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once(INLINE_OPEN) {
        out.push_str(before);
        rest = after.split_once(INLINE_CLOSE).map_or("", |(_, tail)| tail);
    }
    out.push_str(rest);
    out.into()
}

/// `code` with each shortcode, Liquid tag and template variable in it (which the old
/// tool replaced even in code) made an ellipsis, or `None` when it has none: the plain
/// text of a description shows no template syntax.
pub fn hide_constructs(code: &str) -> Option<String> {
    if !code.contains("{{") && !code.contains("{%") {
        return None;
    }
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find('{') {
        let close = match rest.get(at..at + 3) {
            Some("{{<") => ">}}",
            Some("{{%") => "%}}",
            Some(open) if open.starts_with("{%") => "%}",
            Some(open) if open.starts_with("{{") => "}}",
            _ => {
                out.push_str(&rest[..at + 1]);
                rest = &rest[at + 1..];
                continue;
            }
        };
        let Some(end) = rest[at + 2..].find(close) else { break };
        out.push_str(&rest[..at]);
        out.push('…');
        rest = &rest[at + 2 + end + close.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// Rewrites a page's text before parsing, or `None` when it has nothing to rewrite.
pub type Rewriter = fn(&str, Page<'_>) -> Option<Rewrite>;
