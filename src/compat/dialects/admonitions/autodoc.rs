//! mkdocstrings' autodoc blocks on an MkDocs site that enables the plugin
//! ([`ColonBlocks::Autodoc`]): a line `::: identifier` (`AutoDocProcessor.regex`,
//! `^(#{1,6} *|)::: ?(?P<name>.+?) *$`) and its options, the lines after it indented
//! four spaces (or, after blank lines, a block starting `    handler:` or
//! `    options:`), documentation generated from the code, which opsbook does not run: a
//! placeholder with an `unsupported-syntax` warning, carrying the identifier as its id,
//! the anchor mkdocstrings gives the object's heading.

use super::{ColonBlocks, Line, Lines, Problem};
use crate::html::escape;

/// The identifier of an autodoc line, `rest` being the line after its indentation.
pub(super) fn identifier(rest: &str) -> Option<&str> {
    let name = rest.strip_prefix(":::")?;
    let name = name.strip_prefix(' ').unwrap_or(name).trim_end_matches(' ');
    (!name.is_empty()).then_some(name)
}

/// How many of `following` (the lines after an autodoc line) are its options.
fn options_lines(following: &[Line<'_>]) -> usize {
    let indented = |line: &Line<'_>| line.text.starts_with("    ") || line.text.starts_with('\t');
    let taken = following.iter().take_while(|line| indented(line)).count();
    if taken > 0 {
        return taken;
    }
    let blank = following.iter().take_while(|line| line.text.trim().is_empty()).count();
    let Some(next) = following.get(blank) else { return 0 };
    if !(next.text.starts_with("    handler:") || next.text.starts_with("    options:")) {
        return 0;
    }
    blank + following[blank..].iter().take_while(|line| indented(line)).count()
}

impl Lines<'_> {
    /// Writes the autodoc block that `lines[at - 1]` opens (at the left of its text:
    /// `bytes` is 0) as a placeholder; returns the index after its options, or `None`
    /// when the line is no autodoc line.
    pub(super) fn push_autodoc(
        &mut self,
        lines: &[Line<'_>],
        at: usize,
        (indent, bytes): (usize, usize),
    ) -> Option<usize> {
        debug_assert_eq!(self.colons, ColonBlocks::Autodoc);
        let line = lines[at - 1];
        let name = identifier(&line.text[bytes..]).filter(|_| bytes == 0)?;
        let end = at + options_lines(&lines[at..]);
        let shown: String = name.chars().take(80).collect();
        let message = format!(
            "`::: {shown}` is mkdocstrings' documentation of that object, made from its code, which opsbook does not run; \
             it is shown as a placeholder"
        );
        self.collected.problems.push((line.source, Problem::Unsupported, message));
        let html = format!(
            "<div class=\"unsupported unsupported-block\" id=\"{}\">\n<p class=\"unsupported-title\">unsupported: <code>::: {}</code></p>\n</div>\n",
            escape(name),
            escape(&shown)
        );
        self.push_marker(indent, html, 0, line.source);
        Some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_identifier_as_mkdocstrings_regex_does() {
        assert_eq!(identifier("::: netbox.views.ObjectView"), Some("netbox.views.ObjectView"));
        assert_eq!(identifier(":::my_module  "), Some("my_module"));
        assert_eq!(identifier(":::  spaced"), Some(" spaced"));
        assert_eq!(identifier(":::"), None);
        assert_eq!(identifier("not ::: this"), None);
    }
}
