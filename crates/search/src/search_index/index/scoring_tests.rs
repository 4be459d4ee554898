use super::tests::pages_of;
use super::*;
use crate::markdown::SectionText;
use crate::search_index::page_terms::{PageText, Scratch};

fn body(text: &str) -> Vec<SectionText> {
    vec![SectionText { id: None, heading: String::new(), text: text.into(), code: String::new() }]
}

/// A page of `text` titled `title`, numbered with `terms` (which it may add to).
fn page(terms: &mut Terms, title: &str, text: &str) -> Arc<PageTerms> {
    let sections = body(text);
    let text = PageText { description: "", tags: &[], alerts: &[], sections: &sections };
    let mut page = PageTerms::of(&text, &mut terms.local(), &mut Scratch::default());
    page.set_title(title, &mut terms.local());
    Arc::new(page)
}

fn whole<'t>(pages: &[Option<Arc<PageTerms>>], terms: &'t Terms) -> Postings<'t> {
    let empty = PageTerms::default();
    build_postings(&pages.iter().map(|p| p.as_deref().unwrap_or(&empty)).collect::<Vec<_>>(), terms)
}

#[test]
fn scores_after_edits_are_those_of_all_pages_scored_again() {
    let texts: Vec<(String, Vec<SectionText>)> = (0..24)
        .map(|i| {
            let rare = if i % 5 == 0 { " failover replica" } else { "" };
            let long = " latency".repeat(i % 4);
            (format!("Page {i}"), body(&format!("common words on every page {i}{rare}{long} runbook")))
        })
        .collect();
    let docs: Vec<(&str, &[SectionText])> = texts.iter().map(|(t, s)| (t.as_str(), s.as_slice())).collect();
    let (mut terms, pages) = pages_of(&docs);
    let mut pages: Vec<Option<Arc<PageTerms>>> = pages.into_iter().map(|p| Some(Arc::new(p))).collect();
    pages[9] = None;
    let mut scoring = Scoring::keeping();
    let first = scoring.score(pages.clone(), &terms);
    let expected = whole(&pages, &terms);
    assert_eq!((&first.by_stem, &first.words), (&expected.by_stem, &expected.words));
    assert!(matches!(stem_postings(&first, "common"), Some(StemPostings::Common { .. })), "a common stem");
    // Edits: a new word (a longer page, so every page's score may change), a page
    // emptied, a page given text, a page edited back to what it was.
    let edits: [&[(usize, Option<&str>)]; 3] = [
        &[(3, Some("common quokka failover failover latency latency latency"))],
        &[(4, None), (9, Some("failover runbook brand new words here"))],
        &[(3, Some("common words on every page 3 runbook")), (20, Some("replica"))],
    ];
    for edit in edits {
        for &(doc, text) in edit {
            pages[doc] = text.map(|text| page(&mut terms, &format!("Page {doc}"), text));
        }
        let scored = scoring.score(pages.clone(), &terms);
        let expected = whole(&pages, &terms);
        assert_eq!(scored.by_stem, expected.by_stem, "after {edit:?}");
        assert_eq!(scored.words, expected.words, "after {edit:?}");
        let empty = PageTerms::default();
        let gathered = Gathered::of(pages.iter().map(|p| p.as_deref().unwrap_or(&empty)), &terms);
        assert!(scoring.gathered == gathered, "what is kept is what all pages gather");
        assert_eq!(scoring.pages.len(), pages.len());
    }
}

#[test]
fn a_scoring_not_kept_keeps_nothing() {
    let sections = body("some words");
    let (terms, pages) = pages_of(&[("One", &sections)]);
    let mut scoring = Scoring::default();
    scoring.score(pages.into_iter().map(|p| Some(Arc::new(p))).collect(), &terms);
    assert!(scoring.pages.is_empty() && scoring.gathered.lists.is_empty() && scoring.terms.is_none());
}

fn stem_postings<'p>(postings: &'p Postings<'_>, name: &str) -> Option<&'p StemPostings> {
    super::tests::stem(postings, name)
}
