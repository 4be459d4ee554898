//! Pages added, deleted or renamed, without a whole build: the dev server's fast path
//! for a change to the site's shape (a rename is a page deleted and one added).
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::super::BuiltSite;
use super::super::RenderedPage;
use super::super::bodies::render_body;
use super::super::output::Sink;
use super::super::steps::{Purpose, assemble_site};
use super::super::write::render_few;
use super::{Defer, How, Served, splice_navigation, subtree};
use crate::check::{Ids, check_anchors, check_template_links};
use crate::content::{SourcePage, load_located};
use crate::diagnostic::{Diagnostic, settle_diagnostics};
use crate::markdown::Rendered;
use crate::site::generated::{Invalidation, print_page_of};
use crate::site::link_ids::{ComposedLinkIds, LinkIds};
use crate::site::{PageId, PageOrigin, Site, Walked};

/// What a change to the site's shape did.
#[derive(Debug)]
pub(crate) enum Reshape {
    /// The site is rebuilt: the pages whose HTML changed are in the sink, the
    /// [`BuiltSite`] is the new site.
    Done {
        /// How many pages went through the templates.
        rendered: usize,
        /// The site paths of the files of pages that are gone.
        removed: Vec<String>,
    },
    /// The change has errors: the [`BuiltSite`] is still the last good site.
    Failed {
        /// Every problem of the attempt, errors first among them.
        diagnostics: Vec<Diagnostic>,
    },
    /// The change needs a whole build; nothing was done.
    Whole,
}

/// Rebuilds `built` after the pages at `added` appeared and those at `removed`
/// disappeared (content paths, as `runbooks/db.md`), writing the pages whose HTML
/// changes into `sink`, or leaving them stale as `defer` says (`defer.stale`: the
/// pages earlier edits left stale, by their ids in `built`; `defer.later`: those this
/// change leaves stale, by their ids in the new site). See the module's steps.
pub(crate) fn reshape(
    built: &mut BuiltSite,
    added: &[String],
    removed: &[String],
    sink: &dyn Sink,
    served: Option<Served<'_>>,
    defer: &mut Defer,
) -> Reshape {
    let old = &built.site;
    let Some(walked) = old.walked.as_deref() else { return Reshape::Whole };
    // A navigation the pages' front matter makes is made again with them.
    if old.nav_tree.as_ref().is_some_and(|tree| tree.made_of_pages()) {
        return Reshape::Whole;
    }
    crate::spent::phase(Some("shape: before reshape"));
    let mut problems = Vec::new();
    // 1. The walk and the parse, changed.
    let Some((walked, loaded_added)) = apply_change(old, walked, added, removed, &mut problems) else {
        return Reshape::Whole;
    };
    if problems.iter().any(Diagnostic::is_error) {
        return failed(built, problems);
    }
    crate::spent::phase(Some("shape: walk applied"));
    // 2. The model.
    let warned: HashSet<&str> = built.warnings.iter().map(|d| d.path.as_str()).collect();
    let mut site = model_of(built, walked, &warned, &mut problems);
    // 3. The pages of the last site in the new one.
    let Some(map) = PageMap::new(old, &site, &loaded_added) else { return Reshape::Whole };
    crate::spent::phase(Some("shape: mapped"));
    if !map.same_aliases_and_alerts(old, &site) || site.status().is_some() {
        return Reshape::Whole;
    }
    // 4. The Markdown: kept, or rendered again.
    let render = keep_or_render_bodies(old, &mut site, &map, &warned, &mut problems);
    // The search postings follow the pages by file; those of the pages rendered again
    // are made from their text (dropped then), and the titles checked.
    let mut search = built.search.clone();
    if site.config.search {
        search.refresh(&mut site, &render);
    }
    crate::spent::phase(Some("shape: search refreshed"));
    // 5. The pages to render, and those whose navigation alone changes.
    let splice = served.filter(|_| built.renderer.shows_nav_only_as_html());
    let (mut affected, mut spliced) = pages_to_bring_up_to_date(built, &site, &map, &render, splice.is_some(), defer);
    // Links and anchors are checked for every page that shows something of the change,
    // whether rendered now or later.
    let shown = affected.clone();
    defer_pages(&site, &map, defer, &mut affected, &mut spliced);
    let Ok(rendered) = render_few(&site, &built.renderer, &affected, sink, &mut problems) else {
        return Reshape::Whole;
    };
    crate::spent::phase(Some("shape: rendered"));
    // The records of the new site: the rendered ones, the others taken from the last
    // site (and put back if the change has errors).
    let (mut records, taken) = records_of(built, &map, &affected, rendered);
    let put_back = |built: &mut BuiltSite, records: &mut Vec<RenderedPage>| {
        for &(o, id) in &taken {
            built.pages[o] = std::mem::take(&mut records[id]);
        }
    };
    let spliced = match splice {
        Some(served) => match splice_navigation(&site, &records, &spliced, served, sink) {
            Ok(spliced) => spliced,
            Err(_) => {
                put_back(built, &mut records);
                return Reshape::Whole;
            }
        },
        None => Vec::new(),
    };
    crate::spent::phase(Some("shape: records, spliced"));
    // 6. Links and anchors of the pages rendered, and of the pages linking to them.
    let redone = Redone { shown: &shown, rendered: &affected, bodies: &render, removed };
    let diagnostics = checked_diagnostics(built, &site, &map, &records, &redone, problems);
    if diagnostics.iter().any(Diagnostic::is_error) {
        put_back(built, &mut records);
        return Reshape::Failed { diagnostics };
    }
    for (id, page) in spliced {
        records[id] = page;
    }
    let old = &built.site;
    let mut removed_files: Vec<String> =
        map.gone.iter().map(|&o| crate::site_path::alias_file(&old.pages[o].site_path)).collect();
    removed_files.sort();
    built.warnings = diagnostics;
    built.search = search;
    let old_pages = std::mem::replace(&mut built.pages, records);
    let old_site = std::mem::replace(&mut built.site, Arc::new(site));
    // Freeing the old model takes a few milliseconds on a large handbook: not while
    // the edit waits.
    crate::background::drop_later((old_site, old_pages));
    Reshape::Done { rendered: affected.len(), removed: removed_files }
}

/// The model of the site `walked` finds: assembled again, the model of the pages the
/// last site had taken from it but for the pages with warnings (`warned`, made again
/// with their diagnostics).
fn model_of(built: &BuiltSite, walked: Walked, warned: &HashSet<&str>, problems: &mut Vec<Diagnostic>) -> Site {
    let old = &built.site;
    let mut site = assemble_site(
        old.config.clone(),
        &walked.files,
        Arc::clone(&old.old_tool),
        walked.loaded.clone(),
        &built.theme,
        problems,
    );
    site.now = old.now;
    site.today = old.today;
    site.plantuml = Arc::clone(&old.plantuml);
    site.repository.clone_from(&old.repository);
    site.mounted_owners = old.mounted_owners.clone();
    crate::spent::phase(Some("shape: assembled"));
    let reusable = |page: &crate::site::Page| !warned.contains(page.source.file.as_str());
    site.model_reusing(old, reusable, built.codeowners.as_ref(), problems);
    crate::spent::phase(Some("shape: modelled"));
    site.walked = Some(Arc::new(walked));
    site
}

/// Takes each body of the last site that still holds into `site`, renders the others
/// again and arranges the site: the pages rendered again. A body kept is shared, never
/// copied: its links keep the page ids it was rendered with, and the page the map to the
/// new ones (`link_ids`).
fn keep_or_render_bodies(
    old: &Site,
    site: &mut Site,
    map: &PageMap,
    warned: &HashSet<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let mut render = Vec::new();
    let mut link_ids = ComposedLinkIds::new(LinkIds::from_new_ids(&map.to_new));
    for id in 0..site.pages.len() {
        let keep = map.to_old[id].filter(|&o| {
            let page = &old.pages[o];
            !warned.contains(page.source.file.as_str()) && map.keeps_links(page)
        });
        match keep {
            Some(o) => {
                site.pages[id].rendered = Arc::clone(&old.pages[o].rendered);
                site.pages[id].link_ids = link_ids.of(old.pages[o].link_ids.as_ref());
            }
            None => render.push(id),
        }
    }
    crate::spent::phase(Some("shape: bodies kept"));
    let site_now: &Site = site;
    let rendered: Vec<Rendered> = render.par_iter().map(|&id| render_body(site_now, id, Purpose::Build)).collect();
    for (&id, mut rendered) in render.iter().zip(rendered) {
        problems.append(&mut rendered.diagnostics);
        site.pages[id].rendered = Arc::new(rendered);
    }
    site.arrange();
    crate::spent::phase(Some("shape: rendered again, arranged"));
    for (id, page) in site.pages.iter_mut().enumerate() {
        if let Some(o) = map.to_old[id] {
            page.change.clone_from(&old.pages[o].change);
        }
    }
    render
}

/// The pages of `site` that show something of the change (through their template),
/// and those whose navigation alone changes that can be spliced (when `splice`), with
/// the pages earlier edits left stale, by their new ids.
fn pages_to_bring_up_to_date(
    built: &BuiltSite,
    site: &Site,
    map: &PageMap,
    render: &[PageId],
    splice: bool,
    defer: &Defer,
) -> (Vec<PageId>, Vec<PageId>) {
    let (mut affected, mut nav_only) = affected_pages(&built.site, site, map, render);
    crate::spent::phase(Some("shape: affected"));
    // Pages left stale by earlier edits, by their new ids: rendered, or spliced when only
    // their navigation is behind (a page gone is not made).
    for (id, how) in defer.stale.iter().filter_map(|(&o, &how)| Some((map.new_id(o)?, how))) {
        match how {
            How::Render => {
                nav_only.remove(&id);
                affected.insert(id);
            }
            How::Splice if !affected.contains(&id) => {
                nav_only.insert(id);
            }
            How::Splice => {}
        }
    }
    let (spliced, unspliceable): (Vec<PageId>, Vec<PageId>) = nav_only.into_iter().partition(|&id| {
        splice
            && site.pages[id].redirect.is_none()
            && map.to_old[id].is_some_and(|o| built.pages.get(o).is_some_and(|p| p.nav_at.is_some()))
    });
    let mut affected: Vec<PageId> = affected.into_iter().chain(unspliceable).collect();
    affected.sort_unstable();
    (affected, spliced)
}

/// The records of the new site: the `rendered` ones of the pages `affected`, the others
/// taken from `built` (with the pairs of old and new ids taken, to put back).
fn records_of(
    built: &mut BuiltSite,
    map: &PageMap,
    affected: &[PageId],
    rendered: Vec<RenderedPage>,
) -> (Vec<RenderedPage>, Vec<(PageId, PageId)>) {
    let mut records: Vec<Option<RenderedPage>> = vec![None; map.to_old.len()];
    for (&id, page) in affected.iter().zip(rendered) {
        records[id] = Some(page);
    }
    let mut taken = Vec::new();
    for (id, record) in records.iter_mut().enumerate() {
        if record.is_none()
            && let Some(o) = map.to_old[id]
        {
            *record = Some(std::mem::take(&mut built.pages[o]));
            taken.push((o, id));
        }
    }
    (records.into_iter().map(Option::unwrap_or_default).collect(), taken)
}

/// What a change to the site's shape made again: the pages that show something of it,
/// those rendered now, those whose bodies were rendered again, and the content paths
/// removed.
struct Redone<'a> {
    shown: &'a [PageId],
    rendered: &'a [PageId],
    bodies: &'a [PageId],
    removed: &'a [String],
}

/// The diagnostics of the new site: `problems`, the links and anchors of the pages
/// shown and of the pages linking to them checked again, the template links of the
/// pages rendered, and the warnings of the pages not checked or rendered again, nor gone.
fn checked_diagnostics(
    built: &BuiltSite,
    site: &Site,
    map: &PageMap,
    records: &[RenderedPage],
    redone: &Redone<'_>,
    mut problems: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let old = &built.site;
    let recheck: BTreeSet<PageId> =
        redone.shown.iter().flat_map(|&id| site.pages[id].backlinks.iter().copied().chain([id])).collect();
    let mut ids = Ids::new(site, records);
    check_anchors(site, &mut ids, recheck.iter().copied(), &mut problems);
    let renderer = &built.renderer;
    check_template_links(
        site,
        &mut ids,
        records,
        redone.rendered.iter().copied(),
        &|text| renderer.find_in_templates(text),
        &mut problems,
    );
    let removed_files: Vec<String> = redone.removed.iter().map(|path| old.config.locate(path).1).collect();
    let again: HashSet<&str> = recheck
        .iter()
        .chain(redone.bodies)
        .map(|&id| site.pages[id].source.file.as_str())
        .chain(map.gone.iter().map(|&o| old.pages[o].source.file.as_str()))
        .chain(removed_files.iter().map(String::as_str))
        .collect();
    let kept = built.warnings.iter().filter(|d| !d.is_error() && !again.contains(d.path.as_str())).cloned();
    let mut diagnostics: Vec<Diagnostic> = kept.chain(problems).collect();
    settle_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    crate::spent::phase(Some("shape: checked"));
    diagnostics
}

/// Leaves pages stale as `defer` says, taking them out of `affected` (to render now) and
/// `spliced` (to splice now) into `defer.later`: when more pages than `defer.above`
/// show something of the change, all but the new ones (a page added, a generated page
/// that came: nothing of them is served yet); else the generated lists (owners, tags,
/// review, print pages), which take longer to render than the edit should wait.
fn defer_pages(site: &Site, map: &PageMap, defer: &mut Defer, affected: &mut Vec<PageId>, spliced: &mut Vec<PageId>) {
    let Some(above) = defer.above else { return };
    let now = |id: &PageId| map.to_old[*id].is_none();
    let over = affected.len() + spliced.len() > above;
    let later_on = |id: &PageId| !now(id) && (over || site.pages[*id].origin.is_generated());
    let later = affected.iter().filter(|id| later_on(id)).map(|&id| (id, How::Render));
    let spliced_later = spliced.iter().filter(|id| over && !now(id)).map(|&id| (id, How::Splice));
    defer.later = later.chain(spliced_later).collect();
    affected.retain(|id| !later_on(id));
    spliced.retain(|id| !over || now(id));
}

/// The last good site stays: the problems of the attempt, with its warnings.
fn failed(built: &BuiltSite, problems: Vec<Diagnostic>) -> Reshape {
    let mut diagnostics: Vec<Diagnostic> = built.warnings.iter().cloned().chain(problems).collect();
    settle_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    Reshape::Failed { diagnostics }
}

/// The walk's files and parsed pages of `walked` with the pages at `added` parsed and
/// put in the walk's order, and those at `removed` taken out; also the parsed pages
/// added. `None` when the change is not one this path takes: a page in a folder the
/// walk did not find (a new section), a section's own page (`_index.md`, `index.md`,
/// `README.md`), the navigation file, a path both added and removed, a page added that
/// was there already or removed that was not.
fn apply_change(
    site: &Site,
    walked: &Walked,
    added: &[String],
    removed: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<(Walked, Vec<Arc<SourcePage>>)> {
    // The navigation file (a `SUMMARY.md`) orders the pages, and may say which are pages.
    let prefix = site.config.content_prefix();
    let nav_file =
        |path: &String| walked.files.nav_file.as_ref().is_some_and(|nav| nav.file == format!("{prefix}{path}"));
    if added.iter().chain(removed).any(nav_file) {
        return None;
    }
    let mut walked = walked.clone();
    // The pages the incremental rebuilds read again since the walk, as they read them.
    for path in &site.read_again {
        if let Some(id) = site.page_by_path(path)
            && site.pages[id].source.path == *path
            && let Some(page) = walked.loaded.iter_mut().find(|page| page.path == *path)
        {
            *page = Arc::clone(&site.pages[id].source);
        }
    }
    let known: HashSet<&str> = walked.files.dirs.iter().map(String::as_str).chain([""]).collect();
    let is_section_page = |path: &str| crate::site::index_rank_of(path).is_some();
    for path in removed {
        if added.contains(path) || is_section_page(path) {
            return None;
        }
        let at = walked.files.pages.iter().position(|p| p == path)?;
        walked.files.pages.remove(at);
        walked.loaded.retain(|page| page.path != *path);
    }
    let mut loaded = Vec::new();
    for path in added {
        // A file the old tool published no page from (a Docusaurus partial) is none here.
        if site.old_tool.leaves_out(path) {
            continue;
        }
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        if !known.contains(dir) || is_section_page(path) || walked.files.pages.contains(path) {
            return None;
        }
        let at = walked.files.pages.partition_point(|p| walk_order(p, path));
        walked.files.pages.insert(at, path.clone());
        let audience = crate::pipeline::bodies::front_matter_text(&site.config);
        let (source, read) =
            load_located(&site.config, path, &audience, crate::content::page::Reading::of(&site.config));
        problems.extend(read);
        let Some(mut source) = source else { continue };
        site.old_tool.apply_front_defaults(&mut source, problems);
        let source = Arc::new(source);
        let at = walked.loaded.partition_point(|p| walk_order(&p.path, path));
        walked.loaded.insert(at, Arc::clone(&source));
        loaded.push(source);
    }
    Some((walked, loaded))
}

/// Whether the walk finds content path `a` before `b`: folder by folder, each folder's
/// entries sorted by name, a folder's pages before the next entry of its parent.
fn walk_order(a: &str, b: &str) -> bool {
    a.split('/').lt(b.split('/'))
}

/// Which page of the last site each page of the new one is, and back.
struct PageMap {
    /// By new page id: the last site's page at its site path, if any.
    to_old: Vec<Option<PageId>>,
    /// By old page id: the new site's page at its site path; `None` when it is gone.
    to_new: Vec<Option<PageId>>,
    /// The last site's pages that are gone.
    gone: Vec<PageId>,
}

impl PageMap {
    /// Maps the pages of `old` to those of `new` by site path. `None` (a whole build)
    /// when a page changes its file or origin, or when a page comes or goes that is
    /// neither one of the `added` pages nor a generated page.
    fn new(old: &Site, new: &Site, added: &[Arc<SourcePage>]) -> Option<PageMap> {
        let mut to_old = vec![None; new.pages.len()];
        let mut to_new = vec![None; old.pages.len()];
        let mut gone = Vec::new();
        for (o, page) in old.pages.iter().enumerate() {
            match new.page_by_url(&page.site_path) {
                Some(n) if same_page(page, &new.pages[n]) => {
                    to_new[o] = Some(n);
                    to_old[n] = Some(o);
                }
                Some(_) => return None,
                None => gone.push(o),
            }
        }
        let added: HashSet<*const SourcePage> = added.iter().map(Arc::as_ptr).collect();
        let is_new =
            |page: &crate::site::Page| page.origin.is_generated() || added.contains(&Arc::as_ptr(&page.source));
        let unmapped_new_ok = new.pages.iter().zip(&to_old).all(|(page, o)| o.is_some() || is_new(page));
        // The pages gone are files no longer walked, or generated pages (few: each is
        // looked for in the walk, rather than the walk made a set).
        let walked = new.walked.as_deref();
        let gone_ok = gone.iter().all(|&o| {
            let page = &old.pages[o];
            page.origin.is_generated()
                || (page.origin == PageOrigin::File
                    && walked.is_some_and(|w| w.loaded.iter().all(|p| p.path != page.source.path)))
        });
        (unmapped_new_ok && gone_ok).then_some(PageMap { to_old, to_new, gone })
    }

    /// The new id of the last site's page `old`.
    fn new_id(&self, old: PageId) -> Option<PageId> {
        self.to_new.get(old).copied().flatten()
    }

    /// Whether the aliases and the alerts' runbooks are the same pages in both sites.
    fn same_aliases_and_alerts(&self, old: &Site, new: &Site) -> bool {
        let aliases = old.aliases.iter().map(|(path, id)| (path.as_str(), self.new_id(*id)));
        let alerts = old.alerts().iter().map(|(name, claim)| (name.as_str(), self.new_id(claim.page)));
        aliases.eq(new.aliases.iter().map(|(path, id)| (path.as_str(), Some(*id))))
            && alerts.eq(new.alerts().iter().map(|(name, claim)| (name.as_str(), Some(claim.page))))
    }

    /// Whether every page the body of the last site's `page` links to is in the new
    /// site (else the body is to render again).
    fn keeps_links(&self, page: &crate::site::Page) -> bool {
        page.link_targets().all(|target| self.new_id(target).is_some())
    }
}

/// Whether two pages at one site path are the same page: the same file (or folder) and
/// origin, or both generated.
fn same_page(old: &crate::site::Page, new: &crate::site::Page) -> bool {
    if old.origin.is_generated() || new.origin.is_generated() {
        return old.origin == new.origin;
    }
    old.origin == new.origin && old.source.path == new.source.path
}

/// The pages of `new` to render through their templates after the change `map`
/// describes, and those whose navigation alone may change (not among the first).
/// `rendered` are the pages whose Markdown was rendered again.
fn affected_pages(old: &Site, new: &Site, map: &PageMap, rendered: &[PageId]) -> (BTreeSet<PageId>, BTreeSet<PageId>) {
    let mut affected: BTreeSet<PageId> = rendered.iter().copied().collect();
    let mut nav_only = BTreeSet::new();
    affected.extend(new.pages_invalidated_by(Invalidation::AnyPage));
    // What lists a page that came: its sections, their print page, the pages linked to
    // it through incidents, its tags' pages; and its section's navigation.
    let mut sections = BTreeSet::new();
    let added = (0..new.pages.len()).filter(|&id| map.to_old[id].is_none() && !new.pages[id].origin.is_generated());
    for id in added.collect::<Vec<_>>() {
        lists_of(new, id, &mut affected);
        sections.extend(new.pages[id].parent);
    }
    // The same of a page that went, in the last site, mapped to the new one.
    for &o in map.gone.iter().filter(|&&o| !old.pages[o].origin.is_generated()) {
        let mut before = BTreeSet::new();
        lists_of(old, o, &mut before);
        affected.extend(before.into_iter().filter_map(|id| map.new_id(id)));
        sections.extend(old.pages[o].parent.and_then(|id| map.new_id(id)));
    }
    for parent in sections {
        // The pages that list the section's pages: those under it. When it gained its
        // first page or lost its last, also those that list the section, whose entry now
        // unfolds or not: those under its own section. The top level is on every page.
        let unfolds = |site: &Site, id: PageId| !crate::site::nav::shown_children(site, id).is_empty();
        let same = map.to_old[parent].is_some_and(|o| unfolds(old, o) == unfolds(new, parent));
        let lists = if same { Some(parent) } else { new.pages[parent].parent };
        match lists {
            Some(id) if id != 0 && !new.is_language_home(id) => subtree(new, id, &mut nav_only),
            _ => nav_only.extend(0..new.pages.len()),
        }
    }
    // Pages that came, and pages whose previous or next page or backlinks changed.
    for id in 0..new.pages.len() {
        let Some(o) = map.to_old[id] else {
            affected.insert(id);
            continue;
        };
        let (previous, next) = crate::site::nav::neighbours(old, o);
        let mapped = (previous.and_then(|p| map.new_id(p)), next.and_then(|n| map.new_id(n)));
        if crate::site::nav::neighbours(new, id) != mapped
            || previous.is_some() != mapped.0.is_some()
            || next.is_some() != mapped.1.is_some()
            || old.pages[o]
                .backlinks
                .iter()
                .map(|&b| map.new_id(b))
                .ne(new.pages[id].backlinks.iter().map(|&b| Some(b)))
        {
            affected.insert(id);
        }
    }
    nav_only.retain(|id| !affected.contains(id));
    (affected, nav_only)
}

/// Adds to `into` the pages of `site` that list page `id`: the sections and catalogs
/// above it, the print page it is on, the runbooks and reviews linked to it through
/// incidents, and the pages of its tags.
fn lists_of(site: &Site, id: PageId, into: &mut BTreeSet<PageId>) {
    into.extend(crate::site::nav::ancestors(site, id));
    into.extend(print_page_of(site, id).map(|(print, _)| print));
    into.extend(site.incident_neighbours(id));
    for tag in &site.pages[id].source.front.tags {
        if let Some(tag) = site.indexes.tags.get(&crate::slug::slugify(tag)) {
            into.insert(tag.page);
        }
    }
    // The pages it links to list it among their backlinks.
    into.extend(site.pages[id].link_targets());
}

#[cfg(test)]
mod tests {
    use super::walk_order;

    #[test]
    fn walk_order_puts_a_folder_before_a_longer_name() {
        assert!(walk_order("a/b.md", "a.md"));
        assert!(walk_order("a/z.md", "a/zz.md"));
        assert!(walk_order("a-b.md", "b/a.md"));
        assert!(!walk_order("b.md", "a/c.md"));
        assert!(walk_order("A.md", "a.md"));
    }
}
