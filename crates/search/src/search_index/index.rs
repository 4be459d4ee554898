//! Scoring the pages' postings ([`super::page_terms`]) into each stem's list of pages.
//!
//! 1. Each (stem, page) pair gets a BM25 score (k1 = 1.2, b = 0.75) with the weighted
//!    count as term frequency, plus a bonus of [`TITLE_BONUS`] times the inverse document
//!    frequency and [`TITLE_FLOOR`] when the stem is in the title (added after the
//!    saturation of BM25, so a title match counts however often the body repeats the
//!    word), stored as a whole number of tenths (at most 255): the client adds stored
//!    scores and does no arithmetic of its own.
//! 2. A stem on more than half of the pages is stored the other way round: the pages
//!    without it, one score for the rest, and its best pages with their own scores.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::Arc;

use rayon::prelude::*;

use super::page_terms::PageTerms;
use super::terms::{STOP, Terms};

/// What a title match adds to a page's score, in units of the stem's inverse
/// document frequency (a body that repeats the word scores at most `K1 + 1` = 2.2).
pub(crate) const TITLE_BONUS: f32 = 2.0;

/// What a title match adds on top, whatever the word's document frequency: so a page
/// whose title has every word of the query outranks pages that have most of them in
/// their titles and the rest in their text, also when the title's words are common
/// ones (`change freeze policy for etcd quorum` among a hundred policies for etcd and
/// as many change freezes). Measured with bench/search-vs-pagefind: MRR@5 of
/// whole-title queries on 10,000 generated pages 0.52 -> 0.79.
const TITLE_FLOOR: f32 = 2.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Stored scores are tenths: a score of 25.5 is stored as 255 (a rare word in a title
/// scores over 20).
const SCORE_SCALE: f32 = 10.0;

/// One posting: a page, its score for a stem, and its best section for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The page's number in the index.
    pub doc: u32,
    /// BM25 score in tenths, 1 to 255.
    pub score: u8,
    /// The section (0 for the part before the first heading) where the stem weighs most.
    pub section: u16,
    /// Whether the stem is in the page's title (not stored: it decides which pages of a
    /// common stem keep their own score).
    pub title: bool,
}

/// The pages of one stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StemPostings {
    /// Every page that has the stem, in page order.
    Listed(Vec<Posting>),
    /// A stem on more than half of the pages: the pages that do not have it, the score of
    /// the others (their median), and the pages where it scores highest (every title
    /// match, and the best [`COMMON_BEST`] of the rest), which keep their own score and
    /// section.
    Common {
        /// Pages without the stem, in order.
        missing: Vec<u32>,
        /// The score of every other page.
        score: u8,
        /// The best-scoring pages, in page order.
        best: Vec<Posting>,
    },
}

/// How many best-scoring pages a common stem keeps with their own scores, besides the
/// pages that have it in their title.
pub(crate) const COMMON_BEST: usize = 200;

/// Stems with their postings, and every word of the index, by number.
#[derive(Debug)]
pub struct Postings<'t> {
    /// The words and stems the numbers stand for.
    pub terms: &'t Terms,
    /// By stem number: its postings, if a page has it.
    pub by_stem: Vec<Option<StemPostings>>,
    /// The words of the pages (not stop words), by number, ascending.
    pub words: Vec<u32>,
}

/// One page's entry in a stem's list before scoring: its weighted count, best section
/// and title mark.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    doc: u32,
    tf: f32,
    section: u16,
    title: bool,
}

/// What the scores are made of, gathered from the pages: by stem, its pages' entries in
/// page order; by word, how many pages have it; by page, its length.
#[derive(Debug, Default, Clone, PartialEq)]
struct Gathered {
    lists: Vec<Vec<Entry>>,
    pages_with: Vec<u32>,
    lengths: Vec<f32>,
}

impl Gathered {
    /// The entries of `pages` (in index order).
    fn of<'a>(pages: impl Iterator<Item = &'a PageTerms>, terms: &Terms) -> Gathered {
        let mut gathered = Gathered {
            lists: vec![Vec::new(); terms.stem_count()],
            pages_with: vec![0; terms.word_count()],
            lengths: Vec::new(),
        };
        for (doc, page) in pages.enumerate() {
            gathered.add(doc as u32, page, |list, entry| list.push(entry));
        }
        gathered
    }

    /// Adds the entries of `page` as page `doc`, placing each in its stem's list with
    /// `place`.
    fn add(&mut self, doc: u32, page: &PageTerms, mut place: impl FnMut(&mut Vec<Entry>, Entry)) {
        page.for_each_stem(|stem, stats| {
            let entry = Entry { doc, tf: stats.total, section: stats.best_section, title: stats.in_title };
            place(&mut self.lists[stem as usize], entry);
        });
        page.for_each_word(|word| self.pages_with[word as usize] += 1);
        match self.lengths.get_mut(doc as usize) {
            Some(length) => *length = page.length() as f32,
            None => self.lengths.push(page.length() as f32),
        }
    }

    /// Takes the entries of `page`, page `doc`, out again.
    fn remove(&mut self, doc: u32, page: &PageTerms) {
        page.for_each_stem(|stem, _| {
            let list = &mut self.lists[stem as usize];
            if let Ok(at) = list.binary_search_by_key(&doc, |e| e.doc) {
                list.remove(at);
            }
        });
        page.for_each_word(|word| {
            let count = &mut self.pages_with[word as usize];
            *count = count.saturating_sub(1);
        });
        self.lengths[doc as usize] = 0.0;
    }

    /// The scored postings (see the module's steps) and the words of the index.
    fn score<'t>(&self, terms: &'t Terms) -> Postings<'t> {
        let scale = self.scale();
        let by_stem = self.lists.par_iter().map(|list| scale.score(list)).collect();
        Postings { terms, by_stem, words: self.words(terms) }
    }

    /// What a score depends on besides its page's sum: each page's length against the
    /// average, and the number of pages.
    fn scale(&self) -> Scale {
        let count = self.lengths.len().max(1) as f32;
        let average = (self.lengths.iter().sum::<f32>() / count).max(1.0);
        let norms: Vec<f32> = self.lengths.iter().map(|&length| norm(length, average)).collect();
        Scale { count, norms, docs: self.lengths.len() as u32 }
    }

    /// The words of the pages (not stop words), by number, ascending.
    fn words(&self, terms: &Terms) -> Vec<u32> {
        (0..self.pages_with.len() as u32)
            .filter(|&w| self.pages_with[w as usize] > 0 && terms.stem_of(w) != STOP)
            .collect()
    }
}

/// What the scores of every stem depend on: the number of pages, and each page's length
/// against the average (BM25's norm).
struct Scale {
    count: f32,
    norms: Vec<f32>,
    docs: u32,
}

impl Scale {
    /// The postings of a stem whose pages' entries are `list`.
    fn score(&self, list: &[Entry]) -> Option<StemPostings> {
        if list.is_empty() {
            return None;
        }
        let idf = idf(self.count, list.len() as f32);
        let postings: Vec<Posting> = list
            .iter()
            .map(|entry| {
                let score = score(idf, entry.tf, self.norms[entry.doc as usize], entry.title);
                Posting { doc: entry.doc, score, section: entry.section, title: entry.title }
            })
            .collect();
        Some(compact(postings, self.docs))
    }
}

/// Scores the postings of `pages` (in index order), whose numbers stand for `terms`'
/// words and stems: each page's stems are appended, scored, to their stems' lists in
/// page order. The pages are read twice: first to count each stem's pages (its document
/// frequency), so that each list is made at its size with its final scores, which at
/// 100,000 pages keeps hundreds of megabytes of growing lists of unscored postings from
/// being held at once.
pub(crate) fn build_postings<'t>(pages: &[&PageTerms], terms: &'t Terms) -> Postings<'t> {
    let count = pages.len().max(1) as f32;
    let lengths: Vec<f32> = pages.iter().map(|p| p.length() as f32).collect();
    let average = (lengths.iter().sum::<f32>() / count).max(1.0);
    let mut frequencies = vec![0u32; terms.stem_count()];
    for page in pages {
        page.for_each_stem(|stem, _| frequencies[stem as usize] += 1);
    }
    let idf: Vec<f32> = frequencies.iter().map(|&df| idf(count, df as f32)).collect();
    let mut lists: Vec<Vec<Posting>> = frequencies.iter().map(|&df| Vec::with_capacity(df as usize)).collect();
    drop(frequencies);
    let mut vocabulary = vec![false; terms.word_count()];
    for (doc, page) in pages.iter().enumerate() {
        let norm = norm(lengths[doc], average);
        page.for_each_stem(|stem, stats| {
            let score = score(idf[stem as usize], stats.total, norm, stats.in_title);
            lists[stem as usize].push(Posting {
                doc: doc as u32,
                score,
                section: stats.best_section,
                title: stats.in_title,
            });
        });
        page.for_each_word(|word| vocabulary[word as usize] = true);
    }
    let docs_count = pages.len() as u32;
    let by_stem =
        lists.into_par_iter().map(|postings| (!postings.is_empty()).then(|| compact(postings, docs_count))).collect();
    let words = (0..vocabulary.len() as u32).filter(|&w| vocabulary[w as usize] && terms.stem_of(w) != STOP).collect();
    Postings { terms, by_stem, words }
}

/// BM25's inverse document frequency of a stem on `df` of `count` pages.
fn idf(count: f32, df: f32) -> f32 {
    (1.0 + (count - df + 0.5) / (df + 0.5)).ln()
}

/// BM25's length norm of a page of `length` words, the average being `average`.
fn norm(length: f32, average: f32) -> f32 {
    1.0 - B + B * length / average
}

/// The score of a stem with inverse document frequency `idf` on a page where its
/// weighted count is `tf` and the page's length norm `norm`, with the title's bonus.
fn score(idf: f32, tf: f32, norm: f32, in_title: bool) -> u8 {
    let saturated = tf * (K1 + 1.0) / (tf + K1 * norm);
    let score = if in_title { idf * (saturated + TITLE_BONUS) + TITLE_FLOOR } else { idf * saturated };
    (score * SCORE_SCALE).round().clamp(1.0, 255.0) as u8
}

/// What the last scores were made of, kept by the dev server from one edit to the next
/// ([`Scoring::keep`]): an edit then gathers again only the pages it changed (a page's
/// postings are shared from one edit to the next, so a page whose postings are not the
/// same value as before changed), and the scores, which depend on every page (the
/// average length, each stem's number of pages), are worked out again from what is
/// gathered, as a whole build does.
#[derive(Debug, Default)]
pub struct Scoring {
    /// Whether what the scores are made of is kept for the next time.
    keep: bool,
    /// The numbering the numbers below belong to.
    terms: Option<Terms>,
    /// The postings of each page scored, in index order (none: a page without text).
    pages: Vec<Option<Arc<PageTerms>>>,
    gathered: Gathered,
}

/// Above this share of changed pages (one in `REGATHER_ABOVE`), every page is gathered
/// again: it is quicker than moving each changed page's entries.
const REGATHER_ABOVE: usize = 8;

impl Scoring {
    /// A scoring that keeps what it is made of, for the next edit.
    pub(crate) fn keeping() -> Scoring {
        Scoring { keep: true, ..Scoring::default() }
    }

    /// Scores `pages` (the postings of each page, in index order; none counts as a page
    /// without text), whose numbers stand for `terms`': the postings [`build_postings`]
    /// gives, gathering again only the pages that changed since the last time, when it
    /// was kept.
    pub fn score<'t>(&mut self, pages: Vec<Option<Arc<PageTerms>>>, terms: &'t Terms) -> Postings<'t> {
        let same_pages = |a: &Option<Arc<PageTerms>>, b: &Option<Arc<PageTerms>>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        };
        let comparable =
            self.keep && self.pages.len() == pages.len() && self.terms.as_ref().is_some_and(|t| t.same_numbers(terms));
        let changed: Option<Vec<u32>> = comparable
            .then(|| (0..pages.len()).filter(|&d| !same_pages(&self.pages[d], &pages[d])).map(|d| d as u32).collect())
            .filter(|changed: &Vec<u32>| changed.len() * REGATHER_ABOVE <= pages.len());
        let empty = PageTerms::default();
        match changed {
            Some(changed) => {
                let gathered = &mut self.gathered;
                gathered.lists.resize_with(terms.stem_count(), Vec::new);
                gathered.pages_with.resize(terms.word_count(), 0);
                for doc in changed {
                    let d = doc as usize;
                    gathered.remove(doc, self.pages[d].as_deref().unwrap_or(&empty));
                    let page = pages[d].as_deref().unwrap_or(&empty);
                    gathered.add(doc, page, |list, entry| {
                        let at = list.partition_point(|e| e.doc < doc);
                        list.insert(at, entry);
                    });
                }
            }
            None if !self.keep => {
                *self = Scoring::default();
                let pages: Vec<&PageTerms> = pages.iter().map(|p| p.as_deref().unwrap_or(&empty)).collect();
                return build_postings(&pages, terms);
            }
            None => {
                self.gathered = Gathered::of(pages.iter().map(|p| p.as_deref().unwrap_or(&empty)), terms);
            }
        }
        let postings = self.gathered.score(terms);
        self.pages = pages;
        self.terms = Some(terms.clone());
        postings
    }
}

/// Lists a stem's pages, or, for a stem on more than half of the pages, the pages
/// without it.
fn compact(postings: Vec<Posting>, docs: u32) -> StemPostings {
    if (postings.len() as u32) * 2 <= docs {
        return StemPostings::Listed(postings);
    }
    // The median score: the middle one of the scores in order, counted by value.
    let mut counts = [0usize; 256];
    for posting in &postings {
        counts[posting.score as usize] += 1;
    }
    let middle = postings.len() / 2;
    let mut below = 0;
    let mut score = 0u8;
    for (value, &n) in counts.iter().enumerate() {
        if below + n > middle {
            score = value as u8;
            break;
        }
        below += n;
    }
    // The best pages: every title match, whose title bonus a reader typing the title
    // needs (`mitigating` is in the titles of 1,474 runbooks of 10,121 pages, and a
    // cut at the first 200 by score then page dropped most of them to the median), then
    // the first of the other postings by score (highest first), then page.
    let by_rank = |a: &Posting, b: &Posting| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc));
    let (mut best, mut others): (Vec<Posting>, Vec<Posting>) = postings.iter().partition(|p| p.title);
    if others.len() > COMMON_BEST {
        others.select_nth_unstable_by(COMMON_BEST - 1, by_rank);
        others.truncate(COMMON_BEST);
    }
    best.append(&mut others);
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
pub(crate) mod tests {
    use super::*;
    use crate::markdown::SectionText;
    use crate::search_index::page_terms::{PageText, Scratch};
    use crate::search_index::terms::{Seen, TermsBuilder};

    fn section(id: Option<&str>, heading: &str, text: &str, code: &str) -> SectionText {
        SectionText { id: id.map(str::to_string), heading: heading.into(), text: text.into(), code: code.into() }
    }

    /// The postings of pages given by title and sections, and the terms they number.
    pub(crate) fn pages_of(docs: &[(&str, &[SectionText])]) -> (Terms, Vec<PageTerms>) {
        let builder = TermsBuilder::new("en");
        let mut seen = Seen::default();
        let mut pages = Vec::new();
        for (title, sections) in docs {
            let text = PageText { description: "", tags: &[], alerts: &[], sections };
            let mut page = PageTerms::of(&text, &mut builder.worker(&mut seen), &mut Scratch::default());
            page.set_title(title, &mut builder.worker(&mut seen));
            pages.push(page);
        }
        (builder.into_terms(), pages)
    }

    /// The postings of the stem `name`.
    pub(crate) fn stem<'p>(postings: &'p Postings<'_>, name: &str) -> Option<&'p StemPostings> {
        let n = (0..postings.terms.stem_count() as u32).find(|&n| postings.terms.stem(n) == name)?;
        postings.by_stem[n as usize].as_ref()
    }

    /// The stem of the word `name`, if the index has the word.
    pub(crate) fn stem_of_word<'p>(postings: &'p Postings<'_>, name: &str) -> Option<&'p str> {
        let terms = postings.terms;
        postings.words.iter().find(|&&w| terms.word(w) == name).map(|&w| terms.stem(terms.stem_of(w)))
    }

    #[test]
    fn scores_titles_above_prose_and_finds_the_best_section() {
        let a = [
            section(None, "", "Intro about caches.", ""),
            section(Some("failover"), "Failover", "Promote the replica.", ""),
        ];
        let b = [section(None, "", "Mentions failover once, then talks about other things at length.", "")];
        let other = [section(None, "", "Unrelated words here.", "")];
        let (terms, pages) =
            pages_of(&[("Database failover", &a), ("Cache", &b), ("One", &other), ("Two", &other), ("Three", &other)]);
        let postings = build_postings(&pages.iter().collect::<Vec<_>>(), &terms);
        assert_eq!(stem_of_word(&postings, "failover"), Some("failov"));
        let Some(StemPostings::Listed(list)) = stem(&postings, "failov") else { panic!("a listed stem") };
        assert_eq!(list.len(), 2);
        assert!(list[0].score > list[1].score, "{list:?}");
        assert_eq!(list[0].section, 1, "the heading's section");
        assert!(stem(&postings, "the").is_none(), "stop words are left out");
        assert!(stem_of_word(&postings, "the").is_none(), "stop words are left out");
        assert!(stem(&postings, "promot").is_some());
    }

    #[test]
    fn sums_the_words_of_a_stem_and_finds_where_the_stem_weighs_most() {
        let mixed = [section(None, "", "failing once", ""), section(Some("x"), "", "failed failed", "")];
        let plain = [section(None, "", "fail once", ""), section(Some("x"), "", "fail fail", "")];
        let other = [section(None, "", "unrelated", "")];
        let (terms, pages) = pages_of(&[("t", &mixed), ("t", &plain), ("t", &other), ("t", &other)]);
        let postings = build_postings(&pages.iter().collect::<Vec<_>>(), &terms);
        let Some(StemPostings::Listed(list)) = stem(&postings, "fail") else { panic!("a listed stem") };
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].score, list[1].score, "three words of one stem count as three: {list:?}");
        assert_eq!((list[0].section, list[1].section), (1, 1), "the section with two of them");
        assert_eq!(stem_of_word(&postings, "failing"), Some("fail"));
        assert_eq!(stem_of_word(&postings, "failed"), Some("fail"));
    }
}

#[cfg(test)]
mod scoring_tests;

#[cfg(test)]
mod common_tests;
