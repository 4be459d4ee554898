//! What a Hugo site's configuration says of its URLs (gohugoio/hugo docs,
//! `content/en/content-management/multilingual.md`, `configuration/all.md`): a
//! multilingual site keeps each language's pages in its own `contentDir`
//! (`content/en`), and publishes a language under `/<lang>/` unless it is the
//! `defaultContentLanguage` (`en` unless set) and `defaultContentLanguageInSubdir` is
//! false (the default). A handbook whose content folder is one language's `contentDir`
//! is published, in the old site, under that language's prefix: links to `/en/x/` are
//! links to its page `x`.
//!
//! Read from the first configuration Hugo reads: `hugo.toml` (`.yaml`, `.yml`), then
//! `config.toml` (`.yaml`, `.yml`), at the root or in `config/_default/` (with
//! `languages.toml` there); keys without regard to case, as Hugo reads them.

use serde_json::{Map, Value};

/// The configuration files of a Hugo site, in the order Hugo looks for them.
pub(crate) const CONFIG_FILES: [&str; 12] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
];

/// The configuration files of the `production` environment, which `hugo` builds with
/// unless told otherwise; their keys win over the default's
/// (<https://gohugo.io/configuration/introduction/#configuration-directory>).
pub(crate) const PRODUCTION_FILES: [&str; 6] = [
    "config/production/hugo.toml",
    "config/production/hugo.yaml",
    "config/production/hugo.yml",
    "config/production/config.toml",
    "config/production/config.yaml",
    "config/production/config.yml",
];

/// Where the site was published: `baseURL` of the production environment's
/// configuration `production`, else of the site's `config`, when it is an HTTP address
/// (<https://gohugo.io/configuration/all/#baseurl>).
pub(crate) fn published_address(config: Option<&Value>, production: Option<&Value>) -> Option<String> {
    let base_url = |value: Option<&Value>| key(value?.as_object()?, "baseURL")?.as_str().map(str::to_string);
    let url = base_url(production).or_else(|| base_url(config))?;
    crate::compat::interface::published_address(&url, None)
}

/// The files of `config/_default/` that hold the `markup` table by themselves.
pub(crate) const MARKUP_FILES: [&str; 3] =
    ["config/_default/markup.toml", "config/_default/markup.yaml", "config/_default/markup.yml"];

/// The files of `config/_default/` that hold the `languages` table by themselves.
pub(crate) const LANGUAGE_FILES: [&str; 3] =
    ["config/_default/languages.toml", "config/_default/languages.yaml", "config/_default/languages.yml"];

/// The files of `config/_default/` that hold the `permalinks` table by themselves.
pub(crate) const PERMALINK_FILES: [&str; 3] =
    ["config/_default/permalinks.toml", "config/_default/permalinks.yaml", "config/_default/permalinks.yml"];

/// The `permalinks` rules of a Hugo site, by the configuration `config` and the
/// `permalinks` table of a file of its own (`own`, which wins); `Err` is a message and
/// the text of the configuration it is about, to find its line.
pub(crate) fn permalinks(
    config: Option<&Value>,
    own: Option<&Value>,
) -> Result<Vec<crate::compat::hugo::permalinks::Rule>, (String, String)> {
    let Some(value) = own.or_else(|| key(config?.as_object()?, "permalinks")) else { return Ok(Vec::new()) };
    crate::compat::hugo::permalinks::read_rules(value).map_err(|message| {
        let needle = message.split('`').nth(1).unwrap_or("permalinks").to_string();
        (message, needle)
    })
}

/// The text of a configuration file as JSON (`name` says TOML or YAML); `Err` is a
/// message.
pub(crate) fn parse(name: &str, text: &str) -> Result<Value, String> {
    if name.ends_with(".toml") {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        serde_json::to_value(table).map_err(|e| e.to_string())
    } else {
        let documents = crate::content::front_matter::parse_yaml_documents(text).map_err(|e| e.message)?;
        Ok(documents.first().map_or(Value::Null, crate::content::node::Node::to_json))
    }
}

/// Goldmark's definition lists in Hugo, by the configuration `config` and the `markup`
/// table of a file of its own (`markup`, which wins): on unless
/// `markup.goldmark.extensions.definitionList` is false, each term with an `id` when
/// `markup.goldmark.parser.autoDefinitionTermID` is true
/// (<https://gohugo.io/configuration/markup/#goldmark>).
pub(crate) fn definition_lists(
    config: Option<&Value>,
    markup: Option<&Value>,
) -> crate::compat::interface::DefinitionLists {
    let goldmark = markup
        .or_else(|| key(config?.as_object()?, "markup"))
        .and_then(Value::as_object)
        .and_then(|markup| key(markup, "goldmark"))
        .and_then(Value::as_object);
    let setting = |table: &str, name: &str| {
        goldmark
            .and_then(|g| key(g, table))
            .and_then(Value::as_object)
            .and_then(|t| key(t, name))
            .and_then(Value::as_bool)
    };
    match setting("extensions", "definitionList") {
        Some(false) => crate::compat::interface::DefinitionLists::Off,
        _ => crate::compat::interface::DefinitionLists::On {
            term_ids: setting("parser", "autoDefinitionTermID") == Some(true),
        },
    }
}

/// Whether the configuration `config` sets `enableEmoji = true`, which has Goldmark's
/// emoji extension turn `:smile:` into an emoji (off unless set,
/// <https://gohugo.io/configuration/all/#enableemoji>).
pub(crate) fn enables_emoji(config: Option<&Value>) -> bool {
    config.and_then(Value::as_object).and_then(|top| key(top, "enableEmoji")).and_then(Value::as_bool) == Some(true)
}

/// A key of a mapping, without regard to case.
pub(crate) fn key<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// The languages of a multilingual Hugo site, `defaultContentLanguage` (`en` unless set)
/// first, then the others in Hugo's order (by `weight`, languages without one last, then
/// by code), leaving out `disabled` ones and those of `disableLanguages`; by the
/// configuration `config` and the `languages` table of a file of its own (`languages`).
/// Hugo lower-cases the codes. Empty unless the site keeps its translations where
/// opsbook reads them: named for their language beside the page (`db.de.md`, no
/// `contentDir`), or each other language's `contentDir` the content folder's own
/// `<code>` folder (and the default language's, if set, the content folder itself).
/// <https://gohugo.io/content-management/multilingual/>
pub(crate) fn languages(config: &Value, languages: Option<&Value>, content_folder: &str) -> Vec<String> {
    let Some(top) = config.as_object() else { return Vec::new() };
    let Some(table) = languages.or_else(|| key(top, "languages")).and_then(Value::as_object) else {
        return Vec::new();
    };
    let default = key(top, "defaultContentLanguage").and_then(Value::as_str).unwrap_or("en").to_ascii_lowercase();
    let disabled: Vec<String> = key(top, "disableLanguages")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    let content_folder = content_folder.trim_end_matches('/');
    let mut listed: Vec<(i64, String)> = Vec::new();
    for (code, settings) in table {
        let code = code.to_ascii_lowercase();
        let settings = settings.as_object();
        let setting = |name: &str| settings.and_then(|s| key(s, name));
        if disabled.contains(&code) || setting("disabled").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if let Some(dir) = setting("contentDir").and_then(Value::as_str) {
            let dir = dir.trim_start_matches("./").trim_end_matches('/');
            let expected =
                if code == default { content_folder.to_string() } else { format!("{content_folder}/{code}") };
            if dir != expected {
                return Vec::new();
            }
        }
        listed.push((setting("weight").and_then(Value::as_i64).unwrap_or(0), code));
    }
    if !listed.iter().any(|(_, code)| *code == default) {
        return Vec::new();
    }
    listed.sort_by(|(wa, a), (wb, b)| (*wa == 0, *wa, a).cmp(&(*wb == 0, *wb, b)));
    let mut codes: Vec<String> = vec![default.clone()];
    codes.extend(listed.into_iter().map(|(_, code)| code).filter(|code| *code != default));
    codes
}

/// The URL prefix (`en/`) under which the old site published the pages of the content
/// folder `content_folder`, by the configuration `config` and the `languages` table of
/// a file of its own (`languages`), or `None` for the root.
pub(crate) fn content_route(config: &Value, languages: Option<&Value>, content_folder: &str) -> Option<String> {
    let top = config.as_object()?;
    let default = key(top, "defaultContentLanguage").and_then(Value::as_str).unwrap_or("en");
    let in_subdir = key(top, "defaultContentLanguageInSubdir").and_then(Value::as_bool).unwrap_or(false);
    let same =
        |dir: &Value| dir.as_str().is_some_and(|d| d.trim_start_matches("./").trim_end_matches('/') == content_folder);
    let languages = languages.or_else(|| key(top, "languages")).and_then(Value::as_object);
    let named = languages.into_iter().flatten().find_map(|(lang, settings)| {
        let dir = settings.as_object().and_then(|s| key(s, "contentDir"))?;
        same(dir).then_some(lang.as_str())
    });
    let lang = named.or_else(|| key(top, "contentDir").filter(|dir| same(dir)).map(|_| default))?;
    (lang != default || in_subdir).then(|| format!("{lang}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_address_is_production_s_base_url_else_the_default_s() {
        let toml = |text: &str| parse("hugo.toml", text).unwrap();
        let default = toml("baseURL = \"https://example.org/docs/\"\n");
        assert_eq!(published_address(Some(&default), None).as_deref(), Some("https://example.org/docs"));
        let production = toml("baseurl = \"https://ops.example.org/\"\n");
        let address = published_address(Some(&default), Some(&production));
        assert_eq!(address.as_deref(), Some("https://ops.example.org"));
        for local in ["baseURL = \"/\"\n", "baseURL = \"\"\n", "title = \"x\"\n", "baseURL = 3\n"] {
            assert_eq!(published_address(Some(&toml(local)), None), None, "{local}");
        }
        assert_eq!(published_address(None, None), None);
    }

    #[test]
    fn lists_the_languages_whose_translations_are_where_opsbook_reads_them() {
        let toml = parse(
            "hugo.toml",
            "defaultContentLanguage = \"de\"\ndisableLanguages = [\"it\"]\n[languages.en]\nweight = 2\n[languages.de]\nweight = 1\n\
             [languages.FR]\n[languages.it]\n[languages.es]\nweight = 3\ndisabled = true\n",
        )
        .unwrap();
        assert_eq!(languages(&toml, None, "content"), ["de", "en", "fr"]);
        // Each language's own folder inside the content folder, the default's the folder itself.
        let dirs = parse(
            "hugo.toml",
            "[languages.en]\ncontentDir = \"content\"\n[languages.de]\ncontentDir = \"content/de\"\n",
        )
        .unwrap();
        assert_eq!(languages(&dirs, None, "content"), ["en", "de"]);
        // Sibling folders (`content/en`, `content/de`): a handbook of one of them.
        let siblings = parse(
            "hugo.toml",
            "[languages.en]\ncontentDir = \"content/en\"\n[languages.de]\ncontentDir = \"content/de\"\n",
        )
        .unwrap();
        assert!(languages(&siblings, None, "content/en").is_empty());
        assert!(languages(&parse("hugo.toml", "title = \"x\"\n").unwrap(), None, "content").is_empty());
        let file = parse("languages.yaml", "en:\n  weight: 1\nnl:\n  weight: 2\n").unwrap();
        assert_eq!(languages(&parse("hugo.toml", "").unwrap(), Some(&file), "content"), ["en", "nl"]);
    }

    /// Hugo's `TestGoldmarkEmojiExtension`, `TestEmojiDisabled` and
    /// `TestEmojiDefaultConfig` (gohugoio/hugo `markup/goldmark/goldmark_integration_test.go`
    /// at 7b5199fdeff7d7682e9f979f468d55bc7b67b934): on with `enableEmoji = true` only.
    #[test]
    fn reads_enable_emoji() {
        assert!(enables_emoji(Some(&parse("hugo.toml", "enableEmoji = true\n").unwrap())));
        assert!(enables_emoji(Some(&parse("config.yaml", "enableemoji: true\n").unwrap())));
        assert!(!enables_emoji(Some(&parse("hugo.toml", "enableEmoji = false\n").unwrap())));
        assert!(!enables_emoji(Some(&parse("hugo.toml", "title = \"x\"\n").unwrap())));
        assert!(!enables_emoji(None));
    }

    #[test]
    fn finds_the_language_prefix_of_the_content_folder() {
        let toml = parse(
            "hugo.toml",
            "contentDir = \"content/en\"\ndefaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n[languages.en]\nweight = 1\n[languages.de]\ncontentDir = \"content/de\"\n",
        )
        .unwrap();
        assert_eq!(content_route(&toml, None, "content/en").as_deref(), Some("en/"));
        assert_eq!(content_route(&toml, None, "content/de").as_deref(), Some("de/"));
        assert_eq!(content_route(&toml, None, "content"), None);
        let yaml = parse(
            "config.yaml",
            "contentDir: content/en\ndefaultContentLanguage: en\nlanguages:\n  en:\n    contentDir: content/en\n  ja:\n    contentDir: content/ja\n",
        )
        .unwrap();
        assert_eq!(content_route(&yaml, None, "content/en"), None, "the default language is at the root");
        assert_eq!(content_route(&yaml, None, "content/ja").as_deref(), Some("ja/"));
        let languages = parse("languages.yaml", "fr:\n  contentDir: content/fr\n").unwrap();
        assert_eq!(content_route(&yaml, Some(&languages), "content/fr").as_deref(), Some("fr/"));
    }
}
