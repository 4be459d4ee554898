//! `[blog]`: how the handbook's blogs are published, for a handbook of its
//! own as `_config.yml` says it for one moved from Jekyll, which the table overrides:
//!
//! - `permalink`: the posts' URL template, with Jekyll's placeholders (`:year`, `:month`,
//!   `:day`, `:title`, `:categories`, ...), read from the site's root
//!   (<https://jekyllrb.com/docs/permalinks/>);
//! - `per-page`: the posts a page of a blog lists (jekyll-paginate's `paginate`);
//! - `paginate-path`: where a blog's older posts are, from its folder, `:num` the page's
//!   number (jekyll-paginate's `paginate_path`, whose own form names the blog's folder
//!   from the site's root: `/blog/page:num/`).
//!
//! Each is an output path that the handbook chooses, so each is checked here: a template
//! from the root that does not climb out of it (`..`), a path below the blog's folder.

use serde::Deserialize;

use super::{CONFIG_FILE, locate_key};
use crate::diagnostic::{Diagnostic, Rule};

/// `[blog]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct BlogTable {
    permalink: Option<String>,
    per_page: Option<i64>,
    paginate_path: Option<String>,
}

/// `[blog]`, checked: `None` where the table does not say (the old tool's setting, else
/// opsbook's default, counts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlogConfig {
    /// The posts' URL template, from the site's root (`/:year/:title/`).
    pub permalink: Option<String>,
    /// The posts a page of a blog lists.
    pub per_page: Option<usize>,
    /// Where a blog's older posts are, from its folder (`page/:num/`).
    pub paginate_path: Option<String>,
}

/// Checks `[blog]` of `text` (book.toml): each value that cannot be used is an error at
/// its key, and is left out.
pub(super) fn resolve_blog(raw: BlogTable, text: &str, problems: &mut Vec<Diagnostic>) -> BlogConfig {
    let mut error = |key: &str, message: String| {
        let (line, column) = locate_key(text, key);
        problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
    };
    let permalink = raw.permalink.filter(|template| match permalink_problem(template) {
        Some(why) => {
            error("permalink", format!("`[blog] permalink` {why}, found {template:?}"));
            false
        }
        None => true,
    });
    let per_page = match raw.per_page {
        Some(n) if n >= 1 => usize::try_from(n).ok(),
        Some(n) => {
            error("per-page", format!("`[blog] per-page` must be 1 or more, found {n}"));
            None
        }
        None => None,
    };
    let paginate_path = raw.paginate_path.filter(|path| match paginate_path_problem(path) {
        Some(why) => {
            error("paginate-path", format!("`[blog] paginate-path` {why}, found {path:?}"));
            false
        }
        None => true,
    });
    BlogConfig { permalink, per_page, paginate_path }
}

/// What is wrong with a posts' URL template, if anything.
fn permalink_problem(template: &str) -> Option<&'static str> {
    if !template.starts_with('/') {
        return Some("must be a path from the site's root, starting with `/`, such as \"/:year/:month/:title/\"");
    }
    path_problem(template)
}

/// What is wrong with a path of a blog's older posts (`page/:num/`, from the blog's
/// folder), if anything.
pub fn paginate_path_problem(path: &str) -> Option<&'static str> {
    if path.starts_with('/') {
        return Some("is a path from the blog's folder, without a leading `/`, such as \"page/:num/\"");
    }
    if path.matches(":num").count() != 1 {
        return Some("must hold `:num`, the page's number, once");
    }
    path_problem(path)
}

/// What is wrong with a path of the output that the handbook writes, if anything.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.chars().any(|c| c == '\\' || c == '?' || c == '#' || c.is_control()) {
        return Some("may not hold `\\`, `?`, `#` or control characters");
    }
    let inner = path.trim_matches('/');
    if inner.split('/').any(|segment| segment == "." || segment == "..") {
        return Some("may not climb out of its folder with `.` or `..`");
    }
    if !inner.is_empty() && inner.split('/').any(str::is_empty) {
        return Some("may not hold an empty segment (`//`)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(toml: &str) -> (BlogConfig, Vec<Diagnostic>) {
        let raw: BlogTable = toml::from_str(toml).expect("a table");
        let mut problems = Vec::new();
        (resolve_blog(raw, toml, &mut problems), problems)
    }

    #[test]
    fn a_blog_table_is_read_and_checked_at_its_keys() {
        let (blog, problems) =
            resolve("permalink = \"/news/:year/:title/\"\nper-page = 5\npaginate-path = \"older/:num/\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(blog.permalink.as_deref(), Some("/news/:year/:title/"));
        assert_eq!((blog.per_page, blog.paginate_path.as_deref()), (Some(5), Some("older/:num/")));
        let (blog, problems) = resolve("permalink = \"/../:title/\"\nper-page = 0\npaginate-path = \"page/\"\n");
        assert_eq!(blog, BlogConfig::default());
        let said: Vec<(usize, &str)> = problems.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            said,
            [
                (1, "`[blog] permalink` may not climb out of its folder with `.` or `..`, found \"/../:title/\""),
                (2, "`[blog] per-page` must be 1 or more, found 0"),
                (3, "`[blog] paginate-path` must hold `:num`, the page's number, once, found \"page/\""),
            ]
        );
        for bad in ["/p/:num/", "../:num/", "a//:num", "a\\\\:num", "p/:num/:num"] {
            let (_, problems) = resolve(&format!("paginate-path = \"{bad}\"\n"));
            assert_eq!(problems.len(), 1, "{bad}");
        }
        let (_, problems) = resolve("permalink = \":title/\"\n");
        assert!(problems[0].message.contains("starting with `/`"), "{problems:?}");
    }
}
