//! The status page's other outputs, built by the real binary at a pinned
//! `SOURCE_DATE_EPOCH` from `tests/fixtures/status-basic`: the SCS status-page API
//! export under `/status/scs/`, the Atom feeds of the page and of each component, the
//! SVG badges and `_headers`; and that an internal incident reaches none of them.
//! (The files are validated against the SCS OpenAPI spec and the Statuspage schema by
//! `tests/specs/validate.py`, run by `tests/browser/run.sh`.)

use crate::util;

use serde_json::Value;
use util::{Run, Site, between};

mod community;

/// 2026-11-15T12:00:00Z.
const NOW: &str = "1794744000";

fn run_at(site: &Site, args: &[&str]) -> Run {
    site.run_at_epoch(NOW, args)
}

fn built(args: &[&str]) -> Site {
    let site = Site::fixture("status-basic");
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    run_at(&site, &all).expect_code(0);
    site
}

fn scs(site: &Site, endpoint: &str) -> Value {
    let text = site.read(&format!("public/status/scs/{endpoint}index.json"));
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    value["data"].clone()
}

fn is_uuid(text: &str) -> bool {
    let lengths: Vec<usize> = text.split('-').map(str::len).collect();
    lengths == [8, 4, 4, 4, 12] && text.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

#[test]
fn exports_the_scs_status_page_api() {
    let site = built(&[]);
    let components = scs(&site, "components/");
    let components = components.as_array().expect("a list");
    assert_eq!(components.len(), 4);
    let api = &components[0];
    assert!(is_uuid(api["id"].as_str().unwrap()));
    assert_eq!(api["displayName"], "Public API");
    assert_eq!(api["labels"], serde_json::json!({"id": "api", "status": "partial_outage", "group": "Core"}));
    let affected = api["activelyAffectedBy"].as_array().unwrap();
    assert_eq!(affected.len(), 1);
    assert_eq!(affected[0]["severity"], 75);
    // Each component has its own file.
    let one = scs(&site, &format!("components/{}/", api["id"].as_str().unwrap()));
    assert_eq!(&one, api);

    let types = scs(&site, "impacttypes/");
    let names: Vec<&str> = types.as_array().unwrap().iter().map(|t| t["displayName"].as_str().unwrap()).collect();
    assert_eq!(names, ["incident", "maintenance"]);
    assert_eq!(affected[0]["type"], types[0]["id"]);

    let phases = scs(&site, "phases/");
    assert_eq!(phases["generation"], 1);
    assert_eq!(phases["phases"][0], "investigating");
    let severities = scs(&site, "severities/");
    let values: Vec<i64> = severities.as_array().unwrap().iter().map(|s| s["value"].as_i64().unwrap()).collect();
    assert_eq!(values, [0, 50, 75, 100]);
    assert_eq!(scs(&site, "severities/major_outage/")["value"], 100);

    // Incidents (newest first), then maintenances.
    let incidents = scs(&site, "incidents/");
    let titles: Vec<&str> = incidents.as_array().unwrap().iter().map(|i| i["displayName"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Elevated API error rates",
            "DNS resolution failures",
            "Slow CDN in Asia",
            "DNS migration",
            "Object storage upgrade"
        ]
    );
    let first = &incidents[0];
    assert_eq!(first["reference"], Value::Null);
    assert_eq!(first["phase"], serde_json::json!({"generation": 1, "order": 1}));
    assert_eq!(first["endedAt"], Value::Null);
    assert_eq!(first["beganAt"], "2026-11-15T09:00:00Z");
    assert_eq!(first["updates"], serde_json::json!([0, 1, 2]));
    assert_eq!(first["affects"][0]["reference"], api["id"]);
    // The postmortem phase once the review is final; maintenances in their window.
    assert_eq!(incidents[1]["phase"]["order"], 4);
    assert_eq!(incidents[3]["affects"][0]["severity"], 0, "the SCS web client reads only 0 as maintenance");
    assert_eq!(incidents[3]["endedAt"], "2026-11-01T03:00:00Z");
    let id = first["id"].as_str().unwrap();
    let updates = scs(&site, &format!("incidents/{id}/updates/"));
    let texts: Vec<&str> = updates.as_array().unwrap().iter().map(|u| u["description"].as_str().unwrap()).collect();
    assert_eq!(texts[0], "We are investigating elevated error rates on the API.");
    assert_eq!(updates[2]["order"], 2);
    assert_eq!(updates[2]["displayName"], "Identified");
    assert_eq!(scs(&site, &format!("incidents/{id}/")), *first);
    assert!(!site.exists(&format!("public/status/scs/incidents/{id}/updates/2")), "no file per update");
}

/// Checks that `xml` is well-formed enough for a feed reader: every tag closed in
/// order, attributes quoted, no raw `<` or `&` in text. Returns the elements' names.
fn check_well_formed(xml: &str) -> Vec<String> {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").expect("an XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        check_text(&rest[..at]);
        let end = rest[at..].find('>').expect("a closed tag") + at;
        let tag = &rest[at + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "closing </{name}>");
            continue;
        }
        let (tag, empty) = tag.strip_suffix('/').map_or((tag, false), |t| (t, true));
        let name = tag.split_whitespace().next().expect("a name").to_string();
        let attributes = tag[name.len()..].trim();
        for part in attributes.split("\" ").filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once("=\"").unwrap_or_else(|| panic!("an attribute with quotes: {part}"));
            assert!(!key.is_empty() && !value.trim_end_matches('"').contains(['<', '"']), "{part}");
            check_text(value.trim_end_matches('"'));
        }
        names.push(name.clone());
        if !empty {
            stack.push(name);
        }
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed {stack:?}");
    names
}

fn check_text(text: &str) {
    for (at, _) in text.match_indices('&') {
        let entity = &text[at..text[at..].find(';').map_or(text.len(), |e| at + e + 1)];
        assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity), "entity {entity}");
    }
    assert!(!text.contains('>') || !text.contains('<'));
}

fn entries(xml: &str) -> Vec<(String, String, String)> {
    xml.split("<entry>")
        .skip(1)
        .map(|entry| {
            let field = |name: &str| {
                let start = entry.find(&format!("<{name}>")).map(|s| s + name.len() + 2).expect("the element");
                entry[start..entry[start..].find('<').expect("its end") + start].to_string()
            };
            (field("title"), field("updated"), field("id"))
        })
        .collect()
}

#[test]
fn writes_atom_feeds_of_the_page_and_of_each_component() {
    let site = built(&[]);
    let feed = site.read("public/status/feed.xml");
    let names = check_well_formed(&feed);
    assert_eq!(names[0], "feed");
    for required in ["title", "id", "updated", "author", "link", "entry"] {
        assert!(names.iter().any(|n| n == required), "{required}");
    }
    let all = entries(&feed);
    let times: Vec<&str> = all.iter().map(|(_, at, _)| at.as_str()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    assert_eq!(all[0].0, "Elevated API error rates: Identified");
    let titles: Vec<&str> = all.iter().map(|(title, _, _)| title.as_str()).collect();
    for event in ["DNS migration: In progress", "DNS migration: Completed", "DNS migration: Scheduled"] {
        assert!(titles.contains(&event), "{event} in {titles:?}");
    }
    assert!(titles.contains(&"Object storage upgrade: Scheduled"));
    assert!(!titles.contains(&"Object storage upgrade: In progress"), "not started yet");
    let ids: std::collections::HashSet<&str> = all.iter().map(|(_, _, id)| id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "unique ids");
    assert!(all.iter().all(|(_, _, id)| id.starts_with("urn:uuid:")));
    // Stable: a second build gives the same feed.
    run_at(&site, &["build"]).expect_code(0);
    assert_eq!(site.read("public/status/feed.xml"), feed);

    let dns = site.read("public/status/dns/feed.xml");
    check_well_formed(&dns);
    let dns_titles: Vec<String> = entries(&dns).into_iter().map(|(title, _, _)| title).collect();
    assert!(dns_titles.iter().all(|t| t.starts_with("DNS ")), "{dns_titles:?}");
    assert_eq!(dns_titles.len(), 5);
    assert!(dns.contains("<title>Nimbus status: DNS</title>"));
    assert!(dns.contains(r#"<link href="https://status.example.org/status/dns/feed.xml" rel="self""#));
}

#[test]
fn escapes_markup_in_feeds_and_badges() {
    let site = Site::fixture("status-basic");
    let book = site.read("book.toml").replace(r#"name = "CDN""#, r#"name = "CDN <edge> & \"co\"""#);
    site.write("book.toml", book);
    site.write(
        "content/status/odd.md",
        "---\ntitle: Odd <b>characters</b> & more\nkind: incident\nstarted_at: 2026-11-15T10:00:00Z\ncomponents:\n  cdn: major_outage\nupdates:\n  - at: 2026-11-15T10:05:00Z\n    text: \"x < y & \\u0001 ]]>\"\n---\nBody.\n",
    );
    run_at(&site, &["build"]).expect_code(0);
    let feed = site.read("public/status/cdn/feed.xml");
    check_well_formed(&feed);
    assert!(feed.contains("<title>Odd &lt;b&gt;characters&lt;/b&gt; &amp; more: Investigating</title>"), "{feed}");
    assert!(feed.contains("x &lt; y &amp;  ]]&gt;"), "{feed}");
    let badge = site.read("public/status/badge/cdn.svg");
    check_well_formed(&format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{badge}"));
    assert!(badge.contains(r#"aria-label="CDN &lt;edge&gt; &amp; &quot;co&quot;: Major Outage""#), "{badge}");
}

#[test]
fn draws_a_badge_per_component_and_one_overall() {
    let site = built(&[]);
    let api = site.read("public/status/badge/api.svg");
    assert!(api.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(api.contains(r#"role="img" aria-label="Public API: Partial Outage""#), "{api}");
    assert!(api.contains("<title>Public API: Partial Outage</title>"));
    assert!(api.contains("fill=\"#fb8c00\""));
    let cdn = site.read("public/status/badge/cdn.svg");
    assert!(cdn.contains("CDN: Operational") && cdn.contains("fill=\"#2e7d32\""));
    let width =
        |svg: &str| -> u32 { svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap() };
    assert!(width(&api) > width(&cdn), "wider text, wider badge");
    let overall = site.read("public/status/badge/overall.svg");
    assert!(overall.contains(r#"aria-label="status: Minor Service Outage""#), "{overall}");
}

#[test]
fn writes_headers_for_the_status_files_and_keeps_those_of_static() {
    let site = built(&[]);
    let headers = site.read("public/_headers");
    for path in ["/status/api/*", "/status/scs/*", "/status/badge/*", "/status/feed.xml", "/status/dns/feed.xml"] {
        let rule = format!("{path}\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=60\n");
        assert!(headers.contains(&rule), "{path} in {headers}");
    }
    assert!(!headers.contains("health.json"), "no measured components, no health.json: {headers}");
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    run_at(&site, &["build"]).expect_code(0);
    let merged = site.read("public/_headers");
    assert!(merged.starts_with("/*\n  X-Frame-Options: DENY\n\n# The status page's"), "{merged}");
    assert!(merged.ends_with(&headers[headers.find("# The status page's").unwrap()..]));
    // Without a status page, a `_headers` of static/ is copied as it is.
    let plain = Site::with_files("headers-plain", &[("content/a.md", "# A\n"), ("static/_headers", "/*\n  X: y\n")]);
    run_at(&plain, &["build"]).expect_code(0);
    assert_eq!(plain.read("public/_headers"), "/*\n  X: y\n");
    let none = Site::with_files("headers-none", &[("content/a.md", "# A\n")]);
    run_at(&none, &["build"]).expect_code(0);
    assert!(!none.exists("public/_headers") && !none.exists("public/status"));
}

#[test]
fn resolves_links_to_component_badges_and_feeds_atom_and_json() {
    let site = Site::fixture("status-basic");
    site.write(
        "content/runbooks/links.md",
        "# Links\n\n![status](/status/badge/api.svg) [feed](/status/api/feed.xml) [all](/status/feed.xml)\n\n\
         [json](/status/api/feed.json) [all json](/status/feed.json)\n",
    );
    run_at(&site, &["build"]).expect_code(0);
    site.write("content/runbooks/bad.md", "# Bad\n\n![status](/status/badge/nope.svg)\n");
    let run = run_at(&site, &["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("status/badge/nope.svg"), "{}", run.stderr);
}

#[test]
fn keeps_an_internal_incident_out_of_the_scs_export_feeds_and_badges() {
    let internal = built(&["--audience", "internal"]);
    let secret = scs(&internal, "incidents/")
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["displayName"] == "SECRET-STORAGE-INCIDENT")
        .map(|i| i["id"].as_str().unwrap().to_string())
        .expect("the internal build has it");
    let statuspage: Value = serde_json::from_str(&internal.read("public/status/api/v2/incidents.json")).unwrap();
    let statuspage_id = statuspage["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "SECRET-STORAGE-INCIDENT")
        .map(|i| i["id"].as_str().unwrap().to_string())
        .unwrap();
    assert!(internal.read("public/status/storage/feed.xml").contains("SECRET-UPDATE-TEXT"));
    assert!(internal.read("public/status/badge/storage.svg").contains("Major Outage"));

    let public = built(&[]);
    for file in public.files_under("public") {
        let text = String::from_utf8_lossy(&public.read_bytes(&format!("public/{file}"))).into_owned();
        for needle in ["SECRET", secret.as_str(), statuspage_id.as_str()] {
            assert!(!text.contains(needle), "{needle} in public/{file}");
        }
    }
    assert!(public.read("public/status/badge/storage.svg").contains("Object storage: Operational"));
}

#[test]
fn times_the_status_files_as_a_step_of_their_own() {
    let site = Site::fixture("status-basic");
    let run = run_at(&site, &["build", "--timings"]);
    run.expect_code(0);
    let steps: Vec<&str> = run.stderr.lines().filter_map(|line| line.split_whitespace().next()).collect();
    assert!(steps.contains(&"status") && steps.contains(&"files"), "{}", run.stderr);
    let plain = Site::with_files("timings-plain", &[("content/a.md", "# A\n")]);
    let run = run_at(&plain, &["build", "--timings"]);
    assert!(!run.stderr.lines().any(|line| line.trim_start().starts_with("status ")), "{}", run.stderr);
}

#[test]
fn claims_the_scs_files_of_each_incident() {
    let site = built(&[]);
    let incidents = scs(&site, "incidents/");
    let id = incidents[0]["id"].as_str().expect("an id").to_string();
    site.write(&format!("content/status/scs/incidents/{id}/index.json"), "{}");
    let run = run_at(&site, &["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[duplicate-url]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "the file /status/scs/incidents/{id}/index.json that opsbook writes for the status page"
        )),
        "{}",
        run.stderr
    );
}

/// Each component's events in JSON Feed 1.1 beside its Atom feed: the same entries,
/// with the same stable ids; the page's too.
#[test]
fn writes_a_json_feed_beside_each_atom_feed() {
    let site = built(&[]);
    let feed: Value = serde_json::from_str(&site.read("public/status/cdn/feed.json")).expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Nimbus status: CDN");
    assert_eq!(feed["feed_url"], "https://status.example.org/status/cdn/feed.json");
    assert_eq!(feed["home_page_url"], "https://status.example.org/status/");
    let atom = site.read("public/status/cdn/feed.xml");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), atom.matches("<entry>").count(), "the Atom feed's entries");
    for item in items {
        let id = item["id"].as_str().expect("an id");
        assert!(atom.contains(&format!("<id>{id}</id>")), "{id} is the Atom entry's id");
        assert!(!item["content_text"].as_str().unwrap_or("").is_empty() && item["date_published"].is_string());
        let tags: Vec<&str> = item["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(tags.contains(&"component:cdn"), "{tags:?}");
    }
    assert!(items.iter().any(|i| i["content_text"] == "Latency is back to normal."), "{feed}");
    let all: Value = serde_json::from_str(&site.read("public/status/feed.json")).expect("JSON");
    assert_eq!(all["items"].as_array().unwrap().len(), site.read("public/status/feed.xml").matches("<entry>").count());
    let headers = site.read("public/_headers");
    assert!(headers.contains("/status/cdn/feed.json\n  Access-Control-Allow-Origin: *\n"), "{headers}");
}
