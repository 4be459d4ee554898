//! Blogs and their people, as one feature: above the site model (`crate::site`), below
//! the renderer and the pipeline, which reach it through the tables of generated pages
//! and extra files and the [`Feature`] it registers.
//!
//! - [`model`]: each blog's posts, newest first, the authors (from the pages and the
//!   people files, [`model::people`]) and the posts' checked images, collected with the
//!   site's model;
//! - [`pages`]: its generated pages (`/authors/`, `/authors/<slug>/`,
//!   `<blog>/page/<n>/`), the instances of their rows of the generated pages;
//! - [`views`]: what templates see of posts, dated pages, blogs and authors;
//! - [`outputs`]: the Atom feeds (the site's `feed.xml` and each blog's).
//!
//! Which page is a post, where it belongs and its date are the site model's
//! (`crate::site::posts`), as the pages' URLs and order need them before any blog is
//! collected. Its configuration is `[blog]` (`crate::config::BlogConfig`), read with the
//! rest of `book.toml`.

pub(crate) mod model;
pub(crate) mod outputs;
mod pages;
pub(crate) mod views;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::site::extra_files::ExtraFile;
use crate::site::feature::Feature;
use crate::site::generated::{GeneratedPage, GeneratedSpec, Instance};
use crate::site::strings::Words;
use crate::site::{PageId, Site};
use model::{Author, Blog, Blogs};

/// The feature's state on the site: the blogs and their authors, once modelled.
#[derive(Debug, Default)]
pub(crate) struct BlogFeature {
    /// The blogs and authors ([`model::collect_blogs`]).
    blogs: Blogs,
}

impl Feature for BlogFeature {
    fn modelled(&self, site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Arc<dyn Feature> {
        Arc::new(BlogFeature { blogs: model::collect_blogs(site, diagnostics) })
    }

    fn page_title(&self, _: &Site, _: &GeneratedPage, _: &Words) -> Option<String> {
        None
    }

    fn instances(&self, site: &Site, row: &GeneratedSpec) -> Option<Vec<Instance>> {
        pages::instances(site, &self.blogs, row)
    }

    fn owns(&self, _: &Site, _: PageId) -> bool {
        false
    }

    fn claimed_paths(&self) -> Vec<String> {
        Vec::new()
    }

    fn linked_files(&self, site: &Site) -> Vec<String> {
        // Each blog's feed needs absolute URLs, as `feed.xml` does.
        match site.config.base_url.has_origin() {
            true => self.blogs.blogs.iter().map(|blog| outputs::feed::blog_feed_path(site, blog.section)).collect(),
            false => Vec::new(),
        }
    }

    fn files(&self, site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
        outputs::files(site, file, path)
    }

    fn name(&self) -> &'static str {
        "the blogs"
    }
}

/// Registers the feature on `site`, its blogs collected with the model.
pub(crate) fn register(site: &mut Site) {
    site.features.insert(Arc::new(BlogFeature::default()));
}

impl Site {
    /// The blogs and their authors, once modelled (none before, or unregistered).
    pub(crate) fn blogs(&self) -> Option<&Blogs> {
        Some(&self.features.get::<BlogFeature>()?.blogs)
    }

    /// The blog whose section is page `id`.
    pub(crate) fn blog_of_section(&self, id: PageId) -> Option<&Blog> {
        self.blogs()?.blogs.iter().find(|blog| blog.section == id)
    }

    /// The authors of page `id`, in the order written, each with the link to their page.
    pub(crate) fn authors_of(&self, id: PageId) -> Vec<(&Author, Option<String>)> {
        let authors = self.blogs().into_iter().flat_map(|blogs| blogs.authors_of_page(id));
        authors
            .map(|author| {
                let page = self.generated_page_for(&GeneratedPage::Author(author.slug.clone()), id);
                (author, page.map(|page| self.href(page)))
            })
            .collect()
    }

    /// The link to the feed of the blog of section `id`, when it has one; none for the
    /// home page's, which is the site's feed, `feed.xml`.
    pub(crate) fn blog_feed_href(&self, id: PageId) -> Option<String> {
        if id == 0 {
            return None;
        }
        let path = outputs::feed::blog_feed_path(self, id);
        (self.config.base_url.has_origin() && self.writes_file(&path)).then(|| self.config.base_url.href(&path))
    }
}

#[cfg(test)]
mod tests;
