//! The public status page built from Markdown incident files. Fixture
//! handbooks built by the real binary at a pinned `SOURCE_DATE_EPOCH`: the page
//! `/status/`, the incident pages, the badges, the Statuspage API v2 files (field by
//! field), the overall status rules, the maintenance phases, the uptime, the audience
//! and every bad input with its place.

use crate::util;

use serde_json::Value;
use util::{Run, Site, main_of};

/// 2026-11-15T12:00:00Z.
const NOW: &str = "1794744000";

/// Runs `opsbook ARGS` in `site` at `epoch`.
fn run_at(site: &Site, epoch: &str, args: &[&str]) -> Run {
    site.run_at_epoch(epoch, args)
}

fn built(fixture: &str, args: &[&str]) -> Site {
    let site = Site::fixture(fixture);
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    run_at(&site, NOW, &all).expect_code(0);
    site
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(&format!("public/status/api/v2/{path}"))).expect("valid JSON")
}

fn keys(value: &Value) -> Vec<&str> {
    value.as_object().expect("an object").keys().map(String::as_str).collect()
}

fn texts<'a>(values: &'a Value, key: &str) -> Vec<&'a str> {
    values.as_array().expect("a list").iter().map(|v| v[key].as_str().unwrap_or("null")).collect()
}

#[test]
fn writes_the_statuspage_api_with_its_field_names_and_values() {
    let site = built("status-basic", &[]);
    let summary = json(&site, "summary.json");
    assert_eq!(keys(&summary), ["page", "components", "incidents", "scheduled_maintenances", "status"]);
    assert_eq!(keys(&summary["page"]), ["id", "name", "url", "time_zone", "updated_at"]);
    assert_eq!(summary["page"]["url"], "https://status.example.org/status/");
    assert_eq!(summary["page"]["time_zone"], "Etc/UTC");
    assert_eq!(summary["status"], serde_json::json!({"indicator": "major", "description": "Minor Service Outage"}));
    let components = &summary["components"];
    for component in components.as_array().unwrap() {
        let mut expected = vec![
            "id",
            "name",
            "status",
            "created_at",
            "updated_at",
            "position",
            "description",
            "showcase",
            "start_date",
            "group_id",
            "page_id",
            "group",
            "only_show_if_degraded",
        ];
        if component["group"] == true {
            expected.push("components");
        }
        assert_eq!(keys(component), expected);
        let status = component["status"].as_str().unwrap();
        assert!(
            ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]
                .contains(&status)
        );
    }
    assert_eq!(texts(components, "name"), ["Core", "Public API", "DNS", "CDN", "Object storage"]);
    assert_eq!(
        texts(components, "status"),
        ["partial_outage", "partial_outage", "operational", "operational", "operational"]
    );
    assert_eq!(components[0]["components"], serde_json::json!(["api", "dns"]));
    assert_eq!(components[1]["group_id"], components[0]["id"]);
    assert_eq!(components[1]["updated_at"], "2026-11-15T09:00:00.000Z");
    let positions: Vec<u64> = components.as_array().unwrap().iter().map(|c| c["position"].as_u64().unwrap()).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5]);

    let incident = &summary["incidents"][0];
    assert_eq!(summary["incidents"].as_array().unwrap().len(), 1, "only the unresolved one");
    assert_eq!(
        keys(incident),
        [
            "id",
            "name",
            "status",
            "created_at",
            "updated_at",
            "monitoring_at",
            "resolved_at",
            "impact",
            "shortlink",
            "started_at",
            "page_id",
            "incident_updates",
            "components"
        ]
    );
    assert_eq!(incident["name"], "Elevated API error rates");
    assert_eq!((incident["status"].as_str(), incident["impact"].as_str()), (Some("identified"), Some("major")));
    assert_eq!(incident["shortlink"], "https://status.example.org/status/api-errors/");
    assert_eq!(incident["page_id"], summary["page"]["id"]);
    let updates = &incident["incident_updates"];
    assert_eq!(keys(&updates[0]), ["id", "status", "body", "incident_id", "created_at", "updated_at", "display_at"]);
    assert_eq!(
        texts(updates, "created_at"),
        ["2026-11-15T11:30:00.000Z", "2026-11-15T10:00:00.000Z", "2026-11-15T09:10:00.000Z"],
        "newest first"
    );
    assert_eq!(updates[0]["incident_id"], incident["id"]);
    assert_eq!(texts(&incident["components"], "id"), ["api"]);

    let maintenances = &summary["scheduled_maintenances"];
    assert_eq!(texts(maintenances, "name"), ["Object storage upgrade"]);
    let maintenance = &maintenances[0];
    assert_eq!(maintenance["status"], "scheduled");
    assert_eq!(maintenance["impact"], "maintenance");
    assert_eq!(maintenance["scheduled_for"], "2030-01-10T02:00:00.000Z");
    assert_eq!(maintenance["scheduled_until"], "2030-01-10T04:00:00.000Z");

    let status = json(&site, "status.json");
    assert_eq!(keys(&status), ["page", "status"]);
    assert_eq!(status["status"], summary["status"]);
    let all = json(&site, "components.json");
    assert_eq!(keys(&all), ["page", "components"]);
    assert_eq!(all["components"], summary["components"]);
}

#[test]
fn lists_incidents_newest_first_and_a_final_review_as_postmortem() {
    let site = built("status-basic", &[]);
    let incidents = json(&site, "incidents.json");
    assert_eq!(keys(&incidents), ["page", "incidents"]);
    let list = &incidents["incidents"];
    assert_eq!(texts(list, "name"), ["Elevated API error rates", "DNS resolution failures", "Slow CDN in Asia"]);
    assert_eq!(texts(list, "status"), ["identified", "postmortem", "resolved"]);
    assert_eq!(texts(list, "resolved_at"), ["null", "2026-11-10T10:00:00.000Z", "2026-10-05T03:00:00.000Z"]);
    assert_eq!(texts(list, "impact"), ["major", "critical", "minor"], "the last from its worst state");
    let unresolved = json(&site, "incidents/unresolved.json");
    assert_eq!(texts(&unresolved["incidents"], "name"), ["Elevated API error rates"]);
}

#[test]
fn puts_each_maintenance_in_its_phase() {
    let site = built("status-basic", &[]);
    let all = json(&site, "scheduled-maintenances.json");
    assert_eq!(keys(&all), ["page", "scheduled_maintenances"]);
    assert_eq!(texts(&all["scheduled_maintenances"], "status"), ["scheduled", "completed"]);
    let upcoming = json(&site, "scheduled-maintenances/upcoming.json");
    assert_eq!(texts(&upcoming["scheduled_maintenances"], "name"), ["Object storage upgrade"]);
    let active = json(&site, "scheduled-maintenances/active.json");
    assert_eq!(active["scheduled_maintenances"], serde_json::json!([]));
    // At 2030-01-10T03:00:00Z the upgrade is in progress, and storage under maintenance.
    let site = Site::fixture("status-basic");
    run_at(&site, "1894244400", &["build"]).expect_code(0);
    let active = json(&site, "scheduled-maintenances/active.json");
    assert_eq!(texts(&active["scheduled_maintenances"], "status"), ["in_progress"]);
    let summary = json(&site, "summary.json");
    assert_eq!(summary["components"][4]["status"], "under_maintenance");
    // The API incident is still unresolved then: its impact wins over the maintenance.
    assert_eq!(summary["status"]["indicator"], "major");
}

#[test]
fn shows_the_banner_components_uptime_and_history() {
    let site = built("status-basic", &[]);
    let html = site.read("public/status/index.html");
    assert!(html.contains(r#"<link rel="stylesheet" href="/status.css">"#));
    let main = main_of(&html);
    assert!(main.contains(r#"<p class="status-banner status-tone-partial" role="status">"#), "{main}");
    assert!(main.contains("Minor Service Outage"));
    assert!(main.contains(">99.96 % uptime<"));
    assert!(main.contains(">99.91 % uptime<"));
    assert_eq!(main.matches(">100.00 % uptime<").count(), 2);
    assert_eq!(main.matches(r#"<li class="uptime-day "#).count(), 4 * 90);
    assert!(main.contains(r#"<li class="uptime-day status-major_outage" tabindex="0" aria-labelledby="uptime-dns-85"><span class="uptime-tip" id="uptime-dns-85"><time datetime="2026-11-10">2026-11-10</time>: Major Outage — DNS resolution failures</span></li>"#));
    assert!(main.contains(r#"<li class="uptime-day status-under_maintenance" tabindex="0" aria-labelledby="uptime-dns-76"><span class="uptime-tip" id="uptime-dns-76"><time datetime="2026-11-01">2026-11-01</time>: Under Maintenance — DNS migration</span></li>"#));
    // A quiet day is no Tab stop.
    assert!(main.contains(r#"<li class="uptime-day status-operational" aria-labelledby="uptime-dns-90">"#));
    let history = &main[main.find("Past incidents").unwrap()..];
    let november = history.find("November 2026").unwrap();
    let october = history.find("October 2026").unwrap();
    assert!(november < october);
    assert!(history.contains("Postmortem"));
}

#[test]
fn shows_every_update_of_an_active_incident_newest_first_and_links_the_json_feeds() {
    let site = built("status-basic", &[]);
    let html = site.read("public/status/index.html");
    let main = main_of(&html);
    let active = &main[main.find(r#"id="status-active""#).expect("active incidents")..];
    let active = &active[..active.find("</section>").expect("its end")];
    let at =
        |time: &str| active.find(&format!(r#"<time datetime="{time}">"#)).unwrap_or_else(|| panic!("{time}: {active}"));
    assert!(at("2026-11-15T11:30:00Z") < at("2026-11-15T10:00:00Z"), "{active}");
    assert!(at("2026-11-15T10:00:00Z") < at("2026-11-15T09:10:00Z"), "{active}");
    assert!(main.contains(r#"<details class="status-subscribe">"#), "Subscribe is one closed control: {main}");
    assert!(main.contains(r#"<a href="/status/feed.json">JSON Feed</a>"#), "{main}");
    assert!(main.contains(r#"<a href="/status/cdn/feed.json">CDN</a>"#), "{main}");
    assert!(html.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Nimbus status" href="/status/feed.xml">"#
    ));
    assert!(html.contains(
        r#"<link rel="alternate" type="application/feed+json" title="Nimbus status" href="/status/feed.json">"#
    ));
    // The subscribe block comes after the incidents, the page's own words after both.
    assert!(main.find("status-active").unwrap() < main.find("status-subscribe").unwrap());
}

#[test]
fn renders_each_incident_with_its_panel_then_its_description_then_its_updates_in_time_order() {
    let site = built("status-basic", &[]);
    let main = main_of(&site.read("public/status/api-errors/index.html")).to_string();
    assert!(main.contains(r#"<dl class="panel panel-status" aria-label="Incident">"#));
    assert!(main.contains("Public API: Partial Outage"));
    let times: Vec<&str> = main.match_indices(" UTC</time>").map(|(i, _)| &main[i - 16..i]).collect();
    // The start in the panel, then the updates in time order, after the
    // description; no owners or edit links on a customer's page.
    assert_eq!(times, ["2026-11-15 09:00", "2026-11-15 09:10", "2026-11-15 10:00", "2026-11-15 11:30"]);
    assert!(main.contains("<strong>load balancer</strong>"));
    assert!(
        main.find(r#"<div id="page-body" class="content">"#).unwrap()
            < main.find(r#"<section class="status-timeline""#).unwrap()
    );
    assert!(!main.contains("page-meta") && !main.contains("repository-links"), "{main}");
    let dns = main_of(&site.read("public/status/dns-outage/index.html")).to_string();
    assert!(
        dns.contains(r#"<dt>Incident review</dt><dd><a href="/rca/dns/">2026-11-10: DNS resolution failures</a>"#),
        "{dns}"
    );
    assert!(dns.contains("Postmortem"));
}

#[test]
fn shows_component_badges_on_related_pages_and_the_home_page() {
    let site = built("status-basic", &[]);
    let runbook = site.read("public/runbooks/api/index.html");
    assert!(runbook.contains(r#"<link rel="stylesheet" href="/status.css">"#));
    assert!(main_of(&runbook).contains(r#"<span class="status-chip status-partial_outage"><span class="status-dot" aria-hidden="true"></span>Public API: Partial Outage</span>"#));
    let rca = site.read("public/rca/dns/index.html");
    assert!(main_of(&rca).contains("DNS: Operational"), "related by its services");
    assert!(runbook.contains(r#"<a href="/status/">Status</a></nav>"#), "the footer links the status page");
    let home = main_of(&site.read("public/index.html")).to_string();
    assert!(home.contains(r#"<a class="status-chip status-tone-partial" href="/status/">"#), "{home}");
    let handbook: Value = serde_json::from_str(&site.read("public/handbook.json")).unwrap();
    let page = handbook["pages"].as_array().unwrap().iter().find(|p| p["url"] == "/runbooks/api/").unwrap();
    assert_eq!(
        page["components"],
        serde_json::json!([{"id": "api", "name": "Public API", "status": "partial_outage"}])
    );
}

#[test]
fn keeps_an_internal_incident_out_of_every_public_output_byte() {
    let site = built("status-basic", &[]);
    for file in site.files_under("public") {
        let bytes = site.read_bytes(&format!("public/{file}"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET"), "public/{file}");
    }
    assert_eq!(json(&site, "summary.json")["components"][4]["status"], "operational");
    let internal = built("status-basic", &["--audience", "internal"]);
    let summary = json(&internal, "summary.json");
    assert_eq!(summary["components"][4]["status"], "major_outage");
    assert!(texts(&summary["incidents"], "name").contains(&"SECRET-STORAGE-INCIDENT"));
}

#[test]
fn reports_every_bad_input_where_it_is_written() {
    let site = Site::fixture("status-errors");
    let run = run_at(&site, NOW, &["build"]);
    run.expect_code(1);
    let errors: Vec<String> = run
        .stderr
        .split("error[")
        .skip(1)
        .map(|e| {
            let (message, rest) = e.split_once('\n').unwrap();
            let place = rest.trim_start().strip_prefix("--> ").unwrap().lines().next().unwrap();
            format!("{place}: {}", message.split_once("]: ").unwrap().1)
        })
        .collect();
    assert_eq!(
        errors,
        [
            "content/runbooks/api.md:3:19: unknown component `queue`; the ids of `[status] components` are: api, dns",
            "content/status/backwards-maintenance.md:4:1: `scheduled_until` (2026-12-01T02:00:00Z) is before `scheduled_for` (2026-12-01T04:00:00Z)",
            "content/status/backwards-maintenance.md:5:19: unknown component `mail`; the ids of `[status] components` are: api, dns",
            "content/status/no-start.md:2:1: a page of kind `incident` needs the front matter field `started_at`",
            "content/status/resolved-early.md:5:1: `resolved_at` (2026-11-15T09:00:00Z) is before `started_at` (2026-11-15T10:00:00Z)",
            "content/status/resolved-without-time.md:3:1: `status: resolved` needs the front matter field `resolved_at`",
            "content/status/unknown-component.md:6:3: unknown component `web`; the ids of `[status] components` are: api, dns",
            "content/status/unknown-words.md:3:1: front matter field `status` must be one of investigating, identified, monitoring, resolved, found \"fixed\"",
            "content/status/unknown-words.md:4:1: front matter field `impact` must be one of none, minor, major, critical, found \"huge\"",
            "content/status/unknown-words.md:7:8: `api` in front matter field `components` must be one of degraded_performance, partial_outage, major_outage, found \"down\"",
            "content/status/update-without-at.md:5:5: update 1 of `updates` needs `at`",
        ]
    );
}

/// A handbook with components `a` and `b` and incidents giving them `states` (`""`
/// for none), plus a maintenance of `b` in progress when `maintenance`.
fn overall(states: [&str; 2], impact: Option<&str>, maintenance: bool) -> (String, String) {
    let site = Site::with_files("status-overall", &[("content/_index.md", "# Home\n")]);
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"T\"\n[status]\ncomponents = [{ id = \"a\", name = \"A\" }, { id = \"b\", name = \"B\" }]\n",
    );
    for (id, state) in ["a", "b"].iter().zip(states) {
        if !state.is_empty() {
            site.write(
                &format!("content/status/{id}.md"),
                format!(
                    "---\nkind: incident\nstarted_at: 2026-11-15T10:00:00Z\ncomponents: {{{id}: {state}}}\n---\nx\n"
                ),
            );
        }
    }
    if let Some(impact) = impact {
        site.write(
            "content/status/i.md",
            format!("---\nkind: incident\nimpact: {impact}\nstarted_at: 2026-11-15T10:00:00Z\n---\nx\n"),
        );
    }
    if maintenance {
        site.write(
            "content/status/m.md",
            "---\nkind: maintenance\nscheduled_for: 2026-11-15T11:00:00Z\nscheduled_until: 2026-11-15T13:00:00Z\ncomponents: [b]\n---\nx\n",
        );
    }
    run_at(&site, NOW, &["build"]).expect_code(0);
    let status = json(&site, "status.json")["status"].clone();
    let text = |key: &str| status[key].as_str().expect("text").to_string();
    (text("indicator"), text("description"))
}

#[test]
fn follows_the_statuspage_overall_status_rules() {
    /// The states of `a` and `b`, the impact of another incident, a maintenance of `b`
    /// in progress, and the indicator and description expected.
    type Case = ([&'static str; 2], Option<&'static str>, bool, (&'static str, &'static str));
    let cases: &[Case] = &[
        (["", ""], None, false, ("none", "All Systems Operational")),
        (["major_outage", "major_outage"], None, false, ("critical", "Major System Outage")),
        (["major_outage", ""], None, false, ("critical", "Partial System Outage")),
        (["partial_outage", "partial_outage"], Some("minor"), false, ("major", "Partial System Outage")),
        (["partial_outage", ""], Some("none"), false, ("major", "Minor Service Outage")),
        (["degraded_performance", "degraded_performance"], Some("none"), false, ("minor", "Degraded System Service")),
        (["degraded_performance", ""], Some("none"), false, ("minor", "Partially Degraded Service")),
        (["", ""], None, true, ("maintenance", "Service Under Maintenance")),
        (["", ""], Some("minor"), false, ("minor", "Minor Service Outage")),
        (["", ""], Some("major"), false, ("major", "Partial System Outage")),
        (["", ""], Some("critical"), false, ("critical", "Major System Outage")),
    ];
    for (states, impact, maintenance, expected) in cases {
        let found = overall(*states, *impact, *maintenance);
        assert_eq!((found.0.as_str(), found.1.as_str()), *expected, "{states:?} {impact:?} {maintenance}");
    }
}

#[test]
fn changes_nothing_without_a_status_table() {
    let site = Site::with_files(
        "status-none",
        &[("content/runbooks/api.md", "---\nkind: runbook\nservice: api\ncomponents: [api]\n---\nx\n")],
    );
    run_at(&site, NOW, &["build"]).expect_code(0);
    assert!(!site.exists("public/status"));
    assert!(!site.exists("public/status.css"));
    let page = site.read("public/runbooks/api/index.html");
    assert!(!page.contains("status-") && !page.contains("/status"), "{page}");
}

#[test]
fn gives_way_to_content_at_its_url() {
    let site = Site::fixture("status-basic");
    site.write("content/status/_index.md", "# Service status\n\nOur words above the page.\n");
    run_at(&site, NOW, &["build"]).expect_code(0);
    let main = main_of(&site.read("public/status/index.html")).to_string();
    assert!(main.contains("Service status") && main.contains("Our words above the page."));
    assert!(main.contains("status-banner"), "an `_index.md` among incidents customises the page");
    site.write("content/status/faq.md", "# Status FAQ\n\nA page of its own.\n");
    let run = run_at(&site, NOW, &["build"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("the nimbus status page opsbook generates moves to /handbook-status/"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/handbook-status/index.html").contains("status-banner"));
    assert!(site.exists("public/status/api/v2/summary.json"));
}

#[test]
fn refuses_a_source_date_epoch_that_is_not_a_number() {
    let site = Site::fixture("status-basic");
    let run = run_at(&site, "yesterday", &["build"]);
    run.expect_code(2);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH must be a number of seconds since 1970, found \"yesterday\""));
}

#[test]
fn scaffolds_an_incident_with_opsbook_new() {
    let site = Site::fixture("status-basic");
    site.write(
        "content/templates/incident.md",
        "---\nkind: template\ntemplate_for: incident\nstatus: investigating\nstarted_at: 2026-01-01T00:00:00Z\ncomponents: {}\nupdates: []\n---\nWhat users see.\n",
    );
    run_at(&site, NOW, &["new", "incident", "Login failures"]).expect_code(0);
    let page = site.read("content/status/login-failures.md");
    assert!(
        page.starts_with(
            "---\ntitle: Login failures\nkind: incident\nstatus: investigating\nstarted_at: 2026-11-15T12:00:00Z\n"
        ),
        "{page}"
    );
    run_at(&site, NOW, &["build"]).expect_code(0);
}

#[test]
fn snapshots_every_api_file() {
    let site = built("status-basic", &[]);
    for file in [
        "status.json",
        "summary.json",
        "components.json",
        "incidents.json",
        "incidents/unresolved.json",
        "scheduled-maintenances.json",
        "scheduled-maintenances/upcoming.json",
        "scheduled-maintenances/active.json",
    ] {
        let name = format!("status_api_{}", file.trim_end_matches(".json").replace(['/', '-'], "_"));
        insta::assert_snapshot!(name, site.read(&format!("public/status/api/v2/{file}")));
    }
}

#[test]
fn keeps_an_internal_review_out_of_a_public_incident() {
    let site = Site::fixture("status-basic");
    let review = site.read("content/rca/dns.md").replace("status: final\n", "status: final\nvisibility: internal\n");
    site.write("content/rca/dns.md", review);
    run_at(&site, NOW, &["build"]).expect_code(0);
    let incidents = json(&site, "incidents.json");
    assert_eq!(texts(&incidents["incidents"], "status")[1], "resolved", "no public review, no postmortem");
    assert!(!main_of(&site.read("public/status/dns-outage/index.html")).contains("Incident review"));
    let internal = Site::fixture("status-basic");
    internal.write("content/rca/dns.md", site.read("content/rca/dns.md"));
    run_at(&internal, NOW, &["build", "--audience", "internal"]).expect_code(0);
    let list = json(&internal, "incidents.json")["incidents"].clone();
    let dns = list.as_array().unwrap().iter().find(|i| i["name"] == "DNS resolution failures").unwrap().clone();
    assert_eq!(dns["status"], "postmortem", "the internal build has the review");
}

/// A relative `.md` link in an update's text leads where the same link in the body
/// would (on the incident's page and on `/status/`); one that leads nowhere is a
/// `broken-link` error at the update's `text` in the incident file, not in the theme.
#[test]
fn links_in_update_texts_resolve_like_body_links_and_errors_point_at_the_incident() {
    let site = Site::fixture("status-basic");
    let file = "content/status/api-errors.md";
    let text =
        site.read(file).replace("errors are falling.", "errors are falling; see [the runbook](../runbooks/api.md).");
    site.write(file, &text);
    run_at(&site, NOW, &["build"]).expect_code(0);
    let link = r#"<a href="/runbooks/api/">the runbook</a>"#;
    assert!(main_of(&site.read("public/status/api-errors/index.html")).contains(link), "the incident's page");
    assert!(main_of(&site.read("public/status/index.html")).contains(link), "the status page's latest update");

    site.write(file, text.replace("../runbooks/api.md", "../runbooks/nothing.md"));
    let run = run_at(&site, NOW, &["check"]);
    run.expect_code(1);
    let line = text.lines().position(|l| l.contains("errors are falling")).expect("the update's line") + 1;
    assert!(
        run.stderr.contains("error[broken-link]: the `text` of an update links to `../runbooks/nothing.md`: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("--> {file}:{line}:11\n")), "at the update's text: {}", run.stderr);
    assert!(!run.stderr.contains("templates/status.html"), "never in the theme: {}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}
