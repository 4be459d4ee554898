//! The CODEOWNERS lint of `opsbook check`: every rule on a fixture
//! handbook, in the human and JSON formats, its level from `[check] codeowners`, the
//! file list from git, and `page-without-owner` behind `[check] require-owners`.

use crate::util;

use std::path::Path;
use std::process::Command;

use util::Site;

/// `rule severity path:line:column message` of every diagnostic of `check --format json`.
fn findings(site: &Site) -> Vec<String> {
    let run = site.run(&["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{} {}",
                d["rule"].as_str().expect("text"),
                d["severity"].as_str().expect("text"),
                d["path"].as_str().expect("text"),
                d["line"],
                d["column"],
                d["message"].as_str().expect("text")
            )
        })
        .collect()
}

const CODEOWNERS: &str = "\
# Owners of the handbook
*                     @sre
/content/             @docs
/content/             @writers
/content/old/         @archive
/content/a.md         sre-team
[Runbooks]
/content/runbooks/
[Docs
";

fn handbook(name: &str, check: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", &format!("[handbook]\ntitle = \"Test\"\n{check}")),
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "# A\n"),
            ("content/runbooks/db.md", "# DB\n"),
            ("CODEOWNERS", CODEOWNERS),
        ],
    )
}

#[test]
fn reports_every_codeowners_rule_at_its_line_and_column() {
    let site = handbook("codeowners-rules", "");
    assert_eq!(
        findings(&site),
        [
            "codeowners-duplicate warning CODEOWNERS:4:1 the pattern `/content/` is already on line 3; this line wins",
            "codeowners-no-match warning CODEOWNERS:5:1 the pattern `/content/old/` matches no file of the repository",
            "codeowners-syntax warning CODEOWNERS:6:23 `sre-team` is not an owner: it does not start with `@` and is no email address",
            "codeowners-section-without-owners warning CODEOWNERS:7:1 the section `[Runbooks]` names no default owners, and its entry on line 8 names none either",
            "codeowners-syntax warning CODEOWNERS:9:1 the section header has no closing `]`",
        ]
    );
}

#[test]
fn prints_codeowners_findings_like_a_compiler_and_passes_with_warnings() {
    let site = handbook("codeowners-human", "");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[codeowners-duplicate]: the pattern `/content/` is already on line 3; this line wins\n --> CODEOWNERS:4:1\n  |\n4 | /content/             @writers\n  | ^\n  = help: remove one of the two lines, or merge their owners\n"
        ),
        "{}",
        run.stderr
    );
    for head in [
        "warning[codeowners-no-match]: the pattern `/content/old/` matches no file of the repository\n --> CODEOWNERS:5:1\n",
        "warning[codeowners-syntax]: `sre-team` is not an owner: it does not start with `@` and is no email address\n --> CODEOWNERS:6:23\n",
        "warning[codeowners-section-without-owners]: the section `[Runbooks]` names no default owners, and its entry on line 8 names none either\n --> CODEOWNERS:7:1\n",
        "warning[codeowners-syntax]: the section header has no closing `]`\n --> CODEOWNERS:9:1\n",
    ] {
        assert!(run.stderr.contains(head), "{head}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("0 errors, 5 warnings"), "{}", run.stderr);
}

#[test]
fn the_codeowners_level_is_set_in_the_check_table() {
    let site = handbook("codeowners-error", "[check]\ncodeowners = \"error\"\n");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[codeowners-no-match]"), "{}", run.stderr);
    let off = handbook("codeowners-off", "[check]\ncodeowners = \"off\"\n");
    assert_eq!(findings(&off), Vec::<String>::new());
    let bad = handbook("codeowners-bad-level", "[check]\ncodeowners = \"loud\"\n");
    let run = bad.run(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("unknown variant `loud`"), "{}", run.stderr);
}

#[test]
fn a_build_does_not_lint_codeowners() {
    let site = handbook("codeowners-build", "");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("codeowners-"), "{}", run.stderr);
}

#[test]
fn reads_github_syntax_in_github_codeowners() {
    let site = Site::with_files(
        "codeowners-github",
        &[
            ("content/a.md", "# A\n"),
            (".github/CODEOWNERS", "* @sre\n!content/a.md\n[Docs] @docs\ncontent/*.[mh]d @org/a/b\n"),
        ],
    );
    assert_eq!(
        findings(&site),
        [
            "codeowners-syntax warning .github/CODEOWNERS:2:1 GitHub does not read `!` exclusions (GitLab does)",
            "codeowners-syntax warning .github/CODEOWNERS:3:1 section headers are GitLab's syntax: GitHub reads this line as a pattern",
            "codeowners-syntax warning .github/CODEOWNERS:4:1 GitHub does not read `[ ]` character ranges in patterns",
            "codeowners-syntax warning .github/CODEOWNERS:4:17 `@org/a/b` is not an owner: GitHub's teams are `@org/team`, one `/`",
        ]
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn matches_patterns_against_the_files_git_knows_from_the_repository_root() {
    let site = Site::empty("codeowners-git");
    site.write("docs/handbook/book.toml", "[handbook]\ntitle = \"Test\"\n");
    site.write("docs/handbook/content/a.md", "# A\n");
    site.write("src/main.rs", "fn main() {}\n");
    site.write("build/out.log", "ignored\n");
    site.write("new/file.txt", "untracked, not ignored\n");
    site.write(".gitignore", "build/\n");
    site.write(
        ".gitlab/CODEOWNERS",
        "* @all\n/docs/handbook/content/ @docs\n/src/ @dev\n/build/ @ci\n/new/ @new\n/content/ @wrong-root\n",
    );
    git(&site.root, &["init", "-q", "-b", "main"]);
    git(&site.root, &["add", ".gitignore", ".gitlab", "docs", "src"]);
    git(&site.root, &["commit", "-q", "-m", "start"]);
    let handbook = Site { root: site.root.join("docs/handbook") };
    let found = findings(&handbook);
    std::mem::forget(handbook);
    let shown = site.root.join(".gitlab/CODEOWNERS").display().to_string();
    assert_eq!(
        found,
        [
            format!("codeowners-no-match warning {shown}:4:1 the pattern `/build/` matches no file of the repository"),
            format!(
                "codeowners-no-match warning {shown}:6:1 the pattern `/content/` matches no file of the repository"
            ),
        ]
    );
}

#[test]
fn pages_without_owners_are_reported_only_when_required() {
    let files: &[(&str, &str)] = &[
        ("content/_index.md", "---\nowners: [\"@home\"]\n---\n# Home\n"),
        ("content/owned.md", "# Owned by CODEOWNERS\n"),
        ("content/orphan.md", "# Nobody's\n"),
        ("content/moved.md", "---\nredirect_to: owned.md\n---\n"),
        ("CODEOWNERS", "/content/owned.md @sre\n/content/moved.md\n"),
    ];
    let site = Site::with_files("owners-default", files);
    assert_eq!(findings(&site), Vec::<String>::new(), "off by default");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nrequire-owners = true\n");
    assert_eq!(
        findings(&site),
        [
            "page-without-owner error content/orphan.md:0:0 the page has no owner: no `owners` field, and no line of CODEOWNERS matches it"
        ]
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[page-without-owner]: the page has no owner: no `owners` field, and no line of CODEOWNERS matches it\n --> content/orphan.md\n  = help: add `owners: [\"@team\"]` to its front matter, or a CODEOWNERS line that matches it\n"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.root.join("CODEOWNERS")).expect("remove CODEOWNERS");
    let found = findings(&site);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].ends_with("no `owners` field, and the handbook has no CODEOWNERS file"), "{found:#?}");
}
