//! The pages of a build into an output folder, as a stream: each page's file is read
//! again (the Markdown step let its text go: `content::released`) and its Markdown body
//! rendered again (highlighted) just before its template, the page written, and its
//! HTML dropped, so that the build never holds the HTML of every page at once. What the
//! later steps need stays in the page's record ([`RenderedPage`]: the ids and links the
//! template added, the byte range of each section) and in the model (titles, links,
//! anchors, the search text, from the Markdown step, [`Purpose::Stream`]).
//!
//! A section's print page shows the bodies of its pages: each body is kept, once its
//! own page is written, until the last page of the print page is, and the print page is
//! then rendered and written by the thread that wrote that last page. Pages are taken in
//! page id order, in which a section's pages follow one another, so few bodies wait at
//! any time.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::cache::Cache;
use super::output::Sink;
use super::page::{RenderedPage, drop_links_to_own_anchors, printed_pages, render_page_with};
use super::steps::{Purpose, recall_body, render_body_cached, render_body_of};
use super::write::{RenderedPages, render_or_redirect, report_once, write_page};
use crate::diagnostic::{Diagnostic, Failure};
use crate::markdown::Rendered;
use crate::render::{Bodies, NavCache, Renderer};
use crate::site::{PageId, Site};
use crate::spent::SpentTime;

/// What rendering one page gave, and its template error if it failed.
type PageResult = (PageId, RenderedPage, Option<Diagnostic>);

/// The print pages of a site, and the bodies that wait for them.
struct PrintPages {
    /// The print pages that show each page, by page id.
    shown_on: Vec<Vec<PageId>>,
    /// For each print page, the pages it shows that are not written yet.
    waiting: HashMap<PageId, AtomicUsize>,
    /// For each print page, the bodies of the pages it shows that are written.
    bodies: HashMap<PageId, Mutex<HashMap<PageId, String>>>,
}

impl PrintPages {
    fn of(site: &Site) -> Self {
        let shown: Vec<(PageId, Vec<PageId>)> = (0..site.pages.len())
            .map(|print| (print, printed_pages(site, print)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let prints: HashSet<PageId> = shown.iter().map(|(print, _)| *print).collect();
        let mut shown_on = vec![Vec::new(); site.pages.len()];
        let (mut waiting, mut bodies) = (HashMap::new(), HashMap::new());
        for (print, pages) in shown {
            // A print page is rendered after the pages it shows, never shown itself.
            let pages: HashSet<PageId> = pages.into_iter().filter(|page| !prints.contains(page)).collect();
            for &page in &pages {
                shown_on[page].push(print);
            }
            waiting.insert(print, AtomicUsize::new(pages.len()));
            bodies.insert(print, Mutex::new(HashMap::new()));
        }
        PrintPages { shown_on, waiting, bodies }
    }

    fn is_print_page(&self, id: PageId) -> bool {
        self.waiting.contains_key(&id)
    }

    /// Keeps `html`, the body of page `id`, written, for the print pages that show it;
    /// returns each print page whose last page `id` was, with every body it shows.
    fn keep(&self, id: PageId, html: String) -> Vec<(PageId, HashMap<PageId, String>)> {
        let mut complete = Vec::new();
        for &print in &self.shown_on[id] {
            let mut bodies = self.bodies[&print].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            bodies.insert(id, html.clone());
            if self.waiting[&print].fetch_sub(1, Ordering::AcqRel) == 1 {
                complete.push((print, std::mem::take(&mut *bodies)));
            }
        }
        complete
    }
}

/// Renders and writes every page into `output`, streaming (see the module), and scans
/// what the templates added. Returns the record of each page, by page id.
pub(crate) fn render_pages(
    site: &Site,
    renderer: &Renderer,
    output: Option<&dyn Sink>,
    cache: Option<&Cache>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<RenderedPages, Failure> {
    let spent = SpentTime::new();
    let nav = NavCache::new(site);
    let prints = PrintPages::of(site);
    let write = |id, page: &mut RenderedPage, problem: &Option<Diagnostic>| write_page(site, output, id, page, problem);
    let results: Vec<anyhow::Result<Vec<PageResult>>> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&id| !prints.is_print_page(id))
        .map(|id| {
            spent.time(|| {
                let shown = !prints.shown_on[id].is_empty();
                let body =
                    (site.pages[id].redirect.is_none() || shown).then(|| body_again(site, id, cache)).transpose()?;
                let (mut page, problem) = render_one(site, renderer, id, &nav, body.as_ref());
                write(id, &mut page, &problem)?;
                let mut done = vec![(id, page, problem)];
                let html = body.map(|body| body.html).unwrap_or_default();
                let complete = if shown { prints.keep(id, html) } else { Vec::new() };
                for (print, bodies) in complete {
                    let bodies = Bodies { own: None, printed: Some(&bodies) };
                    let (mut page, problem) = render_page_with(site, renderer, print, &nav, bodies);
                    drop_links_to_own_anchors(&mut page.scan, &site.pages[print].rendered.anchors);
                    write(print, &mut page, &problem)?;
                    done.push((print, page, problem));
                }
                Ok(done)
            })
        })
        .collect();
    let mut pages = vec![RenderedPage::default(); site.pages.len()];
    let mut problems = Vec::new();
    for result in results {
        for (id, page, problem) in result? {
            pages[id] = page;
            problems.extend(problem.map(|problem| (id, problem)));
        }
    }
    // In page id order, as a build that does not stream reports them.
    problems.sort_by_key(|(id, _)| *id);
    report_once(problems.into_iter().map(|(_, problem)| problem), diagnostics);
    Ok(RenderedPages { pages, spent: spent.take() })
}

/// The Markdown body of page `id` rendered again, highlighted, from its file read again
/// (the Markdown step let the text go: [`crate::content::released`]); or, with a build
/// `cache`, the body the previous build kept, when it still holds.
fn body_again(site: &Site, id: PageId, cache: Option<&Cache>) -> anyhow::Result<Rendered> {
    let key = cache.and_then(|cache| Some((cache, cache.body_key(id)?)));
    if let Some(body) = key.and_then(|(cache, key)| recall_body(site, cache, key)) {
        return Ok(body);
    }
    let source = &site.pages[id].source;
    let text = source.text_again(&site.config)?;
    let body = &text[source.body_start..];
    Ok(match key {
        Some((cache, key)) => render_body_cached(site, id, body, Purpose::Build, (cache, key, false)),
        None => render_body_of(site, id, body, Purpose::Build),
    })
}

/// Renders page `id` with its body rendered again (none for a page with `redirect_to`,
/// which publishes only its redirect).
fn render_one(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    body: Option<&Rendered>,
) -> (RenderedPage, Option<Diagnostic>) {
    let (mut page, problem) = render_or_redirect(site, renderer, id, || {
        render_page_with(site, renderer, id, nav, Bodies { own: body, printed: None })
    });
    drop_links_to_own_anchors(&mut page.scan, &site.pages[id].rendered.anchors);
    (page, problem)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::config::Overrides;

    /// A sink that keeps what is written, by site path.
    #[derive(Default)]
    struct Files(Mutex<BTreeMap<String, Vec<u8>>>);

    impl Sink for Files {
        fn write(&self, site_path: &str, contents: &[u8]) -> anyhow::Result<()> {
            self.0.lock().expect("files").insert(site_path.to_string(), contents.to_vec());
            Ok(())
        }

        fn copy(&self, from: &Path, site_path: &str) -> anyhow::Result<()> {
            self.write(site_path, &std::fs::read(from)?)
        }
    }

    #[test]
    fn a_streamed_build_writes_what_a_build_that_keeps_every_body_writes() {
        let root = crate::test_support::fixture_copy("model", "stream");
        std::fs::write(
            root.join("content/guides/restart.md"),
            "# Restart\n\nSee [the cache](../runbooks/cache.md).\n\n```bash\nsystemctl restart queue\n```\n\n## Check\n\n```json\n{\"up\": true}\n```\n",
        )
        .expect("page");
        let out = root.join("public");
        let overrides = Overrides { output_dir: Some(out.clone()), ..Overrides::default() };
        crate::pipeline::build(&root, &overrides).expect("a streamed build");
        let kept = Files::default();
        crate::pipeline::build_into(&root, &overrides, &kept).expect("a build into memory");

        let kept = kept.0.into_inner().expect("files");
        let print = kept.keys().find(|path| path.starts_with("print/")).expect("a print page");
        let page = String::from_utf8_lossy(&kept["guides/restart/index.html"]).into_owned();
        assert!(page.contains("systemctl"), "{page}");
        assert!(String::from_utf8_lossy(&kept[print]).contains("systemctl"), "the print page shows the page's body");
        for (path, contents) in &kept {
            let written = std::fs::read(out.join(path)).unwrap_or_else(|_| panic!("{path} was not written"));
            assert!(written == *contents, "{path} differs between the two builds");
        }
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
