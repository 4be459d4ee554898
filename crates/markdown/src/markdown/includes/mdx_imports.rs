//! MDX's imported Markdown, as Docusaurus documents it (<https://docusaurus.io/docs/markdown-features/react#importing-markdown>):
//!
//! ```markdown
//! import Checklist from '@site/docs/_checklist.md';
//!
//! <Checklist />
//! ```
//!
//! A top-level `import Name from '…'` of a `.md` or `.mdx` file names a partial, and each
//! later `<Name />` writes that file in place, as MDX renders it. The path is relative to
//! the page's file (`./_x.md`, `../_x.md`), or starts with `@site/`, Docusaurus's alias of
//! the site's folder (that of `docusaurus.config.js` and `book.toml`). The import line is
//! dropped; an import of a file webpack gives a URL for is [`super::asset_imports`]'s,
//! of anything else (`@theme/Tabs`) the MDX dialect's. Lines in fenced code are text:
//! neither imports nor uses. A file that is not there is a missing include.

use super::asset_imports::{self, Binding, SITE_ALIAS, Scan};
use super::directives::{Action, Form, Found, Include, Lookup, Select};

/// The partials and files imported so far in a page, and the fence it is in.
#[derive(Default)]
pub(super) struct Imports {
    /// `(name, include)` for each Markdown import read.
    names: Vec<(String, Include)>,
    /// The files imported for their URL.
    assets: Vec<Binding>,
    /// Whether the text is MDX, whose imports of files are read.
    mdx: bool,
    /// Whether the text calls `require(`, which names a file without an import.
    requires: bool,
    /// Where the reading of the lines for the files' uses stands.
    scan: Scan,
    /// The open fence: its character and length.
    fence: Option<(char, usize)>,
}

impl Imports {
    /// The imports of `text`, whose lines [`Imports::line`] is then given; the files it
    /// imports for their URL only when it is MDX (`mdx`).
    pub(super) fn new(text: &str, mdx: bool) -> Self {
        Imports { mdx, requires: mdx && text.contains("require("), ..Imports::default() }
    }

    /// Reads the line `line` at `start`, whose next line starts at `next`: an import of a
    /// partial is recorded and its line dropped, a use of one included; an import of a
    /// file is recorded, and its uses found. Returns whether the line is an import or
    /// holds a use (a line in fenced code is neither).
    pub(super) fn line(&mut self, start: usize, line: &str, next: usize, found: &mut Vec<Found>) -> bool {
        if self.fence(line) {
            return false;
        }
        if let Some((name, include)) = import(line) {
            found.push(Found { range: start..next, action: Action::Remove });
            self.names.retain(|(known, _)| *known != name);
            self.names.push((name, include));
            return true;
        }
        if let Some((name, path)) =
            asset_imports::default_import(line).filter(|(_, path)| self.mdx && asset_imports::is_asset(path))
        {
            self.assets.push(Binding { name: name.to_string(), path: path.to_string() });
            return true;
        }
        let before = found.len();
        if !self.names.is_empty() && line.contains('<') {
            self.uses(start, line, found);
        }
        if !self.assets.is_empty() || self.requires {
            self.asset_uses(start, line, before, found);
        }
        found.len() > before
    }

    /// The uses of imported files in `line`, at `start`, less those inside the uses of
    /// partials found from `before` on (whose props are not passed), in order with them.
    fn asset_uses(&mut self, start: usize, line: &str, before: usize, found: &mut Vec<Found>) {
        let partials = found.len();
        for used in asset_imports::uses(line, &mut self.scan, &self.assets) {
            let range = start + used.range.start..start + used.range.end;
            if found[before..partials].iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
                continue;
            }
            found.push(Found { range, action: Action::Asset(used.asset) });
        }
        found[before..].sort_by_key(|f| f.range.start);
    }

    /// Whether `line` opens, closes or is inside a fenced code block.
    fn fence(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = &line[indent..];
        let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~') && indent < 4);
        let run = marker.map_or(0, |c| trimmed.len() - trimmed.trim_start_matches(c).len());
        match (self.fence, marker) {
            (Some((open, len)), Some(c)) if c == open && run >= len && trimmed[run..].trim().is_empty() => {
                self.fence = None;
                true
            }
            (Some(_), _) => true,
            (None, Some(c)) if run >= 3 => {
                self.fence = Some((c, run));
                true
            }
            (None, _) => false,
        }
    }

    /// The uses `<Name />` of imported partials in `line`.
    fn uses(&self, start: usize, line: &str, found: &mut Vec<Found>) {
        let mut at = 0;
        while let Some(open) = line[at..].find('<').map(|i| at + i) {
            at = open + 1;
            let rest = &line[open + 1..];
            let len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
            let Some((_, include)) = self.names.iter().find(|(name, _)| *name == rest[..len]) else { continue };
            // A self-closing tag, its props (which opsbook does not pass) ignored.
            let after = &rest[len..];
            if !(after.starts_with(char::is_whitespace) || after.starts_with('/')) {
                continue;
            }
            let Some(close) = after.find("/>") else { continue };
            if after[..close].contains('>') {
                continue;
            }
            let end = open + 1 + len + close + 2;
            found.push(Found { range: start + open..start + end, action: Action::Include(vec![include.clone()]) });
            at = end;
        }
    }
}

/// The name and file of `import Name from '<path>.md';`, when the line is one.
fn import(line: &str) -> Option<(String, Include)> {
    let (name, path) = asset_imports::default_import(line)?;
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) || !(path.ends_with(".md") || path.ends_with(".mdx")) {
        return None;
    }
    let (path, lookup) = match path.strip_prefix(SITE_ALIAS) {
        Some(from_site) => (from_site, Lookup::SiteRoot),
        None if path.starts_with("./") || path.starts_with("../") => (path, Lookup::Relative),
        None => return None,
    };
    let include = Include { path: path.to_string(), lookup, select: Select::All, form: Form::Raw, params: Vec::new() };
    Some((name.to_string(), include))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, Action)> {
        let mut imports = Imports::new(text, true);
        let mut found = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let next = start + line.len();
            imports.line(start, line.trim_end_matches('\n'), next, &mut found);
            start = next;
        }
        found.into_iter().map(|f| (text[f.range].to_string(), f.action)).collect()
    }

    #[test]
    fn reads_imports_of_markdown_and_their_uses() {
        let text = "import A from '@site/docs/_a.md';\nimport B from \"./_b.mdx\"\nimport Tabs from '@theme/Tabs';\n\nSee <A /> and <B prop=\"x\"/>, not <Tabs> nor <Ab />.\n";
        let found = find(text);
        let written: Vec<&str> = found.iter().map(|(text, _)| text.as_str()).collect();
        assert_eq!(
            written,
            ["import A from '@site/docs/_a.md';\n", "import B from \"./_b.mdx\"\n", "<A />", "<B prop=\"x\"/>"]
        );
        let Action::Include(list) = &found[2].1 else { panic!("{found:?}") };
        assert_eq!((list[0].path.as_str(), list[0].lookup), ("docs/_a.md", Lookup::SiteRoot));
        let Action::Include(list) = &found[3].1 else { panic!("{found:?}") };
        assert_eq!((list[0].path.as_str(), list[0].lookup), ("./_b.mdx", Lookup::Relative));
    }

    #[test]
    fn leaves_fenced_code_and_other_imports_alone() {
        let text = "```mdx\nimport A from './_a.md';\n<A />\n```\nimport x from './_x.md';\nimport C from 'pkg/c.md';\n<A />\n";
        assert!(find(text).is_empty(), "{:?}", find(text));
    }
}
