//! The files of a Jekyll site that are no pages but open with front matter
//! (`robots.txt`, a web manifest, a script). Jekyll processes "any file that contains a
//! YAML front matter block": it renders it through Liquid and writes it without its
//! front matter, at its `permalink` or under its name. Copied as written, they published
//! their front matter and Liquid.

use crate::util;

use util::Site;

fn jekyll(name: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, files);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    site.write(
        "_config.yml",
        "title: Test\nurl: https://ops.example.org\nplugins: [jekyll-assets]\ncollections:\n  pages:\n    output: true\n",
    );
    site.write("content/index.md", "# Home\n");
    site
}

#[test]
fn a_file_with_front_matter_is_rendered_through_liquid_at_its_permalink() {
    let site = jekyll(
        "jekyll-files",
        &[
            (
                "content/robots.txt",
                "---\npermalink: /robots.txt\n---\n{% if jekyll.environment == \"development\" %}Disallow: /\n{% else %}Disallow: /members/\nSitemap: {{ site.url }}/sitemap.xml\n{% endif %}",
            ),
            (
                "content/_pages/security.txt",
                "---\npermalink: /.well-known/security.txt\n---\nContact: mailto:security@example.org\nCanonical: {{ site.url }}{{ page.url }}\n",
            ),
            ("content/_assets/images/icon.png", "PNG"),
            ("content/site.webmanifest", "---\n---\n{\"icons\": [{\"src\": \"{% asset 'icon.png' @path %}\"}]}\n"),
            ("content/plain.txt", "{{ not rendered }}\n"),
            ("content/css/main.scss", "---\n---\n@import \"main\";\n"),
            ("content/tenders.txt", "---\n---\nIntro\n{% tf tenders/lot.md %}\n"),
        ],
    );
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert_eq!(site.read("public/robots.txt"), "Disallow: /members/\nSitemap: https://ops.example.org/sitemap.xml\n");
    assert!(run.stderr.contains("`content/robots.txt` is published at /robots.txt"), "content wins: {}", run.stderr);
    assert_eq!(
        site.read("public/.well-known/security.txt"),
        "Contact: mailto:security@example.org\nCanonical: https://ops.example.org/.well-known/security.txt\n"
    );
    assert_eq!(site.read("public/site.webmanifest"), "{\"icons\": [{\"src\": \"/_assets/images/icon.png\"}]}\n");
    assert_eq!(site.read("public/plain.txt"), "{{ not rendered }}\n", "a file without front matter is copied as it is");
    // Sass, which Jekyll compiles, and a tag opsbook runs only in pages: not published, said where.
    assert!(!site.exists("public/css/main.scss"));
    assert!(
        run.stderr.contains("note[unsupported-syntax]: `content/css/main.scss` is Sass that Jekyll compiles into CSS; opsbook compiles no Sass, so it is not published"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public/tenders.txt"));
    assert!(
        run.stderr.contains("warning[unsupported-syntax]: `content/tenders.txt` is a file Jekyll renders through Liquid: `{% tf %}` is a tag of Jekyll's or of a plugin, which opsbook runs in pages only; it is not published"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/tenders.txt:4:"), "{}", run.stderr);
}

#[test]
fn a_file_for_the_internal_audience_or_unpublished_stays_out_of_a_public_build() {
    let site = jekyll(
        "jekyll-files-audience",
        &[
            ("content/notes.txt", "---\nvisibility: internal\n---\nCall 555-0100.\n"),
            ("content/draft.txt", "---\npublished: false\n---\nNot yet.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/notes.txt") && !site.exists("public/draft.txt"));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(site.read("internal/notes.txt"), "Call 555-0100.\n");
    assert!(!site.exists("internal/draft.txt"));
}

#[test]
fn a_permalink_that_leaves_the_site_is_an_error_at_the_field() {
    let site =
        jekyll("jekyll-files-permalink", &[("content/x.txt", "---\ntitle: X\npermalink: /../../etc/passwd\n---\nx\n")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[invalid-path]: the permalink \"/../../etc/passwd\" cannot be a file of the site"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/x.txt:3:"), "{}", run.stderr);
    assert!(!site.exists("public"));
}

/// What Jekyll's reader publishes (jekyll/jekyll `lib/jekyll/reader.rb`,
/// `entry_filter.rb`): a Markdown file without front matter is copied as it is, not
/// made a page; `_` folders and files, and what `exclude:` names, are not published
/// unless `include:` names them; a collection's documents keep their collection's URLs
/// and its folder makes no page of its own (no `/_docs/`).
#[test]
fn the_reader_publishes_what_jekyll_publishes() {
    let site = Site::with_files(
        "jekyll-reader",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            (
                "_config.yml",
                "title: Test\npermalink: pretty\ninclude: [_redirects]\nexclude: [scratch]\n\
                 collections:\n  docs:\n    output: true\n",
            ),
            ("content/index.md", "---\ntitle: Home\n---\n# Home\n"),
            ("content/SECURITY.md", "# Security\n\nWrite to us.\n"),
            ("content/_assets/css/site.css", "p {}"),
            ("content/_redirects", "/old /new\n"),
            ("content/_docs/guide/start.md", "---\ntitle: Start\n---\nBegin.\n"),
            ("content/scratch/notes.md", "---\ntitle: Notes\n---\nDraft.\n"),
        ],
    );
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert_eq!(site.read("public/SECURITY.md"), "# Security\n\nWrite to us.\n");
    assert!(!site.exists("public/SECURITY/index.html"), "no page from a file without front matter");
    assert!(!site.exists("public/_assets/css/site.css"));
    assert!(site.exists("public/_redirects"), "include: names it");
    assert!(site.read("public/docs/guide/start/index.html").contains("Begin."));
    assert!(!site.exists("public/_docs/index.html") && !site.exists("public/_docs/guide/index.html"));
    assert!(!site.exists("public/scratch/notes/index.html"), "exclude: names its folder");
}

/// With jekyll-optional-front-matter (here through the `github-pages` gem, which turns
/// it on), such a file is a page, but a README, LICENSE or CONTRIBUTING stays a copy.
#[test]
fn the_optional_front_matter_plugin_makes_pages_of_markdown() {
    let site = Site::with_files(
        "jekyll-optional-front-matter",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "title: Test\npermalink: pretty\n"),
            ("Gemfile", "source \"https://rubygems.org\"\ngem \"github-pages\", group: :jekyll_plugins\n"),
            ("content/index.md", "# Home\n"),
            ("content/runbook.md", "# Runbook\n\nRestart it.\n"),
            ("content/CONTRIBUTING.md", "# Contributing\n"),
        ],
    );
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(site.read("public/runbook/index.html").contains("Restart it."), "{}", run.stderr);
    assert_eq!(site.read("public/CONTRIBUTING.md"), "# Contributing\n");
    assert!(!site.exists("public/CONTRIBUTING/index.html"));
}

/// Jekyll's `features/collections_dir.feature` (jekyll/jekyll 202df571), "A complex
/// site with collections posts and drafts at various locations", built without
/// `--drafts`: with `collections_dir: gathering`, the collections and `_posts` are read in
/// `gathering/` only, the folder itself publishes nothing, and `{% post_url %}` finds a
/// post there.
#[test]
fn the_collections_and_posts_are_read_in_collections_dir() {
    let site = Site::with_files(
        "jekyll-collections-dir",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "collections:\n  puppies:\n    output: true\n\ncollections_dir: gathering\n"),
            ("content/index.md", "# Home\n\n[Post]({% post_url 2009-03-27-post-in-gathering %})\n"),
            (
                "content/gathering/_puppies/rover-in-gathering.md",
                "---\ntitle: Rover in Gathering\n---\ncontent for Rover.\n",
            ),
            ("content/_puppies/rover-at-root.md", "---\ntitle: Rover At Root\n---\ncontent for Rover.\n"),
            (
                "content/gathering/_posts/2009-03-27-post-in-gathering.md",
                "---\ntitle: Post in Gathering\n---\nTotally nothing.\n",
            ),
            ("content/_posts/2009-03-27-post-at-root.md", "---\ntitle: Post At Root\n---\nTotally nothing.\n"),
            (
                "content/gathering/_drafts/draft-in-gathering.md",
                "---\ntitle: Draft In Gathering\n---\nThis is a draft.\n",
            ),
            ("content/gathering/_puppies/static_file.txt", "Static content."),
            ("content/gathering/_puppies/nested/static_file.txt", "Nested Static content."),
        ],
    );
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(site.exists("public/puppies/rover-in-gathering.html"), "{}", run.stderr);
    assert!(site.exists("public/2009/03/27/post-in-gathering.html"));
    assert!(!site.exists("public/2009/03/27/post-at-root.html"), "a `_posts` outside collections_dir is not read");
    assert!(!site.exists("public/puppies/rover-at-root.html"));
    assert!(site.files_containing("public", "This is a draft").is_empty());
    assert_eq!(site.read("public/puppies/static_file.txt"), "Static content.");
    assert_eq!(site.read("public/puppies/nested/static_file.txt"), "Nested Static content.");
    assert!(!site.exists("public/gathering"), "the container publishes nothing");
    assert!(!site.exists("public/_posts"));
    assert!(site.read("public/index.html").contains("href=\"/2009/03/27/post-in-gathering.html\""));
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}
