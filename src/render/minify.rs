//! The built-in theme's scripts as the browser gets them: without their comments and
//! the spaces a browser does not need, by the `minifier` crate (the minifier rustdoc
//! uses for its own scripts). A page loads `theme.js`, `page-tools.js`, `search.js` and
//! `search-analysis.js` on every visit, and a host that does not compress sends them as
//! they are written: 105 KB as written, 62 KB minified. A theme's own scripts are
//! written as the theme has them.
//!
//! A script the minifier cannot read is written as it is.

use std::borrow::Cow;

/// `script` (JavaScript) minified; as it is when it is not UTF-8 or cannot be read.
pub(crate) fn script(script: &[u8]) -> Cow<'_, [u8]> {
    let Ok(text) = std::str::from_utf8(script) else { return Cow::Borrowed(script) };
    match minifier::js::minify(text) {
        Ok(minified) => Cow::Owned(minified.to_string().into_bytes()),
        Err(_) => Cow::Borrowed(script),
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

    #[test]
    fn every_built_in_script_gets_smaller() {
        for (path, bytes) in crate::render::theme::BUILTIN_STATIC.iter().filter(|(path, _)| is_script(path)) {
            let minified = script(bytes);
            assert!(minified.len() * 10 < bytes.len() * 9, "{path}: {} of {}", minified.len(), bytes.len());
        }
    }
}
