//! `[handbook] languages`: the languages a handbook is published in, the first the
//! default. Read in step 1 with the rest of `book.toml`; the walk (step 4,
//! `content::languages`) then fills [`Languages::files`], the pages of the other
//! languages and the file each reads.
//!
//! A code is a BCP 47-like tag, as Hugo's `languages` keys and Docusaurus's `locales`
//! are written: a primary subtag of 2 or 3 letters, then subtags of 1 to 8 letters or
//! digits after `-` (`de`, `pt-BR`, `zh-Hant`). It becomes a folder of the output
//! (`/de/`), so nothing else passes: no `..`, `/`, `_` or empty subtag.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Rule};

/// The languages of a handbook and the pages of its other languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Languages {
    /// The codes, the default first; empty when the handbook has one language.
    pub list: Vec<String>,
    /// The content path of each page of another language (`de/runbooks/db.md`) -> what
    /// it reads: filled by the walk.
    pub files: HashMap<String, Translated>,
    /// Each language's translations of the navigation's labels, by the label as written
    /// (a Docusaurus locale's `current.json`: `crate::compat::docusaurus::i18n`).
    pub labels: HashMap<String, HashMap<String, String>>,
}

/// What the page of another language at a content path reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The content path of the file it reads (`runbooks/db.de.md`, or for a page not yet
    /// translated, the original's `runbooks/db.md`).
    pub file: String,
    /// Whether it is the original shown in the default language, for want of a
    /// translation.
    pub fallback: bool,
}

impl Languages {
    /// Whether the handbook has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.list.len() > 1
    }

    /// The default language, when the handbook has several.
    pub fn default_language(&self) -> Option<&str> {
        self.list.first().map(String::as_str).filter(|_| self.is_multilingual())
    }

    /// The languages other than the default (published under their prefix).
    pub fn others(&self) -> &[String] {
        self.list.get(1..).unwrap_or_default()
    }

    /// The language of a content or site path: the other language whose folder it lies
    /// in (`de/a/` is `de`), else the default; `None` for a handbook of one language.
    pub fn of_path(&self, path: &str) -> Option<&str> {
        let default = self.default_language()?;
        let first = path.split('/').next().unwrap_or_default();
        Some(self.others().iter().map(String::as_str).find(|code| *code == first).unwrap_or(default))
    }

    /// Whether site path `path` (`de/`) is the home page of a language other than the
    /// default.
    pub fn is_home_path(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        self.is_multilingual() && self.others().iter().any(|code| code == path)
    }

    /// `path` without the folder of its language: the path of its original.
    pub fn strip<'p>(&self, path: &'p str) -> &'p str {
        for code in self.others() {
            if let Some(rest) = path.strip_prefix(code.as_str()) {
                if rest.is_empty() {
                    return rest;
                }
                if let Some(rest) = rest.strip_prefix('/') {
                    return rest;
                }
            }
        }
        path
    }

    /// The content paths of the pages that read the file at content path `file`: the
    /// page of that path, and the pages of other languages that read it (its
    /// translations' pages for a file named for a language, `runbooks/db.de.md` read by
    /// `de/runbooks/db.md`; the copies shown for want of a translation for an original).
    pub fn pages_reading(&self, file: &str) -> Vec<String> {
        let mut pages: Vec<String> =
            self.files.iter().filter(|(_, read)| read.file == file).map(|(page, _)| page.clone()).collect();
        pages.sort();
        // A file named for a language is no page of its own.
        let translation = self.files.iter().any(|(page, read)| read.file == file && !read.fallback && page != file);
        if !translation && !pages.iter().any(|page| page == file) {
            pages.insert(0, file.to_string());
        }
        pages
    }

    /// Whether the page at content path `path` is the original shown for want of a
    /// translation.
    pub fn is_fallback(&self, path: &str) -> bool {
        self.files.get(path).is_some_and(|t| t.fallback)
    }
}

/// Whether `code` is a language code opsbook publishes under: `de`, `pt-BR`, `zh-Hant`.
pub fn is_language_code(code: &str) -> bool {
    let mut subtags = code.split('-');
    let primary = subtags.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && subtags.all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Resolves `languages` (and `language`): a `config-field` error at the key for a code
/// that is no language code, a code written twice, or a `language` that is not the
/// first of `languages`.
pub(super) fn resolve_languages(
    written: Option<Vec<String>>,
    language: Option<&str>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Languages {
    let Some(list) = written else { return Languages::default() };
    let (line, column) = super::locate_key(text, "languages");
    let mut error = |message: String| {
        problems.push(
            Diagnostic::error(Rule::ConfigField, super::CONFIG_FILE, line, column, message)
                .with_help("write language codes such as `languages = [\"en\", \"de\"]`, the default first"),
        );
    };
    let mut seen: Vec<String> = Vec::new();
    for code in &list {
        if !is_language_code(code) {
            error(format!("`[handbook] languages`: {code:?} is not a language code"));
        } else if seen.iter().any(|s| s.eq_ignore_ascii_case(code)) {
            error(format!("`[handbook] languages`: {code:?} is written twice"));
        } else {
            seen.push(code.clone());
        }
    }
    if list.is_empty() {
        error("`[handbook] languages` is empty".to_string());
    }
    if let (Some(language), Some(first)) = (language, list.first())
        && language != first
    {
        error(format!("`[handbook] language` is {language:?} but the first of `languages`, the default, is {first:?}"));
    }
    Languages { list: seen, files: HashMap::new(), labels: HashMap::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_language_tags_and_refuses_paths() {
        for good in ["en", "de", "pt-BR", "zh-Hant", "gsw"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "..", "/x", "d", "de/", "de_DE", "en-", "e1", "deutsch", "de-toolongsubtag"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn reads_the_language_of_a_path() {
        let languages = Languages { list: vec!["en".into(), "de".into()], ..Languages::default() };
        assert_eq!(languages.of_path("de/runbooks/a/"), Some("de"));
        assert_eq!(languages.of_path("runbooks/a/"), Some("en"));
        assert_eq!(languages.of_path("dev/a/"), Some("en"));
        assert_eq!(languages.strip("de/runbooks/a/"), "runbooks/a/");
        assert_eq!(languages.strip("de"), "");
        assert_eq!(languages.strip("dev/a/"), "dev/a/");
        assert_eq!(Languages::default().of_path("de/a/"), None);
    }

    #[test]
    fn names_the_pages_that_read_a_file() {
        let read = |file: &str, fallback| Translated { file: file.into(), fallback };
        let files = HashMap::from([
            ("de/db.md".to_string(), read("db.de.md", false)),
            ("de/web.md".to_string(), read("web.md", true)),
            ("fr/web.md".to_string(), read("web.md", true)),
            ("de/only.md".to_string(), read("de/only.md", false)),
        ]);
        let languages = Languages { list: vec!["en".into(), "de".into(), "fr".into()], files, ..Languages::default() };
        assert_eq!(languages.pages_reading("db.de.md"), ["de/db.md"], "a translation by file name");
        assert_eq!(
            languages.pages_reading("web.md"),
            ["web.md", "de/web.md", "fr/web.md"],
            "an original and its copies"
        );
        assert_eq!(languages.pages_reading("de/only.md"), ["de/only.md"], "a translation in the language's folder");
        assert_eq!(languages.pages_reading("db.md"), ["db.md"]);
    }
}
