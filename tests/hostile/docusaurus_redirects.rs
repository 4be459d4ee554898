//! Hostile inputs: the client-redirects plugin's `redirects` of a Docusaurus site. A
//! `from` that climbs out of the site, is a whole address or carries a query writes
//! nothing; a `to` with a scheme other than http(s) is refused; an address with markup
//! is escaped; a redirect to an internal page is left out of a public build, naming
//! nothing of the page in the public findings.

use crate::util::Site;

fn docusaurus(redirects: &str) -> String {
    format!(
        "module.exports = {{\n  plugins: [\n    ['@docusaurus/plugin-client-redirects', {{ redirects: [\n{redirects}    ] }}],\n  ],\n}};\n"
    )
}

#[test]
fn hostile_redirects_write_nothing_outside_and_escape_what_they_show() {
    let redirects = "      { from: '/../../escaped', to: '/a' },\n      { from: 'https://evil.example/x', to: '/a' },\n      \
                     { from: '/q?x=1', to: '/a' },\n      { from: '/js', to: 'javascript:alert(1)' },\n      \
                     { from: '/markup', to: 'https://example.org/\"><script>alert(1)</script>' },\n      \
                     { from: '/secret', to: '/leakredirect' },\n";
    let site = Site::with_files(
        "docusaurus-redirects-hostile",
        &[
            ("docusaurus.config.js", &docusaurus(redirects)),
            ("content/a.md", "# A\n"),
            ("content/leakredirect.md", "---\nvisibility: internal\n---\n# Leakredirect title\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    for line in [4, 5, 6, 7] {
        assert!(run.stderr.contains(&format!("docusaurus.config.js:{line}:")), "line {line}: {}", run.stderr);
    }
    assert!(!site.exists("escaped/index.html") && !site.exists("public/js/index.html"));
    // Only the findings in `handbook.json` quote it, as JSON.
    let pages: Vec<String> =
        site.files_containing(".", "javascript:alert").into_iter().filter(|f| f.ends_with(".html")).collect();
    assert_eq!(pages, Vec::<String>::new());
    let page = site.read("public/markup/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!site.exists("public/secret/index.html"));
    assert_eq!(site.files_containing("public", "Leakredirect"), Vec::<String>::new());
}
