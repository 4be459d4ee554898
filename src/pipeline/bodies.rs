//! The Markdown step: each page's body rendered to HTML, its search text and postings,
//! through the build cache when there is one; and the same render again for the pages
//! the templates step writes ([`super::stream`]), the status site and the dev server.

use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

use super::cache::Cache;
use super::steps::Purpose;
use crate::check::pages::{exact_hash, similarity_hash};
use crate::config::Config;
use crate::content::SourcePage;
use crate::content::include_files::HandbookFiles;
use crate::content::released::{Fingerprints, Released};
use crate::diagnostic::Diagnostic;
use crate::markdown::highlight::Highlighter;
use crate::markdown::includes::MAX_EXPANDED;
use crate::markdown::{MarkdownInput, render_markdown};
use crate::search::{PostingsBuilder, SitePostings};
use crate::site::Site;
use crate::spent::SpentTime;

/// Renders the Markdown of page `id` against the site's links: for a build, highlighted
/// and with the text of each section for the search index; for a check, neither; for the
/// Markdown step of a streaming build, the search text without the HTML (written again,
/// highlighted, just before the page's template, see [`Purpose::Stream`]).
pub(crate) fn render_body(site: &Site, id: crate::site::PageId, purpose: Purpose) -> crate::markdown::Rendered {
    render_body_of(site, id, site.pages[id].source.body(), (purpose, Highlighter::PLAIN))
}

/// Renders `body`, the Markdown body of page `id`, as [`render_body`] does, highlighting
/// with `highlighter` when `purpose` highlights: for a page whose text was let go, the
/// body read again ([`crate::content::SourcePage::text_again`]).
pub(crate) fn render_body_of(
    site: &Site,
    id: crate::site::PageId,
    body: &str,
    (purpose, highlighter): (Purpose, Highlighter<'_>),
) -> crate::markdown::Rendered {
    let rendered =
        render_body_with(site, id, body, (purpose, highlighter), &site.links_from(id), &handbook_files(site));
    with_images(site, id, rendered, purpose)
}

/// `rendered` (page `id`'s body) with its images sized and made lazy
/// ([`crate::render::images`]) and, on a translation, its original's anchors on its
/// headings ([`crate::site::translated_anchors`]), for a build. Done after the build cache, never kept in
/// it: the sizes are read from the image files of this build.
fn with_images(
    site: &Site,
    id: crate::site::PageId,
    mut rendered: crate::markdown::Rendered,
    purpose: Purpose,
) -> crate::markdown::Rendered {
    if purpose == Purpose::Check {
        return rendered;
    }
    let anchors = crate::site::translated_anchors::original_anchors(site, id);
    if let Some(html) = crate::site::translated_anchors::with_original_anchors(&rendered.html, &anchors) {
        rendered.html = html;
    }
    if memchr::memmem::find(rendered.html.as_bytes(), b"<img").is_some() {
        let base = site.config.base_url.path();
        if let Some(html) =
            crate::render::images::sized_and_lazy(&rendered.html, &site.pages[id].site_path, base, site.image_sizes())
        {
            rendered.html = html;
        }
    }
    rendered
}

/// Renders `body` as [`render_body_of`] does, and keeps the result in `cache` under
/// `key` (with the search text of its sections unless `text` is false).
pub(crate) fn render_body_cached(
    site: &Site,
    id: crate::site::PageId,
    body: &str,
    how: (Purpose, Highlighter<'_>),
    (cache, key, text): (&Cache, u128, bool),
) -> crate::markdown::Rendered {
    render_keeping(site, id, body, how, (cache, key), (text, None))
}

/// Renders `body` as [`render_body_cached`] does, keeping `kept` with the result
/// ([`Cache::render_result`], whose blocks are the highlighter's memo).
fn render_keeping(
    site: &Site,
    id: crate::site::PageId,
    body: &str,
    (purpose, highlighter): (Purpose, Highlighter<'_>),
    (cache, key): (&Cache, u128),
    kept: (bool, Option<Option<u64>>),
) -> crate::markdown::Rendered {
    let rendered = cache.render_result(key, &site.links_from(id), &handbook_files(site), kept, |links, files, memo| {
        render_body_with(site, id, body, (purpose, highlighter.with_memo(memo)), links, files)
    });
    with_images(site, id, rendered, purpose)
}

/// The result of `key` for page `id` in `cache`, if it still holds for `site`
/// ([`Cache::recall_result`]).
pub(crate) fn recall_body(
    site: &Site,
    id: crate::site::PageId,
    cache: &Cache,
    key: u128,
) -> Option<crate::markdown::Rendered> {
    recall_with_extra(site, id, cache, key).map(|(rendered, _)| with_images(site, id, rendered, Purpose::Build))
}

/// The result of `key` for page `id` in `cache` with the number kept with it, if it
/// still holds.
fn recall_with_extra(
    site: &Site,
    id: crate::site::PageId,
    cache: &Cache,
    key: u128,
) -> Option<(crate::markdown::Rendered, Option<Option<u64>>)> {
    cache.recall_result(key, &site.links_from(id), &handbook_files(site))
}

/// What the build does with internal blocks: a public build drops them, an internal
/// one marks them.
pub(crate) fn internal_blocks(config: &Config) -> crate::markdown::internal::Mode {
    match config.audience {
        crate::config::Audience::Public => crate::markdown::internal::Mode::Drop,
        crate::config::Audience::Internal => crate::markdown::internal::Mode::Mark,
    }
}

/// The PlantUML server that draws this build's diagrams. An internal build's diagrams
/// may hold internal text: they go only to a server `[markdown] plantuml-server` names,
/// never to one the old tool's setting implies (Docsy's default is a public server).
fn plantuml_server(site: &Site) -> Option<&str> {
    match site.config.audience {
        crate::config::Audience::Public => site.old_tool.plantuml_server(),
        crate::config::Audience::Internal => site.config.plantuml_server.as_deref().filter(|s| !s.is_empty()),
    }
}

/// The rule every text of front matter obeys in this build ([`crate::content::front_text`]).
pub(crate) fn front_matter_text(config: &Config) -> crate::markdown::public_text::FrontMatterText {
    crate::markdown::public_text::FrontMatterText(internal_blocks(config))
}

/// The files pages of `site` include.
fn handbook_files(site: &Site) -> HandbookFiles<'_> {
    HandbookFiles::new(&site.config, MAX_EXPANDED as u64)
}

/// The key of the result of rendering `body`, the Markdown body of page `id`, in the
/// Markdown step: a hash of the body and of everything else the body writer reads but
/// links and included files (which the cache checks on their own).
fn markdown_key(site: &Site, id: crate::site::PageId, body: &str) -> u128 {
    let page = &site.pages[id];
    let config = &site.config;
    // The page's URL: relative links may be read from it.
    let settings = format!(
        "{}\0{}\0{}\0{}\0{}\0{:?}\0{}\0{:?}\0{:?}\0{}\0{}\0{:?}\0{}\0{}\0{}\0{:?}\0{:?}\0{}\0{:?}\0{}\0{:?}\0",
        page.source.body_line,
        page.source.file,
        page.source.dir(),
        page.site_path,
        config.content_folder,
        config.link_severity,
        config.search,
        config.audience,
        site.old_tool.heading_ids(),
        config.diagrams,
        config.browser_diagrams,
        plantuml_server(site),
        config.root.display(),
        config.output_dir.display(),
        site.templating.as_ref().map_or(0, |t| t.fingerprint),
        site.include_roots,
        // How the old tool's Markdown read the page.
        site.old_tool.definition_lists(),
        site.old_tool.md_as_mdx(),
        site.old_tool.emoji(),
        site.old_tool.code_header_line(),
        site.old_tool.autolinks(),
    );
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(settings.as_bytes());
    hasher.update(site.old_tool.heading_id_prefix().as_bytes());
    // The words the body writer adds, which a strings file may change.
    hasher.update(site.markdown_words_for(id).fingerprint().as_bytes());
    // What a page's constructs read of its front matter and its sections' (`param`,
    // `page.x`, a template's `page`).
    if let Some(templating) = site.templating.as_ref().filter(|t| t.reads_front_matter(body)) {
        hasher.update(format!("{:?}", page_fronts(site, id)).as_bytes());
        // The site's lists of pages (`site.pages`), which its Liquid may read.
        let pages = templating.pages_fingerprint();
        if pages != 0 {
            hasher.update(&pages.to_le_bytes());
        }
    }
    hasher.update(body.as_bytes());
    // ERB's `current_page.data` writes front matter values into the body.
    if crate::content::formats::is_erb(&page.source.file) {
        hasher.update(format!("{:?}", page.source.front.fields).as_bytes());
    }
    hasher.digest128()
}

/// Renders `body` as [`render_body_of`] does, resolving links with `links` and reading
/// included files from `files`. A panic while rendering it is caught ([`crate::panics`]):
/// the result is empty but for an `internal-error` diagnostic at the page.
fn render_body_with(
    site: &Site,
    id: crate::site::PageId,
    body: &str,
    (purpose, highlighter): (Purpose, Highlighter<'_>),
    links: &dyn crate::markdown::LinkResolver,
    files: &dyn crate::content::include_files::IncludeFiles,
) -> crate::markdown::Rendered {
    let page = &site.pages[id];
    let highlight = (purpose == Purpose::Build).then_some(highlighter);
    let templating = site
        .templating
        .as_deref()
        .map(|context| crate::markdown::templating::PageTemplating::new(context, page_fronts(site, id)));
    let input = MarkdownInput {
        text: body,
        body_line: page.source.body_line,
        file: &page.source.file,
        dir: page.source.dir(),
        content: &site.config.content_folder,
        links,
        link_severity: site.config.link_severity,
        highlight,
        write_html: purpose != Purpose::Stream,
        collect_text: purpose != Purpose::Check && site.config.search,
        internal_blocks: internal_blocks(&site.config),
        heading_ids: site.old_tool.heading_ids(),
        heading_id_prefix: site.old_tool.heading_id_prefix(),
        includes: Some(files),
        include_roots: &site.include_roots,
        diagrams: site.config.diagrams,
        browser_diagrams: site.config.browser_diagrams,
        plantuml: &site.plantuml,
        plantuml_server: plantuml_server(site),
        templating: templating.as_ref(),
        front: Some(&page.source.front.fields),
        definition_lists: site.old_tool.definition_lists(),
        md_as_mdx: site.old_tool.md_as_mdx(),
        code_header_line: site.old_tool.code_header_line(),
        emoji: site.old_tool.emoji(),
        autolinks: site.old_tool.autolinks(),
        dialects: Some(site.old_tool.dialects()),
        words: site.markdown_words_for(id),
    };
    // A panic on this page is an error at it, the other pages rendered all the same.
    crate::panics::catch(|| render_markdown(&input)).unwrap_or_else(|caught| crate::markdown::Rendered {
        diagnostics: vec![caught.diagnostic(&page.source.file, "rendering this page")],
        ..crate::markdown::Rendered::default()
    })
}

/// The front matter of page `id`, then of each section page above it, nearest first.
fn page_fronts(site: &Site, id: crate::site::PageId) -> Vec<&crate::content::front_matter::Fields> {
    let mut fronts = vec![&site.pages[id].source.front.fields];
    let mut at = site.pages[id].parent;
    while let Some(parent) = at {
        fronts.push(&site.pages[parent].source.front.fields);
        at = site.pages[parent].parent;
    }
    fronts
}

/// Renders every page's Markdown in parallel. A build highlights code and makes each
/// page's search postings from the text of its sections as it goes, dropping the text;
/// a check needs neither; a streaming build writes no HTML, and lets each page's text go
/// as soon as its body is rendered (see [`take_texts`]). With a build `cache`, a page
/// whose result the previous build kept, and which still holds, is not rendered again
/// (the cache's keys are set for the templates step). Returns the time spent, summed
/// over threads, and the postings; the time spent highlighting is added to
/// `highlighting`.
pub(super) fn render_bodies(
    site: &mut Site,
    (purpose, highlighting): (Purpose, &SpentTime),
    (cache, progress): (Option<&Cache>, &crate::progress::Progress),
    diagnostics: &mut Vec<Diagnostic>,
) -> (Duration, SitePostings) {
    let spent = SpentTime::new();
    let highlighter = Highlighter::new(None, highlighting);
    let builder = (purpose != Purpose::Check && site.config.search).then(|| PostingsBuilder::new(site));
    let texts = take_texts(site, purpose);
    progress.begin("rendering Markdown", texts.len());
    let site_ref: &Site = site;
    let rendered: Vec<_> = texts
        .into_par_iter()
        .enumerate()
        .map_init(
            || builder.as_ref().map(PostingsBuilder::lease),
            |lease, (id, text)| {
                progress.advance();
                spent.time(|| {
                    let source = &site_ref.pages[id].source;
                    let body = text.as_deref().map_or_else(|| source.body(), |text| &text[source.body_start..]);
                    let key = cache.map(|cache| (cache, markdown_key(site_ref, id, body)));
                    // The body's similarity hash is kept with its result: a function of
                    // the body, which the key is made of.
                    let recalled = key.and_then(|(cache, key)| recall_with_extra(site_ref, id, cache, key));
                    let was_recalled = recalled.is_some();
                    let (mut rendered, similarity) = match (key, recalled) {
                        (_, Some((rendered, kept))) => (with_images(site_ref, id, rendered, purpose), kept),
                        (Some((cache, key)), None) => {
                            let similarity = text.as_ref().map(|_| similarity_hash(body));
                            let kept = (true, similarity);
                            (render_keeping(site_ref, id, body, (purpose, highlighter), (cache, key), kept), similarity)
                        }
                        (None, None) => (render_body_of(site_ref, id, body, (purpose, highlighter)), None),
                    };
                    let released = text.map(|text| {
                        let similarity = similarity.unwrap_or_else(|| similarity_hash(&text[source.body_start..]));
                        Released::of(&text, Fingerprints { exact: exact_hash(text.as_bytes()), similarity })
                    });
                    let postings = match (builder.as_ref(), lease.as_mut()) {
                        (Some(builder), Some(lease)) => {
                            let kept = cache.map(|cache| cache as &dyn crate::search_index::KeptTerms);
                            builder.page(site_ref, id, &mut rendered, lease, kept)
                        }
                        _ => None,
                    };
                    (rendered, postings, released, key.map(|(_, key)| (key, was_recalled)))
                })
            },
        )
        .collect();
    let mut postings = Vec::with_capacity(rendered.len());
    let mut keys = Vec::with_capacity(rendered.len());
    let fallbacks: Vec<bool> = (0..site.pages.len()).map(|id| site.is_fallback(id)).collect();
    for ((page, (mut rendered, terms, released, key)), fallback) in site.pages.iter_mut().zip(rendered).zip(fallbacks) {
        keys.push(key);
        // A page shown for want of a translation is its original's text: the original
        // reports what is wrong with it.
        if !fallback {
            diagnostics.append(&mut rendered.diagnostics);
        }
        page.rendered = rendered.into();
        postings.push(terms);
        if let Some(released) = released {
            Arc::make_mut(&mut page.source).released_as(released);
        }
    }
    if let Some(cache) = cache {
        cache.set_keys(keys);
    }
    let search = match builder {
        Some(builder) => builder.finish(site, postings),
        None => SitePostings::empty(&site.config.language),
    };
    (spent.take(), search)
}

/// In a streaming build, the text of every page with a file, taken out of the page for
/// the Markdown step to render and let go, page by page ([`crate::content::released`]):
/// the step then never holds every page's text beside what it makes of them. A page
/// keeps the fingerprints `handbook.json` records of it; the templates step reads the
/// file again. `None` for a page that keeps its text: every page in the other builds.
fn take_texts(site: &mut Site, purpose: Purpose) -> Vec<Option<String>> {
    site.pages
        .iter_mut()
        .map(|page| {
            if purpose != Purpose::Stream || !page.origin.has_file() || page.source.made {
                return None;
            }
            // Shared (never, in a build), it keeps its text.
            Arc::get_mut(&mut page.source).map(SourcePage::take_text)
        })
        .collect()
}

/// The fingerprints `handbook.json` records of `text`, a page's whole text whose body
/// starts at `body_start` (as the Markdown step makes them).
#[cfg(test)]
pub(super) fn fingerprints(text: &str, body_start: usize) -> Fingerprints {
    Fingerprints { exact: exact_hash(text.as_bytes()), similarity: similarity_hash(&text[body_start..]) }
}
