//! Small HTML helpers shared by the Markdown body writer and the output writers.
//!
//! Text written into a page or an XML file goes through [`push_escaped`] (templates
//! too: it is Tera's escape function), and Markdown bodies through [`xml_safe`] before
//! they are parsed, so the characters XML 1.0 forbids (control characters other than
//! tab, line feed and carriage return, U+FFFE and U+FFFF) become U+FFFD everywhere.

/// Decodes the few entities that appear in attribute values (`&amp;`, `&quot;`...).
pub(crate) fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML and XML, with the characters XML 1.0
/// forbids replaced by U+FFFD.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => ("\u{FFFD}", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => ("\u{FFFD}", 3),
            _ => continue,
        };
        if i < last {
            continue;
        }
        out.push_str(&text[last..i]);
        out.push_str(replacement);
        last = i + len;
    }
    out.push_str(&text[last..]);
}

/// Whether XML 1.0 forbids `c`.
fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `bytes` (UTF-8) hold a character XML 1.0 forbids: a control byte other than
/// tab, line feed and carriage return, or U+FFFE or U+FFFF (EF BF BE, EF BF BF). Blocks
/// of 64 bytes are first tested for any such byte or 0xEF at all, a test the compiler
/// turns into vector instructions; only a block that has one is looked at byte by byte.
fn has_forbidden_in_xml(bytes: &[u8]) -> bool {
    let suspect = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0xef);
    let forbidden_at = |i: usize| match bytes[i] {
        0xef => matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])),
        b => b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r',
    };
    const BLOCK: usize = 64;
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, &b| any | suspect(b)) && (n * BLOCK..n * BLOCK + block.len()).any(forbidden_at)
    })
}

/// `text` with the characters XML 1.0 forbids replaced by U+FFFD; borrowed when it has
/// none. A character for a character, so lines and columns (in characters) stay put.
pub(crate) fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_forbidden_in_xml(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars().map(|c| if is_forbidden_in_xml(c) { '\u{FFFD}' } else { c }).collect::<String>().into()
}

/// [`push_escaped`] as Tera's escape function, so that template output is escaped and
/// cleaned the same way.
pub(crate) fn write_escaped(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut escaped, text);
    out.write_all(escaped.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(super::escape("Über"), "Über");
    }

    #[test]
    fn replaces_characters_xml_forbids() {
        assert_eq!(
            super::escape("a\u{0}b\u{1}c\u{1b}[31m\u{fffe}\u{ffff}<"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}[31m\u{FFFD}\u{FFFD}&lt;"
        );
        assert_eq!(super::escape("tab\tline\ncr\r\u{7f}\u{fffd}\u{efbf}"), "tab\tline\ncr\r\u{7f}\u{fffd}\u{efbf}");
        assert_eq!(super::xml_safe("a\u{0}\u{ffff}\tb"), "a\u{FFFD}\u{FFFD}\tb");
        let long = format!("{}\u{fffe}", "x\u{fffd}\n".repeat(40));
        assert_eq!(super::xml_safe(&long), format!("{}\u{FFFD}", "x\u{fffd}\n".repeat(40)));
        assert!(matches!(super::xml_safe(&"\t\u{fffd}\r\n\u{f000}".repeat(30)), std::borrow::Cow::Borrowed(_)));
        // U+FFFF across two blocks of the scan.
        assert_eq!(super::xml_safe(&format!("{}\u{ffff}", "a".repeat(63))), format!("{}\u{FFFD}", "a".repeat(63)));
        assert!(matches!(super::xml_safe("plain\ttext\n"), std::borrow::Cow::Borrowed(_)));
        let mut out = Vec::new();
        super::write_escaped("<\u{1}>", &mut out).unwrap();
        assert_eq!(out, "&lt;\u{FFFD}&gt;".as_bytes());
    }
}
