//! What templates see of blogs, posts, authors and dated pages: the date and
//! authors of a page (`page.dated`), a blog's list of posts on its section page and on
//! its pages of older posts (`section.blog`, `index` of `blog-page.html`), a dated
//! section's pages by year (`section.years`), and the authors' pages.

use serde::Serialize;

use super::model::Author;
use crate::site::dated::reader_date;
use crate::site::link_view::LinkView;
use crate::site::{GeneratedPage, PageId, Site};

/// A list longer than this is shown by year.
pub(crate) const BY_YEAR_FROM: usize = 12;

/// `page.dated`: the date and authors of a post or a page named by a date.
#[derive(Debug, Serialize)]
pub(crate) struct DatedView {
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub date: Option<String>,
    /// As a reader says it: "12 June 2023".
    pub text: Option<String>,
    /// The authors, each linking to their page.
    pub authors: Vec<AuthorLink>,
    /// The post's `image`, checked, as an absolute address when the base URL has a host:
    /// its social preview (`og:image`).
    pub image: Option<String>,
}

/// An author, linking to their page.
#[derive(Debug, Serialize)]
pub(crate) struct AuthorLink {
    /// The name.
    pub name: String,
    /// Their page.
    pub url: Option<String>,
    /// Their avatar.
    pub avatar: Option<String>,
}

/// A post or dated page in a list.
#[derive(Debug, Serialize)]
pub(crate) struct PostEntry<'a> {
    /// The page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// "12 June 2023".
    pub date_text: Option<String>,
    /// Its authors.
    pub authors: Vec<AuthorLink>,
    /// Its excerpt: front matter `description`, else its first paragraph, as text (in a
    /// public build, without internal text).
    pub excerpt: &'a str,
}

/// `section.blog` and a blog's pages of older posts.
#[derive(Debug, Serialize)]
pub(crate) struct BlogListView<'a> {
    /// The blog's section.
    pub blog: LinkView<'a>,
    /// The posts of this page, newest first.
    pub posts: Vec<PostEntry<'a>>,
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages the blog has.
    pub pages: usize,
    /// The page of newer posts.
    pub newer_url: Option<String>,
    /// The page of older posts.
    pub older_url: Option<String>,
    /// The blog's feed.
    pub feed_url: Option<String>,
}

/// The pages of one year, in a long dated list.
#[derive(Debug, Serialize)]
pub(crate) struct YearGroup<'a> {
    /// The year; nothing for the pages without a date, listed last.
    pub year: Option<i64>,
    /// Its pages, newest first.
    pub pages: Vec<PostEntry<'a>>,
}

/// One author on `/authors/` or their own page.
#[derive(Debug, Serialize)]
pub(crate) struct AuthorView<'a> {
    /// The name.
    pub name: &'a str,
    /// Their page.
    pub url: Option<String>,
    /// A line under the name.
    pub title: Option<&'a str>,
    /// Their avatar's address.
    pub avatar: Option<&'a str>,
    /// Their links.
    pub links: Vec<NamedAddress<'a>>,
    /// How many posts and pages name them.
    pub count: usize,
    /// Their posts and pages, newest first (only on their own page).
    pub pages: Vec<PostEntry<'a>>,
}

/// A link with a label.
#[derive(Debug, Serialize)]
pub(crate) struct NamedAddress<'a> {
    /// The label ("GitHub").
    pub label: &'a str,
    /// The address.
    pub url: &'a str,
}

/// The authors of page `id`, each linking to their page.
fn author_links(site: &Site, id: PageId) -> Vec<AuthorLink> {
    site.authors_of(id)
        .into_iter()
        .map(|(author, url)| AuthorLink { name: author.name.clone(), url, avatar: author.avatar.clone() })
        .collect()
}

/// The link from page `reader` to the author's page of its language.
fn author_page(site: &Site, reader: PageId, author: &Author) -> Option<String> {
    site.generated_page_for(&GeneratedPage::Author(author.slug.clone()), reader).map(|page| site.href(page))
}

impl DatedView {
    /// The view of page `id`, when it has a date or authors.
    pub(crate) fn of(site: &Site, id: PageId) -> Option<DatedView> {
        let date = site.page_date(id);
        let authors = author_links(site, id);
        if date.is_none() && authors.is_empty() {
            return None;
        }
        Some(DatedView {
            date: date.map(|d| d.to_string()),
            text: date.map(|d| reader_date(site.words_for(id), d)),
            authors,
            image: site.blogs().and_then(|blogs| blogs.images.get(&id)).cloned(),
        })
    }
}

/// The entry of page `id` in a list.
pub(crate) fn post_entry(site: &Site, id: PageId) -> PostEntry<'_> {
    let date = site.page_date(id);
    PostEntry {
        link: LinkView::of(site, id),
        date: date.map(|d| d.to_string()),
        date_text: date.map(|d| reader_date(site.words_for(id), d)),
        authors: author_links(site, id),
        excerpt: site.pages[id].description(),
    }
}

/// The list of page `number` (from 1) of the blog of section `section`.
pub(crate) fn blog_list(site: &Site, section: PageId, number: usize) -> Option<BlogListView<'_>> {
    let blog = site.blog_of_section(section)?;
    let per_page = site.blogs()?.per_page.max(1);
    let pages = blog.posts.len().div_ceil(per_page).max(1);
    let number = number.clamp(1, pages);
    let page_url = |n: usize| match n {
        1 => Some(site.href(section)),
        n => site.generated_page(&GeneratedPage::BlogPage(section, n)).map(|page| site.href(page)),
    };
    Some(BlogListView {
        blog: LinkView::of(site, section),
        posts: blog.posts.iter().skip((number - 1) * per_page).take(per_page).map(|&id| post_entry(site, id)).collect(),
        page: number,
        pages,
        newer_url: (number > 1).then(|| page_url(number - 1)).flatten(),
        older_url: (number < pages).then(|| page_url(number + 1)).flatten(),
        feed_url: site.blog_feed_href(section),
    })
}

/// A dated section's children by year, newest first, when more than [`BY_YEAR_FROM`]
/// of its pages are dated and they are most of them (a template or a README beside
/// minutes is listed last, as "Other pages"); `None` otherwise. Its subsections stay
/// in the navigation.
pub(crate) fn years(site: &Site, section: PageId) -> Option<Vec<YearGroup<'_>>> {
    let children = &site.pages[section].children;
    let pages: Vec<PageId> = children.iter().copied().filter(|&c| !site.pages[c].origin.is_section()).collect();
    let dated = pages.iter().filter(|&&id| site.page_date(id).is_some()).count();
    if dated <= BY_YEAR_FROM || dated * 10 < pages.len() * 9 {
        return None;
    }
    // The navigation's order puts dated pages first, newest first.
    let mut groups: Vec<YearGroup<'_>> = Vec::new();
    for id in pages {
        let year = site.page_date(id).map(|d| d.ymd().0);
        match groups.last_mut() {
            Some(group) if group.year == year => group.pages.push(post_entry(site, id)),
            _ => groups.push(YearGroup { year, pages: vec![post_entry(site, id)] }),
        }
    }
    Some(groups)
}

/// `/authors/`, read by page `reader`: every author with posts or pages in its
/// language's site, by slug.
pub(crate) fn authors_view(site: &Site, reader: PageId) -> Vec<AuthorView<'_>> {
    let authors = site.blogs().into_iter().flat_map(|blogs| &blogs.authors);
    authors.map(|a| author_view(site, reader, a, false)).filter(|author| author.count > 0).collect()
}

/// `/authors/<slug>/`, read by page `reader`: the author of `slug`, with their pages.
pub(crate) fn author_page_view<'a>(site: &'a Site, reader: PageId, slug: &str) -> Option<AuthorView<'a>> {
    let author = site.blogs()?.authors.iter().find(|a| a.slug == slug)?;
    Some(author_view(site, reader, author, true))
}

/// The view of an author; with their pages when `with_pages`.
fn author_view<'a>(site: &'a Site, reader: PageId, author: &'a Author, with_pages: bool) -> AuthorView<'a> {
    // The posts and pages of the reader's language's site: a post of another language
    // only, or the copy of a post under another language's folder, is not one of them.
    let pages = site.in_language_of(reader, &author.pages);
    AuthorView {
        name: &author.name,
        url: author_page(site, reader, author),
        title: author.title.as_deref(),
        avatar: author.avatar.as_deref(),
        links: author.links.iter().map(|(label, url)| NamedAddress { label, url }).collect(),
        count: pages.len(),
        pages: if with_pages { pages.iter().map(|&id| post_entry(site, id)).collect() } else { Vec::new() },
    }
}
