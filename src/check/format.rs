//! Diagnostics in the forms people and CI systems read best:
//!
//! - `human`: like rustc, the source line with a caret under the column
//!   ([`crate::diagnostic::human`]);
//! - `json`: one array of `{"severity","rule","path","line","column","message"}`;
//! - `github`: workflow commands, shown as annotations on the pull request;
//! - `gitlab`: a Code Quality report, shown in the merge request.
//!
//! With a baseline (`check --baseline`), each finding is marked new or existing: a
//! `baseline` field in `json`, `(new)`/`(existing)` in the title of `github` (existing
//! errors and warnings as notices, which stand out less), a `[new]`/`[existing]` prefix
//! to the `gitlab` description, and after the rule in `human`. `marks` is then one
//! [`Novelty`] per diagnostic; without a baseline it is empty and the output as before.

use std::fmt::Write as _;

use serde::Serialize;

use super::baseline::Novelty;
use crate::diagnostic::{Diagnostic, Severity};
use crate::hash::{FNV_OFFSET, fnv1a};

/// An output format of `opsbook check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Like rustc: the line with a caret under the problem.
    Human,
    /// One JSON array on standard output.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    rule: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// `new` or `existing`, with a baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'static str>,
}

/// The mark of diagnostic `i`, if there is a baseline.
fn mark(marks: &[Novelty], i: usize) -> Option<Novelty> {
    marks.get(i).copied()
}

/// The `json` format: one array, one object per diagnostic.
pub(crate) fn json(diagnostics: &[Diagnostic], marks: &[Novelty]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| JsonDiagnostic {
            severity: d.severity,
            rule: d.rule.id(),
            path: &d.path,
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
            baseline: mark(marks, i).map(Novelty::label),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// The message with its hint, for the formats that have one text field.
fn full_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} ({help})", d.message),
        None => d.message.clone(),
    }
}

/// The `github` format: `::error file=…,line=…,col=…,title=…::message`.
pub(crate) fn github(diagnostics: &[Diagnostic], marks: &[Novelty]) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let level = match (d.severity, mark(marks, i)) {
            (_, Some(Novelty::Existing)) | (Severity::Note, _) => "notice",
            (Severity::Error, _) => "error",
            (Severity::Warning, _) => "warning",
        };
        let title = match mark(marks, i) {
            Some(novelty) => format!("opsbook {} ({})", d.rule.id(), novelty.label()),
            None => format!("opsbook {}", d.rule.id()),
        };
        let mut properties = format!("file={}", escape_property(&d.path));
        if d.line > 0 {
            let _ = write!(properties, ",line={}", d.line);
        }
        if d.column > 0 {
            let _ = write!(properties, ",col={}", d.column);
        }
        let _ = write!(properties, ",title={}", escape_property(&title));
        let _ = writeln!(out, "::{level} {properties}::{}", escape_data(&full_message(d)));
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct CodeQuality<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The `gitlab` format: a Code Quality report. Fingerprints depend on the rule, the file,
/// the message and how many times that message occurs before in the file, not on line
/// numbers, so an issue keeps its fingerprint when lines above it change.
pub(crate) fn gitlab(diagnostics: &[Diagnostic], marks: &[Novelty]) -> String {
    let mut seen: std::collections::HashMap<(String, &'static str, String), usize> = std::collections::HashMap::new();
    let items: Vec<CodeQuality<'_>> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let occurrence = seen.entry((d.path.clone(), d.rule.id(), d.message.clone())).or_insert(0);
            *occurrence += 1;
            CodeQuality {
                description: match mark(marks, i) {
                    Some(novelty) => format!("[{}] {}", novelty.label(), full_message(d)),
                    None => full_message(d),
                },
                check_name: d.rule.id(),
                fingerprint: fingerprint(&[&d.path, d.rule.id(), &d.message, &occurrence.to_string()]),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                location: Location { path: &d.path, lines: Lines { begin: d.line.max(1) } },
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// A stable 128-bit hex fingerprint (two FNV-1a hashes with different seeds).
fn fingerprint(parts: &[&str]) -> String {
    let hash = |seed: u64| parts.iter().fold(seed, |h, part| fnv1a(fnv1a(h, part.as_bytes()), &[0]));
    format!("{:016x}{:016x}", hash(FNV_OFFSET), hash(0x6c62_272e_07bb_0142))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Rule;

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error(Rule::BrokenLink, "content/a.md", 3, 5, "no page `content/b.md`")
                .with_help("did you mean `c.md`?"),
            Diagnostic::error(Rule::BrokenAnchor, "content/a,b.md", 7, 1, "no heading `#x`\nhere: 100%")
                .with_severity(Severity::Warning),
        ]
    }

    #[test]
    fn writes_json() {
        let value: serde_json::Value = serde_json::from_str(&json(&sample(), &[])).unwrap();
        assert_eq!(value[0]["rule"], "broken-link");
        assert_eq!(value[0]["severity"], "error");
        assert_eq!(value[0]["line"], 3);
        assert_eq!(value[0]["column"], 5);
        assert_eq!(value[1]["severity"], "warning");
    }

    #[test]
    fn writes_github_annotations() {
        assert_eq!(
            github(&sample(), &[]),
            "::error file=content/a.md,line=3,col=5,title=opsbook broken-link::no page `content/b.md` (did you mean `c.md`?)\n\
             ::warning file=content/a%2Cb.md,line=7,col=1,title=opsbook broken-anchor::no heading `#x`%0Ahere: 100%25\n"
        );
    }

    #[test]
    fn writes_gitlab_code_quality() {
        let value: serde_json::Value = serde_json::from_str(&gitlab(&sample(), &[])).unwrap();
        assert_eq!(value[0]["check_name"], "broken-link");
        assert_eq!(value[0]["severity"], "major");
        assert_eq!(value[0]["location"]["path"], "content/a.md");
        assert_eq!(value[0]["location"]["lines"]["begin"], 3);
        assert_eq!(value[1]["severity"], "minor");
        assert_ne!(value[0]["fingerprint"], value[1]["fingerprint"]);
        assert_eq!(value[0]["fingerprint"].as_str().unwrap().len(), 32);
    }

    #[test]
    fn writes_notes_as_notices_and_info() {
        let note = vec![
            Diagnostic::error(Rule::RunbookWithoutAlert, "content/a.md", 2, 1, "no rule").with_severity(Severity::Note),
        ];
        assert!(github(&note, &[]).starts_with("::notice file=content/a.md,line=2,col=1,"), "{}", github(&note, &[]));
        let value: serde_json::Value = serde_json::from_str(&gitlab(&note, &[])).unwrap();
        assert_eq!(value[0]["severity"], "info");
        let value: serde_json::Value = serde_json::from_str(&json(&note, &[])).unwrap();
        assert_eq!(value[0]["severity"], "note");
    }

    #[test]
    fn marks_new_and_existing_findings() {
        let marks = [Novelty::New, Novelty::Existing];
        let value: serde_json::Value = serde_json::from_str(&json(&sample(), &marks)).unwrap();
        assert_eq!((value[0]["baseline"].as_str(), value[1]["baseline"].as_str()), (Some("new"), Some("existing")));
        assert!(json(&sample(), &[]).find("baseline").is_none());
        let annotations = github(&sample(), &marks);
        assert!(annotations.starts_with("::error file=content/a.md,line=3,col=5,title=opsbook broken-link (new)::"));
        assert!(
            annotations
                .contains("\n::notice file=content/a%2Cb.md,line=7,col=1,title=opsbook broken-anchor (existing)::")
        );
        let value: serde_json::Value = serde_json::from_str(&gitlab(&sample(), &marks)).unwrap();
        assert!(value[1]["description"].as_str().unwrap().starts_with("[existing] no heading"));
        let unmarked: serde_json::Value = serde_json::from_str(&gitlab(&sample(), &[])).unwrap();
        assert_eq!(value[1]["fingerprint"], unmarked[1]["fingerprint"]);
    }
}
