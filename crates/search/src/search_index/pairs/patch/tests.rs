//! The patched files of pairs are those a whole build makes, after each kind of edit.

use std::sync::Mutex;

use super::*;
use crate::hash::FastHashMap;
use crate::markdown::SectionText;
use crate::search_index::packed::{Kept, gzip};
use crate::search_index::page_terms::{PageText, Scratch};
use crate::search_index::terms::{Seen, TermsBuilder};

/// A build cache in memory: what the previous build kept, and what this one keeps.
#[derive(Default)]
struct Memory {
    had: FastHashMap<u128, Vec<u8>>,
    kept: Mutex<FastHashMap<u128, Vec<u8>>>,
}

impl Memory {
    /// The cache the next build reads.
    fn next(self) -> Memory {
        Memory { had: self.kept.into_inner().unwrap(), ..Memory::default() }
    }
}

impl Kept for Memory {
    fn packed(&self, key: u128) -> Option<&[u8]> {
        self.had.get(&key).map(Vec::as_slice)
    }
    fn keep_packed(&self, key: u128, bytes: &[u8]) {
        self.kept.lock().unwrap().insert(key, bytes.to_vec());
    }
}

impl crate::search_index::KeptTerms for Memory {
    fn recall_terms(&self, key: u128) -> Option<Vec<u8>> {
        self.had.get(&key).cloned()
    }
    fn keep_terms(&self, key: u128, bytes: &[u8]) {
        self.kept.lock().unwrap().insert(key, bytes.to_vec());
    }
}

/// The pages `(title, text)` numbered by a new build, their kept forms kept in `memory`.
fn pages(docs: &[(String, String)], memory: &Memory) -> (Terms, Vec<Option<Arc<PageTerms>>>) {
    let builder = TermsBuilder::new("en");
    let mut seen = Seen::default();
    let mut pages = Vec::new();
    for (title, text) in docs {
        let sections = [SectionText { text: text.clone(), ..SectionText::default() }];
        let page = PageText { description: "", tags: &[], alerts: &[], sections: &sections };
        let mut terms = PageTerms::of(&page, &mut builder.worker(&mut seen), &mut Scratch::default());
        let kept = builder.with_names(|names| terms.to_kept(names)).expect("a kept form");
        let key = xxhash_rust::xxh3::xxh3_128(text.as_bytes()) | 1;
        crate::search_index::KeptTerms::keep_terms(memory, key, &kept);
        terms.set_kept_key(key);
        terms.set_title(title, &mut builder.worker(&mut seen));
        pages.push(Some(Arc::new(terms)));
    }
    (builder.into_terms(), pages)
}

/// Builds `docs` on the cache `memory` left by the build before: the files of pairs,
/// which must be those of a whole build, whether the previous build's could be patched,
/// and the cache for the next build.
fn build(docs: &[(String, String)], memory: Memory) -> (Vec<(String, Arc<str>)>, bool, Memory) {
    let (terms, pages) = pages(docs, &memory);
    let previous = memory.packed(state_key("search/")).and_then(|b| postcard::from_bytes::<PairState>(b).ok());
    let patchable = previous.is_some_and(|previous| {
        let docs: Vec<(u128, String)> = pages.iter().flatten().map(|p| (p.kept_key(), p.title().to_string())).collect();
        patch(&terms, "en", &pages, &docs, previous, &memory).is_some()
    });
    let files = files(&terms, ("en", "search/"), &pages, Some(&memory));
    let (whole, _) = super::super::files(&terms, &pages);
    assert_eq!(files, whole, "the files a whole build makes");
    // The compressed files, as the index's writing keeps them.
    for (_, text) in &files {
        memory.keep_packed(xxhash_rust::xxh3::xxh3_128(text.as_bytes()), &gzip(text));
    }
    (files, patchable, memory.next())
}

/// A word of its own for each number: consonants the stemmer leaves as they are.
fn word(mut n: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjkmnpqrtvwxz";
    let mut word = String::from("z");
    loop {
        word.push(char::from(LETTERS[n % LETTERS.len()]));
        n /= LETTERS.len();
        if n == 0 {
            return word;
        }
    }
}

/// The word of page `page`'s place `at`: every tenth is the word of the next page's
/// place before it, so some pairs are on two pages.
fn word_at(page: usize, at: usize) -> String {
    if at.is_multiple_of(10) { word(100_000 + page + at) } else { word(page * 1000 + at) }
}

/// Forty pages of two hundred words each.
fn handbook() -> Vec<(String, String)> {
    (0..40)
        .map(|n| (format!("Page {n} runbook"), (0..200).map(|w| word_at(n, w)).collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Whether a file holds the pair of `first` and `second`.
fn has_pair(files: &[(String, Arc<str>)], first: &str, second: &str) -> bool {
    let analyzer = Analyzer::new("en");
    let stem = |w: &str| analyzer.stem(w).expect("no stop word").into_owned();
    let key = format!("\"{} {}\"", stem(first), stem(second));
    files.iter().any(|(_, text)| text.contains(&key))
}

#[test]
fn patched_pairs_are_a_whole_build_s_after_each_edit() {
    let mut docs = handbook();
    let (first, patchable, mut memory) = build(&docs, Memory::default());
    assert!(!patchable && first.len() > 3, "{} files, made whole", first.len());
    let (again, patchable, next) = build(&docs, memory);
    assert!(patchable && again == first, "nothing changed");
    memory = next;
    // A page gains a term, so a pair.
    docs[3].1.push_str(" zebra");
    let (files, patchable, next) = build(&docs, memory);
    assert!(patchable && has_pair(&files, &word_at(3, 199), "zebra"));
    memory = next;
    // The last page of a pair loses it.
    let (one, two) = (word_at(5, 1), word_at(5, 2));
    assert!(has_pair(&files, &one, &two));
    docs[5].1 = docs[5].1.replace(&format!("{one} {two}"), &one);
    let (files, patchable, next) = build(&docs, memory);
    assert!(patchable && !has_pair(&files, &one, &two));
    memory = next;
    // A title changes, and a pair shared with another page goes from one of them.
    docs[7].0 = "Another title".into();
    docs[8].1 = docs[8].1.replacen(&word_at(8, 10), "alone", 1);
    let (_, patchable, next) = build(&docs, memory);
    assert!(patchable);
    memory = next;
    // A page added, then one removed: every page after it has another number.
    docs.insert(10, ("Added".into(), "fresh words here".into()));
    let (_, patchable, next) = build(&docs, memory);
    assert!(!patchable, "made whole");
    docs.remove(20);
    let (_, patchable, next) = build(&docs, next);
    assert!(!patchable, "made whole");
    let (_, patchable, _) = build(&docs, next);
    assert!(patchable);
}

#[test]
fn a_state_or_file_the_cache_lacks_or_garbles_makes_the_files_whole() {
    let docs = handbook();
    let (first, _, memory) = build(&docs, Memory::default());
    let mut garbled = Memory { had: memory.had.clone(), ..Memory::default() };
    garbled.had.insert(state_key("search/"), vec![0xff; 9]);
    let (files, patchable, _) = build(&docs, garbled);
    assert!(!patchable && files == first);
    // A file of pairs not kept, then one whose bytes are not gzip's.
    let state: PairState = postcard::from_bytes(&memory.had[&state_key("search/")]).expect("a state");
    let mut missing = Memory { had: memory.had.clone(), ..Memory::default() };
    missing.had.remove(&state.files[1]);
    let (files, patchable, _) = build(&docs, missing);
    assert!(!patchable && files == first);
    let mut broken = Memory { had: memory.had.clone(), ..Memory::default() };
    broken.had.insert(state.files[0], b"not gzip at all".to_vec());
    let (files, patchable, _) = build(&docs, broken);
    assert!(!patchable && files == first);
}
