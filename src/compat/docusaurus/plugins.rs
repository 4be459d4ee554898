//! What a Docusaurus configuration names its content plugins by: their package or the
//! shorthand Docusaurus resolves (`'content-docs'`, [`name_patterns`]).

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
