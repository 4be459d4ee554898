//! A Jekyll site's drafts as `jekyll build --drafts` publishes them: each file of a
//! `_drafts` folder is a post (`PostReader#read_drafts`), at the posts' URL, its
//! categories the folders above `_drafts`, and its date its front matter's `date`, else
//! the day in its name when it has one (`Document#populate_title`), else its file's
//! modification time (`Document#date`: `draft? ? source_file_mtime : site.time`).

use std::collections::BTreeMap;

use crate::config::Config;
use crate::content::ContentFiles;
use crate::dates::Date;

/// The folder whose files are drafts.
pub(crate) const FOLDER: &str = "_drafts";

/// Whether the content path `path` is a file of a `_drafts` folder.
pub(crate) fn is_draft(path: &str) -> bool {
    crate::content::walk::in_folder_named(path, FOLDER)
}

/// The day each draft page of the content folder was last modified (UTC), by content
/// path: only when the build publishes drafts (`--drafts`), and only for files of the
/// content folder itself (a mounted folder is no Jekyll site's). A file whose time cannot
/// be read gets none, and its URL no date, as a post without one.
pub(crate) fn file_dates(config: &Config, files: &ContentFiles) -> BTreeMap<String, Date> {
    if !config.drafts {
        return BTreeMap::new();
    }
    let folder = config.root.join(&config.content_folder);
    files
        .pages
        .iter()
        .filter(|path| is_draft(path) && !files.mounted.contains_key(path.as_str()))
        .filter_map(|path| {
            let modified = std::fs::metadata(folder.join(path)).and_then(|m| m.modified()).ok()?;
            let seconds = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
            let days = i64::try_from(seconds / 86_400).ok()?;
            Some((path.clone(), Date::from_days(days)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_the_files_of_any_drafts_folder() {
        for draft in ["_drafts/a.md", "ops/_drafts/2024-01-02-b.md", "src/_drafts/x/c.md"] {
            assert!(is_draft(draft), "{draft}");
        }
        for other in ["_drafts.md", "drafts/a.md", "_posts/2024-01-02-a.md", "a_drafts/b.md"] {
            assert!(!is_draft(other), "{other}");
        }
    }

    /// `Document#date`: a draft without a date is dated by its file's modification time
    /// (jekyll/jekyll `lib/jekyll/document.rb` at 202df571314ba1d18e9fccd81d12aaad4a703c38).
    #[test]
    fn a_draft_is_dated_by_its_file_with_drafts_only() {
        let root = std::env::temp_dir().join(format!("opsbook-jekyll-draft-dates-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("content/_drafts")).expect("a folder");
        std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"T\"\n").expect("book.toml");
        std::fs::write(root.join("content/_drafts/notes.md"), "# Notes\n").expect("a draft");
        let day = std::time::UNIX_EPOCH + std::time::Duration::from_secs(19_787 * 86_400 + 3_600);
        let file = std::fs::File::options().write(true).open(root.join("content/_drafts/notes.md")).expect("open");
        file.set_modified(day).expect("set the time");
        let files = ContentFiles { pages: vec!["_drafts/notes.md".into(), "index.md".into()], ..Default::default() };
        let overrides = crate::config::Overrides { drafts: true, ..Default::default() };
        let config = Config::load(&root, &overrides).expect("book.toml");
        let dates = file_dates(&config, &files);
        assert_eq!(dates.get("_drafts/notes.md").map(|d| d.ymd()), Some((2024, 3, 5)));
        assert_eq!(dates.len(), 1);
        let config = Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
        assert!(file_dates(&config, &files).is_empty(), "only a build with drafts reads them");
        std::fs::remove_dir_all(&root).expect("the temporary folder");
    }
}
