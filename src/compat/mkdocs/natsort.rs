//! natsort's keys (the Python package MkDocs's navigation plugins sort with): runs of
//! digits as numbers (`INT | UNSIGNED`), the text between them as it is or, with
//! `GROUPLETTERS`, each letter's lower case before it, so that case sorts second.

/// A piece of a natural key: text, or the number a run of digits reads as. A key
/// starts with text and alternates, as natsort's keys do, so text never meets a number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Chunk {
    Text(String),
    Number(u128),
}

/// natsort's key of `text` (lower-cased first by the caller for `IGNORECASE`); an
/// empty text first when it starts with a number.
pub(crate) fn key(text: &str, group_letters: bool) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits > 0 {
            if chunks.is_empty() {
                chunks.push(Chunk::Text(String::new()));
            }
            chunks.push(Chunk::Number(rest[..digits].parse().unwrap_or(u128::MAX)));
            rest = &rest[digits..];
            continue;
        }
        let end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let text = match group_letters {
            true => rest[..end].chars().flat_map(|c| c.to_lowercase().chain(std::iter::once(c))).collect(),
            false => rest[..end].to_string(),
        };
        chunks.push(Chunk::Text(text));
        rest = &rest[end..];
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_numbers_and_grouped_case_second() {
        let grouped = |s: &str| key(s, true);
        assert!(grouped("2") < grouped("10"));
        assert!(grouped("page2") < grouped("page10"));
        assert!(grouped("10") < grouped("a"));
        assert!(grouped("Apple") < grouped("apple"));
        assert!(grouped("apple") < grouped("Banana"));
        assert_eq!(key(&"Apple".to_lowercase(), true), key("apple", true));
    }

    #[test]
    fn without_grouping_text_compares_as_written() {
        let plain = |s: &str| key(s, false);
        assert!(plain("3.md") < plain("20.md") && plain("20.md") < plain("100.md"));
        assert!(plain("B") < plain("a"));
        assert_eq!(
            plain("v1.10"),
            [Chunk::Text("v".into()), Chunk::Number(1), Chunk::Text(".".into()), Chunk::Number(10)]
        );
    }
}
