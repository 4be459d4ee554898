//! Text handling for search, identical in Rust and in the browser (`search.js`):
//!
//! 1. split into words at every character that is not a letter or a digit (Unicode);
//! 2. fold each word: lower case, accents of Latin, Greek and Cyrillic letters dropped
//!    ([`crate::slug::fold`]);
//! 3. drop stop words (`the`, `and`... for English);
//! 4. stem with the Snowball stemmer of the handbook's language (rust-stemmers).
//!
//! The browser does steps 1 to 3 itself and does not stem: the index maps every word to
//! its stem, so a query word is looked up as written.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Splits text into folded words: the reference that the index's fast splitter and
/// the browser's follow (the tests compare them).
#[cfg(test)]
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(crate::slug::fold)
}

/// English stop words: too common to help a search. The client ignores them too (the
/// list is in the manifest).
pub(crate) const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will",
    "with",
];

/// The stemmer for a BCP 47 language tag, if rust-stemmers has one.
pub(crate) fn stemmer_for(language: &str) -> Option<Stemmer> {
    let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "pt" => Algorithm::Portuguese,
        "sv" => Algorithm::Swedish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "da" => Algorithm::Danish,
        "fi" => Algorithm::Finnish,
        "ru" => Algorithm::Russian,
        "hu" => Algorithm::Hungarian,
        "ro" => Algorithm::Romanian,
        "tr" => Algorithm::Turkish,
        "ar" => Algorithm::Arabic,
        "el" => Algorithm::Greek,
        "ta" => Algorithm::Tamil,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The stop words of a language (English only, so far).
pub(crate) fn stop_words(language: &str) -> &'static [&'static str] {
    if language.starts_with("en") { ENGLISH_STOP_WORDS } else { &[] }
}

/// Turns folded words into stems.
pub(crate) struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
}

impl Analyzer {
    /// The analyzer for a language.
    pub(crate) fn new(language: &str) -> Self {
        Analyzer { stemmer: stemmer_for(language), stop_words: stop_words(language) }
    }

    /// The stem of a folded word, or `None` for a stop word.
    pub(crate) fn stem<'w>(&self, word: &'w str) -> Option<Cow<'w, str>> {
        if self.stop_words.contains(&word) {
            return None;
        }
        Some(match &self.stemmer {
            Some(stemmer) => stemmer.stem(word),
            None => Cow::Borrowed(word),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_folds_words() {
        let found: Vec<String> = words("Übergabe: kafka-consumer_groups.sh, pg_stat (v2)").collect();
        assert_eq!(found, ["ubergabe", "kafka", "consumer", "groups", "sh", "pg", "stat", "v2"]);
        let found: Vec<String> = words("日本語 ÉCOLE").collect();
        assert_eq!(found, ["日本語", "ecole"]);
    }

    #[test]
    fn stems_english_and_drops_stop_words() {
        let analyzer = Analyzer::new("en");
        assert_eq!(analyzer.stem("failing").as_deref(), Some("fail"));
        assert_eq!(analyzer.stem("failed").as_deref(), Some("fail"));
        assert_eq!(analyzer.stem("failover").as_deref(), Some("failov"));
        assert_eq!(analyzer.stem("the"), None);
        let german = Analyzer::new("de-CH");
        assert_eq!(german.stem("ubergaben").as_deref(), Some("ubergab"));
        let unknown = Analyzer::new("tlh");
        assert_eq!(unknown.stem("qapla").as_deref(), Some("qapla"));
    }
}
