//! The pages of a handbook's other languages, found after the walk (step 4) from the
//! files it found: a translation is a page of the content tree under its language's
//! folder, so that sections, URLs, links and the navigation of the rest of the build see
//! `de/runbooks/db.md` as any other page.
//!
//! More: docs/architecture.md, "Notes by module".

#[cfg(test)]
use std::collections::HashMap;
use std::collections::HashSet;

use super::walk::ContentFiles;
use crate::config::{Config, Languages, Translated};
use crate::diagnostic::{Diagnostic, Rule};

/// A language plugin's folder of each language's texts (`_i18n/de/about.md`,
/// jekyll-multiple-languages-plugin's), which its pages include: already one language's
/// each, they get no copies.
const TEXTS_FOLDER: &str = "_i18n/";

/// The languages of the handbook, with the pages of its other languages added to `files`
/// (and their files in [`Languages::files`]).
pub fn arrange(config: &Config, files: &mut ContentFiles, diagnostics: &mut Vec<Diagnostic>) -> Languages {
    let mut languages = config.languages.clone();
    languages.list = listed(config, files);
    if !languages.is_multilingual() {
        return languages;
    }
    let (default, others) = (languages.list[0].clone(), languages.others().to_vec());
    let plugin = files.language_plugin_exclusions.clone();
    let excluded: &[String] = plugin.as_deref().unwrap_or_default();
    let localized_posts = !excluded.iter().any(|p| p == "_posts");
    // 2. Translations by file name move into their language's folder.
    let mut pages: Vec<String> = Vec::with_capacity(files.pages.len());
    let mut known: HashSet<String> = files.pages.iter().cloned().collect();
    for path in std::mem::take(&mut files.pages) {
        if let Some((code, rest)) = in_texts_folder(&path, &languages.list) {
            // The plugin's folder: a language's posts, or texts that pages include.
            if localized_posts && rest.starts_with("_posts/") {
                let target = if code == default { rest.to_string() } else { format!("{code}/{rest}") };
                if known.insert(target.clone()) {
                    languages.files.insert(target.clone(), Translated { file: path.clone(), fallback: false });
                    pages.push(target);
                } else {
                    diagnostics.push(written_twice(config, &path, code, &target));
                }
            }
            continue;
        }
        let Some((code, target)) = translation_by_name(&path, &languages.list) else {
            pages.push(path);
            continue;
        };
        let target = if code == default { target } else { format!("{code}/{target}") };
        if known.contains(&target) {
            diagnostics.push(written_twice(config, &path, &code, &target));
            continue;
        }
        known.insert(target.clone());
        languages.files.insert(target.clone(), Translated { file: path, fallback: false });
        pages.push(target);
    }
    // 3. What a language lacks, it shows in the default language.
    let keys: HashSet<String> = pages.iter().map(|p| page_key(p)).collect();
    let mut added = Vec::new();
    let localized = |p: &str| {
        plugin.is_none()
            || !(super::walk::in_posts_folder(p)
                || excluded.iter().any(|e| p == e || p.strip_prefix(e.as_str()).is_some_and(|r| r.starts_with('/'))))
    };
    let originals: Vec<&String> = pages
        .iter()
        .filter(|p| languages.of_path(p) == Some(default.as_str()) && !p.starts_with(TEXTS_FOLDER) && localized(p))
        .collect();
    for path in originals {
        let key = page_key(path);
        for code in &others {
            if !(keys.contains(&format!("{code}/{key}")) || key.is_empty() && keys.contains(&format!("{code}/"))) {
                let target = format!("{code}/{path}");
                let file = languages.files.get(path).map_or_else(|| path.clone(), |t| t.file.clone());
                // Under the plugin, the page is the language's: its tags give its texts.
                languages.files.insert(target.clone(), Translated { file, fallback: plugin.is_none() });
                added.push(target);
            }
        }
    }
    pages.extend(added);
    // 4. Their folders, and the category files of the folders they stand for: only
    // those whose folder in the default language the walk kept (the old tool may have
    // published nothing from it, as Jekyll from a collection's `_pages/`), and the
    // languages' own folders.
    let mut dirs: HashSet<String> = files.dirs.iter().cloned().collect();
    let walked = dirs.clone();
    // In the paths' order, not the map's: the folders' order is the order of their
    // section pages, which the search index numbers.
    let mut translated: Vec<&String> = languages.files.keys().collect();
    translated.sort_unstable();
    for path in translated {
        let mut dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        while !dir.is_empty() {
            let original = languages.strip(dir);
            let kept = original.is_empty() || original == dir || walked.contains(original);
            if kept && dirs.insert(dir.to_string()) {
                files.dirs.push(dir.to_string());
            }
            dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    }
    let categorised: HashSet<String> = files.categories.iter().map(|c| c.dir.clone()).collect();
    let mut copies = Vec::new();
    for category in files.categories.iter().filter(|c| languages.of_path(&c.dir) == Some(default.as_str())) {
        for code in &others {
            let dir = if category.dir.is_empty() { code.clone() } else { format!("{code}/{}", category.dir) };
            if dirs.contains(&dir) && !categorised.contains(&dir) {
                let mut copy = category.clone();
                copy.dir = dir;
                copies.push(copy);
            }
        }
    }
    files.categories.extend(copies);
    files.pages = pages;
    languages
}

/// The `duplicate-url` error of a page `path` that is the `code` page `target`, which
/// another file is already.
fn written_twice(config: &Config, path: &str, code: &str, target: &str) -> Diagnostic {
    Diagnostic::error(
        Rule::DuplicateUrl,
        format!("{}{path}", config.content_prefix()),
        1,
        1,
        format!(
            "`{path}` is the {code} page `{target}`, which `{}{target}` is already: it is left out",
            config.content_prefix()
        ),
    )
    .with_help("keep one of the two: a translation beside its page (`name.de.md`) or in the language's folder")
}

/// The languages of the handbook, the default first: `[handbook] languages`, else a
/// Jekyll site's `languages:`, else a Hugo site's `languages` table
/// ([`crate::compat::hugo::site::languages`]); their codes that are language codes.
pub fn listed(config: &Config, files: &ContentFiles) -> Vec<String> {
    if !config.languages.list.is_empty() {
        return config.languages.list.clone();
    }
    let mut list = files.tool_languages.clone();
    list.retain(|code| crate::config::is_language_code(code));
    list
}

/// The language and the rest of a path in jekyll-multiple-languages-plugin's folder of a
/// language (`_i18n/de/_posts/a.md` is `de`'s `_posts/a.md`).
fn in_texts_folder<'p>(path: &'p str, codes: &[String]) -> Option<(&'p str, &'p str)> {
    let (code, rest) = path.strip_prefix(TEXTS_FOLDER)?.split_once('/')?;
    codes.iter().any(|c| c == code).then_some((code, rest))
}

/// The language and content path of a page named for a language (`a/db.de.md` is `de`'s
/// `a/db.md`), when `path` is one.
fn translation_by_name(path: &str, codes: &[String]) -> Option<(String, String)> {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(dir, name)| (dir, name));
    let (stem, extension) = name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let code = codes.iter().find(|c| c.eq_ignore_ascii_case(code))?;
    if base.is_empty() {
        return None;
    }
    let target = if dir.is_empty() { format!("{base}.{extension}") } else { format!("{dir}/{base}.{extension}") };
    Some((code.clone(), target))
}

/// What makes two pages of two languages one: the path without its extension, and a
/// folder's index page (`_index`, `index`, `README`) the folder, `dir/`.
fn page_key(path: &str) -> String {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(dir, name)| (dir, name));
    let stem = name.split_once('.').map_or(name, |(stem, _)| stem);
    if matches!(stem.to_ascii_lowercase().as_str(), "_index" | "index" | "readme") {
        return if dir.is_empty() { String::new() } else { format!("{dir}/") };
    }
    if dir.is_empty() { stem.to_string() } else { format!("{dir}/{stem}") }
}

/// The content paths of the pages of `path`'s translation group that exist, by
/// language: used by tests and the model.
#[cfg(test)]
fn group<'a>(pages: &'a [String], languages: &'a Languages, path: &str) -> HashMap<&'a str, &'a str> {
    let key = page_key(languages.strip(path));
    pages
        .iter()
        .filter(|p| page_key(languages.strip(p)) == key)
        .filter_map(|p| Some((languages.of_path(p)?, p.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pages: &[&str]) -> ContentFiles {
        ContentFiles { pages: pages.iter().map(|p| p.to_string()).collect(), ..ContentFiles::default() }
    }

    fn config(languages: &[&str]) -> Config {
        let list = languages.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
        let text = format!("[handbook]\ntitle = \"Ops\"\nlanguages = [{list}]\n");
        Config::parse(std::path::Path::new("/site"), &text, &crate::config::Overrides::default()).expect("config")
    }

    #[test]
    fn moves_translations_by_name_and_fills_the_gaps() {
        let config = config(&["en", "de"]);
        let mut files = files(&[
            "_index.md",
            "runbooks/db.md",
            "runbooks/db.de.md",
            "runbooks/web.md",
            "de/about.md",
            "_i18n/en/a.md",
            "_i18n/de/_posts/2024-01-02-b.md",
        ]);
        files.dirs = vec!["runbooks".into(), "de".into()];
        let mut diagnostics = Vec::new();
        let languages = arrange(&config, &mut files, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let mut pages = files.pages.clone();
        pages.sort();
        assert_eq!(
            pages,
            [
                "_index.md",
                "de/_index.md",
                "de/_posts/2024-01-02-b.md",
                "de/about.md",
                "de/runbooks/db.md",
                "de/runbooks/web.md",
                "runbooks/db.md",
                "runbooks/web.md"
            ]
        );
        assert_eq!(
            languages.files["de/runbooks/db.md"],
            Translated { file: "runbooks/db.de.md".into(), fallback: false }
        );
        assert_eq!(
            languages.files["de/runbooks/web.md"],
            Translated { file: "runbooks/web.md".into(), fallback: true }
        );
        assert!(!languages.files.contains_key("de/about.md"), "a page of the language's folder reads its own file");
        assert!(files.dirs.contains(&"de/runbooks".to_string()));
        let group = group(&files.pages, &languages, "runbooks/db.md");
        assert_eq!(group["de"], "de/runbooks/db.md");
    }

    #[test]
    fn a_folder_the_walk_left_out_gets_no_translated_folder() {
        let config = config(&["en", "de"]);
        // `_pages/` was walked, then dropped: the old tool published nothing from it.
        let mut files = files(&["index.md", "_pages/about.md", "guide/a.md"]);
        files.dirs = vec!["guide".into()];
        arrange(&config, &mut files, &mut Vec::new());
        assert!(files.pages.contains(&"de/_pages/about.md".to_string()));
        let mut dirs = files.dirs.clone();
        dirs.sort();
        assert_eq!(dirs, ["de", "de/guide", "guide"]);
    }

    #[test]
    fn a_translation_written_twice_is_one_error() {
        let config = config(&["en", "de"]);
        let mut files = files(&["a.md", "a.de.md", "de/a.md"]);
        let mut diagnostics = Vec::new();
        arrange(&config, &mut files, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("`a.de.md` is the de page `de/a.md`"), "{}", diagnostics[0].message);
    }

    #[test]
    fn one_language_leaves_the_walk_alone() {
        let config = config(&["en"]);
        let mut files = files(&["a.md", "a.de.md"]);
        let languages = arrange(&config, &mut files, &mut Vec::new());
        assert_eq!(files.pages, ["a.md", "a.de.md"]);
        assert!(languages.files.is_empty());
    }
}
