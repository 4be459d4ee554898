//! Diagrams: a page's Mermaid diagrams become inline
//! SVG drawn at build time, with ids of their own; one the build cannot draw is drawn by
//! the reader's browser with the Mermaid script the build writes beside the pages (only
//! then), its source shown until it is; PlantUML blocks are drawn by a `plantuml`
//! program on the PATH, or shown as their source under a note.

use crate::util;

use util::Site;

/// The ids of `html`'s elements.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
}

#[test]
fn draws_diagrams_and_leaves_the_others_to_the_browser() {
    let site = Site::fixture("diagrams");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("note[diagram]: the diagram cannot be read: parse error at line 2: missing closing ']' for node 'A': the reader's browser draws it\n  --> content/escalation.md:22:3\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning[diagram]"), "{}", run.stderr);
    let page = site.read("public/escalation/index.html");
    let html = util::main_of(&page);
    assert_eq!(html.matches("<svg class=\"diagram-svg\" role=\"img\"").count(), 3, "{html}");
    assert!(html.contains("<figure class=\"diagram diagram-browser\" data-mermaid=\"\">\n<p class=\"diagram-note\">This diagram is drawn by your browser with JavaScript; until then, its Mermaid source is shown below.</p>\n<details class=\"diagram-source\" open><summary>Diagram source</summary><pre class=\"code\" data-lang=\"mermaid\"><code class=\"language-mermaid\">flowchart TD\n    A[unclosed --&gt; B\n</code></pre></details>\n</figure>"), "{html}");
    assert!(!html.contains("<script"), "no script in the content: {html}");
    let script = site.read_bytes("public/mermaid.min.js");
    assert!(script.starts_with(b"\"use strict\";") && script.len() > 1 << 20, "{} bytes", script.len());
}

#[test]
fn a_site_whose_diagrams_the_build_draws_gets_no_mermaid_script() {
    let site = Site::with_files(
        "drawn",
        &[
            ("book.toml", "[handbook]\ntitle = \"Drawn\"\n"),
            (
                "content/a.md",
                "# A\n\n```mermaid\nclassDiagram\n    Pager <|-- OnCall\n```\n\n```mermaid\nerDiagram\n    TEAM ||--o{ SERVICE : owns\n```\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("[diagram]"), "{}", run.stderr);
    assert_eq!(util::main_of(&site.read("public/a/index.html")).matches("<svg class=\"diagram-svg\"").count(), 2);
    assert!(!site.exists("public/mermaid.min.js"));
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
fn check_reports_the_same_and_the_settings_turn_it_off() {
    let site = Site::fixture("diagrams");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("note[diagram]") && run.stderr.contains("--> content/escalation.md:22:3\n"),
        "{}",
        run.stderr
    );
    // Without the browser: the source, under a note, and a warning.
    site.write("book.toml", "[handbook]\ntitle = \"Diagrams\"\n[markdown]\nbrowser-diagrams = false\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[diagram]: the diagram cannot be read: parse error at line 2: missing closing ']' for node 'A'\n  --> content/escalation.md:22:3\n"), "{}", run.stderr);
    let html = site.read("public/escalation/index.html");
    assert!(html.contains("<figure class=\"diagram diagram-code\">\n<p class=\"diagram-note\">This Mermaid diagram could not be drawn; its source is shown.</p>"), "{html}");
    assert!(!site.exists("public/mermaid.min.js"));
    // No diagrams at all: code, as written.
    site.write("book.toml", "[handbook]\ntitle = \"Diagrams\"\n[markdown]\ndiagrams = false\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("[diagram]"), "{}", run.stderr);
    let html = site.read("public/escalation/index.html");
    assert!(!html.contains("<svg class=\"diagram-svg\""), "{html}");
    assert_eq!(html.matches("<code class=\"language-mermaid\">").count(), 4, "{html}");
}

/// A stand-in for PlantUML's `-pipe` mode: one SVG naming the diagram's first line
/// after each `@end…` line, followed by the delimiter it is given.
const FAKE_PLANTUML: &str = "#!/bin/sh\nwhile [ \"$1\" != \"-pipedelimitor\" ]; do shift; done\nmark=\"$2\"\nfirst=\"\"\nwhile IFS= read -r line; do\n  case \"$line\" in\n    @start*) first=\"\" ;;\n    @end*) printf '<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"g1\"><text>%s</text></g></svg>%s\\n' \"$first\" \"$mark\" ;;\n    *) [ -z \"$first\" ] && first=\"$line\" ;;\n  esac\ndone\n";

fn plantuml_site() -> Site {
    Site::with_files(
        "plantuml",
        &[
            ("book.toml", "[handbook]\ntitle = \"PlantUML\"\n"),
            (
                "content/a.md",
                "# A\n\n```plantuml\nAlice -> Bob : page\n```\n\n```puml\n@startuml\nBob -> Carol : escalate\n@enduml\n```\n\n```plantuml\n!include /etc/passwd\nA -> B\n```\n",
            ),
        ],
    )
}

/// Builds `site` with `bin` first on the PATH, then the system's folders when `system`
/// (a machine may have a real `plantuml` there).
fn build_with_path(site: &Site, bin: &std::path::Path, system: bool) -> util::Run {
    let path = if system { format!("{}:/usr/bin:/bin", bin.display()) } else { bin.display().to_string() };
    site.run_with_path(path, &["build"])
}

#[test]
fn plantuml_is_drawn_by_the_program_on_the_path() {
    let site = plantuml_site();
    site.write("bin/plantuml", FAKE_PLANTUML);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(site.root.join("bin/plantuml"), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
    }
    let run = build_with_path(&site, &site.root.join("bin"), true);
    run.expect_code(0);
    let html = site.read("public/a/index.html");
    let html = util::main_of(&html);
    assert_eq!(html.matches("<figure class=\"diagram diagram-plantuml\">").count(), 2, "{html}");
    assert!(html.contains("aria-label=\"PlantUML diagram: Alice -&gt; Bob : page\""), "{html}");
    assert!(html.contains("<g id=\"diagram-2-g1\">"), "{html}");
    assert!(!html.contains("<?xml"), "{html}");
    // What would read a file of the machine is not drawn.
    assert!(run.stderr.contains("warning[diagram]: this PlantUML diagram uses `!include`, which reads files or the network; opsbook does not draw it\n  --> content/a.md:13:1\n"), "{}", run.stderr);
    assert!(html.contains("<p class=\"diagram-note\">This PlantUML diagram is shown as its source.</p>\n<pre class=\"code\" data-lang=\"plantuml\"><code class=\"language-plantuml\">!include /etc/passwd"), "{html}");
}

#[test]
fn plantuml_without_the_program_is_its_source_under_a_note() {
    let site = plantuml_site();
    site.write("bin/.keep", "");
    let run = build_with_path(&site, &site.root.join("bin"), false);
    run.expect_code(0);
    let html = site.read("public/a/index.html");
    let html = util::main_of(&html);
    assert_eq!(
        html.matches("<p class=\"diagram-note\">This PlantUML diagram is shown as its source.</p>").count(),
        3,
        "{html}"
    );
    assert!(run.stderr.contains("note[diagram]: PlantUML diagrams are drawn by a `plantuml` program: there is no `plantuml` program on the PATH (Debian's package `plantuml` provides one)\n --> content/a.md:3:1\n"), "{}", run.stderr);
}
