//! Where the include directives of each dialect look their files up beyond the
//! including file's folder and the content folder, as the old tool's configuration
//! beside `book.toml` says. Read once per build, after the walk; the Markdown layer's
//! lookup order (`markdown::includes`) reads it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use super::confine::Confinement;
use super::node::Node;
use super::site_data::{ELEVENTY_FILES, Engine, is_hidden_eleventy_config, markdown_engine};
use super::walk::INCLUDES_FOLDER;
use crate::config::Config;

/// The folders includes look up besides the including file's folder and `content/`,
/// each relative to the handbook's root (`""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IncludeRoots {
    /// Jekyll's `includes_dir`, when `_config.yml` names one (else `_includes`).
    pub(crate) jekyll_includes_dir: Option<String>,
    /// The vendored theme gem's `_includes/` folder, when `_config.yml` names a `theme`
    /// that `vendor/bundle/` holds.
    pub(crate) jekyll_theme_includes: Option<String>,
    /// The `base_path`s of `pymdownx.snippets`, when `mkdocs.yml` names some (else the
    /// root).
    pub(crate) snippet_bases: Vec<String>,
    /// The folders markdown-include's `{!file!}` reads from, when `mkdocs.yml`
    /// configures `markdown_include.include`: its `base_path` (the root unless set;
    /// none when it leaves the handbook). `None`: `{!file!}` is text.
    pub(crate) markdown_include: Option<Vec<String>>,
    /// The handbook's languages, the default first, for jekyll-multiple-languages-plugin's
    /// `{% t %}` and `{% tf %}` (`markdown::includes::translations`); empty without, and
    /// in a handbook whose tool does not read the plugin's tags.
    pub(crate) languages: Vec<String>,
    /// Eleventy's includes, when an Eleventy configuration lies beside `book.toml` and
    /// its Markdown pages are templates.
    pub(crate) eleventy: Option<EleventyIncludes>,
}

/// Where an Eleventy site's quoted `{% include "name" %}` looks its file up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EleventyIncludes {
    /// The includes folder as the configuration writes it, relative to the input folder
    /// (`content/`): the lookup joins it there, and reads nothing of it when it leads
    /// outside the handbook.
    pub(crate) folder: String,
    /// The engine of the Markdown pages: Nunjucks looks in the project's folder after
    /// the includes folder, Liquid in the input folder, adding `.liquid` to a name
    /// without an extension.
    pub(crate) engine: Engine,
}

/// The roots of a handbook with no other tool's configuration.
#[cfg(test)]
pub(crate) static DEFAULT_ROOTS: IncludeRoots = IncludeRoots {
    jekyll_includes_dir: None,
    jekyll_theme_includes: None,
    snippet_bases: Vec::new(),
    markdown_include: None,
    languages: Vec::new(),
    eleventy: None,
};

/// Hugo's resource folder, which `resources.Get` reads.
pub(crate) const HUGO_ASSETS: &str = "assets";

impl IncludeRoots {
    /// Reads the configurations beside `book.toml` (see the module documentation).
    pub(crate) fn find(config: &Config) -> IncludeRoots {
        let confinement = config.confinement();
        let read = |name: &str| read_beside(&config.root, name, confinement);
        let mut roots = IncludeRoots::default();
        if let Some(text) = read("_config.yml").or_else(|| read("_config.yaml")) {
            let (includes_dir, theme) = jekyll_settings(&text);
            roots.jekyll_includes_dir = includes_dir;
            roots.jekyll_theme_includes = theme.and_then(|theme| vendored_theme_includes(&config.root, &theme));
        }
        if let Some(text) = read("mkdocs.yml").or_else(|| read("mkdocs.yaml")) {
            crate::compat::mkdocs::nav::read_include_roots(&text, &mut roots);
        }
        if let Some(text) = ELEVENTY_FILES.iter().find_map(|name| read(name)) {
            let engine = markdown_engine(&text);
            let folder = eleventy_includes_dir(&text).unwrap_or_else(|| INCLUDES_FOLDER.to_string());
            roots.eleventy = (engine != Engine::Plain).then_some(EleventyIncludes { folder, engine });
        }
        roots
    }

    /// Jekyll's include folders, in its order: the site's `_includes/` (moved under
    /// `content/` with the pages, or left at the root), then the theme's.
    pub(crate) fn jekyll(&self, content: &str) -> Vec<String> {
        let dir = self.jekyll_includes_dir.as_deref().unwrap_or(super::walk::INCLUDES_FOLDER);
        let mut folders = vec![format!("{content}/{dir}"), dir.to_string()];
        folders.extend(self.jekyll_theme_includes.clone());
        folders
    }

    /// The folders snippets are read from after the page's folder and `content/`.
    pub(crate) fn snippets(&self) -> Vec<String> {
        match self.snippet_bases.is_empty() {
            true => vec![String::new()],
            false => self.snippet_bases.clone(),
        }
    }
}

/// The includes folder an Eleventy configuration names, as written: the `includes`
/// key of its `dir` object (`dir: { includes: "../_includes" }`), or the argument of
/// `eleventyConfig.setIncludesDirectory("…")`. Read from the text, never run; a value
/// that is no string literal is not followed (the default stands).
pub(crate) fn eleventy_includes_dir(text: &str) -> Option<String> {
    const CALL: &str = "setIncludesDirectory(";
    let literal = |rest: &str| {
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let value = &rest[1..][..rest[1..].find(quote)?];
        (!value.contains("${") && !value.contains('\n')).then(|| value.trim().to_string())
    };
    if let Some(at) = text.find(CALL) {
        return literal(&text[at + CALL.len()..]);
    }
    let mut from = 0;
    while let Some(found) = text[from..].find("includes") {
        let at = from + found;
        from = at + "includes".len();
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
            continue;
        }
        let after = text[from..].trim_start_matches(['"', '\'']).trim_start();
        if let Some(value) = after.strip_prefix(':') {
            return literal(value);
        }
    }
    None
}

/// The text of the file `name` beside `book.toml`, when it is a readable file that
/// stays inside the handbook.
fn read_beside(root: &Path, name: &str, confinement: Option<&Confinement>) -> Option<String> {
    let path = root.join(name);
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let file = if is_hidden_eleventy_config(name) {
        // Read by name, as the site's data reads it: only a regular file, never a link.
        confinement?.file_at_root(name)?
    } else {
        confinement?.readable(&path).ok()?
    };
    crate::fs::read_text(&file, crate::fs::FileKind::Config).ok()
}

/// `includes_dir` and `theme` of a Jekyll `_config.yml`, as plain relative names.
fn jekyll_settings(text: &str) -> (Option<String>, Option<String>) {
    let Ok(documents) = super::front_matter::parse_yaml_documents(text) else { return (None, None) };
    let Some(Node::Map(keys)) = documents.into_iter().next() else { return (None, None) };
    let text_of = |wanted: &str| {
        keys.iter().find(|(key, _)| key.value == wanted).and_then(|(_, value)| match &value.value {
            Node::Text(text) => Some(text.trim().to_string()),
            _ => None,
        })
    };
    let folder = text_of("includes_dir")
        .map(|dir| dir.trim_start_matches("./").trim_matches('/').to_string())
        .filter(|dir| is_plain_folder(dir));
    let theme = text_of("theme").filter(|name| !name.is_empty() && name.chars().all(is_gem_name_char));
    (folder, theme)
}

/// Whether `dir` is a relative folder path without `..` or hidden parts.
fn is_plain_folder(dir: &str) -> bool {
    !dir.is_empty() && dir.split('/').all(|part| !part.is_empty() && part != ".." && !part.starts_with('.'))
}

fn is_gem_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// The `_includes/` folder of the gem `theme` as Bundler vendors it
/// (`bundle config set path vendor/bundle`): `vendor/bundle/ruby/<version>/gems/<theme>-<gem version>/`,
/// the last in name order when there are several.
fn vendored_theme_includes(root: &Path, theme: &str) -> Option<String> {
    let ruby = root.join("vendor/bundle/ruby");
    let mut found = Vec::new();
    for version in std::fs::read_dir(&ruby).ok()?.flatten() {
        let version_name = version.file_name().to_string_lossy().into_owned();
        let Ok(gems) = std::fs::read_dir(version.path().join("gems")) else { continue };
        for gem in gems.flatten() {
            let name = gem.file_name().to_string_lossy().into_owned();
            let is_theme = name
                .strip_prefix(theme)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()));
            if is_theme && gem.path().join(super::walk::INCLUDES_FOLDER).is_dir() {
                found.push(format!("vendor/bundle/ruby/{version_name}/gems/{name}/{}", super::walk::INCLUDES_FOLDER));
            }
        }
    }
    found.sort();
    found.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jekyll_includes_dir_and_theme() {
        let (dir, theme) = jekyll_settings("title: x\nincludes_dir: ./partials/\ntheme: minima\n");
        assert_eq!((dir.as_deref(), theme.as_deref()), (Some("partials"), Some("minima")));
        let (dir, theme) = jekyll_settings("includes_dir: ../../etc\ntheme: \"../x\"\n");
        assert_eq!((dir, theme), (None, None));
        assert_eq!(jekyll_settings("not: [yaml"), (None, None));
    }

    #[test]
    fn orders_jekyll_folders_site_then_theme() {
        let roots = IncludeRoots {
            jekyll_includes_dir: Some("partials".into()),
            jekyll_theme_includes: Some("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes".into()),
            ..IncludeRoots::default()
        };
        assert_eq!(
            roots.jekyll("content"),
            ["content/partials", "partials", "vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes"]
        );
        assert_eq!(DEFAULT_ROOTS.jekyll("src"), ["src/_includes", "_includes"]);
        assert_eq!(DEFAULT_ROOTS.snippets(), [""]);
    }

    /// Eleventy's `dir.includes` in its configuration forms (CommonJS, ESM's `config`
    /// export, quoted keys) and `setIncludesDirectory`; a method named `includes` or a
    /// value built at run time is none.
    #[test]
    fn reads_eleventys_includes_folder() {
        let cjs = "module.exports = function (c) {\n  if (url.includes(\"x\")) {}\n  return { dir: { input: \"pages\", includes: \"../_includes\" } };\n};\n";
        assert_eq!(eleventy_includes_dir(cjs).as_deref(), Some("../_includes"));
        let esm = "export const config = {\n  dir: { 'includes': 'partials', data: '_data' },\n};\n";
        assert_eq!(eleventy_includes_dir(esm).as_deref(), Some("partials"));
        let call = "export default function (c) { c.setIncludesDirectory(\"_parts\"); }\n";
        assert_eq!(eleventy_includes_dir(call).as_deref(), Some("_parts"));
        assert_eq!(eleventy_includes_dir("const a = b.includes(c);\n"), None);
        assert_eq!(eleventy_includes_dir("x = { dir: { includes: `${base}/inc` } }"), None);
        assert_eq!(eleventy_includes_dir("x = { dir: { includes: INC } }"), None);
    }
}
