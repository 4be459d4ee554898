//! The second stage of the rewrite ([`super`]): the constructs inside lines, outside
//! code. A shortcode shown in a code block or a code span stays code; only the escaped
//! form `{{</* x */>}}` becomes `{{< x >}}` there, as Hugo does.
//!
//! 1. find the code of the page (code spans, fenced and indented blocks) with
//!    pulldown-cmark, as the page will be parsed;
//! 2. scan the rest once for tokens ([`super::scan`]): Hugo shortcodes and comments,
//!    Liquid tags and variables, JSX elements and comments, attribute lists;
//! 3. pair each closing shortcode or element with the innermost open one of its name;
//! 4. turn each token into an edit: text, a block or inline placeholder, or nothing
//!    ([`plan`]); unknown constructs become placeholders and `unsupported-syntax`
//!    problems;
//! 5. write the text with the edits, keeping where each piece came from.
//!
//! A page holds at most [`MAX_CONSTRUCTS`] tokens: past it the rest stay as written,
//! with a `budget` error at the first too many.

use std::collections::HashMap;
use std::ops::Range;

use super::scan::{code_ranges, pair, scan};
use super::tokens::{Call, Kind, MAX_CONSTRUCTS, Render, Syntax, Token, line_end, line_start};
use super::{
    Collected, Output, Page, Problem, attributes, erb, liquid, mdx, shortcode_units, shortcodes, site, unsupported_html,
};
use crate::markdown::has_text;

/// What a paired call's end becomes.
enum End {
    /// A block placeholder that closes the block its opening opened.
    Html(String),
    /// Markdown text.
    Text(String),
}

/// One change to the text: the bytes `range` become `with`.
struct Edit {
    range: Range<usize>,
    with: String,
}

/// Whether `text` has anything this stage rewrites.
fn has_marker(text: &str, page: Page<'_>) -> bool {
    has_text(text, "{{")
        || has_text(text, "{%")
        || has_text(text, "{:")
        || has_text(text, "{.")
        || has_text(text, "{#")
        || has_text(text, "){")
        || has_attribute_list_with_spaces(text)
        || has_text(text, "<Tabs")
        || has_text(text, "<Admonition")
        || (page.mdx && (has_text(text, "{/*") || text.contains('<')))
        || (page.erb && has_text(text, "<%"))
        || (has_text(text, "{!") && page.templating.is_some_and(|t| t.site.data.text.markdown_include_unrun))
}

/// Whether `text` may have a Python-Markdown attribute list with a space after its
/// brace (`{ .md-button }`) or right after an inline element (`]{`, `_{`, `*{`, `` `{ ``,
/// `:{`): [`super::attributes`].
fn has_attribute_list_with_spaces(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), b"{").any(|at| {
        let before = at.checked_sub(1).map(|b| text.as_bytes()[b]);
        let after = text.as_bytes().get(at + 1).copied();
        matches!(after, Some(b' '))
            && matches!(text[at + 1..].trim_start_matches(' ').bytes().next(), Some(b'.' | b'#'))
            || matches!(before, Some(b']' | b'_' | b'*' | b'`' | b':'))
    })
}

/// Rewrites the tokens of `text`, or `None` when it has none.
pub(super) fn rewrite(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    if !has_marker(text, page) {
        return None;
    }
    // An HTML page has no Markdown code: its templates ran over all of it.
    let code = if page.html { Vec::new() } else { code_ranges(text) };
    let mut tokens = scan(text, &code, page);
    // A comment's text is the comment's, as written (HTML pages: their templates ran).
    let comments = if page.html { Vec::new() } else { super::comments::comment_ranges(text) };
    tokens.retain(|token| !super::comments::contains(&comments, token.range.start));
    let left_in_code = super::raw_directives::report_shortcodes_in_code(text, &code, page, collected)
        | super::raw_directives::report_markdown_includes(text, &code, page, collected);
    if tokens.is_empty() && !left_in_code {
        return None;
    }
    if let Some(first_too_many) = tokens.get(MAX_CONSTRUCTS) {
        let message = format!(
            "the page has more than {} constructs of other tools (shortcodes, Liquid tags, components, attribute lists), the budget of a page; the rest are left as written",
            crate::diagnostic::thousands(MAX_CONSTRUCTS)
        );
        collected.problems.push((first_too_many.range.start, Problem::Budget, message));
        tokens.truncate(MAX_CONSTRUCTS);
    }
    let edits = plan(text, &tokens, page, collected);
    let mut out = Output { text: String::with_capacity(text.len() + 256), ..Output::default() };
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push("", &text[at..edit.range.start], at);
        out.push(&edit.with, "", edit.range.start);
        at = edit.range.end;
    }
    out.push("", &text[at..], at);
    Some(out)
}

/// The edits for `tokens`, in order.
fn plan(text: &str, tokens: &[Token<'_>], page: Page<'_>, collected: &mut Collected) -> Vec<Edit> {
    let mut planner = Planner {
        text,
        tokens,
        page,
        closes: pair(tokens),
        edits: Vec::new(),
        ends: HashMap::new(),
        parents: Vec::new(),
        skip_until: 0,
        html_blocks: None,
        flow_lines: HashMap::new(),
        resources: super::imgproc::Memo::default(),
    };
    for (index, token) in tokens.iter().enumerate() {
        let range = token.range.clone();
        if range.start < planner.skip_until {
            continue;
        }
        let source = &text[range.clone()];
        collected.source = source.to_string();
        let edit = |with: String| Edit { range: range.clone(), with };
        let edits = &mut planner.edits;
        match &token.kind {
            Kind::Literal(literal) if token.in_code => edits.push(edit(literal.clone())),
            Kind::Raw(html) => edits.push(edit(html.clone())),
            Kind::Literal(literal) => edits.push(edit(collected.inline(crate::html::escape(literal)))),
            // A comment drops its text, but not the first stage's placeholders in it.
            Kind::Drop => edits.push(edit(kept_markers(source))),
            Kind::Code(language, code) => {
                let html = crate::markdown::blocks::code_block_html(code, language, page.highlight);
                edits.push(edit(block(text, range.clone(), collected.block(html, 0))));
            }
            Kind::Attributes(attributes) => edits.extend(
                attributes::edits(text, range.clone(), attributes, collected)
                    .into_iter()
                    .map(|(range, with)| Edit { range, with }),
            ),
            Kind::Directive(name) => {
                let shown =
                    if token.in_code { "in code it is shown as written" } else { "it is shown as a placeholder" };
                let message = format!(
                    "`{}` is a directive of an mdBook preprocessor (`{name}`), which opsbook does not run; {shown}",
                    shorten_source(source)
                );
                collected.problems.push((range.start, Problem::Unsupported, message));
                if !token.in_code {
                    edits.extend(apply_simple(text, range.clone(), Render::Unknown, source, collected));
                }
            }
            Kind::Variable | Kind::Liquid(..) | Kind::Erb(..) => {
                let render = match &token.kind {
                    Kind::Liquid(name, args) => liquid::render(name, args, page),
                    Kind::Erb(code, output) => erb::render(code, *output, page),
                    _ => liquid::render_variable(source),
                };
                edits.extend(apply_simple(text, range.clone(), render, source, collected));
            }
            Kind::Call(call) if call.close => planner.close_call(index, call, collected),
            Kind::Call(call) => planner.open_call(index, call, collected),
        }
    }
    let mut edits = planner.edits;
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// The edits of a page's tokens as they are planned, with the calls open around the
/// current token.
struct Planner<'p, 't> {
    text: &'p str,
    tokens: &'p [Token<'t>],
    page: Page<'p>,
    /// The index of the closing token of each paired call, by the index of its opening.
    closes: HashMap<usize, usize>,
    edits: Vec<Edit>,
    /// The end HTML of each open paired call, by the index of its closing token.
    ends: HashMap<usize, End>,
    /// The calls open around the current token, for tabs inside a tab pane.
    parents: Vec<usize>,
    /// Tokens before this offset were taken by a call rendered whole.
    skip_until: usize,
    /// The page's HTML blocks with each paired `{{< >}}` call as one line, once asked for.
    html_blocks: Option<Vec<Range<usize>>>,
    /// Whether the line starting at each offset holds only tags and expressions (MDX's
    /// flow), once asked for.
    flow_lines: HashMap<usize, bool>,
    /// The page's Hugo resources, made once for its `imgproc` calls.
    resources: super::imgproc::Memo,
}

impl Planner<'_, '_> {
    /// The one block placeholder of a Liquid block tag opsbook cannot run, opened by
    /// token `index` and closed by `close`, alone on its lines: Liquid runs before
    /// Markdown, so its body is text the block's output holds, shown as written rather
    /// than read as Markdown. `false` (nothing done) when the body holds the first stage's
    /// placeholders, which must stay in the page.
    fn liquid_block(&mut self, index: usize, close: usize, collected: &mut Collected) -> bool {
        let (text, open, close) = (self.text, self.tokens[index].range.clone(), self.tokens[close].range.clone());
        // The body from the line after the opening tag's, when nothing follows the tag.
        let body = match text[open.end..close.start].split_once('\n') {
            Some((first, rest)) if first.trim().is_empty() => rest,
            _ => text[open.end..close.start].trim_start(),
        };
        let body = body.trim_end();
        if body.contains(super::MARKER) {
            return false;
        }
        let html = format!(
            "{}<pre class=\"unsupported-body\">{}</pre>\n</div>\n",
            unsupported_html(&text[open.clone()], true),
            crate::html::escape(body)
        );
        let whole = open.start..close.end;
        collected.source = text[whole.clone()].to_string();
        let with = block(text, whole.clone(), collected.block(html, 0));
        self.edits.push(Edit { range: whole, with });
        self.skip_until = close.end;
        true
    }

    /// The edit of the closing token `index` of a paired call: the end its opening
    /// left, or nothing with a warning when it closes no open call.
    fn close_call(&mut self, index: usize, call: &Call<'_>, collected: &mut Collected) {
        let (text, range) = (self.text, self.tokens[index].range.clone());
        // Pairs nest, so the open call is the last one (or near it).
        if let Some(at) = self.parents.iter().rposition(|p| self.closes.get(p) == Some(&index)) {
            self.parents.truncate(at);
        }
        let with = match self.ends.remove(&index) {
            Some(End::Html(html)) => block(text, range.clone(), collected.block(html, -1)),
            Some(End::Text(markdown)) => markdown,
            None => {
                let source = shorten_source(&text[range.clone()]);
                let message = format!("this `{source}` closes no open {}; it is left out", describe(call));
                collected.problems.push((range.start, Problem::Unsupported, message));
                String::new()
            }
        };
        self.edits.push(Edit { range, with });
    }

    /// Whether the paired `{{< >}}` call opened by token `index` and closed by `close`,
    /// with no construct in its content, stands in an HTML block: one unit there.
    fn is_unit(&mut self, index: usize, call: &Call<'_>, close: usize) -> bool {
        if call.syntax != Syntax::HugoAngle || close != index + 1 {
            return false;
        }
        let (text, tokens, closes) = (self.text, self.tokens, &self.closes);
        let blocks = self.html_blocks.get_or_insert_with(|| shortcode_units::html_block_ranges(text, tokens, closes));
        shortcode_units::is_unit(blocks, text, &tokens[index].range, &tokens[close].range)
    }

    /// Whether the paired call written at `whole` (its opening tag to its closing one)
    /// stands amid a line's text, so its placeholder is inline: on one line, with text
    /// before or after it; in MDX, on a line holding more than tags and `{…}`
    /// expressions, which micromark-extension-mdx-jsx's flow tag allows alone
    /// (`<Label>alone</Label>` is text, `<A>{`code`}</A>` is flow).
    fn amid_text(&mut self, call: &Call<'_>, whole: Range<usize>) -> bool {
        let text = self.text;
        let (start, end) = (line_start(text, whole.start), line_end(text, whole.end));
        if text[whole.clone()].contains('\n') {
            return false;
        }
        if call.syntax != Syntax::Jsx {
            return !text[start..whole.start].trim().is_empty() || !text[whole.end..end].trim().is_empty();
        }
        let tokens = self.tokens;
        !*self.flow_lines.entry(start).or_insert_with(|| {
            let first = tokens.partition_point(|token| token.range.start < start);
            let mut rest = String::new();
            let mut at = start;
            for token in tokens[first..].iter().take_while(|token| token.range.end <= end) {
                rest.push_str(&text[at..token.range.start.max(at)]);
                at = at.max(token.range.end);
            }
            rest.push_str(&text[at..end]);
            without_expressions(&rest).trim().is_empty()
        })
    }

    /// The edits of the opening (or only) token `index` of a call, as its tool renders it.
    fn open_call(&mut self, index: usize, call: &Call<'_>, collected: &mut Collected) {
        let (text, tokens, page) = (self.text, self.tokens, self.page);
        let resources = &self.resources;
        let range = tokens[index].range.clone();
        let source = &text[range.clone()];
        let close = self.closes.get(&index).copied();
        let parent = self.parents.last().and_then(|p| match &tokens[*p].kind {
            Kind::Call(c) => Some(c),
            _ => None,
        });
        let inner = close.and_then(|c| text.get(range.end..tokens[c].range.start));
        let render = site::render(call, inner, page).unwrap_or_else(|| match call.syntax {
            Syntax::Jsx => mdx::render(call, parent, page),
            Syntax::HugoAngle | Syntax::HugoPercent => shortcodes::render_call(call, inner, parent, page, resources),
            Syntax::Liquid | Syntax::LiquidInclude | Syntax::Erb => Render::Unknown,
        });
        let render = match render {
            Render::Failed(message) => {
                collected.problems.push((range.start, Problem::Template, message));
                Render::Unknown
            }
            Render::NotFound(message) => {
                collected.problems.push((range.start, shortcodes::placeholder_problem(call, page), message));
                Render::Unknown
            }
            render => render,
        };
        let reported = collected.problems.last().is_some_and(|p| p.0 == range.start);
        let render = match close.filter(|&close| self.is_unit(index, call, close)) {
            Some(close) => match shortcode_units::unit_html(render, source, inner.unwrap_or("")) {
                Ok((html, placeholder)) => {
                    if placeholder && !reported {
                        unsupported(collected, range.start, source, call);
                    }
                    let whole = range.start..tokens[close].range.end;
                    collected.source = text[whole.clone()].to_string();
                    let with = block(text, whole.clone(), collected.block(html, 0));
                    self.edits.push(Edit { range: whole, with });
                    self.skip_until = tokens[close].range.end;
                    return;
                }
                Err(render) => render,
            },
            None => render,
        };
        let marked = |with: String, collected: &mut Collected, depth| Edit {
            range: range.clone(),
            with: block(text, range.clone(), collected.block(with, depth)),
        };
        match (render, close) {
            (Render::Whole(render), Some(close)) => {
                let whole = range.start..tokens[close].range.end;
                self.edits.extend(apply_simple(text, whole, *render, source, collected));
                self.skip_until = tokens[close].range.end;
            }
            (Render::TextAround(open, end), Some(close)) => {
                self.ends.insert(close, End::Text(end));
                self.parents.push(index);
                self.edits.push(Edit { range, with: open });
            }
            (Render::Open(open, end), Some(close)) => {
                self.ends.insert(close, End::Html(end));
                self.parents.push(index);
                self.edits.push(marked(open, collected, 1));
            }
            (Render::CodeTab(open, language), Some(close)) => {
                let close_range = tokens[close].range.clone();
                let code = text[range.end..close_range.start].trim_matches('\n');
                let mut html = open;
                html.push_str(&crate::markdown::blocks::code_block_html(
                    &format!("{}\n", code.trim_end()),
                    &language,
                    page.highlight,
                ));
                html.push_str(&super::tabs::panel_close());
                let whole = range.start..close_range.end;
                self.edits.push(Edit { range: whole.clone(), with: block(text, whole, collected.block(html, 0)) });
                self.skip_until = close_range.end;
            }
            (Render::Unknown, Some(close)) => {
                if !reported {
                    unsupported(collected, range.start, source, call);
                }
                // Amid a line's text (MDX's text elements, `a <Label>b</Label> c`), its
                // content stays in the line, marked inline; else a block.
                if self.amid_text(call, range.start..tokens[close].range.end) {
                    self.ends.insert(close, End::Text(collected.inline("</span>".into())));
                    self.parents.push(index);
                    self.edits.push(Edit { range, with: collected.inline(super::unsupported_inline_open(source)) });
                    return;
                }
                if call.syntax == Syntax::Liquid && self.liquid_block(index, close, collected) {
                    return;
                }
                self.ends.insert(close, End::Html("</div>\n".into()));
                self.parents.push(index);
                self.edits.push(marked(unsupported_html(source, true), collected, 1));
            }
            (Render::Unknown, None) => {
                if !reported {
                    unsupported(collected, range.start, source, call);
                }
                self.edits.extend(apply_simple(text, range.clone(), Render::Unknown, source, collected));
            }
            (Render::Open(open, end), None) if !call.self_closing => {
                // A block never closed runs to the end of the page.
                let message = format!("`{}` is never closed; it runs to the end of the page", shorten_source(source));
                collected.problems.push((range.start, Problem::Unsupported, message));
                self.edits.push(marked(open, collected, 1));
                let marker = collected.block(end, -1);
                self.edits.push(Edit { range: text.len()..text.len(), with: format!("\n\n{marker}\n") });
            }
            (Render::Open(open, end), None) => self.edits.push(marked(format!("{open}{end}"), collected, 0)),
            (render, _) => self.edits.extend(apply_simple(text, range.clone(), render, source, collected)),
        }
    }
}

/// The edit of a render that needs no pairing. An unknown construct written where a
/// link's destination starts (`[text]({{< x >}}/path)`) takes the whole link with it:
/// its text stays, the placeholder follows it.
fn apply_simple(text: &str, range: Range<usize>, render: Render, source: &str, collected: &mut Collected) -> Vec<Edit> {
    let edit = |with: String| vec![Edit { range: range.clone(), with }];
    match render {
        Render::Block(html) => edit(block(text, range.clone(), collected.block(html, 0))),
        Render::Open(open, end) => edit(block(text, range.clone(), collected.block(format!("{open}{end}"), 0))),
        Render::Text(markdown) => edit(markdown),
        Render::Inline(html) => edit(collected.inline(html)),
        Render::CodeTab(..) => edit(String::new()),
        // Alone on its line, a block, ended like every block.
        Render::Html(html) if is_alone(text, range.clone()) => {
            edit(block(text, range.clone(), collected.block(format!("{html}\n"), 0)))
        }
        Render::Html(html) => edit(collected.inline(html)),
        Render::Whole(render) => apply_simple(text, range, *render, source, collected),
        Render::TextAround(open, end) => edit(open + &end),
        Render::Failed(message) => {
            collected.problems.push((range.start, Problem::Template, message));
            apply_simple(text, range, Render::Unknown, source, collected)
        }
        Render::NotFound(message) => {
            collected.problems.push((range.start, Problem::Unsupported, message));
            apply_simple(text, range, Render::Unknown, source, collected)
        }
        Render::Unknown => {
            if collected.problems.last().is_none_or(|p| p.0 != range.start) {
                let message =
                    format!("`{}` is not supported by opsbook; it is shown as a placeholder", shorten_source(source));
                collected.problems.push((range.start, Problem::Unsupported, message));
            }
            let placeholder = collected.inline(unsupported_html(source, false));
            if let Some((open, destination, close)) = link_around(text, range.clone()) {
                return vec![
                    Edit { range: open..open + 1, with: String::new() },
                    Edit { range: destination..close + 1, with: format!(" {placeholder}") },
                ];
            }
            if is_alone(text, range.clone()) {
                let html = unsupported_html(source, true) + "</div>\n";
                let inline = unsupported_html(source, false);
                return edit(block(text, range.clone(), collected.block_or_inline(html, inline)));
            }
            edit(placeholder)
        }
    }
}

/// The inline link whose destination holds a token (`[text]({{< x >}}/path)`,
/// `[text](https://host/v{{% param v %}}/a)`, `[text](<…{{ x }}…>)`): where its `[` is,
/// where its `](` is and where the `)` closing the destination is.
fn link_around(text: &str, range: Range<usize>) -> Option<(usize, usize, usize)> {
    let line_start = line_start(text, range.start);
    let before = text.get(line_start..range.start)?;
    let destination = before.rfind("](")?;
    let written = &before[destination + 2..];
    let angle = written.starts_with('<');
    if (angle && written.contains('>')) || (!angle && written.contains(|c: char| c.is_whitespace() || c == ')')) {
        return None;
    }
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in before[..destination].char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => {
                open = Some(line_start + i);
                break;
            }
            '[' => depth -= 1,
            _ => {}
        }
    }
    let rest = &text[range.end..line_end(text, range.end)];
    let close = if angle { rest.find(">)").map(|at| at + 1) } else { rest.find(')') }? + range.end;
    Some((open?, line_start + destination, close))
}

/// The first stage's placeholder lines inside `source`, each on a line of its own.
fn kept_markers(source: &str) -> String {
    let mut kept = String::new();
    let mut rest = source;
    while let Some(at) = rest.find(super::MARKER) {
        let Some(end) = rest[at..].find("-->") else { break };
        kept.push('\n');
        kept.push_str(&rest[at..at + end + 3]);
        kept.push('\n');
        rest = &rest[at + end + 3..];
    }
    kept
}

/// Records an unknown call.
fn unsupported(collected: &mut Collected, at: usize, source: &str, call: &Call<'_>) {
    let message = format!(
        "{} `{}` is not supported by opsbook; it is shown as a placeholder",
        describe(call),
        shorten_source(source)
    );
    collected.problems.push((at, Problem::Unsupported, message));
}

/// What a call is, for messages.
fn describe(call: &Call<'_>) -> &'static str {
    match call.syntax {
        Syntax::Jsx => "the component",
        Syntax::HugoAngle | Syntax::HugoPercent => "the shortcode",
        Syntax::Liquid => "the tag",
        Syntax::LiquidInclude => "the include",
        Syntax::Erb => "the ERB block",
    }
}

/// The source of a token on one line, shortened.
fn shorten_source(source: &str) -> String {
    super::shorten(source)
}

/// Whether the token at `range` is alone on its line (but for white space).
fn is_alone(text: &str, range: Range<usize>) -> bool {
    let (line_start, line_end) = (line_start(text, range.start), line_end(text, range.end));
    text[line_start..range.start].trim().is_empty() && text[range.end..line_end].trim().is_empty()
}

/// `text` without its `{…}` expressions (braces nested, counted).
fn without_expressions(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            let outside = depth == 0 && c != '{';
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            outside && c != '}'
        })
        .collect()
}

/// The text that puts the block placeholder `marker` at `range`: the marker itself when
/// the token is alone on its line, else the marker on a line of its own, at the line's
/// indentation.
fn block(text: &str, range: Range<usize>, marker: String) -> String {
    let (line_start, line_end) = (line_start(text, range.start), line_end(text, range.end));
    let line = &text[line_start..line_end];
    let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let before = if text[line_start..range.start].trim().is_empty() { String::new() } else { format!("\n{indent}") };
    let after = if text[range.end..line_end].trim().is_empty() { String::new() } else { format!("\n{indent}") };
    format!("{before}{marker}{after}")
}
