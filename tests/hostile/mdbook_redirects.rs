//! Hostile inputs: mdBook's `[output.html.redirect]`. An old path that climbs out of the
//! book writes nothing, inside or out of the output; a target above the book's root or
//! of another scheme is refused at its line; an address with markup is escaped; a
//! redirect to an internal page names nothing of it in a public build.

use crate::util::Site;

fn book(redirects: &str) -> String {
    format!("[book]\ntitle = \"X\"\n\n[output.html.redirect]\n{redirects}")
}

#[test]
fn an_old_path_out_of_the_book_writes_nothing() {
    let redirects = "\"/../../escaped.html\" = \"a.html\"\n\"/ok/../../up.html\" = \"a.html\"\n\
                     \"/far.html\" = \"../../../etc/passwd\"\n\"/js.html\" = \"javascript:alert(1)\"\n";
    let site = Site::with_files(
        "mdbook-redirects-out",
        &[("book.toml", &book(redirects)), ("src/SUMMARY.md", "- [A](a.md)\n"), ("src/a.md", "# A\n")],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    for line in [5, 6, 7, 8] {
        assert!(run.stderr.contains(&format!("book.toml:{line}:1")), "refused at line {line}: {}", run.stderr);
    }
    assert!(!site.exists("escaped.html") && !site.exists("up.html") && !site.exists("../escaped.html"));
    assert!(!site.exists("public/far.html") && !site.exists("public/js.html"));
    // Only the findings of handbook.json quote the refused entry.
    assert_eq!(site.files_containing("public", "javascript:alert"), ["handbook.json"]);
}

#[test]
fn markup_is_escaped_and_an_internal_page_is_not_revealed() {
    let redirects = "\"/old.html\" = \"https://example.org/\\\"><script>alert(1)</script>\"\n\"/gone.html\" = \"secret.html#part\"\n";
    let site = Site::with_files(
        "mdbook-redirects-markup",
        &[
            ("book.toml", &book(redirects)),
            ("src/SUMMARY.md", "- [A](a.md)\n- [S](secret.md)\n"),
            ("src/a.md", "# A\n"),
            ("src/secret.md", "---\nvisibility: internal\n---\n# Leakredirect title\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("it leads to no page in this build"), "{}", run.stderr);
    let page = site.read("public/old.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(site.files_containing("public", "Leakredirect").is_empty());
    assert!(!site.exists("public/gone.html"), "{}", run.stderr);
}
