//! `opsbook new KIND "Title"`: a page of the kind from its template, in the kind's
//! section, with today's dates; never over an existing file; unknown kinds named.

use crate::util;

use util::Site;

const TODAY: &str = "2026-11-15";

#[test]
fn creates_an_incident_review_from_the_template() {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["new", "rca", "2026-11-14: Object storage latency"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "created content/rca/2026-11-14-object-storage-latency.md\n");
    let page = site.read("content/rca/2026-11-14-object-storage-latency.md");
    assert_eq!(
        page,
        "---\ntitle: \"2026-11-14: Object storage latency\"\nowners: [\"@incident-commanders\"]\ntags: [rca]\nincident_date: 2026-11-15\nseverity: SEV3\nstatus: draft\naction_items: []\n---\n\n## Summary\n\n*What happened.*\n"
    );
    site.run_on(TODAY, &["build"]).expect_code(0);
    let html = site.read("public/rca/2026-11-14-object-storage-latency/index.html");
    assert!(html.contains("banner-preliminary"), "a draft review shows the banner");
}

#[test]
fn creates_a_runbook_and_a_declared_kind() {
    let site = Site::fixture("model");
    site.run_on(TODAY, &["new", "runbook", "Disk full"]).expect_code(0);
    let runbook = site.read("content/runbooks/disk-full.md");
    assert!(runbook.starts_with("---\ntitle: Disk full\nowners: [\"@sre-core\"]\nservice: \"\"\nseverity: SEV3\nlast_reviewed: 2026-11-15\n---\n"), "{runbook}");
    site.run_on(TODAY, &["new", "policy", "Change freeze"]).expect_code(0);
    let policy = site.read("content/policies/change-freeze.md");
    assert!(policy.starts_with("---\ntitle: Change freeze\neffective: 2026-11-15\n---\n"), "{policy}");
    // The handbook requires a service for runbooks: the empty one from the template
    // tells the author to fill it in.
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "a page of kind `runbook` needs the front matter field `service`\n --> content/runbooks/disk-full.md:1:1"
        ),
        "{}",
        run.stderr
    );
    site.write("content/runbooks/disk-full.md", runbook.replace("service: \"\"", "service: hosts"));
    site.run_on(TODAY, &["build"]).expect_code(0);
}

#[test]
fn writes_the_kind_when_the_section_does_not_imply_it() {
    let site = Site::fixture("model");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[kinds.rca]\nsection = \"guides\"\n");
    site.run_on(TODAY, &["new", "rca", "Outage"]).expect_code(0);
    assert!(site.read("content/guides/outage.md").starts_with("---\ntitle: Outage\nkind: rca\n"));
}

#[test]
fn refuses_to_overwrite_a_page() {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["new", "runbook", "Cache"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "error: refusing to overwrite content/runbooks/cache.md: choose another title, or edit that page\n"
    );
    assert!(site.read("content/runbooks/cache.md").contains("Flush it."));
}

#[test]
fn names_the_known_kinds_for_an_unknown_one() {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["new", "playbook", "X"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "error: unknown kind `playbook`; the kinds are: incident, maintenance, manifesto, page, policy, rca, runbook, template\n"
    );
}

#[test]
fn says_when_a_kind_has_no_template() {
    let site = Site::fixture("model");
    let run = site.run_on(TODAY, &["new", "manifesto", "Our principles"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no template for kind `manifesto`: create content/templates/manifesto.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_bundled_templates_make_pages_that_build() {
    let site = Site::empty("new-bundled");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    util::copy_dir(&repo.join("content"), &site.root.join("content"));
    std::fs::copy(repo.join("book.toml"), site.root.join("book.toml")).unwrap();
    site.run_on(TODAY, &["new", "rca", "Queue outage"]).expect_code(0);
    site.run_on(TODAY, &["new", "runbook", "Queue backlog growing"]).expect_code(0);
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(0);
    assert!(site.exists("public/rca/queue-outage/index.html"));
    assert!(site.exists("public/runbooks/queue-backlog-growing/index.html"));
}

/// An Alertmanager webhook payload becomes a draft incident: title and start
/// from the alerts, components from the label `[status] component-label`, runbooks
/// linked, status `investigating`.
#[test]
fn drafts_an_incident_from_an_alertmanager_payload() {
    let site = Site::fixture("status-basic");
    let config = site.read("book.toml").replace("[status]\n", "[status]\ncomponent-label = \"component\"\n");
    site.write("book.toml", config);
    site.write("content/templates/incident.md", include_str!("../../content/templates/incident.md"));
    site.write(
        "alerts.json",
        r#"{"version": "4", "status": "firing", "receiver": "opsbook",
  "groupLabels": {"alertname": "ApiErrors"}, "commonLabels": {"alertname": "ApiErrors"},
  "commonAnnotations": {"summary": "The public API answers errors"},
  "alerts": [
    {"status": "firing", "labels": {"alertname": "ApiErrors", "component": "api", "severity": "critical"},
     "annotations": {"summary": "5xx above 5%", "runbook_url": "https://status.example.org/alerts/apierrors/"},
     "startsAt": "2026-11-15T09:05:00.123Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "a1"},
    {"status": "firing", "labels": {"alertname": "ApiErrors", "component": "cdn", "severity": "warning"},
     "annotations": {"summary": "5xx above 1%"}, "startsAt": "2026-11-15T09:07:00Z", "fingerprint": "b2"}
  ]}"#,
    );
    let run = site.run_on(TODAY, &["new", "incident", "--from-alertmanager", "alerts.json"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "created content/status/the-public-api-answers-errors.md\n");
    let page = site.read("content/status/the-public-api-answers-errors.md");
    assert!(page.starts_with("---\ntitle: The public API answers errors\n"), "{page}");
    assert!(page.contains("\nstatus: investigating\n"), "{page}");
    assert!(page.contains("\nstarted_at: 2026-11-15T09:05:00Z\n"), "{page}");
    assert!(page.contains("\ncomponents: {api: major_outage, cdn: partial_outage}\n"), "{page}");
    assert!(page.contains("\ndraft: true\n---\n"), "{page}");
    assert!(
        page.contains("- **ApiErrors**: 5xx above 5% ([runbook](<https://status.example.org/alerts/apierrors/>))"),
        "{page}"
    );
    // A draft: the published page leaves it out; with --drafts it builds.
    site.run_on(TODAY, &["build", "--drafts"]).expect_code(0);
    assert!(site.exists("public/status/the-public-api-answers-errors/index.html"));

    let run = site.run_on(TODAY, &["new", "runbook", "--from-alertmanager", "alerts.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--from-alertmanager makes an incident"), "{}", run.stderr);
    site.write("broken.json", "{\"alerts\": []}");
    let run = site.run_on(TODAY, &["new", "incident", "--from-alertmanager", "broken.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("broken.json: no `alerts`"), "{}", run.stderr);
}

/// A payload of the incident's Alertmanager group, with `status`, the alerts' `status`
/// and the second alert's severity given.
fn group_payload(status: &str, second: &str, severity: &str) -> String {
    format!(
        r#"{{"version": "4", "status": "{status}", "groupKey": "{{}}:{{alertname=\"ApiErrors\"}}",
  "commonAnnotations": {{"summary": "The public API answers errors"}},
  "alerts": [
    {{"status": "{status}", "labels": {{"alertname": "ApiErrors", "component": "api", "severity": "warning"}},
     "startsAt": "2026-11-15T09:05:00Z", "endsAt": "2026-11-15T10:40:00Z"}},
    {{"status": "{status}", "labels": {{"alertname": "{second}", "component": "api", "severity": "{severity}"}},
     "startsAt": "yesterday", "endsAt": "2026-11-15T10:45:00Z"}}
  ]}}"#
    )
}

/// A later payload of the same group (by `groupKey`) updates the draft it opened: a
/// repeated one changes nothing, a changed one adds an update, a resolved one resolves
/// the incident; lenient readings are warnings naming the field.
#[test]
fn later_payloads_of_a_group_update_its_incident() {
    let site = Site::fixture("status-basic");
    let config = site.read("book.toml").replace("[status]\n", "[status]\ncomponent-label = \"component\"\n");
    site.write("book.toml", config);
    site.write("content/templates/incident.md", include_str!("../../content/templates/incident.md"));
    let file = "content/status/the-public-api-answers-errors.md";
    let new = |payload: String| {
        site.write("alerts.json", payload);
        site.run_at_epoch("1794747600", &["new", "incident", "--from-alertmanager", "alerts.json"])
    };
    let run = new(group_payload("firing", "ApiErrors", "Critical"));
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        format!(
            "warning: the `startsAt` of alert 2 (ApiErrors) is no time, \"yesterday\": it is left out of `started_at`\nwarning: the `severity` \"Critical\" is read as `critical`: the component is `major_outage`\ncreated {file}\n"
        )
    );
    let first = site.read(file);
    assert!(first.contains("\ncomponents: {api: major_outage}\n"), "{first}");
    assert!(first.contains("\nalertmanager_group: \"{}:{alertname=\\\"ApiErrors\\\"}\"\n"), "{first}");

    // The same notification again (Alertmanager repeats it): nothing changes.
    let run = new(group_payload("firing", "ApiErrors", "Critical"));
    run.expect_code(0);
    assert!(run.stderr.ends_with(&format!("unchanged {file}: the payload repeats the last one\n")), "{}", run.stderr);
    assert_eq!(site.read(file), first);

    // Another alert joins the group: one update, the rest as it was.
    let run = new(group_payload("firing", "ApiLatency", "warning"));
    run.expect_code(0);
    assert!(run.stderr.ends_with(&format!("updated {file}: an update added\n")), "{}", run.stderr);
    let changed = site.read(file);
    assert!(
        changed.contains("updates:\n  - at: 2026-11-15T13:00:00Z\n    status: \"investigating\"\n    text: \"The alerts changed; firing now: ApiErrors, ApiLatency.\"\n"),
        "{changed}"
    );
    assert!(changed.ends_with(first.split_once("\n---\n").unwrap().1), "the body is kept: {changed}");

    // Resolved: status and resolved_at (the last endsAt), and an update.
    let run = new(group_payload("resolved", "ApiLatency", "warning"));
    run.expect_code(0);
    let resolved = site.read(file);
    assert!(
        resolved.contains("\nstatus: resolved\n") && resolved.contains("\nresolved_at: 2026-11-15T10:45:00Z\n"),
        "{resolved}"
    );
    assert!(resolved.contains("    text: \"The alerts resolved: ApiErrors, ApiLatency.\"\n"), "{resolved}");
    assert_eq!(resolved.matches("  - at: ").count(), 2, "{resolved}");
    site.run_on(TODAY, &["build", "--drafts"]).expect_code(0);
}
