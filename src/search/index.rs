//! Building the search index from the pages' text.
//!
//! 1. Each page (in parallel) is split into folded words by field: title, description
//!    and tags, headings, prose, code. Each word gets a weight (title 5, headings 2.5,
//!    description and tags 2, prose 1, code 0.3) and the section where it weighs most.
//! 2. Every distinct word is stemmed once; a page's words are summed per stem.
//! 3. Each (stem, page) pair gets a BM25 score (k1 = 1.2, b = 0.75) with the weighted
//!    count as term frequency, stored as a whole number of twentieths (at most 255):
//!    the client adds stored scores and does no arithmetic of its own.

use std::collections::HashMap;

use rayon::prelude::*;

use super::text::Analyzer;
use crate::markdown::SectionText;
use crate::slug::fold;

/// A field's weight in a page's score.
pub const TITLE_WEIGHT: f32 = 5.0;
/// The weight of a heading's words.
pub const HEADING_WEIGHT: f32 = 2.5;
/// The weight of the description's and tags' words.
pub const DESCRIPTION_WEIGHT: f32 = 2.0;
/// The weight of prose.
pub const BODY_WEIGHT: f32 = 1.0;
/// The weight of code.
pub const CODE_WEIGHT: f32 = 0.3;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Stored scores are twentieths: a score of 12.75 is stored as 255.
const SCORE_SCALE: f32 = 20.0;

/// The text of one page to index.
pub struct Document<'a> {
    /// The title.
    pub title: &'a str,
    /// The description from front matter, if any.
    pub description: &'a str,
    /// The tags.
    pub tags: &'a [String],
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

/// Stems with their postings, and every word with its stem.
#[derive(Debug, Default)]
pub struct Postings {
    /// Stem -> postings, ordered by page.
    pub by_stem: HashMap<String, Vec<Posting>>,
    /// Folded word -> stem.
    pub vocabulary: HashMap<String, String>,
}

#[derive(Debug, Clone, Copy)]
struct WordStats {
    total: f32,
    best: f32,
    best_section: u16,
    current: f32,
    current_section: u16,
}

impl WordStats {
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

/// The words of one page with their weights, and its length.
struct PageWords {
    words: HashMap<String, WordStats>,
    length: f32,
}

fn page_words(doc: &Document<'_>) -> PageWords {
    let mut words: HashMap<String, WordStats> = HashMap::new();
    let mut length = 0.0;
    let mut add = |text: &str, weight: f32, section: Option<u16>, length: &mut f32| {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().nth(1).is_none() {
                continue;
            }
            *length += 1.0;
            let folded = fold(word);
            let stats = match words.get_mut(&folded) {
                Some(stats) => stats,
                None => words.entry(folded).or_insert(WordStats {
                    total: 0.0,
                    best: 0.0,
                    best_section: 0,
                    current: 0.0,
                    current_section: section.unwrap_or(0),
                }),
            };
            stats.add(weight, section);
        }
    };
    add(doc.title, TITLE_WEIGHT, None, &mut length);
    add(doc.description, DESCRIPTION_WEIGHT, Some(0), &mut length);
    for tag in doc.tags {
        add(tag, DESCRIPTION_WEIGHT, None, &mut length);
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let index = u16::try_from(i).unwrap_or(u16::MAX);
        add(&section.heading, HEADING_WEIGHT, Some(index), &mut length);
        add(&section.text, BODY_WEIGHT, Some(index), &mut length);
        add(&section.code, CODE_WEIGHT, Some(index), &mut length);
    }
    for stats in words.values_mut() {
        stats.settle();
    }
    PageWords { words, length }
}

/// Builds the postings of `docs` (in index order).
pub fn build_postings(docs: &[Document<'_>], language: &str) -> Postings {
    let pages: Vec<PageWords> = docs.par_iter().map(page_words).collect();
    let mut analyzer = Analyzer::new(language);
    let mut vocabulary: HashMap<String, String> = HashMap::new();
    for page in &pages {
        for word in page.words.keys() {
            if !vocabulary.contains_key(word)
                && let Some(stem) = analyzer.stem(word)
            {
                vocabulary.insert(word.clone(), stem.to_string());
            }
        }
    }
    let count = pages.len().max(1) as f32;
    let average = pages.iter().map(|p| p.length).sum::<f32>() / count;
    // Per page: stem -> (weighted count, best section, its weight).
    let mut weighted: HashMap<String, Vec<(u32, f32, u16)>> = HashMap::new();
    for (doc, page) in pages.iter().enumerate() {
        let mut stems: HashMap<&str, (f32, u16, f32)> = HashMap::new();
        for (word, stats) in &page.words {
            let Some(stem) = vocabulary.get(word) else { continue };
            let entry = stems.entry(stem.as_str()).or_insert((0.0, stats.best_section, 0.0));
            entry.0 += stats.total;
            if stats.best > entry.2 {
                entry.1 = stats.best_section;
                entry.2 = stats.best;
            }
        }
        for (stem, (total, section, _)) in stems {
            let norm = 1.0 - B + B * page.length / average.max(1.0);
            let tf = total * (K1 + 1.0) / (total + K1 * norm);
            weighted.entry(stem.to_string()).or_default().push((doc as u32, tf, section));
        }
    }
    let mut by_stem = HashMap::with_capacity(weighted.len());
    for (stem, mut postings) in weighted {
        let df = postings.len() as f32;
        let idf = (1.0 + (count - df + 0.5) / (df + 0.5)).ln();
        postings.sort_by_key(|p| p.0);
        let list: Vec<Posting> = postings
            .into_iter()
            .map(|(doc, tf, section)| {
                let score = (idf * tf * SCORE_SCALE).round().clamp(1.0, 255.0) as u8;
                Posting { doc, score, section }
            })
            .collect();
        by_stem.insert(stem, list);
    }
    Postings { by_stem, vocabulary }
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
        let docs = [
            Document { title: "Database failover", description: "", tags: &[], sections: &a },
            Document { title: "Cache", description: "", tags: &[], sections: &b },
        ];
        let postings = build_postings(&docs, "en");
        assert_eq!(postings.vocabulary["failover"], "failov");
        let list = &postings.by_stem["failov"];
        assert_eq!(list.len(), 2);
        assert!(list[0].score > list[1].score, "{list:?}");
        assert_eq!(list[0].section, 1, "the heading's section");
        assert!(!postings.by_stem.contains_key("the"), "stop words are left out");
        assert!(postings.by_stem.contains_key("promot"));
    }
}
