//! The alerts feature on a small handbook built in memory (no pipeline): its registry,
//! its row of the generated pages and of the extra files, the addresses it claims and
//! the look-ups the site model asks it for, and only its own.

use super::*;
use crate::site::generated::GENERATED_PAGES;

const BOOK: &str = "[handbook]\ntitle = \"Ops\"\n";

const PAGES: &[(&str, &str)] = &[
    ("content/runbooks/db.md", "---\nkind: runbook\nalerts: [PostgresPrimaryDown]\n---\nFail over.\n"),
    ("content/runbooks/KubePodCrashLooping.md", "---\nkind: runbook\n---\nRestart it.\n"),
    ("content/guide.md", "---\ntitle: Guide\n---\nText.\n"),
];

#[test]
fn answers_its_rows_and_the_site_models_look_ups_from_its_registry() {
    let (site, diagnostics) = crate::site::tests::modelled_site("alerts-rows", BOOK, PAGES, register);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let feature = site.features.get::<AlertsFeature>().expect("registered");
    let names: Vec<&str> = site.alerts().keys().map(String::as_str).collect();
    assert_eq!(names, ["KubePodCrashLooping", "PostgresPrimaryDown"]);
    let db = site.pages.iter().position(|p| p.source.path == "runbooks/db.md").expect("db.md");
    assert_eq!(feature.runbook_of_alert("PostgresPrimaryDown"), Some(db));
    assert_eq!(feature.runbook_of_alert("NoSuchAlert"), None);
    let list = feature.instances(&site, &ALERTS).expect("the alerts' row");
    assert_eq!(list.iter().map(|i| i.site_path.as_str()).collect::<Vec<_>>(), ["alerts/"]);
    for row in GENERATED_PAGES.iter().filter(|row| !std::ptr::eq(**row, &ALERTS)) {
        assert!(feature.instances(&site, row).is_none(), "{}", row.template);
    }
    // The alert's own name and its lower-case form, as the monitoring mixins link.
    assert!(feature.writes_page_at("alerts/PostgresPrimaryDown/"));
    assert!(feature.writes_page_at("alerts/postgresprimarydown/"));
    assert!(!feature.writes_page_at("alerts/NoSuchAlert/"));
    assert!(!feature.writes_page_at("runbooks/PostgresPrimaryDown/"));
    let redirects: Vec<&str> = site.aliases.iter().map(|(path, _)| path.as_str()).collect();
    assert!(redirects.contains(&"alerts/PostgresPrimaryDown/"), "{redirects:?}");
    assert!(redirects.contains(&"alerts/postgresprimarydown/"), "{redirects:?}");
    let json = feature.files(&site, ExtraFile::AlertsJson, "alerts.json").expect("the alerts' row");
    assert_eq!(json.len(), 1);
    assert_eq!(json[0].0, "alerts.json");
    assert!(json[0].1.contains("\"alert\": \"PostgresPrimaryDown\""), "{}", json[0].1);
    assert!(feature.files(&site, ExtraFile::Sitemap, "sitemap.xml").is_none());
    assert!(!feature.differs(&site), "the pages answer the alerts the registry holds");
}

#[test]
fn a_site_without_the_feature_has_no_alerts_and_no_alert_pages() {
    let (site, _) = crate::site::tests::modelled_site("alerts-unregistered", BOOK, PAGES, |_| {});
    assert!(site.alerts().is_empty());
    assert!(site.generated_pages().all(|(_, page)| *page != GeneratedPage::Alerts));
    assert!(site.aliases.iter().all(|(path, _)| !path.starts_with("alerts/")));
}
