//! The browser's Snowball stemmer for the handbook's language: the build appends it to
//! the theme's `search-analysis.js`, so a reader's query is stemmed exactly as the index
//! stemmed the pages (see [`super::text`]) without another request.
//!
//! The stemmers are generated from rust-stemmers' code by
//! `themes/default/stemmers/generate.mjs`, one file per language, on a shared runtime
//! (`snowball.js`); they are embedded in the binary. English has none here:
//! `search-analysis.js` holds its own English stemmer, so an English handbook's file is
//! the theme's as it is.

/// The runtime of the generated stemmers.
const RUNTIME: &str = include_str!("../../themes/default/stemmers/snowball.js");

/// The generated stemmers, by the name of their Snowball algorithm.
const STEMMERS: &[(&str, &str)] = &[
    ("arabic", include_str!("../../themes/default/stemmers/arabic.js")),
    ("danish", include_str!("../../themes/default/stemmers/danish.js")),
    ("dutch", include_str!("../../themes/default/stemmers/dutch.js")),
    ("finnish", include_str!("../../themes/default/stemmers/finnish.js")),
    ("french", include_str!("../../themes/default/stemmers/french.js")),
    ("german", include_str!("../../themes/default/stemmers/german.js")),
    ("greek", include_str!("../../themes/default/stemmers/greek.js")),
    ("hungarian", include_str!("../../themes/default/stemmers/hungarian.js")),
    ("italian", include_str!("../../themes/default/stemmers/italian.js")),
    ("norwegian", include_str!("../../themes/default/stemmers/norwegian.js")),
    ("portuguese", include_str!("../../themes/default/stemmers/portuguese.js")),
    ("romanian", include_str!("../../themes/default/stemmers/romanian.js")),
    ("russian", include_str!("../../themes/default/stemmers/russian.js")),
    ("spanish", include_str!("../../themes/default/stemmers/spanish.js")),
    ("swedish", include_str!("../../themes/default/stemmers/swedish.js")),
    ("tamil", include_str!("../../themes/default/stemmers/tamil.js")),
    ("turkish", include_str!("../../themes/default/stemmers/turkish.js")),
];

/// What [`analysis_script`] appends for a handbook in `language` alone (a BCP 47 tag):
/// the runtime and the language's stemmer, or nothing for English and for a language
/// without a stemmer.
#[cfg(test)]
fn script_for(language: &str) -> Option<String> {
    let algorithm = super::text::algorithm_name(language)?;
    let (_, stemmer) = STEMMERS.iter().find(|(name, _)| *name == algorithm)?;
    Some(format!("\n{RUNTIME}{stemmer}"))
}

/// `search-analysis.js` as the build writes it for a handbook in `languages` (one
/// index each): the theme's file, with the stemmers those languages need appended, the
/// runtime once.
pub(crate) fn analysis_script<'a>(theme_file: &'a [u8], languages: &[String]) -> std::borrow::Cow<'a, [u8]> {
    let mut algorithms: Vec<&str> = Vec::new();
    for language in languages {
        if let Some(algorithm) = super::text::algorithm_name(language)
            && STEMMERS.iter().any(|(name, _)| *name == algorithm)
            && !algorithms.contains(&algorithm)
        {
            algorithms.push(algorithm);
        }
    }
    if algorithms.is_empty() {
        return std::borrow::Cow::Borrowed(theme_file);
    }
    let mut bytes = theme_file.to_vec();
    bytes.extend_from_slice(b"\n");
    bytes.extend_from_slice(RUNTIME.as_bytes());
    for algorithm in algorithms {
        if let Some((_, stemmer)) = STEMMERS.iter().find(|(name, _)| *name == algorithm) {
            bytes.extend_from_slice(stemmer.as_bytes());
        }
    }
    std::borrow::Cow::Owned(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stemmed_language_but_english_has_a_browser_stemmer() {
        for language in ["de", "fr-CA", "es", "it", "nl", "pt-BR", "sv", "no", "nb", "nn", "da", "fi", "ru", "hu", "ro"]
            .into_iter()
            .chain(["tr", "ar", "el", "ta"])
        {
            assert!(super::super::text::stemmer_for(language).is_some(), "{language}");
            let script = script_for(language).unwrap_or_else(|| panic!("{language} has a browser stemmer"));
            assert!(script.contains("OpsbookSnowball") && script.contains("OpsbookStemmers"), "{language}");
        }
        assert_eq!(script_for("de").as_deref().map(|s| s.contains("Snowball german stemmer")), Some(true));
        assert_eq!(script_for("en-GB"), None, "search-analysis.js stems English itself");
        assert_eq!(script_for("tlh"), None);
        assert_eq!(STEMMERS.len(), 17);
    }

    #[test]
    fn appends_only_what_the_language_needs() {
        let one = |code: &str| vec![code.to_string()];
        assert_eq!(analysis_script(b"x", &one("en")), std::borrow::Cow::Borrowed(b"x".as_slice()));
        let german = analysis_script(b"x", &one("de-AT"));
        assert!(german.starts_with(b"x\n/* opsbook: the runtime"));
        assert!(german.ends_with(b"})(this);\n"));
        assert_eq!(german.as_ref(), format!("x{}", script_for("de").unwrap_or_default()).as_bytes());
        // Several languages: each stemmer once, the runtime once.
        let languages = ["en", "de", "fr", "de-CH"].map(String::from);
        let text = String::from_utf8(analysis_script(b"x", &languages).into_owned()).unwrap_or_default();
        assert_eq!(text.matches("Snowball german stemmer").count(), 1);
        assert_eq!(text.matches("Snowball french stemmer").count(), 1);
        assert_eq!(text.matches("/* opsbook: the runtime").count(), 1);
    }
}
