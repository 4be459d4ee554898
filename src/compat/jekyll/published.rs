//! What a Jekyll site publishes of the files the walk found, as Jekyll's reader decides
//! it (jekyll/jekyll `lib/jekyll/reader.rb`, `readers/post_reader.rb`, `collection.rb`):
//! nothing from what its entry filter skips ([`super::entry_filter`]: `_`, `.`, `#`
//! names, `exclude:`) unless `include:` names it; in a collection's folder, documents
//! when it is published; elsewhere a page from a file that opens with front matter and
//! a copy of any other, unless the jekyll-optional-front-matter plugin makes a page of a
//! Markdown file without it. Runs after the walk, before pages are read
//! ([`crate::compat::old_tool::read_after_walk`]).
//!
//! More: docs/architecture.md, "Notes by module".

use super::file_settings::FileSettings;
use super::site::JekyllSite;

/// How Jekyll reads a file or folder of its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    /// Not at all: nothing is published from it.
    Skipped,
    /// By the reader: a page with front matter, else a copy.
    Reader,
    /// As a document of a published collection, or a copy at the collection's URL
    /// without front matter.
    Collection,
    /// As a post or draft (opsbook's blog rules follow it).
    Posts,
    /// By a plugin that reads the folder itself: jekyll-assets' `_assets/`, which its
    /// `{% asset %}` tag looks files up in, jekyll-multiple-languages-plugin's `_i18n/`.
    Plugin,
}

/// How Jekyll reads the content path `path` (a folder when `folder`) of `site`, whose
/// folders `is_dir` knows.
pub(crate) fn how_read(site: &JekyllSite, path: &str, folder: bool, is_dir: &dyn Fn(&str) -> bool) -> Read {
    let settings: &FileSettings = &site.files;
    let filter = settings.filter();
    // `Reader#read_included_excludes`: a file `include:` names by its path.
    if !folder && settings.include.iter().any(|entry| entry.trim_matches('/') == path) {
        return Read::Reader;
    }
    // The collections, `_posts` and `_drafts` are read in `collections_dir` only.
    let depth = site.collections_dir.split('/').filter(|part| !part.is_empty()).count();
    let in_collections = site.in_collections(path).is_some();
    let mut end: usize = 0;
    for (i, name) in path.split('/').enumerate() {
        let base = &path[..end.saturating_sub(1)];
        end += name.len() + 1;
        let rest = path.get(end..).unwrap_or_default();
        if rest.is_empty() && !folder {
            return if filter.keeps(name, base, is_dir) { Read::Reader } else { Read::Skipped };
        }
        // `PostReader`: `_posts/` and `_drafts/` of any folder the reader enters.
        if (name == "_posts" || name == "_drafts") && in_collections {
            let magic = &path[..end - 1];
            return if rest.is_empty() || filter.keeps(rest, magic, is_dir) { Read::Posts } else { Read::Skipped };
        }
        let label = name.strip_prefix('_');
        // `Collection#filtered_entries`: its filter reads paths inside the folder from the
        // source's root.
        let collection = label.filter(|_| i == depth && in_collections).and_then(|label| site.collection(label));
        if let Some(collection) = collection {
            let kept = collection.output && (rest.is_empty() || filter.keeps(rest, "", is_dir));
            return if kept { Read::Collection } else { Read::Skipped };
        }
        let plugin = |named: &str| label == Some(named) && i == 0;
        if (plugin("assets") && settings.lists("jekyll-assets")) || (plugin("i18n") && !site.languages.is_empty()) {
            return Read::Plugin;
        }
        if !filter.keeps(name, base, is_dir) {
            return Read::Skipped;
        }
    }
    Read::Reader
}

/// Sorts the walked `files` of `site` as Jekyll reads them ([`how_read`]): drops the
/// pages, files and folders it publishes nothing from (a collection's folders among
/// them, unless its documents are published in them,
/// [`JekyllSite::collection_folder_url`]), and makes a copy of each page
/// file that is no page (no front matter, and no Markdown the plugin makes a page of).
/// `opens_with_yaml` reads whether a page file opens with front matter; one that does
/// not stays a page when `holds_internal_text` (opsbook's internal blocks, which a copy
/// would publish). Opsbook's own section files (`_index.md`) stay too. The folders
/// mounted by `[[sources]]` are opsbook's and stay as walked.
pub(crate) fn sort(
    site: &JekyllSite,
    files: &mut crate::content::ContentFiles,
    opens_with_yaml: &dyn Fn(&str) -> bool,
    holds_internal_text: &dyn Fn(&str) -> bool,
) {
    let dirs: std::collections::HashSet<String> = files.dirs.iter().cloned().collect();
    let is_dir = |path: &str| dirs.contains(path);
    let mounted = std::mem::take(&mut files.mounted);
    let how = |path: &str, folder: bool| match how_read(site, path, folder, &is_dir) {
        _ if mounted.contains_key(path) => Read::Plugin,
        Read::Skipped if !folder && is_section_file(site, path, &is_dir) => Read::Reader,
        read => read,
    };
    let settings = &site.files;
    let mut copies = Vec::new();
    files.pages.retain(|path| {
        let page = match how(path, false) {
            Read::Skipped => return false,
            Read::Posts | Read::Plugin => true,
            Read::Reader => {
                opens_with_yaml(path)
                    || (settings.optional_front_matter
                        && settings.is_markdown(path)
                        && !settings.no_page_name(path, &is_dir))
            }
            Read::Collection => opens_with_yaml(path),
        } || holds_internal_text(path);
        if !page {
            copies.push(path.clone());
        }
        page
    });
    files.assets.retain(|path| how(path, false) != Read::Skipped);
    files.assets.extend(copies);
    let bare_container = is_bare_container(site, files);
    files.dirs.retain(|dir| match how(dir, true) {
        Read::Skipped => false,
        Read::Collection => site.collection_folder_url(dir).is_some(),
        _ => !(bare_container && *dir == site.collections_dir),
    });
    files.mounted = mounted;
}

/// Whether `collections_dir` holds nothing Jekyll publishes in it but the folders it
/// reads for collections, posts and drafts (`src/_docs/`): a container, no section.
fn is_bare_container(site: &JekyllSite, files: &crate::content::ContentFiles) -> bool {
    let dir = site.collections_dir.as_str();
    let own = |path: &String| {
        let inside = crate::site_path::inside(dir, path);
        inside.is_some_and(|inside| inside.split_once('/').is_none_or(|(first, _)| !first.starts_with('_')))
    };
    !dir.is_empty() && !files.pages.iter().chain(&files.assets).any(own)
}

/// Whether `path` is opsbook's own section file (`_index.md`), which Jekyll has no use
/// for but which carries its folder's settings (`visibility`, owners): kept wherever its
/// folder is read, so that no folder loses them.
fn is_section_file(site: &JekyllSite, path: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
    crate::site::index_rank_of(path) == Some(0)
        && path.rsplit_once('/').is_none_or(|(dir, _)| how_read(site, dir, true, is_dir) != Read::Skipped)
}

/// Jekyll's `Utils.has_yaml_header?` of a file's first bytes: `---`, then white space
/// up to the end of the line.
pub(crate) fn has_yaml_header(head: &[u8]) -> bool {
    head.strip_prefix(b"---")
        .is_some_and(|rest| rest.iter().take_while(|b| b.is_ascii_whitespace()).any(|&b| b == b'\n'))
}

#[cfg(test)]
#[path = "published_tests.rs"]
mod tests;
