//! Hostile inputs to PlantUML diagrams drawn by a server: an address that is no
//! `http(s)` address with a host (`javascript:`, `file:`, none), in `book.toml` or in a
//! Docsy site's configuration; a diagram too large for an image address; and a diagram
//! in an internal block, whose text a public build must never put in an address.

use crate::util::{Site, main_of};

const PAGE: &str = "# P\n\n```plantuml\nA -> B\n```\n";

#[test]
fn a_server_that_is_no_http_address_is_an_error_at_its_place() {
    let site = Site::with_files("plantuml-server-bad-book", &[("content/p.md", PAGE)]);
    for written in
        ["javascript:alert(1)//", "file:///etc/passwd", "https://", "https:///svg/", "//www.plantuml.com/svg/"]
    {
        site.write("book.toml", format!("[handbook]\ntitle = \"T\"\n[markdown]\nplantuml-server = \"{written}\"\n"));
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[config-field]: `plantuml-server`"), "{written}: {}", run.stderr);
        assert!(run.stderr.contains("--> book.toml:4:1"), "{written}: {}", run.stderr);
        assert!(!site.exists("public"), "{written}: a site was written");
    }
}

#[test]
fn a_docsy_server_that_is_no_http_address_is_an_error_at_its_value() {
    let site = Site::with_files(
        "plantuml-server-bad-docsy",
        &[("config/_default/config.yaml", "title: T\n"), ("content/_index.md", "# Home\n"), ("content/p.md", PAGE)],
    );
    site.write(
        "config/_default/params.yaml",
        "plantuml:\n  enable: true\n  svg_image_url: \"javascript:alert(document.cookie)//\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[config-field]: `params.plantuml.svg_image_url` must be an http:// or https:// address"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> config/_default/params.yaml:3:18"), "{}", run.stderr);
    std::fs::remove_file(site.root.join("config/_default/params.yaml")).expect("remove");
    site.write(
        "config/_default/config.yaml",
        "title: T\nparams:\n  plantuml:\n    enable: true\n    svg_image_url: file:///etc/passwd\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("--> config/_default/config.yaml:5:20"), "{}", run.stderr);
    for page in walk_text(&site) {
        assert!(!page.contains("javascript:") && !page.contains("file:///etc"), "{page}");
    }
}

/// The text of every HTML, JSON, XML and text file the build wrote.
fn walk_text(site: &Site) -> Vec<String> {
    let mut pages = Vec::new();
    let mut folders = vec![site.root.join("public")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| ["html", "json", "xml", "txt"].iter().any(|x| e == *x)) {
                pages.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    pages
}

#[test]
fn a_diagram_too_large_for_an_address_stays_code_with_a_warning() {
    // 40 KiB of one line, and 24 KiB of lines each unlike the others (which compress badly).
    let repeated = "A -> B : again\n".repeat(40 * 1024 / 15 + 1);
    let varied: String = (0..1000).map(|n| format!("A{n} -> B{} : {}\n", n * 7919 % 1000, n * 104_729)).collect();
    let page = format!("# P\n\n```plantuml\n{repeated}```\n\n```plantuml\n{varied}```\n\n```plantuml\nA -> B\n```\n");
    let fence = repeated.lines().count() + 6;
    let site = Site::with_files(
        "plantuml-server-huge",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"T\"\n[markdown]\nplantuml-server = \"https://uml.example.org/svg/\"\n",
            ),
            ("content/p.md", &page),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[diagram]: this PlantUML diagram is larger than 32 KiB, too large for a server's image address\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/p.md:3:1\n"), "{}", run.stderr);
    assert!(run.stderr.contains("warning[diagram]: this PlantUML diagram's image address would be "), "{}", run.stderr);
    assert!(run.stderr.contains("characters, over the 7168 a PlantUML server takes\n"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("--> content/p.md:{fence}:1\n")), "{}", run.stderr);
    let html = site.read("public/p/index.html");
    let html = main_of(&html);
    assert_eq!(html.matches("This PlantUML diagram is shown as its source.").count(), 2, "{html}");
    assert_eq!(html.matches("<img class=\"diagram-image\"").count(), 1, "{html}");
}

#[test]
fn an_internal_block_s_diagram_never_reaches_a_public_build() {
    let page = "# P\n\nPublic text.\n\n```plantuml\nPublic -> Status : update\n```\n\n<!-- internal -->\n```plantuml\nVault -> CANARY_ONE : unseal\n```\n<!-- /internal -->\n\n> [!INTERNAL]\n> ```plantuml\n> Vault -> CANARY_TWO : rotate\n> ```\n";
    let site = Site::with_files(
        "plantuml-server-internal",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"T\"\n[markdown]\nplantuml-server = \"https://uml.example.org/svg/\"\n",
            ),
            ("content/p.md", page),
        ],
    );
    // PlantUML's encoding of each block's text.
    let public = "2oXDoibCLj2rKmWkIImfBLQmKYWjI4aiIUK20000";
    let internal = ["2qiipIbHqBLJS7RqSmoAZFVtSrMmKYZDAqvDpE420000", "2qiipIbHqBLJS7RqSmoAZ0y9zrUmKYZABqaiIUK20000"];
    site.build(&[]).expect_code(0);
    let everything = walk_text(&site).join("\n");
    assert!(everything.contains(public));
    for encoded in internal {
        assert!(!everything.contains(encoded), "an internal diagram's text is in the public build");
    }
    assert!(!everything.contains("CANARY"), "internal text in the public build");
    site.run(&["build", "--audience", "internal", "--out", "internal"]).expect_code(0);
    let html = site.read("internal/p/index.html");
    for encoded in internal {
        assert!(html.contains(encoded), "the internal build draws it: {html}");
    }
}

/// An internal build never sends its diagrams to the server the old tool's setting
/// implies (Docsy's default is PlantUML's public server): they are code there, while
/// the public build of the same site draws them with that server.
#[test]
fn an_internal_build_sends_no_diagram_to_the_old_tool_s_server() {
    let site = Site::with_files(
        "plantuml-server-docsy-internal",
        &[
            ("config/_default/config.yaml", "title: T\nparams:\n  plantuml:\n    enable: true\n"),
            ("content/_index.md", "# Home\n"),
            ("content/p.md", "# P\n\n```plantuml\nVault -> Unsealer : unseal\n```\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(site.read("public/p/index.html").contains("https://www.plantuml.com/plantuml/svg/"));
    site.run(&["build", "--audience", "internal", "--out", "internal"]).expect_code(0);
    let html = site.read("internal/p/index.html");
    assert!(html.contains("Vault -&gt; Unsealer"), "shown as code: {html}");
    assert_eq!(site.files_containing("internal", "plantuml.com/plantuml/svg"), Vec::<String>::new());
}
