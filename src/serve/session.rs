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
    /// What the session lends each whole rebuild: the PlantUML program, started once.
    context: crate::pipeline::Context,
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
            context: crate::pipeline::Context::default(),
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
        match build_into(&self.root, &self.overrides, &self.context, &sink) {
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
mod tests;
