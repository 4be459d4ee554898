//! Middleman's `partial` in a handbook built as the migration guide says: a page's
//! `<%= partial %>` writes the partial's file in its place, found beside the page or in
//! the source folder as Middleman finds it, and the partials themselves are no pages.
//! Also the GOV.UK Tech Docs Template's page review keys.

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

/// The Tech Docs Template's `last_reviewed_on`, `review_in` and `owner_slack` date a
/// page's review and name its owner, as opsbook's own keys do; the review page lists it
/// once it is due.
#[test]
fn the_tech_docs_review_keys_date_a_page_s_review() {
    let site = Site::with_files(
        "middleman-review",
        &[
            ("config/tech-docs.yml", "host: https://example.org\n"),
            ("book.toml", "[handbook]\ntitle = \"X\"\n\n[build]\ncontent-dir = \"source\"\n"),
            ("source/index.html.md", "---\ntitle: Home\n---\n\n# Home\n"),
            (
                "source/rotate.html.md",
                "---\ntitle: Rotate keys\nowner_slack: \"#ops-eng\"\nlast_reviewed_on: 2026-01-10\nreview_in: 6 months\n---\n\n# Rotate keys\n",
            ),
            (
                "source/later.html.md",
                "---\ntitle: Later\nlast_reviewed_on: 2026-11-01\nreview_in: soon\n---\n\n# Later\n",
            ),
        ],
    );
    let run = site.run_on("2026-11-15", &["build"]);
    run.expect_code(0);
    let page = site.read("public/rotate.html");
    assert!(page.contains("review-overdue") && page.contains("2026-07-10"), "{page}");
    assert!(page.contains("#ops-eng"), "{page}");
    assert!(site.read("public/review/index.html").contains("Rotate keys"));
    // A period it cannot read: a warning at its line, and the page has no period.
    assert!(run.stderr.contains("source/later.html.md:4:"), "{}", run.stderr);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(!site.read("public/later.html").contains("review-overdue"));
}
