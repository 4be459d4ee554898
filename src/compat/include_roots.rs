//! Reads where the include directives of each dialect look their files up, from the
//! old tools' configurations beside `book.toml`: Jekyll's `includes_dir` and its
//! vendored theme's `_includes/`, MkDocs's snippet and markdown-include folders,
//! Eleventy's includes folder and Markdown engine, GitBook's reusable content (a quoted
//! include relative to its page). Read once per build, after the walk,
//! into the core's [`IncludeRoots`].

use std::path::Path;

use super::site_data::{ELEVENTY_FILES, is_hidden_eleventy_config, markdown_engine};
use crate::config::Config;
use crate::content::confine::Confinement;
use crate::content::include_roots::INCLUDES_FOLDER;
use crate::content::include_roots::{IncludeRoots, TemplateIncludes};
use crate::content::node::Node;
use crate::content::site_data::Engine;

/// Reads the configurations beside `book.toml` (see the module documentation).
pub(crate) fn find(config: &Config) -> IncludeRoots {
    let confinement = config.confinement();
    let read = |name: &str| read_beside(&config.root, name, confinement);
    let mut roots = IncludeRoots::default();
    if let Some(text) = read("_config.yml").or_else(|| read("_config.yaml")) {
        let (includes_dir, theme) = jekyll_settings(&text);
        roots.includes_dir = includes_dir;
        roots.theme_includes = theme.and_then(|theme| vendored_theme_includes(&config.root, &theme));
    }
    if let Some(text) = read("mkdocs.yml").or_else(|| read("mkdocs.yaml")) {
        super::mkdocs::nav::read_include_roots(&text, &mut roots);
    }
    if let Some(text) = ELEVENTY_FILES.iter().find_map(|name| read(name)) {
        let engine = markdown_engine(&text);
        let folder = eleventy_includes_dir(&text).unwrap_or_else(|| INCLUDES_FOLDER.to_string());
        roots.template_includes = (engine != Engine::Plain).then_some(TemplateIncludes { folder, engine });
    }
    let prefix = config.content_prefix();
    let reusable = format!("{}.gitbook/includes", prefix.trim_start_matches('/'));
    roots.reusable_folder = super::gitbook::is_book(config).then_some(reusable);
    roots
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
    let Ok(documents) = crate::content::front_matter::parse_yaml_documents(text) else { return (None, None) };
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
            if is_theme && gem.path().join(INCLUDES_FOLDER).is_dir() {
                found.push(format!("vendor/bundle/ruby/{version_name}/gems/{name}/{}", INCLUDES_FOLDER));
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
