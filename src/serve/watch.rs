//! Watching the handbook's files with notify, in bursts.
//!
//! Watched: the root folder itself (book.toml, CODEOWNERS, folders appearing), and
//! recursively the content folder (`content/` unless book.toml names another; a change
//! of it in book.toml takes a restart), `templates/`, `static/`, `themes/`, the folders that may
//! hold CODEOWNERS (`.github/`, `.gitlab/`, `docs/`), the data and strings folders
//! (`_data/`, `data/`, `i18n/`, `_i18n/`), and the folders `[[sources]]` mounts. Changes are collected until none
//! came for [`QUIET`] (editors save in several steps: write a temporary file, rename it
//! over the page, touch it again), so one save is one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the files must stay still before a rebuild.
pub(crate) const QUIET: Duration = Duration::from_millis(20);

/// The longest a burst is collected before rebuilding anyway.
const LONGEST: Duration = Duration::from_secs(2);

/// The folders watched recursively besides the content folder, when they exist: the
/// theme's, those that may hold CODEOWNERS, the data files of Jekyll and Hugo (`_data/`,
/// `data/`: people, authors, site data) and the words of each language (`i18n/`, and
/// jekyll-multiple-languages-plugin's `_i18n/`).
const FOLDERS: [&str; 10] =
    ["templates", "static", "themes", ".github", ".gitlab", "docs", "_data", "data", "i18n", "_i18n"];

/// What [`Watch::next`] saw.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Burst {
    /// These paths changed (absolute, sorted, without repeats).
    Changed(Vec<PathBuf>),
    /// Nothing changed before the timeout.
    Quiet,
    /// The watcher stopped.
    Closed,
}

/// The handbook's files, watched.
pub(crate) struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// The folders watched recursively (absolute): the content folder and [`FOLDERS`].
    folders: Vec<PathBuf>,
    /// Folders outside `folders` watched because pages include files from them.
    extra: BTreeSet<PathBuf>,
}

impl Watch {
    /// Starts watching the handbook at `root`, whose pages are in `content` (relative to
    /// the root).
    pub(crate) fn start(root: &Path, content: &str) -> Result<Watch> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the server stops.
            let _ = sender.send(event);
        })
        .context("cannot watch the handbook's files")?;
        let folders = std::iter::once(content).chain(FOLDERS).map(|name| root.join(name)).collect();
        let mut watch = Watch { root: root.to_path_buf(), watcher, events, folders, extra: BTreeSet::new() };
        watch
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        for folder in &watch.folders {
            if folder.is_dir() {
                watch
                    .watcher
                    .watch(folder, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch {}", folder.display()))?;
            }
        }
        Ok(watch)
    }

    /// Watches the folders mounted by `[[sources]]` (relative to the root), recursively
    /// like the content folder; one that does not exist is left out (the build says so).
    pub(crate) fn watch_sources(&mut self, folders: &[String]) {
        for folder in folders.iter().map(|f| self.root.join(f)) {
            if folder.is_dir() && self.watcher.watch(&folder, RecursiveMode::Recursive).is_ok() {
                self.folders.push(folder);
            }
        }
    }

    /// Watches the folders of `files` (absolute) that no watch covers yet: pages include
    /// files from outside the usual folders (`_includes/`, `snippets/`). A folder that
    /// cannot be watched is tried again after the next build.
    pub(crate) fn watch_included(&mut self, files: &[PathBuf]) {
        for folder in files.iter().filter_map(|f| f.parent()) {
            let covered = folder == self.root
                || self.folders.iter().any(|watched| folder.starts_with(watched))
                || self.extra.contains(folder);
            if !covered && self.watcher.watch(folder, RecursiveMode::NonRecursive).is_ok() {
                self.extra.insert(folder.to_path_buf());
            }
        }
    }

    /// Waits for the next burst of changes, at most `timeout` (`None`: as long as it
    /// takes) for its first change.
    pub(crate) fn next(&mut self, timeout: Option<Duration>) -> Burst {
        let deadline = timeout.map(|timeout| Instant::now() + timeout);
        // Reading a file is an event too (an access): those are skipped here, without
        // starting a burst.
        let mut paths = loop {
            let event = match deadline {
                Some(deadline) => match self.events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return Burst::Quiet,
                    Err(RecvTimeoutError::Disconnected) => return Burst::Closed,
                },
                None => match self.events.recv() {
                    Ok(event) => event,
                    Err(_) => return Burst::Closed,
                },
            };
            let mut paths = BTreeSet::new();
            self.collect(event, &mut paths);
            if !paths.is_empty() {
                break paths;
            }
        };
        let started = Instant::now();
        while started.elapsed() < LONGEST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut paths),
                Err(_) => break,
            }
        }
        // A folder created (or created again) at the root is watched from now on.
        for path in &paths {
            if self.folders.contains(path) && path.is_dir() {
                let _ = self.watcher.unwatch(path);
                // A folder that cannot be watched is tried again at its next change.
                let _ = self.watcher.watch(path, RecursiveMode::Recursive);
            }
        }
        Burst::Changed(paths.into_iter().collect())
    }

    /// Adds the paths an event changed.
    fn collect(&self, event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
        match event {
            Ok(event) if !matches!(event.kind, EventKind::Access(_)) => paths.extend(event.paths),
            Ok(_) => {}
            // The watcher lost events (a queue overflow): rebuild everything.
            Err(_) => {
                paths.insert(self.root.join("book.toml"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for_change(watch: &mut Watch) -> Vec<PathBuf> {
        for _ in 0..50 {
            if let Burst::Changed(paths) = watch.next(Some(Duration::from_millis(100))) {
                return paths;
            }
        }
        panic!("no change seen");
    }

    #[test]
    fn a_burst_of_saves_is_one_change_and_new_folders_are_watched() {
        let root = tempfile_dir("opsbook-watch");
        std::fs::create_dir_all(root.join("content")).expect("content/");
        let mut watch = Watch::start(&root, "content").expect("watch");
        // An atomic save: write a temporary file, rename it over the page.
        std::fs::write(root.join("content/.page.md.tmp"), "# A").expect("write");
        std::fs::rename(root.join("content/.page.md.tmp"), root.join("content/page.md")).expect("rename");
        std::fs::write(root.join("content/page.md"), "# B").expect("write");
        let paths = wait_for_change(&mut watch);
        assert!(paths.contains(&root.join("content/page.md")), "{paths:?}");
        assert_eq!(watch.next(Some(Duration::from_millis(100))), Burst::Quiet);
        // Reading is not a change.
        for _ in 0..100 {
            std::fs::read(root.join("content/page.md")).expect("read");
        }
        assert_eq!(watch.next(Some(Duration::from_millis(100))), Burst::Quiet);
        std::fs::create_dir(root.join("templates")).expect("templates/");
        wait_for_change(&mut watch);
        std::fs::write(root.join("templates/page.html"), "x").expect("write");
        let paths = wait_for_change(&mut watch);
        assert!(paths.contains(&root.join("templates/page.html")), "{paths:?}");
        let _ = std::fs::remove_dir_all(&root);
    }

    fn tempfile_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::canonicalize(&dir).expect("canonical")
    }
}
