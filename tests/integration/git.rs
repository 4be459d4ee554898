//! Last-updated dates from git, on temporary repositories with commits at fixed dates:
//! the newest commit that touched a file is its last change; no repository means no
//! dates and no error; a shallow clone gets one warning; a handbook in a subfolder of
//! its repository gets repository links and CODEOWNERS paths from the repository root.

use crate::util;

use util::git::{commit_all, git, head};
use util::{Site, between};

fn repository(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[("content/_index.md", "# Home\n"), ("content/a.md", "# A\n\nFirst.\n"), ("content/b.md", "# B\n\nFirst.\n")],
    );
    git(&site.root, &["init", "-q", "-b", "main"], "2026-01-01T00:00:00Z");
    commit_all(&site.root, "start", "2026-01-02T03:04:05Z");
    site.write("content/b.md", "# B\n\nSecond.\n");
    commit_all(&site.root, "change b", "2026-02-03T10:00:00Z");
    site.write("content/a.md", "# A\n\nThird.\n");
    commit_all(&site.root, "change a", "2026-03-04T12:30:00Z");
    site
}

#[test]
fn shows_the_last_commit_of_every_page() {
    let site = repository("git-dates");
    let last = head(&site.root);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let a = site.read("public/a/index.html");
    let updated = between(&a, r#"<span class="updated">"#, "</span>");
    assert_eq!(
        updated,
        format!(r#"<span class="updated">Updated <time datetime="2026-03-04T12:30:00Z">2026-03-04</time></span>"#)
    );
    let b = site.read("public/b/index.html");
    assert!(b.contains(r#"<time datetime="2026-02-03T10:00:00Z">2026-02-03</time>"#), "{b}");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/handbook.json")).unwrap();
    let a_record = json["pages"].as_array().unwrap().iter().find(|p| p["url"] == "/a/").unwrap().clone();
    assert_eq!(a_record["last_updated"], serde_json::json!({"date": "2026-03-04T12:30:00Z", "commit": last}));
}

#[test]
fn links_the_commit_when_the_repository_is_known() {
    let site = repository("git-commit-link");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\nrepository = \"https://gitlab.com/kestrel/handbook\"\n");
    let last = head(&site.root);
    site.build(&[]).expect_code(0);
    let a = site.read("public/a/index.html");
    let short = &last[..8];
    assert!(
        a.contains(&format!(
            r#"in <a href="https://gitlab.com/kestrel/handbook/-/commit/{last}"><code>{short}</code></a>"#
        )),
        "{a}"
    );
}

#[test]
fn without_a_repository_there_are_no_dates_and_no_error() {
    let site = Site::with_files("git-none", &[("content/a.md", "# A\n")]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.read("public/a/index.html").contains("class=\"updated\""));
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn warns_once_about_a_shallow_clone() {
    let origin = repository("git-origin");
    let clone = Site::empty("git-shallow");
    let url = format!("file://{}", origin.root.display());
    git(&clone.root, &["clone", "-q", "--depth", "1", &url, "."], "2026-04-01T00:00:00Z");
    let run = clone.build(&[]);
    run.expect_code(0);
    assert_eq!(run.stderr.matches("warning[shallow-clone]").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("fetch the whole history"), "{}", run.stderr);
}

#[test]
fn a_handbook_in_a_subfolder_uses_paths_from_the_repository_root() {
    let site = Site::empty("git-subfolder");
    site.write(
        "docs/handbook/book.toml",
        "[handbook]\ntitle = \"Test\"\nrepository = \"https://github.com/kestrel/monorepo\"\n",
    );
    site.write("docs/handbook/content/a.md", "# A\n");
    site.write(".github/CODEOWNERS", "/docs/handbook/content/ @docs-team\n");
    git(&site.root, &["init", "-q", "-b", "main"], "2026-01-01T00:00:00Z");
    commit_all(&site.root, "start", "2026-05-06T07:08:09Z");
    let run = site.run(&["build", "--root", "docs/handbook"]);
    run.expect_code(0);
    let a = site.read("docs/handbook/public/a/index.html");
    assert!(a.contains(r#"href="https://github.com/kestrel/monorepo/edit/main/docs/handbook/content/a.md""#), "{a}");
    assert!(a.contains(">@docs-team</a>"), "CODEOWNERS at the repository root applies");
    assert!(a.contains(r#"<time datetime="2026-05-06T07:08:09Z">2026-05-06</time>"#));
}
