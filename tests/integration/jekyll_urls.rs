//! Where Jekyll writes a page whose URL has no ending, and where its drafts go: a
//! collection's `index.md` under a permalink style without `/` or `:output_ext` is its
//! folder's `index.html` (`Document#destination`), reached by a link to its URL
//! (`/guide/setup/index`) as `jekyll serve` answers it (`servlet.rb`, `search_file`);
//! a draft built with `--drafts` is a post, at the posts' URL, dated by its front matter,
//! else by its file's modification time (`Document#date`).

use crate::util;

use util::Site;

#[test]
fn a_collections_index_without_an_ending_is_its_folders_page() {
    let config = "title: T\npermalink: /:categories/:year/:month/:day/:title\ncollections_dir: src\n\
                  collections:\n  guide:\n    output: true\n";
    let site = Site::with_files(
        "jekyll-index-urls",
        &[
            ("_config.yml", config),
            ("content/index.md", "---\ntitle: Home\n---\n[setup](/guide/setup/index) and [again](/guide/setup/)\n"),
            ("content/src/_guide/index.md", "---\ntitle: Guide\n---\n[install](/guide/setup/install)\n"),
            ("content/src/_guide/setup/index.md", "---\ntitle: Setup\n---\n# Setup\n"),
            ("content/src/_guide/setup/install.md", "---\ntitle: Install\n---\n[up](/guide/index)\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning["), "every link leads to a page: {}", run.stderr);
    for page in ["guide/index.html", "guide/setup/index.html", "guide/setup/install/index.html"] {
        assert!(site.exists(&format!("public/{page}")), "{page}: {:?}", site.files_under("public"));
    }
    assert!(!site.exists("public/guide/setup/index/index.html"), "no page at index/");
    assert!(site.read("public/index.html").contains("href=\"/guide/setup/\""));
}

#[test]
fn drafts_are_posts_dated_by_their_file_or_front_matter() {
    let site = Site::with_files(
        "jekyll-drafts",
        &[
            ("_config.yml", "title: T\npermalink: pretty\n"),
            ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
            ("content/_posts/2024-01-02-first.md", "---\ntitle: First\n---\nText.\n"),
            ("content/_drafts/upgrade-notes.md", "---\ntitle: Notes\n---\nText.\n"),
            ("content/_drafts/dated.md", "---\ntitle: Dated\ndate: 2023-07-08\n---\nText.\n"),
            ("content/ops/_drafts/failover.md", "---\ntitle: Failover\n---\nText.\n"),
            ("content/_drafts/2022-05-06-named.md", "---\ntitle: Named\n---\nText.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n");
    // 2024-03-05, 10:00 UTC.
    let day = std::time::UNIX_EPOCH + std::time::Duration::from_secs(19_787 * 86_400 + 36_000);
    for draft in ["content/_drafts/upgrade-notes.md", "content/_drafts/dated.md", "content/ops/_drafts/failover.md"] {
        let file = std::fs::File::options().write(true).open(site.root.join(draft)).expect("open");
        file.set_modified(day).expect("set the time");
    }
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(!site.exists("public/_drafts") && !site.exists("public/2024/03/05"), "{:?}", site.files_under("public"));
    let run = site.build(&["--drafts", "--no-summary"]);
    run.expect_code(0);
    // A draft's name dates it before its file does (`Document#populate_title`).
    let pages = [
        "2024/01/02/first",
        "2024/03/05/upgrade-notes",
        "2023/07/08/dated",
        "ops/2024/03/05/failover",
        "2022/05/06/named",
    ];
    for page in pages {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page}: {:?}", site.files_under("public"));
    }
    assert!(!site.exists("public/_drafts"), "no draft at its file's path");
}
