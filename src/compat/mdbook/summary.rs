//! Reads mdBook's `SUMMARY.md` into [`NavEntry`]s as mdBook reads it: over the file's
//! CommonMark events, in four parts (title, prefix, numbered and suffix chapters), with
//! part titles, `---` separators and draft chapters as entries of their own kinds and
//! the numbered chapters' numbers (`1.`, `1.2.`). GitBook's reading differs in two
//! rules ([`Rules::GitBook`]): every heading after the title opens a group, and a list
//! item of plain text is a title over the entries nested in it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::HashMap;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{DefaultBrokenLinkCallback, Event, HeadingLevel, OffsetIter, Parser, Tag, TagEnd};

use crate::content::nav_file::{NavEntry, NavLink};

/// How deep chapters nest at most: deeper lists are read as part of the one this deep,
/// so that reading (and every walk of the entries) stays within the stack.
const MAX_DEPTH: usize = 64;

/// A problem: line, column (both 1-based) and message.
type Problem = (usize, usize, String);

/// Whose rules a `SUMMARY.md` is read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    /// mdBook's: a part title is a `#` heading; a list item must be a link.
    MdBook,
    /// GitBook's (its Git Sync "Configure navigation with SUMMARY.md"): a heading of any
    /// level is a page group; a list item without a link is a title over its children.
    GitBook,
}

/// The entries of a `SUMMARY.md` read by `rules`, paths relative to its folder, and the
/// problems of the parts that could not be read.
pub(crate) fn parse_summary(text: &str, rules: Rules) -> (Vec<NavEntry>, Vec<Problem>) {
    let events = Parser::new(text).into_offset_iter().peekable();
    let lines = crate::diagnostic::LineIndex::new(text);
    let mut reader = Reader { text, lines, events, problems: Vec::new(), rules };
    reader.skip_title();
    let mut entries = reader.read_affix(true);
    entries.extend(reader.read_parts());
    entries.extend(reader.read_affix(false));
    (entries, reader.problems)
}

/// A problem at each entry whose file an earlier entry lists: mdBook refuses such a
/// book (a file is one chapter); GitBook builds it, the page at each place.
pub(crate) fn listed_twice(entries: &[NavEntry]) -> Vec<Problem> {
    let mut problems = Vec::new();
    report_duplicates(entries, &mut HashMap::new(), &mut problems);
    problems
}

/// The events of a `SUMMARY.md` and the problems met so far.
struct Reader<'a> {
    text: &'a str,
    /// The lines of `text`, for the places of problems: each found by a binary search,
    /// not by counting from the start, so a summary of many entries reads in linear time.
    lines: crate::diagnostic::LineIndex<'a>,
    events: Peekable<OffsetIter<'a, DefaultBrokenLinkCallback>>,
    problems: Vec<Problem>,
    rules: Rules,
}

impl Rules {
    /// Whether `event` starts a part title: a `#` heading, or any heading for GitBook.
    fn is_part_title(self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level == HeadingLevel::H1 || self == Rules::GitBook,
            _ => false,
        }
    }
}

impl<'a> Reader<'a> {
    /// Skips the title, a first `#` heading, and HTML before it.
    fn skip_title(&mut self) {
        while let Some((event, _)) = self.events.peek() {
            match event {
                Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::HtmlBlock)
                | Event::End(TagEnd::HtmlBlock) => {}
                Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                    self.events.next();
                    self.read_text(TagEnd::Heading(HeadingLevel::H1));
                    return;
                }
                _ => return,
            }
            self.events.next();
        }
    }

    /// The prefix (or suffix) chapters: every link up to a list or a `#` heading, which
    /// starts the numbered chapters (or is a problem after the suffix chapters).
    fn read_affix(&mut self, prefix: bool) -> Vec<NavEntry> {
        let rules = self.rules;
        let mut entries = Vec::new();
        while let Some((event, range)) = self.events.peek() {
            let starts_parts = matches!(event, Event::Start(Tag::List(_))) || rules.is_part_title(event);
            match event {
                _ if starts_parts && prefix => break,
                _ if starts_parts => {
                    let (line, column) = self.lines.line_column(range.start);
                    let message = "a suffix chapter (a link after the numbered chapters) cannot be followed by a list or a part title";
                    self.problems.push((line, column, message.into()));
                    entries.extend(self.read_parts());
                }
                Event::Start(Tag::Link { .. }) => {
                    let Some(entry) = self.read_link() else { break };
                    entries.push(entry);
                }
                Event::Rule => entries.push(self.separator()),
                _ => {
                    self.events.next();
                }
            }
        }
        entries
    }

    /// The `---` that is the next event, as a separator entry.
    fn separator(&mut self) -> NavEntry {
        let at = self.events.next().map_or(self.text.len(), |(_, range)| range.start);
        let (line, column) = self.lines.line_column(at);
        NavEntry { title: None, link: NavLink::Separator, children: Vec::new(), number: None, file: None, line, column }
    }

    /// The numbered chapters, parts by part, each opened by its title if it has one.
    /// The numbers run on across parts and separators.
    fn read_parts(&mut self) -> Vec<NavEntry> {
        let rules = self.rules;
        let mut entries = Vec::new();
        let mut numbered = 0;
        while let Some((event, range)) = self.events.peek() {
            match event {
                Event::Start(Tag::Paragraph) => break,
                Event::Start(Tag::Heading { level, .. }) if rules.is_part_title(event) => {
                    let (level, at) = (*level, range.start);
                    let (line, column) = self.lines.line_column(at);
                    self.events.next();
                    let title = self.read_text(TagEnd::Heading(level));
                    entries.push(NavEntry {
                        title: Some(title),
                        link: NavLink::Heading,
                        children: Vec::new(),
                        number: None,
                        file: None,
                        line,
                        column,
                    });
                }
                _ => {}
            }
            self.read_numbered(&mut entries, &mut numbered);
        }
        entries
    }

    /// One part's chapters, up to a paragraph after its first block or a `#` heading;
    /// `numbered` top-level chapters came before.
    fn read_numbered(&mut self, entries: &mut Vec<NavEntry>, numbered: &mut usize) {
        let rules = self.rules;
        let mut first = true;
        while let Some((event, _)) = self.events.peek() {
            match event {
                Event::Start(Tag::Paragraph) if !first => break,
                _ if rules.is_part_title(event) => break,
                Event::Start(Tag::Paragraph) => {
                    self.events.next();
                }
                Event::Start(Tag::List(_)) => {
                    self.events.next();
                    let list = self.read_list(1, "", *numbered);
                    *numbered += list.len();
                    entries.extend(list);
                }
                Event::Rule => entries.push(self.separator()),
                Event::Start(_) => self.skip_block(),
                _ => {
                    self.events.next();
                }
            }
            first = false;
        }
    }

    /// The chapters of a list whose start was read, up to its end, `depth` lists deep,
    /// numbered `{parent}{before + n}.` from 1. The lists inside one [`MAX_DEPTH`] deep
    /// are read as part of it (a problem).
    fn read_list(&mut self, depth: usize, parent: &str, before: usize) -> Vec<NavEntry> {
        let mut entries: Vec<NavEntry> = Vec::new();
        let mut flattened = 0;
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    if let Some(mut entry) = self.read_item() {
                        entry.number = Some(format!("{parent}{}.", before + entries.len() + 1));
                        entries.push(entry);
                    }
                }
                Event::Start(Tag::List(_)) if depth >= MAX_DEPTH => {
                    if flattened == 0 {
                        let (line, column) = self.lines.line_column(range.start);
                        let message = format!("chapters nested more than {MAX_DEPTH} deep are read at that depth");
                        self.problems.push((line, column, message));
                    }
                    flattened += 1;
                }
                Event::Start(Tag::List(_)) => match entries.last_mut() {
                    Some(last) => {
                        let number = last.number.clone().unwrap_or_default();
                        let nested = self.read_list(depth + 1, &number, last.children.len());
                        last.children.extend(nested);
                    }
                    // A list with no chapter before it: its chapters are this list's.
                    None => {
                        let nested = self.read_list(depth + 1, parent, before);
                        entries.extend(nested);
                    }
                },
                Event::End(TagEnd::List(_)) if flattened > 0 => flattened -= 1,
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        entries
    }

    /// The chapter of a list item whose start was read: its link, or a problem.
    fn read_item(&mut self) -> Option<NavEntry> {
        let rules = self.rules;
        while let Some((Event::Start(Tag::Paragraph), _)) = self.events.peek() {
            self.events.next();
        }
        match self.events.peek() {
            Some((Event::Start(Tag::Link { .. }), _)) => self.read_link(),
            Some((_, range)) if rules == Rules::GitBook => {
                let (line, column) = self.lines.line_column(range.start);
                Some(self.read_title_item(line, column))
            }
            other => {
                let at = other.map_or(self.text.len(), |(_, range)| range.start);
                let (line, column) = self.lines.line_column(at);
                let message = "a chapter must be a link, `- [Title](file.md)` (or `- [Title]()` for a draft)";
                self.problems.push((line, column, message.into()));
                None
            }
        }
    }

    /// A list item of plain text, up to its nested list or its end: an entry of its title
    /// alone, over the entries of that list, at `line`, `column`.
    fn read_title_item(&mut self, line: usize, column: usize) -> NavEntry {
        let mut title = String::new();
        while let Some((event, _)) = self.events.peek() {
            match event {
                Event::Start(Tag::List(_)) | Event::End(TagEnd::Item) => break,
                Event::Text(t) | Event::Code(t) => title.push_str(t),
                Event::SoftBreak => title.push(' '),
                _ => {}
            }
            self.events.next();
        }
        let title = Some(title.trim().to_string()).filter(|t| !t.is_empty());
        NavEntry { title, link: NavLink::None, children: Vec::new(), number: None, file: None, line, column }
    }

    /// The link that starts here, as an entry located at its target, or at its `[` for
    /// a draft.
    fn read_link(&mut self) -> Option<NavEntry> {
        let (Event::Start(Tag::Link { dest_url, .. }), range) = self.events.next()? else { return None };
        let title = self.read_text(TagEnd::Link).trim().to_string();
        let target = dest_url.replace("%20", " ");
        let (link, at) = if target.is_empty() {
            (NavLink::Draft, range.start)
        } else if target.contains("://") || target.starts_with("mailto:") {
            (NavLink::External(target), target_start(self.text, &range))
        } else {
            (NavLink::Page(target), target_start(self.text, &range))
        };
        let (line, column) = self.lines.line_column(at);
        let title = Some(title).filter(|t| !t.is_empty());
        Some(NavEntry { title, link, children: Vec::new(), number: None, file: None, line, column })
    }

    /// The plain text up to `end`: text and code, a line break as a space.
    fn read_text(&mut self, end: TagEnd) -> String {
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::End(tag) if tag == end => break,
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak => text.push(' '),
                _ => {}
            }
        }
        text
    }

    /// Skips the block that starts here, whole.
    fn skip_block(&mut self) {
        let mut depth = 0usize;
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
    }
}

/// Where the target of the link at `range` starts: after its `](`.
fn target_start(text: &str, range: &Range<usize>) -> usize {
    let source = &text[range.clone()];
    source.rfind("](").map_or(range.start, |at| {
        let after = &source[at + 2..];
        range.start + at + 2 + (after.len() - after.trim_start().len())
    })
}

/// The problems of [`listed_twice`], depth first.
fn report_duplicates(entries: &[NavEntry], seen: &mut HashMap<String, usize>, problems: &mut Vec<Problem>) {
    for entry in entries {
        if let NavLink::Page(path) = &entry.link {
            let file = crate::content::nav_file::join("", path);
            if let Some(first) = seen.get(&file) {
                let message = format!("`{path}` is listed twice (first on line {first}): a file is one chapter");
                problems.push((entry.line, entry.column, message));
            } else {
                seen.insert(file, entry.line);
            }
        }
        report_duplicates(&entry.children, seen, problems);
    }
}

#[cfg(test)]
mod tests;
