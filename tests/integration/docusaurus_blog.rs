//! Docusaurus's blogs: the folder of each blog plugin of
//! `docusaurus.config.js`, mounted with `[[sources]]`, is a blog; its posts take the
//! plugin's dates and URLs from their paths (`2024-01-05-name.md`,
//! `2024-01-05-name/index.md`), their authors from its `authorsMapPath`, and their
//! excerpts from its truncate marker.

use crate::util;

use util::{Site, main_of};

const CONFIG: &str = "module.exports = {\n  title: 'Ops',\n  presets: [['classic', {\n    docs: { routeBasePath: '/' },\n    blog: { path: './news', authorsMapPath: '../people.yml' },\n  }]],\n};\n";

fn site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n\n[[sources]]\npath = \"news\"\nmount = \"news\"\n",
            ),
            ("docusaurus.config.js", CONFIG),
            ("docs/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            ("people.yml", "ann:\n  name: Ann Example\n  title: Operator\n  url: https://example.com/ann\n"),
            (
                "news/2024-01-05-release.md",
                "---\ntitle: Release\nauthors: [ann]\n---\nWe released it.\n\n<!-- truncate -->\n\nThe details.\n",
            ),
            (
                "news/2024-02-01-outage/index.mdx",
                "---\ntitle: Outage\nauthors: ann\nimage: ./images/card.png\n---\nIt broke, briefly.\n\n{/* truncate */}\n\nThe long story.\n",
            ),
            ("news/2024-02-01-outage/images/card.png", "png"),
            ("news/renamed.md", "---\ntitle: Renamed\ndate: 2023-03-03\nslug: /our-new-name\n---\nA new name.\n"),
            ("news/_draft.md", "---\ntitle: Draft\n---\nNot yet.\n"),
        ],
    )
}

#[test]
fn a_docusaurus_blog_s_posts_have_its_dates_urls_authors_and_excerpts() {
    let site = site("docusaurus-blog");
    let run = site.build(&[]);
    run.expect_code(0);
    // `parseBlogFileName`: the date in the path is the URL's, a folder post's too.
    let release = site.read("public/news/2024/01/05/release/index.html");
    assert!(main_of(&release).contains(r#"<time datetime="2024-01-05">5 January 2024</time>"#), "{release}");
    assert!(main_of(&release).contains(r#"href="/authors/ann/""#), "{}", main_of(&release));
    let outage = site.read("public/news/2024/02/01/outage/index.html");
    assert!(outage.contains("<title>Outage · Ops</title>"), "{outage}");
    // Its image is read from its folder, as the post's own links are.
    assert!(
        outage.contains(r#"<meta property="og:image" content="/news/2024-02-01-outage/images/card.png">"#),
        "{outage}"
    );
    // `slug` is the URL under the blog's route; `date` the date.
    let renamed = site.read("public/news/our-new-name/index.html");
    assert!(main_of(&renamed).contains(r#"datetime="2023-03-03""#), "{}", main_of(&renamed));
    // The blog lists them newest first, each with the text before its truncate marker.
    let blog = main_of(&site.read("public/news/index.html")).to_string();
    let order: Vec<Option<usize>> = ["Outage", "Release", "Renamed"].iter().map(|t| blog.find(t)).collect();
    assert!(order.iter().all(Option::is_some) && order.is_sorted(), "{blog}");
    assert!(blog.contains("It broke, briefly.") && !blog.contains("The long story."), "{blog}");
    assert!(blog.contains("We released it.") && !blog.contains("The details."), "{blog}");
    assert!(!blog.contains("Draft"), "a file named with `_` is no post: {blog}");
    // `authorsMapPath` is read from the blog's folder.
    let ann = main_of(&site.read("public/authors/ann/index.html")).to_string();
    assert!(ann.contains("Ann Example") && ann.contains("Operator") && ann.contains("Outage"), "{ann}");
}

/// A blog's posts have their own list: a sidebar of the docs that leaves them out
/// leaves out no page (only the docs it does not list are counted).
#[test]
fn a_sidebar_counts_the_docs_it_leaves_out_not_the_blogs_posts() {
    let site = site("docusaurus-blog-sidebar");
    site.write("sidebars.js", "module.exports = { docs: ['index'] };\n");
    site.write("docs/extra.md", "---\ntitle: Extra\n---\nNot in the sidebar.\n");
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(run.stderr.contains("note[nav-file]: 1 page is not listed in sidebars.js"), "{}", run.stderr);
    assert!(site.exists("public/news/2024/01/05/release/index.html"));
}
