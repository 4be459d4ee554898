//! Generated pages never fight content. A content page or section at
//! the URL of a generated page (`/owners/`, `/tags/`, `/review/`, `/search/`,
//! `/alerts/`) keeps it, and the generated page moves to `/handbook-<name>/` with one
//! note; a lone `_index.md` there customises the generated page instead.

use crate::util;

use util::Site;

/// A handbook with every generated page: owners, tags, a review date, an alert, search.
fn handbook(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("content/_index.md", "# Home\n\nThe handbook.\n"),
            (
                "content/runbooks/disk.md",
                "---\ntitle: Disk full\nkind: runbook\nservice: storage\nseverity: SEV2\nowners: [\"@storage\"]\ntags: [disk]\nalerts: [NodeDiskFull]\nlast_reviewed: 2020-01-01\n---\n\nFree some space on the volume.\n",
            ),
        ],
    )
}

/// The generated pages, as (URL segment, a text only the generated page shows).
const PAGES: &[(&str, &str)] = &[
    ("owners", "@storage"),
    ("tags", "tag-list"),
    ("review", "Disk full"),
    ("search", "data-search-page"),
    ("alerts", "NodeDiskFull"),
];

#[test]
fn a_content_section_keeps_the_url_of_each_generated_page() {
    for &(name, marker) in PAGES {
        let site = handbook(&format!("fight-{name}"));
        site.write(&format!("content/{name}/_index.md"), "# The team section\n\nOur own section.\n");
        site.write(&format!("content/{name}/cluster.md"), "# Cluster\n\nHow the cluster runs.\n");
        let run = site.build(&[]);
        run.expect_code(0);
        let content = site.read(&format!("public/{name}/index.html"));
        assert!(content.contains("Our own section."), "{name}: {content}");
        assert!(site.read(&format!("public/{name}/cluster/index.html")).contains("How the cluster runs."));
        let moved = site.read(&format!("public/handbook-{name}/index.html"));
        assert!(moved.contains(marker), "{name}: {moved}");
        let note = format!(
            "note[duplicate-url]: the content at /{name}/ keeps its URL; the {name} page opsbook generates moves to /handbook-{name}/\n --> content/{name}/_index.md\n"
        );
        assert_eq!(run.stderr.matches(&note).count(), 1, "{name}: {}", run.stderr);
        assert_eq!(run.stderr.matches("note[").count(), 1, "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("error"), "{}", run.stderr);
        // Every page links to the moved page, never to the content.
        let home = site.read("public/index.html");
        if name == "search" {
            assert!(home.contains(r#"action="/handbook-search/" data-page="handbook-search/""#), "{home}");
        } else {
            assert!(home.contains(&format!(r#"href="/handbook-{name}/""#)), "{name}: {home}");
        }
    }
}

#[test]
fn tag_pages_follow_a_moved_tags_page() {
    let site = handbook("fight-tag");
    site.write("content/tags/labels.md", "# Labels\n\nHow we label hosts.\n");
    site.build(&[]).expect_code(0);
    assert!(site.read("public/tags/labels/index.html").contains("How we label hosts."));
    let tag = site.read("public/handbook-tags/disk/index.html");
    assert!(tag.contains("Disk full"), "{tag}");
    assert!(site.read("public/runbooks/disk/index.html").contains(r#"href="/handbook-tags/disk/""#));
    assert!(!site.exists("public/tags/disk"));
}

#[test]
fn the_moved_url_is_itself_free() {
    let site = handbook("fight-free");
    site.write("content/owners/team.md", "# Team\n\nThe team.\n");
    site.write("content/handbook-owners.md", "# Handbook owners\n\nWho owns the handbook.\n");
    site.write("content/old.md", "---\naliases: [/handbook-owners-2/]\n---\n\n# Old\n\nMoved here.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.read("public/handbook-owners/index.html").contains("Who owns the handbook."));
    assert!(site.read("public/handbook-owners-3/index.html").contains("@storage"));
    assert!(run.stderr.contains("moves to /handbook-owners-3/"), "{}", run.stderr);
}

#[test]
fn a_lone_index_page_customises_the_generated_page() {
    for &(name, marker) in PAGES {
        let site = handbook(&format!("custom-{name}"));
        site.write(
            &format!("content/{name}/_index.md"),
            "---\ntitle: Our custom title\n---\n\nRead this intro first.\n",
        );
        let run = site.build(&[]);
        run.expect_code(0);
        let page = site.read(&format!("public/{name}/index.html"));
        // The search page's heading names its search form (`id`).
        let heading = match name {
            "search" => r#"<h1 class="page-title" id="search-page-title">Our custom title</h1>"#,
            _ => r#"<h1 class="page-title">Our custom title</h1>"#,
        };
        assert!(page.contains(heading), "{name}: {page}");
        assert!(page.contains(r#"<div class="page-intro"><p>Read this intro first.</p>"#), "{name}: {page}");
        assert!(page.contains(marker), "{name}: {page}");
        assert!(!site.exists(&format!("public/handbook-{name}")));
        assert!(!run.stderr.contains("note["), "{}", run.stderr);
    }
}

#[test]
fn the_search_box_works_beside_a_search_section() {
    let site = handbook("fight-search-box");
    site.write("content/search/_index.md", "# Search team\n\nWe run the search cluster.\n");
    site.write("content/search/elastic.md", "# Elasticsearch\n\nThe elastic cluster.\n");
    site.build(&[]).expect_code(0);
    // The index stays under search/ beside the section's pages; the client finds it
    // from the site root, and sends "All results" to the moved page.
    assert!(site.exists("public/search/manifest.json"));
    assert!(site.read("public/search/elastic/index.html").contains("The elastic cluster."));
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<script src="/search.js" data-root="/" defer>"#), "{home}");
    assert!(home.contains(
        r#"<form class="search-form" action="/handbook-search/" data-page="handbook-search/" role="search" aria-label="Search the handbook">"#
    ));
    let page = site.read("public/handbook-search/index.html");
    assert!(page.contains(r#"action="/handbook-search/""#), "{page}");
    let index: String = site.files_under("public/search").join(" ");
    assert!(index.contains("manifest.json"), "{index}");
}

/// The page opsbook makes for a folder without one gives its URL to a page whose
/// `permalink` names it (a Jekyll site's `_pages/pages/index.md` at `/pages/` beside a
/// folder `pages/`): the page is written there, with a note at the field, the folder's
/// other pages stay under it, and the build passes.
#[test]
fn a_page_whose_permalink_names_a_folder_without_a_page_is_the_folder_s_page() {
    let site = Site::with_files(
        "folder-page-gives-way",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\n"),
            ("content/_index.md", "# Home\n"),
            ("content/_pages/pages/index.md", "---\npermalink: /pages/\ntitle: Real Pages\n---\nThe real page.\n"),
            ("content/pages/kb/index.md", "---\ntitle: KB\n---\n[Up](../../_pages/pages/index.md)\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("note[duplicate-url]: `content/_pages/pages/index.md` is published at /pages/, the URL of the folder `content/pages/`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/_pages/pages/index.md:2:1"), "at the field: {}", run.stderr);
    let html = site.read("public/pages/index.html");
    assert!(html.contains("The real page.") && html.contains("Real Pages"), "{html}");
    assert!(site.read("public/pages/kb/index.html").contains("href=\"/pages/\""), "the link leads to it");
}
