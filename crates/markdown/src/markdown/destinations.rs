//! Link and image destinations rewritten to the site's URLs, in Markdown and in the
//! attributes of raw HTML, with a diagnostic for each one that resolves to nothing.

use super::*;

impl<'a> BodyWriter<'a> {
    /// Resolves one destination, records it, and returns what to write instead.
    pub(super) fn rewrite(&mut self, destination: CowStr<'a>, offset: usize, image: bool) -> CowStr<'a> {
        let destination = match self.rewrite.and_then(|r| r.restore(&destination)) {
            Some(restored) => CowStr::from(restored),
            None => destination,
        };
        let (destination, resource) = match destination.strip_prefix(rewrite::RESOURCE_SCHEME) {
            Some(path) => (CowStr::from(path.to_string()), true),
            None => (destination, false),
        };
        let spot = self.location(offset);
        let resolution = match destination.strip_prefix(rewrite::ASSET_SCHEME) {
            // A Jekyll asset: the first of its folders that has it.
            Some(asset) if self.rewrite.is_some() => {
                let found = rewrite::ASSET_FOLDERS.iter().find_map(|folder| {
                    match self.input.links.resolve("", &format!("/{folder}/{asset}")) {
                        file @ Resolution::File { .. } => Some(file),
                        _ => None,
                    }
                });
                found.unwrap_or_else(|| Resolution::Broken {
                    message: format!(
                        "no file `{asset}` in the asset folders (`_assets/images/`, `_assets/`, `assets/`…)"
                    ),
                    asset: true,
                    suggestion: None,
                })
            }
            // An image of the page's, else a global resource, else broken as written.
            None if resource => match self.input.links.resolve(spot.dir, &destination) {
                Resolution::Broken { message, asset, suggestion } => {
                    match self.input.links.resolve("", &format!("/{destination}")) {
                        file @ Resolution::File { .. } => file,
                        _ => Resolution::Broken { message, asset, suggestion },
                    }
                }
                own => own,
            },
            _ => self.input.links.resolve(spot.dir, &destination),
        };
        let record = |target: Option<usize>, anchor: Option<String>| LinkRecord {
            target,
            anchor,
            line: spot.line,
            column: spot.column,
            file: spot.included.then(|| spot.file.to_string()),
        };
        match resolution {
            Resolution::External => destination,
            Resolution::Fragment(anchor) => {
                let link = record(None, Some(anchor));
                self.out.links.push(link);
                destination
            }
            Resolution::Page { id, href, anchor } => {
                let link = record(Some(id), anchor);
                self.out.links.push(link);
                href.into()
            }
            Resolution::File { href, asset } => {
                self.out.assets.extend(asset);
                href.into()
            }
            Resolution::Internal { message } => {
                let d = spot
                    .diagnostic(Rule::LinkToInternal, message)
                    .with_help("remove the link, or make this page internal too (`visibility: internal`)");
                self.out.diagnostics.push(d);
                destination
            }
            Resolution::Broken { message, asset, suggestion } => {
                let rule = if asset || image { Rule::MissingAsset } else { Rule::BrokenLink };
                let mut d = spot.diagnostic(rule, message).with_severity(self.input.link_severity);
                if let Some(suggestion) = suggestion {
                    d = d.with_help(format!("did you mean `{suggestion}`?"));
                }
                self.out.diagnostics.push(d);
                destination
            }
        }
    }

    /// Rewrites the links of raw HTML at `offset`; `at_offset` when the HTML is a
    /// placeholder's, whose attributes are all reported at the placeholder's place.
    pub(super) fn rewrite_html(&mut self, html: CowStr<'a>, offset: usize, at_offset: bool) -> CowStr<'a> {
        let attributes = links::find_link_attributes(&html);
        self.rewrite_attributes(html, attributes, offset, at_offset)
    }

    pub(super) fn rewrite_attributes(
        &mut self,
        html: CowStr<'a>,
        attributes: Vec<links::HtmlAttribute>,
        offset: usize,
        at_offset: bool,
    ) -> CowStr<'a> {
        if attributes.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut last = 0;
        for attribute in attributes {
            let value = &html[attribute.start..attribute.end];
            let decoded = crate::html::decode_entities(value);
            let at = if at_offset { offset } else { offset + attribute.start };
            let rewritten = self.rewrite(CowStr::from(decoded.clone()), at, false);
            out.push_str(&html[last..attribute.start]);
            if *rewritten == *decoded {
                out.push_str(value);
            } else {
                push_escaped(&mut out, &rewritten);
            }
            last = attribute.end;
        }
        out.push_str(&html[last..]);
        out.into()
    }
}
