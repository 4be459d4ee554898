//! Memoised questions about characters beyond ASCII, for the loops that ask them of
//! every character of every page (the search index's words, `slug::fold`, the pages'
//! similarity fingerprints).
//!
//! `char::is_alphanumeric` and `char::to_lowercase` look a character beyond ASCII up in
//! tables of ranges (a binary search each), and `slug::fold` asks two more tables
//! (combining marks, canonical decompositions) of every character. On a handbook
//! written in Japanese, whose words are runs of letters thousands of characters long,
//! those searches took about a twentieth of a build's CPU. A [`CharTable`] answers a
//! yes-or-no question about a character of the Basic Multilingual Plane from a bitmap:
//! it asks the question itself once for each of the 256 characters of a block, the first
//! time a character of that block comes, and keeps the answers (32 bytes a block; a
//! handbook touches a few blocks). Characters above the plane are asked directly. The
//! answers are those of the function given, so nothing changes but the time.

use std::sync::OnceLock;

/// Characters in a block.
const BLOCK: usize = 256;
/// Blocks in the Basic Multilingual Plane.
const BLOCKS: usize = 0x1_0000 / BLOCK;

/// The answers of a question about characters, block by block.
pub struct CharTable {
    question: fn(char) -> bool,
    blocks: [OnceLock<[u64; BLOCK / 64]>; BLOCKS],
}

impl CharTable {
    /// A table of `question`'s answers, asked as they are needed.
    pub const fn new(question: fn(char) -> bool) -> Self {
        CharTable { question, blocks: [const { OnceLock::new() }; BLOCKS] }
    }

    /// `question(c)`, from the table in the Basic Multilingual Plane.
    #[inline]
    pub fn get(&self, c: char) -> bool {
        let n = c as usize;
        if n >= 0x1_0000 {
            return (self.question)(c);
        }
        let bits = self.blocks[n / BLOCK].get_or_init(|| self.block(n / BLOCK));
        (bits[(n % BLOCK) / 64] >> (n % 64)) & 1 == 1
    }

    /// The answers for block `block`.
    fn block(&self, block: usize) -> [u64; BLOCK / 64] {
        let mut bits = [0u64; BLOCK / 64];
        for k in 0..BLOCK {
            // Surrogates are no characters: their bits stay unset, and never asked.
            if char::from_u32((block * BLOCK + k) as u32).is_some_and(self.question) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        bits
    }
}

/// Whether `c` is a letter or a digit (`char::is_alphanumeric`).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    static TABLE: CharTable = CharTable::new(char::is_alphanumeric);
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { TABLE.get(c) }
}

/// Whether `c` is its own lower case: `c.to_lowercase()` gives `c` alone.
#[inline]
pub fn is_own_lowercase(c: char) -> bool {
    static TABLE: CharTable = CharTable::new(own_lowercase);
    if c.is_ascii() { !c.is_ascii_uppercase() } else { TABLE.get(c) }
}

/// Whether `c.to_lowercase()` is `c` alone (the question of [`is_own_lowercase`]).
fn own_lowercase(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of Unicode, surrogates left out.
    fn every_char() -> impl Iterator<Item = char> {
        (0..=char::MAX as u32).filter_map(char::from_u32)
    }

    #[test]
    fn answers_as_the_standard_library_for_every_character() {
        for c in every_char() {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_own_lowercase(c), c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn asks_a_table_question_once_a_block() {
        static TABLE: CharTable = CharTable::new(|c| (c as u32).is_multiple_of(3));
        for c in every_char() {
            assert_eq!(TABLE.get(c), (c as u32).is_multiple_of(3), "{c:?}");
        }
        // Every block was asked, but those of surrogates alone (no character is there).
        let asked = |k: usize| TABLE.blocks[k].get().is_some();
        assert!((0..BLOCKS).all(|k| asked(k) != (0xD8..0xE0).contains(&k)));
    }
}
