//! Incremental rebuilds: a [`BuiltSite`] brought up to date with changed pages, without
//! building it all again. The dev server's one way into the pipeline after the first
//! build ([`super::build_into`]); it decides only which files to give it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::BuiltSite;
use super::bodies::render_body;
use super::output::Sink;
use super::steps::Purpose;
use super::write::render_few;
use crate::check::{Ids, check_anchors, check_template_links};
use crate::content::{SourcePage, load_located, walk::is_ignored_name};
use crate::diagnostic::{Diagnostic, settle_diagnostics};
use crate::site::{PageId, Site};

mod site_files;
pub(crate) mod stale;
pub(crate) use site_files::{SiteFilesInput, write_index_of, write_rest_of};
#[cfg(test)]
pub(crate) use site_files::{write_site_files, write_site_files_of};
pub(crate) use stale::{Defer, How, StaleInput};

/// What an incremental rebuild did.
#[derive(Debug)]
pub(crate) enum Rebuild {
    /// The pages are rebuilt: the HTML of the `rendered` pages that show something of
    /// them is in the sink, and the [`BuiltSite`] is the new site, its warnings those of
    /// the new site.
    Done {
        /// How many pages went through the templates.
        rendered: usize,
    },
    /// The changes have errors: the [`BuiltSite`] is still the last good site, and what
    /// the sink holds is not to be used.
    Failed {
        /// Every problem of the attempt, errors first among them, with the warnings of
        /// the pages not checked again.
        diagnostics: Vec<Diagnostic>,
    },
    /// The changes need a whole build; nothing was done.
    Whole,
}

/// Rebuilds `built` after the pages at `paths` (relative to `content/`, as
/// `runbooks/db.md`) changed on disk, writing the pages whose HTML may change into
/// `sink`. See the module's steps.
#[cfg(test)]
pub(crate) fn rebuild(built: &mut BuiltSite, paths: &[String], sink: &dyn Sink) -> Rebuild {
    rebuild_deferring(built, paths, sink, None, &mut Defer::default())
}

/// The served file at a site path, as the last rebuild (or the first build) wrote it.
pub(crate) type Served<'a> = &'a (dyn Fn(&str) -> Option<Arc<[u8]>> + Sync);

/// Rebuilds `built` after the pages at `paths` changed, as the module's steps say, given
/// the files `served`: a page whose navigation alone changes gets the new navigation
/// spliced into its served HTML rather than going through its template again, when the
/// templates show the navigation only as `nav_html`. Pages are left stale as `defer`
/// says: when more pages than `defer.above` show something of the changed ones, only
/// the changed pages are rendered, and the others are left stale (`defer.later`, to
/// bring up to date with [`StaleInput`]); the pages `defer.stale` left stale by earlier edits are rendered,
/// spliced or left stale again. Their records in `built` stay those of their served HTML.
pub(crate) fn rebuild_deferring(
    built: &mut BuiltSite,
    paths: &[String],
    sink: &dyn Sink,
    served: Option<Served<'_>>,
    defer: &mut Defer,
) -> Rebuild {
    crate::spent::phase(None);
    let old = &built.site;
    // A Liquid site's lists of pages (`site.posts`), once a template has read one, give
    // every page's front matter and body to the others' templates: a change goes
    // through a whole build.
    let lists_read = || old.templating.as_ref().is_some_and(|templating| templating.lists_read());
    if lists_read() {
        return Rebuild::Whole;
    }
    let mut site = Site::clone(old);
    crate::spent::phase(Some("fast: clone site"));
    let mut problems = Vec::new();
    let Some(changed) = reload_pages(built, &mut site, paths, &mut problems) else { return Rebuild::Whole };
    crate::spent::phase(Some("fast: load pages"));
    // The review page comes or goes; a runbook answers other alerts (their redirects,
    // `/alerts/`, `alerts.json` and the search index read the registry), or a review
    // cites other alerts or services, and other runbooks list it; or the status page's
    // model changes (its page, the incident pages, the badges and the API read it).
    if site.generated_pages_differ() || site.features.differ(&site) || site.status_differs() {
        return Rebuild::Whole;
    }
    crate::spent::phase(Some("fast: differ checks"));
    // A runbook's service, or the services or date of a review: the runbooks whose past
    // incidents change show them.
    let relisted = relist_past_incidents(&mut site);
    crate::spent::phase(Some("fast: relist"));
    for &id in &changed {
        let mut rendered = render_body(&site, id, Purpose::Build);
        problems.append(&mut rendered.diagnostics);
        site.pages[id].rendered = Arc::new(rendered);
        site.pages[id].link_ids = None;
    }
    crate::spent::phase(Some("fast: render bodies"));
    // The edit made a template read a list first: the lists hold the pages as they were.
    if lists_read() {
        return Rebuild::Whole;
    }
    site.rearrange(&changed);
    crate::spent::phase(Some("fast: rearrange"));
    // The changed pages' search postings, from their text (dropped then), and titles.
    let mut search = built.search.clone();
    if site.config.search {
        search.refresh(&mut site, &changed);
    }
    crate::spent::phase(Some("fast: search refresh"));
    // Pages whose navigation cannot be spliced go through their template.
    let splice = served.filter(|_| built.renderer.shows_nav_only_as_html());
    let (affected, spliced) = pages_to_bring_up_to_date(built, &site, &changed, relisted, splice.is_some(), defer);
    crate::spent::phase(Some("fast: defer"));
    let Ok(rendered) = render_few(&site, &built.renderer, &affected, sink, &mut problems) else {
        return Rebuild::Whole;
    };
    // What the templates wrote, in place; the previous records are kept to put back if
    // the change has errors.
    let mut previous = Vec::with_capacity(rendered.len());
    for (&id, page) in affected.iter().zip(rendered) {
        previous.push((id, std::mem::replace(&mut built.pages[id], page)));
    }
    crate::spent::phase(Some("fast: render some"));
    if let Some(served) = splice {
        let Ok(spliced) = splice_navigation(&site, &built.pages, &spliced, served, sink) else { return Rebuild::Whole };
        for (id, page) in spliced {
            previous.push((id, std::mem::replace(&mut built.pages[id], page)));
        }
    }
    crate::spent::phase(Some("fast: splice"));
    let diagnostics = checked_diagnostics(built, &site, &changed, &affected, problems);
    if diagnostics.iter().any(Diagnostic::is_error) {
        for (id, page) in previous {
            built.pages[id] = page;
        }
        return Rebuild::Failed { diagnostics };
    }
    built.warnings = diagnostics;
    built.search = search;
    let old = std::mem::replace(&mut built.site, Arc::new(site));
    // Freeing the old model takes a few milliseconds on a large handbook: not while
    // the edit waits.
    crate::background::drop_later((old, previous));
    Rebuild::Done { rendered: affected.len() }
}

/// Reads the pages at `paths` again into `site`: their ids, or `None` when the change
/// needs a whole build (a page it does not know, a generated page's own page, or a
/// change of the site's shape, groups or indexes). A page that cannot be read is left
/// as it was, its errors in `problems`.
fn reload_pages(
    built: &BuiltSite,
    site: &mut Site,
    paths: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<PageId>> {
    let mut changed: Vec<PageId> = Vec::new();
    for path in paths {
        let id = site.page_by_path(path)?;
        // An `_index.md` that customises a generated page (`content/tags/_index.md`): the
        // page's list and its place come from the model, so build again.
        if site.pages[id].origin.is_generated() {
            return None;
        }
        let audience = super::bodies::front_matter_text(&site.config);
        let (source, read_problems) =
            load_located(&site.config, path, &audience, crate::content::page::Reading::of(&site.config));
        // A page that cannot be read keeps the last good site: no need to go further.
        let unreadable = read_problems.iter().any(Diagnostic::is_error);
        problems.extend(read_problems);
        let Some(mut source) = source.filter(|_| !unreadable) else { continue };
        site.old_tool.apply_front_defaults(&mut source, problems);
        let source = Arc::new(source);
        // A navigation group (a Middleman handbook's `section`) groups the page's level.
        let regroups =
            crate::site::nav::reads_groups(site) && site.pages[id].source.front.nav_group != source.front.nav_group;
        let renavigates = site.nav_tree.as_ref().is_some_and(|tree| tree.moves(&site.pages[id].source, &source));
        if changes_shape(&site.pages[id].source, &source) || regroups || renavigates {
            return None;
        }
        let owners = site.owners_for(id, &source, built.codeowners.as_ref());
        if site.indexes_differ(id, &source, &owners) {
            return None;
        }
        site.refresh_page(id, source, built.codeowners.as_ref(), problems);
        changed.push(id);
    }
    Some(changed)
}

/// The pages a change of the `changed` pages renders now and those whose navigation is
/// spliced now (when `splice`), with the pages earlier edits left stale; the others are
/// left stale in `defer.later`, as `defer.above` says.
fn pages_to_bring_up_to_date(
    built: &BuiltSite,
    site: &Site,
    changed: &[PageId],
    relisted: Vec<PageId>,
    splice: bool,
    defer: &mut Defer,
) -> (Vec<PageId>, Vec<PageId>) {
    let (mut affected, mut nav_only) = affected_pages(&built.site, site, changed);
    affected.extend(relisted);
    crate::spent::phase(Some("fast: affected pages"));
    let spliceable = |id: PageId| {
        splice && site.pages[id].redirect.is_none() && built.pages.get(id).is_some_and(|p| p.nav_at.is_some())
    };
    // Pages left stale by earlier edits: rendered, or spliced when only their navigation
    // is behind.
    for (&id, &how) in &defer.stale {
        match how {
            How::Render => {
                nav_only.remove(&id);
                affected.push(id);
            }
            How::Splice => {
                nav_only.insert(id);
            }
        }
    }
    affected.sort_unstable();
    affected.dedup();
    nav_only.retain(|id| affected.binary_search(id).is_err());
    let (mut spliced, unspliceable): (Vec<PageId>, Vec<PageId>) = nav_only.into_iter().partition(|&id| spliceable(id));
    if !unspliceable.is_empty() {
        affected.extend(unspliceable);
        affected.sort_unstable();
    }
    let now: BTreeSet<PageId> = changed.iter().copied().collect();
    // More pages than the edit should wait for: only the changed ones are rendered now.
    // A generated page (owners, tags, a tag, review, print) lists many pages: it takes
    // longer to render than the edit should wait, and is left for later on its own (the
    // other pages are rendered now, so an open page that does not change is not reloaded).
    let over = defer.above.is_some_and(|above| affected.len() + spliced.len() > above);
    let generated = |id: &PageId| site.pages[*id].origin.is_generated();
    let lists = defer.above.is_some() && affected.iter().any(|id| !now.contains(id) && generated(id));
    if over || lists {
        let later_on = |id: &PageId| !now.contains(id) && (over || generated(id));
        let later = affected.iter().filter(|id| later_on(id)).map(|&id| (id, How::Render));
        let spliced_later = spliced.iter().filter(|id| over && !now.contains(id)).map(|&id| (id, How::Splice));
        defer.later = later.chain(spliced_later).collect();
        affected.retain(|id| !later_on(id));
        spliced.retain(|id| !over || now.contains(id));
    }
    (affected, spliced)
}

/// The diagnostics of the site after a rebuild: `problems`, the links and anchors of
/// the changed pages, of the pages linking to them and of the pages `rendered` now
/// checked again, and the warnings of the other pages kept.
fn checked_diagnostics(
    built: &BuiltSite,
    site: &Site,
    changed: &[PageId],
    rendered: &[PageId],
    problems: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut problems = problems;
    // The pages left stale keep their warnings: their links are the same, and so are the
    // anchors of the pages they link to but the changed ones (whose backlinks they are
    // then): a title, a weight or an order changes no anchor (headings' ids come from
    // their text, the templates' from site paths).
    let recheck = recheck_pages(site, &built.site, changed, rendered);
    let mut ids = Ids::new(site, &built.pages);
    check_anchors(site, &mut ids, recheck.iter().copied(), &mut problems);
    crate::spent::phase(Some("fast: check anchors"));
    let renderer = &built.renderer;
    check_template_links(
        site,
        &mut ids,
        &built.pages,
        rendered.iter().copied(),
        &|text| renderer.find_in_templates(text),
        &mut problems,
    );
    crate::spent::phase(Some("fast: template links"));
    // Keep the warnings of the pages that were not checked again.
    let checked: HashSet<&str> = recheck.iter().map(|&id| site.pages[id].source.file.as_str()).collect();
    let kept = built.warnings.iter().filter(|d| !d.is_error() && !checked.contains(d.path.as_str())).cloned();
    let mut diagnostics: Vec<Diagnostic> = kept.chain(problems).collect();
    settle_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    crate::spent::phase(Some("fast: warnings"));
    diagnostics
}

/// The pages whose links and anchors a rebuild checks again, pages `changed` from `old`
/// to `site` and pages `rendered` (the changed ones among them): those, and the pages
/// that link or linked to the changed ones.
fn recheck_pages(site: &Site, old: &Site, changed: &[PageId], rendered: &[PageId]) -> BTreeSet<PageId> {
    changed
        .iter()
        .flat_map(|&id| site.pages[id].backlinks.iter().chain(old.pages[id].backlinks.iter()).copied())
        .chain(changed.iter().copied())
        .chain(rendered.iter().copied())
        .collect()
}

/// Reads the past incidents of `site` again; returns the runbooks whose list changed.
fn relist_past_incidents(site: &mut Site) -> Vec<PageId> {
    let past = crate::site::incidents::collect_past_incidents(site);
    if past == site.past_incidents {
        return Vec::new();
    }
    let runbooks: BTreeSet<PageId> = past.keys().chain(site.past_incidents.keys()).copied().collect();
    let relisted = runbooks.into_iter().filter(|id| past.get(id) != site.past_incidents.get(id)).collect();
    site.past_incidents = past;
    relisted
}

/// Whether a new version of a page changes the shape of the site: its URL, whether it is
/// built, the kind of the pages under it, its aliases, where it redirects, or its
/// navigation entry's name or presence (keys from other tools, rare enough to rebuild
/// everything for).
fn changes_shape(old: &SourcePage, new: &SourcePage) -> bool {
    let (a, b) = (&old.front, &new.front);
    let value = |v: &Option<crate::content::Located<String>>| v.as_ref().map(|l| l.value.clone());
    let published =
        |f: &crate::content::front_fields::Fields| f.get("published").map(|field| field.value.value.clone());
    a.draft != b.draft
        || published(&a.fields) != published(&b.fields)
        || a.visibility.as_ref().map(|v| v.value) != b.visibility.as_ref().map(|v| v.value)
        || value(&a.slug) != value(&b.slug)
        || value(&a.permalink) != value(&b.permalink)
        || value(&a.redirect_to) != value(&b.redirect_to)
        || a.nav_label != b.nav_label
        || a.nav_hidden != b.nav_hidden
        || (a.render, a.cascade_render) != (b.render, b.cascade_render)
        || value(&a.default_kind) != value(&b.default_kind)
        || a.aliases.iter().map(|l| &l.value).ne(b.aliases.iter().map(|l| &l.value))
}

/// What other pages show of a page: its title, URL, description, kind, owners, tags,
/// review state and fields.
fn summary(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        page.title,
        page.site_path,
        page.description(),
        page.kind,
        page.owners,
        page.source.front.tags,
        page.review,
        page.values
    )
}

/// The pages whose HTML may change when pages `changed` change from `old` to `new`:
/// the pages to render again, and the pages whose navigation alone may change (not
/// among the first).
fn affected_pages(old: &Site, new: &Site, changed: &[PageId]) -> (Vec<PageId>, BTreeSet<PageId>) {
    let mut affected: BTreeSet<PageId> = changed.iter().copied().collect();
    let mut nav_only = BTreeSet::new();
    let ancestors = |id: PageId, into: &mut BTreeSet<PageId>| into.extend(crate::site::nav::ancestors(new, id));
    let every_index = |into: &mut BTreeSet<PageId>| {
        into.extend(new.pages_invalidated_by(crate::site::generated::Invalidation::AnyPage));
    };
    // The print page that holds a changed page shows its whole content (each page is on
    // one print page at most: its own section's, or the nearest section's above it).
    affected.extend(
        changed.iter().filter_map(|&id| crate::site::generated::print_page_of(new, id)).map(|(print, _)| print),
    );
    let mut shown_differently = HashSet::new();
    for &id in changed {
        let (before, after) = (&old.pages[id], &new.pages[id]);
        if summary(old, id) != summary(new, id) {
            shown_differently.insert(id);
            ancestors(id, &mut affected);
            every_index(&mut affected);
            affected.extend(new.incident_neighbours(id));
            for tag in &after.source.front.tags {
                let slug = crate::slug::slugify(tag);
                if let Some(tag) = new.indexes.tags.get(&slug) {
                    affected.insert(tag.page);
                    // The tag's page in the page's language lists it there.
                    let page = crate::site::GeneratedPage::Tag(slug);
                    affected.extend(new.generated_page_for(&page, id));
                }
            }
        }
        if before.title != after.title || before.source.front.weight != after.source.front.weight {
            // Every page whose navigation lists this one: all pages under its section
            // (its section's branch file, which the theme unfolds elsewhere, is written
            // again with the site's files); every page for a top-level page. Only their
            // navigation changes, but for the pages beneath this one, which show its
            // title (breadcrumbs).
            // A language's home page is its pages' top, as the home page is the default's.
            let top = |page: PageId| page == 0 || new.is_language_home(page);
            match after.parent {
                None => nav_only.extend(0..new.pages.len()),
                Some(parent) if top(parent) => nav_only.extend(0..new.pages.len()),
                Some(parent) => subtree(new, parent, &mut nav_only),
            }
            if before.title != after.title {
                subtree(new, id, &mut affected);
            }
            // Pages that list it among their backlinks show its title.
            affected.extend(after.link_targets().chain(before.link_targets()));
        }
    }
    // A new reading order reorders every list kept in it: the owners, tags and review
    // pages, every tag page, and the catalogs above the pages that moved.
    if old.order != new.order {
        every_index(&mut affected);
        affected.extend(new.pages_invalidated_by(crate::site::generated::Invalidation::TaggedPage));
        affected.extend(new.pages_invalidated_by(crate::site::generated::Invalidation::PageBeneath));
        for &id in changed {
            ancestors(id, &mut affected);
        }
    }
    // Pages whose previous or next page is another one or is shown differently, and pages
    // whose backlinks changed.
    for id in 0..new.pages.len().min(old.pages.len()) {
        let (previous, next) = crate::site::nav::neighbours(new, id);
        if crate::site::nav::neighbours(old, id) != (previous, next)
            || [previous, next].into_iter().flatten().any(|n| shown_differently.contains(&n))
            || old.pages[id].backlinks != new.pages[id].backlinks
        {
            affected.insert(id);
        }
    }
    nav_only.retain(|id| !affected.contains(id));
    (affected.into_iter().collect(), nav_only)
}

/// Puts the navigation of `site` into the served HTML of pages `ids`, in place of the
/// one each shows, writing the pages whose navigation changed into `sink`: the same
/// bytes their templates would give, since the navigation is all that changed of them.
/// Returns their new records.
fn splice_navigation(
    site: &Site,
    pages: &[super::RenderedPage],
    ids: &[PageId],
    served: Served<'_>,
    sink: &dyn Sink,
) -> anyhow::Result<Vec<(PageId, super::RenderedPage)>> {
    use rayon::prelude::*;
    let nav = crate::render::NavCache::new(site);
    let spliced: Vec<Option<(PageId, super::RenderedPage)>> = ids
        .par_iter()
        .map(|&id| -> anyhow::Result<_> {
            let record = &pages[id];
            let Some(path) = site.page_file(id) else { return Ok(None) };
            let (Some(at), Some(html)) = (record.nav_at.clone(), served(&path)) else { return Ok(None) };
            let new = nav.page_nav(site, &crate::site::nav::nav_items(site, id)).html;
            let Some((bytes, change)) = stale::splice_nav(&html, at, &new) else { return Ok(None) };
            sink.write(&path, site.public().map(|_| bytes.as_slice()))?;
            let mut page = record.clone();
            change.apply(&mut page);
            Ok(Some((id, page)))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(spliced.into_iter().flatten().collect())
}

/// Adds `root` and every page beneath it to `into`.
fn subtree(site: &Site, root: PageId, into: &mut BTreeSet<PageId>) {
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        into.insert(id);
        stack.extend(site.pages[id].children.iter().copied());
    }
}

/// Whether a changed path matters to the site: the content folder (`content`, relative
/// to `root`: `content`, `src`, `docs/en`), templates, static files, themes, book.toml, a
/// CODEOWNERS file, the data and strings files (`_data/`, `data/`, `i18n/`, `_i18n/`), or
/// a file of another tool beside book.toml that the build reads (`mkdocs.yml`,
/// `docusaurus.config.js`) or in the content's folders (`.nav.yml`); not other hidden or
/// editor files, nor the output.
pub(crate) fn is_relevant(root: &Path, content: &str, output_dir: &Path, path: &Path) -> bool {
    if path.starts_with(output_dir) {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let names: Vec<&str> = relative.components().filter_map(|c| c.as_os_str().to_str()).collect();
    if crate::site::codeowners::LOCATIONS.contains(&names.join("/").as_str()) {
        return true;
    }
    if names.len() != relative.components().count() {
        return false;
    }
    // A folder's navigation settings in the content folder are hidden by name but read.
    let (last, folders) = names.split_last().unwrap_or((&"", &[]));
    let folder_nav = crate::content::nav_file::FOLDER_NAV_FILES.contains(last) && relative.starts_with(content);
    if (!folder_nav && is_ignored_name(last)) || folders.iter().any(|name| is_ignored_name(name)) {
        return false;
    }
    // Beside book.toml, an `mkdocs.yml` orders the navigation and a Docusaurus
    // configuration turns number prefixes on.
    let beside_config = names.len() == 1 && crate::content::nav_file::is_root_file(names[0]);
    let [statics, templates, themes] = crate::config::THEME_FOLDERS;
    // The theme's words of each language (`i18n/<code>.toml`), and the texts of
    // jekyll-multiple-languages-plugin (`_i18n/`).
    let words = matches!(names.first(), Some(&"i18n" | &"_i18n"));
    beside_config
        || words
        || names.first() == Some(&crate::config::CONFIG_FILE)
        || crate::content::site_data::is_site_data_path(&names.join("/"))
        || [content, statics, templates, themes].iter().any(|folder| relative.starts_with(folder))
}

pub(crate) mod shape;
#[cfg(test)]
mod tests;
