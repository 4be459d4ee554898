//! Snapshot tests of the SVG of each diagram type, and of what makes a diagram safe to
//! inline: unique ids, an accessible name, no fixed colours for the page's scheme.

use super::*;

/// The figure of `source`, one tag a line for readable snapshots.
fn figure_lines(source: &str) -> String {
    figure(source).replace("><", ">\n<")
}

fn figure(source: &str) -> String {
    match render_diagram(source, 1, MarkdownWords::english()) {
        Ok(html) => html,
        Err(message) => panic!("{message}"),
    }
}

#[test]
fn renders_a_flowchart() {
    insta::assert_snapshot!(figure_lines("flowchart LR\n    A[Alert] -->|page| B{Ack?}\n"));
}

#[test]
fn renders_a_sequence_diagram() {
    insta::assert_snapshot!(figure_lines("sequenceDiagram\n    Pager->>OnCall: page\n    OnCall-->>Pager: ack\n"));
}

#[test]
fn renders_a_state_diagram() {
    insta::assert_snapshot!(figure_lines("stateDiagram-v2\n    [*] --> Paged\n    Paged --> Resolved: fix\n"));
}

#[test]
fn renders_a_gantt_chart() {
    insta::assert_snapshot!(figure_lines(
        "gantt\n    dateFormat YYYY-MM-DD\n    section Upgrade\n    Drain :a1, 2026-03-01, 1d\n"
    ));
}

#[test]
fn renders_a_timeline() {
    insta::assert_snapshot!(figure_lines("timeline\n    title Incident\n    Alert : fired\n    Fix : deployed\n"));
}

#[test]
fn names_the_diagram_by_its_acc_title_or_its_labels() {
    let titled = figure("flowchart TD\n    accTitle: Escalation\n    accDescr: Who is paged <first>\n    A --> B\n");
    assert!(titled.contains("role=\"img\" aria-label=\"Escalation\" aria-describedby=\"diagram-1-desc\""), "{titled}");
    assert!(
        titled.contains("<title>Escalation</title><desc id=\"diagram-1-desc\">Who is paged &lt;first&gt;</desc>"),
        "{titled}"
    );
    let plain = figure("flowchart TD\n    A[Alert fires] --> B[Page]\n");
    assert!(plain.contains("role=\"img\" aria-label=\"Flowchart diagram: Alert fires, Page\""), "{plain}");
    assert!(!plain.contains("aria-roledescription"), "{plain}");
}

#[test]
fn keeps_the_source_readable_after_the_svg() {
    let html = figure("flowchart TD\n    A[a <b>] --> B\n");
    assert!(html.contains("<details class=\"diagram-source\"><summary>Diagram source</summary>"), "{html}");
    assert!(html.contains("A[a &lt;b&gt;] --&gt; B"), "{html}");
}

#[test]
fn prefixes_every_id_with_the_diagram_number() {
    let source = "sequenceDiagram\n    A->>B: x\n    A--xB: y\n";
    let (one, two) =
        (render_diagram(source, 1, MarkdownWords::english()), render_diagram(source, 2, MarkdownWords::english()));
    let (Ok(one), Ok(two)) = (one, two) else { panic!("not rendered") };
    let ids = |html: &str| -> Vec<String> {
        html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
    };
    assert!(!ids(&one).is_empty());
    for id in ids(&one) {
        assert!(id.starts_with("diagram-1-"), "{id}");
        assert!(!ids(&two).contains(&id), "{id}");
    }
    assert!(!one.contains("url(#arrow"), "{one}");
}

#[test]
fn uses_the_pages_colours_and_no_white_background() {
    let html = figure("flowchart TD\n    A --> B\n");
    assert!(html.contains("var(--diagram-node"), "{html}");
    assert!(!html.contains("fill=\"#fff\""), "{html}");
    assert!(!html.contains("fill=\"white\""), "{html}");
}

#[test]
fn reports_why_a_diagram_is_not_rendered() {
    let Err(message) = render_diagram("flowchart TD\n    A[unclosed --> B\n", 1, MarkdownWords::english()) else {
        panic!("rendered")
    };
    assert!(message.contains("line 2"), "{message}");
    let Err(message) = render_diagram("zenuml\n    A.b()\n", 1, MarkdownWords::english()) else { panic!("rendered") };
    assert_eq!(message, "opsbook does not draw `zenuml` diagrams");
    let Err(message) = render_diagram("%% only a comment\n", 1, MarkdownWords::english()) else { panic!("rendered") };
    assert!(message.contains("no type"), "{message}");
    let big = format!("flowchart TD\n{}", "    A --> B\n".repeat(4000));
    let Err(message) = render_diagram(&big, 1, MarkdownWords::english()) else { panic!("rendered") };
    assert!(message.contains("larger than"), "{message}");
}

#[test]
fn finds_the_type_after_comments_directives_and_front_matter() {
    assert_eq!(diagram_type("%%{init: {}}%%\n%% c\ngraph TD;A-->B"), Some("graph"));
    assert_eq!(diagram_type("---\ntitle: x\n---\nsequenceDiagram\n"), Some("sequenceDiagram"));
    assert_eq!(diagram_type("\n\n"), None);
}

#[test]
fn never_panics_on_odd_input() {
    for source in
        ["flowchart", "graph TD\n-->", "sequenceDiagram\n->>:", "gantt\n:::", "stateDiagram-v2\n[*]-->", "timeline\n:"]
    {
        let _ = render_diagram(source, 1, MarkdownWords::english());
    }
}

#[test]
fn keeps_the_pages_colours_when_the_diagram_picks_a_theme() {
    let html = figure("%%{init: {'theme': 'dark'}}%%\nflowchart TD\n    A --> B\n");
    assert!(html.contains("var(--diagram-node"), "{html}");
    let html = figure("---\nconfig:\n  theme: forest\n---\nflowchart TD\n    A --> B\n");
    assert!(html.contains("var(--diagram-node"), "{html}");
}
