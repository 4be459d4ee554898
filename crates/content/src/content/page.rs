//! Loading one page: read the file, check it is UTF-8, drop a BOM, normalise line
//! endings (CRLF and a lone CR both become LF), split off and read the front matter,
//! whose every text obeys the internal markers of the build's audience
//! ([`super::front_text`]) before any field is read.
//!
//! Front matter that is not read fails open: a `visibility: internal` page would be
//! published whole. So when a page has none, but its body starts with what reads as
//! front matter once blank lines, spaces, another BOM or a line separator before it
//! are skipped, that is a `front-matter-not-first` warning at the fence.
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;
use std::path::Path;

use super::fields::FrontMatter;
use super::front_matter::{looks_like_a_field, parse_fields, read_fields, split_front_matter};
use super::front_text::{AsWritten, AudienceText, apply_rule};
use super::released::{Released, hash_text};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity, line_column};
use crate::fs::confine::{Confined, Confinement, Refused};

/// A page as read from disk, before it has a URL or HTML.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The path relative to `content/`, with `/` separators: `runbooks/db-failover.md`.
    pub path: String,
    /// The path relative to the handbook root, for diagnostics: `content/runbooks/db-failover.md`.
    pub file: String,
    /// The front matter, read (empty when the page has none or it was invalid).
    pub front: FrontMatter,
    /// The whole text of the file, BOM removed and line endings normalised.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
    /// In a streaming build, once the Markdown step has read the body, what is kept of
    /// the text, which is then let go (`text` is empty): see [`super::released`].
    pub released: Option<super::released::Released>,
    /// The fingerprints `handbook.json` records of the text, once worked out: the dev
    /// server writes `handbook.json` after every save, and a page's text changes only
    /// with a new `SourcePage`.
    pub fingerprints: std::sync::OnceLock<super::released::Fingerprints>,
    /// Whether the build made the text (an old tool's generated page, [`SourcePage::made`]):
    /// no file holds it, so a streaming build keeps it rather than read it again.
    pub made: bool,
}

impl SourcePage {
    /// Takes the text out, to be read once more and let go page by page: the page
    /// records what it keeps of it with [`SourcePage::released_as`] then.
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// Records `released`, what the page keeps of the text [`SourcePage::take_text`]
    /// took out.
    pub fn released_as(&mut self, released: Released) {
        self.text = String::new();
        self.released = Some(released);
    }

    /// The page's whole text (its body starts at `body_start`): the text kept, or the file
    /// read again when the page let it go. Fails when the file cannot be read, or reads
    /// otherwise than it did the first time.
    pub fn text_again(&self, config: &Config) -> anyhow::Result<Cow<'_, str>> {
        let Some(released) = self.released else { return Ok(Cow::Borrowed(&self.text)) };
        read_again(config, (&self.path, &self.file), (released.len, released.hash)).map(Cow::Owned)
    }

    /// What reads the page's text again as it was read now, without keeping it: its
    /// length and hash; `None` for a text the build made, which no file holds.
    pub fn read_key(&self) -> Option<(usize, u64)> {
        (!self.made && self.released.is_none()).then(|| (self.text.len(), hash_text(&self.text)))
    }

    /// A page no file holds (a folder's page, a generated page): no text, no front matter.
    pub fn without_file(file: String, path: String) -> SourcePage {
        SourcePage {
            path,
            file,
            front: Default::default(),
            text: String::new(),
            body_start: 0,
            body_line: 1,
            released: None,
            fingerprints: Default::default(),
            made: false,
        }
    }

    /// A page whose text the build made, named by the file `file` it was made from.
    pub fn made(file: String, path: String, front: FrontMatter, text: String) -> SourcePage {
        SourcePage { front, text, made: true, ..SourcePage::without_file(file, path) }
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The folder of the page, relative to `content/` (`""` for the top).
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// The whole text of the page at content path `path` (`file` names it in messages),
/// read again through the confinement: it must be the text first read, of length and
/// hash `key`, else the build stops, as the file changed while it read it.
pub fn read_again(config: &Config, (path, file): (&str, &str), key: (usize, u64)) -> anyhow::Result<String> {
    let (disk, _) = config.locate_confined(path);
    let disk = disk.map_err(|why| match why {
        crate::fs::confine::Refused::Unresolved(e) => anyhow::anyhow!("{file}: cannot read the file: {e}"),
        why => anyhow::anyhow!("{file}: the file is not read: {why}"),
    })?;
    let (text, _) = read_text(&disk, file, config.migrating(), None)
        .map_err(|problem| anyhow::anyhow!("{file}: {} (read again to write the page)", problem.message))?;
    if (text.len(), hash_text(&text)) != key {
        anyhow::bail!("{file}: the file changed while the build was reading it; build again");
    }
    Ok(text)
}

/// Reads `content_dir/path`, its front matter as written (for pages no build publishes
/// from: `opsbook new` reads templates and pages). Problems become diagnostics; the
/// page is still returned whenever the file could be read, so that links to it resolve.
pub fn load_page(content_dir: &Path, path: &str, file_prefix: &str) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let file = format!("{file_prefix}{path}");
    let confined = match Confinement::new(content_dir) {
        Some(confinement) => confinement.readable(&content_dir.join(path)),
        None => Err(Refused::Leads("its folder cannot be resolved".to_string())),
    };
    match confined {
        Ok(disk) => load_page_at(&disk, path, file, &AsWritten, Reading::default(), None),
        Err(why) => (None, vec![not_read(file, why)]),
    }
}

/// Reads the page of content path `path` of the handbook of `config` (see
/// [`load_page_at`]), from where [`Config::locate_confined`] finds it.
pub fn load_located(
    config: &Config,
    path: &str,
    audience: &dyn AudienceText,
    reading: Reading,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    load_located_from(config, path, None, audience, reading)
}

/// [`load_located`], from the file's bytes `read` when they were read already.
pub fn load_located_from(
    config: &Config,
    path: &str,
    read: Option<Vec<u8>>,
    audience: &dyn AudienceText,
    reading: Reading,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    match config.locate_confined(path) {
        (Ok(disk), file) => load_page_at(&disk, path, file, audience, reading, read),
        (Err(why), file) => (None, vec![not_read(file, why)]),
    }
}

/// The `unreadable-file` error of a page the confinement refused: one that does not
/// resolve (removed while a build or the dev server reads it) cannot be read, as any.
fn not_read(file: String, why: Refused) -> Diagnostic {
    let message = match why {
        Refused::Unresolved(e) => format!("cannot read the file: {e}"),
        Refused::Leads(why) => format!("the file is not read: {why}"),
    };
    Diagnostic::error(Rule::UnreadableFile, file, 0, 0, message)
}

/// How a build reads its pages, from its configuration.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// Whether the handbook is moving from another tool
    /// ([`crate::config::Config::migrating`]): what the old tools still show is built.
    pub migrating: bool,
    /// Where a front matter block ends, as the old tool's parser reads it.
    pub fences: super::front_matter::Fences,
    /// The old tool that keeps a front matter block it cannot read as a mapping as the
    /// page's text ([`crate::config::Config::unread_front_as_text`]), when moving.
    pub unread_front_as_text: Option<&'static str>,
}

impl Reading {
    /// The reading of the handbook of `config`.
    pub fn of(config: &crate::config::Config) -> Reading {
        Reading {
            migrating: config.migrating(),
            fences: super::front_matter::Fences::of(config),
            unread_front_as_text: config.unread_front_as_text,
        }
    }
}

/// Reads the page of content path `path` from `disk` (a mounted source's file, or the
/// content folder's), naming it `file` in diagnostics; every text of its front matter
/// goes through `audience`, the build's rule for internal text. `reading.migrating` builds what
/// the old tools still show (see the module documentation). `read`: the file's bytes, when
/// they were read already.
pub fn load_page_at(
    disk: &Confined,
    path: &str,
    file: String,
    audience: &dyn AudienceText,
    reading: Reading,
    read: Option<Vec<u8>>,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let migrating = reading.migrating;
    let mut diagnostics = Vec::new();
    let text = match read_text(disk, &file, migrating, read) {
        Ok((text, warning)) => {
            diagnostics.extend(warning);
            text
        }
        Err(problem) => return (None, vec![problem]),
    };
    // Front matter the old tool tolerated, when nothing in it may hide the page.
    let tolerated = |block: &str, d: Diagnostic| match migrating && !may_hide(block) {
        true => d
            .with_severity(Severity::Warning)
            .with_help("the page is built without its front matter, as Jekyll builds it and GitHub shows it"),
        false => d,
    };
    let (front, body_start, body_line) = match super::front_matter::split_front_matter_with(&text, reading.fences) {
        Ok(split) if let Some(d) = hiding_field_below(&text, &split, &file, reading.fences) => {
            diagnostics.push(d);
            (FrontMatter::default(), text.len() - split.body.len(), split.body_line)
        }
        Ok(split) => {
            let body_start = text.len() - split.body.len();
            let front = match split.front.map(|block| (read_fields(&block), block.text)) {
                None => {
                    diagnostics.extend(find_misplaced_front_matter(&text, &file));
                    FrontMatter::default()
                }
                Some((Ok(read), block_text)) => {
                    diagnostics.extend(read.repeated_keys.into_iter().map(|repeat| {
                        Diagnostic::error(Rule::DuplicateKey, &file, repeat.line, repeat.column, repeat.message)
                            .with_severity(Severity::Warning)
                            .with_help("remove one of the two; opsbook, like libyaml, keeps the last")
                    }));
                    let mut fields = read.fields;
                    diagnostics.extend(apply_rule(&mut fields, block_text, audience, &file).0);
                    let (front, problems) = FrontMatter::from_fields(fields, &file);
                    diagnostics.extend(problems);
                    front
                }
                Some((Err(e), block_text)) => {
                    let d = Diagnostic::error(Rule::FrontMatterSyntax, &file, e.line, e.column, e.message);
                    if let Some(tool) = kept_as_text(reading, block_text) {
                        let help = format!(
                            "the block is no front matter: the page is built with it as its text, as {tool} builds it"
                        );
                        diagnostics.push(d.with_severity(Severity::Warning).with_help(help));
                        return page_of(path, file, FrontMatter::default(), text, (0, 1), diagnostics);
                    }
                    diagnostics.push(tolerated(block_text, d));
                    FrontMatter::default()
                }
            };
            (front, body_start, split.body_line)
        }
        Err(e) => {
            let d = Diagnostic::error(Rule::FrontMatterSyntax, &file, e.line, e.column, e.message);
            diagnostics.push(tolerated(&text, d));
            (FrontMatter::default(), 0, 1)
        }
    };
    page_of(path, file, front, text, (body_start, body_line), diagnostics)
}

/// The page read, with its body at `body` (its byte offset and 1-based line).
fn page_of(
    path: &str,
    file: String,
    front: FrontMatter,
    text: String,
    body: (usize, usize),
    diagnostics: Vec<Diagnostic>,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let (body_start, body_line) = body;
    let page = SourcePage {
        path: path.to_string(),
        file,
        front,
        text,
        body_start,
        body_line,
        released: None,
        fingerprints: Default::default(),
        made: false,
    };
    (Some(page), diagnostics)
}

/// The old tool of a moving handbook that keeps a front matter `block` it cannot read as
/// a mapping as the page's text ([`Reading::unread_front_as_text`]): the whole file is
/// then the page's body. `None` when there is none, or when the block may hide the page
/// ([`may_hide`]), which stays an error: a build does not guess whether a page is public.
fn kept_as_text(reading: Reading, block: &str) -> Option<&'static str> {
    reading.unread_front_as_text.filter(|_| reading.migrating && !may_hide(block))
}

/// Whether front matter `block` names a field that may hide a page: `visibility`,
/// `draft`, `internal`.
fn may_hide(block: &str) -> bool {
    ["visibility", "draft", "internal"].iter().any(|word| block.contains(word))
}

/// The error of a page whose front matter the old tool ends at a line that is not its
/// fence alone (`-----`: [`super::front_matter::Fences::GrayMatter`], `LineStart`) while a
/// field that hides a page (`visibility`, `draft`, `internal`) stands below that line,
/// before a fence alone: the author may have meant it as a field, and as text it would
/// publish the page. Stopping is safer than either guess.
fn hiding_field_below(
    text: &str,
    split: &super::front_matter::Split<'_>,
    file: &str,
    fences: super::front_matter::Fences,
) -> Option<Diagnostic> {
    let block = split.front?;
    let fence = if block.format == super::front_matter::FrontMatterFormat::Toml { "+++" } else { "---" };
    let closing_start = block.text.as_ptr() as usize - text.as_ptr() as usize + block.text.len();
    let closing = text[closing_start..].lines().next()?;
    if !closing.starts_with(fence) || closing.trim_end() == fence {
        return None;
    }
    let below = text[closing_start..].lines().skip(1).take_while(|line| line.trim_end() != fence);
    let hiding = below.into_iter().find(|line| {
        let key = line.split([':', '=']).next().unwrap_or_default().trim();
        line.contains([':', '=']) && ["visibility", "draft", "internal"].contains(&key)
    })?;
    let line = text[..closing_start].matches('\n').count() + 1;
    let message = format!(
        "the front matter ends at line {line} (`{}`), as {} it, but `{}` below it reads as a field",
        closing.trim_end(),
        fences.readers(),
        hiding.trim()
    );
    Some(
        Diagnostic::error(Rule::FrontMatterSyntax, file, line, 1, message)
            .with_help(format!("close the front matter with a line `{fence}` alone after its last field")),
    )
}

/// Reads the text of the page file `disk` (named `file` in diagnostics): UTF-8, its BOM
/// dropped, its line endings normalised. An `unreadable-file` or `invalid-utf8` error
/// when it cannot be; with `migrating`, a file that is not UTF-8 is read as
/// Windows-1252, with an `invalid-utf8` warning. `read`: its bytes, when read already.
pub fn read_text(
    disk: &Confined,
    file: &str,
    migrating: bool,
    read: Option<Vec<u8>>,
) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let bytes = match read.map_or_else(|| crate::fs::read_bytes(disk, crate::fs::FileKind::Page), Ok) {
        Ok(bytes) => bytes,
        Err(e) => {
            let d = Diagnostic::error(Rule::UnreadableFile, file, 0, 0, format!("cannot read the file: {e}"));
            return Err(d);
        }
    };
    let mut warning = None;
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = line_column(&prefix, prefix.len());
            let d = Diagnostic::error(
                Rule::InvalidUtf8,
                file,
                line,
                column,
                format!("the file is not valid UTF-8 (byte {valid}); save it as UTF-8"),
            );
            if !migrating {
                return Err(d);
            }
            let d =
                d.with_severity(Severity::Warning).with_help("opsbook reads it as Windows-1252, as GitHub shows it");
            warning = Some(d);
            decode_windows_1252(e.as_bytes())
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok((text, warning))
}

/// The characters of Windows-1252's bytes 0x80 to 0x9F (the WHATWG Encoding Standard's
/// index); every other byte is the Latin-1 character of its value.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}',
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}',
    '\u{17E}', '\u{178}',
];

/// `bytes` with each byte that is not part of UTF-8 read as Windows-1252 (a file of
/// UTF-8 with a few bytes of another editor keeps its UTF-8 characters).
fn decode_windows_1252(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        }));
    }
    text
}

/// Unicode's line separators, which Markdown does not take for line breaks.
const UNICODE_LINE_SEPARATORS: [char; 3] = ['\u{2028}', '\u{2029}', '\u{85}'];

/// Whether a character shows nothing: white space, a control character (NUL) or an
/// invisible format character (soft hyphen, zero-width spaces and joiners, BOM).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// A `front-matter-not-first` warning when `text`, a page without front matter, starts
/// with what reads as a front matter block after characters that kept it from being
/// read, or with one whose lines end in Unicode line separators. Fields that do not
/// parse still count when a line looks like one (`key:` or `key =`): either way the
/// author meant them as fields, and none of them (`visibility` included) applies.
fn find_misplaced_front_matter(text: &str, file: &str) -> Option<Diagnostic> {
    let rest = text.trim_start_matches(is_invisible);
    if !(rest.starts_with("---") || rest.starts_with("+++")) {
        return None;
    }
    let first_line = rest.split('\n').next().unwrap_or_default();
    let odd_breaks = first_line[3..].contains(UNICODE_LINE_SEPARATORS);
    if rest.len() == text.len() && !odd_breaks {
        return None;
    }
    let candidate = if odd_breaks { rest.replace(UNICODE_LINE_SEPARATORS, "\n") } else { rest.to_string() };
    let block = split_front_matter(&candidate).ok()?.front?;
    let fields = match parse_fields(&block) {
        Ok(fields) => !fields.0.is_empty(),
        Err(_) => block.text.lines().any(looks_like_a_field),
    };
    if !fields {
        return None;
    }
    let before = &text[..text.len() - rest.len()];
    // Spaces, tabs, line breaks and byte order marks are skipped (Hugo's rule, in
    // `split_front_matter`): what kept the block from being read is another character.
    let blocker = before.chars().find(|c| !matches!(c, ' ' | '\t' | '\n' | '\u{feff}'));
    let reason = match blocker {
        _ if odd_breaks => {
            "its lines end in Unicode line separators (U+2028, U+2029 or U+0085), not line breaks".to_string()
        }
        Some(c) if UNICODE_LINE_SEPARATORS.contains(&c) => "a Unicode line separator before it".to_string(),
        Some(c) => format!("an invisible character (U+{:04X}) before it", u32::from(c)),
        None => return None,
    };
    let (line, column) = line_column(text, before.len());
    Some(
        Diagnostic::error(
            Rule::FrontMatterNotFirst,
            file,
            line,
            column,
            format!(
                "this front matter is not read because it does not start the file ({reason}): \
                 it is Markdown text, and none of its fields apply, `visibility` and `draft` included"
            ),
        )
        .with_severity(Severity::Warning)
        .with_help("start the file with the `---` line, and end its lines with ordinary line breaks"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(text: &str) -> Option<String> {
        find_misplaced_front_matter(text, "content/a.md").map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
    }

    #[test]
    fn warns_about_front_matter_after_invisible_characters() {
        let fields = "---\nvisibility: internal\n---\n# A\n";
        assert!(warning(&format!("\u{2028}{fields}")).is_some_and(|w| w.contains("line separator")));
        assert!(warning(&format!("\n\u{200b}{fields}")).is_some_and(|w| w.starts_with("2:2:") && w.contains("U+200B")));
        for invisible in ["\u{ad}", "\u{200c}", "\u{0}", "\u{2060}"] {
            assert!(warning(&format!("{invisible}{fields}")).is_some(), "{invisible:?}");
        }
        // Fields that do not parse were still meant as fields.
        assert!(warning("\u{200b}---\nvisibility: internal\ntitle: \"unclosed\n---\n").is_some());
    }

    #[test]
    fn reads_front_matter_after_blank_lines_as_hugo_does() {
        let fields = "---\nvisibility: internal\ntitle: A\n---\n# A\n";
        for before in ["\n\n", "  ", "\t\n", "\u{feff}", "\n \u{feff}\n"] {
            let text = format!("{before}{fields}");
            let split = split_front_matter(&text).unwrap();
            let block = split.front.unwrap_or_else(|| panic!("{before:?}"));
            let lines = before.matches('\n').count();
            assert_eq!(block.first_line, 2 + lines, "{before:?}");
            assert_eq!(split.body, "# A\n");
            assert_eq!(split.body_line, 5 + lines);
            let read = parse_fields(&block).unwrap();
            assert_eq!(read.get("title").map(|f| f.line), Some(3 + lines));
            assert_eq!(warning(&text), None);
        }
        // No fields: Markdown, as before (a rule, a setext heading).
        for markdown in ["\n---\n\nText\n", "\n---\nJust a heading\n---\n", "\n\n---\nnever closed: x\n"] {
            assert!(split_front_matter(markdown).unwrap().front.is_none(), "{markdown:?}");
        }
        // Fields that do not parse are front matter all the same, and an error when read.
        let broken = split_front_matter("\n---\nvisibility: internal\ntitle: \"unclosed\n---\n").unwrap();
        assert!(broken.front.is_some_and(|block| parse_fields(&block).is_err()));
    }

    #[test]
    fn warns_about_front_matter_whose_lines_end_in_unicode_separators() {
        for separator in ["\u{2028}", "\u{2029}", "\u{85}"] {
            let text = format!("---{separator}visibility: internal{separator}---{separator}Body");
            let found = warning(&text);
            assert!(
                found.as_deref().is_some_and(|w| w.starts_with("1:1:") && w.contains("line separators")),
                "{found:?}"
            );
        }
    }

    #[test]
    fn reads_bytes_that_are_not_utf8_as_windows_1252() {
        assert_eq!(decode_windows_1252(b"caf\xe9 \x93quoted\x94 \xa6"), "café \u{201c}quoted\u{201d} ¦");
        assert_eq!(decode_windows_1252("ü and \u{20ac}".as_bytes()), "ü and €", "UTF-8 stays");
        assert_eq!(decode_windows_1252(b"\xc3\xbc \x80"), "ü €");
    }

    #[test]
    fn does_not_warn_about_rules_and_headings() {
        assert_eq!(warning("---\nvisibility: internal\n---\n"), None, "front matter in its place");
        assert_eq!(warning("\n---\n\nText\n"), None, "a thematic break");
        assert_eq!(warning("\n---\nJust a heading\n---\n"), None, "a setext heading is not fields");
        assert_eq!(warning("# Title\n---\na: b\n---\n"), None, "text before it");
    }
}
