//! The incremental rebuild driven directly, without a server: a site built into memory,
//! files edited on disk, [`rebuild`] asked to follow.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::*;
use crate::config::Overrides;
use crate::pipeline::build_into;

/// A sink that keeps what is written, by site path.
#[derive(Default)]
struct Files(Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Files {
    fn write(&self, site_path: &str, contents: crate::site::Public<&[u8]>) -> anyhow::Result<()> {
        self.0.lock().expect("files").insert(site_path.to_string(), contents.get().to_vec());
        Ok(())
    }

    fn copy(&self, from: crate::site::Public<&crate::fs::Confined>, site_path: &str) -> anyhow::Result<()> {
        let contents = std::fs::read(from.get().path())?;
        self.write(site_path, from.map(|_| contents.as_slice()))
    }
}

impl Files {
    fn text(&self, site_path: &str) -> String {
        let files = self.0.lock().expect("files");
        String::from_utf8_lossy(files.get(site_path).map_or(&[][..], Vec::as_slice)).into_owned()
    }

    fn paths(&self) -> Vec<String> {
        self.0.lock().expect("files").keys().cloned().collect()
    }
}

/// A copy of the model fixture in a fresh temporary folder.
fn model_copy(name: &str) -> crate::test_support::TempFolder {
    crate::test_support::fixture_copy("model", &format!("incremental-{name}"))
}

fn overrides() -> Overrides {
    Overrides { base_url: Some("http://127.0.0.1:3000/".into()), ..Overrides::default() }
}

fn built(root: &Path) -> (BuiltSite, Files) {
    let files = Files::default();
    let built = build_into(root, &overrides(), &Default::default(), &files).expect("build");
    (built, files)
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join("content").join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).expect("write");
}

#[test]
fn rebuilds_an_edited_page_as_a_whole_build_renders_it() {
    let root = model_copy("edit");
    let (mut site, _) = built(&root);
    edit(&root, "runbooks/cache.md", "Flush it.", "Flush it now.");
    let written = Files::default();
    let Rebuild::Done { rendered } = rebuild(&mut site, &["runbooks/cache.md".into()], &written) else {
        panic!("an edit of the body took another path")
    };
    assert_eq!(rendered, written.paths().len());
    assert!(written.text("runbooks/cache/index.html").contains("Flush it now."));
    let (fresh, fresh_files) = built(&root);
    for path in written.paths() {
        assert_eq!(written.text(&path), fresh_files.text(&path), "{path}");
    }
    // The records kept are those of a whole build.
    let id = site.site.page_by_path("runbooks/cache.md").expect("the page");
    assert_eq!(site.pages[id].content_at, fresh.pages[id].content_at);
    assert_eq!(site.pages[id].scan.links, fresh.pages[id].scan.links);
    assert_eq!(site.page_count(), fresh.page_count());
}

#[test]
fn an_edited_page_s_text_reaches_the_print_pages_of_its_sections() {
    // /print/<section>/ shows the whole content of the pages beneath it.
    let root = model_copy("print");
    let (mut site, _) = built(&root);
    edit(&root, "runbooks/cache.md", "Flush it.", "Flush it twice.");
    let written = Files::default();
    let Rebuild::Done { .. } = rebuild(&mut site, &["runbooks/cache.md".into()], &written) else {
        panic!("an edit of the body took another path")
    };
    assert!(written.text("print/runbooks/index.html").contains("Flush it twice."));
    assert!(!written.paths().contains(&"print/rca/index.html".to_string()), "{:?}", written.paths());
    let (_, fresh_files) = built(&root);
    assert_eq!(written.text("print/runbooks/index.html"), fresh_files.text("print/runbooks/index.html"));
}

#[test]
fn an_error_keeps_the_last_good_site() {
    let root = model_copy("error");
    let (mut site, _) = built(&root);
    let id = site.site.page_by_path("runbooks/cache.md").expect("the page");
    let before = site.site.pages[id].rendered.html.clone();
    edit(&root, "runbooks/cache.md", "(db.md)", "(nowhere.md)");
    let Rebuild::Failed { diagnostics } = rebuild(&mut site, &["runbooks/cache.md".into()], &Files::default()) else {
        panic!("a broken link did not fail the rebuild")
    };
    let error = diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(error.path, "content/runbooks/cache.md");
    assert_eq!(site.site.pages[id].rendered.html, before);
    assert!(site.warnings.iter().all(|d| !d.is_error()));
}

#[test]
fn changes_to_the_site_s_shape_ask_for_a_whole_build() {
    let root = model_copy("shape");
    let (mut site, _) = built(&root);
    // A page the site does not have.
    assert!(matches!(rebuild(&mut site, &["runbooks/new.md".into()], &Files::default()), Rebuild::Whole));
    // A new tag: the tags page gets a page more.
    edit(&root, "runbooks/cache.md", "tags: [cache]", "tags: [cache, redis]");
    let written = Files::default();
    assert!(matches!(rebuild(&mut site, &["runbooks/cache.md".into()], &written), Rebuild::Whole));
    assert!(written.paths().is_empty());
    edit(&root, "runbooks/cache.md", "tags: [cache, redis]", "tags: [cache]\ndraft: true");
    assert!(matches!(rebuild(&mut site, &["runbooks/cache.md".into()], &Files::default()), Rebuild::Whole));
    // A redirect: the page publishes something else.
    edit(&root, "runbooks/cache.md", "tags: [cache]\ndraft: true", "tags: [cache]\nredirect_to: db.md");
    assert!(matches!(rebuild(&mut site, &["runbooks/cache.md".into()], &Files::default()), Rebuild::Whole));
}

#[test]
fn a_navigation_group_is_a_whole_build_only_where_it_groups() {
    // `section` is any handbook's own field, but in a Middleman handbook, where it groups
    // the page's level: its siblings' navigation and its section's list change.
    let root = model_copy("groups");
    let (mut site, _) = built(&root);
    edit(&root, "runbooks/cache.md", "tags: [cache]", "tags: [cache]\nsection: Caches");
    assert!(matches!(rebuild(&mut site, &["runbooks/cache.md".into()], &Files::default()), Rebuild::Done { .. }));
    std::fs::write(root.join("config.rb"), "activate :tech_docs\n").expect("write");
    edit(&root, "runbooks/cache.md", "tags: [cache]\nsection: Caches", "tags: [cache]");
    let (mut site, _) = built(&root);
    edit(&root, "runbooks/cache.md", "tags: [cache]", "tags: [cache]\nsection: Caches");
    assert!(matches!(rebuild(&mut site, &["runbooks/cache.md".into()], &Files::default()), Rebuild::Whole));
}

#[test]
fn a_runbook_answering_other_alerts_asks_for_a_whole_build() {
    let root = model_copy("alerts");
    let (mut site, _) = built(&root);
    // Text beside the alerts: a fast rebuild, and the registry stays.
    edit(&root, "runbooks/db.md", "alerts: [PostgresPrimaryDown]", "alerts: [PostgresPrimaryDown]\ndescription: x");
    assert!(matches!(rebuild(&mut site, &["runbooks/db.md".into()], &Files::default()), Rebuild::Done { .. }));
    // A new alert: its redirect, /alerts/ and alerts.json need the whole build.
    edit(&root, "runbooks/db.md", "alerts: [PostgresPrimaryDown]", "alerts: [PostgresPrimaryDown, PostgresLagHigh]");
    let written = Files::default();
    assert!(matches!(rebuild(&mut site, &["runbooks/db.md".into()], &written), Rebuild::Whole));
    assert!(written.paths().is_empty());
    // An alert moved to another runbook.
    edit(&root, "runbooks/db.md", "alerts: [PostgresPrimaryDown, PostgresLagHigh]", "alerts: []");
    edit(&root, "runbooks/cache.md", "service: session-cache", "service: session-cache\nalerts: [PostgresPrimaryDown]");
    let paths = ["runbooks/db.md".to_string(), "runbooks/cache.md".to_string()];
    assert!(matches!(rebuild(&mut site, &paths, &Files::default()), Rebuild::Whole));
}

#[test]
fn only_the_handbook_s_sources_are_relevant() {
    let root = Path::new("/h");
    let out = Path::new("/h/public");
    for path in ["content/a.md", "content/img/x.png", "templates/page.html", "static/s.css", "themes/t/x", "book.toml"]
        .iter()
        .chain(&["CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"])
        .chain(&["mkdocs.yml", "sidebars.js", "docusaurus.config.ts", "content/.nav.yml", "content/ops/.nav.yml"])
        .chain(&["content/.pages", "content/ops/.pages"])
    {
        assert!(is_relevant(root, "content", out, &root.join(path)), "{path}");
    }
    for path in [
        "public/index.html",
        "content/.a.md.swp",
        "content/a.md~",
        ".git/index",
        "docs/x.md",
        "README.md",
        "docs/mkdocs.yml",
        ".nav.yml",
        "content/.git/.nav.yml",
        ".pages",
        "content/.git/.pages",
    ] {
        assert!(!is_relevant(root, "content", out, &root.join(path)), "{path}");
    }
    assert!(!is_relevant(root, "content", out, Path::new("/elsewhere/content/a.md")));
}

#[test]
fn a_content_folder_of_another_name_is_relevant_and_content_is_not() {
    let root = Path::new("/h");
    let out = Path::new("/h/public");
    assert!(is_relevant(root, "docs/en", out, &root.join("docs/en/a.md")));
    assert!(is_relevant(root, "src", out, &root.join("src/SUMMARY.md")));
    assert!(!is_relevant(root, "src", out, &root.join("content/a.md")));
    assert!(!is_relevant(root, "docs/en", out, &root.join("docs/fr/a.md")));
    assert!(!is_relevant(root, "src", out, &root.join("src/.a.md.swp")));
}

/// The runbooks a review cites, by alert or by service, list it; a review
/// citing others renders the runbooks whose list changed, as a whole build does.
#[test]
fn a_review_citing_other_services_or_alerts_renders_the_runbooks_listing_it() {
    let root = model_copy("incidents");
    edit(&root, "rca/cert-expiry.md", "severity: SEV2", "severity: SEV2\nalerts: [PostgresPrimaryDown]");
    let (mut site, _) = built(&root);
    let follows = |site: &mut BuiltSite, page: &str, runbooks: &[&str]| {
        let written = Files::default();
        let Rebuild::Done { .. } = rebuild(site, &[page.into()], &written) else { panic!("{page} took another path") };
        let (_, fresh) = built(&root);
        for runbook in runbooks {
            let ours = written.text(runbook);
            assert!(!ours.is_empty(), "{runbook} was not rendered again");
            assert_eq!(ours, fresh.text(runbook), "{runbook}");
        }
    };
    // Another service: the runbook of that service lists it, then no more.
    edit(&root, "rca/dns-outage.md", "services: [dns-resolver, edge-proxy]", "services: [ledger-db]");
    follows(&mut site, "rca/dns-outage.md", &["runbooks/db/index.html"]);
    edit(&root, "rca/dns-outage.md", "services: [ledger-db]", "services: [dns-resolver, edge-proxy]");
    follows(&mut site, "rca/dns-outage.md", &["runbooks/db/index.html"]);
    // An alert no runbook answers: the runbook answering the previous one lists it no
    // more.
    edit(&root, "rca/cert-expiry.md", "alerts: [PostgresPrimaryDown]", "alerts: [QueueBacklog]");
    follows(&mut site, "rca/cert-expiry.md", &["runbooks/db/index.html"]);
    // The same alerts, another severity: the runbook listing it is rendered again.
    edit(&root, "rca/cert-expiry.md", "alerts: [QueueBacklog]", "alerts: [PostgresPrimaryDown]");
    edit(&root, "rca/cert-expiry.md", "severity: SEV2", "severity: SEV4");
    let written = Files::default();
    let Rebuild::Done { .. } = rebuild(&mut site, &["rca/cert-expiry.md".into()], &written) else {
        panic!("a new severity took another path")
    };
    let runbook = written.text("runbooks/db/index.html");
    assert!(runbook.contains(r#"<span class="severity severity-sev4">SEV4</span>"#), "{runbook}");
    let (_, fresh) = built(&root);
    assert_eq!(runbook, fresh.text("runbooks/db/index.html"));
}

#[test]
fn an_index_page_that_customises_a_generated_page_asks_for_a_whole_build() {
    let root = model_copy("customised");
    std::fs::create_dir_all(root.join("content/tags")).expect("folder");
    std::fs::write(root.join("content/tags/_index.md"), "---\ntitle: Topics\n---\n\nEvery topic.\n").expect("write");
    let (mut site, _) = built(&root);
    let id = site.site.page_by_path("tags/_index.md").expect("the customising page");
    assert!(site.site.pages[id].origin.is_generated(), "the tags page is customised, not a content section");
    edit(&root, "tags/_index.md", "Every topic.", "Every topic we write about.");
    let written = Files::default();
    assert!(matches!(rebuild(&mut site, &["tags/_index.md".into()], &written), Rebuild::Whole));
    assert!(written.paths().is_empty());
}

/// An edit that changes the status page's model (an incident's status) shows
/// on `/status/`, the API and the badges: a whole build; an edit of its text only is
/// a fast rebuild.
#[test]
fn an_incident_changing_the_status_model_asks_for_a_whole_build() {
    let root = crate::test_support::fixture_copy("status-basic", "incremental-status");
    let (mut site, _) = built(&root);
    edit(&root, "status/api-errors.md", "Some API requests fail", "Some API calls fail");
    let written = Files::default();
    assert!(matches!(rebuild(&mut site, &["status/api-errors.md".into()], &written), Rebuild::Done { .. }));
    assert!(written.text("status/api-errors/index.html").contains("Some API calls fail"));
    edit(&root, "status/api-errors.md", "status: identified", "status: monitoring");
    let written = Files::default();
    assert!(matches!(rebuild(&mut site, &["status/api-errors.md".into()], &written), Rebuild::Whole));
    assert!(written.paths().is_empty());
}

/// A tag's slug, name and pages.
type TagLists = Vec<(String, String, Vec<PageId>)>;

/// The backlinks of every page of `site`, and its tags with their names and pages.
fn arrangement(site: &Site) -> (Vec<Vec<PageId>>, TagLists) {
    let backlinks = site.pages.iter().map(|page| page.backlinks.clone()).collect();
    let tags =
        site.indexes.tags.iter().map(|(slug, tag)| (slug.clone(), tag.name.clone(), tag.pages.clone())).collect();
    (backlinks, tags)
}

#[test]
fn a_section_weight_moving_it_orders_backlinks_and_tags_as_a_whole_build() {
    // A weight that changes the reading order re-sorts the lists kept in it
    // (backlinks, tag and owner lists, a tag's name on a tie) rather than reading every
    // link again; the result is a whole build's.
    let root = model_copy("section-weight");
    let (mut site, _) = built(&root);
    let before = site.site.order.clone();
    let name_before = site.site.indexes.tags["database"].name.clone();
    // Weighted sections come first, lower first: the incidents, then the runbooks, then
    // the others by title (the guides among them).
    edit(&root, "runbooks/_index.md", "title: Runbooks\n", "title: Runbooks\nweight: 50\n");
    edit(&root, "rca/_index.md", "title: Incident reviews\n", "title: Incident reviews\nweight: -5\n");
    let written = Files::default();
    let changed = ["runbooks/_index.md".to_string(), "rca/_index.md".to_string()];
    let Rebuild::Done { .. } = rebuild(&mut site, &changed, &written) else { panic!("a weight took another path") };
    let (fresh, fresh_files) = built(&root);
    assert_ne!(site.site.order, before, "the edit moves the sections");
    assert_eq!(site.site.order, fresh.site.order);
    assert_eq!(arrangement(&site.site), arrangement(&fresh.site));
    // Both spellings of `database` are used once: the earlier in reading order names it,
    // and the runbooks moved before the guides.
    assert_ne!(site.site.indexes.tags["database"].name, name_before);
    for path in written.paths() {
        assert_eq!(written.text(&path), fresh_files.text(&path), "{path}");
    }
}

#[test]
fn a_title_edit_leaving_pages_stale_keeps_their_link_warnings_as_a_whole_build() {
    // A title or weight changes no page's anchors, so the links of the pages
    // left stale are not checked again; their warnings stay those of a whole build.
    let root = model_copy("stale-warnings");
    let book = root.join("book.toml");
    let config = std::fs::read_to_string(&book).expect("book.toml");
    std::fs::write(&book, format!("{config}\n[check]\nlinks = \"warn\"\n")).expect("write");
    edit(&root, "policies/access.md", "---\n\n", "---\n\nSee [the steps](../runbooks/cache.md#no-such-step).\n\n");
    let (mut site, _) = built(&root);
    let warned = |built: &BuiltSite| {
        built.warnings.iter().filter(|d| d.message.contains("no-such-step")).map(|d| d.path.clone()).collect::<Vec<_>>()
    };
    assert_eq!(warned(&site), ["content/policies/access.md"]);
    edit(&root, "runbooks/_index.md", "title: Runbooks", "title: Runbooks and procedures");
    let mut defer = Defer { above: Some(0), ..Defer::default() };
    let written = Files::default();
    let changed = ["runbooks/_index.md".to_string()];
    let Rebuild::Done { .. } = rebuild_deferring(&mut site, &changed, &written, None, &mut defer) else {
        panic!("a section title took another path")
    };
    let access = site.site.page_by_path("policies/access.md").expect("the page");
    assert!(defer.later.contains_key(&access), "the policy's navigation lists the runbooks: left stale");
    let (fresh, _) = built(&root);
    assert_eq!(warned(&site), warned(&fresh));
    assert_eq!(site.warnings, fresh.warnings);
}

/// The model of `site` by site path, page ids read as the site paths they stand for:
/// each page's title, kind, owners, fields, review state, place, links and backlinks;
/// the reading order, tags, owners, aliases and alerts.
fn model_by_path(site: &Site) -> Vec<String> {
    let path = |id: PageId| site.pages[id].site_path.clone();
    let paths = |ids: &[PageId]| ids.iter().map(|&id| path(id)).collect::<Vec<_>>();
    let mut lines: Vec<String> = site
        .pages
        .iter()
        .map(|page| {
            format!(
                "/{} {:?} kind={} owners={:?} values={:?} review={:?} origin={:?} parent={:?} children={:?} \
                 links={:?} backlinks={:?}",
                page.site_path,
                page.title,
                page.kind,
                page.owners,
                page.values,
                page.review,
                page.origin,
                page.parent.map(path),
                paths(&page.children),
                page.link_targets().map(path).collect::<Vec<_>>(),
                paths(&page.backlinks),
            )
        })
        .collect();
    lines.sort();
    lines.push(format!("order {:?}", paths(&site.order)));
    for (slug, tag) in &site.indexes.tags {
        lines.push(format!("tag {slug} {} at /{} {:?}", tag.name, path(tag.page), paths(&tag.pages)));
    }
    for (slug, owner) in &site.indexes.owners {
        lines.push(format!("owner {slug} {} {:?}", owner.name, paths(&owner.pages)));
    }
    lines.extend(site.aliases.iter().map(|(from, id)| format!("alias {from} -> /{}", path(*id))));
    lines.extend(site.alerts().iter().map(|(name, claim)| format!("alert {name} -> /{}", path(claim.page))));
    lines
}

/// Every diagnostic of a site, as printed, in order.
fn printed(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut printed: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    printed.sort();
    printed
}

/// A page added, renamed or deleted reuses the model of the other pages
/// (owners, kinds, fields, review dates) and keeps their bodies, their links' page ids
/// mapped: the model, the claims and the warnings are those of a whole build.
#[test]
fn pages_added_renamed_and_deleted_give_the_model_of_a_whole_build() {
    let root = model_copy("reshape-model");
    let (mut site, _) = built(&root);
    let write = |file: &str, text: &str| std::fs::write(root.join("content").join(file), text).expect("write");
    // Before every runbook in the walk: every page after it gets another page id. Owned
    // through CODEOWNERS, reviewed, tagged with a tag of its own and one of another page,
    // linking to pages after it.
    write(
        "runbooks/aaa-new.md",
        "---\ntitle: New runbook\nservice: new-service\ntags: [fresh, cache]\nlast_reviewed: 2026-01-02\n---\n\
         See [the cache](cache.md) and [the queue](queue.md).\n",
    );
    let steps: [(&[&str], &[&str]); 3] = [
        (&["runbooks/aaa-new.md"], &[]),
        (&["runbooks/zzz-new.md"], &["runbooks/aaa-new.md"]),
        (&[], &["runbooks/zzz-new.md"]),
    ];
    let mut shifted = false;
    for (added, removed) in steps {
        if let (Some(to), Some(from)) = (added.first(), removed.first()) {
            std::fs::rename(root.join("content").join(from), root.join("content").join(to)).expect("rename");
        } else if let Some(gone) = removed.first() {
            std::fs::remove_file(root.join("content").join(gone)).expect("remove");
        }
        let added: Vec<String> = added.iter().map(|p| p.to_string()).collect();
        let removed: Vec<String> = removed.iter().map(|p| p.to_string()).collect();
        let written = Files::default();
        let outcome = shape::reshape(&mut site, &added, &removed, &written, None, &mut Defer::default());
        assert!(matches!(outcome, shape::Reshape::Done { .. }), "{added:?} {removed:?}: {outcome:?}");
        let (fresh, _) = built(&root);
        assert_eq!(model_by_path(&site.site), model_by_path(&fresh.site), "after {added:?} {removed:?}");
        assert_eq!(printed(&site.warnings), printed(&fresh.warnings), "after {added:?} {removed:?}");
        shifted |= site.site.pages.iter().any(|page| page.link_ids.is_some());
    }
    assert!(shifted, "no kept body's page ids shifted");
}

/// The claims on output files name their owner only when two clash; a page
/// added or renamed onto the file of a copied file is reported with the messages of a
/// whole build, and the clash gone builds the whole build's site again.
#[test]
fn a_page_added_or_renamed_onto_a_taken_file_reports_the_clash_of_a_whole_build() {
    let root = model_copy("reshape-clash");
    let content = root.join("content");
    std::fs::create_dir_all(content.join("runbooks/notes")).expect("mkdir");
    std::fs::write(content.join("runbooks/notes/index.html"), "<p>Notes</p>\n").expect("write");
    let (mut site, _) = built(&root);
    let whole = |root: &Path| match build_into(root, &overrides(), &Default::default(), &Files::default()) {
        Err(crate::diagnostic::Failure::Content(diagnostics)) => printed(&diagnostics),
        other => panic!("a whole build succeeded or failed otherwise: {:?}", other.map(|_| ())),
    };
    let reshape = |site: &mut BuiltSite, added: &[&str], removed: &[&str]| {
        let added: Vec<String> = added.iter().map(|p| p.to_string()).collect();
        let removed: Vec<String> = removed.iter().map(|p| p.to_string()).collect();
        shape::reshape(site, &added, &removed, &Files::default(), None, &mut Defer::default())
    };
    let clash = "is already taken by `content/runbooks/notes.md`";
    let fails_as_a_whole_build = |site: &mut BuiltSite, added: &[&str], removed: &[&str]| {
        let expected = whole(&root);
        assert!(expected.iter().any(|line| line.contains(clash)), "{expected:#?}");
        let outcome = reshape(site, added, removed);
        let shape::Reshape::Failed { diagnostics } = outcome else { panic!("{added:?} {removed:?}: {outcome:?}") };
        assert_eq!(printed(&diagnostics), expected, "{added:?} {removed:?}");
    };
    let builds_as_a_whole_build = |site: &mut BuiltSite, added: &[&str], removed: &[&str]| {
        let outcome = reshape(site, added, removed);
        assert!(matches!(outcome, shape::Reshape::Done { .. }), "{added:?} {removed:?}: {outcome:?}");
        let (fresh, _) = built(&root);
        assert_eq!(model_by_path(&site.site), model_by_path(&fresh.site));
        assert_eq!(printed(&site.warnings), printed(&fresh.warnings));
    };
    // Added onto the copied file's URL.
    std::fs::write(content.join("runbooks/notes.md"), "---\ntitle: Notes\nservice: notes\n---\nText.\n")
        .expect("write");
    fails_as_a_whole_build(&mut site, &["runbooks/notes.md"], &[]);
    std::fs::remove_file(content.join("runbooks/notes.md")).expect("remove");
    // Added elsewhere, then renamed onto it.
    std::fs::write(content.join("runbooks/other.md"), "---\ntitle: Notes\nservice: notes\n---\nText.\n")
        .expect("write");
    builds_as_a_whole_build(&mut site, &["runbooks/other.md"], &[]);
    std::fs::rename(content.join("runbooks/other.md"), content.join("runbooks/notes.md")).expect("rename");
    fails_as_a_whole_build(&mut site, &["runbooks/notes.md"], &["runbooks/other.md"]);
    // Back, then deleted.
    std::fs::rename(content.join("runbooks/notes.md"), content.join("runbooks/other.md")).expect("rename");
    std::fs::remove_file(content.join("runbooks/other.md")).expect("remove");
    builds_as_a_whole_build(&mut site, &[], &["runbooks/other.md"]);
}

/// A page added after another page's title was edited keeps the edit: the
/// walk kept by the model holds the page as first read, and only the pages read again
/// since (`Site::read_again`) are taken from the model, not every page looked up.
#[test]
fn a_page_added_after_an_edit_keeps_the_edited_page_as_a_whole_build_has_it() {
    let root = model_copy("edit-then-add");
    let (mut site, _) = built(&root);
    edit(&root, "runbooks/cache.md", "title: Cache flush", "title: Cache flush, edited");
    let written = Files::default();
    let outcome = rebuild(&mut site, &["runbooks/cache.md".into()], &written);
    assert!(matches!(outcome, Rebuild::Done { .. }), "{outcome:?}");
    std::fs::write(root.join("content/runbooks/aaa-new.md"), "---\ntitle: New runbook\nservice: new\n---\nNew.\n")
        .expect("write");
    let added = ["runbooks/aaa-new.md".to_string()];
    let outcome = shape::reshape(&mut site, &added, &[], &Files::default(), None, &mut Defer::default());
    assert!(matches!(outcome, shape::Reshape::Done { .. }), "{outcome:?}");
    let id = site.site.page_by_path("runbooks/cache.md").expect("the page");
    assert_eq!(site.site.pages[id].title, "Cache flush, edited");
    let (fresh, _) = built(&root);
    assert_eq!(model_by_path(&site.site), model_by_path(&fresh.site));
}

/// A Jekyll handbook's lists of pages: an edit takes the fast path until a template
/// has read a list (`site.posts`), then every edit is a whole build, since any page may
/// show the edited one; an edit that makes a template read a list first is one too.
#[test]
fn a_jekyll_handbook_builds_whole_once_its_lists_are_read() {
    let root = crate::test_support::temp_dir("incremental-jekyll-lists");
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    write("book.toml", "[handbook]\ntitle = \"T\"\n");
    write("_config.yml", "title: T\n");
    write("content/index.md", "---\ntitle: Home\n---\nWelcome to {{ site.title }}.\n");
    write("content/_posts/2026-01-02-outage.md", "---\ntitle: Outage\n---\nDown.\n");
    let (mut site, _) = built(&root);
    edit(&root, "index.md", "Welcome", "Hello");
    let fast = rebuild(&mut site, &["index.md".into()], &Files::default());
    assert!(matches!(fast, Rebuild::Done { .. }), "{fast:?}");
    // The edit reads a list: the lists hold the pages as the first build read them.
    edit(&root, "index.md", "Hello", "{% for p in site.posts %}{{ p.title }}{% endfor %}");
    let first_read = rebuild(&mut site, &["index.md".into()], &Files::default());
    assert!(matches!(first_read, Rebuild::Whole), "{first_read:?}");
    let (mut site, _) = built(&root);
    edit(&root, "_posts/2026-01-02-outage.md", "Down.", "Up.");
    let listed = rebuild(&mut site, &["_posts/2026-01-02-outage.md".into()], &Files::default());
    assert!(matches!(listed, Rebuild::Whole), "{listed:?}");
}
