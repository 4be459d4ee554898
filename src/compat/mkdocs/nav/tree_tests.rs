//! The navigation's shape as MkDocs's own tests give it: `nav:` read by
//! [`super::parse_mkdocs`], made a tree by [`crate::site::nav_tree::build`], and
//! written as MkDocs's `str(Navigation)` writes it.

use super::parse_mkdocs;
use crate::site::nav_tree::{self, NavTree, NodeKind, Target};

/// One case: `nav:`, the docs folder's files, `use_directory_urls`, and
/// `str(site_navigation)` as the test expects it.
type Case = (&'static str, &'static str, &'static [&'static str], bool, &'static str);

/// The files of `test_indented_nav` (and `test_active`, with `about/license.md`).
const API_GUIDE: [&str; 6] = [
    "index.md",
    "api-guide/running.md",
    "api-guide/testing.md",
    "api-guide/debugging.md",
    "api-guide/advanced/part-1.md",
    "about/release-notes.md",
];

/// The cases of mkdocs/mkdocs `mkdocs/tests/structure/nav_tests.py` at commit
/// 2862536793b3c67d9d83c33e0dd6d50a791928f8 about the navigation's shape with a `nav:`.
/// Not here: `test_nav_absolute_links_with_validation` (opsbook does not read
/// `validation:`, whose default makes `/x` a link, as `test_nav_external_links` has it),
/// `test_nav_from_files` and `test_nav_from_nested_files` (no `nav:`: opsbook's folder
/// navigation, not this tree), `test_nav_with_exclusion` (`not_in_nav`, not read), the
/// Windows and plugin cases (`_windows`, `test_nav_page_subclass`).
const CASES: &[Case] = &[
    (
        "test_simple_nav",
        "nav:\n  - Home: index.md\n  - About: about.md\n",
        &["index.md", "about.md"],
        true,
        "Page(title='Home', url='/')\nPage(title='About', url='/about/')",
    ),
    (
        "test_nav_no_directory_urls",
        "nav:\n  - Home: index.md\n  - About: about.md\n",
        &["index.md", "about.md"],
        false,
        "Page(title='Home', url='/index.html')\nPage(title='About', url='/about.html')",
    ),
    (
        "test_nav_missing_page",
        "nav:\n  - Home: index.md\n",
        &["index.md", "page_not_in_nav.md"],
        true,
        "Page(title='Home', url='/')",
    ),
    (
        "test_nav_no_title",
        "nav:\n  - index.md\n  - About: about.md\n",
        &["index.md", "about.md"],
        true,
        "Page(title=[blank], url='/')\nPage(title='About', url='/about/')",
    ),
    (
        "test_nav_external_links",
        "nav:\n  - Home: index.md\n  - Local: /local.html\n  - External: http://example.com/external.html\n",
        &["index.md"],
        true,
        "Page(title='Home', url='/')\nLink(title='Local', url='/local.html')\nLink(title='External', url='http://example.com/external.html')",
    ),
    (
        "test_nav_bad_links",
        "nav:\n  - Home: index.md\n  - Missing: missing.html\n  - Bad External: example.com\n",
        &["index.md"],
        true,
        "Page(title='Home', url='/')\nLink(title='Missing', url='missing.html')\nLink(title='Bad External', url='example.com')",
    ),
    (
        "test_indented_nav",
        "nav:\n  - Home: index.md\n  - API Guide:\n    - Running: api-guide/running.md\n    - Testing: api-guide/testing.md\n    - Debugging: api-guide/debugging.md\n    - Advanced:\n      - Part 1: api-guide/advanced/part-1.md\n  - About:\n    - Release notes: about/release-notes.md\n    - License: /license.html\n  - External: https://example.com/\n",
        &API_GUIDE,
        true,
        "Page(title='Home', url='/')
Section(title='API Guide')
    Page(title='Running', url='/api-guide/running/')
    Page(title='Testing', url='/api-guide/testing/')
    Page(title='Debugging', url='/api-guide/debugging/')
    Section(title='Advanced')
        Page(title='Part 1', url='/api-guide/advanced/part-1/')
Section(title='About')
    Page(title='Release notes', url='/about/release-notes/')
    Link(title='License', url='/license.html')
Link(title='External', url='https://example.com/')",
    ),
    (
        "test_nested_ungrouped_nav",
        "nav:\n  - Home: index.md\n  - Contact: about/contact.md\n  - License Title: about/sub/license.md\n",
        &["index.md", "about/contact.md", "about/sub/license.md"],
        true,
        "Page(title='Home', url='/')\nPage(title='Contact', url='/about/contact/')\nPage(title='License Title', url='/about/sub/license/')",
    ),
    (
        "test_nested_ungrouped_nav_no_titles",
        "nav:\n  - index.md\n  - about/contact.md\n  - about/sub/license.md\n",
        &["index.md", "about/contact.md", "about/sub/license.md"],
        true,
        "Page(title=[blank], url='/')\nPage(title=[blank], url='/about/contact/')\nPage(title=[blank], url='/about/sub/license/')",
    ),
];

/// The tree of `nav` over `files` (page `i` is `files[i]`).
fn tree_of(nav: &str, files: &[&str]) -> NavTree {
    let entries = parse_mkdocs(nav).expect("the case's nav").entries;
    let target = |path: &str| files.iter().position(|f| *f == path).map_or(Target::Missing, Target::Page);
    nav_tree::build(&entries, &target)
}

/// `str(Navigation)` of MkDocs: one line an item, four spaces a level. A page's URL is
/// the one `file_tests.py` gives its file (`tests/integration/mkdocs_rules.rs` builds them).
fn shown(tree: &NavTree, files: &[&str], directory_urls: bool) -> String {
    fn lines(tree: &NavTree, level: &[usize], depth: usize, url: &dyn Fn(usize) -> String, out: &mut Vec<String>) {
        for &node in level {
            let node = &tree.nodes[node];
            let title = node.title.as_ref().map_or("[blank]".to_string(), |t| format!("'{t}'"));
            let line = match &node.kind {
                NodeKind::Page(id) => format!("Page(title={title}, url='{}')", url(*id)),
                NodeKind::Section => format!("Section(title={title})"),
                NodeKind::Link(href) => format!("Link(title={title}, url='{href}')"),
                // MkDocs's `nav:` has none of these.
                NodeKind::Heading | NodeKind::Separator | NodeKind::Draft => format!("{:?}", node.kind),
            };
            out.push(format!("{}{line}", "    ".repeat(depth)));
            lines(tree, &node.children, depth + 1, url, out);
        }
    }
    let url = |id: usize| {
        let stem = files[id].trim_end_matches(".md");
        match (directory_urls, stem.strip_suffix("index")) {
            (true, Some(dir)) => format!("/{dir}"),
            (true, None) => format!("/{stem}/"),
            (false, _) => format!("/{stem}.html"),
        }
    };
    let mut out = Vec::new();
    lines(tree, &tree.top, 0, &url, &mut out);
    out.join("\n")
}

#[test]
fn nests_the_navigation_as_mkdocs_nav_tests_say() {
    for &(name, nav, files, directory_urls, expected) in CASES {
        assert_eq!(shown(&tree_of(nav, files), files, directory_urls), expected, "{name}");
    }
}

/// `test_active`: the entries on the path to a page are open, and no other.
#[test]
fn opens_the_sections_above_the_page_as_mkdocs_test_active_says() {
    let nav = "nav:\n  - Home: index.md\n  - API Guide:\n    - Running: api-guide/running.md\n    - Testing: api-guide/testing.md\n    - Debugging: api-guide/debugging.md\n    - Advanced:\n      - Part 1: api-guide/advanced/part-1.md\n  - About:\n    - Release notes: about/release-notes.md\n    - License: about/license.md\n";
    let files: Vec<&str> = API_GUIDE.iter().copied().chain(["about/license.md"]).collect();
    let tree = tree_of(nav, &files);
    let title = |node: usize| tree.nodes[node].title.clone().unwrap_or_default();
    let items = nav_tree::items(&tree, 4);
    let open: Vec<String> = items.iter().filter(|i| i.open).map(|i| title(i.node)).collect();
    let current: Vec<String> = items.iter().filter(|i| i.current).map(|i| title(i.node)).collect();
    assert_eq!((open, current), (vec!["API Guide".to_string(), "Advanced".to_string()], vec!["Part 1".to_string()]));
    assert!(nav_tree::items(&tree, 0).iter().all(|i| !i.open), "on the home page no section is open");
    // `test_get_by_type_nested_sections`: two sections, one inside the other.
    let nested = tree_of("nav:\n  - Section 1:\n    - Section 2:\n      - Page: page.md\n", &["page.md"]);
    let sections = nested.nodes.iter().filter(|n| n.kind == NodeKind::Section).count();
    assert_eq!((sections, nested.top.len()), (2, 1));
}

/// A page file `nav:` names that the build did not load (another audience's source left
/// out of this build) shows neither its title nor its path; other paths stay links.
#[test]
fn a_page_file_the_build_did_not_load_is_left_out_of_the_navigation() {
    let nav = "nav:\n  - Home: index.md\n  - ACME breach playbook: oncall/acme.md\n  - Status: status.html\n";
    let tree = tree_of(nav, &["index.md"]);
    assert_eq!(
        shown(&tree, &["index.md"], true),
        "Page(title='Home', url='/')\nLink(title='Status', url='status.html')"
    );
}
