//! The gitignore-style patterns of MkDocs's `exclude_docs`, `draft_docs` and
//! `not_in_nav`, as the `pathspec` library's `GitIgnoreSpec` matches them against a
//! path relative to the docs folder, on BurntSushi's `globset` (already a dependency):
//!
//! 1. Each line is stripped of spaces; a blank line, a `#` comment and `/` are skipped.
//! 2. `!` negates; a trailing `/` matches folders only; a pattern with a `/` before its
//!    end is anchored to the docs folder, one without matches at any depth.
//! 3. `*` and `?` stop at `/`, `**` crosses folders; a pattern matches the file or a
//!    folder above it.
//! 4. The last pattern that matches decides, but one that matches only a folder above
//!    the file overrides an earlier match of the file itself only when it excludes.
//!
//! More: docs/architecture.md, "Notes by module".

use globset::{GlobBuilder, GlobMatcher};

/// One pattern.
#[derive(Debug, Clone)]
struct Pattern {
    matcher: GlobMatcher,
    /// Written with `!`.
    negated: bool,
    /// Written with a trailing `/`: matches folders only.
    dir_only: bool,
}

/// The patterns of one setting, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct GitIgnore {
    patterns: Vec<Pattern>,
}

impl GitIgnore {
    /// Adds the pattern `line`; `Err` with the reason when it cannot be read.
    pub(crate) fn add(&mut self, line: &str) -> Result<(), String> {
        let mut pattern = line.trim();
        if pattern.is_empty() || pattern.starts_with('#') || pattern == "/" {
            return Ok(());
        }
        let negated = pattern.starts_with('!');
        if negated {
            pattern = &pattern[1..];
        }
        let dir_only = pattern.ends_with('/');
        let pattern = pattern.trim_end_matches('/');
        let anchored = pattern.contains('/');
        let pattern = pattern.trim_start_matches('/');
        if pattern.is_empty() {
            return Ok(());
        }
        let glob = if anchored || pattern.starts_with("**") { pattern.to_string() } else { format!("**/{pattern}") };
        let built = GlobBuilder::new(&glob).literal_separator(true).backslash_escape(true).build();
        let matcher =
            built.map_err(|e| format!("the pattern {line:?} cannot be read: {}", e.kind()))?.compile_matcher();
        self.patterns.push(Pattern { matcher, negated, dir_only });
        Ok(())
    }

    /// Whether the file at `path` (relative to the docs folder) is matched.
    pub(crate) fn matches(&self, path: &str) -> bool {
        let mut out: Option<(bool, u8)> = None;
        for pattern in &self.patterns {
            let priority = if !pattern.dir_only && pattern.matcher.is_match(path) {
                2
            } else if folders_above(path).any(|dir| pattern.matcher.is_match(dir)) {
                1
            } else {
                continue;
            };
            let excludes = !pattern.negated;
            if (excludes && priority == 1) || out.is_none_or(|(_, before)| priority >= before) {
                out = Some((excludes, priority));
            }
        }
        out.is_some_and(|(excludes, _)| excludes)
    }
}

/// The folders above `path`, deepest first.
fn folders_above(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').rev().map(|(at, _)| &path[..at])
}

#[cfg(test)]
#[path = "gitignore_tests.rs"]
mod tests;
