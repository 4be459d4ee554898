//! Jekyll's entry filter: which names its reader skips (`_`, `.`, `#` or `~` first, `~`
//! last), which `exclude:` leaves out and which `include:` brings back, as
//! `EntryFilter#filter` decides for one entry of a folder.
//!
//! More: docs/architecture.md, "Notes by module" (`compat/jekyll/published.rs`).

use crate::compat::fnmatch::fnmatch;

/// The characters a name Jekyll skips starts with.
const SPECIAL_FIRST: [char; 4] = ['.', '_', '#', '~'];

/// `_config.yml`'s `include:` and `exclude:`, as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryFilter<'a> {
    /// `include:`.
    pub include: &'a [String],
    /// `exclude:`.
    pub exclude: &'a [String],
}

impl EntryFilter<'_> {
    /// Whether the reader keeps `entry`, a name (or path) read in the folder `base` of
    /// the site's source (`""` at its root); `is_dir` says whether a path is a folder.
    pub(crate) fn keeps(&self, entry: &str, base: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
        if entry.ends_with('.') {
            return false;
        }
        let path = if base.is_empty() { entry.to_string() } else { format!("{base}/{entry}") };
        let included = self.included(entry, is_dir);
        if self.excluded(&path, is_dir) && !included {
            return false;
        }
        included || !(special(entry) || entry.ends_with('~'))
    }

    /// `included?`: `include:` names the entry or its last name.
    pub(crate) fn included(&self, entry: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
        glob_include(self.include, entry, is_dir) || glob_include(self.include, base_name(entry), is_dir)
    }

    /// `excluded?`: `exclude:` less `include:` names the path from the source's root.
    fn excluded(&self, path: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
        let exclude: Vec<String> = self.exclude.iter().filter(|p| !self.include.contains(p)).cloned().collect();
        glob_include(&exclude, path, is_dir)
    }
}

/// `special?`: the entry or its last name starts with `.`, `_`, `#` or `~`.
pub(crate) fn special(entry: &str) -> bool {
    entry.starts_with(SPECIAL_FIRST) || base_name(entry).starts_with(SPECIAL_FIRST)
}

/// The last name of a path.
pub(crate) fn base_name(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// `glob_include?`: a pattern, read from the source's root, matches the path as
/// `File.fnmatch` does, is a beginning of it, or is the folder it names with a `/`.
fn glob_include(patterns: &[String], entry: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
    let entry = entry.trim_start_matches('/');
    let entry_from_root = format!("/{entry}");
    patterns.iter().any(|pattern| {
        let pattern = format!("/{}", pattern.trim_start_matches('/'));
        fnmatch(&pattern, &entry_from_root)
            || entry_from_root.starts_with(&pattern)
            || (pattern == format!("{entry_from_root}/") && is_dir(entry.trim_end_matches('/')))
    })
}

#[cfg(test)]
mod tests {
    //! Ported from jekyll/jekyll `test/test_entry_filter.rb` at
    //! 202df571314ba1d18e9fccd81d12aaad4a703c38 (the symlink cases are the confinement's,
    //! `crate::fs`; a Ruby `Regexp` cannot be written in `_config.yml`).
    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// `EntryFilter#filter` of `entries` at the source's root; folders are `dirs`.
    fn filter<'e>(include: &[&str], exclude: &[&str], entries: &[&'e str], dirs: &[&str]) -> Vec<&'e str> {
        let (include, exclude) = (strings(include), strings(exclude));
        let filter = EntryFilter { include: &include, exclude: &exclude };
        let is_dir = |path: &str| dirs.contains(&path);
        entries.iter().copied().filter(|e| filter.keeps(e, "", &is_dir)).collect()
    }

    /// "filter entries"
    #[test]
    fn filters_special_and_backup_names() {
        let entries = [
            "foo.markdown",
            "bar.markdown",
            "baz.markdown",
            "#baz.markdown#",
            ".baz.markdown",
            "foo.markdown~",
            ".htaccess",
            "_posts",
            "_pages",
            "~$benbalter.docx",
        ];
        // The fixture site's `_config.yml` includes `.htaccess` (Jekyll's default).
        let kept = filter(&[".htaccess"], &[], &entries, &["_posts", "_pages"]);
        assert_eq!(kept, ["foo.markdown", "bar.markdown", "baz.markdown", ".htaccess"]);
    }

    /// "filter entries with exclude"
    #[test]
    fn filters_entries_with_exclude() {
        let excludes = ["README", "TODO", "vendor/bundle", "exclude*"];
        let files = ["index.html", "site.css", ".htaccess", "vendor"];
        let entries = ["README", "TODO", "vendor/bundle", "index.html", "site.css", ".htaccess", "vendor", "excludeA"];
        assert_eq!(filter(&[".htaccess"], &excludes, &entries, &["vendor", "vendor/bundle"]), files);
    }

    /// "filter entries with exclude relative to site source"
    #[test]
    fn exclude_is_read_from_the_source_s_root() {
        let entries = ["README", "TODO", "css", "index.html", "vendor/css", ".htaccess", "css"];
        let kept = filter(&[".htaccess"], &["README", "TODO", "css"], &entries, &["css", "vendor/css"]);
        assert_eq!(kept, ["index.html", "vendor/css", ".htaccess"]);
    }

    /// "filter excluded directory and contained files"
    #[test]
    fn filters_an_excluded_folder_and_its_files() {
        let entries = ["README", "TODO", "css", "index.html", ".htaccess", "css", "css/main.css", "css/vendor.css"];
        let kept = filter(&[".htaccess"], &["README", "TODO", "css"], &entries, &["css"]);
        assert_eq!(kept, ["index.html", ".htaccess"]);
    }

    /// "not filter entries within include"
    #[test]
    fn keeps_entries_include_names() {
        let files = ["index.html", "_index.html", ".htaccess", "includeA"];
        assert_eq!(filter(&["_index.html", ".htaccess", "include*"], &[], &files, &[]), files);
    }

    /// "not exclude explicitly included entry"
    #[test]
    fn include_wins_over_exclude() {
        let entries = ["README", "TODO", "css", ".htaccess", "_movies/."];
        let kept = filter(&["README", ".htaccess"], &["README", "TODO", "css"], &entries, &["css", "_movies"]);
        assert_eq!(kept, ["README", ".htaccess"]);
    }

    fn glob(patterns: &[&str], entry: &str, dirs: &[&str]) -> bool {
        glob_include(&strings(patterns), entry, &|path: &str| dirs.contains(&path))
    }

    /// "#glob_include?": "return false with no glob patterns", "return false with all not
    /// match path", "return true with match path"
    #[test]
    fn glob_include_matches_as_fnmatch_or_a_beginning() {
        assert!(!glob(&[], "a.txt", &[]));
        let data = ["a*", "b?"];
        assert!(!glob(&data, "ca.txt", &[]));
        assert!(!glob(&data, "ba.txt", &[]));
        let data = ["a*", "b?", "**/a*"];
        for entry in ["a.txt", "ba", "c/a/a.txt", "c/a/b/a.txt"] {
            assert!(glob(&data, entry, &[]), "{entry}");
        }
    }

    /// "match even if there is no leading slash", "match even if there is no trailing
    /// slash", "match directory only if there is trailing slash"
    #[test]
    fn glob_include_reads_slashes_as_jekyll_does() {
        assert!(glob(&["vendor/bundle"], "/vendor/bundle", &[]));
        assert!(glob(&["vendor/bundle"], "vendor/bundle", &[]));
        let data = ["/vendor/bundle/", "vendor/ruby"];
        assert!(glob(&data, "vendor/bundle/jekyll/lib/page.rb", &[]));
        assert!(glob(&data, "/vendor/ruby/lib/set.rb", &[]));
        let data = ["_glob_include_test/_is_dir/", "_glob_include_test/_not_dir/"];
        let dirs = ["_glob_include_test/_is_dir"];
        assert!(glob(&data, "_glob_include_test/_is_dir", &dirs));
        assert!(glob(&data, "_glob_include_test/_is_dir/include_me.txt", &dirs));
        assert!(!glob(&data, "_glob_include_test/_not_dir", &dirs));
    }
}
