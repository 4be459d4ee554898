//! The session's tests: fast rebuilds serve what whole builds serve.

use std::collections::BTreeMap;

use crate::serve::files::Served;

use super::*;

/// A copy of the model fixture in a fresh temporary folder.
fn model_copy(name: &str) -> crate::test_support::TempFolder {
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
}

#[test]
fn serve_counts_the_pages_as_build_and_check_do() {
    let root = model_copy("count");
    let session = start(&root);
    let out = root.join("public");
    let overrides = Overrides { output_dir: Some(out), ..Overrides::default() };
    let built = crate::pipeline::build(&root, &overrides, &Default::default()).expect("build");
    let checked = crate::pipeline::check(&root, &overrides, &Default::default()).expect("check");
    assert_eq!(session.page_count(), built.pages);
    assert_eq!(session.page_count(), checked.pages);
    assert!(session.site().is_some_and(|site| site.pages.len() > built.pages), "the fixture has index pages");
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
}

#[test]
fn a_renamed_page_that_others_link_to_keeps_the_last_good_site_until_renamed_back() {
    let root = model_copy("rename-linked");
    let mut session = start(&root);
    let from = edit(&root, "content/runbooks/cache.md", "is related.", "is related; [access](../policies/access.md).");
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
}
