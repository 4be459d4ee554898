//! Syntax highlighting of fenced code blocks at build time, with syntect and the extra
//! syntaxes of two-face (TOML, Dockerfile, Terraform/HCL, nginx, INI...).
//!
//! The output carries CSS classes, not inline colours: each token's look in the light
//! and in the dark theme (`hl-l4 hl-d9`, [`super::token_style`]), so one page works with
//! the light and the dark stylesheet that [`theme_css`] makes. The syntax set
//! is loaded once per process. An unknown language is not an error: the block is
//! rendered as plain escaped code.
//!
//! A build into an output folder lends the highlighter a [`Memo`], the blocks the last
//! build highlighted (`pipeline::cache`): a block is looked up by the hash of its
//! language and code before syntect runs, and what syntect makes is handed to the memo.

use std::sync::{Arc, LazyLock, PoisonError, RwLock};
use std::time::Duration;

use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::palette;
use crate::spent::SpentTime;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// The time spent highlighting, summed over threads, since [`take_time_spent`].
static TIME_SPENT: SpentTime = SpentTime::new();

/// Highlighted blocks kept beyond one build, by [`memo_key`]. Highlighting is a pure
/// function of the code, the language and this binary's syntaxes, so a memo may serve
/// any build of the same binary.
pub(crate) trait Memo: Send + Sync {
    /// The HTML the block of this key gave, if the memo has it.
    fn recall(&self, key: u128) -> Option<String>;
    /// Remembers the HTML of the block of this key.
    fn remember(&self, key: u128, html: &str);
}

/// The memo lent by the build that runs, if any.
static MEMO: RwLock<Option<Arc<dyn Memo>>> = RwLock::new(None);

/// Lends the highlighter `memo` (or none) until the next call.
pub(crate) fn lend_memo(memo: Option<Arc<dyn Memo>>) {
    *MEMO.write().unwrap_or_else(PoisonError::into_inner) = memo;
}

/// The key of a block in a [`Memo`]: the XXH3-128 hash of its language and code, each
/// preceded by its length, so no two blocks share the bytes hashed.
pub(crate) fn memo_key(code: &str, language: &str) -> u128 {
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
pub(crate) fn knows_language(language: &str) -> bool {
    find_syntax(language).is_some()
}

/// The highlighted HTML of `code` (the inside of `<code>`), or `None` when the language is
/// unknown or the highlighter fails, so the caller renders plain escaped code.
pub(crate) fn highlight(code: &str, language: &str) -> Option<String> {
    let syntax = find_syntax(language)?;
    if !super::line_cache::take_budget(code.len()) {
        return None;
    }
    TIME_SPENT.time(|| {
        let memo = MEMO.read().unwrap_or_else(PoisonError::into_inner).clone();
        let Some(memo) = memo else { return super::line_cache::highlight_lines(code, syntax, &SYNTAXES) };
        let key = memo_key(code, language);
        if let Some(html) = memo.recall(key) {
            return Some(html);
        }
        let html = super::line_cache::highlight_lines(code, syntax, &SYNTAXES)?;
        memo.remember(key, &html);
        Some(html)
    })
}

/// The time spent highlighting since the last call, summed over threads (so it can be
/// longer than the time that passed); `opsbook build --timings` shows it.
pub(crate) fn take_time_spent() -> Duration {
    TIME_SPENT.take()
}

/// The highlighting themes' CSS with readable colours: `(light, dark)`, unscoped.
pub(crate) fn readable_themes() -> (String, String) {
    let (light, dark) = super::token_style::css();
    (
        palette::readable_css(&light, &palette::LIGHT_BACKGROUNDS, false),
        palette::readable_css(&dark, &palette::DARK_BACKGROUNDS, true),
    )
}

/// The stylesheets for the highlighting classes: `(light, dark)`. Both are linked on
/// every page and each applies only in its scheme (system preference or the theme
/// switch); paper gets the light one.
pub(crate) fn theme_css() -> (String, String) {
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
        let html = highlight("echo \"hi\"\n", "bash").unwrap();
        assert!(html.contains("<span class=\"hl-l"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn makes_light_and_dark_css() {
        let (light, dark) = theme_css();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
