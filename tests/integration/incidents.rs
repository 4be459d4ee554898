//! Runbooks and incident reviews linked through alerts and services: each runbook's
//! "Past incidents", newest first, and the runbook links in each review's panel; an
//! internal review only in the internal build.

use crate::util;

use util::{Site, between, links_in, main_of};

fn handbook(name: &str) -> Site {
    let rca = |date: &str, severity: &str, rest: &str| {
        format!("---\nincident_date: {date}\nseverity: {severity}\nstatus: final\n{rest}---\nWhat happened.\n")
    };
    Site::with_files(
        name,
        &[
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\ndefault_kind: runbook\n---\n"),
            (
                "content/runbooks/db.md",
                "---\ntitle: Database failover\nservice: ledger-db\nalerts: [PostgresPrimaryDown, PostgresReplicaLag]\n---\nPromote.\n",
            ),
            ("content/runbooks/KubePodCrashLooping.md", "---\ntitle: Pod crash loop\nservice: kube\n---\nLook.\n"),
            ("content/runbooks/queue.md", "---\ntitle: Queue backlog\nservice: billing-queue\n---\nDrain.\n"),
            ("content/rca/_index.md", "---\ntitle: Incident reviews\ndefault_kind: rca\n---\n"),
            (
                "content/rca/db-may.md",
                &rca(
                    "2026-05-02",
                    "SEV1",
                    "title: Primary lost\nalerts: [PostgresPrimaryDown, DiskAlmostFull]\nservices: [payments]\n",
                ),
            ),
            ("content/rca/ledger-aug.md", &rca("2026-08-10", "SEV2", "title: Ledger slow\nservices: [Ledger-DB]\n")),
            (
                "content/rca/pods-jan.md",
                &rca("2026-01-20", "SEV3", "title: Pods crashing\nalerts: [KubePodCrashLooping, PostgresReplicaLag]\n"),
            ),
            (
                "content/rca/secret-sep.md",
                &rca(
                    "2026-09-01",
                    "SEV1",
                    "title: Secret outage\nvisibility: internal\nalerts: [PostgresPrimaryDown]\n",
                ),
            ),
        ],
    )
}

/// The titles, dates and severities of a runbook's "Past incidents", in order.
fn past_incidents(html: &str) -> Vec<String> {
    let main = main_of(html);
    if !main.contains(r#"<section class="past-incidents""#) {
        return Vec::new();
    }
    let list = between(main, r#"<section class="past-incidents""#, "</section>");
    list.split("<li>").skip(1).map(|item| html_text(item.split("</li>").next().unwrap_or_default())).collect()
}

/// The text of a fragment of HTML, tags removed and spaces squeezed.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn runbooks_list_the_reviews_citing_their_alerts_or_service_newest_first() {
    let site = handbook("incidents-public");
    site.build(&[]).expect_code(0);
    assert_eq!(
        past_incidents(&site.read("public/runbooks/db/index.html")),
        ["Ledger slow 2026-08-10 SEV2", "Primary lost 2026-05-02 SEV1", "Pods crashing 2026-01-20 SEV3"],
        "by alert and by service, whatever its case, newest first"
    );
    let db = site.read("public/runbooks/db/index.html");
    let list = between(main_of(&db), r#"<section class="past-incidents""#, "</section>");
    assert_eq!(links_in(list), ["/rca/ledger-aug/", "/rca/db-may/", "/rca/pods-jan/"], "{list}");
    assert!(list.contains(r#"<span class="severity severity-sev2">SEV2</span>"#), "{list}");
    assert_eq!(
        past_incidents(&site.read("public/runbooks/kubepodcrashlooping/index.html")),
        ["Pods crashing 2026-01-20 SEV3"],
        "an alert taken from the file name counts"
    );
    let queue = site.read("public/runbooks/queue/index.html");
    assert!(!queue.contains("past-incidents") && !queue.contains("Past incidents"), "no incidents, no list");
}

#[test]
fn reviews_link_the_runbooks_of_their_alerts() {
    let site = handbook("incidents-review");
    site.build(&[]).expect_code(0);
    let html = site.read("public/rca/db-may/index.html");
    let panel = between(main_of(&html), r#"<dl class="panel panel-rca""#, "</dl>");
    let alerts = between(panel, "<dt>Alerts</dt>", "</div>");
    assert_eq!(links_in(alerts), ["/runbooks/db/"], "{alerts}");
    assert!(alerts.contains(r#"<code class="alert-name">PostgresPrimaryDown</code></a>"#), "{alerts}");
    assert!(
        alerts.contains(r#" <code class="alert-name">DiskAlmostFull</code></dd>"#),
        "an alert without a runbook is text: {alerts}"
    );
    let pods = site.read("public/rca/pods-jan/index.html");
    let alerts = between(main_of(&pods), "<dt>Alerts</dt>", "</div>");
    assert_eq!(links_in(alerts), ["/runbooks/kubepodcrashlooping/", "/runbooks/db/"], "{alerts}");
    let ledger = site.read("public/rca/ledger-aug/index.html");
    assert!(!main_of(&ledger).contains("<dt>Alerts</dt>"), "no alerts, no row");
}

#[test]
fn internal_reviews_are_listed_only_in_the_internal_build() {
    let site = handbook("incidents-internal");
    site.build(&[]).expect_code(0);
    let public = site.read("public/runbooks/db/index.html");
    assert!(!public.contains("Secret outage") && !public.contains("secret-sep"), "{}", main_of(&public));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    let internal = site.read("internal/runbooks/db/index.html");
    let list = past_incidents(&internal);
    assert_eq!(list.first().map(String::as_str), Some("Secret outage 2026-09-01 SEV1 Internal"), "{list:?}");
    assert_eq!(list.len(), 4, "{list:?}");
}
