//! Includes: `tests/fixtures/includes` built by the real binary, one page per dialect
//! (mdBook, Hugo, MkDocs snippets, Jekyll) and a nested include; the include errors of
//! `tests/fixtures/errors/include-*`, each at its `path:line:column`; `serve` rendering
//! a page again when a file it includes changes.

use crate::util;

use util::{Server, Site, between, main_of, panicked, save};

/// Builds the includes fixture and returns it with the `<main>` of each page asked for.
fn built() -> Site {
    let site = Site::fixture("includes");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site
}

fn main_of_page(site: &Site, page: &str) -> String {
    main_of(&site.read(&format!("public/{page}/index.html"))).to_string()
}

#[test]
fn renders_each_include_syntax_in_place() {
    let site = built();
    let mdbook = main_of_page(&site, "guide/mdbook");
    assert!(mdbook.contains("<span class=\"hl-l11 hl-d6\">systemctl</span> restart db"), "{mdbook}");
    assert!(!mdbook.contains("ANCHOR"), "anchor lines are dropped: {mdbook}");
    assert!(mdbook.contains("!/bin/sh") && mdbook.contains("\">set </span>"), "lines 1 and 2: {mdbook}");
    assert!(mdbook.contains("Shown as written: {{#include restart.sh}}"), "{mdbook}");

    let hugo = main_of_page(&site, "guide/hugo");
    assert!(hugo.contains("Call the on-call engineer"), "{hugo}");
    assert!(hugo.contains("data-lang=\"yaml\"") && hugo.contains(">replicas</span>"), "readfile code: {hugo}");

    let snippets = main_of_page(&site, "guide/snippets");
    assert!(snippets.contains("<li>Silence the alert.</li>\n<li>Page the owner.</li>"), "{snippets}");
    assert!(!snippets.contains("Not this line") && !snippets.contains("[start:"), "{snippets}");
    assert!(snippets.contains("<em>Reviewed every quarter.</em>"), "block form: {snippets}");
    assert!(snippets.contains("--8&lt;-- \"snippets/footer.md\""), "escaped: {snippets}");

    let jekyll = main_of_page(&site, "guide/jekyll");
    assert!(jekyll.contains("Page the <strong>Databases</strong> team."), "{jekyll}");
    assert!(jekyll.contains("This note comes from content/_includes."), "{jekyll}");

    let nested = main_of_page(&site, "guide/nested");
    assert!(nested.contains("<p>Outer text.</p>\n<p>Inner text, linking"), "{nested}");

    for page in ["guide/mdbook", "guide/hugo", "guide/snippets", "guide/jekyll", "guide/nested"] {
        // The escaped directive of the mdBook page is shown on purpose.
        let html = site.read(&format!("public/{page}/index.html")).replace("{{#include restart.sh}}", "");
        for leftover in ["{{#include", "--8&lt;-- \"shared", "{{% include", "{% include", "{{&lt; readfile"] {
            assert!(!html.contains(leftover), "{page} shows {leftover}");
        }
    }
}

#[test]
fn resolves_links_in_included_text_from_the_included_files_folder() {
    let site = built();
    for page in ["guide/hugo", "guide/snippets", "guide/jekyll"] {
        let html = main_of_page(&site, page);
        // `escalation.md` and `../img/pager.png` are written in content/shared/oncall.md.
        assert!(html.contains("<a href=\"/shared/escalation/\">the escalation policy</a>"), "{page}: {html}");
        // After the page's opening text: fetched as it is laid out.
        assert!(html.contains("<img src=\"/img/pager.png\" alt=\"pager\" loading=\"lazy\" />"), "{page}: {html}");
    }
    let nested = main_of_page(&site, "guide/nested");
    assert!(nested.contains("<a href=\"/shared/escalation/\">back to the escalation policy</a>"), "{nested}");
    // The escalation page lists the pages whose included text links to it.
    let escalation = site.read("public/shared/escalation/index.html");
    assert!(escalation.contains("/guide/hugo/"), "backlinks: {escalation}");
}

#[test]
fn files_in_includes_folders_are_not_published() {
    let site = built();
    assert!(!site.exists("public/_includes"), "{:?}", site.files_under("public"));
    assert!(site.files_under("public").iter().all(|f| !f.contains("internal-note")));
}

/// Builds `tests/fixtures/errors/<name>`, expecting it to fail, and returns its
/// standard error.
#[track_caller]
fn build_error(name: &str) -> String {
    let site = Site::fixture(&format!("errors/{name}"));
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.stderr
}

#[track_caller]
fn assert_reports(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected\n{expected}\nin\n{stderr}");
}

#[test]
fn a_missing_file_is_an_error_at_the_directive() {
    assert_reports(
        &build_error("include-missing-file"),
        "error[include]: no file `listings/restart.sh` to include (looked for `content/listings/restart.sh`)\n --> content/restart.md:7:1\n",
    );
}

#[test]
fn a_missing_anchor_is_an_error_at_the_directive() {
    assert_reports(
        &build_error("include-missing-anchor"),
        "error[include]: no anchor `stop` in `listings/hello.sh`\n --> content/hello.md:7:3\n",
    );
}

#[test]
fn a_cycle_is_an_error_naming_the_chain() {
    let stderr = build_error("include-cycle");
    assert_reports(
        &stderr,
        "error[include]: include cycle: shared/a.md -> shared/b.md -> shared/a.md (included from content/page.md:6)\n --> shared/b.md:2:1\n",
    );
    assert!(stderr.contains("failed with 1 error"), "{stderr}");
}

#[test]
fn paths_out_of_the_handbook_and_into_hidden_folders_are_refused() {
    let stderr = build_error("include-outside-root");
    assert_reports(
        &stderr,
        "error[include]: cannot include `../../etc/passwd`: the path leads outside the handbook's folder\n --> content/sneaky.md:6:1\n",
    );
    assert_reports(
        &stderr,
        "error[include]: cannot include `../.git/config`: `.git` is a hidden or temporary file or folder, which opsbook never reads\n --> content/sneaky.md:8:1\n",
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_handbook_is_refused() {
    let outside = Site::with_files("include-outside-target", &[("secret.md", "CANARY-SECRET\n")]);
    let site = Site::with_files(
        "include-symlink",
        &[("content/page.md", "---\ntitle: Page\n---\nText.\n\n{{#include ../shared/secret.md}}\n")],
    );
    std::fs::create_dir_all(site.root.join("shared")).expect("folder");
    std::os::unix::fs::symlink(outside.root.join("secret.md"), site.root.join("shared/secret.md")).expect("symlink");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[include]: cannot include `../shared/secret.md`: `shared/secret.md` is not read: it leads outside the handbook's folder"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/page.md:6:1\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("CANARY-SECRET"));
}

#[test]
fn a_broken_link_in_included_text_is_located_in_the_included_file() {
    assert_reports(
        &build_error("include-broken-link"),
        "error[broken-link]: no page `content/gone.md` (included from content/page.md:6)\n --> snippets/note.md:3:5\n",
    );
}

#[test]
fn serve_renders_a_page_again_when_a_file_it_includes_changes() {
    let site = Site::fixture("includes");
    let server = Server::start(&site, &[]);
    assert!(server.get("/guide/jekyll/").1.contains("Page the <strong>Databases</strong> team."));
    // A file outside content/, included by one page.
    save(&site, "_includes/contact.md", "Call the **{{ include.team }}** lead.\n");
    server.wait_for("the included edit", |s| {
        s.get("/guide/jekyll/").1.contains("Call the <strong>Databases</strong> lead.")
    });
    // A page of content/ that other pages include: they follow it.
    let oncall = site.read("content/shared/oncall.md");
    save(&site, "content/shared/oncall.md", &oncall.replace("Call the on-call engineer", "Ring the on-call engineer"));
    server.wait_for("the including pages", |s| {
        ["/guide/hugo/", "/guide/snippets/", "/shared/oncall/"].iter().all(|p| s.get(p).1.contains("Ring the on-call"))
    });
    // An include that breaks is an error; the last good page stays.
    save(&site, "snippets/footer.md", "--8<-- \"snippets/nowhere.md\"\n");
    server.wait_for("the error", |s| s.stderr().contains("no file `snippets/nowhere.md` to include"));
    assert!(server.get("/guide/snippets/").1.contains("Reviewed every quarter."));
}

#[test]
fn a_public_page_may_not_include_an_internal_page() {
    let site = Site::with_files(
        "include-internal",
        &[
            ("content/public.md", "---\ntitle: Public\n---\nIntro.\n\n{{#include vault/keys.md}}\n"),
            ("content/vault/_index.md", "---\nvisibility: internal\n---\n# Vault\n"),
            ("content/vault/keys.md", "---\ntitle: Keys\n---\nCANARY-KEYS\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[include]: cannot include `vault/keys.md` in a public build: `content/vault/keys.md` is internal\n --> content/public.md:6:1\n"
        ),
        "{}",
        run.stderr
    );
    // The internal build has the page, and the page its text.
    site.build(&["--audience", "internal"]).expect_code(0);
    assert!(site.read("public/public/index.html").contains("CANARY-KEYS"));
}

/// markdown-include's `{!file!}`, where `mkdocs.yml` configures `markdown_include.include`:
/// the file from its `base_path` (the files it includes too), white space stripped, a
/// range of lines; a missing file an `include` problem at the directive. Without the
/// extension, the directive is text, counted as a construct left to rewrite.
#[test]
fn reads_markdown_include_directives_only_where_mkdocs_configures_them() {
    let config = "site_name: Ops\nmarkdown_extensions:\n  - markdown_include.include:\n      base_path: docs/shared\n";
    let site = Site::with_files(
        "includes-markdown-include",
        &[
            ("mkdocs.yml", config),
            ("content/index.md", "# Home\n\nContact: {!contact.md!}.\n\n{!steps.md!lines=2-3}\n\n{!gone.md!}\n"),
            ("docs/shared/contact.md", "\n  the {!team.md!} desk  \n\n"),
            ("docs/shared/team.md", "*platform*"),
            ("docs/shared/steps.md", "one\n- two\n- three\nfour\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[check]\nlinks = \"error\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[include]: no file `gone.md` to include"), "{}", run.stderr);
    assert!(run.stderr.contains("content/index.md:7:1"), "{}", run.stderr);
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[check]\nlinks = \"warn\"\n");
    site.build(&[]).expect_code(0);
    let main = main_of_page_at(&site, "index.html");
    assert!(main.contains("Contact: the <em>platform</em> desk."), "{main}");
    assert!(main.contains("<li>two</li>\n<li>three</li>") && !main.contains("four"), "{main}");
    site.write("mkdocs.yml", "site_name: Ops\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of_page_at(&site, "index.html");
    assert!(main.contains("Contact: {!contact.md!}."), "{main}");
    assert!(
        run.stderr.contains("warning[unsupported-syntax]: `{!contact.md!}` is markdown-include's directive"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/index.md:3:10"), "{}", run.stderr);
}

fn main_of_page_at(site: &Site, file: &str) -> String {
    main_of(&site.read(&format!("public/{file}"))).to_string()
}

/// mdBook writes an included file's lines after the first with the text before the
/// directive on its line, so a file included in a quote or a list item stays inside it;
/// `{{#playpen}}` is `{{#playground}}` under its old name, with a warning. The pages are
/// mdBook's `tests/testsuite/includes/all_includes/src/multiline.md` and the parts of
/// `multiline/issues.md` that use no hidden Rust lines (rust-lang/mdBook
/// 641d06abe7d10d981ed61dd2711a30e4119666cd, `includes.rs`'s `multiline_include`).
#[test]
fn an_mdbook_include_keeps_the_quote_or_list_item_it_is_written_in() {
    let hello = "pub fn main() {\n    println!(\"Hello, World\")\n}\n";
    let multiline = "# Multiline Includes\n\n## Unindented\n\nSimple inclusion\n\n```rust\n{{#include hello_world.rs}}\n```\n\n\
        ## Blockquote\n\n> Quoted inclusion\n> ```rust\n> {{#include hello_world.rs}}\n> ```\n\n\
        > [!NOTE]\n> Inclusion in an admonition\n> ```rust\n> {{#include hello_world.rs}}\n> ```\n\n\
        > Multiple levels\n> > [!NOTE]\n> > ```rust\n> > {{#include hello_world.rs}}\n> > ```\n\n\
        ## Unordered List\n\n- Indented once:\n  ```rust\n  {{#include hello_world.rs}}\n  ```\n  - Indented twice:\n    ```rust\n    {{#include hello_world.rs}}\n    ```\n\n\
        ## Ordered List\n\n1. First, write a Hello, World program:\n   ```rust\n   {{#include hello_world.rs}}\n   ```\n1. Then, learn rest of Rust.\n\nend\n";
    let issues = "# Multiline Include Issues\n\n## 1127\n\n> But do included code blocks...?\n>\n> ```rust\n> {{#include another-included-test.rs}}\n> ```\n>\n> By Quote Author\n\n\
        ## 1564\n\n- Example using including files.\n\n  ```rust\n  struct MyStruct;\n\n  impl MyStruct {\n      {{#include myfn.rs}}\n  }\n\n  {{#include main.rs}}\n  ```\n\n\
        ## 1626\n\n1. In the the code below:\n    ```haskell\n    {{#include Solutions.purs:eqNonEmpty}}\n    ```\n    we ...\n\n\
        ## Playpen\n\n> {{#playpen hello_world.rs}}\n";
    let site = Site::with_files(
        "mdbook-multiline",
        &[
            ("book.toml", "[book]\ntitle = \"Includes\"\nsrc = \"src\"\n"),
            ("src/SUMMARY.md", "# Summary\n\n- [Multiline](multiline.md)\n- [Issues](multiline/issues.md)\n"),
            ("src/multiline.md", multiline),
            ("src/hello_world.rs", hello),
            ("src/multiline/issues.md", issues),
            ("src/multiline/hello_world.rs", hello),
            ("src/multiline/another-included-test.rs", "fn main() {\n    println!(\"This is a file!\");\n}\n"),
            ("src/multiline/myfn.rs", "pub fn myfn() -> () {\n    println!(\"MyStruct#myfn()\");\n}\n"),
            ("src/multiline/main.rs", "pub fn main() -> () {\n    println!(\"main()\");\n}\n"),
            (
                "src/multiline/Solutions.purs",
                "-- ANCHOR: eqNonEmpty  \ninstance Eq (NonEmpty a) where\n  eq (NonEmpty x xs) (NonEmpty y ys) = x == y && xs == ys    \n-- ANCHOR_END: eqNonEmpty",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let page = main_of_page_at(&site, "multiline.html");
    // Every code block is whole, inside its quote or list item: no line of it leaks.
    assert_eq!(page.matches("<pre").count(), 7, "{page}");
    assert!(!page.contains("<p>}"), "{page}");
    for quote in page.split("<blockquote").skip(1) {
        let inside = quote.split("</blockquote>").next().unwrap_or(quote);
        assert!(inside.contains("<pre") && inside.contains("</pre>"), "a quote holds its code: {quote}");
    }
    let lists = between(&page, "id=\"unordered-list\"", "id=\"ordered-list\"");
    assert_eq!(lists.matches("<pre").count(), 2, "{lists}");
    assert!(lists.contains("</pre>\n<ul>\n<li>Indented twice:<pre"), "the inner list is the item's: {lists}");
    assert_eq!(between(&page, "id=\"ordered-list\"", "<p>end</p>").matches("<li>").count(), 2, "{page}");
    assert!(page.contains("<p>end</p>"), "{page}");
    let issues = main_of_page_at(&site, "multiline/issues.html");
    let quote = between(&issues, "<blockquote>", "</blockquote>");
    assert!(quote.contains("</pre>") && quote.contains("By Quote Author"), "{quote}");
    let example = between(&issues, "id=\"1564\"", "id=\"1626\"");
    assert!(example.contains("    <span") || example.contains("    pub"), "myfn.rs is indented: {example}");
    assert!(example.contains("println!") && example.contains("main()"), "{example}");
    let exercise = between(&issues, "id=\"1626\"", "id=\"playpen\"");
    assert!(exercise.contains("language-haskell") && exercise.contains("</pre>\nwe "), "{exercise}");
    let playpen = between(&issues, "id=\"playpen\"", "</blockquote>");
    assert!(playpen.contains("language-rust") && playpen.contains("</pre>"), "{playpen}");
    assert!(
        run.stderr.contains("warning[include]: `{{#playpen}}` is the old name of `{{#playground}}`: rename it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("src/multiline/issues.md:37:3"), "{}", run.stderr);
}
