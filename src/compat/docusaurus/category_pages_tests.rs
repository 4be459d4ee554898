use super::*;
use crate::compat::docusaurus::sidebars::parse_sidebars;
use crate::content::nav_file::{NavFile, NavFileKind};

fn doc(path: &str, front: (Option<&str>, Option<&str>), body: &str) -> Arc<SourcePage> {
    let mut page = SourcePage::without_file(format!("content/{path}"), path.to_string());
    page.front.title = front.0.map(str::to_string);
    page.front.description = front.1.map(str::to_string);
    page.text = body.to_string();
    Arc::new(page)
}

/// The pages made for `sidebars` over `loaded`, the files after (their categories and
/// sidebar) and the diagnostics.
fn made(
    sidebars: &str,
    loaded: &[Arc<SourcePage>],
    dirs: &[&str],
    roots: &[&str],
) -> (Vec<SourcePage>, ContentFiles, Vec<Diagnostic>) {
    let (entries, problems) = parse_sidebars(sidebars).expect("reads");
    assert!(problems.is_empty(), "{problems:?}");
    let root_dir = roots.first().copied().unwrap_or_default().to_string();
    let mut files = ContentFiles {
        pages: loaded.iter().map(|page| page.path.clone()).collect(),
        dirs: dirs.iter().map(|dir| dir.to_string()).collect(),
        ..ContentFiles::default()
    };
    files.nav_file = Some(NavFile {
        file: "sidebars.js".into(),
        kind: NavFileKind::Sidebars,
        entries,
        root_dir,
        directory_urls: true,
    });
    let roots: Vec<String> = roots.iter().map(|root| root.to_string()).collect();
    let mut diagnostics = Vec::new();
    let pages = generated_index_pages(&mut files, loaded, &roots, &mut diagnostics);
    (pages, files, diagnostics)
}

fn permalink(page: &SourcePage) -> &str {
    page.front.permalink.as_ref().map_or("", |p| p.value.as_str())
}

/// `postProcessor.test.ts` (facebook/docusaurus at 4df1daf165e738f9b97dfae4b007861c0b30e7a8),
/// "transforms category without subitems": a generated-index category of no items is
/// left out (no page), a doc-linked one links its doc; with items, the `slug`
/// `generated/permalink` is read under the version's path (`normalizeCategoryLink`).
#[test]
fn places_generated_indexes_as_the_post_processor_tests_do() {
    let sidebars = "module.exports = {sidebar: [
  {type: 'category', label: 'Category', link: {type: 'generated-index', slug: 'generated/permalink'}, items: []},
  {type: 'category', label: 'Category 2', link: {type: 'doc', id: 'doc ID'}, items: []},
]};";
    let (pages, files, diagnostics) = made(sidebars, &[], &["version"], &["version"]);
    assert!(pages.is_empty() && diagnostics.is_empty(), "{pages:?} {diagnostics:?}");
    let entries = &files.nav_file.as_ref().expect("the sidebar").entries;
    assert_eq!(entries[0].link, NavLink::None);
    assert_eq!(entries[1].link, NavLink::DocId("doc ID".into()));

    let sidebars = "module.exports = {sidebar: [
  {type: 'category', label: 'Category', link: {type: 'generated-index', slug: 'generated/permalink'}, items: ['a']},
]};";
    let loaded = [doc("version/a.md", (Some("A"), None), "")];
    let (pages, files, _) = made(sidebars, &loaded, &["version"], &["version"]);
    assert_eq!(pages.len(), 1);
    assert_eq!(permalink(&pages[0]), "/version/generated/permalink/");
    // Its one item's folder stays the category's section in the navigation.
    let entries = &files.nav_file.as_ref().expect("the sidebar").entries;
    assert_eq!(entries[0].link, NavLink::None);
}

/// The page's title is the link's `title`, else the category's label, and its
/// description the link's (`getCategoryGeneratedIndexMetadata` in
/// `categoryGeneratedIndex.ts`, facebook/docusaurus at f9aea8a4e4b50f32f9a33438ed3d5148743312a3);
/// the default slug is the label's github-slugger slug, numbered when a label repeats.
#[test]
fn titles_and_slugs_a_generated_index_as_docusaurus_does() {
    let sidebars = "module.exports = {s: [
  {type: 'category', label: 'Cluster Stacks', link: {type: 'generated-index'}, items: ['a']},
  {type: 'category', label: 'Ops', items: [
    {type: 'category', label: 'Cluster Stacks', link: {type: 'generated-index', title: 'All stacks', description: 'Every *stack*.'}, items: ['a']},
  ]},
  {type: 'category', label: 'Cluster Stacks', link: {type: 'generated-index'}, items: ['a']},
]};";
    let loaded = [doc("a.md", (Some("A"), None), "")];
    let (pages, _, _) = made(sidebars, &loaded, &[], &[]);
    let found: Vec<(&str, Option<&str>, Option<&str>)> = pages
        .iter()
        .map(|page| (permalink(page), page.front.title.as_deref(), page.front.description.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            ("/category/cluster-stacks/", Some("Cluster Stacks"), None),
            ("/category/cluster-stacks-1/", Some("All stacks"), Some("Every *stack*.")),
            ("/category/cluster-stacks-2/", Some("Cluster Stacks"), None),
        ]
    );
    assert!(pages[1].text.starts_with("Every \\*stack\\*.\n\n"), "{}", pages[1].text);
    let mut slugger = super::super::categories::CategorySlugger::default();
    let slug = |label: &str| super::super::categories::default_slug(&mut slugger, label).replace("/category/", "");
    let slugs: Vec<String> = ["Foo", "foo", "Foo-1", "Foo"].into_iter().map(slug).collect();
    assert_eq!(slugs, ["foo", "foo-1", "foo-1-1", "foo-2"]);
}

/// The page lists the category's items in sidebar order, each with its title (its
/// sidebar label, its `title`, its first heading) and description, a sub-category by
/// its own page, a category without one as text.
#[test]
fn lists_the_items_in_sidebar_order() {
    let sidebars = "module.exports = {s: [
  {type: 'category', label: 'Guides', link: {type: 'generated-index'}, items: [
    'guides/setup',
    {type: 'doc', id: 'guides/run', label: 'Running'},
    'guides/plain',
    {type: 'category', label: 'More', link: {type: 'generated-index'}, items: ['guides/setup']},
    {type: 'category', label: 'Loose', items: ['guides/run']},
    {type: 'link', label: 'Status', href: 'https://status.example.org'},
  ]},
]};";
    let loaded = [
        doc("docs/guides/01-setup.md", (Some("Set up [it]"), Some("Before anything")), ""),
        doc("docs/guides/run.md", (None, None), "# Run\n"),
        doc("docs/guides/plain.md", (None, None), "No heading.\n"),
    ];
    let (pages, files, _) = made(sidebars, &loaded, &["docs", "docs/guides"], &["docs"]);
    assert_eq!(pages.len(), 2);
    let guides = &pages[1];
    assert_eq!(guides.path, "docs/docs-category-guides.md");
    assert_eq!(permalink(guides), "/docs/category/guides/");
    assert_eq!(
        guides.text,
        "- [Set up \\[it\\]](<guides/01-setup.md>)\n\n  Before anything\n\n\
         - [Running](<guides/run.md>)\n\
         - [plain](<guides/plain.md>)\n\
         - [More](<docs-category-more.md>)\n\
         - Loose\n\
         - [Status](<https://status.example.org>)\n"
    );
    assert_eq!(files.nav_file.expect("the sidebar").entries[0].link, NavLink::Page(guides.path.clone()));
}

/// A category of a folder's items stands for the folder: its link goes to the folder's
/// category, as a category file's does, and no page is made.
#[test]
fn a_folder_s_category_is_the_folder_s_section() {
    let sidebars = "module.exports = {s: [
  {type: 'category', label: 'Ops', link: {type: 'generated-index', slug: '/all/ops'}, items: [{type: 'autogenerated', dirName: 'ops'}]},
]};";
    let loaded = [doc("ops/a.md", (Some("A"), None), "")];
    let (pages, files, _) = made(sidebars, &loaded, &["ops"], &[]);
    assert!(pages.is_empty(), "{pages:?}");
    assert_eq!(files.categories.len(), 1);
    let category = &files.categories[0];
    assert_eq!((category.dir.as_str(), category.label.as_deref()), ("ops", Some("Ops")));
    let link = category.generated_index.as_ref().expect("the link");
    assert_eq!((link.slug.as_deref(), link.file.as_str()), (Some("/all/ops"), "sidebars.js"));
}

/// A slug that climbs out of the docs or is no path, or that another category has
/// already, is a warning at the link; that category gets no page.
#[test]
fn a_slug_that_cannot_be_a_page_is_a_located_warning() {
    let sidebars = "module.exports = {s: [
  {type: 'category', label: 'A', link: {type: 'generated-index', slug: '../../etc'}, items: ['a']},
  {type: 'category', label: 'B', link: {type: 'generated-index', slug: 'https://example.org/x'}, items: ['a']},
  {type: 'category', label: 'C', link: {type: 'generated-index', slug: '/same'}, items: ['a']},
  {type: 'category', label: 'D', link: {type: 'generated-index', slug: '/same'}, items: ['a']},
]};";
    let loaded = [doc("a.md", (Some("A"), None), "")];
    let (pages, _, diagnostics) = made(sidebars, &loaded, &[], &[]);
    assert_eq!(pages.len(), 1);
    let at: Vec<(usize, usize)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(at, [(2, 40), (3, 40), (5, 40)], "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d.path == "sidebars.js" && d.severity == Severity::Warning));
}
