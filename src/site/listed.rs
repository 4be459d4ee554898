//! The pages of a site as a template language's lists of them hold them
//! ([`crate::markdown::templating::ListedPage`]): each page with a file of its own, its
//! path, its URL, its date and its front matter (shared with the page), in the order of
//! their paths.

use crate::markdown::templating::ListedPage;

impl super::Site {
    /// The site's pages with a file of their own, by path.
    pub(crate) fn listed_pages(&self) -> Vec<ListedPage> {
        let mut listed: Vec<ListedPage> = self
            .pages
            .iter()
            .filter(|page| page.origin.has_file())
            .map(|page| ListedPage {
                path: page.source.path.clone(),
                url: page.site_path.clone(),
                date: page.date,
                front: page.source.front.fields.clone(),
            })
            .collect();
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        listed
    }
}
