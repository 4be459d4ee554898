//! The dev server's build session: the last good site, kept in memory with its model,
//! and rebuilt from changed files.
//!
//! Changed pages go to the pipeline's incremental rebuild
//! ([`crate::pipeline::incremental::rebuild`]), which says when they need a whole build;
//! pages added, deleted or renamed to [`crate::pipeline::incremental::shape`] ([`shape`]);
//! anything else (a new folder, a template, a static file, book.toml,
//! CODEOWNERS) rebuilds the whole site in memory ([`crate::pipeline::build_into`]). After
//! the pages, the search index, `handbook.json`, the feed and the sitemap are brought up
//! to date on a thread of their own ([`super::finisher`]): [`Session::request_finish`]
//! hands the site over, [`Session::take_finished`] serves what it made.
//!
//! A fast rebuild that would bring more than [`DEFER_ABOVE`] pages up to date renders
//! only the changed pages and leaves the others stale ([`super::stale`]): made when
//! asked for, or in the background; the session takes them into its files and records
//! before the next rebuild, and the whole-site files wait until none is stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::files::{MemorySink, SiteFiles, changed_paths};
use super::finisher::Finisher;
use super::stale::StaleStore;
use crate::config::Overrides;
use crate::content::formats::is_page_name;
use crate::diagnostic::{Diagnostic, Failure};
use crate::pipeline::incremental::stale::{self, Change};
use crate::pipeline::incremental::{self, Defer, How, Rebuild, StaleInput};
use crate::pipeline::{BuiltSite, build_into};
#[cfg(test)]
use crate::site::Site;

mod shape;

/// The site the server shows, and how to bring it up to date.
pub(crate) struct Session {
    root: PathBuf,
    overrides: Overrides,
    built: Option<BuiltSite>,
    /// The files served.
    pub files: SiteFiles,
    /// Changes not applied yet, because the last attempt found errors.
    pending: BTreeSet<PathBuf>,
    /// Whether the next rebuild must be whole.
    pending_full: bool,
    /// The problems of the last attempt; errors among them mean the files served are
    /// the last good ones, not the files on disk.
    pub problems: Vec<Diagnostic>,
    /// Makes the files that depend on every page after fast rebuilds.
    finisher: Finisher,
    /// The pages the last fast rebuild left stale, brought up to date after it.
    stale: StaleStore,
    /// Site paths taken into `files` from stale pages made since the server last got
    /// them ([`Session::take_settled`], or an edit's outcome).
    unpublished: BTreeSet<String>,
    /// The whole-site files were asked for while pages were still stale: asked for once
    /// they are made.
    finish_wanted: bool,
    /// A fast rebuild that would render more pages than this renders only the changed
    /// ones, and leaves the others stale (`None`: never).
    pub defer_above: Option<usize>,
}

/// A fast rebuild that would render more pages than this leaves the others stale: fewer
/// render faster than a stale page is made on request.
pub(crate) const DEFER_ABOVE: usize = 32;

/// What a rebuild did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Site paths whose files changed.
    pub changed: Vec<String>,
    /// Whether the whole site was rebuilt.
    pub full: bool,
    /// How many pages went through the templates.
    pub rendered: usize,
    /// How many pages were left stale, to be made after the edit is served.
    pub later: usize,
    /// How long it took.
    pub elapsed: Duration,
}

impl Outcome {
    /// Whether the rebuild succeeded (the site is up to date).
    pub(crate) fn ok(problems: &[Diagnostic]) -> bool {
        !problems.iter().any(Diagnostic::is_error)
    }
}

/// Why the fast path cannot be taken.
struct Whole;

impl Session {
    /// Builds the handbook at `root` in memory. Errors in the content leave a session
    /// with no pages and the errors to show; only problems that stop everything (no
    /// book.toml) fail.
    pub(crate) fn start(root: &Path, overrides: Overrides) -> Result<(Session, Outcome), anyhow::Error> {
        let mut session = Session {
            root: root.to_path_buf(),
            overrides,
            built: None,
            files: SiteFiles::default(),
            pending: BTreeSet::new(),
            pending_full: true,
            problems: Vec::new(),
            finisher: Finisher::start(),
            stale: StaleStore::start(),
            unpublished: BTreeSet::new(),
            finish_wanted: false,
            defer_above: Some(DEFER_ABOVE),
        };
        let outcome = session.rebuild_all()?;
        Ok((session, outcome))
    }

    #[cfg(test)]
    /// The model of the last good site.
    pub(crate) fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|b| &*b.site)
    }

    /// The number of pages of the last good site, counted as `build` counts them.
    pub(crate) fn page_count(&self) -> usize {
        self.built.as_ref().map_or(0, BuiltSite::page_count)
    }

    /// Applies changes to the files at `paths` (absolute). Environment problems (the
    /// book.toml disappeared) fail; content errors are kept in [`Session::problems`].
    pub(crate) fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Outcome, anyhow::Error> {
        let _paused = self.stale.pause();
        self.pending.extend(paths.iter().cloned());
        let mut pages = Vec::new();
        // Pages whose files are gone (deleted, or renamed: the new name is a new page).
        let mut gone = Vec::new();
        let mut whole = self.pending_full || self.built.is_none();
        for path in &self.pending {
            // A file pages include: those pages are rendered again; a file the site
            // does not publish besides needs nothing more.
            let including = self.pages_including(path);
            if !including.is_empty() {
                pages.extend(including);
                if self.content_path(path).is_none() || !self.knows(path) {
                    continue;
                }
            }
            match self.content_path(path) {
                // In a handbook of several languages a file may be read by pages of other
                // paths: `db.de.md` by `de/db.md`, an original by its untranslated copies.
                Some(relative) if is_page_name(&relative) && path.is_file() => {
                    pages.extend(self.pages_reading(relative))
                }
                Some(relative) if is_page_name(&relative) && !path.exists() && self.walked(&relative) => {
                    gone.push(relative);
                }
                // A temporary file that came and went between two looks (editors save so).
                _ if !path.exists() && !self.knows(path) => {}
                _ => whole = true,
            }
        }
        pages.sort();
        pages.dedup();
        // Pages that came or went: the site's shape changes.
        let (added, pages) = self.split_new(pages);
        let shape_changed = !added.is_empty() || !gone.is_empty();
        if !whole && shape_changed {
            let started = Instant::now();
            return match self.rebuild_shape(&added, &gone, &pages) {
                Ok(outcome) => Ok(outcome),
                Err(Whole) => self.rebuild_all_pending(),
            }
            .map(|outcome| Outcome { elapsed: started.elapsed(), ..outcome });
        }
        if !whole {
            let started = Instant::now();
            match self.rebuild_pages(&pages) {
                Ok(Some(mut outcome)) => {
                    self.pending.clear();
                    outcome.elapsed = started.elapsed();
                    return Ok(outcome);
                }
                Ok(None) => return Ok(Outcome { elapsed: started.elapsed(), ..Outcome::default() }),
                Err(Whole) => {}
            }
        }
        self.rebuild_all_pending()
    }

    /// Rebuilds the whole site; the changes pending are applied if it has no errors.
    fn rebuild_all_pending(&mut self) -> Result<Outcome, anyhow::Error> {
        let outcome = self.rebuild_all()?;
        if Outcome::ok(&self.problems) {
            self.pending.clear();
        }
        Ok(outcome)
    }

    /// The pages (relative to `content/`) that include the file at `path` (absolute).
    fn pages_including(&self, path: &Path) -> Vec<String> {
        let (Some(built), Ok(relative)) = (self.built.as_ref(), path.strip_prefix(&self.root)) else {
            return Vec::new();
        };
        let relative = crate::fs::slash_path(relative);
        let config = &built.site.config;
        let pages = built.site.pages.iter().filter(|page| page.rendered.included_files.contains(&relative));
        pages.filter_map(|page| config.sources.content_path(&config.content_folder, &page.source.file)).collect()
    }

    /// The content path of the file at `path` (absolute): in the content folder or a
    /// folder mounted by `[[sources]]`, as the last good site's book.toml names them;
    /// `content/` before any.
    fn content_path(&self, path: &Path) -> Option<String> {
        match self.built.as_ref() {
            Some(built) => built.site.config.content_path(path),
            None => {
                path.strip_prefix(self.root.join(crate::config::DEFAULT_CONTENT_DIR)).ok().map(crate::fs::slash_path)
            }
        }
    }

    /// The content paths of the pages that read the page file at content path `file`.
    fn pages_reading(&self, file: String) -> Vec<String> {
        match self.built.as_ref() {
            Some(built) if built.site.config.languages.is_multilingual() => {
                built.site.config.languages.pages_reading(&file)
            }
            _ => vec![file],
        }
    }

    /// Every file the pages include (absolute), for the watcher.
    pub(crate) fn included_files(&self) -> Vec<PathBuf> {
        let Some(built) = self.built.as_ref() else { return Vec::new() };
        let files: std::collections::BTreeSet<&String> =
            built.site.pages.iter().flat_map(|page| &page.rendered.included_files).collect();
        files.into_iter().map(|file| self.root.join(file)).collect()
    }

    /// Whether a page of the site includes the file at `path` (absolute): the watcher
    /// then reports it wherever it lies in the handbook.
    pub(crate) fn is_included(&self, path: &Path) -> bool {
        !self.pages_including(path).is_empty()
    }

    /// Whether the site has (or had) something from `path`: a page, a section folder or a
    /// file copied as it is.
    fn knows(&self, path: &Path) -> bool {
        let Some(built) = self.built.as_ref() else { return true };
        if let Some(relative) = self.content_path(path) {
            if built.site.knows_path(&relative) {
                return true;
            }
        } else if !path.starts_with(self.root.join("static")) {
            return true;
        }
        self.files.values().any(|file| file.source() == Some(path))
    }

    /// Rebuilds the whole site in memory; keeps the last good one on errors.
    fn rebuild_all(&mut self) -> Result<Outcome, anyhow::Error> {
        let started = Instant::now();
        self.take_stale();
        let sink = MemorySink::reusing(&self.files);
        match build_into(&self.root, &self.overrides, &sink) {
            Ok(built) => {
                let files = sink.into_files();
                let mut changed = changed_paths(&self.files, &files);
                // Stale pages made since the server last got them: it has older ones.
                changed.extend(std::mem::take(&mut self.unpublished));
                changed.sort();
                changed.dedup();
                let rendered = built.site.pages.len();
                self.problems = built.warnings.clone();
                self.built = Some(built);
                self.files = files;
                self.pending_full = false;
                // A whole build wrote the files that depend on every page, and every page.
                self.finisher.cancel();
                self.finish_wanted = false;
                self.stale.install(None, &self.files, &changed);
                Ok(Outcome { changed, full: true, rendered, later: 0, elapsed: started.elapsed() })
            }
            Err(Failure::Content(problems)) => {
                self.problems = problems;
                self.pending_full = true;
                Ok(Outcome { full: true, elapsed: started.elapsed(), ..Outcome::default() })
            }
            Err(Failure::Environment(error)) => Err(error),
        }
    }

    /// The fast path for changed pages: `Ok(None)` when they have errors (the last good
    /// site stays), `Err(Whole)` when the change needs a whole rebuild.
    fn rebuild_pages(&mut self, paths: &[String]) -> Result<Option<Outcome>, Whole> {
        if self.built.is_none() {
            return Err(Whole);
        }
        crate::spent::phase(None);
        let stale = self.take_stale();
        crate::spent::phase(Some("session: take stale"));
        let Some(built) = self.built.as_mut() else { return Err(Whole) };
        let sink = MemorySink::default();
        let files = &self.files;
        let served = |path: &str| files.get(path).and_then(|file| file.read().ok());
        let mut defer = Defer { above: self.defer_above, stale, later: Default::default() };
        match incremental::rebuild_deferring(built, paths, &sink, Some(&served), &mut defer) {
            Rebuild::Whole => Err(Whole),
            Rebuild::Failed { diagnostics } => {
                self.problems = diagnostics;
                Ok(None)
            }
            Rebuild::Done { rendered } => {
                self.problems = built.warnings.clone();
                let changed = merge_files(&mut self.files, sink.into_files());
                crate::spent::phase(Some("session: merge"));
                let (changed, later) = self.publish(changed, &defer.later);
                crate::spent::phase(Some("session: publish"));
                Ok(Some(Outcome { changed, full: false, rendered, later, elapsed: Duration::ZERO }))
            }
        }
    }

    /// Publishes the paths `changed` by a fast rebuild, and the stale pages made since the
    /// server last got them, with the pages `later` the rebuild left stale, in one step;
    /// returns every path that changed (the stale pages' too: open ones reload, and are
    /// made when asked for) and how many pages are stale.
    fn publish(
        &mut self,
        mut changed: Vec<String>,
        later: &BTreeMap<crate::site::PageId, How>,
    ) -> (Vec<String>, usize) {
        changed.extend(std::mem::take(&mut self.unpublished));
        let built = self.built.as_ref().filter(|_| !later.is_empty());
        let input = built.map(|built| {
            let (files, records) = (&self.files, &built.pages);
            StaleInput::new(Arc::clone(&built.site), Arc::clone(&built.renderer), later, |id, path| {
                let html = files.get(path)?.read().ok()?;
                Some(stale::Served { html, nav_at: records.get(id)?.nav_at.clone()? })
            })
        });
        crate::spent::phase(Some("publish: stale input"));
        let stale: Vec<String> = input.iter().flat_map(|i| i.by_path.keys().cloned()).collect();
        self.stale.install(input, &self.files, &changed);
        crate::spent::phase(Some("publish: install"));
        let count = stale.len();
        changed.extend(stale);
        changed.sort();
        changed.dedup();
        (changed, count)
    }

    /// Takes the stale pages made since last time into the files and records; returns
    /// the pages still stale. The server gets them later ([`Session::take_settled`]).
    fn take_stale(&mut self) -> BTreeMap<crate::site::PageId, How> {
        let snapshot = self.stale.snapshot();
        let Some(built) = self.built.as_mut() else { return snapshot.stale };
        // The HTML replaced, freed on another thread: thousands of pages after a section's
        // title, which the next edit should not wait for.
        let mut replaced = Vec::with_capacity(snapshot.made.len());
        for fresh in snapshot.made {
            if let Change::Failed(problem) = &fresh.change {
                built.warnings.push((**problem).clone());
            }
            if let Some(bytes) = fresh.bytes {
                let file = super::files::Served::Bytes(bytes);
                match self.files.get_mut(&fresh.path) {
                    Some(slot) => replaced.push(std::mem::replace(slot, file)),
                    None => replaced.extend(self.files.insert(fresh.path.clone(), file)),
                }
                self.unpublished.insert(fresh.path);
            }
            if let Some(record) = built.pages.get_mut(fresh.id) {
                fresh.change.apply(record);
            }
        }
        if !replaced.is_empty() {
            crate::background::drop_later(replaced);
        }
        snapshot.stale
    }

    /// The site paths of stale pages made since the server last got them, once no page
    /// is stale any more (the server then serves them from its files, as they are now).
    pub(crate) fn take_settled(&mut self) -> Vec<String> {
        if self.stale.is_busy() {
            return Vec::new();
        }
        self.take_stale();
        std::mem::take(&mut self.unpublished).into_iter().collect()
    }

    /// Once no page is stale, publishes the stale pages made since the server last got
    /// them (as [`Session::take_settled`]) and lets the store drop the model of the edit
    /// that left them, so that the old model is freed with the rebuild's.
    fn settle(&mut self) {
        if self.stale.is_busy() {
            return;
        }
        let settled: Vec<String> = std::mem::take(&mut self.unpublished).into_iter().collect();
        self.stale.install(None, &self.files, &settled);
    }

    /// Stale pages are made only when asked for (or waited for), not in the background.
    #[cfg(test)]
    pub(crate) fn make_stale_pages_only_on_request(&mut self) {
        self.stale = StaleStore::without_thread();
    }

    /// The stale pages of the last fast rebuild (for the server, which makes a stale
    /// page before it answers for it).
    pub(crate) fn stale_pages(&self) -> &StaleStore {
        &self.stale
    }

    /// Hands the site over to bring the files that depend on every page up to date after
    /// a fast rebuild (the search index, `handbook.json`, the feed and the sitemap): made
    /// on another thread, after the pages are served, so an edit shows without waiting
    /// for them; newer sites replace older ones. See [`Session::take_finished`].
    pub(crate) fn request_finish(&mut self) {
        // The search index reads where each page's sections stand in its HTML: not
        // before the stale pages are made.
        if self.stale.is_busy() {
            self.finish_wanted = true;
            return;
        }
        self.take_stale();
        self.finish_wanted = false;
        if let Some(built) = self.built.as_mut() {
            crate::spent::phase(None);
            let mut input = incremental::SiteFilesInput::of(built);
            crate::spent::phase(Some("copy site for finisher"));
            // The first index after a whole build starts from what that build's was made of.
            input.index_cache = built.index_cache.take();
            self.finisher.request(input);
        }
    }

    /// Whether files asked for with [`Session::request_finish`] are still to come.
    pub(crate) fn is_finishing(&self) -> bool {
        self.finisher.is_waiting() || self.finish_wanted
    }

    /// Serves the files of the last site handed over, once made: returns the site paths
    /// that changed (none while they are not made yet).
    pub(crate) fn take_finished(&mut self) -> Vec<String> {
        if self.finish_wanted && !self.stale.is_busy() {
            self.request_finish();
        }
        match self.finisher.take() {
            Some(written) => self.merge_site_files(written),
            None => Vec::new(),
        }
    }

    /// Brings the files that depend on every page up to date at once, on this thread.
    #[cfg(test)]
    pub(crate) fn finish(&mut self) -> Vec<String> {
        self.stale.make_all();
        self.take_stale();
        self.finish_wanted = false;
        let Some(built) = self.built.as_ref() else { return Vec::new() };
        let sink = MemorySink::default();
        if incremental::write_site_files(built, &sink).is_err() {
            return Vec::new();
        }
        self.finisher.cancel();
        self.merge_site_files(sink.into_files())
    }

    /// Puts the files that depend on every page into the served files; returns the site
    /// paths that changed.
    fn merge_site_files(&mut self, written: SiteFiles) -> Vec<String> {
        // Search index files not written any more (the index got smaller) are gone; the
        // index comes whole, with its manifest, apart from the other files.
        let index = written.contains_key("search/manifest.json");
        let mut changed: Vec<String> = self
            .files
            .keys()
            .filter(|p| index && p.starts_with("search/") && p.ends_with(".json") && !written.contains_key(*p))
            .cloned()
            .collect();
        for path in &changed {
            self.files.remove(path);
        }
        changed.extend(merge_files(&mut self.files, written));
        changed.sort();
        changed
    }
}

/// Puts `written` into the served files; returns the paths whose content changed.
fn merge_files(files: &mut SiteFiles, written: SiteFiles) -> Vec<String> {
    let mut changed = Vec::new();
    for (path, file) in written {
        if files.get(&path) != Some(&file) {
            changed.push(path.clone());
            files.insert(path, file);
        }
    }
    changed
}

/// The files a change touches, for messages: site paths, shortened.
pub(crate) fn describe(changed: &[String]) -> String {
    let pages: Vec<&str> =
        changed.iter().filter(|p| p.ends_with("index.html")).map(|p| p.trim_end_matches("index.html")).collect();
    match pages.len() {
        0 => String::new(),
        1..=3 => pages.iter().map(|p| format!("/{p}")).collect::<Vec<_>>().join(", "),
        n => format!("{n} pages"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::serve::files::Served;

    use super::*;

    /// A copy of the model fixture in a fresh temporary folder.
    fn model_copy(name: &str) -> PathBuf {
        crate::test_support::fixture_copy("model", &format!("session-{name}"))
    }

    fn start(root: &Path) -> Session {
        let overrides = Overrides { base_url: Some("http://127.0.0.1:3000/".into()), ..Overrides::default() };
        let (session, _) = Session::start(root, overrides).expect("start");
        assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
        session
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) -> PathBuf {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replace(from, to)).expect("write");
        path
    }

    fn contents(files: &SiteFiles) -> BTreeMap<String, Served> {
        files.iter().map(|(path, file)| (path.clone(), file.clone())).collect()
    }

    /// The session serves what a whole build of the files on disk gives.
    fn assert_same_as_whole_build(root: &Path, session: &mut Session) {
        session.finish();
        let fresh = start(root);
        let (ours, theirs) = (contents(&session.files), contents(&fresh.files));
        let differing: Vec<&String> = ours
            .keys()
            .chain(theirs.keys())
            .filter(|path| ours.get(*path).map(|f| f.read().ok()) != theirs.get(*path).map(|f| f.read().ok()))
            .collect();
        if let Some(path) = differing.first() {
            let text = |files: &BTreeMap<String, Served>| {
                files.get(*path).and_then(|f| f.read().ok()).map(|b| String::from_utf8_lossy(&b).into_owned())
            };
            let (a, b) = (text(&ours).unwrap_or_default(), text(&theirs).unwrap_or_default());
            let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            panic!("{} files differ from a whole build, e.g. {path}: {line:?}", differing.len());
        }
    }

    /// `serve` said 77 pages where `build` said 29 for the bundled handbook,
    /// counting the index pages opsbook generates.
    /// The file a whole build of the files on disk serves at `path`.
    fn whole_build_file(root: &Path, path: &str) -> Vec<u8> {
        start(root).files.get(path).and_then(|f| f.read().ok()).expect("served by a whole build").to_vec()
    }

    /// A server's files for `session`, stale pages made before they are answered.
    fn server_for(session: &Session) -> Arc<super::super::http::Shared> {
        let (_, stop) = tokio::sync::watch::channel(false);
        let shared = Arc::new(super::super::http::Shared::new(session.files.clone(), stop));
        shared.serve_stale_from(session.stale_pages().handle());
        let publisher: Arc<super::super::stale::Publish> = {
            let shared = Arc::clone(&shared);
            Arc::new(move |files: &SiteFiles, paths: &[String]| shared.publish(files, paths))
        };
        session.stale_pages().publish_with(&publisher);
        // The store keeps only a weak reference: the test keeps it alive with the server.
        std::mem::forget(publisher);
        shared
    }

    /// A section's title changes the navigation of every page; the section
    /// page is served at once, the others are left stale, and a stale page asked for is
    /// made then, with what a whole build gives; the open pages are told to reload.
    #[test]
    fn a_stale_page_asked_for_is_made_then_as_a_whole_build_makes_it() {
        let root = model_copy("stale-request");
        let mut session = start(&root);
        session.make_stale_pages_only_on_request();
        session.defer_above = Some(0);
        let server = server_for(&session);
        let old = server.file("guides/writing/index.html").and_then(|f| f.read().ok()).expect("served");
        let path = edit(&root, "content/runbooks/_index.md", "title: Runbooks", "title: Playbooks");
        let outcome = session.rebuild(&[path]).expect("rebuild");
        assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
        // Served at once: the section page.
        let section = server.file("runbooks/index.html").and_then(|f| f.read().ok()).expect("served");
        assert!(String::from_utf8_lossy(&section).contains("Playbooks"));
        // Left stale, yet told to reload: a page of another section, whose navigation
        // lists the section.
        assert!(session.stale_pages().is_busy(), "nothing was left stale");
        assert!(outcome.changed.iter().any(|p| p == "guides/writing/index.html"), "{:?}", outcome.changed);
        assert!(String::from_utf8_lossy(&old).contains(">Runbooks<"), "the fixture's navigation lists Runbooks");
        let asked = server.file("guides/writing/index.html").and_then(|f| f.read().ok()).expect("served");
        assert_eq!(&*asked, &whole_build_file(&root, "guides/writing/index.html")[..]);
        assert_ne!(asked, old);
        // Made on request only: other pages are still stale until the session waits.
        assert!(session.stale_pages().is_busy());
        assert_same_as_whole_build(&root, &mut session);
        // The server's own files caught up too.
        assert!(!session.stale_pages().is_busy());
        let settled = session.take_settled();
        server.publish(&session.files, &settled);
        let site = session.site().expect("a site");
        for path in site.pages.iter().map(|page| crate::site_path::alias_file(&page.site_path)) {
            let (ours, theirs) = (session.files.get(&path), server.file(&path));
            let same = ours.and_then(|f| f.read().ok()) == theirs.and_then(|f| f.read().ok());
            assert!(same, "the server serves another {path}");
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A newer edit replaces the stale pages being made in the background; the
    /// pages still stale are carried into it and made with the newer model.
    #[test]
    fn a_newer_edit_supersedes_the_pages_made_in_the_background() {
        let root = model_copy("stale-superseded");
        let mut session = start(&root);
        session.defer_above = Some(0);
        let server = server_for(&session);
        let path = edit(&root, "content/runbooks/_index.md", "title: Runbooks", "title: Playbooks");
        session.rebuild(std::slice::from_ref(&path)).expect("rebuild");
        session.request_finish();
        // At once, before the background thread is through.
        let path = edit(&root, "content/runbooks/_index.md", "title: Playbooks", "title: Procedures");
        let outcome = session.rebuild(&[path]).expect("rebuild");
        assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
        session.request_finish();
        let page = server.file("guides/writing/index.html").and_then(|f| f.read().ok()).expect("served");
        let page = String::from_utf8_lossy(&page).into_owned();
        assert!(page.contains("Procedures") && !page.contains("Playbooks"), "a page from the superseded edit");
        let started = Instant::now();
        while session.is_finishing() {
            session.take_finished();
            assert!(started.elapsed() < Duration::from_secs(60), "the stale pages were never made");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A runbook's service decides which incident reviews it lists; a new one
    /// renders the runbooks whose list changed, not the whole site.
    #[test]
    fn a_changed_service_renders_the_runbooks_whose_past_incidents_change() {
        let root = model_copy("service");
        let mut session = start(&root);
        let path = edit(&root, "content/runbooks/cache.md", "service: session-cache", "service: dns-resolver");
        let outcome = session.rebuild(std::slice::from_ref(&path)).expect("rebuild");
        assert!(!outcome.full, "a service took the slow path");
        assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
        let cache = session.files.get("runbooks/cache/index.html").and_then(|f| f.read().ok()).expect("served");
        assert!(String::from_utf8_lossy(&cache).contains("/rca/dns-outage/"), "the review citing it is not listed");
        assert_same_as_whole_build(&root, &mut session);
        edit(&root, "content/runbooks/cache.md", "service: dns-resolver", "service: session-cache");
        let outcome = session.rebuild(&[path]).expect("rebuild");
        assert!(!outcome.full);
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn serve_counts_the_pages_as_build_and_check_do() {
        let root = model_copy("count");
        let session = start(&root);
        let out = root.join("public");
        let overrides = Overrides { output_dir: Some(out), ..Overrides::default() };
        let built = crate::pipeline::build(&root, &overrides).expect("build");
        let checked = crate::pipeline::check(&root, &overrides).expect("check");
        assert_eq!(session.page_count(), built.pages);
        assert_eq!(session.page_count(), checked.pages);
        assert!(session.site().is_some_and(|site| site.pages.len() > built.pages), "the fixture has index pages");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn fast_rebuilds_serve_the_same_site_as_whole_builds() {
        let root = model_copy("fast");
        let mut session = start(&root);
        let edits = [
            // The body only.
            ("content/runbooks/cache.md", "Flush it.", "Flush it now."),
            // A title that moves the page first among its siblings.
            ("content/runbooks/cache.md", "title: Cache flush", "title: Aardvark cache flush"),
            // A link removed: a backlink goes.
            ("content/guides/writing.md", "Link to [the failover runbook](../runbooks/db.md).", "No link."),
            // An action item done: the roll-ups above change.
            ("content/rca/dns-outage.md", "due: 2026-06-30\n    status: open", "due: 2026-06-30\n    status: done"),
            // Another spelling of a tag renames it.
            ("content/guides/writing.md", "tags: [writing, Database]", "tags: [writing, DataBase]"),
            // A link added back.
            ("content/guides/writing.md", "No link.", "Link to [the cache](../runbooks/cache.md#top)."),
            // A weight alone moves a page: every list in reading order follows.
            ("content/runbooks/queue.md", "title: Queue backlog", "title: Queue backlog\nweight: 1"),
            // Another page with the same title as a neighbour.
            ("content/runbooks/db.md", "title: Database failover", "title: Queue backlog"),
            ("content/runbooks/queue.md", "\nweight: 1", ""),
        ];
        for (file, from, to) in edits {
            let path = edit(&root, file, from, to);
            let outcome = session.rebuild(&[path]).expect("rebuild");
            assert!(!outcome.full, "{file}: {from:?} took the slow path");
            assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
            assert!(outcome.changed.iter().any(|p| p.ends_with("index.html")), "{file}: nothing changed");
            assert_same_as_whole_build(&root, &mut session);
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_changed_included_file_renders_the_pages_including_it_again() {
        let root = crate::test_support::fixture_copy("includes", "session-includes");
        let mut session = start(&root);
        let edits = [
            // Outside content/: only the page including it.
            ("_includes/contact.md", "Page the", "Ring the"),
            // A page of content/ that three others include.
            ("content/shared/oncall.md", "Call the", "Phone the"),
            // Listed by a snippet block.
            ("snippets/footer.md", "every quarter", "every month"),
        ];
        for (file, from, to) in edits {
            let path = edit(&root, file, from, to);
            assert!(session.is_included(&path), "{file}");
            let outcome = session.rebuild(&[path]).expect("rebuild");
            assert!(!outcome.full, "{file} took the slow path");
            assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
            assert_same_as_whole_build(&root, &mut session);
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn changes_to_the_indexes_rebuild_the_whole_site() {
        let root = model_copy("indexes");
        let mut session = start(&root);
        let edits = [
            // An owner spelled another way: the owners page names it so.
            ("content/runbooks/db.md", "owners: [\"@dba-team\"]", "owners: [\"@DBA-Team\"]"),
            // A new tag.
            ("content/runbooks/cache.md", "tags: [cache]", "tags: [cache, redis]"),
        ];
        for (file, from, to) in edits {
            let path = edit(&root, file, from, to);
            let outcome = session.rebuild(&[path]).expect("rebuild");
            assert!(outcome.full, "{file}: {to:?} took the fast path");
            assert_same_as_whole_build(&root, &mut session);
        }
        // The last page with a review state loses it: the review page goes.
        for file in ["content/runbooks/cache.md", "content/runbooks/queue.md", "content/runbooks/db.md"] {
            let text = std::fs::read_to_string(root.join(file)).expect("read");
            let kept: Vec<&str> =
                text.lines().filter(|l| !l.starts_with("last_reviewed") && !l.starts_with("review_every")).collect();
            std::fs::write(root.join(file), kept.join("\n") + "\n").expect("write");
            session.rebuild(&[root.join(file)]).expect("rebuild");
            assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
            assert_same_as_whole_build(&root, &mut session);
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn an_error_keeps_the_last_good_site_until_it_is_fixed() {
        let root = model_copy("error");
        let mut session = start(&root);
        let before = contents(&session.files);
        let path = edit(&root, "content/runbooks/cache.md", "title: Cache flush", "title: [Cache flush");
        let outcome = session.rebuild(std::slice::from_ref(&path)).expect("rebuild");
        assert!(outcome.changed.is_empty());
        let error = session.problems.iter().find(|d| d.is_error()).expect("an error");
        assert_eq!(error.path, "content/runbooks/cache.md");
        assert!(error.line > 0, "{error}");
        assert_eq!(contents(&session.files), before);
        // A broken link is an error of the same kind.
        edit(&root, "content/runbooks/cache.md", "title: [Cache flush", "title: Cache flush");
        let path = edit(&root, "content/runbooks/cache.md", "(db.md)", "(nowhere.md)");
        session.rebuild(std::slice::from_ref(&path)).expect("rebuild");
        assert!(!Outcome::ok(&session.problems));
        assert_eq!(contents(&session.files), before);
        edit(&root, "content/runbooks/cache.md", "(nowhere.md)", "(db.md)");
        let outcome = session.rebuild(&[path]).expect("rebuild");
        assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
        assert!(!outcome.full);
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn new_deleted_and_renamed_pages_take_the_fast_path_and_vanished_temporary_files_nothing() {
        let root = model_copy("shape");
        let mut session = start(&root);
        let page = root.join("content/guides/new.md");
        std::fs::write(&page, "---\ntitle: New guide\ntags: [fresh]\n---\nSee [the cache](../runbooks/cache.md).\n")
            .expect("write");
        let outcome = session.rebuild(std::slice::from_ref(&page)).expect("rebuild");
        assert!(!outcome.full, "{:?}", session.problems);
        assert!(session.files.contains_key("guides/new/index.html"));
        assert!(session.files.contains_key("tags/fresh/index.html"));
        assert_same_as_whole_build(&root, &mut session);
        let renamed = root.join("content/guides/renamed.md");
        std::fs::rename(&page, &renamed).expect("rename");
        let outcome = session.rebuild(&[page.clone(), renamed.clone()]).expect("rebuild");
        assert!(!outcome.full, "{:?}", session.problems);
        assert!(outcome.changed.contains(&"guides/new/index.html".to_string()), "{:?}", outcome.changed);
        assert!(!session.files.contains_key("guides/new/index.html"));
        assert!(session.files.contains_key("guides/renamed/index.html"));
        assert_same_as_whole_build(&root, &mut session);
        std::fs::remove_file(&renamed).expect("remove");
        let outcome = session.rebuild(std::slice::from_ref(&renamed)).expect("rebuild");
        assert!(!outcome.full, "{:?}", session.problems);
        assert!(!session.files.contains_key("guides/renamed/index.html"));
        assert!(!session.files.contains_key("tags/fresh/index.html"));
        assert_same_as_whole_build(&root, &mut session);
        // The pages the deletion left stale, made by the wait above: the server takes them.
        assert!(!session.take_settled().is_empty());
        let outcome = session.rebuild(&[root.join("content/guides/.new.md.swp"), root.join("content/4913x")]);
        let outcome = outcome.expect("rebuild");
        assert!(!outcome.full && outcome.changed.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_page_in_a_new_folder_or_a_new_section_page_rebuilds_the_whole_site() {
        let root = model_copy("new-section");
        let mut session = start(&root);
        std::fs::create_dir(root.join("content/handover")).expect("mkdir");
        let page = root.join("content/handover/first.md");
        std::fs::write(&page, "---\ntitle: First handover\n---\nHello.\n").expect("write");
        let outcome = session.rebuild(&[root.join("content/handover"), page]).expect("rebuild");
        assert!(outcome.full);
        assert!(session.files.contains_key("handover/first/index.html"));
        let index = root.join("content/guides/_index.md");
        std::fs::write(&index, "---\ntitle: All the guides\n---\n").expect("write");
        assert!(session.rebuild(&[index]).expect("rebuild").full);
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_renamed_page_that_others_link_to_keeps_the_last_good_site_until_renamed_back() {
        let root = model_copy("rename-linked");
        let mut session = start(&root);
        let from =
            edit(&root, "content/runbooks/cache.md", "is related.", "is related; [access](../policies/access.md).");
        session.rebuild(&[from]).expect("rebuild");
        // The pages the edit left stale, made (a rename would make them first).
        session.finish();
        let before = contents(&session.files);
        // Renamed into a later folder: the pages between get other page ids.
        let (old, new) = (root.join("content/policies/access.md"), root.join("content/runbooks/zz-access.md"));
        std::fs::rename(&old, &new).expect("rename");
        let outcome = session.rebuild(&[old.clone(), new.clone()]).expect("rebuild");
        assert!(!outcome.full && outcome.changed.is_empty());
        let error = session.problems.iter().find(|d| d.is_error()).expect("a broken link");
        assert_eq!(error.path, "content/runbooks/cache.md", "{error}");
        assert_eq!(contents(&session.files), before);
        std::fs::rename(&new, &old).expect("rename back");
        let outcome = session.rebuild(&[new, old]).expect("rebuild");
        assert!(!outcome.full);
        assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A page added while the pages of an earlier save are still stale does not
    /// wait for them: it is served at once, the pages that list it are left stale with
    /// the earlier save's, known by the page ids the new page gives them, and each stale
    /// page is what a whole build gives.
    #[test]
    fn a_page_added_while_pages_are_stale_is_served_at_once_and_leaves_them_stale() {
        let root = model_copy("shape-stale");
        let mut session = start(&root);
        session.make_stale_pages_only_on_request();
        session.defer_above = Some(0);
        let server = server_for(&session);
        // A section's title changes the navigation of every page: left stale.
        let path = edit(&root, "content/runbooks/_index.md", "title: Runbooks", "title: Playbooks");
        let outcome = session.rebuild(&[path]).expect("rebuild");
        assert!(outcome.later > 0 && session.stale_pages().is_busy(), "nothing was left stale");
        // Added before the runbooks in the walk: every runbook gets another page id.
        let page = root.join("content/guides/aaa-new.md");
        std::fs::write(&page, "---\ntitle: New guide\ntags: [fresh]\n---\nSee [the cache](../runbooks/cache.md).\n")
            .expect("write");
        let outcome = session.rebuild(std::slice::from_ref(&page)).expect("rebuild");
        assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
        assert_eq!(outcome.rendered, 2, "only the page and its tag's new page are rendered now");
        assert!(outcome.later > 0 && session.stale_pages().is_busy(), "nothing was left stale");
        let new = server.file("guides/aaa-new/index.html").and_then(|f| f.read().ok()).expect("served at once");
        assert!(String::from_utf8_lossy(&new).contains("Playbooks"), "the new page shows the section's new title");
        // A page the earlier save left stale, asked for by its path: made with the new model.
        let asked = server.file("runbooks/cache/index.html").and_then(|f| f.read().ok()).expect("served");
        assert_eq!(&*asked, &whole_build_file(&root, "runbooks/cache/index.html")[..]);
        assert_same_as_whole_build(&root, &mut session);
        let _ = std::fs::remove_dir_all(&root);
    }
}
