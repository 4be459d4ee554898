//! Item 5: incidents and maintenances written with a time zone
//! (`2026-03-01 09:05 Europe/Berlin`, as the community's minutes write them), with an
//! offset or `Z`, in their fields and updates, are read as such: the page shows UTC, the
//! exports (Statuspage API, SCS, feeds) carry the right UTC instants, and a zone the
//! database does not know, or a local time a daylight saving change skips or repeats,
//! is an error at its line and column with help.

use crate::util;

use serde_json::Value;
use util::{Run, Site};

/// 2026-11-15T12:00:00Z.
const NOW: &str = "1794744000";

const BOOK: &str = "[handbook]\ntitle = \"T\"\nbase-url = \"https://ops.example.org/\"\n\n[status]\ncomponents = [{ id = \"api\", name = \"API\" }]\n";

const BERLIN: &str = "---
title: Berlin incident
kind: incident
status: resolved
impact: minor
started_at: 2026-03-01 09:05 Europe/Berlin
resolved_at: 2026-07-01T10:30[Europe/Berlin]
components:
  api: degraded_performance
updates:
  - at: 2026-03-01 09:20 Europe/Berlin
    status: investigating
    text: Looking.
  - at: 2026-07-01T08:30:00Z
    status: resolved
    text: Fixed.
---
";

const MAINTENANCE: &str = "---
title: Night work
kind: maintenance
scheduled_for: 2026-12-01 02:00 America/New_York
scheduled_until: 2026-12-01T04:00:00-05:00
components: [api]
---
";

fn run_at(site: &Site, args: &[&str]) -> Run {
    site.run_at_epoch(NOW, args)
}

fn handbook(name: &str, pages: &[(&str, &str)]) -> Site {
    let mut files = vec![("book.toml", BOOK)];
    files.extend_from_slice(pages);
    Site::with_files(name, &files)
}

#[test]
fn reads_zoned_times_and_exports_utc_instants() {
    let site = handbook("zones", &[("content/status/berlin.md", BERLIN), ("content/status/night.md", MAINTENANCE)]);
    run_at(&site, &["build"]).expect_code(0);
    let incidents: Value = serde_json::from_str(&site.read("public/status/api/v2/incidents.json")).expect("json");
    let incident = &incidents["incidents"][0];
    assert_eq!(incident["started_at"], "2026-03-01T08:05:00.000Z", "CET is +01:00");
    assert_eq!(incident["resolved_at"], "2026-07-01T08:30:00.000Z", "CEST is +02:00");
    let updates: Vec<&str> = incident["incident_updates"]
        .as_array()
        .expect("updates")
        .iter()
        .map(|u| u["created_at"].as_str().unwrap())
        .collect();
    assert_eq!(updates, ["2026-07-01T08:30:00.000Z", "2026-03-01T08:20:00.000Z"]);
    let maintenances: Value =
        serde_json::from_str(&site.read("public/status/api/v2/scheduled-maintenances.json")).expect("json");
    let maintenance = &maintenances["scheduled_maintenances"][0];
    assert_eq!(maintenance["scheduled_for"], "2026-12-01T07:00:00.000Z");
    assert_eq!(maintenance["scheduled_until"], "2026-12-01T09:00:00.000Z");
    let page = site.read("public/status/berlin/index.html");
    assert!(page.contains("<time datetime=\"2026-03-01T08:05:00Z\">2026-03-01 08:05 UTC</time>"), "{page}");
    let feed = site.read("public/status/feed.xml");
    assert!(feed.contains("<updated>2026-03-01T08:20:00Z</updated>"), "{feed}");
    let scs = site.read("public/status/scs/incidents/index.json");
    assert!(scs.contains("\"2026-03-01T08:05:00Z\""), "{scs}");
}

#[test]
fn an_unknown_zone_or_a_skipped_time_is_an_error_at_its_field_with_help() {
    let typo =
        BERLIN.replace("started_at: 2026-03-01 09:05 Europe/Berlin", "started_at: 2026-03-01 09:05 Europe/Berln");
    let skipped = BERLIN.replace("  - at: 2026-03-01 09:20 Europe/Berlin", "  - at: 2026-03-29 02:30 Europe/Berlin");
    let site = handbook("zone-errors", &[("content/status/typo.md", &typo), ("content/status/skipped.md", &skipped)]);
    let run = run_at(&site, &["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[front-matter-field]: front matter field `started_at` has the unknown time zone `Europe/Berln`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/status/typo.md:6:1"), "{}", run.stderr);
    assert!(run.stderr.contains("= help: did you mean `Europe/Berlin`?"), "{}", run.stderr);
    assert!(
        run.stderr.contains("is a time that does not exist in Europe/Berlin: the clocks went from +01:00 to +02:00"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/status/skipped.md:11:"), "{}", run.stderr);
}
