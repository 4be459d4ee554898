//! Where Hugo writes a page's alias (`hugolib/page__output.go`, then
//! `aliasHandler.targetPathAlias` in `hugolib/alias.go`): a relative alias is joined to
//! the folder above the page's URL, the path is cleaned as Go's `path.Clean` does (a
//! `..` at the root stays there), and any name a file can have is kept, `:`, spaces and
//! `*` among them (Hugo only logs those that Windows refuses). Refused, as Hugo refuses
//! them: an empty alias, one that is the site's root, one that still climbs above it,
//! and an `http://` or `https://` URL (`hugolib/page__meta.go`).
//!
//! opsbook reads `%XX` escapes as the characters they stand for, and leaves out an alias
//! whose name no request reaches (`?`, `#`, `\`, a control character), where Hugo writes
//! a file a browser never asks for.

use crate::site_path::{self, MAX_PATH_BYTES, PathProblem};

/// The site path of alias `alias` of the page at `page_site_path`, as Hugo writes it.
pub(crate) fn alias_path(page_site_path: &str, alias: &str) -> Result<String, PathProblem> {
    if alias.starts_with("http://") || alias.starts_with("https://") {
        return Err(PathProblem::Scheme);
    }
    if alias.is_empty() || alias.starts_with('/') {
        return target_path(alias);
    }
    let page = page_site_path.trim_end_matches('/');
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    target_path(&clean(&format!("/{folder}/{alias}")))
}

/// `targetPathAlias` of an alias as written: its site path (a folder's ends in `/`).
pub(crate) fn target_path(alias: &str) -> Result<String, PathProblem> {
    if alias.is_empty() {
        return Err(PathProblem::EmptySegment);
    }
    let alias = clean(alias);
    if alias == "/" {
        return Err(PathProblem::Root);
    }
    if alias.split('/').next() == Some("..") {
        return Err(PathProblem::Parent);
    }
    let decoded = crate::percent::percent_decode(alias.trim_start_matches('/'));
    if let Some(c) = decoded.chars().find(|&c| c.is_control() || matches!(c, '?' | '#' | '\\')) {
        return Err(PathProblem::Unreachable(c));
    }
    decoded.split('/').try_for_each(site_path::check_segment)?;
    let last = decoded.rsplit('/').next().unwrap_or("");
    let extension = last.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
    let is_page_file = matches!(extension.as_deref(), Some("html" | "htm"));
    let mut path = decoded;
    if !is_page_file {
        path.push('/');
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(PathProblem::PathTooLong(path.len()));
    }
    Ok(path)
}

/// Go's `path.Clean`: `.` and empty segments dropped, `..` folded (kept at the start of a
/// relative path, dropped at the root of a rooted one), no trailing `/`; `.` for nothing.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => drop(parts.pop()),
            ".." if rooted => {}
            part => parts.push(part),
        }
    }
    match (rooted, parts.is_empty()) {
        (true, _) => format!("/{}", parts.join("/")),
        (false, true) => ".".to_string(),
        (false, false) => parts.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `TestTargetPathHTMLRedirectAlias`, hugolib/alias_test.go (gohugoio/hugo@7b5199fd),
    /// on Linux: the file Hugo writes (`alias_file` of the site path), or `None` for an
    /// error. Three rows Hugo writes a file for are left out by opsbook, which no URL
    /// reaches: a tab, `?…#…` (a query and a fragment), `C:\Windows` (a browser reads
    /// `\` as `/`).
    #[test]
    fn hugo_s_alias_table() {
        let rows: [(&str, Option<&str>); 18] = [
            ("", None),
            ("s", Some("s/index.html")),
            ("/", None),
            ("alias 1", Some("alias 1/index.html")),
            ("alias 2/", Some("alias 2/index.html")),
            ("alias 3.html", Some("alias 3.html")),
            ("alias4.html", Some("alias4.html")),
            ("/alias 5.html", Some("alias 5.html")),
            ("/трям.html", Some("трям.html")),
            ("../../../../tmp/passwd", None),
            ("/foo/../../../../tmp/passwd", Some("tmp/passwd/index.html")),
            ("foo/../../../../tmp/passwd", None),
            ("C:\\Windows", None),
            ("/trailing-space /", Some("trailing-space /index.html")),
            ("/trailing-period./", Some("trailing-period./index.html")),
            ("/tab\tseparated/", None),
            ("/chrome/?p=help&ctx=keyboard#topic=3227046", None),
            ("/LPT1/Printer/", Some("LPT1/Printer/index.html")),
        ];
        let mut wrong = Vec::new();
        for (alias, file) in rows {
            let got = target_path(alias).ok().map(|path| site_path::alias_file(&path));
            if got.as_deref() != file {
                wrong.push(format!("{alias:?}: {got:?}, expected {file:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        let unreachable = ["C:\\Windows", "/tab\tseparated/", "/chrome/?p=help&ctx=keyboard#topic=3227046"];
        for alias in unreachable {
            assert!(matches!(target_path(alias), Err(PathProblem::Unreachable(_))), "{alias:?}");
        }
    }

    #[test]
    fn a_page_s_alias_is_joined_to_the_folder_above_its_url_and_keeps_any_name() {
        let path = |page, alias| alias_path(page, alias);
        assert_eq!(path("a/b/", "old/").unwrap(), "a/old/");
        assert_eq!(path("a/b/", "../../../x").unwrap(), "x/");
        assert_eq!(path("p/", "/https://example.com/old/").unwrap(), "https:/example.com/old/");
        assert_eq!(path("p/", "/a*b|c/").unwrap(), "a*b|c/");
        assert_eq!(path("p/", "/old%C3%A9/").unwrap(), "oldé/");
        assert_eq!(path("p/", "https://example.com/old/"), Err(PathProblem::Scheme));
        assert_eq!(path("p/", "/.."), Err(PathProblem::Root));
    }

    #[test]
    fn cleans_as_go_does() {
        for (path, clean_path) in [
            ("", "."),
            ("/", "/"),
            ("a/../..", ".."),
            ("../a/./b/", "../a/b"),
            ("/../a//b/..", "/a"),
            ("a/b/../../..", ".."),
        ] {
            assert_eq!(clean(path), clean_path, "{path:?}");
        }
    }
}
