//! Syntax highlighting of fenced code blocks at build time, with syntect and the extra
//! syntaxes of two-face (TOML, Dockerfile, Terraform/HCL, nginx, INI...).
//!
//! The output carries CSS classes, not inline colours: each token's look in the light
//! and in the dark theme (`hl-l4 hl-d9`, [`super::token_style`]), so one page works with
//! the light and the dark stylesheet that [`theme_css`] makes. The syntax set
//! is loaded once per process. An unknown language is not an error: the block is
//! rendered as plain escaped code.
//!
//! A render highlights through a [`Highlighter`] it is given: with a [`Memo`] (a build
//! into an output folder passes the blocks the last build highlighted, `pipeline::cache`)
//! a block is looked up by the hash of its language and code before syntect runs, and
//! what syntect makes is handed to the memo; with a [`SpentTime`] the time is counted.

use std::sync::LazyLock;

use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::palette;
use crate::spent::SpentTime;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Highlighted blocks kept beyond one build, by [`memo_key`]. Highlighting is a pure
/// function of the code, the language and this binary's syntaxes, so a memo may serve
/// any build of the same binary.
pub trait Memo: Sync {
    /// The HTML the block of this key gave, if the memo has it.
    fn recall(&self, key: u128) -> Option<String>;
    /// Remembers the HTML of the block of this key.
    fn remember(&self, key: u128, html: &str);
}

/// What a render highlights with: the memo it looks blocks up in, if any, and the
/// counter of the time it spends, if any. Both belong to the build that renders.
#[derive(Clone, Copy)]
pub struct Highlighter<'a> {
    memo: Option<&'a dyn Memo>,
    spent: Option<&'a SpentTime>,
}

impl std::fmt::Debug for Highlighter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter").field("memo", &self.memo.is_some()).field("timed", &self.spent.is_some()).finish()
    }
}

impl<'a> Highlighter<'a> {
    /// Highlights with syntect alone, untimed.
    pub const PLAIN: Highlighter<'static> = Highlighter { memo: None, spent: None };

    /// Highlights through `memo`, if any, adding the time spent to `spent`.
    pub fn new(memo: Option<&'a dyn Memo>, spent: &'a SpentTime) -> Self {
        Highlighter { memo, spent: Some(spent) }
    }

    /// This highlighter with `memo` in place of its own.
    pub fn with_memo<'b>(self, memo: &'b dyn Memo) -> Highlighter<'b>
    where
        'a: 'b,
    {
        Highlighter { memo: Some(memo), spent: self.spent }
    }

    /// The highlighted HTML of `code` (the inside of `<code>`), or `None` when the
    /// language is unknown, the page's budget is spent or the highlighter fails, so the
    /// caller renders plain escaped code.
    pub fn highlight(self, code: &str, language: &str) -> Option<String> {
        let syntax = find_syntax(language)?;
        if !super::line_cache::take_budget(code.len()) {
            return None;
        }
        let work = || {
            let Some(memo) = self.memo else { return super::line_cache::highlight_lines(code, syntax, &SYNTAXES) };
            let key = memo_key(code, language);
            if let Some(html) = memo.recall(key) {
                return Some(html);
            }
            let html = super::line_cache::highlight_lines(code, syntax, &SYNTAXES)?;
            memo.remember(key, &html);
            Some(html)
        };
        match self.spent {
            Some(spent) => spent.time(work),
            None => work(),
        }
    }
}

/// The key of a block in a [`Memo`]: the XXH3-128 hash of its language and code, each
/// preceded by its length, so no two blocks share the bytes hashed.
pub fn memo_key(code: &str, language: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for part in [language, code] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.digest128()
}

/// Other names operators give the languages in fences.
fn canonical_token(language: &str) -> &str {
    match language {
        "shell" | "console" | "shell-session" | "shellsession" | "sh" | "zsh" | "shellscript" => "bash",
        "yml" => "yaml",
        "hcl" | "terraform" | "tf" | "tfvars" => "tf",
        "docker" | "dockerfile" | "containerfile" => "Dockerfile",
        "systemd" | "service" | "unit" | "desktop" | "cfg" | "conf" | "ini" => "ini",
        "nginx" => "nginx.conf",
        "golang" => "go",
        "rs" => "rust",
        "py" | "python3" => "python",
        "psql" | "postgresql" | "postgres" | "pgsql" | "plpgsql" | "mysql" => "sql",
        "jsonc" | "json5" => "json",
        "js" | "javascript" | "node" => "js",
        "ts" | "typescript" => "ts",
        "toml" => "toml",
        other => other,
    }
}

fn find_syntax(language: &str) -> Option<&'static SyntaxReference> {
    let lower = language.to_ascii_lowercase();
    let token = canonical_token(&lower);
    if matches!(token, "" | "text" | "txt" | "plain" | "plaintext" | "none" | "output") {
        return None;
    }
    let set = &*SYNTAXES;
    set.find_syntax_by_extension(token)
        .or_else(|| set.find_syntax_by_token(token))
        .or_else(|| set.find_syntax_by_name(language))
}

#[cfg(test)]
/// Whether a language name has a syntax.
pub fn knows_language(language: &str) -> bool {
    find_syntax(language).is_some()
}

/// The highlighting themes' CSS with readable colours: `(light, dark)`, unscoped.
pub fn readable_themes() -> (String, String) {
    let (light, dark) = super::token_style::css();
    (
        palette::readable_css(&light, &palette::LIGHT_BACKGROUNDS, false),
        palette::readable_css(&dark, &palette::DARK_BACKGROUNDS, true),
    )
}

/// The stylesheets for the highlighting classes: `(light, dark)`. Both are linked on
/// every page and each applies only in its scheme (system preference or the theme
/// switch); paper gets the light one.
pub fn theme_css() -> (String, String) {
    let (light, dark) = readable_themes();
    (
        format!(
            "/* Code highlighting, light: colours at least 4.5:1 on the code background. */\n{}",
            palette::scoped_css(&light, false)
        ),
        format!(
            "/* Code highlighting, dark: colours at least 4.5:1 on the code background. */\n{}",
            palette::scoped_css(&dark, true)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_languages_operators_write() {
        for language in [
            "bash",
            "sh",
            "shell",
            "console",
            "yaml",
            "yml",
            "json",
            "python",
            "go",
            "rust",
            "sql",
            "toml",
            "Dockerfile",
            "dockerfile",
            "hcl",
            "terraform",
            "nginx",
            "ini",
            "systemd",
        ] {
            assert!(knows_language(language), "{language}");
        }
        assert!(!knows_language("promql-unknown"));
        assert!(!knows_language("text"));
    }

    #[test]
    fn highlights_with_classes() {
        let html = Highlighter::PLAIN.highlight("echo \"hi\"\n", "bash").unwrap();
        assert!(html.contains("<span class=\"hl-l"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    /// A memo that knows one block and notes what it is handed.
    struct OneBlock {
        known: (u128, String),
        handed: std::sync::Mutex<Vec<(u128, String)>>,
    }

    impl Memo for OneBlock {
        fn recall(&self, key: u128) -> Option<String> {
            (key == self.known.0).then(|| self.known.1.clone())
        }

        fn remember(&self, key: u128, html: &str) {
            self.handed.lock().expect("not poisoned").push((key, html.to_string()));
        }
    }

    #[test]
    fn a_highlighter_recalls_a_block_from_its_memo_and_hands_it_what_it_makes() {
        let known = (memo_key("echo known\n", "bash"), "<b>from the memo</b>".to_string());
        let memo = OneBlock { known: known.clone(), handed: std::sync::Mutex::new(Vec::new()) };
        let spent = SpentTime::new();
        let highlighter = Highlighter::new(Some(&memo), &spent);
        super::super::line_cache::start_page();
        assert_eq!(highlighter.highlight("echo known\n", "bash"), Some(known.1), "recalled, not made");
        let made = highlighter.highlight("echo new\n", "bash").expect("highlighted");
        assert_eq!(made, Highlighter::PLAIN.highlight("echo new\n", "bash").expect("highlighted"));
        let handed = memo.handed.lock().expect("not poisoned").clone();
        assert_eq!(handed, vec![(memo_key("echo new\n", "bash"), made)], "only the block made is handed over");
        assert!(spent.take() > std::time::Duration::ZERO, "the time is counted");
        assert_eq!(Highlighter::PLAIN.highlight("echo known\n", "bash").map(|h| h.contains("memo")), Some(false));
    }

    #[test]
    fn makes_light_and_dark_css() {
        let (light, dark) = theme_css();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
