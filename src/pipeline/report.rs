//! What a build or a check reports: the summary line, the step timings.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, thousands};
use crate::progress::Progress;
use crate::site::Site;
use crate::spent::PeakMemory;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages written.
    pub pages: usize,
    /// Pages per kind.
    pub kinds: BTreeMap<String, usize>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Where the site went.
    pub output_dir: PathBuf,
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
    /// The time of each step, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The peak memory of each step, in bytes, beside `timings` ([`crate::spent::PeakMemory`]).
    pub peaks: Vec<Option<u64>>,
    /// Who the site was built for.
    pub audience: crate::config::Audience,
    /// Internal pages left out (of a public build).
    pub internal_left_out: usize,
    /// The pages whose file was kept from the previous output without running their
    /// template (their template context had not changed: [`super::cache::rendered`]),
    /// the pages rendered through a template, and how many of the kept pages were
    /// recognised by their key, before their body was read ([`super::stream`]).
    pub kept_pages: (usize, usize, usize),
}

impl BuildReport {
    /// The report of a build of `site`.
    pub(crate) fn of(
        site: &Site,
        elapsed: Duration,
        warnings: Vec<Diagnostic>,
        timer: Timer,
        kept_pages: (usize, usize, usize),
    ) -> Self {
        let mut kinds = BTreeMap::new();
        let content_pages = site.pages.iter().filter(|p| !p.origin.is_generated());
        let mut pages = 0;
        for page in content_pages {
            *kinds.entry(page.kind.clone()).or_insert(0) += 1;
            pages += 1;
        }
        BuildReport {
            pages,
            kinds,
            elapsed,
            output_dir: site.config.output_dir.clone(),
            warnings,
            timings: timer.steps,
            peaks: timer.peaks,
            audience: site.config.audience,
            internal_left_out: site.internal_pages_left_out(),
            kept_pages,
        }
    }

    /// The summary line: `built 3,823 pages (412 runbooks, 96 rcas) in 1.21s -> public/`.
    pub fn summary(&self, shown_output: &str) -> String {
        let kinds: Vec<String> = self
            .kinds
            .iter()
            .filter(|(kind, _)| kind.as_str() != "page")
            .map(|(kind, n)| format!("{} {}", thousands(*n), plural(kind, *n)))
            .collect();
        let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
        let audience = match (self.audience, self.internal_left_out) {
            (crate::config::Audience::Internal, _) => " (internal build)".to_string(),
            (_, 0) => String::new(),
            (_, n) => {
                format!(" (public build: {} internal {} left out)", thousands(n), if n == 1 { "page" } else { "pages" })
            }
        };
        format!(
            "built {} {}{kinds} in {:.2}s -> {shown_output}{audience}{}",
            thousands(self.pages),
            if self.pages == 1 { "page" } else { "pages" },
            self.elapsed.as_secs_f64(),
            unsupported_note(&self.warnings)
        )
    }
}

impl BuildReport {
    /// The time of each step, one per line, with its share of the whole build and its
    /// peak memory; then how many pages' files were kept without their template.
    pub fn timings_table(&self) -> String {
        let (kept, of, early) = self.kept_pages;
        let kept = format!(
            "  {} of {} {} kept from the previous output, their template context unchanged ({} before reading them)\n",
            thousands(kept),
            thousands(of),
            if of == 1 { "page" } else { "pages" },
            thousands(early)
        );
        timings_table(&self.timings, &self.peaks, self.elapsed) + &kept
    }
}

/// `; 3 unsupported-syntax` when some of `diagnostics` are about syntax of another tool
/// shown as a placeholder, so that a migration sees how much is left; else nothing.
pub(crate) fn unsupported_note(diagnostics: &[Diagnostic]) -> String {
    let count = diagnostics.iter().filter(|d| d.rule == crate::diagnostic::Rule::UnsupportedSyntax).count();
    if count == 0 { String::new() } else { format!("; {} unsupported-syntax", thousands(count)) }
}

/// The English plural of a kind name: `runbooks`, `policies`, `processes`.
pub(crate) fn plural(kind: &str, n: usize) -> String {
    if n == 1 {
        return kind.to_string();
    }
    let bytes = kind.as_bytes();
    let consonant_y = bytes.len() > 1 && bytes[bytes.len() - 1] == b'y' && !b"aeiou".contains(&bytes[bytes.len() - 2]);
    if consonant_y {
        format!("{}ies", &kind[..kind.len() - 1])
    } else if kind.ends_with(['s', 'x']) || kind.ends_with("ch") || kind.ends_with("sh") {
        format!("{kind}es")
    } else {
        format!("{kind}s")
    }
}

/// The time of each step, one per line, with its share of the whole and, where known,
/// its peak memory (`peaks`, beside `timings`); the total line has the build's peak.
pub(crate) fn timings_table(timings: &[(&'static str, Duration)], peaks: &[Option<u64>], elapsed: Duration) -> String {
    let total = elapsed.as_secs_f64().max(f64::EPSILON);
    let mut table = String::new();
    for (index, (step, time)) in timings.iter().enumerate() {
        let seconds = time.as_secs_f64();
        let peak = mebibytes(peaks.get(index).copied().flatten());
        table.push_str(&format!("  {step:<12} {:>9.1} ms {:>5.1}%{peak}\n", seconds * 1000.0, seconds / total * 100.0));
    }
    let peak = mebibytes(peaks.iter().copied().flatten().max());
    table.push_str(&format!("  {:<12} {:>9.1} ms       {peak}\n", "total", total * 1000.0));
    table
}

/// ` 1,234.5 MiB peak` for a number of bytes; nothing when there is no figure.
fn mebibytes(bytes: Option<u64>) -> String {
    let Some(bytes) = bytes else { return String::new() };
    let tenths = (bytes * 10 + (1 << 19)) >> 20;
    let whole = usize::try_from(tenths / 10).unwrap_or(usize::MAX);
    format!(" {:>9}.{} MiB peak", thousands(whole), tenths % 10)
}

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    /// Pages checked.
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Everything found, errors and warnings, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The time of each step.
    pub timings: Vec<(&'static str, Duration)>,
    /// Every page (not those opsbook generates) with its file and URL, by site path.
    pub(crate) routes: Vec<crate::check::pages::PageEntry>,
    /// With a baseline: the pages the change touched.
    pub(crate) changes: Vec<crate::check::moved::PageChange>,
    /// The handbook's folder from the git repository's root (`handbook/`), or `""`.
    pub(crate) repository_prefix: String,
    /// The peak memory of each step, in bytes, beside `timings`.
    pub peaks: Vec<Option<u64>>,
}

impl CheckReport {
    /// Whether anything found is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Times the steps of one build, takes the peak memory of each, and tells the build's
/// [`Progress`] which step is under way.
pub(crate) struct Timer {
    last: Instant,
    pub(crate) steps: Vec<(&'static str, Duration)>,
    /// The peak memory of each step, in bytes, beside `steps`.
    pub(crate) peaks: Vec<Option<u64>>,
    memory: PeakMemory,
    progress: Arc<Progress>,
}

impl Timer {
    /// The timer of a build run with `context`.
    pub(crate) fn new(context: &super::Context) -> Self {
        Timer {
            last: Instant::now(),
            steps: Vec::new(),
            peaks: Vec::new(),
            memory: PeakMemory::start(context.peaks_per_step),
            progress: Arc::clone(&context.progress),
        }
    }

    /// Names the step that starts, with the pages it goes through (0: it does not count
    /// pages), and gives the progress its workers count them on.
    pub(crate) fn begin(&self, step: &'static str, pages: usize) -> &Progress {
        self.progress.begin(step, pages);
        &self.progress
    }

    /// The build's progress, shared with its workers.
    pub(crate) fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    pub(crate) fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.steps.push((step, now - self.last));
        self.peaks.push(self.memory.take());
        self.last = now;
    }

    /// Splits the last step in two: `part` of the `whole` time its threads spent (both
    /// summed over threads) becomes the step `name`, with the same share of its wall time.
    /// The two ran side by side, so the new step has the peak memory of the last.
    pub(crate) fn split_last(&mut self, name: &'static str, part: Duration, whole: Duration) {
        let Some((_, last)) = self.steps.last_mut() else { return };
        if whole.is_zero() {
            return;
        }
        let share = (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0);
        let split = last.mul_f64(share);
        *last -= split;
        self.steps.push((name, split));
        self.peaks.push(self.peaks.last().copied().flatten());
    }

    /// Splits the last step into several: each of `parts` (name, time its threads spent
    /// on it) of the `whole` time its threads spent becomes a step, in order, as
    /// [`Timer::split_last`] makes one.
    pub(crate) fn split_last_in(&mut self, parts: &[(&'static str, Duration)], whole: Duration) {
        let (Some(&(_, wall)), Some(&peak)) = (self.steps.last(), self.peaks.last()) else { return };
        if whole.is_zero() {
            return;
        }
        let parent = self.steps.len() - 1;
        for &(name, part) in parts {
            let share = (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0);
            let split = wall.mul_f64(share).min(self.steps[parent].1);
            self.steps[parent].1 -= split;
            self.steps.push((name, split));
            self.peaks.push(peak);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pluralises_kind_names() {
        assert_eq!(plural("runbook", 2), "runbooks");
        assert_eq!(plural("rca", 96), "rcas");
        assert_eq!(plural("policy", 3), "policies");
        assert_eq!(plural("process", 2), "processes");
        assert_eq!(plural("day", 2), "days");
        assert_eq!(plural("policy", 1), "policy");
    }

    #[test]
    fn shows_each_steps_peak_and_the_highest_on_the_total_line() {
        let timings = [("parse", Duration::from_millis(30)), ("write", Duration::from_millis(70))];
        let table = timings_table(&timings, &[Some(12 << 20), Some(1_536 << 20)], Duration::from_millis(100));
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "  parse             30.0 ms  30.0%        12.0 MiB peak");
        assert_eq!(lines[1], "  write             70.0 ms  70.0%     1,536.0 MiB peak");
        assert_eq!(lines[2], "  total            100.0 ms            1,536.0 MiB peak");
        let unknown = timings_table(&timings, &[None, None], Duration::from_millis(100));
        assert!(unknown.lines().all(|line| !line.contains("MiB")), "{unknown}");
    }

    #[test]
    fn formats_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3823), "3,823");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
