//! The handbook model on the `model` fixture, built as if today were 2026-11-15: kinds
//! and their panels, owners from CODEOWNERS, review freshness, catalogs and the
//! action-item roll-up, tags, backlinks, repository links, the feed and handbook.json.

use crate::util;

use util::{Site, between, link_texts, main_of};

const TODAY: &str = "2026-11-15";

fn built() -> Site {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site
}

#[test]
fn counts_kinds_in_the_summary() {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["build"]);
    assert!(run.stderr.contains("built 16 pages (1 policy, 2 rcas, 3 runbooks, 3 templates) in "), "{}", run.stderr);
}

#[test]
fn shows_the_runbook_panel_and_the_kind_from_the_section() {
    let site = built();
    let page = site.read("public/runbooks/db/index.html");
    let main = main_of(&page);
    assert!(main.contains(r#"<span class="kind-badge">runbook</span>"#), "default_kind applies: {main}");
    let panel = between(main, r#"<dl class="panel panel-runbook""#, "</dl>");
    assert!(panel.contains(r#"<dt>Service</dt><dd><span class="service">ledger-db</span></dd>"#), "{panel}");
    assert!(panel.contains(r#"<span class="severity severity-sev1">SEV1</span>"#), "{panel}");
    assert!(panel.contains(r#"<code class="alert-name">PostgresPrimaryDown</code>"#), "{panel}");
    assert!(panel.contains("<dt>Escalation</dt><dd>@dba-oncall</dd>"), "{panel}");
    assert!(panel.contains("<dt>Last tested</dt><dd>2026-09-30</dd>"), "{panel}");
}

#[test]
fn shows_the_incident_panel_with_duration_banner_and_action_items() {
    let site = built();
    let page = site.read("public/rca/dns-outage/index.html");
    let main = main_of(&page);
    assert!(!main.contains("banner-preliminary"), "a final review has no banner");
    let panel = between(main, r#"<dl class="panel panel-rca""#, "</dl>");
    for expected in [
        // Dates and service names do not break at their hyphens.
        r#"<dt>Incident date</dt><dd class="nowrap">2026-03-14</dd>"#,
        r#"<dt>Detected</dt><dd class="nowrap">2026-03-14 09:12 UTC</dd>"#,
        r#"<dt>Resolved</dt><dd class="nowrap">2026-03-14 10:47 UTC</dd>"#,
        "<dt>Duration</dt><dd>1h 35m</dd>",
        r#"<dt>Services</dt><dd><span class="service">dns-resolver</span>, <span class="service">edge-proxy</span></dd>"#,
        "<dt>Impact</dt><dd>38% of API requests failed for 95 minutes.</dd>",
    ] {
        assert!(panel.contains(expected), "{expected} in {panel}");
    }
    let items = between(main, r#"<section class="action-items">"#, "</section>");
    assert!(items.contains("2 open"), "{items}");
    let rows: Vec<&str> =
        items.split("<tr class=\"").skip(1).map(|r| r.split('"').next().unwrap_or_default()).collect();
    assert_eq!(rows, ["closed", "overdue", ""], "done, overdue open, open not yet due");
    let other = site.read("public/rca/cert-expiry/index.html");
    assert!(other.contains(r#"<div class="banner banner-preliminary" role="status"><strong>Preliminary review</strong> (status: in-review)."#));
    assert!(other.contains("<dt>Duration</dt><dd>1h 7m</dd>"));
}

#[test]
fn takes_owners_from_front_matter_else_codeowners() {
    let site = built();
    let owners = |page: &str| {
        let html = site.read(&format!("public/{page}/index.html"));
        link_texts(between(&html, r#"<span class="owners">"#, "</span>"))
    };
    assert_eq!(owners("runbooks/db"), ["@dba-team"], "front matter wins");
    assert_eq!(owners("runbooks/cache"), ["@platform-team"], "the last matching CODEOWNERS rule");
    assert_eq!(owners("guides/writing"), ["@sre-core"], "the catch-all rule");
    let index = site.read("public/owners/index.html");
    let main = main_of(&index);
    assert!(main.contains(r#"<h2 id="platform-team">@platform-team"#), "{main}");
    let platform = between(main, r#"<h2 id="platform-team">"#, "</section>");
    assert_eq!(link_texts(platform), ["Runbooks", "Cache flush", "Queue backlog"]);
}

#[test]
fn shows_review_freshness_in_words_and_colour() {
    let site = built();
    let badge = |page: &str| {
        let html = site.read(&format!("public/{page}/index.html"));
        between(&html, r#"<span class="review-badge"#, "</span>").to_string()
    };
    assert!(
        badge("runbooks/db").contains("review-overdue")
            && badge("runbooks/db").contains("Review overdue by 219 days (due 2026-04-10)"),
        "{}",
        badge("runbooks/db")
    );
    assert!(
        badge("runbooks/cache").contains("review-fresh") && badge("runbooks/cache").contains("Reviewed 2026-10-20")
    );
    assert!(
        badge("runbooks/queue").contains("review-due-soon")
            && badge("runbooks/queue").contains("Review due soon (2026-11-23)")
    );
}

#[test]
fn lists_pages_to_review_most_overdue_first() {
    let site = built();
    let page = site.read("public/review/index.html");
    let table = between(main_of(&page), "<tbody>", "</tbody>");
    let titles: Vec<String> = link_texts(table).into_iter().filter(|t| !t.starts_with('@')).collect();
    assert_eq!(titles, ["Database failover", "Queue backlog"]);
    assert!(table.contains("Overdue by 219 days"));
}

#[test]
fn lists_pages_never_reviewed() {
    let site = Site::fixture("model");
    site.write("content/runbooks/new.md", "---\ntitle: Brand new\nservice: x\n---\nText.\n");
    site.run_on(TODAY, &["build"]).expect_code(0);
    let page = site.read("public/review/index.html");
    assert!(page.contains("Never reviewed"), "{page}");
    assert!(site.read("public/runbooks/new/index.html").contains(r#"<span class="review-badge review-never""#));
}

#[test]
fn catalogs_runbooks_by_service() {
    let site = built();
    let page = site.read("public/runbooks/index.html");
    let catalog = between(&page, r#"<section class="catalog catalog-runbook">"#, "</section>");
    let titles: Vec<String> = link_texts(catalog).into_iter().filter(|t| !t.starts_with('@')).collect();
    assert_eq!(titles, ["Queue backlog", "Database failover", "Cache flush"], "ordered by service");
    assert!(catalog.contains(r#"<td><span class="service">ledger-db</span></td>"#));
    assert!(catalog.contains(r#"<span class="review-badge review-overdue">Review overdue</span>"#));
}

#[test]
fn catalogs_incidents_newest_first_and_rolls_up_open_action_items_overdue_first() {
    let site = built();
    let page = site.read("public/rca/index.html");
    let catalog = between(&page, r#"<section class="catalog catalog-rca">"#, "</section>");
    let incidents = between(catalog, "<tbody>", "</tbody>");
    assert_eq!(link_texts(incidents), ["Expired intermediate certificate", "DNS outage"]);
    assert!(incidents.contains("<td>1h 35m</td>") && incidents.contains("<td>2</td>"), "{incidents}");
    let rollup = between(catalog, r#"<table class="rollup">"#, "</table>");
    // Grouped by review: each incident named once, in a row heading its
    // group; the group with the most urgent item first, overdue items first inside.
    let groups: Vec<&str> = rollup.split("<tbody>").skip(1).collect();
    assert_eq!(groups.len(), 2, "{rollup}");
    assert_eq!(link_texts(groups[0]).first().map(String::as_str), Some("DNS outage"), "{}", groups[0]);
    assert_eq!(link_texts(groups[1]).first().map(String::as_str), Some("Expired intermediate certificate"));
    assert!(groups[0].contains(r#"<th colspan="4" scope="rowgroup">"#), "{}", groups[0]);
    let rows: Vec<&str> = rollup.split("<tr class=\"").skip(1).filter(|row| !row.starts_with("rollup-group")).collect();
    assert_eq!(rows.len(), 3, "every open action item across the reviews");
    assert!(rows[0].starts_with("overdue\"><td>Second resolver pool"), "{}", rows[0]);
    assert!(rows[1].starts_with("\"><td>Retry budget at the edge"), "{}", rows[1]);
    assert!(rows[2].starts_with("overdue\"><td>Inventory every CA certificate"), "{}", rows[2]);
}

#[test]
fn catalogs_declared_kinds_and_shows_their_fields() {
    let site = built();
    let page = site.read("public/policies/access/index.html");
    let panel = between(&page, r#"<dl class="panel panel-fields""#, "</dl>");
    assert!(panel.contains("<dt>Effective</dt><dd>2026-02-01</dd>"), "{panel}");
    assert!(panel.contains("<dt>Approvers</dt><dd>@security-team</dd>"), "{panel}");
    assert!(panel.contains("<dt>Scope</dt><dd>internal</dd>"), "{panel}");
    let index = site.read("public/policies/index.html");
    assert!(index.contains(r#"<section class="catalog catalog-policy">"#));
}

#[test]
fn lists_backlinks() {
    let site = built();
    let page = site.read("public/runbooks/db/index.html");
    let backlinks = between(&page, r#"<section class="backlinks""#, "</section>");
    // In reading order: the home page, then Guides, Incident reviews, Runbooks.
    assert_eq!(link_texts(backlinks), ["Model Handbook", "Writing guide", "DNS outage", "Cache flush"]);
}

#[test]
fn makes_tag_pages() {
    let site = built();
    let tags = site.read("public/tags/index.html");
    // "Database" and "database" are one tag, named by its most used spelling, the
    // earliest in reading order on a tie.
    assert!(
        tags.contains(r#"<a class="tag" href="/handbook/tags/database/">Database</a> <span class="count">2</span>"#),
        "{tags}"
    );
    let tag = site.read("public/tags/database/index.html");
    assert_eq!(
        link_texts(between(main_of(&tag), r#"<ul class="section-list">"#, "</ul>")),
        ["Writing guide", "Database failover"]
    );
    let page = site.read("public/runbooks/db/index.html");
    assert!(page.contains(r#"<a class="tag" href="/handbook/tags/failover/">failover</a>"#));
}

#[test]
fn links_to_the_repository() {
    let site = built();
    let page = site.read("public/runbooks/db/index.html");
    let links = between(&page, r#"<p class="repository-links">"#, "</p>");
    assert!(
        links.contains(
            r#"<a href="https://github.com/kestrel/handbook/edit/main/content/runbooks/db.md">Edit this page</a>"#
        ),
        "{links}"
    );
    assert!(
        links.contains(
            r#"<a href="https://github.com/kestrel/handbook/blob/main/content/runbooks/db.md">View source</a>"#
        )
    );
    assert!(
        links.contains(
            r#"<a href="https://github.com/kestrel/handbook/commits/main/content/runbooks/db.md">History</a>"#
        )
    );
    assert!(links.contains("https://github.com/kestrel/handbook/issues/new?title=About%20Database%20failover&amp;body=https%3A%2F%2Fops.example.org%2Fhandbook%2Frunbooks%2Fdb%2F"), "{links}");
}

#[test]
fn writes_an_atom_feed_of_reviews() {
    let site = built();
    let feed = site.read("public/feed.xml");
    assert!(
        feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    let titles: Vec<&str> = feed.split("<title>").skip(2).filter_map(|t| t.split("</title>").next()).collect();
    assert_eq!(titles, ["Expired intermediate certificate", "DNS outage"]);
    assert!(feed.contains("<link href=\"https://ops.example.org/handbook/rca/dns-outage/\"/>"));
    assert!(feed.contains("<updated>2026-08-19T00:00:00Z</updated>"));
}

#[test]
fn writes_handbook_json_sorted_and_stable() {
    let site = built();
    let json = site.read("public/handbook.json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], 1);
    let pages = value["pages"].as_array().unwrap();
    let urls: Vec<&str> = pages.iter().map(|p| p["url"].as_str().unwrap()).collect();
    let mut sorted = urls.clone();
    sorted.sort();
    assert_eq!(urls, sorted);
    let db = pages.iter().find(|p| p["url"] == "/handbook/runbooks/db/").unwrap();
    assert_eq!(db["kind"], "runbook");
    assert_eq!(db["owners"], serde_json::json!(["@dba-team"]));
    assert_eq!(db["fields"]["service"], "ledger-db");
    assert_eq!(db["review"]["status"], "overdue");
    assert_eq!(db["review"]["due"], "2026-04-10");
    assert_eq!(db["backlinks"].as_array().unwrap().len(), 4);
    let rca = pages.iter().find(|p| p["url"] == "/handbook/rca/dns-outage/").unwrap();
    assert_eq!(rca["action_items"][1]["overdue"], true);
    assert_eq!(rca["action_items"][1]["title"], "Second resolver pool");
    // The ids a link from another handbook may name: each page's own, in order.
    let policy = pages.iter().find(|p| p["source"] == "content/templates/policy.md").unwrap();
    assert_eq!(policy["anchors"], serde_json::json!(["statement"]));
    assert_eq!(db["anchors"], serde_json::json!([]));
    site.run_on(TODAY, &["build"]).expect_code(0);
    assert_eq!(json, site.read("public/handbook.json"), "two builds write the same file");
}

#[test]
fn links_to_the_generated_pages_from_every_page() {
    let site = built();
    let page = site.read("public/index.html");
    let indexes = between(&page, r#"<nav class="site-indexes""#, "</nav>");
    assert_eq!(link_texts(indexes), ["Owners", "Tags", "Review", "Alerts"]);
}

/// A kind declared in book.toml takes the incident panel, catalog and feed date
/// as data, the way the built-in `rca` kind does.
#[test]
fn gives_a_declared_kind_the_roles_its_table_names() {
    let site = Site::with_files(
        "declared-roles",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.org/\"\n\n[kinds.postmortem]\nfields = { incident_date = \"date\" }\npanel = \"incident\"\ncatalog = \"incidents\"\nfeed-date = \"incident_date\"\n",
            ),
            ("content/postmortems/_index.md", "---\ntitle: Postmortems\ndefault_kind: postmortem\n---\n"),
            ("content/postmortems/older.md", "---\ntitle: Older outage\nincident_date: 2026-01-02\n---\nText.\n"),
            ("content/postmortems/newer.md", "---\ntitle: Newer outage\nincident_date: 2026-05-06\n---\nText.\n"),
        ],
    );
    site.run_on(TODAY, &["build"]).expect_code(0);
    let page = site.read("public/postmortems/newer/index.html");
    let panel = between(main_of(&page), r#"<dl class="panel panel-rca""#, "</dl>");
    assert!(panel.contains(r#"<dt>Incident date</dt><dd class="nowrap">2026-05-06</dd>"#), "{panel}");
    let section = site.read("public/postmortems/index.html");
    let catalog = between(&section, r#"<section class="catalog catalog-postmortem">"#, "</section>");
    assert!(catalog.contains(r#"<h2 id="open-action-items">"#), "{catalog}");
    assert_eq!(link_texts(between(catalog, "<tbody>", "</tbody>")), ["Newer outage", "Older outage"]);
    let feed = site.read("public/feed.xml");
    let titles: Vec<&str> = feed.split("<title>").skip(2).filter_map(|t| t.split("</title>").next()).collect();
    assert_eq!(titles, ["Newer outage", "Older outage"]);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/handbook.json")).unwrap();
    let newer = json["pages"].as_array().unwrap().iter().find(|p| p["title"] == "Newer outage").unwrap();
    assert_eq!(newer["action_items"], serde_json::json!([]));
}
