//! The attributes of HTML tags, read as the browser reads a tag: its name, then each
//! attribute's name, `=` and value. The tag reader of [`super::html_scan`], which hands
//! it only the markup of a piece of raw HTML.

/// One attribute value found in a piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlAttribute {
    /// Which of the names asked for it is (an index into them).
    pub name: usize,
    /// Byte range of the value inside the HTML text.
    pub start: usize,
    /// End of the value.
    pub end: usize,
}

/// The values of the attributes `names` of the tags in markup that starts inside a tag
/// when `inside_tag` (the second line of `<div\nid="x">`: its first word may be an
/// attribute). A tag's attributes are read as the browser reads them: a name, then `=`
/// and a value; what looks like an attribute inside another one's quoted value
/// (`data-html="<a href='x'>"`) or in the text between tags is none. Only quoted values
/// are taken.
pub fn find_attributes_in(html: &str, names: &[&str], inside_tag: bool) -> Vec<HtmlAttribute> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    let mut in_tag = inside_tag;
    while at < bytes.len() {
        if !in_tag {
            let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|o| at + o) else { break };
            let name_at = open + 1 + usize::from(bytes.get(open + 1) == Some(&b'/'));
            at = name_at;
            if bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                at += bytes[name_at..].iter().take_while(|&&b| !ends_a_name(b)).count();
                in_tag = true;
            }
            continue;
        }
        at += bytes[at..].iter().take_while(|&&b| b.is_ascii_whitespace() || b == b'/').count();
        match bytes.get(at) {
            None => break,
            Some(b'>') => {
                in_tag = false;
                at += 1;
                continue;
            }
            _ => {}
        }
        let name_start = at;
        at += 1 + bytes[at + 1..].iter().take_while(|&&b| !ends_a_name(b) && b != b'=').count();
        let name = &bytes[name_start..at];
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) else {
            // An unquoted value ends at a space or the tag's end.
            at += bytes[at..].iter().take_while(|&&b| !b.is_ascii_whitespace() && b != b'>').count();
            continue;
        };
        let start = at + 1;
        let Some(len) = memchr::memchr(quote, &bytes[start..]) else { break };
        at = start + len + 1;
        let Some(which) = names.iter().position(|n| n.as_bytes().eq_ignore_ascii_case(name)) else { continue };
        if names[which].eq_ignore_ascii_case("srcset") {
            push_srcset_candidates(bytes, start, start + len, which, &mut found);
        } else {
            found.push(HtmlAttribute { name: which, start, end: start + len });
        }
    }
    found
}

/// Whether `b` ends a tag's or an attribute's name.
pub fn ends_a_name(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// The URL of each image candidate of a `srcset` value at `start..end` of `bytes`
/// ([`crate::html_pass::srcset_urls`]).
fn push_srcset_candidates(bytes: &[u8], start: usize, end: usize, name: usize, found: &mut Vec<HtmlAttribute>) {
    // The value lies between two ASCII quotes of a `&str`, so it is one too.
    let value = std::str::from_utf8(&bytes[start..end]).unwrap_or_default();
    for url in crate::html_pass::srcset_urls(value) {
        found.push(HtmlAttribute { name, start: start + url.start, end: start + url.end });
    }
}

/// Whether raw HTML that starts inside a tag when `inside_tag` ends inside one: its
/// last `<` opens a tag (a letter follows) after its last `>`. Quoted `>` in an
/// attribute's value are not told apart, as a browser's tag of one line would.
pub fn leaves_tag_open(html: &str, inside_tag: bool) -> bool {
    let bytes = html.as_bytes();
    let last_close = memchr::memrchr(b'>', bytes);
    let last_open =
        memchr::memrchr_iter(b'<', bytes).find(|&i| bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()));
    match (last_open, last_close) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => inside_tag,
    }
}
