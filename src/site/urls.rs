//! URLs: every folder gets a path segment, every page its section's path plus its own
//! segment (`slug` in front matter, else the file name), with a trailing `/` (pretty
//! URLs: `runbooks/db-failover/` is written to `runbooks/db-failover/index.html`).
//! In a handbook that strips number prefixes ([`crate::content::prefix`]), file and folder
//! names lose theirs first: `02-guides/01-intro.md` is `guides/intro/`.
//! Assets keep their file names inside their folders. Aliases are read and checked
//! against every output in [`super::outputs`].
//!
//! A handbook of another tool gets that tool's URLs ([`UrlRules`], from
//! [`crate::compat::old_tool`]), so that links written for its published site, and
//! its readers' bookmarks, keep working:
//!
//! - opsbook's own segments are slugged ([`slugify`]: lower-case, each run of other
//!   characters one `-`); Hugo's are its `paths.Sanitize` lower-cased ([`hugo_segment`],
//!   gohugoio/hugo `common/paths/path.go`: letters, digits, marks, `.`, `_`, `#`, `+`,
//!   `~`, `-`, `@` kept, a run of spaces one `-`, the rest dropped), so `docs/v2.3/`
//!   stays; a Hugo page's `url` or the site's `permalinks` give it its own URL
//!   ([`super::hugo_urls`]); Jekyll,
//!   Eleventy and mdBook keep names as written ([`verbatim_segment`]);
//! - mdBook publishes `chapter.md` at `chapter.html` (`README.md` and `index.md` at
//!   their folder), Jekyll a page at `name.html` unless its `permalink` style ends in
//!   `/`, and a `name.html.md` page (Middleman, the GitLab handbook) is at `name.html`;
//! - a page's `permalink` (Jekyll, Eleventy) is its URL wherever it points, Jekyll's
//!   placeholders expanded; a document of a Jekyll collection gets its collection's
//!   `permalink` ([`crate::compat::jekyll::site`]). A permalink that cannot be a site
//!   path, or whose URL a file of the theme or an extra file has, is not followed
//!   ([`permalink_warnings`]).

use rayon::prelude::*;

use super::{Asset, Page, PageId};
use crate::compat::eleventy::site::EleventyPermalinks;
use crate::compat::jekyll::site::{JekyllSite, Placeholders, expand, post_date_and_title};
use crate::compat::middleman::site::MiddlemanSite;
use crate::compat::old_tool::{OldTool, UrlStyle};
use crate::content::SourcePage;
use crate::content::prefix::strip_number_prefix;
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::{FastHashMap, FastHashSet};
use crate::slug::slugify;

/// How a handbook's URLs are made: opsbook's, or those of the tool it was written for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UrlRules<'a> {
    /// Whether number prefixes are stripped from names.
    pub strip: bool,
    /// How names become segments.
    pub style: UrlStyle,
    /// A Jekyll site's URL settings.
    pub jekyll: Option<&'a JekyllSite>,
    /// An Eleventy site's permalinks of folders.
    pub eleventy: Option<&'a EleventyPermalinks>,
    /// The handbook's languages: a page of another language has its original's own URL
    /// under its language's folder ([`super::languages::own_url_in`]).
    pub languages: Option<&'a crate::config::Languages>,
    /// `[blog] permalink`: the posts' URL template, over the old tool's.
    pub post_permalink: Option<&'a str>,
    /// The old tool whose blogs' posts have the tool's URLs ([`OldTool::post_of`]).
    pub old: Option<&'a OldTool>,
    /// The folders of the sections whose page says `blog: true`: their pages are posts,
    /// with the posts' URLs.
    pub marked_blogs: &'a [String],
    /// A Middleman site's `config.rb` rules (`directory_indexes`).
    pub middleman: Option<&'a MiddlemanSite>,
    /// A Hugo site's `permalinks` rules.
    pub hugo_permalinks: &'a [crate::compat::hugo::permalinks::Rule],
    /// A Hugo site's sections, by folder, with the `slug` or title each gives
    /// `:sectionslugs` ([`crate::compat::hugo::urls::sections`]), once the pages are placed.
    pub hugo_sections: Option<&'a FastHashMap<String, String>>,
}

impl<'a> UrlRules<'a> {
    /// The rules of a handbook written for `old` (opsbook's own for none), whose
    /// `[blog]` table is `blog`.
    pub(crate) fn of(old: &'a OldTool, strip: bool, blog: &'a crate::config::BlogConfig) -> Self {
        UrlRules {
            strip,
            style: old.url_style(),
            jekyll: old.jekyll.as_ref(),
            eleventy: old.eleventy.as_ref(),
            languages: None,
            post_permalink: blog.permalink.as_deref(),
            old: Some(old),
            marked_blogs: &[],
            middleman: old.middleman.as_ref(),
            hugo_permalinks: &old.hugo_permalinks,
            hugo_sections: None,
        }
    }

    /// The URL segment of a file or folder name (its number prefix already stripped).
    pub(crate) fn segment(&self, name: &str) -> String {
        match self.style {
            UrlStyle::Slug => slugify(name),
            UrlStyle::Hugo => hugo_segment(name),
            UrlStyle::Verbatim | UrlStyle::MdBook | UrlStyle::HtmlFiles => verbatim_segment(name),
        }
    }
}

impl Default for UrlRules<'_> {
    fn default() -> Self {
        UrlRules {
            strip: false,
            style: UrlStyle::Slug,
            jekyll: None,
            eleventy: None,
            languages: None,
            post_permalink: None,
            old: None,
            marked_blogs: &[],
            middleman: None,
            hugo_permalinks: &[],
            hugo_sections: None,
        }
    }
}

/// Hugo's URL segment of a name: `paths.Sanitize`, lower-cased (`disablePathToLower`
/// unset), [`crate::compat::hugo::permalinks::urlize`]; a `\`, which Hugo keeps and a
/// URL path cannot, is dropped.
pub(crate) fn hugo_segment(name: &str) -> String {
    let segment = crate::compat::hugo::permalinks::urlize(name).replace('\\', "");
    if segment.is_empty() { "page".to_string() } else { segment }
}

/// A name as it is, when it can stand in a URL path as it is; else slugged.
pub(crate) fn verbatim_segment(name: &str) -> String {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '#' | '?' | '%' | '\\' | '"' | '<' | '>'));
    if plain { name.to_string() } else { slugify(name) }
}

/// Gives every page its URL and returns the assets with theirs. Assets in folders that
/// are not part of the site (draft sections) are left out. `taken` are the site paths of
/// files a page's `permalink` may not have (the theme's, the extra files).
pub(super) fn assign_urls(
    pages: &mut [Page],
    by_dir: &FastHashMap<String, PageId>,
    all_dirs: &[&str],
    asset_paths: &[String],
    rules: UrlRules<'_>,
    taken: &FastHashSet<String>,
) -> Vec<Asset> {
    let mut dirs: Vec<&str> = all_dirs.to_vec();
    dirs.sort_by_key(|d| (d.matches('/').count() + usize::from(!d.is_empty()), *d));
    let mut dir_urls: FastHashMap<&str, String> = FastHashMap::default();
    for dir in dirs {
        if dir.is_empty() {
            dir_urls.insert("", String::new());
            continue;
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let section = by_dir.get(dir).map(|&id| &pages[id]);
        let segment = match section.and_then(|page| slug_of(&page.source).filter(|_| page.origin.has_file())) {
            Some(slug) => rules.segment(&slug.value),
            None => rules.segment(strip_number_prefix(name, rules.strip)),
        };
        let parent_url = dir_urls.get(parent).cloned().unwrap_or_default();
        dir_urls.insert(dir, format!("{parent_url}{segment}/"));
    }
    let section_of: FastHashMap<PageId, &str> = by_dir.iter().map(|(dir, &id)| (id, dir.as_str())).collect();
    let hugo_sections = (rules.style == UrlStyle::Hugo).then(|| crate::compat::hugo::urls::sections(pages, by_dir));
    let rules = UrlRules { hugo_sections: hugo_sections.as_ref(), ..rules };
    // Each page's URL on its own (slugging its name), on every core.
    pages.par_iter_mut().enumerate().for_each(|(id, page)| {
        let own = page.origin.has_file().then(|| super::languages::own_url_in(&page.source, &rules)).flatten();
        let own = own.filter(|url| !url.is_empty() && !taken.contains(&crate::site_path::alias_file(url)));
        page.site_path = match (own, section_of.get(&id)) {
            (Some(url), _) => url,
            (None, Some(dir)) => match rules.style {
                // mdBook (and MkDocs without directory URLs) publishes `a.md` at `a.html`
                // even when a folder `a/` is beside it.
                UrlStyle::MdBook | UrlStyle::HtmlFiles
                    if super::index_rank(&page.source).is_none() && page.origin.has_file() =>
                {
                    let parent = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
                    let base = dir_urls.get(parent).map_or("", String::as_str);
                    format!("{base}{}", page_tail(&page.source, &rules))
                }
                _ => dir_urls.get(dir).cloned().unwrap_or_default(),
            },
            (None, None) => {
                let base = dir_urls.get(page.source.dir()).map_or("", String::as_str);
                format!("{base}{}", page_tail(&page.source, &rules))
            }
        };
        // A `.html` URL that a file opsbook writes has (mdBook's `404.md`) stays pretty.
        if let Some(stem) = page.site_path.strip_suffix(".html").filter(|_| taken.contains(&page.site_path)) {
            page.site_path = format!("{stem}/");
        }
    });
    asset_paths
        .iter()
        .filter_map(|path| {
            if let Some(url) = rules.collection_file_url(path) {
                return Some(Asset { source: path.clone(), url });
            }
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            let base = dir_urls.get(dir)?;
            Some(Asset { source: path.clone(), url: format!("{base}{name}") })
        })
        .collect()
}

/// A page's `slug`, unless it has a `permalink`: in Jekyll a permalink is the page's
/// whole URL, and `slug` only fills the `:slug` and `:title` of a permalink pattern
/// (<https://jekyllrb.com/docs/permalinks/>), so pages that share a `slug` under their
/// own permalinks do not share a URL.
fn slug_of(page: &SourcePage) -> Option<&crate::content::Located<String>> {
    page.front.slug.as_ref().filter(|_| page.front.permalink.is_none())
}

/// The URL a page has whatever its folder's: its `permalink` when it can be followed,
/// else, in a Jekyll site, its collection's.
pub(super) fn own_url(page: &SourcePage, path: &str, rules: &UrlRules<'_>) -> Option<String> {
    if rules.style == UrlStyle::Hugo
        && let Some(url) = crate::compat::hugo::urls::own_url(page, path, rules)
    {
        return Some(url);
    }
    if page.front.permalink.is_some() {
        return permalink_url(page, path, rules);
    }
    if let Some(template) = rules.eleventy.and_then(|e| e.template_for(path)) {
        return url_site_path(&crate::compat::eleventy::site::expand(template, path)?);
    }
    if super::blog::in_posts_folder(path) || in_marked_blog(path, rules.marked_blogs) {
        return post_url(page, path, rules);
    }
    if let Some(old) = rules.old
        && let Some((blog, inside)) = old.post_of(path)
    {
        if rules.post_permalink.is_some() {
            return post_url(page, path, rules);
        }
        // The blog plugin's URL: its route, then the post's `slug` or the one its path gives.
        let slug = slug_of(page).map_or_else(|| old.post_date_and_slug(&inside).1, |s| s.value.clone());
        return url_site_path(&format!("/{blog}/{}/", slug.trim_matches('/')));
    }
    let (label, template, inside) = rules.jekyll?.collection_of(path)?;
    let mut values = placeholders_of(page, path, label);
    values.path = inside;
    if label == "posts"
        && let Some((date, title)) = post_date_and_title(values.basename)
    {
        values.basename = title;
        values.date = values.date.or(Some(date));
    }
    url_site_path(&expand(&template, &values))
}

/// Whether the page at `path` is a post of a section marked `blog: true` (one of the
/// folders `blogs`): a page of the folder, not its own page.
fn in_marked_blog(path: &str, blogs: &[String]) -> bool {
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    super::index_rank_of(path).is_none() && blogs.iter().any(|blog| blog == dir)
}

/// The URL of a post, a page in a `_posts` folder or of a section marked `blog: true`
/// ([`super::blog`]): the posts' template expanded with its date and title from its
/// name (`YYYY-MM-DD-title`) unless front matter has `date` or `slug`, its categories
/// the folders above `_posts` and its `categories`; without a date, the template's
/// dateless rest (`/blog/about/`).
fn post_url<'p>(page: &'p SourcePage, path: &'p str, rules: &UrlRules<'_>) -> Option<String> {
    let template = rules.post_permalink.map_or_else(|| super::blog::post_template(rules.jekyll), str::to_string);
    let mut values = placeholders_of(page, path, "posts");
    let (date, title) = post_date_and_title(values.basename).map_or((None, values.basename), |(d, t)| (Some(d), t));
    values.basename = title;
    // Only a day that exists dates the URL; an undated post's URL has no date, nor the
    // `_posts` folder (Jekyll leaves such a post out; opsbook publishes it undated).
    let exists = |date: &&str| crate::dates::Date::parse(date).is_some();
    values.date = values.date.filter(exists).or(date.filter(exists));
    let mut categories: Vec<String> = super::blog::path_categories(path).iter().map(|c| c.to_lowercase()).collect();
    categories.extend(values.categories.split('/').filter(|c| !c.is_empty()).map(str::to_string));
    let mut seen = FastHashSet::default();
    categories.retain(|c| seen.insert(c.clone()));
    values.categories = categories.join("/");
    values.path = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    url_site_path(&squeeze_slashes(&expand(&template, &values)))
}

/// An expanded URL template with each run of `/` made one, as Jekyll's `URL#sanitize_url`
/// does (`squeeze("/")`): `/:categories/:year/` of a post without categories is `/2024/`.
fn squeeze_slashes(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// The site path a page's `permalink` gives it, read from the site's root as Jekyll
/// and Eleventy read it, with or without a leading `/` (Jekyll's placeholders expanded
/// in a Jekyll site); `None` for one that holds a template of another language
/// (`{{ }}`), or cannot be a site path.
fn permalink_url(page: &SourcePage, path: &str, rules: &UrlRules<'_>) -> Option<String> {
    let written = page.front.permalink.as_ref()?.value.trim();
    // `false`: Eleventy writes no file for the page; opsbook keeps it at its own URL.
    if written.is_empty() || written == "false" {
        return None;
    }
    if rules.eleventy.is_some() && written.contains("{{") {
        return url_site_path(&crate::compat::eleventy::site::expand(written, path)?);
    }
    if written.contains("{{") || written.contains("{%") {
        return None;
    }
    let Some(site) = rules.jekyll else { return url_site_path(written) };
    let collection = site.collection_of(path);
    let mut values = placeholders_of(page, path, collection.as_ref().map_or("", |(label, _, _)| label));
    if let Some((_, _, inside)) = collection {
        values.path = inside;
    }
    url_site_path(&expand(written, &values))
}

/// The placeholders of a page of a Jekyll site, but for its collection.
fn placeholders_of<'p>(page: &'p SourcePage, path: &'p str, collection: &'p str) -> Placeholders<'p> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let basename = name.split_once('.').map_or(name, |(stem, _)| stem);
    let text = |key: &str| match page.front.field(key).map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) => Some(text.as_str()),
        _ => None,
    };
    let categories = match page.front.field("categories").map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) => text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>(),
        Some(crate::content::Node::List(items)) => items
            .iter()
            .filter_map(|item| match &item.value {
                crate::content::Node::Text(text) => Some(text.to_lowercase()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Placeholders {
        collection,
        path: path.rsplit_once('/').map_or("", |(dir, _)| dir),
        basename,
        slug: page.front.slug.as_ref().map(|s| s.value.as_str()),
        date: text("date"),
        categories: categories.join("/"),
    }
}

/// The site path of a URL path written from the site's root (`/docs/a/`, `/a.html`,
/// `/docs//a/index.html`), or `None` when it cannot be one.
fn url_site_path(url: &str) -> Option<String> {
    let path = crate::site_path::normalise_alias(url).ok()?;
    let path = path.strip_suffix("index.html").unwrap_or(&path);
    Some(path.to_string())
}

/// The last segment of a page's URL: its `slug`, else its file name without the
/// extension and (when stripping) its number prefix, made a segment by `rules`.
pub(super) fn page_segment(page: &SourcePage, rules: &UrlRules<'_>) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = crate::content::formats::template_stem(name);
    let stem = html_stem(stem).unwrap_or(stem);
    slug_of(page).map_or_else(|| rules.segment(strip_number_prefix(stem, rules.strip)), |s| rules.segment(&s.value))
}

/// The end of a page's URL after its section's: `segment/`, or `segment.html` for a
/// `name.html.md` page without a `slug` (Middleman's convention, kept by the GitLab
/// handbook: `foo.html.md` is served at `foo.html`, or at `foo/` under Middleman's
/// `directory_indexes`), for a chapter of an mdBook, for a page of an MkDocs site
/// without directory URLs, and for a page of a Jekyll site whose permalink style is not
/// pretty.
fn page_tail(page: &SourcePage, rules: &UrlRules<'_>) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = crate::content::formats::template_stem(name);
    let segment = page_segment(page, rules);
    let html_page = slug_of(page).is_none() && html_stem(stem).is_some();
    if html_page && rules.middleman.is_some() {
        let output = format!("{segment}.html");
        return middleman_indexed(page, rules, &output).unwrap_or(output);
    }
    let html = html_page
        || matches!(rules.style, UrlStyle::MdBook | UrlStyle::HtmlFiles)
        || rules.jekyll.is_some_and(|site| !site.pretty_pages());
    if html { format!("{segment}.html") } else { format!("{segment}/") }
}

/// The URL tail Middleman's `directory_indexes` gives a `name.html.md` page whose
/// output would be `output` (`name/`), when it moves the page into a folder
/// ([`MiddlemanSite::indexed_tail`]: `directory_index: false` in front matter or a
/// `page` pattern of `config.rb` keeps it).
fn middleman_indexed(page: &SourcePage, rules: &UrlRules<'_>, output: &str) -> Option<String> {
    let site = rules.middleman?;
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let resource =
        format!("/{}{}", &page.path[..page.path.len() - name.len()], crate::content::formats::template_stem(name));
    let front = page.front.fields.get("directory_index").and_then(|field| match field.value.value {
        crate::content::node::Node::Bool(value) => Some(value),
        _ => None,
    });
    site.indexed_tail(output, &resource, front)
}

/// The folder whose page a page `dir/name.html.md` is under the old tool's directory
/// indexes (Middleman's `directory_indexes`): it is published at `dir/name/`, the URL of
/// a folder `dir/name/` beside it, as the tool writes `dir/name/index.html` among that
/// folder's pages.
pub(super) fn directory_index_of(page: &SourcePage, rules: &UrlRules<'_>) -> Option<String> {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = html_stem(crate::content::formats::template_stem(name)).filter(|_| slug_of(page).is_none())?;
    middleman_indexed(page, rules, &format!("{stem}.html"))?;
    Some(format!("{}{stem}", &page.path[..page.path.len() - name.len()]))
}

/// `name` without a `.html` ending, if it has one.
pub(crate) fn html_stem(name: &str) -> Option<&str> {
    let cut = name.len().checked_sub(5)?;
    (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".html") && cut > 0).then(|| &name[..cut])
}

/// A warning for each `permalink` opsbook does not follow: one that cannot be a site
/// path, that names a file of the theme or an extra file, or that is a template of
/// another tool's language.
pub(super) fn permalink_warnings(pages: &[Page], rules: UrlRules<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let fallback = |page: &Page| rules.languages.is_some_and(|l| l.is_fallback(&page.source.path));
    for page in pages.iter().filter(|page| page.origin.has_file() && !fallback(page)) {
        let Some(permalink) = &page.source.front.permalink else { continue };
        if permalink.value.trim() == "false"
            || super::languages::own_url_in(&page.source, &rules).is_some_and(|url| url == page.site_path)
        {
            continue;
        }
        diagnostics.push(
            Diagnostic::error(
                Rule::FrontMatterField,
                &page.source.file,
                permalink.line,
                permalink.column,
                format!("`permalink: {}` is not followed; the page stays at /{}", permalink.value, page.site_path),
            )
            .with_severity(crate::diagnostic::Severity::Warning)
            .with_help("a permalink is followed when it is a path from the site's root that no file of the theme has; add an `aliases` entry for the old URL"),
        );
    }
}

/// The note for a page `unlisted` that the book's `SUMMARY.md` does not list, whose URL
/// the page `kept` has: mdBook and GitBook publish only the files their summary lists.
pub(super) fn unlisted_gives_way(unlisted: &Page, kept: &Page, nav: &Option<crate::content::NavFile>) -> Diagnostic {
    let summary = nav.as_ref().map_or("SUMMARY.md", |nav| nav.file.as_str());
    let file = if unlisted.origin.has_file() { &unlisted.source.file } else { &kept.source.file };
    Diagnostic::error(
        Rule::DuplicateUrl,
        file,
        0,
        0,
        format!(
            "`{}` has the URL of `{}`, and {summary} does not list it: it is left out, as mdBook and GitBook publish only the files their summary lists",
            unlisted.source.file, kept.source.file
        ),
    )
    .with_severity(crate::diagnostic::Severity::Note)
}

/// The warning for a folder's `README.md` left out because an `index.md` is the folder's
/// page, where the old tool published only the one (MkDocs's `get_files`).
pub(super) fn readme_left_out(readme: &SourcePage, index: &SourcePage) -> Diagnostic {
    Diagnostic::error(
        Rule::DuplicateUrl,
        &readme.file,
        0,
        0,
        format!("`{}` is left out: `{}` is the page of its folder, as the old tool had it", readme.file, index.file),
    )
    .with_severity(crate::diagnostic::Severity::Warning)
    .with_help("merge the two, or rename one")
}

/// The warning for a page whose URL a folder's page has (`foo.md` beside
/// `foo/index.md`), left out where the old tool wrote the folder's page over it.
pub(super) fn page_gives_way_to_folder(page: &Page, folder: &Page) -> Diagnostic {
    Diagnostic::error(
        Rule::DuplicateUrl,
        &page.source.file,
        0,
        0,
        format!(
            "`{}` has the URL of `{}`, the page of its folder, which the old tool wrote over it: it is left out",
            page.source.file, folder.source.file
        ),
    )
    .with_severity(crate::diagnostic::Severity::Warning)
    .with_help("rename one of them, or merge them")
}

/// The diagnostic for a page whose URL another page already has: at the second
/// page's file (its `slug`, when it has one); at the first's when the second is a folder
/// without a page; at the second folder itself when both are (two folders whose names
/// differ only in case or punctuation, `Runbooks/` and `runbooks/`), since its name is
/// what must change.
pub(super) fn duplicate_url(first: &Page, second: &Page) -> Diagnostic {
    let (line, column) = second.source.front.slug.as_ref().map_or((1, 1), |s| (s.line, s.column));
    let (file, line, column) = if second.origin.has_file() {
        (second.source.file.as_str(), line, column)
    } else if first.origin.has_file() {
        (first.source.file.as_str(), 1, 1)
    } else {
        (second.source.file.as_str(), 0, 0)
    };
    let other = if file == second.source.file { &first.source.file } else { &second.source.file };
    Diagnostic::error(
        Rule::DuplicateUrl,
        file,
        line,
        column,
        format!("`{file}` and `{other}` both map to the URL /{}", second.site_path),
    )
    .with_help("rename one of the files, or give one of them a different `slug`")
}
