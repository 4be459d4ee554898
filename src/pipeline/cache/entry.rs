//! The bytes of one page's record in the build cache ([`super::pages`]): what rendering
//! the page's Markdown gave ([`Rendered`]), and what that result depends on besides the
//! page's text and settings ([`Dependencies`]: the link destinations it resolved and
//! what each resolved to, the files it included and their contents).
//!
//! A record is the dependencies, the keys of the highlighted code blocks the result
//! used (kept in the cache of blocks while the record is), a number kept with the
//! result (the body's similarity hash), then the result. The result's HTML is stored as
//! spans ([`Encoder::html`]): text, or a reference to one of those blocks, whose HTML the
//! cache of blocks holds already, so a highlighted body is not stored twice.
//! Little-endian, every string and list preceded by its length (4 bytes); an optional
//! value by a byte (0: none). A record that does not decode exactly is not used.

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::markdown::{LinkRecord, Rendered, SectionText, TocEntry};

/// What a page's Markdown depends on besides its text and the settings: each link
/// destination it resolved, from which folder, and the hash of what it resolved to; each
/// file it asked to include, and the hash of what reading it gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A span of a body's HTML that is text: its length (4) and bytes follow.
const SPAN_TEXT: u8 = 0;

/// A span of a body's HTML that is a highlighted block: its number (4) in the record's
/// list of blocks follows.
const SPAN_BLOCK: u8 = 1;

/// Writes values into a record.
#[derive(Default)]
pub(crate) struct Encoder {
    pub bytes: Vec<u8>,
}

impl Encoder {
    pub(super) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub(super) fn u32(&mut self, value: usize) -> Option<()> {
        self.bytes.extend_from_slice(&u32::try_from(value).ok()?.to_le_bytes());
        Some(())
    }

    pub(super) fn u64(&mut self, value: usize) {
        self.bytes.extend_from_slice(&(value as u64).to_le_bytes());
    }

    pub(super) fn u128(&mut self, value: u128) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    fn str(&mut self, value: &str) -> Option<()> {
        self.u32(value.len())?;
        self.bytes.extend_from_slice(value.as_bytes());
        Some(())
    }

    fn option_str(&mut self, value: Option<&str>) -> Option<()> {
        match value {
            Some(value) => {
                self.u8(1);
                self.str(value)
            }
            None => {
                self.u8(0);
                Some(())
            }
        }
    }

    pub(super) fn strings(&mut self, values: &[String]) -> Option<()> {
        self.u32(values.len())?;
        values.iter().try_for_each(|value| self.str(value))
    }

    fn toc(&mut self, entries: &[TocEntry]) -> Option<()> {
        self.u32(entries.len())?;
        for entry in entries {
            self.u8(entry.level);
            self.str(&entry.id)?;
            self.str(&entry.title)?;
            self.toc(&entry.children)?;
        }
        Some(())
    }

    /// Writes the dependencies of a result.
    pub(crate) fn dependencies(&mut self, dependencies: &Dependencies) -> Option<()> {
        self.u32(dependencies.links.len())?;
        for (folder, destination, resolution) in &dependencies.links {
            self.str(folder)?;
            self.str(destination)?;
            self.u128(*resolution);
        }
        self.u32(dependencies.includes.len())?;
        for (path, read) in &dependencies.includes {
            self.str(path)?;
            self.u128(*read);
        }
        Some(())
    }

    /// Writes a number kept with a result (the body's similarity hash, which is a
    /// function of the body): `None` when not known, `Some(None)` when there is none.
    pub(crate) fn extra(&mut self, value: Option<Option<u64>>) {
        match value {
            None => self.u8(0),
            Some(None) => self.u8(1),
            Some(Some(value)) => {
                self.u8(2);
                self.bytes.extend_from_slice(&value.to_le_bytes());
            }
        }
    }

    /// Writes the keys of the highlighted code blocks a result used.
    pub(crate) fn blocks(&mut self, keys: &[u128]) -> Option<()> {
        self.u32(keys.len())?;
        keys.iter().for_each(|key| self.u128(*key));
        Some(())
    }

    /// Writes `html` as spans: the HTML of each of `blocks` (the highlighted blocks the
    /// body used, in order) found in it, from where the previous one ended, as a
    /// reference to the block by its number ([`SPAN_BLOCK`]), the text between as text
    /// ([`SPAN_TEXT`]). A block not found stays in the text: the spans always join back
    /// to `html`.
    fn html(&mut self, html: &str, blocks: &[&str]) -> Option<()> {
        let count_at = self.bytes.len();
        self.u32(0)?;
        let mut spans = 0usize;
        let mut from = 0;
        for (number, block) in blocks.iter().enumerate() {
            if block.is_empty() {
                continue;
            }
            let Some(found) = find_block(&html[from..], block) else { continue };
            if found > 0 {
                self.u8(SPAN_TEXT);
                self.str(&html[from..from + found])?;
                spans += 1;
            }
            self.u8(SPAN_BLOCK);
            self.u32(number)?;
            spans += 1;
            from += found + block.len();
        }
        if from < html.len() {
            self.u8(SPAN_TEXT);
            self.str(&html[from..])?;
            spans += 1;
        }
        self.bytes[count_at..count_at + 4].copy_from_slice(&u32::try_from(spans).ok()?.to_le_bytes());
        Some(())
    }

    /// Writes a rendered body whose HTML holds the HTML of `blocks` ([`Encoder::html`]);
    /// without the search text of its sections (only their ids) when `text` is false.
    /// `None` when it cannot be cached (a rule not in [`RULES`]).
    pub(crate) fn rendered(&mut self, rendered: &Rendered, text: bool, blocks: &[&str]) -> Option<()> {
        self.html(&rendered.html, blocks)?;
        self.toc(&rendered.toc)?;
        self.option_str(rendered.title_heading.as_deref())?;
        self.str(&rendered.title_html)?;
        self.option_str(rendered.first_h1.as_deref())?;
        self.str(&rendered.summary)?;
        self.u32(rendered.links.len())?;
        for link in &rendered.links {
            match link.target {
                Some(target) => {
                    self.u8(1);
                    self.u64(target);
                }
                None => self.u8(0),
            }
            self.option_str(link.anchor.as_deref())?;
            self.u64(link.line);
            self.u64(link.column);
            self.option_str(link.file.as_deref())?;
        }
        self.strings(&rendered.anchors)?;
        self.u64(rendered.word_count);
        self.u32(rendered.sections.len())?;
        for section in &rendered.sections {
            self.option_str(section.id.as_deref())?;
            let empty = SectionText::default();
            let kept = if text { section } else { &empty };
            self.str(&kept.heading)?;
            self.str(&kept.text)?;
            self.str(&kept.code)?;
        }
        self.strings(&rendered.assets)?;
        self.strings(&rendered.internal_assets)?;
        self.u32(rendered.diagnostics.len())?;
        for diagnostic in &rendered.diagnostics {
            self.u8(RULES.iter().position(|rule| *rule == diagnostic.rule)? as u8);
            self.u8(match diagnostic.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Note => 2,
            });
            self.str(&diagnostic.path)?;
            self.u64(diagnostic.line);
            self.u64(diagnostic.column);
            self.str(&diagnostic.message)?;
            self.option_str(diagnostic.help.as_deref())?;
        }
        self.strings(&rendered.included_files)?;
        self.u8(u8::from(rendered.browser_diagrams));
        Some(())
    }
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

/// Reads values back from a record.
pub(crate) struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Decoder { bytes, at: 0 }
    }

    /// Whether every byte was read.
    pub(crate) fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub(super) fn u32(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }

    pub(super) fn u64(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }

    pub(super) fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.u32()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn option_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }

    /// A count of items each at least `least` bytes long, refused when the record is
    /// too short to hold them (so a corrupt count allocates nothing).
    fn count(&mut self, least: usize) -> Option<usize> {
        let count = self.u32()?;
        (count.checked_mul(least)? <= self.bytes.len() - self.at).then_some(count)
    }

    pub(super) fn strings(&mut self) -> Option<Vec<String>> {
        let count = self.count(4)?;
        (0..count).map(|_| self.string()).collect()
    }

    fn toc(&mut self, depth: usize) -> Option<Vec<TocEntry>> {
        if depth > 8 {
            return None;
        }
        let count = self.count(13)?;
        (0..count)
            .map(|_| {
                Some(TocEntry {
                    level: self.u8()?,
                    id: self.string()?,
                    title: self.string()?,
                    children: self.toc(depth + 1)?,
                })
            })
            .collect()
    }

    /// Reads the dependencies of a result.
    pub(crate) fn dependencies(&mut self) -> Option<Dependencies> {
        let count = self.count(24)?;
        let links = (0..count).map(|_| Some((self.string()?, self.string()?, self.u128()?))).collect::<Option<_>>()?;
        let count = self.count(20)?;
        let includes = (0..count).map(|_| Some((self.string()?, self.u128()?))).collect::<Option<_>>()?;
        Some(Dependencies { links, includes })
    }

    /// Reads a number kept with a result ([`Encoder::extra`]).
    pub(crate) fn extra(&mut self) -> Option<Option<Option<u64>>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(None)),
            2 => Some(Some(Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?)))),
            _ => None,
        }
    }

    /// Reads the keys of the highlighted code blocks a result used.
    pub(crate) fn blocks(&mut self) -> Option<Vec<u128>> {
        let count = self.count(16)?;
        (0..count).map(|_| self.u128()).collect()
    }

    /// Reads HTML written by [`Encoder::html`], with the HTML of the blocks it refers to.
    fn html(&mut self, blocks: &[String]) -> Option<String> {
        let count = self.count(5)?;
        let mut spans = Vec::with_capacity(count);
        let mut len = 0usize;
        for _ in 0..count {
            let span = match self.u8()? {
                SPAN_TEXT => self.str()?,
                SPAN_BLOCK => blocks.get(self.u32()?)?.as_str(),
                _ => return None,
            };
            len += span.len();
            spans.push(span);
        }
        let mut html = String::with_capacity(len);
        spans.into_iter().for_each(|span| html.push_str(span));
        Some(html)
    }

    /// Reads a rendered body, with the HTML of the blocks its record lists.
    pub(crate) fn rendered(&mut self, blocks: &[String]) -> Option<Rendered> {
        let html = self.html(blocks)?;
        let toc = self.toc(0)?;
        let title_heading = self.option_string()?;
        let title_html = self.string()?;
        let first_h1 = self.option_string()?;
        let summary = self.string()?;
        let count = self.count(18)?;
        let links = (0..count)
            .map(|_| {
                let target = match self.u8()? {
                    0 => None,
                    1 => Some(self.u64()?),
                    _ => return None,
                };
                Some(LinkRecord {
                    target,
                    anchor: self.option_string()?,
                    line: self.u64()?,
                    column: self.u64()?,
                    file: self.option_string()?,
                })
            })
            .collect::<Option<_>>()?;
        let anchors = self.strings()?;
        let word_count = self.u64()?;
        let count = self.count(13)?;
        let sections = (0..count)
            .map(|_| {
                Some(SectionText {
                    id: self.option_string()?,
                    heading: self.string()?,
                    text: self.string()?,
                    code: self.string()?,
                })
            })
            .collect::<Option<_>>()?;
        let assets = self.strings()?;
        let internal_assets = self.strings()?;
        let count = self.count(2 + 4 + 8 + 8 + 4 + 1)?;
        let diagnostics = (0..count)
            .map(|_| {
                let rule = *RULES.get(usize::from(self.u8()?))?;
                let severity = match self.u8()? {
                    0 => Severity::Error,
                    1 => Severity::Warning,
                    2 => Severity::Note,
                    _ => return None,
                };
                Some(Diagnostic {
                    severity,
                    rule,
                    path: self.string()?,
                    line: self.u64()?,
                    column: self.u64()?,
                    message: self.string()?,
                    help: self.option_string()?,
                })
            })
            .collect::<Option<_>>()?;
        let included_files = self.strings()?;
        let browser_diagrams = self.u8()? == 1;
        Some(Rendered {
            html,
            toc,
            title_heading,
            title_html,
            first_h1,
            summary,
            links,
            anchors,
            word_count,
            sections,
            assets,
            internal_assets,
            diagnostics,
            included_files,
            browser_diagrams,
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
        }
    }

    fn round_trip(rendered: &Rendered, text: bool) -> Rendered {
        let mut encoder = Encoder::default();
        encoder.rendered(rendered, text, &[]).expect("encoded");
        let mut decoder = Decoder::new(&encoder.bytes);
        let back = decoder.rendered(&[]).expect("decoded");
        assert!(decoder.is_done());
        back
    }

    #[test]
    fn a_rendered_body_reads_back_as_written() {
        let rendered = sample();
        let back = round_trip(&rendered, true);
        assert_eq!(format!("{back:?}"), format!("{rendered:?}"));
        let without_text = round_trip(&rendered, false);
        assert_eq!(without_text.sections[0].id.as_deref(), Some("a"));
        assert!(without_text.sections[0].text.is_empty());
    }

    #[test]
    fn a_body_keeps_its_highlighted_blocks_as_references_and_reads_back_whole() {
        let mut rendered = sample();
        let (first, second) = ("<span>ls -l</span>\n", "<span>df</span>\n");
        rendered.html = format!("<pre><code>{first}</code></pre><p>x</p><pre><code>{second}</code></pre>");
        let mut with = Encoder::default();
        with.rendered(&rendered, true, &[first, "<b>not in the body</b>", "", second]).expect("encoded");
        let mut without = Encoder::default();
        without.rendered(&rendered, true, &[]).expect("encoded");
        assert!(with.bytes.len() < without.bytes.len(), "the blocks' HTML is not stored");
        let blocks = [first.to_string(), "<b>not in the body</b>".into(), String::new(), second.to_string()];
        let mut decoder = Decoder::new(&with.bytes);
        assert_eq!(decoder.rendered(&blocks).expect("decoded").html, rendered.html);
        assert!(decoder.is_done());
        assert!(Decoder::new(&with.bytes).rendered(&blocks[..1]).is_none(), "a block it refers to is missing");
    }

    #[test]
    fn a_result_with_a_rule_the_markdown_step_does_not_report_is_not_cached() {
        let mut rendered = sample();
        rendered.diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, "book.toml", 1, 1, "bad"));
        assert!(Encoder::default().rendered(&rendered, true, &[]).is_none());
    }

    #[test]
    fn a_cut_or_corrupt_record_does_not_decode() {
        let mut encoder = Encoder::default();
        encoder.rendered(&sample(), true, &["body"]).expect("encoded");
        for cut in 0..encoder.bytes.len() {
            let mut decoder = Decoder::new(&encoder.bytes[..cut]);
            assert!(decoder.rendered(&["body".to_string()]).is_none(), "cut at {cut}");
        }
        let dependencies = Dependencies {
            links: vec![("runbooks".into(), "db.md".into(), 7)],
            includes: vec![("snippets/a.md".into(), 9)],
        };
        let mut encoder = Encoder::default();
        encoder.dependencies(&dependencies).expect("encoded");
        encoder.blocks(&[3, 4]).expect("encoded");
        for extra in [None, Some(None), Some(Some(7))] {
            encoder.extra(extra);
        }
        let mut decoder = Decoder::new(&encoder.bytes);
        assert_eq!(decoder.dependencies(), Some(dependencies));
        assert_eq!(decoder.blocks(), Some(vec![3, 4]));
        for extra in [None, Some(None), Some(Some(7))] {
            assert_eq!(decoder.extra(), Some(extra));
        }
        assert!(decoder.is_done());
    }
}
