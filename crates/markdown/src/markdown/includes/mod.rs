//! Includes: the text of other files written in place of the directives of four
//! dialects, before any other pre-pass or the parser sees the page. The first step of
//! rendering a page ([`expand`]), run only on pages whose text holds `{{`, `{%` or
//! `8<-`; the others are rendered from their own text, byte for byte as before.
//!
//! More: docs/architecture.md, "Notes by module".

mod asset_imports;
pub mod directives;
mod late;
mod lookup;
mod markdown_include;
mod mdx_imports;
mod public;
mod select;
mod source_map;
mod translations;

use std::ops::Range;
use std::sync::Arc;

use directives::{Action, Include, Lookup};
pub use late::{Late, LateFailure, LateText};
use public::Public;
pub use select::Run;
pub use source_map::{Expanded, Location, Place, Source};
use source_map::{Segment, source};

use super::MarkdownInput;
use super::links::{LinkResolver, Resolution, percent_encode_path};
use crate::content::include_files::{IncludeError, IncludeFiles};
use crate::content::include_roots::{INCLUDES_FOLDER, IncludeRoots, RESOURCES_FOLDER};
use crate::content::site_data::Engine;
use crate::content::walk::is_ignored_name;
use crate::diagnostic::Rule;

/// The deepest nesting of includes.
pub const MAX_DEPTH: usize = 16;
/// The largest text a page may grow to by its includes, in bytes.
pub const MAX_EXPANDED: usize = 16 << 20;
/// The most includes one page may expand, however small the files: a file that
/// includes another ten times, which includes another ten times… stays cheap.
pub const MAX_INCLUDES: usize = 4096;
/// The most bytes of included files one page may read (each inclusion counted).
pub const MAX_READ: usize = 4 * MAX_EXPANDED;

/// Expands the includes of `page`, or returns `None` when it has no directive (then
/// nothing changes). See the module's steps.
pub fn expand(page: &MarkdownInput<'_>, files: &dyn IncludeFiles) -> Option<Expanded> {
    if !directives::may_have_directives(page.text) {
        return None;
    }
    // The uses of imported files are MDX's: on an MDX page and the files it includes.
    let mdx = super::reads_as_mdx(page.file, page.md_as_mdx);
    let mut found = directives::find(page.text, mdx);
    let public = page.internal_blocks == super::internal::Mode::Drop;
    // A public build drops the page's own internal blocks whole: the directives in them
    // are neither expanded nor refused. (Malformed markers: the body writer says so.)
    let page_blocks = match public && !found.is_empty() {
        true => super::public_text::internal_blocks(page.text).unwrap_or_default(),
        false => Vec::new(),
    };
    found.retain(|d| !page_blocks.iter().any(|block| block.contains(&d.range.start)));
    // A Jekyll include the handbook gives a template of its own renders through it.
    if let Some(site) = page.templating.map(|t| t.site) {
        found.retain(|d| match &d.action {
            Action::Include(includes) => !includes.iter().any(|include| {
                include.lookup == Lookup::IncludesFolders && site.has_template(&format!("include/{}", include.path))
            }),
            _ => true,
        });
    }
    // A quoted include that names a file relative to its page, where the handbook's tool
    // writes its reusable content so.
    if page.include_roots.reusable_folder.is_some() {
        directives::read_quoted_as_relative(&mut found);
    }
    // Eleventy's quoted includes, in an Eleventy handbook whose Markdown is templated
    // only: Jekyll refuses a quoted name, and other tools' pages show one as text.
    // LiquidJS's parameters are no Nunjucks: such an include is the template stage's.
    let engine = page.include_roots.template_includes.as_ref().map(|e| e.engine);
    found.retain(|d| match &d.action {
        Action::Include(includes) => !includes.iter().any(|include| {
            matches!(include.lookup, Lookup::TemplateIncludes { .. })
                && (engine.is_none() || (engine == Some(Engine::Nunjucks) && !include.params.is_empty()))
        }),
        _ => true,
    });
    markdown_include::keep_if_configured(&mut found, page.text, page.include_roots);
    // jekyll-multiple-languages-plugin's tags, in a handbook with languages only.
    if !translations::reads_tags(page.include_roots) {
        found.retain(|d| match &d.action {
            Action::Translate(_) => false,
            Action::Include(includes) => !includes.iter().any(|include| include.lookup == Lookup::LanguageFolders),
            _ => true,
        });
    }
    if found.is_empty() {
        return None;
    }
    let text: Arc<str> = Arc::from(page.text);
    let mut expander = Expander::new(page, files, Arc::clone(&text));
    expander.write_part(0, &text, &[(0, Some(0))], found, Place { source: 0, offset: 0 }, 0);
    let mut out = expander.out;
    check_page_blocks(&mut out, &page_blocks);
    Some(out)
}

/// In a public build, each internal block of the page (`page_blocks`, in its own text)
/// must still be one once its includes are written in: an included file that opens a
/// code block or a quote the block falls into would have it published. A block that is
/// not is an `internal-block` error at its marker.
fn check_page_blocks(out: &mut Expanded, page_blocks: &[Range<usize>]) {
    if page_blocks.is_empty() {
        return;
    }
    // Malformed markers in the expanded text: the body writer reports them.
    let Ok(blocks) = super::public_text::internal_blocks(&out.text) else { return };
    let kept: std::collections::HashSet<usize> =
        blocks.iter().map(|b| out.place(b.start)).filter(|p| p.source == 0).map(|p| p.offset).collect();
    for block in page_blocks.iter().filter(|b| !kept.contains(&b.start)) {
        out.internal_problems.push((
            Place { source: 0, offset: block.start },
            "an include before this internal block changes how it is read (an included file opens a code \
             block, a quote or a list that the block falls into): a public build would publish it"
                .to_string(),
        ));
    }
}

struct Expander<'f> {
    files: &'f dyn IncludeFiles,
    /// The content folder, relative to the root (`content`, `src`).
    content: &'f str,
    links: &'f dyn LinkResolver,
    /// The other tools' include folders.
    roots: &'f IncludeRoots,
    /// Whether the build is public: included files are read as their public text.
    public: bool,
    out: Expanded,
    /// The sources being expanded, outermost first: a cycle is one of these again.
    stack: Vec<usize>,
    /// How many includes were expanded, and the bytes of the files they read.
    includes: usize,
    read: usize,
    /// The strings files of jekyll-multiple-languages-plugin read for this page.
    strings: translations::Strings,
    /// Whether the page is MDX: the uses of the files it imports are read.
    mdx: bool,
}

impl<'f> Expander<'f> {
    /// An expander for `page`, whose text (source 0) is `text`.
    fn new(page: &MarkdownInput<'f>, files: &'f dyn IncludeFiles, text: Arc<str>) -> Self {
        let mut out = Expanded {
            text: String::with_capacity(text.len()),
            sources: Vec::new(),
            segments: Vec::new(),
            problems: Vec::new(),
            missing: Vec::new(),
            internal_problems: Vec::new(),
            warnings: Vec::new(),
            dropped: Vec::new(),
        };
        out.sources.push(source(page.file.to_string(), Some(page.dir.to_string()), text, page.body_line, None));
        Expander {
            files,
            content: page.content,
            links: page.links,
            roots: page.include_roots,
            out,
            public: page.internal_blocks == super::internal::Mode::Drop,
            stack: Vec::new(),
            includes: 0,
            read: 0,
            strings: translations::Strings::new(),
            mdx: super::reads_as_mdx(page.file, page.md_as_mdx),
        }
    }

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

    /// Writes `text`, which starts at `place` of its source: of a range the source has
    /// blanked, only the line breaks.
    fn put_source(&mut self, text: &str, place: Place) {
        let blanked = &self.out.sources[place.source].blanked;
        let (first, last) = (place.offset, place.offset + text.len());
        let overlapping: Vec<Range<usize>> =
            blanked.iter().filter(|b| b.start < last && b.end > first).cloned().collect();
        let mut at = first;
        for range in overlapping {
            let start = range.start.max(at);
            if start > at {
                self.put(&text[at - first..start - first], Place { offset: at, ..place }, false);
            }
            let end = range.end.min(last);
            for (i, _) in text[start - first..end - first].match_indices('\n') {
                self.put("\n", Place { offset: start + i, ..place }, false);
            }
            at = end.max(at);
        }
        if at < last {
            self.put(&text[at - first..], Place { offset: at, ..place }, false);
        }
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
                        self.put_source(&part[pos..end], Place { source: number, offset: offset + (pos - start) });
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
        // Where the part's fenced code is, found when a placeholder first needs it.
        let mut fences = None;
        for directive in found {
            self.put_mapped(number, part, map, at, last, directive.range.start);
            last = directive.range.end;
            let here = Self::place_in_part(number, map, at, directive.range.start);
            let in_code = |fences: &mut Option<Vec<Range<usize>>>| {
                let fences = fences.get_or_insert_with(|| fenced_ranges(part));
                in_code(part, fences, directive.range.start)
            };
            match directive.action {
                Action::Remove => {}
                Action::Warn(message) => self.out.warnings.push((here, Rule::Include, message)),
                Action::Asset(asset) => {
                    let range = directive.range.clone();
                    let dir = self.out.link_dir(here).or(self.out.sources[0].link_dir.as_deref()).unwrap_or("");
                    match asset.value(&part[range.clone()], dir, self.links) {
                        Ok(value) => self.put(&value, here, true),
                        Err((rule, message)) => {
                            self.out.warnings.push((here, rule, message));
                            self.put_mapped(number, part, map, at, range.start, range.end);
                        }
                    }
                }
                Action::Refuse(message) => {
                    let indent = snippet_indent(part, directive.range.start);
                    let shown = placeholder(&message, in_code(&mut fences), Some(indent));
                    self.put(&shown, here, true);
                    self.out.missing.push((here, message));
                }
                Action::Translate(key) => match self.translate(&key) {
                    Ok(text) => self.put(&text, here, true),
                    Err(Failure::Problem(message)) => self.out.problems.push((here, message)),
                    Err(Failure::Recursive) => {}
                    Err(Failure::Missing(message) | Failure::NoFile(message)) => {
                        let shown = translations::placeholder(&key, in_code(&mut fences));
                        self.put(&shown, here, true);
                        self.out.missing.push((here, message));
                    }
                },
                Action::Include(includes) => {
                    for include in includes {
                        match self.include(&include, here, depth) {
                            Ok(()) => {}
                            Err(Failure::Recursive) => {
                                self.put_mapped(number, part, map, at, directive.range.start, directive.range.end);
                            }
                            Err(Failure::Problem(message)) => self.out.problems.push((here, message)),
                            // Nunjucks' `ignore missing`: nothing in its place.
                            Err(Failure::Missing(_) | Failure::NoFile(_))
                                if include.lookup == (Lookup::TemplateIncludes { optional: true }) => {}
                            Err(Failure::Missing(message) | Failure::NoFile(message)) => {
                                let indent = match &include.form {
                                    directives::Form::Lines(indent) => Some(indent.as_str()),
                                    _ => None,
                                };
                                let shown = placeholder(&include.path, in_code(&mut fences), indent);
                                self.put(&shown, here, true);
                                self.out.missing.push((here, message));
                            }
                        }
                    }
                }
            }
        }
        self.put_mapped(number, part, map, at, last, part.len());
        self.stack.pop();
    }

    /// Expands one include written at `at`, `depth` includes deep.
    fn include(&mut self, include: &Include, at: Place, depth: usize) -> Result<(), Failure> {
        if depth >= MAX_DEPTH {
            return Err(Failure::Problem(format!("includes nest deeper than {MAX_DEPTH} files")));
        }
        self.includes += 1;
        if self.includes > MAX_INCLUDES {
            // Said once: the directives after it are dropped without a word.
            return if self.includes == MAX_INCLUDES + 1 {
                Err(Failure::Problem(format!("the page has more than {MAX_INCLUDES} includes; the rest are left out")))
            } else {
                Ok(())
            };
        }
        let (path, text) = self.find(include, at)?;
        self.read += text.len();
        if self.read > MAX_READ {
            self.includes = MAX_INCLUDES + 1;
            return Err(Failure::Problem(format!(
                "the includes of the page read more than {} MiB; the rest are left out",
                MAX_READ >> 20
            )));
        }
        if let Some(cycle) = self.stack.iter().position(|&s| self.out.sources[s].file == path) {
            // An Eleventy template may include itself, its recursion ended by its own
            // conditions (a navigation tree): text cannot be expanded so; the include is
            // left to the template stage, which shows it as a placeholder.
            if matches!(include.lookup, Lookup::TemplateIncludes { .. }) {
                return Err(Failure::Recursive);
            }
            let mut chain: Vec<&str> = self.stack[cycle..].iter().map(|&s| self.out.sources[s].file.as_str()).collect();
            chain.push(&path);
            return Err(Failure::Problem(format!("include cycle: {}", chain.join(" -> "))));
        }
        let link_dir = self.in_content(&path).map(|p| parent(p).to_string());
        let number = self.out.sources.len();
        // In a public build, the file as written, when its public text differs.
        let mut as_written = None;
        let mut blanked = Vec::new();
        let text = if self.public {
            match public::public_text(&text) {
                Public::All => text,
                Public::Blanked(public, ranges, dropped) => {
                    self.out.dropped.extend(dropped.into_iter().map(|markdown| (link_dir.clone(), markdown)));
                    as_written = Some(text);
                    blanked = ranges;
                    public
                }
                Public::Internal(why) => {
                    return Err(Failure::Problem(format!(
                        "cannot include `{}` in a public build: {why}",
                        include.path
                    )));
                }
                Public::Malformed(problems) => {
                    self.out.sources.push(source(path, link_dir, Arc::from(text), 1, Some(at)));
                    let place = |offset| Place { source: number, offset };
                    self.out.internal_problems.extend(problems.into_iter().map(|(at, m)| (place(at), m)));
                    return Ok(());
                }
            }
        } else {
            text
        };
        let (part, map) = select::assemble(&text, include).map_err(|why| match &as_written {
            Some(written) if select::assemble(written, include).is_ok() => Failure::Problem(format!(
                "{why} in the public text of `{path}`: it is inside an internal block, which a public build leaves out"
            )),
            // A part of the file that is not there: missing, as a file would be.
            _ => Failure::Missing(format!("{why} in `{path}`")),
        })?;
        drop(as_written);
        let line_start = self.out.text.rfind('\n').map_or(0, |at| at + 1);
        let prefix = if include.repeats_line_prefix() { &self.out.text[line_start..] } else { "" };
        let breaks = if prefix.is_empty() { 0 } else { part.matches('\n').count() };
        // Counted before the prefixes are written, which may multiply the text.
        let grown = part.len().saturating_add(prefix.len().saturating_mul(breaks));
        if grown.saturating_add(self.out.text.len()) > MAX_EXPANDED {
            return Err(Failure::Problem(format!(
                "with `{path}` the page grows past the {} MiB includes may make it",
                MAX_EXPANDED >> 20
            )));
        }
        let (part, map) = if breaks > 0 { select::prefix_lines(&part, &map, prefix) } else { (part, map) };
        let reusable = self.roots.reusable_folder.as_deref();
        let (part, map) = match reusable.is_some_and(|f| path.strip_prefix(f).is_some_and(|r| r.starts_with('/'))) {
            true => strip_front_matter(part, map),
            false => (part, map),
        };
        self.out.sources.push(Source { blanked, ..source(path, link_dir, Arc::from(text), 1, Some(at)) });
        let mut found = directives::find(&part, self.mdx);
        if reusable.is_some() {
            directives::read_quoted_as_relative(&mut found);
        }
        markdown_include::keep_if_configured(&mut found, &part, self.roots);
        self.write_part(number, &part, &map, found, at, depth + 1);
        Ok(())
    }
}

/// `part` without the YAML front matter a file of reusable content opens with (its
/// name, which the page does not show), its runs moved to match.
fn strip_front_matter(part: String, map: Vec<Run>) -> (String, Vec<Run>) {
    let cut = match crate::content::front_matter::split_front_matter(&part) {
        Ok(split) if split.front.is_some() && part.starts_with("---") => part.len() - split.body.len(),
        _ => return (part, map),
    };
    let mut runs = Vec::with_capacity(map.len());
    for (i, &(start, origin)) in map.iter().enumerate() {
        let end = map.get(i + 1).map_or(part.len(), |&(next, _)| next);
        if end > cut {
            let skip = cut.saturating_sub(start);
            runs.push((start + skip - cut, origin.map(|o| o + skip)));
        }
    }
    (part[cut..].to_string(), runs)
}

/// Why an include wrote nothing.
enum Failure {
    /// The file, or the part of it selected, is not there or is never read: a missing
    /// include (see the module's step 4).
    Missing(String),
    /// No file of the name where the include looks: missing, as [`Failure::Missing`].
    NoFile(String),
    /// Anything else: an `include` error.
    Problem(String),
    /// An Eleventy include of a file it is inside of: left as written.
    Recursive,
}

/// The indentation of the snippet line at `at` of `text`, for a placeholder that stands
/// on a line of its own.
fn snippet_indent(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

/// What a missing include shows in its place: `missing include:` and the path, as an
/// inline element where it stands in text, as plain text in code (a fenced block or a
/// code span), where HTML would show as written. A snippet (`indent`) has a line of its
/// own. Braces are written as character references, so that no later pass reads a
/// template construct in the path.
pub fn placeholder(path: &str, in_code: bool, indent: Option<&str>) -> String {
    let shown = if in_code {
        format!("missing include: {path}")
    } else {
        let path = crate::html::escape(path).replace('{', "&#123;").replace('}', "&#125;");
        format!("<span class=\"unsupported missing-include\">missing include: <code>{path}</code></span>")
    };
    match indent {
        Some(indent) => format!("{indent}{shown}\n"),
        None => shown,
    }
}

/// The byte ranges of `text` that fenced code blocks take (from the line that opens one
/// to the line that closes it, or the end): a fence is three or more backticks or
/// tildes at the start of a line, after any indentation, closed by a line of at least
/// as many of the same character and nothing else.
fn fenced_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<(u8, usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let first = trimmed.as_bytes().first().copied().filter(|b| matches!(b, b'`' | b'~'));
        let run = first.map_or(0, |c| trimmed.bytes().take_while(|b| *b == c).count());
        match (open, first) {
            (None, Some(c)) if run >= 3 => open = Some((c, run, at)),
            (Some((c, len, start)), Some(this)) if this == c && run >= len && trimmed[run..].trim().is_empty() => {
                ranges.push(start..at + line.len());
                open = None;
            }
            _ => {}
        }
        at += line.len();
    }
    if let Some((_, _, start)) = open {
        ranges.push(start..text.len());
    }
    ranges
}

/// Whether byte `at` of `text` is code: inside one of the `fences`, or after an odd
/// number of backticks on its line (a code span).
fn in_code(text: &str, fences: &[Range<usize>], at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    fences.iter().any(|fence| fence.contains(&at)) || text[line_start..at].matches('`').count() % 2 == 1
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
pub fn join(base: &str, relative: &str) -> Result<String, String> {
    join_within(base, relative, None)
}

/// [`join`], into the hidden folder `open` (root-relative) and the files below it too.
pub fn join_within(base: &str, relative: &str, open: Option<&str>) -> Result<String, String> {
    // Whether the hidden `name` after `parts` is one of the folders of `open`.
    let opens = |parts: &[&str], name: &str| {
        let mut candidate = parts.join("/");
        if !candidate.is_empty() {
            candidate.push('/');
        }
        candidate.push_str(name);
        open.is_some_and(|folder| {
            folder == candidate || folder.strip_prefix(&candidate).is_some_and(|r| r.starts_with('/'))
        })
    };
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
            name if is_ignored_name(name) && !opens(&parts, name) => {
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
