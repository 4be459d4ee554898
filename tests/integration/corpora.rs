//! Real handbooks: every corpus in ../shared/corpora (a company handbook, alert runbook
//! repositories, postmortems, standards documents) builds with no panic and no error
//! other than broken links, which are reported as warnings here.
//!
//! The corpora live beside the repository, not in it; set `OPSBOOK_CORPORA` to point
//! elsewhere. Without them each test prints "skipped: no corpora at ..." and checks
//! nothing, except under `CI=true`, where a missing folder fails the test (a
//! fresh clone used to pass here silently).

use crate::util;

use std::io::Write;
use std::path::{Path, PathBuf};

use util::{Site, copy_dir, panicked};

/// The corpora folder, or `None` (with a visible "skipped" line) when it is missing.
/// Panics when it is missing under `CI=true`.
fn corpora_dir(test: &str) -> Option<PathBuf> {
    let ci = std::env::var("CI").is_ok_and(|v| is_true(&v));
    match find_corpora(std::env::var_os("OPSBOOK_CORPORA").map(PathBuf::from), ci) {
        Corpora::Found(dir) => Some(dir),
        Corpora::Skipped(line) => {
            // Straight to the process's stderr: the test harness captures `eprintln!`
            // of a passing test, and this line is meant to be seen.
            let _ = std::io::stderr().lock().write_all(format!("{line}: {test} checks nothing\n").as_bytes());
            None
        }
        Corpora::Missing(message) => panic!("{test}: {message}"),
    }
}

/// What [`find_corpora`] decided.
#[derive(Debug, PartialEq)]
enum Corpora {
    /// The folder is there.
    Found(PathBuf),
    /// It is not, outside CI: the line to print.
    Skipped(String),
    /// It is not, under CI: the message that fails the test.
    Missing(String),
}

/// The corpora folder: `configured` (`OPSBOOK_CORPORA`) or `../shared/corpora`.
fn find_corpora(configured: Option<PathBuf>, ci: bool) -> Corpora {
    let dir = configured.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    if dir.is_dir() {
        Corpora::Found(dir)
    } else if ci {
        Corpora::Missing(format!(
            "no corpora at {} under CI=true: fetch them there or set OPSBOOK_CORPORA to their folder",
            dir.display()
        ))
    } else {
        Corpora::Skipped(format!("skipped: no corpora at {} (set OPSBOOK_CORPORA)", dir.display()))
    }
}

/// Whether an environment variable says yes, as CI services set `CI`.
fn is_true(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")
}

#[test]
fn a_missing_corpus_folder_fails_under_ci_and_is_skipped_visibly_otherwise() {
    let missing = Some(PathBuf::from("/nonexistent/opsbook-corpora"));
    assert_eq!(
        find_corpora(missing.clone(), true),
        Corpora::Missing(
            "no corpora at /nonexistent/opsbook-corpora under CI=true: fetch them there or set OPSBOOK_CORPORA to their folder".into()
        )
    );
    assert_eq!(
        find_corpora(missing, false),
        Corpora::Skipped("skipped: no corpora at /nonexistent/opsbook-corpora (set OPSBOOK_CORPORA)".into())
    );
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(find_corpora(Some(here.clone()), true), Corpora::Found(here), "OPSBOOK_CORPORA names the folder");
    assert!(is_true("true") && is_true("TRUE") && is_true("1") && !is_true("false") && !is_true(""));
}

#[test]
fn every_shared_corpus_builds_without_errors() {
    let Some(dir) = corpora_dir("every_shared_corpus_builds_without_errors") else { return };
    let mut corpora: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    corpora.sort();
    assert!(corpora.len() >= 5, "expected at least five corpora in {}", dir.display());
    for corpus in corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::empty(&format!("corpus-{name}"));
        // A corpus either has its own content/ folder or is the content itself.
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write("book.toml", format!("[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n"));
        let run = site.build(&["--base-url", "https://handbook.example.org/docs/", "--no-summary"]);
        assert!(!panicked(&run.stderr), "{name} panicked:\n{}", run.stderr);
        run.expect_code(0);
        let unexpected: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("error") || (l.starts_with("warning[") && !is_link_warning(l)))
            .collect();
        assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
        let pages = site.files_under("public").iter().filter(|f| f.ends_with("index.html")).count();
        let sources = site.files_under("content").iter().filter(|f| f.to_ascii_lowercase().ends_with(".md")).count();
        assert!(pages >= sources * 9 / 10, "{name}: {pages} pages from {sources} Markdown files");
    }
}

/// The rules of `check`'s lints (CODEOWNERS, owners, assets).
const LINT_RULES: &[&str] = &[
    "codeowners-no-match",
    "codeowners-duplicate",
    "codeowners-syntax",
    "codeowners-section-without-owners",
    "page-without-owner",
    "image-too-large",
    "unused-asset",
];

#[test]
fn every_shared_corpus_checks_without_errors_from_the_lints() {
    let Some(dir) = corpora_dir("every_shared_corpus_checks_without_errors_from_the_lints") else { return };
    let mut corpora: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    corpora.sort();
    for corpus in corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::empty(&format!("corpus-lint-{name}"));
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write("book.toml", format!("[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n"));
        let run = site.run(&["check", "--format", "json"]);
        run.expect_code(0);
        let found: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let mut counts: Vec<(String, String, usize)> = Vec::new();
        for d in found.as_array().expect("an array") {
            let (rule, severity) = (d["rule"].as_str().expect("rule"), d["severity"].as_str().expect("severity"));
            if !LINT_RULES.contains(&rule) {
                continue;
            }
            assert_ne!(severity, "error", "{name}: {d}");
            match counts.iter_mut().find(|(r, s, _)| r == rule && s == severity) {
                Some(count) => count.2 += 1,
                None => counts.push((rule.to_string(), severity.to_string(), 1)),
            }
        }
        counts.sort();
        let counts: Vec<String> = counts.iter().map(|(r, s, n)| format!("{n} {s} {r}")).collect();
        eprintln!("{name}: {}", if counts.is_empty() { "nothing".to_string() } else { counts.join(", ") });
    }
}

fn is_link_warning(line: &str) -> bool {
    // `unclosed-html` too: a page's own raw HTML that hides the rest of it (a JSX
    // `<iframe ... />`, which HTML does not close) is the author's to fix, as a link is.
    [
        "warning[broken-link]",
        "warning[broken-anchor]",
        "warning[missing-asset]",
        "warning[unsupported-syntax]",
        "warning[unclosed-html]",
    ]
    .iter()
    .any(|rule| line.starts_with(rule))
}

/// The two alert runbook repositories, built with `[alerts]
/// infer-from-file-names = true`, map every file named after an alert to that alert.
/// OpenShift documents two alerts under two operators each: those are `duplicate-alert`
/// errors at both files, and the count is taken once the second copies are removed.
#[test]
fn every_alert_named_runbook_maps_to_its_alert() {
    let Some(dir) = corpora_dir("every_alert_named_runbook_maps_to_its_alert") else { return };
    for name in ["prometheus-operator-runbooks", "openshift-runbooks"] {
        let corpus = dir.join(name);
        let site = Site::empty(&format!("corpus-alerts-{name}"));
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write(
            "book.toml",
            format!(
                "[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n[alerts]\ninfer-from-file-names = true\n"
            ),
        );
        let mut files: Vec<String> =
            site.files_under("content").into_iter().filter(|f| alert_of_file(f).is_some()).collect();
        files.sort();
        let mut first: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        let mut duplicates = Vec::new();
        for file in &files {
            let alert = alert_of_file(file).unwrap_or_default();
            if let Some(other) = first.get(&alert) {
                duplicates.push((alert, other.clone(), file.clone()));
            } else {
                first.insert(alert, file.clone());
            }
        }
        let run = site.build(&["--base-url", "https://runbooks.example.org/"]);
        assert!(!panicked(&run.stderr), "{name} panicked:\n{}", run.stderr);
        let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error[")).collect();
        assert_eq!(errors.len(), duplicates.len() * 2, "{name}: {errors:#?}");
        for (alert, one, two) in &duplicates {
            for (file, other) in [(one, two), (two, one)] {
                let message = format!(
                    "error[duplicate-alert]: the alert `{alert}` has two runbooks: this page and `content/{other}`"
                );
                assert!(run.stderr.contains(&message), "{name}: {file}: {}", run.stderr);
            }
            std::fs::remove_file(site.root.join("content").join(two)).expect("remove the second copy");
        }
        site.build(&["--base-url", "https://runbooks.example.org/"]).expect_code(0);
        let alerts: serde_json::Value =
            serde_json::from_str(&site.read("public/alerts.json")).expect("alerts.json is JSON");
        let mapped = alerts["alerts"].as_array().expect("a list").len();
        eprintln!(
            "{name}: {} alert-named files, {mapped} alerts mapped, {} alerts with two runbooks",
            files.len(),
            duplicates.len()
        );
        assert_eq!(mapped, first.len(), "{name}: every alert-named file maps to its alert");
        for alert in first.keys() {
            assert!(site.exists(&format!("public/alerts/{alert}/index.html")), "{name}: /alerts/{alert}/");
        }
    }
}

/// The alert a Markdown file is named after, as opsbook reads it: a camel-case stem of
/// letters, digits and `_` (`KubePodCrashLooping.md`), not a section's own page.
fn alert_of_file(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let stem = name.strip_suffix(".md")?;
    let alert = stem.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && stem.chars().any(|c| c.is_ascii_uppercase())
        && stem.chars().any(|c| c.is_ascii_lowercase());
    let index = ["_index", "index", "readme"].contains(&stem.to_ascii_lowercase().as_str());
    (alert && !index).then(|| stem.to_string())
}

/// The raw syntax of other tools that a built page must not show as text: shortcodes,
/// Liquid tags, admonition markers, attribute lists.
const RAW_MARKERS: [&str; 6] = ["{{<", "{{%", "{%", ":::", "!!!", "{:"];

/// No corpus shows another tool's syntax (Hugo shortcodes, Liquid, `:::`/`!!!`
/// admonitions, attribute lists) as text in its pages' main content, outside code:
/// what opsbook renders is rendered, the rest is a placeholder with an
/// `unsupported-syntax` warning. Prints each corpus's count of those warnings.
#[test]
fn no_corpus_leaves_raw_dialect_syntax_in_its_pages() {
    let Some(dir) = corpora_dir("no_corpus_leaves_raw_dialect_syntax_in_its_pages") else { return };
    let mut corpora: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    corpora.sort();
    for corpus in corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::empty(&format!("dialects-{name}"));
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write("book.toml", format!("[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n"));
        let run = site.build(&["--no-summary"]);
        run.expect_code(0);
        let unsupported = run.stderr.lines().filter(|l| l.starts_with("warning[unsupported-syntax]")).count();
        let mut raw = Vec::new();
        let mut pages = 0;
        for page in site.files_under("public").iter().filter(|f| f.ends_with(".html")) {
            let html = std::fs::read_to_string(site.root.join("public").join(page)).unwrap();
            let Some(main) = html.split_once("<main").and_then(|(_, m)| m.split_once("</main>")).map(|(m, _)| m) else {
                continue;
            };
            pages += 1;
            let prose = strip_code(main).replace("&lt;", "<");
            for marker in RAW_MARKERS {
                raw.extend(marker_places(&prose, marker).map(|at| format!("{page}: {}", excerpt(&prose, at))));
            }
        }
        eprintln!("{name}: {pages} pages, {} raw markers, {unsupported} unsupported-syntax", raw.len());
        assert!(pages > 20, "{name}: only {pages} pages with main content");
        assert!(raw.is_empty(), "{name}: {raw:#?}");
    }
}

/// Where `marker` stands in `prose`. `!!!` counts only where a block starts (after a
/// tag or a line break): `Congrats!!!` is prose, not an MkDocs admonition.
fn marker_places<'p>(prose: &'p str, marker: &'p str) -> impl Iterator<Item = usize> + 'p {
    prose
        .match_indices(marker)
        .map(|(at, _)| at)
        .filter(move |at| marker != "!!!" || prose[..*at].trim_end_matches(' ').ends_with(['>', '\n']) || *at == 0)
}

/// The text around byte `at`, for a failure message.
fn excerpt(text: &str, at: usize) -> String {
    let start = (0..=at.saturating_sub(40)).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let end = (at + 40..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
    text[start..end].to_string()
}

/// `html` without its `<pre>` and `<code>` elements.
fn strip_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"].iter().filter_map(|tag| rest.find(tag).map(|at| (at, *tag))).min();
        let Some((at, tag)) = next else { break };
        out.push_str(&rest[..at]);
        let close = if tag == "<pre" { "</pre>" } else { "</code>" };
        rest = rest[at..].split_once(close).map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// Issue "existing handbooks build unchanged", part 4: a Hugo handbook (Giant Swarm's)
/// checked with `heading-ids = "hugo"` and a Docusaurus one (OSISM's) with
/// `heading-ids = "docusaurus"` keep every `#anchor` their pages link to, as their
/// tools built them.
#[test]
fn hugo_and_docusaurus_corpora_keep_their_anchors_in_their_tools_heading_id_style() {
    let Some(dir) = corpora_dir("hugo_and_docusaurus_corpora_keep_their_anchors_in_their_tools_heading_id_style")
    else {
        return;
    };
    for (name, style) in [("giantswarm-handbook", "hugo"), ("osism-docs", "docusaurus")] {
        let corpus = dir.join(name);
        if !corpus.is_dir() {
            eprintln!("no corpus {name}: skipped");
            continue;
        }
        let site = Site::empty(&format!("corpus-ids-{name}"));
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write(
            "book.toml",
            format!(
                "[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n[markdown]\nheading-ids = \"{style}\"\n"
            ),
        );
        let run = site.run(&["check", "--no-summary"]);
        assert!(!panicked(&run.stderr), "{name} panicked:\n{}", run.stderr);
        run.expect_code(0);
        let broken: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning[broken-anchor]")).collect();
        assert!(broken.is_empty(), "{name} in the {style} style: {broken:#?}");
    }
}

/// Migration issue, part 3: the PagerDuty corpus is an MkDocs project (an `mkdocs.yml`
/// beside its `docs/` folder, copied whole into `content/`), so its `nav:` is the
/// sidebar: the top-level entries appear in the file's order, `Home` first.
#[test]
fn the_pagerduty_navigation_follows_its_mkdocs_nav() {
    let Some(dir) = corpora_dir("the_pagerduty_navigation_follows_its_mkdocs_nav") else { return };
    let corpus = dir.join("pagerduty-incident-response");
    let site = Site::empty("corpus-nav-pagerduty");
    copy_dir(&corpus, &site.root.join("content"));
    site.write("book.toml", "[handbook]\ntitle = \"pagerduty\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("nav-file"), "{}", run.stderr);
    // The titles of the top-level entries of `nav:`, in order, `Home` (the docs section) first.
    let config = std::fs::read_to_string(corpus.join("mkdocs.yml")).unwrap();
    let wanted: Vec<String> = config
        .lines()
        .skip_while(|l| !l.starts_with("nav:"))
        .skip(1)
        .take_while(|l| l.starts_with(' ') || l.is_empty())
        .filter_map(|l| l.strip_prefix("  - "))
        .map(|l| l.split(": ").next().unwrap_or(l).trim_end_matches(':').replace('\'', "&#39;"))
        .collect();
    assert!(wanted.len() > 5, "{wanted:?}");
    let html = site.read("public/docs/about/index.html");
    let nav = html.split_once("<ul class=\"nav-tree\" data-nav=\"/nav/\">").map(|(_, n)| n).expect("a navigation");
    let nav = nav.split_once("</ul>").map(|(n, _)| n).expect("the navigation's end");
    let shown: Vec<String> = nav
        .lines()
        .filter(|l| l.contains("--depth: 0") || l.contains("--depth: 1"))
        .filter_map(|l| l.split("</a>").next()?.rsplit('>').next().map(str::to_string))
        .collect();
    assert_eq!(shown, wanted);
}
