//! The docs plugin's `exclude` option: globs, relative to a docs folder, of the files that
//! are no docs. Unset, Docusaurus's default leaves out files and folders named with `_`
//! ([`super::Docusaurus`]'s `leaves_out`); set, the list written replaces the default.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::js_literal::{Js, Located};

/// The globs of `exclude`, compiled as micromatch reads them: `*` stops at `/`, `**`
/// crosses folders, `{a,b}` is either.
#[derive(Debug, Clone)]
pub(crate) struct DocsExclude {
    patterns: Vec<String>,
    set: GlobSet,
}

impl PartialEq for DocsExclude {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl DocsExclude {
    /// Whether the file at `docs_path`, relative to its docs folder, is excluded.
    pub(crate) fn matches(&self, docs_path: &str) -> bool {
        self.set.is_match(docs_path)
    }
}

/// The `exclude` list of the docs plugin's options: `Ok(None)` when it has none, or one
/// that is no list of strings (a value only running the configuration gives); `Err`
/// with the line, column and why of a glob that cannot be read.
pub(crate) fn read(options: &Located) -> Result<Option<DocsExclude>, (usize, usize, String)> {
    let Some(Located { value: Js::Array(items), .. }) = options.get("exclude") else { return Ok(None) };
    let mut patterns = Vec::new();
    let mut builder = GlobSetBuilder::new();
    for item in items {
        let Some(pattern) = item.str() else { return Ok(None) };
        let glob = GlobBuilder::new(pattern.trim_start_matches("./")).literal_separator(true).build().map_err(|e| {
            (
                item.line,
                item.column,
                format!("the docs plugin's `exclude` glob {pattern:?} cannot be read: {}", e.kind()),
            )
        })?;
        builder.add(glob);
        patterns.push(pattern.to_string());
    }
    let set = builder.build().map_err(|e| (options.line, options.column, e.to_string()))?;
    Ok(Some(DocsExclude { patterns, set }))
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The default docs instance's options in the configuration `text`.
    fn docs_plugin_options(text: &str) -> Result<Option<Located>, crate::compat::docusaurus::js_literal::Problem> {
        crate::compat::docusaurus::site::docs_options(text).map(|(default, _)| default)
    }

    fn exclude(config: &str) -> DocsExclude {
        let options = docs_plugin_options(config).expect("reads").expect("has docs options");
        read(&options).expect("globs read").expect("has a list")
    }

    /// Docusaurus's own default list (plugin-content-docs `options.ts`,
    /// `GlobExcludeDefault`), written out, matches as the default rule does.
    #[test]
    fn matches_globs_as_micromatch_does() {
        let defaults = exclude(
            "presets: [['classic', { docs: { exclude: ['**/_*.{js,jsx,ts,tsx,md,mdx}', '**/_*/**', \
             '**/*.test.{js,jsx,ts,tsx}', '**/__tests__/**'] } }]]",
        );
        for path in ["_draft.md", "guides/_partial.mdx", "_partials/steps.md", "a/_b/c/d.md", "x/__tests__/y.md"] {
            assert!(defaults.matches(path), "{path}");
        }
        for path in ["guides/intro.md", "my_notes/x.md", "a/b_c.md", "a/b.test.md"] {
            assert!(!defaults.matches(path), "{path}");
        }
        let own = exclude(
            "module.exports = { presets: [['classic', { docs: { exclude: ['migration.md', './old/*.md'] } }]] }",
        );
        assert!(own.matches("migration.md") && own.matches("old/a.md"));
        assert!(!own.matches("guides/migration.md"), "a name without `**/` is from the docs folder");
        assert!(!own.matches("old/deeper/a.md"), "`*` stops at a folder");
        assert!(!own.matches("_partial.md"), "the list written replaces the default");
    }

    #[test]
    fn a_list_only_code_gives_is_none_and_a_bad_glob_is_located() {
        let options = |text: &str| docs_plugin_options(text).expect("reads").expect("has docs options");
        assert_eq!(read(&options("docs: { exclude: excluded }")), Ok(None));
        assert_eq!(read(&options("docs: { exclude: ['a.md', ...more] }")), Ok(None));
        assert_eq!(read(&options("docs: { path: 'docs' }")), Ok(None));
        let (line, column, why) = read(&options("docs: {\n  exclude: ['a/{b.md'],\n}")).unwrap_err();
        assert_eq!((line, column), (2, 13));
        assert!(why.contains("\"a/{b.md\""), "{why}");
    }
}
