//! What YAML front matter may do beyond the strict reading of serde-saphyr, so that
//! handbooks written for Hugo, Jekyll or any libyaml-based tool build unchanged. Used by
//! [`super::front_matter`] before and after it parses a YAML block.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{HashMap, HashSet};

use super::node::{Located, Node};

/// A front matter text made readable, and the spaces added to each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relaxed {
    /// The text to parse: as many lines as the original, each in its place.
    pub text: String,
    /// For each 1-based line of the text that got spaces, how many.
    padded: HashMap<usize, usize>,
}

impl Relaxed {
    /// The column in the original text of 1-based `column` on 1-based `line` of the
    /// relaxed text.
    pub fn source_column(&self, line: usize, column: usize) -> usize {
        let added = self.padded.get(&line).copied().unwrap_or(0);
        column.saturating_sub(added).max(1)
    }
}

/// Where the scan of a line begins, given how the line before it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Nothing spans the line break.
    Nothing,
    /// A quoted scalar, `"` or `'`, opened inside the block node starting at `column`
    /// (0-based): its continuation lines must be indented past that column. `None` in a
    /// flow collection, where indentation does not matter.
    Quoted { quote: u8, column: Option<usize> },
    /// A plain mapping value whose key stands at `column`.
    Plain { column: usize },
    /// A block scalar (`|`, `>`) of the node at `column`: lines indented past it, and
    /// blank lines, are its text.
    Block { column: usize },
}

/// Indents the lines that continue a quoted or plain scalar left of where YAML wants
/// them; see the module documentation. Returns `None` when no line needs it.
pub fn relax_indentation(text: &str) -> Option<Relaxed> {
    let mut open = Open::Nothing;
    let mut flow_depth = 0usize;
    let mut padded = HashMap::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches('\n');
        let leading = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim_matches([' ', '\t']).is_empty();
        // Spaces to add, and where the scan of the line starts (`None`: not scanned).
        let (pad, from) = match open {
            Open::Quoted { .. } | Open::Block { .. } if blank => (0, None),
            Open::Quoted { quote, column } if !is_document_marker(content) => {
                let pad = match column {
                    Some(column) if leading <= column => column + 1 - leading,
                    _ => 0,
                };
                match find_closing_quote(content.as_bytes(), 0, quote) {
                    Some(end) => (pad, Some(end + 1)),
                    None => (pad, None),
                }
            }
            Open::Plain { column } if !blank && continues_plain(content) => {
                let pad = (column + 1).saturating_sub(leading);
                if content.contains(" #") || content.contains("\t#") {
                    open = Open::Nothing;
                }
                (pad, None)
            }
            Open::Block { column } if leading > column => (0, None),
            _ => (0, Some(0)),
        };
        if let Some(from) = from {
            open = scan_line(content.as_bytes(), from, &mut flow_depth);
        }
        if pad > 0 {
            padded.insert(index + 1, pad);
        }
    }
    if padded.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + padded.values().sum::<usize>());
    for (index, line) in text.split_inclusive('\n').enumerate() {
        out.extend(std::iter::repeat_n(' ', padded.get(&(index + 1)).copied().unwrap_or(0)));
        out.push_str(line);
    }
    Some(Relaxed { text: out, padded })
}

/// Whether a line is `---` or `...` at column 0, which ends a document even inside a
/// quoted scalar.
fn is_document_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("..."))
        && line.as_bytes().get(3).is_none_or(|b| matches!(b, b' ' | b'\t'))
}

/// Whether a line after a plain mapping value reads as its continuation: it is not a
/// comment, a key, a sequence entry or another node's start.
fn continues_plain(line: &str) -> bool {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let starts_node = matches!(
        trimmed.as_bytes().first(),
        Some(b'#' | b'"' | b'\'' | b'[' | b'{' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'}' | b']')
    );
    let indicator = |c: u8| {
        trimmed.as_bytes().first() == Some(&c) && trimmed.as_bytes().get(1).is_none_or(|b| matches!(b, b' ' | b'\t'))
    };
    let has_key = trimmed.ends_with(':') || trimmed.contains(": ") || trimmed.contains(":\t");
    !starts_node && !indicator(b'-') && !indicator(b'?') && !indicator(b':') && !has_key && !is_document_marker(line)
}

/// The index of the quote that closes a scalar opened before `from`, if it is on this
/// line. In `'…'` a doubled quote is an escaped one; in `"…"` a backslash escapes.
fn find_closing_quote(line: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < line.len() {
        match line[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && line.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Scans a line from byte `from` (0, or just after a quote that closed a scalar of the
/// line before) in block or flow context, and says what stays open at its end.
fn scan_line(line: &[u8], from: usize, flow_depth: &mut usize) -> Open {
    // The column of the block node the next value belongs to: the line's indentation,
    // then each `- `, `? ` or key met on the line.
    let mut node_column = line.iter().take_while(|&&b| b == b' ').count();
    // Whether a node may start here, and whether it is a mapping value.
    let mut at_value = from == 0;
    let mut after_key = false;
    let mut in_plain = false;
    // Where the last scalar started: the key, if a `:` follows it.
    let mut token_start = None;
    let mut plain_value = None;
    let mut i = from;
    while i < line.len() {
        let c = line[i];
        let next = line.get(i + 1).copied();
        let next_is_space = next.is_none_or(|b| matches!(b, b' ' | b'\t'));
        let comment = c == b'#' && (i == 0 || matches!(line[i - 1], b' ' | b'\t'));
        if in_plain && !comment {
            let indicator = c == b':' && (next_is_space || *flow_depth > 0 && matches!(next, Some(b',' | b']' | b'}')));
            let flow_end = *flow_depth > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}');
            if !indicator && !flow_end {
                i += 1;
                continue;
            }
            in_plain = false;
        }
        match c {
            _ if comment => {
                in_plain = false;
                break;
            }
            b' ' | b'\t' => {}
            b'"' | b'\'' if at_value => match find_closing_quote(line, i + 1, c) {
                Some(end) => {
                    token_start = Some(i);
                    at_value = false;
                    i = end;
                }
                None if *flow_depth == 0 => return Open::Quoted { quote: c, column: Some(node_column) },
                None => return Open::Quoted { quote: c, column: None },
            },
            b'-' | b'?' if at_value && next_is_space && *flow_depth == 0 => node_column = i,
            b':' if next_is_space || *flow_depth > 0 => {
                if *flow_depth == 0 {
                    node_column = token_start.unwrap_or(node_column);
                }
                token_start = None;
                plain_value = None;
                at_value = true;
                after_key = true;
            }
            b'|' | b'>' if at_value && *flow_depth == 0 => return Open::Block { column: node_column },
            b'[' | b'{' if at_value || *flow_depth > 0 => {
                *flow_depth += 1;
                at_value = true;
                after_key = false;
            }
            b']' | b'}' if *flow_depth > 0 => {
                *flow_depth -= 1;
                at_value = false;
            }
            b',' if *flow_depth > 0 => {
                at_value = true;
                after_key = false;
            }
            b'&' | b'!' if at_value => {
                // An anchor or a tag: the node follows it.
                while i + 1 < line.len() && !matches!(line[i + 1], b' ' | b'\t') {
                    i += 1;
                }
            }
            _ if at_value => {
                in_plain = true;
                token_start = Some(i);
                if after_key && *flow_depth == 0 {
                    plain_value = Some(node_column);
                }
                at_value = false;
            }
            _ => {}
        }
        i += 1;
    }
    match plain_value {
        Some(column) if in_plain && *flow_depth == 0 => Open::Plain { column },
        _ => Open::Nothing,
    }
}

/// A mapping key written again: where, and the line of the value it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// The key where it is repeated.
    pub key: Located<String>,
    /// The line of the key's previous occurrence (relative to the parsed text).
    pub replaces_line: usize,
}

/// Keeps the last value of every key repeated in a mapping, at any depth, in the place
/// of the first; returns each repeat, in the order written.
pub fn drop_duplicate_keys(node: &mut Node) -> Vec<Repeat> {
    let mut repeats = Vec::new();
    collect_duplicates(node, &mut repeats);
    repeats.sort_by_key(|r| (r.key.line, r.key.column));
    repeats
}

fn collect_duplicates(node: &mut Node, repeats: &mut Vec<Repeat>) {
    match node {
        Node::List(items) => items.iter_mut().for_each(|item| collect_duplicates(&mut item.value, repeats)),
        Node::Map(entries) => {
            for (_, value) in entries.iter_mut() {
                collect_duplicates(&mut value.value, repeats);
            }
            // Most mappings repeat no key: leave them as they are.
            let mut seen = HashSet::with_capacity(entries.len());
            if entries.iter().all(|(key, _)| seen.insert(key.value.as_str())) {
                return;
            }
            let mut first: HashMap<String, usize> = HashMap::new();
            let mut kept: Vec<(Located<String>, Located<Node>)> = Vec::with_capacity(entries.len());
            for (key, value) in std::mem::take(entries) {
                match first.get(&key.value) {
                    Some(&at) => {
                        repeats.push(Repeat { key: key.clone(), replaces_line: kept[at].0.line });
                        kept[at] = (key, value);
                    }
                    None => {
                        first.insert(key.value.clone(), kept.len());
                        kept.push((key, value));
                    }
                }
            }
            *entries = kept;
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relaxed(text: &str) -> Option<String> {
        relax_indentation(text).map(|r| r.text)
    }

    #[test]
    fn indents_quoted_continuations_at_column_zero() {
        let text = "title: A\ndescription: \"An approach to working\nin nature. More text.\"\nx: 1\n";
        assert_eq!(
            relaxed(text).as_deref(),
            Some("title: A\ndescription: \"An approach to working\n in nature. More text.\"\nx: 1\n")
        );
        let single = "a: 'it''s\nhere'\nb: 2\n";
        assert_eq!(relaxed(single).as_deref(), Some("a: 'it''s\n here'\nb: 2\n"));
        let nested = "a:\n  b: \"x\ny\n   z\"\n";
        assert_eq!(relaxed(nested).as_deref(), Some("a:\n  b: \"x\n   y\n   z\"\n"));
        let listed = "l:\n  - \"a\nb\"\n";
        assert_eq!(relaxed(listed).as_deref(), Some("l:\n  - \"a\n   b\"\n"));
    }

    #[test]
    fn indents_quoted_continuations_that_start_with_a_tab() {
        assert_eq!(relaxed("a: \"x\n\ty\"\n").as_deref(), Some("a: \"x\n \ty\"\n"));
    }

    #[test]
    fn leaves_blank_lines_and_document_markers_in_quotes_alone() {
        assert_eq!(relaxed("a: \"x\n\ny\"\n").as_deref(), Some("a: \"x\n\n y\"\n"));
        assert_eq!(relaxed("a: \"x\n--- y\"\n"), None);
    }

    #[test]
    fn indents_plain_continuations_that_read_as_nothing_else() {
        assert_eq!(
            relaxed("a: An approach\nin nature.\nb: 1\n").as_deref(),
            Some("a: An approach\n in nature.\nb: 1\n")
        );
        assert_eq!(relaxed("a: x\n  y\nz\n").as_deref(), Some("a: x\n  y\n z\n"));
        for not_continued in ["a: x\nb: y\n", "a: x\n- y\n", "a: x\n# c\n", "a: x\n\"b\": 1\n", "a: x\nb:\n"] {
            assert_eq!(relaxed(not_continued), None, "{not_continued:?}");
        }
    }

    #[test]
    fn changes_nothing_in_text_that_is_already_valid() {
        for text in [
            "title: A\nowners:\n  - \"@dba\"\nmode: 0755\n",
            "a: \"x\n  y\"\nb: 'p\n  q'\n",
            "a: |\n  \"open\n  b: x\nc: 1\n",
            "a: >-\n  it's\n  fine\n",
            "tags: [a, \"b,\n c\"]\n",
            "a: \"x # not a comment\"\nb: y # a comment with \"\n",
            "it's: fine\nb: x\n",
            "- a\n- \"b\n  c\"\n",
            "a: &x \"v\n  w\"\nb: !!str 1\n",
            "url: http://x.org/a#b\n",
        ] {
            assert_eq!(relaxed(text), None, "{text:?}");
        }
    }

    #[test]
    fn never_panics_and_keeps_every_line_in_its_place() {
        let pieces = [
            "a: ", "\"", "'", "x", " ", "\t", "\n", "- ", "#", "|", "[", "]", "{", "}", ",", ":", "\\", "é", "---",
            "&a ", "? ",
        ];
        // Every text of four pieces (shorter ones are their prefixes).
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        }
        for text in texts {
            if let Some(r) = relax_indentation(&text) {
                assert_eq!(r.text.lines().count(), text.lines().count(), "{text:?}");
                assert_eq!(r.text.replace(' ', ""), text.replace(' ', ""), "only spaces are added: {text:?}");
            }
        }
    }

    #[test]
    fn maps_columns_of_indented_lines_back() {
        let r = relax_indentation("a: \"x\ny\"\n").expect("relaxed");
        assert_eq!(r.source_column(2, 3), 2);
        assert_eq!(r.source_column(1, 3), 3);
        assert_eq!(r.source_column(2, 1), 1);
    }

    fn key(name: &str, line: usize) -> Located<String> {
        Located::new(name.to_string(), line, 1)
    }

    #[test]
    fn keeps_the_last_of_repeated_keys_and_says_where_they_are() {
        let text = |s: &str| Located::new(Node::Text(s.into()), 1, 1);
        let mut node = Node::Map(vec![
            (key("title", 1), text("A")),
            (key("owner", 2), text("x")),
            (key("title", 3), text("B")),
            (key("nested", 4), Located::new(Node::Map(vec![(key("k", 5), text("1")), (key("k", 6), text("2"))]), 4, 1)),
        ]);
        let repeats = drop_duplicate_keys(&mut node);
        let found: Vec<(Located<String>, usize)> = repeats.into_iter().map(|r| (r.key, r.replaces_line)).collect();
        assert_eq!(found, vec![(key("title", 3), 1), (key("k", 6), 5)]);
        let Node::Map(entries) = node else { panic!("a map") };
        assert_eq!(entries.len(), 3);
        assert_eq!((entries[0].0.line, &entries[0].1.value), (3, &Node::Text("B".into())));
        let Node::Map(inner) = &entries[2].1.value else { panic!("a map") };
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].1.value, Node::Text("2".into()));
    }
}
