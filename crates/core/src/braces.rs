//! The `}` that closes a `{` in JavaScript-like text: MDX expressions and JSX
//! attributes, a shortcode's arguments. Braces nest; quoted strings (`"`, `'`, and
//! template literals) are skipped whole.

/// The `}` closing the `{` at `open`, before `limit`; `None` when it is not closed there.
pub fn closing(text: &str, open: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate().take(limit).skip(open) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(b),
            (None, b'{') => depth += 1,
            (None, b'}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::closing;

    #[test]
    fn nests_and_skips_quotes() {
        assert_eq!(closing("{a: {b}, c: '}'}", 0, 16), Some(15));
        assert_eq!(closing("x={`}`} y", 2, 9), Some(6));
        assert_eq!(closing("{open", 0, 5), None);
        assert_eq!(closing("{a}", 0, 2), None);
    }
}
