//! A relative path to a file (no page), written in a file of a folder mounted by
//! `[[sources]]`, read as a path of the repository: from the folder the file lies in on
//! disk (`blog/post/` for a post mounted at `blog`), as GitHub and Docusaurus's MDX
//! loader read it, when the content tree's reading found nothing. The path goes
//! through the handbook's confinement: what it reaches outside the handbook, in a hidden
//! or output folder, or outside the content folder and the mounted folders is not
//! published, and the link says why; inside them it is the file the walk found there.

use super::{SiteLinks, inside};
use crate::content::walk::is_markdown;
use crate::fs::confine::Refused;
use crate::markdown::links::Resolution;
use crate::site_path::join_relative;

impl SiteLinks<'_> {
    /// The file relative `path` (decoded, no anchor) names from the repository folder of
    /// the mounted file the link is written in; `None` where it names a page, the file
    /// is the content folder's, or nothing is there.
    pub(super) fn in_mounted_repository(&self, from_dir: &str, path: &str, anchor: Option<&str>) -> Option<Resolution> {
        if is_markdown(path) || path.ends_with('/') {
            return None;
        }
        let config = &self.site.config;
        let dir = self.repository_dir(from_dir);
        let content = config.content_folder.as_str();
        if dir == content || inside(content, &dir).is_some() {
            return None;
        }
        let Some(in_repository) = join_relative(&dir, path) else {
            return Some(Self::unpublished(path, "it climbs above the handbook's folder"));
        };
        let file = config.root.join(&in_repository);
        let confinement = config.confinement()?;
        match confinement.readable(&file) {
            Err(Refused::Unresolved(_)) => None,
            Err(Refused::Leads(why)) => Some(Self::unpublished(&in_repository, &why)),
            Ok(_) => match confinement.content_path_of_file(&file) {
                Some(content_path) => {
                    let &i = self.site.index.assets.get(&content_path)?;
                    Some(self.file(&self.site.assets[i].url.clone(), anchor, true))
                }
                None => Some(Self::unpublished(
                    &in_repository,
                    "it lies outside the content folder and the folders `[[sources]]` mounts",
                )),
            },
        }
    }

    /// A file the repository reading reaches that the build does not publish, and why.
    fn unpublished(shown: &str, why: &str) -> Resolution {
        Resolution::Broken { message: format!("`{shown}` is not published: {why}"), asset: true, suggestion: None }
    }
}
