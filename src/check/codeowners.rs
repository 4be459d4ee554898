//! The CODEOWNERS lint of `opsbook check`: a function of the file's text and the files
//! of the repository it describes, so it works wherever the file was found.
//!
//! 1. Each line is read as GitHub and GitLab read it: a comment, a GitLab section
//!    header (`[Section]`, `^[Optional]`, `[Section][2]`, each with default owners), or
//!    a pattern and its owners. What neither reads is a `codeowners-syntax` finding at
//!    its column: an owner that is no `@user`, `@org/team` (GitLab: nested groups,
//!    `@@role`) or email, unbalanced brackets in a header, an invalid pattern, and the
//!    syntax of one host in a file the other reads (`!` exclusions, `[ ]` ranges and
//!    sections are GitLab's; a comment after an entry is GitHub's).
//! 2. A pattern written again in the same section is a `codeowners-duplicate` finding
//!    naming the earlier line (the later line wins).
//! 3. A GitLab section without default owners whose entries name none is a
//!    `codeowners-section-without-owners` finding at its header.
//! 4. Every pattern is matched against the files; one matching none is a
//!    `codeowners-no-match` finding.

use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::FastHashMap;
use crate::site::codeowners::{Pattern, Token, strip_comment, tokenize};

/// Which host reads the file, so which syntax it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// `.github/CODEOWNERS`.
    GitHub,
    /// `.gitlab/CODEOWNERS`, or a file with GitLab sections.
    GitLab,
    /// Either: what both read is accepted.
    Either,
}

impl Dialect {
    /// The dialect of a CODEOWNERS file at `location` (its path from its root).
    pub(crate) fn of(location: &str, text: &str) -> Dialect {
        if location.starts_with(".github/") {
            Dialect::GitHub
        } else if location.starts_with(".gitlab/") || text.lines().any(|l| is_section_line(l.trim())) {
            Dialect::GitLab
        } else {
            Dialect::Either
        }
    }
}

fn is_section_line(line: &str) -> bool {
    line.starts_with('[') || line.starts_with("^[")
}

/// One entry: its pattern, where it stands, and its section.
struct Entry<'a> {
    line: usize,
    column: usize,
    pattern: &'a str,
}

/// A section header and what its entries lacked.
struct Section {
    line: usize,
    column: usize,
    name: String,
    has_owners: bool,
    lines_without_owners: Vec<usize>,
}

/// Lints the CODEOWNERS `text`, named `path` in the findings, against `files` (paths
/// from the root the patterns are matched at, `/`-separated). Findings are errors; the
/// caller gives them the configured severity.
pub(crate) fn lint_codeowners(text: &str, path: &str, dialect: Dialect, files: &[String]) -> Vec<Diagnostic> {
    let mut linter = Linter { path, dialect, found: Vec::new() };
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    // (section name, pattern) -> the line it was first written on.
    let mut seen: FastHashMap<(String, &str), usize> = FastHashMap::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = strip_comment(raw);
        let tokens = tokenize(content);
        let Some(first) = tokens.first() else { continue };
        if dialect == Dialect::GitLab && content.len() < raw.len() {
            linter.syntax(
                line,
                column_of(raw, content.len()),
                "GitLab reads no comment after an entry: it takes the words after `#` for owners".into(),
                "put the comment on a line of its own",
            );
        }
        if is_section_line(first.text) {
            let start = first.at;
            if let Some(section) = linter.read_header(raw, line, start, &content[start..]) {
                sections.push(section);
            }
            continue;
        }
        let owners = &tokens[1..];
        for owner in owners {
            linter.check_owner(raw, line, owner);
        }
        let column = column_of(raw, first.at);
        let Some(pattern) = linter.check_pattern(line, column, first.text) else { continue };
        let section = sections.last_mut();
        if owners.is_empty()
            && let Some(section) = section.filter(|s| !s.has_owners)
        {
            section.lines_without_owners.push(line);
        }
        let section_name = sections.last().map(|s| s.name.clone()).unwrap_or_default();
        match seen.get(&(section_name.clone(), pattern)) {
            Some(&earlier) => linter.push(
                Rule::CodeownersDuplicate,
                line,
                column,
                format!(
                    "the pattern `{pattern}` is already on line {earlier}{}; this line wins",
                    in_section(&sections)
                ),
                "remove one of the two lines, or merge their owners",
            ),
            None => {
                seen.insert((section_name, pattern), line);
            }
        }
        entries.push(Entry { line, column, pattern });
    }
    for section in &sections {
        let lines = &section.lines_without_owners;
        if lines.is_empty() {
            continue;
        }
        let listed = lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
        let entries = if lines.len() == 1 {
            format!("its entry on line {listed} names")
        } else {
            format!("its entries on lines {listed} name")
        };
        linter.push(
            Rule::CodeownersSectionWithoutOwners,
            section.line,
            section.column,
            format!("the section `[{}]` names no default owners, and {entries} none either", section.name),
            "write default owners after the section header (`[Section] @team`), or owners after each pattern",
        );
    }
    linter.check_matches(&entries, files);
    linter.found
}

/// ` in the section [Name]`, when there is a section.
fn in_section(sections: &[Section]) -> String {
    sections.last().map(|s| format!(" of the section `[{}]`", s.name)).unwrap_or_default()
}

struct Linter<'a> {
    path: &'a str,
    dialect: Dialect,
    found: Vec<Diagnostic>,
}

impl Linter<'_> {
    fn push(&mut self, rule: Rule, line: usize, column: usize, message: String, help: &str) {
        self.found.push(Diagnostic::error(rule, self.path, line, column, message).with_help(help));
    }

    fn syntax(&mut self, line: usize, column: usize, message: String, help: &str) {
        self.push(Rule::CodeownersSyntax, line, column, message, help);
    }

    /// Reads a section header starting at byte `start` of `raw` (`header` is the rest of
    /// the line, without its comment).
    fn read_header(&mut self, raw: &str, line: usize, start: usize, header: &str) -> Option<Section> {
        let column = column_of(raw, start);
        if self.dialect == Dialect::GitHub {
            self.syntax(
                line,
                column,
                "section headers are GitLab's syntax: GitHub reads this line as a pattern".into(),
                "move the file to .gitlab/CODEOWNERS if GitLab reads it, or remove the header",
            );
        }
        let open = usize::from(header.starts_with('^'));
        let body = &header[open + 1..];
        let Some(close) = body.find(']') else {
            self.syntax(
                line,
                column,
                "the section header has no closing `]`".into(),
                "write it `[Section name]`, `^[Optional]` or `[Section name][2]`",
            );
            return None;
        };
        let name = body[..close].trim();
        if name.is_empty() || name.contains('[') {
            let message =
                if name.is_empty() { "the section header has no name" } else { "a `[` inside a section name" };
            self.syntax(line, column, message.into(), "write it `[Section name]`");
            return None;
        }
        let mut rest = &body[close + 1..];
        let rest_at = |rest: &str| start + header.len() - rest.len();
        if let Some(approvals) = rest.strip_prefix('[') {
            let Some(end) = approvals.find(']') else {
                self.syntax(
                    line,
                    column_of(raw, rest_at(rest)),
                    "the number of approvals has no closing `]`".into(),
                    "write it `[Section name][2]`",
                );
                return None;
            };
            if approvals[..end].trim().parse::<u32>().map_or(true, |n| n == 0) {
                self.syntax(
                    line,
                    column_of(raw, rest_at(rest)),
                    format!("the number of approvals `{}` is not a whole number above 0", &approvals[..end]),
                    "write it `[Section name][2]`",
                );
            }
            rest = &approvals[end + 1..];
        }
        if let Some(c) = rest.chars().next().filter(|c| !c.is_whitespace()) {
            self.syntax(
                line,
                column_of(raw, rest_at(rest)),
                format!("unexpected `{c}` after the section header: its brackets do not balance"),
                "write it `[Section name]`, `^[Optional]` or `[Section name][2]`, then its default owners",
            );
            return None;
        }
        let owners = tokenize(rest);
        for owner in &owners {
            let at = rest_at(rest) + owner.at;
            self.check_owner(raw, line, &Token { at, text: owner.text });
        }
        Some(Section {
            line,
            column,
            name: name.to_string(),
            has_owners: !owners.is_empty(),
            lines_without_owners: Vec::new(),
        })
    }

    fn check_owner(&mut self, raw: &str, line: usize, owner: &Token<'_>) {
        if let Err(why) = check_owner(owner.text, self.dialect) {
            self.syntax(
                line,
                column_of(raw, owner.at),
                format!("`{}` is not an owner: {why}", owner.text),
                "owners are written `@user`, `@org/team` or as an email address; a comment starts with `#`",
            );
        }
    }

    /// Checks a pattern; returns it (without a GitLab `!`) when it can be matched.
    fn check_pattern<'p>(&mut self, line: usize, column: usize, pattern: &'p str) -> Option<&'p str> {
        let help = "patterns follow .gitignore's rules: `*.md`, `/docs/`, `docs/**/*.md`";
        let mut body = pattern;
        if let Some(rest) = pattern.strip_prefix('!') {
            if self.dialect == Dialect::GitHub {
                self.syntax(line, column, "GitHub does not read `!` exclusions (GitLab does)".into(), help);
                return None;
            }
            body = rest;
        }
        if self.dialect == Dialect::GitHub && body.starts_with("\\#") {
            self.syntax(line, column, "GitHub does not read `\\#` at the start of a pattern".into(), help);
            return None;
        }
        if body.is_empty() {
            self.syntax(line, column, "the pattern is empty".into(), help);
            return None;
        }
        // The build that `check` runs warns at it, and it matches nothing.
        if body.len() > crate::site::codeowners::MAX_PATTERN_BYTES {
            return None;
        }
        if body.ends_with('\\') && !body.ends_with("\\\\") {
            self.syntax(line, column, format!("the pattern `{pattern}` ends with a `\\` that escapes nothing"), help);
            return None;
        }
        if body.contains("***") {
            self.syntax(line, column, format!("`***` in the pattern `{pattern}` is no wildcard; use `**`"), help);
            return None;
        }
        if body.contains('[') || body.contains(']') {
            if self.dialect == Dialect::GitHub {
                self.syntax(line, column, "GitHub does not read `[ ]` character ranges in patterns".into(), help);
                return None;
            }
            if !brackets_balance(body) {
                self.syntax(line, column, format!("the brackets of the pattern `{pattern}` do not balance"), help);
                return None;
            }
        }
        Some(body)
    }

    /// Reports the patterns that match no file.
    fn check_matches(&mut self, entries: &[Entry<'_>], files: &[String]) {
        for entry in entries {
            let pattern = Pattern::written(entry.pattern);
            if !files.iter().any(|f| pattern.matches(f)) {
                self.push(
                    Rule::CodeownersNoMatch,
                    entry.line,
                    entry.column,
                    format!("the pattern `{}` matches no file of the repository", entry.pattern),
                    "fix the path, or remove the line if the files are gone",
                );
            }
        }
    }
}

/// Why `owner` is no owner, if it is not one.
fn check_owner(owner: &str, dialect: Dialect) -> Result<(), &'static str> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if let Some(role) = owner.strip_prefix("@@") {
        if dialect == Dialect::GitHub {
            return Err("roles (`@@maintainer`) are GitLab's");
        }
        return match role {
            "developer" | "developers" | "maintainer" | "maintainers" | "owner" | "owners" => Ok(()),
            _ => Err("GitLab's roles are `@@developer`, `@@maintainer` and `@@owner`"),
        };
    }
    if let Some(name) = owner.strip_prefix('@') {
        let parts: Vec<&str> = name.split('/').collect();
        if parts.iter().any(|p| p.is_empty() || !p.chars().all(name_char)) {
            return Err("a user or team name has letters, digits, `-`, `_` and `.` only");
        }
        if dialect == Dialect::GitHub && parts.len() > 2 {
            return Err("GitHub's teams are `@org/team`, one `/`");
        }
        return Ok(());
    }
    match owner.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(())
        }
        _ => Err("it does not start with `@` and is no email address"),
    }
}

/// Whether every `[` of a pattern is closed by a `]`, and no `]` stands alone.
fn brackets_balance(pattern: &str) -> bool {
    let mut open = false;
    let mut escaped = false;
    for c in pattern.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if open => return false,
            '[' => open = true,
            ']' if !open => return false,
            ']' => open = false,
            _ => {}
        }
    }
    !open
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn column_of(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

#[cfg(test)]
mod tests;
