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

/// Whether, and which, bare addresses of the text the old tool's Markdown linked
/// (`https://example.org`, `www.example.org`, `ops@example.org`): GitHub's and
/// Docusaurus's GFM, Hugo's Goldmark with `linkify` (its default). Elsewhere (kramdown,
/// Python-Markdown, pulldown-cmark, Redcarpet by default) they stay text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AutolinkLiterals {
    /// The schemes whose addresses are linked (`https` for `https://…`); none: nothing is.
    pub schemes: &'static [&'static str],
    /// The scheme a link to an address that starts with `www.` gets; `None`: not linked.
    pub www: Option<&'static str>,
    /// Whether an email address is linked, to `mailto:` it.
    pub email: bool,
    /// Where an address starts and ends.
    pub matching: LiteralMatch,
}

/// Where a bare address starts and ends, by the parser's rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LiteralMatch {
    /// cmark-gfm's (GitHub, remark-gfm): a valid domain, the address up to white space
    /// or `<`, then trailing punctuation, unmatched `)` and `&name;` cut off.
    #[default]
    Delimited,
    /// Goldmark's `linkify` (Hugo): at a word's start, a domain ending in a lowercase
    /// top-level domain and a path of URL characters, by its regular expressions.
    Patterned,
}

impl AutolinkLiterals {
    /// Nothing linked.
    pub const OFF: Self = Self { schemes: &[], www: None, email: false, matching: LiteralMatch::Delimited };
    /// GFM's extension as cmark-gfm has it (GitHub): `http`, `https` and `ftp`
    /// addresses, `www.` to `http://`, emails.
    pub const GFM: Self =
        Self { schemes: &["http", "https", "ftp"], www: Some("http"), email: true, matching: LiteralMatch::Delimited };

    /// Whether nothing is linked.
    pub fn is_off(&self) -> bool {
        self.schemes.is_empty() && self.www.is_none() && !self.email
    }
}
