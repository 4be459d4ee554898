//! The handbook's own Netlify `_redirects` file (in `static/` or the content folder,
//! copied into the output as it is), read so that the link check knows the paths it
//! redirects: a link to one leads somewhere, and is not broken.
//!
//! Netlify's format: one rule a line, `from to [status] [options]`, fields apart by
//! spaces; a line starting with `#` is a comment. `from` is a path of the site (a full
//! URL is a rule of another domain, not read); a `:name` segment matches any one
//! segment, a `*` at its end the rest of the path. Paths are case-sensitive, and a
//! trailing slash does not matter. A rule whose status is 404 (or another 4xx or 5xx)
//! answers "not found", so it does not make a link good.
//!
//! The file is read through the build's confinement, at most as much as a configuration
//! file; rules without a pattern are looked up in a set, and at most
//! [`MAX_PATTERNS`] rules with one are kept, so that a link costs little to check.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::fs::confine::Refused;

/// The most rules with a `:name` or `*` that are kept; those after are not read.
pub(crate) const MAX_PATTERNS: usize = 10_000;

/// The paths a `_redirects` file sends elsewhere.
#[derive(Debug, Default, Clone)]
pub(crate) struct Redirects {
    /// The rules without a pattern: their paths, without a trailing slash.
    exact: HashSet<String>,
    /// The rules with one: their segments.
    patterns: Vec<Vec<Segment>>,
    /// How many rules with a pattern were past [`MAX_PATTERNS`].
    pub(crate) patterns_left_out: usize,
}

/// One segment of a rule's `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `:name`: any one segment.
    Placeholder,
    /// `*`: the rest of the path, maybe nothing.
    Splat,
}

impl Redirects {
    /// Reads the rules of a `_redirects` file's text.
    pub(crate) fn parse(text: &str) -> Redirects {
        let mut redirects = Redirects::default();
        for line in text.lines() {
            let mut fields = line.split_whitespace();
            let Some(from) = fields.next().filter(|from| from.starts_with('/')) else { continue };
            // A rule with query parameters (`/store id=:id /blog/:id`) needs them: a
            // link without them is not redirected.
            let Some(to) = fields.next() else { continue };
            if to.contains('=') && !to.starts_with('/') {
                continue;
            }
            let status = fields.next().map(|s| s.trim_end_matches('!'));
            if status.is_some_and(|s| s.len() == 3 && (s.starts_with('4') || s.starts_with('5'))) {
                continue;
            }
            let segments: Vec<Segment> = segments(from)
                .map(|segment| match segment {
                    "*" => Segment::Splat,
                    _ if segment.starts_with(':') => Segment::Placeholder,
                    _ => Segment::Literal(segment.to_string()),
                })
                .collect();
            if segments.iter().all(|s| matches!(s, Segment::Literal(_))) {
                redirects.exact.insert(segments_path(from));
            } else if redirects.patterns.len() < MAX_PATTERNS {
                redirects.patterns.push(segments);
            } else {
                redirects.patterns_left_out += 1;
            }
        }
        redirects
    }

    /// Whether a rule redirects `path` (a site path, with or without its leading `/`).
    pub(crate) fn redirects(&self, path: &str) -> bool {
        if self.exact.contains(&segments_path(path)) {
            return true;
        }
        let wanted: Vec<&str> = segments(path).collect();
        self.patterns.iter().any(|pattern| matches(pattern, &wanted))
    }
}

/// The segments of a path, without empty ones (a trailing slash does not matter).
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// A path as the set of exact rules keeps it: its segments joined.
fn segments_path(path: &str) -> String {
    segments(path).collect::<Vec<_>>().join("/")
}

/// Reads the site's `_redirects` file: one of `static/` (or a theme's), else one of the
/// content folder; `None` when there is none. A file that cannot be read is a warning.
pub(super) fn read(site: &super::Site, diagnostics: &mut Vec<Diagnostic>) -> Option<Redirects> {
    let config = &site.config;
    let (confined, shown) = match site.index.file_sources.get(NAME) {
        Some(shown) => {
            let refused = || Refused::Leads("the handbook's folder cannot be resolved".to_string());
            let confined = config.confinement().ok_or_else(refused).and_then(|c| c.readable(&config.root.join(shown)));
            (confined, shown.clone())
        }
        None if site.index.assets.contains_key(NAME) => config.locate_confined(NAME),
        None => return None,
    };
    let text = confined
        .map_err(|refused| refused.to_string())
        .and_then(|file| crate::fs::read_text(&file, crate::fs::FileKind::Config).map_err(|e| e.to_string()));
    let text = match text {
        Ok(text) => text,
        Err(why) => {
            let message = format!(
                "cannot read the `_redirects` file, so links to the paths it redirects are checked as they are: {why}"
            );
            diagnostics
                .push(Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message).with_severity(Severity::Warning));
            return None;
        }
    };
    let redirects = Redirects::parse(&text);
    if redirects.patterns_left_out > 0 {
        let message = format!(
            "the `_redirects` file has more than {} rules with a `:name` or `*`: the link check reads the first ones only",
            crate::diagnostic::thousands(MAX_PATTERNS)
        );
        diagnostics.push(Diagnostic::error(Rule::Budget, shown, 0, 0, message).with_severity(Severity::Warning));
    }
    Some(redirects)
}

/// The file's name, at the root of the output.
const NAME: &str = "_redirects";

/// Whether `pattern` matches the segments `path`.
fn matches(pattern: &[Segment], path: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (Some((Segment::Splat, _)), _) => true,
        (None, None) => true,
        (Some((Segment::Placeholder, pattern)), Some((_, path))) => matches(pattern, path),
        (Some((Segment::Literal(literal), pattern)), Some((segment, path))) => {
            literal == segment && matches(pattern, path)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of Netlify's documentation ("Redirects and rewrites", "Redirect
    /// options": splats, placeholders, query parameters, status codes), and how a
    /// path fares against them.
    const RULES: &str = "# Redirects from what the browser requests to what we serve
/home              /
/blog/my-post.php  /blog/my-post
/news              /blog
/cuties            https://www.petsofnetlify.com
/authors/c%C3%A9line /authors/about-c%C3%A9line
/news/*  /blog/:splat
/news/:year/:month/:date/:slug  /blog/:year/:month/:date/:story_id
/store id=:id  /blog/:id  301
/en/*  /en/404.html  404
/ecommerce  /store-closed  404!
http://blog.yoursite.com/* https://www.yoursite.com/blog/:splat 301!
";

    #[test]
    fn matches_paths_as_netlify_reads_its_rules() {
        let redirects = Redirects::parse(RULES);
        let cases = [
            ("/home", true),
            ("home/", true),
            ("/Home", false),
            ("/blog/my-post.php", true),
            ("/authors/c%C3%A9line", true),
            ("/news/2004/02/12/post", true),
            ("/news/", true),
            ("/store", false),
            ("/en/missing", false),
            ("/ecommerce", false),
            ("/blog.yoursite.com/x", false),
            ("/elsewhere", false),
        ];
        for (path, expected) in cases {
            assert_eq!(redirects.redirects(path), expected, "{path}");
        }
    }

    #[test]
    fn placeholders_match_one_segment_each() {
        let redirects = Redirects::parse("/docs/:version/setup /setup/\n");
        assert!(redirects.redirects("/docs/v2/setup/"));
        assert!(!redirects.redirects("/docs/v2/extra/setup"));
        assert!(!redirects.redirects("/docs/setup"));
    }

    #[test]
    fn keeps_at_most_its_budget_of_patterns() {
        let text: String = (0..MAX_PATTERNS + 3).map(|i| format!("/p{i}/* /x\n")).collect();
        let redirects = Redirects::parse(&text);
        assert_eq!(redirects.patterns_left_out, 3);
        assert!(redirects.redirects("/p0/a") && !redirects.redirects(&format!("/p{}/a", MAX_PATTERNS + 1)));
    }
}
