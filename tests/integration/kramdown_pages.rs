//! A Jekyll handbook whose Markdown is kramdown, built: a table whose rows have more
//! cells than its separator line (padded, as kramdown pads them), a table without a
//! separator line (all body), and an include's `<p markdown="1">` inside raw HTML, whose
//! text is read as Markdown and whose `markdown` attribute is not written out.

use crate::util;

use util::Site;

/// The `<main>` part of a built page.
fn main_of(site: &Site, path: &str) -> String {
    let html = site.read(path);
    let main = html.split_once("<main").and_then(|(_, m)| m.split_once("</main>")).map(|(m, _)| m.to_string());
    main.unwrap_or_else(|| panic!("{path} has no <main>"))
}

#[test]
fn kramdown_tables_and_markdown_1_paragraphs_render_as_kramdown_renders_them() {
    let page = "---\ntitle: Deploy\nenvs:\n- dev\n- int\n---\n\
        {%- capture note -%}\n**Note**: see *the setup*.\n{%- endcapture -%}\n\
        {% include alert.html content=note %}\n\n\
        | | OIDC | SAML |\n|---|-----|\n{% for env in page.envs -%}\n| {{ env }} | `ps | grep oidc` | saml |\n{% endfor %}\n\
        Hosts:\n\n| web | 10.0.0.1\n| db | 10.0.0.2\n";
    let alert = "<div class=\"alert\">\n  <div class=\"alert-body\">\n    <p class=\"alert-text\" markdown=\"1\">\n      \
        {{ include.content }}\n    </p>\n  </div>\n</div>\n";
    let pages = [("content/index.md", "# Home\n"), ("content/deploy.md", page), ("content/setup.md", "# Setup\n")];
    let site = Site::with_files("kramdown-pages", &pages);
    site.write("_config.yml", "title: Test\nmarkdown: kramdown\n");
    site.write("_includes/alert.html", alert);
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/deploy.html");
    assert!(!main.contains("markdown=\"1\""), "the attribute is not written out: {main}");
    assert!(
        main.contains("<p class=\"alert-text\"><strong>Note</strong>: see <em>the setup</em>.\n</p>"),
        "the paragraph's text is Markdown: {main}"
    );
    assert!(main.contains("<thead><tr><th></th><th>OIDC</th><th>SAML</th></tr></thead>"), "{main}");
    assert!(main.contains("<tr><td>dev</td><td><code>ps | grep oidc</code></td><td>saml</td></tr>"), "{main}");
    assert!(!main.contains("|---|"), "no pipes left as a paragraph: {main}");
    assert!(
        main.contains("<table><tbody>\n<tr><td>web</td><td>10.0.0.1</td></tr>\n<tr><td>db</td><td>10.0.0.2</td></tr>\n</tbody></table>"),
        "a table without a separator line has no head: {main}"
    );
}
