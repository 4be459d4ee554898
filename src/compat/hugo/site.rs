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

use crate::slug::HeadingIdStyle;

/// Where the site was published: `baseURL` of the site's configuration `config` (the
/// production environment's winning, [`super::config_files`]), when it is an HTTP address
/// (<https://gohugo.io/configuration/all/#baseurl>).
pub(crate) fn published_address(config: Option<&Value>) -> Option<String> {
    let url = key(config?.as_object()?, "baseURL")?.as_str()?;
    crate::compat::interface::published_address(url, None)
}

/// The `permalinks` rules of a Hugo site, by its configuration `config`; `Err` is a
/// message and the text of the configuration it is about, to find its line.
pub(crate) fn permalinks(
    config: Option<&Value>,
) -> Result<Vec<crate::compat::hugo::permalinks::Rule>, (String, String)> {
    let Some(value) = config.and_then(Value::as_object).and_then(|top| key(top, "permalinks")) else {
        return Ok(Vec::new());
    };
    crate::compat::hugo::permalinks::read_rules(value).map_err(|message| {
        let needle = message.split('`').nth(1).unwrap_or("permalinks").to_string();
        (message, needle)
    })
}

/// The text of a configuration file as JSON (`name` says TOML, JSON or YAML); `Err` is a
/// message.
pub(crate) fn parse(name: &str, text: &str) -> Result<Value, String> {
    if name.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else if name.ends_with(".toml") {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        serde_json::to_value(table).map_err(|e| e.to_string())
    } else {
        let documents = crate::content::front_matter::parse_yaml_documents(text).map_err(|e| e.message)?;
        Ok(documents.first().map_or(Value::Null, crate::content::node::Node::to_json))
    }
}

/// Goldmark's definition lists in Hugo, by the configuration `config`: on unless
/// `markup.goldmark.extensions.definitionList` is false, each term with an `id` when
/// `markup.goldmark.parser.autoDefinitionTermID` is true
/// (<https://gohugo.io/configuration/markup/#goldmark>).
pub(crate) fn definition_lists(config: Option<&Value>) -> crate::compat::interface::DefinitionLists {
    let setting = |table: &str, name: &str| goldmark_setting(config, table, name).and_then(Value::as_bool);
    match setting("extensions", "definitionList") {
        Some(false) => crate::compat::interface::DefinitionLists::Off,
        _ => crate::compat::interface::DefinitionLists::On {
            term_ids: setting("parser", "autoDefinitionTermID") == Some(true),
        },
    }
}

/// Goldmark's linkify in Hugo, by the configuration `config`: on unless
/// `markup.goldmark.extensions.linkify` is false, a `www.` address linked by
/// `linkifyProtocol` (`https` unless set; `http` the only other Hugo documents);
/// `http`, `https` and `ftp` addresses and emails, found by Goldmark's patterns
/// (goldmark `extension/linkify.go`, <https://gohugo.io/configuration/markup/#goldmark>).
pub(crate) fn autolinks(config: Option<&Value>) -> crate::content::reading_rules::AutolinkLiterals {
    use crate::content::reading_rules::{AutolinkLiterals, LiteralMatch};
    let extension = |name: &str| goldmark_setting(config, "extensions", name);
    if extension("linkify").and_then(Value::as_bool) == Some(false) {
        return AutolinkLiterals::OFF;
    }
    let http = extension("linkifyProtocol").and_then(Value::as_str).is_some_and(|p| p.eq_ignore_ascii_case("http"));
    let www = Some(if http { "http" } else { "https" });
    AutolinkLiterals { www, matching: LiteralMatch::Patterned, ..AutolinkLiterals::GFM }
}

/// The setting `markup.goldmark.<table>.<name>` of the configuration `config`.
pub(crate) fn goldmark_setting<'a>(config: Option<&'a Value>, table: &str, name: &str) -> Option<&'a Value> {
    let markup = key(config?.as_object()?, "markup")?.as_object()?;
    let goldmark = key(markup, "goldmark")?.as_object()?;
    key(key(goldmark, table)?.as_object()?, name)
}

/// The heading ids of the site of configuration `config` (<https://gohugo.io/configuration/markup/#goldmark>):
/// none but the author's with `markup.goldmark.parser.autoHeadingID = false`, else by
/// `autoHeadingIDType` (Hugo's older name, which wins when set) or `autoIDType`:
/// `github-ascii`, `blackfriday`, and `github` for any other value or none
/// (`markup/goldmark/goldmark_config/config.go`, `Parser.Init`; `autoid.go`).
pub(crate) fn heading_ids(config: Option<&Value>) -> HeadingIdStyle {
    let parser = |name: &str| goldmark_setting(config, "parser", name);
    if parser("autoHeadingID").and_then(Value::as_bool) == Some(false) {
        return HeadingIdStyle::None;
    }
    let older = parser("autoHeadingIDType").and_then(Value::as_str).filter(|kind| !kind.is_empty());
    match older.or_else(|| parser("autoIDType").and_then(Value::as_str)) {
        Some("github-ascii") => HeadingIdStyle::SourceLineAscii,
        Some("blackfriday") => HeadingIdStyle::SourceLineRuns,
        _ => HeadingIdStyle::SourceLine,
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
/// configuration `config`.
/// Hugo lower-cases the codes. Empty unless the site keeps its translations where
/// opsbook reads them: named for their language beside the page (`db.de.md`, no
/// `contentDir`), or each other language's `contentDir` the content folder's own
/// `<code>` folder (and the default language's, if set, the content folder itself).
/// <https://gohugo.io/content-management/multilingual/>
pub(crate) fn languages(config: &Value, content_folder: &str) -> Vec<String> {
    let Some(top) = config.as_object() else { return Vec::new() };
    let Some(table) = key(top, "languages").and_then(Value::as_object) else {
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
/// folder `content_folder`, by the configuration `config`, or `None` for the root.
pub(crate) fn content_route(config: &Value, content_folder: &str) -> Option<String> {
    let top = config.as_object()?;
    let default = key(top, "defaultContentLanguage").and_then(Value::as_str).unwrap_or("en");
    let in_subdir = key(top, "defaultContentLanguageInSubdir").and_then(Value::as_bool).unwrap_or(false);
    let same =
        |dir: &Value| dir.as_str().is_some_and(|d| d.trim_start_matches("./").trim_end_matches('/') == content_folder);
    let languages = key(top, "languages").and_then(Value::as_object);
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
    fn the_published_address_is_the_base_url() {
        let toml = |text: &str| parse("hugo.toml", text).unwrap();
        let default = toml("baseURL = \"https://example.org/docs/\"\n");
        assert_eq!(published_address(Some(&default)).as_deref(), Some("https://example.org/docs"));
        let production = toml("baseurl = \"https://ops.example.org/\"\n");
        assert_eq!(published_address(Some(&production)).as_deref(), Some("https://ops.example.org"));
        for local in ["baseURL = \"/\"\n", "baseURL = \"\"\n", "title = \"x\"\n", "baseURL = 3\n"] {
            assert_eq!(published_address(Some(&toml(local))), None, "{local}");
        }
        assert_eq!(published_address(None), None);
    }

    #[test]
    fn lists_the_languages_whose_translations_are_where_opsbook_reads_them() {
        let toml = parse(
            "hugo.toml",
            "defaultContentLanguage = \"de\"\ndisableLanguages = [\"it\"]\n[languages.en]\nweight = 2\n[languages.de]\nweight = 1\n\
             [languages.FR]\n[languages.it]\n[languages.es]\nweight = 3\ndisabled = true\n",
        )
        .unwrap();
        assert_eq!(languages(&toml, "content"), ["de", "en", "fr"]);
        // Each language's own folder inside the content folder, the default's the folder itself.
        let dirs = parse(
            "hugo.toml",
            "[languages.en]\ncontentDir = \"content\"\n[languages.de]\ncontentDir = \"content/de\"\n",
        )
        .unwrap();
        assert_eq!(languages(&dirs, "content"), ["en", "de"]);
        // Sibling folders (`content/en`, `content/de`): a handbook of one of them.
        let siblings = parse(
            "hugo.toml",
            "[languages.en]\ncontentDir = \"content/en\"\n[languages.de]\ncontentDir = \"content/de\"\n",
        )
        .unwrap();
        assert!(languages(&siblings, "content/en").is_empty());
        assert!(languages(&parse("hugo.toml", "title = \"x\"\n").unwrap(), "content").is_empty());
        let file = parse("hugo.yaml", "languages:\n  en:\n    weight: 1\n  nl:\n    weight: 2\n").unwrap();
        assert_eq!(languages(&file, "content"), ["en", "nl"]);
    }

    /// The types of `markup/goldmark/goldmark_config/config.go` (gohugoio/hugo at
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934): `autoHeadingIDType` wins over
    /// `autoIDType`, an unknown type is `github`, `autoHeadingID = false` makes none.
    #[test]
    fn reads_the_heading_id_type() {
        let ids = |text: &str| heading_ids(Some(&parse("hugo.toml", text).unwrap()));
        let parser = "[markup.goldmark.parser]\n";
        assert_eq!(ids(""), HeadingIdStyle::SourceLine);
        assert_eq!(ids(&format!("{parser}autoHeadingIDType = \"blackfriday\"\n")), HeadingIdStyle::SourceLineRuns);
        assert_eq!(ids(&format!("{parser}autoIDType = \"github-ascii\"\n")), HeadingIdStyle::SourceLineAscii);
        let both = format!("{parser}autoIDType = \"github-ascii\"\nautoHeadingIDType = \"blackfriday\"\n");
        assert_eq!(ids(&both), HeadingIdStyle::SourceLineRuns);
        assert_eq!(ids(&format!("{parser}autoIDType = \"gitlab\"\n")), HeadingIdStyle::SourceLine);
        assert_eq!(
            ids(&format!("{parser}autoHeadingID = false\nautoIDType = \"blackfriday\"\n")),
            HeadingIdStyle::None
        );
        assert_eq!(heading_ids(None), HeadingIdStyle::SourceLine);
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
        assert_eq!(content_route(&toml, "content/en").as_deref(), Some("en/"));
        assert_eq!(content_route(&toml, "content/de").as_deref(), Some("de/"));
        assert_eq!(content_route(&toml, "content"), None);
        let yaml = parse(
            "config.yaml",
            "contentDir: content/en\ndefaultContentLanguage: en\nlanguages:\n  en:\n    contentDir: content/en\n  ja:\n    contentDir: content/ja\n",
        )
        .unwrap();
        assert_eq!(content_route(&yaml, "content/en"), None, "the default language is at the root");
        assert_eq!(content_route(&yaml, "content/ja").as_deref(), Some("ja/"));
        let mut with_fr = yaml.clone();
        crate::compat::hugo::config_files::merge(
            &mut with_fr,
            serde_json::json!({"languages": {"fr": {"contentDir": "content/fr"}}}),
        );
        assert_eq!(content_route(&with_fr, "content/fr").as_deref(), Some("fr/"));
    }
}
