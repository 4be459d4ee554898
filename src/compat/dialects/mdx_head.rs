//! MDX's `<head>` element (Docusaurus, "Markdown features", "Head metadata"): what it
//! holds goes into the document's `<head>` through React Helmet, never into the body.
//! The element is taken out of the page's body ([`drop_heads`]); its `<title>`, which
//! Helmet writes as the whole document title, is the page's [`head_title`]. Its other
//! children (`<meta>`, `<link rel="canonical">`) are dropped.

use super::Output;

/// The `<head>` elements of `text` outside code: where each starts and ends (after its
/// `</head>`). An element never closed is none. The code of the text is found only when
/// an element is.
fn heads(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut candidates = Vec::new();
    let (mut at, mut close) = (0, 0);
    while let Some(offset) = text[at..].find("<head") {
        let start = at + offset;
        at = start + 5;
        if !text[at..].starts_with(['>', ' ', '\t', '\n']) {
            continue;
        }
        // The first `</head>` after it, found again only once passed; none after this
        // opening means none after a later one either.
        if close < at {
            let Some(found) = text[at..].find("</head>") else { break };
            close = at + found;
        }
        candidates.push(start..close + 7);
    }
    if candidates.is_empty() {
        return candidates;
    }
    let code = super::scan::code_ranges(text);
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for head in candidates {
        let taken = found.last().is_some_and(|last| head.start < last.end);
        if !taken && !code.iter().any(|c| c.start < head.end && head.start < c.end) {
            found.push(head);
        }
    }
    found
}

/// `text` without its `<head>` elements, each left as its line breaks (the lines after
/// it keep their numbers), or `None` when it has none.
pub(super) fn drop_heads(text: &str) -> Option<Output> {
    let heads = heads(text);
    if heads.is_empty() {
        return None;
    }
    let mut out = Output::default();
    let mut copied = 0;
    for head in heads {
        out.push("", &text[copied..head.start], copied);
        out.push(&"\n".repeat(text[head.clone()].matches('\n').count()), "", head.start);
        copied = head.end;
    }
    out.push("", &text[copied..], copied);
    Some(out)
}

/// The text of the `<title>` of the first `<head>` of the page's `text`, when it has one
/// (a public build reads it from a text without its internal blocks:
/// `site::document_title`).
pub(crate) fn head_title(text: &str) -> Option<&str> {
    let head = heads(text).into_iter().next()?;
    let inside = &text[head];
    let start = inside.find("<title>")? + 7;
    let title = inside[start..start + inside[start..].find("</title>")?].trim();
    (!title.is_empty() && !title.contains(['{', '<'])).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of Docusaurus's docs (facebook/docusaurus
    /// `website/docs/guides/markdown-features/markdown-features-head-metadata.mdx` at
    /// 5c5f582efcf88abe6a9aad9ec68ba4d73bf85994), a
    /// repost's canonical link, and `<head>` in code left as written.
    #[test]
    fn takes_head_elements_out_of_the_body() {
        let text = "# Title\n\n<head>\n  <html className=\"some-extra-html-class\" />\n  <body className=\"other-extra-body-class\" />\n  <title>Head Metadata customized title!</title>\n  <meta charSet=\"utf-8\" />\n  <meta name=\"twitter:card\" content=\"summary\" />\n  <link rel=\"canonical\" href=\"https://docusaurus.io/docs/markdown-features/head-metadata\" />\n</head>\n\nSome content...\n";
        let out = drop_heads(text).expect("a head");
        assert_eq!(out.text, "# Title\n\n\n\n\n\n\n\n\n\n\nSome content...\n");
        assert_eq!(out.text.lines().count(), text.lines().count());
        assert_eq!(head_title(text), Some("Head Metadata customized title!"));
        let repost = "<head>\n    <link rel=\"canonical\" href=\"https://grafana.com/blog/x/\"/>\n</head>\nReposted from the blog.\n";
        assert_eq!(drop_heads(repost).expect("a head").text, "\n\n\nReposted from the blog.\n");
        assert_eq!(head_title(repost), None);
        for text in ["```\n<head><title>x</title></head>\n```\n", "`<head></head>`", "<header>x</header>", "<head>open"]
        {
            assert!(drop_heads(text).is_none(), "{text:?}");
        }
    }
}
