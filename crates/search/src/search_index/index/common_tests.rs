use super::*;

/// `compact` as it was first written, sorting every score.
fn compact_by_sorting(postings: Vec<Posting>, docs: u32) -> StemPostings {
    if (postings.len() as u32) * 2 <= docs {
        return StemPostings::Listed(postings);
    }
    let mut scores: Vec<u8> = postings.iter().map(|p| p.score).collect();
    scores.sort_unstable();
    let score = scores[scores.len() / 2];
    let mut others: Vec<Posting> = postings.iter().filter(|p| !p.title).copied().collect();
    others.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
    others.truncate(COMMON_BEST);
    let mut best: Vec<Posting> = postings.iter().filter(|p| p.title).copied().chain(others).collect();
    best.retain(|p| p.score > score);
    best.sort_by_key(|p| p.doc);
    let missing = (0..docs).filter(|d| !postings.iter().any(|p| p.doc == *d)).collect();
    StemPostings::Common { missing, score, best }
}

#[test]
fn finds_the_median_and_best_pages_as_sorting_every_score_does() {
    let mut seed = 0x9e37_79b9_u64;
    for round in 0..40 {
        let docs = 300 + round * 37;
        let mut postings = Vec::new();
        for doc in 0..docs {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if seed % 10 < 7 {
                let score = 1 + ((seed >> 8) % (3 + u64::from(round) * 6)) as u8;
                postings.push(Posting { doc, score, section: 0, title: seed.is_multiple_of(13) });
            }
        }
        assert_eq!(compact(postings.clone(), docs), compact_by_sorting(postings, docs), "round {round}");
    }
}

#[test]
fn stores_common_stems_as_the_pages_without_them() {
    let postings: Vec<Posting> = [0, 1, 2, 4, 5]
        .iter()
        .map(|&doc| Posting { doc, score: if doc == 4 { 90 } else { 10 }, section: 0, title: doc == 4 })
        .collect();
    let StemPostings::Common { missing, score, best } = compact(postings.clone(), 7) else { panic!("common") };
    assert_eq!(missing, [3, 6]);
    assert_eq!(score, 10);
    assert_eq!(best, [Posting { doc: 4, score: 90, section: 0, title: true }]);
    assert!(matches!(compact(postings, 10), StemPostings::Listed(_)));
}

/// A common stem in the titles of more pages than [`COMMON_BEST`]: each of them keeps
/// its title score, the late ones too (a cut by score, then page, kept the first 200).
#[test]
fn a_common_stem_keeps_the_score_of_every_page_with_it_in_the_title() {
    let docs: u32 = 2_000;
    let postings: Vec<Posting> = (0..docs)
        .map(|doc| {
            let title = doc.is_multiple_of(4);
            Posting { doc, score: if title { 25 } else { 5 + (doc % 7) as u8 }, section: 0, title }
        })
        .collect();
    let StemPostings::Common { missing, score, best } = compact(postings, docs) else { panic!("common") };
    assert!(missing.is_empty());
    let titles = best.iter().filter(|p| p.title).count();
    assert_eq!(titles, 500, "every title page, beyond the first {COMMON_BEST}");
    assert!(best.iter().any(|p| p.title && p.doc == 1_996));
    assert_eq!(best.len() - titles, COMMON_BEST, "and the best of the rest above the median {score}");
}

/// Four common words (inverse document frequency 0.5): a title with all four, each
/// twice in the text, outranks a title with three of them whose text is full of all
/// four; without [`TITLE_FLOOR`] the second page came first.
#[test]
fn a_title_with_every_word_outranks_one_with_most_of_them_and_a_fuller_text() {
    let sum =
        |parts: &[(f32, bool)]| parts.iter().map(|&(tf, title)| u32::from(score(0.5, tf, 1.0, title))).sum::<u32>();
    let every_word = sum(&[(2.0, true), (2.0, true), (2.0, true), (2.0, true)]);
    let most_words = sum(&[(10.0, true), (10.0, true), (10.0, true), (10.0, false)]);
    assert!(every_word > most_words, "{every_word} against {most_words}");
    assert!(score(0.1, 0.0, 1.0, true) > score(0.1, 50.0, 1.0, false), "a title match of a word on most pages counts");
    assert_eq!(score(9.0, 50.0, 0.5, true), 255, "the most a score holds");
}
