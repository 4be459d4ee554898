//! The print pages of a streaming build, which show the bodies of every page beneath
//! their section: at 100,000 pages a top-level section's print page is some 170 MB, and
//! holding its bodies until its last page is written, then the whole page as one string
//! (beside the template's copy of every body), was most of the build's peak memory.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::markdown::highlight::Highlighter;
use std::collections::{HashMap, HashSet};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::pipeline::cache::Cache;
use crate::pipeline::output::{Parts, Sink};
use crate::pipeline::page::{self, RenderedPage, drop_links_the_check_finds_fine, printed_pages};
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
        Ok(self.written(id, kept))
    }

    /// Notes that page `id`, whose body (`body`: its length and hash, none when empty)
    /// was not read, is written: a print page that shows it and is not kept reads the
    /// body again. Returns each print page whose last page `id` was.
    pub(super) fn keep_unread(&self, id: PageId, body: Option<(u64, u128)>) -> Vec<PageId> {
        let kept = body.and_then(|(len, hash)| Some(Kept { at: None, len: usize::try_from(len).ok()?, hash }));
        self.written(id, kept)
    }

    /// Notes that page `id`, whose body is `kept`, is written; returns each print page
    /// whose last page `id` was.
    fn written(&self, id: PageId, kept: Option<Kept>) -> Vec<PageId> {
        // Set before the counts fall: the thread that completes a print page reads it.
        let _ = self.kept[id].set(kept);
        let last = |print: &&PageId| self.waiting[*print].fetch_sub(1, Ordering::AcqRel) == 1;
        self.shown_on[id].iter().filter(last).copied().collect()
    }

    /// Renders print page `print`, whose pages are all written, and writes it into
    /// `output` in parts (see the module); returns its record, its HTML taken out. With
    /// a build `cache`, a print page whose context and bodies are the previous build's
    /// keeps the previous output's file, as any page does ([`crate::pipeline::page`]).
    pub(super) fn render(
        &self,
        site: &Site,
        renderer: &Renderer,
        nav: &NavCache,
        print: PageId,
        (output, cache, highlighter): (Option<&dyn Sink>, Option<&Cache>, Highlighter<'_>),
    ) -> anyhow::Result<(RenderedPage, Option<Diagnostic>)> {
        let mut shown: Vec<(PageId, Kept)> =
            printed_pages(site, print).into_iter().filter_map(|page| Some((page, self.kept_body(page)?))).collect();
        let markers: HashMap<PageId, String> = shown.iter().map(|(page, _)| (*page, marker(*page))).collect();
        let bodies = Bodies { own: None, printed: Some(&markers) };
        let (template, prepared) = match page::prepare(site, renderer, print, nav, bodies) {
            Ok(prepared) => prepared,
            Err(failed) => return Ok(without_fine_links(site, print, *failed)),
        };
        // The fingerprint of a print page covers the bodies its markers stand for.
        let fingerprint = output.zip(cache).zip(site.page_file(print)).map(|(keeping, file)| {
            let key = shown_fingerprint(renderer.fingerprint(&prepared, &file), &shown);
            (keeping, key, file)
        });
        if let Some((keeping, key, file)) = &fingerprint
            && let Some((page, _)) = page::keep_if_unchanged(site, print, &template, *keeping, (*key, file), bodies)
        {
            return Ok(without_fine_links(site, print, (page, None)));
        }
        let same = self.read_unread(site, (cache, highlighter), &mut shown)?;
        let fingerprint = fingerprint.filter(|_| same);
        let (mut page, problem) = page::render_prepared_page(site, renderer, print, template, &prepared, bodies);
        if problem.is_some() {
            return Ok(without_fine_links(site, print, (page, problem)));
        }
        let kept: HashMap<PageId, Kept> = shown.into_iter().collect();
        let (written, problem) = match cut_at_markers(&page.html, &kept) {
            Some(pieces) => {
                let document = Hashed::new(Document { html: &page.html, pieces, spill: &self.spill });
                if let Some(output) = output {
                    let parts = site.public().map(|_| &document as &dyn super::super::output::Parts);
                    output.write_parts(&crate::site_path::alias_file(&site.pages[print].site_path), parts)?;
                }
                // Read through by the sink, which the fingerprint needs.
                let written = fingerprint.as_ref().map(|_| document.len_and_hash()).transpose()?;
                drop(document);
                page.html = String::new();
                (written, problem)
            }
            None => {
                // The template did not write each body as it is: rendered whole.
                let mut bodies = HashMap::with_capacity(kept.len());
                for (id, at) in kept {
                    bodies.insert(id, String::from_utf8(self.spill.read(at)?).context("a print page's body")?);
                }
                let printed = Bodies { own: None, printed: Some(&bodies) };
                let problem;
                (page, problem) = page::render_page_with(site, renderer, print, nav, printed);
                let written = Some((page.html.len() as u64, crate::pipeline::manifest::hash(page.html.as_bytes())));
                write_page(site, output, print, &mut page, &problem)?;
                (written, problem)
            }
        };
        if let (Some(((_, cache), key, _)), Some((len, hash))) = (&fingerprint, written)
            && problem.is_none()
        {
            cache.keep_page(*key, &page::kept_record(&page, len, hash));
        }
        Ok(without_fine_links(site, print, (page, problem)))
    }

    /// Reads again each body of `shown` that its page did not read (see
    /// [`PrintPages::keep_unread`]) and keeps it in the spill; returns whether each is
    /// the body its page's record promised (else the print page is written, but not kept
    /// for the next build).
    fn read_unread(
        &self,
        site: &Site,
        (cache, highlighter): (Option<&Cache>, Highlighter<'_>),
        shown: &mut [(PageId, Kept)],
    ) -> anyhow::Result<bool> {
        let mut same = true;
        for (page, kept) in shown.iter_mut().filter(|(_, kept)| kept.at.is_none()) {
            let body = super::body_again(site, *page, cache, highlighter)?;
            let again = self.spill.keep(body.html.as_bytes())?;
            same &= (again.len, again.hash) == (kept.len, kept.hash);
            *kept = again;
        }
        Ok(same)
    }

    /// Where page `id`'s body is kept, when it is written and not empty.
    fn kept_body(&self, id: PageId) -> Option<Kept> {
        self.kept.get(id).and_then(|kept| *kept.get()?)
    }
}

/// `rendered`, the record of print page `print` and its problem, without the links the
/// check finds fine ([`drop_links_the_check_finds_fine`]).
fn without_fine_links(
    site: &Site,
    print: PageId,
    (mut page, problem): (RenderedPage, Option<Diagnostic>),
) -> (RenderedPage, Option<Diagnostic>) {
    drop_links_the_check_finds_fine(site, print, &mut page.scan, &site.pages[print].rendered.anchors);
    (page, problem)
}

/// The fingerprint of a print page: `context`, its context's with a marker for each
/// body, and the length and hash of each body `shown`, in order.
fn shown_fingerprint(context: u128, shown: &[(PageId, Kept)]) -> u128 {
    let mut bytes = Vec::with_capacity(16 + shown.len() * 32);
    bytes.extend_from_slice(&context.to_le_bytes());
    for (page, kept) in shown {
        bytes.extend_from_slice(&(*page as u64).to_le_bytes());
        bytes.extend_from_slice(&(kept.len as u64).to_le_bytes());
        bytes.extend_from_slice(&kept.hash.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// Where a body stands in the [`Spill`]: its offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kept {
    /// None for the body of a page kept before its body was read: not in the spill.
    at: Option<u64>,
    len: usize,
    /// The body's XXH3-128 hash, which a print page's fingerprint covers.
    hash: u128,
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
            Ok(Kept { at: Some(at), len: bytes.len(), hash: xxhash_rust::xxh3::xxh3_128(bytes) })
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
        let at = kept.at.ok_or_else(|| std::io::Error::other("a body that was not kept"))?;
        let mut storage = self.lock();
        storage.seek(SeekFrom::Start(at))?;
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

/// Parts whose length and hash are taken as the sink reads them through: every sink
/// reads a file's parts whole at least once, and the build cache keeps the print page's
/// document by them.
struct Hashed<P> {
    parts: P,
    taken: std::cell::Cell<Option<(u64, u128)>>,
}

impl<P: Parts> Hashed<P> {
    fn new(parts: P) -> Self {
        Hashed { parts, taken: std::cell::Cell::new(None) }
    }

    /// The length and hash of the parts joined: as read through, else read now.
    fn len_and_hash(&self) -> std::io::Result<(u64, u128)> {
        match self.taken.get() {
            Some(taken) => Ok(taken),
            None => {
                self.each(&mut |_| Ok(()))?;
                Ok(self.taken.get().unwrap_or_default())
            }
        }
    }
}

impl<P: Parts> Parts for Hashed<P> {
    fn each(&self, part: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        if self.taken.get().is_some() {
            return self.parts.each(part);
        }
        let (mut hasher, mut len) = (crate::pipeline::manifest::Hasher::new(), 0);
        self.parts.each(&mut |bytes| {
            hasher.update(bytes);
            len += bytes.len() as u64;
            part(bytes)
        })?;
        self.taken.set(Some((len, hasher.finish())));
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
    fn a_print_page_s_fingerprint_covers_each_body_it_shows() {
        let spill = Spill::memory();
        let (one, two, changed) = (
            spill.keep(b"<p>one</p>").unwrap(),
            spill.keep(b"<p>two</p>").unwrap(),
            spill.keep(b"<p>twO</p>").unwrap(),
        );
        let base = shown_fingerprint(7, &[(3, one), (4, two)]);
        assert_eq!(base, shown_fingerprint(7, &[(3, one), (4, Kept { at: None, ..two })]), "not where a body waits");
        for other in [
            shown_fingerprint(8, &[(3, one), (4, two)]),
            shown_fingerprint(7, &[(3, one), (4, changed)]),
            shown_fingerprint(7, &[(4, two), (3, one)]),
            shown_fingerprint(7, &[(3, one)]),
            shown_fingerprint(7, &[(3, one), (5, two)]),
        ] {
            assert_ne!(other, base);
        }
    }

    #[test]
    fn parts_read_through_hash_as_the_document_joined() {
        let spill = Spill::memory();
        let kept = HashMap::from([(3, spill.keep(b"<p>one</p>").unwrap())]);
        let html = format!("<main>{}</main>", marker(3));
        let pieces = cut_at_markers(&html, &kept).expect("the marker");
        let joined = b"<main><p>one</p></main>";
        let expected = (joined.len() as u64, crate::pipeline::manifest::hash(joined));
        let document = Hashed::new(Document { html: &html, pieces: pieces.clone(), spill: &spill });
        assert_eq!(document.len_and_hash().unwrap(), expected, "read when no sink read it");
        let document = Hashed::new(Document { html: &html, pieces, spill: &spill });
        document.each(&mut |_| Ok(())).unwrap();
        assert_eq!(document.len_and_hash().unwrap(), expected, "as a sink read it");
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
