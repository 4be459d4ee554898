//! The status model read from small handbooks built in memory (no pipeline): states,
//! statuses, phases, ordering, the review link and the located errors.

use std::collections::HashSet;

use super::state::ComponentStatus as C;
use super::*;
use crate::diagnostic::Diagnostic;

const BOOK: &str = r#"[handbook]
title = "Nimbus"
[status]
components = [
  { id = "api", name = "API", group = "Core" },
  { id = "dns", name = "DNS", group = "Core" },
  { id = "cdn", name = "CDN" },
]
"#;

/// A handbook of `files` (besides `book.toml`) modelled at `now`.
fn model(name: &str, book: &str, files: &[(&str, &str)], now: &str) -> (Site, Vec<Diagnostic>) {
    crate::site::tests::modelled_site(&format!("status-{name}"), book, files, |site| {
        crate::status::register(site, None);
        site.now = Timestamp::parse(now).unwrap();
        site.today = site.now.date();
    })
}

/// An incident page with `fields` (leaked: these tests are short-lived).
fn incident(fields: &str) -> &'static str {
    Box::leak(format!("---\nkind: incident\n{fields}---\nWhat users saw.\n").into_boxed_str())
}

fn states(status: &Status) -> Vec<(&str, &str)> {
    status.components.iter().map(|c| (c.id.as_str(), c.status.name())).collect()
}

#[test]
fn has_no_model_without_a_status_table() {
    let (site, diagnostics) =
        model("none", "[handbook]\ntitle = \"x\"\n", &[("content/a.md", "# A\n")], "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(site.status().is_none());
}

#[test]
fn gives_components_the_worst_state_of_their_unresolved_incidents() {
    let files = [
        (
            "content/status/a.md",
            incident(
                "title: Slow API\nstatus: identified\nstarted_at: 2026-11-15T10:00:00Z\ncomponents: {api: degraded_performance}\n",
            ),
        ),
        (
            "content/status/b.md",
            incident(
                "title: API down\nstatus: monitoring\nstarted_at: 2026-11-15T11:00:00Z\ncomponents: {api: major_outage, dns: partial_outage}\n",
            ),
        ),
        (
            "content/status/c.md",
            incident(
                "title: Old CDN outage\nstatus: resolved\nstarted_at: 2026-11-01T10:00:00Z\nresolved_at: 2026-11-01T11:00:00Z\ncomponents: {cdn: major_outage}\n",
            ),
        ),
        (
            "content/status/d.md",
            incident("title: Not yet\nstarted_at: 2026-11-16T10:00:00Z\ncomponents: {cdn: major_outage}\n"),
        ),
    ];
    let (site, diagnostics) = model("states", BOOK, &files, "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let status = site.status().unwrap();
    assert_eq!(states(status), [("api", "major_outage"), ("dns", "partial_outage"), ("cdn", "operational")]);
    assert_eq!(status.groups.len(), 1);
    assert_eq!((status.groups[0].name.as_str(), status.groups[0].status), ("Core", C::MajorOutage));
    assert_eq!((status.overall.indicator.name(), status.overall.description), ("critical", "Partial System Outage"));
    let names: Vec<&str> = status.incidents.iter().map(|i| site.pages[i.page].source.path.as_str()).collect();
    assert_eq!(names, ["status/d.md", "status/b.md", "status/a.md", "status/c.md"], "newest first");
    let unresolved: Vec<&str> = status.unresolved().map(|i| i.status).collect();
    assert_eq!(unresolved, ["investigating", "monitoring", "identified"]);
    assert_eq!(status.incidents[1].impact.name(), "critical", "from its worst component state");
}

#[test]
fn shows_updates_newest_first_and_defaults_their_status() {
    let files = [(
        "content/status/a.md",
        incident(
            "status: monitoring\nimpact: minor\nstarted_at: 2026-11-15T10:00:00Z\ncomponents: {api: degraded_performance}\nupdates:\n  - {at: 2026-11-15T10:05:00Z, status: investigating, text: Looking.}\n  - {at: 2026-11-15T11:00:00Z, status: monitoring, text: Fixed, watching.}\n  - {at: 2026-11-15T10:30:00Z, text: Found it.}\n",
        ),
    )];
    let (site, diagnostics) = model("updates", BOOK, &files, "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let incident = &site.status().unwrap().incidents[0];
    let updates: Vec<(String, &str)> = incident.updates.iter().map(|u| (u.at.rfc3339(), u.status.as_str())).collect();
    assert_eq!(
        updates,
        [
            ("2026-11-15T11:00:00Z".to_string(), "monitoring"),
            ("2026-11-15T10:30:00Z".to_string(), "monitoring"),
            ("2026-11-15T10:05:00Z".to_string(), "investigating"),
        ]
    );
    assert_eq!(incident.monitoring_at.map(|t| t.rfc3339()).as_deref(), Some("2026-11-15T10:30:00Z"));
    assert_eq!(incident.updated_at.rfc3339(), "2026-11-15T11:00:00Z");
    let ids: HashSet<&str> = incident.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn reports_a_final_review_as_postmortem() {
    let files = [
        (
            "content/status/a.md",
            incident(
                "status: resolved\nstarted_at: 2026-11-01T10:00:00Z\nresolved_at: 2026-11-01T11:00:00Z\ncomponents: {api: major_outage}\nrca: ../rca/api.md\n",
            ),
        ),
        (
            "content/status/b.md",
            incident(
                "status: resolved\nstarted_at: 2026-11-02T10:00:00Z\nresolved_at: 2026-11-02T11:00:00Z\nrca: ../rca/draft.md\n",
            ),
        ),
        ("content/rca/api.md", "---\nkind: rca\nincident_date: 2026-11-01\nstatus: final\n---\nx\n"),
        ("content/rca/draft.md", "---\nkind: rca\nincident_date: 2026-11-02\nstatus: draft\n---\nx\n"),
    ];
    let (site, diagnostics) = model("postmortem", BOOK, &files, "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let status = site.status().unwrap();
    let found: Vec<(&str, bool)> = status.incidents.iter().map(|i| (i.status, i.rca.is_some())).collect();
    assert_eq!(found, [("resolved", true), ("postmortem", true)]);
    assert_eq!(status.unresolved().count(), 0);
}

#[test]
fn puts_maintenances_in_their_phase_at_now() {
    let maintenance = |from: &str, until: &str| {
        format!("---\nkind: maintenance\nscheduled_for: {from}\nscheduled_until: {until}\ncomponents: [dns]\n---\nx\n")
    };
    let files = [
        ("content/status/past.md", maintenance("2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z")),
        ("content/status/now.md", maintenance("2026-11-15T11:00:00Z", "2026-11-15T13:00:00Z")),
        ("content/status/later.md", maintenance("2030-01-01T00:00:00Z", "2030-01-01T02:00:00Z")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (site, diagnostics) = model("phases", BOOK, &files, "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let status = site.status().unwrap();
    let phases: Vec<&str> = status.maintenances.iter().map(|m| m.phase.name()).collect();
    assert_eq!(phases, ["completed", "in_progress", "scheduled"]);
    assert_eq!(states(status)[1], ("dns", "under_maintenance"));
    assert_eq!(
        (status.overall.indicator.name(), status.overall.description),
        ("maintenance", "Service Under Maintenance")
    );
}

#[test]
fn relates_runbooks_to_components_by_id_or_service() {
    let files = [
        ("content/runbooks/dns.md", "---\nkind: runbook\nservice: dns\n---\nx\n"),
        ("content/runbooks/edge.md", "---\nkind: runbook\ncomponents: [cdn, api]\n---\nx\n"),
        ("content/runbooks/other.md", "---\nkind: runbook\nservice: billing\n---\nx\n"),
    ];
    let (site, diagnostics) = model("related", BOOK, &files, "2026-11-15T12:00:00Z");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let status = site.status().unwrap();
    let of = |path: &str| {
        let id = site.page_by_path(path).unwrap();
        status.components_of(id).map(|c| c.id.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(of("runbooks/dns.md"), ["dns"]);
    assert_eq!(of("runbooks/edge.md"), ["api", "cdn"]);
    assert!(of("runbooks/other.md").is_empty());
}

#[test]
fn reports_bad_input_where_it_is_written() {
    let files = [
        (
            "content/status/a.md",
            incident(
                "status: resolved\nimpact: huge\nstarted_at: 2026-11-15T10:00:00Z\ncomponents:\n  api: down\n  web: major_outage\nupdates:\n  - text: no time\n",
            ),
        ),
        (
            "content/status/b.md",
            incident("status: fixed\nstarted_at: 2026-11-15T10:00:00Z\nresolved_at: 2026-11-15T09:00:00Z\n"),
        ),
        (
            "content/status/m.md",
            "---\nkind: maintenance\nscheduled_for: 2026-11-15T10:00:00Z\nscheduled_until: 2026-11-15T09:00:00Z\n---\nx\n",
        ),
        ("content/runbooks/r.md", "---\nkind: runbook\ncomponents: [api, nope]\n---\nx\n"),
        ("content/status/c.md", incident("started_at: 2026-11-15T10:00:00Z\nrca: ../rca/missing.md\n")),
    ];
    let (_, diagnostics) = model("errors", BOOK, &files, "2026-11-15T12:00:00Z");
    let mut found: Vec<String> =
        diagnostics.iter().map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.column, d.message)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            "content/runbooks/r.md:3:19: unknown component `nope`; the ids of `[status] components` are: api, dns, cdn",
            "content/status/a.md:10:5: update 1 of `updates` needs `at`",
            "content/status/a.md:3:1: `status: resolved` needs the front matter field `resolved_at`",
            "content/status/a.md:4:1: front matter field `impact` must be one of none, minor, major, critical, found \"huge\"",
            "content/status/a.md:7:8: `api` in front matter field `components` must be one of degraded_performance, partial_outage, major_outage, found \"down\"",
            "content/status/a.md:8:3: unknown component `web`; the ids of `[status] components` are: api, dns, cdn",
            "content/status/b.md:3:1: front matter field `status` must be one of investigating, identified, monitoring, resolved, found \"fixed\"",
            "content/status/b.md:5:1: `resolved_at` (2026-11-15T09:00:00Z) is before `started_at` (2026-11-15T10:00:00Z)",
            "content/status/c.md:4:1: front matter field `rca`: no page `content/rca/missing.md`",
            "content/status/m.md:4:1: `scheduled_until` (2026-11-15T09:00:00Z) is before `scheduled_for` (2026-11-15T10:00:00Z)",
        ]
    );
}

#[test]
fn derives_stable_ids() {
    assert_eq!(stable_id("incident:status/a.md"), stable_id("incident:status/a.md"));
    assert_ne!(stable_id("incident:status/a.md"), stable_id("incident:status/b.md"));
    assert_eq!(stable_id("x").len(), 12);
    assert!(stable_id("x").chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
}

/// Every file or folder name a component's paths make of its id is one that
/// `[status]` checks when it reads the id (`config::component_file_names`).
#[test]
fn config_checks_every_name_made_of_a_component_id() {
    let id = "some-component";
    let checked = crate::config::component_file_names(id);
    for path in component_paths(id) {
        for segment in path.split('/').filter(|segment| segment.contains(id)) {
            assert!(checked.iter().any(|name| name == segment), "{segment} of {path} is not checked");
        }
    }
}

#[test]
fn the_feature_writes_its_rows_of_the_extra_files_and_only_those() {
    use crate::site::extra_files::ExtraFile;
    let (site, _) = model("feature-files", BOOK, &[], "2026-03-14T12:00:00Z");
    let status = site.features.files(&site, ExtraFile::StatusApiStatus, "status/api/v2/status.json");
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].0, "status/api/v2/status.json");
    assert!(status[0].1.contains("\"indicator\""), "{}", status[0].1);
    let badges = site.features.files(&site, ExtraFile::StatusBadges, "status/badge/overall.svg");
    assert!(badges.iter().any(|(path, _)| path == "status/badge/api.svg"), "{badges:?}");
    assert!(site.features.files(&site, ExtraFile::StatusHealth, "status/health.json").is_empty(), "nothing measured");
    assert!(site.features.files(&site, ExtraFile::Sitemap, "sitemap.xml").is_empty(), "not the status page's row");
    let words = site.words.of(site.config.languages.default_language());
    let title = site.features.page_title(&site, &crate::site::GeneratedPage::Status, words);
    assert_eq!(title, Some(site.status_page_title(words)));
}
