//! The files of the content folder that a build reads as data, which are never copied
//! into the output: the walk found them as files, and without this rule every
//! file that is no page is published as it is.
//!
//! | files | read as | the old tool's rule |
//! |---|---|---|
//! | `_data/` at the top of the content folder | the people files (`crate::blog::model::people`), Eleventy's global data ([`crate::content::site_data`]) | Jekyll publishes no file or folder whose name starts with `_` (<https://jekyllrb.com/docs/structure/>), Eleventy none of its data folder |
//! | `_i18n/` at the top of the content folder, in a handbook of several languages | jekyll-multiple-languages-plugin's strings and texts | the same Jekyll rule |
//! | `authors.yml` (`.yaml`) in a blog's folder: the folder above a `_posts` folder, a section marked `blog: true`, a Docusaurus blog's folder and its `authorsMapPath` | the blog's people file | Docusaurus reads `authors.yml` as the blog's authors map and publishes nothing of it |
//!
//! A link to one of them is a link to no file of the site.

use std::sync::Arc;

use crate::config::Config;
use crate::content::{ContentFiles, Node, SourcePage};
use crate::hash::FastHashSet;

/// The folders at the top of the content folder whose files are data.
const DATA_FOLDER: &str = "_data";
/// jekyll-multiple-languages-plugin's folder of strings and texts.
const I18N_FOLDER: &str = "_i18n";
/// The names of a blog's people file.
const BLOG_PEOPLE: [&str; 2] = ["authors.yml", "authors.yaml"];

/// The content paths of the files a build reads as data (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct DataFiles {
    /// Folders whose every file is data.
    folders: Vec<&'static str>,
    /// Single files.
    files: FastHashSet<String>,
}

impl DataFiles {
    /// The data files of the handbook of `config`, whose walk found `files` and whose
    /// pages are `loaded`.
    pub(crate) fn of(
        config: &Config,
        files: &ContentFiles,
        old_tool: &dyn super::source_rules::SourceRules,
        loaded: &[Arc<SourcePage>],
    ) -> DataFiles {
        let mut folders = vec![DATA_FOLDER];
        if config.languages.is_multilingual() {
            folders.push(I18N_FOLDER);
        }
        let mut blog_dirs: Vec<&str> = files
            .dirs
            .iter()
            .filter(|dir| dir.rsplit('/').next() == Some("_posts"))
            .map(|dir| super::posts::section_dir(dir.as_str()))
            .collect();
        blog_dirs.extend(
            loaded
                .iter()
                .filter(|page| super::index_rank_of(&page.path).is_some())
                .filter(|page| page.front.field("blog").is_some_and(|field| field.value.value == Node::Bool(true)))
                .map(|page| page.dir()),
        );
        let mut data = FastHashSet::default();
        for dir in blog_dirs {
            for name in BLOG_PEOPLE {
                data.insert(if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") });
            }
        }
        data.extend(old_tool.blog_data_files(config));
        DataFiles { folders, files: data }
    }

    /// Whether the file at content path `path` is read as data.
    pub(crate) fn holds(&self, path: &str) -> bool {
        self.files.contains(path)
            || self.folders.iter().any(|folder| path.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_folders_hold_their_files_only() {
        let data =
            DataFiles { folders: vec![DATA_FOLDER], files: ["blog/authors.yml".to_string()].into_iter().collect() };
        assert!(data.holds("_data/authors.yml") && data.holds("_data/a/b.json") && data.holds("blog/authors.yml"));
        assert!(!data.holds("_database.png") && !data.holds("x/_data/a.yml") && !data.holds("blog/card.png"));
    }
}
