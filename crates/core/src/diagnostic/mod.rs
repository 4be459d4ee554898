//! Diagnostics about user content: what went wrong, where (`path:line:column`, the path
//! relative to the handbook root) and which rule fired.
//!
//! Every step of the pipeline collects diagnostics instead of stopping at the first
//! problem; the build fails at the end if any of them is an error ("collect, then fail").
//! [`human`] prints them the way rustc does; [`summary`] groups the warnings of a large
//! run by rule; [`bound`] keeps the first thousand of a file.

pub mod bound;
pub mod human;
pub mod summary;

use std::fmt;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails.
    Error,
    /// Reported, but the build succeeds.
    Warning,
    /// For information only: never fails anything, and is not counted as a warning.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// The rule that fired. Each has a stable id (see [`Rule::id`]) that CI annotations and
/// the JSON output carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `book.toml` is not valid TOML, or a value has the wrong type.
    ConfigSyntax,
    /// `book.toml` has a key opsbook does not know.
    UnknownConfigKey,
    /// `book.toml` lacks something required, or a value is not allowed.
    ConfigField,
    /// A file could not be read.
    UnreadableFile,
    /// A file is not valid UTF-8.
    InvalidUtf8,
    /// Front matter is not valid YAML or TOML, or is not closed.
    FrontMatterSyntax,
    /// A Prometheus rule file given to `check --rules` is not valid YAML.
    RulesSyntax,
    /// An alert of the rule files has no runbook in the handbook.
    AlertWithoutRunbook,
    /// A runbook link of an alert rule points into the handbook, but at no page.
    RunbookUrlBroken,
    /// A runbook answers an alert that no rule file defines.
    RunbookWithoutAlert,
    /// An annotation of an alert rule reads the `alertname` label, which is empty there.
    AlertnameInAnnotation,
    /// A front matter mapping has the same key twice; the last value is kept.
    DuplicateKey,
    /// A front matter field has the wrong type or a value that is not allowed.
    FrontMatterField,
    /// A page names a kind that is neither built in nor declared in `book.toml`.
    UnknownKind,
    /// Two files (or a file and an alias) map to the same URL.
    DuplicateUrl,
    /// Two runbooks answer the same alert.
    DuplicateAlert,
    /// A path the build would write is not a safe path in the site: an alias that
    /// climbs out with `..`, has whitespace, control characters or a scheme, or a slug,
    /// tag or file name longer than a file name may be.
    InvalidPath,
    /// A link points to a page that does not exist.
    BrokenLink,
    /// A link's `#anchor` is not an id of its target page.
    BrokenAnchor,
    /// An image or file link points to a file that does not exist.
    MissingAsset,
    /// A page of the public build links to a page or file that is internal.
    LinkToInternal,
    /// An internal block is not marked right: a marker not on a line of its own, not
    /// closed, or closed in another block.
    InternalBlock,
    /// A Docusaurus `:::` admonition is never closed, or a `:::` closes none.
    Admonition,
    /// An include directive names a file or part that is missing, refused (outside the
    /// handbook, hidden), or makes a cycle or too deep or large a page.
    Include,
    /// Syntax of another tool (a Hugo shortcode, a Liquid tag, an MDX component) that
    /// opsbook does not render: it is shown as a placeholder.
    UnsupportedSyntax,
    /// A page's HTML leaves a comment, a tag, a raw-text element (`<script>`,
    /// `<textarea>`...) or a `<template>`, `<details>` or `<div>` open: the browser hides
    /// the rest of the page, with its navigation and footer.
    UnclosedHtml,
    /// A ```` ```mermaid ```` diagram cannot be drawn (its type is not supported, it
    /// cannot be read, it is too large, or the renderer failed); it is shown as code.
    Diagram,
    /// A template could not be parsed or rendered.
    Template,
    /// A page's templates (Liquid, Nunjucks, the handbook's Tera templates) or diagrams
    /// went past the budget of time, memory or nesting a page gets: not evaluated or drawn.
    Budget,
    /// The git repository is a shallow clone, so last-updated dates may be wrong.
    ShallowClone,
    /// A symbolic link in the handbook leads outside the handbook's folder; it is not
    /// followed.
    SymlinkOutsideRoot,
    /// A page's body starts with what reads as front matter, after blank lines or
    /// invisible characters that kept it from being read as front matter.
    FrontMatterNotFirst,
    /// A navigation file of another tool (`mkdocs.yml`, `SUMMARY.md`) cannot be read,
    /// has an entry that is not one, or lists a file that is no page.
    NavFile,
    /// A CODEOWNERS pattern matches no file of the repository.
    CodeownersNoMatch,
    /// A CODEOWNERS pattern is written twice in the same section; the later line wins.
    CodeownersDuplicate,
    /// A CODEOWNERS line cannot be read: an owner that is no `@user`, `@org/team` or
    /// email, a GitLab section header with unbalanced brackets, or an invalid pattern.
    CodeownersSyntax,
    /// A GitLab CODEOWNERS section names no default owners and has entries that name
    /// none either.
    CodeownersSectionWithoutOwners,
    /// A page has no owner, from front matter or CODEOWNERS (`[check] require-owners`).
    PageWithoutOwner,
    /// An image of the content folder is larger than `[check] max-image-kb`.
    ImageTooLarge,
    /// A file of the content folder that no page, template or configuration uses.
    UnusedAsset,
    /// With `check --baseline`, a page URL of the baseline that is now neither a page, an
    /// alias nor a file of the site: links, alerts' `runbook_url`s and bookmarks to it
    /// would break.
    MovedWithoutRedirect,
    /// The Prometheus server refused the query of a status check, or its answer is no
    /// number.
    StatusCheck,
    /// The status page's checks could not be measured: the Prometheus server failed, or
    /// an offline build has no usable health.json of an earlier build.
    HealthUnavailable,
    /// A peer of `[[peers]]` could not be read: unreachable, too slow, or what it
    /// published is not what opsbook reads; its last copy stands in.
    PeerUnavailable,
    /// opsbook itself failed on a page (a panic, caught): a bug to report, never a
    /// mistake of the page.
    InternalError,
}

impl Rule {
    /// The stable id of the rule, e.g. `broken-link`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ConfigSyntax => "config-syntax",
            Rule::UnknownConfigKey => "unknown-config-key",
            Rule::ConfigField => "config-field",
            Rule::UnreadableFile => "unreadable-file",
            Rule::InvalidUtf8 => "invalid-utf8",
            Rule::FrontMatterSyntax => "front-matter-syntax",
            Rule::RulesSyntax => "rules-syntax",
            Rule::AlertWithoutRunbook => "alert-without-runbook",
            Rule::RunbookUrlBroken => "runbook-url-broken",
            Rule::RunbookWithoutAlert => "runbook-without-alert",
            Rule::AlertnameInAnnotation => "alertname-in-annotation",
            Rule::DuplicateKey => "duplicate-key",
            Rule::FrontMatterField => "front-matter-field",
            Rule::UnknownKind => "unknown-kind",
            Rule::DuplicateUrl => "duplicate-url",
            Rule::DuplicateAlert => "duplicate-alert",
            Rule::InvalidPath => "invalid-path",
            Rule::BrokenLink => "broken-link",
            Rule::BrokenAnchor => "broken-anchor",
            Rule::MissingAsset => "missing-asset",
            Rule::LinkToInternal => "link-to-internal",
            Rule::InternalBlock => "internal-block",
            Rule::Admonition => "admonition",
            Rule::Include => "include",
            Rule::UnsupportedSyntax => "unsupported-syntax",
            Rule::UnclosedHtml => "unclosed-html",
            Rule::Diagram => "diagram",
            Rule::Template => "template",
            Rule::Budget => "budget",
            Rule::ShallowClone => "shallow-clone",
            Rule::SymlinkOutsideRoot => "symlink-outside-root",
            Rule::FrontMatterNotFirst => "front-matter-not-first",
            Rule::NavFile => "nav-file",
            Rule::CodeownersNoMatch => "codeowners-no-match",
            Rule::CodeownersDuplicate => "codeowners-duplicate",
            Rule::CodeownersSyntax => "codeowners-syntax",
            Rule::CodeownersSectionWithoutOwners => "codeowners-section-without-owners",
            Rule::PageWithoutOwner => "page-without-owner",
            Rule::ImageTooLarge => "image-too-large",
            Rule::UnusedAsset => "unused-asset",
            Rule::MovedWithoutRedirect => "moved-without-redirect",
            Rule::StatusCheck => "status-check",
            Rule::HealthUnavailable => "health-unavailable",
            Rule::PeerUnavailable => "peer-unavailable",
            Rule::InternalError => "internal-error",
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One problem found in the handbook's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// The rule that fired.
    pub rule: Rule,
    /// The file, relative to the handbook root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file or line.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A hint on how to fix it, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of `rule` at `path:line:column`.
    pub fn error(rule: Rule, path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule,
            path: path.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// The same diagnostic with a different severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same diagnostic with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column`, leaving out what is not known.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (line, 0) => format!("{}:{line}", self.path),
            (line, column) => format!("{}:{line}:{column}", self.path),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}: {}", self.severity, self.rule.id(), self.location(), self.message)
    }
}

/// A place in a template file: where the renderer finds a piece of text that a
/// whole-site check reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePlace {
    /// The file, as diagnostics name it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Sorts diagnostics by path, line and column, so one run reads top to bottom.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message).cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
}

/// Drops what follows from front matter that could not be read: a file with a
/// `front-matter-syntax` error keeps that error alone. Its other diagnostics (a missing
/// title, a kind without its fields, what its unread text rendered into) would bury the
/// one that matters. The page itself is still in the site, so links to it resolve.
pub fn drop_consequences(diagnostics: &mut Vec<Diagnostic>) {
    let broken: std::collections::HashSet<String> =
        diagnostics.iter().filter(|d| d.rule == Rule::FrontMatterSyntax).map(|d| d.path.clone()).collect();
    if !broken.is_empty() {
        diagnostics.retain(|d| d.rule == Rule::FrontMatterSyntax || !broken.contains(&d.path));
    }
}

/// Makes a run's diagnostics ready to report: [`drop_consequences`], then
/// [`sort_diagnostics`], then at most [`bound::PER_FILE`] of each file.
pub fn settle_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    drop_consequences(diagnostics);
    sort_diagnostics(diagnostics);
    // A file read for two pages (a page and its copy in a language that lacks a
    // translation) says what is wrong with it once.
    diagnostics.dedup();
    bound::bound_per_file(diagnostics);
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = crate::char_boundary::floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Maps byte offsets of one text to lines and columns quickly, for texts that need many
/// look-ups (every link of a page). The line starts are found at the first look-up, so
/// a text that needs none costs nothing.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The last look-up: line (0 for none), byte offset and column. A look-up on the
    /// same line counts characters from it, so that many places on one long line cost
    /// the distance between them, not the line each time.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// An index of the line starts of `text`, made when first needed.
    pub fn new(text: &'a str) -> Self {
        LineIndex { text, line_starts: std::cell::OnceCell::new(), last: std::cell::Cell::new((0, 0, 0)) }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line_starts = self.line_starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.text.len() / 32 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        });
        let offset = crate::char_boundary::floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let (last_line, last_offset, last_column) = self.last.get();
        let column = match (last_line == line, last_offset <= offset) {
            (true, true) => last_column + self.text[last_offset..offset].chars().count(),
            (true, false) => last_column - self.text[offset..last_offset].chars().count(),
            (false, _) => self.text[start..offset].chars().count() + 1,
        };
        self.last.set((line, offset, column));
        (line, column)
    }
}

/// `1234567` -> `1,234,567`: a count with its thousands apart, as summaries write them.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_and_column_in_characters() {
        let text = "ab\nÜber x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 6));
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(x), (2, 6));
        assert_eq!(index.line_column(text.len()), (3, 1));
    }

    #[test]
    fn counts_columns_from_the_last_look_up_on_the_same_line() {
        let text = "x\nÜber ä ö ü end\n";
        let index = LineIndex::new(text);
        let places = ["end", "ö", "Ü", "ü", "ä", "x"].map(|s| text.find(s).unwrap());
        for place in places.into_iter().chain(places.into_iter().rev()) {
            assert_eq!(index.line_column(place), line_column(text, place), "at byte {place}");
        }
    }

    #[test]
    fn keeps_only_the_syntax_error_of_a_page_whose_front_matter_is_broken() {
        let warn = |rule, path: &str| Diagnostic::error(rule, path, 5, 1, "x").with_severity(Severity::Warning);
        let mut diagnostics = vec![
            warn(Rule::BrokenLink, "content/a.md"),
            Diagnostic::error(Rule::FrontMatterSyntax, "content/a.md", 3, 1, "invalid YAML"),
            Diagnostic::error(Rule::FrontMatterField, "content/a.md", 2, 1, "no title"),
            warn(Rule::BrokenLink, "content/b.md"),
        ];
        settle_diagnostics(&mut diagnostics);
        let left: Vec<(&str, Rule)> = diagnostics.iter().map(|d| (d.path.as_str(), d.rule)).collect();
        assert_eq!(left, [("content/a.md", Rule::FrontMatterSyntax), ("content/b.md", Rule::BrokenLink)]);
    }

    #[test]
    fn displays_path_line_column_and_rule() {
        let d = Diagnostic::error(Rule::BrokenLink, "content/a.md", 3, 7, "no page `b.md`");
        assert_eq!(d.to_string(), "error[broken-link]: content/a.md:3:7: no page `b.md`");
    }
}

/// Why a command could not finish: problems in the handbook's files (exit code 1), or
/// in its environment, such as a missing `book.toml` or an unwritable output folder
/// (exit code 2).
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; the diagnostics say where (warnings included).
    Content(Vec<Diagnostic>),
    /// Something outside the content is wrong.
    Environment(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Environment(error)
    }
}
