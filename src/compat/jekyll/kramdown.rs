//! The rule of a Jekyll site's heading ids, from its `_config.yml`: `markdown:` (kramdown
//! unless set) and the `kramdown:` settings Jekyll passes on (`input`, `auto_ids`,
//! `auto_id_prefix`, `auto_id_stripping`, `transliterated_header_ids`), over Jekyll's
//! defaults (`input: GFM`, `auto_ids: true`).
//!
//! More: docs/architecture.md, "Notes by module" (slug).

use crate::compat::interface::text_of;
use crate::content::node::{Located, Node};
use crate::slug::HeadingIdStyle;

/// How kramdown made a Jekyll site's heading ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct KramdownIds {
    /// The rule; `None` when another converter made the site's Markdown.
    pub style: Option<HeadingIdStyle>,
    /// `auto_id_prefix`, before every id kramdown makes.
    pub prefix: String,
    /// The line of `transliterated_header_ids: true`, which opsbook does not follow.
    pub transliterated_at: Option<usize>,
}

impl KramdownIds {
    /// What the keys of `_config.yml` say of heading ids.
    pub(crate) fn read(keys: &[(Located<String>, Located<Node>)]) -> KramdownIds {
        let markdown = text_of(keys, "markdown").map(str::trim);
        if markdown.is_some_and(|name| !name.eq_ignore_ascii_case("kramdown")) {
            return KramdownIds::default();
        }
        let settings: &[(Located<String>, Located<Node>)] =
            match keys.iter().find(|(k, _)| k.value == "kramdown").map(|(_, v)| &v.value) {
                Some(Node::Map(settings)) => settings,
                _ => &[],
            };
        let flag = |key: &str| settings.iter().find(|(k, _)| k.value == key).map(|(_, v)| (&v.value, v.line));
        let is_true = |key: &str| matches!(flag(key), Some((Node::Bool(true), _)));
        // kramdown-parser-gfm always strips (`@options[:auto_id_stripping] = true`).
        let gfm = text_of(settings, "input").is_none_or(|input| input.trim().eq_ignore_ascii_case("gfm"));
        let style = if matches!(flag("auto_ids"), Some((Node::Bool(false), _))) {
            HeadingIdStyle::None
        } else if gfm {
            HeadingIdStyle::KramdownGfm
        } else if is_true("auto_id_stripping") {
            HeadingIdStyle::KramdownStripped
        } else {
            HeadingIdStyle::Kramdown
        };
        KramdownIds {
            style: Some(style),
            prefix: text_of(settings, "auto_id_prefix").unwrap_or_default().to_string(),
            transliterated_at: flag("transliterated_header_ids")
                .filter(|(value, _)| **value == Node::Bool(true))
                .map(|(_, line)| line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(yaml: &str) -> KramdownIds {
        let documents = crate::content::front_matter::parse_yaml_documents(yaml).expect("valid YAML");
        match documents.into_iter().next() {
            Some(Node::Map(keys)) => KramdownIds::read(&keys),
            _ => KramdownIds::read(&[]),
        }
    }

    /// Jekyll's `DEFAULTS` (jekyll/jekyll at 202df571, lib/jekyll/configuration.rb:
    /// `markdown: kramdown`, `kramdown: input: GFM, auto_ids: true`) and GitHub Pages'
    /// (github/pages-gem at cd7369a2, lib/github-pages/configuration.rb: `input: GFM`).
    #[test]
    fn reads_the_rule_of_the_configuration() {
        let gfm = Some(HeadingIdStyle::KramdownGfm);
        assert_eq!(ids_of("title: A\n").style, gfm);
        assert_eq!(ids_of("markdown: kramdown\nkramdown:\n  input: GFM\n").style, gfm);
        assert_eq!(ids_of("kramdown:\n  hard_wrap: false\n").style, gfm);
        assert_eq!(ids_of("kramdown:\n  input: kramdown\n").style, Some(HeadingIdStyle::Kramdown));
        let stripped = "kramdown:\n  input: kramdown\n  auto_id_stripping: true\n";
        assert_eq!(ids_of(stripped).style, Some(HeadingIdStyle::KramdownStripped));
        assert_eq!(ids_of("kramdown:\n  auto_ids: false\n").style, Some(HeadingIdStyle::None));
        assert_eq!(ids_of("markdown: CommonMarkGhPages\n").style, None);
        let prefixed = ids_of("kramdown:\n  auto_id_prefix: id-\n  transliterated_header_ids: true\n");
        assert_eq!((prefixed.prefix.as_str(), prefixed.transliterated_at), ("id-", Some(3)));
    }
}
