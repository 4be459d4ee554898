//! The session's fast path for pages added, deleted or renamed: the pipeline's
//! [`crate::pipeline::incremental::shape`], its pages served and the files of the pages
//! gone taken away.

use super::{Outcome, Session, Whole, merge_files};
use crate::pipeline::incremental::Defer;
use crate::pipeline::incremental::shape::{Reshape, reshape};
use crate::serve::files::MemorySink;

impl Session {
    /// Whether the last good site's walk found the page at `relative` (a content path).
    pub(super) fn walked(&self, relative: &str) -> bool {
        let walked = self.built.as_ref().and_then(|built| built.site.walked.as_deref());
        walked.is_some_and(|walked| walked.files.pages.iter().any(|page| page == relative))
    }

    /// Splits changed pages (content paths) into the pages new to the site (the walk did
    /// not find them) and the others. When the last site kept no walk (a handbook with
    /// `[[sources]]`), none is new: the incremental rebuild then asks for a whole build.
    pub(super) fn split_new(&self, pages: Vec<String>) -> (Vec<String>, Vec<String>) {
        let walked = self.built.as_ref().and_then(|built| built.site.walked.as_deref());
        let Some(walked) = walked else { return (Vec::new(), pages) };
        let known: std::collections::HashSet<&str> = walked.files.pages.iter().map(String::as_str).collect();
        pages.into_iter().partition(|page| !known.contains(page.as_str()))
    }

    /// The fast path for pages `added` and `gone` (content paths), with no other page
    /// `changed`: `Err(Whole)` when the change needs a whole rebuild.
    pub(super) fn rebuild_shape(
        &mut self,
        added: &[String],
        gone: &[String],
        changed: &[String],
    ) -> Result<Outcome, Whole> {
        if !changed.is_empty() {
            return Err(Whole);
        }
        // Pages still stale from earlier edits: the rebuild knows them by their new ids,
        // and makes them now or leaves them stale again (an earlier edit's pages never
        // delay this one's).
        let stale = self.take_stale();
        if stale.is_empty() {
            self.settle();
        }
        let Some(built) = self.built.as_mut() else { return Err(Whole) };
        let sink = MemorySink::default();
        let files = &self.files;
        let served = |path: &str| files.get(path).and_then(|file| file.read().ok());
        let mut defer = Defer { above: self.defer_above, stale, later: Default::default() };
        match reshape(built, added, gone, &sink, Some(&served), &mut defer) {
            Reshape::Whole => Err(Whole),
            Reshape::Failed { diagnostics } => {
                self.problems = diagnostics;
                Ok(Outcome::default())
            }
            Reshape::Done { rendered, removed } => {
                self.problems = built.warnings.clone();
                self.pending.clear();
                let mut changed: Vec<String> =
                    removed.into_iter().filter(|path| self.files.remove(path).is_some()).collect();
                changed.extend(merge_files(&mut self.files, sink.into_files()));
                let (changed, later) = self.publish(changed, &defer.later);
                Ok(Outcome { changed, full: false, rendered, later, elapsed: std::time::Duration::ZERO })
            }
        }
    }
}
