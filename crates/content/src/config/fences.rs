//! Where a front matter block ends: the rule's name, which the configuration carries
//! when the compatibility layer read the old tool's before the walk; the reading is
//! `content::front_matter`'s.

/// Where a YAML front matter block ends, as the old tool's parser reads it (the rule
/// of a handbook: `Fences::of`, beside the reader in `content::front_matter`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fences {
    /// At a line that is `---` (or `...`) alone: Jekyll's
    /// `YAML_FRONT_MATTER_REGEXP`, opsbook's own pages.
    #[default]
    Exact,
    /// At the first line that starts with `---`, the rest of that line starting the
    /// body: gray-matter's rule (`str.indexOf('\n---')`), the parser of Docusaurus and
    /// Eleventy, so `--------------` closes a block there. The opening is `---` not
    /// followed by another `-`.
    GrayMatter,
    /// At the first line that starts with the block's fence, `---` or `+++` (not
    /// `...`), the rest of that line starting the body: Hugo's page lexer
    /// (`lexFrontMatterSection` looks for the fence at each line's start).
    LineStart,
}
