//! `opsbook routes`: every page's source file and URL, for review apps. `human` prints
//! `source -> URL` lines, `json` an array, and `gitlab` GitLab's route map
//! (`.gitlab/route-map.yml`), with which a merge request's "View app" opens the page
//! of a changed file: one exact entry per page, sources from the repository's root.

use std::fmt::Write as _;

use serde::Serialize;

use super::pages::PageEntry;

#[derive(Serialize)]
struct Route<'a> {
    source: Option<&'a str>,
    repository_source: Option<String>,
    path: &'a str,
    url: &'a str,
    title: &'a str,
}

/// The source of a page from the repository's root, `prefix` being the handbook's
/// folder there (`handbook/`, or `""`).
fn repository_source(prefix: &str, page: &PageEntry) -> Option<String> {
    page.source.as_ref().map(|source| format!("{prefix}{source}"))
}

/// One `content/x.md -> /x/` line per page; generated section pages show `(generated)`.
pub(crate) fn human(pages: &[PageEntry]) -> String {
    let mut out = String::new();
    for page in pages {
        let _ = writeln!(out, "{} -> {}", page.source.as_deref().unwrap_or("(generated)"), page.url);
    }
    out
}

/// One JSON array, one object per page.
pub(crate) fn json(pages: &[PageEntry], prefix: &str) -> String {
    let routes: Vec<Route<'_>> = pages
        .iter()
        .map(|page| Route {
            source: page.source.as_deref(),
            repository_source: repository_source(prefix, page),
            path: &page.path,
            url: &page.url,
            title: &page.title,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&routes).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// GitLab's route map: `- source: 'handbook/content/x.md'` / `  public: 'x/'` for every
/// page with a file; the home page's public path is `index.html`, as an empty one would
/// not open it.
pub(crate) fn gitlab(pages: &[PageEntry], prefix: &str) -> String {
    let mut out = String::from("# The route map of GitLab review apps, written by `opsbook routes --format gitlab`.\n");
    for page in pages {
        let Some(source) = repository_source(prefix, page) else { continue };
        let public = if page.path.is_empty() { "index.html" } else { page.path.as_str() };
        let _ = writeln!(out, "- source: {}\n  public: {}", quote(&source), quote(public));
    }
    out
}

/// A YAML single-quoted scalar.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, source: Option<&str>) -> PageEntry {
        PageEntry {
            path: path.into(),
            url: format!("/h/{path}"),
            source: source.map(str::to_string),
            title: "T".into(),
            aliases: Vec::new(),
            fingerprint: String::new(),
            similarity: String::new(),
        }
    }

    #[test]
    fn writes_a_route_map_with_exact_paths() {
        let pages =
            [page("", Some("content/_index.md")), page("ops/", None), page("ops/it's/", Some("content/ops/it's.md"))];
        assert_eq!(
            gitlab(&pages, "handbook/"),
            "# The route map of GitLab review apps, written by `opsbook routes --format gitlab`.\n\
             - source: 'handbook/content/_index.md'\n  public: 'index.html'\n\
             - source: 'handbook/content/ops/it''s.md'\n  public: 'ops/it''s/'\n"
        );
        assert_eq!(human(&pages[..2]), "content/_index.md -> /h/\n(generated) -> /h/ops/\n");
    }
}
