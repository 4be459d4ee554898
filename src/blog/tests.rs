//! The blog feature on a small handbook built in memory (no pipeline): its rows of the
//! generated pages and of the extra files are answered from its model, and only its own.

use super::*;
use crate::site::generated::{AUTHOR, AUTHORS, BLOG_PAGE, GENERATED_PAGES};

const BOOK: &str = "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.com/\"\n\n[blog]\nper-page = 1\n";

const POSTS: &[(&str, &str)] = &[
    ("content/news/_posts/2024-01-02-first.md", "---\nauthor: Ann Lee\n---\nThe first post.\n"),
    ("content/news/_posts/2024-03-04-second.md", "---\nauthors: [Ann Lee, Bob]\n---\nThe second post.\n"),
];

/// The paths of `instances`, in order.
fn paths(instances: &[Instance]) -> Vec<&str> {
    instances.iter().map(|instance| instance.site_path.as_str()).collect()
}

#[test]
fn answers_its_rows_of_the_generated_pages_and_the_extra_files_only() {
    let (site, diagnostics) = crate::site::tests::modelled_site("blog-rows", BOOK, POSTS, register);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let feature = site.features.get::<BlogFeature>().expect("registered");
    let blog = site.blog_of_section(site.pages.iter().position(|p| p.site_path == "news/").expect("news/"));
    assert_eq!(blog.map(|blog| blog.posts.len()), Some(2));
    let instances = |row| feature.instances(&site, row).expect("the blog's row");
    assert_eq!(paths(&instances(&AUTHORS)), ["authors/"]);
    assert_eq!(paths(&instances(&AUTHOR)), ["authors/ann-lee/", "authors/bob/"]);
    assert_eq!(paths(&instances(&BLOG_PAGE)), ["news/page/2/"]);
    let others =
        GENERATED_PAGES.iter().filter(|row| ![&AUTHORS, &AUTHOR, &BLOG_PAGE].iter().any(|r| std::ptr::eq(*r, **row)));
    assert!(others.clone().count() > 0);
    for row in others {
        assert!(feature.instances(&site, row).is_none(), "{}", row.template);
    }
    assert_eq!(feature.linked_files(&site), ["news/feed.xml"]);
    assert!(site.writes_file("news/feed.xml"), "a link to the feed resolves");
    let feeds = feature.files(&site, ExtraFile::BlogFeeds, "feed.xml").expect("the blog's row");
    assert_eq!(feeds.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(), ["news/feed.xml"]);
    assert!(feeds[0].1.contains("<author><name>Bob</name></author>"), "{}", feeds[0].1);
    let feed = feature.files(&site, ExtraFile::Feed, "feed.xml").expect("the site's feed is the blog feature's");
    assert_eq!(feed.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(), ["feed.xml"]);
    assert!(feature.files(&site, ExtraFile::Sitemap, "sitemap.xml").is_none());
}

#[test]
fn a_site_without_the_feature_has_no_blogs_and_no_blog_pages() {
    let (site, _) = crate::site::tests::modelled_site("blog-unregistered", BOOK, POSTS, |_| {});
    assert!(site.blogs().is_none());
    assert!(
        site.generated_pages().all(|(_, page)| !matches!(page, GeneratedPage::Authors | GeneratedPage::BlogPage(..)))
    );
    assert!(!site.writes_file("news/feed.xml"));
}
