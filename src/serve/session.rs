//! The dev server's build session: the last good site, kept in memory with its model,
//! and rebuilt from changed files.
//!
//! A change to the text of existing pages takes the fast path:
//! 1. read the changed files and the model of those pages again (owners, kind, fields,
//!    review) on a copy of the site (cheap: page sources and bodies are shared);
//! 2. render their Markdown, arrange the navigation and backlinks again;
//! 3. render through the templates only the pages that show something of the changed
//!    ones: the pages themselves, their section and the catalogs above them, the pages
//!    whose backlinks changed, their neighbours and, when a title or an order changed,
//!    every page whose navigation lists them; the owners, tags and review pages;
//! 4. check their links and anchors, and the anchors of the pages linking to them;
//! 5. keep the copy if nothing is an error; else keep the last good site.
//!
//! Anything else (a page added, removed or renamed, a draft, slug, default kind, alias,
//! owner or tag that changes the site's shape, a template, a static file, book.toml,
//! CODEOWNERS) rebuilds the whole site in memory. After the pages, the search index,
//! `handbook.json`, the feed and the sitemap are brought up to date ([`Session::finish`]).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::files::{MemorySink, SiteFiles, changed_paths};
use crate::build::steps::{Purpose, render_body};
use crate::build::write::{render_some, write_extras, write_search_index};
use crate::build::{BuiltSite, build_into};
use crate::check::{Ids, check_anchors, check_template_links};
use crate::config::Overrides;
use crate::content::{CONTENT_PREFIX, SourcePage, load_page, walk::is_ignored_name, walk::is_markdown};
use crate::diagnostic::{Diagnostic, Failure, sort_diagnostics};
use crate::site::{PageId, Site};
use crate::spent::SpentTime;

/// The site the server shows, and how to bring it up to date.
pub struct Session {
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
}

/// What a rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Site paths whose files changed.
    pub changed: Vec<String>,
    /// Whether the whole site was rebuilt.
    pub full: bool,
    /// How many pages went through the templates.
    pub rendered: usize,
    /// How long it took.
    pub elapsed: Duration,
}

impl Outcome {
    /// Whether the rebuild succeeded (the site is up to date).
    pub fn ok(problems: &[Diagnostic]) -> bool {
        !problems.iter().any(Diagnostic::is_error)
    }
}

/// Why the fast path cannot be taken.
struct Whole;

impl Session {
    /// Builds the handbook at `root` in memory. Errors in the content leave a session
    /// with no pages and the errors to show; only problems that stop everything (no
    /// book.toml) fail.
    pub fn start(root: &Path, overrides: Overrides) -> Result<(Session, Outcome), anyhow::Error> {
        let mut session = Session {
            root: root.to_path_buf(),
            overrides,
            built: None,
            files: SiteFiles::new(),
            pending: BTreeSet::new(),
            pending_full: true,
            problems: Vec::new(),
        };
        let outcome = session.rebuild_all()?;
        Ok((session, outcome))
    }

    /// The model of the last good site.
    pub fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|b| &b.site)
    }

    /// Applies changes to the files at `paths` (absolute). Environment problems (the
    /// book.toml disappeared) fail; content errors are kept in [`Session::problems`].
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Outcome, anyhow::Error> {
        self.pending.extend(paths.iter().cloned());
        let content_dir = self.root.join("content");
        let mut pages = Vec::new();
        let mut whole = self.pending_full || self.built.is_none();
        for path in &self.pending {
            match path.strip_prefix(&content_dir) {
                Ok(relative) if is_markdown(&relative.to_string_lossy()) && path.is_file() => {
                    pages.push(crate::fs::slash_path(relative));
                }
                // A temporary file that came and went between two looks (editors save so).
                _ if !path.exists() && !self.knows(path) => {}
                _ => whole = true,
            }
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
        let outcome = self.rebuild_all()?;
        if Outcome::ok(&self.problems) {
            self.pending.clear();
        }
        Ok(outcome)
    }

    /// Whether the site has (or had) something from `path`: a page, a section folder or a
    /// file copied as it is.
    fn knows(&self, path: &Path) -> bool {
        let Some(built) = self.built.as_ref() else { return true };
        if let Ok(relative) = path.strip_prefix(self.root.join("content")) {
            if built.site.knows_path(&crate::fs::slash_path(relative)) {
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
        let sink = MemorySink::reusing(&self.files);
        match build_into(&self.root, &self.overrides, &sink) {
            Ok(built) => {
                let files = sink.into_files();
                let changed = changed_paths(&self.files, &files);
                let rendered = built.site.pages.len();
                self.problems = built.warnings.clone();
                self.built = Some(built);
                self.files = files;
                self.pending_full = false;
                Ok(Outcome { changed, full: true, rendered, elapsed: started.elapsed() })
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
        let Some(mut built) = self.built.take() else { return Err(Whole) };
        let result = self.rebuild_pages_of(&mut built, paths);
        self.built = Some(built);
        result
    }

    fn rebuild_pages_of(&mut self, built: &mut BuiltSite, paths: &[String]) -> Result<Option<Outcome>, Whole> {
        let old = &built.site;
        let mut site = old.clone();
        let mut problems = Vec::new();
        let content_dir = self.root.join("content");
        let mut changed: Vec<PageId> = Vec::new();
        for path in paths {
            let id = site.page_by_path(path).ok_or(Whole)?;
            let (source, read_problems) = load_page(&content_dir, path, CONTENT_PREFIX);
            // A page that cannot be read keeps the last good site: no need to go further.
            let unreadable = read_problems.iter().any(Diagnostic::is_error);
            problems.extend(read_problems);
            let Some(source) = source.filter(|_| !unreadable).map(Arc::new) else { continue };
            if changes_shape(&site.pages[id].source, &source) {
                return Err(Whole);
            }
            let owners = site.owners_for(id, &source, built.codeowners.as_ref());
            if site.indexes_differ(id, &source, &owners) {
                return Err(Whole);
            }
            site.refresh_page(id, source, built.codeowners.as_ref(), &mut problems);
            changed.push(id);
        }
        // The review page comes or goes.
        if site.generated_pages_differ() {
            return Err(Whole);
        }
        for &id in &changed {
            let mut rendered = render_body(&site, id, Purpose::Build);
            problems.append(&mut rendered.diagnostics);
            site.pages[id].rendered = Arc::new(rendered);
        }
        site.rearrange(&changed);
        let affected = affected_pages(old, &site, &changed);
        let sink = MemorySink::default();
        let rendered = render_some(&site, &built.renderer, &affected, Some(&sink), &SpentTime::new(), &mut problems)
            .map_err(|_| Whole)?;
        // What the templates wrote, in place; the previous values are kept to put back
        // if the change has errors.
        let mut previous = Vec::with_capacity(rendered.len());
        for page in rendered {
            let id = page.id;
            previous.push((
                id,
                std::mem::replace(&mut built.scans[id], page.scan),
                std::mem::replace(&mut built.templates[id], page.template),
                std::mem::replace(&mut built.ranges[id], page.ranges),
            ));
        }
        // Links and anchors of the changed pages, and of the pages linking to them.
        // The pages rendered again are checked whole, so their warnings can be replaced.
        let recheck: BTreeSet<PageId> = changed
            .iter()
            .flat_map(|&id| site.pages[id].backlinks.iter().chain(old.pages[id].backlinks.iter()).copied())
            .chain(affected.iter().copied())
            .collect();
        let mut ids = Ids::new(&site, &built.scans);
        check_anchors(&site, &mut ids, recheck.iter().copied(), &mut problems);
        let renderer = &built.renderer;
        check_template_links(
            &site,
            &mut ids,
            &built.scans,
            &built.templates,
            affected.iter().copied(),
            &|text| renderer.find_in_templates(text),
            &mut problems,
        );
        // Keep the warnings of the pages that were not checked again.
        let checked: HashSet<&str> = recheck.iter().map(|&id| site.pages[id].source.file.as_str()).collect();
        let kept = self.problems.iter().filter(|d| !d.is_error() && !checked.contains(d.path.as_str())).cloned();
        let mut all: Vec<Diagnostic> = kept.chain(problems).collect();
        sort_diagnostics(&mut all);
        all.dedup();
        self.problems = all;
        if !Outcome::ok(&self.problems) {
            for (id, scan, template, ranges) in previous {
                built.scans[id] = scan;
                built.templates[id] = template;
                built.ranges[id] = ranges;
            }
            return Ok(None);
        }
        let mut changed_files = merge_files(&mut self.files, sink.into_files());
        changed_files.sort();
        let old = std::mem::replace(&mut built.site, site);
        // Freeing the old model takes a few milliseconds on a large handbook: not while
        // the edit waits.
        std::thread::spawn(move || drop((old, previous)));
        Ok(Some(Outcome { changed: changed_files, full: false, rendered: affected.len(), elapsed: Duration::ZERO }))
    }

    /// Brings the files that depend on every page up to date after a fast rebuild: the
    /// search index, `handbook.json`, the feed and the sitemap. Run after the pages are
    /// served, so an edit shows without waiting for it. Returns the site paths that
    /// changed.
    pub fn finish(&mut self) -> Vec<String> {
        let Some(built) = self.built.as_ref() else { return Vec::new() };
        let sink = MemorySink::default();
        let mut problems = Vec::new();
        if built.site.config.search && write_search_index(&built.site, None, &built.ranges, &sink).is_err() {
            return Vec::new();
        }
        if write_extras(&built.site, &built.renderer, &sink, &mut problems).is_err() {
            return Vec::new();
        }
        let written = sink.into_files();
        // Search index files not written any more (the index got smaller) are gone.
        let mut changed: Vec<String> = self
            .files
            .keys()
            .filter(|p| p.starts_with("search/") && p.ends_with(".json") && !written.contains_key(*p))
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

/// Whether a new version of a page changes the shape of the site: its URL, whether it is
/// built, the kind of the pages under it, or its aliases.
fn changes_shape(old: &SourcePage, new: &SourcePage) -> bool {
    let (a, b) = (&old.front, &new.front);
    let value = |v: &Option<crate::content::Located<String>>| v.as_ref().map(|l| l.value.clone());
    a.draft != b.draft
        || a.visibility.as_ref().map(|v| v.value) != b.visibility.as_ref().map(|v| v.value)
        || value(&a.slug) != value(&b.slug)
        || value(&a.default_kind) != value(&b.default_kind)
        || a.aliases.iter().map(|l| &l.value).ne(b.aliases.iter().map(|l| &l.value))
}

/// What other pages show of a page: its title, URL, description, kind, owners, tags,
/// review state and fields.
fn summary(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        page.title,
        page.url,
        page.description(),
        page.kind,
        page.owners,
        page.source.front.tags,
        page.review,
        page.values
    )
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

/// The pages whose HTML may change when pages `changed` change from `old` to `new`.
fn affected_pages(old: &Site, new: &Site, changed: &[PageId]) -> Vec<PageId> {
    let mut affected: BTreeSet<PageId> = changed.iter().copied().collect();
    let ancestors = |id: PageId, into: &mut BTreeSet<PageId>| into.extend(crate::site::nav::ancestors(new, id));
    let every_index = |into: &mut BTreeSet<PageId>| {
        into.extend(new.pages_invalidated_by(crate::site::generated::Invalidation::AnyPage));
    };
    let mut shown_differently = HashSet::new();
    for &id in changed {
        let (before, after) = (&old.pages[id], &new.pages[id]);
        if summary(old, id) != summary(new, id) {
            shown_differently.insert(id);
            ancestors(id, &mut affected);
            every_index(&mut affected);
            for tag in &after.source.front.tags {
                if let Some(tag) = new.indexes.tags.get(&crate::slug::slugify(tag)) {
                    affected.insert(tag.page);
                }
            }
        }
        if before.title != after.title || before.source.front.weight != after.source.front.weight {
            // Every page whose navigation lists this one: all pages under its section.
            match after.parent {
                Some(0) | None => affected.extend(0..new.pages.len()),
                Some(parent) => subtree(new, parent, &mut affected),
            }
            // Pages that list it among their backlinks show its title.
            for link in after.rendered.links.iter().chain(before.rendered.links.iter()) {
                affected.extend(link.target);
            }
        }
    }
    // A new reading order reorders every list kept in it: the owners, tags and review
    // pages, every tag page, and the catalogs above the pages that moved.
    if old.order != new.order {
        every_index(&mut affected);
        affected.extend(new.pages_invalidated_by(crate::site::generated::Invalidation::TaggedPage));
        for &id in changed {
            ancestors(id, &mut affected);
        }
    }
    // Pages whose previous or next page is another one or is shown differently, and pages
    // whose backlinks changed.
    for id in 0..new.pages.len().min(old.pages.len()) {
        let (previous, next) = crate::site::nav::neighbours(new, id);
        if crate::site::nav::neighbours(old, id) != (previous, next)
            || [previous, next].into_iter().flatten().any(|n| shown_differently.contains(&n))
            || old.pages[id].backlinks != new.pages[id].backlinks
        {
            affected.insert(id);
        }
    }
    affected.into_iter().collect()
}

/// Adds `root` and every page beneath it to `into`.
fn subtree(site: &Site, root: PageId, into: &mut BTreeSet<PageId>) {
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        into.insert(id);
        stack.extend(site.pages[id].children.iter().copied());
    }
}

/// Whether a changed path matters to the site: the content, templates, static files,
/// themes, book.toml or a CODEOWNERS file; not hidden or editor files, nor the output.
pub fn is_relevant(root: &Path, output_dir: &Path, path: &Path) -> bool {
    if path.starts_with(output_dir) {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let names: Vec<&str> = relative.components().filter_map(|c| c.as_os_str().to_str()).collect();
    if crate::site::codeowners::LOCATIONS.contains(&names.join("/").as_str()) {
        return true;
    }
    if names.len() != relative.components().count() || names.iter().any(|name| is_ignored_name(name)) {
        return false;
    }
    matches!(names.first(), Some(&("content" | "templates" | "static" | "themes" | "book.toml")))
}

/// The files a change touches, for messages: site paths, shortened.
pub fn describe(changed: &[String]) -> String {
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

    #[test]
    fn only_the_handbook_s_sources_are_relevant() {
        let root = Path::new("/h");
        let out = Path::new("/h/public");
        for path in
            ["content/a.md", "content/img/x.png", "templates/page.html", "static/s.css", "themes/t/x", "book.toml"]
                .iter()
                .chain(&["CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"])
        {
            assert!(is_relevant(root, out, &root.join(path)), "{path}");
        }
        for path in ["public/index.html", "content/.a.md.swp", "content/a.md~", ".git/index", "docs/x.md", "README.md"]
        {
            assert!(!is_relevant(root, out, &root.join(path)), "{path}");
        }
        assert!(!is_relevant(root, out, Path::new("/elsewhere/content/a.md")));
    }

    /// A copy of the model fixture in a fresh temporary folder.
    fn model_copy(name: &str) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/model");
        let root = std::env::temp_dir().join(format!("opsbook-session-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("fixture entry");
            let to = root.join(entry.path().strip_prefix(&from).expect("inside the fixture"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("folder");
            } else {
                std::fs::copy(entry.path(), &to).expect("file");
            }
        }
        root
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
    fn new_and_deleted_pages_rebuild_the_whole_site_and_vanished_temporary_files_nothing() {
        let root = model_copy("shape");
        let mut session = start(&root);
        let page = root.join("content/guides/new.md");
        std::fs::write(&page, "---\ntitle: New guide\n---\nHello.\n").expect("write");
        let outcome = session.rebuild(std::slice::from_ref(&page)).expect("rebuild");
        assert!(outcome.full);
        assert!(session.files.contains_key("guides/new/index.html"));
        std::fs::remove_file(&page).expect("remove");
        session.rebuild(std::slice::from_ref(&page)).expect("rebuild");
        assert!(!session.files.contains_key("guides/new/index.html"));
        assert_same_as_whole_build(&root, &mut session);
        let outcome = session.rebuild(&[root.join("content/guides/.new.md.swp"), root.join("content/4913x")]);
        let outcome = outcome.expect("rebuild");
        assert!(!outcome.full && outcome.changed.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
