use super::file::*;
use super::*;

#[test]
fn the_search_script_reads_its_own_words_as_json() {
    let json = search_script_words(&built_in("de"));
    let words: BTreeMap<String, String> = serde_json::from_str(&json).expect("JSON");
    assert_eq!(words.get("search_no_match").map(String::as_str), Some("Keine Seite passt."));
    assert_eq!(words.get("search_all_results").map(String::as_str), Some("Alle {n} Ergebnisse"));
    assert!(words.keys().all(|key| key.starts_with("search_") || key.starts_with("kind_")), "{words:?}");
    assert!(!words.contains_key("search_placeholder") && !words.contains_key("search_title"));
    assert_eq!(words.get("kind_incident").map(String::as_str), Some("Vorfall"));
    assert_eq!(words.len(), 28);
}

#[test]
fn numbers_are_written_with_the_reader_s_decimal_separator() {
    assert_eq!(number_text(&built_in("de"), "99.95"), "99,95");
    assert_eq!(number_text(&built_in("en"), "99.95"), "99.95");
}

#[test]
fn states_and_dates_are_said_in_the_reader_s_words() {
    let de = built_in("de");
    let en = built_in("en");
    assert_eq!(say(&de, "Partial Outage"), "Teilausfall");
    assert_eq!(say(&de, "Review overdue"), "Überprüfung überfällig");
    assert_eq!(say(&en, "Partial Outage"), "Partial Outage");
    // A label no state key has stays as it is, as does a word of another kind.
    assert_eq!(say(&de, "Postmortem"), "Postmortem");
    assert_eq!(say(&de, "Search"), "Search");
    let date = crate::dates::Date::parse("2023-06-02").expect("a date");
    assert_eq!(date_text(&en, date), date.format("%-d %B %Y"));
    assert_eq!(month_text(&en, date), date.format("%B %Y"));
    assert_eq!(date_text(&de, date), "2. Juni 2023");
    assert_eq!(month_text(&de, crate::dates::Date::parse("0023-03-01").expect("a date")), "März 0023");
    // A strings file's `months` with too few names keeps the English of the others.
    let mut short = built_in("fr");
    short.insert("months", "janvier".into());
    assert_eq!(month_text(&short, date), "June 2023");
}

#[test]
fn a_docusaurus_code_json_gives_the_words_opsbook_s_theme_shares() {
    let mut words = built_in("fr");
    let mut diagnostics = Vec::new();
    let text = r#"{"theme.docs.paginator.next": {"message": "Suivant", "description": "x"},
        "theme.CodeBlock.copy": "Copier", "theme.NotFound.title": {"message": "Introuvable"},
        "theme.admonition.tip": {"message": "astuce"},
        "theme.common.editThisPage": {"message": " "}}"#;
    apply_code_json(&mut words, text, "i18n/fr/code.json", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!((words["next"].as_str(), words["ui_copy"].as_str()), ("Suivant", "Copier"));
    assert_eq!(words["md_tip"], "astuce", "an admonition's default title");
    assert_eq!(words["edit_this_page"], "Edit this page", "an empty message leaves the word");
    for (_, key) in CODE_JSON_WORDS {
        assert!(every_english().any(|(k, _)| k == key), "{key}");
    }
    apply_code_json(&mut words, "[1,", "i18n/fr/code.json", &mut diagnostics);
    assert_eq!(diagnostics.len(), 1);
}

#[test]
fn a_strings_file_in_hugo_s_yaml_or_json_forms_is_read() {
    let mut words = built_in("fr");
    let mut diagnostics = Vec::new();
    let yaml = "menu: Menu FR\nprevious:\n  other: Précédent\nnext: 3\nmneu: x\n";
    apply_yaml(&mut words, yaml, "i18n/fr.yaml", &mut diagnostics);
    assert_eq!((words["menu"].as_str(), words["previous"].as_str()), ("Menu FR", "Précédent"));
    let said: Vec<(usize, &str)> = diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(said, [(4, "`next` must be a string"), (5, "`mneu` is no word of opsbook's theme: left out")]);
    let mut words = built_in("fr");
    let json = r#"[{"id": "menu", "translation": "Menu JSON"}, {"id": "next", "translation": {"other": "Suivant"}}]"#;
    apply_yaml(&mut words, json, "i18n/fr.json", &mut Vec::new());
    assert_eq!((words["menu"].as_str(), words["next"].as_str()), ("Menu JSON", "Suivant"));
    let mut bad = Vec::new();
    apply_yaml(&mut built_in("fr"), "a: [", "i18n/fr.yaml", &mut bad);
    assert_eq!(bad.len(), 1, "{bad:?}");
}

#[test]
fn a_review_period_is_said_in_the_reader_s_words() {
    let (en, de) = (built_in("en"), built_in("de"));
    for text in ["1d", "7d", "2w", "90d", "1m", "6m", "1y", "2y", "18m"] {
        let period = crate::dates::Period::parse(text).expect("a period");
        assert_eq!(period_text(&en, period), period.to_string(), "{text}");
    }
    assert_eq!(period_text(&de, crate::dates::Period::parse("6m").expect("a period")), "6 Monate");
    assert_eq!(period_text(&de, crate::dates::Period::parse("1y").expect("a period")), "1 Jahr");
}

#[test]
fn german_has_every_english_key() {
    let german: Vec<&str> = GERMAN.iter().chain(crate::markdown::words::GERMAN).map(|(k, _)| *k).collect();
    for (key, _) in every_english() {
        assert!(german.contains(key), "{key}");
    }
    assert_eq!(built_in("de-AT")["menu"], "Menü");
    assert_eq!(built_in("fr")["menu"], "Menu");
    assert_eq!(language_name("de"), "Deutsch");
    assert_eq!(language_name("tlh"), "tlh");
}

#[test]
fn a_strings_file_sets_known_words_and_warns_of_the_rest() {
    let mut words = built_in("fr");
    let mut diagnostics = Vec::new();
    let text = "menu = \"Menu FR\"\nmneu = \"x\"\nnext = 3\n[previous]\nother = \"Précédent\"\n";
    apply(&mut words, text, "i18n/fr.toml", &mut diagnostics);
    assert_eq!(words["menu"], "Menu FR");
    assert_eq!(words["previous"], "Précédent");
    assert_eq!(diagnostics.len(), 2);
    assert_eq!(diagnostics[0].message, "`next` must be a string");
    assert_eq!((diagnostics[1].line, diagnostics[1].column), (2, 1));
    assert_eq!(diagnostics[1].message, "`mneu` is no word of opsbook's theme: left out");
    assert_eq!(diagnostics[1].help.as_deref(), Some("did you mean `menu`?"));
}
