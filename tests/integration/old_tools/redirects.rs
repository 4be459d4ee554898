//! Redirect keys of the old tools: Hugo's aliases, shared aliases, aliases at folders,
//! redirects to nowhere, and content at the URL of a page opsbook makes.

use super::*;

// --- Redirect keys --------------------------------------------------------------------

/// Hugo (`hugolib/site.go`) renders aliases before pages: an alias at its own page's URL
/// is left out (a note), one at another page's URL gives way to the page, and a
/// relative alias is read from the folder of the page's URL.
#[test]
fn aliases_follow_hugo() {
    let site = moving(
        "alias-hugo",
        &[
            ("content/tools/airtable.md", "---\ntitle: Airtable\nredirect_from:\n  - /tools/airtable/\n---\nBody.\n"),
            ("content/docs/lang/go.md", "---\ntitle: Go\naliases: [manual, ../old-go]\n---\nBody.\n"),
            ("content/docs/lang/py.md", "---\ntitle: Py\naliases: [/docs/lang/go/]\n---\nBody.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: the alias /tools/airtable/ is the page's own URL: it is left out\n --> content/tools/airtable.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning[duplicate-url]: the alias /docs/lang/go/ is already used by `content/docs/lang/go.md`\n --> content/docs/lang/py.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("= help: the page keeps its URL and the alias is left out, as in Hugo"));
    assert!(site.read("public/docs/lang/go/index.html").contains("<h1"), "the page keeps its URL");
    let redirects = site.read("public/_redirects");
    assert!(redirects.contains("/docs/lang/manual/ /docs/lang/go/ 301\n"), "{redirects}");
    assert!(redirects.contains("/docs/old-go/ /docs/lang/go/ 301\n"), "{redirects}");
    assert!(!redirects.contains("/tools/airtable/ /tools/airtable/"), "{redirects}");
}

/// Hugo joins a relative alias with Go's `path.Join`, which stays at `/`: `../404.html`
/// on a page at the top is `/404.html`. An alias at a file opsbook writes (404.html) is
/// left out with a note, as Hugo writes its 404 page after its aliases. Without an old
/// tool that writes aliases so, a `..` above the root is an error.
#[test]
fn hugo_aliases_stay_at_the_root_and_give_way_to_the_404_page() {
    let files = [
        ("content/notfound.md", "---\ntitle: Not found\naliases:\n  - ../404.html\n---\nGone.\n"),
        ("content/docs/a.md", "---\ntitle: A\naliases: [../../../old/]\n---\nA.\n"),
    ];
    let site = moving("alias-hugo-root", &files);
    site.write("hugo.toml", "title = 'x'\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("note[duplicate-url]: the alias /404.html is the file /404.html that opsbook writes: it is left out, as the old tool wrote that file over it\n --> content/notfound.md:3:1"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/404.html").contains("class=\"page not-found\""), "opsbook's 404 page stays");
    assert!(site.read("public/_redirects").contains("/old/ /docs/a/ 301\n"));
    let plain = moving("alias-plain-root", &files);
    let run = plain.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[invalid-path]: the alias \"../../../old/\" is not a path in this site: its `..` climbs above the site's root"), "{}", run.stderr);
}

/// Hugo writes an alias under any name a file can have (`hugolib/alias.go`,
/// `targetPathAlias`): one that holds a URL after its `/` is a folder `https:` of the
/// site, a space is kept; one no request reaches (`?…`) is left out with a warning at its
/// line; an `https://` URL is an error, as in Hugo.
#[test]
fn hugo_aliases_keep_any_name_a_file_can_have() {
    let page = "---\ntitle: Up\naliases:\n  - /https://kb.example.com/old/upgrade/\n  - /old name/\n  - /chrome/?p=help#topic\n---\nUp.\n";
    let site = moving("alias-hugo-names", &[("content/upgrade.md", page)]);
    site.write("hugo.toml", "title = 'x'\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.read("public/https:/kb.example.com/old/upgrade/index.html").contains("/upgrade/"));
    assert!(site.exists("public/old name/index.html"));
    let redirects = site.read("public/_redirects");
    assert!(redirects.contains("/https:/kb.example.com/old/upgrade/ /upgrade/ 301\n"), "{redirects}");
    assert!(redirects.contains("/old%20name/ /upgrade/ 301\n"), "{redirects}");
    assert!(!redirects.contains("chrome"), "{redirects}");
    assert!(
        run.stderr.contains("warning[invalid-path]: the alias \"/chrome/?p=help#topic\" is left out: no request reaches a file whose name holds '?'")
            && run.stderr.contains("--> content/upgrade.md:3:1"),
        "{}",
        run.stderr
    );
    site.write("content/upgrade.md", "---\ntitle: Up\naliases: [\"https://kb.example.com/old/\"]\n---\nUp.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[invalid-path]: the alias \"https://kb.example.com/old/\" is not a path in this site: it is the URL of another site"), "{}", run.stderr);
    assert!(site.exists("public/old name/index.html"), "the previous output is kept");
}

/// jekyll-redirect-from writes a `redirect_from` with `?` or `#` as a file no request
/// reaches: the build goes on with a warning at its line, and no file is written for it.
#[test]
fn a_jekyll_redirect_from_with_a_query_or_fragment_is_left_out_with_a_warning() {
    let page = "---\ntitle: Search\nredirect_from:\n  - /dashboards/#search-bar\n  - /find/?q=all\n  - /old-search/\n---\nFind.\n";
    let site = moving("redirect-from-fragment", &[("_config.yml", "title: Old site\n"), ("content/search.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    for (alias, c) in [("/dashboards/#search-bar", '#'), ("/find/?q=all", '?')] {
        let warning = format!(
            "warning[invalid-path]: the alias \"{alias}\" is left out: no request reaches a file whose name holds '{c}'"
        );
        assert!(run.stderr.contains(&warning), "{warning}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches(" --> content/search.md:3:1").count(), 2, "{}", run.stderr);
    let redirects = site.read("public/_redirects");
    assert_eq!(redirects, "/old-search/ /search.html 301\n");
    assert!(site.exists("public/old-search/index.html") && site.exists("public/search.html"));
    for gone in ["public/dashboards", "public/find"] {
        assert!(!site.exists(gone), "{gone}: no file for an alias no request reaches");
    }
}

/// Hugo refuses an alias of the site's root (`/`) and one that is another site's URL
/// (`hugolib/page__meta.go`): an error at the alias's line and column, the previous
/// output kept.
#[test]
fn a_hugo_alias_of_the_root_or_a_url_is_an_error_at_its_line() {
    let site = moving(
        "alias-hugo-refused",
        &[("hugo.toml", "title = 'x'\n"), ("content/up.md", "---\ntitle: Up\n---\nUp.\n")],
    );
    site.build(&[]).expect_code(0);
    let cases = [
        (
            "/",
            "error[invalid-path]: the alias \"/\" is not a path in this site: it is the site's root, the home page's URL",
        ),
        (
            "http://kb.example.com/old/",
            "error[invalid-path]: the alias \"http://kb.example.com/old/\" is not a path in this site: it is the URL of another \
             site (a scheme such as `https:`, or `//`)",
        ),
    ];
    for (alias, error) in cases {
        site.write("content/up.md", format!("---\ntitle: Up\naliases:\n  - /kept/\n  - \"{alias}\"\n---\nUp.\n"));
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains(&format!("{error}\n --> content/up.md:3:1")), "{alias}: {}", run.stderr);
        assert!(site.read("public/up/index.html").contains("Up."), "{alias}: the previous output is kept");
        assert!(!site.exists("public/kept"), "{alias}: nothing of the failed build is written");
    }
}

/// Several pages claim one alias: the last in the order of their files gets it, as
/// Hugo and jekyll-redirect-from keep the redirect written last.
#[test]
fn a_shared_alias_goes_to_the_last_page_in_file_order() {
    let files = [
        ("content/a.md", "---\ntitle: A\naliases: [/old/]\n---\n"),
        ("content/b.md", "---\ntitle: B\naliases: [/old/]\n---\n"),
    ];
    let site = moving("alias-shared", &files);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[duplicate-url]: the alias /old/ is already used by `content/b.md`\n --> content/a.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/_redirects"), "/old/ /b/ 301\n");
    Site::with_files("alias-shared-strict", &files).build(&[]).expect_code(1);
}

/// An alias at the URL of a folder without a page of its own takes it: the old tool had
/// no page there. The folder's page opsbook makes redirects.
#[test]
fn an_alias_takes_the_url_of_a_folder_without_a_page() {
    let site = Site::with_files(
        "alias-folder",
        &[
            ("content/catalog/ux.md", "# UX\n"),
            ("content/teams/catalog.md", "---\ntitle: Catalog\naliases: [/catalog/]\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: the alias /catalog/ takes the URL of a folder without a page of its own: it redirects to this page\n --> content/teams/catalog.md:3:1"
        ),
        "{}",
        run.stderr
    );
    let folder = site.read("public/catalog/index.html");
    assert!(folder.contains("/teams/catalog/"), "{folder}");
    assert!(site.exists("public/catalog/ux/index.html"));
}

/// A `redirect_to` whose target is gone is a broken link: a warning while moving, and
/// the page is built as it is.
#[test]
fn a_redirect_to_nowhere_follows_the_link_setting() {
    let files = [("content/eap.md", "---\ntitle: EAP\nredirect_to: /benefits/#eap\n---\nSee HR.\n")];
    let site = moving("redirect-to-gone", &files);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[broken-link]: `redirect_to: /benefits/#eap` leads nowhere: no page at `/benefits/` in the site\n --> content/eap.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert!(page_main(&site, "eap/").contains("See HR."));
    Site::with_files("redirect-to-gone-strict", &files).build(&[]).expect_code(1);
}

// --- Content at the URL of what opsbook makes up --------------------------------------

/// Jekyll and Eleventy publish a folder's `index.html`, and their own `404.html` and
/// `robots.txt`: content there wins over the page or file opsbook would make, and a
/// `README.md` beside an `index.html` is a page of its own.
#[test]
fn content_at_a_made_up_pages_url_wins() {
    let site = Site::with_files(
        "content-wins",
        &[
            ("content/ar/index.html", "<p>Arabic index</p>\n"),
            ("content/ar/README.md", "# About the translation\n"),
            ("content/ar/guide.md", "# Guide\n"),
            ("content/404.md", "---\ntitle: Lost\npermalink: /404.html\n---\nNot here.\n"),
            ("content/robots.txt", "User-agent: *\nDisallow: /private/\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/ar/index.html` is published at /ar/index.html: it is the page of the folder /ar/, for which opsbook makes none"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/robots.txt` is published at /robots.txt: opsbook does not write its own"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/404.md` is published at /404.html: opsbook does not write its own"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/ar/index.html"), "<p>Arabic index</p>\n");
    assert!(site.read("public/ar/readme/index.html").contains("About the translation"));
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nDisallow: /private/\n");
    assert!(site.read("public/404.html").contains("Not here."));
}
