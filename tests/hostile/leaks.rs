//! Hostile inputs: leaks of internal content through the side doors:
//! includes that select part of an internal block, includes and symbolic links
//! that reach internal sections or an internal build's output by another path,
//! `[[sources]]` that mount an internal folder twice, and front matter text with
//! internal blocks. Each test puts canary words in the internal places, requires that no
//! byte (or path) of any file of the public build holds one, and that the internal
//! build holds them; a refused input is a located error, and the failed build leaves
//! the previous output as it was.

use std::collections::BTreeMap;

use crate::util::Site;

#[cfg(unix)]
fn symlink(site: &Site, target: &str, link: &str) {
    let link = site.root.join(link);
    std::fs::create_dir_all(link.parent().expect("a parent")).expect("create folders");
    std::os::unix::fs::symlink(target, link).expect("make a symbolic link");
}

/// Every file under `dir` with its bytes.
fn snapshot(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

/// `file: canary` for every canary (case ignored) in the bytes or the path of a file
/// under `dir`.
fn leaks(site: &Site, dir: &str, canaries: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, bytes) in snapshot(site, dir) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for canary in canaries {
            let canary = canary.to_lowercase();
            if file.to_lowercase().contains(&canary) || text.contains(&canary) {
                found.push(format!("{file}: {canary}"));
            }
        }
    }
    found
}

/// The canaries that no file under `dir` holds.
fn missing(site: &Site, dir: &str, canaries: &[&str]) -> Vec<String> {
    let found = leaks(site, dir, canaries);
    canaries
        .iter()
        .filter(|c| !found.iter().any(|f| f.ends_with(&format!(": {}", c.to_lowercase()))))
        .map(|c| c.to_string())
        .collect()
}

/// Builds the public site, expecting it to fail with `message` at `location`, and the
/// previous output to be as it was.
#[track_caller]
fn refused(site: &Site, message: &str, location: &str) {
    let before = snapshot(site, "public");
    assert!(!before.is_empty(), "a previous output to keep");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains(message), "expected {message:?}\n{}", run.stderr);
    assert!(run.stderr.contains(&format!("--> {location}")), "expected at {location}\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(snapshot(site, "public") == before, "the failed build changed the previous output");
}

/// A line range, an mdBook anchor, a snippet section, the whole file
/// in a code fence, a nested include and a file's front matter all read the included
/// file's public text only.
#[test]
fn an_include_takes_only_the_public_text_of_a_file_whatever_it_selects() {
    let anchors = "# Anchors\n\nANCHOR: around\nPublic before.\n\n<!-- internal -->\nleak4a line\nANCHOR: inner\n\
                   leak4b anchor\nANCHOR_END: inner\n{{#include ../../snippets/nested.txt}}\n<!-- /internal -->\n\n\
                   Public after.\nANCHOR_END: around\n";
    let sections = "# Sections\n\n--8<-- [start:around]\nPublic before.\n\n> [!INTERNAL]\n> leak4c quote\n\
                    > --8<-- [start:inner]\n> leak4d section\n> --8<-- [end:inner]\n\nPublic after.\n--8<-- [end:around]\n";
    let callout = "Call the on-call engineer.\n\n<!-- internal -->\nBridge leak4g. ![map](shared/leak4f-map.svg)\n\
                   <!-- /internal -->\n";
    let incident = "---\ntitle: Outage\nnotes: |\n  Public note.\n\n  <!-- internal -->\n  leak4h customer\n  \
                    <!-- /internal -->\n---\n\nThe outage.\n";
    let guide = "# Guide\n\nRange:\n\n{{#include shared/anchors.md:6:12}}\n\nAnchor:\n\n\
                 {{#include shared/anchors.md:around}}\n\nSection:\n\n--8<-- \"shared/sections.md:around\"\n\n\
                 {{< readfile file=\"shared/anchors.md\" code=\"true\" lang=\"md\" >}}\n\n\
                 {{< readfile file=\"shared/sections.md\" code=\"true\" >}}\n\n--8<-- \"snippets/callout.md\"\n\n\
                 --8<-- \"snippets/incident.md\"\n\n<!-- internal -->\n{{#include shared/anchors.md:inner}}\n\
                 <!-- /internal -->\n";
    let site = Site::with_files(
        "leak-include-selection",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/guide.md", guide),
            ("content/shared/anchors.md", anchors),
            ("content/shared/sections.md", sections),
            ("content/shared/leak4f-map.svg", "<svg>leak4f</svg>"),
            ("snippets/nested.txt", "leak4e nested\n"),
            ("snippets/callout.md", callout),
            ("snippets/incident.md", incident),
        ],
    );
    let canaries = ["leak4a", "leak4b", "leak4c", "leak4d", "leak4e", "leak4f", "leak4g", "leak4h"];
    site.build(&[]).expect_code(0);
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());
    let guide_html = site.read("public/guide/index.html");
    assert!(guide_html.contains("Public before.") && guide_html.contains("Public after."), "{guide_html}");
    // A front matter block with internal text is left out whole; the body stays.
    assert!(guide_html.contains("The outage.") && !guide_html.contains("Public note."), "{guide_html}");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(missing(&site, "internal", &canaries), Vec::<String>::new(), "the internal build lacks");
    std::fs::remove_dir_all(site.root.join("internal")).expect("remove the internal build");

    // A selection wholly inside an internal block is an error, not an empty include.
    site.write("content/guide.md", "# Guide\n\n{{#include shared/anchors.md:inner}}\n");
    refused(
        &site,
        "error[include]: no anchor `inner` in the public text of `content/shared/anchors.md`: it is inside an \
         internal block, which a public build leaves out",
        "content/guide.md:3:1",
    );
    // Markers an included file gets wrong fail as in a page, at the marker.
    site.write("snippets/broken.md", "Text.\n\n<!-- internal -->\nleak4i never closed\n");
    site.write("content/guide.md", "# Guide\n\n--8<-- \"snippets/broken.md\"\n");
    refused(
        &site,
        "error[internal-block]: this internal block is never closed with `<!-- /internal -->` (included from \
         content/guide.md:3)",
        "snippets/broken.md:3:1",
    );
    // An included file may not change how the page's own internal blocks are read.
    site.write("snippets/fence.md", "```\n");
    site.write(
        "content/guide.md",
        "# Guide\n\n--8<-- \"snippets/fence.md\"\n\n<!-- internal -->\nleak4k\n<!-- /internal -->\n",
    );
    refused(
        &site,
        "error[internal-block]: an include before this internal block changes how it is read",
        "content/guide.md:5:1",
    );
    // A file whose own front matter says it is internal, wherever it lies.
    site.write("snippets/private.md", "---\nvisibility: internal\n---\n\nleak4j\n");
    site.write("content/guide.md", "# Guide\n\n--8<-- \"snippets/private.md\"\n");
    refused(
        &site,
        "error[include]: cannot include `snippets/private.md` in a public build: its front matter says \
         `visibility: internal`",
        "content/guide.md:3:1",
    );
    assert_eq!(leaks(&site, "public", &["leak4i", "leak4j", "leak4k"]), Vec::<String>::new());
}

/// An include is judged on the file it resolves to, so a symbolic link
/// out of `content/` reaches no internal page or file of an internal section; and no
/// include, link or static file reads an earlier build's output kept in the root.
#[cfg(unix)]
#[test]
fn an_include_is_judged_where_it_resolves_and_never_reads_an_output_folder() {
    let site = Site::with_files(
        "leak-include-symlink",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/guide.md", "# Guide\n\nPublic.\n"),
            ("content/vault/_index.md", "---\nvisibility: internal\n---\n\n# Vault\n"),
            ("content/vault/keys.md", "# Keys\n\nleak5a key\n"),
            ("content/vault/_includes/token.md", "leak5b token\n"),
        ],
    );
    symlink(&site, "content/vault", "shared");
    // An internal build kept in the root, as the audiences guide names it.
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(missing(&site, "internal", &["leak5a"]), Vec::<String>::new());
    site.build(&[]).expect_code(0);
    let canaries = ["leak5a", "leak5b"];
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());

    site.write("content/guide.md", "# Guide\n\n--8<-- \"shared/keys.md\"\n");
    refused(
        &site,
        "error[include]: cannot include `shared/keys.md` in a public build: `shared/keys.md` leads to \
         `vault/keys.md` of the content tree, which is internal",
        "content/guide.md:3:1",
    );
    site.write("content/guide.md", "# Guide\n\n{{#include ../shared/_includes/token.md}}\n");
    refused(&site, "`shared/_includes/token.md` leads to `vault/_includes/token.md`", "content/guide.md:3:1");
    site.write("content/guide.md", "# Guide\n\n--8<-- \"internal/vault/keys/index.html\"\n");
    refused(
        &site,
        "error[include]: cannot include `internal/vault/keys/index.html`: `internal/vault/keys/index.html` is not \
         read: it is in the output folder `internal/`, which may hold an earlier build",
        "content/guide.md:3:1",
    );
    // Nor does the walk publish it through a link, from content/ or static/.
    site.write("content/guide.md", "# Guide\n\nPublic.\n");
    symlink(&site, "../internal/vault", "content/old");
    refused(
        &site,
        "error[symlink-outside-root]: this symbolic link leads into the output folder `internal/`",
        "content/old",
    );
    std::fs::remove_file(site.root.join("content/old")).expect("remove the link");
    symlink(&site, "../internal/vault/keys/index.html", "static/keys.html");
    refused(&site, "leads into the output folder `internal/`", "static/keys.html");
    std::fs::remove_file(site.root.join("static/keys.html")).expect("remove the link");
    site.build(&[]).expect_code(0);
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());
}

/// `[[sources]]` folders are compared as they resolve (a link, the
/// same folder twice, one inside another), and a symbolic link in a public section or
/// source gives no file a wider audience than its real place has.
#[cfg(unix)]
#[test]
fn sources_are_compared_as_they_resolve_and_links_keep_the_audience_of_their_target() {
    let book = "[handbook]\ntitle = \"Test\"\n\n[[sources]]\npath = \"vendor/public-docs\"\nmount = \"docs\"\n\n\
                [[sources]]\npath = \"vendor/security\"\nmount = \"security\"\nvisibility = \"internal\"\n";
    let site = Site::with_files(
        "leak-sources",
        &[
            ("book.toml", book),
            ("content/_index.md", "# Home\n"),
            ("content/runbooks/_index.md", "# Runbooks\n"),
            ("content/runbooks/restart.md", "# Restart\n\nPublic.\n"),
            ("content/vault/_index.md", "---\nvisibility: internal\n---\n\n# Vault\n"),
            ("content/vault/keys.md", "# Keys\n\nleak6a key\n"),
            ("content/vault/leak6b-diagram.svg", "<svg>leak6b</svg>"),
            ("content/team/notes.md", "---\nvisibility: internal\n---\n\n# Notes\n"),
            ("content/team/leak6c-chart.svg", "<svg>leak6c</svg>"),
            ("vendor/public-docs/index.md", "# Docs\n"),
            ("vendor/security/index.md", "# Security\n"),
            ("vendor/security/incident.md", "# Incident\n\nleak6d response\n"),
        ],
    );
    // Links in a public section and in a public source to internal places.
    symlink(&site, "../vault/keys.md", "content/runbooks/keys.md");
    symlink(&site, "../vault/leak6b-diagram.svg", "content/runbooks/diagram.svg");
    symlink(&site, "../team/leak6c-chart.svg", "content/runbooks/chart.svg");
    symlink(&site, "../security/incident.md", "vendor/public-docs/incident.md");
    let canaries = ["leak6a", "leak6b", "leak6c", "leak6d"];
    site.build(&[]).expect_code(0);
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());
    assert!(site.exists("public/runbooks/restart/index.html") && site.exists("public/docs/index.html"));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(missing(&site, "internal", &canaries), Vec::<String>::new(), "the internal build lacks");
    // The linked page is internal there, with the banner of an internal page.
    assert!(site.read("internal/runbooks/keys/index.html").contains("banner-internal"));
    std::fs::remove_dir_all(site.root.join("internal")).expect("remove the internal build");

    // An include of a file of the internal source, by its path on disk.
    site.write("content/runbooks/restart.md", "# Restart\n\n--8<-- \"vendor/security/incident.md\"\n");
    refused(
        &site,
        "error[include]: cannot include `vendor/security/incident.md` in a public build: \
         `vendor/security/incident.md` leads to `security/incident.md` of the content tree, which is internal",
        "content/runbooks/restart.md:3:1",
    );
    site.write("content/runbooks/restart.md", "# Restart\n\nPublic.\n");

    // A public source whose folder is, through a link, an internal section.
    symlink(&site, "../content/vault", "vendor/vault-docs");
    site.write("book.toml", format!("{book}\n[[sources]]\npath = \"vendor/vault-docs\"\nmount = \"more\"\n"));
    refused(
        &site,
        "error[config-field]: `[[sources]] path` \"vendor/vault-docs\" (it resolves to `content/vault`) lies inside \
         the content folder `content/`",
        "book.toml:14:8",
    );
    // The same folder mounted twice, public and internal.
    site.write("book.toml", format!("{book}\n[[sources]]\npath = \"vendor/security\"\nmount = \"open\"\n"));
    refused(
        &site,
        "`[[sources]] path` \"vendor/security\" is the folder `vendor/security` of the source mounted at `security`",
        "book.toml:14:8",
    );
    // A public source that holds an internal one.
    site.write("book.toml", format!("{book}\n[[sources]]\npath = \"vendor\"\nmount = \"all\"\n"));
    refused(&site, "`[[sources]] path` \"vendor\" holds the folder `vendor/public-docs`", "book.toml:14:8");
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());
}

/// An internal block in front matter text (an incident update, a
/// description, an action item, a field of no kind) stays out of the status page, its
/// APIs and feeds, `handbook.json` and every other output; malformed markers there are
/// errors at the value.
#[test]
fn front_matter_text_obeys_internal_markers_in_every_output() {
    let book = "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.org/\"\n\n[status]\n\
                components = [{ id = \"api\", name = \"API\" }]\n";
    let incident = "---\ntitle: API errors\nkind: incident\nstatus: identified\nimpact: major\n\
                    started_at: 2026-11-15T09:00:00Z\ncomponents:\n  api: partial_outage\n\
                    description: |\n  Errors on the API.\n\n  <!-- internal -->\n  leak7b description\n  <!-- /internal -->\n\
                    updates:\n  - at: 2026-11-15T09:10:00Z\n    status: investigating\n    text: |\n      \
                    Errors in eu-west.\n\n      <!-- internal -->\n      Customer leak7a is affected.\n      \
                    <!-- /internal -->\n---\n\nSome requests fail.\n";
    let rca = "---\ntitle: DNS review\nkind: rca\nincident_date: 2026-11-10\nnotes: |\n  Public notes.\n\n  \
               > [!INTERNAL]\n  > leak7c notes\naction_items:\n  - title: |\n      Rotate the keys.\n\n      \
               <!-- internal -->\n      leak7d vault path\n      <!-- /internal -->\n    owner: \"@sre\"\n    \
               due: 2026-12-01\n    status: open\n---\n\nWhat happened.\n";
    let site = Site::with_files(
        "leak-front-matter",
        &[
            ("book.toml", book),
            ("content/_index.md", "# Home\n"),
            ("content/status/api-errors.md", incident),
            ("content/rca/dns.md", rca),
        ],
    );
    let canaries = ["leak7a", "leak7b", "leak7c", "leak7d"];
    site.build(&[]).expect_code(0);
    for file in ["status/index.html", "status/api/v2/summary.json", "status/feed.xml", "handbook.json"] {
        assert!(site.exists(&format!("public/{file}")), "{file}");
    }
    assert_eq!(leaks(&site, "public", &canaries), Vec::<String>::new());
    let summary = site.read("public/status/api/v2/summary.json");
    assert!(summary.contains("Errors in eu-west."), "the public part stays: {summary}");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(missing(&site, "internal", &canaries), Vec::<String>::new(), "the internal build lacks");
    std::fs::remove_dir_all(site.root.join("internal")).expect("remove the internal build");

    // A marker that does not stand on a line of its own is refused, at the value.
    site.write("content/rca/dns.md", "---\ntitle: \"DNS <!-- internal -->leak7e<!-- /internal -->\"\n---\n\nText.\n");
    refused(
        &site,
        "error[internal-block]: in front matter field `title`: an internal marker must stand on a line of its own",
        "content/rca/dns.md:2:8",
    );
    assert_eq!(leaks(&site, "public", &["leak7e"]), Vec::<String>::new());
}
