//! Heading ids and the table of contents.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::slug::{
    HeadingIdStyle, github_heading_id, heading_id, kramdown_gfm_heading_id, kramdown_heading_id,
    next_python_markdown_id, python_markdown_heading_id, source_line_ascii_heading_id, source_line_heading_id,
    source_line_runs_heading_id, tech_docs_heading_id,
};

/// What a heading says, in each form an id style reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeadingText<'t> {
    /// Its text and inline code, image alt text included.
    pub text: &'t str,
    /// The same without the alt text of images, as a browser shows it.
    pub shown: &'t str,
    /// Its Markdown source line, without the `#` marks or attributes.
    pub source: &'t str,
    /// Its level, 1 to 6 (7 for what is no heading: a definition list's term).
    pub level: u8,
}

impl<'t> HeadingText<'t> {
    /// A heading whose three forms are `text`.
    pub fn plain(text: &'t str) -> Self {
        HeadingText { text, shown: text, source: text, level: 1 }
    }
}

/// The id a heading gets in `style` before repeats are told apart.
fn base_id(style: HeadingIdStyle, heading: &HeadingText<'_>) -> String {
    match style {
        HeadingIdStyle::Opsbook => heading_id(heading.text),
        HeadingIdStyle::Github => github_heading_id(heading.shown),
        HeadingIdStyle::TextWithAlt => github_heading_id(heading.text),
        HeadingIdStyle::SourceLine => source_line_heading_id(heading.source),
        HeadingIdStyle::SourceLineAscii => source_line_ascii_heading_id(heading.source),
        HeadingIdStyle::SourceLineRuns => source_line_runs_heading_id(heading.source),
        HeadingIdStyle::PythonMarkdown => python_markdown_heading_id(heading.shown, false),
        HeadingIdStyle::PythonMarkdownUnicode => python_markdown_heading_id(heading.shown, true),
        HeadingIdStyle::TechDocs => tech_docs_heading_id(heading.shown),
        HeadingIdStyle::Kramdown => kramdown_heading_id(heading.source),
        HeadingIdStyle::KramdownStripped => kramdown_heading_id(heading.shown),
        HeadingIdStyle::KramdownGfm => kramdown_gfm_heading_id(heading.shown),
        HeadingIdStyle::None => String::new(),
    }
}

/// Hands out unique heading ids within one page.
#[derive(Debug, Default)]
pub struct HeadingIds {
    style: HeadingIdStyle,
    used: HashSet<String>,
    /// For each base id met twice, the suffix to try next.
    next_suffix: HashMap<String, u64>,
    /// Python-Markdown's ids: for each base id met twice, the id to try next.
    next_python: HashMap<String, String>,
    /// kramdown's `auto_id_prefix`, before each id a kramdown rule makes.
    prefix: String,
    /// `tech-docs`: the ids of the headings that may be parents of the next one, levels
    /// rising from the bottom.
    parents: Vec<(String, u8)>,
}

impl HeadingIds {
    /// Ids in `style`.
    pub fn new(style: HeadingIdStyle) -> Self {
        HeadingIds { style, ..HeadingIds::default() }
    }

    /// The same, with `prefix` before each id a kramdown rule makes.
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.to_string();
        self
    }

    /// Reserves an id the author chose or one made elsewhere (footnotes).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A unique id for this heading.
    pub fn assign(&mut self, heading: &HeadingText<'_>) -> String {
        let mut base = base_id(self.style, heading);
        if matches!(self.style, HeadingIdStyle::PythonMarkdown | HeadingIdStyle::PythonMarkdownUnicode) {
            return self.assign_python_markdown(base);
        }
        if self.style.is_kramdown() {
            return self.assign_kramdown(base);
        }
        if self.style == HeadingIdStyle::None {
            return base;
        }
        let first = if self.style == HeadingIdStyle::TechDocs {
            while self.parents.last().is_some_and(|(_, level)| *level >= heading.level) {
                self.parents.pop();
            }
            if self.used.contains(&base)
                && let Some((parent, _)) = self.parents.last()
            {
                base = format!("{parent}-{base}");
            }
            2
        } else {
            1
        };
        let id = if self.used.insert(base.clone()) { base } else { self.numbered(base, first) };
        if self.style == HeadingIdStyle::TechDocs {
            self.parents.push((id.clone(), heading.level));
        }
        id
    }

    /// `base-n` for the first free `n` from `first`.
    fn numbered(&mut self, base: String, first: u64) -> String {
        // Every id of the form `base-n` is skipped here at most once: its `n` stays below
        // the base's next suffix from then on. So the loop is linear over the page.
        let next = self.next_suffix.entry(base.clone()).or_insert(first);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

impl HeadingIds {
    /// `base`, or the first of `base_1`, `base_2`... (Python-Markdown's `unique`) not
    /// taken. Each base remembers where its walk stopped: the walk from a base is always
    /// the same, and ids only ever get taken.
    fn assign_python_markdown(&mut self, base: String) -> String {
        if !base.is_empty() && self.used.insert(base.clone()) {
            return base;
        }
        let mut candidate = self.next_python.remove(&base).unwrap_or_else(|| next_python_markdown_id(&base));
        while !self.used.insert(candidate.clone()) {
            candidate = next_python_markdown_id(&candidate);
        }
        self.next_python.insert(base, next_python_markdown_id(&candidate));
        candidate
    }

    /// `base` the first time, then `base-1`, `base-2`… as kramdown numbers them
    /// (`generate_id`, `generate_gfm_header_id`): by a count of the base alone, whatever
    /// other ids the page holds.
    fn assign_kramdown(&mut self, base: String) -> String {
        let id = match self.next_suffix.get_mut(&base) {
            Some(count) => {
                *count += 1;
                format!("{}{base}-{count}", self.prefix)
            }
            None => {
                let id = format!("{}{base}", self.prefix);
                self.next_suffix.insert(base, 0);
                id
            }
        };
        self.used.insert(id.clone());
        id
    }
}

/// The text of a heading's Markdown source as Goldmark reads it for an id: the last
/// line of its content, without the opening `#` marks, a closing sequence of `#`, an
/// attribute block (`{.class}`) or a setext underline.
pub fn heading_source_line(source: &str) -> &str {
    let source = source.trim_end_matches(['\n', '\r']);
    let trimmed = source.trim_start_matches(' ');
    if trimmed.starts_with('#') {
        let line = trimmed.lines().next().unwrap_or_default();
        let mut line = line.trim_start_matches('#').trim();
        if line.ends_with('}')
            && let Some(open) = line.rfind('{')
        {
            line = line[..open].trim_end();
        }
        let without_closing = line.trim_end_matches('#');
        if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
            line = without_closing.trim_end();
        }
        return line;
    }
    // A setext heading: the content's last line, above the underline.
    let mut line = source.lines().rev().nth(1).map_or("", str::trim);
    if line.ends_with('}')
        && let Some(open) = line.rfind('{')
    {
        line = line[..open].trim_end();
    }
    line
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Headings below this one.
    pub children: Vec<TocEntry>,
}

/// Nests a flat list of headings by level: each heading goes under the closest earlier
/// heading with a smaller level.
pub fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert_entry(&mut roots, entry);
    }
    roots
}

fn insert_entry(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert_entry(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl HeadingIds {
        fn assign_text(&mut self, text: &str) -> String {
            self.assign(&HeadingText::plain(text))
        }
    }

    #[test]
    fn repeated_headings_get_their_own_ids() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.assign_text("Steps"), "steps");
        assert_eq!(ids.assign_text("Steps"), "steps-1");
        ids.reserve("steps-2");
        assert_eq!(ids.assign_text("Steps"), "steps-3");
    }

    /// The ids a page of headings gets in `style`.
    fn ids_in(style: HeadingIdStyle, headings: &[HeadingText<'_>]) -> Vec<String> {
        let mut ids = HeadingIds::new(style);
        headings.iter().map(|h| ids.assign(h)).collect()
    }

    #[test]
    fn each_style_tells_repeats_apart_as_its_tool_does() {
        let page = [
            HeadingText::plain("Steps"),
            HeadingText::plain("Steps"),
            HeadingText::plain("Steps-1"),
            HeadingText::plain("😄"),
            HeadingText::plain("🙂"),
        ];
        let expected: [(HeadingIdStyle, [&str; 5]); 6] = [
            (HeadingIdStyle::Opsbook, ["steps", "steps-1", "steps-1-1", "section", "section-1"]),
            (HeadingIdStyle::Github, ["steps", "steps-1", "steps-1-1", "", "-1"]),
            (HeadingIdStyle::TextWithAlt, ["steps", "steps-1", "steps-1-1", "", "-1"]),
            (HeadingIdStyle::SourceLine, ["steps", "steps-1", "steps-1-1", "heading", "heading-1"]),
            (HeadingIdStyle::PythonMarkdown, ["steps", "steps_1", "steps-1", "_1", "_2"]),
            (HeadingIdStyle::TechDocs, ["steps", "steps-2", "steps-1", "", "-2"]),
        ];
        for (style, ids) in expected {
            assert_eq!(ids_in(style, &page), ids, "{style:?}");
        }
    }

    #[test]
    fn each_style_reads_its_form_of_the_heading() {
        // `## Run `kubectl` on [the node](node.md) ![alert](a.png)`
        let heading = HeadingText {
            text: "Run kubectl on the node alert",
            shown: "Run kubectl on the node ",
            source: "Run `kubectl` on [the node](node.md) ![alert](a.png)",
            level: 2,
        };
        let expected = [
            (HeadingIdStyle::Opsbook, "run-kubectl-on-the-node-alert"),
            (HeadingIdStyle::Github, "run-kubectl-on-the-node-"),
            (HeadingIdStyle::TextWithAlt, "run-kubectl-on-the-node-alert"),
            (HeadingIdStyle::SourceLine, "run-kubectl-on-the-nodenodemd-alertapng"),
            (HeadingIdStyle::PythonMarkdown, "run-kubectl-on-the-node"),
            (HeadingIdStyle::TechDocs, "run-kubectl-on-the-node"),
        ];
        for (style, id) in expected {
            assert_eq!(ids_in(style, &[heading]), [id], "{style:?}");
        }
    }

    /// The GOV.UK Tech Docs Template's own tests of its ids, as a table: alphagov/tech-docs-gem
    /// `spec/govuk_tech_docs/unique_identifier_generator_spec.rb`, commit
    /// 8d9a4d170b8eae1c413a67df47e11449c3dc46fa. Each case is a page's headings (shown
    /// text, level) and the ids the generator gives them. "strips HTML tags" is
    /// `Using <code>bash</code>`, whose shown text is `Using bash`.
    #[test]
    fn tech_docs_ids_follow_the_template_s_own_spec() {
        // (what the spec's example says, the page's headings as text and level, their ids)
        type Case = (&'static str, &'static [(&'static str, u8)], &'static [&'static str]);
        let cases: [Case; 8] = [
            ("lower-cases the text", &[("Heading", 1)], &["heading"]),
            ("strips leading and trailing spaces", &[("  heading  ", 1)], &["heading"]),
            ("replaces non alphanumerics", &[("Headings (Etc) Are Great", 1)], &["headings-etc-are-great"]),
            ("no dashes at either end", &[("(Not (More) Headings!)", 1)], &["not-more-headings"]),
            ("strips HTML tags", &[("Using bash", 1)], &["using-bash"]),
            (
                "a unique parent prefixes",
                &[("Parent 1", 1), ("The Same Heading", 2), ("Parent 2", 1), ("The Same Heading", 2)],
                &["parent-1", "the-same-heading", "parent-2", "parent-2-the-same-heading"],
            ),
            (
                "an identical parent numbers",
                &[("The Same Parent", 1), ("The Same Heading", 2), ("The Same Heading", 2), ("The Same Heading", 2)],
                &[
                    "the-same-parent",
                    "the-same-heading",
                    "the-same-parent-the-same-heading",
                    "the-same-parent-the-same-heading-2",
                ],
            ),
            (
                "no parent numbers",
                &[("The Same Heading", 1), ("The Same Heading", 1)],
                &["the-same-heading", "the-same-heading-2"],
            ),
        ];
        for (name, headings, expected) in cases {
            let page: Vec<HeadingText<'_>> =
                headings.iter().map(|&(text, level)| HeadingText { level, ..HeadingText::plain(text) }).collect();
            assert_eq!(ids_in(HeadingIdStyle::TechDocs, &page), expected, "{name}");
        }
        // Redcarpet writes `'` as `&#39;` and `&` as `&amp;` before the id is made.
        assert_eq!(
            ids_in(HeadingIdStyle::TechDocs, &[HeadingText::plain("The director's database & you")]),
            ["the-director-39-s-database-amp-you"]
        );
    }

    /// The algorithm before suffixes were remembered: try `-1`, `-2`... from the start.
    #[derive(Default)]
    struct ScanningIds {
        used: HashSet<String>,
    }

    impl ScanningIds {
        fn assign(&mut self, text: &str) -> String {
            let base = heading_id(text);
            if self.used.insert(base.clone()) {
                return base;
            }
            let id = (1..).map(|n| format!("{base}-{n}")).find(|c| !self.used.contains(c)).unwrap_or_default();
            self.used.insert(id.clone());
            id
        }
    }

    #[test]
    fn remembered_suffixes_give_the_ids_that_scanning_gave() {
        // `Ok("text")` is a heading's text, `Err("id")` an id reserved by an author.
        let cases: &[&[Result<&str, &str>]] = &[
            &[Ok("Steps"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Err("steps-1"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Ok("Steps"), Ok("Steps"), Err("steps-2"), Err("steps-3"), Ok("Steps"), Ok("Steps")],
            &[Ok("Steps 1"), Ok("Steps"), Ok("Steps"), Ok("Steps"), Ok("Steps 1"), Ok("Steps 1")],
            &[Ok("Steps"), Ok("Steps"), Ok("Steps-1"), Ok("Steps 1"), Ok("Steps"), Ok("Steps 1 1")],
            &[Err("steps"), Ok("Steps"), Err("steps-3"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Ok(""), Ok(""), Ok("-1"), Ok(""), Ok("!"), Ok("Über"), Ok("über"), Ok("UBER")],
            &[Ok("A"), Ok("A-1"), Ok("A"), Ok("A-1"), Ok("A-1-1"), Ok("A"), Ok("A-1")],
            &[Err("fn-1"), Ok("Fn"), Ok("Fn"), Err("fn-5"), Ok("Fn"), Ok("Fn"), Ok("Fn"), Ok("Fn")],
        ];
        for case in cases {
            let (mut new, mut old) = (HeadingIds::default(), ScanningIds::default());
            let (mut got, mut expected) = (Vec::new(), Vec::new());
            for step in *case {
                match step {
                    Ok(text) => {
                        got.push(new.assign_text(text));
                        expected.push(old.assign(text));
                    }
                    Err(id) => {
                        new.reserve(id);
                        old.used.insert(id.to_string());
                    }
                }
            }
            assert_eq!(got, expected, "{case:?}");
        }
    }

    #[test]
    fn many_identical_headings_take_one_step_each() {
        let mut ids = HeadingIds::default();
        for n in 0..20_000 {
            let id = ids.assign_text("Same");
            assert_eq!(id, if n == 0 { "same".to_string() } else { format!("same-{n}") });
        }
        // The next suffix is remembered: the quadratic scan would have tried 200 million.
        assert_eq!(ids.next_suffix.get("same"), Some(&20_000));
    }

    #[test]
    fn reads_the_source_line_hugo_reads() {
        let cases = [
            ("## Steps\n", "Steps"),
            ("### Run `kubectl` ###\n", "Run `kubectl`"),
            ("## C#\n", "C#"),
            ("## Steps {.wide}\n", "Steps"),
            ("  # Indented #  \n", "Indented"),
            ("Line one\nLine two\n--------\n", "Line two"),
            ("##\n", ""),
        ];
        for (source, line) in cases {
            assert_eq!(heading_source_line(source), line, "{source:?}");
        }
    }

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry { level, id: id.into(), title: id.into(), children: Vec::new() }
    }

    #[test]
    fn nests_headings_by_level() {
        let toc = nest_toc(vec![
            entry(2, "a"),
            entry(3, "a1"),
            entry(4, "a1x"),
            entry(3, "a2"),
            entry(2, "b"),
            entry(4, "b1"),
        ]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[0].children[0].children[0].id, "a1x");
        assert_eq!(toc[1].children[0].id, "b1");
    }
}
