//! [`BodyWriter::run`]: the parser's events of a Markdown page, block by block, written
//! as HTML; diagrams drawn, internal blocks dropped, what the page leaves open reported.

use super::*;

/// The events written so far: the page's, each footnote's open (with its label), each
/// quote open (`None` a plain one, else the closing tag of the callout it is), and where
/// the last paragraph opened in its list of events.
struct Open<'a> {
    main: Events<'a>,
    footnotes: Vec<(String, Events<'a>)>,
    quotes: Vec<Option<&'static str>>,
    paragraph_at: usize,
}

impl<'a> BodyWriter<'a> {
    pub(super) fn run(&mut self) {
        let text = self.input.text;
        let options = match self.input.definition_lists {
            DefinitionLists::Off => parser_options(),
            DefinitionLists::On { .. } => parser_options() | Options::ENABLE_DEFINITION_LIST,
        };
        let events = Parser::new_ext(text, options).into_offset_iter();
        // Only a page that can hold an internal block (its markers say `internal`) can
        // have definitions to hide; the others stream through the filter.
        let may_hide = || memchr_insensitive(text, "internal");
        let definitions: Vec<(String, std::ops::Range<usize>)> = match self.input.internal_blocks {
            internal::Mode::Drop if may_hide() => {
                events.reference_definitions().iter().map(|(l, d)| (references::normalise(l), d.span.clone())).collect()
            }
            internal::Mode::Drop | internal::Mode::Mark => Vec::new(),
        };
        let blocks =
            InternalBlocks::new(events, text, self.input.internal_blocks).labelled(self.input.words.say("md_internal"));
        let mut parser = InternalReferences::new(blocks, text, definitions);
        // About one event per 16 bytes of Markdown: sized once rather than grown (and
        // copied) a dozen times.
        let mut open = Open {
            main: Vec::with_capacity(text.len() / 16),
            footnotes: Vec::new(),
            quotes: Vec::new(),
            paragraph_at: 0,
        };
        while let Some((event, range)) = parser.next() {
            self.elements.count(&event);
            if let Some(reason) = self.elements.past_budget() {
                let d = self.location(range.start).diagnostic(Rule::Budget, reason);
                self.out.diagnostics.push(d.with_help("split the page: the rest of it is not rendered"));
                break;
            }
            self.event(event, range, &mut parser, &mut open);
        }
        self.end_of_page(open.main, &mut parser);
    }

    /// Writes one event of the page (with the events of its block, for a heading, a
    /// term or a code block) into the footnote open, else the page.
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>, parser: &mut Source<'a>, open: &mut Open<'a>) {
        let text = self.input.text;
        let in_footnote = !open.footnotes.is_empty();
        let target = match open.footnotes.last_mut() {
            Some((_, events)) => events,
            None => &mut open.main,
        };
        match event {
            _ if self.sectioned_table.is_some() && self.sectioned_table_event(&event, target) => {}
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let opens_page = !self.blocks_seen && !in_footnote;
                self.blocks_seen = true;
                let source = text.get(range.clone()).unwrap_or_default();
                let heading = Heading { source, level, id, classes, attrs, opens_page };
                if opens_page && level == HeadingLevel::H1 {
                    // The page's title heading is kept apart, so the theme can put
                    // the page's details right under it.
                    let mut events = Vec::new();
                    self.heading(heading, parser, &mut events);
                    autolinks::link_in_events(&mut events, self.input.autolinks);
                    emoji::replace_in_events(&mut events, self.input.emoji);
                    pulldown_cmark::html::push_html(&mut self.out.title_html, events.into_iter());
                } else {
                    self.heading(heading, parser, target);
                }
            }
            Event::Start(Tag::DefinitionListTitle)
                if self.input.definition_lists == (DefinitionLists::On { term_ids: true }) =>
            {
                self.blocks_seen = true;
                let source = text.get(range.clone()).unwrap_or_default();
                self.definition_term(source, parser, target);
            }
            Event::Start(Tag::CodeBlock(kind)) => self.code_block(kind, range.start, parser, target),
            Event::Start(Tag::FootnoteDefinition(label)) => open.footnotes.push((label.to_string(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, mut events)) = open.footnotes.pop() {
                    autolinks::link_in_events(&mut events, self.input.autolinks);
                    emoji::replace_in_events(&mut events, self.input.emoji);
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, events.into_iter());
                    self.footnotes.push((label, html));
                }
            }
            Event::FootnoteReference(label) => {
                let html = self.footnote_reference(&label);
                target.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                self.blocks_seen = true;
                open.quotes.push(kind.map(|_| "</div>\n"));
                match kind {
                    Some(kind) => target.push(Event::Html(blocks::callout_open(kind, self.input.words).into())),
                    None => target.push(Event::Start(Tag::BlockQuote(None))),
                }
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                if let Some(close) = open.quotes.pop().flatten() {
                    target.push(Event::Html(close.into()));
                } else {
                    target.push(Event::End(TagEnd::BlockQuote(kind)));
                }
            }
            Event::Html(html) if self.before_more.is_some() && is_excerpt_separator(&html) => {
                if let Some(text) = self.before_more.take() {
                    self.summary = Some(shorten(text.trim(), EXCERPT_CHARS));
                    self.in_summary = false;
                }
                target.push(Event::Html(html));
            }
            Event::Html(html) if self.rewrite.and_then(|r| r.html(&html)).is_some() => {
                self.placeholder(&html, range.start, target, &mut open.quotes);
            }
            Event::Start(Tag::Table(alignments)) => {
                self.blocks_seen = true;
                // Focusable and named, so keyboard users can scroll a wide table.
                target.push(Event::Html(blocks::table_wrap_open(self.input.words).into()));
                target.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => target.extend([Event::End(TagEnd::Table), Event::Html("</div>\n".into())]),
            Event::Start(Tag::Paragraph) => {
                // The page's summary is its first paragraph outside quotes, notes and blocks.
                let summary = !in_footnote && open.quotes.is_empty();
                open.paragraph_at = target.len();
                self.paragraph_start(summary, target);
            }
            Event::End(TagEnd::Paragraph) => self.paragraph_end(open.paragraph_at, target),
            Event::Start(Tag::List(first)) => {
                self.blocks_seen = true;
                self.list_starts.push(target.len());
                target.push(Event::Start(Tag::List(first)));
            }
            Event::End(TagEnd::List(ordered)) => {
                let start = self.list_starts.pop();
                let event = self.inline(Event::End(TagEnd::List(ordered)), range.start);
                match start
                    .filter(|&at| self.kramdown_toc && matches!(target.get(at), Some(Event::Start(Tag::List(_)))))
                {
                    Some(at) => {
                        self.kramdown_toc = false;
                        target.truncate(at);
                    }
                    None => target.push(event),
                }
            }
            Event::TaskListMarker(done) => {
                // A label, so screen readers say what the box means.
                target.push(Event::InlineHtml(blocks::task_marker(done, self.input.words).into()));
            }
            other => {
                if matches!(other, Event::Start(_)) {
                    self.blocks_seen = true;
                }
                let (colon, other, at) = self.split_escaped_colon(other, range.start);
                target.extend(colon);
                let event = self.inline(other, at);
                target.push(event);
            }
        }
    }

    /// The event `event` of a table a placeholder announced by its sections, written
    /// ([`table_sections`]): whether it was; the announcement is dropped when a block
    /// other than a table follows it.
    fn sectioned_table_event(&mut self, event: &Event<'a>, target: &mut Events<'a>) -> bool {
        let Some(table) = self.sectioned_table.as_mut() else { return false };
        if !table.started {
            match event {
                Event::Start(Tag::Table(alignments)) => {
                    self.blocks_seen = true;
                    target.push(Event::Html(blocks::table_wrap_open(self.input.words).into()));
                    target.push(Event::Html(table.start(alignments.clone()).into()));
                    return true;
                }
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Start(_) | Event::Text(_) => self.sectioned_table = None,
                _ => {}
            }
            return false;
        }
        let Some(html) = table.html(event) else { return false };
        if matches!(event, Event::End(TagEnd::TableCell | TagEnd::TableRow | TagEnd::TableHead)) {
            self.note_break(true);
        }
        target.push(Event::Html(html.into()));
        if matches!(event, Event::End(TagEnd::Table)) {
            target.push(Event::Html("</div>\n".into()));
            self.sectioned_table = None;
        }
        true
    }

    /// A paragraph opens; the first that `may_summarise` starts the page's summary.
    fn paragraph_start(&mut self, may_summarise: bool, target: &mut Events<'a>) {
        if self.summary.is_none() && !self.in_summary && may_summarise && self.open_blocks.closers.is_empty() {
            self.in_summary = true;
            self.out.summary.clear();
        }
        self.blocks_seen = true;
        self.in_paragraph = true;
        self.paragraph_attributes = None;
        target.push(Event::Start(Tag::Paragraph));
    }

    /// A paragraph (opened at `at` of `target`) ends, with the attributes an attribute
    /// list gave it; the summary it started ends with it.
    fn paragraph_end(&mut self, at: usize, target: &mut Events<'a>) {
        self.in_paragraph = false;
        self.note_break(true);
        if self.in_summary {
            self.in_summary = false;
            self.summary = Some(shorten(self.out.summary.trim(), SUMMARY_CHARS));
        }
        match self.paragraph_attributes.take() {
            Some(attributes) => paragraph_attributes::set_paragraph_attributes(target, at, &attributes),
            None => target.push(Event::End(TagEnd::Paragraph)),
        }
    }

    /// A code block: its text read to its end, drawn as a diagram or highlighted.
    fn code_block(&mut self, kind: CodeBlockKind<'a>, start: usize, parser: &mut Source<'a>, target: &mut Events<'a>) {
        self.blocks_seen = true;
        let mut code = String::new();
        for (inner, _) in parser.by_ref() {
            match inner {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        if let Some(restored) = self.rewrite.and_then(|r| r.restore(&code)) {
            code = restored;
        }
        let info = match &kind {
            CodeBlockKind::Fenced(info) => {
                self.rewrite.and_then(|r| r.restore(info)).unwrap_or_else(|| info.to_string())
            }
            CodeBlockKind::Indented if self.input.code_header_line => code_header::take(&mut code).unwrap_or_default(),
            CodeBlockKind::Indented => String::new(),
        };
        let language = blocks::fence_language(&info);
        if let Some(section) = self.out.sections.last_mut() {
            section.code.push_str(&code);
            section.code.push(' ');
        }
        let html = match language {
            "mermaid" if self.input.diagrams => self.diagram(&code, start),
            "plantuml" | "puml" if self.input.diagrams => Some(self.plantuml(&code, start)),
            _ => None,
        };
        if self.input.write_html {
            let html = html.unwrap_or_else(|| blocks::code_block_html(&code, language, self.input.highlight));
            target.push(Event::Html(html.into()));
        }
    }

    /// The HTML of a dialect's placeholder (an admonition, a tab, a shortcode) in place
    /// of the HTML block that carried it; an alert's marker makes its quote a callout.
    fn placeholder(
        &mut self,
        html: &str,
        start: usize,
        target: &mut Events<'a>,
        quotes: &mut Vec<Option<&'static str>>,
    ) {
        let placeholder = self.rewrite.and_then(|r| r.html(html)).cloned().unwrap_or_default();
        self.blocks_seen = true;
        if let Some(table) = table_sections::SectionedTable::announced(&placeholder.attributes) {
            self.sectioned_table = Some(table);
        }
        let Some(html) = placeholder.html_in(&mut self.open_blocks).map(str::to_string) else {
            return;
        };
        let html = self.rewrite_html(html.into(), start, true);
        self.note_html_ids(&html);
        // What it opens or closes, for what the body leaves open: an inline placeholder
        // may open what a block one closes. A callout closes itself with its quote.
        if placeholder.quote.is_none() {
            self.raw_html.push(&html, start, false);
        }
        match placeholder.quote {
            // An alert's marker: the quote it starts is its callout.
            Some(close)
                if matches!(
                    target.get(target.len().wrapping_sub(2)..),
                    Some([Event::Start(Tag::BlockQuote(None)), Event::Start(Tag::HtmlBlock)])
                ) && quotes.last() == Some(&None) =>
            {
                target.remove(target.len() - 2);
                quotes.pop();
                quotes.push(Some(close));
                target.push(Event::Html(html));
            }
            Some(close) => {
                target.push(Event::Html(html));
                target.push(Event::Html(close.into()));
            }
            None => target.push(Event::Html(html)),
        }
    }

    /// The end of the page: the blocks left open closed, the HTML written, and what the
    /// dropped internal blocks link to and the problems the filters found recorded.
    fn end_of_page(&mut self, mut main: Events<'a>, parser: &mut Source<'a>) {
        let text = self.input.text;
        // Blocks whose end was lost (it fell into code at the end of the page) end here.
        let lost = std::mem::take(&mut self.open_blocks.closers);
        for close in lost.iter().rev() {
            self.raw_html.push(close, text.len(), false);
        }
        let left_open = self.report_unclosed_html();
        main.extend(lost.into_iter().rev().map(|close| Event::Html(close.into())));
        if self.input.write_html {
            autolinks::link_in_events(&mut main, self.input.autolinks);
            emoji::replace_in_events(&mut main, self.input.emoji);
            let body_start = self.out.html.len();
            self.out.html.reserve(html_size(text, &main));
            pulldown_cmark::html::push_html(&mut self.out.html, main.into_iter());
            // What the page left open ends with its body, before the navigation and footer.
            if left_open {
                let closers = open_html::closers(&self.out.html[body_start..]);
                self.out.html.push_str(&closers);
            }
        }
        // What the dropped blocks link to: files used only there stay out of the build.
        let dropped = match self.input.internal_blocks {
            internal::Mode::Drop => std::mem::take(&mut parser.blocks.blocks),
            internal::Mode::Mark => Vec::new(),
        };
        // And those of included files, which a public build blanked before parsing.
        let page_dir = self.input.dir;
        let in_includes = self.expanded.into_iter().flat_map(|e| &e.dropped);
        let in_includes = in_includes.map(|(dir, markdown)| (dir.as_deref().unwrap_or(page_dir), markdown.as_str()));
        let in_page: Vec<(&str, &str)> =
            dropped.into_iter().filter_map(|block| Some((self.location(block.start).dir, text.get(block)?))).collect();
        // And those a public build masked before the page's templates ran, and those of
        // the files its Liquid included by variable names.
        let masked = self.rewrite.into_iter().flat_map(|r| &r.dropped);
        let masked: Vec<(&str, &str)> =
            masked.map(|(offset, markdown)| (self.location_in_source(*offset).dir, markdown.as_str())).collect();
        let late = self.rewrite.into_iter().flat_map(|r| &r.dropped_in_includes);
        let late = late.map(|(dir, markdown)| (dir.as_deref().unwrap_or(page_dir), markdown.as_str()));
        for (dir, markdown) in in_page.into_iter().chain(in_includes).chain(masked).chain(late) {
            for destination in links::destinations(markdown) {
                if let Resolution::File { asset: Some(asset), .. } = self.input.links.resolve(dir, &destination) {
                    self.out.internal_assets.push(asset);
                }
            }
        }
        for (offset, message) in std::mem::take(&mut parser.blocks.problems) {
            let d = self.location(offset).diagnostic(Rule::InternalBlock, message);
            self.out.diagnostics.push(d);
        }
        self.report_rewrite_problems();
        for (offset, message) in std::mem::take(&mut parser.problems) {
            let d = self
                .location(offset)
                .diagnostic(Rule::LinkToInternal, message)
                .with_help("move the definition out of the internal block, or the link into one");
            self.out.diagnostics.push(d);
        }
    }

    /// What the page's raw HTML leaves open, hiding the rest of the page: warnings, and
    /// whether there is any.
    pub(super) fn report_unclosed_html(&mut self) -> bool {
        let found = std::mem::take(&mut self.raw_html).unclosed();
        let left_open = !found.is_empty();
        for open in found {
            let d = self.location(open.offset).diagnostic(Rule::UnclosedHtml, open.message);
            self.out.diagnostics.push(d.with_severity(Severity::Warning).with_help(open.help));
        }
        left_open
    }

    /// The dialects' problems as diagnostics, at their places in the page's source.
    pub(super) fn report_rewrite_problems(&mut self) {
        for (offset, problem, message) in self.rewrite.into_iter().flat_map(|r| &r.problems) {
            let spot = self.location_in_source(*offset);
            let d = match problem {
                rewrite::Problem::Admonition => spot.diagnostic(Rule::Admonition, message.clone()),
                rewrite::Problem::Unsupported | rewrite::Problem::UnsupportedWithoutIds => spot.diagnostic(Rule::UnsupportedSyntax, message.clone()).with_help(
                    "see the guide's page on other tools' syntax for what opsbook renders, or rewrite it in Markdown",
                ),
                rewrite::Problem::Template => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::Template, message.clone()));
                    continue;
                }
                rewrite::Problem::MissingInclude => {
                    let d = spot.diagnostic(Rule::Include, message.clone()).with_severity(self.input.link_severity);
                    self.out.diagnostics.push(d.with_help("the page shows a placeholder in its place"));
                    continue;
                }
                rewrite::Problem::Include => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::Include, message.clone()));
                    continue;
                }
                rewrite::Problem::InternalBlock => {
                    self.out.diagnostics.push(spot.diagnostic(Rule::InternalBlock, message.clone()));
                    continue;
                }
                rewrite::Problem::Budget => {
                    let d = spot.diagnostic(Rule::Budget, message.clone());
                    self.out.diagnostics.push(d.with_help(
                        "the page's tags are shown as placeholders; split the page, or simplify its templates",
                    ));
                    continue;
                }
                rewrite::Problem::UnclosedHtml => spot
                    .diagnostic(Rule::UnclosedHtml, message.clone())
                    .with_help("add its end tag where the element ends"),
                rewrite::Problem::UnknownFilter => {
                    let d = spot.diagnostic(Rule::UnsupportedSyntax, message.clone()).with_severity(Severity::Note);
                    self.out.diagnostics.push(d.with_help("the filter is the site's own (a plugin opsbook does not run): check what the variable is used for, or write its value in the page"));
                    continue;
                }
            };
            self.out.diagnostics.push(d.with_severity(Severity::Warning));
        }
    }

    /// The HTML of the diagram of a `mermaid` block starting at `offset`, or `None` (and a
    /// `diagram` warning at the fence) when it cannot be drawn.
    pub(super) fn diagram(&mut self, code: &str, offset: usize) -> Option<String> {
        self.diagrams += 1;
        if let Some(reason) = diagram::over_budget(code) {
            let d = self.location(offset).diagnostic(Rule::Budget, reason);
            self.out
                .diagnostics
                .push(d.with_help("the diagram is shown as its source; split it into smaller diagrams"));
            return Some(diagram::source_figure(code, "mermaid", self.input.words.say("md_diagram_not_drawn")));
        }
        match diagram::render_diagram(code, self.diagrams, self.input.words) {
            Ok(html) => Some(html),
            Err(reason) if self.input.browser_diagrams => {
                self.out.browser_diagrams = true;
                let d = self
                    .location(offset)
                    .diagnostic(Rule::Diagram, format!("{reason}: the reader's browser draws it"))
                    .with_severity(Severity::Note)
                    .with_help("with JavaScript off, its source is shown; check that it draws in `opsbook serve`");
                self.out.diagnostics.push(d);
                Some(diagram::browser_figure(code, self.input.words))
            }
            Err(reason) => {
                let d = self
                    .location(offset)
                    .diagnostic(Rule::Diagram, reason)
                    .with_severity(Severity::Warning)
                    .with_help("the diagram is shown as its source; fix it, or give the fence another language");
                self.out.diagnostics.push(d);
                Some(diagram::source_figure(code, "mermaid", self.input.words.say("md_diagram_not_drawn")))
            }
        }
    }

    /// The HTML of the PlantUML diagram of a block starting at `offset`: drawn by the
    /// `plantuml` program, or its source under a note (with a `diagram` note when there
    /// is no program, a warning when the diagram is at fault).
    pub(super) fn plantuml(&mut self, code: &str, offset: usize) -> String {
        self.diagrams += 1;
        if let Some(server) = self.input.plantuml_server {
            return self.plantuml_image(server, code, offset);
        }
        let failure = match self.input.plantuml.draw(code) {
            Ok(svg) => match diagram::plantuml_figure(&svg, code, self.diagrams, self.input.words) {
                Some(html) => return html,
                None => diagram::plantuml::Failure::Diagram("PlantUML drew no SVG".into()),
            },
            Err(failure) => failure,
        };
        let (message, severity, help) = match failure {
            diagram::plantuml::Failure::NoProgram(reason) => (
                format!("PlantUML diagrams are drawn by a `plantuml` program: {reason}"),
                Severity::Note,
                "the diagram is shown as its source; install PlantUML where the handbook is built to draw it",
            ),
            diagram::plantuml::Failure::Diagram(reason) => (
                reason,
                Severity::Warning,
                "the diagram is shown as its source; fix it, or give the fence another language",
            ),
        };
        let d = self.location(offset).diagnostic(Rule::Diagram, message).with_severity(severity).with_help(help);
        self.out.diagnostics.push(d);
        diagram::source_figure(code, "plantuml", self.input.words.say("md_plantuml_as_source"))
    }

    /// The image of the PlantUML diagram of a block starting at `offset`, drawn by the
    /// server at `server`; a diagram too large for its address stays code, with a warning.
    fn plantuml_image(&mut self, server: &str, code: &str, offset: usize) -> String {
        match diagram::plantuml_server::image_url(server, code) {
            Ok(url) => diagram::plantuml_server::server_figure(&url, code, self.input.words),
            Err(reason) => {
                let d = self
                    .location(offset)
                    .diagnostic(Rule::Diagram, reason)
                    .with_severity(Severity::Warning)
                    .with_help("the diagram is shown as its source; split it into smaller diagrams to draw it");
                self.out.diagnostics.push(d);
                diagram::source_figure(code, "plantuml", self.input.words.say("md_plantuml_as_source"))
            }
        }
    }
}
