//! Docusaurus's client-redirects plugin (`@docusaurus/plugin-client-redirects`): its
//! `redirects` option lists old pathnames (`from`, one or a list) and where each leads
//! (`to`, a pathname of the site, with a query or fragment, or an address). The plugin
//! writes a page that redirects at `from/index.html`. Read here into the core's
//! [`MappedRedirect`]s, which the core checks against the site's pages and claims.

use super::js_literal::{Js, Located};
use super::js_options::plugin_options;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::outputs::{MappedRedirect, RedirectTo};

/// The plugin's name in a configuration's `plugins` list.
const PLUGIN: &str = "@docusaurus/plugin-client-redirects";

/// How the site's pathnames are read: the site's `trailingSlash` when set, and the
/// route the docs were published under (`docs/`), which opsbook publishes at the root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paths<'a> {
    pub trailing_slash: Option<bool>,
    pub docs_route: Option<&'a str>,
}

impl Paths<'_> {
    /// The site path of a pathname's path (without its `/`): under the docs' route, the
    /// path from there.
    fn in_site(&self, path: &str) -> String {
        match self.docs_route {
            Some(route) if path == route.trim_end_matches('/') => String::new(),
            Some(route) => path.strip_prefix(route).unwrap_or(path).to_string(),
            None => path.to_string(),
        }
    }
}

/// The redirects of every client-redirects plugin in the configuration's text `text`
/// (the file `file`), read with `paths`.
pub(crate) fn redirects(
    text: &str,
    file: &str,
    paths: Paths<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MappedRedirect> {
    let warn = |line, column, message: String| {
        Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(Severity::Warning)
    };
    let all = match plugin_options(text, "\u{0}", PLUGIN) {
        Ok(all) => all,
        Err((line, column, why)) => {
            diagnostics.push(warn(line, column, format!("the redirects plugin's options are not read: {why}")));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for options in all {
        let Js::Object(fields) = &options.value else { continue };
        for (key, value) in fields {
            match (key.as_str(), &value.value) {
                ("redirects", Js::Array(items)) => {
                    for item in items {
                        read_item(item, (file, paths), &mut found, diagnostics);
                    }
                }
                ("fromExtensions" | "toExtensions", Js::Array(items)) if items.is_empty() => {}
                ("redirects" | "fromExtensions" | "toExtensions" | "createRedirects", _) | ("", Js::Dynamic(_)) => {
                    // A method (`createRedirects(path) { … }`) is a field without a key.
                    let name = match &value.value {
                        Js::Dynamic(what) if key.is_empty() => what.as_str(),
                        _ => key.as_str(),
                    };
                    let message =
                        format!("the redirects plugin's `{name}` is not read: the redirects it makes are not written");
                    diagnostics.push(
                        warn(value.line, value.column, message)
                            .with_help("list each redirect in `redirects: [{ from, to }]`, which opsbook reads"),
                    );
                }
                _ => {}
            }
        }
    }
    found
}

/// Reads one `{ from, to }` of `redirects` into `found`.
fn read_item(
    item: &Located,
    (file, paths): (&str, Paths<'_>),
    found: &mut Vec<MappedRedirect>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let warn = |at: &Located, message: String| {
        Diagnostic::error(Rule::ConfigField, file, at.line, at.column, message).with_severity(Severity::Warning)
    };
    let (Some(from), Some(to)) = (item.get("from"), item.get("to")) else {
        diagnostics.push(warn(item, "a redirect needs `from` and `to`: it is left out".to_string()));
        return;
    };
    let Some(to_text) = to.str() else {
        diagnostics.push(warn(to, "`to` is not a string opsbook can read: the redirect is left out".to_string()));
        return;
    };
    let Some(target) = target(to_text, paths) else {
        let message = format!("`to: {to_text:?}` is neither a pathname of the site nor an http(s) address: left out");
        diagnostics.push(warn(to, message));
        return;
    };
    let froms: Vec<&Located> = match &from.value {
        Js::Str(_) => vec![from],
        Js::Array(items) => items.iter().collect(),
        _ => vec![from],
    };
    for from in froms {
        let Some(path) = from.str().and_then(|text| valid_pathname(text).then(|| redirect_path(text, paths))) else {
            let message = format!(
                "`from` {} is not a valid pathname (one that starts with `/`, without a domain or a query): the redirect is left out",
                from.str().map_or_else(|| "is not a string, and".to_string(), |text| format!("{text:?}"))
            );
            diagnostics.push(warn(from, message));
            continue;
        };
        found.push(MappedRedirect { from: path, to: target.clone(), at: (file.to_string(), from.line, from.column) });
    }
}

/// Where `to` leads: a pathname of the site (the site's `trailingSlash` applied, as
/// `collectRedirects` applies it) with its query and fragment, an http(s) address, or a
/// relative one (`createToUrl` writes it as it is).
fn target(to: &str, paths: Paths<'_>) -> Option<RedirectTo> {
    if to.is_empty() || to.chars().any(|c| (c.is_whitespace() && c != ' ') || c.is_control()) {
        return None;
    }
    if let Some(path) = to.strip_prefix('/').filter(|path| !path.starts_with('/')) {
        let (path, rest) = path.find(['?', '#']).map_or((path, ""), |at| path.split_at(at));
        if rest.contains(' ') {
            return None;
        }
        let path = match paths.trailing_slash {
            Some(true) if !path.is_empty() && !path.ends_with('/') => format!("{path}/"),
            Some(false) => path.trim_end_matches('/').to_string(),
            _ => path.to_string(),
        };
        return Some(RedirectTo::SitePath { path: paths.in_site(&path), rest: rest.to_string() });
    }
    if to.contains(' ') || to.starts_with("//") {
        return None;
    }
    let external = crate::compat::interface::is_http_address(to);
    // A relative address has no scheme: nothing before a `:` in its first part.
    let first = to.split(['/', '?', '#']).next().unwrap_or("");
    (external || !first.contains(':')).then(|| RedirectTo::Url(to.to_string()))
}

/// Whether `text` is a pathname as `isValidPathname` (`@docusaurus/utils`) has it: a
/// URL's own path, starting with one `/`, that `new URL` keeps as it is (no query, no
/// fragment, no `.` or `..` part, nothing it would percent-encode).
pub(crate) fn valid_pathname(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('/') else { return false };
    !rest.starts_with('/')
        && !rest.split('/').any(|part| part == "." || part == "..")
        && text.chars().all(|c| c.is_ascii_graphic() && !"?#\"<>\\^`{|}".contains(c))
}

/// The site path the plugin writes the redirect of pathname `from` at
/// (`getRedirectFilePath`): `from/index.html`, as a folder's page, unless the site sets
/// `trailingSlash: false` and `from` ends in `.html`: then the file `from.html`.
pub(crate) fn redirect_path(from: &str, paths: Paths<'_>) -> String {
    let path = paths.in_site(from.trim_matches('/'));
    if paths.trailing_slash == Some(false) && path.ends_with(".html") {
        return format!("{path}.html");
    }
    if path.is_empty() { String::new() } else { format!("{path}/") }
}

#[cfg(test)]
#[path = "redirects_tests.rs"]
mod tests;
