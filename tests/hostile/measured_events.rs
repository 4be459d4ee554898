//! Hostile inputs: the SCS export's measured events (the incidents a component that
//! its checks measure red, orange or unknown is affected by). A file of the handbook at
//! the address of one is a collision named at both; a component's name full of quotes,
//! markup and control characters stays data in every file of the export.

use serde_json::Value;

use crate::util::Site;

/// 2026-11-15T12:00:00Z.
const NOW: &str = "1794744000";

fn incidents(site: &Site) -> Vec<Value> {
    let text = site.read("public/status/scs/incidents/index.json");
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    value["data"].as_array().expect("a list").clone()
}

#[test]
fn a_file_at_a_measured_events_address_is_a_collision() {
    let site = Site::fixture("status-measured");
    site.run_at_epoch(NOW, &["build", "--offline"]).expect_code(0);
    let id = incidents(&site)[0]["id"].as_str().expect("an id").to_string();
    site.write(&format!("content/status/scs/incidents/{id}/updates/index.json"), "[]");
    let run = site.run_at_epoch(NOW, &["build", "--offline"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[duplicate-url]"), "{}", run.stderr);
    let owner =
        format!("the file /status/scs/incidents/{id}/updates/index.json that opsbook writes for the status page");
    assert!(run.stderr.contains(&owner), "{}", run.stderr);
}

#[test]
fn a_components_name_stays_data_in_its_measured_event() {
    let site = Site::fixture("status-measured");
    let name = "Edge \\\"</script><b>\\u0007 & {{ x }}";
    let book = site.read("book.toml").replace("name = \"CDN\"", &format!("name = \"{name}\""));
    site.write("book.toml", book);
    site.run_at_epoch(NOW, &["build", "--offline"]).expect_code(0);
    let shown = "Edge \"</script><b>\u{7} & {{ x }}";
    let events = incidents(&site);
    assert_eq!(events[0]["displayName"], format!("{shown}: status unknown, no measurements"));
    assert!(events[0]["description"].as_str().unwrap().contains(&format!("The measurement of {shown} is missing")));
    let id = events[0]["id"].as_str().unwrap();
    let updates = site.read(&format!("public/status/scs/incidents/{id}/updates/index.json"));
    let updates: Value = serde_json::from_str(&updates).expect("valid JSON");
    assert_eq!(updates["data"][0]["description"], events[0]["description"]);
}
