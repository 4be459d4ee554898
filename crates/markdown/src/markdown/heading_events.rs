//! Headings and definition-list terms: their ids, their entries in the table of
//! contents, and the page's title heading kept apart.

use super::*;

impl<'a> BodyWriter<'a> {
    /// A definition list's term with an id, as Hugo's `autoDefinitionTermID` gives it:
    /// made from the term's text as a heading's id is, unique among the page's ids, and
    /// an anchor links may name. The term is in no table of contents.
    pub(super) fn definition_term(&mut self, source: &'a str, parser: &mut Source<'a>, target: &mut Events<'a>) {
        let mut inner: Events<'a> = Vec::new();
        let mut text = String::new();
        for (event, range) in parser.by_ref() {
            match event {
                Event::End(TagEnd::DefinitionListTitle) => break,
                Event::Text(ref t) | Event::Code(ref t) => text.push_str(&rewrite::strip_inline(t)),
                _ => {}
            }
            inner.push(self.inline(event, range.start));
        }
        let source = match self.input.heading_ids {
            style if style.is_source_line() => source.lines().next().unwrap_or_default(),
            _ => "",
        };
        let id = self.ids.assign(&HeadingText { text: &text, shown: &text, source, level: 7 });
        if id.is_empty() {
            target.push(Event::Html("<dt>".into()));
        } else {
            self.out.anchors.push(id.clone());
            target.push(Event::Html(format!("<dt id=\"{}\">", escape(&id)).into()));
        }
        target.extend(inner);
        target.push(Event::Html("</dt>\n".into()));
    }

    pub(super) fn heading(&mut self, heading: Heading<'a>, parser: &mut Source<'a>, target: &mut Events<'a>) {
        let mut inner: Events<'a> = Vec::new();
        let mut text = String::new();
        // The text without images' alt text, as a browser shows it: only the GitHub
        // Python-Markdown and tech-docs styles of ids read it.
        let style = self.input.heading_ids;
        let keep_shown = style.is_kramdown()
            || matches!(
                style,
                crate::slug::HeadingIdStyle::Github
                    | crate::slug::HeadingIdStyle::PythonMarkdown
                    | crate::slug::HeadingIdStyle::PythonMarkdownUnicode
                    | crate::slug::HeadingIdStyle::TechDocs
            );
        let mut shown = String::new();
        // kramdown reads typographic symbols (`--`) in text, not in code: from where the
        // text after the last code span starts.
        let mut text_run = 0;
        let mut in_image = 0usize;
        self.in_heading = true;
        for (event, range) in parser.by_ref() {
            self.elements.count(&event);
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(ref t) => {
                    let t = rewrite::strip_inline(t);
                    text.push_str(&t);
                    if keep_shown && in_image == 0 {
                        shown.push_str(&t);
                    }
                }
                Event::Code(ref t) => {
                    text.push_str(t);
                    if keep_shown && in_image == 0 {
                        kramdown_typography_from(&mut shown, text_run, style);
                        if style != crate::slug::HeadingIdStyle::KramdownStripped {
                            shown.push_str(t);
                        }
                        text_run = shown.len();
                    }
                }
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                // A note's number, in the order of the page's references, links to the
                // note; it is not part of the heading's id or its entry in the contents.
                Event::FootnoteReference(ref label) => {
                    inner.push(Event::InlineHtml(self.footnote_reference(label).into()));
                    continue;
                }
                _ => {}
            }
            let (colon, event, at) = self.split_escaped_colon(event, range.start);
            inner.extend(colon);
            let event = self.inline(event, at);
            inner.push(event);
        }
        self.in_heading = false;
        kramdown_typography_from(&mut shown, text_run, style);
        let id = self.heading_id(&heading, &text, &shown);
        let text = self.with_emoji(text.trim()).into_owned();
        let level = heading_level(heading.level);
        if level == 1 && self.out.first_h1.is_none() {
            self.out.first_h1 = Some(text.clone());
        }
        if heading.opens_page && level == 1 {
            self.out.title_heading = Some(text.clone());
        } else {
            if self.input.collect_text {
                self.out.sections.push(SectionText {
                    id: Some(id.clone()).filter(|id| !id.is_empty()),
                    heading: text.clone(),
                    ..SectionText::default()
                });
            }
            // kramdown leaves a heading with the class `no_toc` out of the table of
            // contents, and one without an id.
            if !heading.classes.iter().any(|class| class.as_ref() == "no_toc") && !id.is_empty() {
                self.toc.push(TocEntry { level, id: id.clone(), title: text, children: Vec::new() });
            }
        }
        target.push(Event::Html(opening_tag(&heading, level, &id).into()));
        target.extend(inner);
        let link = if id.is_empty() {
            String::new()
        } else {
            self.out.anchors.push(id.clone());
            format!(
                "<a class=\"anchor\" href=\"#{}\" aria-label=\"{}\">#</a>",
                escape(&id),
                escape(self.input.words.say("md_section_link"))
            )
        };
        target.push(Event::Html(format!("{link}</h{level}>\n").into()));
    }

    /// The heading's id: the author's, else one the style makes of its text (empty:
    /// none, as kramdown-parser-gfm gives a heading of no word and kramdown an author's
    /// `{: id=""}`).
    fn heading_id(&mut self, heading: &Heading<'a>, text: &str, shown: &str) -> String {
        let style = self.input.heading_ids;
        // An `id` written as a key (`{ id=setup }`, Python-Markdown's attr_list and
        // Goldmark) is the heading's id as `{#setup}` is, not a second `id` attribute.
        let keyed_id = heading
            .attrs
            .iter()
            .find(|(name, value)| name.eq_ignore_ascii_case("id") && value.as_deref().is_some_and(|v| !v.is_empty()))
            .and_then(|(_, value)| value.clone());
        if let Some(id) = heading.id.as_ref().or(keyed_id.as_ref()) {
            self.ids.reserve(id);
            return id.to_string();
        }
        if style.is_kramdown() && heading.attrs.iter().any(|(name, _)| name.eq_ignore_ascii_case("id")) {
            return String::new();
        }
        self.ids.assign(&HeadingText {
            text,
            shown,
            // Only the Hugo and kramdown styles read the source line.
            source: match style {
                style if style.is_source_line() => heading_source_line(heading.source),
                crate::slug::HeadingIdStyle::Kramdown => crate::slug::kramdown_source_line(heading.source),
                _ => "",
            },
            level: heading_level(heading.level),
        })
    }
}

/// The heading's opening tag: its id unless empty, its classes and safe attributes.
fn opening_tag(heading: &Heading<'_>, level: u8, id: &str) -> String {
    let mut open = format!("<h{level}");
    if !id.is_empty() {
        open.push_str(&format!(" id=\"{}\"", escape(id)));
    }
    if !heading.classes.is_empty() {
        let classes: Vec<&str> = heading.classes.iter().map(|c| c.as_ref()).collect();
        open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
    }
    for (name, value) in
        heading.attrs.iter().filter(|(name, _)| paragraph_attributes::is_safe(name) && !name.eq_ignore_ascii_case("id"))
    {
        open.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
    }
    open.push('>');
    open
}

/// `shown` with kramdown's typographic symbols read from `from` on, when `style` is
/// kramdown's ([`crate::slug::kramdown_typography`]).
fn kramdown_typography_from(shown: &mut String, from: usize, style: crate::slug::HeadingIdStyle) {
    if style.is_kramdown() && from < shown.len() {
        let run = crate::slug::kramdown_typography(&shown[from..]);
        shown.truncate(from);
        shown.push_str(&run);
    }
}

/// A heading's start event, with its Markdown.
pub(super) struct Heading<'a> {
    /// The heading's Markdown, its `#` marks or underline included.
    pub(super) source: &'a str,
    pub(super) level: HeadingLevel,
    pub(super) id: Option<CowStr<'a>>,
    pub(super) classes: Vec<CowStr<'a>>,
    pub(super) attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    pub(super) opens_page: bool,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
