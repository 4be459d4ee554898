//! The inline events of a page body: text, code, links and the dialects' placeholders
//! written, and the page's search text and HTML ids noted as they pass.

use super::*;

impl<'a> BodyWriter<'a> {
    /// Links, images, raw HTML and text, wherever they stand.
    pub(super) fn inline(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            // A destination the old tool filled in (a reference definition holding a
            // shortcode or variable, which the dialects made a placeholder): the link's
            // text stays, the placeholder follows it, and nothing is checked, as for an
            // inline link with one (`dialects::inline`).
            Event::Start(Tag::Link { dest_url, .. }) if self.rewrite.is_some_and(|r| r.has_placeholders(&dest_url)) => {
                let filled = self.rewrite.and_then(|r| r.fill(&dest_url, &mut self.open_blocks, false));
                self.link_placeholders.push(Some(format!(" {}", filled.unwrap_or_default())));
                Event::InlineHtml(CowStr::Borrowed(""))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !matches!(link_type, LinkType::Email) => {
                self.link_placeholders.push(None);
                let dest_url = self.rewrite(dest_url, offset, false);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(link @ Tag::Link { .. }) => {
                self.link_placeholders.push(None);
                Event::Start(link)
            }
            Event::End(TagEnd::Link) => match self.link_placeholders.pop().flatten() {
                Some(placeholders) => Event::InlineHtml(placeholders.into()),
                None => Event::End(TagEnd::Link),
            },
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite(dest_url, offset, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Html(html) if self.rewrite.is_some_and(|r| r.has_placeholders(&html)) => {
                let inside_tag = self.html_scan.in_tag;
                let filled =
                    self.rewrite.and_then(|r| r.fill(&html, &mut self.open_blocks, inside_tag)).unwrap_or_default();
                self.raw_html.push(&filled, offset, false);
                Event::Html(self.raw_html_read(filled.into(), offset, true))
            }
            Event::InlineHtml(html) if self.rewrite.is_some_and(|r| r.has_placeholders(&html)) => {
                let filled = self.rewrite.and_then(|r| r.fill(&html, &mut self.open_blocks, false)).unwrap_or_default();
                self.raw_html.push(&filled, offset, false);
                Event::Html(self.raw_html_read(filled.into(), offset, true))
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_scan.at_block();
                Event::Start(Tag::HtmlBlock)
            }
            Event::Html(html) => {
                self.raw_html.push(&html, offset, true);
                Event::Html(self.raw_html_read(html, offset, false))
            }
            Event::InlineHtml(html) => {
                self.raw_html.push(&html, offset, true);
                if let Some(block) = blocks::html_break(&html) {
                    self.note_search_break(block);
                }
                Event::InlineHtml(self.raw_html_read(html, offset, false))
            }
            Event::Text(text) if self.rewrite.is_some() && text.contains(rewrite::INLINE_OPEN) => {
                self.inline_placeholders(&text, offset)
            }
            Event::Text(text) => {
                self.note_text(&text);
                Event::Text(text)
            }
            Event::Code(code) => {
                let code = match self.rewrite.and_then(|r| r.restore(&code)) {
                    Some(restored) => CowStr::from(restored),
                    None => code,
                };
                // The description is plain text, not code: a template construct in the
                // code (which the old tool replaced) shows there as an ellipsis.
                let hidden =
                    if self.in_summary && self.rewrite.is_some() { rewrite::hide_constructs(&code) } else { None };
                match hidden {
                    Some(hidden) => {
                        self.in_summary = false;
                        self.note_text(&code);
                        self.in_summary = true;
                        self.out.summary.push_str(&hidden);
                    }
                    None => self.note_text(&code),
                }
                Event::Code(code)
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_break(false);
                event
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
                ) {
                    self.note_break(true);
                }
                Event::End(end)
            }
            other => other,
        }
    }

    /// Text with inline placeholders: the text around them escaped, their HTML put in.
    pub(super) fn inline_placeholders(&mut self, text: &str, offset: usize) -> Event<'a> {
        let mut html = String::with_capacity(text.len() + 64);
        let mut rest = text;
        while let Some((before, after)) = rest.split_once(rewrite::INLINE_OPEN) {
            // Where this placeholder is, for what its HTML reports (a missing asset).
            let at = offset + (text.len() - rest.len()) + before.len();
            self.note_text(before);
            push_escaped(&mut html, &self.with_emoji(before));
            let Some((number, after)) = after.split_once(rewrite::INLINE_CLOSE) else {
                rest = after;
                continue;
            };
            let found = self.rewrite.and_then(|r| r.placeholder(number));
            if found.is_some_and(|p| p.attributes.iter().any(|(name, _)| name == paragraph_attributes::KRAMDOWN_TOC)) {
                // kramdown's `* TOC` + `{:toc}`: the list it ends is the table of contents.
                self.kramdown_toc = !self.list_starts.is_empty();
            } else if let Some(p) = found.filter(|p| !p.attributes.is_empty()) {
                let id = p.attributes.iter().find(|(name, _)| name == "id").map(|(_, id)| id.clone());
                if self.in_paragraph {
                    self.paragraph_attributes = Some(p.attributes.clone());
                } else if let Some(id) = &id {
                    // Text outside a paragraph (a tight list's item): the id marks the place.
                    html.push_str(&format!("<span id=\"{}\"></span>", escape(id)));
                }
                self.out.anchors.extend(id);
            }
            let placeholder = self.rewrite.and_then(|r| r.placeholder(number));
            let placeholder = placeholder.and_then(|p| p.html_in(&mut self.open_blocks)).map(str::to_string);
            if let Some(placeholder) = placeholder {
                let placeholder = self.rewrite_html(placeholder.into(), at, true);
                self.note_html_ids(&placeholder);
                html.push_str(&placeholder);
            }
            rest = after;
        }
        self.note_text(rest);
        push_escaped(&mut html, &self.with_emoji(rest));
        Event::InlineHtml(html.into())
    }

    /// An escaped colon that starts a text event at `offset` (`\\:smile:`, which
    /// pulldown-cmark reads as text from the colon on) opens no emoji shortcode: it is
    /// split off as HTML, so that the emoji pass reads the text after it alone. The rest
    /// of the event, and where it starts.
    pub(super) fn split_escaped_colon(&self, event: Event<'a>, offset: usize) -> (Option<Event<'a>>, Event<'a>, usize) {
        let escaped = offset > 0 && self.input.text.as_bytes().get(offset - 1) == Some(&b'\\');
        match event {
            Event::Text(text) if escaped && self.input.emoji != emoji::Shortcodes::Off && text.starts_with(':') => {
                let rest = match text {
                    CowStr::Borrowed(text) => CowStr::Borrowed(&text[1..]),
                    text => CowStr::from(text[1..].to_string()),
                };
                (Some(Event::InlineHtml(":".into())), Event::Text(rest), offset + 1)
            }
            event => (None, event, offset),
        }
    }

    /// `text` with its emoji shortcodes made emoji, as the old tool's Markdown made them.
    pub(super) fn with_emoji<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        emoji::replace(text, self.input.emoji).map_or(std::borrow::Cow::Borrowed(text), Into::into)
    }

    pub(super) fn footnote_reference(&mut self, label: &str) -> String {
        let next = self.footnote_numbers.len() + 1;
        let number = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
        let count = self.footnote_refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let key = blocks::footnote_key(label);
        let ref_id = if *count == 1 { format!("fnref-{key}") } else { format!("fnref-{key}-{count}") };
        self.out.anchors.push(ref_id.clone());
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{key}\" id=\"{ref_id}\">{number}</a></sup>")
    }

    /// Keeps the words of two lines apart in the search text, and those of two blocks
    /// (`block`: a paragraph, list item, table cell... ends) on two lines: a quoted
    /// phrase is matched within a block ([`crate::search::pairs`]).
    pub(super) fn note_break(&mut self, block: bool) {
        if let Some(more) = self.before_more.as_mut().filter(|more| !more.ends_with(' ')) {
            more.push(' ');
        }
        // A line break inside the first paragraph parts its words in the description.
        if self.in_summary && !self.out.summary.ends_with(char::is_whitespace) {
            self.out.summary.push(' ');
        }
        self.note_search_break(block);
    }

    /// [`Self::note_break`] in the search text only: for raw HTML that separates words
    /// (`<br>`, [`blocks::html_break`]), which the rest of the page keeps as it was.
    pub(super) fn note_search_break(&mut self, block: bool) {
        if !self.in_heading
            && let Some(section) = self.out.sections.last_mut()
        {
            if block && section.text.ends_with(' ') {
                section.text.pop();
            }
            if block && !section.text.ends_with('\n') {
                section.text.push('\n');
            } else if !section.text.ends_with([' ', '\n']) {
                section.text.push(' ');
            }
        }
    }

    /// Records the `id` and `name` attributes of a piece of HTML of its own (a
    /// placeholder's): links may point to them.
    pub(super) fn note_html_ids(&mut self, html: &str) {
        self.note_html_ids_in(html, &html_scan::HtmlScan::default().markup(html));
    }

    /// [`Self::note_html_ids`] of the `parts` of raw HTML that are markup
    /// ([`super::html_scan`]).
    fn note_html_ids_in(&mut self, html: &str, parts: &[html_scan::Markup]) {
        if html.contains('=') {
            for attribute in html_scan::attributes_in(html, parts, links::ID_ATTRIBUTES) {
                self.out.anchors.push(crate::html::decode_entities(&html[attribute.start..attribute.end]));
            }
        }
    }

    /// Reads a piece of the page's raw HTML at `offset`, following on from the pieces
    /// before it: its ids are anchors, its links are rewritten (all reported at
    /// `offset` when `at_offset`); a comment or a script's text holds neither.
    pub(super) fn raw_html_read(&mut self, html: CowStr<'a>, offset: usize, at_offset: bool) -> CowStr<'a> {
        let parts = self.html_scan.markup(&html);
        self.note_html_ids_in(&html, &parts);
        let attributes = html_scan::attributes_in(&html, &parts, links::LINK_ATTRIBUTES);
        self.rewrite_attributes(html, attributes, offset, at_offset)
    }

    pub(super) fn note_text(&mut self, text: &str) {
        self.out.word_count += count_words(text);
        if self.in_summary {
            self.out.summary.push_str(text);
        }
        if let Some(more) = self.before_more.as_mut().filter(|_| !self.in_heading) {
            more.push_str(text);
        }
        if !self.in_heading
            && let Some(section) = self.out.sections.last_mut()
        {
            section.text.push_str(text);
        }
    }
}
