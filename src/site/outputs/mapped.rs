//! Redirects an old tool's configuration lists (MkDocs's redirects plugin): each old
//! path is written as a page that redirects to a page of the content, or to an address
//! outside. The compatibility layer reads them ([`SourceRules::mapped_redirects`]);
//! here they claim their files after the pages' aliases, with diagnostics at the
//! configuration's line.
//!
//! [`SourceRules::mapped_redirects`]: crate::site::source_rules::SourceRules::mapped_redirects

use super::{Claimed, Claims, Owner};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;
use crate::site::{PageId, PageOrigin, Site};
use crate::site_path::{alias_file, check};

/// A redirect the configuration names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MappedRedirect {
    /// The site path the old tool wrote the redirect at (`old/`, `old.html`).
    pub from: String,
    /// Where it leads.
    pub to: RedirectTo,
    /// The configuration file, line and column of the entry.
    pub at: (String, usize, usize),
}

/// Where a [`MappedRedirect`] leads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RedirectTo {
    /// The page of the content-relative file `path`, at `fragment` (`#part`, or empty).
    Page { path: String, fragment: String },
    /// The page at site path `path` (percent-encoded or not), with `rest` (a query and
    /// a fragment, or empty).
    SitePath { path: String, rest: String },
    /// An `http:` or `https:` address, as written.
    Url(String),
}

/// What the mapped redirects claimed, beside the redirects to pages in
/// [`Claimed::redirects`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Mapped {
    /// The link each redirect to a page writes, by its site path, where it is not the
    /// page's URL as every alias writes it (a fragment, or the tool's relative link).
    pub hrefs: FastHashMap<String, String>,
    /// The redirects to addresses outside: `(site path, address)`.
    pub to_urls: Vec<(String, String)>,
}

impl Mapped {
    /// Whether no redirect leads outside.
    pub(crate) fn is_empty(&self) -> bool {
        self.to_urls.is_empty()
    }
}

/// Claims the file of each mapped redirect of `site`, in the configuration's order.
pub(super) fn claim_mapped<'a>(
    site: &'a Site,
    claims: &mut Claims<'a>,
    claimed: &mut Claimed,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for redirect in site.old_tool.mapped_redirects() {
        let (file, line, column) = &redirect.at;
        let at = |rule, message: String| Diagnostic::error(rule, file, *line, *column, message);
        let Some(target) = target_of(site, redirect, diagnostics) else { continue };
        let path = alias_file(&redirect.from);
        if let Err(problem) = check(&path) {
            let message = format!("the redirect from {:?} is left out: {problem}", redirect.from);
            diagnostics.push(at(Rule::InvalidPath, message).with_severity(Severity::Warning));
            continue;
        }
        if Claims::is_search_file(site, &path) {
            let message =
                format!("the redirect from /{} is left out: the search index writes that file", redirect.from);
            diagnostics.push(at(Rule::DuplicateUrl, message).with_severity(Severity::Warning));
            continue;
        }
        let href = match target {
            Target::Page(id, fragment) => redirect_href(site, &redirect.from, id, fragment),
            Target::Outside(url) => url.to_string(),
        };
        if let Err(other) = claims.claim(path.clone(), Owner::File(file)) {
            // A folder without a page of its own: the redirect is its page, as the old
            // tool's file was the only one there.
            if let Owner::Page(folder) = other
                && claims.file_owner(&path).is_some()
                && site.pages[folder].origin == PageOrigin::Folder
            {
                claimed.folder_redirects.push((folder, href));
                continue;
            }
            let message = format!(
                "the redirect from /{} is left out: the path is already used by {}",
                redirect.from,
                other.describe(site)
            );
            let help = "the old tool wrote its redirect over what was there; remove the entry, or the page it replaces";
            diagnostics.push(at(Rule::DuplicateUrl, message).with_severity(Severity::Warning).with_help(help));
            continue;
        }
        match target {
            Target::Page(id, _) => {
                if href != site.href(id) {
                    claimed.mapped.hrefs.insert(redirect.from.clone(), href);
                }
                claimed.redirects.push((redirect.from.clone(), id));
            }
            Target::Outside(_) => claimed.mapped.to_urls.push((redirect.from.clone(), href)),
        }
    }
}

/// Where a mapped redirect leads in this build.
enum Target<'s> {
    /// A page, at a fragment (`#part` or empty).
    Page(PageId, &'s str),
    /// An address outside.
    Outside(&'s str),
}

/// Where a redirect leads, or `None` with a warning when its page is not in this build:
/// said at the page when the build leaves it out, so that a public build's findings do
/// not name it (`handbook.json` publishes none of that file's).
fn target_of<'s>(site: &Site, redirect: &'s MappedRedirect, diagnostics: &mut Vec<Diagnostic>) -> Option<Target<'s>> {
    let (file, line, column) = &redirect.at;
    let (path, fragment) = match &redirect.to {
        RedirectTo::Url(url) => return Some(Target::Outside(url)),
        RedirectTo::Page { path, fragment } => (path, fragment),
        RedirectTo::SitePath { path, rest } => {
            let decoded = crate::percent::percent_decode(path);
            let page = |path: &str| match site.target_of(path) {
                Some(crate::site::Target::Page(id)) => Some(id),
                _ => None,
            };
            if let Some(id) = page(path).or_else(|| page(&decoded)) {
                return Some(Target::Page(id, rest));
            }
            // A page this build leaves out is not named, and fails no build.
            let folder = format!("{}/", decoded.trim_end_matches('/'));
            let left_out =
                [decoded.as_str(), folder.as_str()].iter().any(|path| site.index.left_out_urls.contains_key(*path));
            let (why, severity) = if left_out {
                ("no page in this build", Severity::Warning)
            } else {
                ("no page of the site", site.config.link_severity)
            };
            let message = format!("the redirect from /{} is left out: it leads to {why}", redirect.from);
            diagnostics
                .push(Diagnostic::error(Rule::BrokenLink, file, *line, *column, message).with_severity(severity));
            return None;
        }
    };
    if let Some(&id) = site.index.by_path.get(path) {
        return Some(Target::Page(id, fragment));
    }
    let diagnostic = if site.index.left_out.contains_key(path) {
        let message = format!(
            "the redirect from /{} ({file}:{line}) to this page is left out: the page is left out of this build",
            redirect.from
        );
        Diagnostic::error(Rule::BrokenLink, format!("{}{path}", site.config.content_prefix()), 0, 0, message)
    } else {
        let message = format!("the redirect from /{} is left out: its page `{path}` does not exist", redirect.from);
        Diagnostic::error(Rule::BrokenLink, file, *line, *column, message)
    };
    diagnostics.push(diagnostic.with_severity(Severity::Warning));
    None
}

/// The link the redirect at `from` writes to page `id`'s `fragment`: the old tool's,
/// else the page's URL.
fn redirect_href(site: &Site, from: &str, id: PageId, fragment: &str) -> String {
    site.old_tool
        .redirect_href(from, &site.pages[id].site_path, fragment)
        .unwrap_or_else(|| format!("{}{fragment}", site.href(id)))
}
