//! A Docusaurus site's `src/pages/`, the pages plugin's folder: its Markdown and MDX
//! pages are routes of the site (`fileToPath`: `press.md` at `/press`,
//! `hello/index.md` at `/hello/`, from
//! `packages/docusaurus-utils/src/__tests__/urlUtils.test.ts` at facebook/docusaurus
//! e34614963e1c40fb99072e18ced7ee463b5c8b1d, its `.md` cases), published at the root
//! beside the docs; its React pages, which opsbook cannot render, are left out with one
//! note, and so are its modules and the files the plugin's default `exclude` names.

use crate::util;

use util::Site;

fn site(name: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, files);
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n[check]\nlinks = \"warn\"\n");
    site.write("docusaurus.config.js", "module.exports = { presets: [['classic', { docs: {} }]] };\n");
    site.write("package.json", "{\"dependencies\": {\"@docusaurus/core\": \"3.9.2\"}}\n");
    site
}

#[test]
fn markdown_pages_of_src_pages_are_routes_of_the_site() {
    let site = site(
        "docusaurus-pages",
        &[
            ("docs/intro.md", "# Intro\n\n[press](/press), [hello](/hello/) and [ops](/docs/ops#rota)\n"),
            ("docs/ops.md", "# Ops\n\n## Rota\n"),
            ("src/pages/press.md", "# Press\n\n[intro](/docs/intro)\n"),
            ("src/pages/hello/index.md", "# Hello\n"),
            ("src/pages/index.js", "export default function Home() { return null; }\n"),
            ("src/pages/enterprise.tsx", "export default function E() { return null; }\n"),
            ("src/pages/index.module.css", ".x {}\n"),
            ("src/pages/community/index.js", "export default function C() { return null; }\n"),
            ("src/pages/community/styles.module.css", ".y {}\n"),
            ("src/pages/_partial.md", "# Partial\n"),
            ("src/pages/__tests__/fixture.md", "# Fixture\n"),
            ("src/pages/ops.md", "# Other ops\n"),
        ],
    );
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning["), "every link leads to a page: {}", run.stderr);
    for page in ["press/index.html", "hello/index.html", "intro/index.html", "ops/index.html"] {
        assert!(site.exists(&format!("public/{page}")), "{page}: {:?}", site.files_under("public"));
    }
    assert!(site.read("public/ops/index.html").contains("Rota"), "the docs' page wins over the pages plugin's");
    for gone in ["index.js", "enterprise.tsx", "index.module.css", "community", "_partial", "__tests__"] {
        assert!(!site.exists(&format!("public/{gone}")), "{gone} is not published");
    }
    let notes: Vec<&str> = run.stderr.lines().filter(|l| l.contains("React components")).collect();
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(notes[0].contains("3 page(s) of `src/pages/`"), "{}", notes[0]);
}
