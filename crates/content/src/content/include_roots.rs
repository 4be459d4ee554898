//! Where the include directives of each dialect look their files up beyond the
//! including file's folder and the content folder, as the old tool's configuration
//! beside `book.toml` says. The compatibility layer reads it once per build, after the
//! walk (`compat::include_roots`); the Markdown layer's lookup order
//! (`markdown::includes`) reads it.
//!
//! More: docs/architecture.md, "Notes by module".

use super::site_data::Engine;

/// The folder of files only included by pages (Jekyll's `_includes`): anywhere under
/// `content/`, it is neither pages nor assets.
pub const INCLUDES_FOLDER: &str = "_includes";

/// The folders includes look up besides the including file's folder and `content/`,
/// each relative to the handbook's root (`""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncludeRoots {
    /// The includes folder the configuration names (Jekyll's `includes_dir` in
    /// `_config.yml`), else `_includes`.
    pub includes_dir: Option<String>,
    /// The vendored theme gem's `_includes/` folder, when `_config.yml` names a `theme`
    /// that `vendor/bundle/` holds.
    pub theme_includes: Option<String>,
    /// The `base_path`s of `pymdownx.snippets`, when `mkdocs.yml` names some (else the
    /// root).
    pub snippet_bases: Vec<String>,
    /// The folders markdown-include's `{!file!}` reads from, when `mkdocs.yml`
    /// configures `markdown_include.include`: its `base_path` (the root unless set;
    /// none when it leaves the handbook). `None`: `{!file!}` is text.
    pub markdown_include: Option<Vec<String>>,
    /// The handbook's languages, the default first, for jekyll-multiple-languages-plugin's
    /// `{% t %}` and `{% tf %}` (`markdown::includes::translations`); empty without, and
    /// in a handbook whose tool does not read the plugin's tags.
    pub languages: Vec<String>,
    /// The includes of a quoted `{% include "name" %}`, when an Eleventy configuration
    /// lies beside `book.toml` and its Markdown pages are templates.
    pub template_includes: Option<TemplateIncludes>,
    /// The hidden folder of reusable content (root-relative) of a tool whose quoted
    /// `{% include "path" %}` names a file relative to the file it is written in: such
    /// includes read it and the files below it. `None`: a quoted include is Eleventy's,
    /// or text.
    pub reusable_folder: Option<String>,
}

/// Where an Eleventy site's quoted `{% include "name" %}` looks its file up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateIncludes {
    /// The includes folder as the configuration writes it, relative to the input folder
    /// (`content/`): the lookup joins it there, and reads nothing of it when it leads
    /// outside the handbook.
    pub folder: String,
    /// The engine of the Markdown pages: Nunjucks looks in the project's folder after
    /// the includes folder, Liquid in the input folder, adding `.liquid` to a name
    /// without an extension.
    pub engine: Engine,
}

/// The roots of a handbook with no other tool's configuration.
#[cfg(any(test, feature = "test-hooks"))]
pub static DEFAULT_ROOTS: IncludeRoots = IncludeRoots {
    includes_dir: None,
    theme_includes: None,
    snippet_bases: Vec::new(),
    markdown_include: None,
    languages: Vec::new(),
    template_includes: None,
    reusable_folder: None,
};

/// The resource folder Hugo's `resources.Get` reads, where a site-folders lookup ends.
pub const RESOURCES_FOLDER: &str = "assets";

impl IncludeRoots {
    /// The include folders, in Jekyll's order: the site's `_includes/` (moved under
    /// `content/` with the pages, or left at the root), then the theme's.
    pub fn includes_folders(&self, content: &str) -> Vec<String> {
        let dir = self.includes_dir.as_deref().unwrap_or(INCLUDES_FOLDER);
        let mut folders = vec![format!("{content}/{dir}"), dir.to_string()];
        folders.extend(self.theme_includes.clone());
        folders
    }

    /// The folders snippets are read from after the page's folder and `content/`.
    pub fn snippets(&self) -> Vec<String> {
        match self.snippet_bases.is_empty() {
            true => vec![String::new()],
            false => self.snippet_bases.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_include_folders_site_then_theme() {
        let roots = IncludeRoots {
            includes_dir: Some("partials".into()),
            theme_includes: Some("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes".into()),
            ..IncludeRoots::default()
        };
        assert_eq!(
            roots.includes_folders("content"),
            ["content/partials", "partials", "vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes"]
        );
        assert_eq!(DEFAULT_ROOTS.includes_folders("src"), ["src/_includes", "_includes"]);
        assert_eq!(DEFAULT_ROOTS.snippets(), [""]);
    }
}
