//! The jekyll-avatar plugin's `{% avatar %}` tag in the Liquid stage ([`super::evaluate`]),
//! on a Jekyll site whose `plugins:` (or `gems:`) lists `jekyll-avatar`, as the plugin
//! writes it (jekyll/jekyll-avatar `lib/jekyll-avatar.rb`): an `<img>` of the GitHub
//! avatar of the user the tag names (`{% avatar hubot %}`, `@hubot`, `{{ user }}`, or
//! `user=page.author`, a variable read in the tag's scope, its name when it is not set),
//! `size=N` pixels (40 unless set), its `srcset` at 1x to 4x, `lazy=true` in
//! `data-src`. The plugin's host is read from `PAGES_AVATARS_URL` on GitHub Pages;
//! opsbook uses the default, `https://avatarsN.githubusercontent.com`.

use std::io::Write;

use liquid_core::error::ResultLiquidReplaceExt;
use liquid_core::model::ScalarCow;
use liquid_core::parser::TagReflection;
use liquid_core::{Language, ParseTag, Renderable, Runtime, TagTokenIter, Template, ValueView};

use super::liquid_template::{Kind, Piece};

/// The name of the tag the evaluator writes `{% avatar … %}` as.
pub(super) const AVATAR_TAG: &str = "opsbook_avatar";

/// The plugin's name in `_config.yml`'s `plugins:`.
pub(super) const PLUGIN: &str = "jekyll-avatar";

/// Makes each `avatar` tag among `pieces` (of `text`) run in the Liquid stage, when the
/// site lists the plugin (`listed`).
pub(super) fn write_avatars(text: &str, pieces: &mut [Piece], listed: bool) {
    if !listed {
        return;
    }
    for piece in pieces.iter_mut().filter(|piece| piece.kind == Kind::Keep) {
        let source = &text[piece.range.clone()];
        let Some(inner) = source.strip_prefix("{%").and_then(|s| s.strip_suffix("%}")) else { continue };
        let trims = (inner.starts_with('-'), inner.ends_with('-'));
        let inner = inner.trim_matches('-').trim();
        let Some(markup) =
            inner.strip_prefix("avatar").filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let markup = markup.trim();
        let Some(quote) = ['\'', '"'].into_iter().find(|quote| !markup.contains(*quote)) else { continue };
        let dash = |trim: bool| if trim { "-" } else { "" };
        let written = format!("{{%{} {AVATAR_TAG} {quote}{markup}{quote} {}%}}", dash(trims.0), dash(trims.1));
        piece.kind = Kind::Liquid { name: "avatar".to_string(), trims, markup: Some(written), lenient: false };
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct AvatarTag;

impl TagReflection for AvatarTag {
    fn tag(&self) -> &str {
        AVATAR_TAG
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseTag for AvatarTag {
    fn parse(&self, mut arguments: TagTokenIter<'_>, options: &Language) -> liquid_core::Result<Box<dyn Renderable>> {
        let markup = arguments.expect_next("the avatar's user")?.expect_literal().into_result()?;
        arguments.expect_nothing()?;
        let markup = markup.to_kstr().into_owned();
        // `Liquid::Template.parse(@text)`: the tag's text is a template of its own.
        let template = Template::new(liquid_core::parser::parse(&markup, options)?);
        Ok(Box::new(Avatar { template, size: size_of(&markup), user: user_variable(&markup).map(str::to_string) }))
    }
    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

#[derive(Debug)]
struct Avatar {
    template: Template,
    /// `size=` of the tag as written.
    size: String,
    /// The variable `user=` names in the tag as written.
    user: Option<String>,
}

impl Renderable for Avatar {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let text = self.template.render(runtime)?;
        let username = match &self.user {
            Some(variable) => lookup(variable, runtime),
            None => username_of(&text),
        };
        write!(writer, "{}", img(&username, &self.size, text.contains("lazy=true"))).replace("the avatar")
    }
}

/// `extract_user_variable`: the variable `user=` names (`\buser=([\w.]+)\b`).
fn user_variable(text: &str) -> Option<&str> {
    let at =
        text.match_indices("user=").map(|(at, _)| at).find(|&at| at == 0 || !is_word(text[..at].chars().last()))?;
    let rest = &text[at + 5..];
    let end = rest.find(|c: char| !(is_word(Some(c)) || c == '.')).unwrap_or(rest.len());
    // The final `\b`: a trailing `.` is no part of the name.
    let name = rest[..end].trim_end_matches('.');
    (!name.is_empty()).then_some(name)
}

/// Whether `c` is a word character of a Ruby regular expression (`\w`).
fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `lookup_variable`: the value of `variable` (`a.b` walks keys), or its name when it
/// is nil or false.
fn lookup(variable: &str, runtime: &dyn Runtime) -> String {
    let path: Vec<ScalarCow<'_>> = variable.split('.').map(ScalarCow::new).collect();
    match runtime.try_get(&path) {
        Some(value) if value.query_state(liquid_core::model::State::Truthy) => value.to_kstr().to_string(),
        _ => variable.to_string(),
    }
}

/// `username`: the first word of the tag, without a leading `@`.
fn username_of(text: &str) -> String {
    let first = if text.contains(' ') { text.split(' ').next().unwrap_or("") } else { text };
    first.replacen('@', "", 1)
}

/// `compute_size`: `size=N` (`\bsize=(\d+)\b`, any case), else 40.
fn size_of(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.match_indices("size=") {
        if at > 0 && is_word(lower[..at].chars().last()) {
            continue;
        }
        let digits: String = lower[at + 5..].chars().take_while(char::is_ascii_digit).collect();
        let next = lower[at + 5 + digits.len()..].chars().next();
        if !digits.is_empty() && !is_word(next) {
            return digits;
        }
    }
    "40".to_string()
}

/// The `<img>` the plugin writes of `username` at `size` pixels.
fn img(username: &str, size: &str, lazy: bool) -> String {
    let scaled = |scale: u64| size.parse::<u64>().unwrap_or(0).saturating_mul(scale);
    let path = |scale: u64| {
        let shown = if scale == 1 { size.to_string() } else { scaled(scale).to_string() };
        format!("{username}?v=3&s={shown}")
    };
    // `host` is made from `path` at the tag's size: one server for every scale.
    let host = format!("https://avatars{}.githubusercontent.com", crc32(path(1).as_bytes()) % 4);
    let url = |scale: u64| format!("{host}/{}", path(scale));
    let srcset = (1..=4).map(|scale| format!("{} {scale}x", url(scale))).collect::<Vec<_>>().join(", ");
    let small = size.parse::<u64>().unwrap_or(0) < 48;
    let class = if small { "avatar avatar-small" } else { "avatar" };
    let escape = crate::html::escape;
    let base = format!(
        "class=\"{class}\" alt=\"{}\" width=\"{}\" height=\"{}\" data-proofer-ignore=\"true\"",
        escape(username),
        escape(size),
        escape(size)
    );
    if lazy {
        format!("<img {base} src=\"\" data-src=\"{}\" data-srcset=\"{}\" />", escape(&url(1)), escape(&srcset))
    } else {
        format!("<img {base} src=\"{}\" srcset=\"{}\" />", escape(&url(1)), escape(&srcset))
    }
}

/// zlib's CRC-32 (`Zlib.crc32`), of which the plugin takes the avatar's server.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
#[path = "liquid_avatar_tests.rs"]
mod tests;
