//! The pages of a site as a template language's lists of them hold them
//! ([`crate::markdown::templating::ListedPage`]): each page with a file of its own, its
//! path, its URL, its date, its front matter (shared with the page) and where its body
//! is, in the order of their paths.

use std::sync::Arc;

use crate::config::Audience;
use crate::content::SourcePage;
use crate::content::formats::PageFormat;
use crate::markdown::templating::{BodySource, ListedBody, ListedPage};

impl super::Site {
    /// The site's pages with a file of their own, by path.
    pub(crate) fn listed_pages(&self) -> Vec<ListedPage> {
        let public = self.config.audience == Audience::Public;
        let config = Arc::new(self.config.clone());
        // A page whose text the build made keeps it through a streaming build: it is
        // shared; any other is read again from its file.
        let body = |source: &Arc<SourcePage>| {
            let at = match source.read_key() {
                Some(key) => BodySource::File {
                    config: config.clone(),
                    path: source.path.clone(),
                    file: source.file.clone(),
                    key,
                },
                None => BodySource::Kept(source.clone()),
            };
            let html = crate::content::formats::format_of(&source.path) == PageFormat::Html;
            ListedBody { source: at, body_start: source.body_start, public, html }
        };
        let mut listed: Vec<ListedPage> = self
            .pages
            .iter()
            .filter(|page| page.origin.has_file())
            .map(|page| ListedPage {
                path: page.source.path.clone(),
                url: page.site_path.clone(),
                date: page.date,
                front: page.source.front.fields.clone(),
                body: Some(body(&page.source)),
            })
            .collect();
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        listed
    }
}
