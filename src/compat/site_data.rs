//! The old tools' site variables, read from their own configuration and data files, so
//! that what a page prints of them (`{{< param x >}}`, `{{ site.x }}`, a site template's
//! `site.params.x`) shows the value the old site showed.
//!
//! | tool (found by) | configuration | data |
//! |---|---|---|
//! | Hugo (`hugo.toml`, `config.toml`, `.yaml`, `.json`, `config/_default/`) | the file beside `book.toml`, then the files of `config/_default/` and `config/production/` at any depth, merged as Hugo merges them ([`crate::compat::hugo::config_files`]: `params.toml` and `versions/params.yaml` are `params`, `hugo.*` and `config.*` the top) | `data/`, read only when the handbook has templates of its own, the only thing that can show it |
//! | Jekyll (`_config.yml`, `_config.yaml`, `_config.toml`) | that file | `_data/` as `site.data`, beside `book.toml` and in the content folder (whose names win) |
//! | Eleventy (`eleventy.config.js`, `.eleventy.js`) | the engine of Markdown pages, `markdownTemplateEngine` (Liquid unless it names another) | `_data/` beside `book.toml` or in the content folder, each file a variable |
//!
//! The core keeps what it holds of them ([`SiteData`]) and the list of the files a
//! change to which builds again ([`crate::content::site_data::is_site_data_path`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::Config;
use crate::content::confine::Confinement;
use crate::content::site_data::{Engine, MAX_DATA_BYTES, SiteData, Templating};
use crate::diagnostic::{Diagnostic, Rule, Severity};

const JEKYLL_FILES: &[&str] = &["_config.yml", "_config.yaml", "_config.toml"];
/// The names of an Eleventy configuration file (one list for every reader of them).
pub(crate) const ELEVENTY_FILES: &[&str] =
    &["eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", "eleventy.config.ts", ".eleventy.js"];

/// Whether `shown` is Eleventy's hidden configuration file, `.eleventy.js`, which the
/// confinement refuses as it refuses every hidden file: it is read when it is a
/// regular file at the root itself ([`is_own_regular_file`]), never through a link.
pub(crate) fn is_hidden_eleventy_config(shown: &str) -> bool {
    shown.starts_with('.') && ELEVENTY_FILES.contains(&shown)
}

/// Reads the site variables of the handbook of `config`; `hugo_data` reads Hugo's
/// `data/` too (only templates of the handbook's own can show it).
pub(crate) fn load(config: &Config, hugo_data: bool, diagnostics: &mut Vec<Diagnostic>) -> SiteData {
    let root = &config.root;
    let Some(confinement) = config.confinement() else { return SiteData::default() };
    let mut reader = Reader { root, confinement, read: 0, diagnostics };
    let exists = |name: &str| std::fs::symlink_metadata(root.join(name)).is_ok_and(|m| !m.is_dir());
    if let Some(name) = JEKYLL_FILES.iter().find(|name| exists(name)) {
        let mut site = reader.file(name).and_then(|v| v.as_object().cloned()).unwrap_or_default();
        let data_dir = site.get("data_dir").and_then(Value::as_str).unwrap_or("_data").trim_matches('/').to_string();
        let data = jekyll_data(&mut reader, &data_dir, &config.content_folder);
        site.insert("data".into(), Value::Object(data));
        let site = Value::Object(site);
        let globals = Map::from_iter([("site".to_string(), site.clone())]);
        return SiteData { templating: Templating::Liquid, site, globals, ..SiteData::default() };
    }
    if let Some(name) = ELEVENTY_FILES.iter().find(|name| exists(name)) {
        let markdown = reader.text(name).map_or(Engine::Liquid, |text| markdown_engine(&text));
        let mut data = reader.folder("_data");
        let content_data = format!("{}/_data", config.content_folder);
        for (key, value) in reader.folder(&content_data) {
            data.insert(key, value);
        }
        let site = Value::Object(data.clone());
        return SiteData {
            templating: Templating::MarkdownEngine { markdown },
            site,
            globals: data,
            ..SiteData::default()
        };
    }
    let loaded = crate::compat::hugo::config_files::load(config, reader.diagnostics);
    let Some(mut site) = loaded.merged.clone() else { return SiteData::default() };
    if let Value::Object(map) = &mut site {
        lowercase_params(map);
        if hugo_data {
            map.insert("data".into(), Value::Object(reader.folder("data")));
        }
    } else {
        site = Value::Object(Map::new());
    }
    SiteData { templating: Templating::Params, site, globals: Map::new(), ..SiteData::default() }
}

/// A Jekyll site's `site.data`: the data folder `data_dir` beside `book.toml` and, in
/// a handbook whose pages moved into the content folder, the one there, which is the
/// site's source and wins; a name both hold is said once, in a warning at the content
/// folder's.
fn jekyll_data(reader: &mut Reader<'_>, data_dir: &str, content_folder: &str) -> Map<String, Value> {
    let mut data = reader.folder(data_dir);
    let content_data = format!("{}/{data_dir}", content_folder.trim_end_matches('/'));
    if content_data == data_dir || content_folder.is_empty() {
        return data;
    }
    let mut both = Vec::new();
    for (key, value) in reader.folder(&content_data) {
        if data.insert(key.clone(), value).is_some() {
            both.push(format!("`{key}`"));
        }
    }
    if !both.is_empty() {
        let message = format!(
            "`{data_dir}/` beside book.toml and `{content_data}/` both hold {}: the content folder's are used, as it is the site's source",
            both.join(", ")
        );
        let d = Diagnostic::error(Rule::DuplicateKey, content_data, 0, 0, message).with_severity(Severity::Warning);
        reader.diagnostics.push(d);
    }
    data
}

/// The engine an Eleventy configuration gives Markdown pages: its
/// `markdownTemplateEngine` (Liquid when it is not set).
pub(crate) fn markdown_engine(text: &str) -> Engine {
    let Some(at) = text.find("markdownTemplateEngine") else { return Engine::Liquid };
    let rest = text[at + "markdownTemplateEngine".len()..].trim_start_matches([' ', '\t', ':', '=', '"', '\'', '`']);
    if rest.starts_with("liquid") {
        Engine::Liquid
    } else if rest.starts_with("njk") {
        Engine::Nunjucks
    } else {
        Engine::Plain
    }
}

/// Hugo reads parameter keys in any case: they are kept in lower case.
fn lowercase_params(site: &mut Map<String, Value>) {
    fn lower(value: &mut Value) {
        if let Value::Object(map) = value {
            let entries = std::mem::take(map);
            for (key, mut value) in entries {
                lower(&mut value);
                map.insert(key.to_lowercase(), value);
            }
        }
    }
    if let Some(params) = site.get_mut("params") {
        lower(params);
    }
}

/// The format of a data file, by its extension.
fn data_format(name: &str) -> Option<&'static str> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "yml" | "yaml" => Some("yaml"),
        "toml" => Some("toml"),
        "json" => Some("json"),
        _ => None,
    }
}

/// Reads files below the root, confined, within the budget.
struct Reader<'r> {
    root: &'r Path,
    confinement: &'r Confinement,
    read: u64,
    diagnostics: &'r mut Vec<Diagnostic>,
}

impl Reader<'_> {
    /// The text of `shown` (relative to the root), or `None` with a warning.
    fn text(&mut self, shown: &str) -> Option<String> {
        let path = self.root.join(shown);
        let warn = |diagnostics: &mut Vec<Diagnostic>, rule, message: String| {
            diagnostics.push(Diagnostic::error(rule, shown, 0, 0, message).with_severity(Severity::Warning));
        };
        let file = if is_hidden_eleventy_config(shown) {
            let Some(file) = self.confinement.file_at_root(shown) else {
                warn(self.diagnostics, Rule::SymlinkOutsideRoot, "the file is not read: it is no regular file".into());
                return None;
            };
            file
        } else {
            match self.confinement.readable(&path) {
                Ok(file) => file,
                Err(why) => {
                    warn(self.diagnostics, Rule::SymlinkOutsideRoot, format!("the file is not read: {why}"));
                    return None;
                }
            }
        };
        if self.read > MAX_DATA_BYTES {
            let message = format!("the file is not read: the site's data files pass {} MiB", MAX_DATA_BYTES >> 20);
            warn(self.diagnostics, Rule::ConfigSyntax, message);
            return None;
        }
        match crate::fs::read_text(&file, crate::fs::FileKind::Config) {
            Ok(text) => {
                self.read += text.len() as u64;
                Some(text)
            }
            Err(e) => {
                warn(self.diagnostics, Rule::UnreadableFile, format!("the file is not read: {e}"));
                None
            }
        }
    }

    /// The value of the data file `shown`.
    fn file(&mut self, shown: &str) -> Option<Value> {
        let format = data_format(shown)?;
        let text = self.text(shown)?;
        let parsed = match format {
            "yaml" => serde_saphyr::from_str::<Value>(&text).map_err(|e| e.to_string()),
            "toml" => toml::from_str::<Value>(&text).map_err(|e| e.to_string()),
            _ => serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()),
        };
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                let first = message.lines().next().unwrap_or_default();
                let d = Diagnostic::error(Rule::ConfigSyntax, shown, 0, 0, format!("the file is not read: {first}"))
                    .with_severity(Severity::Warning);
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// The data files of the folder `shown` (relative to the root), by name without
    /// extension, sub-folders as maps.
    fn folder(&mut self, shown: &str) -> Map<String, Value> {
        let mut data = Map::new();
        let dir = self.root.join(shown);
        if !dir.is_dir() {
            return data;
        }
        if let Err(why) = self.confinement.readable(&dir) {
            let message = format!("the folder is not read: {why}");
            let d = Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, message).with_severity(Severity::Warning);
            self.diagnostics.push(d);
            return data;
        }
        for (name, is_dir) in crate::fs::visible_entries(&dir) {
            let child = format!("{shown}/{name}");
            if is_dir {
                let inner = self.folder(&child);
                data.insert(name, Value::Object(inner));
            } else if data_format(&name).is_some()
                && let Some(value) = self.file(&child)
            {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem).to_string();
                data.insert(stem, value);
            }
        }
        data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_knows_the_configurations_of_gray_matter_tools() {
        let tools: Vec<&str> =
            crate::compat::docusaurus::site::CONFIG_FILES.iter().chain(ELEVENTY_FILES).copied().collect();
        assert_eq!(tools, crate::content::front_matter::GRAY_MATTER_CONFIGS);
    }

    #[test]
    fn every_configuration_file_read_is_watched() {
        let hugo = &crate::compat::hugo::config_files::ROOT_FILES;
        let folders = ["config/_default/module/module.yaml", "config/production/params.toml"];
        for name in hugo.iter().chain(JEKYLL_FILES).chain(ELEVENTY_FILES).chain(&folders) {
            assert!(crate::content::site_data::is_site_data_path(name), "{name}");
        }
    }

    #[test]
    fn reads_the_markdown_engine_of_an_eleventy_configuration() {
        assert_eq!(markdown_engine("module.exports = {}"), Engine::Liquid);
        assert_eq!(markdown_engine("return { markdownTemplateEngine: \"liquid\" }"), Engine::Liquid);
        assert_eq!(markdown_engine("return { markdownTemplateEngine: 'njk' }"), Engine::Nunjucks);
        assert_eq!(markdown_engine("markdownTemplateEngine: false,"), Engine::Plain);
    }

    #[test]
    fn hugo_parameters_are_read_in_lower_case_and_merged() {
        let mut site = Map::new();
        site.insert("params".into(), serde_json::json!({"GitVersion": "v1", "Nested": {"Key": 1}}));
        lowercase_params(&mut site);
        assert_eq!(site["params"], serde_json::json!({"gitversion": "v1", "nested": {"key": 1}}));
        let mut into = serde_json::json!({"a": {"b": 1, "c": 2}});
        crate::compat::hugo::config_files::merge(&mut into, serde_json::json!({"a": {"c": 3}, "d": 4}));
        assert_eq!(into, serde_json::json!({"a": {"b": 1, "c": 3}, "d": 4}));
    }
}
