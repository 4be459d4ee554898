//! Emoji shortcodes (`:smile:`) as each old tool's Markdown made them, built by the real
//! binary: Hugo with `enableEmoji = true` only, Docusaurus unless its configuration says
//! `markdown: { emoji: false }`, MkDocs with `pymdownx.emoji` among its
//! `markdown_extensions`; a handbook of no such tool keeps them as text. Never in code,
//! raw HTML or a link's address.

use crate::util;

use util::{Site, main_of};

/// A page with shortcodes in its text, its code, an attribute and a link.
const PAGE: &str = "# Release\n\nShip it :+1: when :white_check_mark:.\n\n`:smile:` and \
                    [the :rocket: notes](https://example.com/:rocket:/).\n\n<abbr title=\":smile:\">x</abbr>\n";

/// The `<main>` of the page built from [`PAGE`] beside the old tool's `files`.
fn built(name: &str, files: &[(&str, &str)]) -> String {
    let mut all = files.to_vec();
    all.push(("content/release.md", PAGE));
    let site = Site::with_files(name, &all);
    site.build(&[]).expect_code(0);
    main_of(&site.read("public/release/index.html")).to_string()
}

/// Whether `main` shows [`PAGE`]'s shortcodes as emoji, the rest untouched.
fn has_emoji(main: &str) -> bool {
    assert!(main.contains("<code>:smile:</code>"), "code keeps its shortcodes: {main}");
    assert!(main.contains("href=\"https://example.com/:rocket:/\""), "{main}");
    assert!(main.contains("title=\":smile:\""), "{main}");
    let on = main.contains("Ship it \u{1F44D} when \u{2705}.") && main.contains("the \u{1F680} notes");
    assert!(on || main.contains("Ship it :+1: when :white_check_mark:."), "{main}");
    on
}

/// Hugo's `TestGoldmarkEmojiExtension` and `TestEmojiDisabled` (gohugoio/hugo
/// `markup/goldmark/goldmark_integration_test.go` at 7b5199fdeff7d7682e9f979f468d55bc7b67b934).
#[test]
fn hugo_turns_shortcodes_into_emoji_with_enable_emoji_only() {
    assert!(has_emoji(&built("emoji-hugo", &[("hugo.toml", "enableEmoji = true\n")])));
    assert!(has_emoji(&built("emoji-hugo-dir", &[("config/_default/hugo.yaml", "enableEmoji: true\n")])));
    assert!(!has_emoji(&built("emoji-hugo-off", &[("hugo.toml", "enableEmoji = false\n")])));
    assert!(!has_emoji(&built("emoji-hugo-default", &[("hugo.toml", "title = \"x\"\n")])));
}

/// Docusaurus runs remark-emoji unless `markdown.emoji` is false.
#[test]
fn docusaurus_turns_shortcodes_into_emoji_unless_its_configuration_says_not() {
    let on = "module.exports = { title: 'x', markdown: { format: 'md' }, presets: [] };\n";
    assert!(has_emoji(&built("emoji-docusaurus", &[("docusaurus.config.js", on)])));
    let off = "module.exports = { title: 'x', markdown: { format: 'md', emoji: false }, presets: [] };\n";
    assert!(!has_emoji(&built("emoji-docusaurus-off", &[("docusaurus.config.js", off)])));
}

/// MkDocs with pymdownx.emoji; without it, Python-Markdown leaves them as text.
#[test]
fn mkdocs_turns_shortcodes_into_emoji_with_pymdownx_emoji() {
    let on = "site_name: x\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n";
    assert!(has_emoji(&built("emoji-mkdocs", &[("mkdocs.yml", on)])));
    let off = "site_name: x\ndocs_dir: content\nmarkdown_extensions:\n  - admonition\n";
    assert!(!has_emoji(&built("emoji-mkdocs-off", &[("mkdocs.yml", off)])));
}

/// pymdownx.emoji's escapes: facelessuser/pymdown-extensions `tests/extensions/emoji/emoji1
/// (escaped).txt` and `.html` at 6d0097b85a52468e7cd8eaceaa192ff3348c41e0, each line a case.
#[test]
fn an_escaped_colon_opens_no_shortcode_as_in_pymdownx_emoji() {
    let config = "site_name: x\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.emoji\n";
    let page = "# Emojis\n\\:\n:smile:<br>\n\\:smile:<br>\n\\\\:smile:<br>\n\\\\\\:smile:<br>\n";
    let site = Site::with_files("emoji-escaped", &[("mkdocs.yml", config), ("content/escaped.md", page)]);
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/escaped/index.html")).to_string();
    let expected = "<p>:\n\u{1F604}<br>\n:smile:<br>\n\\\u{1F604}<br>\n\\:smile:<br></p>";
    assert!(main.contains(expected), "{main}");
}

/// A handbook of no other tool: GitHub's rules, where opsbook keeps the text as written.
#[test]
fn a_handbook_of_no_other_tool_keeps_shortcodes_as_text() {
    assert!(!has_emoji(&built("emoji-plain", &[])));
}
