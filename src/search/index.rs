//! Scoring the pages' postings ([`super::page_terms`]) into each stem's list of pages.
//!
//! 1. Each (stem, page) pair gets a BM25 score (k1 = 1.2, b = 0.75) with the weighted
//!    count as term frequency, plus a bonus of [`TITLE_BONUS`] times the inverse document
//!    frequency when the stem is in the title (added after the saturation of BM25, so a
//!    title match counts however often the body repeats the word), stored as a whole
//!    number of twentieths (at most 255): the client adds stored scores and does no
//!    arithmetic of its own.
//! 2. A stem on more than half of the pages is stored the other way round: the pages
//!    without it, one score for the rest, and its best pages with their own scores.
//!
//! The pages' sums were made in each page's text order when its Markdown was rendered,
//! and pages are taken in index order, so the index is the same from build to build.

use rayon::prelude::*;

use super::page_terms::PageTerms;
use super::terms::{STOP, Terms};

/// What a title match adds to a page's score, in units of the stem's inverse
/// document frequency (a body that repeats the word scores at most `K1 + 1` = 2.2).
pub(crate) const TITLE_BONUS: f32 = 2.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Stored scores are twentieths: a score of 12.75 is stored as 255.
const SCORE_SCALE: f32 = 20.0;

/// One posting: a page, its score for a stem, and its best section for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    /// The page's number in the index.
    pub doc: u32,
    /// BM25 score in twentieths, 1 to 255.
    pub score: u8,
    /// The section (0 for the part before the first heading) where the stem weighs most.
    pub section: u16,
}

/// The pages of one stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StemPostings {
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

/// Stems with their postings, and every word of the index, by number.
#[derive(Debug)]
pub(crate) struct Postings<'t> {
    /// The words and stems the numbers stand for.
    pub terms: &'t Terms,
    /// By stem number: its postings, if a page has it.
    pub by_stem: Vec<Option<StemPostings>>,
    /// The words of the pages (not stop words), by number, ascending.
    pub words: Vec<u32>,
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
    let idf: Vec<f32> = frequencies
        .iter()
        .map(|&df| {
            let df = df as f32;
            (1.0 + (count - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let mut lists: Vec<Vec<Posting>> = frequencies.iter().map(|&df| Vec::with_capacity(df as usize)).collect();
    drop(frequencies);
    let mut vocabulary = vec![false; terms.word_count()];
    for (doc, page) in pages.iter().enumerate() {
        let norm = 1.0 - B + B * lengths[doc] / average;
        page.for_each_stem(|stem, stats| {
            let tf = stats.total;
            let saturated = tf * (K1 + 1.0) / (tf + K1 * norm);
            let tf = saturated + if stats.in_title { TITLE_BONUS } else { 0.0 };
            let score = (idf[stem as usize] * tf * SCORE_SCALE).round().clamp(1.0, 255.0) as u8;
            lists[stem as usize].push(Posting { doc: doc as u32, score, section: stats.best_section });
        });
        page.for_each_word(|word| vocabulary[word as usize] = true);
    }
    let docs_count = pages.len() as u32;
    let by_stem =
        lists.into_par_iter().map(|postings| (!postings.is_empty()).then(|| compact(postings, docs_count))).collect();
    let words = (0..vocabulary.len() as u32).filter(|&w| vocabulary[w as usize] && terms.stem_of(w) != STOP).collect();
    Postings { terms, by_stem, words }
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
pub(crate) mod tests {
    use super::*;
    use crate::markdown::SectionText;
    use crate::search::page_terms::{PageText, Scratch};
    use crate::search::terms::{Seen, TermsBuilder};

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
