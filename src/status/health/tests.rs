use super::*;
use crate::config::{Config, Overrides};

const BOOK: &str = r#"[handbook]
title = "T"
[status]
prometheus = "http://127.0.0.1:9"
components = [
  { id = "api", name = "API", checks = [
      { name = "Probes", query = "avg_over_time(probe_success[1d])", green = ">= 0.99", orange = ">= 0.95" },
      { name = "Latency", query = "x", green = "<= 0.3", unit = "s" },
  ] },
  { id = "dns", name = "DNS" },
]
"#;

fn status() -> StatusConfig {
    let root = std::path::Path::new("/nonexistent");
    Config::parse(root, BOOK, &Overrides::default()).expect("config").status.expect("status")
}

fn now() -> Timestamp {
    Timestamp::parse("2026-11-15T12:00:00Z").unwrap()
}

#[test]
fn judges_values_by_the_thresholds_and_components_by_their_worst_check() {
    let status = status();
    let checks = &status.components[0].checks;
    assert_eq!(Level::of(&checks[0], Some(0.995)), Level::Green);
    assert_eq!(Level::of(&checks[0], Some(0.97)), Level::Orange);
    assert_eq!(Level::of(&checks[0], Some(0.5)), Level::Red);
    assert_eq!(Level::of(&checks[1], Some(0.31)), Level::Red, "no orange: red as soon as not green");
    assert_eq!(Level::of(&checks[0], None), Level::Unknown);
    assert_eq!(Level::worst([Level::Green, Level::Unknown]), Level::Unknown, "failure is never green");
    assert_eq!(Level::worst([Level::Unknown, Level::Orange]), Level::Orange);
    assert_eq!(Level::worst([Level::Red, Level::Orange]), Level::Red);
}

#[test]
fn dates_a_level_from_the_run_of_days_that_ends_today() {
    let status = status();
    let mut probes = vec![Some(1.0); WINDOW_DAYS as usize];
    probes[87] = Some(0.97);
    probes[88] = Some(0.96);
    probes[89] = Some(0.96);
    let latency = vec![Some(0.1); WINDOW_DAYS as usize];
    let health = component_health(&status.components[0], Some(&[probes, latency]), now(), None);
    assert_eq!(health.level, Level::Orange);
    assert_eq!(health.since.map(Timestamp::rfc3339).as_deref(), Some("2026-11-13T00:00:00Z"));
    assert_eq!(health.last_data_at, Some(now()));
    assert_eq!(health.days[86], Level::Green);
    assert_eq!(health.days[87], Level::Orange);
    let unknown = component_health(&status.components[0], None, now(), None);
    // Unknown since its run of unknown days began: the same input, the same time.
    let first = Timestamp::parse("2026-08-18T00:00:00Z");
    assert_eq!((unknown.level, unknown.since, unknown.last_data_at), (Level::Unknown, first, None));
}

/// A health.json written for `health`, read back at `at`.
fn written_and_read(health: &Health, status: &StatusConfig, at: Timestamp, name: &str) -> file::Recorded {
    let dir = crate::test_support::temp_dir(name);
    let path = dir.join("health.json");
    std::fs::write(&path, file::health_json(health, status)).unwrap();
    file::read(&crate::fs::Confined::test(&path), at).unwrap().expect("a record")
}

fn measured_orange(status: &StatusConfig) -> Health {
    let mut probes = vec![Some(1.0); WINDOW_DAYS as usize];
    probes[10] = Some(0.5);
    probes[89] = Some(0.96);
    let latency = vec![Some(0.1); WINDOW_DAYS as usize];
    let component = component_health(&status.components[0], Some(&[probes, latency]), now(), None);
    Health { measured_at: now(), source: Source::Measured, components: vec![component] }
}

#[test]
fn a_failed_measurement_keeps_a_recent_state_with_its_age_and_never_erases_history() {
    let status = status();
    let health = measured_orange(&status);
    // Ten minutes later the server is gone: the last measurement stands in, dated.
    let soon = Timestamp::from_seconds(now().seconds() + 600);
    let recorded = written_and_read(&health, &status, soon, "health-kept");
    let kept = measure(&status, soon, Mode::Measure, Ok(Some(recorded)), "x", false).expect("measured");
    assert_eq!((kept.health.source.clone(), kept.health.measured_at), (Source::LastBuild, now()));
    assert_eq!(kept.health.components[0].level, Level::Orange);
    assert!(kept.diagnostics[0].message.contains("shows the last measurement, of 2026-11-15T12:00:00Z"));
    // Two days later it is too old: unknown, but the 90 days measured stay.
    let later = Timestamp::from_seconds(now().seconds() + 2 * 86_400);
    let recorded = written_and_read(&health, &status, later, "health-stale");
    let stale = measure(&status, later, Mode::Measure, Ok(Some(recorded)), "x", false).expect("measured");
    let component = &stale.health.components[0];
    assert_eq!(component.level, Level::Unknown);
    assert_eq!((component.last_data_at, component.since), (Some(now()), Some(now())));
    assert_eq!(component.checks[0].series, health.components[0].checks[0].series, "history kept");
    assert!(stale.diagnostics[0].message.contains("too old to stand in"), "{}", stale.diagnostics[0].message);
    let text = file::health_json(&stale.health, &status);
    assert!(text.contains("\"value\": 0.5,") && text.contains("\"measured_at\": \"2026-11-15T12:00:00Z\""), "{text}");
    // Read back once more, it stays unknown since the same time: feeds keep one entry.
    let again = written_and_read(&stale.health, &status, later, "health-stale-again");
    let unknown = measure(&status, later, Mode::Offline, Ok(Some(again)), "x", false).expect("measured");
    assert_eq!(unknown.health.components[0].since, Some(now()));
}

#[test]
fn a_measurement_takes_the_days_the_server_no_longer_has_from_the_last_record() {
    let status = status();
    let health = measured_orange(&status);
    let next_day = Timestamp::from_seconds(now().seconds() + 86_400);
    let recorded = written_and_read(&health, &status, next_day, "health-fill");
    // The server now keeps only the last two days.
    let mut values: prometheus::Values = vec![vec![vec![None; 90], vec![None; 90]], vec![]];
    values[0][0][88] = Some(0.97);
    values[0][0][89] = Some(0.999);
    recorded.fill_past_days(&status, next_day, &mut values);
    // The window moved on a day: yesterday's index 10 is today's 9.
    assert_eq!(values[0][0][9], Some(0.5));
    assert_eq!((values[0][0][88], values[0][0][89]), (Some(0.97), Some(0.999)), "what it gives wins");
    assert_eq!(values[0][0][0], Some(1.0));
    assert_eq!(values[0][1][50], Some(0.1));
}

#[test]
fn an_unreachable_server_makes_every_measured_component_unknown_with_a_warning() {
    let status = status();
    let measured =
        measure(&status, now(), Mode::Measure, Ok(None), "public/status/health.json", false).expect("measured");
    assert_eq!(measured.health.source, Source::Nothing);
    assert_eq!(measured.health.components.len(), 1, "only components with checks");
    assert_eq!(measured.health.components[0].level, Level::Unknown);
    let warning = &measured.diagnostics[0];
    assert_eq!(warning.rule, crate::diagnostic::Rule::HealthUnavailable);
    assert!(
        warning.message.starts_with("the Prometheus server http://127.0.0.1:9 refused the connection"),
        "{}",
        warning.message
    );
}

#[test]
fn writes_health_json_and_reads_it_back_judging_values_again() {
    let status = status();
    let mut probes = vec![None; WINDOW_DAYS as usize];
    probes[89] = Some(0.96);
    probes[10] = Some(0.5);
    let health = Health {
        measured_at: now(),
        source: Source::Measured,
        components: vec![component_health(&status.components[0], Some(&[probes, vec![None; 90]]), now(), None)],
    };
    let text = file::health_json(&health, &status);
    assert!(!text.contains("probe_success") && !text.contains("127.0.0.1"), "no query, no server: {text}");
    let dir = crate::test_support::temp_dir("health-file");
    let path = dir.join("health.json");
    // A tampered level is judged again from the value.
    std::fs::write(&path, text.replace("\"level\": \"orange\"", "\"level\": \"green\"")).unwrap();
    let later = Timestamp::parse("2026-11-15T12:20:00Z").unwrap();
    let recorded = file::read(&crate::fs::Confined::test(&path), later).unwrap().expect("a record");
    let offline = measure(&status, later, Mode::Offline, Ok(Some(recorded)), "x", false).expect("measured");
    assert_eq!(offline.health.source, Source::LastBuild);
    assert_eq!(offline.health.measured_at, now());
    assert_eq!(offline.health.components[0].checks[0].value, Some(0.96));
    assert_eq!(offline.health.components[0].level, Level::Orange);
    assert_eq!(offline.health.components[0].checks[0].series[10], Some(0.5));
    assert!(offline.diagnostics.is_empty(), "{:?}", offline.diagnostics);
    assert_eq!(file::health_json(&offline.health, &status), text, "an offline build writes what it read");
    // A day later, older than `stale-after` (30 minutes): unknown, with a warning.
    let next_day = Timestamp::parse("2026-11-16T12:00:00Z").unwrap();
    let recorded = file::read(&crate::fs::Confined::test(&path), next_day).unwrap().expect("a record");
    let stale = measure(&status, next_day, Mode::Offline, Ok(Some(recorded)), "x", false).expect("measured");
    assert_eq!(stale.health.components[0].level, Level::Unknown);
    assert_eq!(stale.health.components[0].checks[0].value, Some(0.96), "the value stays, dated");
    assert!(stale.diagnostics[0].message.starts_with("the build measures nothing offline: the last measurement"));
}

#[test]
fn refuses_a_health_json_that_is_not_one() {
    let dir = crate::test_support::temp_dir("health-tampered");
    let path = dir.join("health.json");
    assert!(file::read(&crate::fs::Confined::test(&path), now()).unwrap().is_none(), "none there");
    let refused = |text: &str| {
        std::fs::write(&path, text).unwrap();
        file::read(&crate::fs::Confined::test(&path), now()).unwrap_err()
    };
    assert!(refused("not json").contains("not JSON at line 1"));
    assert!(
        refused("{\"version\": 2, \"measured_at\": \"2026-01-01T00:00:00Z\", \"components\": []}")
            .contains("version is 2")
    );
    assert!(
        refused("{\"version\": 1, \"measured_at\": \"2030-01-01T00:00:00Z\", \"components\": []}")
            .contains("after the build's now")
    );
    assert!(refused("{\"version\": 1, \"measured_at\": \"soon\", \"components\": []}").contains("not a time"));
    assert!(
        refused("{\"version\": 1, \"measured_at\": \"2026-01-01T00:00:00Z\", \"components\": [], \"x\": 1}")
            .contains("another shape")
    );
    std::fs::remove_file(&path).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/hostname", &path).unwrap();
        assert_eq!(file::read(&crate::fs::Confined::test(&path), now()).unwrap_err(), "it is not a regular file");
    }
}

#[test]
fn writes_values_for_people() {
    assert_eq!(value_text(0.99871, None), "0.9987");
    assert_eq!(value_text(0.25, Some("s")), "0.25 s");
    assert_eq!(value_text(12.345, Some("ms")), "12.35 ms");
    assert_eq!(value_text(99.5, Some("%")), "99.5%");
    assert_eq!(value_text(1234.0, None), "1234");
    assert_eq!(value_text(0.0, None), "0");
    assert_eq!(value_text(-0.00001, None), "-0.00001");
}

#[test]
fn never_rounds_a_value_onto_its_threshold() {
    let check = |value: f64, green: &str, orange: Option<&str>, unit: Option<&str>| CheckHealth {
        name: "c".into(),
        value: Some(value),
        level: Level::Unknown,
        green: green.into(),
        orange: orange.map(Into::into),
        unit: unit.map(Into::into),
        series: Vec::new(),
    };
    // Four digits would say "0.99" and "100%": on or over the green they miss.
    assert_eq!(check(0.98996, ">= 0.99", Some(">= 0.95"), None).value_text(".").as_deref(), Some("0.98996"));
    assert_eq!(check(99.9986, ">= 99.999", None, Some("%")).value_text(".").as_deref(), Some("99.9986%"));
    assert_eq!(check(0.300004, "<= 0.3", None, Some("s")).value_text(",").as_deref(), Some("0,300004 s"));
    // Far from the thresholds, four digits as before; on one exactly, as it is.
    assert_eq!(check(0.99871, ">= 0.99", None, None).value_text(".").as_deref(), Some("0.9987"));
    assert_eq!(check(0.99, ">= 0.99", None, None).value_text(".").as_deref(), Some("0.99"));
    assert_eq!(check(0.949999999, ">= 0.99", Some(">= 0.95"), None).value_text(".").as_deref(), Some("0.949999999"));
    let none = CheckHealth { value: None, ..check(1.0, ">= 1", None, None) };
    assert_eq!(none.value_text("."), None);
}

#[test]
fn a_check_without_value_leaves_a_worse_check_of_its_component_in_charge() {
    // A query the server refuses with an execution error gives its check no value at
    // all: unknown, but a red or orange check of the same component still wins.
    let status = status();
    let refused = vec![None; WINDOW_DAYS as usize];
    let mut probes = vec![Some(1.0); WINDOW_DAYS as usize];
    probes[60] = Some(0.5);
    probes[89] = Some(0.5);
    let red = component_health(&status.components[0], Some(&[probes, refused.clone()]), now(), None);
    assert_eq!((red.level, red.days[60], red.days[89]), (Level::Red, Level::Red, Level::Red));
    assert_eq!(red.checks[1].level, Level::Unknown);
    assert_eq!(red.last_data_at, Some(now()), "a component with a value has data");
    let orange = component_health(&status.components[0], Some(&[vec![Some(0.97); 90], refused.clone()]), now(), None);
    assert_eq!(orange.level, Level::Orange);
    let green = component_health(&status.components[0], Some(&[vec![Some(1.0); 90], refused]), now(), None);
    assert_eq!(green.level, Level::Unknown, "never green while a check has no value");
}

#[test]
fn health_json_has_the_path_the_health_module_reads_back() {
    let row = crate::site::extra_files::ExtraFile::StatusHealth.spec();
    assert_eq!(row.path, file::SITE_PATH);
}
