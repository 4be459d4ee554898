//! Bare addresses in the text linked as the old tool's Markdown linked them (GFM's
//! "autolink literals": `www.example.org`, `https://example.org/x`, `ops@example.org`),
//! after parsing, in the page's text only: code, links, images, raw HTML and the text
//! of a raw `<a>`, `<code>` or `<pre>` keep theirs. The rule is cmark-gfm's
//! (`extensions/autolink.c`): a valid domain, the address up to white space or `<`, then
//! trailing punctuation, unmatched `)` and an entity-like `&name;` cut off; which kinds
//! of address are linked, and the scheme a `www.` address gets, are the tool's
//! ([`Literals`]); so is the other rule of an address's start and end
//! ([`patterned`], Goldmark's).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

pub use crate::content::reading_rules::AutolinkLiterals as Literals;
use crate::content::reading_rules::LiteralMatch;

mod patterned;

/// An address found in a text: its bytes and the link's destination (an email's
/// without `mailto:`, which the writer adds).
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    /// The address's bytes in the text.
    pub range: std::ops::Range<usize>,
    /// The link's destination.
    pub href: String,
    /// Whether it is an email address.
    pub email: bool,
}

/// The addresses of `text` that `rule` links, in order.
pub fn find(text: &str, rule: Literals) -> Vec<Found> {
    let mut found = Vec::new();
    if rule.is_off() {
        return found;
    }
    if rule.matching == LiteralMatch::Patterned {
        return patterned::find(text, rule);
    }
    let bytes = text.as_bytes();
    let (mut at, mut last_end) = (0, 0);
    while at < bytes.len() {
        let matched = match bytes[at] {
            b'w' => rule.www.and_then(|scheme| www_at(text, at, scheme)),
            b':' => url_at(text, at, last_end, rule.schemes),
            _ => None,
        };
        match matched {
            Some(link) => {
                at = link.range.end;
                last_end = at;
                found.push(link);
            }
            None => at += 1,
        }
    }
    if rule.email {
        // Emails are looked for in the text between the other links.
        let mut gaps: Vec<std::ops::Range<usize>> = Vec::with_capacity(found.len() + 1);
        let mut from = 0;
        for link in &found {
            gaps.push(from..link.range.start);
            from = link.range.end;
        }
        gaps.push(from..text.len());
        let mut emails = Vec::new();
        for gap in gaps {
            emails_in(text, gap, &mut emails);
        }
        found.extend(emails);
        found.sort_by_key(|f| f.range.start);
    }
    found
}

/// `www_match`: `www.` after the start, white space or one of `*_~(`, then a valid
/// domain with a period.
fn www_at(text: &str, at: usize, scheme: &str) -> Option<Found> {
    let bytes = text.as_bytes();
    if at > 0 && !b"*_~(".contains(&bytes[at - 1]) && !bytes[at - 1].is_ascii_whitespace() {
        return None;
    }
    let data = &bytes[at..];
    if !data.starts_with(b"www.") || domain_length(data, false) == 0 {
        return None;
    }
    let end = delimited(data, to_space(data, 0));
    (end > 0).then(|| Found { range: at..at + end, href: format!("{scheme}://{}", &text[at..at + end]), email: false })
}

/// `url_match`: a scheme of `schemes`, its letters right before the `:` at `at` (not
/// before `last_end`), then `//` and a valid domain.
fn url_at(text: &str, at: usize, last_end: usize, schemes: &[&str]) -> Option<Found> {
    let bytes = text.as_bytes();
    if bytes.len() - at < 4 || bytes[at + 1] != b'/' || bytes[at + 2] != b'/' {
        return None;
    }
    let start = at - bytes[last_end..at].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    let scheme = &text[start..at];
    let host = text[at + 3..].chars().next().filter(|&c| is_host_char(c));
    if host.is_none() || !schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return None;
    }
    let data = &bytes[start..];
    let after_scheme = at + 3 - start;
    if domain_length(&data[after_scheme..], true) == 0 {
        return None;
    }
    let end = delimited(data, to_space(data, after_scheme));
    (end > 0).then(|| Found { range: start..start + end, href: text[start..start + end].to_string(), email: false })
}

/// `check_domain`: how far the domain at the start of `data` goes, 0 when it is not
/// valid: an underscore in its last two parts, or (unless `short`) no period. As in
/// cmark-gfm, its first and last bytes are not looked at, and a character outside ASCII
/// ends it after itself.
fn domain_length(data: &[u8], short: bool) -> usize {
    let (mut periods, mut underscores_before, mut underscores) = (0, 0, 0);
    let mut i = 1;
    while i + 1 < data.len() {
        match data[i] {
            b'_' => underscores += 1,
            b'.' => {
                underscores_before = underscores;
                underscores = 0;
                periods += 1;
            }
            b'-' => {}
            byte if byte.is_ascii_alphanumeric() => {}
            byte if byte >= 0x80 => {
                if char_at(data, i).and_then(|s| s.chars().next()).is_some_and(is_host_char) {
                    i += 1;
                }
                break;
            }
            _ => break,
        }
        i += 1;
    }
    if underscores_before > 0 || underscores > 0 || (!short && periods == 0) { 0 } else { i }
}

/// The text of the character starting at byte `i` of `data`, when one does.
fn char_at(data: &[u8], i: usize) -> Option<&str> {
    let len = match data[i] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    std::str::from_utf8(data.get(i..i + len)?).ok()
}

/// `is_valid_hostchar`: neither white space nor punctuation.
fn is_host_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_ascii_punctuation() && !matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}')
}

/// Where the first white space of `data` from `from` on is, or its end.
fn to_space(data: &[u8], from: usize) -> usize {
    from + data[from..].iter().take_while(|b| !b.is_ascii_whitespace()).count()
}

/// `autolink_delim`: the end of an address that runs to `end`, cut at `<`, then of its
/// trailing punctuation, an entity-like `&name;` and each `)` more than its `(`.
fn delimited(data: &[u8], mut end: usize) -> usize {
    if let Some(lt) = memchr::memchr(b'<', &data[..end]) {
        end = lt;
    }
    // The `(` and `)` before `end`, counted once: trimming takes only `)`s off.
    let mut parens: Option<(usize, usize)> = None;
    while end > 0 {
        match data[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' => {
                let mut start = end.saturating_sub(2);
                while start > 0 && data[start].is_ascii_alphabetic() {
                    start -= 1;
                }
                end = if start + 2 < end && data[start] == b'&' { start } else { end - 1 };
            }
            b')' => {
                let (opening, closing) = parens.get_or_insert_with(|| {
                    let count = |paren| data[..end].iter().filter(|&&b| b == paren).count();
                    (count(b'('), count(b')'))
                });
                if *closing <= *opening {
                    break;
                }
                *closing -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

/// `postprocess_text`: the email addresses in `text[gap]`, none of whose local part
/// follows a `/`.
fn emails_in(text: &str, gap: std::ops::Range<usize>, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    let mut from = gap.start;
    while let Some(found) = memchr::memchr(b'@', &bytes[from..gap.end]) {
        let at = from + found;
        from = at + 1;
        let local = bytes[gap.start..at].iter().rev().take_while(|&&b| is_local_byte(b)).count();
        let after_slash = at - local > gap.start && bytes[at - local - 1] == b'/';
        if local == 0 || after_slash {
            continue;
        }
        let data = &bytes[at..gap.end];
        let (mut end, mut ats, mut periods) = (0, 0, 0);
        while end < data.len() {
            match data[end] {
                // A second `@` rejects the address: no need to read on.
                b'@' if ats == 1 => {
                    ats += 1;
                    break;
                }
                b'@' => ats += 1,
                b'.' if data.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) => periods += 1,
                b'-' | b'_' => {}
                byte if byte.is_ascii_alphanumeric() => {}
                _ => break,
            }
            end += 1;
        }
        if end < 2 || ats != 1 || periods == 0 || !(data[end - 1].is_ascii_alphabetic() || data[end - 1] == b'.') {
            continue;
        }
        let end = delimited(data, end);
        if end == 0 {
            continue;
        }
        let range = at - local..at + end;
        out.push(Found { href: text[range.clone()].to_string(), range, email: true });
        from = at + end;
    }
}

/// Whether `byte` may be in an email address's local part.
fn is_local_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'+' | b'-' | b'_')
}

/// The raw HTML elements whose text is never linked.
const UNLINKED_ELEMENTS: [&str; 5] = ["a", "code", "pre", "kbd", "samp"];

/// Links the addresses in the text of `events` by `rule`: consecutive text events
/// (pulldown-cmark splits text at `_`, `*` and the like) are read as one; the text of
/// a code block, a link, an image or an element of [`UNLINKED_ELEMENTS`] is left alone.
pub fn link_in_events(events: &mut Vec<Event<'_>>, rule: Literals) {
    let maybe = |t: &str| t.contains(':') || t.contains("www.") || (rule.email && t.contains('@'));
    if rule.is_off() || !events.iter().any(|e| matches!(e, Event::Text(t) if maybe(t))) {
        return;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<CowStr<'_>> = Vec::new();
    let (mut in_code, mut links, mut raw) = (false, 0usize, 0usize);
    for event in events.drain(..) {
        if let Event::Text(text) = event {
            match in_code || links > 0 || raw > 0 {
                true => out.push(Event::Text(text)),
                false => run.push(text),
            }
            continue;
        }
        push_run(&mut out, &mut run, rule);
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => links = links.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Html(html) | Event::InlineHtml(html) => raw = raw_depth(html, raw),
            _ => {}
        }
        out.push(event);
    }
    push_run(&mut out, &mut run, rule);
    *events = out;
}

/// How many elements of [`UNLINKED_ELEMENTS`] are open after `html`, `depth` before it.
fn raw_depth(html: &str, mut depth: usize) -> usize {
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &rest[..name_len];
        if !UNLINKED_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
            continue;
        }
        let self_closed = rest.split('>').next().is_some_and(|tag| tag.ends_with('/'));
        match (closing, self_closed) {
            (true, _) => depth = depth.saturating_sub(1),
            (false, false) => depth += 1,
            (false, true) => {}
        }
    }
    depth
}

/// Moves the text events of `run` to `out`, its addresses linked.
fn push_run<'a>(out: &mut Vec<Event<'a>>, run: &mut Vec<CowStr<'a>>, rule: Literals) {
    let text: CowStr<'a> = match run.len() {
        0 => return,
        1 => run.pop().unwrap_or(CowStr::Borrowed("")),
        _ => run.drain(..).map(|t| t.to_string()).collect::<String>().into(),
    };
    let found = find(&text, rule);
    if found.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut copied = 0;
    for link in found {
        if link.range.start > copied {
            out.push(Event::Text(text[copied..link.range.start].to_string().into()));
        }
        let link_type = if link.email { LinkType::Email } else { LinkType::Autolink };
        out.push(Event::Start(Tag::Link {
            link_type,
            dest_url: link.href.into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(text[link.range.clone()].to_string().into()));
        out.push(Event::End(TagEnd::Link));
        copied = link.range.end;
    }
    if copied < text.len() {
        out.push(Event::Text(text[copied..].to_string().into()));
    }
}

#[cfg(test)]
mod tests;
