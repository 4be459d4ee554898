//! The files of a rebuilt site that depend on every page (the search index,
//! `handbook.json`, the feed, the sitemap, the 404 page, the status files): written
//! after the changed pages, from a copy of the site, so that the dev server can make
//! them on another thread while the next changes are rebuilt ([`super`]).

use std::sync::Arc;

use super::super::BuiltSite;
use super::super::output::Sink;
use crate::site::Site;

/// Writes the files that depend on every page (the search index, `handbook.json`, the
/// feed, the sitemap, redirects) of `built` into `sink` (tests): after one or more rebuilds,
/// when the changed pages are already served.
#[cfg(test)]
pub(crate) fn write_site_files(built: &BuiltSite, sink: &dyn Sink) -> Result<(), crate::diagnostic::Failure> {
    write_site_files_of(&SiteFilesInput::of(built), &|| false, sink, &mut Default::default(), &mut || {}).map(|_| ())
}

/// What [`write_site_files_of`] reads of a [`BuiltSite`]: its model shared, the rest
/// copied, so the files can be made on another thread while the next changes are
/// rebuilt.
pub(crate) struct SiteFilesInput {
    /// The model (the session's, shared).
    pub site: Arc<Site>,
    /// The templates (the 404 page).
    pub renderer: Arc<crate::render::Renderer>,
    /// The theme's files (the status page's headers).
    pub theme: crate::render::ThemeFiles,
    /// The rebuild's warnings (`handbook.json`'s findings).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// Each page's search postings.
    pub search: crate::search::SitePostings,
    /// What the index of the whole build before was made of, for the first index
    /// after it (the thread that writes the index keeps its own from then on).
    pub index_cache: Option<crate::search::IndexCache>,
}

impl SiteFilesInput {
    /// A copy of what `built` holds for the whole-site files.
    pub(crate) fn of(built: &BuiltSite) -> SiteFilesInput {
        SiteFilesInput {
            site: Arc::clone(&built.site),
            renderer: Arc::clone(&built.renderer),
            theme: built.theme.clone(),
            warnings: built.warnings.clone(),
            search: built.search.clone(),
            index_cache: None,
        }
    }
}

/// Writes the files that depend on every page of `input` into `sink`, the search index
/// first ([`write_index_of`]), then calls `index_written` (which may serve it before
/// the rest is made), then the rest ([`write_rest_of`]); stops (returning `false`) when
/// `superseded` says a newer site came meanwhile.
#[cfg(test)]
pub(crate) fn write_site_files_of(
    input: &SiteFilesInput,
    superseded: &dyn Fn() -> bool,
    sink: &dyn Sink,
    cache: &mut crate::search::IndexCache,
    index_written: &mut dyn FnMut(),
) -> Result<bool, crate::diagnostic::Failure> {
    if write_index_of(input, sink, cache)? {
        index_written();
        if superseded() {
            return Ok(false);
        }
    }
    write_rest_of(input, sink)?;
    Ok(true)
}

/// Writes the search index of `input` into `sink`, encoding only what changed since
/// the index `cache` holds what it was made of, and leaving there what this one is made
/// of; `false` when the site has no search index.
pub(crate) fn write_index_of(
    input: &SiteFilesInput,
    sink: &dyn Sink,
    cache: &mut crate::search::IndexCache,
) -> Result<bool, crate::diagnostic::Failure> {
    let site = &input.site;
    if !site.config.search {
        return Ok(false);
    }
    super::super::write::write_search_index(site, &input.search, sink, cache, None)?;
    Ok(true)
}

/// Writes the files that depend on every page of `input` but the search index
/// (`handbook.json`, the feed, the sitemap, the 404 page, the status files) into `sink`.
pub(crate) fn write_rest_of(input: &SiteFilesInput, sink: &dyn Sink) -> Result<(), crate::diagnostic::Failure> {
    let site = &input.site;
    // Problems in these files were reported by the rebuild that made the model.
    super::super::write::write_extras(site, &input.renderer, None, sink, &input.warnings, &mut Vec::new())?;
    // A page changed to hold a diagram the browser draws needs Mermaid's script.
    super::super::write::write_mermaid(site, &input.theme, sink)?;
    // A page changed to hold tabs needs the tabs' script.
    super::super::write::write_tabs_script(site, &input.theme, sink)?;
    crate::spent::phase(Some("extras"));
    super::super::write::write_status_files(site, &input.theme, sink, &mut Vec::new())?;
    crate::spent::phase(Some("status files"));
    Ok(())
}
