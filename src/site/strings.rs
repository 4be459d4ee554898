//! The theme's own words, per language: what the templates see as `t` (`{{ t.menu }}`).
//! opsbook ships English and German; a handbook adds or changes words for any language
//! in `i18n/<lang>.toml` beside `book.toml` (a flat table of the keys below, read by
//! [`file::read_strings_file`] through the one confinement and `crate::fs`), as
//! jekyll-multiple-languages reads `_i18n/<lang>.yml` and Hugo a theme's `i18n/<lang>.toml`
//! (<https://gohugo.io/content-management/multilingual/#translation-of-strings>); Hugo's
//! YAML and JSON forms (`i18n/<lang>.yaml`, `.yml`, `.json`) are read when there is no
//! `.toml`.
//! A key a language lacks is the English word. A handbook of one language sees the
//! English table and reads no file, so its pages stay as they were. Hugo's form of a
//! word (`[menu]` with `other = "…"`) is read too, and keys that are none of opsbook's
//! (an old theme's) are one note. A Docusaurus site's `i18n/<lang>/code.json`, its
//! theme's translated words, is read first (the same way), for the words both themes
//! have ([`file::CODE_JSON_WORDS`]); `i18n/<lang>.toml` wins over it.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::markdown::MarkdownWords;

mod english;
mod file;
mod german;

pub(crate) use english::ENGLISH;
pub(crate) use file::words_for;
use german::GERMAN;

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

/// The words of every language of a handbook ([`crate::site::Site::words`]).
#[derive(Debug, Clone)]
pub(crate) struct Languages {
    /// Each language's words, by code: in a handbook of one language, the English words
    /// under its language's code.
    by_code: BTreeMap<String, Words>,
    /// The words of a language the handbook does not have: English.
    english: Words,
    /// The Markdown body writer's words of each language of `by_code`
    /// ([`Languages::markdown`]).
    markdown: BTreeMap<String, MarkdownWords>,
}

impl Default for Languages {
    fn default() -> Self {
        Languages { by_code: BTreeMap::new(), english: built_in("en"), markdown: BTreeMap::new() }
    }
}

impl Languages {
    /// The words of each language of `config`: in a handbook of several, the built-in
    /// ones with its strings files over them ([`words_for`]); in a handbook of one, the
    /// English words, and no file is read, so that its pages stay as they were.
    pub(crate) fn read(config: &crate::config::Config, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let languages = &config.languages;
        let by_code = if languages.is_multilingual() {
            languages.list.iter().map(|code| (code.clone(), words_for(&config.root, code, diagnostics))).collect()
        } else {
            BTreeMap::from([(config.language.clone(), built_in("en"))])
        };
        let markdown = by_code
            .iter()
            .map(|(code, words)| (code.clone(), MarkdownWords::new(|key| word(words, key).into())))
            .collect();
        Languages { by_code, markdown, ..Languages::default() }
    }

    /// The words the Markdown body writer adds to a text in language `code`, or in the
    /// handbook's one language (`None`): English where the handbook lacks the language.
    pub(crate) fn markdown(&self, code: Option<&str>) -> &MarkdownWords {
        let words = match code {
            Some(code) => self.markdown.get(code),
            None => self.markdown.values().next().filter(|_| self.markdown.len() == 1),
        };
        words.unwrap_or(MarkdownWords::english())
    }

    /// The words of language `code`, or of the handbook's one language (`None`).
    pub(crate) fn of(&self, code: Option<&str>) -> &Words {
        let words = match code {
            Some(code) => self.by_code.get(code),
            None => self.by_code.values().next().filter(|_| self.by_code.len() == 1),
        };
        words.unwrap_or(&self.english)
    }

    /// Each language's code and words.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Words)> {
        self.by_code.iter()
    }
}

/// The prefixes of the keys of the words that say a state the model names in English
/// (a component's, an incident's, a review's): [`say`] finds them by that English.
const STATE_KEYS: [&str; 3] = ["state_", "overall_", "review_"];

/// The words of `words` for `label`, the English the model says a state in ("Partial
/// Outage", "Review overdue"): the word whose English is `label`, among the keys of
/// states ([`STATE_KEYS`]), as gettext finds a message by its English; `label` itself
/// when none is.
pub(crate) fn say<'a>(words: &'a Words, label: &'a str) -> &'a str {
    // Views say a state for every badge and every day of the status page's bars: the
    // keys are found by their English once.
    static STATES: std::sync::LazyLock<std::collections::HashMap<&str, &str>> = std::sync::LazyLock::new(|| {
        let states = ENGLISH.iter().filter(|(key, _)| STATE_KEYS.iter().any(|prefix| key.starts_with(prefix)));
        states.map(|&(key, english)| (english, key)).collect()
    });
    STATES.get(label).map_or(label, |key| word(words, key))
}

/// `date` as a reader of `words` says it: `date_format` with the day, the month's name
/// (of `months`) and the year ("12 June 2023", "12. Juni 2023").
pub(crate) fn date_text(words: &Words, date: crate::dates::Date) -> String {
    let (_, _, day) = date.ymd();
    fill(word(words, "date_format"), words, date).replace("{day}", &day.to_string())
}

/// The month of `date` as a reader of `words` says it: `month_format` ("June 2023").
pub(crate) fn month_text(words: &Words, date: crate::dates::Date) -> String {
    fill(word(words, "month_format"), words, date)
}

/// `format` with the month's name and the year of `date` in place of `{month}` and
/// `{year}` (four digits, as jiff writes `%Y`).
fn fill(format: &str, words: &Words, date: crate::dates::Date) -> String {
    let (year, month, _) = date.ymd();
    let months: Vec<&str> = word(words, "months").split_whitespace().collect();
    let english = ENGLISH.iter().find(|(key, _)| *key == "months").map_or("", |(_, months)| months);
    let english = english.split_whitespace().nth(month as usize - 1).unwrap_or_default();
    let name = months.get(month as usize - 1).copied().unwrap_or(english);
    format.replace("{month}", name).replace("{year}", &format!("{year:04}"))
}

/// A review period as a reader of `words` says it ("6 months", "6 Monate"), in the
/// units [`crate::dates::Period`]'s English has.
pub(crate) fn period_text(words: &Words, period: crate::dates::Period) -> String {
    use crate::dates::Period;
    let (key, n) = match period {
        Period::Days(n) if n % 7 == 0 && n >= 14 => ("period_weeks", n / 7),
        Period::Days(1) => ("period_day", 1),
        Period::Days(n) => ("period_days", n),
        Period::Months(12) => ("period_year", 1),
        Period::Months(n) if n % 12 == 0 => ("period_years", n / 12),
        Period::Months(1) => ("period_month", 1),
        Period::Months(n) => ("period_months", n),
    };
    word(words, key).replace("{n}", &n.to_string())
}

/// The word `key` of `words`: every key of [`ENGLISH`] is in every language's words.
pub(crate) fn word<'a>(words: &'a Words, key: &str) -> &'a str {
    words.get(key).map_or_else(|| every_english().find(|(k, _)| *k == key).map_or("", |(_, word)| word), String::as_str)
}

/// A number written with a `.` (`99.95`, `0.52 s`) with the decimal separator of
/// `words` (`99,95` in German, CLDR's), as the page's reader writes it.
pub(crate) fn number_text(words: &Words, number: &str) -> String {
    match word(words, "decimal_separator") {
        "." => number.to_string(),
        separator => number.replace('.', separator),
    }
}

/// The words the search script writes (keys `search_` that are no template's words, and
/// the kinds' names `kind_`), as JSON for its `data-words`: `{n}`, `{words}` and
/// `{facet}` are filled in by the script.
pub(crate) fn search_script_words(words: &Words) -> String {
    let script: BTreeMap<&str, &str> = words
        .iter()
        .filter(|(key, _)| {
            (key.starts_with("search_") && !TEMPLATE_SEARCH_WORDS.contains(key)) || key.starts_with("kind_")
        })
        .map(|(key, word)| (*key, word.as_str()))
        .collect();
    serde_json::to_string(&script).unwrap_or_default()
}

/// The words the theme's scripts write (keys `ui_`: theme.js and tabs.js), as JSON for
/// theme.js's `data-words`.
pub(crate) fn theme_script_words(words: &Words) -> String {
    let script: BTreeMap<&str, &str> =
        words.iter().filter(|(key, _)| key.starts_with("ui_")).map(|(key, word)| (*key, word.as_str())).collect();
    serde_json::to_string(&script).unwrap_or_default()
}

/// The `search_` words the templates write themselves (the search page's description
/// among them).
const TEMPLATE_SEARCH_WORDS: [&str; 10] = [
    "search_placeholder",
    "search_scope",
    "search_scope_local",
    "search_scope_all",
    "search_description",
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
    let mut words: Words = every_english().map(|(k, v)| (*k, v.to_string())).collect();
    if code.split('-').next().is_some_and(|primary| primary.eq_ignore_ascii_case("de")) {
        let german = GERMAN.iter().chain(crate::markdown::words::GERMAN);
        words.extend(german.map(|(k, v)| (*k, v.to_string())));
    }
    words
}

/// Every key a strings file may set, with its English: the theme's ([`ENGLISH`]) and
/// the words the Markdown body writer adds ([`crate::markdown::words::ENGLISH`]).
fn every_english() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    ENGLISH.iter().chain(crate::markdown::words::ENGLISH)
}

#[cfg(test)]
mod tests;
