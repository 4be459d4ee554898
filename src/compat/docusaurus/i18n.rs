//! Docusaurus's translations: a Docusaurus site lists its locales in
//! `docusaurus.config.js` (`i18n: { defaultLocale: 'en', locales: ['en', 'de'] }`) and
//! keeps each other locale's docs in `i18n/<locale>/docusaurus-plugin-content-docs/current/`,
//! at the paths the docs have under `docs/`
//! (<https://docusaurus.io/docs/i18n/tutorial#translate-markdown-files>,
//! <https://docusaurus.io/docs/api/docusaurus-config#i18n>).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::{Config, Source};
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::blog::BlogPlugin;
use crate::compat::docusaurus::js_literal::{Js, Located};
use crate::compat::docusaurus::js_options::object_at_key;
use crate::compat::docusaurus::site::{SiteConfig, site_config};
use crate::compat::docusaurus::versions::read;

/// The folder of a locale's translated docs (the current version), from the root.
fn docs_folder(locale: &str) -> String {
    format!("i18n/{locale}/docusaurus-plugin-content-docs/current")
}

/// Mounts the folders a Docusaurus site's layout publishes: its further docs instances'
/// and blogs' ([`crate::compat::docusaurus::instances`]), its versions'
/// ([`crate::compat::docusaurus::versions`]) and its locales'. The build and the watcher of
/// `serve` both call it, so that they know the same folders.
pub(crate) fn mount_layout(config: &mut Config, diagnostics: &mut Vec<Diagnostic>) {
    let site = site_config(config, diagnostics);
    if let Some(site) = site.as_ref().as_ref().filter(|_| !config.book_table) {
        crate::compat::docusaurus::instances::mount_instances(config, site, diagnostics);
    }
    crate::compat::docusaurus::versions::mount_versions(config, site.as_ref().as_ref(), diagnostics);
    if let Some(site) = site.as_ref() {
        mount_locales(config, site, diagnostics);
    }
    // The mounts changed: the confinement's content tree is made anew on first use.
    config.confined = Default::default();
}

/// Takes a Docusaurus site's locales as the handbook's languages (unless book.toml lists
/// some) and mounts each language's translated docs at its folder.
fn mount_locales(config: &mut Config, site: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let root = config.root.clone();
    if config.book_table || !site.readable {
        return;
    }
    let name = site.name;
    if config.languages.list.is_empty() {
        let i18n = match object_at_key(&site.text, "i18n") {
            Ok(Some(i18n)) => i18n,
            Ok(None) => return,
            Err((line, column, message)) => {
                let note = format!("cannot read the locales ({message}): the handbook has one language");
                diagnostics.push(
                    Diagnostic::error(Rule::ConfigSyntax, name, line, column, note).with_severity(Severity::Note),
                );
                return;
            }
        };
        let locales = locales_of(&i18n, name, diagnostics);
        if locales.len() < 2 {
            return;
        }
        config.language = locales[0].clone();
        config.languages.list = locales;
    }
    let content = config.content_folder.trim_end_matches('/').to_string();
    // The blogs mounted from a blog plugin's folder (its `path`), with the folder of the
    // plugin's translated posts, before the locales' folders are added.
    let blogs: Vec<(Source, &BlogPlugin)> = config
        .sources
        .list
        .iter()
        .filter_map(|s| Some((s.clone(), site.blogs.iter().find(|p| p.path == s.folder.trim_matches('/'))?)))
        .collect();
    for locale in config.languages.list.clone().iter().skip(1) {
        let labels = sidebar_labels(config, locale, diagnostics);
        if !labels.is_empty() {
            config.languages.labels.insert(locale.clone(), labels);
        }
        for (blog, plugin) in &blogs {
            let folder = plugin.translated_folder(locale);
            let mount = format!("{locale}/{}", blog.mount.trim_matches('/'));
            let taken = config.sources.list.iter().any(|s| s.folder == folder || s.mount == mount);
            if taken || root.join(&content).join(&mount).exists() || !root.join(&folder).is_dir() {
                continue;
            }
            config.sources.list.push(Source { folder, mount, repository: None, subdir: String::new(), ..blog.clone() });
        }
        let folder = docs_folder(locale);
        let taken = config.sources.list.iter().any(|s| s.folder == folder || s.mount == *locale);
        if taken || root.join(&content).join(locale).exists() || !root.join(&folder).is_dir() {
            continue;
        }
        config.sources.list.push(Source::mounted(folder, locale.clone()));
    }
}

/// A locale's translations of the sidebar's labels, by the label as written: the
/// `sidebar.<sidebar>.category.<label>` (and `.link.`, `.doc.`) messages of its
/// `current.json`, read like the configuration (confined, a regular file, within the
/// limit); a file that is no JSON object is a note at it.
fn sidebar_labels(
    config: &Config,
    locale: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::HashMap<String, String> {
    let name = format!("{}.json", docs_folder(locale));
    let mut labels = std::collections::HashMap::new();
    if std::fs::symlink_metadata(config.root.join(&name)).is_err() {
        return labels;
    }
    let Some(text) = read(config, &name, diagnostics) else { return labels };
    let table: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(&text) {
        Ok(table) => table,
        Err(e) => {
            let message = format!("cannot read the sidebar's labels: {e}");
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, name, e.line(), e.column(), message)
                    .with_severity(Severity::Note),
            );
            return labels;
        }
    };
    for (id, entry) in table {
        let Some((_, rest)) = id.strip_prefix("sidebar.").and_then(|rest| rest.split_once('.')) else { continue };
        let label = ["category.", "link.", "doc."].iter().find_map(|kind| rest.strip_prefix(kind));
        let message = entry.get("message").and_then(serde_json::Value::as_str).filter(|m| !m.trim().is_empty());
        if let (Some(label), Some(message)) = (label, message) {
            labels.insert(label.to_string(), message.to_string());
        }
    }
    labels
}

/// The locales of an `i18n` object, `defaultLocale` first; a locale that is no language
/// code is a warning at it (in `file`), left out.
fn locales_of(i18n: &Located, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut listed: Vec<&Located> = Vec::new();
    if let Some(default) = i18n.get("defaultLocale") {
        listed.push(default);
    }
    if let Some(Located { value: Js::Array(items), .. }) = i18n.get("locales") {
        listed.extend(items);
    }
    let mut locales: Vec<String> = Vec::new();
    for item in listed {
        let Some(code) = item.str() else { continue };
        if locales.iter().any(|known| known == code) {
            continue;
        }
        if !crate::config::is_language_code(code) {
            diagnostics.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    file,
                    item.line,
                    item.column,
                    format!("the locale {code:?} is not a language code opsbook can publish under: it is left out"),
                )
                .with_severity(Severity::Warning)
                .with_help("write locales as language tags, such as 'de' or 'pt-BR'"),
            );
            continue;
        }
        locales.push(code.to_string());
    }
    locales
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales(text: &str) -> (Vec<String>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let i18n = object_at_key(text, "i18n").expect("parsed").expect("an i18n object");
        (locales_of(&i18n, "docusaurus.config.js", &mut diagnostics), diagnostics)
    }

    #[test]
    fn reads_the_default_locale_first_then_the_others() {
        let text = "module.exports = {\n  i18n: {\n    defaultLocale: 'en',\n    locales: ['de', 'en', \"pt-BR\"],\n    localeConfigs: { de: { label: 'Deutsch' } },\n  },\n};\n";
        assert_eq!(locales(text).0, ["en", "de", "pt-BR"]);
        let (list, diagnostics) =
            locales("const config = { i18n: { defaultLocale: 'en', locales: ['en', 'zh_CN'] } };");
        assert_eq!(list, ["en"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (1, 63));
        assert!(object_at_key("module.exports = { title: 'x', config: { i18n: 1 } }", "i18n").expect("read").is_none());
    }
}
