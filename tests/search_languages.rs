//! The browser's stemmer a build ships: the handbook language's Snowball stemmer
//! appended to `search-analysis.js`, nothing for English, for a language without a
//! stemmer, or for a theme's own `search-analysis.js`. Queries against such a build run
//! under Node in tests/js/languages.test.cjs (tests/browser/run.sh).

mod util;

use util::Site;

const THEME_ANALYSIS: &str = include_str!("../themes/default/static/search-analysis.js");

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
    let german = built_analysis("de-CH", None);
    assert!(german.starts_with(THEME_ANALYSIS), "the theme's file comes first");
    let added = &german[THEME_ANALYSIS.len()..];
    assert!(added.contains("OpsbookSnowball") && added.contains("Snowball german stemmer"), "{}", &added[..200]);
    assert!(added.contains(".german = stemmer"));
    assert!(!added.contains("Snowball french stemmer"));
    let greek = built_analysis("el", None);
    assert!(greek[THEME_ANALYSIS.len()..].contains("Snowball greek stemmer"));
    assert!(built_analysis("nb", None).contains("Snowball norwegian stemmer"));
}

#[test]
fn english_unknown_languages_and_theme_files_get_no_stemmer() {
    assert_eq!(built_analysis("en", None), THEME_ANALYSIS);
    assert_eq!(built_analysis("tlh", None), THEME_ANALYSIS);
    let own = "/* my own client */\n";
    assert_eq!(built_analysis("de", Some(own)), own);
}
