//! Hugo's page lookup on a built site: `ref` and `relref` find pages as Hugo's
//! `GetPage` does (from the page's section, then the content root, then a bare name),
//! and a link whose destination is no file goes through a link render hook that calls
//! `GetPage` as Hugo's does; a site without such a hook keeps opsbook's rules.

use crate::util::Site;

/// A link render hook of the site's own that looks pages up, as hugoDocs' does.
const LOOKING_HOOK: &str = "{{- with .PageInner.GetPage .Destination }}<a href=\"{{ .RelPermalink }}\">{{ end }}\n";
/// A hook that writes the destination as it is, as Altinity's knowledge base's does.
const PLAIN_HOOK: &str = "<a href=\"{{ .Destination | safeURL }}\">{{ .Text }}</a>\n";

const SETUP: &str = "---\ntitle: Setup\n---\n# Setup\n\n\
    [date](methods/page/date/) and [pack](commands/pack/#usage) and \
    [the bundle's image](images/a.png).\n\n\
    [unique]({{< ref \"unique\" >}}), [section]({{< relref \"/methods\" >}}), \
    [up]({{< ref \"../about\" >}}).\n";

fn site(name: &str, hook: Option<&str>) -> Site {
    // Links that lead nowhere are warnings, so that a site without a hook is built too.
    let mut files = vec![
        ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
        ("hugo.toml", "title = 'x'\n"),
        ("content/_index.md", "# Home\n"),
        ("content/about.md", "# About\n"),
        ("content/docs/_index.md", "# Docs\n"),
        ("content/docs/setup/index.md", SETUP),
        ("content/docs/setup/images/a.png", "png"),
        ("content/methods/_index.md", "# Methods\n"),
        ("content/methods/page/date.md", "# Date\n"),
        ("content/commands/pack.md", "# Pack\n\n## Usage\n"),
        ("content/deep/down/unique.md", "# Unique\n"),
    ];
    if let Some(hook) = hook {
        files.push(("layouts/_markup/render-link.html", hook));
    }
    Site::with_files(name, &files)
}

#[test]
fn a_hugo_link_hook_that_calls_get_page_finds_pages_from_the_content_root() {
    let site = site("hugo-lookup-hook", Some(LOOKING_HOOK));
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/docs/setup/index.html");
    for href in ["/methods/page/date/", "/commands/pack/#usage", "/docs/setup/images/a.png"] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}: {html}");
    }
    assert!(!run.stderr.contains("methods/page/date"), "{}", run.stderr);
}

/// A hook that calls a partial (`layouts/_partials/`, Hugo 0.146's folder, or
/// `layouts/partials/`) whose text looks the destination up with a page's `.Ref`, as
/// `ref` does: the lookup is the hook's.
#[test]
fn a_hugo_link_hook_whose_partial_calls_ref_finds_pages_too() {
    for (name, dir) in
        [("hugo-lookup-partial-new", "layouts/_partials"), ("hugo-lookup-partial-old", "layouts/partials")]
    {
        let site = site(name, Some("{{- partial \"link\" . -}}\n"));
        site.write(
            &format!("{dir}/link.html"),
            "{{- $url := .Destination -}}\n{{- if (.Page.Ref (dict \"path\" $url)) -}}<a href=\"{{ .Page.Ref (dict \"path\" $url) }}\">{{ .Text }}</a>{{- end -}}\n",
        );
        let run = site.build(&[]);
        run.expect_code(0);
        let html = site.read("public/docs/setup/index.html");
        assert!(html.contains("href=\"/methods/page/date/\""), "{name}: {html}\n{}", run.stderr);
    }
}

#[test]
fn refs_find_pages_as_hugos_get_page_does_with_or_without_a_hook() {
    for (name, hook) in [("hugo-lookup-ref-hook", Some(LOOKING_HOOK)), ("hugo-lookup-ref-none", None)] {
        let site = site(name, hook);
        let run = site.build(&[]);
        let html = site.read("public/docs/setup/index.html");
        // A bare name anywhere, a section from the root, `..` from a leaf bundle's section.
        for href in ["/deep/down/unique/", "/methods/", "/about/"] {
            assert!(html.contains(&format!("href=\"{href}\"")), "{name} {href}: {html}\n{}", run.stderr);
        }
    }
}

#[test]
fn a_site_without_a_hook_that_looks_pages_up_keeps_its_links_relative() {
    for (name, hook) in [("hugo-lookup-no-hook", None), ("hugo-lookup-plain-hook", Some(PLAIN_HOOK))] {
        let site = site(name, hook);
        let run = site.build(&[]);
        let html = site.read("public/docs/setup/index.html");
        assert!(!html.contains("href=\"/methods/page/date/\""), "{name}: {html}");
        assert!(run.stderr.contains("methods/page/date"), "{name}: {}", run.stderr);
    }
}

#[test]
fn hugos_embedded_hook_looks_pages_up_when_its_configuration_turns_it_on() {
    for (name, config, on) in [
        ("hugo-lookup-fallback", "[markup.goldmark.renderHooks.link]\nuseEmbedded = 'fallback'\n", true),
        ("hugo-lookup-legacy", "[markup.goldmark.renderHooks.link]\nenableDefault = true\n", true),
        ("hugo-lookup-languages", "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n", true),
        (
            "hugo-lookup-never",
            "[languages.en]\n[languages.de]\n[markup.goldmark.renderHooks.link]\nuseEmbedded = 'never'\n",
            false,
        ),
    ] {
        let site = site(name, None);
        site.write("hugo.toml", format!("title = 'x'\n{config}"));
        let run = site.build(&[]);
        let html = site.read("public/docs/setup/index.html");
        assert_eq!(html.contains("href=\"/methods/page/date/\""), on, "{name}: {html}\n{}", run.stderr);
    }
}
