//! A Hugo site's configuration, read and merged once as Hugo reads it; every reader of
//! Hugo's settings (mounts, languages, menus, permalinks, markup, params, site data)
//! asks this one value:
//! 1. the first of `hugo.toml` (`.yaml`, `.yml`, `.json`), then `config.*`, at the root;
//! 2. every file of `config/_default/`, then of `config/production/` (the environment
//!    `hugo` builds with), at any depth, in name order: a file's name without its
//!    extension is its key, whatever folder holds it (`params.toml` and
//!    `versions/params.yaml` are `params`, `module/module.yaml` is `module`), and
//!    `hugo.*` and `config.*` are the top; a name with a language (`menus.de.toml`,
//!    `params.de.toml`) is that language's (`languages.de.menus`), another such name
//!    (`x.de.toml`) is `languages.de` itself; a file whose one key is its name is
//!    unwrapped (`menus:` in `menus.yaml`);
//! 3. each file merged over what came before: tables key by key without regard to case,
//!    any other value replaced; `menu` is renamed `menus`, replacing it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::Arc;

use serde_json::{Map, Value};

use super::site::parse;
use crate::compat::interface::read_beside;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The configuration files at the root, in the order Hugo looks for them (the first
/// found is read).
pub(crate) const ROOT_FILES: [&str; 8] =
    ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"];

/// The folders of the configuration directory read, least specific first.
const FOLDERS: [&str; 2] = ["config/_default", "config/production"];

/// The deepest folder below a configuration folder walked, and the most files read.
const MAX_DEPTH: usize = 8;
const MAX_FILES: usize = 256;

/// One configuration file read.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFile {
    /// Its path from the handbook's root.
    pub(crate) name: String,
    /// Its text, to find a setting's line.
    pub(crate) text: String,
    /// Its settings, placed at the keys its name gives them.
    pub(crate) value: Value,
}

/// A Hugo site's configuration: the files read in Hugo's order and their merge.
#[derive(Debug, Clone, Default)]
pub(crate) struct HugoConfig {
    /// The files read, in order.
    pub(crate) files: Vec<ConfigFile>,
    /// Their settings merged, `None` when no file was read.
    pub(crate) merged: Option<Value>,
}

impl HugoConfig {
    /// The last file read that sets the key path `path` (without regard to case), whose
    /// value is the merged one's unless tables were merged below it.
    pub(crate) fn file_of(&self, path: &[&str]) -> Option<&ConfigFile> {
        self.files.iter().rev().find(|file| {
            path.iter()
                .try_fold(&file.value, |value, name| value.as_object().and_then(|map| key_of(map, name)))
                .is_some()
        })
    }
}

/// A key of a mapping, without regard to case.
fn key_of<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// The configuration of the Hugo site of `config`, read once a build: a file that cannot
/// be read or parsed is a note in `diagnostics`, and left out.
pub(crate) fn load(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Arc<HugoConfig> {
    config.memo.get_or_make("hugo-configuration", || read_all(config, diagnostics))
}

/// Reads and merges every file (see the module documentation).
fn read_all(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> HugoConfig {
    let mut names: Vec<String> = Vec::new();
    if let Some(root) = ROOT_FILES.iter().find(|name| config.root.join(name).is_file()) {
        names.push(root.to_string());
    }
    let mut too_deep = None;
    for folder in FOLDERS {
        list_files(config, folder, 0, &mut names, &mut too_deep);
    }
    let mut limits = Vec::new();
    if names.len() > MAX_FILES {
        limits.push(format!(
            "more than {MAX_FILES} configuration files: the first {MAX_FILES} in Hugo's order are read, `{}` and after are not",
            names[MAX_FILES]
        ));
    }
    if let Some(folder) = too_deep {
        limits.push(format!("`{folder}` is more than {MAX_DEPTH} folders deep: its files are not read"));
    }
    for note in limits {
        diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, "config", 0, 0, note).with_severity(Severity::Note));
    }
    let mut loaded = HugoConfig::default();
    for name in names.into_iter().take(MAX_FILES) {
        let Some(text) = read_beside(config, &name, diagnostics) else { continue };
        let value = match parse(&name, &text) {
            Ok(value) => value,
            Err(message) => {
                let note = format!("cannot read {name} ({message}): Hugo's defaults are used for its settings");
                diagnostics
                    .push(Diagnostic::error(Rule::ConfigSyntax, &name, 0, 0, note).with_severity(Severity::Note));
                continue;
            }
        };
        let Value::Object(item) = value else { continue };
        let in_folder = name.contains('/');
        let base = name.rsplit('/').next().unwrap_or(&name);
        let value = if in_folder { place(base, item) } else { renamed(item) };
        let merged = loaded.merged.get_or_insert_with(|| Value::Object(Map::new()));
        merge(merged, value.clone());
        loaded.files.push(ConfigFile { name, text, value });
    }
    loaded
}

/// Adds the configuration files below `folder` (a path from the root) to `names`, in
/// Hugo's walk order: the entries of each folder by name, a folder's files where it
/// stands. Hidden entries and symbolic links to folders are not walked; the first folder
/// past [`MAX_DEPTH`] is kept in `too_deep`, and the walk stops one file past [`MAX_FILES`].
fn list_files(config: &Config, folder: &str, depth: usize, names: &mut Vec<String>, too_deep: &mut Option<String>) {
    if depth > MAX_DEPTH {
        too_deep.get_or_insert_with(|| folder.to_string());
        return;
    }
    if names.len() > MAX_FILES {
        return;
    }
    for (name, is_dir) in crate::fs::visible_entries(&config.root.join(folder)) {
        let path = format!("{folder}/{name}");
        if is_dir {
            list_files(config, &path, depth + 1, names, too_deep);
        } else if is_config_name(&name) {
            names.push(path);
        }
    }
}

/// Whether a file's name has one of the extensions Hugo reads configuration from.
fn is_config_name(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(extension.as_str(), "toml" | "yaml" | "yml" | "json")
}

/// The settings `item` of the configuration folder's file named `base` placed at the keys
/// its name gives them (Hugo's `LoadConfigFromDir`).
pub(crate) fn place(base: &str, item: Map<String, Value>) -> Value {
    let name = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    if name == "hugo" || name == "config" {
        return renamed(item);
    }
    let (name, lang) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut path: Vec<String> = vec![name.to_string()];
    if !lang.is_empty() {
        path = vec!["languages".to_string(), lang.to_string()];
        if matches!(name, "menu" | "menus" | "params") {
            path.push(name.to_string());
        }
    }
    let mut value = match item.get(name) {
        Some(inner) if item.len() == 1 => inner.clone(),
        _ => Value::Object(item),
    };
    for key in path.iter().rev() {
        value = Value::Object(Map::from_iter([(key.clone(), value)]));
    }
    match value {
        Value::Object(map) => renamed(map),
        other => other,
    }
}

/// `item` with `menu` renamed `menus` at its top and in each of its `languages`,
/// replacing a `menus` there (Hugo's `RenameKeys`).
fn renamed(mut item: Map<String, Value>) -> Value {
    fn rename(map: &mut Map<String, Value>) {
        if let Some(old) = map.keys().find(|k| k.eq_ignore_ascii_case("menu")).cloned()
            && let Some(value) = map.remove(&old)
        {
            map.retain(|k, _| !k.eq_ignore_ascii_case("menus"));
            map.insert("menus".to_string(), value);
        }
    }
    rename(&mut item);
    if let Some(Value::Object(languages)) =
        item.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case("languages")).map(|(_, v)| v)
    {
        for language in languages.values_mut() {
            if let Value::Object(settings) = language {
                rename(settings);
            }
        }
    }
    Value::Object(item)
}

/// Merges `from` into `into` as Hugo's `SetParams` does: tables key by key (a key met
/// again without regard to case is the same key), every other value replaced.
pub(crate) fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                let existing = into.keys().find(|k| k.eq_ignore_ascii_case(&key)).cloned();
                match existing.and_then(|k| into.get_mut(&k)) {
                    Some(existing) => merge(existing, value),
                    None => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (into, from) => *into = from,
    }
}

#[cfg(test)]
mod tests;
