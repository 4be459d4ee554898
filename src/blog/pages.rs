//! The blogs' generated pages, as their rows of the generated pages
//! (`crate::site::generated`: `AUTHORS`, `AUTHOR`, `BLOG_PAGE`) ask the feature for
//! them: `/authors/` when a page names an author, `/authors/<slug>/` for each under the
//! authors' page wherever it is, and each blog's pages of older posts from the second
//! on, at the blog's [`super::model::Blog::older`].

use super::model::Blogs;
use crate::site::Site;
use crate::site::generated::{AUTHOR, AUTHORS, BLOG_PAGE, GeneratedPage, GeneratedSpec, Instance, single};

/// The pages of the row `row` of the generated pages, when it is one of the blogs'.
pub(super) fn instances(site: &Site, blogs: &Blogs, row: &GeneratedSpec) -> Option<Vec<Instance>> {
    if std::ptr::eq(row, &AUTHORS) {
        Some(single(!blogs.authors.is_empty(), GeneratedPage::Authors, "authors/", "Authors"))
    } else if std::ptr::eq(row, &AUTHOR) {
        Some(author_pages(site, blogs))
    } else if std::ptr::eq(row, &BLOG_PAGE) {
        Some(older_posts_pages(site, blogs))
    } else {
        None
    }
}

/// `/authors/<slug>/`: one page per author, under the authors' page wherever it is.
fn author_pages(site: &Site, blogs: &Blogs) -> Vec<Instance> {
    let base = site.generated_page(&GeneratedPage::Authors).map_or("authors/", |id| site.pages[id].site_path.as_str());
    blogs
        .authors
        .iter()
        .map(|author| Instance {
            page: GeneratedPage::Author(author.slug.clone()),
            site_path: format!("{base}{}/", author.slug),
            title: author.name.clone(),
        })
        .collect()
}

/// `<blog>/page/<n>/`: each blog's older posts, from the second page on.
fn older_posts_pages(site: &Site, blogs: &Blogs) -> Vec<Instance> {
    let per_page = blogs.per_page.max(1);
    blogs
        .blogs
        .iter()
        .flat_map(|blog| {
            let pages = blog.posts.len().div_ceil(per_page);
            let base = site.pages[blog.section].site_path.clone();
            let title = crate::site::strings::word(site.words_for(blog.section), "posts_page");
            (2..=pages).map(move |n| Instance {
                page: GeneratedPage::BlogPage(blog.section, n),
                site_path: format!("{base}{}", blog.older.replace(":num", &n.to_string())),
                title: title.replace("{n}", &n.to_string()),
            })
        })
        .collect()
}
