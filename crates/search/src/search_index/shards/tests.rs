use super::*;
use crate::search_index::index::Posting;

/// Postings of `terms` where every stem is on the pages `docs`.
fn postings_of<'t>(terms: &'t Terms, docs: &[u32]) -> Postings<'t> {
    let list: Vec<Posting> = docs.iter().map(|&doc| Posting { doc, score: 200, section: 0, title: false }).collect();
    Postings {
        terms,
        by_stem: (0..terms.stem_count()).map(|_| Some(StemPostings::Listed(list.clone()))).collect(),
        words: (0..terms.word_count() as u32).collect(),
    }
}

#[test]
fn cuts_the_vocabulary_into_runs_of_words() {
    let mut words: Vec<String> = (0..3000).map(|i| format!("fa{i:04}x")).collect();
    words.push("a".into());
    words.push("zebra".into());
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), w.as_str())).collect();
    let terms = Terms::of_pairs(&pairs);
    let shards = make_shards(postings_of(&terms, &[1; 8]), &mut ShardCache::default()).vocabulary;
    assert!(shards.len() > 1);
    assert_eq!(shards[0].0, "fa0000x", "one-letter words are not in the shards");
    assert!(shards.windows(2).all(|w| w[0].0 < w[1].0), "shards are in order");
    assert!(shards.iter().all(|(_, json)| json.len() <= SHARD_MOST + 16), "no shard above the greatest size");
    assert!(shards.last().unwrap().1.contains("\"zebra\""));
}

#[test]
fn sorts_the_words_of_typing_mistakes_by_their_end() {
    let mut words: Vec<String> =
        ["postgres", "kubernetes", "ingress", "v2", "x9y", "pg_stat", "über"].iter().map(|w| w.to_string()).collect();
    for i in 0..2000 {
        words.push(format!("word{}", "abcdefghij".repeat(1 + i % 3)) + &i.to_string());
        let letters: String = i.to_string().bytes().map(|b| (b'a' + b - b'0') as char).collect();
        words.push(format!("fill{letters}"));
    }
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), "x")).collect();
    let terms = Terms::of_pairs(&pairs);
    let shards = make_shards(postings_of(&terms, &[1]), &mut ShardCache::default()).reversed;
    assert!(shards.len() > 1);
    assert!(shards.windows(2).all(|w| w[0].0 < w[1].0), "shards are in order");
    assert!(shards.iter().all(|(_, json)| json.len() <= REVERSED_TARGET), "no shard above the target");
    let words: Vec<String> =
        shards.iter().flat_map(|(_, json)| serde_json::from_str::<Vec<String>>(json).unwrap()).collect();
    assert!(words.contains(&"über".to_string()) && words.contains(&"postgres".to_string()));
    assert!(!words.iter().any(|w| w == "v2" || w == "x9y" || w == "pg_stat"), "letters only, three or more");
    let ends: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    assert!(ends.windows(2).all(|w| w[0] < w[1]), "sorted by the reversed word");
    let first =
        |n: usize| serde_json::from_str::<Vec<String>>(&shards[n].1).unwrap()[0].chars().rev().collect::<String>();
    assert!((0..shards.len()).all(|n| shards[n].0 == first(n)), "named by the first reversed word");
}

#[test]
fn cjk_words_are_not_taken_for_typing_mistakes() {
    // Bigrams are two characters; longer CJK words (a theme's or an older index's) are
    // left out all the same, and the letters around them kept.
    let words = ["イベ", "データ", "数据库", "데이터", "イベントx", "postgres", "über"];
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (*w, *w)).collect();
    let terms = Terms::of_pairs(&pairs);
    let shards = make_shards(postings_of(&terms, &[1]), &mut ShardCache::default());
    let reversed: Vec<String> =
        shards.reversed.iter().flat_map(|(_, json)| serde_json::from_str::<Vec<String>>(json).unwrap()).collect();
    assert_eq!(reversed, ["über", "postgres"], "sorted by their end");
    // They are in the vocabulary, as any word.
    let vocabulary: String = shards.vocabulary.iter().map(|(_, json)| json.to_string()).collect();
    assert!(words.iter().all(|w| vocabulary.contains(&format!("\"{w}\""))), "{vocabulary}");
}

/// The shards of `words` (each its own stem) on pages `docs`, from `cache`.
fn shards_of(words: &[String], docs: &[u32], cache: &mut ShardCache, terms: &Terms) -> Shards {
    let numbers: Vec<u32> = words
        .iter()
        .map(|w| (0..terms.word_count() as u32).find(|&n| terms.word(n) == w).expect("a word of the terms"))
        .collect();
    let mut postings = postings_of(terms, docs);
    postings.words = numbers.clone();
    postings.words.sort_unstable();
    let kept: std::collections::HashSet<u32> = numbers.iter().map(|&w| terms.stem_of(w)).collect();
    for (stem, list) in postings.by_stem.iter_mut().enumerate() {
        if !kept.contains(&(stem as u32)) {
            *list = None;
        }
    }
    make_shards(postings, cache)
}

#[test]
fn a_cache_gives_the_shards_an_empty_one_gives_and_encodes_only_what_changed() {
    // Words of many lengths, as in a handbook: the cuts are where the words' hashes
    // say, so a shard that loses words ends where it ended, and the shards after it
    // are the same.
    let all: Vec<String> =
        (0..4000).map(|i| format!("w{i:05}{}", "x".repeat((i * 7919) % 23))).chain(["zzadded".to_string()]).collect();
    let pairs: Vec<(&str, &str)> = all.iter().map(|w| (w.as_str(), w.as_str())).collect();
    let terms = Terms::of_pairs(&pairs);
    let before = &all[..4000];
    let mut cache = ShardCache::default();
    let first = shards_of(before, &[1, 2], &mut cache, &terms);
    // Words removed and added, the same pages: the shards are those of a cache-less index.
    let after: Vec<String> = all.iter().filter(|w| !w.starts_with("w00010")).cloned().collect();
    let again = shards_of(&after, &[1, 2], &mut cache, &terms);
    let fresh = shards_of(&after, &[1, 2], &mut ShardCache::default(), &terms);
    let texts = |s: &Shards| {
        s.vocabulary.iter().chain(&s.reversed).map(|(n, j)| (n.clone(), j.to_string())).collect::<Vec<_>>()
    };
    assert_eq!(texts(&again), texts(&fresh));
    // Shards whose words did not change are the cached text itself, not a copy.
    let reused = again
        .vocabulary
        .iter()
        .filter(|(name, json)| first.vocabulary.iter().any(|(n, j)| n == name && Arc::ptr_eq(j, json)))
        .count();
    assert!(again.vocabulary.len() > 8, "{} shards", again.vocabulary.len());
    assert!(reused + 2 >= again.vocabulary.len(), "{reused} of {} shards reused", again.vocabulary.len());
    assert!(!Arc::ptr_eq(&again.vocabulary[0].1, &first.vocabulary[0].1), "the shard of w00010 is new");
    // Other pages: every stem's postings changed, so every shard is new.
    let moved = shards_of(&after, &[1, 3], &mut cache, &terms);
    assert!(moved.vocabulary.iter().all(|(n, j)| !again.vocabulary.iter().any(|(m, k)| m == n && Arc::ptr_eq(j, k))));
    assert_eq!(texts(&moved), texts(&shards_of(&after, &[1, 3], &mut ShardCache::default(), &terms)));
}
