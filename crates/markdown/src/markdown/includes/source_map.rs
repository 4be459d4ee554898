//! The source map of a page with includes ([`Expanded`]): the expanded text, every file
//! whose text is part of it ([`Source`]), and where each byte of it came from
//! ([`Expanded::place`]), so that the body writer resolves links from the right folder
//! and names the right file, line and column in diagnostics ([`Expanded::locate`]).

use std::sync::Arc;

/// A file whose text is part of the expanded page: the page itself (number 0) or an
/// included file.
#[derive(Debug)]
pub struct Source {
    /// Its path relative to the root, as diagnostics name it.
    pub file: String,
    /// Its folder relative to `content/`, to resolve its links from; `None` for a file
    /// outside `content/`, whose links are resolved from the page's folder.
    pub link_dir: Option<String>,
    /// Its text (for the page, the body).
    pub(super) text: Arc<str>,
    /// The file's line of the text's first line.
    pub(super) first_line: usize,
    /// Where it was included from (its first directive), if it is not the page.
    pub included_from: Option<Place>,
    /// The byte ranges of `text` blanked in a public build (internal blocks, a front
    /// matter with internal text), in order: only their line breaks are written.
    pub(super) blanked: Vec<std::ops::Range<usize>>,
    /// The byte offset of the start of each line of `text`, found when first needed
    /// (most included text is never located).
    pub(super) line_starts: std::cell::OnceCell<Vec<usize>>,
}

/// A byte of one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The source's number.
    pub source: usize,
    /// The byte offset in its text.
    pub offset: usize,
}

/// A run of the expanded text that starts at `start` and came from `place`; `fixed`
/// runs (written by opsbook: indentation, a code fence) map every byte to `place`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    /// Where the run starts in the expanded text.
    pub(super) start: usize,
    /// The source byte it came from.
    pub(super) place: Place,
    /// Whether every byte maps to `place` (text opsbook wrote).
    pub(super) fixed: bool,
}

/// A page's text with its includes written in place, and where every byte came from.
#[derive(Debug)]
pub struct Expanded {
    /// The text to render.
    pub text: String,
    /// The page (0) and every file included, in the order first read.
    pub sources: Vec<Source>,
    pub(super) segments: Vec<Segment>,
    /// Problems, at their directive: `include` errors.
    pub problems: Vec<(Place, String)>,
    /// Includes of files that are not there or are never read, at their directive: the
    /// directive shows a placeholder, and the page reports it at the severity of broken
    /// links.
    pub missing: Vec<(Place, String)>,
    /// Warnings, at their directive, by rule: an old name that still works, an
    /// imported file whose URL is not written.
    pub warnings: Vec<(Place, crate::diagnostic::Rule, String)>,
    /// Malformed internal markers of included files (public build), at the marker.
    pub internal_problems: Vec<(Place, String)>,
    /// The internal blocks a public build blanked in included files: the folder their
    /// links are resolved from (as [`Source::link_dir`]) and their Markdown, so that the
    /// files only they link to stay out of the build too.
    pub dropped: Vec<(Option<String>, String)>,
}

/// Where a byte of the expanded text is in its file, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location<'e> {
    /// The file, relative to the root.
    pub file: &'e str,
    /// The 1-based line of the file.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// The page's file and the line of the directive that brought the file in (or the
    /// file that included it), when it is not the page.
    pub included_from: Option<(&'e str, usize)>,
}

impl Expanded {
    /// The source byte that byte `offset` of the expanded text came from.
    pub fn place(&self, offset: usize) -> Place {
        let at = self.segments.partition_point(|s| s.start <= offset).saturating_sub(1);
        match self.segments.get(at) {
            Some(s) if s.fixed => s.place,
            Some(s) => Place { source: s.place.source, offset: s.place.offset + (offset - s.start) },
            None => Place { source: 0, offset },
        }
    }

    /// The file, line and column of a source byte.
    pub fn locate(&self, place: Place) -> Location<'_> {
        let (line, column) = self.line_column(place);
        let source = &self.sources[place.source];
        // The page's line of the directive that brought the file in, however deep.
        let mut from = source.included_from;
        while let Some(outer) = from.and_then(|f| self.sources.get(f.source)?.included_from) {
            from = Some(outer);
        }
        let included_from = from.map(|from| (self.sources[from.source].file.as_str(), self.line_column(from).0));
        Location { file: &source.file, line, column, included_from }
    }

    fn line_column(&self, place: Place) -> (usize, usize) {
        let Some(source) = self.sources.get(place.source) else { return (0, 0) };
        let offset = place.offset.min(source.text.len());
        let line_starts = source.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(source.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
            starts
        });
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts.get(line - 1).copied().unwrap_or(0);
        let column = source.text.get(start..offset).map_or(offset - start, |t| t.chars().count()) + 1;
        (line + source.first_line - 1, column)
    }

    /// The folder, relative to `content/`, that links at source byte `place` are
    /// resolved from.
    pub fn link_dir(&self, place: Place) -> Option<&str> {
        self.sources.get(place.source).and_then(|s| s.link_dir.as_deref())
    }

    /// The root-relative paths of the files included, for rebuilds when one changes.
    pub fn included_files(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().skip(1).map(|s| s.file.as_str())
    }
}

pub(super) fn source(
    file: String,
    link_dir: Option<String>,
    text: Arc<str>,
    first_line: usize,
    from: Option<Place>,
) -> Source {
    Source {
        file,
        link_dir,
        text,
        first_line,
        included_from: from,
        blanked: Vec::new(),
        line_starts: std::cell::OnceCell::new(),
    }
}
