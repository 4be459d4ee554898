//! The build pipeline, as a flat list of named steps (`steps`), shared by `build`,
//! `check` and the dev server.
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod api;
mod bodies;
mod cache;
mod claim;
pub(crate) mod extras;
pub(crate) mod incremental;
mod manifest;
pub(crate) mod output;
mod ownership;
pub(crate) mod page;
mod report;
mod staging;
mod status_site;
pub(crate) mod steps;
mod stream;
pub(crate) mod write;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub(crate) use crate::diagnostic::thousands;
pub use report::BuildReport;
pub(crate) use report::{CheckReport, timings_table, unsupported_note};

use crate::check::baseline::Baseline;
use crate::check::check_links;
use crate::check::moved::compare;
use crate::check::pages::site_pages;
use crate::check::rules::check_rule_files;
use crate::config::Overrides;
use crate::diagnostic::{Diagnostic, Failure, settle_diagnostics};
use crate::render::Renderer;
use output::{Output, Sink};
pub(crate) use page::RenderedPage;
use report::Timer;
use steps::{Purpose, prepare};

/// What the command running a build lends it, for the build's time or a `serve`
/// session's: the progress it may show, the PlantUML program (started on the first
/// diagram, kept across the session's rebuilds), and whether each step's peak memory is
/// measured on its own (`--timings`).
#[derive(Debug, Default, Clone)]
pub struct Context {
    pub(crate) progress: std::sync::Arc<crate::progress::Progress>,
    pub(crate) plantuml: std::sync::Arc<crate::markdown::diagram::plantuml::Plantuml>,
    pub(crate) peaks_per_step: bool,
}

/// Builds the handbook at `root` into its output folder.
pub fn build(root: &Path, overrides: &Overrides, context: &Context) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new(context);
    let mut diagnostics = Vec::new();
    let ran = run(root, (overrides, context), Destination::OutputDir, &mut timer, &mut diagnostics)?;
    settle_diagnostics(&mut diagnostics);
    let count = |which: fn(&page::RenderedPage) -> bool| ran.pages.iter().filter(|page| which(page)).count();
    let kept = (count(|page| page.kept), ran.pages.len(), count(|page| page.early));
    let report = BuildReport::of(&ran.site, started.elapsed(), diagnostics, timer, kept);
    // The model is freed on a thread of its own: the output is in place, and a process
    // that ends now need not wait for it.
    crate::background::drop_later(ran);
    Ok(report)
}

/// A site built into a [`Sink`], with what an incremental rebuild needs to go on from it.
pub struct BuiltSite {
    /// The model.
    pub site: std::sync::Arc<crate::site::Site>,
    /// The theme's files.
    pub theme: crate::render::ThemeFiles,
    /// The loaded templates (shared with the dev server's thread that writes the files
    /// depending on every page).
    pub renderer: std::sync::Arc<Renderer>,
    /// What rendering each page through its template gave, by page id.
    pub pages: Vec<RenderedPage>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// The CODEOWNERS rules the build read, if any.
    pub codeowners: Option<crate::site::codeowners::CodeOwners>,
    /// Each page's search postings, which a rebuild replaces for the pages it renders.
    pub search: crate::search::SitePostings,
    /// What the search index written by the build was made of, until the dev server's
    /// thread that writes the index takes it, to encode only what edits change.
    pub index_cache: Option<crate::search::IndexCache>,
}

impl BuiltSite {
    /// The number of pages, counted as `build` and `check` count them.
    pub fn page_count(&self) -> usize {
        page_count(&self.site)
    }
}

/// Builds the handbook at `root` into `sink` (the dev server's memory), and keeps the
/// model. The content's errors fail it, as they fail a build.
pub fn build_into(
    root: &Path,
    overrides: &Overrides,
    context: &Context,
    sink: &dyn Sink,
) -> Result<BuiltSite, Failure> {
    let mut timer = Timer::new(context);
    let mut diagnostics = Vec::new();
    let ran = run(root, (overrides, context), Destination::Sink(sink), &mut timer, &mut diagnostics)?;
    settle_diagnostics(&mut diagnostics);
    // A build (unlike a check) fails on broken templates, so it always has them.
    let Some(renderer) = ran.renderer else { return Err(fail(diagnostics)) };
    Ok(BuiltSite {
        site: std::sync::Arc::new(ran.site),
        theme: ran.theme,
        renderer: std::sync::Arc::new(renderer),
        pages: ran.pages,
        warnings: diagnostics,
        codeowners: ran.codeowners,
        search: ran.search,
        index_cache: Some(ran.index_cache),
    })
}

/// Checks the handbook at `root` as a build would, writing nothing. Errors are part of
/// the report; only problems that stop everything fail.
pub fn check(root: &Path, overrides: &Overrides, context: &Context) -> Result<CheckReport, Failure> {
    check_against(root, (overrides, context), &[], None)
}

/// Checks the handbook at `root` as [`check`] does, and the alerts of the Prometheus
/// rule files at `rules` (files or folders, absolute) against its runbooks
/// ([`crate::check::rules`]; a rule path that cannot be read fails before the check),
/// and, with a `baseline`, compares its pages with the baseline's
/// ([`crate::check::moved`]): the report then has a `moved-without-redirect` error for
/// every URL that broke, and the pages that changed.
pub(crate) fn check_against(
    root: &Path,
    (overrides, context): (&Overrides, &Context),
    rules: &[PathBuf],
    baseline: Option<&Baseline>,
) -> Result<CheckReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new(context);
    let mut diagnostics = Vec::new();
    // Found first, so a mistyped path fails at once.
    let rule_paths = crate::content::rule_file::find_rule_files(rules, root)?;
    let ran = run(root, (overrides, context), Destination::Nowhere, &mut timer, &mut diagnostics)?;
    crate::check::lint::lint_handbook(&ran.site, &ran.pages, &mut diagnostics);
    timer.lap("lint");
    if !rules.is_empty() {
        let files = crate::content::rule_file::read_rule_files(&rule_paths, &ran.site.config.root);
        check_rule_files(&ran.site, &files, &mut diagnostics);
        timer.lap("rules");
    }
    let routes = site_pages(&ran.site, baseline.is_some());
    let changes = match baseline {
        Some(baseline) => {
            let changes = compare(&ran.site, &routes, baseline, &mut diagnostics);
            timer.lap("baseline");
            changes
        }
        None => Vec::new(),
    };
    settle_diagnostics(&mut diagnostics);
    let pages = page_count(&ran.site);
    Ok(CheckReport {
        pages,
        elapsed: started.elapsed(),
        diagnostics,
        timings: timer.steps,
        routes,
        changes,
        repository_prefix: ran.site.repository_prefix().to_string(),
        peaks: timer.peaks,
    })
}

/// The pages of a site as `build`, `check` and `serve` count them: the pages of the
/// content and its folders, not the index pages opsbook generates (owners, tags,
/// review, search).
pub fn page_count(site: &crate::site::Site) -> usize {
    site.pages.iter().filter(|p| !p.origin.is_generated()).count()
}

/// Where the pipeline writes the site.
#[derive(Clone, Copy)]
enum Destination<'a> {
    /// The output folder: into a staging folder beside it, put in place at the end if
    /// nothing was an error (`opsbook build`).
    OutputDir,
    /// A sink that keeps the files (the dev server's memory).
    Sink(&'a dyn Sink),
    /// Nowhere: a check. Template errors are then part of the diagnostics.
    Nowhere,
}

/// What the pipeline made, for its callers to keep or report on.
struct Ran {
    site: crate::site::Site,
    theme: crate::render::ThemeFiles,
    codeowners: Option<crate::site::codeowners::CodeOwners>,
    /// The templates; none when a check found them broken.
    renderer: Option<Renderer>,
    /// The record of each page, by page id.
    pages: Vec<RenderedPage>,
    /// Each page's search postings.
    search: crate::search::SitePostings,
    /// What the search index was made of.
    index_cache: crate::search::IndexCache,
}

/// The one sequence of steps `build`, `build_into` and `check` run (see the module's
/// list): the model ([`prepare`]), the templates, the pages and their checks, then the
/// search index and the other files, and putting the output in place. Fails, with every diagnostic, when a
/// build's content has errors; a check reports them instead.
fn run(
    root: &Path,
    (overrides, context): (&Overrides, &Context),
    destination: Destination<'_>,
    timer: &mut Timer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Ran, Failure> {
    let purpose = match destination {
        Destination::Nowhere => Purpose::Check,
        Destination::OutputDir => Purpose::Stream,
        Destination::Sink(_) => Purpose::Build,
    };
    // A build's output folder is claimed (checked, locked) by `prepare`, whether or not
    // the content has errors; the folder it resolves to is where the site goes, and the
    // claim is held until the output and the cache are in place.
    let (site, theme, codeowners, mut search, cache, claim) =
        prepare(root, (overrides, context), purpose, timer, diagnostics)?;
    let renderer = match Renderer::new(&site, &theme) {
        Ok(renderer) => {
            diagnostics.extend(renderer.template_notes(&site));
            renderer
        }
        Err(problems) => {
            diagnostics.extend(problems);
            if purpose == Purpose::Check {
                let index_cache = Default::default();
                return Ok(Ran { site, theme, codeowners, renderer: None, pages: Vec::new(), search, index_cache });
            }
            return Err(fail(std::mem::take(diagnostics)));
        }
    };
    timer.lap("theme");
    let output = match &claim {
        Some(claim) if !has_errors(diagnostics) => {
            Some(Output::at(claim, &site.config.root, &site.config.content_folder)?)
        }
        _ => None,
    };
    if output.is_some() {
        timer.lap("stage");
    }
    // The previous build's results and highlighted blocks, for the templates step (the
    // Markdown step used its pages' results already).
    let cache = cache.filter(|_| output.is_some());
    let sink = match destination {
        Destination::OutputDir => output.as_ref().map(|o| o as &dyn Sink),
        Destination::Sink(sink) => Some(sink),
        Destination::Nowhere => None,
    };
    let beside = stream::Beside { scratch: output.as_ref().map(Output::scratch_file), cache: cache.as_deref() };
    if site.config.status_site_beside.is_some() {
        // `build --status-site`: the status page's files and pages alone, into the
        // status site's folder, claimed and put in place as a build's.
        let sink = sink.filter(|_| !has_errors(diagnostics));
        if let Some(sink) = sink {
            status_site::write_status_site(&site, &theme, &renderer, sink, diagnostics)?;
        }
        if sink.is_none() || has_errors(diagnostics) {
            return Err(fail(std::mem::take(diagnostics)));
        }
        timer.lap("status-site");
        if let Some(output) = output {
            output.commit()?;
            timer.lap("swap");
        }
        drop(claim);
        let index_cache = Default::default();
        return Ok(Ran { site, theme, codeowners, renderer: Some(renderer), pages: Vec::new(), search, index_cache });
    }
    let mut rendered = render_and_check(&site, &renderer, sink, beside, purpose, timer, diagnostics)?;
    if purpose == Purpose::Stream {
        // The links are checked: a streaming build needs no more of what each template
        // wrote (the search index reads the postings and snippets of the Markdown step), and its memory
        // goes to the search index next.
        for page in &mut rendered.pages {
            page.scan = crate::check::TemplateScan::default();
        }
    }
    // The dev server's index keeps what its scores are made of, for its edits.
    let mut index_cache = if purpose == Purpose::Build {
        crate::search::IndexCache::for_edits()
    } else {
        crate::search::IndexCache::default()
    };
    if purpose == Purpose::Check {
        write::render_special(&site, &renderer, diagnostics);
    } else {
        // On failure, dropping the output removes its temporary folder.
        let keep = purpose == Purpose::Build;
        let written = Written {
            keep,
            rendered: &rendered,
            search: &mut search,
            index_cache: &mut index_cache,
            cache: cache.as_deref(),
        };
        write_rest(&site, &theme, &renderer, written, sink, timer, diagnostics)?;
    }
    if let Some(output) = output {
        output.commit()?;
        timer.lap("swap");
    }
    if let Some(cache) = cache.and_then(std::sync::Arc::into_inner) {
        cache.commit();
        timer.lap("cache-save");
    }
    drop(claim);
    Ok(Ran { site, theme, codeowners, renderer: Some(renderer), pages: rendered.pages, search, index_cache })
}

/// Renders every page (into `sink` when there is one; a streaming build uses the files
/// `beside` the output), then checks the links and anchors of the Markdown and of what
/// the templates wrote.
fn render_and_check(
    site: &crate::site::Site,
    renderer: &Renderer,
    sink: Option<&dyn Sink>,
    beside: stream::Beside<'_>,
    purpose: Purpose,
    timer: &mut Timer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<write::RenderedPages, Failure> {
    let rendered = if purpose == Purpose::Stream {
        stream::render_pages(site, renderer, (sink, beside), &timer.progress(), diagnostics)?
    } else {
        write::render_pages(site, renderer, sink, &timer.progress(), diagnostics)?
    };
    timer.lap("templates");
    renderer.template_lines.clear();
    let highlighting = rendered.highlighting;
    let writing = sink.map(Sink::take_time_spent);
    match (purpose, writing) {
        (Purpose::Stream, Some(writing)) => {
            timer.split_last_in(&[("highlighting", highlighting), ("write", writing)], rendered.spent);
        }
        (_, Some(writing)) => timer.split_last("write", writing, rendered.spent),
        (_, None) => {}
    }
    timer.begin("checking links", 0);
    check_links(site, &rendered.pages, &|text| renderer.find_in_templates(text), diagnostics);
    timer.lap("links");
    Ok(rendered)
}

/// What the pages gave that the search index is made of: their records, their search
/// postings, and (left holding what the index is made of) the index's cache.
struct Written<'a> {
    /// Whether the postings and the index's cache are kept after the index is written
    /// (for the dev server); a build drops them there.
    keep: bool,
    rendered: &'a write::RenderedPages,
    search: &'a mut crate::search::SitePostings,
    index_cache: &'a mut crate::search::IndexCache,
    /// The build cache, which keeps the compressed index files for the next build.
    cache: Option<&'a cache::Cache>,
}

/// After the pages: the search index, static files and extra files, into `sink`. Fails
/// with every diagnostic when anything so far was an error (there is then no sink, or
/// nothing more is written), reporting the 404 and redirect templates' problems too.
fn write_rest(
    site: &crate::site::Site,
    theme: &crate::render::ThemeFiles,
    renderer: &Renderer,
    written: Written<'_>,
    sink: Option<&dyn Sink>,
    timer: &mut Timer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    let Some(sink) = sink.filter(|_| !has_errors(diagnostics)) else {
        write::render_special(site, renderer, diagnostics);
        return Err(fail(std::mem::take(diagnostics)));
    };
    // The search index is a step of its own (the titles' postings, scores, shards,
    // writing), so `--timings` shows what it costs; it uses every core by itself. The
    // pages' postings were made in the Markdown step.
    if site.config.search {
        timer.begin("indexing search", 0);
        written.search.set_titles(site);
        let kept = written.cache.map(|cache| cache as &dyn crate::search_index::KeptIndex);
        write::write_search_index(site, written.search, sink, written.index_cache, kept)?;
    }
    if !written.keep {
        // Freed on a thread of its own, while the files are written: at thousands of
        // pages freeing the postings and the shard cache takes half a second.
        let postings = std::mem::replace(written.search, crate::search::SitePostings::empty(&site.config.language));
        crate::background::drop_later((postings, std::mem::take(written.index_cache)));
    }
    timer.lap("search");
    // What was found so far, for handbook.json (`check --baseline` reads it there).
    let mut findings = diagnostics.clone();
    settle_diagnostics(&mut findings);
    let mut found = Vec::new();
    let tabs = written.rendered.pages.iter().any(|page| page.tabs);
    timer.begin("writing files", 0);
    write::write_files(site, theme, sink, tabs, &mut found)?;
    write::write_extras(site, renderer, Some(&written.rendered.pages), sink, &findings, &mut found)?;
    timer.lap("files");
    write::write_status_files(site, theme, sink, &mut found)?;
    diagnostics.extend(found);
    if site.status().is_some() {
        timer.lap("status");
    }
    if has_errors(diagnostics) {
        return Err(fail(std::mem::take(diagnostics)));
    }
    Ok(())
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The failure of a build whose content has errors: every diagnostic, sorted.
fn fail(mut diagnostics: Vec<Diagnostic>) -> Failure {
    settle_diagnostics(&mut diagnostics);
    Failure::Content(diagnostics)
}
