//! The old tools' site variables as the core holds them: what a page prints of them
//! (`{{< param x >}}`, `{{ site.x }}`, a site template's `site.params.x`) shows the
//! value the old site showed. The compatibility layer reads them from the old tool's
//! configuration and data files (`compat::site_data`), in the pipeline's entry.
//!
//! More: docs/architecture.md, "Notes by module".

use serde_json::{Map, Value};

/// The most bytes of configuration and data read, all files together.
pub const MAX_DATA_BYTES: u64 = 64 << 20;
/// How the old tool ran its pages as templates, as its own configuration file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Templating {
    /// None that opsbook reads the variables of.
    #[default]
    Other,
    /// Pages are no templates, but the `param` shortcode reads the parameters (Hugo).
    Params,
    /// Every page is a Liquid template (Jekyll).
    Liquid,
    /// Markdown pages are Liquid templates (Eleventy's default), Nunjucks ones, or none
    /// (Eleventy).
    MarkdownEngine {
        /// The engine that renders Markdown pages before Markdown is read.
        markdown: Engine,
    },
}

/// The template engine Eleventy runs on Markdown pages before it reads the Markdown:
/// its `markdownTemplateEngine` setting
/// (<https://www.11ty.dev/docs/config/#default-template-engine-for-markdown-files>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `"liquid"`, or no setting.
    Liquid,
    /// `"njk"`.
    Nunjucks,
    /// `false` (or an engine opsbook does not run): the Markdown is read as written.
    Plain,
}

/// The old tool's site variables.
#[derive(Debug, Clone, Default)]
pub struct SiteData {
    /// How the old tool ran its pages as templates.
    pub templating: Templating,
    /// What templates see as `site`: the configuration's keys (Hugo's `params` among
    /// them), and the data files as `data`.
    pub site: Value,
    /// The variables a Liquid page sees at the top: `site` (Jekyll), or each global data
    /// file by its name (Eleventy).
    pub globals: Map<String, Value>,
    /// What the old tool printed as written where opsbook would read a construct.
    pub text: TextRules,
    /// The templates the old tool's site gives constructs itself, which opsbook does not run.
    pub own_templates: OwnTemplates,
}

/// The templates an old tool's site gives its constructs itself (a Hugo site's shortcode
/// templates), which the old tool ran instead of its built-in construct of the same name:
/// opsbook then renders none of its own for that name either.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OwnTemplates(pub Vec<OwnTemplate>);

/// One template of [`OwnTemplates`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnTemplate {
    /// The construct's name, lower case (`highlight`, `docs/note`).
    pub name: String,
    /// The content folder whose pages it serves (`docs`), `""` for every page.
    pub scope: String,
    /// The file, as messages name it (`layouts/_shortcodes/highlight.html`).
    pub shown: String,
    /// Whether a theme gives it: it then stands only before the tool's embedded
    /// constructs, not before opsbook's readings of themes' ones.
    pub theme: bool,
    /// Whether what it writes may hold ids (an `id=`, a Markdown heading, a partial it
    /// calls): true unless its file was read and shows none.
    pub writes_ids: bool,
}

impl OwnTemplates {
    /// The template of the construct `name` for a page in the content folder `dir`: the
    /// site's before a theme's, the nearest scope first.
    pub fn find(&self, name: &str, dir: &str) -> Option<&OwnTemplate> {
        let serves = |scope: &str| {
            scope.is_empty() || dir.strip_prefix(scope).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        self.0
            .iter()
            .filter(|t| t.name.eq_ignore_ascii_case(name) && serves(&t.scope))
            .max_by_key(|t| (!t.theme, t.scope.len()))
    }
}

/// What an old tool printed as written where opsbook would read a construct; opsbook's
/// own handbooks read them all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextRules {
    /// Whether the old tool ran no template engine over pages: `{{ x }}` and `{% x %}`
    /// are text, as written.
    pub braces_are_text: bool,
    /// Whether `{!file!}`, markdown-include's directive, is text the old tool printed as
    /// written, reported as a construct left to rewrite.
    pub markdown_include_unrun: bool,
    /// Whether a `{{#name …}}` directive of no preprocessor opsbook runs is text, as
    /// written: no preprocessor of the old tool's own would have read it.
    pub directives_are_text: bool,
    /// Whether such a directive in code would have been replaced too (a preprocessor of
    /// the book's own reads the whole text): shown as written there, with a warning.
    pub directives_in_code: bool,
    /// Whether `{{#title …}}` is the old tool's own directive, which leaves nothing in
    /// the text (mdBook's links preprocessor: it names the page's `<title>`).
    pub title_directive_is_empty: bool,
    /// Whether a `{% name %}` tag at a line's start opens or closes a block (a hint,
    /// tabs, a link card) as the old tool's Markdown reads it.
    pub line_block_tags: bool,
    /// Whether `<%= partial 'name' %>` in an ERB page writes the file `_name.*` in its
    /// place, as the old tool renders it.
    pub erb_partials: bool,
    /// Whether the old tool's Markdown is kramdown: HTML blocks run to their end tag,
    /// and its extensions and block attribute lists are read as it reads them.
    pub kramdown: bool,
    /// Which pages the old tool ran Jinja over before reading their Markdown.
    pub jinja: JinjaPages,
    /// How `:::` blocks (admonitions) open, close and nest.
    pub colon_blocks: ColonBlocks,
    /// Whose readings of a theme's shortcodes apply besides opsbook's general ones.
    pub theme_shortcodes: ThemeShortcodes,
    /// How the old tool's Markdown read an inline link's `(…)` where CommonMark reads
    /// none.
    pub link_targets: LinkTargets,
}

/// How an inline link or image's destination is read, where readers of Markdown differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkTargets {
    /// CommonMark's: no white space in a destination not in `<…>`.
    #[default]
    CommonMark,
    /// Python-Markdown's: up to the `)` that matches the `(`, spaces and all, a title
    /// in quotes at its end.
    ToMatchingParen,
    /// Redcarpet's: the same, and white space (a line break too) may come between `]`
    /// and `(`.
    SpacedToMatchingParen,
}

/// The theme whose shortcodes opsbook reads as that theme renders them, where a name
/// means different things in different themes (`hint`, `columns`, `button`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeShortcodes {
    /// None: only the readings every site gets.
    #[default]
    General,
    /// The Book theme (alex-shpak/hugo-book): `hint`, `columns`, `button`, and
    /// `details` with a bare `open`.
    Book,
}

/// Which pages are Jinja templates (mkdocs-macros-plugin renders a page's whole text,
/// its code too, unless the page says otherwise): a page's `render_macros` front matter
/// decides, `false` over anything else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum JinjaPages {
    /// None.
    #[default]
    None,
    /// Every page but one whose front matter says `render_macros: false`.
    ByDefault,
    /// Only a page whose front matter says `render_macros: true`
    /// (the plugin's `render_by_default: false`).
    OptIn,
}

/// How `:::` blocks (admonitions) open, close and nest, as the old tool's version read
/// them. More: docs/architecture.md, `src/compat/dialects/colon_rules.rs`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColonBlocks {
    /// Any type opens, `:::type[Title]`; a fence of colons alone closes the innermost
    /// open block (opsbook's own rule).
    #[default]
    Directives,
    /// Only the listed types open, with exactly three colons and the rest of the line
    /// as title; the next line that starts with `:::` closes, whatever follows; no nesting.
    FirstColonLine,
    /// Only the listed types open, with three colons or more and the rest of the line as
    /// title; a line that starts with `:::` opens a level when it has fewer colons than
    /// the level open, closes it with as many: an outer block takes more colons.
    ColonLevels,
    /// No line opens a block: `:::` is text (Python-Markdown, MkDocs's reader).
    Text,
    /// As [`ColonBlocks::Text`], but a line `::: identifier` is mkdocstrings' autodoc
    /// block, which with its indented options lines is shown as a placeholder.
    Autodoc,
}

/// The configuration files beside `book.toml` the compatibility layer reads site
/// variables from, of every tool it reads them for.
const SITE_CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
];

/// Whether a changed file at `relative` (to the root, `/`-separated) may change the
/// site variables: the dev server then builds again. A `_data` folder counts in the
/// content folder too, where a moved Jekyll or Eleventy handbook keeps it.
pub fn is_site_data_path(relative: &str) -> bool {
    let first = relative.split('/').next().unwrap_or("");
    SITE_CONFIG_FILES.contains(&relative)
        || matches!(first, "_data" | "data")
        || relative.rsplit_once('/').is_some_and(|(dir, _)| dir.split('/').any(|part| part == "_data"))
        || relative.starts_with("config/_default/")
        || relative.starts_with("config/production/")
}
