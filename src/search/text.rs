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

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::slug::fold;

/// Splits text into folded words.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold)
}

/// English stop words: too common to help a search. The client ignores them too (the
/// list is in the manifest).
pub const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will",
    "with",
];

/// The stemmer for a BCP 47 language tag, if rust-stemmers has one.
pub fn stemmer_for(language: &str) -> Option<Stemmer> {
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

/// Turns words into stems, remembering each word's stem (a handbook uses a few
/// thousand distinct words, so stemming each only once keeps indexing fast).
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
    cache: HashMap<String, Option<String>>,
}

impl Analyzer {
    /// The analyzer for a language.
    pub fn new(language: &str) -> Self {
        let stemmer = stemmer_for(language);
        let stop_words = if language.starts_with("en") { ENGLISH_STOP_WORDS } else { &[] };
        Analyzer { stemmer, stop_words, cache: HashMap::new() }
    }

    /// The stop words of the language.
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop_words
    }

    /// The stem of a folded word, or `None` for a stop word.
    pub fn stem(&mut self, word: &str) -> Option<&str> {
        if !self.cache.contains_key(word) {
            let stem = if self.stop_words.contains(&word) {
                None
            } else {
                Some(match &self.stemmer {
                    Some(stemmer) => stemmer.stem(word).into_owned(),
                    None => word.to_string(),
                })
            };
            self.cache.insert(word.to_string(), stem);
        }
        self.cache.get(word).and_then(|s| s.as_deref())
    }

    /// Every word seen so far with its stem.
    pub fn vocabulary(&self) -> impl Iterator<Item = (&str, &str)> {
        self.cache.iter().filter_map(|(w, s)| s.as_deref().map(|s| (w.as_str(), s)))
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
        let mut analyzer = Analyzer::new("en");
        assert_eq!(analyzer.stem("failing"), Some("fail"));
        assert_eq!(analyzer.stem("failed"), Some("fail"));
        assert_eq!(analyzer.stem("failover"), Some("failov"));
        assert_eq!(analyzer.stem("the"), None);
        let mut german = Analyzer::new("de-CH");
        assert_eq!(german.stem("ubergaben"), Some("ubergab"));
        let mut unknown = Analyzer::new("tlh");
        assert_eq!(unknown.stem("qapla"), Some("qapla"));
    }
}
