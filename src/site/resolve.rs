//! Link resolution against the site model: what a destination written in a page
//! (`../runbooks/db.md#steps`, `db`, `./`, `diagram.png`, `/runbooks/db/`) points to.
//!
//! More: docs/architecture.md, "Notes by module".

mod html_files;
mod mounted;
mod repository_files;
mod roots;
mod url_paths;

pub(crate) use url_paths::join_url;
use url_paths::{made_url, normalise_url};

use super::audience::LeftOut;
use super::{PageId, Site};
use crate::content::walk::is_markdown;
use crate::markdown::links::{LinkResolver, PageFile, Resolution, is_external};
use crate::percent::percent_decode;
use crate::site_path::join_relative;
use crate::suggest;

/// How a relative link that names no Markdown file is read (the old tool's rule,
/// which the compatibility layer chooses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelativeLinks {
    /// From the file's folder.
    File,
    /// From the page's URL, as the browser reads it; else from the file's folder.
    PageThenFile,
    /// From the file's folder when the link names a file there; else from the page's
    /// URL only.
    NamedFileThenPage,
    /// From the file's folder; where nothing is there, from the page's URL read without
    /// its trailing `/`, for a tool whose pages' URLs end without one (`a/b`, so the
    /// browser reads `../x` from `a/`).
    FileThenUrlWithoutSlash,
}

/// Resolves links against one [`Site`], written on one of its pages or anywhere.
pub struct SiteLinks<'a> {
    site: &'a Site,
    /// The page the links are written on: relative links may be read from its URL.
    page: Option<PageId>,
}

impl<'a> SiteLinks<'a> {
    pub(super) fn new(site: &'a Site, page: Option<PageId>) -> Self {
        SiteLinks { site, page }
    }

    fn page(&self, id: PageId, anchor: Option<&str>, query: &str) -> Resolution {
        let mut href = self.site.href(id);
        href.push_str(query);
        if let Some(anchor) = anchor {
            href.push('#');
            href.push_str(anchor);
        }
        Resolution::Page { id, href, anchor: anchor.map(percent_decode) }
    }

    fn file(&self, site_path: &str, anchor: Option<&str>, asset: bool) -> Resolution {
        let mut href = self.site.config.base_url.href(site_path);
        if let Some(anchor) = anchor {
            href.push('#');
            href.push_str(anchor);
        }
        Resolution::File { href, asset: asset.then(|| site_path.to_string()) }
    }

    /// A content path as messages name it: `content/a.md`, or in the source mounted where
    /// it points (`vendor/x/docs/a.md`), as is a path that names no file.
    fn shown(&self, content_path: &str) -> String {
        let sources = &self.site.config.sources;
        let exists = self.site.knows_path(content_path) || self.site.index.left_out.contains_key(content_path);
        match sources.find(content_path).filter(|_| !exists) {
            Some((i, rest)) => sources.list[i].shown(rest),
            None => self.site.config.locate(content_path).1,
        }
    }

    fn missing_page(&self, from_dir: &str, content_path: &str) -> Resolution {
        let message = match self.site.index.left_out.get(content_path) {
            // A file of no page (an include in `_includes/`) in an internal section is internal.
            Some(LeftOut::Internal) => return internal(&self.shown(content_path)),
            None if self.in_internal_section(content_path) => return internal(&self.shown(content_path)),
            Some(LeftOut::Draft) => draft(&self.shown(content_path)),
            Some(LeftOut::Unrendered) => format!(
                "`{}` is never rendered (Hugo's `build.render` or `headless`, its own or its section's `cascade`): \
                 the link leads to no page, as in Hugo",
                self.shown(content_path)
            ),
            Some(LeftOut::Resource) => format!(
                "`{}` is a resource of the leaf bundle of its folder (beside an `index.md`), no page: \
                 Hugo renders no page for it and publishes no file, so the link leads nowhere, as in Hugo",
                self.shown(content_path)
            ),
            None => format!("no page `{}`", self.shown(content_path)),
        };
        Resolution::Broken { message, asset: false, suggestion: self.suggest(from_dir, content_path) }
    }

    /// Whether a content path is in, or is, an internal section left out of this build.
    fn in_internal_section(&self, content_path: &str) -> bool {
        let path = content_path.trim_end_matches('/');
        self.site.index.left_out_dirs.iter().any(|d| {
            d.is_empty() || path.strip_prefix(d.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// The existing file an author probably meant: one of the same name elsewhere (it
    /// moved), else the closest name in the same folder (a typo). Pages are suggested
    /// for pages, other files for other files.
    fn suggest(&self, from_dir: &str, content_path: &str) -> Option<String> {
        let index = &self.site.index;
        let wants_page = is_markdown(content_path);
        let same_kind = |path: &str| is_markdown(path) == wants_page;
        let (dir, name) = content_path.rsplit_once('/').unwrap_or(("", content_path));
        let moved = index
            .by_name
            .get(name)
            .and_then(|paths| closest_or_only(content_path, paths.iter().filter(|p| same_kind(p))));
        let found = moved.or_else(|| {
            let names = index.names_by_dir.get(dir)?;
            let name = suggest::closest(name, names.iter().map(String::as_str).filter(|n| same_kind(n)))?;
            Some(if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") })
        })?;
        Some(suggest::relative_path(from_dir, &found))
    }

    /// A relative destination, read by the old tool's rule (see the module documentation);
    /// where that finds nothing, a Markdown file from the site's roots, or another file from
    /// the repository folder of a mounted file.
    fn resolve_relative(&self, from_dir: &str, path: &str, anchor: Option<&str>, query: &str) -> Resolution {
        let found = self.resolve_from_file_or_page(from_dir, path, anchor, query);
        if !matches!(found, Resolution::Broken { .. }) {
            return found;
        }
        if let Some(id) = self.markdown_from_roots(path) {
            return self.page(id, anchor, query);
        }
        self.in_mounted_repository(from_dir, path, anchor).unwrap_or(found)
    }

    /// A relative destination read from the file's folder or the page's URL, by the
    /// old tool's rule ([`RelativeLinks`]).
    fn resolve_from_file_or_page(&self, from_dir: &str, path: &str, anchor: Option<&str>, query: &str) -> Resolution {
        let names_markdown = join_relative(from_dir, path).is_some_and(|joined| is_markdown(&joined));
        let page = self.page.filter(|_| !names_markdown);
        let Some(page) = page else { return self.resolve_from_file(from_dir, path, anchor, query) };
        match self.site.old_tool.relative_links() {
            RelativeLinks::File => self.resolve_from_file(from_dir, path, anchor, query),
            RelativeLinks::PageThenFile => match self.resolve_from_page(page, path, anchor, query) {
                Ok(found) => found,
                Err(missing) => self.broken_from_page(self.resolve_from_file(from_dir, path, anchor, query), missing),
            },
            RelativeLinks::FileThenUrlWithoutSlash => match self.resolve_from_file(from_dir, path, anchor, query) {
                broken @ Resolution::Broken { .. } => {
                    self.resolve_from_url_without_slash(page, path, anchor, query).unwrap_or(broken)
                }
                found => found,
            },
            RelativeLinks::NamedFileThenPage if self.names_file(from_dir, path) => {
                self.resolve_from_file(from_dir, path, anchor, query)
            }
            RelativeLinks::NamedFileThenPage => match self.resolve_from_page(page, path, anchor, query) {
                Ok(found) => found,
                Err(missing) => match self.resolve_from_file(from_dir, path, anchor, query) {
                    broken @ Resolution::Broken { .. } => self.broken_from_page(broken, missing),
                    _ => {
                        let broken = Resolution::Broken { message: String::new(), asset: false, suggestion: None };
                        self.broken_from_page(broken, missing)
                    }
                },
            },
        }
    }

    /// Whether relative `path`, written in a file of `from_dir`, names a file of the
    /// content: a page's source or another file at the joined path, a trailing `/`
    /// dropped (as Python's `normpath` drops it).
    fn names_file(&self, from_dir: &str, path: &str) -> bool {
        let index = &self.site.index;
        join_relative(from_dir, path).is_some_and(|joined| {
            let joined = joined.trim_end_matches('/');
            index.by_path.contains_key(joined) || index.assets.contains_key(joined)
        })
    }

    /// A relative destination read from the URL of page `page`, as a browser reads it
    /// there; `Err` is the site path it reaches when nothing is there.
    fn resolve_from_page(
        &self,
        page: PageId,
        path: &str,
        anchor: Option<&str>,
        query: &str,
    ) -> Result<Resolution, (String, String)> {
        let url = &self.site.pages[page].site_path;
        let target = join_url(url_paths::url_folder(url), path);
        self.find_site_path(&target, anchor, query).ok_or_else(|| (target, url.clone()))
    }

    /// What was found from the file's folder, or, when nothing was, a broken link named
    /// by the URL a reader of the old site reached (`missing`: that URL and the page's).
    fn broken_from_page(&self, from_file: Resolution, (target, page): (String, String)) -> Resolution {
        match from_file {
            Resolution::Broken { asset, suggestion, .. } => {
                let what = if asset { "file" } else { "page" };
                let tool = self.site.old_tool.name();
                let message = format!(
                    "no {what} at `/{target}`, where the link leads from the page's URL /{page} (as in {tool})"
                );
                Resolution::Broken { message, asset, suggestion }
            }
            other => other,
        }
    }

    /// The file of the default language at `path`, a path under the folder of the
    /// language of the page the link is written on that has no file there: a
    /// translation shows its original's images (`![](flow.png)` in
    /// `runbooks/_index.de.md` is `runbooks/flow.png`), and a file of the language's own
    /// (`content/de/runbooks/flow.png`) wins.
    fn original_asset(&self, path: &str) -> Option<&'a usize> {
        let languages = &self.site.config.languages;
        let reader = self.site.language_of(self.page?)?;
        if languages.default_language() == Some(reader) || languages.of_path(path) != Some(reader) {
            return None;
        }
        self.site.index.assets.get(languages.strip(path))
    }

    /// A relative destination read from the folder of the file it is written in.
    fn resolve_from_file(&self, from_dir: &str, path: &str, anchor: Option<&str>, query: &str) -> Resolution {
        if let Some(found) = self.in_root_folder(from_dir, path, anchor) {
            return found;
        }
        let Some(joined) = join_relative(from_dir, path).or_else(|| self.through_repository(from_dir, path)) else {
            return Resolution::Broken {
                message: format!("`{path}` points above the content folder"),
                asset: !is_markdown(path) && !path.ends_with('/'),
                suggestion: None,
            };
        };
        let index = &self.site.index;
        if is_markdown(&joined) {
            return match index.by_path.get(&joined) {
                Some(&id) => self.page(id, anchor, query),
                None => self.missing_page(from_dir, &joined),
            };
        }
        let trimmed = joined.trim_end_matches('/');
        if let Some(&id) = index.by_dir.get(trimmed) {
            return self.page(id, anchor, query);
        }
        if let Some(&i) = index.assets.get(trimmed).or_else(|| self.original_asset(trimmed)) {
            let url = self.site.assets[i].url.clone();
            return self.file(&url, anchor, true);
        }
        // The page's file, named as its URL names it: without its templates' extensions
        // (`a.html` for `a.html.md.erb`, `a` for `a.njk`), or as it is (`a.html`).
        for extension in ["", ".md", ".mdx", ".markdown", ".md.erb", ".erb", ".njk", ".liquid"] {
            if let Some(&id) = index.by_path.get(&format!("{trimmed}{extension}")) {
                return self.page(id, anchor, query);
            }
        }
        // `dir/index.html` is the file a web server serves for `dir/`: the folder's page.
        if let Some(dir) = trimmed.strip_suffix("index.html").filter(|d| d.is_empty() || d.ends_with('/'))
            && let Some(&id) = index.by_dir.get(dir.trim_end_matches('/'))
        {
            return self.page(id, anchor, query);
        }
        let page_path = format!("{trimmed}.md");
        if index.left_out.get(trimmed) == Some(&LeftOut::Internal)
            || index.left_out.get(&page_path) == Some(&LeftOut::Internal)
            || self.in_internal_section(trimmed)
        {
            return internal(&self.shown(trimmed));
        }
        let looks_like_page = path.ends_with('/') || !trimmed.rsplit('/').next().unwrap_or(trimmed).contains('.');
        if looks_like_page {
            let message = if index.left_out.contains_key(&page_path) {
                draft(&self.shown(&page_path))
            } else {
                format!("no page or folder `{}`", self.shown(trimmed))
            };
            Resolution::Broken { message, asset: false, suggestion: None }
        } else {
            let suggestion = self.suggest(from_dir, trimmed);
            Resolution::Broken { message: format!("no file `{}`", self.shown(trimmed)), asset: true, suggestion }
        }
    }

    /// A relative path to a file (no page) that leads, from the folder of the file it is
    /// written in as the repository has it (or from the root after the tool's alias of
    /// it), into a folder whose files the old tool published at the site's root
    /// ([`super::source_rules::RepositoryLinks`]): the file the site has there, or a broken
    /// link naming it; after the alias, into the content folder: that file. `None`
    /// elsewhere.
    fn in_root_folder(&self, from_dir: &str, path: &str, anchor: Option<&str>) -> Option<Resolution> {
        let links = self.site.old_tool.repository_links();
        if links.root_folders.is_empty() || is_markdown(path) {
            return None;
        }
        let aliased = links.root_alias.and_then(|alias| path.strip_prefix(alias));
        let in_repository = match aliased {
            Some(rest) => join_relative("", rest)?,
            None => join_relative(&self.repository_dir(from_dir), path)?,
        };
        let content = self.site.config.content_folder.as_str();
        if let Some(rest) = inside(content, &in_repository).filter(|_| aliased.is_some()) {
            return Some(self.resolve_from_file("", rest, anchor, ""));
        }
        let site_path = links.root_folders.iter().find_map(|folder| inside(folder, &in_repository));
        let missing =
            || Resolution::Broken { message: format!("no file `{in_repository}`"), asset: true, suggestion: None };
        match site_path {
            Some(site_path) => Some(self.find_site_path(site_path, anchor, "").unwrap_or_else(missing)),
            None => aliased.map(|_| missing()),
        }
    }

    /// The folder of the repository, from the root, that content folder `from_dir` is:
    /// the page's own file's where the links are a page's (a translation's file lies
    /// elsewhere), else its mounted folder's or the content folder's.
    fn repository_dir(&self, from_dir: &str) -> String {
        let config = &self.site.config;
        let source = self.page.map(|id| &self.site.pages[id].source).filter(|source| source.dir() == from_dir);
        match source {
            Some(source) => config.locate(&source.path).1.rsplit_once('/').map_or(String::new(), |(d, _)| d.into()),
            None => config.locate(from_dir).1,
        }
    }

    /// A relative path that climbs above the content folder and comes back into it
    /// (`../../docs/setup.md` on `docs/intro/a.md`), read as a path of the repository, as
    /// GitHub and Docusaurus read a file's links, relative to the content folder; `None`
    /// when it stays outside, or the old tool read only its content folder's files.
    fn through_repository(&self, from_dir: &str, path: &str) -> Option<String> {
        let content = self.site.config.content_folder.as_str();
        if content.is_empty() || !self.site.old_tool.links_through_repository() {
            return None;
        }
        let joined = join_relative(&format!("{content}/{from_dir}"), path)?;
        inside(content, &joined).map(str::to_string)
    }

    /// A page a destination from the root found (`/runbooks/web/`, `/runbooks/web.md`),
    /// as the site of the page the link is written on has it: on a page of another
    /// language than the default, a page of the default language is its version in that
    /// language (`/de/runbooks/web/`), as Hugo resolves a page's links in its language and
    /// jekyll-multiple-languages-plugin makes `site.baseurl` the language's folder. A
    /// destination that names a language's page (`/de/…`) stays as it is.
    fn in_reader_language(&self, found: Resolution, anchor: Option<&str>, query: &str) -> Resolution {
        let (Resolution::Page { id, .. }, Some(reader)) = (&found, self.page) else { return found };
        let languages = &self.site.config.languages;
        let default = languages.default_language();
        if self.site.language_of(reader) == default || self.site.language_of(*id) != default {
            return found;
        }
        match self.site.version_for(*id, reader) {
            Some(version) if version != *id => self.page(version, anchor, query),
            _ => found,
        }
    }

    fn resolve_site_path(&self, path: &str, anchor: Option<&str>, query: &str) -> Resolution {
        let relative = path.trim_start_matches('/');
        let index = &self.site.index;
        if is_markdown(relative) {
            return match index.by_path.get(relative).copied().or_else(|| self.markdown_from_roots(path)) {
                Some(id) => self.page(id, anchor, query),
                None => self.missing_page("", relative),
            };
        }
        let mut candidates = vec![relative.to_string()];
        // The link with one leading `/`, as the base path is written.
        let rooted = &path[path.len().saturating_sub(relative.len() + 1)..];
        if let Some(rest) = self.site.config.base_url.site_path(rooted)
            && rest != relative
        {
            candidates.push(rest.to_string());
        }
        // The old site published the content folder under a route (Docusaurus's
        // `/docs/` and, beside older versions, `/docs/next/`; a Hugo language's `/en/`).
        for route in self.site.old_tool.content_routes().into_iter().flatten() {
            let under: Vec<String> =
                candidates.iter().filter_map(|c| c.strip_prefix(route).map(str::to_string)).collect();
            candidates.extend(under);
        }
        for candidate in &candidates {
            if let Some(found) = self.find_site_path(&normalise_url(candidate), anchor, query) {
                return found;
            }
        }
        // The old site's names, made into URLs as opsbook makes them (Docusaurus's
        // `/docs/0.82/x`, the folder of version `0.82`, is opsbook's `/0-82/x/`).
        let rules = super::urls::UrlRules::of(&*self.site.old_tool, self.site.strip_prefixes, &self.site.config.blog);
        for candidate in &candidates {
            let made = made_url(candidate, &rules);
            if made != *candidate
                && let Some(found) = self.find_site_path(&normalise_url(&made), anchor, query)
            {
                return found;
            }
        }
        if let Some(found) = self.as_html_file(&candidates, anchor, query) {
            return found;
        }
        // A content path written from the content folder (Hugo's `ref`, Jekyll's `link`).
        if let Some(found) = self.find_content_path(relative.trim_end_matches('/'), anchor, query) {
            return found;
        }
        let asset = relative.rsplit('/').next().is_some_and(|name| name.contains('.'));
        let message =
            if asset { format!("no file at `{path}` in the site") } else { format!("no page at `{path}` in the site") };
        Resolution::Broken { message, asset, suggestion: None }
    }

    /// Whether the site path `path` (from `/`, perhaps with a query or an anchor) is no
    /// file of the site but one the handbook's `_redirects` sends elsewhere.
    fn only_redirected(&self, path: &str) -> bool {
        let site_path = percent_decode(path.split(['?', '#']).next().unwrap_or("").trim_start_matches('/'));
        let index = &self.site.index;
        !index.files.contains(site_path.as_str()) && index.redirects.redirects(&site_path)
    }

    /// What is at a site path (without a leading `/`): a page, a page's alias, a page
    /// left out of this build, an asset or another file of the site.
    fn find_site_path(&self, site_path: &str, anchor: Option<&str>, query: &str) -> Option<Resolution> {
        let index = &self.site.index;
        let page_path = super::page_url(site_path);
        if let Some(&id) = index.by_url.get(&page_path).or_else(|| index.by_alias.get(&page_path)) {
            return Some(self.page(id, anchor, query));
        }
        if let Some(content_path) = index.left_out_urls.get(&page_path) {
            return Some(internal(&self.shown(content_path)));
        }
        let asset = index.asset_urls.contains(site_path);
        if asset || index.files.contains(site_path) {
            return Some(self.file(site_path, anchor, asset));
        }
        // A path the handbook's own `_redirects` sends elsewhere: the host answers it.
        index.redirects.redirects(site_path).then(|| self.file(site_path, anchor, false))
    }

    /// The page, section or file of a content path (`runbooks/db`, `runbooks`,
    /// `runbooks/db.png`), if there is one.
    fn find_content_path(&self, content_path: &str, anchor: Option<&str>, query: &str) -> Option<Resolution> {
        let index = &self.site.index;
        if let Some(&id) = index.by_dir.get(content_path) {
            return Some(self.page(id, anchor, query));
        }
        if let Some(&i) = index.assets.get(content_path) {
            return Some(self.file(&self.site.assets[i].url.clone(), anchor, true));
        }
        ["md", "mdx"].iter().find_map(|extension| {
            let id = *index.by_path.get(&format!("{content_path}.{extension}"))?;
            Some(self.page(id, anchor, query))
        })
    }
}

impl LinkResolver for SiteLinks<'_> {
    fn page_reference(&self, reference: &str) -> Option<String> {
        self.site.old_tool.look_up_page(self.site, self.page, reference, true)
    }

    fn page_files(&self) -> Vec<PageFile> {
        let Some(id) = self.page else { return Vec::new() };
        let path = &self.site.pages[id].source.path;
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
        let below = match file.split('.').next() {
            Some("index") => true,
            Some("_index") => false,
            _ => return Vec::new(),
        };
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let sizes = self.site.image_sizes();
        let own = self.site.assets.iter().filter_map(|asset| {
            let name = asset.source.strip_prefix(&prefix)?;
            (below || !name.contains('/')).then(|| PageFile { name: name.to_string(), size: sizes.get(&asset.url) })
        });
        own.collect()
    }

    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution {
        let destination = destination.trim();
        // A peer's page (`csp-a:runbooks/db.md`, or a URL under a peer's `url`).
        if let Some(found) =
            self.site.peers.as_deref().and_then(|peers| crate::peers::links::resolve(peers, destination))
        {
            return found;
        }
        // A URL under the address the old tool published the site at leads to the page or
        // file the handbook has there; one it lacks may be the host's own (a redirect its
        // server keeps), so that link stays as written, as any other site's.
        if let Some(path) = self.site.old_tool.published_path(destination) {
            return match self.resolve(from_dir, &path) {
                Resolution::Broken { .. } => Resolution::External,
                Resolution::File { asset: None, .. } if self.only_redirected(&path) => Resolution::External,
                found => found,
            };
        }
        let unchecked = self.site.old_tool.repository_links().unchecked_scheme;
        if let Some(written) = unchecked.and_then(|scheme| destination.strip_prefix(scheme)) {
            return Resolution::File { href: written.to_string(), asset: None };
        }
        if destination.is_empty() || is_external(destination) {
            return Resolution::External;
        }
        let (before_anchor, anchor) = match destination.split_once('#') {
            Some((before, anchor)) => (before, Some(anchor)),
            None => (destination, None),
        };
        let (path, query) = match before_anchor.find('?') {
            Some(i) => (&before_anchor[..i], &before_anchor[i..]),
            None => (before_anchor, ""),
        };
        if path.is_empty() {
            return match anchor {
                Some(anchor) => Resolution::Fragment(percent_decode(anchor)),
                None => Resolution::External,
            };
        }
        let decoded = percent_decode(path);
        let found = if decoded.starts_with('/') {
            let found = self.resolve_site_path(&decoded, anchor, query);
            self.in_reader_language(found, anchor, query)
        } else {
            self.resolve_relative(from_dir, &decoded, anchor, query)
        };
        match found {
            Resolution::Broken { .. } => match self.through_link_hook(&decoded, anchor, query) {
                Some(hooked) => hooked,
                None => self.in_repository(from_dir, &decoded, anchor, query, found),
            },
            found => found,
        }
    }
}

impl SiteLinks<'_> {
    /// What the old tool's link hook finds for a destination that names no file: the page
    /// or file its page lookup gives, read as a content path.
    fn through_link_hook(&self, path: &str, anchor: Option<&str>, query: &str) -> Option<Resolution> {
        let page = self.page?;
        let found = self.site.old_tool.look_up_page(self.site, Some(page), path, false)?;
        if let Some(&id) = self.site.index.by_path.get(&found) {
            return Some(self.page(id, anchor, query));
        }
        self.find_content_path(found.trim_end_matches('/'), anchor, query)
    }
}

impl Site {
    /// The content paths of the pages made of files.
    pub(crate) fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.index.by_path.keys().map(String::as_str)
    }

    /// The section page of the folder at content path `dir`.
    pub(crate) fn page_by_dir(&self, dir: &str) -> Option<PageId> {
        self.index.by_dir.get(dir).copied()
    }
}

/// What follows the folder `folder` in `path`, both from the same root (a repository's,
/// or the content folder's): `None` when `path` is not inside it.
fn inside<'p>(folder: &str, path: &'p str) -> Option<&'p str> {
    path.strip_prefix(folder)?.strip_prefix('/')
}

fn draft(shown: &str) -> String {
    format!("`{shown}` is a draft, left out of this build (build with --drafts to include it)")
}

fn internal(shown: &str) -> Resolution {
    Resolution::Internal {
        message: format!("`{shown}` is internal, left out of the public build: a public page may not link to it"),
    }
}

/// The only candidate, or the one whose path is closest to `wanted`.
fn closest_or_only<'a>(wanted: &str, candidates: impl Iterator<Item = &'a String>) -> Option<String> {
    candidates.min_by_key(|c| (suggest::distance(wanted, c), c.as_str())).cloned()
}
