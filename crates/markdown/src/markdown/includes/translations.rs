//! jekyll-multiple-languages-plugin's two tags, resolved for the page's language as the
//! plugin resolves them (`lib/jekyll-multiple-languages-plugin.rb`, `LocalizeTag` and
//! `LocalizeInclude`; README sections 5.1 and 5.2,
//! <https://github.com/kurtsson/jekyll-multiple-languages-plugin#5-usage>).
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::HashMap;
use std::sync::Arc;

use super::{Expander, Failure};
use crate::content::include_files::IncludeError;
use crate::content::include_roots::IncludeRoots;
use crate::content::node::Node;

/// The strings files of one page, by path: `None` for a file that is not there.
pub(super) type Strings = HashMap<String, Option<Arc<Node>>>;

/// The page's language and the default language, for a page in `page_dir` (its folder
/// relative to the content folder); `None` without languages.
fn language<'r>(roots: &'r IncludeRoots, page_dir: Option<&str>) -> Option<(&'r str, &'r str)> {
    let default = roots.languages.first()?;
    let first = page_dir.and_then(|dir| dir.split('/').next()).unwrap_or("");
    let lang = roots.languages[1..].iter().find(|code| code.as_str() == first).unwrap_or(default);
    Some((lang.as_str(), default.as_str()))
}

/// The folders `_i18n/` is looked up in: the content folder's, then the root's.
fn i18n_folders(content: &str) -> Vec<String> {
    let mut folders = vec!["_i18n".to_string()];
    if !content.is_empty() && content != "." {
        folders.insert(0, format!("{content}/_i18n"));
    }
    folders
}

/// The folders `{% tf file %}` looks `file` up in, in order.
pub(super) fn file_bases(roots: &IncludeRoots, content: &str, page_dir: Option<&str>) -> Vec<String> {
    let Some((lang, default)) = language(roots, page_dir) else { return Vec::new() };
    let mut bases = Vec::new();
    for code in [lang, default] {
        bases.extend(i18n_folders(content).into_iter().map(|folder| format!("{folder}/{code}")));
    }
    bases
}

/// Whether the handbook reads the plugin's tags at all.
pub(super) fn reads_tags(roots: &IncludeRoots) -> bool {
    !roots.languages.is_empty()
}

/// The value at the dotted `key` of `node`, as text; `None` when it is not there, empty,
/// or not text.
fn access(node: &Node, key: &str) -> Option<String> {
    let mut at = node;
    for part in key.split('.') {
        at = match at {
            Node::Map(_) => &at.get(part)?.value,
            Node::List(items) => &items.get(part.parse::<usize>().ok()?)?.value,
            _ => return None,
        };
    }
    at.as_text().filter(|text| !text.is_empty())
}

/// The placeholder of a key no strings file has.
pub(super) fn placeholder(key: &str, in_code: bool) -> String {
    if in_code {
        return format!("missing translation: {key}");
    }
    let key = crate::html::escape(key).replace('{', "&#123;").replace('}', "&#125;");
    format!("<span class=\"unsupported missing-include\">missing translation: <code>{key}</code></span>")
}

impl Expander<'_> {
    /// The string of `{% t key %}` for the page being expanded.
    pub(super) fn translate(&mut self, key: &str) -> Result<String, Failure> {
        let page_dir = self.out.sources.first().and_then(|source| source.link_dir.clone());
        let Some((lang, default)) = language(self.roots, page_dir.as_deref()) else {
            return Err(Failure::Missing(format!("cannot translate `{key}`: the handbook has no languages")));
        };
        let (lang, default) = (lang.to_string(), default.to_string());
        let mut tried = Vec::new();
        for code in [&lang, &default] {
            for folder in i18n_folders(self.content) {
                let path = format!("{folder}/{code}.yml");
                if tried.contains(&path) {
                    continue;
                }
                if let Some(strings) = self.strings_file(&path)? {
                    if let Some(text) = access(&strings, key) {
                        return Ok(text);
                    }
                    tried.push(path);
                    // The language's file found: the next place is the default's.
                    break;
                }
                tried.push(path);
            }
        }
        Err(Failure::Missing(format!("cannot translate `{key}`: no string of that key in `{}`", tried.join("`, `"))))
    }

    /// The strings file at `path` (relative to the root), read and parsed once a page.
    fn strings_file(&mut self, path: &str) -> Result<Option<Arc<Node>>, Failure> {
        if let Some(known) = self.strings.get(path) {
            return Ok(known.clone());
        }
        let parsed = match self.files.read(path) {
            Ok(included) => {
                self.read += included.text.len();
                let documents = crate::content::front_matter::parse_yaml_documents(&included.text).map_err(|e| {
                    Failure::Problem(format!("cannot read the strings of `{path}`: line {}: {}", e.line, e.message))
                })?;
                Some(Arc::new(documents.into_iter().next().unwrap_or(Node::Null)))
            }
            Err(IncludeError::NotFound) => None,
            // Never read (out of the handbook): missing, as an include there is.
            Err(IncludeError::Outside(why)) => {
                return Err(Failure::Missing(format!("cannot read the strings of `{path}`: {why}")));
            }
            Err(IncludeError::Refused(why)) => {
                return Err(Failure::Problem(format!("cannot read the strings of `{path}`: {why}")));
            }
        };
        self.strings.insert(path.to_string(), parsed.clone());
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(languages: &[&str]) -> IncludeRoots {
        IncludeRoots { languages: languages.iter().map(|l| l.to_string()).collect(), ..IncludeRoots::default() }
    }

    #[test]
    fn a_page_under_a_language_folder_is_that_language() {
        let roots = roots(&["en", "de"]);
        assert_eq!(language(&roots, Some("de/_pages")), Some(("de", "en")));
        assert_eq!(language(&roots, Some("_pages")), Some(("en", "en")));
        assert_eq!(language(&roots, Some("dev")), Some(("en", "en")));
        assert_eq!(language(&IncludeRoots::default(), Some("de")), None);
        assert_eq!(
            file_bases(&roots, "content", Some("de")),
            ["content/_i18n/de", "_i18n/de", "content/_i18n/en", "_i18n/en"]
        );
    }

    #[test]
    fn dotted_keys_reach_maps_and_lists() {
        let text = "global:\n  english: English\n  empty: ''\nlist:\n  - first\n  - 2\n";
        let node = crate::content::front_matter::parse_yaml_documents(text).expect("yaml").remove(0);
        assert_eq!(access(&node, "global.english").as_deref(), Some("English"));
        assert_eq!(access(&node, "list.0").as_deref(), Some("first"));
        assert_eq!(access(&node, "list.1").as_deref(), Some("2"));
        assert_eq!(access(&node, "global.empty"), None);
        assert_eq!(access(&node, "global"), None);
        assert_eq!(access(&node, "global.english.x"), None);
        assert_eq!(access(&node, "nothing"), None);
    }
}
