//! Snapshot tests of Python-Markdown's attribute lists (`attr_list`) after inline
//! elements and with spaces inside the braces: `{ .md-button }` after
//! a link, a reference link, strong text, a code span or an icon, and `{ .class }` alone
//! on the line after a paragraph.

use super::*;

#[test]
fn an_attribute_list_after_an_inline_element_is_that_elements() {
    let out = render(
        "[Subscribe](https://example.com/news){ .md-button }\n\n[Subscribe][news]{ .md-button .md-button--primary }\n\n[news]: https://example.com/news\n\nSee [the form][]{: #form-link } or [news]{ target=_blank } today.\n\n__Update__{ title=\"21 August\" }: the date moved.\n\nRun `make all`{ .shell } first.\n\n:octicons-heart-16:{ .heart } Thanks.\n\n[the form]: https://example.com/form\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn an_attribute_list_with_spaces_alone_after_a_paragraph_is_the_paragraphs() {
    insta::assert_snapshot!(html(
        "Lorem ipsum (1) dolor.\n{ .annotate }\n\nText (see below){ .not-a-list }\n\nA sentence with { braces } and {return x} stays.\n\n{ style=\"display: inline\" }\n"
    ));
}

/// A page whose only attribute lists are of these forms is rewritten too.
#[test]
fn a_page_with_only_spaced_or_inline_lists_is_rewritten() {
    assert_eq!(html("Lorem ipsum.\n{ .annotate }\n"), "<p class=\"annotate\">Lorem ipsum.</p>\n");
    assert_eq!(html("*Kathi* :heart:{ .x }\n"), "<p><em>Kathi</em> :heart:</p>\n");
    assert_eq!(
        html("[Go][go]{ .b }\n\n[go]: https://go.dev\n"),
        "<p><a href=\"https://go.dev\" class=\"b\">Go</a></p>\n"
    );
}
