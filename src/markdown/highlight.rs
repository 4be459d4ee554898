//! Syntax highlighting of fenced code blocks at build time, with syntect and the extra
//! syntaxes of two-face (TOML, Dockerfile, Terraform/HCL, nginx, INI...).
//!
//! The output carries CSS classes (`hl-keyword`, ...), not inline colours, so one page
//! works with the light and the dark stylesheet that [`theme_css`] makes. The syntax set
//! is loaded once per process. An unknown language is not an error: the block is
//! rendered as plain escaped code.

use std::sync::LazyLock;
use std::time::Duration;

use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::palette;
use crate::spent::SpentTime;

/// The prefix of every highlighting class, so theme CSS cannot clash with it.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// The time spent highlighting, summed over threads, since [`take_time_spent`].
static TIME_SPENT: SpentTime = SpentTime::new();

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
    TIME_SPENT.time(|| super::line_cache::highlight_lines(code, syntax, &SYNTAXES, CLASS_STYLE))
}

/// The time spent highlighting since the last call, summed over threads (so it can be
/// longer than the time that passed); `opsbook build --timings` shows it.
pub(crate) fn take_time_spent() -> Duration {
    TIME_SPENT.take()
}

/// The highlighting themes' CSS with readable colours: `(light, dark)`, unscoped.
pub(crate) fn readable_themes() -> (String, String) {
    let themes = two_face::theme::extra();
    let css = |name| {
        css_for_theme_with_class_style(themes.get(name), CLASS_STYLE)
            .unwrap_or_else(|e| format!("/* highlighting theme unavailable: {e} */\n"))
    };
    let light = css(two_face::theme::EmbeddedThemeName::InspiredGithub);
    let dark = css(two_face::theme::EmbeddedThemeName::OneHalfDark);
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
        assert!(html.contains("class=\"hl-"), "{html}");
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
