//! Includes: the text of other files written in place of the directives of four
//! dialects, before any other pre-pass or the parser sees the page. The first step of
//! rendering a page ([`expand`]), run only on pages whose text holds `{{`, `{%` or
//! `8<-`; the others are rendered from their own text, byte for byte as before.
//!
//! | dialect | directive | looked up from |
//! |---|---|---|
//! | mdBook | `{{#include f}}`, `f:anchor`, `f:N`, `f:A:B`, `f::B`, `f:A:` (also `rustdoc_include`) | the including file's folder |
//! | Hugo | `{{% include "f" %}}`, `{{< readfile file="f" >}}` (`code="true" lang="yaml"`) | the including file's folder, then `content/` |
//! | MkDocs | `--8<-- "f"`, `"f:A:B"`, `"f:section"`, the block form | the including file's folder, `content/`, the root |
//! | Jekyll | `{% include f %}` / `{% include_relative f %}` | `content/_includes/`, `_includes/` / the including file's folder |
//!
//! Expansion is textual, as in those tools: it happens in fenced code too. For each
//! file, from the page down:
//! 1. find its directives and escapes ([`directives::find`]);
//! 2. copy the text between them, recording for each copied run where it came from
//!    (the source map, [`Expanded::place`]);
//! 3. for a directive: find the file (the lookup order above; a path is joined and
//!    normalised here, never above the root nor into a hidden folder such as `.git/`,
//!    then read through [`IncludeFiles`], which refuses symbolic links out);
//!    take the lines selected; expand that text the same way (step 1), unless the
//!    file is already being included (a cycle), the nesting is deeper than
//!    [`MAX_DEPTH`], the page would grow past [`MAX_EXPANDED`], or it has read more
//!    than [`MAX_INCLUDES`] files or four times that size;
//! 4. a problem becomes an `include` error at the directive, in the file that holds it;
//!    so is, in a public build, a file that is internal by its place (judged on where
//!    it resolves to, symbolic links followed, as well as where it is written).
//!
//! The body writer reads every offset of the expanded text back through the map: a
//! link in included text is resolved from the included file's folder, and a diagnostic
//! names the included file, its line and column, and the page line that included it.

pub(crate) mod directives;
mod select;

use std::sync::Arc;

use directives::{Action, Include, Lookup};
pub(crate) use select::Run;

use super::MarkdownInput;
use super::links::{LinkResolver, Resolution, percent_encode_path};
use crate::content::include_files::{IncludeError, IncludeFiles};
use crate::content::walk::is_ignored_name;

/// The deepest nesting of includes.
pub(crate) const MAX_DEPTH: usize = 16;
/// The largest text a page may grow to by its includes, in bytes.
pub(crate) const MAX_EXPANDED: usize = 16 << 20;
/// The most includes one page may expand, however small the files: a file that
/// includes another ten times, which includes another ten times… stays cheap.
pub(crate) const MAX_INCLUDES: usize = 4096;
/// The most bytes of included files one page may read (each inclusion counted).
const MAX_READ: usize = 4 * MAX_EXPANDED;

/// A file whose text is part of the expanded page: the page itself (number 0) or an
/// included file.
#[derive(Debug)]
pub(crate) struct Source {
    /// Its path relative to the root, as diagnostics name it.
    pub file: String,
    /// Its folder relative to `content/`, to resolve its links from; `None` for a file
    /// outside `content/`, whose links are resolved from the page's folder.
    pub link_dir: Option<String>,
    /// Its text (for the page, the body).
    text: Arc<str>,
    /// The file's line of the text's first line.
    first_line: usize,
    /// Where it was included from (its first directive), if it is not the page.
    pub included_from: Option<Place>,
    /// The byte offset of the start of each line of `text`, found when first needed
    /// (most included text is never located).
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

/// A byte of one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// The source's number.
    pub source: usize,
    /// The byte offset in its text.
    pub offset: usize,
}

/// A run of the expanded text that starts at `start` and came from `place`; `fixed`
/// runs (written by opsbook: indentation, a code fence) map every byte to `place`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    place: Place,
    fixed: bool,
}

/// A page's text with its includes written in place, and where every byte came from.
#[derive(Debug)]
pub(crate) struct Expanded {
    /// The text to render.
    pub text: String,
    /// The page (0) and every file included, in the order first read.
    pub sources: Vec<Source>,
    segments: Vec<Segment>,
    /// Problems, at their directive.
    pub problems: Vec<(Place, String)>,
}

/// Where a byte of the expanded text is in its file, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location<'e> {
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
    pub(crate) fn place(&self, offset: usize) -> Place {
        let at = self.segments.partition_point(|s| s.start <= offset).saturating_sub(1);
        match self.segments.get(at) {
            Some(s) if s.fixed => s.place,
            Some(s) => Place { source: s.place.source, offset: s.place.offset + (offset - s.start) },
            None => Place { source: 0, offset },
        }
    }

    /// The file, line and column of a source byte.
    pub(crate) fn locate(&self, place: Place) -> Location<'_> {
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
    pub(crate) fn link_dir(&self, place: Place) -> Option<&str> {
        self.sources.get(place.source).and_then(|s| s.link_dir.as_deref())
    }

    /// The root-relative paths of the files included, for rebuilds when one changes.
    pub(crate) fn included_files(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().skip(1).map(|s| s.file.as_str())
    }
}

/// Expands the includes of `page`, or returns `None` when it has no directive (then
/// nothing changes). See the module's steps.
pub(crate) fn expand(page: &MarkdownInput<'_>, files: &dyn IncludeFiles) -> Option<Expanded> {
    if !directives::may_have_directives(page.text) {
        return None;
    }
    let found = directives::find(page.text);
    if found.is_empty() {
        return None;
    }
    let mut expander = Expander {
        files,
        content: page.content,
        links: page.links,
        out: Expanded {
            text: String::with_capacity(page.text.len()),
            sources: Vec::new(),
            segments: Vec::new(),
            problems: Vec::new(),
        },
        stack: Vec::new(),
        includes: 0,
        read: 0,
    };
    let text: Arc<str> = Arc::from(page.text);
    let page_source =
        source(page.file.to_string(), Some(page.dir.to_string()), Arc::clone(&text), page.body_line, None);
    expander.out.sources.push(page_source);
    expander.write_part(0, &text, &[(0, Some(0))], found, Place { source: 0, offset: 0 }, 0);
    Some(expander.out)
}

fn source(file: String, link_dir: Option<String>, text: Arc<str>, first_line: usize, from: Option<Place>) -> Source {
    Source { file, link_dir, text, first_line, included_from: from, line_starts: std::cell::OnceCell::new() }
}

struct Expander<'f> {
    files: &'f dyn IncludeFiles,
    /// The content folder, relative to the root (`content`, `src`).
    content: &'f str,
    links: &'f dyn LinkResolver,
    out: Expanded,
    /// The sources being expanded, outermost first: a cycle is one of these again.
    stack: Vec<usize>,
    /// How many includes were expanded, and the bytes of the files they read.
    includes: usize,
    read: usize,
}

impl Expander<'_> {
    /// `path` (relative to the root) relative to the content folder, when it is inside.
    fn in_content<'p>(&self, path: &'p str) -> Option<&'p str> {
        path.strip_prefix(self.content)?.strip_prefix('/')
    }

    fn put(&mut self, text: &str, place: Place, fixed: bool) {
        let start = self.out.text.len();
        let follows = self.out.segments.last().is_some_and(|s| {
            !fixed && !s.fixed && s.place.source == place.source && s.place.offset + (start - s.start) == place.offset
        });
        if !follows {
            self.out.segments.push(Segment { start, place, fixed });
        }
        self.out.text.push_str(text);
    }

    /// Writes `part[from..to]`, a text assembled from source `number`: `map` holds the
    /// runs of `part` (ascending starts, the first at 0) and the source offset each
    /// came from, `None` for text opsbook wrote (mapped to the directive `at`).
    fn put_mapped(&mut self, number: usize, part: &str, map: &[Run], at: Place, from: usize, to: usize) {
        let mut i = map.partition_point(|(s, _)| *s <= from).saturating_sub(1);
        let mut pos = from;
        while pos < to && i < map.len() {
            let (start, origin) = map[i];
            let end = map.get(i + 1).map_or(part.len(), |(s, _)| *s).min(to);
            if end > pos {
                match origin {
                    Some(offset) => {
                        self.put(&part[pos..end], Place { source: number, offset: offset + (pos - start) }, false);
                    }
                    None => self.put(&part[pos..end], at, true),
                }
            }
            pos = pos.max(end);
            i += 1;
        }
    }

    /// The source byte of byte `offset` of `part` (see [`Expander::put_mapped`]).
    fn place_in_part(number: usize, map: &[Run], at: Place, offset: usize) -> Place {
        match map.get(map.partition_point(|(s, _)| *s <= offset).saturating_sub(1)) {
            Some(&(start, Some(origin))) => Place { source: number, offset: origin + (offset - start) },
            _ => at,
        }
    }

    /// Writes `part` (see [`Expander::put_mapped`]) with its directives `found`
    /// expanded.
    fn write_part(
        &mut self,
        number: usize,
        part: &str,
        map: &[Run],
        found: Vec<directives::Found>,
        at: Place,
        depth: usize,
    ) {
        self.stack.push(number);
        let mut last = 0;
        for directive in found {
            self.put_mapped(number, part, map, at, last, directive.range.start);
            last = directive.range.end;
            let here = Self::place_in_part(number, map, at, directive.range.start);
            match directive.action {
                Action::Remove => {}
                Action::Refuse(message) => self.out.problems.push((here, message)),
                Action::Include(includes) => {
                    for include in includes {
                        if let Err(message) = self.include(&include, here, depth) {
                            self.out.problems.push((here, message));
                        }
                    }
                }
            }
        }
        self.put_mapped(number, part, map, at, last, part.len());
        self.stack.pop();
    }

    /// Expands one include written at `at`, `depth` includes deep.
    fn include(&mut self, include: &Include, at: Place, depth: usize) -> Result<(), String> {
        if depth >= MAX_DEPTH {
            return Err(format!("includes nest deeper than {MAX_DEPTH} files"));
        }
        self.includes += 1;
        if self.includes > MAX_INCLUDES {
            // Said once: the directives after it are dropped without a word.
            return if self.includes == MAX_INCLUDES + 1 {
                Err(format!("the page has more than {MAX_INCLUDES} includes; the rest are left out"))
            } else {
                Ok(())
            };
        }
        let (path, text) = self.find(include, at)?;
        self.read += text.len();
        if self.read > MAX_READ {
            self.includes = MAX_INCLUDES + 1;
            return Err(format!(
                "the includes of the page read more than {} MiB; the rest are left out",
                MAX_READ >> 20
            ));
        }
        if let Some(cycle) = self.stack.iter().position(|&s| self.out.sources[s].file == path) {
            let mut chain: Vec<&str> = self.stack[cycle..].iter().map(|&s| self.out.sources[s].file.as_str()).collect();
            chain.push(&path);
            return Err(format!("include cycle: {}", chain.join(" -> ")));
        }
        let (part, map) = select::assemble(&text, include).map_err(|why| format!("{why} in `{path}`"))?;
        if part.len() + self.out.text.len() > MAX_EXPANDED {
            return Err(format!(
                "with `{path}` the page grows past the {} MiB includes may make it",
                MAX_EXPANDED >> 20
            ));
        }
        let link_dir = self.in_content(&path).map(|p| parent(p).to_string());
        let number = self.out.sources.len();
        self.out.sources.push(source(path, link_dir, Arc::from(text), 1, Some(at)));
        let found = directives::find(&part);
        self.write_part(number, &part, &map, found, at, depth + 1);
        Ok(())
    }

    /// Finds and reads the file of `include` written at `at`: its root-relative path
    /// and its text.
    fn find(&self, include: &Include, at: Place) -> Result<(String, String), String> {
        let from_file = &self.out.sources[at.source].file;
        let here = parent(from_file);
        let written = include.path.as_str();
        let (absolute, relative) = match written.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, written),
        };
        let content = self.content;
        let jekyll = format!("{content}/_includes");
        let bases: Vec<&str> = match (include.lookup, absolute) {
            (_, true) => vec![content, ""],
            (Lookup::Relative, false) => vec![here],
            (Lookup::RelativeThenContent, false) => vec![here, content],
            (Lookup::RelativeThenContentThenRoot, false) => vec![here, content, ""],
            (Lookup::JekyllIncludes, false) => vec![&jekyll, "_includes"],
        };
        let mut tried = Vec::new();
        for base in bases {
            let path = join(base, relative).map_err(|why| format!("cannot include `{written}`: {why}"))?;
            // A file of an internal page or section stays out of a public build, as a
            // link to it would.
            if let Some(in_content) = self.in_content(&path)
                && let Resolution::Internal { .. } = self.links.resolve("", &percent_encode_path(in_content))
            {
                return Err(format!("cannot include `{written}` in a public build: `{path}` is internal"));
            }
            match self.files.read(&path) {
                Ok(included) => {
                    // Where the file really is decides too: a link may lead out of
                    // where it is written into an internal section or source.
                    if let Some(real) = included.content_path.as_deref()
                        && self.in_content(&path) != Some(real)
                        && let Resolution::Internal { .. } = self.links.resolve("", &percent_encode_path(real))
                    {
                        return Err(format!(
                            "cannot include `{written}` in a public build: `{path}` leads to `{real}` of the \
                             content tree, which is internal"
                        ));
                    }
                    return Ok((path, included.text));
                }
                Err(IncludeError::NotFound) => tried.push(path),
                Err(IncludeError::Refused(why)) => return Err(format!("cannot include `{written}`: {why}")),
            }
        }
        tried.dedup();
        Err(format!("no file `{written}` to include (looked for {})", quote_all(&tried)))
    }
}

fn quote_all(paths: &[String]) -> String {
    paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
}

/// The folder of a `/`-separated path (`""` at the root).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Joins `relative` onto the root-relative folder `base`, resolving `.` and `..`:
/// never above the root, never into a hidden file or folder (`.git/`, `.env`).
pub(crate) fn join(base: &str, relative: &str) -> Result<String, String> {
    if relative.is_empty() || relative.contains('\\') || relative.chars().any(char::is_control) {
        return Err("not a path opsbook reads (empty, a backslash or a control character)".to_string());
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("the path leads outside the handbook's folder".to_string());
                }
            }
            name if is_ignored_name(name) => {
                return Err(format!("`{name}` is a hidden or temporary file or folder, which opsbook never reads"));
            }
            name => parts.push(name),
        }
    }
    if parts.is_empty() {
        return Err("the path names the handbook's folder, not a file".to_string());
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests;
