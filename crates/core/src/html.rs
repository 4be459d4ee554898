//! Small HTML helpers shared by the Markdown body writer and the output writers.
//!
//! Text written into a page or an XML file goes through [`push_escaped`] (templates
//! too: it is Tera's escape function), and Markdown bodies through [`xml_safe`] before
//! they are parsed, so the characters XML 1.0 forbids (control characters other than
//! tab, line feed and carriage return, U+FFFE and U+FFFF) become U+FFFD everywhere.

/// Decodes the few entities that appear in attribute values (`&amp;`, `&quot;`...).
pub fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML and XML, with the characters XML 1.0
/// forbids replaced by U+FFFD.
pub fn push_escaped(out: &mut String, text: &str) {
    for_each_escaped(text, |piece| out.push_str(piece));
}

/// Hands `text`, escaped as [`push_escaped`] escapes it, to `push` in pieces: the runs
/// that need nothing as they are, each other character as its replacement.
fn for_each_escaped(text: &str, mut push: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = next_byte(bytes, 0, may_need_escaping);
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            0..=0x1f => ("\u{FFFD}", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => ("\u{FFFD}", 3),
            _ => {
                i = next_byte(bytes, i + 1, may_need_escaping);
                continue;
            }
        };
        if last < i {
            push(&text[last..i]);
        }
        push(replacement);
        last = i + len;
        i = next_byte(bytes, last, may_need_escaping);
    }
    if last < bytes.len() {
        push(&text[last..]);
    }
}

/// Whether byte `b` may have to be escaped or replaced: markup, a control character other
/// than tab, line feed and carriage return, or the first byte of U+FFFE and U+FFFF.
fn may_need_escaping(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xef) || is_forbidden_control(b)
}

/// Whether byte `b` is a control character XML 1.0 forbids (all but tab, line feed and
/// carriage return).
fn is_forbidden_control(b: u8) -> bool {
    b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'
}

/// The index of the first byte of `bytes` at or after `from` that `wanted` picks, or
/// `bytes.len()`. Runs of 16 bytes with none are skipped with a test of each byte that
/// does not stop early, which the compiler turns into vector instructions: page text is
/// long and rarely needs anything.
#[inline(always)]
fn next_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    for chunk in bytes[from.min(bytes.len())..].chunks_exact(16) {
        if chunk.iter().fold(false, |any, &b| any | wanted(b)) {
            break;
        }
        i += 16;
    }
    bytes.get(i..).and_then(|rest| rest.iter().position(|&b| wanted(b))).map_or(bytes.len(), |at| i + at)
}

/// Whether XML 1.0 forbids `c`.
fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `text` has a character XML 1.0 forbids: a control byte, or U+FFFE or U+FFFF
/// (EF BF BE and EF BF BF in UTF-8).
fn has_forbidden_in_xml(text: &str) -> bool {
    let bytes = text.as_bytes();
    let candidate = |b: u8| is_forbidden_control(b) || b == 0xef;
    let mut i = next_byte(bytes, 0, candidate);
    while i < bytes.len() {
        if bytes[i] != 0xef || matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) {
            return true;
        }
        i = next_byte(bytes, i + 1, candidate);
    }
    false
}

/// `text` with the characters XML 1.0 forbids replaced by U+FFFD; borrowed when it has
/// none. A character for a character, so lines and columns (in characters) stay put.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_forbidden_in_xml(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars().map(|c| if is_forbidden_in_xml(c) { '\u{FFFD}' } else { c }).collect::<String>().into()
}

/// [`push_escaped`] as Tera's escape function, so that template output is escaped and
/// cleaned the same way. Writes the pieces straight to `out`: text that needs nothing in
/// one write, without a copy.
pub fn write_escaped(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut written = Ok(());
    for_each_escaped(text, |piece| {
        if written.is_ok() {
            written = out.write_all(piece.as_bytes());
        }
    });
    written
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

    /// The byte-at-a-time escaping the vectorised scan replaced: the reference it must
    /// match.
    fn escaped_byte_by_byte(text: &str) -> String {
        let bytes = text.as_bytes();
        let (mut out, mut last) = (String::new(), 0);
        for (i, &b) in bytes.iter().enumerate() {
            let (replacement, len) = match b {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                b'\'' => ("&#39;", 1),
                b'\t' | b'\n' | b'\r' => continue,
                0..=0x1f => ("\u{FFFD}", 1),
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
        out
    }

    #[test]
    fn escapes_as_byte_by_byte_escaping_does_at_every_length_and_position() {
        let pieces = [
            "a", "<", "&", "\"", "'", ">", "\t", "\n", "\r", "\u{1}", "\u{1f}", "\u{fffe}", "\u{ffff}", "\u{fffd}",
            "é", "\u{efbf}", "x\u{7f}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..4000 {
            let length = round % 70;
            let mut text = String::new();
            for _ in 0..length {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly plain letters, as page text is.
                let pick = (seed % 64) as usize;
                text.push_str(pieces.get(pick).copied().unwrap_or("b"));
            }
            assert_eq!(super::escape(&text), escaped_byte_by_byte(&text), "{text:?}");
            let mut written = Vec::new();
            super::write_escaped(&text, &mut written).expect("a vector takes every write");
            assert_eq!(written, escaped_byte_by_byte(&text).as_bytes(), "{text:?}");
            let expected: String =
                text.chars().map(|c| if super::is_forbidden_in_xml(c) { '\u{FFFD}' } else { c }).collect();
            assert_eq!(super::xml_safe(&text), expected, "{text:?}");
        }
    }
}
