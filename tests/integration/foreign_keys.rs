//! Front matter keys from other tools (Docusaurus, Hugo themes, Jekyll), read at build
//! time with no import step: order, navigation names and hiding, redirects, permalinks.

use crate::util;

use util::{Site, between};

fn nav_of(html: &str) -> &str {
    between(html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>")
}

#[test]
fn orders_by_sidebar_position_with_weight_winning() {
    let site = Site::with_files(
        "keys-order",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: Alpha\nsidebar_position: 3\n---\n"),
            ("content/b.md", "---\ntitle: Beta\nsidebar_position: 1\n---\n"),
            ("content/c.md", "---\ntitle: Gamma\nsidebar_position: 0\nweight: 2\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/index.html");
    let nav = nav_of(&html);
    let at = |title: &str| nav.find(title).unwrap_or_else(|| panic!("{title} in {nav}"));
    assert!(at("Beta") < at("Gamma") && at("Gamma") < at("Alpha"), "{nav}");
}

#[test]
fn names_the_navigation_entry_with_sidebar_label_or_link_title() {
    let site = Site::with_files(
        "keys-label",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: A very long title\nsidebar_label: Short A\n---\n"),
            ("content/b.md", "---\ntitle: Another long title\nlinkTitle: Short B\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/a/index.html");
    let nav = nav_of(&html);
    assert!(nav.contains(">Short A</a>") && nav.contains(">Short B</a>"), "{nav}");
    assert!(!nav.contains("long title"), "{nav}");
    assert!(html.contains("<title>A very long title"), "the page title stays `title`");
}

#[test]
fn hides_pages_from_the_navigation_but_builds_them() {
    let site = Site::with_files(
        "keys-hidden",
        &[
            ("content/_index.md", "# Home\n\n[d](docsy.md) [b](book.md) [s](docusaurus.md) [t](tech-docs.md)\n"),
            ("content/shown.md", "---\ntitle: Shown\n---\n"),
            ("content/docsy.md", "---\ntitle: Docsy hidden\ntoc_hide: true\n---\n"),
            ("content/book.md", "---\ntitle: Book hidden\nbookHidden: true\n---\n"),
            ("content/docusaurus.md", "---\ntitle: Docusaurus hidden\nsidebar_class_name: hidden\n---\n"),
            ("content/tech-docs.md", "---\ntitle: Tech Docs hidden\nhide_in_navigation: true\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/index.html");
    let nav = nav_of(&html);
    assert!(nav.contains("Shown") && !nav.contains("hidden"), "{nav}");
    for page in ["docsy", "book", "docusaurus", "tech-docs"] {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page} is built");
    }
    assert!(site.read("public/docsy/index.html").contains("Docsy hidden"));
}

#[test]
fn redirects_from_old_urls_like_aliases() {
    let site = Site::with_files(
        "keys-redirect-from",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: A\nredirect_from: /old-a/\n---\n"),
            ("content/b.md", "---\ntitle: B\nredirect_from:\n  - /old-b/\n  - /older-b.html\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let redirects = site.read("public/_redirects");
    for line in ["/old-a/ /a/ 301\n", "/old-b/ /b/ 301\n", "/older-b.html /b/ 301\n"] {
        assert!(redirects.contains(line), "{redirects}");
    }
    assert!(site.read("public/old-a/index.html").contains(r#"content="0; url=/a/""#));
}

#[test]
fn follows_a_permalink_wherever_it_leads_and_warns_at_one_it_cannot() {
    let site = Site::with_files(
        "keys-permalink",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/ops/_index.md", "# Ops\n"),
            ("content/ops/database.md", "---\ntitle: DB\npermalink: /ops/db/\n---\n"),
            ("content/ops/cache.md", "---\ntitle: Cache\npermalink: /elsewhere/cache/\n---\n"),
            ("content/ops/queue.md", "---\ntitle: Queue\npermalink: \"/{{ title }}/\"\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/ops/db/index.html"));
    assert!(site.exists("public/elsewhere/cache/index.html"), "a permalink out of the section is followed");
    assert!(site.exists("public/ops/queue/index.html"), "a template of another language is not");
    assert!(
        run.stderr.contains(
            "warning[front-matter-field]: `permalink: /{{ title }}/` is not followed; the page stays at /ops/queue/\n \
             --> content/ops/queue.md:3:1"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn reports_wrong_types_of_foreign_keys_at_the_field() {
    let site = Site::with_files(
        "keys-types",
        &[
            ("content/_index.md", "# Home\n"),
            (
                "content/a.md",
                "---\ntitle: A\nsidebar_position: first\ntoc_hide: maybe\nredirect_from: {a: 1}\nlinkTitle: [x]\n---\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    for expected in [
        "`sidebar_position` must be a number, found text \"first\"\n --> content/a.md:3:1",
        "`toc_hide` must be true or false, found text \"maybe\"\n --> content/a.md:4:1",
        "`redirect_from` must be a list of text values, found a mapping\n --> content/a.md:5:1",
        "`linkTitle` must be text, found a list\n --> content/a.md:6:1",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}
