use super::*;
use crate::markdown::SectionText;
use crate::search::index::tests::pages_of;

fn body(text: &str) -> Vec<SectionText> {
    vec![SectionText { id: None, heading: String::new(), text: text.into(), code: String::new() }]
}

/// One language's memo of `pages` numbered by `terms`, written and read back.
fn round_trip(terms: &Terms, pages: &[PageTerms]) -> Option<RecalledLanguage> {
    let (words, stems) = terms.parts();
    let shards = ShardCache::default();
    let out = LanguageOut {
        words,
        stems,
        pages: pages.iter().enumerate().map(|(n, page)| (n as u128, page)).collect(),
        scored: None,
        shards: &shards,
    };
    let bytes = postcard::to_allocvec(&out).expect("written");
    RecalledLanguage::of(postcard::from_bytes::<LanguageIn>(&bytes).expect("read"))
}

#[test]
fn pages_read_back_are_the_pages_written_in_the_same_numbering() {
    let (first, second) = (body("Promote the replica after failover."), body("Drain the node"));
    let (terms, pages) = pages_of(&[("Failover", &first), ("Drain", &second)]);
    let mut recalled = round_trip(&terms, &pages).expect("a memo that fits its numbering");
    for (n, page) in pages.iter().enumerate() {
        assert_eq!(recalled.pages.get(&(n as u128)).map(|p| &**p), Some(page));
    }
    let table = recalled.table.take().expect("the numbering");
    let builder = crate::search::terms::TermsBuilder::seeded("en", table);
    let again = builder.into_terms();
    assert_eq!(again.parts(), terms.parts(), "the rebuild numbers words as the build did");
}

#[test]
fn a_memo_whose_pages_hold_numbers_past_its_numbering_is_refused() {
    let long = body("Promote the replica after failover and drain the node.");
    let (terms, pages) = pages_of(&[("Failover", &long)]);
    let (short, _) = pages_of(&[("One", &body("one"))]);
    assert!(round_trip(&terms, &pages).is_some());
    assert!(round_trip(&short, &pages).is_none(), "the page's numbers are past a shorter numbering");
    assert!(pages[0].numbers_within(terms.word_count(), terms.stem_count()));
    assert!(!pages[0].numbers_within(terms.word_count(), 1));
}
