//! The attributes an attribute list gives a paragraph (kramdown's `{: .class}`,
//! Goldmark's block attributes), which a rewrite hands the body writer on a placeholder:
//! which may be written, and how the paragraph, or the table before it, gets them.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::escape;

/// The attributes an attribute list may set.
pub const SAFE: [&str; 8] = ["id", "class", "target", "rel", "title", "width", "height", "alt"];

/// The mark of kramdown's `{:toc}` among an attribute list's attributes: never written.
pub const KRAMDOWN_TOC: &str = "\u{1}kramdown-toc";

/// The mark of a paragraph written without its `<p>`: the placeholders at its two ends
/// are the tags of the element it is the content of (an HTML element whose content is
/// read as one paragraph of text).
pub const UNWRAPPED: &str = "\u{1}unwrapped";

/// Whether the attribute `name` may be written.
pub fn is_safe(name: &str) -> bool {
    SAFE.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Ends the paragraph that opened at `events[at]` with `attributes` on its tag; a
/// paragraph with no text but the attribute list is dropped, and gives them to the
/// table right before it, if one is (on its wrapper: the table's id is an anchor).
pub fn set_paragraph_attributes(events: &mut Vec<Event<'_>>, at: usize, attributes: &[(String, String)]) {
    if !matches!(events.get(at), Some(Event::Start(Tag::Paragraph))) {
        events.push(Event::End(TagEnd::Paragraph));
        return;
    }
    if attributes.iter().any(|(name, _)| name == UNWRAPPED) {
        events[at] = Event::Html("".into());
        events.push(Event::Html("\n".into()));
        return;
    }
    let empty = events[at + 1..].iter().all(|e| match e {
        Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    });
    if empty {
        events.truncate(at);
        set_table_attributes(events, attributes);
        return;
    }
    // The line break before an attribute list on its own line, and the list's own
    // (empty) placeholder.
    while events.len() > at + 1
        && events.last().is_some_and(|e| match e {
            Event::SoftBreak => true,
            Event::InlineHtml(t) => t.is_empty(),
            _ => false,
        })
    {
        events.pop();
    }
    let mut open = String::from("<p");
    for (name, value) in attributes {
        open.push_str(&format!(" {}=\"{}\"", escape(name), escape(value)));
    }
    open.push('>');
    events[at] = Event::Html(open.into());
    events.push(Event::Html("</p>\n".into()));
}

/// Gives `attributes` to the table the events end with, if they do: its wrapper's
/// opening tag gets the id and classes.
fn set_table_attributes(events: &mut [Event<'_>], attributes: &[(String, String)]) {
    let n = events.len();
    if n < 2 || !matches!(events[n - 2], Event::End(TagEnd::Table)) {
        return;
    }
    let Some(wrap) = events
        .iter()
        .rposition(|e| matches!(e, Event::Html(h) if h.starts_with(crate::markdown::blocks::TABLE_WRAP_START)))
    else {
        return;
    };
    let Event::Html(wrap_open) = &events[wrap] else { return };
    // The rest of the opening: its focus, role and name.
    let rest = wrap_open[crate::markdown::blocks::TABLE_WRAP_START.len() - 1..].to_string();
    let mut open = String::from("<div class=\"table-wrap");
    for (_, value) in attributes.iter().filter(|(name, _)| name == "class") {
        open.push(' ');
        open.push_str(&escape(value));
    }
    open.push('"');
    for (_, value) in attributes.iter().filter(|(name, _)| name == "id") {
        open.push_str(&format!(" id=\"{}\"", escape(value)));
    }
    open.push_str(&rest);
    events[wrap] = Event::Html(open.into());
}
