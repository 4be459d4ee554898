use super::*;

fn files(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

/// `rule line:column message` of each finding.
fn lint(text: &str, dialect: Dialect, paths: &[&str]) -> Vec<String> {
    lint_codeowners(text, "CODEOWNERS", dialect, &files(paths))
        .iter()
        .map(|d| format!("{} {}:{} {}", d.rule.id(), d.line, d.column, d.message))
        .collect()
}

const FILES: &[&str] = &["README.md", "content/a.md", "content/runbooks/db.md", "docs/x.png"];

#[test]
fn accepts_a_clean_file_of_either_host() {
    let text = "# owners\n* @sre\n/content/runbooks/ @org/dba jane@example.com\ndocs/ @docs\n";
    for dialect in [Dialect::GitHub, Dialect::GitLab, Dialect::Either] {
        assert_eq!(lint(text, dialect, FILES), Vec::<String>::new(), "{dialect:?}");
    }
    let commented = "* @sre # the SRE team\n";
    assert_eq!(lint(commented, Dialect::GitHub, FILES), Vec::<String>::new());
    assert_eq!(lint(commented, Dialect::Either, FILES), Vec::<String>::new());
    let gitlab =
        "[Docs][2] @docs @group/sub/team\ndocs/\n^[Runbooks] @sre\n/content/runbooks/db.md @@maintainer\n!README.md\n";
    assert_eq!(lint(gitlab, Dialect::GitLab, FILES), Vec::<String>::new());
}

#[test]
fn reports_owners_that_are_no_user_team_or_email() {
    assert_eq!(
        lint("* @sre sre-team @bad!name @ a@b\n", Dialect::Either, FILES),
        [
            "codeowners-syntax 1:8 `sre-team` is not an owner: it does not start with `@` and is no email address",
            "codeowners-syntax 1:17 `@bad!name` is not an owner: a user or team name has letters, digits, `-`, `_` and `.` only",
            "codeowners-syntax 1:27 `@` is not an owner: a user or team name has letters, digits, `-`, `_` and `.` only",
            "codeowners-syntax 1:29 `a@b` is not an owner: it does not start with `@` and is no email address",
        ]
    );
    assert_eq!(
        lint("* @org/group/team @@maintainer\n", Dialect::GitHub, FILES),
        [
            "codeowners-syntax 1:3 `@org/group/team` is not an owner: GitHub's teams are `@org/team`, one `/`",
            "codeowners-syntax 1:19 `@@maintainer` is not an owner: roles (`@@maintainer`) are GitLab's",
        ]
    );
    assert_eq!(
        lint("* @@boss\n", Dialect::GitLab, FILES),
        [
            "codeowners-syntax 1:3 `@@boss` is not an owner: GitLab's roles are `@@developer`, `@@maintainer` and `@@owner`"
        ]
    );
}

#[test]
fn reports_each_unbalanced_section_header() {
    let cases = [
        ("[Docs @docs\n", "codeowners-syntax 1:1 the section header has no closing `]`"),
        ("^[Docs\n", "codeowners-syntax 1:1 the section header has no closing `]`"),
        ("[]\n", "codeowners-syntax 1:1 the section header has no name"),
        ("[Docs][2 @docs\n", "codeowners-syntax 1:7 the number of approvals has no closing `]`"),
        ("[Docs][two]\n", "codeowners-syntax 1:7 the number of approvals `two` is not a whole number above 0"),
        (
            "[Docs]] @docs\n",
            "codeowners-syntax 1:7 unexpected `]` after the section header: its brackets do not balance",
        ),
        ("  [Docs]x\n", "codeowners-syntax 1:9 unexpected `x` after the section header: its brackets do not balance"),
        ("[Do[cs]\n", "codeowners-syntax 1:1 a `[` inside a section name"),
        (
            "[Docs] docs-team\n",
            "codeowners-syntax 1:8 `docs-team` is not an owner: it does not start with `@` and is no email address",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(lint(text, Dialect::GitLab, FILES), [expected], "{text:?}");
    }
}

#[test]
fn reports_invalid_patterns() {
    let cases = [
        (
            "docs\\\n",
            Dialect::Either,
            "codeowners-syntax 1:1 the pattern `docs\\` ends with a `\\` that escapes nothing",
        ),
        (
            "/docs/***.md @docs\n",
            Dialect::Either,
            "codeowners-syntax 1:1 `***` in the pattern `/docs/***.md` is no wildcard; use `**`",
        ),
        ("  *.[ch @dev\n", Dialect::GitLab, "codeowners-syntax 1:3 the brackets of the pattern `*.[ch` do not balance"),
        (
            "*.[ch] @dev\n",
            Dialect::GitHub,
            "codeowners-syntax 1:1 GitHub does not read `[ ]` character ranges in patterns",
        ),
        ("!README.md\n", Dialect::GitHub, "codeowners-syntax 1:1 GitHub does not read `!` exclusions (GitLab does)"),
        ("! @sre\n", Dialect::GitLab, "codeowners-syntax 1:1 the pattern is empty"),
        (
            "\\#notes.md @sre\n",
            Dialect::GitHub,
            "codeowners-syntax 1:1 GitHub does not read `\\#` at the start of a pattern",
        ),
        (
            "[Docs]\n",
            Dialect::GitHub,
            "codeowners-syntax 1:1 section headers are GitLab's syntax: GitHub reads this line as a pattern",
        ),
    ];
    for (text, dialect, expected) in cases {
        let found = lint(text, dialect, FILES);
        assert_eq!(found.first().map(String::as_str), Some(expected), "{text:?}: {found:?}");
    }
}

#[test]
fn reports_a_comment_after_an_entry_in_gitlab_s_file() {
    assert_eq!(
        lint("# fine\n* @sre # the SRE team\n[Docs] @docs #docs\n", Dialect::GitLab, FILES),
        [
            "codeowners-syntax 2:8 GitLab reads no comment after an entry: it takes the words after `#` for owners",
            "codeowners-syntax 3:14 GitLab reads no comment after an entry: it takes the words after `#` for owners",
        ]
    );
}

#[test]
fn reports_a_duplicate_pattern_naming_the_earlier_line() {
    let text = "* @a\n/docs/ @b\n\n/docs/ @c\n[Docs] @d\n/docs/\n[Runbooks] @e\n/docs/\n/docs/ @f\n";
    assert_eq!(
        lint(text, Dialect::GitLab, FILES),
        [
            "codeowners-duplicate 4:1 the pattern `/docs/` is already on line 2; this line wins",
            "codeowners-duplicate 9:1 the pattern `/docs/` is already on line 8 of the section `[Runbooks]`; this line wins",
        ]
    );
}

#[test]
fn reports_a_section_without_owners_whose_entries_name_none() {
    let text = "[Docs]\ndocs/\nREADME.md @sre\ncontent/\n[Runbooks] @sre\ncontent/runbooks/\n[Owned]\ndocs/ @a\n";
    assert_eq!(
        lint(text, Dialect::GitLab, FILES),
        [
            "codeowners-section-without-owners 1:1 the section `[Docs]` names no default owners, and its entries on lines 2, 4 name none either"
        ]
    );
}

#[test]
fn reports_patterns_that_match_no_file() {
    let text = "* @a\n/content/ @b\nrunbooks/ @c\n/runbooks/ @d\n*.pdf @e\ndocs/* @f\ncontent/*.md @g\npath\\ with\\ space/ @h\n[Docs] @x\n*.[ch]\ndocs/*.[a-z]ng\n";
    assert_eq!(
        lint(text, Dialect::GitLab, FILES),
        [
            "codeowners-no-match 4:1 the pattern `/runbooks/` matches no file of the repository",
            "codeowners-no-match 5:1 the pattern `*.pdf` matches no file of the repository",
            "codeowners-no-match 8:1 the pattern `path\\ with\\ space/` matches no file of the repository",
            "codeowners-no-match 10:1 the pattern `*.[ch]` matches no file of the repository",
        ]
    );
    let mut with_space = FILES.to_vec();
    with_space.push("path with space/a.md");
    assert!(lint("path\\ with\\ space/ @h\n", Dialect::Either, &with_space).is_empty());
}

#[test]
fn reads_the_dialect_from_the_location_and_the_sections() {
    assert_eq!(Dialect::of(".github/CODEOWNERS", "[Docs]\n"), Dialect::GitHub);
    assert_eq!(Dialect::of(".gitlab/CODEOWNERS", "* @a\n"), Dialect::GitLab);
    assert_eq!(Dialect::of("CODEOWNERS", "* @a\n ^[Docs]\n"), Dialect::GitLab);
    assert_eq!(Dialect::of("docs/CODEOWNERS", "* @a\n"), Dialect::Either);
}
