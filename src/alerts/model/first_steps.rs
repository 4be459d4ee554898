//! The first steps of a runbook, for the page of an alert (`/alerts/<name>/`): what the
//! engineer paged at 3 a.m. runs first, shown on the first screen of a phone, and the
//! jumps to the runbook's diagnosis, mitigation and escalation.
//!
//! Read from the runbook's rendered body, whose headings carry the ids of its table of
//! contents, by the one HTML reader (so a `<pre>` in a comment or a script is none):
//! 1. a runbook marks its first steps with `first_steps` in its front matter (the text
//!    of a heading, or `#` and its id), or with the class `first-steps` on a heading
//!    (`## Stop the bleeding {.first-steps}`): the whole section under that heading is
//!    the first steps;
//! 2. without a mark, the first code block of the first steps-like section (a heading
//!    that says first steps, immediate actions, mitigation, diagnosis, triage... in the
//!    order of the page) that has one; else the page's first code block; else the first
//!    list of the first steps-like section.

use crate::html_pass::PlacedTag;
use crate::markdown::TocEntry;

/// A section of a rendered body: a heading and what follows it up to the next heading of
/// its level or above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section<'a> {
    /// The heading's id.
    pub(crate) id: &'a str,
    /// Its text.
    pub(crate) title: &'a str,
    /// Its level, 1 to 6.
    pub(crate) level: u8,
    /// Where its heading starts in the body (`<hN`).
    start: usize,
    /// Where its content starts (after `</hN>`).
    body: usize,
    /// Where it ends.
    end: usize,
    /// Whether the heading carries the class `first-steps`.
    marked: bool,
}

/// The first steps found in a runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FirstSteps<'a> {
    /// The section they come from, if any (a page's first code block may stand before
    /// any heading).
    pub(crate) section: Option<Section<'a>>,
    /// Their HTML, as the runbook shows it.
    pub(crate) html: &'a str,
    /// Whether the runbook marked them (the whole section), or opsbook chose a block.
    pub(crate) marked: bool,
}

/// What a section's heading is for, read from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Confirming the cause.
    Diagnosis,
    /// Restoring service.
    Mitigation,
    /// Whom to page.
    Escalation,
}

/// The words (prefixes of a heading's words, lower case) of each purpose.
const PURPOSES: &[(Purpose, &[&str])] = &[
    (Purpose::Diagnosis, &["diagnos", "investigat", "triage", "troubleshoot", "debug", "identif"]),
    (Purpose::Mitigation, &["mitigat", "remediat", "resolution", "resolv", "fix", "recover", "workaround", "repair"]),
    (Purpose::Escalation, &["escalat", "contact", "page", "paging"]),
];

/// The words of a heading that says "first steps" by itself.
const FIRST_WORDS: &[&str] = &["first", "immediate", "quick", "steps", "action", "respond", "response"];

/// What a heading is for, if one of [`PURPOSES`].
pub(crate) fn purpose(title: &str) -> Option<Purpose> {
    let words = words(title);
    PURPOSES
        .iter()
        .find(|(_, prefixes)| words.iter().any(|w| prefixes.iter().any(|p| w.starts_with(p))))
        .map(|(purpose, _)| *purpose)
}

/// Whether a heading reads as the place of first steps: one of [`FIRST_WORDS`], or a
/// diagnosis or mitigation.
fn steps_like(title: &str) -> bool {
    let words = words(title);
    words.iter().any(|w| FIRST_WORDS.iter().any(|p| w.starts_with(p)))
        || matches!(purpose(title), Some(Purpose::Diagnosis | Purpose::Mitigation))
}

fn words(title: &str) -> Vec<String> {
    title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The tags the first steps are read from, placed by the one HTML reader
/// ([`crate::html_pass::placed_tags`]), so what only looks like a tag (in a comment, a
/// script, an attribute's value) is none.
const TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "pre", "ol", "ul"];

/// A runbook's rendered body and its tags of [`TAGS`], in order.
struct Body<'a> {
    html: &'a str,
    tags: Vec<PlacedTag>,
}

impl<'a> Body<'a> {
    fn read(html: &'a str) -> Self {
        Body { html, tags: crate::html_pass::placed_tags(html, TAGS) }
    }

    /// The first element `<name …>…</name>` that starts and ends within `range`, nested
    /// ones of the same name included.
    fn element(&self, name: &str, range: std::ops::Range<usize>) -> Option<&'a str> {
        let html = self.html;
        let mut named = self.tags.iter().filter(|tag| tag.name == name);
        let open = named.by_ref().find(|tag| !tag.end_tag && !tag.self_closing && tag.start(html) >= range.start)?;
        let start = open.start(html);
        let mut depth = 1usize;
        for tag in named.take_while(|tag| tag.end <= range.end) {
            if tag.end_tag {
                depth -= 1;
                if depth == 0 {
                    return html.get(start..tag.end);
                }
            } else if !tag.self_closing {
                depth += 1;
            }
        }
        None
    }
}

/// The sections of a body whose headings are `toc` (nested), in the order of the body.
/// A heading of the table of contents not found as a `<hN>` tag with its id is left out.
fn sections_of<'a>(body: &Body<'a>, toc: &'a [TocEntry]) -> Vec<Section<'a>> {
    let mut flat = Vec::new();
    flatten(toc, &mut flat);
    let mut found: Vec<Section<'a>> =
        flat.into_iter()
            .filter_map(|entry| {
                let name = format!("h{}", entry.level);
                let at = body.tags.iter().position(|tag| {
                    tag.name == name && !tag.end_tag && tag.attribute("id") == Some(entry.id.as_str())
                })?;
                let heading = &body.tags[at];
                let close = body.tags[at + 1..].iter().find(|tag| tag.name == name && tag.end_tag)?;
                let marked = heading
                    .attribute("class")
                    .is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == "first-steps"));
                Some(Section {
                    id: &entry.id,
                    title: &entry.title,
                    level: entry.level,
                    start: heading.start(body.html),
                    body: close.end,
                    end: body.html.len(),
                    marked,
                })
            })
            .collect();
    found.sort_by_key(|section| section.start);
    for i in 0..found.len() {
        let level = found[i].level;
        if let Some(end) = found[i + 1..].iter().find(|next| next.level <= level).map(|next| next.start) {
            found[i].end = end;
        }
    }
    found
}

fn flatten<'a>(toc: &'a [TocEntry], out: &mut Vec<&'a TocEntry>) {
    for entry in toc {
        out.push(entry);
        flatten(&entry.children, out);
    }
}

/// The first steps of a runbook whose body is `body` and sections `sections`; `mark` is its
/// `first_steps` field (a heading's text, or `#id`). `None` when the runbook has neither
/// a marked section nor a code block nor a list in a steps-like section.
fn first_steps_of<'a>(body: &Body<'a>, sections: &[Section<'a>], mark: Option<&str>) -> Option<FirstSteps<'a>> {
    let html = body.html;
    let mark = mark.map(str::trim).filter(|m| !m.is_empty());
    let marked = sections.iter().find(|section| match mark {
        Some(mark) => match mark.strip_prefix('#') {
            Some(id) => section.id == id,
            None => section.title.trim().eq_ignore_ascii_case(mark),
        },
        None => section.marked,
    });
    if let Some(section) = marked {
        let html = html[section.body..section.end].trim();
        if !html.is_empty() {
            return Some(FirstSteps { section: Some(section.clone()), html, marked: true });
        }
    }
    let steps: Vec<&Section<'a>> = sections.iter().filter(|section| steps_like(section.title)).collect();
    let own = |section: &Section<'a>, tag: &str| {
        // The section's own content, before its first subsection.
        let end = sections.iter().find(|s| s.start > section.start).map_or(section.end, |s| s.start.max(section.body));
        let block = body.element(tag, section.body..end.max(section.body))?;
        Some(FirstSteps { section: Some(section.clone()), html: block, marked: false })
    };
    let whole = |section: &Section<'a>, tag: &str| {
        body.element(tag, section.body..section.end).map(|block| FirstSteps {
            section: Some(section.clone()),
            html: block,
            marked: false,
        })
    };
    steps
        .iter()
        .find_map(|section| own(section, "pre").or_else(|| whole(section, "pre")))
        .or_else(|| {
            body.element("pre", 0..html.len()).map(|block| {
                let at = block.as_ptr() as usize - html.as_ptr() as usize;
                let section = sections.iter().rfind(|s| s.body <= at && at < s.end).cloned();
                FirstSteps { section, html: block, marked: false }
            })
        })
        .or_else(|| steps.iter().find_map(|section| whole(section, "ol").or_else(|| whole(section, "ul"))))
}

/// What an alert's page shows of its runbook, kept (owned) from when the runbook's body
/// was rendered: a build drops each body once its page is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RunbookSteps {
    /// The first steps' HTML, if any.
    pub(crate) html: Option<String>,
    /// The id and text of the heading of their section.
    pub(crate) from: Option<(String, String)>,
    /// Whether the runbook marked them.
    pub(crate) marked: bool,
    /// The first section of each purpose: the purpose, the heading's id and text.
    pub(crate) jumps: Vec<(Purpose, String, String)>,
}

impl RunbookSteps {
    /// What a runbook whose body is `html` and headings `toc`, marked with `mark` (its
    /// `first_steps` field), gives its alerts' pages.
    pub(crate) fn of(html: &str, toc: &[TocEntry], mark: Option<&str>) -> Self {
        let body = Body::read(html);
        let found = sections_of(&body, toc);
        let steps = first_steps_of(&body, &found, mark);
        RunbookSteps {
            html: steps.as_ref().map(|steps| steps.html.to_string()),
            from: steps
                .as_ref()
                .and_then(|steps| steps.section.as_ref())
                .map(|section| (section.id.to_string(), section.title.to_string())),
            marked: steps.as_ref().is_some_and(|steps| steps.marked),
            jumps: jumps(&found).into_iter().map(|(p, id, title)| (p, id.to_string(), title.to_string())).collect(),
        }
    }
}

/// The first section of each [`Purpose`] (diagnosis, mitigation, escalation), in the
/// order of the page.
pub(crate) fn jumps<'a>(sections: &[Section<'a>]) -> Vec<(Purpose, &'a str, &'a str)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for section in sections {
        if let Some(purpose) = purpose(section.title)
            && !seen.contains(&purpose)
        {
            seen.push(purpose);
            out.push((purpose, section.id, section.title));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections<'a>(html: &'a str, toc: &'a [TocEntry]) -> Vec<Section<'a>> {
        sections_of(&Body::read(html), toc)
    }

    fn first_steps<'a>(html: &'a str, toc: &'a [TocEntry], mark: Option<&str>) -> Option<FirstSteps<'a>> {
        let body = Body::read(html);
        first_steps_of(&body, &sections_of(&body, toc), mark)
    }

    fn toc(entries: &[(u8, &str, &str)]) -> Vec<TocEntry> {
        entries
            .iter()
            .map(|(level, id, title)| TocEntry {
                level: *level,
                id: id.to_string(),
                title: title.to_string(),
                children: Vec::new(),
            })
            .collect()
    }

    fn heading(level: u8, id: &str, title: &str) -> String {
        format!(
            "<h{level} id=\"{id}\">{title}<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{level}>\n"
        )
    }

    const PRE_DIAG: &str =
        "<pre class=\"code\" data-lang=\"bash\"><code class=\"language-bash\">df -h\n</code></pre>\n";
    const PRE_MIT: &str = "<pre class=\"code\"><code>journalctl --vacuum-size=500M\n</code></pre>\n";

    fn runbook() -> (String, Vec<TocEntry>) {
        let html = format!(
            "{}<p>What fired.</p>\n{}<p>Find what grew:</p>\n{PRE_DIAG}{}<ol>\n<li>Trim.</li>\n</ol>\n{PRE_MIT}{}<p>Page the team.</p>\n",
            heading(2, "meaning", "Meaning"),
            heading(2, "diagnosis", "Diagnosis"),
            heading(2, "mitigation", "Mitigation"),
            heading(2, "escalation", "Escalation"),
        );
        let toc = toc(&[
            (2, "meaning", "Meaning"),
            (2, "diagnosis", "Diagnosis"),
            (2, "mitigation", "Mitigation"),
            (2, "escalation", "Escalation"),
        ]);
        (html, toc)
    }

    #[test]
    fn takes_the_first_code_block_of_the_first_steps_like_section() {
        let (html, toc) = runbook();
        let steps = first_steps(&html, &toc, None).expect("steps");
        assert_eq!(steps.html, PRE_DIAG.trim_end());
        assert_eq!(steps.section.expect("section").id, "diagnosis");
        assert!(!steps.marked);
    }

    #[test]
    fn a_mark_takes_the_whole_section_by_text_or_id() {
        let (html, toc) = runbook();
        for mark in ["Mitigation", "mitigation", "#mitigation"] {
            let steps = first_steps(&html, &toc, Some(mark)).expect("steps");
            assert_eq!(steps.html, format!("<ol>\n<li>Trim.</li>\n</ol>\n{PRE_MIT}").trim_end(), "{mark}");
            assert!(steps.marked);
        }
        // A mark that names no heading: the choice without a mark.
        let steps = first_steps(&html, &toc, Some("Nothing")).expect("steps");
        assert_eq!(steps.section.expect("section").id, "diagnosis");
    }

    #[test]
    fn a_heading_class_marks_the_first_steps() {
        let html = format!(
            "{}{PRE_DIAG}<h2 id=\"now\" class=\"urgent first-steps\">Now<a class=\"anchor\" href=\"#now\">#</a></h2>\n<p>Restart it.</p>\n",
            heading(2, "diagnosis", "Diagnosis")
        );
        let toc = toc(&[(2, "diagnosis", "Diagnosis"), (2, "now", "Now")]);
        let steps = first_steps(&html, &toc, None).expect("steps");
        assert_eq!(steps.html, "<p>Restart it.</p>");
        assert!(steps.marked);
    }

    #[test]
    fn falls_back_to_the_first_code_block_then_a_list() {
        let html = format!("{}<p>x</p>\n{PRE_MIT}", heading(2, "background", "Background"));
        let toc1 = toc(&[(2, "background", "Background")]);
        assert_eq!(first_steps(&html, &toc1, None).expect("steps").html, PRE_MIT.trim_end());
        let html =
            format!("{}<ol>\n<li>a<ol><li>b</li></ol></li>\n</ol>\n<p>after</p>\n", heading(2, "steps", "Steps"));
        let toc2 = toc(&[(2, "steps", "Steps")]);
        assert_eq!(first_steps(&html, &toc2, None).expect("steps").html, "<ol>\n<li>a<ol><li>b</li></ol></li>\n</ol>");
        let html = format!("{}<p>Nothing to run.</p>\n", heading(2, "about", "About"));
        assert_eq!(first_steps(&html, &toc(&[(2, "about", "About")]), None), None);
    }

    #[test]
    fn a_section_ends_at_the_next_heading_of_its_level() {
        let html = format!(
            "{}<p>a</p>\n{}<p>b</p>\n{}<p>c</p>\n",
            heading(2, "mitigation", "Mitigation"),
            heading(3, "restart", "Restart"),
            heading(2, "escalation", "Escalation")
        );
        let toc = toc(&[(2, "mitigation", "Mitigation"), (3, "restart", "Restart"), (2, "escalation", "Escalation")]);
        let steps = first_steps(&html, &toc, Some("#mitigation")).expect("steps");
        assert!(steps.html.starts_with("<p>a</p>") && steps.html.ends_with("<p>b</p>"), "{}", steps.html);
        let found = sections(&html, &toc);
        let purposes: Vec<Purpose> = jumps(&found).into_iter().map(|(p, ..)| p).collect();
        assert_eq!(purposes, [Purpose::Mitigation, Purpose::Escalation]);
    }

    #[test]
    fn what_only_looks_like_a_tag_is_none() {
        // A heading's id in a comment, a `<pre>` in a comment and in a script's text, and
        // a class in another attribute's name are not what the browser shows.
        let html = format!(
            "<!-- <h2 id=\"diagnosis\">old</h2> -->\n{}<p>x</p>\n<!-- <pre>rm -rf /</pre> -->\n<script>let a = '<pre>';</script>\n{PRE_DIAG}<h2 id=\"next\" data-class=\"first-steps\">Next</h2>\n<PRE class=\"code\">later\n</PRE>\n",
            heading(2, "diagnosis", "Diagnosis")
        );
        let toc = toc(&[(2, "diagnosis", "Diagnosis"), (2, "next", "Next")]);
        let steps = first_steps(&html, &toc, None).expect("steps");
        assert_eq!(steps.html, PRE_DIAG.trim_end());
        assert!(!steps.marked);
        let found = sections(&html, &toc);
        assert_eq!(found[0].start, html.find("<h2 id=\"diagnosis\">Diagnosis").expect("heading"));
        // A block whose end tag is written in capitals is still one element.
        let steps = first_steps(&html, &toc, Some("#next")).expect("steps");
        assert_eq!(steps.html, "<PRE class=\"code\">later\n</PRE>");
    }

    #[test]
    fn reads_what_a_heading_is_for() {
        assert_eq!(purpose("Diagnosis"), Some(Purpose::Diagnosis));
        assert_eq!(purpose("How to investigate"), Some(Purpose::Diagnosis));
        assert_eq!(purpose("Remediation steps"), Some(Purpose::Mitigation));
        assert_eq!(purpose("Escalation"), Some(Purpose::Escalation));
        assert_eq!(purpose("Meaning"), None);
        assert!(steps_like("First steps") && steps_like("Immediate actions") && !steps_like("Impact"));
    }
}
