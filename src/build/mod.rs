//! The build pipeline, as a flat list of named steps:
//!
//! 1. load the configuration (`book.toml`);
//! 2. find the theme's templates and static files;
//! 3. find the git repository and start reading its history in the background;
//! 4. walk `content/`;
//! 5. load and parse the pages (parallel);
//! 6. assemble the site model: sections, URLs, drafts, aliases;
//! 7. the handbook model: owners (CODEOWNERS), kinds and their fields, review
//!    freshness, the owners, tags and review pages;
//! 8. render Markdown (parallel), which also resolves and checks links;
//! 9. arrange the navigation (titles, order, previous/next) and backlinks;
//! 10. take the last-updated dates from the git history;
//! 11. stop if anything so far is an error;
//! 12. load the templates;
//! 13. write pages (parallel), assets, static files and the extra files (sitemap,
//!     feed, handbook.json...) into a temporary folder;
//! 14. swap the temporary folder in.
//!
//! Every step is timed ([`BuildReport::timings`]).

pub mod api;
pub mod extras;
pub mod feed;
pub mod output;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{CONTENT_PREFIX, ContentFiles, SourcePage, load_pages, walk_content};
use crate::diagnostic::{Diagnostic, Failure, sort_diagnostics};
use crate::markdown::{MarkdownInput, render_markdown};
use crate::render::{Renderer, ThemeFiles};
use crate::site::Site;
use crate::site::codeowners::CodeOwners;
use crate::site::git::{self, GitDates};
use output::Output;

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
}

impl BuildReport {
    /// The summary line: `built 3,823 pages (412 runbooks, 96 rcas) in 1.21s -> public/`.
    pub fn summary(&self, shown_output: &str) -> String {
        let kinds: Vec<String> = self
            .kinds
            .iter()
            .filter(|(kind, _)| kind.as_str() != "page")
            .map(|(kind, n)| format!("{} {}", thousands(*n), plural(kind, *n)))
            .collect();
        let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
        format!(
            "built {} {}{kinds} in {:.2}s -> {shown_output}",
            thousands(self.pages),
            if self.pages == 1 { "page" } else { "pages" },
            self.elapsed.as_secs_f64()
        )
    }
}

impl BuildReport {
    /// The time of each step, one per line, with its share of the whole build.
    pub fn timings_table(&self) -> String {
        let total = self.elapsed.as_secs_f64().max(f64::EPSILON);
        let mut table = String::new();
        for (step, time) in &self.timings {
            let seconds = time.as_secs_f64();
            table.push_str(&format!("  {step:<12} {:>9.1} ms {:>5.1}%\n", seconds * 1000.0, seconds / total * 100.0));
        }
        table.push_str(&format!("  {:<12} {:>9.1} ms\n", "total", total * 1000.0));
        table
    }
}

/// The English plural of a kind name: `runbooks`, `policies`, `processes`.
fn plural(kind: &str, n: usize) -> String {
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

/// `1234567` -> `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Times the steps of one build.
struct Timer {
    last: Instant,
    steps: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        Timer { last: Instant::now(), steps: Vec::new() }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.steps.push((step, now - self.last));
        self.last = now;
    }
}

/// Builds the handbook at `root` into its output folder.
pub fn build(root: &Path, overrides: &Overrides) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let mut diagnostics = Vec::new();
    let config = Config::load(root, overrides)?;
    let theme = find_theme(&config)?;
    timer.lap("config");
    let repository = git::locate(&config.root);
    let history = read_history_in_background(&config, repository.is_some());
    let files = walk(&config, &mut diagnostics)?;
    timer.lap("walk");
    let pages = parse_pages(&config, &files, &mut diagnostics);
    timer.lap("parse");
    let mut site = assemble_site(config, &files, pages, &theme, &mut diagnostics);
    build_model(&mut site, repository.as_ref(), &mut diagnostics);
    timer.lap("model");
    render_bodies(&mut site, &mut diagnostics);
    timer.lap("markdown");
    site.arrange();
    timer.lap("navigation");
    apply_history(&mut site, history, repository.as_ref(), &mut diagnostics);
    timer.lap("git");
    stop_on_errors(&mut diagnostics)?;
    let renderer = Renderer::new(&site, &theme).map_err(Failure::Content)?;
    timer.lap("templates");
    let output = Output::create(&site.config.output_dir, &site.config.root)?;
    write_pages(&site, &renderer, &output, &mut diagnostics)?;
    timer.lap("pages");
    write_files(&site, &theme, &output)?;
    write_extras(&site, &renderer, &output, &mut diagnostics)?;
    timer.lap("files");
    if let Err(failure) = stop_on_errors(&mut diagnostics) {
        output.discard();
        return Err(failure);
    }
    output.commit()?;
    timer.lap("swap");
    let mut kinds = BTreeMap::new();
    let content_pages: Vec<_> = site.pages.iter().filter(|p| p.generated_index.is_none()).collect();
    for page in &content_pages {
        *kinds.entry(page.kind.clone()).or_insert(0) += 1;
    }
    sort_diagnostics(&mut diagnostics);
    Ok(BuildReport {
        pages: content_pages.len(),
        kinds,
        elapsed: started.elapsed(),
        output_dir: site.config.output_dir.clone(),
        warnings: diagnostics,
        timings: timer.steps,
    })
}

fn find_theme(config: &Config) -> Result<ThemeFiles, Failure> {
    ThemeFiles::discover(&config.root, &config.theme).map_err(|d| Failure::Content(vec![d]))
}

fn walk(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<ContentFiles, Failure> {
    let content_dir = config.content_dir();
    if !content_dir.is_dir() {
        return Err(anyhow::anyhow!(
            "no content/ folder in {}: the pages of a handbook live in content/",
            config.root.display()
        )
        .into());
    }
    Ok(walk_content(&content_dir, CONTENT_PREFIX, diagnostics))
}

fn parse_pages(config: &Config, files: &ContentFiles, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourcePage> {
    let (pages, problems) = load_pages(&config.content_dir(), &files.pages);
    diagnostics.extend(problems);
    pages
}

/// The site paths of the files the theme and `static/` folders add, and the files
/// every build writes, so links to them resolve.
fn generated_files(theme: &ThemeFiles) -> HashSet<String> {
    let mut files: HashSet<String> = theme.statics.keys().cloned().collect();
    for name in [
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "handbook.json",
        "highlight-light.css",
        "highlight-dark.css",
    ] {
        files.insert(name.to_string());
    }
    files
}

fn assemble_site(
    config: Config,
    files: &ContentFiles,
    pages: Vec<SourcePage>,
    theme: &ThemeFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    Site::assemble(config, files, pages, generated_files(theme), diagnostics)
}

/// Reads the git history on another thread while the pages are parsed and rendered.
fn read_history_in_background(config: &Config, in_repository: bool) -> Option<std::thread::JoinHandle<GitDates>> {
    let root = config.root.clone();
    in_repository.then(|| std::thread::spawn(move || git::read_git_dates(&root)))
}

fn build_model(site: &mut Site, repository: Option<&git::Location>, diagnostics: &mut Vec<Diagnostic>) {
    site.repository_prefix = repository.map(|r| r.prefix.clone()).unwrap_or_default();
    let mut roots = vec![site.config.root.as_path()];
    if let Some(repository) = repository {
        roots.push(repository.toplevel.as_path());
    }
    let codeowners = CodeOwners::load(&roots);
    site.model(codeowners.as_ref(), diagnostics);
}

fn apply_history(
    site: &mut Site,
    history: Option<std::thread::JoinHandle<GitDates>>,
    repository: Option<&git::Location>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(dates) = history.and_then(|h| h.join().ok()) else { return };
    site.apply_git(&dates);
    if repository.is_some_and(|r| r.shallow) {
        diagnostics.push(
            Diagnostic::error(
                crate::diagnostic::Rule::ShallowClone,
                ".",
                0,
                0,
                "the repository is a shallow clone: last-updated dates come from the commits it has and may be too recent",
            )
            .with_severity(crate::diagnostic::Severity::Warning)
            .with_help("fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI)"),
        );
    }
}

fn render_bodies(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    let rendered: Vec<_> = {
        let links = site.links();
        let link_severity = site.config.link_severity;
        site.pages
            .par_iter()
            .map(|page| {
                render_markdown(&MarkdownInput {
                    text: page.source.body(),
                    body_line: page.source.body_line,
                    file: &page.source.file,
                    dir: page.source.dir(),
                    links: &links,
                    link_severity,
                })
            })
            .collect()
    };
    for (page, mut rendered) in site.pages.iter_mut().zip(rendered) {
        diagnostics.append(&mut rendered.diagnostics);
        page.rendered = rendered;
    }
}

fn stop_on_errors(diagnostics: &mut Vec<Diagnostic>) -> Result<(), Failure> {
    if diagnostics.iter().any(Diagnostic::is_error) {
        sort_diagnostics(diagnostics);
        return Err(Failure::Content(std::mem::take(diagnostics)));
    }
    Ok(())
}

fn write_pages(
    site: &Site,
    renderer: &Renderer,
    output: &Output,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    let results: Vec<Result<Option<Diagnostic>, anyhow::Error>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| match renderer.render_page(site, id) {
            Ok(html) => output.write(&format!("{}index.html", site.pages[id].url), html).map(|()| None),
            Err(diagnostic) => Ok(Some(diagnostic)),
        })
        .collect();
    let mut seen = HashSet::new();
    for result in results {
        if let Some(diagnostic) = result? {
            // A broken template fails every page the same way: report it once.
            if seen.insert((diagnostic.path.clone(), diagnostic.line, diagnostic.message.clone())) {
                diagnostics.push(diagnostic);
            }
        }
    }
    Ok(())
}

/// Static files (site > theme > built-in), the highlighting stylesheets and the assets
/// of `content/`.
fn write_files(site: &Site, theme: &ThemeFiles, output: &Output) -> Result<(), Failure> {
    for (path, origin) in &theme.statics {
        match origin {
            crate::render::Origin::Builtin(bytes) => output.write(path, bytes)?,
            crate::render::Origin::File { path: from, .. } => output.copy(from, path)?,
        }
    }
    let (light, dark) = crate::markdown::highlight::theme_css();
    for (name, css) in [("highlight-light.css", light), ("highlight-dark.css", dark)] {
        if !theme.statics.contains_key(name) {
            output.write(name, css)?;
        }
    }
    let content_dir = site.config.content_dir();
    site.assets
        .par_iter()
        .try_for_each(|asset| output.copy(&content_dir.join(&asset.source), &asset.url))
        .map_err(Failure::from)
}

fn write_extras(
    site: &Site,
    renderer: &Renderer,
    output: &Output,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    match renderer.render_not_found(site) {
        Ok(html) => output.write("404.html", html)?,
        Err(d) => diagnostics.push(d),
    }
    if let Some(sitemap) = extras::sitemap(site) {
        output.write("sitemap.xml", sitemap)?;
    }
    if let Some(feed) = feed::atom(site) {
        output.write("feed.xml", feed)?;
    }
    output.write("handbook.json", api::handbook_json(site))?;
    output.write("robots.txt", extras::robots(site))?;
    if !site.aliases.is_empty() {
        output.write("_redirects", extras::redirects(site))?;
    }
    for (alias, target) in &site.aliases {
        match renderer.render_redirect(site, *target) {
            Ok(html) => output.write(&extras::alias_file(alias), html)?,
            Err(d) => {
                diagnostics.push(d);
                break;
            }
        }
    }
    Ok(())
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
    fn formats_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3823), "3,823");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
