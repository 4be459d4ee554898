//! The dates of a Jekyll handbook's posts as Jekyll reads them: a post's name with a
//! one-digit month and day (`Document::DATE_FILENAME_MATCHER`), and front matter dates
//! written as Ruby's `Time.parse` reads them (`May 17, 2021`), which were "invalid
//! date" warnings whose help said Jekyll would stop.

use crate::util;

use util::Site;

#[test]
fn posts_are_dated_as_jekyll_dates_them() {
    let site = Site::with_files(
        "jekyll-dates",
        &[
            ("_config.yml", "title: Test\npermalink: pretty\n"),
            ("content/index.md", "# Home\n"),
            ("content/_posts/2023-8-1-postgresql-update.md", "---\ntitle: Update\n---\nText.\n"),
            ("content/_posts/2021-05-20-ssh.md", "---\ntitle: SSH\ndate: May 17, 2021\n---\nText.\n"),
            ("content/_posts/2022-04-01-ordinal.md", "---\ntitle: Ordinal\ndate: April 5th 2022\n---\nText.\n"),
            ("content/_posts/2021-05-21-bad.md", "---\ntitle: Bad\ndate: May 32, 2021\n---\nText.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n");
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    for page in ["2023/08/01/postgresql-update", "2021/05/17/ssh", "2022/04/05/ordinal", "2021/05/21/bad"] {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page}: {:?}", site.files_under("public"));
    }
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning[front-matter-field]")).collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    let expected = "warning[front-matter-field]: invalid date `May 32, 2021` in `date`: its day is out of range for Ruby's `Time.parse`: the date of its name is used\n --> content/_posts/2021-05-21-bad.md:3:7";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(run.stderr.contains("(Jekyll stops with \"Invalid date\" at this one)"), "{}", run.stderr);
}
