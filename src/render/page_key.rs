//! A page's key: a hash of everything its template reads but its own body, made from
//! the model without making the template context ([`super::PreparedPage`]): the page's
//! views as JSON, its navigation by [`super::nav::NavCache::page_nav_key`], and what
//! every page shares ([`super::fingerprint::identity`]). With a hash of its body's
//! inputs beside it, a rebuild recognises a page it would write as before without
//! reading or rendering anything of it ([`crate::pipeline::stream`]).

use std::io::Write;

use super::Renderer;
use super::nav::NavCache;
use super::views::PageContext;
use crate::site::{PageId, Site};

/// A writer that hashes what is written to it.
struct Hashing(xxhash_rust::xxh3::Xxh3Default);

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Renderer {
    /// The key of page `id` rendered through `template` (its name) into `file`, with the
    /// navigation entries of `nav`: equal for two builds when every value its template
    /// reads is, but the Markdown content, its table of contents, title and word count,
    /// which its body gives (the caller hashes the body's inputs). `None` when the views
    /// cannot be written as JSON (the template context then fails as well).
    pub(crate) fn page_key(&self, site: &Site, id: PageId, template: &str, nav: &NavCache, file: &str) -> Option<u128> {
        let views = PageContext::of(site, id);
        let mut hashing = Hashing(xxhash_rust::xxh3::Xxh3Default::new());
        let (identity, lengths) = (self.identity, (template.len(), file.len()));
        let head = format!("opsbook page key 1\0{identity}\0{}:{template}\0{}:{file}\0", lengths.0, lengths.1);
        hashing.0.update(head.as_bytes());
        let code = views.lang.as_ref().map_or("", |lang| lang.code);
        hashing.0.update(format!("{}\0{code}\0", code.len()).as_bytes());
        serde_json::to_writer(&mut hashing, &views).ok()?;
        let items = crate::site::nav::nav_items(site, id);
        hashing.0.update(&nav.page_nav_key(site, &items, self.reads_nav).to_le_bytes());
        Some(hashing.0.digest128())
    }
}
