//! Middleman's `partial` in a handbook built as the migration guide says: a page's
//! `<%= partial %>` writes the partial's file in its place, found beside the page or in
//! the source folder as Middleman finds it, and the partials themselves are no pages.

use crate::util::{Site, main_of};

fn handbook() -> Site {
    Site::with_files(
        "middleman-partials",
        &[
            ("config.rb", "activate :directory_indexes\n"),
            (
                "book.toml",
                "[handbook]\ntitle = \"X\"\n\n[build]\ncontent-dir = \"source\"\n\n[markdown]\nheading-ids = \"tech-docs\"\n\n[check]\nlinks = \"warn\"\n",
            ),
            (
                "source/api/index.html.md.erb",
                "---\ntitle: The API\n---\n\n# <%= current_page.data.title %>\n\n<%= partial 'shared/header' %>\n\n\
                 <%= partial 'errors' %>\n\nSee [the errors](#error-codes).\n\n<%= partial 'note', locals: { who: 'the on-call engineer' } %>\n\n\
                 <%= partial 'nowhere' %>\n",
            ),
            ("source/shared/_header.html.erb", "<p class=\"banner\">Header of <%= current_page.data.title %></p>\n"),
            ("source/api/_errors.md", "## Error codes\n\n| code | meaning |\n|---|---|\n| 429 | too many requests |\n"),
            ("source/_note.erb", "Call <%= who %>.\n"),
        ],
    )
}

#[test]
fn a_page_s_partials_are_written_in_place_and_are_no_pages() {
    let site = handbook();
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site.read("public/api/index.html")).to_string();
    assert!(main.contains("<p class=\"banner\">Header of The API</p>"), "{main}");
    assert!(main.contains("id=\"error-codes\"") && main.contains("<td>too many requests</td>"), "{main}");
    assert!(main.contains("Call the on-call engineer."), "{main}");
    // The anchor of the partial's heading is the page's: no broken-anchor finding.
    assert!(!run.stderr.contains("broken-anchor"), "{}", run.stderr);
    // A partial that is not found: a placeholder, and a warning at its tag.
    assert!(main.contains("unsupported: <code>&lt;%= partial &#39;nowhere&#39; %&gt;</code>"), "{main}");
    assert!(run.stderr.contains("source/api/index.html.md.erb:15:1"), "{}", run.stderr);
    assert!(run.stderr.contains("could not locate partial `nowhere`"), "{}", run.stderr);
    // Middleman's sitemap leaves the partials out.
    for path in ["public/api/_errors", "public/_note", "public/shared/_header", "public/api/_errors.html"] {
        assert!(!site.exists(path), "{path}");
    }
}

#[test]
fn a_change_to_a_partial_rebuilds_the_page_that_includes_it() {
    let site = handbook();
    site.build(&[]).expect_code(0);
    site.write("source/_note.erb", "Page <%= who %> now.\n");
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/api/index.html")).to_string();
    assert!(main.contains("Page the on-call engineer now."), "{main}");
}
