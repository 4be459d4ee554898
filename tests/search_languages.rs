//! The browser's stemmer a build ships: the handbook language's Snowball stemmer
//! appended to the built-in `search-analysis.js` (minified), nothing for English, for a
//! language without a stemmer, or for a theme's own `search-analysis.js`. Queries against such a build run
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
