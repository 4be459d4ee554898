//! The status page's other outputs, built by the real binary at a pinned
//! `SOURCE_DATE_EPOCH` from `tests/fixtures/status-basic`: the SCS status-page API
//! export under `/status/scs/`, the Atom feeds of the page and of each component, the
//! SVG badges and `_headers`; and that an internal incident reaches none of them.
//! (The files are validated against the SCS OpenAPI spec and the Statuspage schema by
//! `tests/specs/validate.py`, run by `tests/browser/run.sh`.)

use crate::util;

use serde_json::Value;
use util::{Run, Site, between};

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

/// A receiver of webhooks on 127.0.0.1: the JSON bodies of the POSTs it got.
fn receiver() -> (String, std::sync::mpsc::Receiver<Value>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/hooks/status", listener.local_addr().expect("its address"));
    let (send, bodies) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line.trim() != "" {
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = reader.get_mut().write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
            let _ = send.send(serde_json::from_slice(&body).unwrap_or(Value::Null));
        }
    });
    (url, bodies)
}

/// The CI recipe of the guide: `scripts/status-notify.py` posts each change between
/// the status files of the last build and the new one to a webhook, one message each.
#[test]
fn the_notify_script_posts_each_change_of_state_to_a_webhook() {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is missing");
        return;
    }
    let site = built(&[]);
    util::copy_dir(&site.root.join("public/status"), &site.root.join("previous"));
    // The API incident is resolved; the CDN gets a new one.
    let file = "content/status/api-errors.md";
    let text =
        site.read(file).replace("\nstatus: identified\n", "\nstatus: resolved\nresolved_at: 2026-11-15T11:45:00Z\n");
    site.write(file, text);
    site.write(
        "content/status/cdn-down.md",
        "---\ntitle: CDN unreachable\nkind: incident\nstatus: investigating\nstarted_at: 2026-11-15T11:50:00Z\ncomponents:\n  cdn: major_outage\n---\n\nNo edge answers.\n",
    );
    run_at(&site, &["build"]).expect_code(0);
    let (url, bodies) = receiver();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/status-notify.py");
    let notify = |args: &[&str]| {
        let output = std::process::Command::new("python3")
            .arg(&script)
            .args(["--previous", "previous", "--current", "public/status"])
            .args(args)
            .current_dir(&site.root)
            .output()
            .expect("run the script");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = notify(&["--webhook", &url]);
    assert_eq!(code, Some(0), "{stderr}");
    let got: Vec<String> = std::iter::from_fn(|| bodies.recv_timeout(std::time::Duration::from_secs(5)).ok())
        .take(5)
        .map(|body| body["text"].as_str().unwrap_or("not text").to_string())
        .collect();
    let want = [
        "Public API: Partial outage -> Operational https://status.example.org/status/",
        "CDN: Operational -> Major outage https://status.example.org/status/",
    ];
    for text in want {
        assert!(got.iter().any(|g| g == text), "{text:?} in {got:?}");
    }
    assert!(got.iter().any(|g| g.starts_with("New incident: CDN unreachable (Investigating)")), "{got:?}");
    assert!(got.iter().any(|g| g.starts_with("Elevated API error rates: Identified -> Resolved")), "{got:?}");
    assert!(got.iter().any(|g| g.contains(" -> ") && g.contains("Outage")), "the page's state: {got:?}");
    assert_eq!(got.len(), 5, "one message per change: {got:?}");

    // The same files again: nothing to say. The structured form for a mail gateway.
    let (code, _) = notify(&["--webhook", &url, "--previous", "public/status"]);
    assert_eq!(code, Some(0));
    let (code, stderr) = notify(&["--webhook", &url, "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let first = bodies.recv_timeout(std::time::Duration::from_secs(5)).expect("a change");
    assert_eq!((first["kind"].as_str(), first["id"].as_str()), (Some("component"), Some("api")), "{first}");
    assert_eq!((first["before"].as_str(), first["after"].as_str()), (Some("partial_outage"), Some("operational")));
    // A receiver that is gone: the failure is said, the exit code is 1.
    let (code, stderr) = notify(&["--webhook", "http://127.0.0.1:9/nothing"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("could not post"), "{stderr}");
}

/// A status page whose two measured components, alone in their group, nothing is known
/// of when built `--offline` without an earlier health.json
/// (`tests/fixtures/status-measured`; its `red-health.json` measures the CDN red).
fn unknown_site() -> Site {
    Site::fixture("status-measured")
}

#[test]
fn no_output_says_operational_for_what_is_unknown() {
    let site = unknown_site();
    let run = run_at(&site, &["build", "--offline"]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[health-unavailable]"), "{}", run.stderr);
    let json = |path: &str| -> Value { serde_json::from_str(&site.read(path)).expect("JSON") };
    for file in ["status.json", "summary.json"] {
        let status = &json(&format!("public/status/api/v2/{file}"))["status"];
        assert_eq!(status["indicator"], "minor", "{file}: never none");
        assert_eq!(status["description"], "Status unknown: no measurements", "{file}");
    }
    let components = json("public/status/api/v2/components.json");
    let state = |name: &str| {
        let found = components["components"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned();
        found.expect("the component")["status"].as_str().unwrap().to_string()
    };
    assert_eq!(state("CDN"), "degraded_performance", "the mildest state no client shows green");
    assert_eq!(state("Edge"), "degraded_performance", "nor its group");
    assert_eq!(state("DNS"), "operational", "a component without checks keeps its incidents' state");

    let page = site.read("public/status/index.html");
    assert_eq!(page.matches("100.00 % uptime").count(), 1, "DNS's only: none for what was never measured");
    assert_eq!(page.matches("Uptime unknown: no measurements").count(), 2, "{page}");
    let group = between(&page, "<h3 class=\"status-group-name\">", "</h3>");
    assert!(group.contains("status-word status-unknown") && group.contains("Unknown"), "{group}");
    let overall = site.read("public/status/badge/overall.svg");
    assert!(overall.contains("status: Status unknown: no measurements") && !overall.contains("#2e7d32"), "{overall}");
    let cdn = site.read("public/status/badge/cdn.svg");
    assert!(cdn.contains("CDN: Unknown") && !cdn.contains("#2e7d32"), "{cdn}");
    let labels = scs(&site, "components/")[0]["labels"].clone();
    assert_eq!((labels["status"].as_str(), labels["health"].as_str()), (Some("unknown"), Some("unknown")));

    // Five minutes later, the same (unknown) input: the same feed entry, same id and time.
    let feed = site.read("public/status/cdn/feed.xml");
    let later = (NOW.parse::<i64>().unwrap() + 300).to_string();
    site.run_at_epoch(&later, &["build", "--offline"]).expect_code(0);
    let again = site.read("public/status/cdn/feed.xml");
    let entry = |xml: &str| between(xml, "<entry>", "</entry>").to_string();
    assert!(entry(&feed).contains("CDN: No data"), "{feed}");
    assert_eq!(entry(&again), entry(&feed));
}

/// A measured event: its component's id, its id, its severity and its beganAt.
type MeasuredEvent = (String, String, u64, String);

/// The measured events of the SCS export: (component's `labels.id`, event id, severity,
/// beganAt), and each component's `activelyAffectedBy` references.
fn measured_events(site: &Site) -> (Vec<MeasuredEvent>, Vec<(String, Vec<String>)>) {
    let components = scs(site, "components/");
    let components = components.as_array().expect("components");
    let label = |uuid: &str| {
        let found = components.iter().find(|c| c["id"] == uuid).expect("an affected component");
        found["labels"]["id"].as_str().expect("an id").to_string()
    };
    let incidents = scs(site, "incidents/");
    let mut events = Vec::new();
    for incident in incidents.as_array().expect("incidents") {
        assert!(incident["endedAt"].is_null(), "going on: {incident}");
        let impact = &incident["affects"][0];
        let id = incident["id"].as_str().expect("an id").to_string();
        let began = incident["beganAt"].as_str().expect("beganAt").to_string();
        let updates = scs(site, &format!("incidents/{id}/updates/"));
        assert_eq!(updates.as_array().map(Vec::len), Some(1), "{updates}");
        events.push((
            label(impact["reference"].as_str().expect("a reference")),
            id,
            impact["severity"].as_u64().expect("a severity"),
            began,
        ));
    }
    let affected = components
        .iter()
        .map(|c| {
            let by = c["activelyAffectedBy"].as_array().expect("activelyAffectedBy");
            (
                c["labels"]["id"].as_str().expect("an id").to_string(),
                by.iter().map(|i| i["reference"].as_str().expect("a reference").to_string()).collect(),
            )
        })
        .collect();
    (events, affected)
}

#[test]
fn the_scs_export_gives_measured_red_and_unknown_components_an_incident() {
    let site = unknown_site();
    run_at(&site, &["build", "--offline"]).expect_code(0);
    let (unknown, affected) = measured_events(&site);
    let found: Vec<(&str, u64)> = unknown.iter().map(|(c, _, s, _)| (c.as_str(), *s)).collect();
    // Severity 50: `limited` in the SCS web client's bands, never `operational`.
    assert_eq!(found, [("cdn", 50), ("storage", 50)]);
    let incident = &scs(&site, "incidents/")[1];
    assert_eq!(incident["displayName"], "Object storage: status unknown, no measurements");
    let text = incident["description"].as_str().unwrap();
    assert!(text.contains("is missing") && text.contains("Replication lag has no value"), "{text}");
    for ((component, id, _, _), (owner, by)) in unknown.iter().zip(&affected) {
        assert_eq!((component, by), (owner, &vec![id.clone()]), "each component affected by its own event");
    }
    assert_eq!(affected[2], ("dns".to_string(), Vec::new()), "no checks, no measured event");

    // The CDN measured red, Object storage still unknown.
    site.write("public/status/health.json", site.read("red-health.json"));
    run_at(&site, &["build", "--offline"]).expect_code(0);
    let (red, _) = measured_events(&site);
    assert_eq!((red[0].0.as_str(), red[0].2, red[0].3.as_str()), ("cdn", 75, "2026-11-15T00:00:00Z"));
    assert_ne!(red[0].1, unknown[0].1, "a new level, a new event");
    assert_eq!(red[1], unknown[1], "the same unknown, the same event");
    // Five minutes later, the same measurement: the same events.
    let later = (NOW.parse::<i64>().unwrap() + 300).to_string();
    site.run_at_epoch(&later, &["build", "--offline"]).expect_code(0);
    assert_eq!(measured_events(&site).0, red);
}

/// The tables that make `peers` (name, URL) the peers of a handbook, read within 3 s.
fn peer_tables(peers: &[(&str, &str)]) -> String {
    let mut tables = String::from("\n[community]\ntimeout = \"3s\"\n");
    for (name, url) in peers {
        tables.push_str(&format!("\n[[peers]]\nname = \"{name}\"\nurl = \"{url}\"\n"));
    }
    tables
}

/// A community of three handbooks built by opsbook and served on 127.0.0.1: `a` (the
/// measured status page of `status-measured`, its CDN red, with a runbook and a
/// preliminary incident review), `b`, which links to `a`'s pages, and `c`, which does
/// not answer. Each names the others as peers.
#[test]
fn a_community_of_handbooks_shows_each_peers_state_reviews_and_runbooks() {
    let listen_a = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let listen_b = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url_a = format!("http://{}/", listen_a.local_addr().expect("its address"));
    let url_b = format!("http://{}/", listen_b.local_addr().expect("its address"));
    let url_c = format!("http://127.0.0.1:{}/", util::closed_port());
    let count = |n: &std::sync::Arc<std::sync::atomic::AtomicUsize>| n.load(std::sync::atomic::Ordering::SeqCst);

    let a = unknown_site();
    let book = a.read("book.toml").replace("https://status.example.org/", &url_a);
    a.write("book.toml", book + &peer_tables(&[("b", &url_b), ("c", &url_c)]));
    a.write(
        "content/runbooks/db-failover.md",
        "---\ntitle: Database failover\nkind: runbook\nservice: ledger-db\ntags: [database]\n---\n\n## Steps\n\nPromote a replica.\n",
    );
    a.write(
        "content/rca/outage.md",
        "---\ntitle: Storage outage <script>\nkind: rca\nstatus: preliminary\nincident_date: 2026-11-10\n---\n\nWhat happened.\n",
    );
    // Offline, built twice: its CDN measured red by the health.json the second build
    // finds in the output folder; b and c have no copies.
    run_at(&a, &["build", "--offline"]).expect_code(0);
    a.write("public/status/health.json", a.read("red-health.json"));
    let run = run_at(&a, &["build", "--offline"]);
    run.expect_code(0);
    assert!(run.stderr.contains("the build is offline and has no copy of it"), "{}", run.stderr);
    // a's handbook.json as served also lists a page at a `javascript:` path and one on
    // another host: neither may reach b's search index.
    let listed = a.read("public/handbook.json").replacen(
        "\"pages\": [",
        r#""pages": [{"path":"javascript:alert(1)//","title":"Phish"},{"url":"https://evil.example/x/","title":"Off"},"#,
        1,
    );
    a.write("public/handbook.json", listed);
    let not_modified = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    util::serve_folder(listen_a, a.root.join("public"), not_modified.clone());

    let b = Site::with_files(
        "community-b",
        &[
            (
                "book.toml",
                &format!(
                    "[handbook]\ntitle = \"Provider B\"\nbase-url = \"{url_b}\"\n\n[check]\nlinks = \"warn\"\n{}",
                    peer_tables(&[("a", &url_a), ("c", &url_c)])
                ),
            ),
            (
                "content/_index.md",
                "# Provider B\n\nSee [their failover](a:runbooks/db-failover.md#steps), [their home](a:),\n[gone](a:runbooks/gone.md) and [no anchor](a:runbooks/db-failover.md#step-1).\n",
            ),
        ],
    );
    let run = run_at(&b, &["build"]);
    run.expect_code(0);
    util::serve_folder(listen_b, b.root.join("public"), not_modified.clone());
    // The peer that does not answer is a warning at its table, never a failure.
    assert!(run.stderr.contains("warning[peer-unavailable]") && run.stderr.contains("the peer `c`"), "{}", run.stderr);
    assert!(run.stderr.contains("refused the connection"), "{}", run.stderr);
    // Links to a peer are checked against its handbook.json, at the linking line.
    let gone = "warning[broken-link]: the peer `a` has no page `runbooks/gone.md`\n --> content/_index.md:4:";
    assert!(run.stderr.contains(gone), "{}", run.stderr);
    let anchor = "of the peer `a` has no anchor `#step-1`\n --> content/_index.md:4:";
    assert!(run.stderr.contains(anchor), "{}", run.stderr);
    let home = b.read("public/index.html");
    assert!(home.contains(&format!("href=\"{url_a}runbooks/db-failover/#steps\"")), "{home}");
    assert!(home.contains(&format!("href=\"{url_a}\">their home")), "{home}");

    // b's community page: a measured red, with its runbook and review; c unknown.
    let page = b.read("public/community/index.html");
    let main = util::main_of(&page);
    let peer_a = between(main, "id=\"peer-a\"", "</section>");
    assert!(peer_a.contains("status-level-red") && peer_a.contains("CDN: Outage"), "{peer_a}");
    assert!(peer_a.contains("Measured 2026-11-15T12:00:00Z, 0m ago."), "{peer_a}");
    let peer_c = between(main, "id=\"peer-c\"", "</section>");
    assert!(peer_c.contains("status-level-unknown") && !peer_c.contains("status-level-green"), "{peer_c}");
    assert!(peer_c.contains("refused the connection") && peer_c.contains("has no copy of it"), "{peer_c}");
    assert!(main.contains(&format!("<a href=\"{url_a}runbooks/db-failover/\">Database failover</a>")), "{main}");
    assert!(between(main, "<h4>ledger-db</h4>", "</ul>").contains("Database failover"), "{main}");
    let reviews = between(main, "id=\"community-reviews\"", "</section>");
    assert!(reviews.contains("status-preliminary") && reviews.contains("Storage outage &lt;script&gt;"), "{reviews}");
    // The search box offers "all handbooks"; their index has a's pages under a's URL.
    assert!(home.contains("name=\"scope\" value=\"all\"") && home.contains("All handbooks"), "{home}");
    let index = b.read("public/search/community.json");
    let runbook = format!("[0,\"{url_a}runbooks/db-failover/\",\"Database failover\",\"runbook\",");
    assert!(index.contains(&runbook) && index.contains("steps database ledger-db"), "{index}");
    assert!(!index.contains("javascript:") && !index.contains("evil.example") && !index.contains('<'), "{index}");
    let feed = b.read("public/community/feed.xml");
    assert!(feed.contains("<title>Nimbus Handbook: Storage outage &lt;script&gt;</title>"), "{feed}");

    // Built again: each file of a is asked for with its ETag and answered 304.
    let before = count(&not_modified);
    run_at(&b, &["build"]).expect_code(0);
    assert!(count(&not_modified) >= before + 2, "conditional requests");
    // Offline, the kept copies stand in, and no request is made.
    let before = count(&not_modified);
    run_at(&b, &["build", "--offline"]).expect_code(0);
    assert_eq!(count(&not_modified), before);
    let page = b.read("public/community/index.html");
    assert!(between(&page, "id=\"peer-a\"", "</section>").contains("CDN: Outage"), "{page}");

    a_community_site_of_its_own(&url_a, &url_b, &url_c);
}

/// A site of the community alone (`build --community`) from a folder holding nothing but
/// its book.toml, its peers those of
/// [`a_community_of_handbooks_shows_each_peers_state_reviews_and_runbooks`], served: the
/// community page, where the home page leads, its feed and the search of all handbooks,
/// and no page of its own.
fn a_community_site_of_its_own(url_a: &str, url_b: &str, url_c: &str) {
    let d = Site::with_files(
        "community-d",
        &[(
            "book.toml",
            &format!(
                "[handbook]\ntitle = \"The community\"\n{}",
                peer_tables(&[("a", url_a), ("b", url_b), ("c", url_c)])
            ),
        )],
    );
    let run = run_at(&d, &["build", "--community"]);
    run.expect_code(0);
    let page = d.read("public/community/index.html");
    assert!(between(&page, "id=\"peer-a\"", "</section>").contains("CDN: Outage"), "{page}");
    assert!(page.contains("id=\"peer-b\"") && page.contains("id=\"peer-c\""), "{page}");
    let home = d.read("public/index.html");
    assert!(home.contains("http-equiv=\"refresh\" content=\"0; url=/community/\""), "{home}");
    assert!(d.read("public/community/feed.xml").contains("Storage outage &lt;script&gt;"));
    assert!(d.read("public/search/community.json").contains(&format!("\"{url_a}runbooks/db-failover/\"")));
    assert!(page.contains("name=\"scope\" value=\"all\" checked"), "all handbooks at first: {page}");
    let written = d.files_under("public");
    let pages: Vec<&String> = written.iter().filter(|path| path.ends_with(".html") && *path != "404.html").collect();
    assert_eq!(pages, ["community/index.html", "index.html", "search/index.html"], "{written:?}");
    // Without peers there is no community to build.
    let alone = Site::with_files("community-none", &[("book.toml", "[handbook]\ntitle = \"Alone\"\n")]);
    let run = run_at(&alone, &["build", "--community"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`--community` builds a site of the handbook's peers, and book.toml names no `[[peers]]`"),
        "{}",
        run.stderr
    );
}
