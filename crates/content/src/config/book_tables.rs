//! The tables of `book.toml` opsbook shares with mdBook, whose file it is named after:
//! `[book]`, `[output.*]`, `[preprocessor.*]`, `[rust]` and four keys of `[build]`.
//!
//! A `book.toml` with a `[book]` table is mdBook's. opsbook takes from it what it shares
//! with `[handbook]` and `[build]`, each only when opsbook's own key is absent.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{BuildTable, CONFIG_FILE, locate_key, locate_table};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// mdBook's default content folder.
pub(super) const DEFAULT_SRC: &str = "src";

/// `[book]`: mdBook's description of the book.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct BookTable {
    /// The title, used when `[handbook] title` is absent.
    pub title: Option<String>,
    /// The description, used when `[handbook] description` is absent.
    pub description: Option<String>,
    /// The language, used when `[handbook] language` is absent.
    pub language: Option<String>,
    /// The folder of the pages (`src` unless set), used when `[build] content-dir` is absent.
    pub src: Option<String>,
    /// mdBook's; ignored.
    authors: Option<toml::Value>,
    /// mdBook's; ignored.
    multilingual: Option<toml::Value>,
    /// mdBook's; ignored.
    text_direction: Option<toml::Value>,
}

/// `[output]`: mdBook's renderers. Only three keys of `[output.html]` are read.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct OutputTables {
    /// `[output.html]`.
    pub html: Option<HtmlOutput>,
    /// The other renderers (`[output.linkcheck]`, `[output.pdf]`…); ignored.
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

/// `[output.html]`: mdBook's HTML renderer.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub(super) struct HtmlOutput {
    /// The repository, used when `[handbook] repository` is absent.
    pub git_repository_url: Option<String>,
    /// Where the book is published, used when `[handbook] base-url` is absent.
    pub site_url: Option<String>,
    /// Leaves the numbers (`1.`, `1.2.`) out of the sidebar's chapters.
    pub no_section_label: bool,
    /// `[output.html.redirect]`: the file of an old page (`/old.html`) and where its
    /// redirect leads, read by the mdBook rules of the compatibility layer.
    pub redirect: BTreeMap<String, toml::Value>,
    /// The renderer's other settings (`mathjax-support`, `edit-url-template`…); ignored.
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

/// An entry of `[output.html.redirect]`: the old file's path as written, where it
/// leads (`None` when the value is no text), and the entry's line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct BookRedirect {
    /// The key: the old file's path from the book's root (`/old.html`).
    pub from: String,
    /// The value, when it is text.
    pub to: Option<String>,
    /// The entry's line and column in book.toml.
    pub at: (usize, usize),
}

/// The entries of `[output.html.redirect]`, each at its line in `text` (the table's
/// when the key is not found written as `"key" =`).
pub(super) fn book_redirects(redirect: BTreeMap<String, toml::Value>, text: &str) -> Vec<BookRedirect> {
    let table = locate_table(text, "output.html.redirect");
    redirect
        .into_iter()
        .map(|(from, to)| {
            let quoted = [format!("\"{from}\""), format!("'{from}'")];
            let at = quoted.iter().map(|key| locate_key(text, key)).find(|at| *at != (0, 0)).unwrap_or(table);
            BookRedirect { to: to.as_str().map(str::to_string), from, at }
        })
        .collect()
}

/// mdBook's keys of `[build]` that are set, as written in `book.toml`. They are
/// accepted only beside `[book]` and never read: opsbook writes to `[build] output-dir`
/// (`public` unless set), not to mdBook's `build-dir`.
fn book_build_keys(build: &BuildTable) -> Vec<&'static str> {
    [
        ("build-dir", build.build_dir.is_some()),
        ("create-missing", build.create_missing.is_some()),
        ("use-default-preprocessors", build.use_default_preprocessors.is_some()),
        ("extra-watch-dirs", build.extra_watch_dirs.is_some()),
    ]
    .into_iter()
    .filter_map(|(key, set)| set.then_some(key))
    .collect()
}

/// The tables of mdBook's `book.toml` besides `[book]`, as the raw config holds them.
pub(super) struct BookTables<'a> {
    /// `[book]`, when the file has one.
    pub book: Option<&'a BookTable>,
    /// `[output.*]`.
    pub output: Option<&'a OutputTables>,
    /// `[preprocessor.*]`.
    pub preprocessor: Option<&'a BTreeMap<String, toml::Value>>,
    /// `[rust]`.
    pub rust: Option<&'a toml::Value>,
    /// mdBook's keys of `[build]`.
    pub build: &'a BuildTable,
}

impl BookTables<'_> {
    /// What mdBook's tables and keys hold that opsbook does not read, each with its
    /// place in `text`.
    fn unread(&self, text: &str) -> Vec<(String, (usize, usize))> {
        let mut found = Vec::new();
        if self.book.is_some_and(|b| b.authors.is_some() || b.multilingual.is_some() || b.text_direction.is_some()) {
            for key in ["authors", "multilingual", "text-direction"] {
                let at = locate_key(text, key);
                if at != (0, 0) {
                    found.push((format!("`[book] {key}`"), at));
                }
            }
        }
        for key in book_build_keys(self.build) {
            found.push((format!("`[build] {key}`"), locate_key(text, key)));
        }
        if let Some(output) = self.output {
            if output.html.as_ref().is_some_and(|html| !html.other.is_empty()) {
                found.push(("the other keys of `[output.html]`".into(), locate_table(text, "output.html")));
            }
            for name in output.other.keys() {
                found.push((format!("`[output.{name}]`"), locate_table(text, &format!("output.{name}"))));
            }
        }
        for name in self.preprocessor.into_iter().flat_map(BTreeMap::keys) {
            found.push((format!("`[preprocessor.{name}]`"), locate_table(text, &format!("preprocessor.{name}"))));
        }
        if self.rust.is_some() {
            found.push(("`[rust]`".into(), locate_table(text, "rust")));
        }
        found
    }

    /// Beside `[book]`: one note at the first table or key that opsbook leaves unread,
    /// naming them all. Without `[book]`: an `unknown-config-key` error for each of
    /// mdBook's tables and keys, since the file is not mdBook's.
    pub(super) fn check(&self, text: &str) -> Vec<Diagnostic> {
        if self.book.is_none() {
            let mut errors = Vec::new();
            let tables = [
                ("output", self.output.is_some()),
                ("preprocessor", self.preprocessor.is_some()),
                ("rust", self.rust.is_some()),
            ];
            for (name, _) in tables.into_iter().filter(|(_, set)| *set) {
                let (line, column) = locate_table_prefix(text, name);
                errors.push(
                    Diagnostic::error(
                        Rule::UnknownConfigKey,
                        CONFIG_FILE,
                        line,
                        column,
                        format!("unknown key `{name}` in book.toml"),
                    )
                    .with_help("it is a table of mdBook's book.toml, read only in a file with mdBook's `[book]` table"),
                );
            }
            for key in book_build_keys(self.build) {
                let (line, column) = locate_key(text, key);
                errors.push(
                    Diagnostic::error(
                        Rule::UnknownConfigKey,
                        CONFIG_FILE,
                        line,
                        column,
                        format!("unknown key `{key}` in book.toml (expected `output-dir`, `content-dir`, `theme` or `audience`)"),
                    )
                    .with_help("it is a key of mdBook's `[build]`, read only in a file with mdBook's `[book]` table"),
                );
            }
            return errors;
        }
        let mut unread = self.unread(text);
        if unread.is_empty() {
            return Vec::new();
        }
        unread.sort_by_key(|(_, (line, column))| (*line == 0, *line, *column));
        let (line, column) = unread[0].1;
        let names: Vec<&str> = unread.iter().map(|(name, _)| name.as_str()).collect();
        vec![
            Diagnostic::error(
                Rule::ConfigField,
                CONFIG_FILE,
                line,
                column,
                format!(
                    "this is mdBook's book.toml: opsbook reads `[book] title`, `description`, `language` and `src` and \
                     `[output.html] git-repository-url`, `site-url`, `no-section-label` and `redirect`, and leaves the rest unread: {}",
                    names.join(", ")
                ),
            )
            .with_severity(Severity::Note)
            .with_help(
                "opsbook writes the site to `[build] output-dir` (`public` unless set), not to mdBook's `build-dir`; \
                 set `output-dir = \"book\"` to keep mdBook's folder",
            ),
        ]
    }
}

/// The line of the first table header `[name]` or `[name.…]` in a TOML text (column 1),
/// or (0, 0).
fn locate_table_prefix(text: &str, name: &str) -> (usize, usize) {
    text.lines()
        .position(|line| {
            let header = line.trim().trim_start_matches('[').trim_end_matches(']').trim();
            line.trim_start().starts_with('[')
                && (header == name || header.strip_prefix(name).is_some_and(|rest| rest.starts_with('.')))
        })
        .map_or((0, 0), |i| (i + 1, 1))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::{Config, Overrides};
    use crate::diagnostic::{Diagnostic, Rule, Severity};

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("/site"), text, &Overrides::default())
    }

    const MDBOOK: &str = "[book]\ntitle = \"Ops book\"\nauthors = [\"Ana\"]\ndescription = \"On call\"\nlanguage = \"fr\"\n\
        [build]\nbuild-dir = \"out\"\ncreate-missing = false\n\
        [output.html]\ngit-repository-url = \"https://github.com/k/ops\"\nsite-url = \"/ops/\"\nmathjax-support = true\n\
        [output.linkcheck]\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n[rust]\nedition = \"2021\"\n";

    #[test]
    fn reads_mdbook_s_book_toml_as_it_is() {
        let config = parse(MDBOOK).unwrap();
        assert_eq!(config.title, "Ops book");
        assert_eq!(config.description, "On call");
        assert_eq!(config.language, "fr");
        assert_eq!(config.content_folder, "src", "mdBook's default src");
        assert_eq!(config.content_dir(), Path::new("/site/src"));
        assert_eq!(config.content_prefix(), "src/");
        assert_eq!(config.repository.as_ref().map(|r| r.url.as_str()), Some("https://github.com/k/ops"));
        assert_eq!(config.base_url.path(), "/ops/");
        assert_eq!(config.output_dir, Path::new("/site/public"), "build-dir is not read");
    }

    #[test]
    fn notes_the_unread_tables_once_at_the_first() {
        let config = parse(MDBOOK).unwrap();
        assert_eq!(config.notes.len(), 1, "{:?}", config.notes);
        let note = &config.notes[0];
        assert_eq!(note.severity, Severity::Note);
        assert_eq!((note.line, note.column), (3, 1), "at `authors`");
        for name in ["`[book] authors`", "`[build] build-dir`", "`[build] create-missing`", "`[output.html]`"] {
            assert!(note.message.contains(name), "{name} in {}", note.message);
        }
        for name in ["`[output.linkcheck]`", "`[preprocessor.mermaid]`", "`[rust]`"] {
            assert!(note.message.contains(name), "{name} in {}", note.message);
        }
    }

    #[test]
    fn a_plain_mdbook_file_has_no_note() {
        let config = parse("[book]\ntitle = \"Ops\"\nsrc = \"pages\"\n").unwrap();
        assert!(config.notes.is_empty(), "{:?}", config.notes);
        assert_eq!(config.content_folder, "pages");
    }

    #[test]
    fn a_missing_title_names_book_in_mdbook_s_file() {
        let errors = parse("[book]\nauthors = [\"Ana\"]\n").unwrap_err();
        assert_eq!((errors[0].rule, errors[0].line, errors[0].column), (Rule::ConfigField, 1, 1));
        assert_eq!(errors[0].message, "`[book] title` is missing");
        let errors = parse("[handbook]\n[book]\n").unwrap_err();
        assert_eq!(errors[0].message, "`[handbook] title` is missing");
    }

    #[test]
    fn opsbook_s_keys_win_in_a_mixed_file() {
        let text = "[handbook]\ntitle = \"Handbook\"\nrepository = \"https://gitlab.com/a/b\"\nbase-url = \"https://x.org/\"\n\
            [build]\ncontent-dir = \"docs\"\noutput-dir = \"site\"\n\
            [book]\ntitle = \"Book\"\nsrc = \"src\"\ndescription = \"From mdBook\"\n\
            [output.html]\ngit-repository-url = \"https://github.com/c/d\"\nsite-url = \"/d/\"\n";
        let config = parse(text).unwrap();
        assert_eq!(config.title, "Handbook");
        assert_eq!(config.description, "From mdBook", "[handbook] has none");
        assert_eq!(config.content_folder, "docs");
        assert_eq!(config.repository.as_ref().map(|r| r.url.as_str()), Some("https://gitlab.com/a/b"));
        assert_eq!(config.base_url.absolute("a/").as_deref(), Some("https://x.org/a/"));
        assert_eq!(config.output_dir, Path::new("/site/site"));
        assert!(config.notes.is_empty(), "{:?}", config.notes);
    }

    #[test]
    fn mdbook_s_tables_without_book_stay_unknown_keys() {
        let errors =
            parse("[handbook]\ntitle = \"Ops\"\n[build]\nbuild-dir = \"book\"\n[preprocessor.x]\n").unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.rule, e.line, e.column)).collect();
        assert_eq!(found, [(Rule::UnknownConfigKey, 5, 1), (Rule::UnknownConfigKey, 4, 1)]);
        assert!(errors[0].message.contains("`preprocessor`"), "{}", errors[0].message);
        assert!(errors[1].message.contains("`build-dir`"), "{}", errors[1].message);
    }

    #[test]
    fn unknown_keys_of_book_and_of_opsbook_s_tables_stay_errors() {
        let errors = parse("[book]\ntitle = \"Ops\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!((errors[0].rule, errors[0].line), (Rule::UnknownConfigKey, 3));
        let errors = parse("[book]\ntitle = \"Ops\"\n[handbook]\nsrc = \"x\"\n").unwrap_err();
        assert_eq!((errors[0].rule, errors[0].line), (Rule::UnknownConfigKey, 4));
    }

    #[test]
    fn the_content_folder_stays_inside_the_root() {
        for (value, why) in [
            ("../x", "no `..`"),
            ("/srv/pages", "not absolute"),
            ("a/../../b", "no `..`"),
            (".", "not the root itself"),
            ("", "not the root itself"),
            (".git", "hidden"),
        ] {
            let text = format!("[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = {value:?}\n");
            let errors = parse(&text).unwrap_err();
            assert_eq!((errors[0].rule, errors[0].line, errors[0].column), (Rule::ConfigField, 4, 1), "{value}");
            assert!(errors[0].message.contains(why), "{value}: {}", errors[0].message);
        }
        let errors = parse("[book]\ntitle = \"Ops\"\n  src = \"../up\"\n").unwrap_err();
        assert_eq!((errors[0].rule, errors[0].line, errors[0].column), (Rule::ConfigField, 3, 3));
        assert!(errors[0].message.contains("`[book] src`"), "{}", errors[0].message);
    }

    #[test]
    fn a_content_folder_is_normalised() {
        let text = "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"./docs/en/\"\n";
        let config = parse(text).unwrap();
        assert_eq!(config.content_folder, "docs/en");
        assert_eq!(config.content_prefix(), "docs/en/");
        let config = parse("[handbook]\ntitle = \"Ops\"\n").unwrap();
        assert_eq!(config.content_folder, "content");
    }
}
