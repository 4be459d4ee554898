//! Bare addresses as Goldmark's `linkify` extension finds them (Hugo's Markdown): an
//! address starts a line, an inline construct's end, or follows a space or one of
//! `*_~(`; it is read by regular expressions that end its domain at a lowercase
//! top-level domain and take a path of URL characters, then one trailing `.`, the `)`s
//! more than its `(`s or an entity-like `&name;` and any trailing `?!.,:*_~` are cut
//! off. An email's local part runs up to its `@`, its domain is a host name with a
//! period. The source: yuin/goldmark `extension/linkify.go`, `util.FindEmailIndex`.

use std::sync::LazyLock;

use regex::Regex;

use super::{Found, Literals};

/// `urlRegexp`, with ASCII digits for Go's `\d`.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::[0-9]+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]`]*)?"#)
        .expect("a valid pattern")
});

/// `wwwURLRegxp`.
static WWW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]`]*)?"#)
        .expect("a valid pattern")
});

/// `emailDomainRegexp`: host names of letters, digits and inner hyphens, by periods.
static EMAIL_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")
        .expect("a valid pattern")
});

/// The bytes after which an address may start (`Trigger`: a space stands for any).
const TRIGGERS: &[u8] = b" *_~(";

/// The addresses of `text` that `rule` links, in order.
pub(super) fn find(text: &str, rule: Literals) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // No email's local part starts before this and ends where the one tried ended.
    let mut no_email_before = 0;
    let (mut at, mut last_end) = (0, 0);
    while at < bytes.len() {
        // A trigger byte is passed over: the address starts after it.
        let starts = at == last_end || TRIGGERS.contains(&bytes[at - 1]);
        if !starts || TRIGGERS.contains(&bytes[at]) {
            at += 1;
            continue;
        }
        match address_at(text, at, rule, &mut no_email_before) {
            Some(link) => {
                at = link.range.end.max(at + 1);
                last_end = at;
                found.push(link);
            }
            None => at += 1,
        }
    }
    found
}

/// The address `rule` links at byte `at` of `text`, when one starts there.
fn address_at(text: &str, at: usize, rule: Literals, no_email_before: &mut usize) -> Option<Found> {
    let line = &text[at..];
    let letters = line.bytes().take_while(u8::is_ascii_alphabetic).count();
    let url = line[letters..].starts_with("://") && rule.schemes.contains(&&line[..letters]);
    let matched = if url { URL.find(line).map(|m| (m.end(), None)) } else { None };
    let matched = matched.or_else(|| match rule.www {
        Some(scheme) if line.starts_with("www.") => WWW.find(line).map(|m| (m.end(), Some(scheme))),
        _ => None,
    });
    if let Some((end, www)) = matched {
        let end = trailing_cut(line.as_bytes(), end_delimited(line.as_bytes(), end));
        let href = match www {
            Some(scheme) => format!("{scheme}://{}", &line[..end]),
            None => line[..end].to_string(),
        };
        return (end > 0).then(|| Found { range: at..at + end, href, email: false });
    }
    if !rule.email || at < *no_email_before || line.as_bytes()[0].is_ascii_punctuation() {
        return None;
    }
    let end = email_end(line.as_bytes()).or_else(|| {
        *no_email_before = at + line.bytes().take_while(|&b| is_local_byte(b)).count();
        None
    })?;
    let end = trailing_cut(line.as_bytes(), end);
    Some(Found { range: at..at + end, href: line[..end].to_string(), email: true })
}

/// The end of a matched address (`end`), one trailing `.`, the `)`s more than its `(`s
/// or an `&name;` cut off, whichever its last byte calls for.
fn end_delimited(line: &[u8], end: usize) -> usize {
    match line[end - 1] {
        b'.' => end - 1,
        b')' => {
            let closing = line[..end].iter().filter(|&&b| b == b')').count();
            let opening = line[..end].iter().filter(|&&b| b == b'(').count();
            end - closing.saturating_sub(opening)
        }
        b';' => {
            let name = line[..end - 1].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
            let amp = end - 1 - name;
            if name > 0 && amp > 0 && line[amp - 1] == b'&' { amp - 1 } else { end }
        }
        _ => end,
    }
}

/// `end` without the trailing `?!.,:*_~` of the address before it (its first byte kept).
fn trailing_cut(line: &[u8], end: usize) -> usize {
    let mut last = end.saturating_sub(1);
    while last > 0 && b"?!.,:*_~".contains(&line[last]) {
        last -= 1;
    }
    if end == 0 { 0 } else { last + 1 }
}

/// `FindEmailIndex` and the checks around it: the end of the email address that starts
/// `line`, whose domain holds a period and is not followed by `-` or `_`.
fn email_end(line: &[u8]) -> Option<usize> {
    let local = line.iter().take_while(|&&b| is_local_byte(b)).count();
    if local == 0 || line.get(local) != Some(&b'@') {
        return None;
    }
    let domain = std::str::from_utf8(&line[local + 1..]).ok().and_then(|d| EMAIL_DOMAIN.find(d))?;
    let stop = local + 1 + domain.end();
    if !line[local..stop - 1].contains(&b'.') || matches!(line.get(stop), Some(b'-' | b'_')) {
        return None;
    }
    Some(stop)
}

/// `emailTable`: the bytes of an email's local part.
fn is_local_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-./=?^_`{|}~".contains(&byte)
}
