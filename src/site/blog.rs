//! Blogs, their posts and their authors, collected in [`Site::model`] before
//! the generated pages, which read them: each blog's pages of older posts, the authors'
//! pages.
//!
//! 1. A post is a page in a `_posts` folder, wherever it is (Jekyll reads `_posts/`
//!    in any folder: jekyll/jekyll `lib/jekyll/readers/post_reader.rb`, and the
//!    folders above it are the post's categories, `Document#categories_from_path`), or
//!    a page of a section whose page says `blog: true`.
//! 2. A `_posts` folder is no section of its own: its posts belong to the folder that
//!    holds it ([`super::posts::section_dir`]), which is the blog; a `_posts` folder at the top of the
//!    content (or of a language's folder) makes the home page the blog, as Jekyll lists
//!    a site's posts at its root and jekyll-feed writes their feed at `/feed.xml`: no URL
//!    holds `_posts`.
//! 3. A post's URL is Jekyll's: the `permalink` of `collections: posts` or the site's
//!    `permalink` style in a Jekyll handbook (`_config.yml`), else
//!    `/:categories/:year/:month/:day/:title/`, Jekyll's `date` style with opsbook's
//!    pretty URLs (`compat::jekyll::site::post_template`); the date and title from the file name
//!    (`YYYY-MM-DD-title`) unless front matter has `date` or `slug`.
//! 4. Posts are listed newest first on the blog's page, [`Site::posts_per_page`] a
//!    page (jekyll-paginate's `paginate`, from `_config.yml` when it sets one), the
//!    others on `<blog>/page/2/` and so on (jekyll-paginate's `paginate_path`).
//! 5. Authors: `author` or `authors` (a name, a list of names, or keys into a file of
//!    people, [`crate::content::people`]); each has a page `/authors/<slug>/` that lists
//!    their posts and pages.

use super::generated::{GeneratedPage, GeneratedSpec, Instance, Invalidation, builtin, owns_nothing, single};
use super::posts::{is_post, section_dir};
use super::{PageId, Site};
use crate::content::Located;
use crate::content::Node;
use crate::content::people::{People, Person, Written};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;

/// `/authors/`: every author, when a page names one.
pub(crate) static AUTHORS: GeneratedSpec = GeneratedSpec {
    instances: |site| single(!site.blogs.authors.is_empty(), GeneratedPage::Authors, "authors/", "Authors"),
    parent: None,
    per_language: true,
    title_key: Some("authors"),
    description_key: None,
    template: "authors.html",
    builtin_template: builtin!("authors.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

/// `/authors/<slug>/`: one author's posts and pages, under the authors' page wherever
/// it is.
pub(crate) static AUTHOR: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let base =
            site.generated_page(&GeneratedPage::Authors).map_or("authors/", |id| site.pages[id].site_path.as_str());
        site.blogs
            .authors
            .iter()
            .map(|author| Instance {
                page: GeneratedPage::Author(author.slug.clone()),
                site_path: format!("{base}{}/", author.slug),
                title: author.name.clone(),
            })
            .collect()
    },
    parent: Some(GeneratedPage::Authors),
    per_language: true,
    title_key: None,
    description_key: None,
    template: "author.html",
    builtin_template: builtin!("author.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

/// `<blog>/page/<n>/`: a blog's older posts, from the second page on, at the blog's
/// [`Blog::older`] (`[blog] paginate-path`, jekyll-paginate's `paginate_path`).
pub(crate) static BLOG_PAGE: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let per_page = site.blogs.per_page.max(1);
        site.blogs
            .blogs
            .iter()
            .flat_map(|blog| {
                let pages = blog.posts.len().div_ceil(per_page);
                let base = site.pages[blog.section].site_path.clone();
                let title = super::strings::word(site.words_for(blog.section), "posts_page");
                (2..=pages).map(move |n| Instance {
                    page: GeneratedPage::BlogPage(blog.section, n),
                    site_path: format!("{base}{}", blog.older.replace(":num", &n.to_string())),
                    title: title.replace("{n}", &n.to_string()),
                })
            })
            .collect()
    },
    parent: None,
    per_language: false,
    title_key: None,
    description_key: None,
    template: "blog-page.html",
    builtin_template: builtin!("blog-page.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

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
    /// Their avatar's address, checked ([`checked_address`]), base path included.
    pub avatar: Option<String>,
    /// Their links (label, address), checked.
    pub links: Vec<(String, String)>,
    /// Their posts and pages, newest first, then in id order.
    pub pages: Vec<PageId>,
}

/// The authors a page names: `authors` (a list or a name), else `author`; each a
/// name, a key into the people files, or (Docusaurus) a mapping with `name`.
fn named_authors(page: &super::Page) -> Vec<NamedAuthor> {
    let front = &page.source.front;
    let Some(field) = front.field("authors").or_else(|| front.field("author")) else { return Vec::new() };
    let one = |node: &Located<Node>| match &node.value {
        Node::Text(text) if !text.trim().is_empty() => {
            let linked = linked_names(text, &page.source.file, node);
            match linked.is_empty() {
                true => vec![NamedAuthor::Key(text.trim().to_string())],
                false => linked.into_iter().map(NamedAuthor::Inline).collect(),
            }
        }
        Node::Map(entries) => {
            Person::from_entries(entries, &page.source.file).map(NamedAuthor::Inline).into_iter().collect()
        }
        _ => Vec::new(),
    };
    let mut named: Vec<NamedAuthor> = match &field.value.value {
        Node::List(items) => items.iter().flat_map(one).collect(),
        // `author: Ann, Bob` names one author, as Jekyll reads it.
        _ => one(&field.value),
    };
    // `avatar` beside `author`: one image, or a list in the order of the authors.
    let avatars: Vec<&Located<Node>> = match front.field("avatar").map(|f| &f.value) {
        Some(Located { value: Node::List(items), .. }) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for (author, avatar) in named.iter_mut().zip(avatars) {
        if let (NamedAuthor::Key(key), Node::Text(text)) = (&*author, &avatar.value) {
            let written = Written {
                text: text.trim().to_string(),
                file: page.source.file.clone(),
                line: avatar.line,
                column: avatar.column,
            };
            *author = NamedAuthor::Inline(Person { avatar: Some(written), ..Person::named(key) });
        }
    }
    named
}

/// The authors of a text that names them as Markdown links, as Hugo's blogs write a
/// byline (`author: "[Ann](https://a.example) (Org), [Bob](https://b.example)"`, which
/// the theme renders as Markdown): one author per link, named by its text, with the
/// link as their website. None when the text holds no link: then it is one name.
fn linked_names(text: &str, file: &str, at: &Located<Node>) -> Vec<Person> {
    let mut people = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let name = after[..close].trim();
        let target = &after[close + 2..];
        // CommonMark: a destination may hold balanced parentheses.
        let mut depth = 0usize;
        let end = target.char_indices().find_map(|(at, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(at),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(end) = end else { break };
        let url = target[..end].trim();
        if !name.is_empty() && !name.contains('[') && !url.is_empty() {
            let website = Written { text: url.to_string(), file: file.to_string(), line: at.line, column: at.column };
            people.push(Person { links: vec![("Website".to_string(), website)], ..Person::named(name) });
        }
        rest = &target[end + 1..];
    }
    people
}

/// An author's slug, cut at a word to at most [`MAX_AUTHOR_SLUG`] bytes: a name is a
/// segment of the author page's URL, and a file name has at most 255 bytes.
fn author_slug(name: &str) -> String {
    let slug = crate::slug::slugify(name);
    if slug.len() <= MAX_AUTHOR_SLUG {
        return slug;
    }
    let cut = crate::char_boundary::floor_char_boundary(&slug, MAX_AUTHOR_SLUG);
    let at_word = slug[..cut].rfind('-').filter(|at| *at > 0).unwrap_or(cut);
    slug[..at_word].to_string()
}

/// The longest author slug, in bytes.
const MAX_AUTHOR_SLUG: usize = 100;

/// The address of a file or page an avatar, a link or an image names: an `https://`
/// or `http://` address as it is (and `mailto:` for a link), else a file of the site,
/// from the site's root (`/img/a.png`, `img/a.png`) or from one of `dirs` (the page's
/// folder, and for a post the blog's), or in a Jekyll
/// handbook one of jekyll-assets' source folders (`_assets/images/a.png`); `None`, with a
/// warning at the place it is written, for anything else (`javascript:`, a file the
/// site does not have, a path out of it).
pub(crate) fn checked_address(
    site: &Site,
    written: &Written,
    what: &str,
    link: bool,
    dirs: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    checked(site, written, what, link, dirs, diagnostics).map(|(href, _)| href)
}

/// [`checked_address`], with the site path when it names a file of the site.
fn checked(
    site: &Site,
    written: &Written,
    what: &str,
    link: bool,
    dirs: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, Option<String>)> {
    let text = written.text.as_str();
    let lower = text.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://") || (link && lower.starts_with("mailto:")))
        && !text.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Some((text.to_string(), None));
    }
    let path = text.split(['#', '?']).next().unwrap_or(text);
    let from_root = path.trim_start_matches('/');
    let safe = crate::site_path::check(from_root).is_ok() && !from_root.is_empty();
    if safe && matches!(site.target_of(from_root), Some(super::Target::File | super::Target::Page(_))) {
        return Some((site.config.base_url.href(from_root), Some(from_root.to_string())));
    }
    // A relative path is read from the page's folder (`./images/card.png`, `../card.png`),
    // then from the others of `dirs`.
    let from_dir = |dir: &str| {
        let content_path = crate::site_path::join_relative(dir, path)?;
        crate::site_path::check(&content_path).ok()?;
        site.assets.iter().find(|asset| asset.source == content_path)
    };
    if !path.starts_with('/')
        && let Some(asset) = dirs.iter().find_map(|dir| from_dir(dir))
    {
        return Some((site.config.base_url.href(&asset.url), Some(asset.url.clone())));
    }
    // A Jekyll theme shows a post's image and avatars with jekyll-assets' `{% asset %}`,
    // which looks the name up in the plugin's source folders (`_assets/images/`…).
    let folders = site.old_tool.rules().asset_folders();
    if !folders.is_empty() && safe {
        let folders = folders.iter();
        let found = folders.map(|folder| format!("{folder}/{from_root}")).find(|candidate| {
            crate::site_path::check(candidate).is_ok() && matches!(site.target_of(candidate), Some(super::Target::File))
        });
        if let Some(found) = found {
            return Some((site.config.base_url.href(&found), Some(found)));
        }
    }
    diagnostics.push(
        Diagnostic::error(
            Rule::FrontMatterField,
            &written.file,
            written.line,
            written.column,
            format!("the {what} `{text}` is neither an https:// address nor a file of the site: it is not shown"),
        )
        .with_severity(Severity::Warning)
        .with_help("put the file in the content folder (or `static/`) and name it from the site's root, or give an https:// address"),
    );
    None
}

/// An author as a page names them.
enum NamedAuthor {
    /// A name or a key into the people files.
    Key(String),
    /// A person written on the page (Docusaurus's inline authors).
    Inline(Person),
}

/// An author of `person`, their avatar and links checked; `dir` is the folder of the
/// page that first names them.
fn author_of(site: &Site, slug: String, person: Person, dir: &str, diagnostics: &mut Vec<Diagnostic>) -> Author {
    let avatar = person.avatar.as_ref().and_then(|a| checked_address(site, a, "avatar", false, &[dir], diagnostics));
    let links = person
        .links
        .iter()
        .filter_map(|(label, w)| Some((label.clone(), checked_address(site, w, "link", true, &[], diagnostics)?)))
        .collect();
    Author { slug, name: person.name, title: person.title, avatar, links, pages: Vec::new() }
}

impl Site {
    /// The file of the authors of the blog of section `section`, from the root: an old
    /// tool's blog's own (Docusaurus's `authorsMapPath`), else `authors.yml` in its folder.
    fn authors_file(&self, section: PageId) -> Option<String> {
        let dir = self.pages[section].source.dir();
        match self.old_tool.blog_authors_file(dir) {
            Some(file) => file,
            None => Some(
                self.config.locate(&if dir.is_empty() { "authors.yml".into() } else { format!("{dir}/authors.yml") }).1,
            ),
        }
    }

    /// Collects the blogs and the authors (see the module documentation), reading the
    /// people files.
    pub(super) fn collect_blogs(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        let mut by_section: FastHashMap<PageId, Vec<PageId>> = FastHashMap::default();
        for id in 0..self.pages.len() {
            if is_post(&self.pages, id, &self.old_tool)
                && let Some(section) = self.pages[id].parent
            {
                by_section.entry(section).or_default().push(id);
            }
        }
        let newest_first = |pages: &[super::Page], a: &PageId, b: &PageId| {
            let key = |id: PageId| (std::cmp::Reverse(pages[id].date), pages[id].site_path.clone());
            key(*a).cmp(&key(*b))
        };
        let mut blogs: Vec<Blog> = by_section
            .into_iter()
            .map(|(section, mut posts)| {
                posts.sort_by(|a, b| newest_first(&self.pages, a, b));
                Blog { section, posts, older: String::new() }
            })
            .collect();
        blogs.sort_by_key(|blog| blog.section);
        let people = if blogs.is_empty() && !self.pages.iter().any(|p| !named_authors(p).is_empty()) {
            People::default()
        } else {
            let files: Vec<String> = blogs.iter().filter_map(|blog| self.authors_file(blog.section)).collect();
            crate::content::people::load(&self.config, &files, diagnostics)
        };
        let mut authors: Vec<Author> = Vec::new();
        let mut by_slug: FastHashMap<String, usize> = FastHashMap::default();
        let mut authors_of: FastHashMap<PageId, Vec<usize>> = FastHashMap::default();
        for (id, page) in self.pages.iter().enumerate().filter(|(_, page)| page.origin.has_file()) {
            for named in named_authors(page) {
                let (slug, person) = match named {
                    NamedAuthor::Key(key) => match people.get(&key) {
                        Some(person) => (author_slug(&key), person.clone()),
                        None => (author_slug(&key), Person::named(&key)),
                    },
                    NamedAuthor::Inline(person) => (author_slug(&person.name), person),
                };
                if slug.is_empty() {
                    continue;
                }
                let at = match by_slug.get(&slug) {
                    Some(&at) => at,
                    None => {
                        let dir = page.source.dir();
                        let author = author_of(self, slug.clone(), person, dir, diagnostics);
                        by_slug.insert(slug, authors.len());
                        authors.push(author);
                        authors.len() - 1
                    }
                };
                if authors[at].pages.last() != Some(&id) {
                    authors[at].pages.push(id);
                    authors_of.entry(id).or_default().push(at);
                }
            }
        }
        for author in &mut authors {
            author.pages.sort_by(|a, b| newest_first(&self.pages, a, b));
        }
        authors.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut moved = vec![0; authors.len()];
        for (new, author) in authors.iter().enumerate() {
            moved[by_slug[&author.slug]] = new;
        }
        for list in authors_of.values_mut() {
            for at in list.iter_mut() {
                *at = moved[*at];
            }
        }
        for blog in &mut blogs {
            let paginate_path = self.old_tool.paginate_path();
            blog.older = older_posts_path(&self.config, paginate_path, &self.pages[blog.section].site_path);
        }
        let per_page = self.config.blog.per_page.or(self.old_tool.posts_per_page()).unwrap_or(POSTS_PER_PAGE).max(1);
        let mut images = FastHashMap::default();
        for &id in blogs.iter().flat_map(|blog| &blog.posts) {
            let page = &self.pages[id];
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
            let real =
                self.config.languages.files.get(&page.source.path).map_or(page.source.path.as_str(), |t| &t.file);
            let dir = real.rsplit_once('/').map_or("", |(dir, _)| dir);
            let mut copy_problems = Vec::new();
            let told = if self.is_fallback(id) { &mut copy_problems } else { &mut *diagnostics };
            let Some((href, site_path)) = checked(self, &written, "image", false, &[dir, section_dir(dir)], told)
            else {
                continue;
            };
            let absolute = site_path.and_then(|path| self.config.base_url.absolute(&path));
            images.insert(id, absolute.unwrap_or(href));
        }
        // Each blog's feed, `<blog>/feed.xml`, needs absolute URLs, as `feed.xml` does.
        if self.config.base_url.has_origin() {
            let feeds: Vec<String> =
                blogs.iter().map(|b| format!("{}feed.xml", self.pages[b.section].site_path)).collect();
            std::sync::Arc::make_mut(&mut self.index).files.extend(feeds);
        }
        self.blogs = std::sync::Arc::new(Blogs { blogs, authors, authors_of, per_page, images });
    }

    /// The link to the feed of the blog of section `id`, when it has one; none for the
    /// home page's, which is the site's feed, `feed.xml` ([`crate::site::Site`]'s
    /// `feed_url` names it).
    pub(crate) fn blog_feed_href(&self, id: PageId) -> Option<String> {
        if id == 0 {
            return None;
        }
        let path = format!("{}feed.xml", self.pages[id].site_path);
        (self.config.base_url.has_origin() && self.index.files.contains(&path))
            .then(|| self.config.base_url.href(&path))
    }

    /// The authors of page `id`, in the order written, each with the link to their page.
    pub(crate) fn authors_of(&self, id: PageId) -> Vec<(&Author, Option<String>)> {
        let Some(list) = self.blogs.authors_of.get(&id) else { return Vec::new() };
        list.iter()
            .filter_map(|&at| self.blogs.authors.get(at))
            .map(|author| {
                let page = self.generated_page_for(&super::generated::GeneratedPage::Author(author.slug.clone()), id);
                (author, page.map(|page| self.href(page)))
            })
            .collect()
    }

    /// The blog whose section is page `id`.
    pub(crate) fn blog_of_section(&self, id: PageId) -> Option<&Blog> {
        self.blogs.blogs.iter().find(|blog| blog.section == id)
    }
}
