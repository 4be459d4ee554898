//! One page through its template: the step after the site model is arranged, and the
//! one record each later step reads of the page.
//!
//! 1. choose the page's template, once ([`Renderer::template_for`]);
//! 2. render it to a full HTML document;
//! 3. scan what the template added (ids, links) and find where the Markdown content
//!    stands in the document ([`scan_rendered`]).
//!
//! A build into an output folder with a build cache ([`Keeping`]) makes the page's
//! template context, then its fingerprint ([`Renderer::fingerprint`]): when the previous
//! build rendered a page of the same fingerprint and the output folder still holds that
//! document, the file is kept and the template not run ([`super::cache::rendered`]);
//! else the page is rendered, and its record kept for the next build.
//!
//! The link check reads the scan; the writer takes the HTML out of the record.

use super::cache::Cache;
use super::cache::rendered::KeptPage;
use super::output::Sink;
use crate::check::{Known, TemplateScan, find_verbatim, scan_rendered};
use crate::diagnostic::Diagnostic;
use crate::render::{Bodies, NavCache, PreparedPage, Renderer};
use crate::site::{GeneratedPage, PageId, Site};

/// The output and build cache of a build that keeps the documents of pages whose
/// template context did not change.
pub(crate) type Keeping<'a> = (&'a dyn Sink, &'a Cache);

/// A page rendered through its template.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// The HTML document; empty once written (or when the template failed).
    pub html: String,
    /// Where the Markdown content starts in `html`, when it stands there verbatim.
    pub content_at: Option<usize>,
    /// What the template added (ids, internal links), and the template's file.
    pub scan: TemplateScan,
    /// Where the navigation (`nav_html`) stands in `html`, when it stands there once and
    /// verbatim: a change to the navigation alone is then spliced in
    /// ([`crate::pipeline::incremental`]).
    pub nav_at: Option<std::ops::Range<usize>>,
    /// Whether the page's content holds tabs: the build then writes the theme's
    /// `tabs.js`, which such a page loads.
    pub tabs: bool,
    /// For a runbook that answers alerts: what their pages show of it, kept from its
    /// body ([`crate::alerts::outputs::pages::runbook_steps`]).
    pub(crate) runbook_steps: Option<Box<crate::alerts::model::first_steps::RunbookSteps>>,
    /// Whether its file is the previous output's, kept as it was (see the module):
    /// there is nothing to write.
    pub(crate) kept: bool,
    /// Whether it was kept by its key, before its body was read or its template context
    /// made ([`super::stream`]).
    pub(crate) early: bool,
}

impl AsRef<TemplateScan> for RenderedPage {
    fn as_ref(&self) -> &TemplateScan {
        &self.scan
    }
}

/// Renders page `id` of `site` into its record, with the navigation entries of `nav`.
/// A template error leaves a record with no HTML (naming the template still), and is
/// returned beside it.
pub(crate) fn render_page(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
) -> (RenderedPage, Option<Diagnostic>) {
    render_page_with(site, renderer, id, nav, Bodies::default())
}

/// Renders page `id` as [`render_page`] does, with the Markdown content of `bodies`
/// where the site model holds none (a build that streams its pages). A panic while
/// rendering it is caught ([`crate::panics`]): the record is empty and the problem an
/// `internal-error` diagnostic at the page's file, as for a page whose template failed.
pub(crate) fn render_page_with(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    bodies: Bodies<'_>,
) -> (RenderedPage, Option<Diagnostic>) {
    caught_as_problem(site, id, || {
        let (page, problem, _) = render_page_caught(site, renderer, id, nav, bodies, None);
        (page, problem)
    })
}

/// Renders page `id` as [`render_page_with`] does, or keeps the previous output's file
/// of it (see the module), with `keeping`; the record is kept under the page's `early`
/// key too, when it has one ([`super::stream`]).
pub(crate) fn render_or_keep_page(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    bodies: Bodies<'_>,
    (keeping, early): (Keeping<'_>, Option<u128>),
) -> (RenderedPage, Option<Diagnostic>) {
    caught_as_problem(site, id, || {
        let (page, problem, kept) = render_page_caught(site, renderer, id, nav, bodies, Some(keeping));
        if let (Some(early), Some(kept)) = (early, kept) {
            let body = bodies.own.map(|own| own.html.as_bytes()).filter(|html| !html.is_empty());
            let body = body.map(|html| (html.len() as u64, xxhash_rust::xxh3::xxh3_128(html)));
            keeping.1.keep_page(early, &KeptPage { tabs: page.tabs, body, ..kept });
        }
        (page, problem)
    })
}

/// Runs `render`, the rendering of page `id`; a panic in it is a record with no HTML and
/// an `internal-error` diagnostic at the page's file (or at the page's site path, for a
/// page without a file).
pub(crate) fn caught_as_problem(
    site: &Site,
    id: PageId,
    render: impl FnOnce() -> (RenderedPage, Option<Diagnostic>),
) -> (RenderedPage, Option<Diagnostic>) {
    crate::panics::catch(render).unwrap_or_else(|caught| {
        let page = &site.pages[id];
        let file = if page.origin.has_file() { page.source.file.as_str() } else { page.site_path.as_str() };
        (RenderedPage::default(), Some(caught.diagnostic(file, "rendering this page")))
    })
}

/// [`render_page_with`], its panics not caught; with `keeping`, [`render_or_keep_page`],
/// which also gets the record kept for the next build.
fn render_page_caught(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    bodies: Bodies<'_>,
    keeping: Option<Keeping<'_>>,
) -> (RenderedPage, Option<Diagnostic>, Option<KeptPage>) {
    let (template, prepared) = match prepare(site, renderer, id, nav, bodies) {
        Ok(prepared) => prepared,
        Err(failed) => {
            let (page, problem) = *failed;
            return (page, problem, None);
        }
    };
    let fingerprint = keeping
        .and_then(|keeping| Some((keeping, site.page_file(id)?)))
        .map(|(keeping, file)| (keeping, renderer.fingerprint(&prepared, &file), file));
    if let Some((keeping, key, file)) = &fingerprint
        && let Some((page, kept)) = keep_if_unchanged(site, id, &template, *keeping, (*key, file), bodies)
    {
        return (page, None, Some(kept));
    }
    let (page, problem) = render_prepared_page(site, renderer, id, template, &prepared, bodies);
    let mut kept = None;
    if let Some(((_, cache), key, _)) = &fingerprint
        && problem.is_none()
    {
        let record = kept_record(&page, page.html.len() as u64, super::manifest::hash(page.html.as_bytes()));
        cache.keep_page(*key, &record);
        kept = Some(record);
    }
    (page, problem, kept)
}

/// A page whose template failed: a record with no HTML, naming the template still.
type Failed = Box<(RenderedPage, Option<Diagnostic>)>;

/// Page `id`'s template file (as diagnostics name it) and template context, with the
/// Markdown content of `bodies` where the site model holds none; or the record of a
/// page whose template could not be chosen or its context made.
pub(crate) fn prepare(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    bodies: Bodies<'_>,
) -> Result<(String, PreparedPage), Failed> {
    let name = renderer.template_for(site, id).map_err(|problem| failed(problem.path.clone(), problem))?;
    let template = renderer.template_file(&name);
    match renderer.prepare_page(site, id, &name, nav, bodies) {
        Ok(prepared) => Ok((template, prepared)),
        Err(problem) => Err(failed(template, problem)),
    }
}

/// The record of a page whose `template` failed with `problem`.
fn failed(template: String, problem: Diagnostic) -> Failed {
    let scan = TemplateScan { template, ..TemplateScan::default() };
    Box::new((RenderedPage { scan, ..RenderedPage::default() }, Some(problem)))
}

/// The record of page `id` whose previous document, of the fingerprint `key`, the
/// output keeps as it is at `file` (see the module), kept for the next build too, with
/// the cache's record of it; `None` when the cache has no such page or the output no
/// such file.
pub(crate) fn keep_if_unchanged(
    site: &Site,
    id: PageId,
    template: &str,
    (output, cache): Keeping<'_>,
    (key, file): (u128, &str),
    bodies: Bodies<'_>,
) -> Option<(RenderedPage, KeptPage)> {
    let kept = cache.recall_page(key)?;
    if !output.keep(file, kept.len, kept.hash).unwrap_or(false) {
        return None;
    }
    cache.keep_page(key, &kept);
    let scan = TemplateScan { template: template.to_string(), ids: kept.ids.clone(), links: kept.links.clone() };
    let rendered = bodies.own.unwrap_or(&site.pages[id].rendered);
    Some((RenderedPage { content_at: kept.content_at, scan, kept: true, ..finished(site, id, rendered) }, kept))
}

/// What the build cache keeps of `page`, whose document is `len` bytes hashing to `hash`.
pub(crate) fn kept_record(page: &RenderedPage, len: u64, hash: u128) -> KeptPage {
    let (ids, links) = (page.scan.ids.clone(), page.scan.links.clone());
    KeptPage { hash, len, content_at: page.content_at, ids, links, tabs: page.tabs, body: None }
}

/// Renders page `id`'s `prepared` context through its template (`template`, its file)
/// and scans what the template added.
pub(crate) fn render_prepared_page(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    template: String,
    prepared: &PreparedPage,
    bodies: Bodies<'_>,
) -> (RenderedPage, Option<Diagnostic>) {
    let html = match renderer.render_prepared(prepared) {
        Ok(html) => html,
        Err(problem) => return *failed(template, problem),
    };
    let rendered = bodies.own.unwrap_or(&site.pages[id].rendered);
    let nav_html = prepared.nav_html();
    let content = &rendered.html;
    let copies = printed_contents(site, id, bodies);
    let lines = Some(&renderer.template_lines);
    let known = Known { content, title_html: &rendered.title_html, nav_html, copies: &copies, lines };
    let (mut scan, content_at) = scan_rendered(&html, known);
    scan.template = template;
    // Only the dev server splices navigations into the HTML it keeps; a streamed page
    // (its bodies given, not the model's) is written and dropped.
    let from_model = bodies.own.is_none() && bodies.printed.is_none();
    let nav_at = from_model.then(|| place_once(&html, nav_html)).flatten();
    (RenderedPage { html, content_at, scan, nav_at, ..finished(site, id, rendered) }, None)
}

/// The record of page `id` that does not depend on its document: whether its content
/// holds tabs, and its runbook's first steps.
fn finished(site: &Site, id: PageId, rendered: &crate::markdown::Rendered) -> RenderedPage {
    let tabs = rendered.tabs;
    let runbook_steps = crate::alerts::outputs::pages::runbook_steps(site, id, rendered).map(Box::new);
    RenderedPage { tabs, runbook_steps, ..RenderedPage::default() }
}

/// Drops from `scan`, the scan of page `id`'s template, the links the link check
/// ([`crate::check::check_links`]) would find nothing wrong with, whatever the other
/// pages' templates write: those to a page or file of the site with no anchor (the
/// navigation's, the same on every page: [`crate::check::template_link_resolves`]) and
/// those to anchors of the page itself that the page has (`#id`, with `anchors` the ids
/// of its Markdown, or an id the template wrote: a table of contents writes one for
/// each heading, twice in the built-in theme). A streaming build keeps every page's
/// record until the check.
pub(crate) fn drop_links_the_check_finds_fine(site: &Site, id: PageId, scan: &mut TemplateScan, anchors: &[String]) {
    scan.links.retain(|link| !crate::check::template_link_resolves(site, id, link));
    drop_links_to_own_anchors(scan, anchors);
}

/// Drops from `scan` the links its template wrote to anchors of the page itself that
/// the page has (see [`drop_links_the_check_finds_fine`]). The page's ids are put in one
/// set first: a table of contents links to every heading, so a page of n headings has
/// about 2n such links, and looking each up in the lists took n² steps
/// (27-39 s for a page of 80,000 headings).
fn drop_links_to_own_anchors(scan: &mut TemplateScan, anchors: &[String]) {
    if !scan.links.iter().any(|link| link.starts_with('#')) {
        scan.links.shrink_to_fit();
        return;
    }
    let ids: crate::hash::FastHashSet<&str> = anchors.iter().chain(&scan.ids).map(String::as_str).collect();
    let fine = |link: &String| {
        let Some(anchor) = link.strip_prefix('#') else { return false };
        // As the link check reads it (`percent_decode` copies what it leaves as it is).
        let decoded;
        let anchor = if anchor.contains('%') {
            decoded = crate::percent::percent_decode(anchor);
            decoded.as_str()
        } else {
            anchor
        };
        crate::check::anchor_is_there(anchor, |anchor| ids.contains(anchor))
    };
    scan.links.retain(|link| !fine(link));
    scan.links.shrink_to_fit();
}

/// Where `part` stands in `html`, when it stands there exactly once (and is not empty).
/// The navigation is long: a substring search would prepare for the whole of it, twice
/// per page, where [`find_verbatim`] looks for its first bytes.
fn place_once(html: &str, part: &str) -> Option<std::ops::Range<usize>> {
    let start = find_verbatim(html, part)?;
    let end = start + part.len();
    let next = start + html[start..].chars().next().map_or(1, char::len_utf8);
    find_verbatim(&html[next..], part).is_none().then_some(start..end)
}

/// The Markdown content of other pages that page `id` shows verbatim: on a section's
/// print page, every page of the section (from `bodies` when it has them).
fn printed_contents<'a>(site: &'a Site, id: PageId, bodies: Bodies<'a>) -> Vec<&'a str> {
    let body = |page: PageId| bodies.printed.and_then(|printed| printed.get(&page)).map(String::as_str);
    printed_pages(site, id).into_iter().map(|page| body(page).unwrap_or(&site.pages[page].rendered.html)).collect()
}

/// The pages whose Markdown content page `id` shows verbatim besides its own: on a
/// section's print page, every page of the section, in the order it shows them.
pub(crate) fn printed_pages(site: &Site, id: PageId) -> Vec<PageId> {
    let Some(GeneratedPage::Print(section)) = site.pages[id].origin.generated() else { return Vec::new() };
    let mut stack = vec![*section];
    let mut pages = Vec::new();
    while let Some(page) = stack.pop() {
        pages.push(page);
        stack.extend(site.pages[page].children.iter().rev());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::{TemplateScan, drop_links_to_own_anchors, place_once};

    #[test]
    fn drops_only_the_links_to_anchors_the_page_has() {
        let scan = |links: &[&str]| TemplateScan {
            ids: vec!["site-nav".to_string()],
            links: links.iter().map(|link| link.to_string()).collect(),
            ..TemplateScan::default()
        };
        let anchors = ["setup".to_string(), "caf\u{e9}".to_string()];
        let mut page = scan(&[
            "#setup",
            "#site-nav",
            "#caf%C3%A9",
            "#top",
            "#",
            "#missing",
            "/other/#setup",
            "/style.css",
            "#setup",
        ]);
        drop_links_to_own_anchors(&mut page, &anchors);
        assert_eq!(page.links, ["#missing", "/other/#setup", "/style.css"]);
    }

    #[test]
    fn places_a_part_that_stands_once_and_only_then() {
        let nav = format!("<nav>{}</nav>", "<a href=\"/p/\">page</a>".repeat(20));
        let html = format!("<body>{nav}<main>é</main></body>");
        assert_eq!(place_once(&html, &nav), Some(6..6 + nav.len()));
        assert_eq!(place_once(&format!("{html}{nav}"), &nav), None, "twice");
        assert_eq!(place_once(&html, "<nav>gone</nav>"), None, "absent");
        assert_eq!(place_once(&html, ""), None, "empty");
        assert_eq!(place_once("éé", "é"), None, "twice, from a character of two bytes");
        assert_eq!(place_once("aéb", "é"), Some(1..3));
    }
}
