//! GitBook's blocks, as Git Sync writes them in Markdown: `{% hint %}`, `{% tabs %}` and
//! `{% tab %}`, `{% code %}`, `{% content-ref %}` and `{% page-ref %}`, `{% embed %}`,
//! `{% file %}`, `{% stepper %}` and `{% step %}`, `{% columns %}` and `{% column %}`.
//! A stage of the rewrite ([`super`]) after the admonitions, on the pages of a GitBook
//! handbook only.
//!
//! A block tag counts where GitBook's parser reads one: at the start of a line, outside
//! code and comments; text after it on the line is the block's content. Hints become
//! callouts, tabs the tabs of every other tool, links are written as Markdown links (an
//! embed is a link: nothing is fetched). Another tag at a line's start is a placeholder
//! with an `unsupported-syntax` warning; a block never closed runs to the end of the page.

use super::admonitions::{fence, indentation};
use super::alerts::callout_kind;
use super::{Collected, Output, Problem, shorten, tabs, unsupported_html};
use crate::html::escape;
use crate::markdown::has_text;

/// Tags the other stages read: Liquid's own and the include step's.
const LEFT_TO_OTHERS: &[&str] = &["include", "raw", "endraw", "comment", "endcomment"];

/// The most blocks open inside each other: a tag that would open one more is a
/// placeholder with a warning.
const MAX_OPEN: usize = 64;

/// One `{% name args %}` tag on a line.
#[derive(Debug, Clone, Copy)]
struct Tag<'t> {
    name: &'t str,
    args: &'t str,
    /// Its bytes in the line.
    range: (usize, usize),
}

/// A block opened and not yet closed: its name, where its tag is and the tag as written.
struct Open {
    name: String,
    at: usize,
    source: String,
}

/// The rewrite of one page's lines.
struct Blocks<'c> {
    out: Output,
    collected: &'c mut Collected,
    words: &'c crate::markdown::MarkdownWords,
    open: Vec<Open>,
    /// Whether the page made more placeholders and warnings than its budget: the rest of
    /// its lines are copied as they are.
    over_budget: bool,
}

/// Rewrites the GitBook blocks of `text`, or `None` when it has none.
pub(super) fn rewrite(text: &str, words: &crate::markdown::MarkdownWords, collected: &mut Collected) -> Option<Output> {
    if !has_text(text, "{%") {
        return None;
    }
    let (comments, code) = super::comments::passed_ranges(text, true);
    let out = Output { text: String::with_capacity(text.len() + 256), ..Output::default() };
    let mut blocks = Blocks { out, collected, words, open: Vec::new(), over_budget: false };
    let mut changed = false;
    let mut fenced: Option<(char, usize)> = None;
    let mut at = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, raw) in lines.iter().enumerate() {
        let source = at;
        at += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (_, lead) = indentation(line);
        if let Some((c, len)) = fenced {
            if fence(line).is_some_and(|(d, n, info)| d == c && n >= len && info.is_empty()) {
                fenced = None;
            }
        } else if let Some((c, len, _)) = fence(line) {
            fenced = Some((c, len));
        } else if blocks.collected.placeholders.len() + blocks.collected.problems.len() > super::tokens::MAX_CONSTRUCTS
        {
            blocks.stop_at_budget(source);
        } else if !super::comments::contains(&comments, source)
            && !super::comments::contains(&code, source + lead)
            && let Some(tags) = line_tags(line).filter(|tags| !LEFT_TO_OTHERS.contains(&tags[0].name))
        {
            changed = true;
            blocks.push_line(line, source, &tags, &lines[index + 1..]);
            continue;
        }
        blocks.out.push("", raw, source);
    }
    while let Some(open) = blocks.open.pop() {
        let message = format!(
            "`{}` is never closed with `{{% end{} %}}`; it runs to the end of the page",
            shorten(&open.source),
            open.name
        );
        blocks.collected.problems.push((open.at, Problem::Unsupported, message));
        blocks.marker("\n", "</div>\n".into(), -1, text.len());
    }
    changed.then_some(blocks.out)
}

/// The tags of `line` when it starts (after its indentation) with one, in order.
fn line_tags(line: &str) -> Option<Vec<Tag<'_>>> {
    let start = line.len() - line.trim_start().len();
    if !line[start..].starts_with("{%") {
        return None;
    }
    let tags = tags_in(line, start);
    tags.first().is_some_and(|t| t.range.0 == start).then_some(tags)
}

/// The tags of `text` from byte `from` on, in order. Each `%}` is looked for once, so a
/// line of many `{%` and no `%}` takes one pass.
fn tags_in(text: &str, mut from: usize) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut close: Option<usize> = None;
    while let Some(open) = text[from..].find("{%").map(|at| from + at) {
        if close.is_none_or(|close| close < open + 2) {
            match text[open + 2..].find("%}") {
                Some(at) => close = Some(open + 2 + at),
                None => break,
            }
        }
        match close.and_then(|close| parse_tag(text, open, close)) {
            Some(tag) => {
                from = tag.range.1;
                tags.push(tag);
            }
            None => from = open + 2,
        }
    }
    tags
}

/// The tag at byte `open` of `line` (its `{%`) that ends at the `%}` at `end`: a name of
/// letters, digits, `-` and `_` that starts with a letter, or an integration's block
/// ([`integration`]), then its arguments (`{%-` and `-%}` trim like `{%` and `%}`).
fn parse_tag(line: &str, open: usize, end: usize) -> Option<Tag<'_>> {
    let inner = line[open + 2..end].trim_start_matches('-').trim_end_matches('-').trim();
    let name_len =
        inner.find(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '-' | '_' | '/' | '@')).unwrap_or(inner.len());
    let name = &inner[..name_len];
    let rest = &inner[name_len..];
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic()) && !name.contains(['/', '@']);
    if !(plain || integration(name).is_some()) || !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(Tag { name, args: rest.trim(), range: (open, end + 2) })
}

/// The integration whose block the tag `name` is: `@integration/block`, as Git Sync
/// writes the blocks of GitBook's integrations (`{% @github-files/github-code-block
/// url="…" %}`), or without the `@`, as an integration's own Markdown format reads them.
fn integration(name: &str) -> Option<&str> {
    let (owner, block) = name.strip_prefix('@').unwrap_or(name).split_once('/')?;
    let word = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_alphanumeric())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    };
    (word(owner) && word(block)).then_some(owner)
}

/// The named argument `name` of a tag's `args`, trimmed of the `<…>` GitBook may put
/// around a URL.
fn arg(args: &str, name: &str) -> Option<String> {
    let args = super::shortcodes::parse_args(args);
    let value = args.into_iter().find(|(n, _)| n.is_some_and(|n| n.eq_ignore_ascii_case(name)))?.1;
    let value = value.trim();
    Some(value.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(value).to_string())
}

/// A Markdown link to `destination` reading `text`, or `None` when the destination cannot
/// be one (a scheme other than HTTP, a line break, angle brackets).
fn markdown_link(text: &str, destination: &str) -> Option<String> {
    let scheme = destination.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
    let allowed = scheme.is_none_or(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    if destination.is_empty() || !allowed || destination.contains(|c: char| c.is_control() || c == '<' || c == '>') {
        return None;
    }
    let mut label = String::with_capacity(text.len() + 8);
    for c in text.chars().filter(|c| !c.is_control()) {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<' | '&') {
            label.push('\\');
        }
        label.push(c);
    }
    Some(format!("[{label}](<{destination}>)"))
}

/// The last part of a path or URL, its name for a link.
fn file_name(path: &str) -> &str {
    let path = path.split(['?', '#']).next().unwrap_or(path).trim_end_matches('/');
    path.rsplit('/').next().filter(|name| !name.is_empty()).unwrap_or(path)
}

/// Where the tag `{% endname %}` is in `rest` (the rest of a block's line) or in `next`
/// (the lines after it), outside fenced code, before the next `{% name %}`: the line
/// (0 for `rest`) and the byte it starts at.
fn find_end(rest: &str, next: &[&str], name: &str) -> Option<(usize, usize)> {
    let end = format!("end{name}");
    let mut fenced: Option<(char, usize)> = None;
    for (index, line) in std::iter::once(&rest).chain(next).enumerate() {
        if let Some((c, len)) = fenced {
            if fence(line.trim_end()).is_some_and(|(d, n, info)| d == c && n >= len && info.is_empty()) {
                fenced = None;
            }
            continue;
        }
        if index > 0
            && let Some((c, len, _)) = fence(line.trim_end())
        {
            fenced = Some((c, len));
            continue;
        }
        for tag in tags_in(line, 0) {
            if tag.name == end {
                return Some((index, tag.range.0));
            }
            if tag.name == name {
                return None;
            }
        }
    }
    None
}

/// The text between a block's tag and its end (`find_end`'s place).
fn content_to(rest: &str, next: &[&str], (line, at): (usize, usize)) -> String {
    if line == 0 {
        return rest[..at].to_string();
    }
    let mut content = rest.to_string();
    next[..line - 1].iter().for_each(|l| content.push_str(l));
    content.push_str(&next[line - 1][..at]);
    content
}

impl Blocks<'_> {
    /// Says once, at `source`, that the page made more placeholders than its budget.
    fn stop_at_budget(&mut self, source: usize) {
        if !self.over_budget {
            self.over_budget = true;
            self.collected.over_budget(source, "GitBook blocks and warnings");
        }
    }

    /// Writes a placeholder line for `html` at `source`, after `before` (an indentation).
    fn marker(&mut self, before: &str, html: String, depth: i8, source: usize) {
        let comment = self.collected.block(html, depth);
        self.out.push(&format!("{before}{comment}\n"), "", source);
    }

    /// Writes Markdown `text` of the rewrite's own on a line, at `source`.
    fn added_line(&mut self, before: &str, text: &str, source: usize) {
        self.out.push(&format!("{before}{text}\n\n"), "", source);
    }

    /// Writes `line` (at `source`), which starts with the `tags`: each tag as its block
    /// says, the text between them as lines of content. `next` are the lines after it.
    fn push_line(&mut self, line: &str, source: usize, tags: &[Tag<'_>], next: &[&str]) {
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut done = tags[0].range.0;
        for tag in tags {
            self.push_text(indent, &line[done..tag.range.0], source + done);
            done = tag.range.1;
            self.collected.source = line[tag.range.0..tag.range.1].to_string();
            self.push_tag(indent, tag, source + tag.range.0, (&line[done..], next));
        }
        self.push_text(indent, &line[done..], source + done);
    }

    /// Writes `text`, a piece of a tag's line, as a line of content when it has any.
    fn push_text(&mut self, indent: &str, text: &str, source: usize) {
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            let at = source + (text.len() - text.trim_start().len());
            self.out.push(indent, trimmed, at);
            self.out.push("\n", "", at + trimmed.len());
        }
    }

    /// Writes one tag at `source`; `after` is the rest of its line and the lines after it.
    fn push_tag(&mut self, indent: &str, tag: &Tag<'_>, source: usize, after: (&str, &[&str])) {
        let args = tag.args;
        let open = |html: String| (Some(html), tag.name);
        let (html, name) = match tag.name {
            "hint" => {
                let style = arg(args, "style").or_else(|| arg(args, "type")).unwrap_or_else(|| "info".into());
                let (class, title) = callout_kind(&style, self.words);
                open(crate::markdown::blocks::callout_div(class, &escape(&title)))
            }
            "tabs" => open(tabs::group_open(&tabs::Group::default())),
            "tab" => {
                let title = arg(args, "title").unwrap_or_default();
                open(tabs::panel_open(&tabs::Panel { label: &title, value: None, default: false }))
            }
            "code" => {
                let title = arg(args, "title").filter(|t| !t.trim().is_empty());
                let title = title.map(|t| format!("<p class=\"code-title\"><code>{}</code></p>\n", escape(&t)));
                open(format!("<div class=\"code-block\">\n{}", title.unwrap_or_default()))
            }
            "stepper" => open("<div class=\"steps\">\n".into()),
            "step" => open("<div class=\"step\">\n".into()),
            "columns" => open("<div class=\"columns\">\n".into()),
            "column" => open("<div class=\"column\">\n".into()),
            "content-ref" | "page-ref" | "embed" | "file" => return self.push_link_block(indent, tag, source, after),
            name if integration(name).is_some() => return self.push_integration(indent, tag, source, after),
            name => match name.strip_prefix("end") {
                Some(opened) if self.open.iter().any(|o| o.name == opened) => {
                    return self.close(indent, opened, source);
                }
                Some(opened) if is_block(opened) => {
                    let message = format!("this `{{% {name} %}}` closes no open `{{% {opened} %}}`; it is left out");
                    self.collected.problems.push((source, Problem::Unsupported, message));
                    return;
                }
                _ => (None, name),
            },
        };
        match html {
            Some(_) if self.open.len() >= MAX_OPEN => self.push_unsupported(indent, source),
            Some(html) => {
                self.marker(indent, html, 1, source);
                self.open.push(Open { name: name.to_string(), at: source, source: self.collected.source.clone() });
            }
            None => self.push_unsupported(indent, source),
        }
    }

    /// Writes a link block (`content-ref`, `page-ref`, `embed`, `file`): a Markdown link to
    /// what it names, inside a block of its name when its end follows (its content stays,
    /// a caption or the link GitBook wrote itself).
    fn push_link_block(&mut self, indent: &str, tag: &Tag<'_>, source: usize, (rest, next): (&str, &[&str])) {
        let (key, class) = match tag.name {
            "content-ref" => ("url", "content-ref"),
            "page-ref" => ("page", "content-ref"),
            "file" => ("src", "file"),
            _ => ("url", "embed"),
        };
        let Some(target) = arg(tag.args, key).filter(|t| !t.is_empty()) else {
            return self.push_unsupported(indent, source);
        };
        let end = find_end(rest, next, tag.name).filter(|_| tag.name != "page-ref");
        let written_link =
            tag.name == "content-ref" && end.is_some_and(|end| content_to(rest, next, end).contains("]("));
        let caption = arg(tag.args, "caption").filter(|c| !c.trim().is_empty());
        let text = caption.unwrap_or_else(|| match tag.name {
            "content-ref" | "page-ref" | "file" => file_name(&target).to_string(),
            _ => target.clone(),
        });
        let link = markdown_link(&text, &target).unwrap_or_else(|| escape(&target));
        let class_open = format!("<div class=\"{class}\">\n");
        if end.is_some() && self.open.len() >= MAX_OPEN {
            self.push_unsupported(indent, source);
        } else if end.is_some() {
            self.marker(indent, class_open, 1, source);
            self.open.push(Open { name: tag.name.to_string(), at: source, source: self.collected.source.clone() });
            if !written_link {
                self.added_line(indent, &link, source);
            }
        } else {
            self.marker(indent, class_open, 1, source);
            self.added_line(indent, &link, source);
            self.marker(indent, "</div>\n".into(), -1, source);
        }
    }

    /// Closes the innermost open block `name`; those opened inside it and not closed are
    /// closed with it, each with a warning.
    fn close(&mut self, indent: &str, name: &str, source: usize) {
        while let Some(open) = self.open.pop() {
            if open.name == name {
                self.marker(indent, "</div>\n".into(), -1, source);
                return;
            }
            let message = format!(
                "`{}` is never closed with `{{% end{} %}}`; it ends with the `{{% end{name} %}}` around it",
                shorten(&open.source),
                open.name
            );
            self.collected.problems.push((open.at, Problem::Unsupported, message));
            self.marker(indent, "</div>\n".into(), -1, source);
        }
    }

    /// Writes a block of a GitBook integration: a link to the address it shows (as an
    /// embed: nothing is fetched), or a placeholder that names the integration (GitbookIO/
    /// integrations, docs "Working with Markdown": `{% name/block props %}`).
    /// The end of a paired one (its properties around a code block) is left out: its
    /// content stays, after the link or placeholder of its start.
    fn push_integration(&mut self, indent: &str, tag: &Tag<'_>, source: usize, after: (&str, &[&str])) {
        if tag.name.strip_prefix("end").is_some_and(|start| integration(start).is_some()) {
            return;
        }
        if arg(tag.args, "url").is_some_and(|url| markdown_link(&url, &url).is_some()) {
            return self.push_link_block(indent, tag, source, after);
        }
        let owner = integration(tag.name).unwrap_or(tag.name);
        let message = format!(
            "`{}` is a block of the GitBook integration `{owner}`, which opsbook does not run; it is shown as a placeholder",
            shorten(&self.collected.source)
        );
        self.push_placeholder(indent, source, message);
    }

    /// Writes the tag being rewritten as a placeholder with a warning, as every construct
    /// opsbook does not render.
    fn push_unsupported(&mut self, indent: &str, source: usize) {
        let message =
            format!("`{}` is not supported by opsbook; it is shown as a placeholder", shorten(&self.collected.source));
        self.push_placeholder(indent, source, message);
    }

    /// Writes the tag being rewritten as a placeholder, with the warning `message`.
    fn push_placeholder(&mut self, indent: &str, source: usize, message: String) {
        let written = self.collected.source.clone();
        self.collected.problems.push((source, Problem::Unsupported, message));
        let html = unsupported_html(&written, true) + "</div>\n";
        self.marker(indent, html, 0, source);
    }
}

/// Whether `name` is a block this stage opens.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "hint" | "tabs" | "tab" | "code" | "stepper" | "step" | "columns" | "column" | "content-ref" | "embed" | "file"
    )
}

#[cfg(test)]
mod tests;
