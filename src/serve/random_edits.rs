//! The dev server's safety net: a sequence of random edits (seeded, so a failure comes
//! back the same) of every kind a contributor makes (bodies, links, titles, weights,
//! section titles and weights, front matter shown in catalogs, the services incident
//! reviews cite, pages added, deleted and
//! renamed), each applied to the session as `serve` applies it; then every file served
//! is compared, byte for byte, with a fresh whole build of the files on disk. Pages
//! added, deleted and renamed must take the fast path, so that it is the one compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::files::SiteFiles;
use super::session::{Outcome, Session};
use crate::config::Overrides;

/// A small seeded generator (xorshift64*): the same seed, the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    fn word(&mut self) -> &'static str {
        self.pick_str(&["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"])
    }
}

/// The kinds of edit, each drawn alike.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Body,
    LinkAdded,
    LinkRemoved,
    Title,
    Weight,
    SectionTitle,
    SectionWeight,
    Description,
    Severity,
    Service,
    Added,
    Deleted,
    Renamed,
}

const KINDS: [Kind; 13] = [
    Kind::Body,
    Kind::LinkAdded,
    Kind::LinkRemoved,
    Kind::Title,
    Kind::Weight,
    Kind::SectionTitle,
    Kind::SectionWeight,
    Kind::Description,
    Kind::Severity,
    Kind::Service,
    Kind::Added,
    Kind::Deleted,
    Kind::Renamed,
];

/// The fixture's pages that the edits never delete (the links they add point at them).
const PAGES: [&str; 7] = [
    "runbooks/cache.md",
    "runbooks/db.md",
    "runbooks/queue.md",
    "guides/writing.md",
    "policies/access.md",
    "rca/dns-outage.md",
    "rca/cert-expiry.md",
];

const SECTIONS: [&str; 4] = ["runbooks/_index.md", "policies/_index.md", "rca/_index.md", "templates/_index.md"];

/// Sets front matter `key` of the page text to `value`, adding the key if missing.
fn set_front(text: &str, key: &str, value: &str) -> String {
    let end = text[4..].find("\n---\n").map(|at| at + 4).expect("front matter");
    let (front, rest) = text.split_at(end);
    let prefix = format!("{key}:");
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    match lines.iter_mut().find(|line| line.starts_with(&prefix)) {
        Some(line) => *line = format!("{key}: {value}"),
        None => lines.push(format!("{key}: {value}")),
    }
    format!("{}{rest}", lines.join("\n"))
}

/// The link from page `from` to page `to`, both relative to `content/`.
fn link(from: &str, to: &str) -> String {
    let up = "../".repeat(from.matches('/').count());
    format!("See [{to}]({up}{to}) too.")
}

/// The random edits, applied to the files under `root`.
struct Editor {
    root: PathBuf,
    rng: Rng,
    /// Pages the edits added (relative to `content/`), still there.
    added: Vec<String>,
    made: usize,
}

impl Editor {
    fn path(&self, page: &str) -> PathBuf {
        self.root.join("content").join(page)
    }

    fn read(&self, page: &str) -> String {
        std::fs::read_to_string(self.path(page)).expect("read page")
    }

    fn write(&self, page: &str, text: &str) -> PathBuf {
        let path = self.path(page);
        std::fs::write(&path, text).expect("write page");
        path
    }

    /// Any page the edits may change: the fixture's and the added ones.
    fn any_page(&mut self) -> String {
        let all: Vec<String> = PAGES.iter().map(|p| p.to_string()).chain(self.added.iter().cloned()).collect();
        self.rng.pick(&all).clone()
    }

    /// Makes one edit of `kind`; returns the paths that changed (absolute).
    fn edit(&mut self, kind: Kind) -> Vec<PathBuf> {
        self.made += 1;
        let n = self.made;
        match kind {
            Kind::Body => {
                let page = self.any_page();
                let line = format!("\n{} {} {n}.\n", self.rng.word(), self.rng.word());
                vec![self.write(&page, &(self.read(&page) + &line))]
            }
            Kind::LinkAdded => {
                let page = self.any_page();
                let target = self.rng.pick_str(&PAGES);
                vec![self.write(&page, &format!("{}\n{}\n", self.read(&page), link(&page, target)))]
            }
            Kind::LinkRemoved => {
                let page = self.any_page();
                let text = self.read(&page);
                let kept: Vec<&str> = text.lines().filter(|line| !line.starts_with("See [")).collect();
                vec![self.write(&page, &(kept.join("\n") + "\n"))]
            }
            Kind::Title => {
                let page = self.any_page();
                let title = format!("{} {} {n}", self.rng.word(), self.rng.word());
                vec![self.write(&page, &set_front(&self.read(&page), "title", &title))]
            }
            Kind::Weight | Kind::SectionWeight => {
                let page =
                    if matches!(kind, Kind::Weight) { self.any_page() } else { self.rng.pick(&SECTIONS).to_string() };
                let weight = self.rng.below(5).to_string();
                vec![self.write(&page, &set_front(&self.read(&page), "weight", &weight))]
            }
            Kind::SectionTitle => {
                let page = self.rng.pick_str(&SECTIONS);
                let title = format!("{} section {n}", self.rng.word());
                vec![self.write(page, &set_front(&self.read(page), "title", &title))]
            }
            Kind::Description => {
                let page = self.any_page();
                let description = format!("\"{} {} {n}\"", self.rng.word(), self.rng.word());
                vec![self.write(&page, &set_front(&self.read(&page), "description", &description))]
            }
            Kind::Severity => {
                let page = self.rng.pick_str(&["runbooks/cache.md", "runbooks/db.md", "runbooks/queue.md"]);
                let severity = self.rng.pick_str(&["SEV1", "SEV2", "SEV3", "SEV4"]);
                vec![self.write(page, &set_front(&self.read(page), "severity", severity))]
            }
            Kind::Service => {
                // Reviews cite services: the runbooks' past incidents change.
                let page = self.rng.pick_str(&["runbooks/cache.md", "runbooks/db.md", "runbooks/queue.md"]);
                let service = self.rng.pick_str(&["dns-resolver", "edge-proxy", "session-cache", "ledger-db"]);
                vec![self.write(page, &set_front(&self.read(page), "service", service))]
            }
            Kind::Added => {
                let folder = self.rng.pick_str(&["guides", "runbooks"]);
                let page = format!("{folder}/added-{n}.md");
                let text = format!(
                    "---\ntitle: {} added {n}\nservice: svc-{n}\nowners: [\"@sre-core\"]\n---\n\n{}\n",
                    self.rng.word(),
                    link(&page, self.rng.pick_str(&PAGES))
                );
                self.added.push(page.clone());
                vec![self.write(&page, &text)]
            }
            Kind::Deleted if !self.added.is_empty() => {
                let page = self.added.remove(self.rng.below(self.added.len()));
                let path = self.path(&page);
                std::fs::remove_file(&path).expect("delete page");
                vec![path]
            }
            Kind::Renamed if !self.added.is_empty() => {
                let at = self.rng.below(self.added.len());
                let old = self.added[at].clone();
                let new = format!("{}/renamed-{n}.md", old.split('/').next().unwrap_or("guides"));
                std::fs::rename(self.path(&old), self.path(&new)).expect("rename page");
                self.added[at] = new.clone();
                vec![self.path(&old), self.path(&new)]
            }
            // Nothing added yet to delete or rename: add one.
            Kind::Deleted | Kind::Renamed => self.edit(Kind::Added),
        }
    }
}

fn start(root: &Path) -> Session {
    let overrides = Overrides { base_url: Some("http://127.0.0.1:3000/".into()), ..Overrides::default() };
    let (session, _) = Session::start(root, overrides).expect("start");
    assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
    session
}

/// Every file served, read.
fn contents(files: &SiteFiles) -> BTreeMap<String, Vec<u8>> {
    files.iter().map(|(path, file)| (path.clone(), file.read().expect("read served file").to_vec())).collect()
}

/// Panics, naming the first file and line, unless `session` serves what a fresh whole
/// build of the files on disk serves.
fn assert_same_as_whole_build(root: &Path, session: &Session, after: &str) {
    let (ours, theirs) = (contents(&session.files), contents(&start(root).files));
    let differing: Vec<&String> =
        ours.keys().chain(theirs.keys()).filter(|path| ours.get(*path) != theirs.get(*path)).collect();
    if let Some(path) = differing.first() {
        let text = |files: &BTreeMap<String, Vec<u8>>| {
            String::from_utf8_lossy(files.get(*path).map_or(&[][..], Vec::as_slice)).into_owned()
        };
        let (a, b) = (text(&ours), text(&theirs));
        let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
        panic!("after {after}: {} files differ from a whole build, e.g. {path}: {line:?}", differing.len());
    }
}

/// Waits for the files made on the finishing thread, and serves them.
fn wait_for_finish(session: &mut Session) {
    let started = Instant::now();
    while session.is_finishing() {
        session.take_finished();
        assert!(started.elapsed() < Duration::from_secs(60), "the whole-site files never came");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn fifty_random_edits_serve_what_a_whole_build_gives() {
    fifty_random_edits("random-edits", None);
}

/// Every fast rebuild renders only the changed pages and leaves the others
/// stale, made in the background or carried into the next edit.
#[test]
fn fifty_random_edits_leaving_pages_stale_serve_what_a_whole_build_gives() {
    fifty_random_edits("random-edits-stale", Some(0));
}

/// Fifty random edits; `defer_above` as the session's (`None`: the default).
fn fifty_random_edits(name: &str, defer_above: Option<usize>) {
    let root = crate::test_support::fixture_copy("model", name);
    let mut session = start(&root);
    if defer_above.is_some() {
        session.defer_above = defer_above;
    }
    let mut editor = Editor { root: root.to_path_buf(), rng: Rng(0x0b5b_00c5_eed5), added: Vec::new(), made: 0 };
    let mut done = Vec::new();
    let mut fast = 0;
    for round in 1..=50 {
        // Every kind at least four times, the order random.
        let kind = if round <= KINDS.len() * 4 { KINDS[(round - 1) % KINDS.len()] } else { *editor.rng.pick(&KINDS) };
        let paths = editor.edit(kind);
        done.push(format!("{round}: {kind:?}"));
        let outcome = session.rebuild(&paths).expect("rebuild");
        assert!(Outcome::ok(&session.problems), "after {done:?}: {:?}", session.problems);
        // Pages added, deleted and renamed take the fast path too (`incremental::shape`).
        let shape = matches!(kind, Kind::Added | Kind::Deleted | Kind::Renamed);
        assert!(!shape || !outcome.full, "after {done:?}: {kind:?} rebuilt the whole site");
        if !outcome.full {
            fast += 1;
            // The whole-site files of every other fast rebuild are left to the next one:
            // a newer site replaces the one handed over.
            session.request_finish();
            if round % 2 == 0 {
                wait_for_finish(&mut session);
            }
        }
        if round % 10 == 0 {
            wait_for_finish(&mut session);
            assert_same_as_whole_build(&root, &session, &done.join(", "));
        }
    }
    wait_for_finish(&mut session);
    assert_same_as_whole_build(&root, &session, &done.join(", "));
    assert!(fast >= 20, "only {fast} edits took the fast path");
}
