//! How the old tool's Markdown read a page's text where readers of Markdown differ:
//! values the compatibility layer chooses ([`crate::site::source_rules::SourceRules`])
//! and the core's Markdown follows.

/// Definition lists, `Term` then `: Definition` (PHP Markdown Extra's syntax), as the
/// old tool's Markdown read them: Hugo's Goldmark by default
/// (`markup.goldmark.extensions.definitionList`), with an `id` on each term when
/// `markup.goldmark.parser.autoDefinitionTermID` is set; Jekyll's kramdown (its
/// default `markdown:`); MkDocs with Python-Markdown's `def_list` extension. Elsewhere
/// (GitHub, Docusaurus, Eleventy's markdown-it, mdBook) such lines are a paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DefinitionLists {
    /// A paragraph, as on GitHub.
    #[default]
    Off,
    /// A `<dl>`.
    On {
        /// Whether each `<dt>` gets an id made as a heading's is.
        term_ids: bool,
    },
}

/// Whether, and by which rule, the old tool turned shortcodes into emoji.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum EmojiShortcodes {
    /// Left as text.
    #[default]
    Off,
    /// Turned into emoji; after a name that is none, the next try starts at its closing colon.
    ResumeAtColon,
    /// Turned into emoji; after a name that is none, the next try starts after it.
    ResumeAfterName,
}
