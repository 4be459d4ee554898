//! The built-in theme's scripts and style sheets as the browser gets them: without their
//! comments and the spaces a browser does not need, by the `minifier` crate (the
//! minifier rustdoc uses for its own scripts and style sheets). A page loads `theme.js`,
//! `page-tools.js`, `search.js`, `search-analysis.js` and `style.css` on every visit, and
//! a host that does not compress sends them as they are written: 105 KB of scripts as
//! written, 62 KB minified. A theme's own files are written as the theme has them.
//!
//! A file the minifier cannot read is written as it is.

use std::borrow::Cow;

/// `script` (JavaScript) minified; as it is when it is not UTF-8 or cannot be read.
pub(crate) fn script(script: &[u8]) -> Cow<'_, [u8]> {
    let Ok(text) = std::str::from_utf8(script) else { return Cow::Borrowed(script) };
    match minifier::js::minify(text) {
        Ok(minified) => Cow::Owned(minified.to_string().into_bytes()),
        Err(_) => Cow::Borrowed(script),
    }
}

/// `sheet` (CSS) minified; as it is when it is not UTF-8 or cannot be read.
pub(crate) fn style_sheet(sheet: &[u8]) -> Cow<'_, [u8]> {
    let Ok(text) = std::str::from_utf8(sheet) else { return Cow::Borrowed(sheet) };
    match minifier::css::minify(text) {
        Ok(minified) => Cow::Owned(minified.to_string().into_bytes()),
        Err(_) => Cow::Borrowed(sheet),
    }
}

/// The built-in theme's static file at `path` as the build writes it: a script or a
/// style sheet minified, anything else as it is.
pub(crate) fn static_file<'a>(path: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    if is_script(path) {
        script(bytes)
    } else if path.ends_with(".css") {
        style_sheet(bytes)
    } else {
        Cow::Borrowed(bytes)
    }
}

/// Whether the static file at `path` is a script, which the build minifies when it is
/// the built-in theme's.
pub(crate) fn is_script(path: &str) -> bool {
    path.ends_with(".js")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_comments_and_spaces_but_keeps_strings_and_regular_expressions() {
        let source = b"/* a comment */\nfunction f(a) {\n  // why\n  var s = 'a // b /* c */';\n  return /\\/\\*x/.test(s) ? a + 1 : a;\n}\n";
        let out = String::from_utf8(script(source).into_owned()).expect("text");
        assert!(!out.contains("a comment") && !out.contains("why"), "{out}");
        assert!(out.contains("'a // b /* c */'") && out.contains("/\\/\\*x/"), "{out}");
        assert!(out.len() < source.len());
        assert_eq!(script(b"\xff\xfe not text"), Cow::Borrowed(b"\xff\xfe not text" as &[u8]));
    }

    /// `css` without its comments and whitespace, and without the `;` before a `}`: what
    /// a minifier that keeps the rules as they are may not change.
    fn tokens_of(css: &str) -> String {
        let mut out = String::new();
        let mut rest = css;
        while let Some((before, after)) = rest.split_once("/*") {
            out.push_str(before);
            rest = after.split_once("*/").map_or("", |(_, after)| after);
        }
        out.push_str(rest);
        out.split_whitespace().collect::<String>().replace(";}", "}")
    }

    #[test]
    fn every_built_in_style_sheet_gets_smaller_and_keeps_its_rules() {
        let sheets = crate::render::theme::BUILTIN_STATIC.iter().filter(|(path, _)| path.ends_with(".css"));
        for (path, bytes) in sheets {
            let minified = String::from_utf8(static_file(path, bytes).into_owned()).expect("text");
            let source = std::str::from_utf8(bytes).expect("text");
            assert!(minified.len() * 10 < source.len() * 9, "{path}: {} of {}", minified.len(), source.len());
            assert_eq!(tokens_of(&minified), tokens_of(source), "{path}");
            // The spaces CSS needs: between a media query's words, and around `+` and
            // `-` in `calc()`.
            for needed in [" and (", " + ", " - "] {
                assert_eq!(
                    minified.matches(needed).count() > 0,
                    source.matches(needed).count() > 0,
                    "{path}: {needed:?}"
                );
            }
        }
        assert_eq!(static_file("a.png", b"\x89PNG"), Cow::Borrowed(b"\x89PNG" as &[u8]));
    }

    #[test]
    fn every_built_in_script_gets_smaller() {
        for (path, bytes) in crate::render::theme::BUILTIN_STATIC.iter().filter(|(path, _)| is_script(path)) {
            let minified = script(bytes);
            assert!(minified.len() * 10 < bytes.len() * 9, "{path}: {} of {}", minified.len(), bytes.len());
        }
    }
}
