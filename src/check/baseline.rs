//! `check --baseline FILE`: what the target branch's build found and which pages it
//! had, read from its `handbook.json` (`findings` and `pages`) or from the output of
//! `opsbook check --format json` (findings only). A finding of this check that the
//! baseline has too is *existing* and fails nothing; the others are *new*.
//!
//! A finding matches one of the baseline by its rule, file and message, never by its
//! line and column, so it still matches when lines above it were added or removed. Each
//! finding of the baseline matches at most one of this check: a second broken link to
//! the same target in the same file is new.
//!
//! The ratchet: a check with a baseline makes what `[check] links = "warn"` lowers an
//! error (`Overrides::links_as_errors`), so a broken link the change adds fails it,
//! while a finding the baseline has takes back the baseline's severity (a warning of
//! the target branch's build stays a warning, marked existing, and fails nothing).

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};

/// What a baseline holds.
#[derive(Debug, Default)]
pub(crate) struct Baseline {
    /// The file, as messages name it.
    pub file: String,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// Its pages: none when the file is the output of `check --format json`.
    pub pages: Option<Vec<BaselinePage>>,
}

/// One finding of a baseline: what it is matched by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub(crate) struct Finding {
    /// The rule's id.
    pub rule: String,
    /// The file.
    pub path: String,
    /// The message.
    pub message: String,
    /// `error`, `warning` or `note`; missing in lists written by hand.
    #[serde(default)]
    pub severity: Option<String>,
}

impl Finding {
    /// The severity, if it names one.
    fn severity(&self) -> Option<Severity> {
        match self.severity.as_deref()? {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }
}

/// One page of a baseline's `handbook.json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct BaselinePage {
    /// The site path; missing in a `handbook.json` of an opsbook before baselines.
    #[serde(default)]
    pub path: Option<String>,
    /// The link in the site, base path included.
    pub url: String,
    /// The Markdown file.
    #[serde(default)]
    pub source: Option<String>,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// Site paths that redirected to it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Hash of the source file.
    #[serde(default)]
    pub fingerprint: String,
    /// SimHash of the body.
    #[serde(default)]
    pub similarity: String,
}

#[derive(Deserialize)]
struct HandbookFile {
    #[serde(default)]
    findings: Vec<Finding>,
    pages: Vec<BaselinePage>,
}

/// Whether a finding was in the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Novelty {
    /// Not in the baseline: it fails the check if it is an error.
    New,
    /// In the baseline already: reported, never failing.
    Existing,
}

impl Novelty {
    /// `new` or `existing`, as every output format spells it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Existing => "existing",
        }
    }
}

const WHAT_TO_GIVE: &str =
    "give the handbook.json of the target branch's build, or what `opsbook check --format json` printed there";

impl Baseline {
    /// Reads a baseline file, a regular file of at most [`crate::fs::MAX_BASELINE_BYTES`];
    /// `shown` is how messages name it.
    pub(crate) fn read(path: &Path, shown: &str) -> anyhow::Result<Baseline> {
        let bytes =
            crate::fs::read_bytes(&crate::fs::Confined::named_on_command_line(path), crate::fs::FileKind::Baseline)
                .with_context(|| format!("cannot read the baseline {shown}"))?;
        Baseline::parse(&bytes, shown)
    }

    /// Reads a baseline from the bytes of its file.
    pub(crate) fn parse(bytes: &[u8], shown: &str) -> anyhow::Result<Baseline> {
        let value: serde_json::Value = match serde_json::from_slice(bytes) {
            Ok(value) => value,
            Err(e) => bail!("the baseline {shown} is not JSON ({e}); {WHAT_TO_GIVE}"),
        };
        let file = shown.to_string();
        if value.is_array() {
            let findings = serde_json::from_value(value)
                .with_context(|| format!("the baseline {shown} is a list, but not of findings; {WHAT_TO_GIVE}"))?;
            return Ok(Baseline { file, findings, pages: None });
        }
        if value.get("pages").is_none() {
            bail!("the baseline {shown} is JSON, but neither a handbook.json nor a list of findings; {WHAT_TO_GIVE}");
        }
        let handbook: HandbookFile = serde_json::from_value(value)
            .with_context(|| format!("the baseline {shown} has `pages`, but not as a handbook.json has them"))?;
        Ok(Baseline { file, findings: handbook.findings, pages: Some(handbook.pages) })
    }

    /// Whether each of `diagnostics` is new or in the baseline already; an existing
    /// one that the baseline had at a lower severity takes that severity back (the
    /// ratchet raises `[check] links` to errors for this check only).
    pub(crate) fn classify(&self, diagnostics: &mut [Diagnostic]) -> Vec<Novelty> {
        let mut left: HashMap<(&str, &str, &str), Vec<Option<Severity>>> = HashMap::new();
        for f in self.findings.iter().rev() {
            left.entry((f.rule.as_str(), f.path.as_str(), f.message.as_str())).or_default().push(f.severity());
        }
        diagnostics
            .iter_mut()
            .map(|d| {
                let matched = left.get_mut(&(d.rule.id(), d.path.as_str(), d.message.as_str())).and_then(Vec::pop);
                match matched {
                    Some(severity) => {
                        if let Some(severity) = severity.filter(|s| *s > d.severity) {
                            d.severity = severity;
                        }
                        Novelty::Existing
                    }
                    None => Novelty::New,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Rule;

    #[test]
    fn matches_findings_whatever_their_line() {
        let baseline = Baseline::parse(
            br#"[{"severity":"error","rule":"broken-link","path":"content/a.md","line":3,"column":5,"message":"no page `b.md`"}]"#,
            "base.json",
        )
        .unwrap();
        let moved = Diagnostic::error(Rule::BrokenLink, "content/a.md", 9, 1, "no page `b.md`");
        let other = Diagnostic::error(Rule::BrokenLink, "content/a.md", 3, 5, "no page `c.md`");
        let mut found = [moved.clone(), other, moved];
        assert_eq!(baseline.classify(&mut found), [Novelty::Existing, Novelty::New, Novelty::New]);
    }

    #[test]
    fn gives_existing_findings_back_the_baseline_severity() {
        let baseline = Baseline::parse(
            br#"[{"severity":"warning","rule":"broken-link","path":"content/a.md","line":3,"column":5,"message":"no page `b.md`"}]"#,
            "base.json",
        )
        .unwrap();
        let raised = Diagnostic::error(Rule::BrokenLink, "content/a.md", 3, 5, "no page `b.md`");
        let mut found = [raised.clone(), raised];
        assert_eq!(baseline.classify(&mut found), [Novelty::Existing, Novelty::New]);
        assert_eq!((found[0].severity, found[1].severity), (Severity::Warning, Severity::Error));
    }

    #[test]
    fn reads_a_handbook_json_with_and_without_findings() {
        let old = Baseline::parse(br#"{"format":1,"pages":[{"url":"/a/","title":"A","source":"content/a.md"}]}"#, "h")
            .unwrap();
        assert!(old.findings.is_empty());
        assert_eq!(old.pages.unwrap()[0].path, None);
    }

    #[test]
    fn says_what_a_baseline_is_when_it_is_not_one() {
        let error = |text: &[u8]| Baseline::parse(text, "base.json").unwrap_err().to_string();
        assert!(error(b"<html>").starts_with("the baseline base.json is not JSON"), "{}", error(b"<html>"));
        assert!(error(b"{\"a\":1}").contains("neither a handbook.json nor a list of findings"));
        assert!(format!("{:#}", Baseline::parse(b"[1]", "b").unwrap_err()).contains("not of findings"));
        assert!(error(b"{\"pages\":1}").contains("has `pages`, but not as a handbook.json has them"));
    }
}
