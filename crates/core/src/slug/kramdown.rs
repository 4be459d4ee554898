//! The heading ids kramdown makes (Jekyll's Markdown): its own rule, which reads the
//! heading's source line or its text, and kramdown-parser-gfm's, which reads its text
//! with code. Both number a repeated id `-1`, `-2`… ([`crate::markdown::headings`]).
//!
//! More: docs/architecture.md, "Notes by module" (slug).

/// The id kramdown's converter makes of `text` (`basic_generate_id`): no leading
/// characters but ASCII letters, only `a-zA-Z0-9`, space and `-` kept, each space a `-`,
/// lower-cased; `section` when nothing is left (`generate_id`).
pub fn kramdown_heading_id(text: &str) -> String {
    let from_letter = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let mut out = String::with_capacity(from_letter.len());
    for c in from_letter.chars() {
        match c {
            ' ' => out.push('-'),
            '-' => out.push('-'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    if out.is_empty() { "section".to_string() } else { out }
}

/// The id kramdown-parser-gfm makes of a heading's text (`generate_gfm_header_id`):
/// lower-cased, only Ruby's `\p{Word}` (letters, marks, numbers, connector punctuation),
/// `-`, space and tab kept, each space and tab a `-`. Empty when nothing is kept:
/// kramdown then writes no id.
pub fn kramdown_gfm_heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            ' ' | '\t' | '-' => out.push('-'),
            _ if super::is_word(c, true) => out.push(c),
            _ => {}
        }
    }
    out
}

/// kramdown's typographic symbols in `text`, as its text reads them for an id
/// (`TYPOGRAPHIC_SYMS`, left to right): `---` an em dash, `--` an en dash, `...` an
/// ellipsis, `<< ` and ` >>` a guillemet with a no-break space, `<<` and `>>` a
/// guillemet. The rules keep none of these characters, so a `--` leaves no `-`.
pub fn kramdown_typography(text: &str) -> String {
    const SYMBOLS: [(&str, &str); 7] = [
        ("---", "\u{2014}"),
        ("--", "\u{2013}"),
        ("...", "\u{2026}"),
        ("<< ", "\u{ab}\u{a0}"),
        (" >>", "\u{a0}\u{bb}"),
        ("<<", "\u{ab}"),
        (">>", "\u{bb}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(c) = rest.chars().next() {
        for (from, to) in SYMBOLS {
            if let Some(after) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The text of a heading's source as kramdown keeps it for an id (`parse_header_contents`,
/// `parse_atx_header`): an ATX heading's line without its `#` marks, a trailing ` {#id}`
/// or closing `#`s; a setext heading's line.
pub fn kramdown_source_line(source: &str) -> &str {
    let trimmed = source.trim_start_matches(' ');
    let atx = trimmed.starts_with('#');
    let mut line = if atx {
        trimmed.lines().next().unwrap_or_default().trim_start_matches('#').trim_start_matches([' ', '\t'])
    } else {
        source.trim_end_matches(['\n', '\r']).lines().rev().nth(1).unwrap_or_default().trim_start_matches(' ')
    };
    line = line.trim_end();
    if let Some(open) = line.rfind(" {#").or_else(|| line.rfind("\t{#"))
        && line.ends_with('}')
        && !line[open + 3..line.len() - 1].contains(['{', '}', ' '])
    {
        line = line[..open].trim_end();
    }
    if atx {
        // `(?<!\\)#+\z`: after a `\\`, the first `#` is text.
        let without = line.trim_end_matches('#');
        if without.ends_with('\\') && line.len() > without.len() + 1 {
            line = &line[..without.len() + 1];
        } else if !without.ends_with('\\') && without.len() < line.len() {
            line = without.trim_end();
        }
    }
    line
}

#[cfg(test)]
mod tests;
