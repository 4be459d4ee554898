//! A Jekyll handbook's Liquid reads its lists of pages (`site.articles`, `site.pages`,
//! `site.posts`), its `_data/` moved into the content folder, and `{% link %}` in a
//! `{% capture %}` written as the URL of the page it names.

use crate::util;

use util::{Server, Site, save};

/// A handbook moved as the guide says: pages, `_articles/`, `_posts/`, `_includes/` and
/// `_data/` in `content/`, `_config.yml` beside `book.toml`.
fn site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "title: Jay\ncollections:\n  articles:\n    output: true\n"),
            ("_data/teams.yml", "- name: Old\n"),
            ("content/_data/teams.yml", "- name: Ops\n- name: Dev\n"),
            ("content/_data/extra.yml", "word: moved\n"),
            ("content/_articles/onboarding.md", "---\ntitle: Onboarding\ncategory: Team\n---\nWelcome.\n"),
            ("content/_articles/deploys.md", "---\ntitle: Deploys\ncategory: Eng\n---\nShip it.\n"),
            ("content/_articles/alerts.md", "---\ncategory: Eng\n---\nPage.\n"),
            ("content/_posts/2026-01-02-outage.md", "---\ntitle: Outage\n---\nDown.\n"),
            (
                "content/_includes/list.md",
                "{% for a in include.articles %}{% if a.category == include.category %}- [{{ a.title }}]({{ a.url }})\n{% endif %}{% endfor %}",
            ),
            (
                "content/index.md",
                "---\ntitle: Home\n---\n{% assign categories = site.articles | map: \"category\" | uniq | sort %}\
                 {% for c in categories %}\n### {{ c }}\n\n{% include list.md category=c articles=site.articles %}\n{% endfor %}\n\
                 Teams: {% for t in site.data.teams %}{{ t.name }};{% endfor %} {{ site.data.extra.word }}. Posts: {% for p in site.posts %}{{ p.title }} {{ p.url }}{% endfor %}.\n\n\
                 Pages: {{ site.pages | size }}.\n",
            ),
            (
                "content/links.md",
                "---\ntitle: Links\n---\n{% capture note %}See [deploys]({% link _articles/deploys.md %}).{% endcapture %}\
                 {% capture url %}{% link _articles/onboarding.md %}{% endcapture %}\n\n{{ note }}\n\n<a href=\"{{ url }}\">start</a> at {{ url }}; \
                 [the outage]({% post_url 2026-01-02-outage %}); [gone]({% link _articles/gone.md %}).\n",
            ),
        ],
    )
}

#[test]
fn a_page_lists_the_documents_of_a_collection() {
    let site = site("jekyll-lists");
    let build = site.build(&[]);
    build.expect_code(0);
    let home = util::main_of(&site.read("public/index.html")).to_string();
    for expected in [
        "<h3 id=\"eng\">Eng",
        "<a href=\"/articles/alerts.html\">Alerts</a>",
        "<a href=\"/articles/deploys.html\">Deploys</a>",
        "<h3 id=\"team\">Team",
        "<a href=\"/articles/onboarding.html\">Onboarding</a>",
        "Teams: Ops;Dev; moved.",
        "Posts: Outage /2026/01/02/outage.html.",
        "Pages: 2.",
    ] {
        assert!(home.contains(expected), "{expected} in {home}");
    }
    assert!(
        build
            .stderr
            .contains("warning[duplicate-key]: `_data/` beside book.toml and `content/_data/` both hold `teams`"),
        "{}",
        build.stderr
    );
}

#[test]
fn a_link_in_a_capture_is_the_url_of_its_page() {
    let site = site("jekyll-link-capture");
    let build = site.build(&[]);
    build.expect_code(0);
    let page = util::main_of(&site.read("public/links.html")).to_string();
    assert!(page.contains("See <a href=\"/articles/deploys.html\">deploys</a>."), "{page}");
    assert!(page.contains("<a href=\"/articles/onboarding.html\">start</a> at /articles/onboarding.html;"), "{page}");
    assert!(page.contains("<a href=\"/2026/01/02/outage.html\">the outage</a>"), "{page}");
    assert!(
        build.stderr.contains(" --> content/links.md:"),
        "the missing page is reported at its tag: {}",
        build.stderr
    );
    assert!(build.stderr.contains("_articles/gone.md"), "{}", build.stderr);
}

/// A file that is no page loops over a collection as Jekyll's search indexes do
/// (`search.json`): every document (a title from its name, as Jekyll gives one) with
/// its `content`, the same in every build.
#[test]
fn a_file_s_loop_over_a_collection_writes_every_document() {
    let site = site("jekyll-lists-file");
    site.write(
        "content/search.json",
        "---\nlayout: null\n---\n[{% for a in site.articles %}{\"title\": {{ a.title | jsonify }}, \"url\": \"{{ site.baseurl }}{{ a.url }}\", \
         \"content\": {{ a.content | strip_html | jsonify }}}{% unless forloop.last %},{% endunless %}{% endfor %}]\n",
    );
    let mut written = Vec::new();
    for _ in 0..2 {
        site.build(&[]).expect_code(0);
        written.push(site.read("public/search.json"));
    }
    assert_eq!(
        written[0].trim_end(),
        "[{\"title\": \"Alerts\", \"url\": \"/articles/alerts.html\", \"content\": \"Page.\\n\"},\
         {\"title\": \"Deploys\", \"url\": \"/articles/deploys.html\", \"content\": \"Ship it.\\n\"},\
         {\"title\": \"Onboarding\", \"url\": \"/articles/onboarding.html\", \"content\": \"Welcome.\\n\"}]"
    );
    assert_eq!(written[0], written[1]);
}

/// A page reads the documents' `content` (a document without a body links elsewhere,
/// as a jobs page does) and the posts' `excerpt` (their first paragraph); `serve`
/// follows an edit of a post's body on the page that lists it.
#[test]
fn a_page_shows_the_documents_content_and_excerpts_and_serve_follows_them() {
    let site = site("jekyll-content");
    site.write("content/_articles/open.md", "---\ntitle: Open role\n---\n");
    site.write("content/_posts/2026-02-03-review.md", "---\ntitle: Review\n---\n\nThe *first* lesson.\n\nThe rest.\n");
    site.write(
        "content/jobs.md",
        "---\ntitle: Jobs\n---\n{% for a in site.articles %}{% capture body %}{{ a.content | strip }}{% endcapture %}\
         - [{{ a.title }}]({% if body == blank %}mailto:jobs@example.org{% else %}{{ a.url }}{% endif %})\n{% endfor %}\n\
         {% for p in site.posts %}{{ p.excerpt }}{% endfor %}\n",
    );
    site.build(&[]).expect_code(0);
    let jobs = util::main_of(&site.read("public/jobs.html")).to_string();
    for expected in [
        "<a href=\"/articles/deploys.html\">Deploys</a>",
        "<a href=\"mailto:jobs@example.org\">Open role</a>",
        "<p>The <em>first</em> lesson.</p>",
        "<p>Down.</p>",
    ] {
        assert!(jobs.contains(expected), "{expected} in {jobs}");
    }
    assert!(!jobs.contains("The rest."), "only the first paragraph: {jobs}");
    let server = Server::start(&site, &[]);
    assert!(server.get("/jobs.html").1.contains("The <em>first</em> lesson."));
    save(&site, "content/_posts/2026-02-03-review.md", "---\ntitle: Review\n---\n\nThe *second* lesson.\n");
    server.wait_for("the listing page", |s| s.get("/jobs.html").1.contains("The <em>second</em> lesson."));
}
