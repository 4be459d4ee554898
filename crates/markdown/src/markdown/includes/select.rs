//! The part of an included file written in place of a directive, and where each of its
//! bytes came from:
//!
//! 1. split the file into lines (their terminators kept apart);
//! 2. keep the lines selected: all, a 1-based inclusive range (either end open, clamped
//!    to the file), or those between an mdBook anchor's or a snippet section's start and
//!    end markers (a missing start is an error); `rustdoc_include` keeps the lines it
//!    shows ([`rustdoc_lines`]);
//! 3. drop the marker lines of the dialect ([`marker`]): snippet `--8<-- [start:…]`
//!    lines in every include, mdBook `ANCHOR:` lines inside an anchor only, as those
//!    tools do;
//! 4. write them in the directive's form: mdBook joins them with line breaks and no
//!    final one; snippets write each line with the directive's indentation and a line
//!    break; Hugo and Jekyll take the text as it is, less its final line break (Jekyll's
//!    `{{ include.NAME }}` replaced by the parameter's value); `code="true"` fences it.

use super::directives::{Form, Include, Lookup, Param, Select, strip_marker};

/// A run of the assembled text: where it starts in it, and the offset in the file it
/// came from (`None`: opsbook wrote it).
pub type Run = (usize, Option<usize>);

/// The text written for `include` from the file's `text`, with its runs.
pub(super) fn assemble(text: &str, include: &Include) -> Result<(String, Vec<Run>), String> {
    let mut out = Assembly { text: String::with_capacity(text.len()), runs: Vec::new() };
    if include.select == Select::All && include.lookup == Lookup::MarkdownInclude {
        // markdown-include writes the file's text stripped of white space at both ends.
        out.write(text.trim(), Some(text.len() - text.trim_start().len()));
        return Ok((out.text, out.runs));
    }
    if include.select == Select::All && matches!(include.form, Form::Raw | Form::Code(_)) {
        let body = strip_final_break(text);
        let fence = match &include.form {
            Form::Code(lang) => Some("`".repeat(longest_backtick_run(body).max(2) + 1) + lang),
            _ => None,
        };
        if let Some(fence) = &fence {
            out.write(fence, None);
            out.write("\n", None);
        }
        match include.lookup {
            // LiquidJS's parameters are variables of the included file: assigned before it.
            Lookup::TemplateIncludes { .. } => {
                for param in &include.params {
                    out.write(&liquid_assign(param), None);
                }
                out.write(body, Some(0));
            }
            _ => write_substituted(&mut out, body, &include.params),
        }
        if let Some(fence) = fence {
            out.write("\n", None);
            out.write(fence.trim_end_matches(|c: char| c != '`'), None);
        }
        return Ok((out.text, out.runs));
    }
    let lines = match include.form {
        Form::Shown => {
            let lines = rustdoc_lines(text, &include.select)?;
            lines.into_iter().filter(|(_, _, shown)| *shown).map(|(at, line, _)| (at, line)).collect()
        }
        _ => select_lines(text, &include.select)?,
    };
    let anchor = matches!(include.select, Select::Anchor(_));
    let drop_marker = |line: &str| match (&include.form, marker(line)) {
        (Form::Joined, Some(Marker::AnchorStart(_) | Marker::AnchorEnd(_))) => anchor,
        (Form::Lines(_), Some(Marker::SectionStart(_) | Marker::SectionEnd(_))) => true,
        _ => false,
    };
    let kept: Vec<(usize, &str)> = lines.into_iter().filter(|(_, line)| !drop_marker(line)).collect();
    match &include.form {
        Form::Lines(indent) => {
            for (start, line) in kept {
                if !indent.is_empty() {
                    out.write(indent, None);
                }
                out.write(line, Some(start));
                out.write("\n", Some(start + line.len()));
            }
        }
        Form::Code(lang) => {
            let fence = "```".to_string();
            out.write(&format!("{fence}{lang}\n"), None);
            for (start, line) in kept {
                out.write(line, Some(start));
                out.write("\n", Some(start + line.len()));
            }
            out.write(&fence, None);
        }
        Form::Joined | Form::Shown | Form::Raw => {
            for (i, (start, line)) in kept.iter().enumerate() {
                if i > 0 {
                    out.write("\n", Some(start.saturating_sub(1)));
                }
                out.write(line, Some(*start));
            }
        }
    }
    Ok((out.text, out.runs))
}

/// `part` with `prefix` written after each of its line breaks, its runs moved to match
/// ([`Include::repeats_line_prefix`]).
pub(super) fn prefix_lines(part: &str, map: &[Run], prefix: &str) -> (String, Vec<Run>) {
    let mut out = Assembly { text: String::with_capacity(part.len() + prefix.len() * 8), runs: Vec::new() };
    let whole = [(0, None)];
    let map = if map.first().is_some_and(|&(start, _)| start == 0) { map } else { &whole };
    for (i, &(start, origin)) in map.iter().enumerate() {
        let end = map.get(i + 1).map_or(part.len(), |&(next, _)| next);
        let mut at = start;
        for piece in part[start..end].split_inclusive('\n') {
            out.write(piece, origin.map(|o: usize| o + (at - start)));
            at += piece.len();
            if piece.ends_with('\n') {
                out.write(prefix, None);
            }
        }
    }
    (out.text, out.runs)
}

struct Assembly {
    text: String,
    runs: Vec<Run>,
}

impl Assembly {
    fn write(&mut self, text: &str, origin: Option<usize>) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        let follows = match (self.runs.last(), origin) {
            (Some(&(run_start, Some(from))), Some(origin)) => from + (start - run_start) == origin,
            _ => false,
        };
        if !follows {
            self.runs.push((start, origin));
        }
        self.text.push_str(text);
    }
}

/// `{% assign name = value %}` for a LiquidJS include's parameter: its text quoted
/// (with the quote it does not hold), or its expression as written.
fn liquid_assign(param: &Param) -> String {
    let value = match (param.text, param.value.contains('"')) {
        (false, _) => param.value.clone(),
        (true, false) => format!("\"{}\"", param.value),
        (true, true) => format!("'{}'", param.value),
    };
    format!("{{% assign {} = {value} %}}", param.name)
}

fn strip_final_break(text: &str) -> &str {
    text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text)
}

/// The longest run of backticks in `text`, so a fence around it is longer.
fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for b in text.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Writes `text` (from offset 0 of the file) with Jekyll's `include.NAME` replaced by the
/// parameter `NAME`: `{{ include.NAME }}` of a text or literal by its value, and
/// `include.NAME` inside any other tag or variable (`{% for x in include.list %}`,
/// `{{ include.date | date: "%Y" }}`) by the parameter as a Liquid expression, quoted
/// text or the caller's expression, which the Liquid pass then evaluates where the
/// include was written. Other Liquid stays as written.
fn write_substituted(out: &mut Assembly, text: &str, params: &[Param]) {
    let mut last = 0;
    let mut from = 0;
    while !params.is_empty() {
        let Some(found) = text[from..].find('{') else { break };
        let open = from + found;
        let closer = match text[open + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let Some(close) = text[open + 2..].find(closer) else { break };
        let end = open + 2 + close + 2;
        let construct = &text[open..end];
        from = end;
        let whole = construct[2..construct.len() - 2].trim_matches('-').trim();
        let direct = (closer == "}}").then(|| whole.strip_prefix("include.")).flatten();
        let replaced = match direct.and_then(|name| params.iter().find(|p| p.name == name)) {
            Some(param) if param.text || !is_expression_of_names(&param.value) => Some(param.value.clone()),
            _ => with_expressions(construct, params),
        };
        if let Some(replaced) = replaced {
            out.write(&text[last..open], Some(last));
            out.write(&replaced, None);
            last = end;
        }
    }
    out.write(&text[last..], Some(last));
}

/// Whether a bare parameter is a variable (`item.date`) rather than a number or boolean.
fn is_expression_of_names(value: &str) -> bool {
    value.trim_start_matches('-').parse::<f64>().is_err() && !matches!(value, "true" | "false" | "nil")
}

/// `construct` with each `include.NAME` outside quotes replaced by its parameter as a
/// Liquid expression; None when it names none.
fn with_expressions(construct: &str, params: &[Param]) -> Option<String> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut written = String::with_capacity(construct.len());
    let mut quote = None;
    let mut changed = false;
    let mut rest = construct;
    let mut previous = ' ';
    while let Some(c) = rest.chars().next() {
        if quote.is_none() && rest.starts_with("include.") && !word(previous) && previous != '.' {
            let after = &rest["include.".len()..];
            let len = after.find(|c: char| !word(c)).unwrap_or(after.len());
            let param = params.iter().find(|p| p.name == after[..len]);
            if let Some(expression) = param.and_then(as_expression) {
                written.push_str(&expression);
                rest = &after[len..];
                previous = 'x';
                changed = true;
                continue;
            }
        }
        match quote {
            Some(q) if c == q => quote = None,
            None if c == '"' || c == '\'' => quote = Some(c),
            _ => {}
        }
        written.push(c);
        previous = c;
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(written)
}

/// A parameter as a Liquid expression: text quoted with a quote it does not hold (None
/// when it holds both), anything else as written.
fn as_expression(param: &Param) -> Option<String> {
    if !param.text {
        return Some(param.value.clone());
    }
    let quote = ['"', '\''].into_iter().find(|q| !param.value.contains(*q))?;
    Some(format!("{quote}{}{quote}", param.value))
}

/// Splits mdBook's `file:…` into the path and the selection, as its links preprocessor
/// does: after the first `:`, up to two more parts; a first part that is no number (and
/// not empty) is an anchor's name; `N` alone is line `N`; `N:` (or `N:` and no number)
/// is lines `N` to the end; `:M` lines up to `M`; anything else the whole file. Line 0
/// is line 1.
pub(super) fn split_lines_or_anchor(spec: &str) -> (&str, Select) {
    let Some((path, rest)) = spec.split_once(':') else { return (spec, Select::All) };
    let mut parts = rest.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    let start = match first.parse::<usize>() {
        Ok(line) => Some(line.max(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return (path, Select::Anchor(first.to_string())),
    };
    let select = match (start, parts.next().map(str::parse::<usize>)) {
        (Some(start), Some(Ok(end))) => Select::Lines(Some(start), Some(end)),
        (Some(start), Some(Err(_))) => Select::Lines(Some(start), None),
        (Some(start), None) => Select::Lines(Some(start), Some(start)),
        (None, Some(Ok(end))) => Select::Lines(None, Some(end)),
        (None, _) => Select::All,
    };
    (path, select)
}

/// The lines of `text` as `rustdoc_include` takes them, with their offsets and whether
/// each is shown: all of them, the others hidden lines of the example. A range shows its
/// lines; an anchor shows the lines of every section between its markers, and drops
/// every marker line (a missing anchor is an error).
pub(super) fn rustdoc_lines<'t>(text: &'t str, select: &Select) -> Result<Vec<(usize, &'t str, bool)>, String> {
    let lines = select_lines(text, &Select::All)?;
    let Select::Anchor(name) = select else {
        let (first, last) = match select {
            Select::Lines(start, end) => (start.unwrap_or(1), end.unwrap_or(usize::MAX)),
            _ => (1, usize::MAX),
        };
        return Ok(lines
            .into_iter()
            .enumerate()
            .map(|(i, (at, line))| (at, line, (first..=last).contains(&(i + 1))))
            .collect());
    };
    if !lines.iter().any(|(_, line)| marker(line) == Some(Marker::AnchorStart(name))) {
        return Err(format!("no anchor `{name}`"));
    }
    let mut inside = false;
    let mut taken = Vec::with_capacity(lines.len());
    for (at, line) in lines {
        match marker(line) {
            Some(Marker::AnchorStart(n)) => inside |= n == name,
            Some(Marker::AnchorEnd(n)) => inside &= n != name,
            _ => taken.push((at, line, inside)),
        }
    }
    Ok(taken)
}

/// The lines of `text` (without terminators) with their offsets, as selected.
fn select_lines<'t>(text: &'t str, select: &Select) -> Result<Vec<(usize, &'t str)>, String> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        lines.push((at, strip_final_break(raw)));
        at += raw.len();
    }
    match select {
        Select::All => Ok(lines),
        Select::Lines(start, end) => {
            let first = start.unwrap_or(1).max(1) - 1;
            let last = end.unwrap_or(usize::MAX).min(lines.len());
            Ok(lines.get(first..last.max(first)).map(<[_]>::to_vec).unwrap_or_default())
        }
        Select::Anchor(name) | Select::Section(name) => {
            let anchor = matches!(select, Select::Anchor(_));
            let is_start = |line: &str| match marker(line) {
                Some(Marker::AnchorStart(n)) => anchor && n == name,
                Some(Marker::SectionStart(n)) => !anchor && n == name,
                _ => false,
            };
            let is_end = |line: &str| match marker(line) {
                Some(Marker::AnchorEnd(n)) => anchor && n == name,
                Some(Marker::SectionEnd(n)) => !anchor && n == name,
                _ => false,
            };
            let what = if anchor { "anchor" } else { "section" };
            let start = lines.iter().position(|(_, l)| is_start(l)).ok_or_else(|| format!("no {what} `{name}`"))?;
            let inside = &lines[start + 1..];
            let end = inside.iter().position(|(_, l)| is_end(l)).unwrap_or(inside.len());
            // Other markers inside are dropped by the caller.
            Ok(inside[..end].to_vec())
        }
    }
}

/// What a line of an included file is to the selections: an mdBook anchor start or end,
/// a snippet section start or end, with its name.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Marker<'t> {
    /// `ANCHOR: name`.
    AnchorStart(&'t str),
    /// `ANCHOR_END: name`.
    AnchorEnd(&'t str),
    /// `--8<-- [start:name]`.
    SectionStart(&'t str),
    /// `--8<-- [end:name]`.
    SectionEnd(&'t str),
}

/// The marker on `line`, if any.
pub(super) fn marker(line: &str) -> Option<Marker<'_>> {
    let word = |s: &str| -> Option<usize> {
        let len = s.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(s.len());
        (len > 0).then_some(len)
    };
    if let Some(at) = line.find("ANCHOR") {
        let rest = &line[at + "ANCHOR".len()..];
        let (end, rest) = match rest.strip_prefix("_END") {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            let name = &rest[..word(rest)?];
            return Some(if end { Marker::AnchorEnd(name) } else { Marker::AnchorStart(name) });
        }
    }
    let at = line.find("8<-")?;
    let before = &line[..at];
    if !before.ends_with('-') {
        return None;
    }
    let rest = strip_marker(&line[before.trim_end_matches('-').len()..])?;
    let inner = rest.trim_start().strip_prefix('[')?;
    let (kind, name) = inner.split_once(':')?;
    let name = name.trim_start();
    let name = &name[..word(name)?];
    match kind.trim() {
        "start" => Some(Marker::SectionStart(name)),
        "end" => Some(Marker::SectionEnd(name)),
        _ => None,
    }
}
