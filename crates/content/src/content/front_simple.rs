//! A fast reading of the YAML front matter most pages have: one `key: value` a line,
//! whose values are words, quoted text, whole numbers, dates and lists of those. It
//! gives exactly the [`Fields`] serde-saphyr gives for such a block (values, lines and
//! columns), in a fraction of the time, and gives up (`None`) on anything else, which
//! [`super::front_matter`] then reads with serde-saphyr as before: comments, nested
//! mappings, block scalars, anchors, tags, escapes, multi-line values, repeated keys,
//! words YAML reads as something else than text (`yes`, `null`, `.inf`), numbers other
//! than plain whole ones, tabs, and any character outside the narrow sets below.
//!
//! A unit test reads every front matter of the corpora and of the bundled handbook both
//! ways and compares them.

use serde_json::Number;

use super::front_fields::{Field, Fields};
use super::node::{Located, Node};

/// The fields of `text`, a YAML front matter block whose first line is line
/// `first_line` of the file, when every line is of the simple kinds the module lists.
pub(super) fn read_simple(text: &str, first_line: usize) -> Option<Fields> {
    let mut fields: Vec<Field> = Vec::new();
    // The keys so far, to give up on a repeated one: a set, as a front matter may hold
    // a hundred thousand keys (a list of them was quadratic: 22 s for 100,000).
    let mut keys: crate::hash::FastHashSet<&str> = crate::hash::FastHashSet::default();
    let mut lines = text.split('\n').enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        if line.trim_end_matches(' ').is_empty() {
            continue;
        }
        let line_number = first_line + index;
        let colon = line.find(':')?;
        let key = &line[..colon];
        if !is_key(key) || is_special_word(key) || !keys.insert(key) {
            return None;
        }
        let rest = &line[colon + 1..];
        let value = if rest.trim_end_matches(' ').is_empty() {
            block_list(&mut lines, first_line)?
        } else {
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            if spaces == 0 {
                return None;
            }
            let column = colon + 2 + spaces;
            let value = rest[spaces..].trim_end_matches(' ');
            let node = match value.as_bytes()[0] {
                b'[' => flow_list(value, line_number, column)?,
                _ => scalar(value, false)?,
            };
            Located::new(node, line_number, column)
        };
        fields.push(Field { key: key.to_string(), line: line_number, column: 1, value });
    }
    Some(Fields::from(fields))
}

/// A key that needs no quoting: a letter or `_`, then letters, digits, `_` and `-`.
fn is_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The lines `- item` (all at one indentation) after a `key:` with nothing after it.
fn block_list<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>,
    first_line: usize,
) -> Option<Located<Node>> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(&(index, line)) = lines.peek() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let Some(item) = line[spaces..].strip_prefix("- ") else { break };
        if *indent.get_or_insert(spaces) != spaces {
            return None;
        }
        lines.next();
        let item_spaces = item.len() - item.trim_start_matches(' ').len();
        let value = item[item_spaces..].trim_end_matches(' ');
        if value.is_empty() {
            return None;
        }
        let column = spaces + 3 + item_spaces;
        items.push(Located::new(scalar(value, false)?, first_line + index, column));
    }
    // serde-saphyr places a list indented under its key at its first dash, and one
    // whose dashes stand at the key's column at its first item.
    let first = items.first()?;
    let (line, column) = match indent? {
        0 => (first.line, first.column),
        spaces => (first.line, spaces + 1),
    };
    Some(Located::new(Node::List(items), line, column))
}

/// A list written `[a, "b", c]` on one line, starting at `line:column`.
fn flow_list(value: &str, line: usize, column: usize) -> Option<Node> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    if inner.trim_start_matches(' ').is_empty() {
        return Some(Node::List(items));
    }
    let mut offset = 1;
    for part in inner.split(',') {
        let spaces = part.len() - part.trim_start_matches(' ').len();
        let item = part[spaces..].trim_end_matches(' ');
        if item.is_empty() {
            return None;
        }
        items.push(Located::new(scalar(item, true)?, line, column + offset + spaces));
        offset += part.len() + 1;
    }
    Some(Node::List(items))
}

/// A scalar written `value` (trimmed), in a flow list or not: quoted text without
/// escapes or quotes inside, a whole number, a date, or plain words.
fn scalar(value: &str, in_flow: bool) -> Option<Node> {
    let bytes = value.as_bytes();
    match bytes[0] {
        b'"' | b'\'' => {
            let quote = bytes[0] as char;
            let inner = value[1..].strip_suffix(quote)?;
            let plain = !inner.contains([quote, '\\']) && !inner.chars().any(char::is_control);
            plain.then(|| Node::Text(inner.to_string()))
        }
        b'1'..=b'9' if bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) => {
            value.parse::<u64>().ok().map(|n| Node::Number(Number::from(n)))
        }
        b'0' if bytes.len() == 1 => Some(Node::Number(Number::from(0u64))),
        b'0'..=b'9' if is_date(bytes) || is_duration(bytes) => Some(Node::Text(value.to_string())),
        b if b.is_ascii_alphabetic() => {
            let fine = |b: &u8| {
                b.is_ascii_alphanumeric()
                    || matches!(b, b' ' | b'-' | b'_' | b'.' | b'/' | b'(' | b')' | b'+' | b'@')
                    || !in_flow
                        && matches!(b, b',' | b'\'' | b'?' | b'!' | b';' | b'=' | b'%' | b'&' | b'*' | b'~' | b'$')
            };
            let words = bytes.iter().all(fine) && !value.contains("  ") && !is_special_word(value);
            words.then(|| Node::Text(value.to_string()))
        }
        _ => None,
    }
}

/// Whether `bytes` is a date, `2024-01-02`.
fn is_date(bytes: &[u8]) -> bool {
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

/// Whether `bytes` is a number of days, hours or the like, `90d`: digits (the first not
/// 0) and then letters, none an `e` (`1e5` is a number).
fn is_duration(bytes: &[u8]) -> bool {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let letters = &bytes[digits..];
    bytes[0] != b'0'
        && digits > 0
        && !letters.is_empty()
        && letters.iter().all(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'))
}

/// Words YAML (1.1 or 1.2) may read as something else than text: booleans, null, the
/// special numbers.
fn is_special_word(value: &str) -> bool {
    const WORDS: [&str; 12] = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity"];
    value.len() <= 8 && WORDS.iter().any(|word| value.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{FrontBlock, FrontMatterFormat, parse_yaml_strictly, split_front_matter};

    /// Reads `text` (a whole page) both ways; returns whether the fast way read it.
    fn compare(text: &str, shown: &str) -> bool {
        let Ok(split) = split_front_matter(text) else { return false };
        let Some(block) = split.front.filter(|block| block.format == FrontMatterFormat::Yaml) else { return false };
        let Some(fast) = read_simple(block.text, block.first_line) else { return false };
        let slow = parse_yaml_strictly(&block).unwrap_or_else(|e| panic!("{shown}: saphyr rejects it: {e:?}"));
        assert!(slow.repeated_keys.is_empty(), "{shown}");
        assert_eq!(fast, slow.fields, "{shown}:\n{}", block.text);
        true
    }

    fn block(text: &str) -> FrontBlock<'_> {
        FrontBlock { format: FrontMatterFormat::Yaml, text, first_line: 2 }
    }

    #[test]
    fn reads_what_serde_saphyr_reads() {
        let cases = [
            "title: Failover\nweight: 10\n",
            "title: \"Mitigating 5xx: on it\"\ndescription: 'it is, here'\nkind: runbook\n",
            "owners: [\"@team-mobile\"]\ntags: [alerting, backup,  failover ]\nlast_reviewed: 2024-12-23\n",
            "review_every: 180d\nservice: rate-limiter\nseverity: SEV4\nempty: []\nweight: 0\n",
            "description: This 'Getting Started' guide, ok? Yes; 100% & more!\n",
            "tags:\n  - a\n  - \"b c\"\n  - 12\nnext: x\n",
            "tags:\n- a\n- b\n\ntitle: Restart the queue (v2), then check/verify\n",
            "title:   spaced   \nweight: 123456789012345678\n",
        ];
        for text in cases {
            let page = format!("---\n{text}---\nbody\n");
            assert!(compare(&page, text), "the fast way gave up on {text:?}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        let cases = [
            "draft: yes\n",
            "draft: true\n",
            "x: null\n",
            "x: ~\n",
            "x: 0755\n",
            "x: 1.5\n",
            "x: -3\n",
            "x: .inf\n",
            "# comment\ntitle: A\n",
            "title: A # comment\n",
            "url: https://example.org\n",
            "title: A\ntitle: B\n",
            "x: \"a\\\"b\"\n",
            "x: \"a\n  b\"\n",
            "x: |\n  text\n",
            "x:\n  a: 1\n",
            "x:\n",
            "x: [a, [b]]\n",
            "x: [a,]\n",
            "x: &anchor a\n",
            "x: !tag a\n",
            "x:\ta\n",
            "x:a\n",
            "\"x\": a\n",
            "x: Ünïcode\n",
            "tags:\n  - a\n   - b\n",
            "x: a  b\n",
            "x: 1e5\n",
            "x: 0x1f\n",
            "x: 1_000\n",
            "x: 00\n",
            "x: [it's]\n",
        ];
        for text in cases {
            assert!(read_simple(text, 2).is_none(), "{text:?}");
        }
        assert!(parse_yaml_strictly(&block("x: 1\n")).is_ok());
    }

    #[test]
    fn reads_every_front_matter_of_the_corpora_as_serde_saphyr_does() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let corpora = std::env::var_os("OPSBOOK_CORPORA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/corpora"));
        let (mut pages, mut fast) = (0, 0);
        for dir in [root.join("content"), corpora.clone()] {
            for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
                let path = entry.path();
                if !path.extension().is_some_and(|e| e == "md" || e == "mdx" || e == "markdown") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else { continue };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
                pages += 1;
                fast += usize::from(compare(&text, &path.display().to_string()));
            }
        }
        // The bundled handbook alone has dozens of pages the fast way reads.
        assert!(fast >= 30, "the fast way read {fast} of {pages} pages");
        if corpora.is_dir() {
            assert!(fast >= 400, "the fast way read {fast} of {pages} pages with the corpora");
        }
        eprintln!("the fast way read {fast} of {pages} pages");
    }
}
