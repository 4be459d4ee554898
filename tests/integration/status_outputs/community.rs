//! What the status outputs say of what is unknown or measured, the notify script's
//! webhook, and a community of handbooks showing its peers' states.

use super::*;

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
