//! Jinja as mkdocs-macros-plugin runs it: over an MkDocs page's whole text, its code
//! too, before Markdown is read. Which pages it renders ([`renders`]), and the value of
//! an expression that is one string literal ([`string_literal`]): `{{ '{{' }}` is how
//! Jinja's documentation writes its own delimiters as text.
//!
//! More: docs/architecture.md, "Notes by module".

use super::Page;
use crate::content::node::Node;
use crate::content::site_data::JinjaPages;

/// Whether the old tool rendered `page` with Jinja: its site's plugin renders every page
/// or only those that opt in, and a page's `render_macros: false` wins over both.
pub(super) fn renders(page: Page<'_>) -> bool {
    let Some(templating) = page.templating else { return false };
    let flag = page.front.and_then(|front| front.get("render_macros")).map(|field| &field.value.value);
    match templating.site.data.text.jinja {
        JinjaPages::None => false,
        JinjaPages::ByDefault => flag != Some(&Node::Bool(false)),
        JinjaPages::OptIn => flag == Some(&Node::Bool(true)),
    }
}

/// Whether `page` is of a site whose plugin runs Jinja, rendered or not: an unrendered
/// page's braces are text, as written.
pub(super) fn is_jinja_site(page: Page<'_>) -> bool {
    page.templating.is_some_and(|t| t.site.data.text.jinja != JinjaPages::None)
}

/// The value of `expression` when it is one string literal (`'{{'`, `"a\tb"`), its
/// escapes read as Jinja's lexer reads them (`string_re`, then Python's
/// `unicode-escape`); `None` for any other expression, or an escape by name (`\N{…}`).
pub(super) fn string_literal(expression: &str) -> Option<String> {
    let expression = expression.trim();
    let quote = expression.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let body = &expression[1..];
    let mut value = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            // The closing quote ends the expression, or it is more than one literal.
            _ if c == quote => return (at + 1 == body.len()).then_some(value),
            '\\' => {
                let (_, escaped) = chars.next()?;
                match escaped {
                    '\n' => {}
                    '\\' | '\'' | '"' => value.push(escaped),
                    'a' => value.push('\u{7}'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    'v' => value.push('\u{b}'),
                    '0'..='7' => {
                        let rest = chars.as_str();
                        let more = rest.bytes().take(2).take_while(|b| (b'0'..=b'7').contains(b)).count();
                        let digits = format!("{escaped}{}", &rest[..more]);
                        value.push(char::from_u32(u32::from_str_radix(&digits, 8).ok()?)?);
                        for _ in 0..more {
                            chars.next();
                        }
                    }
                    'x' | 'u' | 'U' => {
                        let width = match escaped {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex = chars.as_str().get(..width).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))?;
                        value.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                        for _ in 0..width {
                            chars.next();
                        }
                    }
                    'N' => return None,
                    // Python keeps an escape it does not know as written.
                    other => {
                        value.push('\\');
                        value.push(other);
                    }
                }
            }
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::string_literal;

    /// `test_string_escapes` of pallets/jinja `tests/test_lexnparse.py` at
    /// 5ef70112a1ff19c05324ff889dd30405b1002044: each character's Python `repr` as a
    /// literal renders the character; an escape by name is one opsbook does not read.
    #[test]
    fn reads_escapes_as_jinja_s_string_escapes_test() {
        let cases = [
            ("'\\x00'", "\0"),
            ("'\u{2668}'", "\u{2668}"),
            ("'\u{e4}'", "\u{e4}"),
            ("'\\t'", "\t"),
            ("'\\r'", "\r"),
            ("'\\n'", "\n"),
        ];
        for (literal, value) in cases {
            assert_eq!(string_literal(literal).as_deref(), Some(value), "{literal}");
        }
        assert_eq!(string_literal("\"\\N{HOT SPRINGS}\""), None);
    }

    #[test]
    fn is_one_literal_or_none() {
        assert_eq!(string_literal(" '{{' ").as_deref(), Some("{{"));
        assert_eq!(string_literal("\"it's\"").as_deref(), Some("it's"));
        assert_eq!(string_literal("'a\\'b\\\\'").as_deref(), Some("a'b\\"));
        assert_eq!(string_literal("'\\101\\u00e9\\d'").as_deref(), Some("A\u{e9}\\d"));
        for other in ["'a' ~ 'b'", "'a'|upper", "name", "'open", "'a' 'b'", "'\\x4'"] {
            assert_eq!(string_literal(other), None, "{other}");
        }
    }
}
