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
//!    it resolves to, symbolic links followed, as well as where it is written) or by its
//!    own front matter.
//!
//! In a public build, an included file is read as its public text before step 3 selects
//! from it ([`public`]): its internal blocks blanked, found as a page's are, so that no
//! selection (a line range, an anchor, a snippet section, the whole file in a code
//! fence) can take internal text out of it.
//!
//! The body writer reads every offset of the expanded text back through the map: a
//! link in included text is resolved from the included file's folder, and a diagnostic
//! names the included file, its line and column, and the page line that included it.

pub(crate) mod directives;
mod public;
mod select;
mod source_map;

use std::sync::Arc;

use directives::{Action, Include, Lookup};
use public::Public;
pub(crate) use select::Run;
pub(crate) use source_map::{Expanded, Location, Place, Source};
use source_map::{Segment, source};

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

/// Expands the includes of `page`, or returns `None` when it has no directive (then
/// nothing changes). See the module's steps.
pub(crate) fn expand(page: &MarkdownInput<'_>, files: &dyn IncludeFiles) -> Option<Expanded> {
    if !directives::may_have_directives(page.text) {
        return None;
    }
    let mut found = directives::find(page.text);
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
                include.lookup == Lookup::JekyllIncludes && site.has_template(&format!("include/{}", include.path))
            }),
            _ => true,
        });
    }
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
            internal_problems: Vec::new(),
            dropped: Vec::new(),
        },
        public,
        stack: Vec::new(),
        includes: 0,
        read: 0,
    };
    let text: Arc<str> = Arc::from(page.text);
    let page_source =
        source(page.file.to_string(), Some(page.dir.to_string()), Arc::clone(&text), page.body_line, None);
    expander.out.sources.push(page_source);
    expander.write_part(0, &text, &[(0, Some(0))], found, Place { source: 0, offset: 0 }, 0);
    let mut out = expander.out;
    check_page_blocks(&mut out, &page_blocks);
    Some(out)
}

/// In a public build, each internal block of the page (`page_blocks`, in its own text)
/// must still be one once its includes are written in: an included file that opens a
/// code block or a quote the block falls into would have it published. A block that is
/// not is an `internal-block` error at its marker.
fn check_page_blocks(out: &mut Expanded, page_blocks: &[std::ops::Range<usize>]) {
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
    /// Whether the build is public: included files are read as their public text.
    public: bool,
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

    /// Writes `text`, which starts at `place` of its source: of a range the source has
    /// blanked, only the line breaks.
    fn put_source(&mut self, text: &str, place: Place) {
        let blanked = &self.out.sources[place.source].blanked;
        let (first, last) = (place.offset, place.offset + text.len());
        let overlapping: Vec<std::ops::Range<usize>> =
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
                    return Err(format!("cannot include `{}` in a public build: {why}", include.path));
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
            Some(written) if select::assemble(written, include).is_ok() => format!(
                "{why} in the public text of `{path}`: it is inside an internal block, which a public build leaves out"
            ),
            _ => format!("{why} in `{path}`"),
        })?;
        drop(as_written);
        if part.len() + self.out.text.len() > MAX_EXPANDED {
            return Err(format!(
                "with `{path}` the page grows past the {} MiB includes may make it",
                MAX_EXPANDED >> 20
            ));
        }
        self.out.sources.push(Source { blanked, ..source(path, link_dir, Arc::from(text), 1, Some(at)) });
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
