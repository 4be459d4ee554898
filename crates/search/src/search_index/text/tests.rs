use super::*;

#[allow(dead_code, unreachable_pub)]
#[path = "../../../../../src/test_support/hostile_text.rs"]
mod hostile_text;

#[test]
fn splits_and_folds_words() {
    let found: Vec<String> = words("Übergabe: kafka-consumer_groups.sh, pg_stat (v2)").collect();
    assert_eq!(found, ["ubergabe", "kafka", "consumer", "groups", "sh", "pg", "stat", "v2"]);
    // CJK text gives its bigrams (a whole word before CJK text was split in bigrams).
    let found: Vec<String> = words("日本語 ÉCOLE").collect();
    assert_eq!(found, ["日本", "本語", "ecole"]);
}

fn plain_terms(text: &str) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for_each_marked_term(text, &mut String::new(), |t, plain| found.push((t.to_string(), plain)));
    found
}

fn terms_of(text: &str) -> Vec<String> {
    plain_terms(text).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn cjk_text_gives_overlapping_bigrams_as_plain_words() {
    // Japanese: katakana, hiragana and kanji in one stretch; the prolonged sound mark
    // is a letter of the stretch.
    assert_eq!(terms_of("イベント"), ["イベ", "ベン", "ント"]);
    assert_eq!(terms_of("データ"), ["デー", "ータ"]);
    assert_eq!(terms_of("追跡され"), ["追跡", "跡さ", "され"]);
    // Chinese.
    assert_eq!(terms_of("数据库备份"), ["数据", "据库", "库备", "备份"]);
    // Korean: syllables; a space ends a stretch as it ends a word.
    assert_eq!(terms_of("데이터베이스 백업"), ["데이", "이터", "터베", "베이", "이스", "백업"]);
    // Halfwidth katakana, and an ideograph beyond the Basic Multilingual Plane.
    assert_eq!(terms_of("ｲﾍﾞﾝﾄ 𠮷野家"), ["ｲﾍ", "ﾍﾞ", "ﾞﾝ", "ﾝﾄ", "𠮷野", "野家"]);
    // Punctuation of CJK text separates stretches: `、`, `。`, `・`.
    assert_eq!(terms_of("収集、追跡。ログ・データ"), ["収集", "追跡", "ログ", "デー", "ータ"]);
    // Every bigram is a plain word: a quoted phrase is matched against them in order.
    assert!(plain_terms("すべてのデータはイベントとして").iter().all(|(_, plain)| *plain));
    // Bigrams are their own stems, never stop words, in any language.
    for language in ["en", "ja", "de", "zh-Hans"] {
        let analyzer = Analyzer::new(language);
        assert_eq!(analyzer.stem("イベ").as_deref(), Some("イベ"), "{language}");
        assert_eq!(analyzer.stem("数据").as_deref(), Some("数据"), "{language}");
    }
    assert!(is_cjk_term("ント") && !is_cjk_term("event") && !is_cjk_term("ga4"));
}

#[test]
fn letters_next_to_cjk_text_are_words_of_their_own() {
    assert_eq!(
        terms_of("ga4で収集されるすべてのデータ"),
        ["ga4", "で収", "収集", "集さ", "され", "れる", "るす", "すべ", "べて", "ての", "のデ", "デー", "ータ"]
    );
    assert_eq!(terms_of("Kubernetesのノード"), ["kubernetes", "のノ", "ノー", "ード"]);
    // An ASCII word in camel case keeps its parts; other letters are folded.
    assert_eq!(terms_of("KubePodのアラート"), ["kubepod", "kube", "pod", "のア", "アラ", "ラー", "ート"]);
    assert_eq!(terms_of("Übergabeの手順"), ["ubergabe", "の手", "手順"]);
    // Stretches alternate: each gives its own pieces.
    assert_eq!(terms_of("v2の設定とAPIキー"), ["v2", "の設", "設定", "定と", "api", "キー"]);
    // An identifier next to CJK text gives its words, not itself whole (it would be a
    // clause); one without CJK characters is kept.
    assert_eq!(terms_of("設定はconfig.ymlにある"), ["設定", "定は", "config", "yml", "にあ", "ある"]);
    assert_eq!(terms_of("config.yml を"), ["config", "yml", "config.yml"]);
}

#[test]
fn a_cjk_character_alone_gives_no_term() {
    // One character is no bigram, and the index holds no word of one character.
    assert_eq!(terms_of("社"), Vec::<String>::new());
    assert_eq!(terms_of("A社 B社"), Vec::<String>::new());
    assert_eq!(terms_of("社 のデータ"), ["のデ", "デー", "ータ"]);
    assert_eq!(terms_of("ab日cd"), ["ab", "cd"]);
    // The reference splitter gives it, and every caller drops it as a short word.
    assert_eq!(words("A社").collect::<Vec<_>>(), ["a", "社"]);
}

#[test]
fn latin_text_is_split_as_before() {
    // Nothing of the CJK handling touches text without CJK characters.
    for text in ["Übergabe: kafka-consumer_groups.sh", "naïve café", "Ελλάδα Москва", "HTTPServer 10.0.0.1"]
    {
        let old: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some())
            .map(crate::slug::fold)
            .collect();
        let plain: Vec<String> = plain_terms(text).into_iter().filter(|(_, p)| *p).map(|(t, _)| t).collect();
        assert_eq!(plain, old, "{text:?}");
    }
    assert!(!"aé ßΩЖ٣ अ ก".chars().any(is_cjk), "letters of other scripts are not CJK");
}

#[test]
fn cjk_ranges_are_sorted_and_match_the_browser() {
    assert!(CJK_RANGES.windows(2).all(|w| w[0].1 < w[1].0) && CJK_RANGES.iter().all(|r| r.0 <= r.1));
    for (lo, hi) in CJK_RANGES {
        for n in [*lo, *hi] {
            assert!(char::from_u32(n).is_some_and(is_cjk), "{n:x}");
        }
        assert!(!char::from_u32(lo - 1).is_some_and(is_cjk), "{:x}", lo - 1);
    }
    for c in ['イ', 'ー', 'ひ', '漢', '々', '한', 'ㄱ', 'ｱ', '丽', '𠀀', '豈'] {
        assert!(is_cjk(c), "{c}");
    }
    // search-analysis.js has the same ranges, written as a class of its regex `CJK`.
    let class: String = CJK_RANGES.iter().map(|(lo, hi)| format!("\\u{{{lo:X}}}-\\u{{{hi:X}}}")).collect();
    let script = include_str!("../../../../../themes/default/static/search-analysis.js");
    let line = format!("var CJK = /[{class}]/u;");
    assert!(script.contains(&line), "search-analysis.js lacks {line}");
}

#[test]
fn finds_words_identifiers_and_camel_case_parts() {
    let terms = |text: &str| {
        let mut found = Vec::new();
        for_each_term(text, &mut String::new(), |t| found.push(t.to_string()));
        found
    };
    assert_eq!(terms("pg_stat_replication."), ["pg", "stat", "replication", "pg_stat_replication"]);
    assert_eq!(terms("KubePodCrashLooping"), ["kubepodcrashlooping", "kube", "pod", "crash", "looping"]);
    assert_eq!(terms("HTTPServer at 10.0.0.1"), ["httpserver", "http", "server", "at", "10", "10.0.0.1"]);
    assert_eq!(terms("CVE-2024-3094 a--b"), ["cve", "2024", "3094", "cve-2024-3094"]);
    assert_eq!(
        terms("Straße-Ü x on-call 2026-11-22 us-east-1"),
        ["strasse", "on", "call", "2026", "11", "22", "us", "east", "us-east-1"]
    );
    // Flags whole, after their words; a `--` inside a word or after a joiner is none.
    assert_eq!(terms("`--keep-pvc` --insecure"), ["keep", "pvc", "--keep-pvc", "insecure", "--insecure"]);
    assert_eq!(terms("a--bc x.--yz"), ["bc", "yz"]);
    assert_eq!(terms("--v2 --set=a_b"), ["v2", "--v2", "set", "--set", "a_b"]);
    // A key with a slash: its dotted part and itself whole; words joined by slashes
    // alone are not kept, with letters and digits they are.
    assert_eq!(
        terms("argocd.argoproj.io/sync-wave and/or apps/v1"),
        [
            "argocd",
            "argoproj",
            "io",
            "sync",
            "wave",
            "argocd.argoproj.io",
            "argocd.argoproj.io/sync-wave",
            "and",
            "or",
            "apps",
            "v1",
            "apps/v1"
        ]
    );
    for text in [
        "Übergabe: kafka-consumer_groups.sh, pg_stat (v2)",
        "日本語 ÉCOLE a I",
        "naïve café x",
        "",
        "ga4で収集されるすべてのデータはイベントとして追跡され",
        "A社 Kubernetesのノード 데이터베이스",
    ] {
        let plain: Vec<String> = words(text).filter(|w| w.chars().nth(1).is_some()).collect();
        let found: Vec<String> = terms(text).into_iter().filter(|t| !is_identifier(t)).collect();
        assert_eq!(found, plain, "{text:?}");
    }
}

/// Words, identifiers and their joiners among private-use
/// characters, combining marks, characters of four bytes, controls and right-to-left
/// marks never make the splitter slice inside a character, and every term it gives
/// has two characters or more.
#[test]
fn hostile_unicode_around_words_never_breaks_the_splitter() {
    use hostile_text::{Random, seed_and_count, unicode};
    const PIECES: &[&str] = &[
        "KubePod",
        "pg_stat",
        "10.0.0.1",
        "CVE-2024-3094",
        "Über",
        "x",
        "_",
        ".",
        "-",
        " ",
        "HTTPServer",
        "é-",
        "イベント",
        "日",
        "한국어",
        "ga4で",
        "ｲﾍﾞ",
        "𠮷",
    ];
    let (seed, texts) = seed_and_count(0x0b5b_00c5, "OPSBOOK_PROPERTY_PAGES", 3000);
    for n in 0..texts * 4 {
        let mut random = Random(seed ^ n.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let mut text = String::new();
        for _ in 0..random.below(12) {
            text.push_str(&unicode(&mut random));
            text.push_str(random.pick(PIECES));
        }
        let terms = crate::panics::catch(|| {
            let mut terms = Vec::new();
            for_each_term(&text, &mut String::new(), |t| terms.push(t.to_string()));
            terms
        });
        let terms = terms.unwrap_or_else(|caught| panic!("{text:?}: {caught:?}"));
        assert!(terms.iter().all(|t| t.chars().count() >= 2), "{text:?}: {terms:?}");
    }
}

/// The terms of a word list (`tests/js/fixtures/analysis-words.txt`), line by line,
/// as the index of a handbook in `language` has them: `[line, [[term, stem or null], ...]]`,
/// or with `stems_only` (the lists of other languages, kept small) only the stems of
/// each line's terms, `[stem or null, ...]`.
fn fixture_terms(list: &str, language: &str, stems_only: bool) -> String {
    let analyzer = Analyzer::new(language);
    let mut out = String::from("[\n");
    let lines: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    for (n, line) in lines.iter().enumerate() {
        let mut terms = Vec::new();
        for_each_term(line, &mut String::new(), |t| {
            let stem = analyzer.stem(t).map(|s| s.into_owned());
            terms.push(if stems_only { serde_json::json!(stem) } else { serde_json::json!([t, stem]) })
        });
        let row = if stems_only { serde_json::json!(terms) } else { serde_json::json!([line, terms]) };
        out.push_str(&row.to_string());
        out.push_str(if n + 1 < lines.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

/// Writes the terms of the word list `words` (under `tests/js/fixtures/`) to `terms`
/// when `OPSBOOK_UPDATE_FIXTURES=1`, and says whether the file holds them, with the
/// number of lines of the list.
fn fixture_is_current(words: &str, terms: &str, language: &str) -> (bool, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/js/fixtures");
    let list = std::fs::read_to_string(dir.join(words)).unwrap_or_else(|_| panic!("the word list {words}"));
    let expected = fixture_terms(&list, language, language != "en");
    let path = dir.join(terms);
    if std::env::var("OPSBOOK_UPDATE_FIXTURES").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &expected).expect("write the fixture");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    (current == expected, list.lines().filter(|l| !l.is_empty()).count())
}

/// The browser's analysis (`static/search-analysis.js`) is checked against this
/// file by `tests/js/analysis.test.cjs`; `OPSBOOK_UPDATE_FIXTURES=1` rewrites it.
#[test]
fn js_analysis_fixture_is_current() {
    let (current, _) = fixture_is_current("analysis-words.txt", "analysis-terms.json", "en");
    assert!(
        current,
        "tests/js/fixtures/analysis-terms.json is stale: run OPSBOOK_UPDATE_FIXTURES=1 cargo test -p opsbook-search --lib js_analysis_fixture"
    );
}

/// The languages besides English that the index stems, by the tag their fixture is
/// named for (`tests/js/fixtures/languages/de.txt`), one per Snowball algorithm.
const FIXTURE_LANGUAGES: &[&str] =
    &["de", "fr", "es", "it", "nl", "pt", "sv", "no", "da", "fi", "ru", "hu", "ro", "tr", "ar", "el", "ta"];

/// The browser's stemmers (`themes/default/stemmers/`) are checked against these
/// files by `tests/js/analysis.test.cjs`: the terms of each language's word list
/// (`tests/js/make-language-words.mjs` writes the lists); `OPSBOOK_UPDATE_FIXTURES=1`
/// rewrites them.
#[test]
fn js_language_fixtures_are_current() {
    let mut stale = Vec::new();
    for language in FIXTURE_LANGUAGES {
        assert!(stemmer_for(language).is_some(), "{language} has a stemmer");
        let words = format!("languages/{language}.txt");
        let (current, lines) = fixture_is_current(&words, &format!("languages/{language}.json"), language);
        assert!(lines >= 300, "{words} has {lines} words, fewer than 300");
        if !current {
            stale.push(*language);
        }
    }
    assert!(
        stale.is_empty(),
        "the fixtures of {stale:?} in tests/js/fixtures/languages/ are stale: run OPSBOOK_UPDATE_FIXTURES=1 cargo test -p opsbook-search --lib js_language_fixtures"
    );
}

#[test]
fn stems_english_and_drops_stop_words() {
    let analyzer = Analyzer::new("en");
    assert_eq!(analyzer.stem("failing").as_deref(), Some("fail"));
    assert_eq!(analyzer.stem("failed").as_deref(), Some("fail"));
    assert_eq!(analyzer.stem("failover").as_deref(), Some("failov"));
    assert_eq!(analyzer.stem("the"), None);
    let german = Analyzer::new("de-CH");
    assert_eq!(german.stem("ubergaben").as_deref(), Some("ubergab"));
    let unknown = Analyzer::new("tlh");
    assert_eq!(unknown.stem("qapla").as_deref(), Some("qapla"));
}
