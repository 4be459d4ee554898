//! A Docusaurus site's configuration file, found, read and its content plugins' options
//! parsed once a build ([`crate::config::Memo`]): the layout's mounts, the sidebars and
//! the rules all take them from here, so a problem of the file is said once.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::blog::{BlogPlugin, blog_plugins};
use crate::compat::docusaurus::js_literal::{self, Located};
use crate::compat::docusaurus::options::{clean_folder, note_unevaluated};
use crate::compat::docusaurus::plugins::DOCS_PLUGIN;

/// Docusaurus's configuration files, the first found being the site's.
pub(crate) const CONFIG_FILES: [&str; 4] =
    ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"];

/// A Docusaurus configuration, read and its content plugins' options parsed.
#[derive(Debug)]
pub(crate) struct SiteConfig {
    /// The file's name, beside book.toml.
    pub name: &'static str,
    /// Its text.
    pub text: String,
    /// The default docs instance's options: the preset's `docs:`, or the docs plugin's
    /// without an `id` (or with `id: 'default'`).
    pub default_docs: Option<Located>,
    /// The further docs instances.
    pub docs: Vec<DocsInstance>,
    /// The blogs: the preset's, unless `blog: false`, and each blog plugin's.
    pub blogs: Vec<BlogPlugin>,
    /// Whether its literals could be read: else it was noted once, and Docusaurus's
    /// defaults hold (the docs folder alone, no blog, one language).
    pub readable: bool,
}

impl SiteConfig {
    /// The sidebar file the default docs instance names (`sidebarPath`), from the root.
    pub(crate) fn default_sidebar(&self) -> Option<String> {
        self.default_docs
            .as_ref()
            .and_then(|options| options.get("sidebarPath"))
            .and_then(Located::str)
            .map(clean_folder)
    }
}

/// The default of both plugins' `path` and `routeBasePath`: the docs'.
const DOCS_DEFAULT: &str = "docs";

/// A further docs instance: its folder, where it was published, and its sidebar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocsInstance {
    /// `path`, from the root, without `./` or a trailing `/`.
    pub path: String,
    /// `routeBasePath`, without its slashes.
    pub route: String,
    /// `sidebarPath`, from the root, when written as a string.
    pub sidebar: Option<String>,
    /// The line and column of the instance's options.
    pub at: (usize, usize),
}

/// The docs plugin's options objects in the configuration `text`: the default
/// instance's (the preset's `docs:`, or a plugin without `id`), then the others', each
/// with its `id`.
pub(crate) fn docs_options(text: &str) -> Result<(Option<Located>, Vec<Located>), js_literal::Problem> {
    let mut default = None;
    let mut others = Vec::new();
    for options in super::js_options::plugin_options(text, "docs", DOCS_PLUGIN)? {
        match options.get("id").and_then(Located::str) {
            Some(id) if id != "default" => others.push(options),
            _ if default.is_none() => default = Some(options),
            _ => {}
        }
    }
    Ok((default, others))
}

/// The docs instance of the plugin `options`, with Docusaurus's defaults.
pub(crate) fn instance(options: &Located) -> DocsInstance {
    let text_of = |key: &str| options.get(key).and_then(Located::str);
    DocsInstance {
        path: clean_folder(text_of("path").unwrap_or(DOCS_DEFAULT)),
        route: text_of("routeBasePath").unwrap_or(DOCS_DEFAULT).trim_matches('/').to_string(),
        sidebar: text_of("sidebarPath").map(clean_folder),
        at: (options.line, options.column),
    }
}

/// The handbook's Docusaurus configuration, when it has one: read and parsed on the
/// first call of a build, whose diagnostics get the file's problems (a read refused, a
/// text whose plugins cannot be read, which then count as Docusaurus's defaults).
pub(crate) fn site_config(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> std::sync::Arc<Option<SiteConfig>> {
    config.memo.get_or_make("", || {
        let name = CONFIG_FILES.iter().find(|name| config.root.join(name).is_file())?;
        let text = crate::compat::interface::read_beside(config, name, diagnostics)?;
        match docs_options(&text) {
            Ok((default_docs, others)) => {
                for options in default_docs.iter().chain(&others) {
                    note_unevaluated(options, &["path", "routeBasePath", "sidebarPath"], name, diagnostics);
                }
                let docs = others.iter().map(instance).collect();
                let blogs = blog_plugins(&text, name, diagnostics);
                Some(SiteConfig { name, text, default_docs, docs, blogs, readable: true })
            }
            Err((line, column, message)) => {
                let note = format!(
                    "cannot read the configuration's plugins and locales ({message}): Docusaurus's defaults are used, the docs folder alone, no blog and one language"
                );
                diagnostics.push(
                    Diagnostic::error(Rule::ConfigSyntax, *name, line, column, note).with_severity(Severity::Note),
                );
                Some(SiteConfig { name, text, default_docs: None, docs: Vec::new(), blogs: Vec::new(), readable: false })
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Netflix/dispatch docs/docusaurus.config.js (dd2837e82a0bf5565b1b4b4b91ea30b7262d4061):
    /// an `editUrl` arrow no longer hides `sidebarPath`; a `path` given by a function is
    /// a note at its place.
    #[test]
    fn reads_past_a_function_and_notes_a_needed_key_given_by_one() {
        let text = "module.exports = {\n  presets: [\n    [\n      \"classic\",\n      ({\n        docs: {\n          sidebarPath: require.resolve(\"./sidebars.js\"),\n          editUrl: ({ docPath }) =>\n            `https://github.com/netflix/dispatch/edit/main/docs/docs/${docPath}`,\n          path: () => 'docs',\n        },\n      }),\n    ],\n  ],\n};\n";
        let (default, others) = docs_options(text).expect("reads");
        let default = default.expect("the preset's docs");
        assert!(others.is_empty());
        assert_eq!(default.get("sidebarPath").and_then(Located::str), Some("./sidebars.js"));
        let mut diagnostics = Vec::new();
        note_unevaluated(&default, &["path", "routeBasePath", "sidebarPath"], "docusaurus.config.js", &mut diagnostics);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (10, 17));
        assert!(diagnostics[0].message.contains("`path` is a function"), "{}", diagnostics[0].message);
    }
}
