//! The features a site carries beside its pages (the alerts, the status page and its
//! health, the blogs and their authors): each is one value behind the [`Feature`]
//! trait, in [`Site::features`], so that `Site` holds pages, sections, URLs and the
//! index and a feature's state stays in its folder.
//!
//! A feature is registered when the pipeline assembles the site (`pipeline::steps`);
//! the model step asks each for its model ([`Feature::modelled`]), and the tables of
//! generated pages and extra files ask them what they add ([`Features::page_title`],
//! [`Features::owns`], [`Features::claimed_paths`], [`Features::claim_redirects`]); the
//! pipeline's writer asks them for the files of their rows of the extra files
//! ([`Features::files`]), naming none.
//! The feature's own code reaches its state with [`Features::get`].

use std::any::Any;
use std::fmt::Debug;
use std::sync::Arc;

use super::extra_files::ExtraFile;
use super::generated::{GeneratedPage, GeneratedSpec, Instance};
use super::outputs::Claims;
use super::strings::Words;
use super::{PageId, Site};
use crate::diagnostic::Diagnostic;

/// What a feature adds to the site: its model, the generated pages it has, the pages it
/// owns and the output paths that depend on its model.
pub(crate) trait Feature: Any + Debug + Send + Sync {
    /// The feature with its model made from `site`'s pages (step 7, in the order the
    /// features were registered, before past incidents and the generated pages).
    fn modelled(&self, site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Arc<dyn Feature>;

    /// The title of the generated page `page` in `words`, when the feature has it.
    fn page_title(&self, site: &Site, page: &GeneratedPage, words: &Words) -> Option<String>;

    /// The pages of the row `row` of the generated pages, when the row is the feature's
    /// (its rows ask the features, `Features::instances`); `None` for the others.
    fn instances(&self, _site: &Site, _row: &GeneratedSpec) -> Option<Vec<Instance>> {
        None
    }

    /// Whether page `id` is the feature's own: a generated page of the feature's lists
    /// it under its URL, a blog's feed leaves it out.
    fn owns(&self, site: &Site, id: PageId) -> bool;

    /// The site paths of the files it writes that depend on the pages, claimed with
    /// the model's other outputs (those known from the configuration are claimed as
    /// extra files).
    fn claimed_paths(&self) -> Vec<String>;

    /// The redirects its model adds (an alert's addresses, each leading to its
    /// runbook), claimed in `claims` with the site's other outputs, each as `(site
    /// path, page)`; what cannot be claimed is reported in `diagnostics`.
    fn claim_redirects<'a>(
        &self,
        _site: &'a Site,
        _claims: &mut Claims<'a>,
        _diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, PageId)> {
        Vec::new()
    }

    /// Whether it writes a page at `folder` (a site path ending with `/`) that its model
    /// names and no page of the site has (an alert's page, `alerts/<name>/`).
    fn writes_page_at(&self, _folder: &str) -> bool {
        false
    }

    /// The runbook that answers the alert `name`, when the feature holds the alerts.
    fn runbook_of_alert(&self, _name: &str) -> Option<PageId> {
        None
    }

    /// Whether the model made again from `site`'s pages as they are now would differ
    /// from the one it holds in what other pages or files show (after
    /// `Site::refresh_page`): `serve` then builds the whole site again.
    fn differs(&self, _site: &Site) -> bool {
        false
    }

    /// The site paths of the files it writes that its model names (a blog's feed):
    /// added to the site's files, so that links to them resolve and they are claimed
    /// as the site's own files.
    fn linked_files(&self, _site: &Site) -> Vec<String> {
        Vec::new()
    }

    /// The files of the extra file `file` at `path` (a row of `EXTRA_FILES` made from
    /// the feature's model), each as `(site path, text)`; `None` when the row is not
    /// the feature's.
    fn files(&self, site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>>;

    /// What the feature is, as an output's owner names it ("the status page").
    fn name(&self) -> &'static str;
}

/// The features of a site, in the order they were registered.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features(Vec<Arc<dyn Feature>>);

impl Features {
    /// Registers `feature`, replacing one of the same type.
    pub(crate) fn insert(&mut self, feature: Arc<dyn Feature>) {
        let id = (*feature).type_id();
        match self.0.iter_mut().find(|f| (***f).type_id() == id) {
            Some(slot) => *slot = feature,
            None => self.0.push(feature),
        }
    }

    /// The feature of type `T`, when registered.
    pub(crate) fn get<T: Feature>(&self) -> Option<&T> {
        self.0.iter().find_map(|f| (&**f as &dyn Any).downcast_ref::<T>())
    }

    /// Every feature with its model made from `site`'s pages.
    pub(crate) fn modelled(&self, site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Features {
        Features(self.0.iter().map(|f| f.modelled(site, diagnostics)).collect())
    }

    /// The title of generated page `page` in `words`, from the feature that has it.
    pub(crate) fn page_title(&self, site: &Site, page: &GeneratedPage, words: &Words) -> Option<String> {
        self.0.iter().find_map(|f| f.page_title(site, page, words))
    }

    /// The pages of the generated pages' row `row`, from the feature whose row it is
    /// (none when no feature has it).
    pub(crate) fn instances(&self, site: &Site, row: &GeneratedSpec) -> Vec<Instance> {
        self.0.iter().find_map(|f| f.instances(site, row)).unwrap_or_default()
    }

    /// Every feature's files named by its model ([`Feature::linked_files`]).
    pub(crate) fn linked_files(&self, site: &Site) -> Vec<String> {
        self.0.iter().flat_map(|f| f.linked_files(site)).collect()
    }

    /// Every feature's redirects ([`Feature::claim_redirects`]), in the order the
    /// features were registered.
    pub(crate) fn claim_redirects<'a>(
        &self,
        site: &'a Site,
        claims: &mut Claims<'a>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, PageId)> {
        self.0.iter().flat_map(|f| f.claim_redirects(site, claims, diagnostics)).collect()
    }

    /// Whether some feature writes a page at `folder` ([`Feature::writes_page_at`]).
    pub(crate) fn writes_page_at(&self, folder: &str) -> bool {
        self.0.iter().any(|f| f.writes_page_at(folder))
    }

    /// The runbook that answers the alert `name` ([`Feature::runbook_of_alert`]).
    pub(crate) fn runbook_of_alert(&self, name: &str) -> Option<PageId> {
        self.0.iter().find_map(|f| f.runbook_of_alert(name))
    }

    /// Whether some feature's model would differ made again from `site`'s pages
    /// ([`Feature::differs`]).
    pub(crate) fn differ(&self, site: &Site) -> bool {
        self.0.iter().any(|f| f.differs(site))
    }

    /// Whether some feature owns page `id`.
    pub(crate) fn owns(&self, site: &Site, id: PageId) -> bool {
        self.0.iter().any(|f| f.owns(site, id))
    }

    /// The files of the extra file `file` at `path`, from the feature whose row it is
    /// (none when no feature writes it).
    pub(crate) fn files(&self, site: &Site, file: ExtraFile, path: &str) -> Vec<(String, String)> {
        self.0.iter().find_map(|f| f.files(site, file, path)).unwrap_or_default()
    }

    /// Each feature's output paths that depend on the pages, with the feature's name.
    pub(crate) fn claimed_paths(&self) -> impl Iterator<Item = (String, &'static str)> + '_ {
        self.0.iter().flat_map(|f| f.claimed_paths().into_iter().map(move |path| (path, f.name())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Counter(usize);

    impl Feature for Counter {
        fn modelled(&self, site: &Site, _: &mut Vec<Diagnostic>) -> Arc<dyn Feature> {
            Arc::new(Counter(site.pages.len()))
        }
        fn page_title(&self, _: &Site, _: &GeneratedPage, _: &Words) -> Option<String> {
            None
        }
        fn owns(&self, _: &Site, id: PageId) -> bool {
            id == self.0
        }
        fn claimed_paths(&self) -> Vec<String> {
            vec![format!("counted/{}.json", self.0)]
        }
        fn files(&self, _: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
            (file == ExtraFile::Sitemap).then(|| vec![(path.to_string(), self.0.to_string())])
        }
        fn name(&self) -> &'static str {
            "the counter"
        }
    }

    #[test]
    fn finds_a_feature_by_type_and_replaces_it_when_registered_again() {
        let mut features = Features::default();
        assert!(features.get::<Counter>().is_none());
        features.insert(Arc::new(Counter(1)));
        features.insert(Arc::new(Counter(2)));
        assert_eq!(features.0.len(), 1);
        assert_eq!(features.get::<Counter>().map(|c| c.0), Some(2));
        let claimed: Vec<_> = features.claimed_paths().collect();
        assert_eq!(claimed, [("counted/2.json".to_string(), "the counter")]);
    }
}
