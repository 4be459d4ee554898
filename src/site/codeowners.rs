//! CODEOWNERS: who owns a page that does not name its owners.
//!
//! The file is looked for at the handbook root and at the repository root, in
//! `CODEOWNERS`, `.github/CODEOWNERS`, `.gitlab/CODEOWNERS` and `docs/CODEOWNERS`, the
//! first found winning. Each line is a pattern and its owners; the last matching line
//! wins. GitLab's `[Section]` headers are understood: within a section the last match
//! wins, and the owners of every section that matches are combined. A section header
//! may name default owners (`[Docs] @docs-team`) for its lines that name none. A
//! GitLab exclusion (`!pom.xml`) takes the files it matches out of its section.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The places a CODEOWNERS file may be, relative to a root, in order.
pub(crate) const LOCATIONS: &[&str] = &["CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"];

/// A CODEOWNERS file found by [`find`].
pub(crate) struct Found {
    /// The folder it was found under.
    pub root: std::path::PathBuf,
    /// Its place under that folder, one of [`LOCATIONS`].
    pub location: &'static str,
    /// Its path as diagnostics name it: from the handbook's root, or absolute.
    pub shown: String,
    /// Its text.
    pub text: String,
}

/// The first of [`LOCATIONS`] under each of `roots` in turn (the handbook's root, then
/// its repository's) that holds a file; one that leads out of the last root is refused
/// into `diagnostics` before it is read, one that cannot be read (no regular file, too
/// large) is an `unreadable-file` error, and the search goes on.
pub(crate) fn find(roots: &[&Path], diagnostics: &mut Vec<Diagnostic>) -> Option<Found> {
    use crate::content::confine::Located as _;
    let confine = crate::content::confine::Confinement::new(roots.last()?)?;
    for (i, root) in roots.iter().enumerate() {
        for &location in LOCATIONS {
            let path = root.join(location);
            if !std::fs::metadata(&path).is_ok_and(|m| !m.is_dir()) {
                continue;
            }
            let shown = if i == 0 { location.to_string() } else { path.display().to_string() };
            if let Some(d) = confine.check(&path, &shown) {
                diagnostics.push(d);
                continue;
            }
            let Some(confined) = confine.inside_root(&path) else { continue };
            let text = match crate::fs::read_text(&confined, crate::fs::FileKind::Config) {
                Ok(text) => text,
                Err(e) => {
                    let message = format!("cannot read the file: {e}");
                    diagnostics.push(Diagnostic::error(crate::diagnostic::Rule::UnreadableFile, &shown, 0, 0, message));
                    continue;
                }
            };
            return Some(Found { root: root.to_path_buf(), location, shown, text });
        }
    }
    None
}

/// Parsed CODEOWNERS rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeOwners {
    rules: Vec<OwnerRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct OwnerRule {
    section: usize,
    /// A GitLab exclusion (`!path`): its section owns none of the files it matches.
    exclude: bool,
    pattern: Pattern,
    owners: Vec<String>,
}

/// A pattern read once: its flags, and its glob compiled by globset.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// `*`, or only slashes: every path.
    any: bool,
    /// A trailing `/`: folders only.
    dir_only: bool,
    /// `dir/*`: the folder's own files only.
    children_only: bool,
    /// The glob as written to globset: the body, from the root when the pattern is
    /// anchored, after `**/` when it matches at any depth.
    glob: String,
    /// [`Pattern::glob`] compiled: `*` and `?` stay within a path segment, `**` crosses
    /// segments, `[a-z]` is a class; matched in time linear in the path, whatever the
    /// pattern. None for a glob that cannot be compiled, or longer than
    /// [`MAX_PATTERN_BYTES`]: it matches nothing.
    matcher: Option<globset::GlobSet>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        (self.any, self.dir_only, self.children_only, &self.glob)
            == (other.any, other.dir_only, other.children_only, &other.glob)
    }
}

impl Eq for Pattern {}

impl Pattern {
    /// Reads a pattern as a CODEOWNERS line writes it, with its escapes (`\ `, `\#`).
    pub(crate) fn written(pattern: &str) -> Pattern {
        Pattern::new(&pattern.replace("\\ ", " ").replace("\\#", "#"))
    }

    /// Reads a pattern whose escapes (`\ `, `\#`) were removed.
    pub(crate) fn new(pattern: &str) -> Pattern {
        let trimmed = pattern.trim_end_matches('/');
        let body = trimmed.trim_start_matches('/');
        // A leading `/` or one inside anchors the pattern at the root; a pattern
        // without one matches a name at any depth.
        let anchored = trimmed.starts_with('/') || body.contains('/');
        let body = glob_syntax(body);
        let glob = if anchored { body } else { format!("**/{body}") };
        Pattern {
            any: pattern == "*" || trimmed.trim_start_matches('/').is_empty(),
            dir_only: pattern.ends_with('/'),
            children_only: trimmed.ends_with("/*") && !trimmed.ends_with("/**"),
            matcher: (pattern.len() <= MAX_PATTERN_BYTES).then(|| compile(&glob)).flatten(),
            glob,
        }
    }

    /// Whether the pattern matches `path` or a folder containing it.
    pub(crate) fn matches(&self, path: &str) -> bool {
        if self.any {
            return true;
        }
        // Where each candidate ends: each folder above the path, then the path itself.
        let ends: Vec<usize> = path.match_indices('/').map(|(i, _)| i).chain([path.len()]).collect();
        // The path first, then each folder above it (a folder's rule covers its files),
        // except for `dir/*`, which covers the folder's own files only.
        ends.iter().enumerate().rev().any(|(k, &end)| {
            let is_file = k + 1 == ends.len();
            !(self.dir_only && is_file || self.children_only && !is_file)
                && self.matcher.as_ref().is_some_and(|m| m.is_match(&path[..end]))
        })
    }
}

/// A CODEOWNERS body in globset's syntax, by .gitignore's rules, which both hosts
/// follow: `**` is recursive only as a whole segment (`**/x`, `x/**`, `a/**/b`), any
/// other run of stars is one `*`; `{` and `}` are no alternation for either host, so
/// they match themselves; `\x` is `x`.
fn glob_syntax(body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut glob = String::with_capacity(body.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                glob.push('\\');
                glob.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '*' => {
                let run = chars[i..].iter().take_while(|&&c| c == '*').count();
                let whole = (i == 0 || chars[i - 1] == '/') && chars.get(i + run).is_none_or(|&c| c == '/');
                glob.push_str(if run >= 2 && whole { "**" } else { "*" });
                i += run;
                continue;
            }
            c @ ('{' | '}') => {
                glob.push('\\');
                glob.push(c);
            }
            c => glob.push(c),
        }
        i += 1;
    }
    glob
}

/// The longest pattern matched, in bytes: a longer one matches nothing, and the build
/// warns at it ([`CodeOwners::load`]); the expression of a glob grows with its text, and
/// what the hosts allow is far shorter (GitHub reads files of at most 3 MB).
pub(crate) const MAX_PATTERN_BYTES: usize = 1024;

/// The patterns of `text` longer than [`MAX_PATTERN_BYTES`]: each one's line, column
/// (1-based, in characters) and length.
fn too_long(text: &str) -> impl Iterator<Item = (usize, usize, usize)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let content = strip_comment(line);
        let first = tokenize(content).into_iter().next()?;
        (first.text.len() > MAX_PATTERN_BYTES).then(|| (i + 1, line[..first.at].chars().count() + 1, first.text.len()))
    })
}

/// The matcher of a glob: with `/` kept apart (`*` stays in a segment) and `\`
/// escaping. A glob globset refuses (a `[` that never closes) is matched with its
/// brackets as themselves.
fn compile(glob: &str) -> Option<globset::GlobSet> {
    // A set, not a glob's own matcher: a glob whose expression is too large for the
    // regex engine is an error of the set's, and a panic of the matcher's.
    let build = |glob: &str| {
        let built = globset::GlobBuilder::new(glob).literal_separator(true).backslash_escape(true).build();
        globset::GlobSetBuilder::new().add(built.ok()?).build().ok()
    };
    build(glob).or_else(|| build(&glob.replace('[', "\\[").replace(']', "\\]")))
}

impl CodeOwners {
    /// Reads the first CODEOWNERS file found under any of `roots` (the handbook's
    /// folder, then the repository's, which holds it). A CODEOWNERS that is a link
    /// leading out of the last root is a `symlink-outside-root` error, and is not read.
    /// A pattern longer than [`MAX_PATTERN_BYTES`] is a `codeowners-syntax` warning at
    /// it, and matches nothing.
    pub fn load(roots: &[&Path], diagnostics: &mut Vec<Diagnostic>) -> Option<CodeOwners> {
        let found = find(roots, diagnostics)?;
        for (line, column, bytes) in too_long(&found.text) {
            let message = format!(
                "the pattern is {bytes} bytes long: opsbook matches patterns of at most {MAX_PATTERN_BYTES} bytes, so this line owns no file"
            );
            let d = Diagnostic::error(crate::diagnostic::Rule::CodeownersSyntax, &found.shown, line, column, message);
            diagnostics.push(d.with_severity(crate::diagnostic::Severity::Warning).with_help("shorten the pattern"));
        }
        Some(CodeOwners::parse(&found.text))
    }

    /// Parses the text of a CODEOWNERS file.
    pub fn parse(text: &str) -> CodeOwners {
        let mut rules = Vec::new();
        let mut section = 0;
        let mut section_owners: Vec<String> = Vec::new();
        for line in text.lines() {
            let line = strip_comment(line).trim();
            if line.is_empty() {
                continue;
            }
            if let Some(header) = section_header(line) {
                section += 1;
                section_owners = header;
                continue;
            }
            let mut parts = tokenize(line).into_iter().map(|token| token.text);
            let Some(pattern) = parts.next() else { continue };
            let mut owners: Vec<String> = parts.map(str::to_string).collect();
            if owners.is_empty() {
                owners = section_owners.clone();
            }
            let (exclude, pattern) = match pattern.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, pattern),
            };
            let pattern = Pattern::written(pattern);
            rules.push(OwnerRule { section, exclude, pattern, owners });
        }
        CodeOwners { rules }
    }

    /// The owners of a file, by its path from the repository root.
    pub fn owners_of(&self, path: &str) -> Vec<String> {
        let mut last_per_section: Vec<(usize, &OwnerRule)> = Vec::new();
        let mut excluded: Vec<usize> = Vec::new();
        for rule in &self.rules {
            if rule.pattern.matches(path) {
                if rule.exclude {
                    excluded.push(rule.section);
                    continue;
                }
                match last_per_section.iter_mut().find(|(s, _)| *s == rule.section) {
                    Some(entry) => entry.1 = rule,
                    None => last_per_section.push((rule.section, rule)),
                }
            }
        }
        let mut owners = Vec::new();
        for (_, rule) in last_per_section.into_iter().filter(|(section, _)| !excluded.contains(section)) {
            for owner in &rule.owners {
                if !owners.contains(owner) {
                    owners.push(owner.clone());
                }
            }
        }
        owners
    }
}

/// The line without its comment: from a `#` not escaped with `\`.
pub(crate) fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1] != b'\\') {
            return &line[..i];
        }
    }
    line
}

/// `[Section]`, `^[Optional]`, `[Section][2]`, each with optional default owners.
fn section_header(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix('^').unwrap_or(line);
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    let mut after = &rest[close + 1..];
    if let Some(approvals) = after.strip_prefix('[') {
        after = &approvals[approvals.find(']')? + 1..];
    }
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// A word of a line and the byte offset where it starts.
pub(crate) struct Token<'a> {
    /// Where it starts in the line.
    pub at: usize,
    /// The word, its escapes kept.
    pub text: &'a str,
}

/// The words of a line, split on whitespace not escaped with `\`.
pub(crate) fn tokenize(line: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() && !escaped {
            if let Some(s) = start.take() {
                tokens.push(Token { at: s, text: &line[s..i] });
            }
        } else if start.is_none() {
            start = Some(i);
        }
        escaped = c == '\\' && !escaped;
    }
    if let Some(s) = start {
        tokens.push(Token { at: s, text: &line[s..] });
    }
    tokens
}

#[cfg(test)]
/// Whether a CODEOWNERS pattern matches `path` (or a folder containing it).
pub(crate) fn matches_path(pattern: &str, path: &str) -> bool {
    Pattern::new(pattern).matches(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_github() {
        assert!(matches_path("*", "content/a.md"));
        assert!(matches_path("*.md", "content/runbooks/a.md"));
        assert!(!matches_path("*.md", "content/a.png"));
        assert!(matches_path("/content/runbooks/", "content/runbooks/db/failover.md"));
        assert!(!matches_path("/content/runbooks/", "content/rca/x.md"));
        assert!(matches_path("runbooks/", "content/runbooks/a.md"), "a folder name at any depth");
        assert!(matches_path("content/runbooks", "content/runbooks/a.md"), "a folder covers its files");
        assert!(matches_path("docs/*", "docs/a.md"));
        assert!(!matches_path("docs/*", "docs/sub/a.md"), "`dir/*` covers direct children only");
        assert!(matches_path("**/logs", "a/b/logs/x.md"));
        assert!(matches_path("/content/**/db-*.md", "content/runbooks/deep/db-failover.md"));
        assert!(!matches_path("/content/runbooks/", "content/runbooks"), "a trailing / matches folders only");
        assert!(matches_path("a?c.md", "x/abc.md"));
    }

    #[test]
    fn reads_globs_by_gitignore_rules() {
        assert!(matches_path("/docs/v[0-9]/", "docs/v2/a.md"), "a class, as GitLab reads it");
        assert!(!matches_path("/docs/v[0-9]/", "docs/vx/a.md"));
        assert!(matches_path("a[b.md", "a[b.md"), "a bracket that never closes is itself");
        assert!(matches_path("{a,b}.md", "x/{a,b}.md"), "braces are no alternation");
        assert!(!matches_path("{a,b}.md", "x/a.md"));
        assert!(matches_path("/content/**db.md", "content/xdb.md"), "a `**` inside a name is one `*`");
        assert!(!matches_path("/content/**db.md", "content/x/db.md"));
        assert!(matches_path("content/**", "content/a/b/c.md"));
        assert!(matches_path("a\\*b.md", "a*b.md"), "an escaped star is a star");
        assert!(!matches_path("a\\*b.md", "axb.md"));
    }

    #[test]
    fn the_last_matching_rule_wins() {
        let owners = CodeOwners::parse(
            "# Owners\n* @everyone\n/content/runbooks/ @sre @dba # two teams\n/content/runbooks/db.md @dba\n",
        );
        assert_eq!(owners.owners_of("content/runbooks/db.md"), ["@dba"]);
        assert_eq!(owners.owners_of("content/runbooks/cache.md"), ["@sre", "@dba"]);
        assert_eq!(owners.owners_of("content/about.md"), ["@everyone"]);
    }

    #[test]
    fn understands_gitlab_sections() {
        let owners = CodeOwners::parse(
            "* @all\n[Runbooks] @sre\n/content/runbooks/\n/content/runbooks/db.md @dba\n^[Security][2] @sec\n*.md\n",
        );
        assert_eq!(owners.owners_of("content/runbooks/db.md"), ["@all", "@dba", "@sec"]);
        assert_eq!(owners.owners_of("content/runbooks/x.md"), ["@all", "@sre", "@sec"]);
        assert_eq!(owners.owners_of("content/x.png"), ["@all"]);
    }

    #[test]
    fn a_gitlab_exclusion_takes_files_out_of_its_section() {
        let owners = CodeOwners::parse(
            "* @all
!*.lock
[Docs] @docs
/content/
!/content/drafts/
",
        );
        assert_eq!(owners.owners_of("content/a.md"), ["@all", "@docs"]);
        assert_eq!(owners.owners_of("content/drafts/a.md"), ["@all"]);
        assert_eq!(owners.owners_of("Cargo.lock"), Vec::<String>::new());
    }
}
