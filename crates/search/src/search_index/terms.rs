//! The numbers of the index's words and stems, so a page's postings hold numbers, not
//! strings ([`super::page_terms`]).
//!
//! A build numbers them while its Markdown step runs on every core ([`TermsBuilder`]:
//! one table behind a lock, each worker with its own cache of the words it has seen,
//! so the lock is taken only for words new to the worker, and stemming happens outside
//! it), then freezes the table ([`Terms`]). The dev server numbers the words of edited
//! pages on top of it: the frozen table is shared, the words added since are a small
//! table of their own, so a copy for the thread that writes the index costs little and
//! numbers never change while the site lives (the index's cache,
//! [`super::shards::IndexCache`], is kept by number).

use std::sync::{Arc, Mutex, PoisonError};

use super::text::Analyzer;
use crate::hash::FastHashMap;

/// The stem number of a stop word, which has no stem.
pub(crate) const STOP: u32 = u32::MAX;

/// Words and stems, numbered in the order they were met.
#[derive(Debug, Default, Clone)]
pub(crate) struct Table {
    /// Word by number.
    words: Vec<Box<str>>,
    /// The stem number of each word (or [`STOP`]).
    stem_of: Vec<u32>,
    word_numbers: FastHashMap<Box<str>, u32>,
    /// Stem by number.
    stems: Vec<Box<str>>,
    stem_numbers: FastHashMap<Box<str>, u32>,
}

impl Table {
    /// Numbers `word`, whose stem is `stem` (`None`: a stop word); the first numbers are
    /// `first` (words, stems): those of the table below this one.
    fn add(&mut self, word: &str, stem: Option<&str>, first: (u32, u32)) -> (u32, u32) {
        if let Some(&n) = self.word_numbers.get(word) {
            return (n, self.stem_of[(n - first.0) as usize]);
        }
        let stem = match stem {
            None => STOP,
            Some(stem) => match self.stem_numbers.get(stem) {
                Some(&s) => s,
                None => {
                    let s = first.1 + self.stems.len() as u32;
                    self.stems.push(stem.into());
                    self.stem_numbers.insert(stem.into(), s);
                    s
                }
            },
        };
        let n = first.0 + self.words.len() as u32;
        self.words.push(word.into());
        self.stem_of.push(stem);
        self.word_numbers.insert(word.into(), n);
        (n, stem)
    }
}

/// The words a worker has seen, with their numbers. A word of at most 16 bytes (almost
/// every word) is looked up as one number, its bytes: words hold no zero byte, so no
/// two share it, and the lookup hashes two words of memory and compares numbers, not
/// strings.
#[derive(Default)]
pub struct Seen {
    short: FastHashMap<u128, (u32, u32)>,
    long: FastHashMap<String, (u32, u32)>,
}

impl Seen {
    /// The number that stands for a word of at most 16 bytes.
    fn key(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        if bytes.len() > 16 {
            return None;
        }
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        Some(u128::from_le_bytes(key))
    }

    fn get(&self, word: &str) -> Option<(u32, u32)> {
        match Self::key(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, numbers: (u32, u32)) {
        match Self::key(word) {
            Some(key) => self.short.insert(key, numbers),
            None => self.long.insert(word.to_string(), numbers),
        };
    }
}

/// The text of a word number and its stem number (or [`STOP`]), for the postings a
/// build cache keeps ([`super::page_terms`]).
pub trait Names {
    /// The text and stem number of word `n`, if it is numbered.
    fn name(&self, n: u32) -> Option<(&str, u32)>;
}

impl Names for Table {
    fn name(&self, n: u32) -> Option<(&str, u32)> {
        let at = n as usize;
        Some((self.words.get(at)?, *self.stem_of.get(at)?))
    }
}

/// Numbers a folded word: (word number, stem number or [`STOP`]).
pub trait Intern {
    /// The numbers of `word`, numbering it if it is new.
    fn intern(&mut self, word: &str) -> (u32, u32);
}

/// Numbers the words of all pages while they are rendered in parallel.
pub struct TermsBuilder {
    analyzer: Analyzer,
    language: String,
    shared: Mutex<Table>,
}

impl TermsBuilder {
    /// A builder for a handbook in `language`.
    pub fn new(language: &str) -> Self {
        TermsBuilder { analyzer: Analyzer::new(language), language: language.to_string(), shared: Default::default() }
    }

    /// The language the words are stemmed in.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Calls `read` with the names of the words numbered so far; no worker numbers a new
    /// word meanwhile.
    pub fn with_names<R>(&self, read: impl FnOnce(&dyn Names) -> R) -> R {
        let table = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        read(&*table)
    }

    /// A worker's numbering, with its cache `seen`.
    pub fn worker<'a>(&'a self, seen: &'a mut Seen) -> Worker<'a> {
        Worker { builder: self, seen }
    }

    /// The table, frozen.
    pub fn into_terms(self) -> Terms {
        let table = self.shared.into_inner().unwrap_or_else(PoisonError::into_inner);
        Terms { language: self.language, base: Arc::new(table), added: Table::default() }
    }
}

/// One worker of a [`TermsBuilder`].
pub struct Worker<'a> {
    builder: &'a TermsBuilder,
    seen: &'a mut Seen,
}

impl Intern for Worker<'_> {
    fn intern(&mut self, word: &str) -> (u32, u32) {
        if let Some(numbers) = self.seen.get(word) {
            return numbers;
        }
        let stem = self.builder.analyzer.stem(word);
        let numbers = {
            let mut shared = self.builder.shared.lock().unwrap_or_else(PoisonError::into_inner);
            shared.add(word, stem.as_deref(), (0, 0))
        };
        self.seen.insert(word, numbers);
        numbers
    }
}

/// The words and stems of a site: those of its build, shared, and those added since.
#[derive(Debug, Clone)]
pub struct Terms {
    language: String,
    base: Arc<Table>,
    added: Table,
}

impl Terms {
    /// The numbering of a handbook in `language` with no words yet.
    pub fn new(language: &str) -> Self {
        TermsBuilder::new(language).into_terms()
    }

    /// Whether `other` numbers words as this does (both grew from the same build).
    pub(crate) fn same_numbers(&self, other: &Terms) -> bool {
        Arc::ptr_eq(&self.base, &other.base) && self.language == other.language
    }

    fn firsts(&self) -> (u32, u32) {
        (self.base.words.len() as u32, self.base.stems.len() as u32)
    }

    /// The number of words.
    pub(crate) fn word_count(&self) -> usize {
        self.base.words.len() + self.added.words.len()
    }

    /// The number of stems.
    pub(crate) fn stem_count(&self) -> usize {
        self.base.stems.len() + self.added.stems.len()
    }

    /// Word `n`.
    pub(crate) fn word(&self, n: u32) -> &str {
        let (first, _) = self.firsts();
        if n < first { &self.base.words[n as usize] } else { &self.added.words[(n - first) as usize] }
    }

    /// The stem number of word `n` (or [`STOP`]).
    pub(crate) fn stem_of(&self, n: u32) -> u32 {
        let (first, _) = self.firsts();
        if n < first { self.base.stem_of[n as usize] } else { self.added.stem_of[(n - first) as usize] }
    }

    /// Stem `n`.
    pub(crate) fn stem(&self, n: u32) -> &str {
        let (_, first) = self.firsts();
        if n < first { &self.base.stems[n as usize] } else { &self.added.stems[(n - first) as usize] }
    }

    /// Terms numbering `words` with the stems given, in order.
    #[cfg(test)]
    pub(crate) fn of_pairs(words: &[(&str, &str)]) -> Self {
        let mut table = Table::default();
        for (word, stem) in words {
            table.add(word, Some(stem), (0, 0));
        }
        Terms { language: "en".into(), base: Arc::new(table), added: Table::default() }
    }

    /// The numbers of words met after the build, on this thread.
    pub fn local(&mut self) -> Local<'_> {
        Local { analyzer: Analyzer::new(&self.language), terms: self }
    }
}

/// Numbers words on one thread, adding to a [`Terms`].
pub struct Local<'a> {
    analyzer: Analyzer,
    terms: &'a mut Terms,
}

impl Intern for Local<'_> {
    fn intern(&mut self, word: &str) -> (u32, u32) {
        if let Some(&n) = self.terms.base.word_numbers.get(word) {
            return (n, self.terms.base.stem_of[n as usize]);
        }
        let firsts = self.terms.firsts();
        if let Some(&n) = self.terms.added.word_numbers.get(word) {
            return (n, self.terms.added.stem_of[(n - firsts.0) as usize]);
        }
        let stem = self.analyzer.stem(word);
        // A stem the build numbered keeps its number.
        if let Some(stem) = stem.as_deref()
            && let Some(&s) = self.terms.base.stem_numbers.get(stem)
        {
            let n = firsts.0 + self.terms.added.words.len() as u32;
            self.terms.added.words.push(word.into());
            self.terms.added.stem_of.push(s);
            self.terms.added.word_numbers.insert(word.into(), n);
            return (n, s);
        }
        self.terms.added.add(word, stem.as_deref(), firsts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_words_apart_short_and_long() {
        let mut seen = Seen::default();
        let words = ["ab", "ab0", "abc", "über", "sixteen_bytes_ab", "seventeen_bytes_a", "seventeen_bytes_b"];
        for (i, word) in words.iter().enumerate() {
            seen.insert(word, (i as u32, 0));
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(seen.get(word), Some((i as u32, 0)), "{word}");
        }
        assert_eq!(seen.get("a"), None);
        assert_eq!(seen.get("seventeen_bytes_c"), None);
        assert_eq!((seen.short.len(), seen.long.len()), (5, 2));
    }

    #[test]
    fn words_added_after_the_build_keep_the_build_s_numbers_and_stems() {
        let builder = TermsBuilder::new("en");
        let mut seen = Seen::default();
        let (failing, fail) = builder.worker(&mut seen).intern("failing");
        let (the, stop) = builder.worker(&mut seen).intern("the");
        assert_eq!(stop, STOP);
        let mut terms = builder.into_terms();
        let copy = terms.clone();
        let (failed, also_fail) = terms.local().intern("failed");
        let (promote, promot) = terms.local().intern("promote");
        assert_eq!(terms.local().intern("failing"), (failing, fail));
        assert_eq!(terms.local().intern("failed"), (failed, fail));
        assert_eq!(also_fail, fail, "a stem of the build keeps its number");
        assert_eq!((terms.word(failed), terms.stem(promot), terms.word(the)), ("failed", "promot", "the"));
        assert_eq!(terms.stem_of(promote), promot);
        assert_eq!((terms.word_count(), terms.stem_count()), (4, 2));
        assert!(terms.same_numbers(&copy) && !terms.same_numbers(&Terms::new("en")));
    }
}
