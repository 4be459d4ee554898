//! Hostile inputs: the front matter the Just the Docs theme arranges its sidebar by, a
//! circle of parents, a parent of 20,000 pages, a parent of a megabyte, markup in
//! titles, a chain of parents deeper than any sidebar, long titles shared by many
//! pages. Each is built in bounded time, stack and memory, without a panic, and a
//! title's markup is text.

use std::time::{Duration, Instant};

use crate::util::Site;

const CONFIG: &str = "title: Ops\npermalink: pretty\ntheme: just-the-docs\n";

fn built(site: &Site) -> crate::util::Run {
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
    run.expect_code(0);
    run
}

/// The first diagnostic of `stderr` whose message holds `text`, with the line after it,
/// which names its place.
fn warning(stderr: &str, text: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines.iter().position(|line| line.contains(text))?;
    Some(lines[at..lines.len().min(at + 2)].join("\n"))
}

/// A's parent is B and B's parent A: neither is in the sidebar, each is a warning.
#[test]
fn a_circle_of_parents_is_a_warning() {
    let site = Site::with_files(
        "jtd-circle",
        &[
            ("_config.yml", CONFIG),
            ("content/index.md", "---\ntitle: Home\n---\n# Home\n"),
            ("content/a.md", "---\ntitle: A\nparent: B\n---\n# A\n"),
            ("content/b.md", "---\ntitle: B\nparent: A\n---\n# B\n"),
            ("content/self.md", "---\ntitle: Home\nparent: Home\n---\n# Self\n"),
        ],
    );
    let run = built(&site);
    assert!(run.stderr.contains("circle (A → B → A)"), "{}", run.stderr);
    assert!(site.exists("public/a/index.html") && site.exists("public/b/index.html"));
    let infinite = warning(&run.stderr, "Just the Docs shows ∞").expect("the ∞ warning");
    assert!(infinite.contains("content/self.md:3:1"), "at the `parent` key: {infinite}");
}

/// 20,000 pages under one parent (the sidebar shows 50 of them around the page), a
/// `parent` of a megabyte, and a chain of 2,000 parents (cut at 32 levels).
#[test]
fn many_children_huge_parents_and_deep_chains_are_bounded() {
    let site =
        Site::with_files("jtd-many", &[("_config.yml", CONFIG), ("content/index.md", "---\ntitle: Home\n---\n")]);
    for i in 0..20_000 {
        site.write(
            &format!("content/many/p{i}.md"),
            format!("---\ntitle: P{i}\nparent: Home\nnav_order: {}\n---\n", i % 7),
        );
    }
    let huge = "x".repeat(1 << 20);
    site.write("content/huge-child.md", format!("---\ntitle: Child\nparent: {huge}\n---\n"));
    for i in 0..2_000 {
        site.write(
            &format!("content/chain/c{i}.md"),
            format!(
                "---\ntitle: C{i}\nparent: {}\n---\n",
                if i == 0 { "Home".to_string() } else { format!("C{}", i - 1) }
            ),
        );
    }
    let run = built(&site);
    assert!(run.stderr.contains("cut at 32 levels"), "{}", &run.stderr[..run.stderr.len().min(4000)]);
    assert!(site.exists("public/many/p19999/index.html"));
    let warning = run.stderr.lines().find(|line| line.contains("names no page")).expect("the warning");
    assert!(warning.len() < 400, "the parent is shortened in the warning: {}", warning.len());
    // Home's 20,001 children (C0 is one): 50 around the page, and the others counted.
    let sidebar = crate::util::sidebar_lines(&site.read("public/many/p10000/index.html"));
    let children: Vec<&String> =
        sidebar.iter().filter(|line| line.starts_with("  ") && !line.starts_with("    ")).collect();
    assert_eq!(children.len(), 51, "{sidebar:?}");
    assert!(children.iter().any(|line| line.as_str() == "  P10000"), "{sidebar:?}");
    assert_eq!(children.iter().filter(|line| line.as_str() == "  (and 19951 more)").count(), 1, "{sidebar:?}");
}

/// Forty pages share a title of 4 KB, forty others name it as their `parent` and share
/// another, and forty more name that one and share a third: 65,640 entries, each
/// copying a 4 KB title, fewer entries than the budget but 268 MB of titles.
/// The tree is cut, with a warning at a `parent` key, and the build ends.
#[test]
fn long_titles_on_many_placements_are_cut() {
    let site = Site::with_files(
        "jtd-long-titles",
        &[("_config.yml", CONFIG), ("content/index.md", "---\ntitle: Home\n---\n")],
    );
    let title = |letter: char| letter.to_string().repeat(4096);
    for i in 0..40 {
        site.write(&format!("content/a/a{i}.md"), format!("---\ntitle: {}\n---\n", title('a')));
        site.write(&format!("content/b/b{i}.md"), format!("---\ntitle: {}\nparent: {}\n---\n", title('b'), title('a')));
        site.write(&format!("content/c/c{i}.md"), format!("---\ntitle: {}\nparent: {}\n---\n", title('c'), title('b')));
    }
    let run = built(&site);
    let cut = warning(&run.stderr, "the navigation is cut here").expect("the cut warning");
    assert!(cut.contains(".md:3:1"), "at a `parent` key: {cut}");
    assert!(site.exists("public/c/c39/index.html"));
}

/// Markup in a title and a parent is text in the sidebar.
#[test]
fn markup_in_titles_is_escaped() {
    let site = Site::with_files(
        "jtd-markup",
        &[
            ("_config.yml", CONFIG),
            ("content/index.md", "---\ntitle: \"<script>alert(1)</script>\"\n---\n# Home\n"),
            (
                "content/a.md",
                "---\ntitle: \"<img src=x onerror=alert(2)>\"\nparent: \"<script>alert(1)</script>\"\n---\n# A\n",
            ),
        ],
    );
    built(&site);
    let page = site.read("public/a/index.html");
    assert!(!page.contains("<script>alert(1)") && !page.contains("<img src=x"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"), "{page}");
}

/// The gem files that pin the theme's version are read like any file beside
/// `book.toml`: a `Gemfile.lock` linked out of the handbook is refused with a note at it,
/// its text is not read, and the site builds with the theme's current rules.
#[test]
fn a_gem_file_linked_out_of_the_handbook_is_not_read() {
    let elsewhere = Site::with_files("jtd-gems-elsewhere", &[("Gemfile.lock", "    just-the-docs (0.3.3)\n")]);
    let site = Site::with_files(
        "jtd-gems-linked",
        &[
            ("_config.yml", CONFIG),
            ("content/index.md", "---\ntitle: Home\n---\n"),
            ("content/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("Gemfile.lock"), site.root.join("Gemfile.lock")).expect("a link");
    let run = built(&site);
    let note = warning(&run.stderr, "is not read").expect("a note on the refused file");
    assert!(note.contains("Gemfile.lock"), "{}", run.stderr);
    assert!(site.read("public/a/index.html").contains(">A</a>"), "the page is in the sidebar");
}
