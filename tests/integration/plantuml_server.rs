//! PlantUML diagrams drawn by a PlantUML server: a Docsy site with
//! `params.plantuml.enable` gets, for each ```` ```plantuml ```` block, the image of
//! the server's SVG of the block's text (google/docsy `theme/assets/js/plantuml.js` at
//! 83c5cc14ee6a44190cacec20b8e1c15973df97fd), its default server when it names none;
//! `[markdown] plantuml-server` sets one for any handbook, or (`""`) none. The server
//! wins over a `plantuml` program on the PATH.

use crate::util;

use util::Site;

/// The encoded text of the Docsy page's block, `@startuml\ntitle Failover\nPrimary ->
/// Replica : promote\n@enduml\n` (flate2's Deflate; PlantUML's zlib writes
/// `SoWkIImgAStDuIh9BCb9LN1BpCp9BqijuWeeoinDBAfKqBLJ24ejoCbCJbImKYWeoi_DBqdbSaZDIm7f0G00`,
/// which a server inflates to the same text).
const FAILOVER: &str = "0Ju0mVz0StHXSdHrRMmAT6bqR6KWHc5fR6zsPN8AK79fRM5oUI0jFY1IPN1iQMDX83eWS79lRMzqPGf0PMvaTMri2W00";

fn docsy_site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("config/_default/config.yaml", "title: Docsy PlantUML\nparams:\n  plantuml:\n    enable: true\n"),
            ("content/_index.md", "# Home\n"),
            (
                "content/ops/failover.md",
                "---\ntitle: Failover\n---\n\nIntro text.\n\n```plantuml\n@startuml\ntitle Failover\nPrimary -> Replica : promote\n@enduml\n```\n\n```go\nfmt.Println(1)\n```\n",
            ),
        ],
    )
}

/// Builds `site` with only its own `bin/` on the PATH, which holds a `plantuml` that
/// leaves `bin/ran` when started.
fn build_with_a_program(site: &Site) -> util::Run {
    let bin = site.root.join("bin");
    site.write("bin/plantuml", format!("#!/bin/sh\necho ran > '{}/ran'\n", bin.display()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(bin.join("plantuml"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    site.run_with_path(&bin, &["build"])
}

#[test]
fn a_docsy_site_s_plantuml_blocks_are_images_of_its_server() {
    let site = docsy_site("plantuml-docsy");
    let run = build_with_a_program(&site);
    run.expect_code(0);
    assert!(!run.stderr.contains("[diagram]"), "{}", run.stderr);
    let page = site.read("public/ops/failover/index.html");
    let html = util::main_of(&page);
    assert!(
        html.contains(&format!(
            "<figure class=\"diagram diagram-plantuml\">\n<img class=\"diagram-image\" src=\"https://www.plantuml.com/plantuml/svg/{FAILOVER}\" alt=\"PlantUML diagram: Failover\" loading=\"lazy\">\n</figure>"
        )),
        "{html}"
    );
    assert!(!html.contains("language-plantuml") && !html.contains("Primary -&gt; Replica"), "no code block: {html}");
    assert!(html.contains("language-go"), "{html}");
    assert!(!site.exists("bin/ran"), "the server wins: the program was not started");
}

#[test]
fn docsy_s_svg_image_url_names_the_server_and_book_toml_wins() {
    let site = docsy_site("plantuml-docsy-own-server");
    site.write(
        "config/_default/params.yaml",
        "plantuml:\n  enable: true\n  svg_image_url: \"http://localhost:8080/plantuml/svg/\"\n",
    );
    build_with_a_program(&site).expect_code(0);
    let page = site.read("public/ops/failover/index.html");
    assert!(page.contains(&format!("src=\"http://localhost:8080/plantuml/svg/{FAILOVER}\"")), "{page}");
    // book.toml's server wins, and `""` says none: the program draws, as without a server.
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\n[markdown]\nplantuml-server = \"https://uml.example.org/svg/\"\n",
    );
    build_with_a_program(&site).expect_code(0);
    assert!(
        site.read("public/ops/failover/index.html")
            .contains(&format!("src=\"https://uml.example.org/svg/{FAILOVER}\""))
    );
    assert!(!site.exists("bin/ran"));
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n[markdown]\nplantuml-server = \"\"\n");
    let run = build_with_a_program(&site);
    run.expect_code(0);
    assert!(site.exists("bin/ran"), "the program was asked");
    let page = site.read("public/ops/failover/index.html");
    assert!(!page.contains("diagram-image") && page.contains("language-plantuml"), "{page}");
}

#[test]
fn any_handbook_can_name_a_server() {
    let site = Site::with_files(
        "plantuml-book-toml",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Ops\"\n[markdown]\nplantuml-server = \"https://uml.example.org/plantuml/svg/\"\n",
            ),
            ("content/a.md", "# A\n\n```puml\nPager -> OnCall : page\n```\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/a/index.html");
    // The first image before the page's first paragraph ends is not lazy.
    assert!(
        html.contains("<img class=\"diagram-image\" src=\"https://uml.example.org/plantuml/svg/2qXCJorIqBLJyCzpJip9KR1IA02AS040\" alt=\"PlantUML diagram\">"),
        "{html}"
    );
}

/// A Hugo settings file opsbook cannot read is a note naming it; the build goes on with
/// Hugo's defaults for what it held (no server here: the diagram is the program's).
#[test]
fn an_unreadable_params_file_is_a_note_naming_it() {
    let site = docsy_site("plantuml-docsy-broken-params");
    site.write("config/_default/config.yaml", "title: Docsy PlantUML\n");
    site.write("config/_default/params.yaml", "plantuml: [enable\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("note[config-syntax]: cannot read config/_default/params.yaml ("), "{}", run.stderr);
    assert!(run.stderr.contains("): Hugo's defaults are used for its settings"), "{}", run.stderr);
    assert!(!site.read("public/ops/failover/index.html").contains("plantuml.com"));
}
