//! A GitBook handbook's blocks in a real build: hints are callouts, tabs are
//! tabs, links stay links, an unknown block is a placeholder with a warning at its line
//! and column, and an unclosed block a warning at its tag that keeps the page whole.

use crate::util::{Site, main_of};

/// A GitBook book (`.gitbook.yaml`, `SUMMARY.md`) in `docs/`, as the guide moves one.
fn gitbook(restart: &str) -> Site {
    Site::with_files(
        "gitbook-blocks",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n\n[build]\ncontent-dir = \"docs\"\n"),
            ("docs/.gitbook.yaml", "root: ./\nstructure:\n  readme: README.md\n  summary: SUMMARY.md\n"),
            ("docs/SUMMARY.md", "# Summary\n\n* [Home](README.md)\n* [Restart](ops/restart.md)\n"),
            ("docs/README.md", "# Home\n\n{% hint style=\"danger\" %}\nPage the on-call **first**.\n{% endhint %}\n"),
            ("docs/ops/restart.md", restart),
            ("docs/.gitbook/assets/runbook.pdf", "%PDF-1.4\n"),
        ],
    )
}

const RESTART: &str = "# Restart

{% tabs %}
{% tab title=\"Linux\" %}
{% hint style=\"warning\" %}
Drain the node first.
{% endhint %}

```bash
systemctl restart app
```
{% endtab %}
{% tab title=\"macOS\" %} Use launchctl. {% endtab %}
{% endtabs %}

{% content-ref url=\"../README.md\" %}
[Home](../README.md)
{% endcontent-ref %}

{% embed url=\"https://www.youtube.com/watch?v=abc\" %}

{% file src=\"../.gitbook/assets/runbook.pdf\" %}
The runbook
{% endfile %}

{% swagger src=\"api.yaml\" path=\"/restart\" method=\"post\" %}
";

#[test]
fn renders_gitbook_blocks_and_reports_the_unknown_one_where_it_stands() {
    let site = gitbook(RESTART);
    let run = site.build(&[]);
    run.expect_code(0);
    let home = site.read("public/index.html");
    assert!(main_of(&home).contains("<div class=\"callout callout-caution\" role=\"note\">"), "{home}");
    let html = site.read("public/ops/restart/index.html");
    let page = main_of(&html);
    assert!(page.contains("<div class=\"tabs\" data-tabs>"), "{page}");
    assert!(page.contains("<p class=\"tab-label\">macOS</p>\n<p>Use launchctl.</p>"), "{page}");
    let tab = page.find("tab-label\">Linux").expect("the Linux tab");
    let hint = page.find("callout-warning").expect("the hint in it");
    assert!(tab < hint, "{page}");
    assert!(page.contains("<div class=\"content-ref\">\n<p><a href=\"/\">Home</a></p>"), "{page}");
    assert!(page.contains("<a href=\"https://www.youtube.com/watch?v=abc\">"), "{page}");
    assert!(
        page.contains(
            "<div class=\"file\">\n<p><a href=\"/gitbook/assets/runbook.pdf\">runbook.pdf</a></p>\n<p>The runbook</p>"
        ),
        "{page}"
    );
    assert!(site.exists("public/gitbook/assets/runbook.pdf"));
    assert_eq!(page.matches("{%").count(), 1, "no tag is left as text but the placeholder's: {page}");
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: `{% swagger src=\"api.yaml\" path=\"/restart\" method=\"post\" %}` is not supported by opsbook; it is shown as a placeholder\n  --> docs/ops/restart.md:26:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.lines().any(|l| l.starts_with("built ") && l.ends_with("; 1 unsupported-syntax")),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unclosed_block_is_a_warning_at_its_tag_and_the_page_stays_whole() {
    let site =
        gitbook("# Restart\n\nIntro.\n\n  {% hint style=\"info\" %}\nNever closed.\n\n## Later\n\nStill here.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("`{% hint style=\"info\" %}` is never closed with `{% endhint %}`; it runs to the end of the page\n --> docs/ops/restart.md:5:3"),
        "{}",
        run.stderr
    );
    let html = site.read("public/ops/restart/index.html");
    let page = main_of(&html);
    assert!(page.contains("Never closed.") && page.contains("Still here.") && page.contains("id=\"later\""), "{page}");
}

#[test]
fn the_blocks_are_gitbook_s_only() {
    // The same page in a handbook of no tool: its tags are the Liquid placeholders they were.
    let site = Site::with_files(
        "not-gitbook",
        &[("content/index.md", "# Home\n\n{% hint style=\"info\" %}\nA.\n{% endhint %}\n")],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/index.html");
    assert!(!main_of(&html).contains("callout-note") && main_of(&html).contains("unsupported-block"), "{html}");
}
