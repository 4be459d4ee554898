//! Parts 1-3: blogs, authors, minutes and other dated pages, built by the
//! binary on fixture handbooks.

use crate::util;

use util::{Site, main_of};

/// A handbook with a blog (`blog/_posts/`), a people file and minutes named by dates.
fn handbook(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.com/\"\n"),
            ("content/_index.md", "# Home\n\nThe handbook.\n"),
            ("content/blog/_index.md", "---\ntitle: Blog\n---\n\nNews of the team.\n"),
            (
                "content/blog/_posts/2023-06-12-first-release.md",
                "---\ntitle: First release\nauthor: ann\nimage: /blog/card.png\n---\n\nWe shipped the first release.\n\nMore words.\n",
            ),
            (
                "content/blog/_posts/2024-01-05-second.md",
                "---\nauthors: [ann, Bob Builder]\n---\n\n# The second post\n\nIt came later.\n",
            ),
            ("content/blog/card.png", "png"),
            (
                "_data/authors.yml",
                "ann:\n  name: Ann Example\n  avatar: https://avatars.example.com/ann.png\n  github: ann\n",
            ),
            ("content/minutes/20230612.md", "## 2023-06-12\n\nPresent: everyone.\n"),
            ("content/minutes/2023-07-03-retro.md", "Notes of the retro.\n"),
            ("content/minutes/2022-12-01.md", "---\ntitle: Kick-off\n---\n\nThe start.\n"),
            ("content/minutes/20221103.md", "Notes first.\n\n# 2022-11-03\n\nThe heading below.\n"),
        ],
    )
}

#[test]
fn posts_get_jekyll_urls_dates_authors_and_a_newest_first_blog_page() {
    let site = handbook("blog-posts");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // `/:categories/:year/:month/:day/:title/`, the folders above `_posts` the categories.
    let post = site.read("public/blog/2023/06/12/first-release/index.html");
    let main = main_of(&post);
    assert!(main.contains(r#"<time datetime="2023-06-12">12 June 2023</time>"#), "{main}");
    assert!(main.contains(r#"href="/authors/ann/""#), "{main}");
    assert!(main.contains(r#"src="https://avatars.example.com/ann.png""#), "{main}");
    assert!(post.contains(r#"<meta property="og:image" content="https://ops.example.com/blog/card.png">"#), "{post}");
    assert!(!site.exists("public/blog/_posts/index.html"), "`_posts` is no section of its own");
    let second = site.read("public/blog/2024/01/05/second/index.html");
    assert!(second.contains("<title>The second post · Ops</title>"), "{second}");
    assert!(main_of(&second).contains(r#"href="/authors/bob-builder/">Bob Builder</a>"#));
    // The blog's page lists them newest first, with their excerpts.
    let blog = main_of(&site.read("public/blog/index.html")).to_string();
    let (newer, older) = (blog.find("The second post"), blog.find("First release"));
    assert!(newer.is_some() && newer < older, "{blog}");
    assert!(blog.contains("We shipped the first release."), "{blog}");
    // Authors' pages list their posts.
    let ann = main_of(&site.read("public/authors/ann/index.html")).to_string();
    assert!(ann.contains("Ann Example") && ann.contains("First release") && ann.contains("The second post"), "{ann}");
    assert!(ann.contains(r#"href="https://github.com/ann""#), "{ann}");
    assert!(site.read("public/authors/index.html").contains("Bob Builder"));
}

#[test]
fn a_long_blog_is_paginated() {
    let site = handbook("blog-pages");
    for day in 1..=23 {
        site.write(&format!("content/blog/_posts/2020-03-{day:02}-post-{day}.md"), format!("# Post {day}\n\nText.\n"));
    }
    site.build(&[]).expect_code(0);
    let first = site.read("public/blog/index.html");
    assert!(first.contains("Page 1 of 3") && first.contains(r#"href="/blog/page/2/""#), "{first}");
    let second = main_of(&site.read("public/blog/page/2/index.html")).to_string();
    assert!(second.contains("Page 2 of 3") && second.contains(r#"href="/blog/page/3/""#), "{second}");
    assert!(second.contains(r#"href="/blog/""#), "{second}");
    // 25 posts, 10 a page: the third page holds the five oldest.
    let third = site.read("public/blog/page/3/index.html");
    assert_eq!(third.matches("class=\"post-entry\"").count(), 5, "{third}");
    // Every page of the blog names its feed to feed readers and shows it to its reader;
    // the pages of older posts named none.
    let head = r#"<link rel="alternate" type="application/atom+xml" title="Blog" href="/blog/feed.xml">"#;
    let shown = r#"<p class="blog-feed"><a href="/blog/feed.xml" type="application/atom+xml">Subscribe to this blog (Atom feed)</a></p>"#;
    for page in [first, site.read("public/blog/page/2/index.html"), third] {
        assert!(page.contains(head) && main_of(&page).contains(shown), "{page}");
    }
}

#[test]
fn minutes_take_their_date_and_title_from_their_name_and_heading() {
    let site = handbook("blog-minutes");
    site.build(&[]).expect_code(0);
    let minutes = site.read("public/minutes/index.html");
    let main = main_of(&minutes);
    // Titled by the first heading, said as a reader says a date; by name after the date.
    let order: Vec<usize> =
        ["Retro", "12 June 2023", "Kick-off", "3 November 2022"].iter().map(|t| main.find(t).expect(t)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first: {main}");
    let page = site.read("public/minutes/20230612/index.html");
    assert!(page.contains("<title>12 June 2023 · Ops</title>"), "{page}");
    assert!(main_of(&page).contains(r#"<time datetime="2023-06-12">12 June 2023</time>"#));
}

#[test]
fn an_incident_review_named_by_a_date_shows_its_own_date_only() {
    let site = handbook("blog-rca");
    site.write(
        "content/rca/2023-05-01-outage.md",
        "---\ntitle: Outage\nkind: rca\nincident_date: 2023-04-30\n---\n\nThe resolvers failed.\n",
    );
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/rca/2023-05-01-outage/index.html")).to_string();
    assert!(!main.contains("post-byline"), "the review's panel dates it: {main}");
}

#[test]
fn a_long_dated_section_is_listed_by_year() {
    let site = handbook("blog-years");
    for month in 1..=12 {
        site.write(&format!("content/minutes/2021{month:02}15.md"), "Notes.\n");
    }
    // A template beside the minutes is listed last.
    site.write("content/minutes/template.md", "# Template\n\nCopy me.\n");
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/minutes/index.html")).to_string();
    let at = |id: &str| main.find(&format!(r#"<h2 id="{id}">"#));
    assert!(at("year-2023").is_some() && at("year-2023") < at("year-2021"), "{main}");
    assert!(at("year-2021") < at("year-other") && main.contains(">Other pages</h2>"), "{main}");
}

#[test]
fn a_post_without_a_date_and_a_missing_image_are_warnings_at_their_place() {
    let site = handbook("blog-warnings");
    site.write("content/blog/_posts/about.md", "# About\n\nNo date.\n");
    site.write("content/blog/_posts/2023-08-01-x.md", "---\ntitle: X\nimage: javascript:alert(1)\n---\n\nText.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[front-matter-field]: `content/blog/_posts/about.md` is a post, but its name does not start with a date (`YYYY-MM-DD-title.md`) and it has no `date`: it is published undated, after the dated posts\n --> content/blog/_posts/about.md:1:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[front-matter-field]: the image `javascript:alert(1)` is neither an https:// address nor a file of the site: it is not shown\n --> content/blog/_posts/2023-08-01-x.md:3:8"),
        "{}",
        run.stderr
    );
    let post = site.read("public/blog/2023/08/01/x/index.html");
    assert!(!post.contains("javascript:"), "{post}");
}

#[test]
fn a_jekyll_handbook_puts_posts_at_its_permalink_style() {
    let site = Site::with_files(
        "blog-jekyll",
        &[
            ("_config.yml", "permalink: /:categories/:year/:title:output_ext\npaginate: 2\n"),
            ("content/index.md", "# Home\n"),
            ("content/news/_posts/2021-02-03-hello.md", "---\ntitle: Hello\ncategories: [Release]\n---\n\nHi.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let post = site.read("public/news/release/2021/hello.html");
    assert!(main_of(&post).contains("3 February 2021"), "{post}");
}

#[test]
fn the_excerpt_ends_at_the_more_separator_and_each_blog_has_a_feed() {
    let site = handbook("blog-more");
    site.write(
        "content/blog/_posts/2024-02-01-third.md",
        "# Third\n\nFirst part.\n\nSecond part.\n\n<!--more-->\n\nNot in the excerpt.\n",
    );
    site.build(&[]).expect_code(0);
    let blog = main_of(&site.read("public/blog/index.html")).to_string();
    assert!(blog.contains(r#"<p class="post-excerpt">First part. Second part.</p>"#), "{blog}");
    assert!(!blog.contains("Not in the excerpt"), "{blog}");
    let feed = site.read("public/blog/feed.xml");
    assert!(feed.contains("<title>Blog · Ops</title>"), "{feed}");
    assert!(feed.contains("<link href=\"https://ops.example.com/blog/2024/02/01/third/\"/>"), "{feed}");
    assert!(feed.contains("<author><name>Ann Example</name></author>"), "{feed}");
    let newest = feed.find("/2024/02/01/third/").expect("the newest post");
    assert!(newest < feed.find("/2023/06/12/first-release/").expect("the oldest post"), "{feed}");
    assert!(site.read("public/blog/index.html").contains(r#"href="/blog/feed.xml""#));
}

#[test]
fn a_handbook_without_posts_has_no_authors_page() {
    let site = Site::with_files("blog-none", &[("content/_index.md", "# Home\n"), ("content/a.md", "# A\n")]);
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/authors/index.html"));
}

/// A byline of Markdown links, as Hugo blogs write `author` for the theme to render:
/// one author per link, named by its text, the link their website.
#[test]
fn a_byline_of_markdown_links_names_one_author_per_link() {
    let site = handbook("blog-byline");
    site.write(
        "content/blog/_posts/2024-02-01-joint.md",
        "---\ntitle: Joint\nauthor: >-\n  [Cy Dee](https://cy.example) (Org One), [Di Eff](https://github.com/di)\n  (Org Two)\n---\n\nTogether.\n",
    );
    site.build(&[]).expect_code(0);
    let post = main_of(&site.read("public/blog/2024/02/01/joint/index.html")).to_string();
    assert!(
        post.contains(r#"href="/authors/cy-dee/">Cy Dee</a>"#)
            && post.contains(r#"href="/authors/di-eff/">Di Eff</a>"#),
        "{post}"
    );
    let cy = site.read("public/authors/cy-dee/index.html");
    assert!(cy.contains(r#"href="https://cy.example""#) && cy.contains("Joint"), "{cy}");
}

#[test]
fn handbook_json_gives_posts_and_dated_pages_their_date_and_authors() {
    let site = handbook("blog-api");
    site.build(&[]).expect_code(0);
    let api: serde_json::Value = serde_json::from_str(&site.read("public/handbook.json")).expect("JSON");
    let pages = api["pages"].as_array().expect("pages");
    let page = |url: &str| pages.iter().find(|p| p["url"] == url).unwrap_or_else(|| panic!("{url}"));
    let second = page("/blog/2024/01/05/second/");
    assert_eq!(second["date"], "2024-01-05");
    assert_eq!(
        second["authors"],
        serde_json::json!([
            {"name": "Ann Example", "url": "/authors/ann/"},
            {"name": "Bob Builder", "url": "/authors/bob-builder/"}
        ])
    );
    // Minutes are dated by their names; they have no authors, and an undated page neither.
    let minutes = page("/minutes/20230612/");
    assert_eq!(minutes["date"], "2023-06-12");
    assert!(minutes.get("authors").is_none(), "{minutes}");
    let home = page("/");
    assert!(home.get("date").is_none() && home.get("authors").is_none(), "{home}");
}

#[test]
fn a_blog_table_sets_the_posts_urls_and_the_pages_of_older_posts() {
    let site = handbook("blog-table");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\n\n[blog]\npermalink = \"/news/:year/:title/\"\nper-page = 1\npaginate-path = \"older/:num/\"\n",
    );
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/news/2023/first-release/index.html"));
    let blog = site.read("public/blog/index.html");
    assert!(blog.contains("Page 1 of 2") && blog.contains(r#"href="/blog/older/2/""#), "{}", main_of(&blog));
    let older = site.read("public/blog/older/2/index.html");
    assert!(older.contains("<title>Posts, page 2 · Ops</title>") && older.contains("First release"), "{older}");
    assert!(!site.exists("public/blog/page/2/index.html"));
}

#[test]
fn a_jekyll_site_s_paginate_path_places_the_older_posts_of_its_blog() {
    let site = Site::with_files(
        "blog-jekyll-paginate",
        &[
            ("_config.yml", "paginate: 1\npaginate_path: \"/news/page:num\"\n"),
            ("content/index.md", "# Home\n"),
            ("content/news/_posts/2021-02-03-hello.md", "# Hello\n\nHi.\n"),
            ("content/news/_posts/2021-03-04-again.md", "# Again\n\nHi again.\n"),
            ("content/notes/_posts/2021-03-04-note.md", "# Note\n\nA note.\n"),
            ("content/notes/_posts/2021-03-05-more.md", "# More\n\nMore notes.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    // The blog whose folder the path names: `/news/page2/`, as jekyll-paginate writes it.
    assert!(site.read("public/news/page2/index.html").contains("Hello"));
    // Another blog keeps the default.
    assert!(site.read("public/notes/page/2/index.html").contains("Note"));
}

/// A Jekyll theme shows a post's `image` and its `avatar`s with jekyll-assets'
/// `{% asset %}`, so a bare name is a file of the plugin's source folders.
#[test]
fn a_jekyll_post_s_image_and_avatar_are_found_where_jekyll_assets_finds_them() {
    let site = Site::with_files(
        "blog-jekyll-assets",
        &[
            ("_config.yml", "title: Ops\nplugins: [jekyll-assets]\n"),
            ("content/index.md", "# Home\n"),
            ("content/_assets/images/blog/pile.jpg", "jpg"),
            ("content/_assets/images/team.png", "png"),
            (
                "content/news/_posts/2022-03-22-release.md",
                "---\ntitle: Release\nauthor: Ann\navatar: team.png\nimage: blog/pile.jpg\n---\n\nShipped.\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("front-matter-field"), "{}", run.stderr);
    let post = site.read("public/news/2022/03/22/release.html");
    assert!(post.contains(r#"<meta property="og:image" content="/_assets/images/blog/pile.jpg">"#), "{post}");
    assert!(main_of(&post).contains(r#"src="/_assets/images/team.png""#), "{}", main_of(&post));
}

/// Jekyll publishes the posts of a `_drafts` folder only with `--drafts`: so does opsbook
/// in a Jekyll handbook, as it does with `draft: true`.
#[test]
fn a_jekyll_drafts_folder_is_published_only_with_drafts() {
    let site = Site::with_files(
        "blog-jekyll-drafts",
        &[
            ("_config.yml", "title: Ops\n"),
            ("content/index.md", "# Home\n"),
            ("content/news/_posts/2022-03-22-release.md", "---\ntitle: Release\n---\n\nShipped.\n"),
            ("content/news/_drafts/next-release.md", "---\ntitle: Next release\n---\n\nNOT-YET-PUBLIC\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let published: Vec<String> = site.files_under("public");
    assert!(!published.iter().any(|f| f.contains("next-release")), "{published:?}");
    assert!(!site.read("public/news/index.html").contains("Next release"));
    for file in &published {
        let text = site.read_bytes(&format!("public/{file}"));
        assert!(!String::from_utf8_lossy(&text).contains("NOT-YET-PUBLIC"), "{file}");
    }
    site.build(&["--drafts"]).expect_code(0);
    assert!(site.files_under("public").iter().any(|f| f.contains("next-release")));
}

/// Jekyll builds a page or post whose front matter says `published: false` only with
/// `--unpublished`: opsbook leaves it out as a draft, and builds it with `--drafts`; a
/// handbook of no old tool keeps a page with such a key.
#[test]
fn a_jekyll_page_or_post_published_false_is_a_draft() {
    let files = [
        ("content/index.md", "# Home\n"),
        ("content/hidden.md", "---\ntitle: Hidden\npublished: false\n---\n\nNOT-YET-PUBLIC\n"),
        ("content/news/_posts/2022-03-22-release.md", "---\ntitle: Release\npublished: true\n---\n\nShipped.\n"),
        ("content/news/_posts/2022-03-23-next.md", "---\ntitle: Next\npublished: false\n---\n\nNOT-YET-PUBLIC\n"),
    ];
    let mut jekyll = files.to_vec();
    jekyll.push(("_config.yml", "title: Ops\n"));
    let site = Site::with_files("blog-jekyll-unpublished", &jekyll);
    site.build(&[]).expect_code(0);
    let published: Vec<String> = site.files_under("public");
    assert!(published.iter().any(|f| f.contains("release")), "{published:?}");
    assert!(!published.iter().any(|f| f.contains("hidden") || f.contains("next")), "{published:?}");
    for file in &published {
        let text = site.read_bytes(&format!("public/{file}"));
        assert!(!String::from_utf8_lossy(&text).contains("NOT-YET-PUBLIC"), "{file}");
    }
    site.build(&["--drafts"]).expect_code(0);
    let with_drafts = site.files_under("public");
    assert!(with_drafts.iter().any(|f| f.contains("hidden")) && with_drafts.iter().any(|f| f.contains("next")));
    let plain = Site::with_files("plain-published-false", &files[..2]);
    plain.build(&[]).expect_code(0);
    assert!(plain.files_under("public").iter().any(|f| f.contains("hidden")));
}

/// A post's `image` named beside its blog's folder (`card.png` next to
/// `_posts/`), as the guide says, warned "neither an https:// address nor a file of the
/// site"; and in a handbook of several languages the copy of an untranslated post under
/// `/de/` lost its `og:image` (an image beside the post, a Docusaurus post's
/// `./images/card.png`) and warned again at the original's line.
#[test]
fn a_post_s_image_is_read_beside_it_and_beside_its_blog_in_every_language() {
    let site = handbook("blog-image-beside");
    site.write("content/blog/_posts/2023-06-12-first-release.md", "---\ntitle: First\nimage: card.png\n---\nText.\n");
    site.write("content/blog/_posts/2023-06-13-second.md", "---\ntitle: Second\nimage: img/p.png\n---\nText.\n");
    site.write("content/blog/_posts/img/p.png", "png");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let first = site.read("public/blog/2023/06/12/first-release/index.html");
    assert!(first.contains(r#"<meta property="og:image" content="https://ops.example.com/blog/card.png">"#), "{first}");
    // Under a second language, the untranslated copies keep their images.
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.com/\"\nlanguages = [\"en\", \"de\"]\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let first = site.read("public/de/blog/2023/06/12/first-release/index.html");
    assert!(first.contains(r#"<meta property="og:image" content="https://ops.example.com/blog/card.png">"#), "{first}");
    let second = site.read("public/de/blog/2023/06/13/second/index.html");
    assert!(
        second.contains(r#"<meta property="og:image" content="https://ops.example.com/blog/_posts/img/p.png">"#),
        "{second}"
    );
    // A Docusaurus post's image in its own folder.
    let site = Site::with_files(
        "blog-image-docusaurus",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.com/\"\n\n[[sources]]\npath = \"news\"\nmount = \"news\"\n",
            ),
            (
                "docusaurus.config.js",
                "module.exports = {\n  i18n: { defaultLocale: 'en', locales: ['en', 'de'] },\n  presets: [['classic', { blog: { path: 'news' } }]],\n};\n",
            ),
            ("content/index.md", "Home.\n"),
            ("news/2024-02-01-outage/index.md", "---\ntitle: Outage\nimage: ./images/card.png\n---\nText.\n"),
            ("news/2024-02-01-outage/images/card.png", "png"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let de = site.read("public/de/news/2024/02/01/outage/index.html");
    assert!(
        de.contains(
            r#"<meta property="og:image" content="https://ops.example.com/news/2024-02-01-outage/images/card.png">"#
        ),
        "{de}"
    );
}

/// A `_posts` folder at the top of the content folder published its blog at
/// `/_posts/` (and `/_posts/feed.xml`, `/_posts/page/2/`). Jekyll lists a site's posts
/// at its root, jekyll-feed writes their feed at `/feed.xml` and jekyll-paginate their
/// older pages at `/page2/`: the home page is the blog, and no URL holds `_posts`.
#[test]
fn posts_at_the_top_of_the_content_are_the_home_page_s() {
    let site = Site::with_files(
        "blog-top-posts",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.com/\"\n"),
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        ],
    );
    for day in 1..=11 {
        site.write(&format!("content/_posts/2024-01-{day:02}-p{day}.md"), format!("# Post {day}\n\nText.\n"));
    }
    site.build(&[]).expect_code(0);
    let files = site.files_under("public");
    assert!(!files.iter().any(|f| f.contains("_posts")), "{files:?}");
    let home = main_of(&site.read("public/index.html")).to_string();
    assert!(home.contains("Welcome.") && home.contains(r#"href="/2024/01/11/p11/""#), "{home}");
    assert!(home.contains(r#"href="/page/2/""#), "{home}");
    assert!(main_of(&site.read("public/page/2/index.html")).contains(r#"href="/2024/01/01/p1/""#));
    let feed = site.read("public/feed.xml");
    assert!(feed.contains("<link href=\"https://ops.example.com/2024/01/11/p11/\"/>"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 11, "{feed}");
    // The feed is named once, as the site's.
    assert_eq!(site.read("public/index.html").matches("application/atom+xml").count(), 1);
    // A Jekyll site's `paginate_path` (jekyll-paginate's default `/page:num/`) is followed.
    site.write("_config.yml", "paginate: 10\npaginate_path: \"/page:num/\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/page2/index.html"), "{:?}", site.files_under("public"));
}

/// The posts of a section marked `blog: true` kept their folder's URLs
/// (`/news/2024-01-01-a/`), though they are posts: they take the posts' URLs, as those
/// of a `_posts` folder do (the folders above them their categories), and `[blog]
/// permalink` when it is set.
#[test]
fn the_posts_of_a_section_marked_a_blog_have_the_posts_urls() {
    let site = Site::with_files(
        "blog-marked-permalink",
        &[
            ("content/news/_index.md", "---\ntitle: News\nblog: true\n---\nNews.\n"),
            ("content/news/2024-01-01-a.md", "# A\n\nText.\n"),
            ("content/news/about.md", "# About\n\nNo date.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/news/2024/01/01/a/index.html"), "{:?}", site.files_under("public/news"));
    assert!(site.exists("public/news/index.html"));
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n\n[blog]\npermalink = \"/posts/:year/:title/\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/posts/2024/a/index.html"), "{:?}", site.files_under("public"));
    let news = main_of(&site.read("public/news/index.html")).to_string();
    assert!(news.contains(r#"href="/posts/2024/a/""#), "{news}");
}

/// A date written that is no day of the calendar. `_posts/2023-02-30-x.md`
/// warned that its name "does not start with a date", yet was published at
/// `/blog/2023/02/30/x/`; `date: 2023-02-30` got that warning at 1:1; minutes named
/// `20230231.md` got none. Jekyll stops with "Invalid date '2023-02-30'": each is a
/// warning naming the date, at the field or the file, and nothing is dated by it (an
/// undated post's URL has neither a date nor `_posts`).
#[test]
fn a_date_that_does_not_exist_is_a_warning_that_names_it() {
    let site = handbook("blog-impossible-dates");
    site.write("content/blog/_posts/2023-02-30-impossible.md", "Text.\n");
    site.write("content/blog/_posts/field.md", "---\ntitle: Field\ndate: 2023-02-30\n---\nText.\n");
    site.write("content/blog/_posts/2023-03-01-both.md", "---\ntitle: Both\ndate: 2023-02-29\n---\nText.\n");
    site.write("content/minutes/20230231.md", "Notes.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    for (message, place) in [
        (
            "invalid date `2023-02-30` in the name of `content/blog/_posts/2023-02-30-impossible.md`: not a day of the calendar: the post is published undated, after the dated posts",
            "content/blog/_posts/2023-02-30-impossible.md\n",
        ),
        (
            "invalid date `2023-02-30` in `date`: not a day of the calendar: the post is published undated, after the dated posts",
            "content/blog/_posts/field.md:3:7",
        ),
        (
            "invalid date `2023-02-29` in `date`: not a day of the calendar: the date of its name is used",
            "content/blog/_posts/2023-03-01-both.md:3:7",
        ),
        (
            "invalid date `20230231` in the name of `content/minutes/20230231.md`: not a day of the calendar: the page is not dated",
            "content/minutes/20230231.md\n",
        ),
    ] {
        let expected = format!("warning[front-matter-field]: {message}\n --> {place}");
        assert!(run.stderr.contains(&expected), "expected\n{expected}\nin\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("does not start with a date"), "{}", run.stderr);
    assert!(site.exists("public/blog/impossible/index.html") && site.exists("public/blog/field/index.html"));
    assert!(site.exists("public/blog/2023/03/01/both/index.html"));
    let files = site.files_under("public/blog");
    assert!(!files.iter().any(|f| f.contains("2023/02/") || f.contains("_posts")), "{files:?}");
    let minutes = main_of(&site.read("public/minutes/20230231/index.html")).to_string();
    assert!(!minutes.contains("<time"), "{minutes}");
}

/// A blog's feed dropped a post's time and zone (`date: 2024-02-03 10:00:00
/// +0200` was `2024-02-03T00:00:00Z`); jekyll-feed writes the moment as written,
/// `2024-02-03T10:00:00+02:00`. A post dated by a day alone stays at midnight UTC.
#[test]
fn a_blog_feed_keeps_a_post_s_time_and_offset() {
    let site = handbook("blog-feed-times");
    site.write(
        "content/blog/_posts/2024-02-03-timed.md",
        "---\ntitle: Timed\ndate: 2024-02-03 10:00:00 +0200\n---\nText.\n",
    );
    site.write(
        "content/blog/_posts/2024-02-04-zoned.md",
        "---\ntitle: Zoned\ndate: 2024-02-04 09:30 Europe/Berlin\n---\nText.\n",
    );
    site.build(&[]).expect_code(0);
    let feed = site.read("public/blog/feed.xml");
    assert!(feed.contains("  <updated>2024-02-04T09:30:00+01:00</updated>\n"), "{feed}");
    assert!(feed.contains("    <updated>2024-02-03T10:00:00+02:00</updated>\n"), "{feed}");
    assert!(feed.contains("    <updated>2024-01-05T00:00:00Z</updated>\n"), "{feed}");
}
