//! The search index after an edit in `serve`: the finishing thread encodes only the
//! shards the edit changed, starting from what the first build's index was made of, and
//! serves the index a whole build writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::session::{Outcome, Session};
use crate::config::Overrides;

/// A handbook of 150 pages with a vocabulary of a few thousand words (enough for a
/// dozen shards), one of them, `quokka`, on one page only.
fn handbook(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("opsbook-index-edits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/notes")).expect("folders");
    std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"Words\"\n").expect("book.toml");
    let mut seed = 0x5eed_u64;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let letters = 4 + seed % 6;
        (0..letters).map(|i| (b'a' + ((seed >> (i * 5)) % 26) as u8) as char).collect::<String>()
    };
    for page in 0..150 {
        let words: Vec<String> = (0..60).map(|_| word()).collect();
        let extra = if page == 70 { " quokka" } else { "" };
        let text = format!("---\ntitle: Note {page}\n---\n\n{}{extra}.\n", words.join(" "));
        std::fs::write(root.join(format!("content/notes/note-{page}.md")), text).expect("page");
    }
    root
}

fn start(root: &Path) -> Session {
    let (session, _) = Session::start(root, Overrides::default()).expect("start");
    assert!(Outcome::ok(&session.problems), "{:?}", session.problems);
    session
}

/// The index files served, by site path.
fn index_files(session: &Session) -> BTreeMap<String, Vec<u8>> {
    index_files_of(&session.files)
}

/// The index file of `prefix` (`t-` or `r-`) that holds `word`.
fn shard_with(files: &BTreeMap<String, Vec<u8>>, prefix: &str, word: &str) -> String {
    let quoted = format!("\"{word}\"");
    files
        .iter()
        .find(|(path, bytes)| {
            path.starts_with(&format!("search/{prefix}")) && String::from_utf8_lossy(bytes).contains(&quoted)
        })
        .map(|(path, _)| path.clone())
        .unwrap_or_else(|| panic!("no {prefix} shard holds {word}"))
}

#[test]
fn a_body_edit_rewrites_only_the_shards_of_its_words_and_serves_a_whole_build_s_index() {
    let root = handbook("body");
    let mut session = start(&root);
    let before = index_files(&session);
    assert!(before.keys().filter(|p| p.starts_with("search/t-")).count() >= 6, "{:?}", before.keys());
    // One word for another of the same length, next to it in both orders: the page's
    // length, every other page and the shards' cuts stay as they were.
    let page = root.join("content/notes/note-70.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replace(" quokka.", " quolka.")).expect("write");
    let outcome = session.rebuild(&[page]).expect("rebuild");
    assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
    session.request_finish();
    let started = Instant::now();
    let mut changed = Vec::new();
    while session.is_finishing() {
        changed.extend(session.take_finished());
        assert!(started.elapsed() < Duration::from_secs(60), "the index never came");
        std::thread::sleep(Duration::from_millis(5));
    }
    let after = index_files(&session);
    let mut rewritten: Vec<&String> = changed.iter().filter(|p| p.starts_with("search/")).collect();
    rewritten.sort();
    let mut expected = [shard_with(&after, "t-", "quolka"), shard_with(&after, "r-", "quolka")];
    expected.sort();
    assert_eq!(shard_with(&before, "t-", "quokka"), expected[1], "the word's shard");
    // The word's shards (by spelling, reversed), and the shards of its phrase pairs and
    // the page's snippets file: exactly the index files whose bytes changed.
    for shard in &expected {
        assert!(rewritten.contains(&shard), "{shard} not rewritten: {rewritten:?}");
    }
    assert_eq!(rewritten.iter().filter(|p| p.starts_with("search/t-")).count(), 1, "{rewritten:?}");
    let differing: Vec<&String> = after
        .iter()
        .filter(|(p, bytes)| p.starts_with("search/") && before.get(*p) != Some(*bytes))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(rewritten, differing);
    assert_eq!(before.len(), after.len());
    // Exactly the index a whole build writes.
    assert!(after == index_files(&start(&root)), "the index differs from a whole build's");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_index_after_an_edit_encodes_only_the_shard_of_the_edited_word() {
    use crate::pipeline::incremental::{Rebuild, SiteFilesInput, rebuild, write_site_files_of};
    let root = handbook("thread");
    let sink = super::files::MemorySink::default();
    let mut built =
        crate::pipeline::build_into(&root, &Overrides::default(), &Default::default(), &sink).expect("build");
    let mut cache = built.index_cache.take().expect("the build's index cache");
    let shards = index_files_of(&sink.into_files()).keys().filter(|p| p.starts_with("search/t-")).count();
    assert!(shards >= 6 && cache.shards_made() == shards, "a build makes every shard");
    let page = root.join("content/notes/note-70.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replace(" quokka.", " quolka.")).expect("write");
    let sink = super::files::MemorySink::default();
    assert!(matches!(rebuild(&mut built, &["notes/note-70.md".to_string()], &sink), Rebuild::Done { .. }));
    let written = super::files::MemorySink::default();
    assert!(
        write_site_files_of(&SiteFilesInput::of(&built), &|| false, &written, &mut cache, &mut || {}).expect("index")
    );
    assert_eq!(cache.shards_made(), 1, "only the shard of quokka and quolka is made again");
    let whole = super::files::MemorySink::default();
    crate::pipeline::build_into(&root, &Overrides::default(), &Default::default(), &whole).expect("whole build");
    let (ours, theirs) = (index_files_of(&written.into_files()), index_files_of(&whole.into_files()));
    let differing: Vec<&String> = theirs.keys().filter(|p| ours.get(*p) != theirs.get(*p)).collect();
    assert!(differing.is_empty() && ours.len() == theirs.len(), "{differing:?} differ from a whole build's");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn saves_in_quick_succession_serve_the_index_and_files_of_the_last() {
    let root = handbook("quick");
    let mut session = start(&root);
    let page = root.join("content/notes/note-70.md");
    let text = std::fs::read_to_string(&page).expect("read");
    // Each save hands its site over before the files of the one before are made: the
    // index of one and the other files of the one before may be made at once.
    for word in ["quolka", "quomka", "quonka"] {
        std::fs::write(&page, text.replace(" quokka.", &format!(" {word}."))).expect("write");
        let outcome = session.rebuild(std::slice::from_ref(&page)).expect("rebuild");
        assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
        session.request_finish();
    }
    wait_for_files(&mut session);
    let whole = start(&root);
    assert!(index_files(&session) == index_files(&whole), "the index differs from a whole build's");
    let handbook_json = |s: &Session| s.files.get("handbook.json").and_then(|f| f.read().ok()).map(|b| b.to_vec());
    assert!(handbook_json(&session).is_some_and(|json| String::from_utf8_lossy(&json).contains("note-70")));
    assert!(handbook_json(&session) == handbook_json(&whole), "handbook.json differs from a whole build's");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_edit_of_a_translation_or_its_original_updates_every_language_s_page_and_index() {
    let root = std::env::temp_dir().join(format!("opsbook-index-edits-languages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/runbooks")).expect("folders");
    std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n")
        .expect("toml");
    let write = |path: &str, text: &str| std::fs::write(root.join(path), text).expect("page");
    write("content/_index.md", "# Home\n");
    write("content/runbooks/db.md", "# Database failover\n\nPromote the replica.\n");
    write("content/runbooks/db.de.md", "# Datenbank umschalten\n\nDas Replikat befördern.\n");
    write("content/runbooks/web.md", "# Web server\n\nRestart it.\n");
    let mut session = start(&root);
    let page = |session: &Session, path: &str| {
        session.files.get(path).and_then(|f| f.read().ok()).map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    // The translation (read by `de/runbooks/db.md`), then the original of a page not yet
    // translated (read by `runbooks/web.md` and its copy `de/runbooks/web.md`).
    for (file, text) in [
        ("content/runbooks/db.de.md", "# Datenbank umschalten\n\nDas Replikat befördern, dann Koalas zählen.\n"),
        ("content/runbooks/web.md", "# Web server\n\nRestart it, then count the wombats.\n"),
    ] {
        write(file, text);
        let outcome = session.rebuild(&[root.join(file)]).expect("rebuild");
        assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
        session.request_finish();
        wait_for_files(&mut session);
    }
    assert!(page(&session, "de/runbooks/db/index.html").is_some_and(|html| html.contains("Koalas")));
    assert!(page(&session, "runbooks/db/index.html").is_some_and(|html| !html.contains("Koalas")));
    for path in ["runbooks/web/index.html", "de/runbooks/web/index.html"] {
        assert!(page(&session, path).is_some_and(|html| html.contains("wombats")), "{path}");
    }
    let (ours, whole) = (index_files(&session), index_files(&start(&root)));
    assert!(ours.keys().any(|p| p.starts_with("de/search/t-")), "{:?}", ours.keys());
    let differing: Vec<&String> = whole.keys().filter(|p| ours.get(*p) != whole.get(*p)).collect();
    assert!(differing.is_empty() && ours.len() == whole.len(), "{differing:?} differ from a whole build's");
    let _ = std::fs::remove_dir_all(&root);
}

/// Waits until the session's finishing thread has made the files of the last rebuild.
fn wait_for_files(session: &mut Session) {
    let started = Instant::now();
    while session.is_finishing() {
        session.take_finished();
        assert!(started.elapsed() < Duration::from_secs(60), "the files never came");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The index files of `files` (not the search pages), by site path: every language's,
/// inflated (they are served gzip-compressed).
fn index_files_of(files: &super::files::SiteFiles) -> BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    files
        .iter()
        .filter(|(path, _)| path.split('/').any(|part| part == "search") && path.ends_with(".json"))
        .map(|(path, file)| {
            let bytes = file.read().expect("a file");
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut json).expect("gzip");
            (path.clone(), json)
        })
        .collect()
}

#[test]
fn an_edit_of_a_translation_updates_its_language_s_generated_pages_as_a_whole_build() {
    let root = std::env::temp_dir().join(format!("opsbook-index-edits-generated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/runbooks")).expect("folders");
    std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n")
        .expect("toml");
    let write = |path: &str, text: &str| std::fs::write(root.join(path), text).expect("page");
    let front = "kind: runbook\nowners: [dba]\ntags: [db]\nalerts: [DbDown]\n";
    write("content/_index.md", "# Home\n");
    write("content/runbooks/db.md", &format!("---\ntitle: Database failover\n{front}---\nPromote.\n"));
    write("content/runbooks/db.de.md", &format!("---\ntitle: Datenbank umschalten\n{front}---\nBefördern.\n"));
    let mut session = start(&root);
    let file = "content/runbooks/db.de.md";
    write(file, &format!("---\ntitle: Datenbank-Failover\n{front}---\nBefördern.\n"));
    let outcome = session.rebuild(&[root.join(file)]).expect("rebuild");
    assert!(!outcome.full && Outcome::ok(&session.problems), "{:?}", session.problems);
    session.request_finish();
    wait_for_files(&mut session);
    let html = |files: &super::files::SiteFiles| -> BTreeMap<String, Vec<u8>> {
        let pages = files.iter().filter(|(path, _)| path.ends_with(".html"));
        pages.map(|(path, file)| (path.clone(), file.read().expect("a file").to_vec())).collect()
    };
    let (ours, whole) = (html(&session.files), html(&start(&root).files));
    for path in ["de/tags/db/index.html", "de/owners/index.html", "de/alerts/index.html"] {
        let text = String::from_utf8_lossy(&ours[path]).into_owned();
        assert!(text.contains("Datenbank-Failover") && !text.contains("Datenbank umschalten"), "{path}: {text}");
    }
    let differing: Vec<&String> = whole.keys().filter(|p| ours.get(*p) != whole.get(*p)).collect();
    assert!(differing.is_empty() && ours.len() == whole.len(), "{differing:?} differ from a whole build's");
    let _ = std::fs::remove_dir_all(&root);
}
