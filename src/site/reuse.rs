//! The model of a site assembled again after pages came or went (the dev server's
//! `pipeline::incremental::shape`), reusing what the last site worked out for the pages
//! it had.
//!
//! A page's owners, kind, kind fields and review state depend on its parsed file, its
//! origin, its section's `default_kind`, the CODEOWNERS rules and the site's date: a
//! page added, deleted or renamed changes none of them for the other pages (a change to
//! a section's own page is a whole build). So [`Site::model_reusing`]:
//! 1. finds each page's page in the last site: the one made from the same parsed file
//!    (the same shared `SourcePage`), with the same origin;
//! 2. takes its owners, kind, fields and review state, unless the caller refuses the
//!    page (a page that had a warning: its diagnostics are made again with it);
//! 3. works them out for the other pages, as [`Site::model`] does;
//! 4. makes the rest of the model (alerts, incidents, status, the generated pages, the
//!    claims on output paths, redirects) as [`Site::model`] does, from every page.

use std::sync::Arc;

use rayon::prelude::*;

use super::{Page, PageId, Site, codeowners, kinds, mounts};
use crate::content::SourcePage;
use crate::diagnostic::Diagnostic;
use crate::hash::FastHashMap;

impl Site {
    /// [`Site::model`] for a site assembled from `last`'s walk with pages added or
    /// taken out, reusing the owners, kind, kind fields and review state of each page
    /// made from the same parsed file as a page of `last` that `reusable` accepts; see
    /// the module's steps. `reusable` must refuse the pages whose model had warnings.
    pub(crate) fn model_reusing(
        &mut self,
        last: &Site,
        reusable: impl Fn(&Page) -> bool + Sync,
        codeowners: Option<&codeowners::CodeOwners>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        // 1. The same page in the last site.
        let by_source: FastHashMap<*const SourcePage, PageId> = last
            .pages
            .iter()
            .enumerate()
            .filter(|(_, page)| !page.origin.is_generated())
            .map(|(id, page)| (Arc::as_ptr(&page.source), id))
            .collect();
        let reused: Vec<Option<PageId>> = self
            .pages
            .iter()
            .map(|page| {
                let &o = by_source.get(&Arc::as_ptr(&page.source))?;
                let before = &last.pages[o];
                (before.origin == page.origin && reusable(before)).then_some(o)
            })
            .collect();
        // 2-3. Owners, kind, fields and review state: taken, or worked out.
        let prefix = self.repository_prefix().to_string();
        let ownership = mounts::Ownership {
            main: codeowners,
            prefix: &prefix,
            sources: &self.config.sources,
            mounted: &self.mounted_owners,
        };
        self.pages.par_iter_mut().zip(&reused).for_each(|(page, reused)| {
            page.owners = match reused {
                Some(o) => last.pages[*o].owners.clone(),
                None => ownership.owners_of(page, &page.source),
            };
        });
        for (id, reused) in reused.iter().enumerate() {
            let kind = match reused {
                Some(o) => last.pages[*o].kind.clone(),
                None => kinds::page_kind(self, id, diagnostics),
            };
            self.pages[id].kind = kind;
        }
        let site = &*self;
        let fields: Vec<_> = site
            .pages
            .par_iter()
            .zip(&reused)
            .map(|(page, reused)| match reused {
                Some(o) => (last.pages[*o].values.clone(), last.pages[*o].review, Vec::new()),
                None => kinds::page_fields(site, page),
            })
            .collect();
        for (page, (values, review, problems)) in self.pages.iter_mut().zip(fields) {
            page.values = values;
            page.review = review;
            diagnostics.extend(problems);
        }
        // 4. The rest of the model.
        self.model_lists(diagnostics);
    }
}
