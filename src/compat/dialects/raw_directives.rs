//! Directives of the old tool that opsbook leaves as text where the tool would have run
//! them: a Hugo shortcode inside code. Hugo runs a page's shortcodes before it reads its
//! Markdown, so one in a code block or span prints its output there, unless it is
//! written `{{</* x */>}}`; opsbook shows it as written. And markdown-include's
//! `{!file!}` in an MkDocs handbook that does not configure the extension: MkDocs
//! printed it as written, most likely a directive whose extension a migration lost.
//! Each is an
//! `unsupported-syntax` warning at its place, so that the summary's count of them, and
//! `check`'s list, hold every construct a migration has left to rewrite.

use std::ops::Range;

use super::{Collected, Page, Problem};
use crate::content::site_data::Templating;

/// Reports the Hugo shortcodes inside the `code` of `text` on a page of a Hugo site;
/// whether there was one.
pub(super) fn report_shortcodes_in_code(
    text: &str,
    code: &[Range<usize>],
    page: Page<'_>,
    collected: &mut Collected,
) -> bool {
    if !page.templating.is_some_and(|t| matches!(t.site.data.templating, Templating::Params)) {
        return false;
    }
    let mut found = false;
    for range in code {
        let code_text = &text[range.clone()];
        for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
            for (at, _) in code_text.match_indices(open) {
                if code_text[at + 3..].trim_start().starts_with("/*") {
                    continue;
                }
                let Some(end) = code_text[at..].find(close).map(|end| at + end + 3) else { continue };
                let source = &code_text[at..end];
                if source.contains('\n') {
                    continue;
                }
                let message = format!(
                    "the shortcode `{}` is inside code, where Hugo runs it and opsbook does not: it is shown as written",
                    super::shorten(source)
                );
                collected.problems.push((range.start + at, Problem::Unsupported, message));
                found = true;
            }
        }
    }
    found
}

/// Reports each markdown-include directive `{!file!}` outside the `code` of `text`, on a
/// page of a handbook where it is text ([`crate::content::site_data::TextRules::markdown_include_unrun`]);
/// whether there was one.
pub(super) fn report_markdown_includes(
    text: &str,
    code: &[Range<usize>],
    page: Page<'_>,
    collected: &mut Collected,
) -> bool {
    if !page.templating.is_some_and(|t| t.site.data.text.markdown_include_unrun) {
        return false;
    }
    let mut found = false;
    for line_start in std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)) {
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let Some(open) = line.find("{!") else { continue };
        let Some(close) = line[open..].find("!}").map(|end| open + end + 2) else { continue };
        let at = line_start + open;
        if close - open <= 4 || code.iter().any(|range| range.contains(&at)) {
            continue;
        }
        let message = format!(
            "`{}` is markdown-include's directive, which mkdocs.yml does not configure: it is shown as written",
            super::shorten(&line[open..close])
        );
        collected.problems.push((at, Problem::Unsupported, message));
        found = true;
    }
    found
}
