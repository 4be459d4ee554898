//! The compact encoding of numbers in the search index: variable-length, five bits per
//! character, in characters that need no escaping in JSON. A number below 32 is one
//! character; `search.js` decodes it.
//!
//! Each number is written low bits first: every character but the last comes from
//! [`MORE`] (more characters follow), the last from [`LAST`].

/// The characters of a number's last five bits.
pub const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// The characters of five bits that more characters follow.
pub const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends one number.
pub fn push_number(out: &mut String, mut value: u64) {
    while value >= 32 {
        out.push(MORE[(value & 31) as usize] as char);
        value >>= 5;
    }
    out.push(LAST[value as usize] as char);
}

/// Encodes a list of numbers.
pub fn encode(values: impl IntoIterator<Item = u64>) -> String {
    let mut out = String::new();
    for value in values {
        push_number(&mut out, value);
    }
    out
}

/// Decodes a list of numbers (the tests' and the client's inverse of [`encode`]).
pub fn decode(text: &str) -> Vec<u64> {
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u64, 0u32);
    for b in text.bytes() {
        if let Some(digit) = MORE.iter().position(|&c| c == b) {
            value |= (digit as u64) << shift;
            shift += 5;
        } else if let Some(digit) = LAST.iter().position(|&c| c == b) {
            values.push(value | ((digit as u64) << shift));
            value = 0;
            shift = 0;
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_numbers() {
        let values = [0, 1, 31, 32, 255, 1023, 1024, 70_000, u64::from(u32::MAX)];
        let text = encode(values);
        assert_eq!(decode(&text), values);
        assert_eq!(encode([5]), "5");
        assert_eq!(encode([32]), "w1");
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
}
