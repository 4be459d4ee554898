//! Hugo's `main` menu as Hugo makes it (gohugoio/hugo `hugolib/site.go`
//! `assembleMenus`, `hugolib/menu_test.go` at 7b5199fdeff7d7682e9f979f468d55bc7b67b934):
//! the top-level sections of `sectionPagesMenu`, an entry's `title`, `pre` and `post`,
//! each language's menu, a `pageRef` to no page, and a menu written twice.

use crate::util::Site;

/// The entries of the top bar of `html`, one `<li>` each.
fn menu_items(html: &str) -> Vec<String> {
    let menu = html.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).unwrap_or("");
    menu.split("<li>")
        .skip(1)
        .map(|item| item.trim_end_matches("</ul>").trim_end_matches("</li>").to_string())
        .collect()
}

/// `TestMenusSectionPagesMenu`, with the sections in `main`: each top-level section is
/// an entry keyed by its folder, named by its `linkTitle` (else title), weighed by its
/// weight (none last, then by name); a configured entry of a section's key takes its
/// place, and a page's entry of a key already taken is left out with a warning at its
/// field.
#[test]
fn section_pages_menu_adds_each_top_level_section() {
    let site = Site::with_files(
        "hugo-section-pages-menu",
        &[
            (
                "hugo.toml",
                "title = 'Section Menu'\nsectionPagesMenu = 'main'\n\
                 [[menus.main]]\nidentifier = 'sect2'\nname = 'Second'\nurl = 'https://example.org/two'\nweight = 50\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/sect1/_index.md", "---\ntitle: Section One\nweight: 100\n---\n# One\n"),
            ("content/sect1/p1.md", "---\ntitle: p1\nmenu:\n  main:\n    identifier: sect1\n---\n# p1\n"),
            ("content/sect1/deeper/_index.md", "---\ntitle: Deeper\nweight: 1\n---\n# Deeper\n"),
            ("content/sect2/p3.md", "---\ntitle: p3\n---\n# p3\n"),
            ("content/sect3/p5.md", "---\ntitle: p5\n---\n# p5\n"),
            ("content/sect5/_index.md", "---\ntitle: Section Five\nlinkTitle: Five\nweight: 10\n---\n# Five\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let items = menu_items(&site.read("public/sect1/p1/index.html"));
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(items[0].starts_with("<a href=\"/sect5/\" title=\"Section Five\">Five</a>"), "{items:?}");
    assert!(items[1].starts_with("<a href=\"https://example.org/two\">Second</a>"), "{items:?}");
    assert!(items[2].starts_with("<a href=\"/sect1/\">Section One</a>"), "{items:?}");
    assert!(items[3].starts_with("<a href=\"/sect3/\""), "{items:?}");
    assert!(!items.iter().any(|item| item.contains("Deeper") || item.contains(">p1<")), "{items:?}");
    let warning = "the page's `main` menu entry is left out: an entry of the same identifier (or name) is in the menu already\n --> content/sect1/p1.md:3:1";
    assert!(run.stderr.contains(warning), "{}", run.stderr);
}

/// `TestMenusNewConfigSetup` and `TestMenuNameAndTitleFallback`: `pre` and `post` stand
/// around the name (as their text: opsbook writes no markup of the configuration), and
/// `title` (else the page's title) is the link's title when it says more than the name.
#[test]
fn an_entry_shows_its_pre_post_and_title() {
    let site = Site::with_files(
        "hugo-menu-pre-post",
        &[
            (
                "hugo.toml",
                "title = 'x'\n[[menus.main]]\nname = 'Home'\nurl = '/'\npre = '<span>'\npost = '</span>'\nweight = 1\n\
                 [[menus.main]]\nname = 'Contact'\ntitle = 'Contact Us'\npageRef = '/contact'\n\
                 pre = '<i class=\"fa fa-heart\"></i>♥ '\npost = ' →'\nweight = 2\n\
                 [[menus.main]]\npageRef = '/p3'\nweight = 3\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/contact.md", "---\ntitle: Contact page\n---\n# Contact\n"),
            ("content/p3.md", "---\ntitle: P3_Title\nlinkTitle: P3_LinkTitle\n---\n# P3\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let items = menu_items(&site.read("public/contact/index.html"));
    assert_eq!(
        items,
        [
            "<a href=\"/\">Home</a>",
            "<a href=\"/contact/\" title=\"Contact Us\" aria-current=\"page\">♥ Contact →</a>",
            "<a href=\"/p3/\" title=\"P3_Title\">P3_LinkTitle</a>",
        ]
    );
}

/// `TestSectionPagesMenuMultilingualWarningIssue12306` and Hugo's multilingual menus
/// (`docs/content/en/content-management/multilingual.md`, "Menus"): each language's
/// pages show the entries of their language's pages, and the language's own
/// configured menu (`languages.de.menus`), else the site's.
#[test]
fn each_language_has_its_own_menu() {
    let site = Site::with_files(
        "hugo-menu-languages",
        &[
            (
                "hugo.toml",
                "title = 'x'\ndefaultContentLanguage = 'en'\n[[menus.main]]\nname = 'Products'\npageRef = '/products'\nweight = 10\n\
                 [languages.en]\nweight = 1\n[languages.de]\nweight = 2\n\
                 [[languages.de.menus.main]]\nname = 'Produkte'\npageRef = '/products'\nweight = 10\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/products.md", "---\ntitle: Products\n---\n# Products\n"),
            ("content/products.de.md", "---\ntitle: Produkte\n---\n# Produkte\n"),
            ("content/p1.md", "---\ntitle: p1\nmenu: main\n---\n# p1\n"),
            ("content/p1.de.md", "---\ntitle: p1 de\nmenu: main\n---\n# p1\n"),
            ("content/p2.md", "---\ntitle: p2\nmenu: main\n---\n# p2\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(
        menu_items(&site.read("public/p1/index.html")),
        [
            "<a href=\"/products/\">Products</a>",
            "<a href=\"/p1/\" aria-current=\"page\">p1</a>",
            "<a href=\"/p2/\">p2</a>"
        ]
    );
    assert_eq!(
        menu_items(&site.read("public/de/p1/index.html")),
        ["<a href=\"/de/products/\">Produkte</a>", "<a href=\"/de/p1/\" aria-current=\"page\">p1 de</a>"]
    );
}

/// `TestMenusShadowMembers`: a `pageRef` that names no page keeps the entry's `url`
/// (Hugo's `MenuEntry.URL`), or links nowhere without one; opsbook warns at the
/// `pageRef` in its file.
#[test]
fn a_page_ref_to_no_page_keeps_its_url_with_a_warning_at_its_place() {
    let site = Site::with_files(
        "hugo-menu-dead-ref",
        &[
            ("hugo.toml", "title = 'x'\n"),
            (
                "config/_default/menus.toml",
                "[[main]]\nname = 'Contact'\npageRef = '/contact'\nurl = 'mailto:noreply@example.com'\nweight = 1\n\
                 [[main]]\nname = 'Gone'\npageRef = '/gone'\nweight = 2\n",
            ),
            ("content/_index.md", "# Home\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(
        menu_items(&site.read("public/index.html")),
        ["<a href=\"mailto:noreply@example.com\">Contact</a>", "<span>Gone</span>"]
    );
    for (reference, place, fallback) in [("/contact", "3:12", "links to its `url`"), ("/gone", "8:12", "links nowhere")]
    {
        let warning = format!(
            "menu entry's `pageRef = \"{reference}\"` names no page: the entry {fallback}\n --> config/_default/menus.toml:{place}"
        );
        assert!(run.stderr.contains(&warning), "{warning}\n{}", run.stderr);
    }
}

/// A menu written twice is read once, as Hugo merges it: `menu` replaces `menus` in one
/// table (`config/configLoader.go` renames it), `config/_default/menus.toml` replaces
/// `menu.toml` (read in name order), and a page's `menus` is read before its `menu`
/// (`hugolib/page__menus.go`).
#[test]
fn a_menu_written_twice_is_read_once() {
    let site = Site::with_files(
        "hugo-menu-twice",
        &[
            (
                "hugo.toml",
                "title = 'x'\n[[menus.main]]\nname = 'Menus'\nurl = '/'\n[[menu.main]]\nname = 'Menu'\nurl = '/'\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: A\nmenus: main\nmenu:\n  main:\n    name: Other\n---\n# A\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(
        menu_items(&site.read("public/index.html")),
        ["<a href=\"/a/\">A</a>", "<a href=\"/\" aria-current=\"page\">Menu</a>"]
    );
    site.write("config/_default/menu.toml", "[[main]]\nname = 'FromMenu'\nurl = '/'\n");
    site.write("config/_default/menus.toml", "[[main]]\nname = 'FromMenus'\nurl = '/'\n");
    site.build(&["--force"]).expect_code(0);
    assert_eq!(
        menu_items(&site.read("public/index.html")),
        ["<a href=\"/a/\">A</a>", "<a href=\"/\" aria-current=\"page\">FromMenus</a>"]
    );
}
