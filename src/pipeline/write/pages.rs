//! Rendering pages through their templates, in parallel, and writing each page's HTML.

use std::collections::HashSet;

use rayon::prelude::*;

use super::super::output::Sink;
use super::super::page::{RenderedPage, caught_as_problem, render_page};
use crate::diagnostic::{Diagnostic, Failure};
use crate::progress::Progress;
use crate::render::Renderer;
use crate::site::{PageId, Site};
use crate::spent::SpentTime;

/// Every page rendered through its template.
pub(crate) struct RenderedPages {
    /// The record of each page, by page id (the HTML taken out when written).
    pub(crate) pages: Vec<RenderedPage>,
    /// The time rendering and writing took, summed over threads.
    pub(crate) spent: std::time::Duration,
    /// The part of it spent highlighting code.
    pub(crate) highlighting: std::time::Duration,
}

/// Renders every page (in parallel), writing each into `output` when there is one (a
/// check renders without writing), and scans what the templates added.
pub(crate) fn render_pages(
    site: &Site,
    renderer: &Renderer,
    output: Option<&dyn Sink>,
    progress: &Progress,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<RenderedPages, Failure> {
    let ids: Vec<PageId> = (0..site.pages.len()).collect();
    let spent = SpentTime::new();
    let pages = render_some(site, renderer, &ids, output, (&spent, progress), diagnostics)?;
    Ok(RenderedPages { pages, spent: spent.take(), highlighting: std::time::Duration::ZERO })
}

/// Renders pages `ids` as [`render_some`] does, into `sink`: the dev server's rebuilds of
/// a few pages, which time nothing and show no progress.
pub(crate) fn render_few(
    site: &Site,
    renderer: &Renderer,
    ids: &[PageId],
    sink: &dyn Sink,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<RenderedPage>, Failure> {
    render_some(site, renderer, ids, Some(sink), (&SpentTime::new(), &Progress::new()), diagnostics)
}

/// Renders pages `ids` (in parallel), writing each into `output` when there is one, adds
/// the time it takes to `spent` and counts the pages on `progress`. Returns the record of each, in the order of `ids`,
/// its HTML taken out.
fn render_some(
    site: &Site,
    renderer: &Renderer,
    ids: &[PageId],
    output: Option<&dyn Sink>,
    (spent, progress): (&SpentTime, &Progress),
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<RenderedPage>, Failure> {
    /// What rendering one page gave, and its template error if it failed.
    type PageResult = Result<(RenderedPage, Option<Diagnostic>), anyhow::Error>;
    let nav = crate::render::NavCache::new(site);
    progress.begin("writing pages", ids.len());
    let results: Vec<PageResult> = ids
        .par_iter()
        .map(|&id| {
            spent.time(|| {
                let (mut page, problem) =
                    render_or_redirect(site, renderer, id, || render_page(site, renderer, id, &nav));
                write_page(site, output, id, &mut page, &problem)?;
                progress.advance();
                Ok((page, problem))
            })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        let (page, problem) = result?;
        problems.extend(problem);
        pages.push(page);
    }
    report_once(problems, diagnostics);
    Ok(pages)
}

/// Renders page `id` with `render`, or, for a page with `redirect_to`, which publishes
/// only its redirect, its redirect page.
pub(crate) fn render_or_redirect(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    render: impl FnOnce() -> (RenderedPage, Option<Diagnostic>),
) -> (RenderedPage, Option<Diagnostic>) {
    match site.pages[id].redirect {
        Some(_) => caught_as_problem(site, id, || match renderer.render_redirect(site, id, None) {
            Ok(html) => (RenderedPage { html, ..RenderedPage::default() }, None),
            Err(problem) => (RenderedPage::default(), Some(problem)),
        }),
        None => render(),
    }
}

/// Writes page `id`'s HTML, taken out of `page`, into `output`, unless its template
/// failed (`problem`), content takes its file ([`Site::page_file`]) or the previous
/// output's file was kept ([`RenderedPage::kept`]).
pub(crate) fn write_page(
    site: &Site,
    output: Option<&dyn Sink>,
    id: PageId,
    page: &mut RenderedPage,
    problem: &Option<Diagnostic>,
) -> anyhow::Result<()> {
    let html = std::mem::take(&mut page.html);
    if page.kept {
        return Ok(());
    }
    if let (Some(output), Some(file)) = (output.filter(|_| problem.is_none()), site.page_file(id)) {
        output.write(&file, site.public().map(|_| html.as_bytes()))?;
    }
    Ok(())
}

/// Adds the pages' template problems to `diagnostics`, each once: a broken template
/// fails every page the same way.
pub(crate) fn report_once(problems: impl IntoIterator<Item = Diagnostic>, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for diagnostic in problems {
        if seen.insert((diagnostic.path.clone(), diagnostic.line, diagnostic.message.clone())) {
            diagnostics.push(diagnostic);
        }
    }
}
