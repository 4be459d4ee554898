//! URLs: every folder gets a path segment, every page its section's path plus its own
//! segment (`slug` in front matter, else the file name), with a trailing `/` (pretty
//! URLs: `runbooks/db-failover/` is written to `runbooks/db-failover/index.html`).
//! In a handbook that strips number prefixes ([`crate::content::prefix`]), file and folder
//! names lose theirs first: `02-guides/01-intro.md` is `guides/intro/`.
//! Assets keep their file names inside their folders. Aliases are read and checked
//! against every output in [`super::outputs`].
//!
//! A handbook of another tool gets that tool's URLs, so that links written for its
//! published site, and its readers' bookmarks, keep working: [`UrlRules`] asks the old
//! tool ([`SourceRules`], whose [`PageUrls`] answer) how a name
//! becomes a segment, which URL a page has whatever its folder's (its `permalink`, its
//! collection's, a post's), and whether pages end in `.html`. A permalink that cannot
//! be a site path, or whose URL a file of the theme or an extra file has, is not
//! followed ([`permalink_warnings`]).

use rayon::prelude::*;

use super::source_rules::SourceRules;
use super::{Asset, Page, PageId};
use crate::content::SourcePage;
use crate::content::prefix::strip_number_prefix;
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::{FastHashMap, FastHashSet};

/// How a handbook's URLs are made: opsbook's, or those of the tool it was written for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UrlRules<'a> {
    /// Whether number prefixes are stripped from names.
    pub strip: bool,
    /// The handbook's languages: a page of another language has its original's own URL
    /// under its language's folder ([`super::languages::own_url_in`]).
    pub languages: Option<&'a crate::config::Languages>,
    /// `[blog] permalink`: the posts' URL template, over the old tool's.
    pub post_permalink: Option<&'a str>,
    /// The old tool, which answers what its rules make of a page's URL.
    pub old: &'a dyn SourceRules,
    /// The folders of the sections whose page says `blog: true`: their pages are posts,
    /// with the posts' URLs.
    pub marked_blogs: &'a [String],
    /// The old tool's names of its sections, by folder ([`PageUrls::section_names`]),
    /// once the pages are placed.
    pub sections: Option<&'a FastHashMap<String, String>>,
}

impl<'a> UrlRules<'a> {
    /// The rules of a handbook written for `old` (opsbook's own for none), whose
    /// `[blog]` table is `blog`.
    pub(crate) fn of(old: &'a dyn SourceRules, strip: bool, blog: &'a crate::config::BlogConfig) -> Self {
        UrlRules {
            strip,
            languages: None,
            post_permalink: blog.permalink.as_deref(),
            old,
            marked_blogs: &[],
            sections: None,
        }
    }

    /// The URL segment of a file or folder name (its number prefix already stripped).
    pub(crate) fn segment(&self, name: &str) -> String {
        self.old.segment(name)
    }
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
        // A folder's page's `slug` names the folder, unless it is a path (the page's own
        // URL, [`super::source_rules::PageUrls::first_url`]).
        let slug = section.filter(|page| page.origin.has_file()).and_then(|page| slug_of(&page.source));
        let segment = match slug.filter(|slug| !slug.value.contains('/')) {
            Some(slug) => rules.segment(&slug.value),
            None => rules.segment(strip_number_prefix(name, rules.strip)),
        };
        let parent_url = dir_urls.get(parent).cloned().unwrap_or_default();
        // A folder of another language is its original's under the language's folder.
        let original = rules.languages.map_or(dir, |languages| languages.strip(dir));
        let language = &dir[..dir.len() - original.len()];
        let url = rules.old.collection_folder_url(original).map(|url| format!("{language}{url}"));
        let url = url.unwrap_or_else(|| format!("{parent_url}{segment}/"));
        dir_urls.insert(dir, url);
    }
    let section_of: FastHashMap<PageId, &str> = by_dir.iter().map(|(dir, &id)| (id, dir.as_str())).collect();
    let sections = rules.old.section_names(pages, by_dir);
    let rules = UrlRules { sections: sections.as_ref(), ..rules };
    // Each page's URL on its own (slugging its name), on every core.
    pages.par_iter_mut().enumerate().for_each(|(id, page)| {
        let own = page.origin.has_file().then(|| super::languages::own_url_in(&page.source, &rules)).flatten();
        let own = own.filter(|url| !url.is_empty() && !taken.contains(&crate::site_path::alias_file(url)));
        page.site_path = match (own, section_of.get(&id)) {
            (Some(url), _) => url,
            // mdBook (and MkDocs without directory URLs) publishes `a.md` at `a.html` even
            // when a folder `a/` is beside it.
            (None, Some(dir))
                if rules.old.html_pages() && super::index_rank(&page.source).is_none() && page.origin.has_file() =>
            {
                let parent = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
                let base = dir_urls.get(parent).map_or("", String::as_str);
                format!("{base}{}", page_tail(&page.source, &rules))
            }
            (None, Some(dir)) => dir_urls.get(dir).cloned().unwrap_or_default(),
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
            if let Some(url) = rules.old.collection_file_url(path) {
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
pub(crate) fn slug_of(page: &SourcePage) -> Option<&crate::content::Located<String>> {
    page.front.slug.as_ref().filter(|_| page.front.permalink.is_none())
}

/// The URL a page has whatever its folder's, as the old tool gives it: its own first
/// (Hugo's `url`), its `permalink` when it can be followed, a folder's permalink, a
/// post's, a blog plugin's, else its collection's.
pub(super) fn own_url(page: &SourcePage, path: &str, rules: &UrlRules<'_>) -> Option<String> {
    let old = rules.old;
    if let Some(url) = old.first_url(page, path, rules) {
        return Some(url);
    }
    if page.front.permalink.is_some() {
        return old.permalink_url(page, path);
    }
    if let Some(url) = old.folder_permalink_url(path) {
        return url;
    }
    // A drafts folder's pages (Jekyll's `_drafts`) are posts, when a build takes drafts.
    let in_drafts = old.drafts_folder().is_some_and(|folder| crate::content::walk::in_folder_named(path, folder));
    if super::posts::in_posts_folder(path) || in_drafts || in_marked_blog(path, rules.marked_blogs) {
        return old.post_url(page, path, rules.post_permalink);
    }
    if let Some((blog, inside)) = old.post_of(path) {
        if rules.post_permalink.is_some() {
            return old.post_url(page, path, rules.post_permalink);
        }
        // The blog plugin's URL: its route, then the post's `slug` or the one its path gives.
        let slug = slug_of(page).map_or_else(|| old.post_date_and_slug(&inside).1, |s| s.value.clone());
        return url_site_path(&format!("/{blog}/{}/", slug.trim_matches('/')));
    }
    old.collection_url(page, path)
}

/// Whether the page at `path` is a post of a section marked `blog: true` (one of the
/// folders `blogs`): a page of the folder, not its own page.
fn in_marked_blog(path: &str, blogs: &[String]) -> bool {
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    super::index_rank_of(path).is_none() && blogs.iter().any(|blog| blog == dir)
}

/// The site path of a URL path written from the site's root (`/docs/a/`, `/a.html`,
/// `/docs//a/index.html`), or `None` when it cannot be one.
pub(crate) fn url_site_path(url: &str) -> Option<String> {
    let path = crate::site_path::normalise_alias(url).ok()?;
    Some(without_index_file(&path).to_string())
}

/// `path` without a last segment `index.html` (`docs/index.html` is `docs/`;
/// `testindex.html` stays).
pub(crate) fn without_index_file(path: &str) -> &str {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    }
}

/// The last segment of a page's URL: its `slug`, else its file name without the
/// extension and (when stripping) its number prefix, made a segment by `rules`.
fn page_segment(page: &SourcePage, rules: &UrlRules<'_>) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = crate::content::formats::template_stem(name);
    let stem = rules.old.page_name(html_stem(stem).unwrap_or(stem));
    slug_of(page).map_or_else(|| rules.segment(strip_number_prefix(stem, rules.strip)), |s| rules.segment(&s.value))
}

/// The end of a page's URL after its section's: `segment/`, or `segment.html` for a
/// `name.html.md` page without a `slug` (Middleman's convention, kept by the GitLab
/// handbook: `foo.html.md` is served at `foo.html`, or at `foo/` under Middleman's
/// `directory_indexes`), for a chapter of an mdBook, for a page of an MkDocs site
/// without directory URLs, and for a page of a Jekyll site whose permalink style is not
/// pretty.
pub(super) fn page_tail(page: &SourcePage, rules: &UrlRules<'_>) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = crate::content::formats::template_stem(name);
    let segment = page_segment(page, rules);
    let html_page = slug_of(page).is_none() && html_stem(stem).is_some();
    if html_page && let Some(tail) = rules.old.directory_indexed(page, &format!("{segment}.html")) {
        return tail;
    }
    let html = html_page || rules.old.html_pages() || rules.old.html_page_urls(&page.path);
    if html { format!("{segment}.html") } else { format!("{segment}/") }
}

/// The folder whose page a page `dir/name.html.md` is under the old tool's directory
/// indexes (Middleman's `directory_indexes`): it is published at `dir/name/`, the URL of
/// a folder `dir/name/` beside it, as the tool writes `dir/name/index.html` among that
/// folder's pages.
pub(super) fn directory_index_of(page: &SourcePage, rules: &UrlRules<'_>) -> Option<String> {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = html_stem(crate::content::formats::template_stem(name)).filter(|_| slug_of(page).is_none())?;
    rules.old.directory_indexed(page, &format!("{stem}.html"))?;
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

/// The note for the page opsbook makes for `folder`, a folder without a page of its
/// own, left out because a file's page has its URL (a `permalink` or `slug` that names
/// it): no old tool makes such a page, and content wins over what opsbook makes.
pub(super) fn folder_page_gives_way(folder: &Page, page: &Page) -> Diagnostic {
    let front = &page.source.front;
    let named = front.permalink.as_ref().or(front.slug.as_ref());
    let (line, column) = named.map_or((0, 0), |p| (p.line, p.column));
    Diagnostic::error(
        Rule::DuplicateUrl,
        &page.source.file,
        line,
        column,
        format!(
            "`{}` is published at /{}, the URL of the folder `{}`, which has no page of its own: it is the folder's page",
            page.source.file, page.site_path, folder.source.file
        ),
    )
    .with_severity(crate::diagnostic::Severity::Note)
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
