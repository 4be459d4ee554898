//! Hostile raw HTML for the link check: comments and scripts never closed, tens of
//! thousands of raw-text start tags, tags that never end. What a comment or a script's
//! text holds is no link; each page is read in bounded time, and the links outside
//! them are still checked.

use std::time::{Duration, Instant};

use crate::util::Site;

#[test]
fn unclosed_comments_and_scripts_and_many_raw_tags_stay_linear_and_hide_no_real_link() {
    let count = 40_000;
    let mut page = String::from("# Raw\n\n[before](missing-before.md)\n\n");
    // A paragraph of inline scripts, each holding a link-like string.
    for i in 0..count {
        page.push_str(&format!("<script>'<a href=\"s{i}\">'</script>"));
    }
    page.push_str("\n\n");
    // Start tags of raw-text elements that never end, in an HTML block.
    page.push_str(&"<style <textarea x=\"<a href='y'>\" ".repeat(count / 4));
    page.push_str("\n\n<div>\n<a href=\"missing-after.md\">after</a>\n</div>\n\n");
    // A comment never closed, holding links, to the end of the page.
    page.push_str("<!--\n");
    for i in 0..count {
        page.push_str(&format!("<a href=\"c{i}.md\">{i}</a>\n"));
    }
    let site = Site::with_files(
        "raw-html-links",
        &[("book.toml", "[handbook]\ntitle = \"T\"\n"), ("content/_index.md", "# Home\n"), ("content/raw.md", &page)],
    );
    let started = Instant::now();
    let run = site.run(&["check"]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert!(run.stderr.contains("content/raw.md:3:1"), "the link before is checked: {}", run.stderr);
    let broken = run.stderr.matches("error[broken-link]").count() + run.stderr.matches("error[missing-asset]").count();
    assert_eq!(broken, 1, "only the link before the scripts counts: {}", run.stderr);
}
