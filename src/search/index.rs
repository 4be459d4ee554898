//! Building the search index from the pages' text.
//!
//! 1. Each page (in parallel) is split into folded words by field: title, description
//!    and tags, headings, prose, code. Every distinct word is stemmed once (the first
//!    time a worker meets it), and each page sums its words' weights per stem
//!    (a runbook's alert names 4, headings 2.5, description and tags 2, prose 1, code
//!    0.3), noting the section where the stem weighs most and whether it is in the title
//!    (alert names count as title words too). Everything is summed
//!    in the page's text order, so the index is the same from build to build.
//! 2. Each (stem, page) pair gets a BM25 score (k1 = 1.2, b = 0.75) with the weighted
//!    count as term frequency, plus a bonus of [`TITLE_BONUS`] times the inverse document
//!    frequency when the stem is in the title (added after the saturation of BM25, so a
//!    title match counts however often the body repeats the word), stored as a whole
//!    number of twentieths (at most 255): the client adds stored scores and does no
//!    arithmetic of its own.
//! 3. A stem on more than half of the pages is stored the other way round: the pages
//!    without it, one score for the rest, and its best pages with their own scores.

use rayon::prelude::*;

use super::text::Analyzer;
use crate::hash::FxHashMap;
use crate::markdown::SectionText;

/// What a title match adds to a page's score, in units of the stem's inverse
/// document frequency (a body that repeats the word scores at most `K1 + 1` = 2.2).
pub(crate) const TITLE_BONUS: f32 = 2.0;
/// The weight of a heading's words.
pub(crate) const HEADING_WEIGHT: f32 = 2.5;
/// The weight of the description's and tags' words.
pub(crate) const DESCRIPTION_WEIGHT: f32 = 2.0;
/// The weight of the alerts a runbook answers (which also count as title words): the
/// runbook is the page an alert's name should find first.
pub(crate) const ALERT_WEIGHT: f32 = 4.0;
/// The weight of prose.
pub(crate) const BODY_WEIGHT: f32 = 1.0;
/// The weight of code.
pub(crate) const CODE_WEIGHT: f32 = 0.3;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Stored scores are twentieths: a score of 12.75 is stored as 255.
const SCORE_SCALE: f32 = 20.0;

/// The text of one page to index.
pub(crate) struct Document<'a> {
    /// The title.
    pub title: &'a str,
    /// The description from front matter, if any.
    pub description: &'a str,
    /// The tags.
    pub tags: &'a [String],
    /// The alerts the page is the runbook of.
    pub alerts: &'a [&'a str],
    /// The sections, in order.
    pub sections: &'a [SectionText],
}

/// One posting: a page, its score for a stem, and its best section for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The page's number in the index.
    pub doc: u32,
    /// BM25 score in twentieths, 1 to 255.
    pub score: u8,
    /// The section (0 for the part before the first heading) where the stem weighs most.
    pub section: u16,
}

/// The pages of one stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StemPostings {
    /// Every page that has the stem, in page order.
    Listed(Vec<Posting>),
    /// A stem on more than half of the pages: the pages that do not have it, the score of
    /// the others (their median), and the pages where it scores highest (title and
    /// heading matches), which keep their own score and section.
    Common {
        /// Pages without the stem, in order.
        missing: Vec<u32>,
        /// The score of every other page.
        score: u8,
        /// The best-scoring pages, in page order.
        best: Vec<Posting>,
    },
}

/// How many best-scoring pages a common stem keeps with their own scores.
pub(crate) const COMMON_BEST: usize = 200;

/// Stems with their postings, and every word with its stem.
#[derive(Debug, Default)]
pub struct Postings {
    /// Stem -> postings.
    pub by_stem: FxHashMap<String, StemPostings>,
    /// Folded word -> stem.
    pub vocabulary: FxHashMap<String, String>,
}

/// What one stem adds up to on one page.
#[derive(Debug, Clone, Copy)]
struct StemStats {
    in_title: bool,
    total: f32,
    best: f32,
    best_section: u16,
    current: f32,
    current_section: u16,
}

impl StemStats {
    fn new(section: Option<u16>) -> Self {
        StemStats {
            in_title: false,
            total: 0.0,
            best: 0.0,
            best_section: 0,
            current: 0.0,
            current_section: section.unwrap_or(0),
        }
    }

    fn add(&mut self, weight: f32, section: Option<u16>) {
        self.total += weight;
        let Some(section) = section else { return };
        if section != self.current_section {
            self.settle();
            self.current = 0.0;
            self.current_section = section;
        }
        self.current += weight;
    }

    fn settle(&mut self) {
        if self.current > self.best {
            self.best = self.current;
            self.best_section = self.current_section;
        }
    }
}

/// The stems of one page (by number) with their weights, and its length.
struct PageStems {
    stems: Vec<(u32, StemStats)>,
    length: f32,
}

/// Marks a stop word, which has no stem.
const STOP: u32 = u32::MAX;

/// One worker's tools for splitting pages: the stem numbers of the words it has seen,
/// and a table of stem statistics by stem number, so that a stem's entry is found by
/// indexing, not by hashing. Entries of the page being split are listed in `touched`;
/// `slot` holds each stem's place in it, plus one (0: not on this page).
#[derive(Default)]
struct Scratch {
    seen: Seen,
    slot: Vec<u32>,
    touched: Vec<(u32, StemStats)>,
}

impl Scratch {
    /// The statistics of stem `id` on this page, new ones when it was not seen yet.
    fn stats(&mut self, id: u32, section: Option<u16>) -> &mut StemStats {
        let index = id as usize;
        if index >= self.slot.len() {
            self.slot.resize(index + 1024, 0);
        }
        let place = match self.slot[index] {
            0 => {
                self.touched.push((id, StemStats::new(section)));
                self.slot[index] = self.touched.len() as u32;
                self.touched.len() - 1
            }
            n => n as usize - 1,
        };
        &mut self.touched[place].1
    }

    /// The page's stems; clears the table for the next page.
    fn take(&mut self) -> Vec<(u32, StemStats)> {
        for (id, stats) in &mut self.touched {
            self.slot[*id as usize] = 0;
            stats.settle();
        }
        std::mem::take(&mut self.touched)
    }
}

/// The words one worker has seen, with their stem numbers. A word of at most 16 bytes
/// (almost every word) is looked up as one number, its bytes: words hold no zero byte,
/// so no two share it, and the lookup hashes two words of memory and compares numbers,
/// not strings.
#[derive(Default)]
struct Seen {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
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

    fn get(&self, word: &str) -> Option<u32> {
        match Self::key(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, id: u32) {
        match Self::key(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.to_string(), id),
        };
    }
}

/// Stems the distinct words of all pages and numbers the stems. Each worker keeps its
/// own copy of the words it has seen, so the shared tables are locked only for words new
/// to the worker, and stemming happens outside the lock.
struct Stems {
    analyzer: Analyzer,
    shared: std::sync::Mutex<Shared>,
}

/// The tables the workers share.
#[derive(Default)]
struct Shared {
    /// Every word met, with its stem number (or [`STOP`]).
    words: FxHashMap<String, u32>,
    /// Stem -> number.
    numbers: FxHashMap<String, u32>,
    /// Number -> stem.
    stems: Vec<String>,
}

impl Stems {
    fn new(language: &str) -> Self {
        Stems { analyzer: Analyzer::new(language), shared: Default::default() }
    }

    /// The stem number of a folded word.
    fn number(&self, seen: &mut Seen, word: &str) -> u32 {
        if let Some(id) = seen.get(word) {
            return id;
        }
        let stem = self.analyzer.stem(word);
        let id = {
            let mut shared = self.shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let id = match stem {
                None => STOP,
                Some(stem) => match shared.numbers.get(stem.as_ref()) {
                    Some(&id) => id,
                    None => {
                        let id = shared.stems.len() as u32;
                        shared.stems.push(stem.to_string());
                        shared.numbers.insert(stem.into_owned(), id);
                        id
                    }
                },
            };
            // Another worker may have met the word first.
            if !shared.words.contains_key(word) {
                shared.words.insert(word.to_string(), id);
            }
            id
        };
        seen.insert(word, id);
        id
    }

    fn into_shared(self) -> Shared {
        self.shared.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn page_stems(doc: &Document<'_>, stems: &Stems, scratch: &mut Scratch) -> PageStems {
    let mut length = 0.0;
    let mut buffer = String::new();
    // `weight` 0 marks the title: it counts once, as a bonus, not in the frequency.
    let mut add = |text: &str, weight: f32, section: Option<u16>, length: &mut f32| {
        super::text::for_each_term(text, &mut buffer, |word| {
            *length += 1.0;
            let id = stems.number(&mut scratch.seen, word);
            if id == STOP {
                return;
            }
            let stats = scratch.stats(id, section);
            if weight == 0.0 {
                stats.in_title = true;
            } else {
                stats.add(weight, section);
            }
        });
    };
    add(doc.title, 0.0, None, &mut length);
    add(doc.description, DESCRIPTION_WEIGHT, Some(0), &mut length);
    for tag in doc.tags {
        add(tag, DESCRIPTION_WEIGHT, None, &mut length);
    }
    for alert in doc.alerts {
        add(alert, 0.0, None, &mut length);
        add(alert, ALERT_WEIGHT, Some(0), &mut length);
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let index = u16::try_from(i).unwrap_or(u16::MAX);
        add(&section.heading, HEADING_WEIGHT, Some(index), &mut length);
        add(&section.text, BODY_WEIGHT, Some(index), &mut length);
        add(&section.code, CODE_WEIGHT, Some(index), &mut length);
    }
    PageStems { stems: scratch.take(), length }
}

/// Builds the postings of `docs` (in index order).
///
/// 1. Pages are split into words in parallel; each distinct word is stemmed once, and
///    a page's words are summed per stem as they come, in text order.
/// 2. Each (stem, page) pair is scored; the pages are appended to their stems' lists in
///    order.
pub(crate) fn build_postings(docs: &[Document<'_>], language: &str) -> Postings {
    let stems = Stems::new(language);
    let pages: Vec<PageStems> =
        docs.par_iter().map_init(Scratch::default, |scratch, doc| page_stems(doc, &stems, scratch)).collect();
    let shared = stems.into_shared();
    let count = pages.len().max(1) as f32;
    let average = (pages.iter().map(|p| p.length).sum::<f32>() / count).max(1.0);
    let mut lists: Vec<Vec<(u32, f32, u16)>> = vec![Vec::new(); shared.stems.len()];
    for (doc, page) in pages.iter().enumerate() {
        let norm = 1.0 - B + B * page.length / average;
        for (stem, stats) in &page.stems {
            let tf = stats.total;
            let saturated = tf * (K1 + 1.0) / (tf + K1 * norm);
            let score = saturated + if stats.in_title { TITLE_BONUS } else { 0.0 };
            lists[*stem as usize].push((doc as u32, score, stats.best_section));
        }
    }
    drop(pages);
    let docs_count = docs.len() as u32;
    let by_stem = shared
        .stems
        .par_iter()
        .cloned()
        .zip(lists.into_par_iter())
        .map(|(stem, list)| {
            let df = list.len() as f32;
            let idf = (1.0 + (count - df + 0.5) / (df + 0.5)).ln();
            let postings: Vec<Posting> = list
                .into_iter()
                .map(|(doc, tf, section)| {
                    let score = (idf * tf * SCORE_SCALE).round().clamp(1.0, 255.0) as u8;
                    Posting { doc, score, section }
                })
                .collect();
            (stem, compact(postings, docs_count))
        })
        .collect();
    let vocabulary = shared
        .words
        .into_iter()
        .filter(|(_, stem)| *stem != STOP)
        .map(|(word, stem)| (word, shared.stems[stem as usize].clone()))
        .collect();
    Postings { by_stem, vocabulary }
}

/// Lists a stem's pages, or, for a stem on more than half of the pages, the pages
/// without it.
fn compact(postings: Vec<Posting>, docs: u32) -> StemPostings {
    if (postings.len() as u32) * 2 <= docs {
        return StemPostings::Listed(postings);
    }
    let mut scores: Vec<u8> = postings.iter().map(|p| p.score).collect();
    scores.sort_unstable();
    let score = scores[scores.len() / 2];
    let mut best = postings.clone();
    best.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
    best.truncate(COMMON_BEST);
    best.retain(|p| p.score > score);
    best.sort_by_key(|p| p.doc);
    let mut missing = Vec::with_capacity(docs as usize - postings.len());
    let mut next = 0;
    for posting in &postings {
        missing.extend(next..posting.doc);
        next = posting.doc + 1;
    }
    missing.extend(next..docs);
    StemPostings::Common { missing, score, best }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: Option<&str>, heading: &str, text: &str, code: &str) -> SectionText {
        SectionText { id: id.map(str::to_string), heading: heading.into(), text: text.into(), code: code.into() }
    }

    #[test]
    fn scores_titles_above_prose_and_finds_the_best_section() {
        let a = [
            section(None, "", "Intro about caches.", ""),
            section(Some("failover"), "Failover", "Promote the replica.", ""),
        ];
        let b = [section(None, "", "Mentions failover once, then talks about other things at length.", "")];
        let other = [section(None, "", "Unrelated words here.", "")];
        let docs = [
            Document { title: "Database failover", description: "", tags: &[], alerts: &[], sections: &a },
            Document { title: "Cache", description: "", tags: &[], alerts: &[], sections: &b },
            Document { title: "One", description: "", tags: &[], alerts: &[], sections: &other },
            Document { title: "Two", description: "", tags: &[], alerts: &[], sections: &other },
            Document { title: "Three", description: "", tags: &[], alerts: &[], sections: &other },
        ];
        let postings = build_postings(&docs, "en");
        assert_eq!(postings.vocabulary["failover"], "failov");
        let StemPostings::Listed(list) = &postings.by_stem["failov"] else { panic!("a listed stem") };
        assert_eq!(list.len(), 2);
        assert!(list[0].score > list[1].score, "{list:?}");
        assert_eq!(list[0].section, 1, "the heading's section");
        assert!(!postings.by_stem.contains_key("the"), "stop words are left out");
        assert!(postings.by_stem.contains_key("promot"));
    }
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    #[test]
    fn tells_words_apart_short_and_long() {
        let mut seen = Seen::default();
        let words = ["ab", "ab0", "abc", "über", "sixteen_bytes_ab", "seventeen_bytes_a", "seventeen_bytes_b"];
        for (i, word) in words.iter().enumerate() {
            seen.insert(word, i as u32);
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(seen.get(word), Some(i as u32), "{word}");
        }
        assert_eq!(seen.get("a"), None);
        assert_eq!(seen.get("seventeen_bytes_c"), None);
        assert_eq!((seen.short.len(), seen.long.len()), (5, 2));
    }
}

#[cfg(test)]
mod stem_tests {
    use super::*;

    #[test]
    fn sums_the_words_of_a_stem_and_finds_where_the_stem_weighs_most() {
        let mixed = [
            SectionText { id: None, heading: "".into(), text: "failing once".into(), code: "".into() },
            SectionText { id: Some("x".into()), heading: "".into(), text: "failed failed".into(), code: "".into() },
        ];
        let plain = [
            SectionText { id: None, heading: "".into(), text: "fail once".into(), code: "".into() },
            SectionText { id: Some("x".into()), heading: "".into(), text: "fail fail".into(), code: "".into() },
        ];
        let other = [SectionText { id: None, heading: "".into(), text: "unrelated".into(), code: "".into() }];
        let doc = |sections| Document { title: "t", description: "", tags: &[], alerts: &[], sections };
        let postings = build_postings(&[doc(&mixed), doc(&plain), doc(&other), doc(&other)], "en");
        let StemPostings::Listed(list) = &postings.by_stem["fail"] else { panic!("a listed stem") };
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].score, list[1].score, "three words of one stem count as three: {list:?}");
        assert_eq!((list[0].section, list[1].section), (1, 1), "the section with two of them");
        assert_eq!(postings.vocabulary["failing"], "fail");
        assert_eq!(postings.vocabulary["failed"], "fail");
    }
}

#[cfg(test)]
mod common_tests {
    use super::*;

    #[test]
    fn stores_common_stems_as_the_pages_without_them() {
        let postings: Vec<Posting> = [0, 1, 2, 4, 5]
            .iter()
            .map(|&doc| Posting { doc, score: if doc == 4 { 90 } else { 10 }, section: 0 })
            .collect();
        let StemPostings::Common { missing, score, best } = compact(postings.clone(), 7) else { panic!("common") };
        assert_eq!(missing, [3, 6]);
        assert_eq!(score, 10);
        assert_eq!(best, [Posting { doc: 4, score: 90, section: 0 }]);
        assert!(matches!(compact(postings, 10), StemPostings::Listed(_)));
    }
}
