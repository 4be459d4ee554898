//! Tabs in real builds: the three syntaxes become groups of panels
//! that name how the reader's choice is remembered, every panel under its label; the
//! pages with tabs, and only they, load `tabs.js`, which the build writes only for a
//! handbook that has tabs.

use crate::util;

use util::{Site, main_of};

const SCRIPT: &str = "<script src=\"/tabs.js\" defer></script>";

#[test]
fn pages_with_tabs_load_the_script_and_hold_every_panel() {
    let site = Site::fixture("tabs");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/tabs.js"));
    let script = site.read("public/tabs.js");
    assert!(script.contains("role','tablist'") && script.contains("opsbook.tab."), "minified: {script}");

    let install = site.read("public/install/packages/index.html");
    assert!(install.contains(SCRIPT), "{install}");
    let main = main_of(&install);
    assert!(
        main.contains("<div class=\"tabs\" data-tabs data-group=\"os\" data-query=\"os\">"),
        "groupId and a bare queryString: {main}"
    );
    assert!(
        main.contains("<div class=\"tab-panel\" data-value=\"rpm\" data-default>\n<p class=\"tab-label\">Fedora</p>")
    );
    assert_eq!(main.matches("data-group=\"os\"").count(), 2);
    assert_eq!(main.matches("<p class=\"tab-label\">").count(), 8, "every panel under its label: {main}");
    assert!(main.contains("<div class=\"tabs\" data-tabs>\n"), "a set without a group: {main}");

    let steps = main_of(&site.read("public/upgrade/steps/index.html")).to_string();
    assert_eq!(
        steps.matches("<div class=\"tabs\" data-tabs data-persist=\"label\">").count(),
        2,
        "`===!` starts a set: {steps}"
    );
    assert!(steps.contains("<div class=\"tab-panel\" data-default>\n<p class=\"tab-label\">After</p>"), "{steps}");
    assert!(steps.contains("data-group=\"os\""), "Docusaurus tabs in a .md page: {steps}");

    let restart = site.read("public/upgrade/restart/index.html");
    let main = main_of(&restart);
    assert!(main.contains("<div class=\"tabs\" data-tabs data-persist=\"label\">"), "{main}");
    assert!(main.contains("<div class=\"tabs\" data-tabs>\n"), "persist=disabled: {main}");
    assert!(main.contains("<strong>open</strong>"), "a text tab is Markdown: {main}");

    let plain = site.read("public/upgrade/plain/index.html");
    assert!(!plain.contains("tabs.js"), "{plain}");
}

#[test]
fn a_handbook_without_tabs_gets_no_script() {
    let site = Site::with_files(
        "no-tabs",
        &[(
            "content/_index.md",
            "---\ntitle: Plain\n---\n\nShown as code, not tabs:\n\n```html\n<div class=\"tabs\" data-tabs>\n```\n",
        )],
    );
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/tabs.js"), "{:?}", site.files_under("public"));
    assert!(!site.read("public/index.html").contains("tabs.js"));
}
