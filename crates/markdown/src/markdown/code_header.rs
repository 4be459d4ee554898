//! The first line of an indented code block that names its language, as Python-Markdown's
//! CodeHilite reads it: `:::python` (two or more colons) or `#!python` (a mock shebang)
//! gives the language and is dropped; a line with a path (`#!/usr/bin/python`, or any
//! space before the name) gives the language and stays, as a real shebang. Whatever
//! follows the name on the line (`hl_lines="1 3"`, other words) is not code either.

/// The language the first line of `code` names, lower-cased (empty when it names none),
/// with `code` losing that line unless it stays; `None` when the line is no header.
pub fn take(code: &mut String) -> Option<String> {
    // CodeHilite reads the block with its leading and trailing newlines stripped.
    let start = code.len() - code.trim_start_matches('\n').len();
    let line_end = code[start..].find('\n').map_or(code.len(), |at| start + at);
    let (language, keeps_line) = read(&code[start..line_end])?;
    if !keeps_line {
        let rest = code[line_end..].trim_start_matches('\n').len();
        code.replace_range(..code.len() - rest, "");
    }
    Some(language)
}

/// The language `line` names and whether the line stays (it has a path); `None` when it
/// starts with neither two colons nor `#!`.
fn read(line: &str) -> Option<(String, bool)> {
    let rest = if line.starts_with("::") { line.trim_start_matches(':') } else { line.strip_prefix("#!")? };
    // A path: any `/word` parts and then a `/` or a space, the longest that is one.
    let mut path_end = None;
    let mut at = 0;
    loop {
        match rest[at..].chars().next() {
            Some(' ') => {
                path_end = Some(at + 1);
                break;
            }
            Some('/') => {
                path_end = Some(at + 1);
                let word = rest[at + 1..].chars().take_while(|c| is_word(*c)).map(char::len_utf8).sum::<usize>();
                if word == 0 {
                    break;
                }
                at += 1 + word;
            }
            _ => break,
        }
    }
    let name_start = path_end.unwrap_or(0);
    let name: String = rest[name_start..].chars().take_while(|&c| is_word(c) || "#.+-".contains(c)).collect();
    Some((name.to_lowercase(), path_end.is_some()))
}

/// A character of Python's `\w`: a letter, digit or underscore of any script.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header cases of Python-Markdown's own tests (`tests/test_syntax/extensions/
    /// test_code_hilite.py` at bb50627d, `TestCodeHiliteExtension`, and the `CodeHilite`
    /// calls of `TestCodeHilite`), each as (the block's text, the language, the code left).
    #[test]
    fn reads_first_lines_as_python_markdown_s_own_tests_do() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            // testLinenumsNoneWithShebang, testLinenumsFalse: a mock shebang is dropped.
            ("#!Python\n# A Code Comment", Some("python"), "# A Code Comment"),
            // testLinenumsNoneWithColon, testUsePygmentsFalse, testLangPrefix.
            (":::Python\n# A Code Comment", Some("python"), "# A Code Comment"),
            // testHighlightLinesWithColon: the options after the name are not code.
            (":::Python hl_lines=\"1\"\n#line 1\n#line 2\n#line 3", Some("python"), "#line 1\n#line 2\n#line 3"),
            (":::Python hl_lines='1'\n#line 1\n#line 2\n#line 3", Some("python"), "#line 1\n#line 2\n#line 3"),
            // testDoubleEscape, testEntitiesIntact, testHighlightAmps.
            (":::html\n<span>&amp;</span>", Some("html"), "<span>&amp;</span>"),
            (":::text\n&lt; &\\lt; &\\\\lt;", Some("text"), "&lt; &\\lt; &\\\\lt;"),
            // testBasicCodeHilite, testLinenumsTrue: no header, the block as it is.
            ("# A Code Comment", None, "# A Code Comment"),
            // `_parseHeader`'s docstring: a shebang with a path is a real one and stays.
            ("#!/usr/bin/python\nprint(1)", Some("python"), "#!/usr/bin/python\nprint(1)"),
            ("#!/usr/bin/env python\nprint(1)", Some("python"), "#!/usr/bin/env python\nprint(1)"),
        ];
        for (block, language, left) in cases {
            let mut code = block.to_string();
            assert_eq!(take(&mut code).as_deref(), *language, "{block:?}");
            assert_eq!(code, *left, "{block:?}");
        }
    }

    /// What CodeHilite's expression makes of lines its tests do not show.
    #[test]
    fn reads_the_edges_of_codehilite_s_expression() {
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            // Two colons are enough, one is not; nothing after them is no language.
            ("::bash", Some(("bash", false))),
            (":bash", None),
            (":::", Some(("", false))),
            ("#!", Some(("", false))),
            // A space before the name is a path: the line stays.
            ("#! python", Some(("python", true))),
            (":: python", Some(("python", true))),
            // `/` alone, or a path that ends in no name.
            ("#!/", Some(("", true))),
            ("#!/bin/", Some(("", true))),
            // The name's characters: word characters and `#.+-`, anything else ends it.
            (":::c++ extra", Some(("c++", false))),
            (":::objective-c", Some(("objective-c", false))),
            (":::C#", Some(("c#", false))),
            (":::py(3)", Some(("py", false))),
            (":::Ünïcode", Some(("ünïcode", false))),
            // An address that starts with two colons is read as a header too.
            ("::1", Some(("1", false))),
            ("  :::python", None),
        ];
        for (line, read_as) in cases {
            let expected = read_as.map(|(name, keeps)| (name.to_string(), keeps));
            assert_eq!(read(line), expected, "{line:?}");
        }
    }

    #[test]
    fn keeps_the_block_whole_but_for_the_dropped_line() {
        let mut code = "\n:::yaml\n\nkey: value\n".to_string();
        assert_eq!(take(&mut code).as_deref(), Some("yaml"));
        assert_eq!(code, "key: value\n");
        let mut only = ":::yaml".to_string();
        assert_eq!(take(&mut only).as_deref(), Some("yaml"));
        assert_eq!(only, "");
    }
}
