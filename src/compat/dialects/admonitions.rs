//! The line-based constructs of the dialects, the first stage of the rewrite
//! ([`super`]): Docusaurus and MkDocs admonitions, rendered as the same callouts as
//! GitHub alerts (`> [!NOTE]`), MkDocs Material tabs and, on MDX pages, the `import` and
//! `export` lines (dropped).
//!
//! More: docs/architecture.md, "Notes by module".

mod autodoc;

use super::colon_rules::{self, ColonBlocks};
use super::title::title_html;
use super::{Collected, Output, Page, Problem, alerts, html_diagrams, tabs};
use crate::html::escape;
use crate::markdown::has_text;

/// The rewrite of the lines of one page.
struct Lines<'c> {
    out: Output,
    collected: &'c mut Collected,
    mdx: bool,
    /// The words of default titles.
    words: &'c crate::markdown::MarkdownWords,
    /// Whether the page made more placeholders than its budget: the rest of its lines
    /// are copied as they are (it fails with a `budget` error at the first of them).
    over_budget: bool,
    /// The page's HTML comments, whose lines are copied as they are.
    comments: Vec<std::ops::Range<usize>>,
    /// The page's indented code blocks (none in MDX), whose lines at the top level are
    /// copied as they are (a block's body, indented, is read by the block's rules).
    code: Vec<std::ops::Range<usize>>,
    /// How the site's `:::` blocks open and close.
    colons: ColonBlocks,
    /// The lines read so far in search of `:::` blocks' closing lines, and the most the
    /// page may read ([`colon_rules`]): past it, the rest is copied as it is.
    scanned: (usize, usize),
    /// How many `:::` blocks read by an older rule are open around the line read.
    depth: usize,
}

/// The most `:::` blocks read by an older rule open inside one another: past it, the
/// rest of the page is copied as it is.
const MAX_COLON_DEPTH: usize = 64;

/// One line of the source to rewrite: `prefix` spaces, then `text`, which starts at
/// byte `source` of the source.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    prefix: usize,
    text: &'t str,
    source: usize,
}

/// Rewrites the line-based constructs of `text`, or `None` when it has none.
pub(super) fn rewrite(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    let mdx_lines = page.mdx && (has_text(text, "import ") || has_text(text, "export "));
    if !has_text(text, ":::")
        && !has_text(text, "[!")
        && !has_text(text, "mermaid")
        && !has_text(text, "!!!")
        && !has_text(text, "???")
        && !has_text(text, "===")
        && !mdx_lines
    {
        return None;
    }
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        lines.push(Line { prefix: 0, text: content.strip_suffix('\r').unwrap_or(content), source: at });
        at += raw.len();
    }
    let out = Output { text: String::with_capacity(text.len() + 64), ..Output::default() };
    // MDX has no indented code.
    let (comments, code) = super::comments::passed_ranges(text, !page.mdx);
    let colons = page.templating.map_or(ColonBlocks::Directives, |t| t.site.data.text.colon_blocks);
    let scanned = (0, 16 * lines.len() + 100_000);
    let mut rewrite = Lines {
        out,
        collected,
        mdx: page.mdx,
        words: page.words,
        over_budget: false,
        comments,
        code,
        colons,
        scanned,
        depth: 0,
    };
    let changed = rewrite.rewrite_lines(&lines, text.len(), true);
    changed.then_some(rewrite.out)
}

/// An MkDocs Material tab (pymdownx.tabbed): `=== "Label"`, with `!` (it starts a new
/// set), `+` (it is the tab shown first) or both (`===!+`, `===+!`) after the `===`.
struct MkdocsTab {
    label: String,
    new_set: bool,
    selected: bool,
}

/// The MkDocs tab that `rest` (a line after its indentation) opens, if it opens one.
fn mkdocs_tab(rest: &str) -> Option<MkdocsTab> {
    let after = rest.strip_prefix("===")?;
    let marks_len = after.find(|c| c != '!' && c != '+').unwrap_or(after.len());
    let (marks, after) = after.split_at(marks_len);
    if marks.len() > 2 || marks.len() == 2 && marks.chars().next() == marks.chars().nth(1) {
        return None;
    }
    let label = after.strip_prefix(' ')?.trim().strip_prefix('"')?;
    let label = label.split_once('"').map_or(label, |(l, _)| l).to_string();
    Some(MkdocsTab { label, new_set: marks.contains('!'), selected: marks.contains('+') })
}

/// An MDX `import` or `export` statement at the top level.
fn mdx_statement(line: &str) -> bool {
    line.starts_with("import ") || line.starts_with("export ") || line == "import" || line.starts_with("import{")
}

/// The index after the last line of the MDX statement whose first line is
/// `lines[from - 1]`: it runs to a line ending with `;` or to a blank line.
fn statement_end(lines: &[Line<'_>], from: usize) -> usize {
    let mut i = from;
    while i < lines.len() && !lines[i - 1].text.trim_end().ends_with(';') && !lines[i].text.trim().is_empty() {
        let previous = lines[i - 1].text.trim_end();
        let continues = previous.ends_with(['{', ',', '(']) || !lines[i].text.starts_with(char::is_alphabetic);
        if !continues {
            break;
        }
        i += 1;
    }
    i
}

/// The number of columns of leading whitespace (a tab counts four) and its bytes.
pub(super) fn indentation(line: &str) -> (usize, usize) {
    let mut columns = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, i),
        }
    }
    (columns, line.len())
}

/// A code fence opening or closing on `line`: its character and length.
pub(super) fn fence(line: &str) -> Option<(char, usize, &str)> {
    fence_in(line, false)
}

/// [`fence`] on a page of MDX, when `mdx`: MDX has no indented code, so a fence may be
/// indented any number of columns (micromark's fences take a line prefix of any size
/// when `codeIndented` is off).
pub(super) fn fence_in(line: &str, mdx: bool) -> Option<(char, usize, &str)> {
    let (columns, bytes) = indentation(line);
    let rest = &line[bytes..];
    let c = rest.chars().next().filter(|c| (*c == '`' || *c == '~') && (mdx || columns < 4))?;
    let len = rest.chars().take_while(|x| *x == c).count();
    (len >= 3).then(|| (c, len, rest[len..].trim()))
}

/// An opening Docusaurus marker: the number of colons, the type and the title.
fn docusaurus_open(rest: &str) -> Option<(usize, &str, Option<String>)> {
    let colons = rest.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    let after = rest[colons..].trim_start();
    let (kind, tail) = split_kind(after)?;
    let tail = tail.trim();
    let title = if let Some(bracketed) = tail.strip_prefix('[') {
        Some(bracketed.split_once(']').map_or(bracketed, |(t, _)| t).trim().to_string())
    } else if let Some(attrs) = tail.strip_prefix('{') {
        let value = attrs.split_once("title=").map(|(_, v)| v.trim_start_matches(['"', '\'']));
        value.map(|v| v.split(['"', '\'', '}']).next().unwrap_or("").to_string())
    } else {
        (!tail.is_empty()).then(|| tail.to_string())
    };
    Some((colons, kind, title))
}

/// The admonition type at the start of `text` (letters, digits, `-`, `_`) and the rest.
fn split_kind(text: &str) -> Option<(&str, &str)> {
    let len = text.find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_').unwrap_or(text.len());
    (len > 0).then(|| text.split_at(len))
}

/// A closing Docusaurus marker: its number of colons.
fn docusaurus_close(rest: &str) -> Option<usize> {
    let colons = rest.chars().take_while(|c| *c == ':').count();
    (colons >= 3 && rest[colons..].trim().is_empty()).then_some(colons)
}

/// An MkDocs marker: collapsible (`None` for `!!!`, else whether open), type, title.
fn mkdocs_open(rest: &str) -> Option<(Option<bool>, &str, Option<String>)> {
    let (collapsible, after) = if let Some(after) = rest.strip_prefix("!!!") {
        (None, after)
    } else if let Some(after) = rest.strip_prefix("???+") {
        (Some(true), after)
    } else {
        (Some(false), rest.strip_prefix("???")?)
    };
    // Python-Markdown allows no space (`!!!tip`) and extra classes (`!!! tip inline`).
    let after = after.trim();
    let (kind, tail) = split_kind(after)?;
    let tail = tail.trim_start_matches(|c: char| c != '"').trim();
    let title = tail.strip_prefix('"').map(|t| t.split_once('"').map_or(t, |(t, _)| t).to_string());
    Some((collapsible, kind, title))
}

impl Lines<'_> {
    /// Writes one line of output: `prefix` spaces, then `text` copied from `source`.
    fn push_line(&mut self, prefix: usize, text: &str, source: usize) {
        self.out.push(&" ".repeat(prefix), text, source);
        self.out.push("\n", "", source + text.len());
    }

    /// Writes a placeholder line for `html`, indented by `indent` spaces.
    fn push_marker(&mut self, indent: usize, html: String, depth: i8, source: usize) {
        let comment = self.collected.block(html, depth);
        self.out.push(&format!("{}{comment}\n", " ".repeat(indent)), "", source);
    }

    /// Rewrites `lines`; `end` is the source offset of their end; `top` whether they are
    /// the page's own lines (not a body). Returns whether any marker was found.
    /// Says once, at `source`, that the page made more placeholders than its budget.
    fn stop_at_budget(&mut self, source: usize) {
        if !self.over_budget {
            self.over_budget = true;
            self.collected.over_budget(source, "admonitions, tabs and other blocks of other tools");
        }
    }

    fn rewrite_lines(&mut self, lines: &[Line<'_>], end: usize, top: bool) -> bool {
        let mut changed = false;
        let mut fenced: Option<(char, usize)> = None;
        let mut open: Vec<(usize, usize, usize)> = Vec::new();
        let mut tab_group = false;
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if self.over_budget || self.collected.placeholders.len() > super::tokens::MAX_CONSTRUCTS {
                self.stop_at_budget(line.source);
                self.push_line(line.prefix, line.text, line.source);
                continue;
            }
            if super::comments::contains(&self.comments, line.source)
                || (top && super::comments::contains(&self.code, line.source + indentation(line.text).1))
            {
                self.push_line(line.prefix, line.text, line.source);
                continue;
            }
            if let Some((c, len)) = fenced {
                if fence_in(line.text, self.mdx).is_some_and(|(d, n, info)| d == c && n >= len && info.is_empty()) {
                    fenced = None;
                }
                self.push_line(line.prefix, line.text, line.source);
                continue;
            }
            if let Some((c, len, _)) = fence_in(line.text, self.mdx) {
                fenced = Some((c, len));
                self.push_line(line.prefix, line.text, line.source);
                continue;
            }
            let (columns, bytes) = indentation(line.text);
            let indent = line.prefix + columns;
            let rest = &line.text[bytes..];
            if top && self.mdx && columns == 0 && mdx_statement(rest) {
                changed = true;
                i = statement_end(lines, i);
                self.push_line(0, "", line.source);
            } else if self.colons != ColonBlocks::Directives && rest.starts_with(":::") {
                match self.push_colon_block(lines, i, (indent, bytes), end, top) {
                    Some(next) => {
                        changed = true;
                        i = next;
                    }
                    None => self.push_colon_text(&line, bytes),
                }
            } else if let Some(colons) = docusaurus_close(rest) {
                changed = true;
                // A closing fence closes the innermost block; a stray one is dropped.
                if open.pop().is_some() {
                    self.push_marker(indent, "</div>\n".into(), -1, line.source);
                } else {
                    let message = format!("this `{}` closes no admonition", ":".repeat(colons));
                    self.collected.problems.push((line.source + bytes, Problem::Admonition, message));
                    self.push_line(0, "", line.source);
                }
            } else if let Some((colons, kind, title)) = docusaurus_open(rest) {
                changed = true;
                open.push((colons, line.source + bytes, indent));
                let (class, default) = alerts::callout_kind(kind, self.words);
                let title = title.filter(|t| !t.is_empty()).unwrap_or(default);
                let html = crate::markdown::blocks::callout_div(class, &title_html(&title));
                self.push_marker(indent, html, 1, line.source);
            } else if let Some((collapsible, kind, title)) = mkdocs_open(rest) {
                changed = true;
                let (open_html, close_html) = mkdocs_html(collapsible, kind, title, self.words);
                self.push_marker(indent, open_html, 1, line.source);
                i = self.rewrite_body(lines, i, indent, end);
                self.push_marker(indent, close_html.into(), -1, lines.get(i).map_or(end, |l| l.source));
            } else if let Some(tab) = mkdocs_tab(rest) {
                changed = true;
                if !tab_group {
                    tab_group = true;
                    let group = tabs::Group { by_label: true, ..tabs::Group::default() };
                    self.push_marker(indent, tabs::group_open(&group), 1, line.source);
                }
                let panel = tabs::Panel { label: &tab.label, value: None, default: tab.selected };
                self.push_marker(indent, tabs::panel_open(&panel), 1, line.source);
                i = self.rewrite_body(lines, i, indent, end);
                self.push_marker(indent, tabs::panel_close(), -1, lines.get(i).map_or(end, |l| l.source));
                // The group ends where no tab follows at this indentation, or where the
                // next tab starts a new set (`===!`).
                let next = lines[i..].iter().find(|l| !l.text.trim().is_empty());
                let more = next.is_some_and(|l| {
                    let (c, b) = indentation(l.text);
                    l.prefix + c == indent && mkdocs_tab(&l.text[b..]).is_some_and(|next| !next.new_set)
                });
                if !more {
                    tab_group = false;
                    self.push_marker(indent, tabs::group_close(), -1, lines.get(i).map_or(end, |l| l.source));
                }
            } else if let Some((close, start)) = html_diagrams::opening(rest).filter(|_| columns < 4) {
                match self.push_html_diagram(&line, bytes, (close, start), &lines[i..]) {
                    Some(taken) => {
                        changed = true;
                        i += taken;
                    }
                    None => self.push_line(line.prefix, line.text, line.source),
                }
            } else if let Some(marker) = alerts::marker(rest).filter(|_| i < 2 || !is_quote(lines[i - 2].text)) {
                changed = true;
                self.push_alert(&line, bytes, &marker, &lines[i..]);
            } else {
                self.push_line(line.prefix, line.text, line.source);
            }
        }
        for (colons, source, indent) in open.into_iter().rev() {
            let fence = ":".repeat(colons);
            let message = format!("this admonition is never closed with `{fence}`; it runs to the end of the page");
            self.collected.problems.push((source, Problem::Admonition, message));
            self.push_marker(indent, "</div>\n".into(), -1, end);
        }
        changed
    }

    /// Writes the line of an alert `marker` (at byte `bytes` of `line`, after its
    /// indentation) as a placeholder that makes its quote a callout, and its text as the
    /// title or on a quote line of its own ([`alerts`]); `next` are the lines after it.
    fn push_alert(&mut self, line: &Line<'_>, bytes: usize, marker: &alerts::Marker<'_>, next: &[Line<'_>]) {
        let quote_content = |l: &Line<'_>| l.text.trim_start().trim_start_matches(['>', ' ', '\t']).trim().to_string();
        let blank_then_more = next.first().is_some_and(|l| is_quote(l.text) && quote_content(l).is_empty())
            && next
                .iter()
                .skip(1)
                .find(|l| !(is_quote(l.text) && quote_content(l).is_empty()))
                .is_some_and(|l| is_quote(l.text));
        // With a sign (Hugo's and Obsidian's own syntax), the rest of the line is always
        // the title, as Hugo's documentation writes it.
        let title = (!marker.text.is_empty() && (blank_then_more || marker.sign.is_some())).then_some(marker.text);
        let (html, close) = alerts::callout(marker, title, self.words);
        let comment = self.collected.quote_block(html, close);
        let lead = format!("{}{}{}", " ".repeat(line.prefix), &line.text[..bytes], marker.prefix);
        if marker.text.is_empty() || title.is_some() {
            self.out.push(&format!("{lead}{comment}\n"), "", line.source);
            return;
        }
        let at = bytes + marker.text_at;
        let text = line.text[at..].trim_end();
        self.out.push(&format!("{lead}{comment}\n{lead}"), text, line.source + at);
        self.out.push("\n", "", line.source + at + text.len());
    }

    /// Writes the Mermaid element that `line` opens (after `bytes` of indentation; its
    /// closing tag and where its content starts in the rest of the line) as a `mermaid`
    /// fence ([`html_diagrams`]); `next` are the lines after it. Returns how many of
    /// them it took, or `None` (nothing written) when the element is never closed.
    fn push_html_diagram(
        &mut self,
        line: &Line<'_>,
        bytes: usize,
        (close, start): (&str, usize),
        next: &[Line<'_>],
    ) -> Option<usize> {
        let first = &line.text[bytes + start..];
        let mut html = String::new();
        let mut taken = 0;
        if let Some(end) = first.find(close) {
            html.push_str(&first[..end]);
        } else {
            html.push_str(first);
            html.push('\n');
            loop {
                let l = next.get(taken)?;
                taken += 1;
                if let Some(end) = l.text.find(close) {
                    html.push_str(&l.text[..end]);
                    break;
                }
                html.push_str(&" ".repeat(l.prefix));
                html.push_str(l.text);
                html.push('\n');
            }
        }
        let source = html_diagrams::source(&html);
        let fence = html_diagrams::fence(&source);
        let indent = format!("{}{}", " ".repeat(line.prefix), &line.text[..bytes]);
        let mut written = format!("{indent}{fence}mermaid\n");
        for source_line in source.lines() {
            written.push_str(&indent);
            written.push_str(source_line);
            written.push('\n');
        }
        written.push_str(&format!("{indent}{fence}\n"));
        self.out.push(&written, "", line.source);
        Some(taken)
    }

    /// Rewrites the indented body that starts at `lines[from]` of a block opened at
    /// `indent` columns: the following lines indented four more, and blank lines between
    /// them. Returns the index of the line after it.
    fn rewrite_body(&mut self, lines: &[Line<'_>], from: usize, indent: usize, end: usize) -> usize {
        let mut body_end = from;
        let mut j = from;
        while j < lines.len() {
            let (c, _) = indentation(lines[j].text);
            if lines[j].text.trim().is_empty() {
                j += 1;
            } else if lines[j].prefix + c >= indent + 4 {
                j += 1;
                body_end = j;
            } else {
                break;
            }
        }
        let body: Vec<Line<'_>> = lines[from..body_end].iter().map(|l| dedent(*l, indent + 4, indent)).collect();
        let body_source_end = lines.get(body_end).map_or(end, |l| l.source);
        self.rewrite_lines(&body, body_source_end, false);
        body_end
    }
}

impl Lines<'_> {
    /// Rewrites the `:::` block that `lines[at - 1]` (after `bytes` of indentation, at
    /// `indent` columns) opens by the site's older rule ([`colon_rules`]), its lines
    /// read as the page's own; returns the index after its closing line, or `None` when
    /// the line opens no block.
    fn push_colon_block(
        &mut self,
        lines: &[Line<'_>],
        at: usize,
        (indent, bytes): (usize, usize),
        end: usize,
        top: bool,
    ) -> Option<usize> {
        if self.colons == ColonBlocks::Autodoc {
            return self.push_autodoc(lines, at, (indent, bytes));
        }
        let line = lines[at - 1];
        let (colons, kind, title) = colon_rules::opening(&line.text[bytes..], self.colons)?;
        if self.scanned.0 > self.scanned.1 || self.depth >= MAX_COLON_DEPTH {
            self.stop_at_budget(line.source);
            return None;
        }
        let close = colon_rules::closing(self.colons, colons, self.marker_texts(&lines[at..], top)).map(|k| at + k);
        let body_end = close.unwrap_or(lines.len());
        self.scanned.0 += body_end + 1 - at;
        let (class, default) = alerts::callout_kind(kind, self.words);
        let html = crate::markdown::blocks::callout_div(class, &title_html(&title.unwrap_or(default)));
        self.push_marker(indent, html, 1, line.source);
        self.depth += 1;
        self.rewrite_lines(&lines[at..body_end], lines.get(body_end).map_or(end, |l| l.source), top);
        self.depth -= 1;
        match close.map(|k| lines[k]) {
            Some(closing) => {
                let (columns, _) = indentation(closing.text);
                self.push_marker(closing.prefix + columns, "</div>\n".into(), -1, closing.source);
            }
            None => {
                let message =
                    "this admonition is never closed: it runs to the end of the page, or of the admonition around it";
                self.collected.problems.push((line.source + bytes, Problem::Admonition, message.into()));
                self.push_marker(indent, "</div>\n".into(), -1, end);
            }
        }
        Some(body_end + 1)
    }

    /// Each of `lines` after its indentation, `None` for a line in code or a comment:
    /// what [`colon_rules::closing`] reads.
    fn marker_texts<'s, 't: 's>(
        &'s self,
        lines: &'s [Line<'t>],
        top: bool,
    ) -> impl Iterator<Item = Option<&'t str>> + 's {
        let (comments, code, mdx) = (&self.comments, &self.code, self.mdx);
        let mut fenced: Option<(char, usize)> = None;
        lines.iter().map(move |line| {
            let (_, bytes) = indentation(line.text);
            if super::comments::contains(comments, line.source)
                || (top && super::comments::contains(code, line.source + bytes))
            {
                return None;
            }
            if let Some((c, len)) = fenced {
                if fence_in(line.text, mdx).is_some_and(|(d, n, info)| d == c && n >= len && info.is_empty()) {
                    fenced = None;
                }
                return None;
            }
            if let Some((c, len, _)) = fence_in(line.text, mdx) {
                fenced = Some((c, len));
                return None;
            }
            Some(&line.text[bytes..])
        })
    }

    /// Copies a `:::` line that opens no block by the site's older rule: text, as the
    /// site showed it; one of colons alone is said to close nothing.
    fn push_colon_text(&mut self, line: &Line<'_>, bytes: usize) {
        let admonitions = !matches!(self.colons, ColonBlocks::Text | ColonBlocks::Autodoc);
        if let Some(colons) = docusaurus_close(&line.text[bytes..]).filter(|_| admonitions) {
            let message = format!("this `{}` closes no admonition: it is shown as text", ":".repeat(colons));
            self.collected.problems.push((line.source + bytes, Problem::Admonition, message));
        }
        self.push_line(line.prefix, line.text, line.source);
    }
}

/// Whether `line` is a line of a block quote.
fn is_quote(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The opening and closing HTML of an MkDocs admonition.
fn mkdocs_html(
    collapsible: Option<bool>,
    kind: &str,
    title: Option<String>,
    words: &crate::markdown::MarkdownWords,
) -> (String, &'static str) {
    let (class, default) = alerts::callout_kind(kind, words);
    match collapsible {
        None => {
            let title = match title {
                Some(t) if t.is_empty() => String::new(),
                Some(t) => format!("<p class=\"callout-title\">{}</p>\n", title_html(&t)),
                None => format!("<p class=\"callout-title\">{}</p>\n", escape(&default)),
            };
            (format!("<div class=\"callout callout-{class}\" role=\"note\">\n{title}"), "</div>\n")
        }
        Some(is_open) => {
            let title = title.filter(|t| !t.is_empty()).unwrap_or(default);
            let attr = if is_open { " open" } else { "" };
            let open = format!(
                "<details class=\"callout callout-{class}\"{attr}>\n<summary class=\"callout-title\">{}</summary>\n",
                title_html(&title)
            );
            (open, "</details>\n")
        }
    }
}

/// `line` with `columns` columns of indentation taken off, `keep` of them put back as
/// spaces. Blank lines become empty.
fn dedent(line: Line<'_>, columns: usize, keep: usize) -> Line<'_> {
    if line.text.trim().is_empty() {
        return Line { prefix: 0, text: "", source: line.source };
    }
    let mut taken = line.prefix;
    let mut bytes = 0;
    for (i, c) in line.text.char_indices() {
        if taken >= columns {
            break;
        }
        match c {
            ' ' => taken += 1,
            '\t' => taken += 4 - taken % 4,
            _ => break,
        }
        bytes = i + c.len_utf8();
    }
    Line { prefix: keep + taken.saturating_sub(columns), text: &line.text[bytes..], source: line.source + bytes }
}
