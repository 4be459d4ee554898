//! Percent-encoding and -decoding (`%20` <-> ` `), the one implementation for every
//! reader and writer of a URL: links written in pages and templates, aliases, the dev
//! server's request paths, `_redirects` lines and links to the forge.
//!
//! A leaf of the module graph: it imports nothing from the crate. The escapes are
//! `percent-encoding`'s (the rust-url project's crate, already compiled for `ureq` and
//! `liquid-core`); what stays here is opsbook's own: its sets of bytes kept as written,
//! and the strict decoding the dev server asks for.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// The set of bytes to escape that keeps ASCII letters, digits and `chars` as written;
/// every other byte (controls, the rest of ASCII, all of UTF-8 beyond it) is escaped.
pub const fn keeping(chars: &[u8]) -> AsciiSet {
    let mut set = NON_ALPHANUMERIC.union(AsciiSet::EMPTY);
    let mut i = 0;
    while i < chars.len() {
        set = set.remove(chars[i]);
        i += 1;
    }
    set
}

/// RFC 3986's unreserved characters: for a URL's query values.
pub static UNRESERVED: AsciiSet = keeping(b"-_.~");

/// The unreserved characters and `/`: for a path of folders in a URL.
pub static UNRESERVED_AND_SLASH: AsciiSet = keeping(b"-_.~/");

/// `text` with every byte of `escaped` (see [`keeping`]) and every non-ASCII byte
/// written as `%XX`, in upper-case hexadecimal.
pub fn percent_encode(text: &str, escaped: &'static AsciiSet) -> String {
    percent_encoding::utf8_percent_encode(text, escaped).to_string()
}

/// The escape of a character that a path in an `href` cannot hold as it is (a space,
/// `"`, `#`, `%`, `<`, `>`, `?`, `\`); the rest, UTF-8 beyond ASCII too, stand as written.
fn path_escape(c: char) -> Option<&'static str> {
    Some(match c {
        ' ' => "%20",
        '"' => "%22",
        '#' => "%23",
        '%' => "%25",
        '<' => "%3C",
        '>' => "%3E",
        '?' => "%3F",
        '\\' => "%5C",
        _ => return None,
    })
}

/// `path` with the characters of [`path_escape`] escaped.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    push_encoded_path(&mut out, path);
    out
}

/// [`percent_encode_path`], borrowed when nothing is to be encoded.
pub fn encoded_path(path: &str) -> std::borrow::Cow<'_, str> {
    if path.chars().any(|c| path_escape(c).is_some()) {
        std::borrow::Cow::Owned(percent_encode_path(path))
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// Appends `path` to `out`, encoded as [`percent_encode_path`] encodes it.
pub fn push_encoded_path(out: &mut String, path: &str) {
    // What is escaped is ASCII: the runs between stand at character boundaries.
    let mut run = 0;
    for (at, byte) in path.bytes().enumerate() {
        if byte.is_ascii()
            && let Some(escape) = path_escape(char::from(byte))
        {
            out.push_str(&path[run..at]);
            out.push_str(escape);
            run = at + 1;
        }
    }
    out.push_str(&path[run..]);
}

/// Decodes `%XX` escapes; invalid escapes are kept as written, bytes that are not UTF-8
/// become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
pub fn percent_decode_strict(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed = memchr::memchr_iter(b'%', bytes).all(|i| {
        bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(text).decode_utf8().ok().map(|s| s.into_owned())
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
    fn encodes_a_paths_escapes_and_keeps_the_rest_as_written() {
        assert_eq!(super::percent_encode_path("/a b/é#x?%<>\\\"/ü"), "/a%20b/é%23x%3F%25%3C%3E%5C%22/ü");
        assert_eq!(super::percent_encode_path(""), "");
    }

    #[test]
    fn encodes_all_but_the_kept_bytes() {
        static PATH: AsciiSet = keeping(b"-_.~/");
        assert_eq!(percent_encode("a b/é%~", &PATH), "a%20b/%C3%A9%25~");
        assert_eq!(percent_encode("\u{7f}\t", &PATH), "%7F%09");
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
