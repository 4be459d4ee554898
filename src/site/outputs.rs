//! The table of every file a build writes, and who claims it: the check that no two
//! things are written to one file, and that every path is a safe site path
//! ([`crate::site_path`]). It runs once the model is complete (after the generated index
//! pages are added), so aliases and content files are compared with everything.
//!
//! 1. The files opsbook writes besides its pages ([`super::extra_files`]: 404, sitemap,
//!    `handbook.json`, `_redirects` when there are aliases, the highlighting styles) and
//!    the theme's static files are claimed first (one whose path is no site path, a
//!    static file named with a line break, is an `invalid-path` error at its file), then
//!    the status page's SCS files of each incident and maintenance; the search index
//!    owns the `.json` files under `search/`.
//! 2. Every alert of the registry ([`super::alerts`], which refuses names that cannot be
//!    a folder where they are claimed) claims its redirect page
//!    `alerts/<name>/index.html` (the URL alert rules link to, so a page or an alias
//!    there is the `duplicate-url`); one whose path is taken gets no redirect and an
//!    `invalid-path` warning at its claim.
//! 3. Every page claims `<url>index.html`; a slug or tag too long for a file name is an
//!    `invalid-path` error at its field.
//! 4. Every file of `content/` copied as it is claims its path: replacing a page, an
//!    extra file or a theme file is a `duplicate-url` error at the file (a deliberate
//!    override of a theme file belongs in `static/`).
//! 5. Every alias is read ([`normalise_alias`]) and claims its redirect page; a bad
//!    alias is `invalid-path`, a taken one `duplicate-url`, both at the alias.
//!
//! A claim clashes with an equal path, and with a path that needs one of its folders to
//! be a file or the other way round (`p/index.html/index.html` beside `p/index.html`).
//!
//! A claim's owner is kept as what it is (a page, a file, an asset); the sentence that
//! names it in a diagnostic is made only when another claim clashes with it, so a site
//! without clashes makes no description at all.

use std::rc::Rc;

use rayon::prelude::*;

use super::extra_files::{Condition, EXTRA_FILES};
use super::{GeneratedPage, PageId, Site};
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::FxHashMap;
use crate::site_path::{alias_file, check, normalise_alias};

/// Who claimed a site path; [`Owner::describe`] names it in a diagnostic.
#[derive(Debug, Clone, PartialEq)]
enum Owner<'a> {
    /// A page, generated or not ([`page_owner`]).
    Page(PageId),
    /// An alias of the page written in this file.
    File(&'a str),
    /// The asset of `site.assets` at this index, copied as it is.
    Asset(usize),
    /// A file of `site.index.files`: copied from a source, or written by opsbook.
    Other(&'a str),
    /// Anything else, described when claimed (the few extra files, status files and
    /// alert redirects).
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
struct Claims<'a> {
    files: FxHashMap<String, Owner<'a>>,
    dirs: FxHashMap<String, Owner<'a>>,
}

impl<'a> Claims<'a> {
    /// Claims `path` for `owner`, or says who has it or needs it.
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

    /// Whether `path` is a file the search index writes (`search/<name>.json`), or lies
    /// in a folder of that name: the index's file names depend on the words indexed, so
    /// every such name is the index's.
    fn is_search_file(site: &Site, path: &str) -> bool {
        let in_index = path.strip_prefix("search/").and_then(|rest| rest.split('/').next());
        site.config.search && in_index.is_some_and(|name| name.ends_with(".json"))
    }
}

/// Claims every output of `site` (see the module documentation) and returns its
/// redirects as `(site path, page)`: its aliases, then its alerts' redirects.
pub(super) fn claim_outputs(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PageId)> {
    // A claim for each page, file and asset, a folder for each section: room made once.
    let files = site.pages.len() + site.index.files.len() + site.assets.len();
    let mut claims = Claims {
        files: FxHashMap::with_capacity_and_hasher(files, Default::default()),
        dirs: FxHashMap::with_capacity_and_hasher(site.index.by_dir.len(), Default::default()),
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
    let has_aliases = site.pages.iter().any(|page| !page.source.front.aliases.is_empty()) || !site.alerts.is_empty();
    let has_alerts = !site.alerts.is_empty();
    // The extra files that depend on the pages; the others are in `site.index.files`.
    let of_pages = EXTRA_FILES
        .iter()
        .filter(|spec| matches!(spec.condition, Condition::SiteHasAliases | Condition::SiteHasAlerts));
    for spec in of_pages.filter(|spec| spec.file.exists(&site.config, has_aliases, has_alerts)) {
        let why = if spec.condition == Condition::SiteHasAliases && !has_alerts { "aliases" } else { "alerts" };
        let owner = format!("the file /{} that opsbook writes for {why}", spec.path);
        let _ = claims.claim(spec.path.to_string(), Owner::Described(owner.into()));
    }
    // The status page's SCS files of each incident and maintenance (the others are
    // known from the configuration, in `site.index.files`).
    for path in site.status().into_iter().flat_map(|status| status.event_paths()) {
        let owner = format!("the file /{path} that opsbook writes for the status page");
        let _ = claims.claim(path, Owner::Described(owner.into()));
    }
    let alert_redirects = claim_alert_redirects(site, &mut claims, diagnostics);
    claim_pages(site, &mut claims, diagnostics);
    claim_assets(site, &mut claims, diagnostics);
    let mut redirects = claim_aliases(site, &mut claims, diagnostics);
    redirects.extend(alert_redirects);
    redirects
}

/// The `invalid-path` error of a file of the theme (`static/`) or of the configuration
/// whose site path no file may have: at the file it is copied from, else at book.toml,
/// so that `check` finds what the writer would refuse.
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

/// Claims the redirect page of every alert, `alerts/<name>/index.html`.
fn claim_alert_redirects(
    site: &Site,
    claims: &mut Claims<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PageId)> {
    let mut redirects = Vec::new();
    for (name, claim) in &site.alerts {
        let runbook = &site.pages[claim.page].source.file;
        let problem = super::alerts::redirect_path(name);
        let path = problem.clone().unwrap_or_else(|_| format!("alerts/{name}/"));
        let owner = Owner::Described(format!("the redirect of the alert `{name}` (runbook `{runbook}`)").into());
        let claimed = problem.and_then(|path| {
            claims.claim(alias_file(&path), owner).map_err(|other| format!("it is taken by {}", other.describe(site)))
        });
        match claimed {
            Ok(()) => {
                redirects.push((path, claim.page));
                claim_lower_case_alias(site, name, claim, claims, &mut redirects, diagnostics);
            }
            Err(problem) => diagnostics.push(
                Diagnostic::error(
                    Rule::InvalidPath,
                    runbook,
                    claim.line,
                    claim.column,
                    format!("the alert {name:?} gets no URL /{path}: {problem}"),
                )
                .with_severity(crate::diagnostic::Severity::Warning)
                .with_help("name alerts as Prometheus does: letters, digits and `_`"),
            ),
        }
    }
    redirects
}

/// Claims `alerts/<name in lower case>/` for the alert `name` too, when that differs: the
/// monitoring mixins (kubernetes-mixin's `runbookURLPattern`, kube-prometheus) fill
/// their pattern with `std.asciiLower(alert)`, so their rules link to
/// `/alerts/kubepodcrashlooping/`, which a case-sensitive host would not find (issue
/// 32). A lower-case name already taken (by another alert, whose own name wins, or a
/// page) is a warning at the runbook's claim.
fn claim_lower_case_alias(
    site: &Site,
    name: &str,
    claim: &super::alerts::Claim,
    claims: &mut Claims<'_>,
    redirects: &mut Vec<(String, PageId)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let lower = name.to_ascii_lowercase();
    if lower == name || site.alerts.contains_key(&lower) {
        return;
    }
    let path = format!("alerts/{lower}/");
    let owner = Owner::Described(format!("the lower-case redirect of the alert `{name}`").into());
    if let Err(other) = claims.claim(alias_file(&path), owner) {
        let runbook = &site.pages[claim.page].source.file;
        diagnostics.push(
            Diagnostic::error(
                Rule::DuplicateUrl,
                runbook,
                claim.line,
                claim.column,
                format!(
                    "the alert `{name}` gets no lower-case URL /{path}, which the monitoring mixins link to: it is taken by {}",
                    other.describe(site)
                ),
            )
            .with_severity(crate::diagnostic::Severity::Warning),
        );
        return;
    }
    redirects.push((path, claim.page));
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

fn claim_pages(site: &Site, claims: &mut Claims<'_>, diagnostics: &mut Vec<Diagnostic>) {
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
        if let Err(other) = claims.claim(file, Owner::Page(id)) {
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

fn claim_assets(site: &Site, claims: &mut Claims<'_>, diagnostics: &mut Vec<Diagnostic>) {
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
            claims.claim(asset.url.clone(), Owner::Asset(at)).map_err(|other| other.describe(site))
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

fn claim_aliases<'a>(
    site: &'a Site,
    claims: &mut Claims<'a>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PageId)> {
    let mut aliases = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        let file = &page.source.file;
        for alias in &page.source.front.aliases {
            let path = match normalise_alias(&alias.value) {
                Ok(path) => path,
                Err(problem) => {
                    diagnostics.push(
                        Diagnostic::error(
                            Rule::InvalidPath,
                            file,
                            alias.line,
                            alias.column,
                            format!("the alias {:?} is not a path in this site: {problem}", alias.value),
                        )
                        .with_help("write an alias as a path from the site's root, such as /old/name/"),
                    );
                    continue;
                }
            };
            let target = alias_file(&path);
            // The page's own URL (a `permalink` and a `redirect_from` that say the same):
            // nothing to redirect, as Jekyll and Hugo write no redirect there.
            if target == alias_file(&page.site_path) {
                diagnostics.push(
                    Diagnostic::error(
                        Rule::FrontMatterField,
                        file,
                        alias.line,
                        alias.column,
                        format!("the alias /{path} is the page's own URL: there is nothing to redirect"),
                    )
                    .with_severity(crate::diagnostic::Severity::Note)
                    .with_help("remove it from the aliases"),
                );
                continue;
            }
            let clash = if Claims::is_search_file(site, &target) {
                Err("the search index".to_string())
            } else {
                claims.claim(target, Owner::File(file)).map_err(|other| other.describe(site))
            };
            match clash {
                Ok(()) => aliases.push((path, id)),
                Err(other) => diagnostics.push(Diagnostic::error(
                    Rule::DuplicateUrl,
                    file,
                    alias.line,
                    alias.column,
                    format!("the alias /{path} is already used by {other}"),
                )),
            }
        }
    }
    aliases
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
