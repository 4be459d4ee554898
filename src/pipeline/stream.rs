//! The pages of a build into an output folder, as a stream: each page's file is read
//! again (the Markdown step let its text go: `content::released`) and its Markdown body
//! rendered again (highlighted) just before its template, the page written, and its
//! HTML dropped, so that the build never holds the HTML of every page at once. What the
//! later steps need stays in the page's record ([`RenderedPage`]: the ids and links the
//! template added) and in the model (titles, links,
//! anchors, the search text, from the Markdown step, [`Purpose::Stream`]).
//!
//! A section's print page shows the bodies of its pages: each body is kept in a file
//! beside the output, once its own page is written, until the last page of the print
//! page is, and the print page is then rendered and written, in parts, by the thread
//! that wrote that last page ([`print`]).
//!
//! With a build cache, a page whose key is the previous build's is kept before any of
//! this ([`early`]).

mod early;
mod print;

use rayon::prelude::*;

use super::bodies::{recall_body, render_body_cached, render_body_of};
use super::cache::Cache;
use super::output::Sink;
use super::page::{Keeping, RenderedPage, drop_links_the_check_finds_fine, render_or_keep_page, render_page_with};
use super::steps::Purpose;
use super::write::{RenderedPages, render_or_redirect, report_once, write_page};
use crate::diagnostic::{Diagnostic, Failure, Rule};
use crate::markdown::Rendered;
use crate::markdown::highlight::{Highlighter, Memo};
use crate::render::{Bodies, NavCache, Renderer};
use crate::site::{PageId, Site};
use crate::spent::SpentTime;

/// What rendering one page gave, and its template error if it failed.
type PageResult = (PageId, RenderedPage, Option<Diagnostic>);

/// The files beside the output folder that a streaming build uses.
#[derive(Clone, Copy, Default)]
pub(crate) struct Beside<'a> {
    /// Where the bodies that print pages wait for are kept (in memory without one).
    pub(crate) scratch: Option<&'a crate::fs::Confined>,
    /// The build cache: the bodies the previous build kept, when they still hold.
    pub(crate) cache: Option<&'a Cache>,
}

/// Renders and writes every page into `output`, streaming (see the module), and scans
/// what the templates added, with the files `beside` the output. Returns the record of
/// each page, by page id.
pub(crate) fn render_pages(
    site: &Site,
    renderer: &Renderer,
    (output, Beside { scratch, cache }): (Option<&dyn Sink>, Beside<'_>),
    progress: &crate::progress::Progress,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<RenderedPages, Failure> {
    let spent = SpentTime::new();
    let highlighting = SpentTime::new();
    let highlighter = Highlighter::new(cache.map(|cache| cache as &dyn Memo), &highlighting);
    let nav = NavCache::new(site);
    let prints = print::PrintPages::of(site, scratch)?;
    let write = |id, page: &mut RenderedPage, problem: &Option<Diagnostic>| write_page(site, output, id, page, problem);
    let early = output.zip(cache).map(|(output, cache)| early::Early::new(site, output, cache));
    progress.begin("writing pages", site.pages.len());
    let results: Vec<anyhow::Result<Vec<PageResult>>> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&id| !prints.is_print_page(id))
        .map(|id| {
            spent.time(|| {
                let shown = prints.is_shown(id);
                let key = early.as_ref().and_then(|early| Some((early, early.key(site, renderer, id, &nav)?)));
                let (page, problem, complete) = match key.as_ref().and_then(|(e, key)| e.keep(site, renderer, id, key))
                {
                    Some((mut page, body)) => {
                        drop_links_the_check_finds_fine(site, id, &mut page.scan, &site.pages[id].rendered.anchors);
                        let complete = if shown { prints.keep_unread(id, body) } else { Vec::new() };
                        (RenderedPage { early: true, ..page }, None, complete)
                    }
                    None => {
                        let body = (site.pages[id].redirect.is_none() || shown)
                            .then(|| body_again(site, id, cache, highlighter))
                            .transpose()?;
                        let keeping = output.zip(cache).map(|keeping| (keeping, key.as_ref().map(|(_, key)| key.key)));
                        let (mut page, problem) = render_one(site, renderer, id, &nav, body.as_ref(), keeping);
                        write(id, &mut page, &problem)?;
                        let html = body.as_ref().map_or("", |body| &body.html);
                        (page, problem, if shown { prints.keep(id, html)? } else { Vec::new() })
                    }
                };
                progress.advance();
                let mut done = vec![(id, page, problem)];
                for print in complete {
                    let (page, problem) = prints.render(site, renderer, &nav, print, (output, cache, highlighter))?;
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
    Ok(RenderedPages { pages, spent: spent.take(), highlighting: highlighting.take() })
}

/// The Markdown body of page `id` rendered again, highlighted by `highlighter`, from its
/// file read again (the Markdown step let the text go: [`crate::content::released`]); or,
/// with a build `cache`, the body the previous build kept, when it still holds.
fn body_again(
    site: &Site,
    id: PageId,
    cache: Option<&Cache>,
    highlighter: Highlighter<'_>,
) -> anyhow::Result<Rendered> {
    let key = cache.and_then(|cache| Some((cache, cache.body_key(id)?)));
    if let Some(body) = key.and_then(|(cache, key)| recall_body(site, id, cache, key)) {
        return Ok(body);
    }
    let source = &site.pages[id].source;
    let text = source.text_again(&site.config)?;
    let body = &text[source.body_start..];
    Ok(match key {
        Some((cache, key)) => render_body_cached(site, id, body, (Purpose::Build, highlighter), (cache, key, false)),
        None => render_body_of(site, id, body, (Purpose::Build, highlighter)),
    })
}

/// Renders page `id` with its body rendered again (none for a page with `redirect_to`,
/// which publishes only its redirect), or, with `keeping`, keeps the file the previous
/// build wrote of it when its template context is the same ([`super::page`]), keeping
/// its record under its early key too ([`early`]). A body
/// whose rendering panicked this time (the Markdown step's pass did not highlight it)
/// fails the page with that error: the other diagnostics of this pass were reported by
/// the Markdown step already.
fn render_one(
    site: &Site,
    renderer: &Renderer,
    id: PageId,
    nav: &NavCache,
    body: Option<&Rendered>,
    keeping: Option<(Keeping<'_>, Option<u128>)>,
) -> (RenderedPage, Option<Diagnostic>) {
    let failed = body.and_then(|body| body.diagnostics.iter().find(|d| d.rule == Rule::InternalError));
    if let Some(failed) = failed {
        return (RenderedPage::default(), Some(failed.clone()));
    }
    let bodies = Bodies { own: body, printed: None };
    let (mut page, problem) = render_or_redirect(site, renderer, id, || match keeping {
        Some(keeping) => render_or_keep_page(site, renderer, id, nav, bodies, keeping),
        None => render_page_with(site, renderer, id, nav, bodies),
    });
    drop_links_the_check_finds_fine(site, id, &mut page.scan, &site.pages[id].rendered.anchors);
    (page, problem)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::sync::Mutex;

    use super::*;
    use crate::config::Overrides;

    /// A sink that keeps what is written, by site path.
    #[derive(Default)]
    struct Files(Mutex<BTreeMap<String, Vec<u8>>>);

    impl Sink for Files {
        fn write(&self, site_path: &str, contents: crate::site::Public<&[u8]>) -> anyhow::Result<()> {
            self.0.lock().expect("files").insert(site_path.to_string(), contents.get().to_vec());
            Ok(())
        }

        fn copy(&self, from: crate::site::Public<&crate::fs::Confined>, site_path: &str) -> anyhow::Result<()> {
            let contents = std::fs::read(from.get().path())?;
            self.write(site_path, from.map(|_| contents.as_slice()))
        }
    }

    /// Builds the handbook at `root` streamed into `public/` and into memory (every body
    /// kept, each page rendered whole), and requires the same files of both; returns them.
    fn assert_streamed_as_kept(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let out = root.join("public");
        let overrides = Overrides { output_dir: Some(out.clone()), ..Overrides::default() };
        crate::pipeline::build(root, &overrides, &Default::default()).expect("a streamed build");
        let kept = Files::default();
        crate::pipeline::build_into(root, &overrides, &Default::default(), &kept).expect("a build into memory");
        let kept = kept.0.into_inner().expect("files");
        for (path, contents) in &kept {
            let written = std::fs::read(out.join(path)).unwrap_or_else(|_| panic!("{path} was not written"));
            assert!(written == *contents, "{path} differs between the two builds");
        }
        let beside: Vec<String> =
            std::fs::read_dir(root).expect("root").flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
        assert!(!beside.iter().any(|name| name.contains("scratch")), "the print pages' bodies are removed: {beside:?}");
        kept
    }

    /// The model fixture with a page of highlighted code, linking elsewhere.
    fn handbook(name: &str) -> crate::test_support::TempFolder {
        let root = crate::test_support::fixture_copy("model", name);
        std::fs::write(
            root.join("content/guides/restart.md"),
            "# Restart\n\nSee [the cache](../runbooks/cache.md).\n\n```bash\nsystemctl restart queue\n```\n\n## Check\n\n```json\n{\"up\": true}\n```\n",
        )
        .expect("page");
        root
    }

    #[test]
    fn a_streamed_build_writes_what_a_build_that_keeps_every_body_writes() {
        let root = handbook("stream");
        let kept = assert_streamed_as_kept(&root);
        let prints: Vec<&String> = kept.keys().filter(|path| path.starts_with("print/")).collect();
        assert!(prints.len() > 1, "print pages: {prints:?}");
        let page = String::from_utf8_lossy(&kept["guides/restart/index.html"]).into_owned();
        assert!(page.contains("systemctl"), "{page}");
        let print = String::from_utf8_lossy(&kept["print/guides/index.html"]).into_owned();
        assert!(print.contains("systemctl"), "the print page shows the page's body");
    }

    #[test]
    fn a_print_template_that_changes_the_bodies_is_rendered_whole() {
        let root = handbook("stream-upper");
        let builtin = include_str!("../../themes/default/templates/print.html");
        // Escaped, as a template that forgets `| safe` writes them.
        let escaped = builtin.replace("{{ printed.content | safe }}", "{{ printed.content }}");
        assert_ne!(escaped, builtin, "the built-in print template writes each body as it is");
        std::fs::create_dir_all(root.join("templates")).expect("templates");
        std::fs::write(root.join("templates/print.html"), escaped).expect("template");
        let kept = assert_streamed_as_kept(&root);
        let print = String::from_utf8_lossy(&kept["print/guides/index.html"]).into_owned();
        assert!(print.contains("&lt;pre"), "the bodies are escaped");
    }
}
