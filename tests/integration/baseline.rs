//! `opsbook check --baseline`, `moved-without-redirect`, `--changed-pages` and `opsbook
//! routes`, on handbooks in temporary folders: a baseline from a first build (its
//! handbook.json) or a first check (its `--format json`), then a second state of the
//! handbook that renames a page, deletes one or breaks a link.

use crate::util;

use serde_json::Value;
use util::{Run, Site};

const BOOK: &str = "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.org/handbook/\"\n";

const HOME: &str =
    "---\ntitle: Home\n---\n\nStart with [the failover](runbooks/db-failover.md) or [the cache](runbooks/cache.md).\n";

const FAILOVER: &str = "---\ntitle: Database failover\nkind: runbook\n---\n\nPromote the replica in the other zone, \
    then point the service at it and watch the replication lag until it reaches zero.\n";

const CACHE: &str = "---\ntitle: Cache flush\n---\n\nFlush the cache with the admin tool when the hit ratio drops \
    below one half for an hour.\n";

const NOTES: &str = "---\ntitle: Queue notes\n---\n\nNotes about the legacy queue, its workers and the nightly \
    batch that nobody runs any more.\n";

/// The first state: a home page, two runbooks and a page of notes.
fn first_state(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[
            ("content/_index.md", HOME),
            ("content/runbooks/db-failover.md", FAILOVER),
            ("content/runbooks/cache.md", CACHE),
            ("content/runbooks/notes.md", NOTES),
        ],
    );
    site.write("book.toml", BOOK);
    site
}

/// Builds `site` and keeps its handbook.json as `baseline.json`, outside the content.
fn take_baseline(site: &Site) {
    site.build(&["--out", "public"]).expect_code(0);
    site.write("baseline.json", site.read("public/handbook.json"));
}

fn rename_failover(site: &Site) {
    std::fs::remove_file(site.root.join("content/runbooks/db-failover.md")).expect("remove a page");
    site.write("content/database/failover.md", FAILOVER);
    site.write("content/_index.md", HOME.replace("runbooks/db-failover.md", "database/failover.md"));
}

fn check(site: &Site, format: &str) -> Run {
    site.run(&["check", "--baseline", "baseline.json", "--format", format])
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn build_writes_what_a_baseline_needs_into_handbook_json() {
    let site = first_state("baseline-record");
    // A repeated key is a warning: the build succeeds and records it.
    site.write("content/runbooks/cache.md", CACHE.replace("title: Cache flush", "title: Cache\ntitle: Cache flush"));
    site.write(
        "content/runbooks/notes.md",
        NOTES.replace("title: Queue notes", "title: Queue notes\naliases: [/queue/]"),
    );
    take_baseline(&site);
    let handbook = json(&site.read("baseline.json"));
    let pages = handbook["pages"].as_array().expect("an array");
    let notes = pages.iter().find(|p| p["source"] == "content/runbooks/notes.md").expect("the notes page");
    assert_eq!(notes["path"], "runbooks/notes/");
    assert_eq!(notes["url"], "/handbook/runbooks/notes/");
    assert_eq!(notes["title"], "Queue notes");
    assert_eq!(notes["aliases"], serde_json::json!(["queue/"]));
    assert_eq!(notes["fingerprint"].as_str().expect("text").len(), 16);
    assert_eq!(notes["similarity"].as_str().expect("text").len(), 16);
    // The existing fields keep their place; the new ones come last.
    let keys: Vec<&str> = notes.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys[..4], ["url", "permalink", "source", "title"]);
    assert_eq!(keys[keys.len() - 4..], ["path", "aliases", "fingerprint", "similarity"]);
    let findings = handbook["findings"].as_array().expect("an array");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "duplicate-key");
    assert_eq!(findings[0]["path"], "content/runbooks/cache.md");
    assert_eq!(findings[0]["severity"], "warning");
}

#[test]
fn a_renamed_page_asks_for_its_alias_in_every_format() {
    let site = first_state("baseline-rename");
    take_baseline(&site);
    rename_failover(&site);

    let human = check(&site, "human");
    human.expect_code(1);
    assert!(
        human.stderr.contains(
            "error[moved-without-redirect] (new): the page /runbooks/db-failover/ (content/runbooks/db-failover.md in the baseline) \
             moved here (to /database/failover/, the same title) without a redirect from its old URL\n \
             --> content/database/failover.md\n  \
             = help: add \"aliases: [/runbooks/db-failover/]\" to content/database/failover.md\n"
        ),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("checked 6 pages in "), "{}", human.stderr);
    assert!(human.stderr.contains(": 1 error (1 new, 0 existing), 0 warnings"), "{}", human.stderr);

    let found = json(&check(&site, "json").expect_code(1).stdout);
    assert_eq!(found.as_array().expect("an array").len(), 1, "{found}");
    assert_eq!(found[0]["rule"], "moved-without-redirect");
    assert_eq!(found[0]["path"], "content/database/failover.md");
    assert_eq!(found[0]["baseline"], "new");
    assert_eq!(found[0]["help"], "add \"aliases: [/runbooks/db-failover/]\" to content/database/failover.md");

    let github = check(&site, "github");
    github.expect_code(1);
    assert!(
        github.stdout.starts_with(
            "::error file=content/database/failover.md,title=opsbook moved-without-redirect (new)::the page /runbooks/db-failover/"
        ),
        "{}",
        github.stdout
    );

    let gitlab = json(&check(&site, "gitlab").expect_code(1).stdout);
    assert_eq!(gitlab[0]["check_name"], "moved-without-redirect");
    assert_eq!(gitlab[0]["location"]["path"], "content/database/failover.md");
    assert!(gitlab[0]["description"].as_str().expect("text").starts_with("[new] the page /runbooks/db-failover/"));

    // Following the help fixes it.
    site.write(
        "content/database/failover.md",
        FAILOVER.replace("kind: runbook", "kind: runbook\naliases: [/runbooks/db-failover/]"),
    );
    check(&site, "human").expect_code(0);
}

#[test]
fn a_renamed_and_retitled_page_is_found_by_its_text() {
    let site = first_state("baseline-similar");
    take_baseline(&site);
    std::fs::remove_file(site.root.join("content/runbooks/db-failover.md")).expect("remove a page");
    site.write(
        "content/database/promote.md",
        FAILOVER.replace("title: Database failover", "title: Promote a replica").replace("other zone", "second zone"),
    );
    site.write("content/_index.md", HOME.replace("runbooks/db-failover.md", "database/promote.md"));
    let found = json(&check(&site, "json").expect_code(1).stdout);
    assert_eq!(found[0]["path"], "content/database/promote.md", "{found}");
    assert!(found[0]["message"].as_str().expect("text").contains("a similar text"), "{found}");
}

#[test]
fn a_deleted_page_asks_for_a_redirect_or_to_be_removed_knowingly() {
    let site = first_state("baseline-delete");
    take_baseline(&site);
    std::fs::remove_file(site.root.join("content/runbooks/notes.md")).expect("remove a page");

    let human = check(&site, "human");
    human.expect_code(1);
    assert!(
        human.stderr.contains(
            "error[moved-without-redirect] (new): the page /runbooks/notes/ (content/runbooks/notes.md in the baseline) \
             is gone, and no page looks like it\n --> book.toml\n  = help: add \"aliases: [/runbooks/notes/]\" to the \
             page that replaces it, or, if it is gone on purpose, add \"/runbooks/notes/\" to `removed-urls` under [check] \
             in book.toml\n"
        ),
        "{}",
        human.stderr
    );
    let found = json(&check(&site, "json").expect_code(1).stdout);
    assert_eq!((found[0]["path"].as_str(), found[0]["baseline"].as_str()), (Some("book.toml"), Some("new")));
    let github = check(&site, "github");
    assert!(github.stdout.starts_with("::error file=book.toml,title=opsbook moved-without-redirect (new)::"));
    let gitlab = json(&check(&site, "gitlab").expect_code(1).stdout);
    assert_eq!(gitlab[0]["location"]["path"], "book.toml");

    // Removed on purpose, with or without the base path.
    site.write("book.toml", format!("{BOOK}[check]\nremoved-urls = [\"/handbook/runbooks/notes/\"]\n"));
    check(&site, "human").expect_code(0);
    site.write("book.toml", format!("{BOOK}[check]\nremoved-urls = [\"/runbooks/notes/\"]\n"));
    check(&site, "human").expect_code(0);
    // Or redirected to another page.
    site.write("book.toml", BOOK);
    site.write(
        "content/runbooks/cache.md",
        CACHE.replace("title: Cache flush", "title: Cache flush\naliases: [/runbooks/notes/]"),
    );
    check(&site, "human").expect_code(0);
}

#[test]
fn an_alias_dropped_from_a_page_is_reported_at_the_page() {
    let site = first_state("baseline-alias");
    site.write(
        "content/runbooks/cache.md",
        CACHE.replace("title: Cache flush", "title: Cache flush\naliases: [/cache/]"),
    );
    take_baseline(&site);
    site.write("content/runbooks/cache.md", CACHE);
    let found = json(&check(&site, "json").expect_code(1).stdout);
    assert_eq!(found[0]["rule"], "moved-without-redirect");
    assert_eq!(found[0]["path"], "content/runbooks/cache.md");
    assert_eq!(found[0]["message"], "the alias /cache/ of this page in the baseline no longer redirects here");
    assert_eq!(found[0]["help"], "add \"aliases: [/cache/]\" to content/runbooks/cache.md");
}

#[test]
fn an_old_broken_link_is_existing_and_a_new_one_fails_in_every_format() {
    let site = first_state("baseline-links");
    site.write("content/runbooks/cache.md", format!("{CACHE}\nSee [the dashboard](dashboard.md).\n"));
    // The target branch has a broken link: its build fails, its check is the baseline.
    let first = site.run(&["check", "--format", "json"]);
    first.expect_code(1);
    site.write("baseline.json", &first.stdout);
    // Lines added above the old link, and a new broken link.
    site.write(
        "content/runbooks/cache.md",
        format!("{CACHE}\nFirst look at [the graphs](graphs.md).\n\nSee [the dashboard](dashboard.md).\n"),
    );

    let human = check(&site, "human");
    human.expect_code(1);
    let new_at = human
        .stderr
        .find("error[broken-link] (new): no page `content/runbooks/graphs.md`\n --> content/runbooks/cache.md:7:15");
    let old_at = human.stderr.find(
        "error[broken-link] (existing): no page `content/runbooks/dashboard.md`\n --> content/runbooks/cache.md:9:5",
    );
    assert!(new_at.is_some() && old_at.is_some(), "{}", human.stderr);
    assert!(human.stderr.contains("2 errors (1 new, 1 existing)"), "{}", human.stderr);

    let found = json(&check(&site, "json").expect_code(1).stdout);
    let marks: Vec<(&str, u64, &str)> = found
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            (
                d["message"].as_str().expect("text"),
                d["line"].as_u64().expect("a number"),
                d["baseline"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("no page `content/runbooks/graphs.md`", 7, "new"),
            ("no page `content/runbooks/dashboard.md`", 9, "existing")
        ]
    );

    let github = check(&site, "github");
    github.expect_code(1);
    assert!(
        github
            .stdout
            .contains("::error file=content/runbooks/cache.md,line=7,col=15,title=opsbook broken-link (new)::")
    );
    assert!(
        github
            .stdout
            .contains("::notice file=content/runbooks/cache.md,line=9,col=5,title=opsbook broken-link (existing)::"),
        "{}",
        github.stdout
    );

    let gitlab = json(&check(&site, "gitlab").expect_code(1).stdout);
    assert_eq!(gitlab[0]["description"], "[new] no page `content/runbooks/graphs.md`");
    assert_eq!(gitlab[1]["description"], "[existing] no page `content/runbooks/dashboard.md`");

    // Without the new one, only the existing one is left: it fails nothing.
    site.write("content/runbooks/cache.md", format!("{CACHE}\nFirst look.\n\nSee [the dashboard](dashboard.md).\n"));
    for format in ["human", "json", "github", "gitlab"] {
        check(&site, format).expect_code(0);
    }
    let human = check(&site, "human");
    assert!(human.stderr.contains("1 error (0 new, 1 existing)"), "{}", human.stderr);
    // Without the baseline, it fails as before.
    site.run(&["check"]).expect_code(1);
}

#[test]
fn a_new_broken_link_fails_even_where_links_are_warnings() {
    // A handbook in migration: `links = "warn"` on its main branch, whose build keeps
    // its broken link as a warning in handbook.json.
    let site = first_state("baseline-ratchet");
    site.write("book.toml", format!("{BOOK}\n[check]\nlinks = \"warn\"\n"));
    site.write("content/runbooks/cache.md", format!("{CACHE}\nSee [the dashboard](dashboard.md).\n"));
    take_baseline(&site);
    site.write(
        "content/runbooks/cache.md",
        format!("{CACHE}\nFirst look at [the graphs](graphs.md).\n\nSee [the dashboard](dashboard.md).\n"),
    );
    let human = check(&site, "human");
    human.expect_code(1);
    assert!(
        human.stderr.contains("error[broken-link] (new): no page `content/runbooks/graphs.md`"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("warning[broken-link] (existing): no page `content/runbooks/dashboard.md`"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("1 error (1 new, 0 existing), 1 warning (0 new, 1 existing)"), "{}", human.stderr);
    let github = check(&site, "github");
    github.expect_code(1);
    assert!(
        github
            .stdout
            .contains("::notice file=content/runbooks/cache.md,line=9,col=5,title=opsbook broken-link (existing)::")
    );
    // Without the new link the merge request passes; without a baseline, a warning.
    site.write("content/runbooks/cache.md", format!("{CACHE}\nFirst look.\n\nSee [the dashboard](dashboard.md).\n"));
    check(&site, "human").expect_code(0);
    site.write("content/runbooks/notes.md", format!("{NOTES}\n[gone](gone.md)\n"));
    let plain = site.run(&["check"]);
    plain.expect_code(0);
    assert!(plain.stderr.contains("warning[broken-link]"), "{}", plain.stderr);
}

#[test]
fn a_warning_recorded_in_handbook_json_is_existing() {
    let site = first_state("baseline-warnings");
    site.write("content/runbooks/cache.md", CACHE.replace("title: Cache flush", "title: Cache\ntitle: Cache flush"));
    take_baseline(&site);
    site.write("content/runbooks/notes.md", NOTES.replace("title: Queue notes", "title: Queue\ntitle: Queue notes"));
    let found = json(&check(&site, "json").expect_code(0).stdout);
    let marks: Vec<(&str, &str)> = found
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| (d["path"].as_str().expect("text"), d["baseline"].as_str().expect("text")))
        .collect();
    assert_eq!(marks, [("content/runbooks/cache.md", "existing"), ("content/runbooks/notes.md", "new")]);
}

#[test]
fn changed_pages_lists_what_the_change_touched() {
    let site = first_state("baseline-changed");
    take_baseline(&site);
    rename_failover(&site);
    std::fs::remove_file(site.root.join("content/runbooks/notes.md")).expect("remove a page");
    site.write("content/runbooks/dns.md", "---\ntitle: DNS\n---\n\nRestart the resolvers.\n");
    site.write("book.toml", format!("{BOOK}[check]\nremoved-urls = [\"/runbooks/notes/\"]\n"));
    let run = site.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--changed-pages",
        "changed-pages.json",
        "--base-url",
        "https://review.example.org/mr-7/",
    ]);
    run.expect_code(1);
    let changed = json(&site.read("changed-pages.json"));
    assert_eq!(changed["format"], 1);
    assert_eq!(changed["baseline"], "baseline.json");
    let rows: Vec<(&str, Option<&str>, Option<&str>, &str)> = changed["pages"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            (
                p["change"].as_str().expect("text"),
                p["url"].as_str(),
                p["old_url"].as_str(),
                p["title"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("added", Some("/mr-7/database/"), None, "Database"),
            ("added", Some("/mr-7/runbooks/dns/"), None, "DNS"),
            ("changed", Some("/mr-7/"), Some("/handbook/"), "Home"),
            ("moved", Some("/mr-7/database/failover/"), Some("/handbook/runbooks/db-failover/"), "Database failover"),
            ("removed", None, Some("/handbook/runbooks/notes/"), "Queue notes"),
        ]
    );
    let pages = changed["pages"].as_array().expect("an array");
    assert_eq!(pages[3]["source"], "content/database/failover.md");
    assert_eq!(pages[3]["old_source"], "content/runbooks/db-failover.md");
    assert_eq!(pages[3]["redirected"], false);
    assert_eq!(pages[4]["redirected"], true);

    // Nothing changed: an empty list.
    let same = first_state("baseline-unchanged");
    take_baseline(&same);
    same.run(&["check", "--baseline", "baseline.json", "--changed-pages", "out/changed.json"]).expect_code(0);
    assert_eq!(json(&same.read("out/changed.json"))["pages"], serde_json::json!([]));
}

#[test]
fn changed_pages_needs_a_baseline() {
    let site = first_state("baseline-changed-alone");
    let run = site.run(&["check", "--changed-pages", "changed.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--baseline <FILE>"), "{}", run.stderr);
    assert!(!site.exists("changed.json"));
}

#[test]
fn refuses_a_baseline_that_is_missing_unreadable_or_no_json() {
    let site = first_state("baseline-bad");
    let error = |file: &str| {
        let run = site.run(&["check", "--baseline", file]);
        run.expect_code(2);
        run.stderr
    };
    assert!(
        error("nowhere.json").starts_with("error: cannot read the baseline nowhere.json: "),
        "{}",
        error("nowhere.json")
    );
    assert!(error("content").starts_with("error: cannot read the baseline content: "), "{}", error("content"));
    site.write("page.html", "<html></html>");
    assert!(
        error("page.html").starts_with(
            "error: the baseline page.html is not JSON (expected value at line 1 column 1); give the handbook.json of the \
             target branch's build, or what `opsbook check --format json` printed there"
        ),
        "{}",
        error("page.html")
    );
    site.write("other.json", "{\"alerts\": []}");
    assert!(error("other.json").contains("is JSON, but neither a handbook.json nor a list of findings"));
    site.write("list.json", "[1, 2]");
    assert!(
        error("list.json").contains("the baseline list.json is a list, but not of findings"),
        "{}",
        error("list.json")
    );
}

#[test]
fn reads_a_handbook_json_without_paths_by_its_urls() {
    let site = first_state("baseline-old-format");
    take_baseline(&site);
    let mut handbook = json(&site.read("baseline.json"));
    for page in handbook["pages"].as_array_mut().expect("an array") {
        let page = page.as_object_mut().expect("an object");
        for key in ["path", "aliases", "fingerprint", "similarity"] {
            page.remove(key);
        }
    }
    handbook.as_object_mut().expect("an object").remove("findings");
    site.write("baseline.json", serde_json::to_string(&handbook).expect("JSON"));
    check(&site, "human").expect_code(0);
    rename_failover(&site);
    let found = json(&check(&site, "json").expect_code(1).stdout);
    assert_eq!(found[0]["help"], "add \"aliases: [/runbooks/db-failover/]\" to content/database/failover.md");
}

#[test]
fn routes_prints_every_page_in_every_format() {
    let site = first_state("baseline-routes");
    let human = site.run(&["routes"]);
    human.expect_code(0);
    assert_eq!(
        human.stdout,
        "content/_index.md -> /handbook/\n\
         (generated) -> /handbook/runbooks/\n\
         content/runbooks/cache.md -> /handbook/runbooks/cache/\n\
         content/runbooks/db-failover.md -> /handbook/runbooks/db-failover/\n\
         content/runbooks/notes.md -> /handbook/runbooks/notes/\n"
    );
    let gitlab = site.run(&["routes", "--format", "gitlab"]);
    gitlab.expect_code(0);
    assert_eq!(
        gitlab.stdout,
        "# The route map of GitLab review apps, written by `opsbook routes --format gitlab`.\n\
         - source: 'content/_index.md'\n  public: 'index.html'\n\
         - source: 'content/runbooks/cache.md'\n  public: 'runbooks/cache/'\n\
         - source: 'content/runbooks/db-failover.md'\n  public: 'runbooks/db-failover/'\n\
         - source: 'content/runbooks/notes.md'\n  public: 'runbooks/notes/'\n"
    );
    let routes = json(&site.run(&["routes", "--format", "json", "--base-url", "/mr-7/"]).expect_code(0).stdout);
    assert_eq!(routes.as_array().expect("an array").len(), 5);
    assert_eq!(
        routes[2],
        serde_json::json!({
            "source": "content/runbooks/cache.md",
            "repository_source": "content/runbooks/cache.md",
            "path": "runbooks/cache/",
            "url": "/mr-7/runbooks/cache/",
            "title": "Cache flush"
        })
    );
}

#[test]
fn routes_name_sources_from_the_repository_root() {
    let repository = Site::empty("baseline-routes-repo");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(&repository.root).status();
    assert!(git.expect("run git").success());
    repository.write("docs/book.toml", BOOK);
    repository.write("docs/content/runbooks/cache.md", CACHE);
    let run = repository.run(&["routes", "--root", "docs", "--format", "gitlab"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("- source: 'docs/content/runbooks/cache.md'\n  public: 'runbooks/cache/'\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn routes_stops_at_what_stops_a_check() {
    let site = Site::empty("baseline-routes-none");
    let run = site.run(&["routes"]);
    run.expect_code(2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn a_public_handbook_json_names_no_internal_file_among_its_findings() {
    let site = Site::with_files(
        "baseline-internal-findings",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\n\nSee [the public page](public.md).\n"),
            ("content/public.md", "---\ntitle: Public\n---\n\nA [broken link](missing-public.md).\n"),
            (
                "content/secret.md",
                "---\ntitle: Secret\nvisibility: internal\n---\n\nA [broken link](missing-secret.md).\n",
            ),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    site.build(&["--out", "public"]).expect_code(0);
    let findings = json(&site.read("public/handbook.json"))["findings"].to_string();
    assert!(findings.contains("content/public.md"), "{findings}");
    assert!(!findings.contains("secret"), "{findings}");
    site.build(&["--out", "internal", "--audience", "internal"]).expect_code(0);
    let findings = json(&site.read("internal/handbook.json"))["findings"].to_string();
    assert!(findings.contains("content/secret.md"), "{findings}");
}
