//! The files an Eleventy site leaves out: the globs of `.eleventyignore` beside its
//! configuration and in its input folder (the content folder), and its data files.
//! Read with the tool's configuration ([`super::Eleventy`]'s `read`), by their hidden
//! names, confined and size-limited as configuration files; a content path
//! that matches is no page ([`crate::compat::OldTool`]'s `leaves_out`).
//!
//! 1. Each line is trimmed; an empty one, a `#` comment and a `!` pattern (which
//!    Eleventy does not read: a note) are skipped.
//! 2. A pattern is relative to its file's folder (`./` and a leading `/` name it too).
//! 3. A file is left out when its path from the root, or that of a folder above it,
//!    matches: a pattern naming a folder leaves out what it holds.
//!
//! More: docs/architecture.md, "Notes by module".

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The file's name.
pub(crate) const IGNORE_FILE: &str = ".eleventyignore";

/// The globs of a site's `.eleventyignore` files, from the root.
#[derive(Debug, Clone)]
pub(crate) struct EleventyIgnore {
    patterns: Vec<String>,
    set: GlobSet,
    /// The content folder, from the root, followed by `/` (empty for the root).
    content_prefix: String,
}

impl PartialEq for EleventyIgnore {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns && self.content_prefix == other.content_prefix
    }
}

impl EleventyIgnore {
    /// Whether the file at content path `path` is left out.
    pub(crate) fn matches(&self, path: &str) -> bool {
        let full = format!("{}{path}", self.content_prefix);
        let mut at = Some(full.as_str());
        while let Some(path) = at {
            if self.set.is_match(path) {
                return true;
            }
            at = path.rsplit_once('/').map(|(dir, _)| dir);
        }
        false
    }
}

/// Whether the file at content path `path` is an Eleventy data file, never published:
/// `name.11tydata.js` (`.cjs`, `.mjs`, `.json`) beside a template or in a folder.
pub(crate) fn is_data_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    [".11tydata.js", ".11tydata.cjs", ".11tydata.mjs", ".11tydata.json"].iter().any(|end| name.ends_with(end))
}

/// The `.eleventyignore` files of the handbook of `config`; `None` when there is none
/// or no pattern. A file refused, a `!` pattern or a glob that cannot be read is a note.
pub(crate) fn read(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Option<EleventyIgnore> {
    let folder = config.content_folder.trim_matches('/');
    let folder = if folder == "." { "" } else { folder };
    let in_folder = format!("{folder}/{IGNORE_FILE}");
    let mut files = vec![(IGNORE_FILE.to_string(), "")];
    if !folder.is_empty() {
        files.push((in_folder, folder));
    }
    let mut patterns = Vec::new();
    let mut builder = GlobSetBuilder::new();
    for (name, dir) in files {
        let Some(text) = read_hidden(config, &name, diagnostics) else { continue };
        for (pattern, line) in patterns_of(&text, dir, &name, diagnostics) {
            let glob = GlobBuilder::new(&pattern).literal_separator(true).build();
            match glob {
                Ok(glob) => {
                    builder.add(glob);
                    patterns.push(pattern);
                }
                Err(e) => diagnostics.push(note(&name, line, format!("the pattern is not read: {}", e.kind()))),
            }
        }
    }
    let set = builder.build().ok().filter(|_| !patterns.is_empty())?;
    let content_prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    Some(EleventyIgnore { patterns, set, content_prefix })
}

/// The text of the hidden file `name` (from the root), through the confinement and the
/// size limit of configuration files; a file refused or unreadable is a note. A link is
/// tried too, so that one out of the handbook is refused with a note.
fn read_hidden(config: &Config, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let path = config.root.join(name);
    std::fs::symlink_metadata(&path).ok()?;
    let read = match config.confinement()?.content_file(&path, std::path::Path::new(name)) {
        Ok(file) => {
            crate::fs::read_text(&file, crate::fs::FileKind::Config).map_err(|e| format!("cannot read the file: {e}"))
        }
        Err(why) => Err(format!("the file is not read: {why}")),
    };
    read.map_err(|message| diagnostics.push(note(name, 0, message))).ok()
}

fn note(name: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic::error(Rule::ConfigField, name, line, 1, message).with_severity(Severity::Note)
}

/// The patterns of the text of file `name` in folder `dir` (from the root), each from
/// the root, with its line.
fn patterns_of(text: &str, dir: &str, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('!') {
            let message = "Eleventy reads no `!` pattern: the line leaves nothing in".to_string();
            diagnostics.push(note(name, index + 1, message));
            continue;
        }
        let mut pattern = line;
        while let Some(rest) = pattern.strip_prefix("./").or_else(|| pattern.strip_prefix('/')) {
            pattern = rest;
        }
        let pattern = pattern.trim_end_matches('/');
        if pattern.is_empty() {
            continue;
        }
        found.push((if dir.is_empty() { pattern.to_string() } else { format!("{dir}/{pattern}") }, index + 1));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignore(text: &str, dir: &str, folder: &str) -> EleventyIgnore {
        let mut diagnostics = Vec::new();
        let patterns: Vec<String> =
            patterns_of(text, dir, IGNORE_FILE, &mut diagnostics).into_iter().map(|(p, _)| p).collect();
        let mut builder = GlobSetBuilder::new();
        for pattern in &patterns {
            builder.add(GlobBuilder::new(pattern).literal_separator(true).build().expect("a glob"));
        }
        let content_prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
        EleventyIgnore { patterns, set: builder.build().expect("a set"), content_prefix }
    }

    /// Eleventy's own `.eleventyignore` fixture (test/stubs/ignore4/.eleventyignore, read
    /// by "Get ignores (project .eleventyignore and root .gitignore)" in
    /// test/EleventyFilesGitIgnoreEleventyIgnoreTest.js at 11ty/eleventy v3.1.6,
    /// 02ad90a2c85f6446d46bdcd231b6d5d3c5c17949): a folder, a file in it and a comment,
    /// in the input folder; they give `./test/stubs/ignore4/ignoredFolder/**` and
    /// `./test/stubs/ignore4/ignoredFolder/ignored.md`, the comment nothing.
    #[test]
    fn reads_eleventy_s_own_fixture() {
        let text = "ignoredFolder\n./ignoredFolder/ignored.md\n# This is a comment\n";
        let found = ignore(text, "test/stubs/ignore4", "test/stubs/ignore4");
        assert_eq!(found.patterns, ["test/stubs/ignore4/ignoredFolder", "test/stubs/ignore4/ignoredFolder/ignored.md"]);
        assert!(found.matches("ignoredFolder/ignored.md"));
        assert!(found.matches("ignoredFolder/deeper/other.md"));
        assert!(!found.matches("ignoredFolderNot/page.md"));
        assert!(!found.matches("page.md"));
        // test/stubs-403/.eleventyignore: `./_includes/**`.
        let found = ignore("./_includes/**", "test/stubs-403", "test/stubs-403");
        assert!(found.matches("_includes/include.liquid") && !found.matches("template.liquid"));
    }

    /// A root file names paths from the root, the content folder's from it; `*` stays in
    /// a folder; `!` lines are left out with a note.
    #[test]
    fn reads_root_patterns_from_the_root_and_notes_negations() {
        let found = ignore("README.md\ntechnical-docs/\n/docs/*/*.template.md\n", "", "docs");
        assert!(found.matches("standards/standard.template.md"));
        assert!(!found.matches("standards/deeper/standard.template.md"));
        assert!(!found.matches("standards/standard.md"));
        assert!(!found.matches("README.md"), "the root's README.md is not the content folder's");
        let mut diagnostics = Vec::new();
        let found = patterns_of("a.md\n  !b.md\n\n", "", IGNORE_FILE, &mut diagnostics);
        assert_eq!(found, [("a.md".to_string(), 1)]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 2);
    }

    #[test]
    fn knows_eleventy_s_data_files() {
        for path in ["patterns/patterns.11tydata.js", "a.11tydata.json", "b/c.11tydata.cjs", "d.11tydata.mjs"] {
            assert!(is_data_file(path), "{path}");
        }
        for path in ["patterns/patterns.js", "a.json", "11tydata.md"] {
            assert!(!is_data_file(path), "{path}");
        }
    }
}
