//! The print pages of a streaming build, which show the bodies of every page beneath
//! their section: at 100,000 pages a top-level section's print page is some 170 MB, and
//! holding its bodies until its last page is written, then the whole page as one string
//! (beside the template's copy of every body), was most of the build's peak memory.
//!
//! 1. Once a page shown on print pages is written, its body is appended to one file
//!    beside the output ([`Spill`]), once however many print pages show it, and only
//!    where it stands in that file is kept.
//! 2. When the last page a print page shows is written, the print page is rendered
//!    with a short marker in place of each body ([`marker`]); the link check's scan
//!    skips the markers as it skips the bodies.
//! 3. The document is cut at the markers and written through the sink in parts
//!    ([`Sink::write_parts`]): the template's text between them, and each body read
//!    back from the file. The sink hashes, compares and writes the same bytes the whole
//!    page would have, so the manifest and the unchanged-file check of a rebuild stay
//!    as they were.
//!
//! A theme whose print template does something else with a body than write it as it is
//! (`| safe`), such as a filter that changes the marker, leaves a marker missing or
//! changed: that print page is then rendered whole, with its bodies read back, as
//! before.

use std::collections::{HashMap, HashSet};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::pipeline::output::{Parts, Sink};
use crate::pipeline::page::{RenderedPage, drop_links_the_check_finds_fine, printed_pages, render_page_with};
use crate::pipeline::write::write_page;
use crate::render::{Bodies, NavCache, Renderer};
use crate::site::{PageId, Site};

/// What starts a body's marker; the page id and [`MARKER_END`] follow. Control
/// characters and a tag that no template or title writes, in letters of both cases:
/// escaping or a filter that changes letters changes the marker.
const MARKER_START: &str = "\u{1}<Opsbook-Printed ";

/// What ends a body's marker.
const MARKER_END: &str = ">\u{1}";

/// The marker that stands for page `id`'s body on a print page while it is rendered.
fn marker(id: PageId) -> String {
    format!("{MARKER_START}{id}{MARKER_END}")
}

/// The print pages of a site, and where the bodies they show wait.
pub(super) struct PrintPages {
    /// The print pages that show each page, by page id.
    shown_on: Vec<Vec<PageId>>,
    /// For each print page, the pages it shows that are not written yet.
    waiting: HashMap<PageId, AtomicUsize>,
    /// Where each page's body is kept, by page id, once written (none for an empty body).
    kept: Vec<OnceLock<Option<Kept>>>,
    /// The bodies kept.
    spill: Spill,
}

impl PrintPages {
    /// The print pages of `site`, keeping their bodies in a file at `scratch` (in memory
    /// when there is no output folder).
    pub(super) fn of(site: &Site, scratch: Option<&crate::fs::Confined>) -> anyhow::Result<Self> {
        let shown: Vec<(PageId, Vec<PageId>)> = (0..site.pages.len())
            .map(|print| (print, printed_pages(site, print)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let prints: HashSet<PageId> = shown.iter().map(|(print, _)| *print).collect();
        let mut shown_on = vec![Vec::new(); site.pages.len()];
        let mut waiting = HashMap::new();
        for (print, pages) in shown {
            // A print page is rendered after the pages it shows, never shown itself.
            let pages: HashSet<PageId> = pages.into_iter().filter(|page| !prints.contains(page)).collect();
            for &page in &pages {
                shown_on[page].push(print);
            }
            waiting.insert(print, AtomicUsize::new(pages.len()));
        }
        let spill = match scratch {
            Some(path) if !waiting.is_empty() => Spill::file(path)?,
            _ => Spill::memory(),
        };
        let kept = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
        Ok(PrintPages { shown_on, waiting, kept, spill })
    }

    pub(super) fn is_print_page(&self, id: PageId) -> bool {
        self.waiting.contains_key(&id)
    }

    /// Whether page `id` is shown on a print page.
    pub(super) fn is_shown(&self, id: PageId) -> bool {
        !self.shown_on[id].is_empty()
    }

    /// Keeps `html`, the body of page `id`, written, for the print pages that show it;
    /// returns each print page whose last page `id` was.
    pub(super) fn keep(&self, id: PageId, html: &str) -> anyhow::Result<Vec<PageId>> {
        let kept = if html.is_empty() { None } else { Some(self.spill.keep(html.as_bytes())?) };
        // Set before the counts fall: the thread that completes a print page reads it.
        let _ = self.kept[id].set(kept);
        let last = |print: &&PageId| self.waiting[*print].fetch_sub(1, Ordering::AcqRel) == 1;
        Ok(self.shown_on[id].iter().filter(last).copied().collect())
    }

    /// Renders print page `print`, whose pages are all written, and writes it into
    /// `output` in parts (see the module); returns its record, its HTML taken out.
    pub(super) fn render(
        &self,
        site: &Site,
        renderer: &Renderer,
        nav: &NavCache,
        print: PageId,
        output: Option<&dyn Sink>,
    ) -> anyhow::Result<(RenderedPage, Option<Diagnostic>)> {
        let shown: Vec<(PageId, Kept)> =
            printed_pages(site, print).into_iter().filter_map(|page| Some((page, self.kept_body(page)?))).collect();
        let markers: HashMap<PageId, String> = shown.iter().map(|(page, _)| (*page, marker(*page))).collect();
        let (mut page, problem) = self.render_with(site, renderer, nav, print, &markers);
        if problem.is_some() {
            return Ok((page, problem));
        }
        let kept: HashMap<PageId, Kept> = shown.into_iter().collect();
        match cut_at_markers(&page.html, &kept) {
            Some(pieces) => {
                if let Some(output) = output {
                    let document = Document { html: &page.html, pieces, spill: &self.spill };
                    let document = site.public().map(|_| &document as &dyn super::super::output::Parts);
                    output.write_parts(&crate::site_path::alias_file(&site.pages[print].site_path), document)?;
                }
                page.html = String::new();
                Ok((page, problem))
            }
            None => {
                // The template did not write each body as it is: rendered whole.
                let mut bodies = HashMap::with_capacity(kept.len());
                for (id, at) in kept {
                    bodies.insert(id, String::from_utf8(self.spill.read(at)?).context("a print page's body")?);
                }
                let (mut page, problem) = self.render_with(site, renderer, nav, print, &bodies);
                write_page(site, output, print, &mut page, &problem)?;
                Ok((page, problem))
            }
        }
    }

    /// Where page `id`'s body is kept, when it is written and not empty.
    fn kept_body(&self, id: PageId) -> Option<Kept> {
        self.kept.get(id).and_then(|kept| *kept.get()?)
    }

    /// Renders print page `print` with `bodies` (or their markers) for the pages it shows.
    fn render_with(
        &self,
        site: &Site,
        renderer: &Renderer,
        nav: &NavCache,
        print: PageId,
        bodies: &HashMap<PageId, String>,
    ) -> (RenderedPage, Option<Diagnostic>) {
        let (mut page, problem) =
            render_page_with(site, renderer, print, nav, Bodies { own: None, printed: Some(bodies) });
        drop_links_the_check_finds_fine(site, print, &mut page.scan, &site.pages[print].rendered.anchors);
        (page, problem)
    }
}

/// Where a body stands in the [`Spill`]: its offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kept {
    at: u64,
    len: usize,
}

/// The bodies print pages wait for: a file beside the output folder, appended to by
/// every thread and read back by offset, removed when the pages are written (or by the
/// next build, [`crate::pipeline::output::remove_leftovers`], if this one is killed).
/// Without an output folder (a build that found errors writes nothing, and needs only
/// the markers) it is in memory.
struct Spill {
    storage: Mutex<Box<dyn Storage>>,
    /// The file, removed when the spill is dropped.
    path: Option<crate::fs::Confined>,
}

/// What a [`Spill`] is kept in.
trait Storage: std::io::Read + std::io::Write + std::io::Seek + Send {}

impl<T: std::io::Read + std::io::Write + std::io::Seek + Send> Storage for T {}

impl Spill {
    /// A spill in a new file at `path`.
    fn file(path: &crate::fs::Confined) -> anyhow::Result<Spill> {
        let _ = crate::fs::remove_file(path);
        let file = crate::fs::create_new(path).with_context(|| format!("cannot write {}", path.path().display()))?;
        Ok(Spill { storage: Mutex::new(Box::new(file)), path: Some(path.clone()) })
    }

    fn memory() -> Spill {
        Spill { storage: Mutex::new(Box::new(std::io::Cursor::new(Vec::new()))), path: None }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Box<dyn Storage>> {
        self.storage.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Appends `bytes`; where they stand.
    fn keep(&self, bytes: &[u8]) -> anyhow::Result<Kept> {
        let mut storage = self.lock();
        let kept = storage.seek(SeekFrom::End(0)).and_then(|at| {
            storage.write_all(bytes)?;
            Ok(Kept { at, len: bytes.len() })
        });
        kept.with_context(|| self.describe())
    }

    /// The bytes kept at `kept`.
    fn read(&self, kept: Kept) -> anyhow::Result<Vec<u8>> {
        let mut bytes = vec![0; kept.len];
        self.read_into(kept, &mut bytes).with_context(|| self.describe())?;
        Ok(bytes)
    }

    /// Reads the bytes kept at `kept` into `bytes`, sized for them.
    fn read_into(&self, kept: Kept, bytes: &mut [u8]) -> std::io::Result<()> {
        let mut storage = self.lock();
        storage.seek(SeekFrom::Start(kept.at))?;
        storage.read_exact(bytes)
    }

    fn describe(&self) -> String {
        match &self.path {
            Some(path) => format!("cannot keep the print pages' bodies in {}", path.path().display()),
            None => "cannot keep the print pages' bodies".to_string(),
        }
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = crate::fs::remove_file(path);
        }
    }
}

/// A piece of a print page: the template's text, or a body kept.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(Range<usize>),
    Body(Kept),
}

/// `html`, a print page rendered with markers, cut at them into the text between and
/// the bodies of `kept` they stand for; `None` unless every marker is whole and names a
/// body of `kept`, and every body of `kept` is there.
fn cut_at_markers(html: &str, kept: &HashMap<PageId, Kept>) -> Option<Vec<Piece>> {
    let mut pieces = Vec::with_capacity(2 * kept.len() + 1);
    let mut seen = HashSet::with_capacity(kept.len());
    let mut from = 0;
    for start in memchr::memmem::find_iter(html.as_bytes(), MARKER_START.as_bytes()) {
        if start < from {
            return None;
        }
        let rest = &html[start + MARKER_START.len()..];
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        if !rest[digits..].starts_with(MARKER_END) {
            return None;
        }
        let id: PageId = rest[..digits].parse().ok()?;
        pieces.push(Piece::Text(from..start));
        pieces.push(Piece::Body(*kept.get(&id)?));
        seen.insert(id);
        from = start + MARKER_START.len() + digits + MARKER_END.len();
    }
    pieces.push(Piece::Text(from..html.len()));
    (seen.len() == kept.len()).then_some(pieces)
}

/// A print page in parts: its HTML with markers, and the bodies they stand for.
struct Document<'a> {
    html: &'a str,
    pieces: Vec<Piece>,
    spill: &'a Spill,
}

impl Parts for Document<'_> {
    fn each(&self, part: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        let mut body = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(range) => part(&self.html.as_bytes()[range.clone()])?,
                Piece::Body(kept) => {
                    body.resize(kept.len, 0);
                    self.spill.read_into(*kept, &mut body)?;
                    part(&body)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_page_at_the_markers_of_its_bodies() {
        let spill = Spill::memory();
        let (one, two) = (spill.keep(b"<p>one</p>").unwrap(), spill.keep(b"<p>two</p>").unwrap());
        let kept = HashMap::from([(3, one), (12, two)]);
        let html = format!("<main>{}<hr>{}</main>", marker(3), marker(12));
        let pieces = cut_at_markers(&html, &kept).expect("both markers");
        let document = Document { html: &html, pieces, spill: &spill };
        let mut joined = Vec::new();
        document
            .each(&mut |part| {
                joined.extend_from_slice(part);
                Ok(())
            })
            .unwrap();
        assert_eq!(String::from_utf8(joined).unwrap(), "<main><p>one</p><hr><p>two</p></main>");
    }

    #[test]
    fn refuses_a_page_whose_markers_a_template_changed() {
        let spill = Spill::memory();
        let kept = HashMap::from([(3, spill.keep(b"<p>one</p>").unwrap()), (4, spill.keep(b"x").unwrap())]);
        let whole = format!("{}{}", marker(3), marker(4));
        assert!(cut_at_markers(&whole, &kept).is_some());
        assert_eq!(cut_at_markers(&marker(3), &kept), None, "a body missing");
        assert_eq!(cut_at_markers(&whole.to_uppercase(), &kept), None, "changed letters");
        assert_eq!(cut_at_markers(&whole.replace('<', "&lt;"), &kept), None, "escaped");
        assert_eq!(cut_at_markers(&format!("{whole}{}", marker(5)), &kept), None, "a marker of no body");
        assert_eq!(cut_at_markers(&format!("{whole}{MARKER_START}7"), &kept), None, "a marker cut short");
        let twice = format!("{whole}{}", marker(3));
        assert_eq!(cut_at_markers(&twice, &kept).map(|pieces| pieces.len()), Some(7), "a body shown twice");
    }
}
