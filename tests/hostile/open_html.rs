//! Hostile raw HTML left open: tens of thousands of `<div>`s never closed, a closed
//! `<details>`, a tag without its `>`, a self-closed `<iframe />`, a `<plaintext>`. The
//! body is closed where it ends, so the footer of every page is the handbook's, in
//! bounded time and with closers no longer than what the page opened.

use std::time::{Duration, Instant};

use crate::util::{Site, between};

#[test]
fn what_a_page_leaves_open_ends_with_its_body_whatever_it_opens() {
    let count = 30_000;
    let mut divs = String::from("# Divs\n\n");
    divs.push_str(&"<div>".repeat(count));
    divs.push_str("\n\n<details><summary>s</summary>\n<a title=\"x\n\nLast words.\n");
    let site = Site::with_files(
        "open-html",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\n"),
            ("content/_index.md", "# Home\n"),
            ("content/divs.md", &divs),
            ("content/frame.md", "# Frame\n\n<iframe src=\"https://v.example/e\" />\n\n## After the frame\n"),
            ("content/plain.md", "# Plain\n\n<plaintext>\n\n## Gone\n"),
        ],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert!(run.stderr.contains("warning[unclosed-html]"), "{}", run.stderr);

    let page = site.read("public/divs/index.html");
    let tail = between(&page, "Last words.", "site-footer");
    // The tag, the `<details>` and every `<div>`, innermost first.
    assert!(tail.contains(&format!("'\"></details>{}", "</div>".repeat(count))), "{}", &tail[..200.min(tail.len())]);
    assert_eq!(page.matches("<div").count(), page.matches("</div>").count());

    let frame = site.read("public/frame/index.html");
    assert!(between(&frame, "After the frame", "site-footer").contains("</iframe>"), "{frame}");
    // Nothing ends a `<plaintext>`: the page is written, the warning says so.
    assert!(site.read("public/plain/index.html").contains("<plaintext>"));
    assert!(run.stderr.contains("content/plain.md:3:1"), "{}", run.stderr);
}

#[test]
fn what_a_page_written_in_html_leaves_open_ends_with_its_body_too() {
    let count = 30_000;
    let mut divs = String::from("---\ntitle: Divs\n---\n");
    divs.push_str(&"<div class=\"x\">".repeat(count));
    divs.push_str("\n<details><summary>s</summary>\n<script>let a = '<div>';\n<!-- x\n<p>Last words.</p>\n");
    let script = "---\ntitle: Script\n---\n<p>Run:</p>\n<script>let a = '<div>';\n<!-- x\n<p>Gone.</p>\n";
    let site = Site::with_files(
        "open-html-pages",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\n"),
            ("content/_index.md", "# Home\n"),
            ("content/divs.html", &divs),
            ("content/script.html", script),
        ],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    // A file reports its first 1,000 findings, then a count.
    assert!(run.stderr.contains("more warnings and notes from here on are not reported"), "{}", run.stderr);
    let page = site.read("public/divs.html");
    let tail = between(&page, "Last words.", "site-footer");
    assert!(
        tail.contains(&format!("</script></details>{}", "</div>".repeat(count))),
        "{}",
        &tail[..200.min(tail.len())]
    );
    assert_eq!(page.matches("<div").count(), page.matches("</div>").count() + 1, "the script's `'<div>'` is text");
    // The script is what hides the rest: the comment and the words are its text.
    assert!(run.stderr.contains("`<script>` is never closed"), "{}", run.stderr);
    assert!(run.stderr.contains("content/script.html:5:1"), "{}", run.stderr);
    let page = site.read("public/script.html");
    assert!(between(&page, "Gone.", "site-footer").contains("</script>"), "{page}");
}
