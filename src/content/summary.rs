//! Reads mdBook's `SUMMARY.md` into [`NavEntry`]s, line by line.
//!
//! 1. A first `# Summary` heading is the file's title and is skipped; a later `#`
//!    heading is a part title (an entry without a link).
//! 2. A line `[Title](file.md)` outside the list is a prefix or suffix chapter.
//! 3. A list item `- [Title](file.md)` (or `*`, `+`) is a numbered chapter; one
//!    indented deeper than the item before it is that item's sub-chapter.
//! 4. `- [Title]()` is a draft chapter: no page, its sub-chapters still count.
//! 5. `---` (or `***`, `___`) separates; blank lines and other text are skipped.
//!    A list item that is no link is a problem at its line and column.

use super::nav_file::{NavEntry, NavLink};

/// The entries of a `SUMMARY.md`, paths relative to its folder, and the problems
/// (line, column, message) of the lines that could not be read.
pub(crate) fn parse_summary(text: &str) -> (Vec<NavEntry>, Vec<(usize, usize, String)>) {
    let mut roots: Vec<NavEntry> = Vec::new();
    let mut open: Vec<(usize, NavEntry)> = Vec::new();
    let mut problems = Vec::new();
    let mut seen_heading = false;
    let mut in_fence = false;
    for (i, raw) in text.lines().enumerate() {
        let line_number = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.is_empty() || trimmed.starts_with("<!--") {
            continue;
        }
        let indent: usize = line[..line.len() - trimmed.len()].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        let marker = ["- ", "* ", "+ "].iter().find(|m| trimmed.starts_with(**m));
        if let Some(marker) = marker {
            let item = &trimmed[marker.len()..];
            let offset = line.len() - item.len();
            match read_link(item, line_number, offset) {
                Some(entry) => {
                    close_deeper(&mut open, &mut roots, indent);
                    open.push((indent, entry));
                }
                None => problems.push((
                    line_number,
                    offset + 1,
                    "a chapter must be a link, `- [Title](file.md)` (or `- [Title]()` for a draft)".into(),
                )),
            }
            continue;
        }
        close_deeper(&mut open, &mut roots, 0);
        if let Some(title) = trimmed.strip_prefix('#') {
            let title = title.trim_start_matches('#').trim();
            if seen_heading || !roots.is_empty() {
                roots.push(NavEntry {
                    title: Some(title.to_string()),
                    link: NavLink::None,
                    children: Vec::new(),
                    line: line_number,
                    column: indent + 1,
                });
            }
            seen_heading = true;
        } else if trimmed.starts_with('[')
            && let Some(entry) = read_link(trimmed, line_number, indent)
        {
            roots.push(entry);
        }
    }
    close_deeper(&mut open, &mut roots, 0);
    (roots, problems)
}

/// Closes the open items indented at least `indent`, attaching each to the one above.
fn close_deeper(open: &mut Vec<(usize, NavEntry)>, roots: &mut Vec<NavEntry>, indent: usize) {
    while open.last().is_some_and(|(at, _)| *at >= indent) {
        let Some((_, done)) = open.pop() else { break };
        match open.last_mut() {
            Some((_, parent)) => parent.children.push(done),
            None => roots.push(done),
        }
    }
}

/// `[Title](target)` (the whole of `text`, which starts at byte `offset` of its line)
/// as an entry located at its target, or at its `[` for a draft.
fn read_link(text: &str, line: usize, offset: usize) -> Option<NavEntry> {
    let body = text.strip_prefix('[')?.strip_suffix(')')?;
    let split = body.rfind("](")?;
    let title = body[..split].trim().to_string();
    let target = body[split + 2..].trim();
    let target_column = offset + split + 4;
    let target = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')).unwrap_or(target);
    let (link, column) = if target.is_empty() {
        (NavLink::None, offset + 1)
    } else if target.contains("://") || target.starts_with("mailto:") {
        (NavLink::External(target.to_string()), target_column)
    } else {
        (NavLink::Page(target.to_string()), target_column)
    };
    Some(NavEntry { title: Some(title).filter(|t| !t.is_empty()), link, children: Vec::new(), line, column })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(entries: &[NavEntry], depth: usize, out: &mut Vec<String>) {
        for entry in entries {
            let link = match &entry.link {
                NavLink::None => "-".to_string(),
                NavLink::Page(p) | NavLink::External(p) => p.clone(),
            };
            out.push(format!(
                "{}{} {link} {}:{}",
                "  ".repeat(depth),
                entry.title.as_deref().unwrap_or(""),
                entry.line,
                entry.column
            ));
            outline(&entry.children, depth + 1, out);
        }
    }

    #[test]
    fn reads_every_form_of_chapter() {
        let text = "# Summary\n\n[Introduction](intro.md)\n\n# On call\n\n- [Paging](oncall/paging.md)\n    - [Escalation](oncall/escalation.md)\n        - [Deep](oncall/deep.md)\n    - [Draft]()\n- [Rotations](<oncall/rota tions.md>)\n\n---\n\n# Reference\n\n* [Glossary](glossary.md)\n\n[Contributors](contributors.md)\n";
        let (entries, problems) = parse_summary(text);
        assert!(problems.is_empty(), "{problems:?}");
        let mut lines = Vec::new();
        outline(&entries, 0, &mut lines);
        assert_eq!(
            lines,
            [
                "Introduction intro.md 3:16",
                "On call - 5:1",
                "Paging oncall/paging.md 7:12",
                "  Escalation oncall/escalation.md 8:20",
                "    Deep oncall/deep.md 9:18",
                "  Draft - 10:7",
                "Rotations oncall/rota tions.md 11:15",
                "Reference - 15:1",
                "Glossary glossary.md 17:14",
                "Contributors contributors.md 19:16",
            ]
        );
    }

    #[test]
    fn reports_list_items_that_are_not_links() {
        let (entries, problems) = parse_summary("- [A](a.md)\n- just text\n  - [B](b.md)\n");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].0, problems[0].1), (2, 3));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].children.len(), 1, "B still nests under A");
    }

    #[test]
    fn skips_code_blocks_and_comments() {
        let (entries, _) = parse_summary("<!-- - [X](x.md) -->\n```\n- [Y](y.md)\n```\n- [Z](z.md)\n");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].link, NavLink::Page("z.md".into()));
    }
}
