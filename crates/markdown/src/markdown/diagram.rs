//! Mermaid diagrams (```` ```mermaid ```` fences) rendered at build time into inline SVG,
//! with the `mermaid-svg` crate: no JavaScript in the page.
//!
//! The body writer calls [`render_diagram`] for each `mermaid` fence when
//! `[markdown] diagrams` is on (the default), in the parallel page-rendering step.
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;

use crate::html::{escape, push_escaped};
use crate::markdown::words::MarkdownWords;

mod browser;
pub mod budget;
pub mod plantuml;
pub mod plantuml_server;

pub use browser::{browser_figure, source_figure};

/// The largest diagram source rendered, in bytes: a bound on the renderer's time, since
/// a call cannot be stopped once started. Real diagrams are a few kilobytes.
pub const MAX_SOURCE_BYTES: usize = 32 * 1024;

/// The diagram types drawn at build time, by the first word of the source: the name in
/// the figure's class (`diagram-NAME`), whose word (`md_diagram_NAME`) starts the
/// accessible name ("Flowchart diagram: …"). Every type `mermaid-svg` reads is here; the
/// others, and any diagram it cannot read, are drawn by the reader's browser
/// ([`browser_figure`]).
pub(super) const TYPES: &[(&str, &str)] = &[
    ("flowchart", "flowchart"),
    ("graph", "flowchart"),
    ("flowchart-elk", "flowchart"),
    ("sequenceDiagram", "sequence"),
    ("stateDiagram", "state"),
    ("stateDiagram-v2", "state"),
    ("gantt", "gantt"),
    ("timeline", "timeline"),
    ("classDiagram", "class"),
    ("classDiagram-v2", "class"),
    ("erDiagram", "er"),
    ("pie", "pie"),
    ("journey", "journey"),
    ("gitGraph", "git"),
    ("mindmap", "mindmap"),
    ("quadrantChart", "quadrant"),
    ("xychart-beta", "xychart"),
    ("xychart", "xychart"),
    ("sankey-beta", "sankey"),
    ("sankey", "sankey"),
    ("requirementDiagram", "requirement"),
    ("C4Context", "c4"),
    ("C4Container", "c4"),
    ("C4Component", "c4"),
    ("C4Dynamic", "c4"),
    ("C4Deployment", "c4"),
    ("block-beta", "block"),
    ("block", "block"),
    ("architecture-beta", "architecture"),
    ("architecture", "architecture"),
    ("kanban", "kanban"),
    ("packet-beta", "packet"),
    ("packet", "packet"),
    ("radar-beta", "radar"),
    ("radar", "radar"),
    ("treemap-beta", "treemap"),
    ("treemap", "treemap"),
];

/// A diagram rendered into the HTML of a figure, its names said in `words`, or why it
/// could not be.
pub fn render_diagram(source: &str, number: usize, words: &MarkdownWords) -> Result<String, String> {
    let kind = diagram_type(source)
        .ok_or("the diagram has no type (its first line should be `flowchart TD`, `sequenceDiagram`…)")?;
    let Some(&(_, name)) = TYPES.iter().find(|(word, ..)| *word == kind.trim_end_matches(':')) else {
        return Err(format!("opsbook does not draw `{kind}` diagrams"));
    };
    if source.len() > MAX_SOURCE_BYTES {
        return Err(format!("the diagram is larger than {} KiB", MAX_SOURCE_BYTES / 1024));
    }
    let drawing = render_svg(source)?;
    let prefix = format!("diagram-{number}-");
    let svg = namespace_ids(&drawing.svg, &prefix);
    let svg = label_root(&svg, words.diagram_name(name), &drawing, &prefix)
        .ok_or("the renderer's output has no <svg> element")?;
    let mut html = String::with_capacity(svg.len() + source.len() + 200);
    html.push_str(&format!("<figure class=\"diagram diagram-{name}\">\n"));
    html.push_str(&svg);
    push_source_summary(&mut html, words, "");
    html.push_str("<pre class=\"code\" data-lang=\"mermaid\"><code class=\"language-mermaid\">");
    push_escaped(&mut html, source);
    html.push_str("</code></pre></details>\n</figure>\n");
    Ok(html)
}

/// Why the Mermaid diagram `source` must not be drawn at all: it asks for more than a
/// diagram's budget ([`budget`]).
pub fn over_budget(source: &str) -> Option<String> {
    budget::over_budget(diagram_type(source)?.trim_end_matches(':'), source)
}

/// The HTML of a PlantUML diagram drawn as `svg`, the `number`th of its page, its
/// names said in `words`.
pub fn plantuml_figure(svg: &str, source: &str, number: usize, words: &MarkdownWords) -> Option<String> {
    let prefix = format!("diagram-{number}-");
    let svg = namespace_ids(svg, &prefix);
    let drawing = Drawing { svg: String::new(), title: None, description: None };
    let svg = label_root(&svg, words.diagram_name("plantuml"), &drawing, &prefix)?;
    let mut html = String::with_capacity(svg.len() + source.len() + 200);
    html.push_str("<figure class=\"diagram diagram-plantuml\">\n");
    html.push_str(&svg);
    push_source_summary(&mut html, words, "");
    html.push_str("<pre class=\"code\" data-lang=\"plantuml\"><code class=\"language-plantuml\">");
    push_escaped(&mut html, source);
    html.push_str("</code></pre></details>\n</figure>\n");
    Some(html)
}

/// The first word of the diagram: its type.
fn diagram_type(source: &str) -> Option<&str> {
    let mut lines = source.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut first = lines.next()?;
    if first == "---" {
        // A front matter block (title, config) comes before the type.
        for line in lines.by_ref() {
            if line == "---" {
                break;
            }
        }
        first = lines.next()?;
    }
    while first.starts_with("%%") {
        first = lines.next()?;
    }
    first.split(|c: char| c.is_whitespace() || c == ';').next()
}

/// What the renderer drew: the SVG and the diagram's `accTitle` and `accDescr`.
struct Drawing {
    svg: String,
    title: Option<String>,
    description: Option<String>,
}

/// The drawing of `source`, with the theme of CSS custom properties. A theme the
/// diagram chooses (`%%{init: {theme: …}}%%`, `config.theme`, `themeVariables`) is
/// ignored, so that it keeps the page's scheme; its font and `useMaxWidth` are kept.
fn render_svg(source: &str) -> Result<Drawing, String> {
    let result = crate::panics::catch(|| {
        let (diagram, meta) =
            mermaid_svg::parse_with_meta(source).map_err(|e| format!("the diagram cannot be read: {e}"))?;
        let mut theme = theme();
        if let Some(family) = meta.font_family {
            theme.font_family = family.into();
        }
        if let Some(size) = meta.font_size {
            theme.font_size = size;
        }
        if let Some(responsive) = meta.use_max_width {
            theme.responsive = responsive;
        }
        let svg = mermaid_svg::render_diagram_with(&diagram, &theme)
            .map_err(|e| format!("the diagram cannot be drawn: {e}"))?;
        let non_empty = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        Ok(Drawing { svg, title: non_empty(meta.acc_title), description: non_empty(meta.acc_descr) })
    });
    result.unwrap_or_else(|_| Err("the diagram renderer failed on this diagram (a bug in it)".into()))
}

/// The renderer's theme: every colour a custom property of `style.css`, with the light
/// colour as fallback for a theme that does not set it.
fn theme() -> mermaid_svg::Theme {
    let var = |name: &'static str| -> Cow<'static, str> { Cow::Borrowed(name) };
    mermaid_svg::Theme {
        fg: var("var(--diagram-fg, #333)"),
        fg_muted: var("var(--diagram-fg-soft, #666)"),
        bg: var("var(--diagram-bg, #fff)"),
        actor_fill: var("var(--diagram-node, #ececff)"),
        actor_stroke: var("var(--diagram-stroke, #9370db)"),
        actor_text_color: None,
        lifeline: var("var(--diagram-stroke, #9370db)"),
        arrow_stroke: var("var(--diagram-fg, #333)"),
        signal_text_color: None,
        note_fill: var("var(--diagram-note, #fff5ad)"),
        note_stroke: var("var(--diagram-note-stroke, #aaaa33)"),
        activation_fill: var("var(--diagram-bg-soft, #f4f4f4)"),
        activation_stroke: var("var(--diagram-fg-soft, #666)"),
        frame_label_fill: var("var(--diagram-node, #ececff)"),
        title_color: None,
        flow_node_fill: var("var(--diagram-node, #ececff)"),
        flow_node_stroke: var("var(--diagram-stroke, #9370db)"),
        flow_edge_stroke: var("var(--diagram-fg, #333)"),
        flow_label_bg: var("var(--diagram-bg-soft, #e8e8e8)"),
        flow_cluster_fill: var("var(--diagram-cluster, #ffffde)"),
        flow_cluster_stroke: var("var(--diagram-cluster-stroke, #aaaa33)"),
        ..mermaid_svg::Theme::default_theme()
    }
}

/// Prefixes every id of the SVG, and every reference to one, with `prefix`. Only the
/// inside of tags is rewritten: label text is left alone.
fn namespace_ids(svg: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        out.push_str(&namespace_tag(&rest[open..end], prefix));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One tag with its ids and id references prefixed, and a white fill (the renderer's
/// fixed backgrounds) made the page's background, except for text on coloured bars.
fn namespace_tag(tag: &str, prefix: &str) -> String {
    let mut tag = Cow::Borrowed(tag);
    if !tag.starts_with("<text") && !tag.starts_with("<tspan") {
        for white in ["fill=\"#fff\"", "fill=\"#ffffff\"", "fill=\"#FFFFFF\"", "fill=\"white\""] {
            if tag.contains(white) {
                tag = Cow::Owned(tag.replace(white, "fill=\"var(--diagram-bg, #fff)\""));
            }
        }
    }
    for attribute in [" id=\"", " aria-labelledby=\"", " aria-describedby=\""] {
        if tag.contains(attribute) {
            tag = Cow::Owned(tag.replace(attribute, &format!("{attribute}{prefix}")));
        }
    }
    for reference in ["url(#", "href=\"#"] {
        if tag.contains(reference) {
            tag = Cow::Owned(tag.replace(reference, &format!("{reference}{prefix}")));
        }
    }
    tag.into_owned()
}

/// The SVG with its root made an image with an accessible name (the `accTitle`, else
/// the type and first labels) and description (the `accDescr`), or `None` without a
/// root.
fn label_root(svg: &str, name: &str, drawing: &Drawing, prefix: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')?;
    let root = &svg[start..end];
    let mut attributes = String::new();
    // The renderer's ARIA roles and description are replaced: the figure is one image.
    for attribute in split_attributes(&root[4..]) {
        let key = attribute.split('=').next().unwrap_or_default();
        if !matches!(key, "role" | "aria-roledescription" | "aria-labelledby" | "aria-describedby" | "class") {
            attributes.push(' ');
            attributes.push_str(attribute);
        }
    }
    let mut out = String::with_capacity(svg.len() + 128);
    out.push_str(&svg[..start]);
    out.push_str("<svg class=\"diagram-svg\" role=\"img\"");
    let label = drawing.title.clone().unwrap_or_else(|| accessible_name(svg, name));
    out.push_str(&format!(" aria-label=\"{}\"", escape(&label)));
    if drawing.description.is_some() {
        out.push_str(&format!(" aria-describedby=\"{prefix}desc\""));
    }
    out.push_str(&attributes);
    out.push('>');
    // The title also shows as a tooltip; the description is read after the name.
    out.push_str(&format!("<title>{}</title>", escape(&label)));
    if let Some(description) = &drawing.description {
        out.push_str(&format!("<desc id=\"{prefix}desc\">{}</desc>", escape(description)));
    }
    out.push_str(svg.get(end + 1..).unwrap_or_default());
    Some(out)
}

/// The attributes of a tag (`name="value"`), values with spaces kept whole.
fn split_attributes(tag: &str) -> Vec<&str> {
    let mut attributes = Vec::new();
    let mut start = None;
    let mut in_value = false;
    for (i, c) in tag.char_indices() {
        match c {
            '"' => in_value = !in_value,
            c if c.is_whitespace() && !in_value => {
                if let Some(s) = start.take() {
                    attributes.push(&tag[s..i]);
                }
            }
            _ if start.is_none() => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        attributes.push(&tag[s..]);
    }
    attributes
}

/// "Flowchart diagram: Alert fires, Customer impact?, …": the diagram's `name` (its
/// type's word) and its first three labels.
fn accessible_name(svg: &str, name: &str) -> String {
    let mut labels: Vec<String> = Vec::new();
    let mut rest = svg;
    while labels.len() < 4 {
        let Some(open) = rest.find("<text") else { break };
        let Some(close) = rest[open..].find('>') else { break };
        let body = &rest[open + close + 1..];
        let Some(end) = body.find('<') else { break };
        let label = crate::html::decode_entities(body[..end].trim());
        if !label.is_empty() && !labels.contains(&label) {
            labels.push(label);
        }
        rest = &body[end..];
    }
    match labels.len() {
        0 => name.to_string(),
        1..=3 => format!("{name}: {}", labels.join(", ")),
        _ => format!("{name}: {}, …", labels[..3].join(", ")),
    }
}

/// The disclosure of a figure's source: its opening, with the summary in `words`;
/// `open` is `""` or `" open"`.
pub(super) fn push_source_summary(html: &mut String, words: &MarkdownWords, open: &str) {
    html.push_str(&format!("\n<details class=\"diagram-source\"{open}><summary>"));
    push_escaped(html, words.say("md_diagram_source"));
    html.push_str("</summary>");
}

#[cfg(test)]
mod tests;
