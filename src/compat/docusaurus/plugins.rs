//! What a Docusaurus configuration names: its content plugins, by package or by the
//! shorthand Docusaurus resolves (`'content-docs'`, [`name_patterns`]), and folders as
//! it writes them.

use crate::compat::docusaurus::js_literal::{FUNCTION, Js, Located};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The docs plugin's package.
pub(crate) const DOCS_PLUGIN: &str = "@docusaurus/plugin-content-docs";
/// The blog plugin's package.
pub(crate) const BLOG_PLUGIN: &str = "@docusaurus/plugin-content-blog";

/// The packages a plugin or theme named `name` in a configuration may be, in the order
/// Docusaurus tries them (`getNamePatterns`, `packages/docusaurus/src/server/plugins/moduleShorthand.ts`).
pub(crate) fn name_patterns(name: &str, kind: &str) -> Vec<String> {
    if let Some(scoped) = name.strip_prefix('@') {
        return match scoped.split_once('/') {
            None => vec![format!("{name}/docusaurus-{kind}")],
            Some((scope, package)) => {
                vec![name.to_string(), format!("@{scope}/docusaurus-{kind}-{package}")]
            }
        };
    }
    vec![name.to_string(), format!("@docusaurus/{kind}-{name}"), format!("docusaurus-{kind}-{name}")]
}

/// Whether a plugin named `name` in a configuration is the package `package`.
pub(crate) fn names_plugin(name: &str, package: &str) -> bool {
    name_patterns(name, "plugin").iter().any(|pattern| pattern == package)
}

/// A folder as a configuration writes it (`./blog/`), as sources name theirs (`blog`);
/// an absolute path keeps its leading `/`, so that it is never read as a relative one.
pub(crate) fn clean_folder(path: &str) -> String {
    let mut path = path.trim();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.trim_end_matches('/').to_string()
}

/// A note at each of `keys` of the plugin `options` whose value only running the
/// configuration gives (a function, a variable): opsbook reads it as unset.
pub(crate) fn note_unevaluated(options: &Located, keys: &[&str], name: &str, diagnostics: &mut Vec<Diagnostic>) {
    for key in keys {
        let Some(Located { value: Js::Dynamic(what), line, column }) = options.get(key) else { continue };
        let what = if what == FUNCTION { what.clone() } else { format!("code (`{what}`)") };
        let note = format!("`{key}` is {what}, which opsbook does not run: it is read as unset, Docusaurus's default");
        diagnostics.push(
            Diagnostic::error(Rule::ConfigField, name, *line, *column, note)
                .with_severity(Severity::Note)
                .with_help(format!("write `{key}` as a string for opsbook to follow it")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `getNamePatterns`'s table, from facebook/docusaurus at 0bbabb7e,
    /// `packages/docusaurus/src/server/plugins/__tests__/moduleShorthand.test.ts`: every
    /// case of its four `getNamePatterns` tests, for plugins and themes.
    #[test]
    fn name_patterns_are_docusaurus_s_module_shorthands() {
        let cases: [(&str, &str, &[&str]); 8] = [
            ("awesome", "plugin", &["awesome", "@docusaurus/plugin-awesome", "docusaurus-plugin-awesome"]),
            ("awesome", "theme", &["awesome", "@docusaurus/theme-awesome", "docusaurus-theme-awesome"]),
            ("@joshcena", "plugin", &["@joshcena/docusaurus-plugin"]),
            ("@joshcena", "theme", &["@joshcena/docusaurus-theme"]),
            ("@joshcena/awesome", "plugin", &["@joshcena/awesome", "@joshcena/docusaurus-plugin-awesome"]),
            ("@joshcena/awesome", "theme", &["@joshcena/awesome", "@joshcena/docusaurus-theme-awesome"]),
            ("@joshcena/awesome/web", "plugin", &["@joshcena/awesome/web", "@joshcena/docusaurus-plugin-awesome/web"]),
            ("@joshcena/awesome/web", "theme", &["@joshcena/awesome/web", "@joshcena/docusaurus-theme-awesome/web"]),
        ];
        for (name, kind, expected) in cases {
            assert_eq!(name_patterns(name, kind), expected, "{name} as a {kind}");
        }
    }

    /// `resolveModuleName`'s four cases from the same file: the longhand and the shorthand
    /// of the docs plugin name it; the two names it cannot resolve list the packages its
    /// error message lists, none of them the docs plugin.
    #[test]
    fn the_docs_plugin_is_named_by_its_package_or_its_shorthand() {
        assert!(names_plugin("@docusaurus/plugin-content-docs", DOCS_PLUGIN));
        assert!(names_plugin("content-docs", DOCS_PLUGIN));
        assert_eq!(
            name_patterns("@docusaurus/plugin-content-doc", "plugin"),
            ["@docusaurus/plugin-content-doc", "@docusaurus/docusaurus-plugin-plugin-content-doc"]
        );
        assert!(!names_plugin("@docusaurus/plugin-content-doc", DOCS_PLUGIN));
        assert_eq!(
            name_patterns("content-doc", "plugin"),
            ["content-doc", "@docusaurus/plugin-content-doc", "docusaurus-plugin-content-doc"]
        );
        assert!(!names_plugin("content-doc", DOCS_PLUGIN));
        assert!(names_plugin("content-blog", BLOG_PLUGIN));
    }
}
