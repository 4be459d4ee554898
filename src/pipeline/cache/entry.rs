//! The bytes of one page's record in the build cache ([`super::pages`]): what rendering
//! the page's Markdown gave ([`Rendered`]), and what that result depends on besides the
//! page's text and settings ([`Dependencies`]: the link destinations it resolved and
//! what each resolved to, the files it included and their contents).
//!
//! A record is four values in postcard's format, one after the other: the dependencies,
//! the keys of the highlighted code blocks the result used (kept in the cache of blocks
//! while the record is), a number kept with the result (the body's similarity hash), then
//! the result ([`Body`]). The result's HTML is stored as spans: text, or a reference to
//! one of those blocks, whose HTML the cache of blocks holds already, so a highlighted
//! body is not stored twice. A record that does not decode exactly is not used.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::markdown::{LinkRecord, Rendered, SectionText, TocEntry};

/// What a page's Markdown depends on besides its text and the settings: each link
/// destination it resolved, from which folder, and the hash of what it resolved to; each
/// file it asked to include, and the hash of what reading it gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Dependencies {
    /// (folder, destination, hash of the resolution), in the order resolved.
    pub links: Vec<(String, String, u128)>,
    /// (path, hash of the text or of the error), in the order read.
    pub includes: Vec<(String, u128)>,
}

/// The Markdown rules a page's record can carry: every rule the body writer reports. A
/// result with another rule is not cached.
const RULES: [Rule; 9] = [
    Rule::Admonition,
    Rule::BrokenLink,
    Rule::Diagram,
    Rule::Include,
    Rule::InternalBlock,
    Rule::LinkToInternal,
    Rule::MissingAsset,
    Rule::UnsupportedSyntax,
    Rule::UnclosedHtml,
];

/// The severities, by their number in a record.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

/// The deepest table of contents a record holds (headings nest six deep at most).
const TOC_DEPTH: u8 = 8;

/// A span of a body's HTML: text, or a highlighted block by its number in the record's
/// list of blocks.
#[derive(Serialize, Deserialize)]
enum Span<'a> {
    Text(Cow<'a, str>),
    Block(u32),
}

/// An entry of the table of contents, with its depth in the tree: the tree is stored
/// flat, in order, so that reading a record never recurses.
#[derive(Serialize, Deserialize)]
struct Heading<'a> {
    depth: u8,
    level: u8,
    id: Cow<'a, str>,
    title: Cow<'a, str>,
}

/// An internal link of the body ([`LinkRecord`]).
#[derive(Serialize, Deserialize)]
struct Link<'a> {
    target: Option<u64>,
    anchor: Option<Cow<'a, str>>,
    line: u64,
    column: u64,
    file: Option<Cow<'a, str>>,
}

/// A section's search text ([`SectionText`]).
#[derive(Serialize, Deserialize)]
struct Section<'a> {
    id: Option<Cow<'a, str>>,
    heading: Cow<'a, str>,
    text: Cow<'a, str>,
    code: Cow<'a, str>,
}

/// A problem the body writer reported, its rule and severity by their numbers in
/// [`RULES`] and [`SEVERITIES`].
#[derive(Serialize, Deserialize)]
struct Problem<'a> {
    rule: u8,
    severity: u8,
    path: Cow<'a, str>,
    line: u64,
    column: u64,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
}

/// A rendered body as a record holds it: [`Rendered`] with its HTML as spans, its table
/// of contents flat, and its problems by number.
#[derive(Serialize, Deserialize)]
struct Body<'a> {
    html: Vec<Span<'a>>,
    toc: Vec<Heading<'a>>,
    title_heading: Option<Cow<'a, str>>,
    title_html: Cow<'a, str>,
    first_h1: Option<Cow<'a, str>>,
    summary: Cow<'a, str>,
    links: Vec<Link<'a>>,
    anchors: Vec<Cow<'a, str>>,
    word_count: u64,
    sections: Vec<Section<'a>>,
    assets: Vec<Cow<'a, str>>,
    internal_assets: Vec<Cow<'a, str>>,
    diagnostics: Vec<Problem<'a>>,
    included_files: Vec<Cow<'a, str>>,
    browser_diagrams: bool,
    tabs: bool,
    unrun: Option<Cow<'a, str>>,
}

/// Appends `value` to `bytes` in postcard's format.
fn put<T: Serialize>(bytes: &mut Vec<u8>, value: &T) -> Option<()> {
    postcard::to_io(value, &mut *bytes).ok().map(|_| ())
}

/// A page's record: `dependencies`, the `keys` of the highlighted blocks its result
/// used (whose HTML is `blocks`, in the same order), `extra` (a number kept with the
/// result: `None` when not known, `Some(None)` when there is none), and `rendered`,
/// without the search text of its sections (only their ids) unless `text`. `None` when
/// it cannot be cached (a rule not in [`RULES`]).
pub(crate) fn record(
    dependencies: &Dependencies,
    keys: &[u128],
    extra: Option<Option<u64>>,
    (rendered, text): (&Rendered, bool),
    blocks: &[&str],
) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(1024 + rendered.html.len() / 4);
    put(&mut bytes, dependencies)?;
    put(&mut bytes, &keys)?;
    put(&mut bytes, &extra)?;
    put(&mut bytes, &body(rendered, text, blocks)?)?;
    Some(bytes)
}

/// The record form of `rendered` ([`record`]).
fn body<'a>(rendered: &'a Rendered, text: bool, blocks: &[&str]) -> Option<Body<'a>> {
    let borrowed = |s: &'a String| Cow::Borrowed(s.as_str());
    let option = |s: &'a Option<String>| s.as_deref().map(Cow::Borrowed);
    let list = |list: &'a [String]| list.iter().map(borrowed).collect();
    let mut toc = Vec::new();
    flatten(&rendered.toc, 0, &mut toc);
    let diagnostics = rendered.diagnostics.iter().map(|d| {
        Some(Problem {
            rule: RULES.iter().position(|rule| *rule == d.rule)? as u8,
            severity: SEVERITIES.iter().position(|s| *s == d.severity)? as u8,
            path: borrowed(&d.path),
            line: d.line as u64,
            column: d.column as u64,
            message: borrowed(&d.message),
            help: option(&d.help),
        })
    });
    Some(Body {
        html: spans(&rendered.html, blocks),
        toc,
        title_heading: option(&rendered.title_heading),
        title_html: borrowed(&rendered.title_html),
        first_h1: option(&rendered.first_h1),
        summary: borrowed(&rendered.summary),
        links: rendered
            .links
            .iter()
            .map(|link| Link {
                target: link.target.map(|t| t as u64),
                anchor: option(&link.anchor),
                line: link.line as u64,
                column: link.column as u64,
                file: option(&link.file),
            })
            .collect(),
        anchors: list(&rendered.anchors),
        word_count: rendered.word_count as u64,
        sections: rendered
            .sections
            .iter()
            .map(|s| {
                let kept = |value: &'a String| if text { borrowed(value) } else { Cow::Borrowed("") };
                Section { id: option(&s.id), heading: kept(&s.heading), text: kept(&s.text), code: kept(&s.code) }
            })
            .collect(),
        assets: list(&rendered.assets),
        internal_assets: list(&rendered.internal_assets),
        diagnostics: diagnostics.collect::<Option<_>>()?,
        included_files: list(&rendered.included_files),
        browser_diagrams: rendered.browser_diagrams,
        tabs: rendered.tabs,
        unrun: option(&rendered.unrun),
    })
}

/// The entries of `toc` in order, each with its depth below the top.
fn flatten<'a>(toc: &'a [TocEntry], depth: u8, out: &mut Vec<Heading<'a>>) {
    for entry in toc {
        out.push(Heading {
            depth,
            level: entry.level,
            id: Cow::Borrowed(&entry.id),
            title: Cow::Borrowed(&entry.title),
        });
        flatten(&entry.children, depth.saturating_add(1), out);
    }
}

/// The tree of the flat entries [`flatten`] wrote; `None` when an entry is deeper than
/// one below the one before it, or deeper than [`TOC_DEPTH`].
fn nest(flat: Vec<Heading<'_>>) -> Option<Vec<TocEntry>> {
    let mut roots = Vec::new();
    let mut open: Vec<TocEntry> = Vec::new();
    let close = |open: &mut Vec<TocEntry>, roots: &mut Vec<TocEntry>| {
        if let Some(entry) = open.pop() {
            open.last_mut().map_or(&mut *roots, |parent| &mut parent.children).push(entry);
        }
    };
    for heading in flat {
        let depth = usize::from(heading.depth);
        if depth > open.len() || heading.depth > TOC_DEPTH {
            return None;
        }
        while open.len() > depth {
            close(&mut open, &mut roots);
        }
        open.push(TocEntry {
            level: heading.level,
            id: heading.id.into_owned(),
            title: heading.title.into_owned(),
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    Some(roots)
}

/// `html` as spans: the HTML of each of `blocks` (the highlighted blocks the body used,
/// in order) found in it, from where the previous one ended, as a reference to the
/// block by its number, the text between as text. A block not found stays in the text:
/// the spans always join back to `html`.
fn spans<'a>(html: &'a str, blocks: &[&str]) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut from = 0;
    for (number, block) in blocks.iter().enumerate() {
        let Some(found) = (!block.is_empty()).then(|| find_block(&html[from..], block)).flatten() else { continue };
        if found > 0 {
            spans.push(Span::Text(Cow::Borrowed(&html[from..from + found])));
        }
        spans.push(Span::Block(number as u32));
        from += found + block.len();
    }
    if from < html.len() {
        spans.push(Span::Text(Cow::Borrowed(&html[from..])));
    }
    spans
}

/// Where `block` first is in `html`: a SIMD search for its first bytes, each place
/// found then compared whole (searching for the whole block would cost as much again as
/// its length in setting up the search).
fn find_block(html: &str, block: &str) -> Option<usize> {
    let (html, block) = (html.as_bytes(), block.as_bytes());
    let finder = memchr::memmem::Finder::new(&block[..block.len().min(32)]);
    let mut from = 0;
    while let Some(found) = finder.find(&html[from..]) {
        let at = from + found;
        if html[at..].starts_with(block) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Reads the values of a record back, one after the other.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// Whether every byte was read.
    pub(crate) fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next value, if the bytes hold one.
    pub(crate) fn next<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let (value, rest) = postcard::take_from_bytes(self.rest).ok()?;
        self.rest = rest;
        Some(value)
    }

    /// Reads the dependencies of a result.
    pub(crate) fn dependencies(&mut self) -> Option<Dependencies> {
        self.next()
    }

    /// Reads the keys of the highlighted code blocks a result used.
    pub(crate) fn blocks(&mut self) -> Option<Vec<u128>> {
        self.next()
    }

    /// Reads a number kept with a result ([`record`]'s `extra`).
    pub(crate) fn extra(&mut self) -> Option<Option<Option<u64>>> {
        self.next()
    }

    /// Reads a rendered body, with the HTML of the blocks its record lists.
    pub(crate) fn rendered(&mut self, blocks: &[String]) -> Option<Rendered> {
        let body: Body<'_> = self.next()?;
        let owned = |s: Cow<'_, str>| s.into_owned();
        let option = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        let list = |list: Vec<Cow<'_, str>>| list.into_iter().map(Cow::into_owned).collect();
        let size = |n: u64| usize::try_from(n).ok();
        let mut html = String::new();
        for span in &body.html {
            html.push_str(match span {
                Span::Text(text) => text,
                Span::Block(number) => blocks.get(*number as usize)?,
            });
        }
        let links = body.links.into_iter().map(|link| {
            Some(LinkRecord {
                target: match link.target {
                    Some(target) => Some(size(target)?),
                    None => None,
                },
                anchor: option(link.anchor),
                line: size(link.line)?,
                column: size(link.column)?,
                file: option(link.file),
            })
        });
        let diagnostics = body.diagnostics.into_iter().map(|d| {
            Some(Diagnostic {
                severity: *SEVERITIES.get(usize::from(d.severity))?,
                rule: *RULES.get(usize::from(d.rule))?,
                path: owned(d.path),
                line: size(d.line)?,
                column: size(d.column)?,
                message: owned(d.message),
                help: option(d.help),
            })
        });
        let sections = body.sections.into_iter().map(|s| SectionText {
            id: option(s.id),
            heading: owned(s.heading),
            text: owned(s.text),
            code: owned(s.code),
        });
        Some(Rendered {
            html,
            toc: nest(body.toc)?,
            title_heading: option(body.title_heading),
            title_html: owned(body.title_html),
            first_h1: option(body.first_h1),
            summary: owned(body.summary),
            links: links.collect::<Option<_>>()?,
            anchors: list(body.anchors),
            word_count: size(body.word_count)?,
            sections: sections.collect(),
            assets: list(body.assets),
            internal_assets: list(body.internal_assets),
            diagnostics: diagnostics.collect::<Option<_>>()?,
            included_files: list(body.included_files),
            browser_diagrams: body.browser_diagrams,
            tabs: body.tabs,
            unrun: option(body.unrun),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rendered {
        Rendered {
            html: "<p>body</p>\n".into(),
            toc: vec![TocEntry {
                level: 2,
                id: "a".into(),
                title: "A".into(),
                children: vec![TocEntry { level: 3, id: "b".into(), title: "B".into(), children: Vec::new() }],
            }],
            title_heading: Some("Title".into()),
            title_html: "<h1>Title</h1>".into(),
            first_h1: None,
            summary: "body".into(),
            links: vec![LinkRecord { target: Some(3), anchor: None, line: 4, column: 2, file: Some("x.md".into()) }],
            anchors: vec!["a".into(), "b".into()],
            word_count: 9,
            sections: vec![SectionText {
                id: Some("a".into()),
                heading: "A".into(),
                text: "t".into(),
                code: "c".into(),
            }],
            assets: vec!["img.png".into()],
            internal_assets: Vec::new(),
            diagnostics: vec![
                Diagnostic::error(Rule::BrokenLink, "content/a.md", 3, 4, "no page").with_help("did you mean"),
            ],
            included_files: vec!["snippets/a.md".into()],
            browser_diagrams: true,
            tabs: true,
            unrun: Some("{{< calendar >}}".into()),
        }
    }

    /// `rendered`'s record and what reading it back gives, with the HTML of `blocks`.
    fn round_trip(rendered: &Rendered, text: bool, blocks: &[&str]) -> (Vec<u8>, Rendered) {
        let bytes = record(&Dependencies::default(), &[], None, (rendered, text), blocks).expect("encoded");
        let owned: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
        let mut reader = Reader::new(&bytes);
        assert_eq!(
            (reader.dependencies(), reader.blocks(), reader.extra()),
            (Some(Dependencies::default()), Some(vec![]), Some(None))
        );
        let back = reader.rendered(&owned).expect("decoded");
        assert!(reader.is_done());
        (bytes, back)
    }

    #[test]
    fn a_rendered_body_reads_back_as_written() {
        let rendered = sample();
        let (_, back) = round_trip(&rendered, true, &[]);
        assert_eq!(format!("{back:?}"), format!("{rendered:?}"));
        let (_, without_text) = round_trip(&rendered, false, &[]);
        assert_eq!(without_text.sections[0].id.as_deref(), Some("a"));
        assert!(without_text.sections[0].text.is_empty());
    }

    /// The table of contents is stored flat and nested again: every shape of tree reads
    /// back as it was, and a flat list that skips a level is refused.
    #[test]
    fn a_table_of_contents_of_any_shape_reads_back_and_a_skipped_level_does_not() {
        let entry = |id: &str, children: Vec<TocEntry>| TocEntry {
            level: 2,
            id: id.into(),
            title: id.to_uppercase(),
            children,
        };
        let shapes = [
            vec![],
            vec![entry("a", vec![]), entry("b", vec![])],
            vec![
                entry("a", vec![entry("b", vec![entry("c", vec![])]), entry("d", vec![])]),
                entry("e", vec![entry("f", vec![])]),
            ],
        ];
        for toc in shapes {
            let mut flat = Vec::new();
            flatten(&toc, 0, &mut flat);
            assert_eq!(nest(flat), Some(toc.clone()));
        }
        let heading = |depth: u8| Heading { depth, level: 2, id: "x".into(), title: "X".into() };
        assert_eq!(nest(vec![heading(1)]), None, "a first entry below the top");
        assert_eq!(nest(vec![heading(0), heading(2)]), None, "a level skipped");
        let deep: Vec<Heading<'_>> = (0..=TOC_DEPTH + 1).map(heading).collect();
        assert_eq!(nest(deep), None, "deeper than headings nest");
    }

    #[test]
    fn a_body_keeps_its_highlighted_blocks_as_references_and_reads_back_whole() {
        let mut rendered = sample();
        let (first, second) = ("<span>ls -l</span>\n", "<span>df</span>\n");
        rendered.html = format!("<pre><code>{first}</code></pre><p>x</p><pre><code>{second}</code></pre>");
        let blocks = [first, "<b>not in the body</b>", "", second];
        let (with, back) = round_trip(&rendered, true, &blocks);
        let (without, _) = round_trip(&rendered, true, &[]);
        assert!(with.len() < without.len(), "the blocks' HTML is not stored");
        assert_eq!(back.html, rendered.html);
        let mut reader = Reader::new(&with);
        let _: Option<(Dependencies, Vec<u128>, Option<Option<u64>>)> = reader.next();
        assert!(reader.rendered(&[first.to_string()]).is_none(), "a block it refers to is missing");
    }

    #[test]
    fn a_result_with_a_rule_the_markdown_step_does_not_report_is_not_cached() {
        let mut rendered = sample();
        rendered.diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, "book.toml", 1, 1, "bad"));
        assert!(record(&Dependencies::default(), &[], None, (&rendered, true), &[]).is_none());
    }

    /// A record cut anywhere, or with any byte changed, reads back as nothing or as
    /// some value, never a panic; read whole, each part is the one written.
    #[test]
    fn a_cut_or_corrupt_record_does_not_decode() {
        let dependencies = Dependencies {
            links: vec![("runbooks".into(), "db.md".into(), 7)],
            includes: vec![("snippets/a.md".into(), 9)],
        };
        let blocks = ["body".to_string()];
        let bytes = record(&dependencies, &[3, 4], Some(Some(7)), (&sample(), true), &["body"]).expect("encoded");
        let read = |bytes: &[u8]| {
            let mut reader = Reader::new(bytes);
            let parts = (reader.dependencies()?, reader.blocks()?, reader.extra()?, reader.rendered(&blocks)?);
            reader.is_done().then_some(parts)
        };
        let whole = read(&bytes).expect("decoded");
        assert_eq!((&whole.0, &whole.1, whole.2), (&dependencies, &vec![3, 4], Some(Some(7))));
        for cut in 0..bytes.len() {
            assert!(read(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(&longer).is_none(), "a byte too many");
        for at in 0..bytes.len() {
            for value in [0, 0x7f, 0x80, 0xff] {
                let mut changed = bytes.clone();
                changed[at] = value;
                let _ = read(&changed);
            }
        }
        for extra in [None, Some(None), Some(Some(u64::MAX))] {
            let bytes = record(&Dependencies::default(), &[], extra, (&sample(), true), &[]).expect("encoded");
            assert_eq!(
                Reader::new(&bytes).next::<(Dependencies, Vec<u128>, Option<Option<u64>>)>().map(|p| p.2),
                Some(extra)
            );
        }
    }
}
