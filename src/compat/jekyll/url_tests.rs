//! Jekyll's own URL cases, ported as tables and built by the build's own steps
//! ([`crate::site::tests::page_urls`]), from jekyll/jekyll at commit
//! 202df571314ba1d18e9fccd81d12aaad4a703c38: `test/test_page.rb` (a page's URL by its
//! name, folder and the site's permalink style), `test/test_utils.rb`
//! (`add_permalink_suffix`: the ending each built-in style gives a page) and
//! `test/test_document.rb` (a collection's documents). A `.html` page of a test is a
//! `.md` page here: its output extension is the same. Where Jekyll's URL has no
//! ending (`/:title`), the case gives the file Jekyll writes, the URL opsbook serves.

use crate::site::tests::misplaced;

/// (test, `_config.yml`, page's content path, its front matter, Jekyll's URL).
type Case = (&'static str, &'static str, &'static str, &'static str, &'static str);

/// `test/test_page.rb` and `test/test_utils.rb` `add_permalink_suffix`.
const PAGE_CASES: &[Case] = &[
    ("create URL based on filename", "", "contacts.md", "", "/contacts.html"),
    ("create proper URL from filename", "", "trailing-dots...md", "", "/trailing-dots.html"),
    ("in a directory hierarchy: create URL based on filename", "", "contacts/bar.md", "", "/contacts/bar.html"),
    ("in a directory hierarchy: create index URL based on filename", "", "contacts/index.md", "", "/contacts/"),
    ("deal properly with dots", "", "deal.with.dots.md", "", "/deal.with.dots.html"),
    ("create URL with non-alphabetic characters", "", "+/%# +.md", "", "/+/%25%23%20+.html"),
    ("pretty: return dir, URL, and destination correctly", "permalink: pretty", "contacts.md", "", "/contacts/"),
    ("pretty: return dir correctly for index page", "permalink: pretty", "index.md", "", "/"),
    ("pretty: in a directory hierarchy: create url", "permalink: pretty", "contacts/bar.md", "", "/contacts/bar/"),
    ("pretty: in a directory hierarchy: index URL", "permalink: pretty", "contacts/index.md", "", "/contacts/"),
    ("date: return url and destination correctly", "permalink: date", "contacts.md", "", "/contacts.html"),
    ("add_permalink_suffix :ordinal", "permalink: ordinal", "contacts.md", "", "/contacts.html"),
    ("add_permalink_suffix :none", "permalink: none", "contacts.md", "", "/contacts.html"),
    ("custom permalink style with trailing slash", "permalink: /:title/", "contacts.md", "", "/contacts/"),
    (
        "custom permalink style with file extension",
        "permalink: /:title:output_ext",
        "contacts.md",
        "",
        "/contacts.html",
    ),
    // Jekyll's URL `/contacts`, its file `contacts.html`.
    ("custom permalink style with no extension", "permalink: /:title", "contacts.md", "", "/contacts.html"),
    ("respect permalink in YAML front matter", "", "about.md", "permalink: /about/\n", "/about/"),
    ("permalink: / on a page makes it the home page", "", "home.md", "permalink: /\n", "/"),
];

/// `test/test_document.rb`: documents of the collection `slides` (`_slides/`).
const DOCUMENT_CASES: &[Case] = &[
    (
        "a document in a collection with custom filename permalinks",
        "permalink: pretty\ncollections:\n  slides:\n    output: true\n    permalink: /slides/test/:name\n",
        "_slides/example-slide-1.md",
        "",
        // Jekyll's URL `/slides/test/example-slide-1` (its file `example-slide-1.html`);
        // opsbook serves a URL without an ending as a folder, where that link leads.
        "/slides/test/example-slide-1/",
    ),
    (
        "a document in a collection with pretty permalink style",
        "permalink: pretty\ncollections:\n  slides:\n    output: true\n",
        "_slides/example-slide-1.md",
        "",
        "/slides/example-slide-1/",
    ),
    (
        "a document in a collection with cased file name",
        "permalink: pretty\ncollections:\n  slides:\n    output: true\n",
        "_slides/example-slide-Upper-Cased.md",
        "",
        "/slides/example-slide-Upper-Cased/",
    ),
    (
        "a document in a collection (the default style)",
        "collections:\n  slides:\n    output: true\n",
        "_slides/example-slide-1.md",
        "",
        "/slides/example-slide-1.html",
    ),
];

/// No test of Jekyll's: `Document#destination` and `Page#destination` (`document.rb`,
/// `page.rb` at the commit above) add the output extension to a URL that ends neither
/// in `/` nor in it, so a collection's `index.md` under `/:collection/:path` (a style
/// without an ending adds none, `Utils.add_permalink_suffix`), or any page whose
/// `permalink` ends in `/index`, is written to its folder's `index.html`: the folder's
/// page, not `index/`.
const INDEX_CASES: &[Case] = &[
    (
        "a collection's index.md under a style without an ending",
        "permalink: /:categories/:year/:month/:day/:title\ncollections:\n  guide:\n    output: true\n",
        "_guide/setup/index.md",
        "",
        // Jekyll's URL `/guide/setup/index`, its file `guide/setup/index.html`.
        "/guide/setup/",
    ),
    (
        "the collection's own index.md",
        "permalink: /:categories/:title\ncollections:\n  guide:\n    output: true\n",
        "_guide/index.md",
        "",
        "/guide/",
    ),
    (
        "the collection's permalink without an ending",
        "collections:\n  guide:\n    output: true\n    permalink: /handbook/:path\n",
        "_guide/teams/index.md",
        "",
        "/handbook/teams/",
    ),
    ("a page's permalink ending in /index", "", "about.md", "permalink: /company/index\n", "/company/"),
    (
        "a document's permalink ending in /index",
        "collections:\n  guide:\n    output: true\n",
        "_guide/a.md",
        "permalink: /:collection/index\n",
        "/guide/",
    ),
    // Any other URL without an ending stays where a link to it leads.
    (
        "a document under a style without an ending",
        "permalink: /:categories/:title\ncollections:\n  guide:\n    output: true\n",
        "_guide/setup/install.md",
        "",
        "/guide/setup/install/",
    ),
    (
        "a pretty collection's index.md keeps Jekyll's index/",
        "permalink: pretty\ncollections:\n  guide:\n    output: true\n",
        "_guide/setup/index.md",
        "",
        "/guide/setup/index/",
    ),
];

/// Posts named by `Document::DATE_FILENAME_MATCHER`: `test/test_generated_site.rb`
/// ("include a post with a abbreviated dates", `_posts/2017-2-5-i-dont-like-zeroes.md`
/// at `2017/02/05/i-dont-like-zeroes.html`) and names of `test/source/_posts/`.
const POST_CASES: &[Case] = &[
    (
        "include a post with a abbreviated dates",
        "",
        "_posts/2017-2-5-i-dont-like-zeroes.md",
        "",
        "/2017/02/05/i-dont-like-zeroes.html",
    ),
    (
        "test/source/_posts/2008-10-18-foo-bar.markdown",
        "",
        "_posts/2008-10-18-foo-bar.md",
        "",
        "/2008/10/18/foo-bar.html",
    ),
    (
        "test/source/_posts/2013-12-20-properties.text",
        "",
        "_posts/2013-12-20-properties.md",
        "",
        "/2013/12/20/properties.html",
    ),
    ("a one-digit month, pretty", "permalink: pretty", "_posts/2023-8-1-update.md", "", "/2023/08/01/update/"),
    (
        "front matter `date` as Time.parse reads it wins",
        "permalink: pretty",
        "_posts/2021-05-20-x.md",
        "date: May 17, 2021\n",
        "/2021/05/17/x/",
    ),
];

/// The cases of `table` whose page is not at Jekyll's URL, each a line.
fn misplaced_in(table: &[Case], name: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for (n, (test, config, path, front, url)) in table.iter().enumerate() {
        // Jekyll reads a page or document only with front matter (an empty one here).
        let page = format!("---\n{front}---\n# Page\n");
        let config = format!("title: Old site\n{config}\n");
        let files = [("_config.yml", config.as_str()), (&format!("content/{path}"), &page)];
        wrong.extend(misplaced(&format!("jekyll-{name}-{n}"), &files, path, url).map(|w| format!("{test}: {w}")));
    }
    wrong
}

#[test]
fn pages_are_where_jekyll_s_page_tests_put_them() {
    let wrong = misplaced_in(PAGE_CASES, "page");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn posts_are_where_jekyll_s_post_names_put_them() {
    let wrong = misplaced_in(POST_CASES, "post");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn index_files_are_their_folders_pages_as_jekyll_writes_them() {
    let wrong = misplaced_in(INDEX_CASES, "index");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn documents_are_where_jekyll_s_document_tests_put_them() {
    let wrong = misplaced_in(DOCUMENT_CASES, "document");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
