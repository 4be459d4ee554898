//! Pages recognised as unchanged before any of their work: a page's key is made of
//! what its template reads of the model but its body ([`Renderer::page_key`]) and of
//! what its body is made of (its Markdown result's key, recalled whole by the Markdown
//! step, the image sizes and translated anchors added after the cache). When the
//! previous build kept a record under the same key and the output still holds that
//! file, the page is kept without reading its body again, making its template context
//! or hashing it; its body's record is carried to the next build's cache as it is.

use super::super::cache::Cache;
use super::super::cache::rendered::KeptPage;
use super::super::output::Sink;
use super::super::page::RenderedPage;
use crate::check::TemplateScan;
use crate::render::{NavCache, Renderer};
use crate::site::{PageId, Site};

/// The output and build cache of a build that keeps pages by their key, and a hash of
/// what every page's body reads of the site after the cache (the base URL's path and
/// the images' sizes).
pub(super) struct Early<'a> {
    output: &'a dyn Sink,
    cache: &'a Cache,
    bodies: u128,
}

/// A page's key, with the template it is rendered through.
pub(super) struct PageKey {
    pub(super) key: u128,
    template: String,
    /// Whether the Markdown step recalled the page's result: only then does an equal key
    /// say that its body is the previous build's (a record is kept under the key
    /// either way, for the next build).
    recalled: bool,
}

impl<'a> Early<'a> {
    /// Keeping by key in a build of `site` into `output` with `cache`.
    pub(super) fn new(site: &Site, output: &'a dyn Sink, cache: &'a Cache) -> Self {
        let base = site.config.base_url.path();
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        hasher.update(&(base.len() as u64).to_le_bytes());
        hasher.update(base.as_bytes());
        hasher.update(&site.image_sizes().fingerprint().to_le_bytes());
        Early { output, cache, bodies: hasher.digest128() }
    }

    /// The key of page `id`, with the navigation entries of `nav`; `None` for a page that
    /// is not kept this way: a redirect, a runbook whose alerts' pages read its body, a
    /// page with no file of its own or no Markdown result's key, or whose template
    /// cannot be chosen.
    pub(super) fn key(&self, site: &Site, renderer: &Renderer, id: PageId, nav: &NavCache) -> Option<PageKey> {
        if site.pages[id].redirect.is_some() || crate::alerts::outputs::pages::answers_alerts(site, id) {
            return None;
        }
        let (markdown, recalled) = self.cache.markdown_key(id)?;
        let file = site.page_file(id)?;
        let template = renderer.template_for(site, id).ok()?;
        let page = renderer.page_key(site, id, &template, nav, &file)?;
        let anchors = crate::site::translated_anchors::original_anchors(site, id);
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        for part in [page, markdown, self.bodies] {
            hasher.update(&part.to_le_bytes());
        }
        hasher.update(format!("{anchors:?}").as_bytes());
        Some(PageKey { key: hasher.digest128(), template, recalled })
    }

    /// The record of page `id`, of key `key`, when its Markdown result was recalled (a
    /// link or an included file may read otherwise, which the key does not show), the
    /// previous build kept a record under the key and the output still holds its file,
    /// with its body's length and hash (none when empty); kept for the next build.
    pub(super) fn keep(
        &self,
        site: &Site,
        renderer: &Renderer,
        id: PageId,
        key: &PageKey,
    ) -> Option<(RenderedPage, Option<(u64, u128)>)> {
        let kept = self.cache.recall_page(key.key).filter(|_| key.recalled)?;
        if !self.output.keep(&site.page_file(id)?, kept.len, kept.hash).unwrap_or(false) {
            return None;
        }
        self.cache.keep_page(key.key, &kept);
        if let Some(body) = self.cache.body_key(id) {
            self.cache.carry_result(body);
        }
        let KeptPage { content_at, ids, links, tabs, body, .. } = kept;
        let scan = TemplateScan { template: renderer.template_file(&key.template), ids, links };
        Some((RenderedPage { content_at, scan, tabs, kept: true, ..RenderedPage::default() }, body))
    }
}
