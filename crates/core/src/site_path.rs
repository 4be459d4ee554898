//! Site paths: where a file sits in the built site (`runbooks/db/index.html`), the one
//! function that turns one into a file path in an output folder, and
//! [`join_relative`], which follows a relative link from a folder.
//!
//! A site path is relative and `/`-separated; no segment is empty, `.` or `..`, holds a
//! control character, or is longer than [`MAX_SEGMENT_BYTES`] (the file-name limit of
//! common file systems). Every writer ([`output_file`], the dev server's memory) goes
//! through [`check`], so no user text is joined onto a folder by hand: a path that would
//! climb out of the output is refused, never written.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fmt;

/// The longest segment (file or folder name) of a site path, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 255;
/// The longest site path, in bytes: systems refuse paths longer than 4,096 bytes, and the
/// output folder's own path comes before it.
pub const MAX_PATH_BYTES: usize = 2048;

/// Why a text is not a usable site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// It starts with `/`.
    Absolute,
    /// A segment is `..`: the path climbs out of the site.
    Parent,
    /// A segment is empty or `.`.
    EmptySegment,
    /// It holds a control character, or (in an alias) whitespace.
    Character(char),
    /// It holds a character that has another meaning in a URL (alias only).
    UrlSyntax(char),
    /// It starts with a scheme (`https:`) or `//`: a URL of another site (alias only).
    Scheme,
    /// A segment is longer than [`MAX_SEGMENT_BYTES`].
    TooLong(usize),
    /// The whole path is longer than [`MAX_PATH_BYTES`].
    PathTooLong(usize),
    /// It is the site's root, where the home page is.
    Root,
    /// It names a file no request reaches (`?`, `#`, `\`, a control character), which an
    /// old tool writes (alias only).
    Unreachable(char),
    /// A name that is a folder by itself is [`INDEX_FILE`], the file of a folder's page.
    IndexFile,
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathProblem::Absolute => f.write_str("it is an absolute path"),
            PathProblem::Parent => f.write_str("its `..` climbs above the site's root"),
            PathProblem::EmptySegment => f.write_str("it has an empty or `.` segment"),
            PathProblem::Character(c) if c.is_whitespace() && !c.is_control() => {
                write!(f, "it contains whitespace (U+{:04X})", *c as u32)
            }
            PathProblem::Character(c) => write!(f, "it contains the control character U+{:04X}", *c as u32),
            PathProblem::UrlSyntax(c) => write!(f, "it contains `{c}`, which a URL path cannot hold"),
            PathProblem::Scheme => f.write_str("it is the URL of another site (a scheme such as `https:`, or `//`)"),
            PathProblem::TooLong(bytes) => {
                write!(f, "a segment is {bytes} bytes long, more than the {MAX_SEGMENT_BYTES} a file name may have")
            }
            PathProblem::PathTooLong(bytes) => {
                write!(f, "it is {bytes} bytes long, more than the {MAX_PATH_BYTES} a path in the site may have")
            }
            PathProblem::Root => f.write_str("it is the site's root, the home page's URL"),
            PathProblem::Unreachable(c) => {
                write!(f, "no request reaches a file whose name holds {c:?} (U+{:04X})", *c as u32)
            }
            PathProblem::IndexFile => write!(f, "it is `{INDEX_FILE}`, the file of a folder's page"),
        }
    }
}

/// Checks one segment (a file or folder name).
pub fn check_segment(segment: &str) -> Result<(), PathProblem> {
    match segment {
        "" | "." => return Err(PathProblem::EmptySegment),
        ".." => return Err(PathProblem::Parent),
        _ => {}
    }
    if let Some(c) = segment.chars().find(|c| c.is_control()) {
        return Err(PathProblem::Character(c));
    }
    if segment.len() > MAX_SEGMENT_BYTES {
        return Err(PathProblem::TooLong(segment.len()));
    }
    Ok(())
}

/// The file a folder's page is written to (`runbooks/` -> `runbooks/index.html`).
pub const INDEX_FILE: &str = "index.html";

/// Checks a name that is a folder of the site by itself and is written into URLs as it
/// is, with nothing escaped (an alert's `alerts/<name>/`): a segment ([`check_segment`])
/// without whitespace and without `%`, `?`, `#`, `\` or `/`, which a URL reads as an
/// escape, a query, a fragment or another folder; and not [`INDEX_FILE`], whose folder
/// would be where its parent's page is written.
pub fn check_folder_name(name: &str) -> Result<(), PathProblem> {
    check_segment(name)?;
    if let Some(c) = name.chars().find(|c| c.is_whitespace()) {
        return Err(PathProblem::Character(c));
    }
    if let Some(c) = name.chars().find(|c| matches!(c, '%' | '?' | '#' | '\\' | '/')) {
        return Err(PathProblem::UrlSyntax(c));
    }
    if name.eq_ignore_ascii_case(INDEX_FILE) {
        return Err(PathProblem::IndexFile);
    }
    Ok(())
}

/// Checks a site path that names a file (`runbooks/db/index.html`).
pub fn check(site_path: &str) -> Result<(), PathProblem> {
    if site_path.starts_with('/') {
        return Err(PathProblem::Absolute);
    }
    site_path.split('/').try_for_each(check_segment)?;
    if site_path.len() > MAX_PATH_BYTES {
        return Err(PathProblem::PathTooLong(site_path.len()));
    }
    Ok(())
}

/// The file of `site_path` inside the output folder `dir`: the only place where a site
/// path is joined onto a folder. Refuses any path that [`check`] refuses.
pub fn output_file(dir: &crate::fs::OwnFolder, site_path: &str) -> anyhow::Result<crate::fs::Confined> {
    let refuse =
        |problem: &dyn std::fmt::Display| anyhow::anyhow!("refusing to write {site_path:?} in the output: {problem}");
    check(site_path).map_err(|problem| refuse(&problem))?;
    dir.file(site_path).ok_or_else(|| refuse(&"it is no plain relative path"))
}

/// The site path of an alias as written (`/old/path`, `old/page.html`, `/old%20name/`):
/// `old/path/`, `old/page.html`, `old name/`; `""` is the home page. See the module
/// documentation for the rules.
pub fn normalise_alias(alias: &str) -> Result<String, PathProblem> {
    normalise(alias, false)
}

/// [`normalise_alias`], a `..` at the root staying there when `clamp` is set.
fn normalise(alias: &str, clamp: bool) -> Result<String, PathProblem> {
    let decoded = crate::percent::percent_decode(alias.trim());
    if let Some(c) = decoded.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(PathProblem::Character(c));
    }
    if let Some(c) = decoded.chars().find(|c| matches!(c, '\\' | '?' | '#')) {
        return Err(PathProblem::UrlSyntax(c));
    }
    let first = decoded.trim_start_matches('/').split('/').next().unwrap_or("");
    if decoded.starts_with("//") || first.contains(':') {
        return Err(PathProblem::Scheme);
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() && !clamp {
                    return Err(PathProblem::Parent);
                }
            }
            _ => {
                check_segment(segment)?;
                segments.push(segment);
            }
        }
    }
    let mut path = segments.join("/");
    if path.len() > MAX_PATH_BYTES {
        return Err(PathProblem::PathTooLong(path.len()));
    }
    let last = segments.last().map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    let is_file = (last.ends_with(".html") || last.ends_with(".htm")) && !decoded.ends_with('/');
    if !path.is_empty() && !is_file {
        path.push('/');
    }
    Ok(path)
}

/// The site path of the alias `alias` of the page at `page_site_path` (`ops/db/`): from
/// the root when it starts with `/` (or names another site, which [`normalise_alias`]
/// refuses), else from the folder the page's URL is in (see the module documentation);
/// a `..` at the root staying there when `clamp` is set, as the old
/// tools write an alias: Hugo joins it with Go's `path.Join` (`hugolib/site_render.go`,
/// `renderAliases`), which cannot climb above `/`, and Jekyll writes every file inside
/// its destination (`Jekyll.sanitized_path`). Without `clamp` such a `..` is an error.
pub fn resolve_alias_with(page_site_path: &str, alias: &str, clamp: bool) -> Result<String, PathProblem> {
    let written = alias.trim();
    let first = written.split('/').next().unwrap_or("");
    if written.starts_with('/') || first.contains(':') || crate::percent::percent_decode(first).contains(':') {
        return normalise(written, clamp);
    }
    let page = page_site_path.trim_end_matches('/');
    match page.rsplit_once('/') {
        Some((folder, _)) => normalise(&format!("/{folder}/{written}"), clamp),
        None => normalise(&format!("/{written}"), clamp),
    }
}

/// The file that a page or the redirect page of an alias at a site path is written
/// to: `old/` -> `old/index.html`, `old.html` -> `old.html`.
pub fn alias_file(alias: &str) -> String {
    if alias.is_empty() || alias.ends_with('/') { format!("{alias}{INDEX_FILE}") } else { alias.to_string() }
}

/// `path` (a content path) from inside folder `dir`: `docs/a/b.md` in `docs` is `a/b.md`;
/// `None` when it is not below `dir`; every path is inside `""`.
pub fn inside<'p>(dir: &str, path: &'p str) -> Option<&'p str> {
    match dir {
        "" => Some(path),
        dir => path.strip_prefix(dir)?.strip_prefix('/'),
    }
}

/// Joins a relative link path onto a folder (of `content/`, or a page's site path),
/// folding `.` and `..`; `None` when it climbs above the top. A trailing `/` is kept.
pub fn join_relative(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// A site path as it is written in a URL: every byte outside the characters a URL path
/// may hold as they are is `%XX`-escaped (so `_redirects` lines keep their format).
pub fn percent_encode(site_path: &str) -> String {
    static PATH: percent_encoding::AsciiSet = crate::percent::keeping(b"-._~!$&'()*+,;=:@/");
    crate::percent::percent_encode(site_path, &PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clamped_alias_stays_at_the_root_as_go_s_path_join_does() {
        assert_eq!(resolve_alias_with("404/", "../404.html", true).unwrap(), "404.html");
        assert_eq!(resolve_alias_with("a/b/", "/../../x/", true).unwrap(), "x/");
        assert!(resolve_alias_with("404/", "../404.html", false).is_err());
        assert!(resolve_alias_with("404/", "../a\\b", true).is_err(), "other rules still hold");
    }

    #[test]
    fn resolves_relative_aliases_from_the_folder_of_the_page_url() {
        assert_eq!(
            resolve_alias_with("docs/concepts/libraries/", "../instrumenting-library", false).unwrap(),
            "docs/instrumenting-library/"
        );
        assert_eq!(resolve_alias_with("docs/go/instrumentation/", "manual", false).unwrap(), "docs/go/manual/");
        assert_eq!(resolve_alias_with("runbooks/db/", "legacy/db.html", false).unwrap(), "runbooks/legacy/db.html");
        assert_eq!(resolve_alias_with("docs/a/", "/old/", false).unwrap(), "old/");
        assert_eq!(resolve_alias_with("", "old", false).unwrap(), "old/");
        assert_eq!(resolve_alias_with("api/", "api-docs", false).unwrap(), "api-docs/");
        assert_eq!(resolve_alias_with("a/", "../../x/", false), Err(PathProblem::Parent));
        assert_eq!(resolve_alias_with("docs/a/", "javascript:alert(1)/", false), Err(PathProblem::Scheme));
        assert_eq!(resolve_alias_with("docs/a/", "https%3A/x", false), Err(PathProblem::Scheme));
    }

    #[test]
    fn accepts_ordinary_site_paths() {
        assert_eq!(check("runbooks/db/index.html"), Ok(()));
        assert_eq!(check("日本語/index.html"), Ok(()));
        let out = crate::fs::OwnFolder::test("/out");
        assert_eq!(output_file(&out, "a/b.css").unwrap().path(), std::path::Path::new("/out/a/b.css"));
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        assert_eq!(check("/etc/passwd"), Err(PathProblem::Absolute));
        assert_eq!(check("../x"), Err(PathProblem::Parent));
        assert_eq!(check("a/../../x"), Err(PathProblem::Parent));
        assert_eq!(check("a//b"), Err(PathProblem::EmptySegment));
        assert_eq!(check("a/./b"), Err(PathProblem::EmptySegment));
        assert_eq!(check(""), Err(PathProblem::EmptySegment));
        assert_eq!(check("a\nb"), Err(PathProblem::Character('\n')));
        assert_eq!(check(&"x".repeat(256)), Err(PathProblem::TooLong(256)));
        assert!(output_file(&crate::fs::OwnFolder::test("/out"), "../../tmp/x").is_err());
    }

    #[test]
    fn normalises_aliases() {
        assert_eq!(normalise_alias("/kubememquotaovercommit/").unwrap(), "kubememquotaovercommit/");
        assert_eq!(normalise_alias("old/page").unwrap(), "old/page/");
        assert_eq!(normalise_alias("/old/page.html").unwrap(), "old/page.html");
        assert_eq!(normalise_alias("/").unwrap(), "");
        assert_eq!(normalise_alias("/./p/").unwrap(), "p/");
        assert_eq!(normalise_alias("p/./").unwrap(), "p/");
        assert_eq!(normalise_alias("/p/../p/").unwrap(), "p/");
        assert_eq!(normalise_alias("/p/index.html/").unwrap(), "p/index.html/");
        assert_eq!(normalise_alias("/old%C3%A9/").unwrap(), "oldé/");
    }

    #[test]
    fn refuses_aliases_that_escape_or_inject() {
        assert_eq!(normalise_alias("../../../tmp/x/"), Err(PathProblem::Parent));
        assert_eq!(normalise_alias("/../escape.html"), Err(PathProblem::Parent));
        assert_eq!(normalise_alias("/%2e%2e/escape.html"), Err(PathProblem::Parent));
        assert_eq!(normalise_alias("/a\n/* https://evil.example/:splat 301!"), Err(PathProblem::Character('\n')));
        assert_eq!(normalise_alias("/a b/"), Err(PathProblem::Character(' ')));
        assert_eq!(normalise_alias("/a%20b/"), Err(PathProblem::Character(' ')));
        assert_eq!(normalise_alias("javascript:alert(1)/"), Err(PathProblem::Scheme));
        assert_eq!(normalise_alias("https:/evil.example/"), Err(PathProblem::Scheme));
        assert_eq!(normalise_alias("//evil.example/"), Err(PathProblem::Scheme));
        assert_eq!(normalise_alias("/a?b"), Err(PathProblem::UrlSyntax('?')));
        assert_eq!(normalise_alias(&format!("/{}/", "x".repeat(300))), Err(PathProblem::TooLong(300)));
        let deep = format!("/{}/", vec!["y".repeat(250); 20].join("/"));
        assert_eq!(normalise_alias(&deep), Err(PathProblem::PathTooLong(deep.len() - 2)));
        assert_eq!(check(&deep[1..deep.len() - 1]), Err(PathProblem::PathTooLong(deep.len() - 2)));
    }

    #[test]
    fn refuses_folder_names_a_url_would_read_otherwise() {
        assert_eq!(check_folder_name("KubePodCrashLooping"), Ok(()));
        assert_eq!(check_folder_name("Überlast"), Ok(()));
        assert_eq!(check_folder_name("a%2Fb"), Err(PathProblem::UrlSyntax('%')));
        assert_eq!(check_folder_name("a?b"), Err(PathProblem::UrlSyntax('?')));
        assert_eq!(check_folder_name("a/b"), Err(PathProblem::UrlSyntax('/')));
        assert_eq!(check_folder_name("a b"), Err(PathProblem::Character(' ')));
        assert_eq!(check_folder_name("index.html"), Err(PathProblem::IndexFile));
        assert_eq!(check_folder_name("INDEX.HTML"), Err(PathProblem::IndexFile));
        assert_eq!(check_folder_name(".."), Err(PathProblem::Parent));
        assert_eq!(check_folder_name(&"A".repeat(256)), Err(PathProblem::TooLong(256)));
    }

    #[test]
    fn percent_encodes_what_a_url_path_cannot_hold() {
        assert_eq!(percent_encode("old/page/"), "old/page/");
        assert_eq!(percent_encode("oldé/"), "old%C3%A9/");
        assert_eq!(percent_encode("100%/"), "100%25/");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_relative("runbooks", "db.md").as_deref(), Some("runbooks/db.md"));
        assert_eq!(join_relative("runbooks/db", "../../rca/x.md").as_deref(), Some("rca/x.md"));
        assert_eq!(join_relative("", "./a/").as_deref(), Some("a/"));
        assert_eq!(join_relative("runbooks", "../..//x.md"), None);
    }
}
