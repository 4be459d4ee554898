//! A page's postings as the build cache keeps them: the same lists, with the page's own
//! words written out instead of the build's numbers. A build numbers words in the order
//! its threads meet them ([`crate::search_index::terms`]), so a number means nothing to the
//! next build; a rebuild numbers the page's words again ([`PageTerms::from_kept`]): one
//! look-up per distinct word, where splitting the page's text again folds, looks up and
//! weighs every word of it.
//!
//! More: docs/architecture.md, "Notes by module".

use serde::{Deserialize, Serialize};

use super::{PageTerms, decode_stems, encode_ascending, encode_stems};
use crate::hash::FastHashMap;
use crate::markdown::SectionText;
use crate::search_index::pairs;
use crate::search_index::snippets;
use crate::search_index::terms::{Intern, Names, STOP};

impl PageTerms {
    /// The kept form of these postings, made before their title is set; `names` gives
    /// the text and stem number of each word number. `None` when a word has no name, or
    /// a stem or pair no word of the page (which postings made by [`PageTerms::of`]
    /// never lack).
    pub fn to_kept(&self, names: &dyn Names) -> Option<Vec<u8>> {
        // Before the title is set, the page's words are those of its text alone.
        let mut words = Vec::new();
        self.for_each_word(|word| words.push(word));
        // The place of the first word of each stem.
        let mut place_of: FastHashMap<u32, u32> = FastHashMap::default();
        let mut texts = Vec::with_capacity(words.len());
        for (place, &word) in words.iter().enumerate() {
            let (text, stem) = names.name(word)?;
            texts.push(text);
            if stem != STOP {
                place_of.entry(stem).or_insert(u32::try_from(place).ok()?);
            }
        }
        let mut stems = Vec::new();
        decode_stems(&self.stems, |stem, total, mark| stems.push((stem, total, mark)))?;
        let stems = stems
            .into_iter()
            .map(|(stem, total, mark)| Some((*place_of.get(&stem)?, total.to_le_bytes(), mark)))
            .collect::<Option<_>>()?;
        let mut pair_list = Vec::new();
        pairs::decode(&self.pairs, &mut |pair| pair_list.push(pair));
        let pair_places = pair_list
            .into_iter()
            .map(|pair| Some((*place_of.get(&((pair >> 32) as u32))?, *place_of.get(&(pair as u32))?)))
            .collect::<Option<_>>()?;
        let kept = Kept { length: self.length, words: texts, stems, pairs: pair_places };
        postcard::to_stdvec(&kept).ok()
    }

    /// The postings of their kept form `bytes`, made of the text of `sections`, the
    /// page's words numbered by `intern`. `None` when the bytes are not one whole kept
    /// form (nothing is numbered then), or when a stem's word is a stop word now.
    pub fn from_kept(bytes: &[u8], sections: &[SectionText], intern: &mut dyn Intern) -> Option<PageTerms> {
        let kept = Kept::read(bytes)?;
        let numbers: Vec<(u32, u32)> = kept.words.iter().map(|word| intern.intern(word)).collect();
        let stem_at = |place: u32| numbers.get(place as usize).map(|&(_, stem)| stem).filter(|&stem| stem != STOP);
        let mut stems = Vec::with_capacity(kept.stems.len());
        for &(place, total, mark) in &kept.stems {
            stems.push((stem_at(place)?, u32::from_le_bytes(total), mark));
        }
        stems.sort_unstable_by_key(|&(stem, ..)| stem);
        if stems.windows(2).any(|two| two[0].0 == two[1].0) {
            return None;
        }
        let mut pair_list = Vec::with_capacity(kept.pairs.len());
        for &(first, second) in &kept.pairs {
            pair_list.push(pairs::pair(stem_at(first)?, stem_at(second)?));
        }
        let mut words: Vec<u32> = numbers.iter().map(|&(word, _)| word).collect();
        Some(PageTerms {
            length: kept.length,
            stems: encode_stems(stems.iter().copied(), stems.len()),
            words: encode_ascending(&mut words),
            pairs: pairs::encode(&mut pair_list),
            snippets: snippets::chunks(sections),
            ..PageTerms::default()
        })
    }
}

/// The pairs of consecutive stems of the kept form `bytes` (its text's, not its
/// title's), each stem as `stem` gives a word's (`None`: a stop word). `None` when the
/// bytes are not one whole kept form, or a pair's word is a stop word now (as
/// [`PageTerms::from_kept`] refuses it).
pub(crate) fn kept_pairs(bytes: &[u8], stem: &dyn Fn(&str) -> Option<String>) -> Option<Vec<(String, String)>> {
    let kept = Kept::read(bytes)?;
    let mut stems: Vec<Option<Option<String>>> = vec![None; kept.words.len()];
    let mut stem_at = |place: u32| -> Option<String> {
        let at = place as usize;
        stems[at].get_or_insert_with(|| stem(kept.words[at])).clone()
    };
    kept.pairs.iter().map(|&(first, second)| Some((stem_at(first)?, stem_at(second)?))).collect()
}

/// A kept form, in postcard's format: its words written out, then its stems and pairs
/// by the place of a word of theirs.
#[derive(Serialize, Deserialize)]
struct Kept<'a> {
    length: u32,
    #[serde(borrow)]
    words: Vec<&'a str>,
    /// (place of a word with the stem, total's bits, section * 2 + title mark).
    stems: Vec<(u32, [u8; 4], u32)>,
    /// Places of the two stems' words.
    pairs: Vec<(u32, u32)>,
}

impl<'a> Kept<'a> {
    /// Reads `bytes`; `None` unless they are one whole kept form whose places are all
    /// places of its words.
    fn read(bytes: &'a [u8]) -> Option<Kept<'a>> {
        let (kept, rest): (Kept<'a>, _) = postcard::take_from_bytes(bytes).ok()?;
        let place = |n: u32| (n as usize) < kept.words.len();
        let places = kept.stems.iter().all(|&(at, ..)| place(at))
            && kept.pairs.iter().all(|&(first, second)| place(first) && place(second));
        (rest.is_empty() && places).then_some(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search_index::page_terms::{PageText, Scratch};
    use crate::search_index::snippets::Snippets;
    use crate::search_index::terms::{Seen, Terms, TermsBuilder};

    /// What postings say, by the words' and stems' text: (length, stems with their
    /// statistics, words, pairs, snippets).
    type Said = (u32, Vec<(String, u32, u32)>, Vec<String>, Vec<(String, String)>, Snippets);

    fn said(page: &PageTerms, terms: &Terms) -> Said {
        let mut stems = Vec::new();
        page.for_each_stem(|stem, stats| {
            let mark = u32::from(stats.best_section) * 2 + u32::from(stats.in_title);
            stems.push((terms.stem(stem).to_string(), stats.total.to_bits(), mark));
        });
        stems.sort();
        let mut words = Vec::new();
        page.for_each_word(|word| words.push(terms.word(word).to_string()));
        words.sort();
        let mut pair_list = Vec::new();
        page.for_each_pair(|pair| {
            pair_list.push((terms.stem((pair >> 32) as u32).to_string(), terms.stem(pair as u32).to_string()))
        });
        pair_list.sort();
        (page.length(), stems, words, pair_list, page.snippets().clone())
    }

    fn sections() -> Vec<SectionText> {
        vec![
            SectionText {
                text: "Failing over the primary database, once.\nThen check the replicas.".into(),
                ..Default::default()
            },
            SectionText {
                id: Some("rollback".into()),
                heading: "Roll back a failed failover".into(),
                text: "Promote the old primary again; the replica catches up.".into(),
                code: "pg_ctl promote -D /var/lib/postgresql".into(),
            },
        ]
    }

    /// A page's postings made by `builder`, which numbered `before` first.
    fn made(builder: &TermsBuilder, before: &str, sections: &[SectionText]) -> PageTerms {
        let mut seen = Seen::default();
        let mut scratch = Scratch::default();
        let first = [SectionText { text: before.into(), ..Default::default() }];
        let other = PageText { description: "", tags: &[], alerts: &[], sections: &first };
        PageTerms::of(&other, &mut builder.worker(&mut seen), &mut scratch);
        let tags = ["databases".to_string()];
        let text = PageText { description: "Fail over", tags: &tags, alerts: &["PrimaryDown"], sections };
        PageTerms::of(&text, &mut builder.worker(&mut seen), &mut scratch)
    }

    #[test]
    fn kept_postings_numbered_by_another_build_say_what_the_page_s_own_say() {
        let sections = sections();
        let first = TermsBuilder::new("en");
        let page = made(&first, "an unrelated page about disks and queues", &sections);
        let kept = first.with_names(|names| page.to_kept(names)).expect("kept");
        // The next build met other words first: every number differs.
        let second = TermsBuilder::new("en");
        let fresh = made(&second, "queues of tickets, replicas and primaries", &sections);
        let mut seen = Seen::default();
        let back = PageTerms::from_kept(&kept, &sections, &mut second.worker(&mut seen)).expect("read back");
        let (first, second) = (first.into_terms(), second.into_terms());
        assert_eq!(said(&back, &second), said(&page, &first));
        assert_eq!(said(&back, &second), said(&fresh, &second));
        assert_eq!(back, fresh, "the same bytes as the page split anew in that build");
        assert!(said(&back, &second).3.len() > 5, "pairs are kept");
    }

    #[test]
    fn a_kept_form_cut_short_lengthened_or_pointing_past_its_words_is_refused() {
        let builder = TermsBuilder::new("en");
        let page = made(&builder, "", &sections());
        let kept = builder.with_names(|names| page.to_kept(names)).expect("kept");
        for end in 0..kept.len() {
            assert!(Kept::read(&kept[..end]).is_none(), "cut at {end}");
        }
        let mut longer = kept.clone();
        longer.push(0);
        assert!(Kept::read(&longer).is_none());
        // Length 1, the word `a`, one stem at place 0 (or 5, past the words), no pairs.
        let by_hand = |place: u8| [1, 1, 1, b'a', 1, place, 0, 0, 128, 63, 0, 0];
        assert!(Kept::read(&by_hand(0)).is_some());
        assert!(Kept::read(&by_hand(5)).is_none());
        let mut seen = Seen::default();
        assert!(PageTerms::from_kept(b"\xff\xff\xff\xff\xff\xff", &[], &mut builder.worker(&mut seen)).is_none());
    }
}
