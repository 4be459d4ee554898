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
//! 11. load the templates;
//! 12. render pages (parallel), into a temporary folder unless there are errors;
//! 13. check anchors and the links the templates wrote;
//! 14. write the static files, assets and extra files (sitemap, feed,
//!     handbook.json...);
//! 15. swap the temporary folder in, if nothing was an error.
//!
//! `check` runs the same steps, without the git history and code highlighting, and
//! writes nothing. Every step
//! is timed ([`BuildReport::timings`]).

pub mod api;
pub mod extras;
pub mod feed;
pub mod output;
mod report;
mod steps;
mod write;

use std::path::Path;
use std::time::Instant;

pub use report::{BuildReport, CheckReport, thousands, timings_table};

use crate::check::check_links;
use crate::config::Overrides;
use crate::diagnostic::{Diagnostic, Failure, sort_diagnostics};
use crate::render::Renderer;
use output::Output;
use report::Timer;
use steps::{Purpose, prepare};

/// Builds the handbook at `root` into its output folder.
pub fn build(root: &Path, overrides: &Overrides) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let mut diagnostics = Vec::new();
    let (site, theme) = prepare(root, overrides, Purpose::Build, &mut timer, &mut diagnostics)?;
    let renderer = load_templates(&site, &theme, &mut diagnostics)?;
    timer.lap("templates");
    let output =
        if has_errors(&diagnostics) { None } else { Some(Output::create(&site.config.output_dir, &site.config.root)?) };
    let rendered = write::render_pages(&site, &renderer, output.as_ref(), &mut diagnostics)?;
    timer.lap("pages");
    check_links(
        &site,
        &rendered.scans,
        &rendered.templates,
        &|text| renderer.find_in_templates(text),
        &mut diagnostics,
    );
    timer.lap("links");
    let Some(output) = output.filter(|_| !has_errors(&diagnostics)) else {
        // Dropping the output removes its temporary folder; report 404 and redirect
        // template problems too before failing.
        write::render_special(&site, &renderer, &mut diagnostics);
        return Err(fail(diagnostics));
    };
    if site.config.search {
        write::write_search_index(&site, &rendered.ranges, &output)?;
        timer.lap("search");
    }
    write::write_files(&site, &theme, &output)?;
    write::write_extras(&site, &renderer, &output, &mut diagnostics)?;
    timer.lap("files");
    if has_errors(&diagnostics) {
        output.discard();
        return Err(fail(diagnostics));
    }
    output.commit()?;
    timer.lap("swap");
    sort_diagnostics(&mut diagnostics);
    Ok(BuildReport::of(&site, started.elapsed(), diagnostics, timer.steps))
}

/// Checks the handbook at `root` as a build would, writing nothing. Errors are part of
/// the report; only problems that stop everything fail.
pub fn check(root: &Path, overrides: &Overrides) -> Result<CheckReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let mut diagnostics = Vec::new();
    let (site, theme) = prepare(root, overrides, Purpose::Check, &mut timer, &mut diagnostics)?;
    match Renderer::new(&site, &theme) {
        Ok(renderer) => {
            timer.lap("templates");
            let rendered = write::render_pages(&site, &renderer, None, &mut diagnostics)?;
            timer.lap("pages");
            check_links(
                &site,
                &rendered.scans,
                &rendered.templates,
                &|text| renderer.find_in_templates(text),
                &mut diagnostics,
            );
            write::render_special(&site, &renderer, &mut diagnostics);
            timer.lap("links");
        }
        Err(problems) => diagnostics.extend(problems),
    }
    sort_diagnostics(&mut diagnostics);
    let pages = site.pages.iter().filter(|p| p.generated_index.is_none()).count();
    Ok(CheckReport { pages, elapsed: started.elapsed(), diagnostics, timings: timer.steps })
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The templates; their errors fail the build together with everything found so far.
fn load_templates(
    site: &crate::site::Site,
    theme: &crate::render::ThemeFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Renderer, Failure> {
    Renderer::new(site, theme).map_err(|problems| {
        diagnostics.extend(problems);
        fail(std::mem::take(diagnostics))
    })
}

/// The failure of a build whose content has errors: every diagnostic, sorted.
fn fail(mut diagnostics: Vec<Diagnostic>) -> Failure {
    sort_diagnostics(&mut diagnostics);
    Failure::Content(diagnostics)
}
