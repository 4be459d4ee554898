//! The status site (`opsbook build --status-site`): the status page published as a
//! site of its own, for a host such as `status.example.org`, into its own output folder
//! (`[status] site-dir`, `public-status` unless set, or `--out`). The folder is claimed,
//! staged, put in place and listed in its manifest by the same code as a build's
//! (`claim`, `output`, `staging`, `ownership`, `manifest`): this module only decides
//! what goes into it, through the [`Sink`] the pipeline hands it.
//!
//! More: docs/architecture.md, "Notes by module".

use rayon::prelude::*;

use super::bodies::render_body_of;
use super::output::Sink;
use super::steps::Purpose;
use crate::config::STATUS_FOLDER;
use crate::diagnostic::{Diagnostic, Failure, Rule};
use crate::markdown::highlight::Highlighter;
use crate::render::{Renderer, StatusSitePage, ThemeFiles};
use crate::site::{GeneratedPage, PageId, Public, Site};

/// The theme's files the status site's pages read.
const STATIC_FILES: [&str; 5] = ["style.css", "status.css", "status-days.js", "theme.js", "favicon.svg"];

/// Writes the status site of `site` into `sink`. Its problems are diagnostics; a file
/// that cannot be written fails it.
pub(crate) fn write_status_site(
    site: &Site,
    theme: &ThemeFiles,
    renderer: &Renderer,
    sink: &dyn Sink,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    let Some(status) = site.status() else { return Ok(()) };
    super::write::write_status_files(site, theme, &AtRoot(sink), diagnostics)?;
    let index = site.generated_page(&GeneratedPage::Status);
    let events = status.incidents.iter().map(|i| i.page).chain(status.maintenances.iter().map(|m| m.page));
    let pages: Vec<(PageId, bool)> =
        index.map(|id| (id, true)).into_iter().chain(events.map(|id| (id, false))).collect();
    let written: Vec<Result<Option<Diagnostic>, anyhow::Error>> = pages
        .par_iter()
        .map(|&(id, is_index)| {
            let content = match body_html(site, id) {
                Ok(html) => html,
                Err(error) => return Ok(Some(page_problem(site, id, format!("{error:#}")))),
            };
            let page = if is_index {
                StatusSitePage::Index { id, content: &content }
            } else {
                StatusSitePage::Event { id, content: &content }
            };
            match renderer.render_status_site(site, page) {
                Ok(html) => {
                    let file = if is_index { "index.html".to_string() } else { event_file(site, id) };
                    sink.write(&file, site.public().map(|_| html.as_bytes())).map(|()| None)
                }
                Err(problem) => Ok(Some(problem)),
            }
        })
        .collect();
    for result in written {
        diagnostics.extend(result?);
    }
    let files = crate::site::PublicFiles::of(site);
    for name in STATIC_FILES {
        match super::write::static_text(theme, name, &files) {
            Ok(Some(text)) => sink.write(name, text.as_ref().map(String::as_bytes))?,
            Ok(None) => {}
            Err(problem) => diagnostics.push(problem),
        }
    }
    Ok(())
}

/// The HTML of page `id`'s Markdown, rendered again from its file: the streaming build
/// that made the model kept none.
fn body_html(site: &Site, id: PageId) -> anyhow::Result<String> {
    let source = &site.pages[id].source;
    if !site.pages[id].origin.has_file() {
        return Ok(String::new());
    }
    let text = source.text_again(&site.config)?;
    let body = text.get(source.body_start..).unwrap_or_default();
    Ok(render_body_of(site, id, body, (Purpose::Build, Highlighter::PLAIN)).html)
}

/// The status site's file of the page of event `id`: its site path without `status/`
/// (`status/2026-03-dns/` is `2026-03-dns/index.html`); an event outside `status/`
/// keeps its path.
fn event_file(site: &Site, id: PageId) -> String {
    let path = &site.pages[id].site_path;
    let path = path.strip_prefix(STATUS_FOLDER).unwrap_or(path);
    crate::site_path::alias_file(path)
}

/// An error at page `id`'s file.
fn page_problem(site: &Site, id: PageId, message: String) -> Diagnostic {
    Diagnostic::error(Rule::UnreadableFile, &site.pages[id].source.file, 0, 0, message)
}

/// A sink that writes the files under `status/` at the root of the status site
/// (`status/api/v2/summary.json` as `api/v2/summary.json`), and `_headers`, and
/// nothing else.
struct AtRoot<'a>(&'a dyn Sink);

impl AtRoot<'_> {
    fn place(site_path: &str) -> Option<&str> {
        site_path.strip_prefix(STATUS_FOLDER).or((site_path == "_headers").then_some(site_path))
    }
}

impl Sink for AtRoot<'_> {
    fn write(&self, site_path: &str, contents: Public<&[u8]>) -> anyhow::Result<()> {
        match AtRoot::place(site_path) {
            Some(path) => self.0.write(path, contents),
            None => Ok(()),
        }
    }

    fn copy(&self, from: Public<&crate::fs::Confined>, site_path: &str) -> anyhow::Result<()> {
        match AtRoot::place(site_path) {
            Some(path) => self.0.copy(from, path),
            None => Ok(()),
        }
    }
}
