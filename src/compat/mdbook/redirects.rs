//! mdBook's `[output.html.redirect]`: each key is the file of an old page, from the
//! book's root (`/appendices/bibliography.html`), and its value where the redirect
//! leads, read from the old page's folder (`../new.html`) or an address; mdBook writes
//! a page that redirects at the key's path (`hbs_renderer.rs`, `emit_redirects`).
//! Read here into the core's [`MappedRedirect`]s; the core claims and writes them. An
//! entry with a fragment (`/page.html#old`) is redirected by a script of mdBook's on
//! that page, which opsbook does not write.

use crate::config::BookRedirect;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::outputs::{MappedRedirect, RedirectTo};

/// The redirects of `[output.html.redirect]` (`entries`), in book.toml (`file`).
pub(crate) fn redirects(
    entries: &[BookRedirect],
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MappedRedirect> {
    let warn = |(line, column): (usize, usize), message: String| {
        Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(Severity::Warning)
    };
    let fragments: Vec<&BookRedirect> = entries.iter().filter(|entry| entry.from.contains('#')).collect();
    if let Some(first) = fragments.first() {
        let (s, are) = if fragments.len() == 1 { ("", "is") } else { ("s", "are") };
        let message = format!(
            "{} redirect{s} of a fragment (`{}`) {are} not written: mdBook redirects those with a script on the page",
            fragments.len(),
            first.from
        );
        diagnostics.push(warn(first.at, message).with_severity(Severity::Note));
    }
    let mut redirects = Vec::new();
    for entry in entries.iter().filter(|entry| !entry.from.contains('#')) {
        let Some(to) = entry.to.as_deref() else {
            diagnostics
                .push(warn(entry.at, format!("the redirect of `{}` leads to no text: it is left out", entry.from)));
            continue;
        };
        if to.chars().any(|c| c.is_whitespace() || c.is_control()) {
            let message =
                format!("the redirect from `{}` is left out: {to:?} holds a space or a control character", entry.from);
            diagnostics.push(warn(entry.at, message));
            continue;
        }
        let from = entry.from.trim_start_matches('/');
        let scheme = to.split(['/', '#', '?']).next().is_some_and(|first| first.contains(':'));
        let target = if crate::compat::interface::is_http_address(to) {
            Ok(RedirectTo::Url(to.to_string()))
        } else if scheme {
            Err(format!("`{to}` is neither a path of the book nor an http address"))
        } else {
            site_path(from, to)
                .map(|(path, rest)| RedirectTo::SitePath { path, rest })
                .ok_or_else(|| format!("`{to}` climbs above the book's root"))
        };
        let to = match target {
            Ok(to) => to,
            Err(why) => {
                diagnostics.push(warn(entry.at, format!("the redirect from `{}` is left out: {why}", entry.from)));
                continue;
            }
        };
        redirects.push(MappedRedirect { from: from.to_string(), to, at: (file.to_string(), entry.at.0, entry.at.1) });
    }
    redirects
}

/// The site path that `to`, written in the redirect at site path `from`, leads to, and
/// what follows it (`#part`, `?query`): read from `from`'s folder unless it starts with
/// `/`. `None` when it climbs above the book's root.
fn site_path(from: &str, to: &str) -> Option<(String, String)> {
    let split = to.find(['#', '?']).unwrap_or(to.len());
    let (path, rest) = to.split_at(split);
    let folder = if path.starts_with('/') { "" } else { from.rsplit_once('/').map_or("", |(folder, _)| folder) };
    // The old page's own folder may climb too (`/../old.html`).
    let folder = crate::site_path::join_relative("", folder)?;
    Some((crate::site_path::join_relative(&folder, path)?, rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(from: &str, to: Option<&str>) -> BookRedirect {
        BookRedirect { from: from.to_string(), to: to.map(str::to_string), at: (9, 1) }
    }

    /// The entries of mdBook's guide (`guide/src/format/configuration/renderers.md`,
    /// `[output.html.redirect]`, commit 641d06ab) and its test book
    /// (`tests/testsuite/redirects`): a file of the root to an address, a nested file to a
    /// page relative to it, fragments.
    #[test]
    fn reads_mdbook_s_redirect_table() {
        let mut diagnostics = Vec::new();
        let entries = [
            entry(
                "/appendices/bibliography.html",
                Some("https://rustc-dev-guide.rust-lang.org/appendix/bibliography.html"),
            ),
            entry("/other-installation-methods.html", Some("../infra/other-installation-methods.html")),
            entry("/tasks/upgrade.html", Some("../guide/upgrade.html#steps")),
            entry("/agenda.html", Some("/meetings/agenda.html")),
            entry("/some-existing-page.html#old-fragment", Some("some-existing-page.html#new-fragment")),
            entry("/gone.html", Some("javascript:alert(1)")),
            entry("/list.html", None),
        ];
        let found = redirects(&entries, "book.toml", &mut diagnostics);
        let to = |i: usize| &found[i].to;
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].from, "appendices/bibliography.html");
        assert!(matches!(to(0), RedirectTo::Url(url) if url.starts_with("https://rustc-dev-guide")));
        assert_eq!(found[1].from, "tasks/upgrade.html");
        assert_eq!(to(1), &RedirectTo::SitePath { path: "guide/upgrade.html".into(), rest: "#steps".into() });
        assert_eq!(to(2), &RedirectTo::SitePath { path: "meetings/agenda.html".into(), rest: String::new() });
        // Above the root, another scheme, no text: warnings; the fragment: one note.
        let messages: Vec<(&str, Severity)> = diagnostics.iter().map(|d| (d.message.as_str(), d.severity)).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert_eq!(messages[0].1, Severity::Note);
        assert!(messages[0].0.contains("1 redirect of a fragment"), "{messages:?}");
        assert!(
            messages.iter().any(|(m, _)| m.contains("`/other-installation-methods.html` is left out")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|(m, _)| m.contains("`javascript:alert(1)` is neither")), "{messages:?}");
        assert!(messages.iter().any(|(m, _)| m.contains("`/list.html` leads to no text")), "{messages:?}");
    }

    /// What each refused entry says: a target above the root, one with a space.
    #[test]
    fn says_why_an_entry_is_left_out() {
        let mut diagnostics = Vec::new();
        let entries = [entry("/a/old.html", Some("../../up.html")), entry("/b.html", Some("new page.html"))];
        assert!(redirects(&entries, "book.toml", &mut diagnostics).is_empty());
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the redirect from `/a/old.html` is left out: `../../up.html` climbs above the book's root",
                "the redirect from `/b.html` is left out: \"new page.html\" holds a space or a control character",
            ]
        );
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning && (d.line, d.column) == (9, 1)));
    }
}
