//! Link rewriting: the [`LinkResolver`] the site model provides turns a link written in
//! a page (`../runbooks/db.md#steps`, `diagram.png`, `/runbooks/`) into the URL it has
//! in the built site; this module applies it to Markdown links, images and the `href`
//! and `src` attributes of raw HTML.

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Not for opsbook to touch: another site, `mailto:`, an empty destination.
    External,
    /// `#anchor` within the same page.
    Fragment(String),
    /// Another page of the handbook (or the same one).
    Page {
        /// The target page's id in the site model.
        id: usize,
        /// The URL to write, base path included.
        href: String,
        /// The `#anchor` part, if any.
        anchor: Option<String>,
    },
    /// A file copied from `content/` or a static folder, or a generated file.
    File {
        /// The URL to write, base path included.
        href: String,
    },
    /// Nothing by that name: a broken link.
    Broken {
        /// What is wrong, e.g. "no page `content/runbooks/db.md`".
        message: String,
        /// Whether the target looks like a file rather than a page (`missing-asset`).
        asset: bool,
        /// A likely intended target, if one is close.
        suggestion: Option<String>,
    },
}

/// Resolves link destinations written in a page whose folder (relative to `content/`)
/// is `from_dir`.
pub trait LinkResolver: Sync {
    /// Resolves one destination as written in the Markdown (still percent-encoded).
    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution;
}

/// Whether a destination points outside the handbook: a scheme (`https:`, `mailto:`) or
/// a protocol-relative `//host` URL.
pub fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    let Some(colon) = destination.find(':') else {
        return false;
    };
    let scheme = &destination[..colon];
    !scheme.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether a content path names a Markdown page.
pub fn is_markdown_path(path: &str) -> bool {
    crate::content::walk::is_markdown(path)
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Encodes the characters of a path that cannot stand in an `href` as they are.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '?' => out.push_str("%3F"),
            '\\' => out.push_str("%5C"),
            _ => out.push(c),
        }
    }
    out
}

/// One `href` or `src` attribute value found in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlAttribute {
    /// Byte range of the value inside the HTML text.
    pub start: usize,
    /// End of the value.
    pub end: usize,
}

/// Finds the `href="…"` and `src="…"` values (quoted with `"` or `'`) in a piece of raw
/// HTML.
pub fn find_link_attributes(html: &str) -> Vec<HtmlAttribute> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let name_len = if starts_with_ignore_case(rest, b"href") {
            4
        } else if starts_with_ignore_case(rest, b"src") {
            3
        } else {
            i += 1;
            continue;
        };
        let preceded_by_space = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let mut j = i + name_len;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if !preceded_by_space || j >= bytes.len() || bytes[j] != b'=' {
            i += name_len;
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
            let quote = bytes[j];
            let start = j + 1;
            if let Some(len) = bytes[start..].iter().position(|&b| b == quote) {
                found.push(HtmlAttribute { start, end: start + len });
                i = start + len + 1;
                continue;
            }
        }
        i = j;
    }
    found
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_external_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:ops@example.org"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("runbooks/db.md"));
        assert!(!is_external("db.md#step:1"));
        assert!(!is_external("/runbooks/"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("My%20File.md"), "My File.md");
        assert_eq!(percent_decode("%C3%9Cbergabe.md"), "Übergabe.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn finds_href_and_src_in_raw_html() {
        let html = r#"<a class="x" href="a.md">x</a><img src='b.png' alt="src=c"><link data-href="no">"#;
        let values: Vec<_> = find_link_attributes(html).iter().map(|a| &html[a.start..a.end]).collect();
        assert_eq!(values, ["a.md", "b.png"]);
    }
}
