//! The files of people that posts name their authors by, and the avatars,
//! links and images posts and those files name, are read and shown only within the
//! handbook's bounds: a people file that leads out of the handbook, is a named pipe or
//! is too large is a warning and is not read or echoed; an avatar, link or image that
//! is not an https:// address or a file of the site (`javascript:`, a path out of the
//! site, a file it does not have) is a warning at its place and is never written into a page or feed.

use super::reads::{make_fifo, run_bounded};
use crate::util::Site;

const POST: &str = "---\ntitle: P\nauthor: mallory\nimage: ../../../etc/passwd\n---\n\nText.\n";

#[test]
fn a_people_file_outside_the_handbook_or_no_regular_file_is_not_read() {
    let site = Site::with_files("people-files", &[("content/blog/_posts/2023-01-02-p.md", POST)]);
    let elsewhere = Site::with_files("people-files-elsewhere", &[]);
    elsewhere.write("authors.yml", "mallory:\n  name: do-not-echo\n");
    std::fs::create_dir_all(site.root.join("_data")).expect("a folder");
    std::os::unix::fs::symlink(elsewhere.root.join("authors.yml"), site.root.join("_data/authors.yml"))
        .expect("a link");
    make_fifo(&site.root.join("_data/people.yml"));
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[symlink-outside-root]: the file of people is not read: it leads outside the handbook's folder"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> _data/authors.yml"), "{}", run.stderr);
    assert!(run.stderr.contains("warning[unreadable-file]: the file of people is not read:"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> _data/people.yml"), "{}", run.stderr);
    assert!(!run.stderr.contains("do-not-echo"), "{}", run.stderr);
    let author = site.read("public/authors/mallory/index.html");
    assert!(!author.contains("do-not-echo"), "{author}");
    assert!(author.contains("mallory"), "{author}");
}

#[test]
fn avatars_links_and_images_are_https_addresses_or_files_of_the_site() {
    let site = Site::with_files(
        "people-addresses",
        &[
            ("content/blog/_posts/2023-01-02-p.md", POST),
            ("content/img/ok.png", "png"),
            (
                "_data/authors.yml",
                "mallory:\n  name: Mallory\n  avatar: \"javascript:alert(1)\"\n  url: \"javascript:alert(2)\"\n  github: \"x\\\" onmouseover=\\\"alert(3)\"\ntrent:\n  name: Trent\n  avatar: /img/ok.png\n",
            ),
            ("content/blog/_posts/2023-01-03-q.md", "---\nauthor: trent\n---\n\nText.\n"),
        ],
    );
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    for (what, text, place) in [
        ("image", "../../../etc/passwd", "content/blog/_posts/2023-01-02-p.md:4:8"),
        ("avatar", "javascript:alert(1)", "_data/authors.yml:3:11"),
        ("link", "javascript:alert(2)", "_data/authors.yml:4:8"),
    ] {
        let expected = format!(
            "warning[front-matter-field]: the {what} `{text}` is neither an https:// address nor a file of the site: it is not shown\n --> {place}"
        );
        assert!(run.stderr.contains(&expected), "expected\n{expected}\nin\n{}", run.stderr);
    }
    // Pages and feeds (handbook.json records the front matter as data, escaped).
    for file in site.files_under("public").into_iter().filter(|f| f.ends_with(".html") || f.ends_with(".xml")) {
        let text = String::from_utf8_lossy(&site.read_bytes(&format!("public/{file}"))).into_owned();
        assert!(!text.contains("javascript:"), "{file}");
        assert!(!text.contains("\" onmouseover"), "{file}");
        assert!(!text.contains("etc/passwd"), "{file}");
    }
    let trent = site.read("public/authors/trent/index.html");
    assert!(trent.contains(r#"src="/img/ok.png""#), "{trent}");
}

/// An author's name becomes a segment of their page's URL: one longer than a file name
/// may be (a byline of many names) stopped the build with an error that named no file.
/// The slug is cut at a word; a link in a byline (`[Ann](javascript:…)`) is checked as
/// any author link is.
#[test]
fn a_very_long_author_name_or_a_linked_byline_builds() {
    let long = "Someone With A Remarkably Long Name And Affiliation ".repeat(10);
    let site = Site::with_files(
        "people-long-name",
        &[
            ("content/blog/_posts/2023-01-02-p.md", &format!("---\nauthor: {long}\n---\n\nText.\n")),
            (
                "content/blog/_posts/2023-01-03-q.md",
                "---\nauthor: \"[Eve](javascript:alert(1)) (Org)\"\n---\n\nText.\n",
            ),
        ],
    );
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    let authors = site.files_under("public/authors");
    let slug = authors.iter().find(|f| f.starts_with("someone-")).expect("the long name's page");
    assert!(slug.split('/').next().is_some_and(|s| s.len() <= 100 && s.ends_with("-and")), "{slug}");
    assert!(site.exists("public/authors/eve/index.html"), "{authors:?}");
    assert!(
        run.stderr.contains("the link `javascript:alert(1)` is neither an https:// address nor a file of the site"),
        "{}",
        run.stderr
    );
    assert!(!site.read("public/authors/eve/index.html").contains("javascript:"));
}

/// A Docusaurus site whose blog (`news/`) names its authors file with `authors`.
fn docusaurus_blog(name: &str, authors: &str) -> Site {
    let config = format!(
        "module.exports = {{\n  presets: [['classic', {{ blog: {{ path: 'news', authorsMapPath: '{authors}' }} }}]],\n}};\n"
    );
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\n\n[[sources]]\npath = \"news\"\nmount = \"news\"\n"),
            ("docusaurus.config.js", &config),
            ("content/index.md", "Home.\n"),
            ("news/2024-01-05-p.md", "---\ntitle: P\nauthors: [mallory]\n---\nText.\n"),
        ],
    )
}

#[test]
fn a_docusaurus_authors_map_path_out_of_the_handbook_is_never_read() {
    // Climbing out by its path: a warning at the option, and no file is opened.
    let site = docusaurus_blog("people-docusaurus-climb", "../../../../etc/passwd");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[symlink-outside-root]: `authorsMapPath: '../../../../etc/passwd'` leads out of the handbook: the blog's authors are not read"), "{}", run.stderr);
    assert!(run.stderr.contains("--> docusaurus.config.js:2:65"), "{}", run.stderr);
    assert!(!site.read("public/authors/mallory/index.html").contains("root:"));
    // Leading out by a link in the blog's folder: an error of the walk, and the people
    // file's own refusal; nothing of it is echoed.
    let site = docusaurus_blog("people-docusaurus-link", "people.yml");
    let elsewhere = Site::with_files("people-docusaurus-elsewhere", &[]);
    elsewhere.write("people.yml", "mallory:\n  name: do-not-echo\n");
    std::os::unix::fs::symlink(elsewhere.root.join("people.yml"), site.root.join("news/people.yml")).expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("the file of people is not read: it leads outside the handbook's folder"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> news/people.yml") && !run.stderr.contains("do-not-echo"), "{}", run.stderr);
}

/// The files a build reads as data were copied into the output as they are, people's
/// email addresses and all: `content/_data/authors.yml` to `public/_data/authors.yml`,
/// a Docusaurus blog's `blog/authors.yml` to `public/blog/authors.yml`. Jekyll publishes
/// no `_` file or folder and Docusaurus no authors map: no byte of them reaches the
/// output, nor a link to them.
#[test]
fn issue_36_files_read_as_data_never_reach_the_output() {
    let site = Site::with_files(
        "people-data-files",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n"),
            ("content/index.md", "Home. [people](/_data/authors.yml)\n"),
            ("content/_data/authors.yml", &format!("ann:\n  name: Ann\n  {SECRET}\n")),
            ("content/_data/team.json", &format!("{{\"note\": \"{SECRET}\"}}\n")),
            ("content/_i18n/de.yml", &format!("titles:\n  x: \"{SECRET}\"\n")),
            ("content/news/_posts/2024-01-02-a.md", "---\nauthors: [ann, bob]\n---\nText.\n"),
            ("content/news/authors.yml", &format!("bob:\n  name: Bob\n  {SECRET}\n")),
            ("content/notes/_index.md", "---\nblog: true\n---\nNotes.\n"),
            ("content/notes/2024-01-03-n.md", "---\nauthor: cat\n---\nText.\n"),
            ("content/notes/authors.yml", &format!("cat:\n  name: Cat\n  {SECRET}\n")),
        ],
    );
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("no file at `/_data/authors.yml` in the site"), "{}", run.stderr);
    site.write("content/index.md", "Home.\n");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    // The people were read all the same.
    for author in ["ann", "bob", "cat"] {
        assert!(site.exists(&format!("public/authors/{author}/index.html")), "{author}");
    }
    nothing_of_the_data_files_in(&site);
    // A Docusaurus blog's authors map, and its translation's.
    let site = docusaurus_blog("people-data-docusaurus", "authors.yml");
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n\n[[sources]]\npath = \"news\"\nmount = \"news\"\n");
    site.write("docusaurus.config.js", "module.exports = {\n  i18n: { defaultLocale: 'en', locales: ['en', 'de'] },\n  presets: [['classic', { blog: { path: 'news' } }]],\n};\n");
    site.write("news/authors.yml", format!("mallory:\n  name: Mallory\n  email: m@example.com\n  {SECRET}\n"));
    site.write("i18n/de/docusaurus-plugin-content-blog/authors.yml", format!("mallory:\n  name: M\n  {SECRET}\n"));
    site.write(
        "i18n/de/docusaurus-plugin-content-blog/2024-01-05-p.md",
        "---\ntitle: P\nauthors: [mallory]\n---\nText.\n",
    );
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert!(site.read("public/authors/mallory/index.html").contains("Mallory"));
    assert!(site.exists("public/de/news/2024/01/05/p/index.html"));
    nothing_of_the_data_files_in(&site);
}

/// What no file of a build may hold of a data file.
const SECRET: &str = "phone: +49-never-published";

/// Asserts that no file of `site`'s output is a data file or holds [`SECRET`].
#[track_caller]
fn nothing_of_the_data_files_in(site: &Site) {
    for file in site.files_under("public") {
        let name = file.rsplit('/').next().unwrap_or(&file);
        assert!(!name.starts_with("authors.y") && !file.contains("_data") && !file.contains("_i18n"), "{file}");
        let text = String::from_utf8_lossy(&site.read_bytes(&format!("public/{file}"))).into_owned();
        assert!(!text.contains("never-published"), "{file}");
    }
}

/// A people file of another shape was left out without a word: a list at the
/// top, a person whose `name` is a list, an entry that is a number. Each is a warning at
/// its line, naming what was found, and the people of the right shape are read.
#[test]
fn issue_36_a_people_file_of_another_shape_is_a_warning_at_its_line() {
    let site = Site::with_files(
        "people-shapes",
        &[
            ("content/blog/_posts/2023-01-02-p.md", "---\nauthors: [ann, bob, cat, dan]\n---\nText.\n"),
            ("_data/authors.yml", "ann:\n  name: [1, 2]\nbob: 42\ncat:\n  avatar: /x.png\ndan:\n  name: Dan Example\n"),
            ("content/_data/people.yml", "- name: Eve\n- name: Mallory\n"),
        ],
    );
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    for (message, place) in [
        ("`ann` needs a `name` that is text, found a list: it is left out", "_data/authors.yml:2:9"),
        ("`bob` is a number, neither a name nor a mapping of a person's keys: it is left out", "_data/authors.yml:3:6"),
        ("`cat` needs a `name` that is text, found no `name`: it is left out", "_data/authors.yml:4:1"),
        (
            "the file of people is a list, not a mapping of keys to people: it is not read",
            "content/_data/people.yml:1:3",
        ),
    ] {
        let expected = format!("warning[config-field]: {message}\n --> {place}");
        assert!(run.stderr.contains(&expected), "expected\n{expected}\nin\n{}", run.stderr);
    }
    assert!(site.read("public/authors/dan/index.html").contains("Dan Example"));
    assert!(!site.exists("public/authors/eve/index.html"));
}
