//! Jekyll's own cases: jekyll/jekyll 202df571314ba1d18e9fccd81d12aaad4a703c38,
//! `test/test_front_matter_defaults.rb` (context names quoted in each test), on its
//! fixture site's paths (`contacts/bar.html`, `about.html`, `index.html`,
//! `_posts/2008-02-02-published.markdown`, a post of `win/_posts/`).

use super::*;

fn site(defaults: &str) -> FrontDefaults {
    let documents = crate::content::front_matter::parse_yaml_documents(&format!("defaults:\n{defaults}"));
    let Some(Node::Map(keys)) = documents.expect("parses").into_iter().next() else { panic!("no mapping") };
    FrontDefaults::read(&keys, "")
}

/// `key` as the defaults give it to `path`.
fn key(site: &FrontDefaults, path: &str) -> Option<String> {
    let values = site.all(path, &page_kind(&|_| false, path));
    values.iter().find(|(k, _)| k.value == "key").and_then(|(_, v)| match &v.value {
        Node::Text(text) => Some(text.clone()),
        _ => None,
    })
}

const POST: &str = "_posts/2008-02-02-published.markdown";

#[test]
fn full_scope_affects_only_its_path_and_type() {
    // "A site with full front matter defaults", and "(glob)".
    for path in ["contacts", "contacts/*.html"] {
        let site = site(&format!("  - scope: {{path: \"{path}\", type: page}}\n    values: {{key: val}}\n"));
        assert_eq!(key(&site, "contacts/bar.html").as_deref(), Some("val"), "{path}");
        assert_eq!(key(&site, "about.html"), None, "{path}");
    }
}

#[test]
fn a_path_with_an_extension_names_one_page() {
    // "A site with front matter type pages and an extension".
    let site = site("  - scope: {path: index.html}\n    values: {key: val}\n");
    assert_eq!(key(&site, "index.html").as_deref(), Some("val"));
    assert_eq!(key(&site, "about.html"), None);
}

#[test]
fn no_type_is_every_type() {
    // "A site with front matter defaults with no type".
    let site = site("  - scope: {path: win}\n    values: {key: val}\n");
    assert_eq!(key(&site, "win/_posts/2009-05-24-yaml-linebreak.markdown").as_deref(), Some("val"));
    assert_eq!(key(&site, "about.html"), None);
}

#[test]
fn no_path_is_every_path_of_the_type_deprecated_names_too() {
    // "with no path and a deprecated type", "with no path".
    for kind in ["page", "pages"] {
        let site = site(&format!("  - scope: {{type: {kind}}}\n    values: {{key: val}}\n"));
        assert_eq!(key(&site, "contacts/bar.html").as_deref(), Some("val"));
        assert_eq!(key(&site, "about.html").as_deref(), Some("val"));
        assert_eq!(key(&site, POST), None, "{kind}");
    }
}

#[test]
fn no_path_and_no_type_or_no_scope_is_every_page_and_post() {
    // "with no path or type", "with no scope".
    for set in ["  - scope: {}\n    values: {key: val}\n", "  - values: {key: val}\n"] {
        let site = site(set);
        assert_eq!(key(&site, "about.html").as_deref(), Some("val"));
        assert_eq!(key(&site, POST).as_deref(), Some("val"));
    }
}

#[test]
fn a_more_specific_scope_wins_whatever_the_order() {
    let site = site(concat!(
        "  - scope: {path: docs, type: pages}\n    values: {key: docs-pages}\n",
        "  - scope: {path: docs}\n    values: {key: docs}\n",
        "  - scope: {path: \"\"}\n    values: {key: all, other: kept, seo: {type: Article, x: 1}}\n",
        "  - scope: {path: docs/a}\n    values: {seo: {type: ItemList}}\n",
        "  - values: {bad: set}\n    scope: nope\n  - scope: {path: x}\n",
    ));
    assert_eq!(key(&site, "docs/a/b.md").as_deref(), Some("docs-pages"));
    assert_eq!(key(&site, "other.md").as_deref(), Some("all"));
    let values = site.all("docs/a/b.md", "pages");
    let seo = values.iter().find(|(k, _)| k.value == "seo").map(|(_, v)| v.value.to_json());
    assert_eq!(seo, Some(serde_json::json!({"type": "ItemList", "x": 1})), "deep merged");
    assert!(values.iter().any(|(k, _)| k.value == "other"));
}

#[test]
fn the_pages_own_front_matter_wins_and_maps_merge() {
    let site = site("  - scope: {path: \"\"}\n    values: {permalink: /:basename, nav_order: 3, seo: {a: 1, b: 2}}\n");
    let text = "---\nnav_order: 1\nseo: {b: 9}\n---\nBody\n";
    let split = crate::content::front_matter::split_front_matter(text).expect("splits");
    let fields = crate::content::front_matter::read_fields(&split.front.expect("front")).expect("reads").fields;
    let mut page = SourcePage::without_file("docs/a.md".into(), "docs/a.md".into());
    page.front = FrontMatter::from_fields(fields, "docs/a.md").0;
    let mut diagnostics = Vec::new();
    apply(&site, &|_| false, &mut page, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(page.front.permalink.as_ref().map(|p| p.value.as_str()), Some("/:basename"));
    let json = |key: &str| page.front.field(key).map(|f| f.value.value.to_json());
    assert_eq!(json("nav_order"), Some(serde_json::json!(1)));
    assert_eq!(json("seo"), Some(serde_json::json!({"a": 1, "b": 9})));
    // A value from a default stands nowhere in the page: no line of `_config.yml` is
    // said of the page's file; the page's own values keep their places.
    assert_eq!(page.front.permalink.as_ref().map(|p| (p.line, p.column)), Some((0, 0)));
    assert!(page.front.field("nav_order").is_some_and(|f| f.line > 0 && f.column > 0));
}

#[test]
fn a_defaults_problem_is_the_configs_once_and_the_pages_own_are_not_said_again() {
    let mut site = site("  - scope: {path: \"\"}\n    values:\n      draft: maybe\n      weight: 2\n");
    site.file = "_config.yml".into();
    let text = "---\ntitle: [not, text]\n---\nBody\n";
    let split = crate::content::front_matter::split_front_matter(text).expect("splits");
    let fields = crate::content::front_matter::read_fields(&split.front.expect("front")).expect("reads").fields;
    let mut page = SourcePage::without_file("docs/a.md".into(), "docs/a.md".into());
    let (front, own) = FrontMatter::from_fields(fields, "docs/a.md");
    assert_eq!(own.len(), 1, "the page's own problem, said when it is read");
    page.front = front;
    let mut diagnostics = Vec::new();
    apply(&site, &|_| false, &mut page, &mut diagnostics);
    let found: Vec<(&str, usize, usize)> = diagnostics.iter().map(|d| (d.path.as_str(), d.line, d.column)).collect();
    assert_eq!(found, [("_config.yml", 4, 7)], "{diagnostics:?}");
    assert!(diagnostics[0].message.contains("`draft`"), "{}", diagnostics[0].message);
    assert_eq!(page.front.weight, Some(2.0));
    assert!(page.front.field("weight").is_some_and(|f| (f.line, f.column) == (0, 0)));
    assert!(page.front.field("title").is_some_and(|f| f.line == 2));
}

/// `FrontmatterDefaults#applies_path?` and `strip_collections_dir`
/// (`lib/jekyll/frontmatter_defaults.rb`, jekyll/jekyll 202df571): with
/// `collections_dir`, a document's path is its `relative_path` from that folder, and a
/// scope's path is read without the folder, so `src/_docs` and `_docs` name the same
/// documents; a page of the folder keeps its whole path.
#[test]
fn a_scope_is_read_without_collections_dir() {
    let with = |scope: &str| {
        let text =
            format!("collections_dir: src\ndefaults:\n  - scope: {{path: \"{scope}\"}}\n    values: {{key: val}}\n");
        let documents = crate::content::front_matter::parse_yaml_documents(&text);
        let Some(Node::Map(keys)) = documents.expect("parses").into_iter().next() else { panic!("no mapping") };
        FrontDefaults::read(&keys, "src")
    };
    let is_docs = |label: &str| label == "docs";
    let of = |site: &FrontDefaults, path: &str| {
        let (path, kind) = site.path_and_kind(&is_docs, path);
        site.all(path, &kind).iter().any(|(k, _)| k.value == "key")
    };
    for scope in ["src/_docs", "_docs", "src/_do*"] {
        assert!(of(&with(scope), "src/_docs/a.md"), "{scope}");
        assert!(!of(&with(scope), "src/about.md"), "{scope}");
    }
    assert!(of(&with("src"), "src/about.md"), "a page keeps its whole path");
    assert!(!of(&with("src/about.md"), "src/about.md"), "the scope loses the folder, the page does not");
    assert!(of(&with("*"), "src/about.md"));
    assert!(!of(&with("src/*"), "src/about.md"), "what the glob finds loses the folder");
    assert!(of(&with("src/*"), "src/_docs/a.md"));
}
