//! The docs plugin's `exclude` option: globs, relative to a docs folder, of the files that
//! are no docs. Unset, Docusaurus's default leaves out files and folders named with `_`
//! ([`super::Docusaurus`]'s `leaves_out`); set, the list written replaces the default. A
//! value opsbook cannot evaluate is a warning at its place, and the default holds.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::js_literal::{Js, Located};
use crate::diagnostic::Rule;

/// Why `exclude` is not read: the rule (`config-syntax` for a glob that cannot be read,
/// `config-field` for a value opsbook does not evaluate), line, column and why.
pub(crate) type Unread = (Rule, usize, usize, String);

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

/// The `exclude` list of the docs plugin's options, as Docusaurus reads it: a list of
/// strings, written or a constant the file declares (`const contentExclude = [...]`,
/// which the reader resolves); `Ok(None)` when it has none (`undefined` too: the
/// default). `Err` with the line, column and why of a glob that cannot be read, or of a
/// value or an item only running the configuration gives (a function, an imported name,
/// a spread of one), which opsbook does not evaluate.
pub(crate) fn read(options: &Located) -> Result<Option<DocsExclude>, Unread> {
    let items = match options.get("exclude") {
        None | Some(Located { value: Js::Scalar, .. }) => return Ok(None),
        Some(Located { value: Js::Array(items), .. }) => items,
        Some(other) => return Err(unevaluated(other)),
    };
    let mut patterns = Vec::new();
    let mut builder = GlobSetBuilder::new();
    for item in items {
        let Some(pattern) = item.str() else { return Err(unevaluated(item)) };
        let glob = GlobBuilder::new(pattern.trim_start_matches("./")).literal_separator(true).build().map_err(|e| {
            (
                Rule::ConfigSyntax,
                item.line,
                item.column,
                format!("the docs plugin's `exclude` glob {pattern:?} cannot be read: {}", e.kind()),
            )
        })?;
        builder.add(glob);
        patterns.push(pattern.to_string());
    }
    let set = builder.build().map_err(|e| (Rule::ConfigSyntax, options.line, options.column, e.to_string()))?;
    Ok(Some(DocsExclude { patterns, set }))
}

/// Why the value `at` of `exclude` is not read: what it is, at its place.
fn unevaluated(at: &Located) -> Unread {
    let what = super::options::unevaluated(&at.value);
    let why = format!("the docs plugin's `exclude` is {what}, which opsbook does not evaluate");
    (Rule::ConfigField, at.line, at.column, why)
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

    /// openkruise/openkruise.io's `docusaurus.config.js` (81a3ff66): the list is a
    /// constant the file declares, which every plugin names.
    #[test]
    fn reads_a_list_the_file_declares_as_a_constant() {
        let text = "const contentExclude = [\n  '**/_*.{js,jsx,ts,tsx,md,mdx}',\n  '**/_*/**',\n  '**/*.test.{js,jsx,ts,tsx}',\n  '**/__tests__/**',\n  '**/AGENTS.md',\n];\n(module.exports = {\n  presets: [['@docusaurus/preset-classic', ({ docs: { exclude: contentExclude } })]],\n});\n";
        let globs = exclude(text);
        assert!(globs.matches("AGENTS.md") && globs.matches("a/AGENTS.md") && globs.matches("_partial.md"));
        assert!(!globs.matches("intro.md"));
    }

    #[test]
    fn a_list_only_code_gives_is_located_and_a_bad_glob_too() {
        let options = |text: &str| docs_plugin_options(text).expect("reads").expect("has docs options");
        let (_, line, column, why) = read(&options("docs: {\n  exclude: excluded }")).unwrap_err();
        assert_eq!((line, column), (2, 12));
        assert!(why.contains("`exclude` is code (`excluded`)"), "{why}");
        let (_, line, column, why) = read(&options("docs: { exclude: ['a.md', ...more] }")).unwrap_err();
        assert_eq!((line, column), (1, 27));
        assert!(why.contains("code (`...`)"), "{why}");
        assert!(read(&options("docs: { exclude: () => ['a.md'] }")).unwrap_err().3.contains("a function"));
        assert_eq!(read(&options("docs: { path: 'docs' }")), Ok(None));
        assert_eq!(read(&options("docs: { exclude: undefined }")), Ok(None));
        let (rule, line, column, why) = read(&options("docs: {\n  exclude: ['a/{b.md'],\n}")).unwrap_err();
        assert_eq!(rule, Rule::ConfigSyntax);
        assert_eq!((line, column), (2, 13));
        assert!(why.contains("\"a/{b.md\""), "{why}");
    }
}
