//! The old tools' own rules for where includes are found, what redirect keys
//! do, and what a build tolerates while a handbook moves (`[check] links = "warn"`, as
//! the migration guide says), each proven on a fixture of the rule, built by the real
//! binary. Every warning and note has its text checked here.

use crate::util;

use util::{Site, main_of};

/// A moving handbook: `[check] links = "warn"`, and the files given.
fn moving(name: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, files);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    site
}

fn page_main(site: &Site, page: &str) -> String {
    main_of(&site.read(&format!("public/{page}index.html"))).to_string()
}

// --- Includes -------------------------------------------------------------------------

/// Hugo sites keep shared snippets in `assets/` (read with `resources.Get`), read files
/// from the project's folder (`readFile`), or find a headless page of an `_includes/`
/// folder from the page upwards (the opentelemetry.io convention).
#[test]
fn finds_hugo_includes_in_assets_the_root_and_includes_folders_above_the_page() {
    let site = Site::with_files(
        "hugo-lookup",
        &[
            ("assets/includes/spin.md", "Take it for a **spin**.\n"),
            ("content/docs/_includes/note.md", "A note of the docs.\n"),
            ("NOTICE.md", "Notice from the root.\n"),
            (
                "content/docs/lang/go.md",
                "# Go\n\n{{% include \"includes/spin.md\" %}}\n\n{{% include note.md %}}\n\n{{< readfile file=\"NOTICE.md\" >}}\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = page_main(&site, "docs/lang/go/");
    assert!(main.contains("Take it for a <strong>spin</strong>."), "{main}");
    assert!(main.contains("A note of the docs.") && main.contains("Notice from the root."), "{main}");
    assert!(!site.exists("public/docs/_includes"), "an _includes folder is not published");
}

/// Hugo's build options (<https://gohugo.io/content-management/build-options/>): a
/// section whose `cascade` says `render: never` (a headless section of snippets) is not
/// published, its pages still included; a `headless` leaf bundle neither; a section that
/// renders itself (`build.render: always`) but cascades `never` publishes only its own
/// page; `list: never` keeps a page out of the navigation but publishes it. A link to a
/// page Hugo never renders is a broken link that says so.
#[test]
fn hugo_build_options_leave_headless_pages_unpublished() {
    let site = moving(
        "hugo-build-options",
        &[
            ("hugo.toml", "title = \"Docs\"\n"),
            ("content/_common/_index.md", "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n"),
            ("content/_common/limits.md", "---\n_comment: a snippet\n---\nEach node takes **eight** volumes.\n"),
            ("content/shared/index.md", "---\ntitle: Shared\nheadless: true\n---\nShared text.\n"),
            (
                "content/glossary/_index.md",
                "---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n  - build:\n      render: never\n---\nTerms.\n",
            ),
            ("content/glossary/quorum.md", "---\ntitle: Quorum\n---\nA majority.\n"),
            ("content/hidden.md", "---\ntitle: Hidden\nbuild:\n  list: never\n---\nStill here.\n"),
            (
                "content/volumes.md",
                "---\ntitle: Volumes\n---\n{{% include \"/_common/limits.md\" %}}\n\nSee the [glossary](glossary/) and [quorum](glossary/quorum.md).\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = page_main(&site, "volumes/");
    assert!(main.contains("Each node takes <strong>eight</strong> volumes."), "{main}");
    for gone in ["public/_common", "public/shared/index.html", "public/glossary/quorum"] {
        assert!(!site.exists(gone), "{gone} is never rendered");
    }
    assert!(site.exists("public/glossary/index.html") && site.exists("public/hidden/index.html"));
    let volumes = site.read("public/volumes/index.html");
    let navigation = util::between(&volumes, "<nav id=\"site-nav\"", "</nav>");
    assert!(navigation.contains("/glossary/") && !navigation.contains("/hidden/"), "{navigation}");
    assert!(!volumes.contains("/_common/") && !volumes.contains("/shared/"), "{volumes}");
    assert!(!site.read("public/handbook.json").contains("_common"), "not in handbook.json");
    assert!(
        run.stderr.contains(
            "`content/glossary/quorum.md` is never rendered (Hugo's `build.render` or `headless`, its own or its \
             section's `cascade`): the link leads to no page, as in Hugo"
        ),
        "{}",
        run.stderr
    );
}

/// Hugo's build options are Hugo's: in a handbook of another tool (here a plain one) a
/// page with `headless: true` or `build: {render: never}` is published as any other.
#[test]
fn build_options_outside_hugo_leave_pages_published() {
    let site = moving(
        "plain-build-options",
        &[
            ("content/shared.md", "---\ntitle: Shared\nheadless: true\n---\nShared.\n"),
            ("content/notes/_index.md", "---\ntitle: Notes\ncascade:\n  build:\n    render: never\n---\nNotes.\n"),
            ("content/notes/one.md", "---\ntitle: One\nbuild:\n  render: never\n---\nOne.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    for page in ["public/shared/index.html", "public/notes/index.html", "public/notes/one/index.html"] {
        assert!(site.exists(page), "{page}");
    }
}

/// A file of a fixture: its path and its text.
type Config = (&'static str, &'static str);

/// Definition lists where the old tool's Markdown read them, from its configuration
/// beside book.toml: Hugo (Goldmark's default; term ids with `autoDefinitionTermID`, in
/// `hugo.toml` or `config/_default/markup.toml`, and a link to one holds), Jekyll
/// (kramdown, its default `markdown:`), MkDocs with `def_list`; a paragraph on a plain
/// handbook, in MkDocs without the extension and in Jekyll with another converter.
#[test]
fn definition_lists_follow_the_old_tools_markdown() {
    const PAGE: &str = "---\ntitle: Terms\n---\nSee [the quorum](#quorum).\n\nQuorum\n: A majority of the members.\n";
    // Each case: its name, the old tool's configuration, what the page's HTML shows.
    let cases: [(&str, &[Config], &str); 7] = [
        ("hugo-ids", &[("hugo.toml", "[markup.goldmark.parser]\nautoDefinitionTermID = true\n")], "<dt id=\"quorum\">"),
        (
            "hugo-markup-file",
            &[("config/_default/markup.toml", "[goldmark.parser]\nautoDefinitionTermID = true\n")],
            "<dt id=\"quorum\">",
        ),
        ("hugo-default", &[("hugo.toml", "title = \"T\"\n")], "<dt>Quorum</dt>"),
        ("jekyll", &[("_config.yml", "title: T\n")], "<dt>Quorum</dt>"),
        (
            "mkdocs",
            &[("mkdocs.yml", "site_name: T\ndocs_dir: content\nmarkdown_extensions:\n  - def_list\n")],
            "<dt>Quorum</dt>",
        ),
        ("mkdocs-without", &[("mkdocs.yml", "site_name: T\ndocs_dir: content\n")], "<p>Quorum\n: A majority"),
        ("jekyll-commonmark", &[("_config.yml", "markdown: CommonMarkGhPages\n")], "<p>Quorum\n: A majority"),
    ];
    for (name, files, expected) in cases {
        let mut all = files.to_vec();
        all.push(("content/terms.md", PAGE));
        let site = moving(&format!("definition-lists-{name}"), &all);
        let run = site.build(&[]);
        run.expect_code(0);
        let html = site
            .read(&format!("public/{}", if name.starts_with("jekyll") { "terms.html" } else { "terms/index.html" }));
        assert!(main_of(&html).contains(expected), "{name}: {}", main_of(&html));
        let anchored = expected.contains("id=");
        assert_eq!(!run.stderr.contains("broken-anchor"), anchored, "{name}: {}", run.stderr);
    }
}

/// A missing include stops a handbook's build (links are errors by default), and is a
/// warning with a visible placeholder while it moves; so is an mdBook include that leads
/// out of the handbook, which is still never read.
#[test]
fn a_missing_include_is_a_warning_and_a_placeholder_while_moving() {
    let files = [(
        "content/a.md",
        "# A\n\nBefore {{% include \"gone.md\" %}} after.\n\n```\n{{#include ../../outside.rs}}\n```\n",
    )];
    let strict = Site::with_files("include-missing-strict", &files);
    let run = strict.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[include]: no file `gone.md` to include (looked for "), "{}", run.stderr);

    let site = moving("include-missing-warn", &files);
    site.write("outside.rs", "fn secret() {}\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[include]: no file `gone.md` to include (looked for `content/gone.md`, `content/_includes/gone.md`, \
             `gone.md`, `assets/gone.md`)\n --> content/a.md:3:8\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("= help: the page shows a placeholder in its place"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[include]: cannot include `../../outside.rs`: the path leads outside the handbook's folder\n --> content/a.md:6:1"
        ),
        "{}",
        run.stderr
    );
    let main = page_main(&site, "a/");
    assert!(
        main.contains(
            "Before <span class=\"unsupported missing-include\">missing include: <code>gone.md</code></span> after."
        ),
        "{main}"
    );
    assert!(main.contains("missing include: ../../outside.rs") && !main.contains("secret"), "{main}");
}

/// jekyll/jekyll `docs/_docs/includes.md`: Liquid reads no tag between `{% raw %}` and
/// `{% endraw %}`, so the include it documents is shown, not looked up.
#[test]
fn a_liquid_include_inside_raw_is_text() {
    let site = Site::with_files(
        "include-raw",
        &[(
            "content/a.md",
            "# A\n\nUse `{% raw %}{% include user.html %}{% endraw %}`.\n\n{% raw %}\n```liquid\n{% include note.html content=\"x\" %}\n```\n{% endraw %}\n",
        )],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("include"), "{}", run.stderr);
    let main = page_main(&site, "a/");
    // The include is text, not looked up (how a code span shows the `raw` tags around
    // it is the Liquid dialect's matter).
    assert!(main.contains("{% include user.html %}"), "{main}");
    assert!(main.contains("{% include note.html content=&quot;x&quot; %}"), "{main}");
}

/// Jekyll's `includes_dir` and a vendored theme gem's `_includes/`, in Jekyll's order;
/// MkDocs snippets from the `base_path` of `pymdownx.snippets`.
#[test]
fn reads_the_include_folders_the_old_configuration_names() {
    let site = Site::with_files(
        "include-roots",
        &[
            ("_config.yml", "title: Old site\nincludes_dir: partials\ntheme: minima\n"),
            ("partials/cta.html", "From the site's partials."),
            ("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes/footer.html", "From the theme gem."),
            (
                "mkdocs.yml",
                "site_name: X\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n",
            ),
            ("snippets/abbr.md", "From the snippets folder.\n"),
            ("content/a.md", "# A\n\n{% include cta.html %} {% include footer.html %}\n\n--8<-- \"abbr.md\"\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = page_main(&site, "a/");
    assert!(main.contains("From the site's partials. From the theme gem."), "{main}");
    assert!(main.contains("From the snippets folder."), "{main}");
}

/// Jekyll renders an include's name when its tag runs, in the tag's scope ("variables in
/// include file names"): an `assign` before it, a `for` loop around it, an `if` that
/// skips it, the page's front matter decide which file is read; the file's Liquid runs in
/// the same scope, with its parameters as `include`. A name Jekyll refuses (`..`) or a
/// file that is not there is a missing include, found where the tag is.
#[test]
fn an_include_named_by_a_variable_reads_the_file_the_name_has_where_the_tag_runs() {
    let guidance = "{% assign dir = page.guidance_dir | default: \"guidance\" %}\n\
                    {% if page.about %}{%- include_relative {{dir}}/about.md -%}{% endif %}\n\n\
                    {% for item in page.extra %}{% include_relative {{ item.path }} %}\n\n{% endfor %}\
                    {% include {{ page.card }} level=\"h3\" %}\n";
    let site = moving(
        "include-variable-names",
        &[
            ("_config.yml", "title: Old site\n"),
            ("_includes/guidance.html", guidance),
            (
                "_includes/card.html",
                "<p class=\"card\">{{ include.level }} card of {{ page.title }} from {{ dir }}</p>",
            ),
            (
                "content/parts/a/index.md",
                "---\ntitle: Part A\nabout: true\nguidance_dir: words\ncard: card.html\nextra:\n  - path: notes/one.md\n  - path: notes/two.md\n---\n\n{% include guidance.html %}\n",
            ),
            ("content/parts/a/words/about.md", "About **{{ page.title }}**."),
            ("content/parts/a/notes/one.md", "First note."),
            ("content/parts/a/notes/two.md", "{% assign n = 2 %}Note {{ n }} of {{ page.title }}, [gone](gone.md)."),
            ("content/parts/b/index.md", "---\ntitle: Part B\ncard: gone.html\n---\n\n{% include guidance.html %}\n"),
            (
                "content/c.md",
                "# C\n\n{% assign up = \"../_config\" %}Before {% include_relative {{ up }}.yml %} after.\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let a = page_main(&site, "parts/a/");
    assert!(a.contains("<p>About <strong>Part A</strong>.</p>"), "the assigned folder, the page's Liquid: {a}");
    assert!(a.contains("<p>First note.</p>") && a.contains("<p>Note 2 of Part A, <a"), "each loop item: {a}");
    assert!(a.contains("<p class=\"card\">h3 card of Part A from words</p>"), "parameters and scope: {a}");
    assert!(!a.contains("unsupported") && !a.contains("missing include"), "{a}");
    let b = page_main(&site, "parts/b/");
    assert!(!b.contains("<p>About"), "an `if` that is false reads nothing: {b}");
    assert!(b.contains("missing include: <code>gone.html</code>"), "{b}");
    assert!(
        run.stderr.contains(
            "warning[include]: no file `gone.html` to include (looked for `content/_includes/gone.html`, \
             `_includes/gone.html`) (included from content/parts/b/index.md:6)\n --> _includes/guidance.html:6:13"
        ),
        "{}",
        run.stderr
    );
    let c = main_of(&site.read("public/c.html")).to_string();
    assert!(c.contains("Before <span class=\"unsupported missing-include\">missing include: <code>../_config.yml</code></span> after."), "{c}");
    assert!(!c.contains("Old site"), "{c}");
    assert!(run.stderr.contains("warning[include]: cannot include `../_config.yml` (the name `{{ up }}.yml` where the tag is): Jekyll includes no file"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/c.md:3:"), "{}", run.stderr);

    // What is wrong in an included file is found at the tag that included it.
    assert!(
        run.stderr.contains(
            "warning[broken-link]: no page `content/parts/a/gone.md` (included from content/parts/a/index.md:11)\n \
             --> _includes/guidance.html:4:29"
        ),
        "{}",
        run.stderr
    );
    // Runs are counted a pass at a time: 1,500 runs of a file that includes another by
    // a variable are 3,000 in the last pass, under the bound of 4,096.
    site.write("_includes/outer.html", "{% include {{ 'inner.html' }} %}");
    site.write("_includes/inner.html", "i");
    site.write("content/d.md", "# D\n\n{% for n in (1..1500) %}{% include {{ 'outer.html' }} %}{% endfor %}\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("includes run more than"), "{}", run.stderr);
    assert!(site.read("public/d.html").contains(&"i".repeat(1500)));

    // The files read are the page's: a change to one rebuilds it.
    site.write("content/parts/a/words/about.md", "About **{{ page.title }}**, again.");
    site.build(&[]).expect_code(0);
    assert!(page_main(&site, "parts/a/").contains("<p>About <strong>Part A</strong>, again.</p>"));
}

/// What fails in a file an include names by a variable is said at the tag: a tag of it
/// that fails (shown as written, the rest of the file rendered), and a file whose Liquid
/// cannot be read at all (included as written).
#[test]
fn what_fails_in_a_file_included_by_a_variable_is_said_at_the_tag() {
    let site = moving(
        "include-variable-failures",
        &[
            ("_config.yml", "title: Old site\n"),
            ("_includes/fails.html", "Before {{ 1 | divided_by: 0 }} after."),
            ("_includes/open.html", "Open {% if page.x %} never closed."),
            (
                "content/a.md",
                "# A\n\n{% assign f = 'fails.html' %}{% include {{ f }} %}\n\n{% include {{ 'open.html' }} %}\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: `{{ 1 | divided_by: 0 }}` in `_includes/fails.html` cannot be evaluated \
             (divided by 0"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("); it is shown as a placeholder\n --> content/a.md:3:30\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: the Liquid of `_includes/open.html` cannot be read (Unclosed block. \
             {% endif %} tag expected.); it is included as written\n --> content/a.md:5:1\n"
        ),
        "{}",
        run.stderr
    );
    let main = main_of(&site.read("public/a.html")).to_string();
    assert!(main.contains("Before ") && main.contains(" after."), "{main}");
    assert!(main.contains("Open ") && main.contains(" never closed."), "{main}");
}

/// Docusaurus renders a Markdown file imported into a page where the page names it:
/// `@site/` is the site's folder, where `book.toml` stands beside `docusaurus.config.js`.
#[test]
fn writes_imported_docusaurus_partials_in_place() {
    let site = moving(
        "include-docusaurus",
        &[
            ("partials/_escalate.md", "Page the **owner**.\n"),
            (
                "content/a.mdx",
                "# A\n\nimport Escalate from '@site/partials/_escalate.md';\nimport Gone from './_gone.md';\n\n<Escalate />\n\n<Gone />\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[include]: no file `./_gone.md` to include (looked for `content/_gone.md`)\n --> content/a.mdx:8:1"
        ),
        "{}",
        run.stderr
    );
    let main = page_main(&site, "a/");
    assert!(main.contains("<p>Page the <strong>owner</strong>.</p>") && !main.contains("import"), "{main}");
}

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

// --- Templates ------------------------------------------------------------------------

/// MkDocs Material's `template: home.html` names the old theme's template: while moving,
/// a note and opsbook's template; `redirect.html` is never a page's template.
#[test]
fn a_template_of_the_old_tool_is_a_note_while_moving() {
    let files = [
        ("content/index.md", "---\ntemplate: home.html\n---\n# Home\n"),
        ("content/insiders.md", "---\ntemplate: redirect.html\n---\n# Insiders\n"),
    ];
    let site = moving("template-old", &files);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[template]: no template `home.html` in the theme or in templates/\n --> content/index.md:2:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[template]: `redirect.html` is the template of what opsbook renders besides pages, not a page's\n --> content/insiders.md:2:1"
        ),
        "{}",
        run.stderr
    );
    assert!(page_main(&site, "insiders/").contains("Insiders"));
    let strict = Site::with_files("template-old-strict", &files);
    let run = strict.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[template]: `redirect.html` is the template of what opsbook renders besides pages")
    );
}

/// A Go server's `templates/` beside its Markdown: not opsbook's, left out with a note,
/// the theme's templates used; a broken Tera template stays an error.
#[test]
fn templates_of_another_language_are_left_out() {
    let site = Site::with_files(
        "templates-go",
        &[
            ("content/a.md", "# A\n"),
            ("templates/404.html", "{{define \"title\"}}404{{end}}\n{{define \"body\"}}<p>Lost</p>{{end}}\n"),
            ("templates/layout.html", "<title>{{ .Title }}</title>\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[template]: templates/ holds 2 template(s) of another template language, which opsbook leaves out: 404.html, layout.html"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.read("public/404.html").contains("define"));
    site.write("templates/page.html", "{% block x %}{{ page.title }\n");
    site.build(&[]).expect_code(1);
}

// --- Front matter and files the old tools tolerated --------------------------------------

/// Middleman orders by `weight: 40.5`, Docusaurus by `sidebar_position: 2.5`.
#[test]
fn a_fractional_weight_orders_pages() {
    let site = Site::with_files(
        "weight-fraction",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: Alpha\nweight: 41\n---\n"),
            ("content/b.md", "---\ntitle: Beta\nweight: 40.5\n---\n"),
            ("content/c.md", "---\ntitle: Gamma\nweight: 40\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/index.html");
    let nav = util::between(&html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>");
    let at = |title: &str| nav.find(title).unwrap_or_else(|| panic!("{title} in {nav}"));
    assert!(at("Gamma") < at("Beta") && at("Beta") < at("Alpha"), "{nav}");
}

/// GitHub still shows a page whose front matter is not YAML, and a file saved in
/// Windows-1252: while moving they are warnings and the page is built; front matter that
/// may hide the page stays an error.
#[test]
fn unreadable_front_matter_and_other_encodings_are_warnings_while_moving() {
    let site = moving(
        "tolerated-files",
        &[
            ("content/skill.md", "---\nname: skill\ndescription: Use it. Trigger: \"add\".\n---\n\n## Tracing\n"),
            ("content/hidden.md", "---\nvisibility: internal\ndescription: a: b\n---\nSecret.\n"),
        ],
    );
    site.write("content/notes.md", b"# Notes\n\nCode vs. talk \x93quoted\x94 \xa6\n".as_slice());
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("warning[front-matter-syntax]: invalid YAML front matter: mapping values are not allowed in this context\n --> content/skill.md:3:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[front-matter-syntax]: invalid YAML front matter"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/hidden.md:3:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[invalid-utf8]: the file is not valid UTF-8 (byte 23); save it as UTF-8\n --> content/notes.md:3:15"
        ),
        "{}",
        run.stderr
    );
    site.write("content/hidden.md", "---\nvisibility: internal\n---\nSecret.\n");
    site.build(&[]).expect_code(0);
    assert!(page_main(&site, "notes/").contains("Code vs. talk \u{201c}quoted\u{201d} ¦"));
    assert!(page_main(&site, "skill/").contains("Tracing"));
    let strict = Site::with_files("tolerated-files-strict", &[]);
    strict.write("content/notes.md", b"# Notes \xa6\n".as_slice());
    strict.build(&[]).expect_code(1);
}

/// GitBook and mdBook publish only the files their `SUMMARY.md` lists: an entry naming a
/// missing file is a warning while moving, and of two files with one URL the one it does
/// not list gives way.
#[test]
fn a_summary_decides_between_files_and_tolerates_missing_entries() {
    let site = moving(
        "summary-rules",
        &[
            ("content/SUMMARY.md", "# Summary\n\n* [Money](money/README.md)\n* [Gone](gone.md)\n"),
            ("content/money/README.md", "# Spending money\n"),
            ("content/money.md", "# Old money page\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[nav-file]: content/SUMMARY.md lists `gone.md`, which is no page under content/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/money.md` has the URL of `content/money/README.md`, and content/SUMMARY.md does not list it: it is left out"
        ),
        "{}",
        run.stderr
    );
    assert!(page_main(&site, "money/").contains("Spending money"));
}

/// In Jekyll a `permalink` is the page's URL and `slug` only fills a permalink pattern:
/// pages that share a `slug` under permalinks opsbook cannot follow do not clash.
#[test]
fn a_slug_beside_a_permalink_does_not_name_the_page() {
    let site = Site::with_files(
        "slug-permalink",
        &[
            ("content/_next/01-a.md", "---\ntitle: A\npermalink: /next/a/\nslug: opportunity\n---\n"),
            ("content/_next/02-b.md", "---\ntitle: B\npermalink: /next/b/\nslug: opportunity\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("duplicate-url"), "{}", run.stderr);
    assert!(
        site.exists("public/next/a/index.html") && site.exists("public/next/b/index.html"),
        "{:?}",
        site.files_under("public")
    );
}

// --- Hugo's module mounts ------------------------------------------------------------

/// Hugo's module mounts of content folders (<https://gohugo.io/configuration/module/#mounts>,
/// the mounts of `hugoDocs`'s own `hugo.toml`): `content/en` mounted at `content` is the
/// content folder, published at the root; a folder mounted at `content/<folder>` is
/// published there; the mount of another language is left out.
#[test]
fn hugo_module_mounts_publish_content_folders_where_hugo_did() {
    let site = Site::with_files(
        "hugo-mounts",
        &[
            (
                "hugo.toml",
                "title = \"Docs\"\n[module]\n[[module.mounts]]\nsource = \"assets\"\ntarget = \"assets\"\n\
                 [[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = ['en']\n\
                 [[module.mounts]]\nsource = 'content/sv'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = ['sv']\n\
                 [[module.mounts]]\nsource = 'shared/runbooks/'\ntarget = 'content/runbooks'\n",
            ),
            ("content/en/_index.md", "# Home\n\nSee [the database runbook](runbooks/db.md).\n"),
            ("content/en/install.md", "# Install\n"),
            ("content/sv/install.md", "# Installera\n"),
            ("shared/runbooks/db.md", "# Database\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/install/index.html"), "content/en is the content folder: {}", run.stderr);
    assert!(site.exists("public/runbooks/db/index.html"), "shared/runbooks is mounted at runbooks/");
    assert!(!site.exists("public/en/install/index.html") && !site.exists("public/sv/install/index.html"));
    assert!(main_of(&site.read("public/index.html")).contains("href=\"/runbooks/db/\""), "{}", run.stderr);
    // A handbook that names its content folder keeps it.
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\ncontent-dir = \"content/sv\"\n");
    site.build(&["--force"]).expect_code(0);
    assert!(main_of(&site.read("public/install/index.html")).contains("Installera"));
}

// --- Menus ----------------------------------------------------------------------------

/// A Hugo handbook's `main` menu (Docsy's top bar) is the menu across the top of every
/// page: the configuration's entries (`config/_default/menus.toml`) and the pages'
/// (`menu:` in front matter), nested by `parent`, ordered by weight then name, named by
/// `name`, else `linkTitle`, else title; a `pageRef` links to its page, a `url` from the
/// root gets the base path (one to no page is text, so the build does not fail on a
/// link the theme wrote). A `menu` that is no menu is a warning at its place.
#[test]
fn hugo_main_menu_is_the_menu_across_the_top() {
    let site = Site::with_files(
        "hugo-main-menu",
        &[
            ("hugo.toml", "title = 'Docs'\n"),
            (
                "config/_default/menus.toml",
                "[[main]]\nname = 'Community'\nurl = '/community/'\nweight = 40\n\
                 [[main]]\npageRef = '/docs/setup'\nweight = 10\n\
                 [[main]]\nname = 'GitHub'\nurl = 'https://github.com/example/docs'\nweight = 50\n\
                 [[main]]\nname = 'Gone'\nurl = '/gone/'\nweight = 60\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/community.md", "# Community\n"),
            (
                "content/docs/_index.md",
                "---\ntitle: Documentation\nlinkTitle: Docs\nmenu: {main: {weight: 20}}\n---\n# Docs\n",
            ),
            ("content/docs/setup.md", "---\ntitle: Setting up\n---\n# Setting up\n"),
            ("content/blog/_index.md", "---\ntitle: Blog\nmenu: main\n---\n# Blog\n"),
            ("content/blog/news.md", "---\ntitle: News\nmenu:\n  main:\n    parent: Blog\n---\n# News\n"),
            ("content/odd.md", "---\ntitle: Odd\nmenu: 7\n---\n# Odd\n"),
        ],
    );
    let run = site.build(&["--base-url", "https://example.org/handbook/"]);
    run.expect_code(0);
    let page = site.read("public/docs/index.html");
    let menu = page.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).expect("a menu");
    let links: Vec<&str> = menu.split("<li>").skip(1).collect();
    let expected = [
        "<a href=\"/handbook/docs/setup/\">Setting up</a>",
        "<a href=\"/handbook/docs/\" title=\"Documentation\" aria-current=\"page\">Docs</a>",
        "<a href=\"/handbook/community/\">Community</a>",
        "<a href=\"https://github.com/example/docs\">GitHub</a>",
        "<span>Gone</span>",
        "<a href=\"/handbook/blog/\">Blog</a>",
    ];
    assert_eq!(links.len(), expected.len(), "{menu}");
    for (link, expected) in links.iter().zip(expected) {
        assert!(link.starts_with(expected), "{link} is not {expected}\n{menu}");
    }
    assert!(!menu.contains("News"), "the top bar shows the top level: {menu}");
    assert!(site.read("public/blog/news/index.html").contains("<nav class=\"site-menu\""));
    let warning = "front matter field `menu` is not read: `menu` is a menu's name, a list of names or a map of menus to entries; the page is in no menu\n --> content/odd.md:3:1";
    assert!(run.stderr.contains(warning), "{}", run.stderr);
}

/// Without a menu in its configuration or pages, a handbook's pages have no menu bar.
#[test]
fn a_handbook_without_a_menu_has_no_menu_bar() {
    let site =
        Site::with_files("no-main-menu", &[("hugo.toml", "title = 'Docs'\n"), ("content/_index.md", "# Home\n")]);
    site.build(&[]).expect_code(0);
    assert!(!site.read("public/index.html").contains("site-menu"));
}
