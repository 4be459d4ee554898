//! Jekyll's `{% post_url %}`: the post a name (`2008-11-21-complex`, `es/2008-11-21-nested`)
//! names, as `Jekyll::Tags::PostComparer` compares it with each post's path:
//!
//! 1. the name is a folder path, a date and a slug (`[path/]YYYY-MM-DD-slug`);
//! 2. a post matches when its path is `_posts/{path}{date}-{slug}.{ext}` or
//!    `{path}_posts/{date}-{slug}.{ext}`, whatever its extension (`.md`, `.markdown`);
//! 3. else, as Jekyll's deprecated fallback, the first post of that date and slug in
//!    any folder.

/// The content path of the post `name` names among the pages `paths`, the first in
/// path order when several match (Jekyll returns the first of its sorted posts); a
/// post's path is compared from `collections_dir`, where the posts are.
pub(crate) fn find<'a>(paths: impl Iterator<Item = &'a str>, name: &str, collections_dir: &str) -> Option<String> {
    let (folder, date, slug) = split_name(name)?;
    let base = format!("{date}-{slug}.");
    let exact = [format!("_posts/{folder}{base}"), format!("{folder}_posts/{base}"), format!("{folder}_posts{base}")];
    let mut exact_found: Option<&str> = None;
    let mut loose_found: Option<&str> = None;
    let inside = |path: &'a str| crate::site_path::inside(collections_dir, path);
    for (path, relative) in paths.filter_map(|path| Some((path, inside(path)?))) {
        let first = |found: Option<&'a str>| Some(found.map_or(path, |f| f.min(path)));
        if exact.iter().any(|prefix| has_extension_after(relative, prefix)) {
            exact_found = first(exact_found);
        } else if is_post(relative) && has_extension_after(relative.rsplit('/').next().unwrap_or(relative), &base) {
            loose_found = first(loose_found);
        }
    }
    exact_found.or(loose_found).map(str::to_string)
}

/// `name` as (folder ending in `/` or empty, date, slug): Jekyll's `POST_PATH_MATCHER`,
/// `\A(.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)\z`, after one leading `/` is removed.
fn split_name(name: &str) -> Option<(&str, &str, &str)> {
    let name = name.strip_prefix('/').unwrap_or(name);
    let cut = name.rfind('/').map_or(0, |i| i + 1);
    let (folder, last) = name.split_at(cut);
    let mut parts = last.splitn(4, '-');
    let widths = [(2, 4), (1, 2), (1, 2)];
    let mut date_len = 0;
    for (min, max) in widths {
        let part = parts.next()?;
        if part.len() < min || part.len() > max || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        date_len += part.len() + 1;
    }
    let slug = parts.next()?;
    Some((folder, &last[..date_len - 1], slug))
}

/// Whether `path` is `prefix` and then an extension: `\.[^.]+` (the prefix ends in `.`).
fn has_extension_after(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('.'))
}

/// Whether the page at `path` is a post: in a `_posts` folder.
fn is_post(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|folder| folder == "_posts")
}

#[cfg(test)]
mod tests {
    use super::find;

    // Jekyll's own fixtures and cases (jekyll/jekyll `test/test_tag_post_url.rb` at
    // ee3576e2cbc8727cc21d6da5d0f662228f2c4f4c; the comparer in
    // `lib/jekyll/tags/post_url.rb` at 79a8e16f22991c7c4a00b510ec599c17c14785f0).
    const POSTS: [&str; 4] = [
        "_posts/2008-11-21-complex.markdown",
        "_posts/2016-11-26-special-chars-(+).markdown",
        "_posts/es/2008-11-21-nested.markdown",
        "index.md",
    ];

    fn post(name: &str) -> Option<String> {
        find(POSTS.into_iter(), name, "")
    }

    #[test]
    fn finds_a_post_whatever_its_extension() {
        assert_eq!(post("2008-11-21-complex").as_deref(), Some("_posts/2008-11-21-complex.markdown"));
        assert_eq!(post("/2008-11-21-complex").as_deref(), Some("_posts/2008-11-21-complex.markdown"));
        assert_eq!(
            post("2016-11-26-special-chars-(+)").as_deref(),
            Some("_posts/2016-11-26-special-chars-(+).markdown")
        );
    }

    #[test]
    fn finds_a_nested_post_by_its_folder() {
        assert_eq!(post("es/2008-11-21-nested").as_deref(), Some("_posts/es/2008-11-21-nested.markdown"));
        assert_eq!(post("/es/2008-11-21-nested").as_deref(), Some("_posts/es/2008-11-21-nested.markdown"));
        let category = ["news/_posts/2021-02-03-a.md"];
        assert_eq!(find(category.into_iter(), "news/2021-02-03-a", "").as_deref(), Some("news/_posts/2021-02-03-a.md"));
    }

    #[test]
    fn finds_a_nested_post_without_its_folder_as_the_deprecated_fallback() {
        assert_eq!(post("2008-11-21-nested").as_deref(), Some("_posts/es/2008-11-21-nested.markdown"));
    }

    #[test]
    fn finds_nothing_for_an_invalid_or_unknown_name() {
        assert_eq!(post("abc2008-11-21-complex"), None);
        assert_eq!(post("2008-11-22-complex"), None);
        assert_eq!(post("2008-11-21-comp"), None);
        assert_eq!(post("2008-11-21"), None);
    }

    #[test]
    fn takes_the_first_path_when_several_match() {
        let both = ["_posts/2020-01-02-x.md", "_posts/2020-01-02-x.html"];
        assert_eq!(find(both.into_iter(), "2020-01-02-x", "").as_deref(), Some("_posts/2020-01-02-x.html"));
    }
}
