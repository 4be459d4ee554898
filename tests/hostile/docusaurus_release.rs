//! Hostile inputs: the `package.json` a Docusaurus site's release is read from (its
//! `@docusaurus/core` version, which picks the rule of `:::` admonitions). A file that
//! leads out of the handbook, is too large, is a folder or a pipe, or is no JSON is
//! said, never followed or waited on, and the site is read by today's rules.

#![cfg(unix)]

use crate::util::Site;

/// Two `:::info` lines: Docusaurus 2.4 closes the first at the second (one callout),
/// today's Docusaurus nests them (two).
const PAGE: &str = "# A\n\n:::info\nFirst.\n\n:::info\nSecond.\n";

fn docusaurus_site(name: &str) -> Site {
    Site::with_files(name, &[("docusaurus.config.js", "module.exports = {};\n"), ("content/a.md", PAGE)])
}

/// The number of callouts the page was built with.
fn callouts(site: &Site) -> usize {
    let page = ["public/docs/a/index.html", "public/a/index.html"].into_iter().find(|page| site.exists(page));
    site.read(page.expect("the page is built")).matches("class=\"callout callout-").count()
}

const RELEASE_2_4: &str = "{\"dependencies\": {\"@docusaurus/core\": \"2.4.0\"}}\n";

#[test]
fn reads_the_release_and_its_admonition_rule() {
    let site = docusaurus_site("docusaurus-release");
    site.write("package.json", RELEASE_2_4);
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(callouts(&site), 1, "{}", run.stderr);
    site.write("package.json", "{\"devDependencies\": {\"@docusaurus/core\": \"^3.1.0\"}}\n");
    let run = site.build(&["--force"]);
    assert_eq!(callouts(&site), 2, "{}", run.stderr);
}

/// A `package.json` linked out of the handbook is refused, and today's rules hold.
#[test]
fn a_package_file_that_leads_out_is_not_read() {
    let elsewhere = Site::with_files("docusaurus-release-elsewhere", &[("package.json", RELEASE_2_4)]);
    let site = docusaurus_site("docusaurus-release-link");
    std::os::unix::fs::symlink(elsewhere.root.join("package.json"), site.root.join("package.json")).expect("a link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("package.json") && run.stderr.contains("the file is not read"), "{}", run.stderr);
    assert_eq!(callouts(&site), 2);
}

/// One past the configuration's limit, a folder, a pipe: each said, none read or
/// waited on.
#[test]
fn a_package_file_too_large_or_not_a_file_is_said_and_left() {
    let site = docusaurus_site("docusaurus-release-large");
    let padding = " ".repeat(16 << 20);
    site.write("package.json", format!("{{\"dependencies\": {{\"@docusaurus/core\": \"2.4.0\"}}{padding}}}"));
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("package.json"), "{}", run.stderr);
    assert_eq!(callouts(&site), 2);

    let site = docusaurus_site("docusaurus-release-folder");
    site.write("package.json/x", "");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("package.json"), "{}", run.stderr);
    assert_eq!(callouts(&site), 2);

    let site = docusaurus_site("docusaurus-release-pipe");
    crate::reads::make_fifo(&site.root.join("package.json"));
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("package.json"), "{}", run.stderr);
}

/// No JSON: a warning at its line and column.
#[test]
fn a_package_file_that_is_no_json_is_a_located_warning() {
    let site = docusaurus_site("docusaurus-release-json");
    site.write("package.json", "{\n  \"dependencies\": {\n    \"@docusaurus/core\": 2.4.0\n  }\n}\n");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("--> package.json:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot read the Docusaurus version"), "{}", run.stderr);
    assert_eq!(callouts(&site), 2);
}
