//! The old tools' own rules for where includes are found, what redirect keys
//! do, and what a build tolerates while a handbook moves (`[check] links = "warn"`, as
//! the migration guide says), each proven on a fixture of the rule, built by the real
//! binary. Every warning and note has its text checked here.

use crate::util;

use util::{Site, main_of};

mod pages;
mod redirects;

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
                "---\n---\n# C\n\n{% assign up = \"../_config\" %}Before {% include_relative {{ up }}.yml %} after.\n",
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
    assert!(run.stderr.contains(" --> content/c.md:5:"), "{}", run.stderr);

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
    // Jekyll makes a page (Liquid run) only of a file with front matter.
    site.write(
        "content/d.md",
        "---\n---\n# D\n\n{% for n in (1..1500) %}{% include {{ 'outer.html' }} %}{% endfor %}\n",
    );
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
                "---\n---\n# A\n\n{% assign f = 'fails.html' %}{% include {{ f }} %}\n\n{% include {{ 'open.html' }} %}\n",
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
    assert!(run.stderr.contains("); it is shown as a placeholder\n --> content/a.md:5:30\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: the Liquid of `_includes/open.html` cannot be read (Unclosed block. \
             {% endif %} tag expected.); it is included as written\n --> content/a.md:7:1\n"
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
