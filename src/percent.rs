//! Percent-encoding and -decoding (`%20` <-> ` `), the one implementation for every
//! reader and writer of a URL: links written in pages and templates, aliases, the dev
//! server's request paths, `_redirects` lines and links to the forge.
//!
//! A leaf of the module graph: it imports nothing from the crate.

/// `text` with every byte that `keep` refuses written as `%XX`.
pub(crate) fn percent_encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if keep(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let out = decode_escapes(text, false).unwrap_or_default();
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
pub(crate) fn percent_decode_strict(text: &str) -> Option<String> {
    String::from_utf8(decode_escapes(text, true)?).ok()
}

/// The bytes `text` stands for with its `%XX` escapes decoded. A bad escape is kept as
/// written, or, when `strict`, makes it `None`.
fn decode_escapes(text: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let digits = (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex));
            match digits {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ if strict => return None,
                _ => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

/// The value of one hexadecimal digit.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("My%20File.md"), "My File.md");
        assert_eq!(percent_decode("%C3%9Cbergabe.md"), "Übergabe.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn refuses_bad_escapes_when_strict() {
        assert_eq!(percent_decode_strict("a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(percent_decode_strict("100%"), None);
        assert_eq!(percent_decode_strict("%zz"), None);
        assert_eq!(percent_decode_strict("%FF"), None);
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
