//! Markdown links read from the site's roots, for a tool that reads them so
//! ([`RepositoryLinks::markdown_from_roots`]): a link to a Markdown file that does not
//! start with `./` or `../` is also a path from the content folder, then from the
//! site's folder (`/docs/intro.md` on a site whose content folder is `docs/`). opsbook
//! reads a relative one there only when the file's folder has none (Docusaurus tries
//! the roots first; the two differ only where both hold the file).
//!
//! [`RepositoryLinks::markdown_from_roots`]: crate::site::source_rules::RepositoryLinks::markdown_from_roots

use super::SiteLinks;
use crate::content::walk::is_markdown;
use crate::site::PageId;
use crate::site_path::join_relative;

impl SiteLinks<'_> {
    /// The page a Markdown destination (decoded, no anchor) names from the content
    /// folder or the site's folder; `None` where the tool reads no such link so, or
    /// neither folder has it.
    pub(super) fn markdown_from_roots(&self, path: &str) -> Option<PageId> {
        if !self.site.old_tool.repository_links().markdown_from_roots
            || !is_markdown(path)
            || path.starts_with("./")
            || path.starts_with("../")
        {
            return None;
        }
        let from_root = join_relative("", path.trim_start_matches('/'))?;
        let index = &self.site.index;
        let config = &self.site.config;
        // The content folder of the page's own source: a mounted one's (a docs
        // instance's or version's), else the handbook's.
        let dir = self.page.map_or("", |id| self.site.pages[id].source.dir());
        let mount = config.sources.find(dir).map_or("", |(i, _)| config.sources.list[i].mount.as_str());
        let in_content = if mount.is_empty() { from_root.clone() } else { format!("{mount}/{from_root}") };
        if let Some(&id) = index.by_path.get(&in_content) {
            return Some(id);
        }
        let content_path = config.sources.content_path(&config.content_folder, &from_root)?;
        index.by_path.get(&content_path).copied()
    }
}
