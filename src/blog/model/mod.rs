//! The blogs' model, collected with the site's model ([`collect_blogs`], when the
//! feature is asked for its model, before the generated pages, which read it: each
//! blog's pages of older posts, the authors' pages).
//!
//! More: docs/architecture.md, "Notes by module".

mod addresses;
mod authors;
pub(crate) mod people;

use crate::content::Node;
use crate::diagnostic::Diagnostic;
use crate::hash::FastHashMap;
use crate::site::posts::{is_post, section_dir};
use crate::site::{Page, PageId, Site};
use people::Written;

/// Posts a blog page lists unless `[blog] per-page` or `_config.yml`'s `paginate` says.
pub(crate) const POSTS_PER_PAGE: usize = 10;

/// The blogs and authors of a site.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blogs {
    /// Each blog, by the id of its section.
    pub blogs: Vec<Blog>,
    /// Each author, by slug.
    pub authors: Vec<Author>,
    /// Each page with authors -> their indices in `authors`, in the order written.
    pub authors_of: FastHashMap<PageId, Vec<usize>>,
    /// Posts a page lists.
    pub per_page: usize,
    /// Each post's `image`, checked: its social preview.
    pub images: FastHashMap<PageId, String>,
}

impl Blogs {
    /// The authors of page `id`, in the order written.
    pub(crate) fn authors_of_page(&self, id: PageId) -> impl Iterator<Item = &Author> {
        self.authors_of.get(&id).into_iter().flatten().filter_map(|&at| self.authors.get(at))
    }
}

/// One blog.
#[derive(Debug, Clone)]
pub(crate) struct Blog {
    /// Its section.
    pub section: PageId,
    /// Its posts, newest first.
    pub posts: Vec<PageId>,
    /// Where its older posts are, from its folder, `:num` their page's number, ending in
    /// `/` ([`older_posts_path`]).
    pub older: String,
}

/// Where the older posts of the blog at site path `base` are, from its folder:
/// `[blog] paginate-path`; else a Jekyll site's `paginate_path` (`/blog/page:num/`,
/// from the site's root) when it lies under the blog's folder (its original's, in a
/// language's folder), the rest of it; else `page/:num/`, jekyll-paginate-v2's default.
/// A path Jekyll's `_config.yml` gives that could leave the folder counts for nothing.
fn older_posts_path(config: &crate::config::Config, old_tool: Option<&str>, base: &str) -> String {
    let original = config.languages.strip(base);
    let from_old_tool = old_tool.and_then(|path| {
        let rest = path.trim_start_matches('/').strip_prefix(original)?;
        crate::config::paginate_path_problem(rest).is_none().then(|| rest.to_string())
    });
    let path = config.blog.paginate_path.clone().or(from_old_tool).unwrap_or_else(|| "page/:num/".to_string());
    if path.ends_with('/') { path } else { format!("{path}/") }
}

/// One author.
#[derive(Debug, Clone)]
pub(crate) struct Author {
    /// Their page's last segment.
    pub slug: String,
    /// Their name.
    pub name: String,
    /// A line under the name.
    pub title: Option<String>,
    /// Their avatar's address, checked ([`addresses::checked_address`]), base path included.
    pub avatar: Option<String>,
    /// Their links (label, address), checked.
    pub links: Vec<(String, String)>,
    /// Their posts and pages, newest first, then in id order.
    pub pages: Vec<PageId>,
}

/// The file of the authors of the blog of section `section`, from the root: an old
/// tool's blog's own (Docusaurus's `authorsMapPath`), else `authors.yml` in its folder.
fn authors_file(site: &Site, section: PageId) -> Option<String> {
    let dir = site.pages[section].source.dir();
    match site.old_tool.blog_authors_file(dir) {
        Some(file) => file,
        None => Some(
            site.config.locate(&if dir.is_empty() { "authors.yml".into() } else { format!("{dir}/authors.yml") }).1,
        ),
    }
}

/// Orders pages `a` and `b` of `pages` newest first, then by site path.
fn newest_first(pages: &[Page], a: &PageId, b: &PageId) -> std::cmp::Ordering {
    let key = |id: PageId| (std::cmp::Reverse(pages[id].date), pages[id].site_path.clone());
    key(*a).cmp(&key(*b))
}

/// Collects the blogs and the authors of `site` (see the module documentation),
/// reading the people files.
pub(crate) fn collect_blogs(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Blogs {
    let mut by_section: FastHashMap<PageId, Vec<PageId>> = FastHashMap::default();
    for id in 0..site.pages.len() {
        if is_post(&site.pages, id, &*site.old_tool)
            && let Some(section) = site.pages[id].parent
        {
            by_section.entry(section).or_default().push(id);
        }
    }
    let mut blogs: Vec<Blog> = by_section
        .into_iter()
        .map(|(section, mut posts)| {
            posts.sort_by(|a, b| newest_first(&site.pages, a, b));
            Blog { section, posts, older: String::new() }
        })
        .collect();
    blogs.sort_by_key(|blog| blog.section);
    let (authors, authors_of) = authors::collect_authors(site, &blogs, diagnostics);
    for blog in &mut blogs {
        let paginate_path = site.old_tool.paginate_path();
        blog.older = older_posts_path(&site.config, paginate_path, &site.pages[blog.section].site_path);
    }
    let per_page = site.config.blog.per_page.or(site.old_tool.posts_per_page()).unwrap_or(POSTS_PER_PAGE).max(1);
    let images = post_images(site, &blogs, diagnostics);
    Blogs { blogs, authors, authors_of, per_page, images }
}

/// Each post's `image`, checked: its social preview, as an absolute address when the
/// base URL has a host.
fn post_images(site: &Site, blogs: &[Blog], diagnostics: &mut Vec<Diagnostic>) -> FastHashMap<PageId, String> {
    let mut images = FastHashMap::default();
    for &id in blogs.iter().flat_map(|blog| &blog.posts) {
        let page = &site.pages[id];
        let Some(field) = page.source.front.field("image") else { continue };
        let Node::Text(text) = &field.value.value else { continue };
        let written = Written {
            text: text.trim().to_string(),
            file: page.source.file.clone(),
            line: field.value.line,
            column: field.value.column,
        };
        // Read from the folder of the file the post reads (the original's, for a copy
        // of it shown in another language), then from its blog's folder, beside
        // `_posts/`. A copy's problems are its original's, reported there once.
        let real = site.config.languages.files.get(&page.source.path).map_or(page.source.path.as_str(), |t| &t.file);
        let dir = real.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut copy_problems = Vec::new();
        let told = if site.is_fallback(id) { &mut copy_problems } else { &mut *diagnostics };
        let dirs = [dir, section_dir(dir)];
        let Some((href, site_path)) = addresses::checked(site, &written, "image", false, &dirs, told) else {
            continue;
        };
        let absolute = site_path.and_then(|path| site.config.base_url.absolute(&path));
        images.insert(id, absolute.unwrap_or(href));
    }
    images
}
