//! A doc's `slug` as Docusaurus's docs plugin reads it (`getSlug`, in
//! `packages/docusaurus-plugin-content-docs/src/slug.ts`): a slug that starts with `/`
//! is the doc's path from the docs' root; any other is read from the doc's folder (its
//! number prefixes stripped), `.` and `..` resolved and never above the root. A slug
//! of one name (`intro`) is the page's own segment, as opsbook reads every `slug`; only
//! a path (`/abc/def`, `abc/def`, `../x`) is resolved here.
//!
//! The docs' root is the content folder, or the mounted folder a doc is in (a version of
//! the docs, [`super::versions`]); each name becomes a segment as the site's do. A slug
//! that names a folder at or above the doc (`slug: /` from `docs/a/intro.md`, the docs'
//! home) makes the doc that folder's page, and a doc with a slug is no conventional doc
//! index (`index.md`, `README.md`), as `getSlug` reads one only without a slug
//! ([`crate::compat::page_urls`]).

/// The site path (ending in `/`, `""` for the root) of the doc at content path `path`
/// whose `slug` is `slug`, when the slug is a path; `roots` the mounted folders, each
/// a docs root; `segment` makes a name a URL segment, `strip` says whether folder names
/// lose their number prefixes.
pub(crate) fn slug_path(
    slug: &str,
    path: &str,
    roots: &[String],
    strip: bool,
    segment: impl Fn(&str) -> String,
) -> Option<String> {
    let slug = slug.trim();
    if !slug.contains('/') {
        return None;
    }
    let root = docs_root(path, roots);
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let inside = dir.strip_prefix(root).unwrap_or(dir);
    let named = |name: &str| segment(crate::content::prefix::strip_number_prefix(name, strip));
    let mut parts: Vec<String> = Vec::new();
    if !slug.starts_with('/') {
        parts.extend(inside.split('/').filter(|name| !name.is_empty()).map(named));
    }
    for name in slug.split('/') {
        match name {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            name => parts.push(segment(name)),
        }
    }
    let base = root.split('/').filter(|name| !name.is_empty()).map(|name| format!("{}/", segment(name)));
    Some(base.chain(parts.iter().map(|part| format!("{part}/"))).collect())
}

/// The docs root `path` (a content path, a file's or a folder's) is in: the longest of
/// the mounted folders `roots` that holds it or is it, else `""` (the content folder).
pub(crate) fn docs_root<'a>(path: &str, roots: &'a [String]) -> &'a str {
    roots
        .iter()
        .filter(|root| !root.is_empty())
        .filter(|root| path.strip_prefix(root.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
        .max_by_key(|root| root.len())
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_a_path_from_the_docs_root_of_a_mounted_version() {
        let roots = ["v1".to_string()];
        let plain = |name: &str| name.to_lowercase();
        assert_eq!(slug_path("/abc/def", "v1/dir/doc.md", &roots, true, plain).as_deref(), Some("v1/abc/def/"));
        assert_eq!(slug_path("../x", "v1/02-dir/doc.md", &roots, true, plain).as_deref(), Some("v1/x/"));
        assert_eq!(slug_path("y/x", "v1/02-dir/doc.md", &roots, true, plain).as_deref(), Some("v1/dir/y/x/"));
        assert_eq!(slug_path("intro", "dir/doc.md", &roots, true, plain), None);
        assert_eq!(slug_path("/", "dir/doc.md", &roots, true, plain).as_deref(), Some(""));
    }
}
