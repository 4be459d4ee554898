//! Hostile inputs: Hugo's page lookup. A `ref` that climbs out of the content folder
//! finds no page and reads no file; a link render hook too large to read, or linked out
//! of the handbook, is not read (a note), nor is a partial it calls, and the site's links
//! keep opsbook's rules.

use crate::util::{Site, panicked};

const PAGE: &str = "# A\n\n[out]({{< ref \"../../../../../../etc/passwd\" >}}) \
    [up]({{< relref \"/../../../etc/hosts\" >}}) [date](methods/date/)\n";

fn site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("hugo.toml", "title = 'x'\n"),
            ("content/_index.md", "# Home\n"),
            ("content/docs/a.md", PAGE),
            ("content/methods/date.md", "# Date\n"),
        ],
    )
}

#[test]
fn a_ref_climbing_out_of_the_content_folder_finds_no_page_and_reads_no_file() {
    let site = site("hugo-lookup-climb");
    site.write("layouts/_markup/render-link.html", "{{ with .PageInner.GetPage .Destination }}{{ end }}");
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    let html = site.read("public/docs/a/index.html");
    assert!(!html.contains("root:"), "{html}");
    assert!(run.stderr.contains("etc/passwd"), "{}", run.stderr);
    // The hook's lookup still finds what is in the site.
    assert!(html.contains("href=\"/methods/date/\""), "{html}");
    for escaped in ["public/etc", "etc"] {
        assert!(!site.exists(escaped), "{escaped}");
    }
}

#[test]
fn a_link_hook_too_large_to_read_is_not_read() {
    let site = site("hugo-lookup-huge-hook");
    let huge = format!("{}{{{{ .PageInner.GetPage .Destination }}}}", " ".repeat(17 << 20));
    site.write("layouts/_markup/render-link.html", huge);
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("layouts/_markup/render-link.html"), "{}", run.stderr);
    let html = site.read("public/docs/a/index.html");
    assert!(!html.contains("href=\"/methods/date/\""), "{html}");
}

/// Builds `site` with `at` a symbolic link to a file holding `text` outside the handbook,
/// and checks that the file is not read: a note says so, and the site's links keep
/// opsbook's rules.
#[cfg(unix)]
fn assert_linked_out_is_not_read(site: &Site, at: &str, text: &str) {
    let out = Site::empty(&format!("{}-target", site.root.file_name().and_then(|n| n.to_str()).unwrap_or("x")));
    out.write("linked.html", text);
    let link = site.root.join(at);
    std::fs::create_dir_all(link.parent().expect("a folder")).expect("make the folder");
    std::os::unix::fs::symlink(out.root.join("linked.html"), link).expect("make a symbolic link");
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("the file is not read"), "{}", run.stderr);
    let html = site.read("public/docs/a/index.html");
    assert!(!html.contains("href=\"/methods/date/\""), "{html}");
}

#[cfg(unix)]
#[test]
fn a_link_hook_linked_out_of_the_handbook_is_not_read() {
    let site = site("hugo-lookup-linked-hook");
    let hook = "{{ with .PageInner.GetPage .Destination }}{{ end }}";
    assert_linked_out_is_not_read(&site, "layouts/_markup/render-link.html", hook);
}

/// A partial the hook calls is read as the hook is: one named out of the layouts
/// (`../../`) or linked out of the handbook is not read, and the site keeps opsbook's
/// rules for its links.
#[cfg(unix)]
#[test]
fn a_hook_s_partial_named_or_linked_out_of_the_handbook_is_not_read() {
    let site = site("hugo-lookup-linked-partial");
    site.write("layouts/_markup/render-link.html", "{{ partial \"../../../outside/link\" . }}{{ partial \"link\" . }}");
    let partial = "{{ with .Page.Ref (dict \"path\" .Destination) }}{{ end }}";
    assert_linked_out_is_not_read(&site, "layouts/_partials/link.html", partial);
}
