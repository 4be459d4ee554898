//! Hugo's module mounts of content folders (<https://gohugo.io/configuration/module/#mounts>):
//! `[[module.mounts]]` with `source = "content/en"` and `target = "content"` publishes
//! `content/en` at the site's root, and `target = "content/docs"` publishes its source
//! under `docs/`. Read from `module` of the site's configuration as Hugo merges it
//! ([`super::config_files`]: `[module]` of `hugo.toml`, `config/_default/module.yaml`,
//! `config/_default/module/module.toml`...).
//!
//! More: docs/architecture.md, "Notes by module".

use serde_json::Value;

use super::site::key;
use crate::config::{Config, Source};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// A mount of one component (`content`, `layouts`), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mount {
    /// The folder mounted, as written (relative to the root).
    pub(crate) source: String,
    /// Where it is mounted below the component (`docs`), `""` for the component itself.
    pub(crate) target: String,
}

/// The mounts at the component `component` (`content`, `layouts`) of the default
/// language, by the site's configuration `config`, in their order.
pub(crate) fn mounts_at(config: Option<&Value>, component: &str) -> Vec<Mount> {
    let top = config.and_then(Value::as_object);
    let default = top.and_then(|t| key(t, "defaultContentLanguage")).and_then(Value::as_str).unwrap_or("en");
    let module = top.and_then(|t| key(t, "module"));
    let Some(mounts) = module.and_then(Value::as_object).and_then(|m| key(m, "mounts")).and_then(Value::as_array)
    else {
        return Vec::new();
    };
    mounts
        .iter()
        .filter_map(Value::as_object)
        .filter(|mount| is_for_language(mount, default))
        .filter_map(|mount| {
            let source = key(mount, "source")?.as_str()?.trim();
            let target = key(mount, "target")?.as_str()?.trim().trim_start_matches("./").trim_matches('/');
            let below = if target == component { "" } else { target.strip_prefix(component)?.strip_prefix('/')? };
            Some(Mount { source: source.to_string(), target: below.trim_matches('/').to_string() })
        })
        .collect()
}

/// Whether a mount applies to the language `default`: it names no language, or names it
/// (`lang`, deprecated, or `sites.matrix.languages`, a name or a list).
fn is_for_language(mount: &serde_json::Map<String, Value>, default: &str) -> bool {
    let named = |value: &Value| match value {
        Value::String(lang) => vec![lang.clone()],
        Value::Array(list) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let mut languages: Vec<String> = key(mount, "lang").map(named).unwrap_or_default();
    let matrix = key(mount, "sites").and_then(Value::as_object).and_then(|s| key(s, "matrix"));
    languages
        .extend(matrix.and_then(Value::as_object).and_then(|m| key(m, "languages")).map(named).unwrap_or_default());
    languages.is_empty() || languages.iter().any(|lang| lang.eq_ignore_ascii_case(default))
}

/// Mounts the content folders a Hugo site's module mounts name (see the module
/// documentation): the first mount at `content` as the content folder, the others as
/// mounted sources; each source confined to the handbook, a refused one a warning.
pub(crate) fn mount_content(config: &mut Config, diagnostics: &mut Vec<Diagnostic>) {
    if config.book_table {
        return;
    }
    let loaded = super::config_files::load(config, diagnostics);
    let mounts = mounts_at(loaded.merged.as_ref(), "content");
    let Some(found) = loaded.file_of(&["module", "mounts"]) else { return };
    let (file, text) = (found.name.as_str(), found.text.as_str());
    // Each confined folder, its target and the place of its mount in the text.
    let mut folders: Vec<(String, String, (usize, usize))> = Vec::new();
    // Where the last source was found in the text: each is looked for after it.
    let mut cursor = 0;
    for mount in mounts {
        let found = text.get(cursor..).and_then(|rest| rest.find(&mount.source)).map(|at| cursor + at);
        cursor = found.map_or(cursor, |at| at + mount.source.len());
        let at = found.map_or((0, 0), |at| crate::diagnostic::line_column(text, at));
        match confined_folder(config, &mount.source) {
            Ok(folder) => folders.push((folder, mount.target, at)),
            Err(why) => {
                let message = format!("the module mount of `{}` is left out: {why}", mount.source);
                diagnostics.push(left_out(file, at, message));
            }
        }
    }
    if folders.is_empty() {
        return;
    }
    let mut content_taken = config.content_folder != crate::config::DEFAULT_CONTENT_DIR;
    for (folder, target, at) in folders {
        if target.is_empty() {
            if !content_taken {
                config.content_folder = folder;
                content_taken = true;
            }
            continue;
        }
        let taken = config.sources.list.iter().any(|s| s.folder == folder || s.mount == target);
        if taken || folder == config.content_folder {
            continue;
        }
        // The place below `content` follows the rules of a `[[sources]]` mount.
        let Some(mount) = crate::config::free_mount(&target, &config.sources.list) else {
            let message = format!(
                "the module mount at `content/{target}` is left out: it is no plain folder of the content tree, or it lies inside another mount or holds one"
            );
            diagnostics.push(left_out(file, at, message));
            continue;
        };
        config.sources.list.push(Source::mounted(folder, mount));
    }
    // The layout changed: the confinement's content tree is made anew on first use.
    config.confined = Default::default();
}

/// The warning for a module mount left out, at its place `at` in the configuration `file`.
fn left_out(file: &str, at: (usize, usize), message: String) -> Diagnostic {
    Diagnostic::error(Rule::ConfigField, file, at.0, at.1, message).with_severity(Severity::Warning).with_help(
        "a mount's `source` is a folder inside the handbook, its `target` a plain folder of `content`, apart from the other mounts",
    )
}

/// The folder `source` names, relative to the root as it resolves, once the handbook's
/// confinement lets it through; `Err` says why not.
fn confined_folder(config: &Config, source: &str) -> Result<String, String> {
    let confinement = config.confinement().ok_or("the handbook's folder cannot be resolved")?;
    let path = config.root.join(source);
    confinement.readable(&path).map_err(|why| why.to_string())?;
    if !path.is_dir() {
        return Err("it is no folder".to_string());
    }
    let resolved = confinement.resolve(&path).ok_or("it cannot be resolved")?;
    let inside = resolved.strip_prefix(confinement.root()).map_err(|_| "it lies outside the handbook")?;
    let folder = crate::fs::slash_path(inside);
    if folder.is_empty() {
        return Err("it is the handbook's own folder".to_string());
    }
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::hugo::config_files;
    use crate::compat::hugo::site::parse;

    fn mounts(name: &str, text: &str) -> Vec<(String, String)> {
        let value = parse(name, text).unwrap();
        let base = name.rsplit('/').next().unwrap_or(name);
        let value =
            if name.contains('/') { config_files::place(base, value.as_object().unwrap().clone()) } else { value };
        mounts_at(Some(&value), "content").into_iter().map(|m| (m.source, m.target)).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    /// Hugo's `TestWatchFilenames` (gohugoio/hugo `hugolib/filesystems/basefs_test.go` at
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934): content mounts at `content` and below,
    /// others (`assets/…`) not content.
    #[test]
    fn reads_content_mounts_of_the_site_configuration() {
        let toml = "theme = \"t1\"\n[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n[[module.mounts]]\nsource = 'content2'\ntarget = 'content/c2'\n\
                    [[module.mounts]]\nsource = 'content3'\ntarget = 'content/watchdisabled'\ndisableWatch = true\n\
                    [[module.mounts]]\nsource = \"hugo_stats.json\"\ntarget = \"assets/watching/hugo_stats.json\"\n";
        assert_eq!(
            mounts("hugo.toml", toml),
            pairs(&[("content", ""), ("content2", "c2"), ("content3", "watchdisabled")])
        );
        let yaml = "module:\n  mounts:\n    - source: content/en\n      target: content\n    - source: layouts\n      target: layouts\n";
        assert_eq!(mounts("hugo.yaml", yaml), pairs(&[("content/en", "")]));
        let own = "[[mounts]]\nsource = \"docs\"\ntarget = \"content/docs/\"\n";
        assert_eq!(mounts("config/_default/module.toml", own), pairs(&[("docs", "docs")]));
        assert!(mounts("hugo.toml", "title = \"x\"\n").is_empty());
        assert!(mounts("hugo.toml", "[[module.mounts]]\nsource = \"x\"\ntarget = \"contentish\"\n").is_empty());
    }

    /// Hugo's `TestDirsMount` (gohugoio/hugo `config/allconfig/allconfig_integration_test.go`
    /// at 7b5199fdeff7d7682e9f979f468d55bc7b67b934): one `content` mount per language;
    /// the default language's is the content folder, and `lang` says the same in older sites.
    #[test]
    fn keeps_the_mounts_of_the_default_language() {
        let toml = "[languages]\n[languages.en]\nweight = 1\n[languages.sv]\nweight = 2\n\
                    [[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = 'en'\n\
                    [[module.mounts]]\nsource = 'content/sv'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = 'sv'\n";
        assert_eq!(mounts("hugo.toml", toml), pairs(&[("content/en", "")]));
        let older = "defaultContentLanguage = \"de\"\n[[module.mounts]]\nsource = \"content/en\"\ntarget = \"content\"\nlang = \"en\"\n\
                     [[module.mounts]]\nsource = \"content/de\"\ntarget = \"content\"\nlang = \"de\"\n";
        assert_eq!(mounts("hugo.toml", older), pairs(&[("content/de", "")]));
    }
}
