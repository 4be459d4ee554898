//! Cutting a text at a byte bound without splitting a character: the largest char
//! boundary at or below an offset. `str::floor_char_boundary` does this from Rust 1.91;
//! opsbook's `rust-version` is 1.89, so it is written here until that moves.

/// The largest char boundary of `text` at or below `offset` (the text's length when
/// `offset` is beyond it).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::floor_char_boundary;

    #[test]
    fn never_splits_a_character() {
        let text = "a’b";
        assert_eq!((1..=4).map(|at| floor_char_boundary(text, at)).collect::<Vec<_>>(), [1, 1, 1, 4]);
        assert_eq!(floor_char_boundary(text, 99), text.len());
        assert_eq!(floor_char_boundary("", 3), 0);
    }
}
