//! What Jekyll publishes of a walked site. The plugin's cases are ported from
//! benbalter/jekyll-optional-front-matter `spec/jekyll-optional-front-matter/generator_spec.rb`
//! and its fixture site `spec/fixtures/site/` at 56357aeb254fc57aea3d015350af88c9d7de90c1;
//! GitHub Pages' default plugins from github/pages-gem `lib/github-pages/plugins.rb` at
//! cd7369a21e3ec3f20753012da8e312859dca41a4.
use super::*;
use crate::content::ContentFiles;

fn site(config: &str, gemfile: Option<&str>) -> JekyllSite {
    let mut site = JekyllSite::parse(config).expect("configuration");
    site.files.read_gems(&gemfile.map(super::super::gems::read).unwrap_or_default());
    site
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The walked files of `pages` (those in `with_front_matter` open with it), `assets`
/// and `dirs`, sorted for `site`: (pages, assets, dirs).
fn sorted(
    site: &JekyllSite,
    (pages, with_front_matter): (&[&str], &[&str]),
    assets: &[&str],
    dirs: &[&str],
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut files =
        ContentFiles { pages: strings(pages), assets: strings(assets), dirs: strings(dirs), ..Default::default() };
    sort(site, &mut files, &|path| with_front_matter.contains(&path), &|path| path.contains("internal"));
    (files.pages, files.assets, files.dirs)
}

/// The plugin's fixture site: `index.md` opens with front matter, the others do not.
const FIXTURE: [&str; 4] = ["index.md", "readme.md", "file.md", "another-file.markdown"];

/// "builds the array of pages to add", "adds the pages to the site": `readme.md` is
/// left a copy; `.github/ISSUE_TEMPLATE.md` is no entry the walk gives (hidden).
#[test]
fn the_plugin_makes_pages_of_markdown_without_front_matter_but_readmes() {
    let on = site("plugins: [jekyll-optional-front-matter]\n", None);
    let (pages, assets, _) = sorted(&on, (&FIXTURE, &["index.md"]), &["CONTRIBUTING"], &[]);
    assert_eq!(pages, ["index.md", "file.md", "another-file.markdown"]);
    assert_eq!(assets, ["CONTRIBUTING", "readme.md"]);
}

/// Without the plugin (Jekyll's reader alone, `Utils.has_yaml_header?`), and "when
/// disabled", and "legacy" `require_front_matter: true`: only `index.md` is a page.
#[test]
fn without_the_plugin_markdown_without_front_matter_is_copied() {
    for config in [
        "title: t\n",
        "plugins: [jekyll-optional-front-matter]\noptional_front_matter:\n  enabled: false\n",
        "plugins: [jekyll-optional-front-matter]\nrequire_front_matter: true\n",
    ] {
        let (pages, assets, _) = sorted(&site(config, None), (&FIXTURE, &["index.md"]), &[], &[]);
        assert_eq!(pages, ["index.md"], "{config}");
        assert_eq!(assets, ["readme.md", "file.md", "another-file.markdown"], "{config}");
    }
    let explicit = "plugins: [jekyll-optional-front-matter]\noptional_front_matter:\n  enabled: true\n";
    assert_eq!(sorted(&site(explicit, None), (&FIXTURE, &["index.md"]), &[], &[]).0.len(), 3, "explicitly enabled");
    let legacy = "plugins: [jekyll-optional-front-matter]\nrequire_front_matter: false\n";
    assert_eq!(sorted(&site(legacy, None), (&FIXTURE, &["index.md"]), &[], &[]).0.len(), 3, "legacy enabled");
}

/// "blacklist" and "whitelist": the names matched whatever their case, extension and
/// folder; `index.md` is no such name; `include:` makes a page of one it names.
#[test]
fn the_plugin_leaves_readmes_and_licences_copies_unless_included() {
    let on = site("plugins: [jekyll-optional-front-matter]\ninclude: [foo.md]\n", None);
    let is_dir = |_: &str| false;
    for name in [
        "README.md",
        "readme.markdown",
        "LICENSE.mkdn",
        "licence.md",
        "COPYING.md",
        "CODE_OF_CONDUCT.md",
        "CONTRIBUTING.markdown",
        "ISSUE_TEMPLATE.md",
        "PULL_REQUEST_TEMPLATE.md",
        "vendor/jekyll/README.md",
    ] {
        assert!(on.files.no_page_name(name, &is_dir), "{name}");
    }
    for name in ["index.md", "INDEX.markdown"] {
        assert!(!on.files.no_page_name(name, &is_dir), "{name}");
    }
    let included = site("plugins: [jekyll-optional-front-matter]\ninclude: [CONTRIBUTING.md]\n", None);
    assert!(!included.files.no_page_name("CONTRIBUTING.md", &is_dir));
}

/// The plugin is on through the `Gemfile`'s `:jekyll_plugins` group, or with the
/// `github-pages` gem (`DEFAULT_PLUGINS`), whatever its group; a gem outside the group
/// is not loaded.
#[test]
fn the_gems_turn_the_plugin_on() {
    let grouped = "group :jekyll_plugins do\n  gem \"jekyll-optional-front-matter\"\nend\n";
    assert!(site("title: t\n", Some(grouped)).files.optional_front_matter);
    assert!(site("title: t\n", Some("gem \"github-pages\", group: :jekyll_plugins\n")).files.optional_front_matter);
    assert!(site("plugins: [github-pages]\n", None).files.optional_front_matter);
    assert!(!site("title: t\n", Some("gem \"jekyll-optional-front-matter\"\n")).files.optional_front_matter);
    let off = "optional_front_matter:\n  enabled: false\n";
    assert!(!site(off, Some("gem \"github-pages\"\n")).files.optional_front_matter);
}

/// `Reader#read_directories` skips `_`, `.` and `#` names and `exclude:` (with Jekyll's
/// default excludes), keeps what `include:` names; a collection published at
/// `/:collection/…` keeps its folders (its documents' folders), and its documents
/// without front matter are copies; one with `output: false` publishes nothing; posts
/// keep their folders.
#[test]
fn the_reader_skips_special_names_and_reads_collections() {
    let config = "collections:\n  docs:\n    output: true\n  notes:\n    output: false\n\
                  include: [_redirects]\nexclude: [drafts/]\n";
    let s = site(config, None);
    let pages = [
        "index.md",
        "_docs/a.md",
        "_docs/sub/b.md",
        "_docs/_partial.md",
        "_docs/plain.md",
        "_notes/n.md",
        "_assets/readme.md",
        "#scratch.md",
        "drafts/d.md",
        "news/_posts/2020-01-01-a.md",
        "news/_posts/_x.md",
    ];
    let front = ["index.md", "_docs/a.md", "_docs/sub/b.md", "_docs/_partial.md", "drafts/d.md"];
    let assets = ["_assets/a.png", "_docs/sub/img.png", "_redirects", "node_modules/x/a.js", "_notes/n.png", "x.png"];
    let dirs =
        ["_docs", "_docs/sub", "_notes", "_assets", "drafts", "news", "news/_posts", "node_modules", "node_modules/x"];
    let (pages, assets, dirs) = sorted(&s, (&pages, &front), &assets, &dirs);
    assert_eq!(pages, ["index.md", "_docs/a.md", "_docs/sub/b.md", "news/_posts/2020-01-01-a.md"]);
    assert_eq!(assets, ["_docs/sub/img.png", "_redirects", "x.png", "_docs/plain.md"]);
    assert_eq!(dirs, ["_docs", "_docs/sub", "news", "news/_posts"]);
}

/// A collection whose `permalink` puts its documents elsewhere (`/:path/`) has no
/// folder of its own; `/:collection/:title` keeps the collection's folder only, its
/// documents being all in it.
#[test]
fn a_collection_published_elsewhere_keeps_no_folder() {
    let config = "collections:\n  pages:\n    output: true\n    permalink: /:path/\n  \
                  next:\n    output: true\n    permalink: /:collection/:title\n";
    let s = site(config, None);
    let pages = ["_pages/about.md", "_next/a.md", "_next/part/b.md"];
    let dirs = ["_pages", "_next", "_next/part"];
    let (pages, _, dirs) = sorted(&s, (&pages, &pages), &[], &dirs);
    assert_eq!((pages.len(), dirs), (3, strings(&["_next"])));
    assert_eq!(s.collection_folder_url("_next").as_deref(), Some("next/"));
    assert_eq!(s.collection_folder_url("_pages"), None);
    assert_eq!(site("collections: [docs]\n", None).collection_folder_url("_docs"), None, "not published");
}

/// jekyll-assets' `_assets/` (its `{% asset %}` tag looks files up there) and
/// jekyll-multiple-languages-plugin's `_i18n/` are read by their plugins: kept as walked.
#[test]
fn plugins_keep_the_folders_they_read() {
    let s = site("plugins: [jekyll-assets]\nlanguages: [en, de]\n", None);
    let (pages, assets, dirs) =
        sorted(&s, (&["_i18n/de/about.md"], &[]), &["_assets/images/a.png"], &["_assets", "_i18n"]);
    assert_eq!((pages, assets, dirs.len()), (strings(&["_i18n/de/about.md"]), strings(&["_assets/images/a.png"]), 2));
    let gems = "group :jekyll_plugins do\n  gem 'jekyll-assets'\nend\n";
    assert_eq!(sorted(&site("title: t\n", Some(gems)), (&[], &[]), &["_assets/a.png"], &[]).1.len(), 1);
}

/// `Utils.has_yaml_header?`: `---` and white space to the end of the first line.
#[test]
fn reads_the_yaml_header_as_jekyll_does() {
    assert!(has_yaml_header(b"---\ntitle: a\n---\n"));
    assert!(has_yaml_header(b"---  \r\ntitle: a\n"));
    assert!(!has_yaml_header(b"# Readme\n"));
    assert!(!has_yaml_header(b"\n---\ntitle: a\n---\n"));
    assert!(!has_yaml_header(b"--- title\n"));
    assert!(!has_yaml_header(b"---"));
}

/// Opsbook's own rules over a Jekyll site: a file without front matter that holds
/// internal blocks stays a page (a copy would publish them), and a folder's `_index.md`
/// (its `visibility`, its owners) is read wherever its folder is.
#[test]
fn opsbook_s_audience_files_stay_pages() {
    let s = site("title: t\n", None);
    let pages = ["_index.md", "ops/_index.md", "ops/internal-notes.md", "ops/plain.md", "_skipped/_index.md"];
    let dirs = ["ops", "_skipped"];
    let (pages, assets, _) = sorted(&s, (&pages, &["_index.md", "ops/_index.md"]), &[], &dirs);
    assert_eq!(pages, ["_index.md", "ops/_index.md", "ops/internal-notes.md"]);
    assert_eq!(assets, ["ops/plain.md"]);
}
