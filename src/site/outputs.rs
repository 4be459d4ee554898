//! The table of every file a build writes, and who claims it: the check that no two
//! things are written to one file, and that every path is a safe site path
//! ([`crate::site_path`]). It runs once the model is complete (after the generated index
//! pages are added), so aliases and content files are compared with everything.
//!
//! More: docs/architecture.md, "Notes by module".

mod mapped;

use std::rc::Rc;

use rayon::prelude::*;

use super::extra_files::{Condition, EXTRA_FILES, ExtraFile};
use super::{GeneratedPage, PageId, PageOrigin, Site};
use crate::content::node::Located;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;
use crate::site_path::{PathProblem, alias_file, check};
pub(crate) use mapped::{Mapped, MappedRedirect, RedirectTo};

/// The outputs opsbook makes up that yield their path to content: they are not written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Yielded {
    /// Folder pages (made up) whose file a content file or page takes.
    pages: Vec<PageId>,
    /// Extra files a content file or page replaces.
    files: Vec<ExtraFile>,
}

impl Yielded {
    /// Whether page `id` is not written.
    pub(crate) fn page(&self, id: PageId) -> bool {
        self.pages.contains(&id)
    }

    /// Whether the extra file `file` is not written.
    pub(crate) fn file(&self, file: ExtraFile) -> bool {
        self.files.contains(&file)
    }
}

/// What claiming every output decided.
#[derive(Debug, Default)]
pub(super) struct Claimed {
    /// The redirect pages: `(alias site path, page)`, aliases first, then the
    /// features' (the alerts' addresses).
    pub(super) redirects: Vec<(String, PageId)>,
    /// The folder pages an alias or a mapped redirect took, with the link each
    /// redirects to.
    pub(super) folder_redirects: Vec<(PageId, String)>,
    /// What is not written.
    pub(super) yielded: Yielded,
    /// The mapped redirects' links and their redirects to addresses outside.
    pub(super) mapped: Mapped,
}

/// Who claimed a site path; [`Owner::describe`] names it in a diagnostic.
#[derive(Debug, Clone, PartialEq)]
enum Owner<'a> {
    /// A page, generated or not ([`page_owner`]).
    Page(PageId),
    /// An alias of the page written in this file, or a redirect its configuration maps.
    File(&'a str),
    /// The asset of `site.assets` at this index, copied as it is.
    Asset(usize),
    /// A file of `site.index.files`: copied from a source, or written by opsbook.
    Other(&'a str),
    /// Anything else, described when claimed (the few extra files, status files and
    /// the features' redirects).
    Described(Rc<str>),
}

impl Owner<'_> {
    /// Who the owner is, as a diagnostic names it.
    fn describe(&self, site: &Site) -> String {
        match self {
            Owner::Page(id) => page_owner(site, *id),
            Owner::File(file) => format!("`{file}`"),
            Owner::Asset(at) => format!("`{}`", site.config.locate(&site.assets[*at].source).1),
            Owner::Other(path) => match site.index.file_sources.get(*path) {
                Some(source) => format!("`{source}` (copied to /{path})"),
                None => format!("the file /{path} that opsbook writes"),
            },
            Owner::Described(text) => text.to_string(),
        }
    }
}

/// Site paths claimed so far, as files and as folders, with who claimed each.
#[derive(Debug, Default)]
pub(crate) struct Claims<'a> {
    files: FastHashMap<String, Owner<'a>>,
    dirs: FastHashMap<String, Owner<'a>>,
}

impl<'a> Claims<'a> {
    /// Claims `path` for `owner`, or says who has it or needs it.
    /// Gives `path`, claimed as a file already, to `owner`.
    fn replace(&mut self, path: String, owner: Owner<'a>) {
        self.files.insert(path, owner);
    }

    /// Claims `path` for a feature's file, `owner` describing it ("the redirect of the
    /// alert `X`"), or says who has it or needs it, as a diagnostic names them.
    pub(crate) fn claim_for(&mut self, site: &Site, path: String, owner: String) -> Result<(), String> {
        self.claim(path, Owner::Described(owner.into())).map_err(|other| other.describe(site))
    }

    /// Who claimed `path` itself as a file, if anyone did.
    fn file_owner(&self, path: &str) -> Option<&Owner<'a>> {
        self.files.get(path)
    }

    fn claim(&mut self, path: String, owner: Owner<'a>) -> Result<(), Owner<'a>> {
        if let Some(other) = self.files.get(&path).or_else(|| self.dirs.get(&path)) {
            return Err(other.clone());
        }
        // The folders, deepest first, up to the first one claimed as a folder already
        // (every page of a section is in its folder): the folders above a claimed one are
        // claimed too, and none of them is a file, since a claim never leaves a file above
        // a folder nor a folder at a file.
        let mut new_folders = Vec::new();
        for (at, _) in path.rmatch_indices('/') {
            let folder = &path[..at];
            if self.dirs.contains_key(folder) {
                break;
            }
            if let Some(other) = self.files.get(folder) {
                return Err(other.clone());
            }
            new_folders.push(at);
        }
        for at in new_folders {
            self.dirs.insert(path[..at].to_string(), owner.clone());
        }
        self.files.insert(path, owner);
        Ok(())
    }

    /// Whether `path` is a file a search index writes (`search/<name>.json`, and
    /// `de/search/<name>.json` for another language's), or lies in a folder of that
    /// name: the index's file names depend on the words indexed, so every such name is
    /// the index's.
    fn is_search_file(site: &Site, path: &str) -> bool {
        let path = site.config.languages.strip(path);
        let in_index = path.strip_prefix("search/").and_then(|rest| rest.split('/').next());
        site.config.search && in_index.is_some_and(|name| name.ends_with(".json"))
    }
}

/// Claims every output of `site` (see the module documentation) and returns its
/// redirects and what yields to content.
pub(super) fn claim_outputs(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Claimed {
    // A claim for each page, file and asset, a folder for each section: room made once.
    let files = site.pages.len() + site.index.files.len() + site.assets.len();
    let mut claims = Claims {
        files: FastHashMap::with_capacity_and_hasher(files, Default::default()),
        dirs: FastHashMap::with_capacity_and_hasher(site.index.by_dir.len(), Default::default()),
    };
    let mut other_files: Vec<&String> = site.index.files.iter().collect();
    other_files.sort();
    for path in other_files {
        if let Err(problem) = check(path) {
            diagnostics.push(unwritable_file(site, path, &problem.to_string()));
            continue;
        }
        let _ = claims.claim(path.clone(), Owner::Other(path.as_str()));
    }
    let has_alerts = site.has_alerts();
    let has_aliases = site.pages.iter().any(|page| !page.source.front.aliases.is_empty())
        || has_alerts
        || !site.old_tool.mapped_redirects().is_empty();
    // The extra files that depend on the pages; the others are in `site.index.files`.
    let of_pages = EXTRA_FILES
        .iter()
        .filter(|spec| matches!(spec.condition, Condition::SiteHasAliases | Condition::SiteHasAlerts));
    let mut claimed = Claimed::default();
    for spec in of_pages.filter(|spec| spec.file.exists(&site.config, has_aliases, has_alerts)) {
        // The handbook's own `_redirects` is published as it is, as the old tools copy it;
        // the redirect pages are written all the same.
        if spec.file == ExtraFile::Redirects
            && let Some(own) = site.assets.iter().find(|asset| asset.url == spec.path)
        {
            let file = site.config.locate(&own.source).1;
            diagnostics.push(content_wins(
                &file,
                spec.path,
                "opsbook does not write its own, and writes its redirect pages",
            ));
            claimed.yielded.files.push(spec.file);
            continue;
        }
        let why = if spec.condition == Condition::SiteHasAliases && !has_alerts { "aliases" } else { "alerts" };
        let owner = format!("the file /{} that opsbook writes for {why}", spec.path);
        let _ = claims.claim(spec.path.to_string(), Owner::Described(owner.into()));
    }
    // The features' files that depend on the pages (the others are known from the
    // configuration, in `site.index.files`).
    for (path, feature) in site.features.claimed_paths() {
        let owner = format!("the file /{path} that opsbook writes for {feature}");
        let _ = claims.claim(path, Owner::Described(owner.into()));
    }
    // The navigation's branch files: one for each page some page is under (the
    // navigation's sections are known only once it is arranged; these are all it can have).
    let mut sections: Vec<PageId> = site.pages.iter().filter_map(|page| page.parent).collect();
    sections.sort_unstable();
    sections.dedup();
    for id in sections {
        let path = super::nav::branch_path(&site.pages[id].site_path);
        let owner = format!("the file /{path} that opsbook writes for the navigation of a section");
        let _ = claims.claim(path, Owner::Described(owner.into()));
    }
    // The features' redirects (the alerts' addresses) come after the aliases, but claim
    // their paths first.
    let feature_redirects = site.features.claim_redirects(site, &mut claims, diagnostics);
    claim_pages(site, &mut claims, &mut claimed, diagnostics);
    claim_assets(site, &mut claims, &mut claimed, diagnostics);
    claim_aliases(site, &mut claims, &mut claimed, diagnostics);
    mapped::claim_mapped(site, &mut claims, &mut claimed, diagnostics);
    claimed.redirects.extend(feature_redirects);
    claimed
}

/// The extra file at `path` that content there replaces (`404.html`, `robots.txt`), when
/// opsbook writes it and no file of `static/` or of the theme does.
fn yielding_file(site: &Site, path: &str) -> Option<ExtraFile> {
    if site.index.file_sources.contains_key(path) {
        return None;
    }
    yields_to_content(path)
}

/// The extra file at `path` that content there may replace, whoever else claims it: what a
/// page's `permalink` may name (`permalink: /404.html`), as [`yielding_file`] lets it.
pub(super) fn yields_to_content(path: &str) -> Option<ExtraFile> {
    let spec = EXTRA_FILES.iter().find(|spec| spec.path == path)?;
    matches!(spec.file, ExtraFile::NotFound | ExtraFile::Robots).then_some(spec.file)
}

/// The note that content at `path`, written in `file`, takes the place of what opsbook
/// would make there (`what`).
fn content_wins(file: &str, path: &str, what: &str) -> Diagnostic {
    Diagnostic::error(Rule::DuplicateUrl, file, 0, 0, format!("`{file}` is published at /{path}: {what}"))
        .with_severity(Severity::Note)
}

/// The `invalid-path` error of a theme's or configuration's file whose site path no file
/// may have: at the file it is copied from, else at book.toml, as the writer refuses it.
fn unwritable_file(site: &Site, path: &str, problem: &str) -> Diagnostic {
    match site.index.file_sources.get(path) {
        Some(source) => Diagnostic::error(
            Rule::InvalidPath,
            source,
            0,
            0,
            format!("`{source}` cannot be copied to the site: {problem}"),
        )
        .with_help("rename the file"),
        None => Diagnostic::error(
            Rule::InvalidPath,
            crate::config::CONFIG_FILE,
            0,
            0,
            format!("book.toml makes opsbook write the file {path:?}, which the site cannot hold: {problem}"),
        ),
    }
}

/// Who a page is in diagnostics.
fn page_owner(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    if page.origin.is_generated() {
        format!("the generated page /{}", page.site_path)
    } else if !page.origin.has_file() {
        format!("the page of the folder /{}", page.site_path)
    } else {
        format!("`{}`", page.source.file)
    }
}

fn claim_pages<'a>(site: &'a Site, claims: &mut Claims<'a>, claimed: &mut Claimed, diagnostics: &mut Vec<Diagnostic>) {
    // Each page's file, checked, on every core; then the claims, in page order.
    let files: Vec<Option<Result<String, String>>> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(id, page)| {
            let file = alias_file(&page.site_path);
            if let Err(problem) = check(&file) {
                return Some(Err(problem.to_string()));
            }
            // Two pages with one URL are reported when the URLs are given.
            (site.index.by_url.get(&page.site_path) == Some(&id)).then_some(Ok(file))
        })
        .collect();
    // A folder's page whose URL a file's page took is not written (`claim_urls`).
    let lost = |(id, page): &(PageId, &super::Page)| {
        page.origin == PageOrigin::Folder && site.index.by_url.get(&page.site_path).is_some_and(|&o| o != *id)
    };
    claimed.yielded.pages.extend(site.pages.iter().enumerate().filter(lost).map(|(id, _)| id));
    for (id, file) in files.into_iter().enumerate() {
        let file = match file {
            None => continue,
            Some(Err(problem)) => {
                diagnostics.push(too_long_page(site, id, &problem));
                continue;
            }
            Some(Ok(file)) => file,
        };
        let page = &site.pages[id];
        if let Err(other) = claims.claim(file.clone(), Owner::Page(id)) {
            // A page of the content at `404.html` or `robots.txt`: opsbook's yields.
            if let (Owner::Other(path), true) = (&other, page.origin.has_file())
                && claims.file_owner(&file).is_some()
                && let Some(extra) = yielding_file(site, path)
            {
                let (path, _, _) = page_location(site, id);
                diagnostics.push(content_wins(&path, &file, "opsbook does not write its own"));
                claimed.yielded.files.push(extra);
                claims.replace(file, Owner::Page(id));
                continue;
            }
            let other = other.describe(site);
            let (path, line, column) = page_location(site, id);
            diagnostics.push(
                Diagnostic::error(
                    Rule::DuplicateUrl,
                    &path,
                    line,
                    column,
                    format!("`{path}` has the URL /{}, but its file is already taken by {other}", page.site_path),
                )
                .with_help("rename the file or its folder, or give it another `slug`"),
            );
        }
    }
}

/// Where to point at a page's URL: its `slug`, else its file; for a tag's page, the
/// `tags` field of the first page with the tag.
fn page_location(site: &Site, id: PageId) -> (String, usize, usize) {
    let page = &site.pages[id];
    if let Some(GeneratedPage::Tag(slug)) = page.origin.generated()
        && let Some(&first) = site.indexes.tags.get(slug).and_then(|tag| tag.pages.first())
    {
        let source = &site.pages[first].source;
        let (line, column) = source.front.fields.get("tags").map_or((1, 1), |f| (f.line, f.column));
        return (source.file.clone(), line, column);
    }
    match page.source.front.slug.as_ref().filter(|_| page.origin.has_file()) {
        Some(slug) => (page.source.file.clone(), slug.line, slug.column),
        None => (page.source.file.clone(), 0, 0),
    }
}

fn too_long_page(site: &Site, id: PageId, problem: &str) -> Diagnostic {
    let (path, line, column) = page_location(site, id);
    let what =
        if matches!(site.pages[id].origin.generated(), Some(GeneratedPage::Tag(_))) { "a tag" } else { "a page" };
    Diagnostic::error(
        Rule::InvalidPath,
        &path,
        line,
        column,
        format!("{what} cannot have the URL /{}: {problem}", site.pages[id].site_path),
    )
    .with_help("make it shorter")
}

fn claim_assets<'a>(site: &'a Site, claims: &mut Claims<'a>, claimed: &mut Claimed, diagnostics: &mut Vec<Diagnostic>) {
    for (at, asset) in site.assets.iter().enumerate() {
        if let Err(problem) = check(&asset.url) {
            let file = site.config.locate(&asset.source).1;
            diagnostics.push(Diagnostic::error(
                Rule::InvalidPath,
                &file,
                0,
                0,
                format!("`{file}` cannot be copied to the site: {problem}"),
            ));
            continue;
        }
        let clash = if Claims::is_search_file(site, &asset.url) {
            Err("a file of the search index".to_string())
        } else {
            match claims.claim(asset.url.clone(), Owner::Asset(at)) {
                Ok(()) => Ok(()),
                Err(other) => match yields_to_asset(site, claims, &asset.url, &other) {
                    Some(yielding) => {
                        let file = site.config.locate(&asset.source).1;
                        let what = match yielding {
                            Yielding::Page(id) => {
                                claimed.yielded.pages.push(id);
                                format!(
                                    "it is the page of the folder /{}, for which opsbook makes none",
                                    site.pages[id].site_path
                                )
                            }
                            Yielding::File(extra) => {
                                claimed.yielded.files.push(extra);
                                "opsbook does not write its own".to_string()
                            }
                        };
                        diagnostics.push(content_wins(&file, &asset.url, &what));
                        claims.replace(asset.url.clone(), Owner::Asset(at));
                        Ok(())
                    }
                    None => Err(other.describe(site)),
                },
            }
        };
        if let Err(other) = clash {
            let file = site.config.locate(&asset.source).1;
            diagnostics.push(
                Diagnostic::error(
                    Rule::DuplicateUrl,
                    &file,
                    0,
                    0,
                    format!("`{file}` would be written to /{}, which is already taken by {other}", asset.url),
                )
                .with_help("rename the file; to replace a file of the theme, put yours in static/"),
            );
        }
    }
}

/// What a copied file at `path` takes the place of, when it may: `other` claimed
/// exactly `path`, and is a folder's page opsbook made up or a yielding extra file.
enum Yielding {
    Page(PageId),
    File(ExtraFile),
}

fn yields_to_asset(site: &Site, claims: &Claims<'_>, path: &str, other: &Owner<'_>) -> Option<Yielding> {
    claims.file_owner(path)?;
    match other {
        Owner::Page(id) if site.pages[*id].origin == PageOrigin::Folder => Some(Yielding::Page(*id)),
        Owner::Other(extra) => yielding_file(site, extra).map(Yielding::File),
        _ => None,
    }
}

fn claim_aliases<'a>(
    site: &'a Site,
    claims: &mut Claims<'a>,
    claimed: &mut Claimed,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let severity = site.config.link_severity;
    let wanted = wanted_aliases(site, diagnostics);
    // Of the pages that claim one alias, the last in the order of their files gets it.
    let mut winner: FastHashMap<&str, PageId> = FastHashMap::default();
    for (path, id, _) in &wanted {
        let slot = winner.entry(path.as_str()).or_insert(*id);
        if site.pages[*id].source.file > site.pages[*slot].source.file {
            *slot = *id;
        }
    }
    for (path, id, alias) in &wanted {
        let file = &site.pages[*id].source.file;
        let taker = winner[path.as_str()];
        if taker != *id {
            let message = format!("the alias /{path} is already used by `{}`", site.pages[taker].source.file);
            let help = "it redirects to that page, the last of those that claim it in the order of their files, as in Hugo and Jekyll";
            diagnostics
                .push(at_alias(Rule::DuplicateUrl, file, alias, message).with_severity(severity).with_help(help));
            continue;
        }
        claim_alias(site, claims, claimed, (path, *id, alias), diagnostics);
    }
}

/// Every alias of the pages, resolved, in page order, with the page that wants it; an
/// alias at the page's own URL or that is no path of the site is a diagnostic instead.
fn wanted_aliases<'a>(site: &'a Site, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PageId, &'a Located<String>)> {
    // Every alias resolved, in page order.
    let mut wanted = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        let file = &page.source.file;
        // A page shown for want of a translation has its original's aliases.
        let aliases = if site.is_fallback(id) { &[][..] } else { &page.source.front.aliases[..] };
        for alias in aliases {
            match site.alias_path(id, &alias.value) {
                Ok(path) if alias_file(&path) == alias_file(&page.site_path) => {
                    let message = format!("the alias /{path} is the page's own URL: it is left out");
                    diagnostics.push(at_alias(Rule::DuplicateUrl, file, alias, message).with_severity(Severity::Note));
                }
                Ok(path) if wanted.iter().any(|(p, i, _)| *p == path && *i == id) => {}
                Ok(path) => wanted.push((path, id, alias)),
                Err(problem @ PathProblem::Unreachable(_)) => {
                    let message = format!("the alias {:?} is left out: {problem}", alias.value);
                    let help = "a browser sends what follows `?` as a query and keeps what follows `#`; write the alias as the path it asks for";
                    diagnostics.push(
                        at_alias(Rule::InvalidPath, file, alias, message)
                            .with_severity(Severity::Warning)
                            .with_help(help),
                    );
                }
                Err(problem) => {
                    let message = format!("the alias {:?} is not a path in this site: {problem}", alias.value);
                    let help = "write an alias as a path from the site's root, such as /old/name/, or from the folder of the page's URL";
                    diagnostics.push(at_alias(Rule::InvalidPath, file, alias, message).with_help(help));
                }
            }
        }
    }
    wanted
}

/// Claims the alias at `path` that the page `id` won for it: a redirect, or what takes
/// its place instead (a folder's page that redirects, a file opsbook writes, a page)
/// with a diagnostic.
fn claim_alias<'a>(
    site: &'a Site,
    claims: &mut Claims<'a>,
    claimed: &mut Claimed,
    (path, id, alias): (&String, PageId, &Located<String>),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let severity = site.config.link_severity;
    let file = &site.pages[id].source.file;
    let target = alias_file(path);
    if Claims::is_search_file(site, &target) {
        diagnostics.push(at_alias(
            Rule::DuplicateUrl,
            file,
            alias,
            format!("the alias /{path} is already used by the search index"),
        ));
        return;
    }
    let other = match claims.claim(target.clone(), Owner::File(file)) {
        Ok(()) => {
            claimed.redirects.push((path.clone(), id));
            return;
        }
        Err(other) => other,
    };
    let exact = claims.file_owner(&target).is_some();
    match other {
        // The old tool had no page there: the alias wins.
        Owner::Page(folder) if exact && !path.is_empty() && site.pages[folder].origin == PageOrigin::Folder => {
            let message = format!(
                "the alias /{path} takes the URL of a folder without a page of its own: it redirects to this page"
            );
            diagnostics.push(at_alias(Rule::DuplicateUrl, file, alias, message).with_severity(Severity::Note));
            claimed.folder_redirects.push((folder, site.href(id)));
        }
        // The 404 page and robots.txt keep their files: Hugo writes them after the
        // aliases (`renderAliases`, then `render404` and `renderRobotsTXT`), and
        // Jekyll's own 404 page is content, which wins there.
        Owner::Other(taken)
            if exact
                && site.old_tool.aliases_yield_to_404_and_robots()
                && !site.index.file_sources.contains_key(taken)
                && yields_to_content(taken).is_some() =>
        {
            let message = format!(
                "the alias /{path} is the file /{taken} that opsbook writes: it is left out, as the old tool wrote that file over it"
            );
            diagnostics.push(at_alias(Rule::DuplicateUrl, file, alias, message).with_severity(Severity::Note));
        }
        other => {
            let message = format!("the alias /{path} is already used by {}", other.describe(site));
            let diagnostic = at_alias(Rule::DuplicateUrl, file, alias, message);
            // The page keeps its URL (Hugo writes pages over aliases).
            diagnostics.push(match other {
                Owner::Page(page) if exact && site.pages[page].origin.has_file() => diagnostic
                    .with_severity(severity)
                    .with_help("the page keeps its URL and the alias is left out, as in Hugo"),
                _ => diagnostic,
            });
        }
    }
}

/// A diagnostic of `rule` at the alias `alias` of the page in `file`.
fn at_alias(rule: Rule, file: &str, alias: &Located<String>, message: String) -> Diagnostic {
    Diagnostic::error(rule, file, alias.line, alias.column, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashes_with_equal_paths_and_with_files_in_the_way() {
        let mut claims = Claims::default();
        let p = || Owner::Described("p".into());
        let q = || Owner::Described("q".into());
        assert_eq!(claims.claim("p/index.html".into(), p()), Ok(()));
        assert_eq!(claims.claim("p/index.html".into(), q()), Err(p()));
        assert_eq!(claims.claim("p/index.html/index.html".into(), q()), Err(p()));
        assert_eq!(claims.claim("p".into(), q()), Err(p()));
        assert_eq!(claims.claim("p/other.png".into(), q()), Ok(()));
    }
}
