//! The browser's stemmer a build ships: the handbook language's Snowball stemmer
//! appended to the built-in `search-analysis.js` (minified), nothing for English, for a
//! language without a stemmer, or for a theme's own `search-analysis.js`. Queries against such a build run
//! under Node in tests/js/languages.test.cjs (tests/browser/run.sh).

use crate::util;

use util::Site;

const THEME_ANALYSIS: &str = include_str!("../../themes/default/static/search-analysis.js");

fn built_analysis(language: &str, theme_file: Option<&str>) -> String {
    let site = Site::with_files("search-languages", &[("content/page.md", "# Seite\n\nDatenbank.\n")]);
    site.write("book.toml", format!("[handbook]\ntitle = \"Test\"\nlanguage = \"{language}\"\n"));
    if let Some(text) = theme_file {
        site.write("static/search-analysis.js", text);
    }
    site.build(&[]).expect_code(0);
    site.read("public/search-analysis.js")
}

#[test]
fn ships_the_stemmer_of_the_handbook_language_only() {
    // The build writes the built-in script minified: a stemmer is known by what it registers.
    let english = built_analysis("en", None);
    let german = built_analysis("de-CH", None);
    assert!(german.len() > english.len() && german.contains("OpsbookSnowball"), "the runtime and a stemmer are added");
    assert!(german.contains(".german=stemmer"), "{}", &german[german.len() - 200..]);
    assert!(!german.contains(".french=stemmer"));
    assert!(built_analysis("el", None).contains(".greek=stemmer"));
    assert!(built_analysis("nb", None).contains(".norwegian=stemmer"));
}

#[test]
fn english_unknown_languages_and_theme_files_get_no_stemmer() {
    let english = built_analysis("en", None);
    assert!(!english.contains("OpsbookSnowball") && english.len() * 10 < THEME_ANALYSIS.len() * 7, "minified");
    assert_eq!(built_analysis("tlh", None), english);
    // A theme's own file is written as the theme has it: neither stemmer nor minified.
    let own = "/* my own client */\n";
    assert_eq!(built_analysis("de", Some(own)), own);
}

fn json(site: &Site, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The pages of the index (`p-<n>.json`) by URL, and every word of its vocabulary.
fn urls_and_vocabulary(site: &Site) -> (Vec<String>, Vec<String>) {
    let manifest = json(site, "public/search/manifest.json");
    let chunk = manifest["chunk"].as_u64().expect("a chunk size") as usize;
    let pages = manifest["pages"].as_u64().expect("a page count") as usize;
    let urls = (0..pages)
        .map(|n| {
            json(site, &format!("public/search/p-{}.json", n / chunk))[n % chunk][0]
                .as_str()
                .expect("a URL")
                .to_string()
        })
        .collect();
    let shards = manifest["shards"].as_array().expect("a list of shards").len();
    let mut words = Vec::new();
    for n in 0..shards {
        let shard = json(site, &format!("public/search/t-{n}.json"));
        words.extend(shard["w"].as_object().expect("a map of words").keys().cloned());
    }
    (urls, words)
}

/// Japanese is written without spaces: the index holds the overlapping pairs of
/// characters of each stretch of CJK text (`イベント`: `イベ`, `ベン`, `ント`), so a
/// query for a word of the text finds its page by its pairs; the letters next to the
/// CJK text are words of their own; the phrase files have the pairs one after the
/// other. The client's side runs under Node in tests/js/languages.test.cjs.
#[test]
fn a_japanese_handbook_indexes_cjk_text_by_pairs_of_characters() {
    let site = Site::with_files(
        "search-japanese",
        &[
            (
                "content/ga4.md",
                "# GA4のイベント\n\nga4で収集されるすべてのデータはイベントとして追跡されます。\n\nKubernetesのノードも見ます。\n",
            ),
            ("content/node.md", "# ノードの再起動\n\n再起動の手順を確認してください。\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"ハンドブック\"\nlanguage = \"ja\"\n");
    site.build(&[]).expect_code(0);
    let manifest = json(&site, "public/search/manifest.json");
    assert_eq!(manifest["language"], "ja");
    let (urls, words) = urls_and_vocabulary(&site);
    assert!(urls.contains(&"ga4/".to_string()), "{urls:?}");
    let has = |word: &str| words.iter().any(|w| w == word);
    // イベント and データ: every pair of each, and the letters around them.
    for word in ["イベ", "ベン", "ント", "デー", "ータ", "ga4", "kubernetes", "ノー", "ード", "再起", "起動"]
    {
        assert!(has(word), "{word} is a word of the vocabulary: {words:?}");
    }
    // No clause is a word, as the whole sentence used to be.
    let cjk = |w: &String| w.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    let long: Vec<&String> = words.iter().filter(|w| cjk(w) && w.chars().count() != 2).collect();
    assert!(long.is_empty(), "CJK words of other than two characters: {long:?}");
    assert!(!has("ga4で収集されるすべてのデータはイベントとして追跡されます"));
    // A bigram is its own stem, a word the index holds with its postings.
    let shard = (0..manifest["shards"].as_array().unwrap().len())
        .map(|n| json(&site, &format!("public/search/t-{n}.json")))
        .find(|shard| shard["w"].get("イベ").is_some())
        .expect("the shard of イベ");
    assert_eq!(shard["w"]["イベ"], "イベ");
    // The phrase files hold the pairs of consecutive bigrams: `"イベント"` is matched.
    let pairs: Vec<String> = site
        .files_under("public/search")
        .into_iter()
        .filter(|f| f.starts_with("q-"))
        .flat_map(|f| {
            json(&site, &format!("public/search/{f}")).as_object().unwrap().keys().cloned().collect::<Vec<_>>()
        })
        .collect();
    for pair in ["イベ ベン", "ベン ント", "デー ータ", "ga4 で収"] {
        assert!(pairs.iter().any(|p| p == pair), "the pair {pair:?}: {pairs:?}");
    }
}
