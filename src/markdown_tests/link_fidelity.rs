//! What the reader's browser reads in a page's HTML, as the link check must read it
//! (a warning means the reader would hit a 404): ids set by an
//! attribute list's `id=` key, attributes on the later lines of a tag written over
//! several lines, and a construct in an attribute's value.

use super::*;

#[test]
fn a_keyed_id_in_a_heading_attribute_list_is_the_headings_id() {
    // Python-Markdown's attr_list: `{ id=name }` sets the id as `{ #name }` does.
    let out =
        render("### Navigation path <small>Breadcrumbs</small> { id=navigation-path }\n\n[back](#navigation-path)\n");
    assert!(out.anchors.iter().any(|a| a == "navigation-path"), "{:?}", out.anchors);
    assert_eq!(out.html.matches(" id=").count(), 1, "{}", out.html);
    assert!(out.html.contains("<h3 id=\"navigation-path\">"), "{}", out.html);
}

#[test]
fn reads_ids_and_links_on_the_later_lines_of_a_tag() {
    let out = render(
        "<div\nclass=\"usa-modal\"\nid=\"statement\"\n  data-x=\"1\">\n<a\n  href=\"db.md\">db</a>\n</div>\n\nname=\"not-an-id\"\n",
    );
    assert!(out.anchors.iter().any(|a| a == "statement"), "{:?}", out.anchors);
    assert!(!out.anchors.iter().any(|a| a == "not-an-id"), "{:?}", out.anchors);
    assert!(out.html.contains("href=\"/handbook/runbooks/db/\""), "{}", out.html);
}

#[test]
fn a_construct_in_an_attribute_writes_nothing_there() {
    // The tag stays whole: `<span …>` inside `href="…"` would end the attribute.
    let out = render("<p>See <a href=\"{{< param base >}}/runbooks/db.md\">the db runbook</a>.</p>\n");
    assert!(!out.html.contains("href=\"<span"), "{}", out.html);
    assert!(out.html.contains("<a href=\""), "{}", out.html);
}
