//! Hostile inputs: Chinese, Japanese and Korean text (crates/search/src/search_index/text.rs indexes each
//! stretch of CJK characters as its overlapping pairs of characters). A megabyte of CJK
//! characters on one line, with no space, CJK mixed with other scripts, combining marks,
//! noncharacters, private-use and unassigned code points, and characters of four bytes
//! around and inside the stretches: the build exits 0 without a panic, and the index
//! stays bounded: no word longer than the pieces the splitter makes (a CJK word is two
//! characters), so the vocabulary is at most the distinct bigrams of the text.

use std::collections::HashSet;

use crate::util::{Site, panicked};

fn json(site: &Site, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every word of the index, from all shards.
fn vocabulary(site: &Site) -> Vec<String> {
    let manifest = json(site, "public/search/manifest.json");
    let shards = manifest["shards"].as_array().expect("a list of shards").len();
    (0..shards)
        .flat_map(|n| {
            let shard = json(site, &format!("public/search/t-{n}.json"));
            shard["w"].as_object().expect("a map of words").keys().cloned().collect::<Vec<_>>()
        })
        .collect()
}

/// A generator of numbers (xorshift), the same on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Whether `c` is in one of the blocks the text below draws its CJK characters from.
fn drawn_cjk(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FC}' | '\u{4E00}'..='\u{9FA5}' | '\u{AC00}'..='\u{D7A3}' | '\u{20000}'..='\u{2A6D6}')
}

/// The characters [`cjk_line`] draws from: (first, how many), 300 in all.
const DRAWN: &[(u32, usize)] = &[(0x3041, 40), (0x30A1, 40), (0x4E00, 120), (0xAC00, 80), (0x20000, 20)];

/// About `bytes` bytes of CJK characters without spaces: hiragana, katakana, kanji,
/// Hangul syllables and ideographs of four bytes.
fn cjk_line(random: &mut Random, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4);
    while text.len() < bytes {
        let (from, count) = DRAWN[random.below(DRAWN.len())];
        text.push(char::from_u32(from + random.below(count) as u32).expect("a character"));
    }
    text
}

/// What goes around and inside the CJK text: other scripts, combining marks (the
/// voiced sound mark of kana written apart, an acute accent), a noncharacter, private
/// use, unassigned code points, a character of the Specials block, joiners of
/// identifiers, an emoji with a variation selector, half- and fullwidth forms.
const AROUND: &[&str] = &[
    "ga4",
    "Kubernetes",
    "\u{3099}",
    "\u{0301}",
    "e\u{0301}",
    "\u{FFFF}",
    "\u{E000}",
    "\u{10FFFD}",
    "\u{0378}",
    "\u{FFFD}",
    "_",
    ".",
    "-",
    "config.yml",
    "🙂\u{FE0F}",
    "ｲﾍﾞﾝﾄ",
    "ＡＢＣ１２３",
    "\u{200D}",
    "\u{3000}",
    "Ελλάδα",
    "\u{2E80}",
    "\u{2F00}",
    "〇々",
];

#[test]
fn a_megabyte_of_cjk_text_on_one_line_builds_and_keeps_the_index_bounded() {
    let mut random = Random(0x0c1c_2024_5eed_0001);
    let line = cjk_line(&mut random, 1024 * 1024);
    let mut mixed = String::new();
    for _ in 0..4000 {
        let length = 1 + random.below(30);
        mixed.push_str(&cjk_line(&mut random, length));
        mixed.push_str(AROUND[random.below(AROUND.len())]);
    }
    let heading: String = mixed.chars().take(200).collect();
    let pages = [
        ("content/long.md", format!("---\ntitle: 長い行\n---\n\n{line}\n")),
        ("content/mixed.md", format!("---\ntitle: 混在 mixed\n---\n\n# 見出し{heading}\n\n{mixed}\n")),
        ("content/event.md", "---\ntitle: イベント\n---\n\nすべてのデータはイベントとして追跡されます。\n".to_string()),
    ];
    let files: Vec<(&str, &str)> = pages.iter().map(|(path, text)| (*path, text.as_str())).collect();
    let site = Site::with_files("hostile-cjk", &files);
    site.write("book.toml", "[handbook]\ntitle = \"CJK\"\nlanguage = \"ja\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!panicked(&run.stderr), "{}", run.stderr);

    let words = vocabulary(&site);
    let text: String = pages.iter().map(|(_, text)| text.as_str()).collect();
    let mut bigrams = HashSet::new();
    let chars: Vec<char> = text.chars().collect();
    for pair in chars.windows(2) {
        bigrams.insert(pair.iter().collect::<String>());
    }
    let cjk_words: Vec<&String> = words.iter().filter(|w| w.chars().any(drawn_cjk)).collect();
    // Each CJK word is two characters, both CJK, one after the other somewhere in the
    // text: nothing like the clause-long words the index made before.
    for word in &cjk_words {
        assert_eq!(word.chars().count(), 2, "{word:?}");
        assert!(bigrams.contains(*word), "{word:?} is no pair of characters of the text");
    }
    // The megabyte line has about 300,000 characters of 300 kinds: at most 90,000
    // distinct bigrams, which bound the vocabulary (with the few words of the other
    // scripts); before, the line was one word of a megabyte.
    let kinds: usize = DRAWN.iter().map(|(_, count)| count).sum();
    assert!(cjk_words.len() > 10_000, "the long line is indexed: {}", cjk_words.len());
    assert!(cjk_words.len() <= kinds * kinds, "{} CJK words", cjk_words.len());
    assert!(words.len() <= kinds * kinds + 2_000, "{} words", words.len());
    assert!(words.iter().all(|w| w.chars().count() <= 64), "no word longer than an identifier");
    // The letters among the CJK text are words of their own; the short page is found.
    for word in ["ga4", "kubernetes", "イベ", "ベン", "ント", "デー", "ータ"] {
        assert!(words.iter().any(|w| w == word), "{word} is indexed");
    }
}
