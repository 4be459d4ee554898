//! What a page of a mounted source (`[[sources]]`) takes from its own repository rather
//! than the handbook's: the repository and path its edit, source, history and commit
//! links point to (`subdir` + its path below the mount), and its owners from that
//! repository's CODEOWNERS, whose patterns are matched against the same path, so that
//! `/docs/guides/` with `subdir = "docs"` owns the pages under `/<mount>/guides/`.
//! A page outside every mount, or in a source that names no repository of its own,
//! keeps the handbook's.

use super::codeowners::CodeOwners;
use super::{Page, PageId, Site};
use crate::config::{Repository, Sources};
use crate::content::SourcePage;

/// The CODEOWNERS of each mounted source's repository, in the order of
/// [`Sources::list`]; `None` where it has none (the handbook's then apply).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MountedOwners(pub(crate) Vec<Option<CodeOwners>>);

/// Who owns what: the handbook's CODEOWNERS and those of the mounted repositories.
pub(super) struct Ownership<'a> {
    /// The handbook's CODEOWNERS.
    pub(super) main: Option<&'a CodeOwners>,
    /// The handbook root's path in its repository.
    pub(super) prefix: &'a str,
    /// The mounted sources.
    pub(super) sources: &'a Sources,
    /// Their CODEOWNERS.
    pub(super) mounted: &'a MountedOwners,
}

impl Ownership<'_> {
    /// The owners of `page` with the source `source`: `owners` in front matter, else the
    /// CODEOWNERS rule of the repository the file comes from.
    pub(super) fn owners_of(&self, page: &Page, source: &SourcePage) -> Vec<String> {
        if !source.front.owners.is_empty() {
            return source.front.owners.clone();
        }
        if !page.origin.has_file() {
            return Vec::new();
        }
        if let Some((i, rest)) = self.sources.mounted(&source.path)
            && let Some(Some(rules)) = self.mounted.0.get(i)
        {
            return rules.owners_of(&format!("{}{rest}", self.sources.list[i].subdir));
        }
        match self.main {
            Some(rules) => rules.owners_of(&format!("{}{}", self.prefix, source.file)),
            None => Vec::new(),
        }
    }
}

impl Site {
    /// The repository a page's links point into, with the page's path in it: a mounted
    /// source's own (`subdir` + its path below the mount), else the handbook's.
    pub(crate) fn repository_of(&self, id: PageId) -> Option<(&Repository, String)> {
        let page = &self.pages[id];
        if let Some((i, rest)) = self.config.sources.mounted(&page.source.path) {
            let source = &self.config.sources.list[i];
            if let Some(repository) = &source.repository {
                return Some((repository, format!("{}{rest}", source.subdir)));
            }
        }
        self.config.repository.as_ref().map(|r| (r, self.repository_path(id)))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::config::{Config, Overrides};

    fn page(path: &str, file: &str) -> Page {
        let source = SourcePage::without_file(file.into(), path.into());
        super::super::blank_page(Arc::new(source))
    }

    #[test]
    fn a_mounted_page_is_owned_through_its_mount() {
        let text =
            "[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"vendor/x/docs\"\nmount = \"x\"\nsubdir = \"docs\"\n";
        let mut config = Config::parse(Path::new("/site"), text, &Overrides::default()).expect("config");
        config.sources.files.insert("x/guides/a.md".into(), 0);
        config.sources.files.insert("x/b.md".into(), 0);
        let main = CodeOwners::parse("* @handbook\n");
        let mounted = MountedOwners(vec![Some(CodeOwners::parse("* @x\n/docs/guides/ @x-guides\n"))]);
        let ownership = Ownership { main: Some(&main), prefix: "", sources: &config.sources, mounted: &mounted };
        let owners = |path: &str, file: &str| {
            let page = page(path, file);
            ownership.owners_of(&page, &page.source)
        };
        assert_eq!(owners("x/guides/a.md", "vendor/x/docs/guides/a.md"), ["@x-guides"]);
        assert_eq!(owners("x/b.md", "vendor/x/docs/b.md"), ["@x"]);
        assert_eq!(owners("ops/c.md", "content/ops/c.md"), ["@handbook"]);
        assert_eq!(owners("x/c.md", "content/x/c.md"), ["@handbook"], "a file of content/ under the mount");
        let without = MountedOwners(vec![None]);
        let ownership = Ownership { mounted: &without, ..ownership };
        let page = page("x/b.md", "vendor/x/docs/b.md");
        assert_eq!(ownership.owners_of(&page, &page.source), ["@handbook"], "the handbook's, without its own");
    }
}
