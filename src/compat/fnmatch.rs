//! Ruby's `File.fnmatch` without flags, which Middleman's `page` patterns and Jekyll's
//! `include:` and `exclude:` globs are matched with: `*` any run of characters, `/`
//! included; `?` one character; `[a-z]`, `[!abc]` (or `[^abc]`) one character of a set;
//! `\` the next character as it is. A mismatch goes back to the last `*` only, so a
//! pattern costs at most its length times the text's.

/// Whether `text` matches `pattern` (see the module documentation).
pub(crate) fn fnmatch(pattern: &str, text: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if p.get(pi) == Some(&'*') {
            star = Some((pi, si));
            pi += 1;
            continue;
        }
        if let Some(next) = (pi < p.len()).then(|| one(&p, pi, s[si])).flatten() {
            pi = next;
            si += 1;
        } else if let Some((star_p, star_s)) = star {
            pi = star_p + 1;
            si = star_s + 1;
            star = Some((star_p, star_s + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The index after the pattern's element at `at` when it matches `c`.
fn one(p: &[char], at: usize, c: char) -> Option<usize> {
    match p[at] {
        '?' => Some(at + 1),
        '\\' if at + 1 < p.len() => (p[at + 1] == c).then_some(at + 2),
        '[' => set(p, at, c),
        literal => (literal == c).then_some(at + 1),
    }
}

/// The index after the set `[...]` at `at` when it holds `c`; an unclosed `[` is itself.
fn set(p: &[char], at: usize, c: char) -> Option<usize> {
    let mut i = at + 1;
    let negated = matches!(p.get(i), Some('!' | '^'));
    i += usize::from(negated);
    let first = i;
    let mut held = false;
    loop {
        let Some(&start) = p.get(i) else { return (c == '[').then_some(at + 1) };
        if start == ']' && i > first {
            break;
        }
        let low = if start == '\\' && i + 1 < p.len() {
            i += 1;
            p[i]
        } else {
            start
        };
        let high = match (p.get(i + 1), p.get(i + 2)) {
            (Some('-'), Some(&high)) if high != ']' => {
                i += 2;
                high
            }
            _ => low,
        };
        held |= low <= c && c <= high;
        i += 1;
    }
    (held != negated).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_ruby_s_fnmatch_without_flags() {
        for (pattern, text, matches) in [
            ("/src/a*", "/src/a.txt", true),
            ("/src/a*", "/src/c/a/a.txt", false),
            ("/src/**/a*", "/src/c/a/b/a.txt", true),
            ("/src/b?", "/src/ba", true),
            ("/src/b?", "/src/ba.txt", false),
            ("*.md", "docs/a/b.md", true),
            ("[a-c]x", "bx", true),
            ("[!a-c]x", "bx", false),
            ("[^a-c]x", "dx", true),
            ("\\*x", "*x", true),
            ("\\*x", "ax", false),
            ("[ab", "[ab", true),
            ("[]]", "]", true),
        ] {
            assert_eq!(fnmatch(pattern, text), matches, "{pattern} {text}");
        }
    }
}
