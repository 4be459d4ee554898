//! The theme's own words, per language: what the templates see as `t` (`{{ t.menu }}`).
//! opsbook ships English and German; a handbook adds or changes words for any language
//! in `i18n/<lang>.toml` beside `book.toml` (a flat table of the keys below, read by
//! [`read_strings_file`] through the one confinement and `crate::fs`), as
//! jekyll-multiple-languages reads `_i18n/<lang>.yml` and Hugo a theme's `i18n/<lang>.toml`
//! (<https://gohugo.io/content-management/multilingual/#translation-of-strings>).
//! A key a language lacks is the English word. A handbook of one language sees the
//! English table and reads no file, so its pages stay as they were. Hugo's form of a
//! word (`[menu]` with `other = "…"`) is read too, and keys that are none of opsbook's
//! (an old theme's) are one note.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The English words, by key: every key a strings file may set.
pub(crate) const ENGLISH: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to content"),
    ("skip_to_navigation", "Skip to navigation"),
    ("menu", "Menu"),
    ("search_placeholder", "Search (/ or Ctrl-K)"),
    ("search_label", "Search the handbook"),
    ("handbook", "Handbook"),
    ("indexes", "Indexes"),
    ("owners", "Owners"),
    ("tags", "Tags"),
    ("review", "Review"),
    ("alerts", "Alerts"),
    ("status", "Status"),
    ("built_with", "Built with"),
    ("on_this_page", "On this page"),
    ("previous_and_next", "Previous and next pages"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("breadcrumb", "Breadcrumb"),
    ("tags_label", "Tags:"),
    ("pages_that_link_here", "Pages that link here"),
    ("edit_this_page", "Edit this page"),
    ("view_source", "View source"),
    ("history", "History"),
    ("open_an_issue", "Open an issue about this page"),
    ("languages", "Languages"),
    ("not_translated", "not translated yet"),
    ("not_translated_notice", "This page is not translated yet: it is shown in its original language."),
    ("read_the_original", "Read the original"),
    ("back_to_top", "Back to top"),
    ("search_title", "Search"),
    ("search_page_placeholder", "Words, or filters like kind:runbook owner:@dba-team"),
    ("search_button", "Search"),
    ("filters", "Filters"),
    ("search_needs_javascript", "Search runs in your browser and needs JavaScript."),
    ("search_results_label", "Search results"),
    ("search_no_match", "No pages match."),
    ("search_no_page_has", "No page has {words}."),
    ("search_no_page_has_others", "No page has {words}: these pages have the other words."),
    ("search_all_results", "All {n} results"),
    ("search_status_one", "1 page matches"),
    ("search_status_many", "{n} pages match"),
    ("search_status_shown", ", 8 shown"),
    ("search_status_keys", ". Use the arrow keys to choose."),
    ("search_count_one", "1 page"),
    ("search_count_many", "{n} pages"),
    ("search_did_you_mean", "Did you mean "),
    ("search_show_more", "Show more"),
    ("search_facet_kind", "Kind"),
    ("search_facet_section", "Section"),
    ("search_facet_owner", "Owner"),
    ("search_facet_tag", "Tag"),
    ("search_fewer", "Fewer"),
    ("search_more", "More ({n})"),
    ("search_fewer_filters", "Fewer {facet} filters"),
    ("search_more_filters", "More {facet} filters"),
];

/// The German words.
const GERMAN: &[(&str, &str)] = &[
    ("skip_to_content", "Zum Inhalt springen"),
    ("skip_to_navigation", "Zur Navigation springen"),
    ("menu", "Menü"),
    ("search_placeholder", "Suchen (/ oder Strg-K)"),
    ("search_label", "Das Handbuch durchsuchen"),
    ("handbook", "Handbuch"),
    ("indexes", "Verzeichnisse"),
    ("owners", "Verantwortliche"),
    ("tags", "Schlagwörter"),
    ("review", "Überprüfung"),
    ("alerts", "Alarme"),
    ("status", "Status"),
    ("built_with", "Erstellt mit"),
    ("on_this_page", "Auf dieser Seite"),
    ("previous_and_next", "Vorherige und nächste Seite"),
    ("previous", "Zurück"),
    ("next", "Weiter"),
    ("breadcrumb", "Pfad"),
    ("tags_label", "Schlagwörter:"),
    ("pages_that_link_here", "Seiten, die hierher verlinken"),
    ("edit_this_page", "Diese Seite bearbeiten"),
    ("view_source", "Quelltext ansehen"),
    ("history", "Verlauf"),
    ("open_an_issue", "Ein Issue zu dieser Seite eröffnen"),
    ("languages", "Sprachen"),
    ("not_translated", "noch nicht übersetzt"),
    ("not_translated_notice", "Diese Seite ist noch nicht übersetzt: sie wird in ihrer Originalsprache gezeigt."),
    ("read_the_original", "Zum Original"),
    ("back_to_top", "Nach oben"),
    ("search_title", "Suche"),
    ("search_page_placeholder", "Wörter, oder Filter wie kind:runbook owner:@dba-team"),
    ("search_button", "Suchen"),
    ("filters", "Filter"),
    ("search_needs_javascript", "Die Suche läuft in Ihrem Browser und braucht JavaScript."),
    ("search_results_label", "Suchergebnisse"),
    ("search_no_match", "Keine Seite passt."),
    ("search_no_page_has", "Keine Seite enthält {words}."),
    ("search_no_page_has_others", "Keine Seite enthält {words}: diese Seiten enthalten die anderen Wörter."),
    ("search_all_results", "Alle {n} Ergebnisse"),
    ("search_status_one", "1 Seite passt"),
    ("search_status_many", "{n} Seiten passen"),
    ("search_status_shown", ", 8 angezeigt"),
    ("search_status_keys", ". Mit den Pfeiltasten auswählen."),
    ("search_count_one", "1 Seite"),
    ("search_count_many", "{n} Seiten"),
    ("search_did_you_mean", "Meinten Sie "),
    ("search_show_more", "Mehr zeigen"),
    ("search_facet_kind", "Art"),
    ("search_facet_section", "Bereich"),
    ("search_facet_owner", "Verantwortliche"),
    ("search_facet_tag", "Schlagwort"),
    ("search_fewer", "Weniger"),
    ("search_more", "Mehr ({n})"),
    ("search_fewer_filters", "Weniger Filter: {facet}"),
    ("search_more_filters", "Mehr Filter: {facet}"),
];

/// The names of languages in themselves, for the language switch; another code is shown
/// as written.
const NAMES: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
    ("pl", "Polski"),
    ("sv", "Svenska"),
    ("da", "Dansk"),
    ("nb", "Norsk bokmål"),
    ("fi", "Suomi"),
    ("cs", "Čeština"),
    ("ja", "日本語"),
    ("zh", "中文"),
    ("ko", "한국어"),
    ("ru", "Русский"),
    ("uk", "Українська"),
];

/// One language's words, by key.
pub(crate) type Words = BTreeMap<&'static str, String>;

/// The words the search script writes (keys `search_` that are no template's words), as
/// JSON for its `data-words`: `{n}`, `{words}` and `{facet}` are filled in by the script.
pub(crate) fn search_script_words(words: &Words) -> String {
    let script: BTreeMap<&str, &str> = words
        .iter()
        .filter(|(key, _)| key.starts_with("search_") && !TEMPLATE_SEARCH_WORDS.contains(key))
        .map(|(key, word)| (*key, word.as_str()))
        .collect();
    serde_json::to_string(&script).unwrap_or_default()
}

/// The `search_` words the templates write themselves.
const TEMPLATE_SEARCH_WORDS: [&str; 6] = [
    "search_placeholder",
    "search_label",
    "search_title",
    "search_page_placeholder",
    "search_button",
    "search_needs_javascript",
];

/// The name of language `code` in itself (`Deutsch`), or the code.
pub(crate) fn language_name(code: &str) -> &str {
    let primary = code.split('-').next().unwrap_or(code);
    NAMES.iter().find(|(c, _)| c.eq_ignore_ascii_case(primary)).map_or(code, |(_, name)| name)
}

/// The built-in words of `code`: German for `de`, else English.
pub(crate) fn built_in(code: &str) -> Words {
    let mut words: Words = ENGLISH.iter().map(|(k, v)| (*k, v.to_string())).collect();
    if code.split('-').next().is_some_and(|primary| primary.eq_ignore_ascii_case("de")) {
        words.extend(GERMAN.iter().map(|(k, v)| (*k, v.to_string())));
    }
    words
}

/// The largest strings file read.
const MAX_STRINGS_BYTES: u64 = 256 * 1024;

/// The words of `code`: the built-in ones, with those of the handbook's
/// `i18n/<code>.toml` over them. A file that is refused (a link out of the handbook,
/// not a regular file, too large) or unreadable, a key opsbook does not know or a value
/// that is not a string are warnings at the file; the rest of the file still counts.
pub(crate) fn words_for(root: &Path, code: &str, diagnostics: &mut Vec<Diagnostic>) -> Words {
    let mut words = built_in(code);
    if !crate::config::is_language_code(code) {
        return words;
    }
    let shown = format!("i18n/{code}.toml");
    let path = root.join("i18n").join(format!("{code}.toml"));
    if std::fs::symlink_metadata(&path).is_err() {
        return words;
    }
    if let Some(text) = read_strings_file(root, &path, &shown, diagnostics) {
        apply(&mut words, &text, &shown, diagnostics);
    }
    words
}

/// The text of a strings file, confined to the handbook and read through `crate::fs`.
fn read_strings_file(root: &Path, path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let warn = |message: String| {
        Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message).with_severity(Severity::Warning)
    };
    if let Some(Err(why)) = crate::content::confine::Confinement::new(root).map(|c| c.check_readable(path)) {
        diagnostics.push(
            Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, format!("the strings file is not read: {why}"))
                .with_severity(Severity::Warning),
        );
        return None;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_STRINGS_BYTES) {
        diagnostics
            .push(warn(format!("the strings file is larger than {} KiB: it is not read", MAX_STRINGS_BYTES / 1024)));
        return None;
    }
    match crate::fs::read_text(path, crate::fs::FileKind::Config) {
        Ok(text) => Some(text),
        Err(e) => {
            diagnostics.push(warn(format!("cannot read the strings file: {e:#}")));
            None
        }
    }
}

/// Sets the words of the TOML `text` of file `shown` in `words`.
fn apply(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |span| crate::diagnostic::line_column(text, span.start));
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, line, column, format!("{shown}: {}", e.message().trim()))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    let mut unknown: Vec<String> = Vec::new();
    for (key, value) in table {
        let (line, column) = crate::config::locate_key(text, &key);
        let Some(&(known, _)) = ENGLISH.iter().find(|(k, _)| *k == key) else {
            unknown.push(key);
            continue;
        };
        let value = match value {
            toml::Value::Table(mut hugo) => hugo.remove("other").unwrap_or(toml::Value::Table(hugo)),
            value => value,
        };
        match value {
            toml::Value::String(word) => drop(words.insert(known, word)),
            _ => diagnostics.push(
                Diagnostic::error(Rule::ConfigField, shown, line, column, format!("`{key}` must be a string"))
                    .with_severity(Severity::Warning),
            ),
        }
    }
    if let Some(first) = unknown.first() {
        let (line, column) = crate::config::locate_key(text, first);
        let named: Vec<String> = unknown.iter().take(3).map(|k| format!("`{k}`")).collect();
        let more = if unknown.len() > 3 { format!(" and {} more", unknown.len() - 3) } else { String::new() };
        let mut d = Diagnostic::error(
            Rule::ConfigField,
            shown,
            line,
            column,
            format!(
                "{}{more} {} no word of opsbook's theme: left out",
                named.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_severity(Severity::Note);
        if let Some(near) = crate::suggest::closest(first, ENGLISH.iter().map(|(k, _)| *k)) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_script_reads_its_own_words_as_json() {
        let json = search_script_words(&built_in("de"));
        let words: BTreeMap<String, String> = serde_json::from_str(&json).expect("JSON");
        assert_eq!(words.get("search_no_match").map(String::as_str), Some("Keine Seite passt."));
        assert_eq!(words.get("search_all_results").map(String::as_str), Some("Alle {n} Ergebnisse"));
        assert!(words.keys().all(|key| key.starts_with("search_")), "{words:?}");
        assert!(!words.contains_key("search_placeholder") && !words.contains_key("search_title"));
        assert_eq!(words.len(), 21);
    }

    #[test]
    fn german_has_every_english_key() {
        for (key, _) in ENGLISH {
            assert!(GERMAN.iter().any(|(k, _)| k == key), "{key}");
        }
        assert_eq!(built_in("de-AT")["menu"], "Menü");
        assert_eq!(built_in("fr")["menu"], "Menu");
        assert_eq!(language_name("de"), "Deutsch");
        assert_eq!(language_name("tlh"), "tlh");
    }

    #[test]
    fn a_strings_file_sets_known_words_and_warns_of_the_rest() {
        let mut words = built_in("fr");
        let mut diagnostics = Vec::new();
        let text = "menu = \"Menu FR\"\nmneu = \"x\"\nnext = 3\n[previous]\nother = \"Précédent\"\n";
        apply(&mut words, text, "i18n/fr.toml", &mut diagnostics);
        assert_eq!(words["menu"], "Menu FR");
        assert_eq!(words["previous"], "Précédent");
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].message, "`next` must be a string");
        assert_eq!((diagnostics[1].line, diagnostics[1].column), (2, 1));
        assert_eq!(diagnostics[1].message, "`mneu` is no word of opsbook's theme: left out");
        assert_eq!(diagnostics[1].help.as_deref(), Some("did you mean `menu`?"));
    }
}
