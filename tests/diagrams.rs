//! Mermaid diagrams drawn at build time (issue 18, item 6): a page's diagrams become
//! inline SVG with ids of their own; one that cannot be drawn stays code, with a
//! `diagram` warning at its fence, and the build still succeeds.

mod util;

use util::Site;

/// The ids of `html`'s elements.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
}

#[test]
fn draws_diagrams_and_shows_the_others_as_code_with_a_located_warning() {
    let site = Site::fixture("diagrams");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[diagram]: the diagram cannot be read: parse error at line 2: missing closing ']' for node 'A'\n  --> content/escalation.md:22:3\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[diagram]: `pie` diagrams are not rendered (only flowchart, sequence, state, gantt and timeline); shown as code\n  --> content/escalation.md:29:1\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning[diagram]").count(), 2, "{}", run.stderr);
    let page = site.read("public/escalation/index.html");
    let html = util::main_of(&page);
    assert_eq!(html.matches("<svg class=\"diagram-svg\" role=\"img\"").count(), 2, "{html}");
    assert!(html.contains("<code class=\"language-mermaid\">flowchart TD\n    A[unclosed --&gt; B\n</code>"), "{html}");
    assert!(html.contains("<code class=\"language-mermaid\">pie\n"), "{html}");
    assert!(!html.contains("<script"), "no JavaScript in the content: {html}");
}

#[test]
fn two_diagrams_on_a_page_share_no_id() {
    let site = Site::fixture("diagrams");
    site.build(&[]).expect_code(0);
    let html = site.read("public/escalation/index.html");
    let mut seen = std::collections::HashSet::new();
    for id in ids(&html) {
        assert!(seen.insert(id), "`{id}` twice in {html}");
    }
    assert!(seen.iter().any(|id| id.starts_with("diagram-1-")), "{seen:?}");
    assert!(seen.iter().any(|id| id.starts_with("diagram-2-")), "{seen:?}");
}

#[test]
fn check_reports_the_same_warnings_and_diagrams_false_keeps_code() {
    let site = Site::fixture("diagrams");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.contains("--> content/escalation.md:22:3\n"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/escalation.md:29:1\n"), "{}", run.stderr);
    site.write("book.toml", "[handbook]\ntitle = \"Diagrams\"\n[markdown]\ndiagrams = false\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning[diagram]"), "{}", run.stderr);
    let html = site.read("public/escalation/index.html");
    assert!(!html.contains("<svg class=\"diagram-svg\""), "{html}");
    assert_eq!(html.matches("<code class=\"language-mermaid\">").count(), 4, "{html}");
}
