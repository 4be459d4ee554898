//! Item 4: the status page as a site of its own
//! (`opsbook build --status-site`), for a host such as `status.example.org`, where
//! Atlassian's status widget asks for `/api/v2/summary.json` at the root. Built by the
//! real binary from the `status-basic` fixture at a pinned `SOURCE_DATE_EPOCH`: the
//! page at the root, the API, feeds, badges and headers there, the status site's own
//! chrome, incident pages without owners or edit links, links back to the handbook
//! only with `[status] handbook-url`, and nothing internal.

use crate::util;

use serde_json::Value;
use util::{Run, Site};

/// 2026-11-15T12:00:00Z.
const NOW: &str = "1794744000";

fn run_at(site: &Site, args: &[&str]) -> Run {
    site.run_at_epoch(NOW, args)
}

/// The `status-basic` fixture with `[status]` given `extra` keys.
fn fixture(extra: &str) -> Site {
    let site = Site::fixture("status-basic");
    let toml = site.read("book.toml").replace("[status]\n", &format!("[status]\n{extra}"));
    site.write("book.toml", toml);
    site
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(&format!("public-status/{path}"))).expect("valid JSON")
}

#[test]
fn writes_the_status_page_at_the_root_with_the_api_at_api_v2() {
    let site = fixture("site-url = \"https://status.example.org/\"\n");
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    assert!(!site.exists("public"), "the handbook is not built");
    let files = site.files_under("public-status");
    for file in [
        "index.html",
        "api/v2/summary.json",
        "api/v2/status.json",
        "api/v2/components.json",
        "api/v2/incidents.json",
        "api/v2/incidents/unresolved.json",
        "api/v2/scheduled-maintenances.json",
        "api/v2/scheduled-maintenances/upcoming.json",
        "api/v2/scheduled-maintenances/active.json",
        "scs/components/index.json",
        "feed.xml",
        "api/feed.xml",
        "badge/overall.svg",
        "badge/api.svg",
        "api-errors/index.html",
        "dns-migration/index.html",
        "_headers",
        "style.css",
        "status.css",
        "theme.js",
        "favicon.svg",
    ] {
        assert!(files.iter().any(|f| f == file), "{file} in {files:?}");
    }
    assert!(!files.iter().any(|f| f.starts_with("status/") || f.starts_with("runbooks/") || f.starts_with("rca/")));
    let summary = json(&site, "api/v2/summary.json");
    assert_eq!(summary["page"]["url"], "https://status.example.org/");
    let incidents = summary["incidents"].as_array().expect("incidents");
    assert!(incidents.iter().any(|i| i["shortlink"] == "https://status.example.org/api-errors/"), "{incidents:?}");
    let headers = site.read("public-status/_headers");
    assert!(headers.contains("/api/*\n  Access-Control-Allow-Origin: *"), "{headers}");
    assert!(headers.contains("/scs/*\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=60\n  Content-Type: application/json"), "{headers}");
    let feed = site.read("public-status/feed.xml");
    assert!(feed.contains("https://status.example.org/api-errors/"), "{feed}");
}

#[test]
fn has_its_own_chrome_and_incident_pages_without_owners_or_edit_links() {
    let site = fixture("");
    site.write(
        "book.toml",
        site.read("book.toml")
            .replace("[handbook]\n", "[handbook]\nrepository = \"https://github.com/nimbus/handbook\"\n"),
    );
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    let index = site.read("public-status/index.html");
    assert!(index.contains("<body class=\"status-site\">"), "{index}");
    let brand = util::between(&index, "class=\"site-title\" href=\"/\"", "</a>");
    assert!(brand.ends_with(" Nimbus status</a>"), "the header brands the status page's title: {brand}");
    assert!(index.contains("href=\"/api-errors/\""), "incidents link at the root");
    assert!(index.contains("href=\"/api/v2/summary.json\""), "{index}");
    assert!(
        index
            .contains(r#"<link rel="alternate" type="application/feed+json" title="Nimbus status" href="/feed.json">"#)
    );
    // What a search engine shows under the link: the page's state, as Lighthouse's SEO audit asks.
    assert!(index.contains(r#"<meta name="description" content="Nimbus status: Minor Service Outage">"#), "{index}");
    assert!(
        index.contains(r#"<a href="/feed.json">JSON Feed</a>"#)
            && index.contains(r#"<a href="/dns/feed.json">DNS</a>"#)
    );
    for chrome in ["site-nav", "search-form", "Edit this page", "edit-link", "page-owners", "review", "Owners</a>"] {
        assert!(!index.contains(chrome), "no {chrome} on the status page");
    }
    let incident = site.read("public-status/api-errors/index.html");
    assert!(incident.contains("Elevated API error rates"), "{incident}");
    assert!(incident.contains("faulty <strong>load balancer</strong>"), "{incident}");
    for chrome in ["site-nav", "search-form", "Edit this page", "github.com/nimbus", "page-owners", "Owners", "review"]
    {
        assert!(!incident.contains(chrome), "no {chrome} on an incident page: {incident}");
    }
    assert!(!incident.contains("Nimbus Handbook</a>"), "no link back without handbook-url");
    let with_rca = site
        .files_under("public-status")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .any(|f| site.read(&format!("public-status/{f}")).contains("Incident review"));
    assert!(!with_rca, "a review is a page of the handbook: no link without handbook-url");
}

#[test]
fn links_back_to_the_handbook_only_at_handbook_url() {
    let site = fixture("handbook-url = \"https://ops.example.org/\"\n");
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    let index = site.read("public-status/index.html");
    assert!(index.contains("<a href=\"https://ops.example.org/\">Nimbus Handbook</a>"), "{index}");
    assert!(!index.contains("Handbook handbook"), "the handbook's title, said once: {index}");
    let pages: Vec<String> = site
        .files_under("public-status")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| site.read(&format!("public-status/{f}")))
        .collect();
    assert!(
        pages.iter().any(|p| p.contains("Incident review") && p.contains("href=\"https://ops.example.org/rca/")),
        "the review is linked in the handbook"
    );
}

#[test]
fn publishes_nothing_internal() {
    let site = fixture("");
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    for file in site.files_under("public-status") {
        let bytes = site.read_bytes(&format!("public-status/{file}"));
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["SECRET-STORAGE-INCIDENT", "SECRET-UPDATE-TEXT", "SECRET-BODY-TEXT"] {
            assert!(!text.contains(secret), "{secret} in {file}");
        }
    }
    // The audience is always public: an internal handbook publishes a public status site.
    site.write(
        "book.toml",
        site.read("book.toml").replace("[check]\n", "[build]\naudience = \"internal\"\n\n[check]\n"),
    );
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    assert!(!site.read("public-status/index.html").contains("SECRET-STORAGE-INCIDENT"));
    let run = run_at(&site, &["build", "--status-site", "--audience", "internal"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn writes_site_dir_and_keeps_the_handbooks_build_as_it_was() {
    let site = fixture("site-dir = \"status-site\"\n");
    run_at(&site, &["build"]).expect_code(0);
    let handbook = site.files_under("public");
    run_at(&site, &["build", "--status-site"]).expect_code(0);
    assert!(site.exists("status-site/api/v2/summary.json"));
    assert_eq!(site.files_under("public"), handbook);
    assert!(site.exists("public/status/api/v2/summary.json"), "the handbook keeps its own status page");
    assert!(site.exists(".status-site.opsbook-manifest"), "the status site has its manifest");
}

#[test]
fn needs_a_status_table() {
    let site = Site::with_files("no-status", &[("content/p.md", "---\ntitle: P\n---\n")]);
    let run = site.build(&["--status-site"]);
    run.expect_code(1);
    assert!(run.stderr.contains("`--status-site` builds the status page as a site of its own"), "{}", run.stderr);
}
