//! Front matter as handbooks written for other tools have it (issue "existing handbooks
//! build unchanged", part 1): YAML that libyaml reads builds, repeated keys are a
//! warning, and a page whose front matter cannot be read is reported once, errors
//! before warnings.

use crate::util;

use util::{Site, main_of};

#[test]
fn builds_yaml_that_libyaml_reads() {
    let site = Site::fixture("front-matter/lenient");
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/cross-functional/index.html");
    assert!(
        page.contains("An approach to working that is cross functional in nature. More text here."),
        "the continued description is one line: {page}"
    );
    assert!(site.read("public/plain/index.html").contains("A plain value continued at column zero."));
    assert!(main_of(&site.read("public/tabs/index.html")).contains("Tabs after the colon"));
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn warns_about_a_repeated_key_at_the_repeat_and_keeps_the_last_value() {
    let site = Site::fixture("front-matter/lenient");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[duplicate-key]: the key `title` is repeated: this value replaces the one on line 2\n --> content/repeated.md:5:1\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
    assert!(main_of(&site.read("public/repeated/index.html")).contains("Second title"));
}

/// The page's front matter names `visibility`: even in a handbook that moves
/// (`links = "warn"`), where unreadable front matter is otherwise a warning, a build
/// does not guess whether the page is public, so it is an error.
#[test]
fn reports_a_page_with_broken_front_matter_once_and_keeps_it_a_link_target() {
    let site = Site::fixture("front-matter/broken");
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = &run.stderr;
    assert!(
        stderr.contains(
            "error[front-matter-syntax]: invalid YAML front matter: illegal placement of ':' indicator\n --> content/broken.md:4:5\n"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("content/broken.md").count(), 1, "one diagnostic for the broken page: {stderr}");
    // `linking.md` links to the page and to one of its headings: neither is broken.
    assert!(!stderr.contains("broken.md#steps"), "{stderr}");
    assert!(
        stderr.contains("warning[broken-link]: no page `content/missing.md`\n --> content/linking.md:6:7\n"),
        "{stderr}"
    );
    let heads: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error") || l.starts_with("warning")).collect();
    assert_eq!(heads.len(), 3, "{stderr}");
    assert!(heads[0].starts_with("error[front-matter-syntax]"), "errors come first: {heads:#?}");
    assert!(heads[1].starts_with("warning[broken-link]"), "{heads:#?}");
    assert!(heads[2].starts_with("error: the build failed with 1 error"), "the summary is last: {heads:#?}");
}

#[test]
fn check_prints_errors_first_and_json_by_file() {
    let site = Site::fixture("front-matter/broken");
    let run = site.run(&["check"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stderr.lines().filter(|l| !l.is_empty()).collect();
    let first = lines.iter().position(|l| l.starts_with("error[")).expect("an error");
    let warning = lines.iter().position(|l| l.starts_with("warning[")).expect("a warning");
    assert!(first < warning, "{}", run.stderr);
    assert!(lines.last().is_some_and(|l| l.starts_with("checked 3 pages")), "{}", run.stderr);
    let json = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let order: Vec<(&str, &str)> = value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| (d["path"].as_str().unwrap_or(""), d["rule"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(order, [("content/broken.md", "front-matter-syntax"), ("content/linking.md", "broken-link")]);
}

/// Pages whose front matter closes with a line that starts with `---`, as gray-matter
/// (Docusaurus's and Eleventy's parser) reads it, and one that closes with `---` alone.
const GRAY_MATTER_PAGES: &[(&str, &str)] = &[
    ("content/index.md", "Home.\n"),
    (
        "content/dns.md",
        "---\n\nsidebar_position: 2\ntitle: CoreDNS\n--------------\n\nResolves names.\n\n---\n\nMore.\n",
    ),
    ("content/plain.md", "---\ntitle: Plain\n---\nText.\n"),
];

#[test]
fn docusaurus_and_eleventy_pages_end_their_front_matter_as_gray_matter_does() {
    for config in ["docusaurus.config.js", ".eleventy.js"] {
        let site = Site::with_files("front-matter-gray", GRAY_MATTER_PAGES);
        site.write(config, "module.exports = {};\n");
        let run = site.build(&[]);
        run.expect_code(0);
        assert!(!run.stderr.contains("front-matter"), "{config}: {}", run.stderr);
        let dns = site.read("public/dns/index.html");
        assert!(dns.contains("<title>CoreDNS · "), "{config}: {dns}");
        // The rest of the closing line is a thematic break, as the old tool showed it.
        assert!(main_of(&dns).contains("<hr />\n<p>Resolves names.</p>"), "{config}: {}", main_of(&dns));
        assert!(site.read("public/plain/index.html").contains("<title>Plain · "));
    }
    // Jekyll's rule (and opsbook's own): the block runs on to `---` alone, which is no YAML.
    let site = Site::with_files("front-matter-exact", GRAY_MATTER_PAGES);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[front-matter-syntax]"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/dns.md:"), "{}", run.stderr);
}

/// A Hugo site's pages whose front matter closes with a line that starts with its fence,
/// as Hugo's page lexer reads it (`lexFrontMatterSection`).
const HUGO_PAGES: &[(&str, &str)] = &[
    ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
    ("content/tuning.md", "---\ntitle: Tuning\nweight: 30\n----------\n\nTune it.\n"),
    ("content/limits.md", "+++\ntitle = \"Limits\"\n+++++\n\nKeep them.\n"),
    ("content/plain.md", "---\ntitle: Plain\n---\nText.\n"),
];

#[test]
fn hugo_pages_end_their_front_matter_at_a_line_starting_with_the_fence() {
    let site = Site::with_files("front-matter-hugo", HUGO_PAGES);
    site.write("hugo.toml", "title = \"Ops\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("front-matter"), "{}", run.stderr);
    let tuning = site.read("public/tuning/index.html");
    assert!(tuning.contains("<title>Tuning · "), "{tuning}");
    // The rest of the closing line is a thematic break, as Hugo showed it.
    assert!(main_of(&tuning).contains("<hr />\n<p>Tune it.</p>"), "{}", main_of(&tuning));
    assert!(site.read("public/limits/index.html").contains("<title>Limits · "));
    assert!(site.read("public/plain/index.html").contains("<title>Plain · "));
}

#[test]
fn reports_a_hiding_field_below_a_hugo_fence() {
    let site = Site::with_files("front-matter-hugo-hiding", HUGO_PAGES);
    site.write("hugo.toml", "title = \"Ops\"\n");
    site.write("content/vault.md", "---\ntitle: Vault\n-----\ndraft: true\n---\nSecret.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[front-matter-syntax]: the front matter ends at line 3 (`-----`), as Hugo reads it, but `draft: true` below it reads as a field\n --> content/vault.md:3:1\n"
        ),
        "{}",
        run.stderr
    );
}

/// MkDocs's reader keeps front matter that is not a YAML mapping as the page's text
/// (`get_data`, `mkdocs/utils/meta.py`): the cases of `test_yaml_meta_data_not_dict`,
/// `test_yaml_meta_data_invalid` and `test_yaml_meta_data` of
/// `mkdocs/tests/utils/utils_tests.py` (mkdocs/mkdocs 2862536793b3c67d9d83c33e0dd6d50a791928f8).
const MKDOCS_PAGES: &[(&str, &str)] = &[
    ("mkdocs.yml", "site_name: Ops\n"),
    ("content/not-dict.md", "---\n- List item\n---\nDoc body\n"),
    ("content/invalid.md", "---\nfoo: bar: baz\n---\nDoc body\n"),
    ("content/valid.md", "---\nTitle: Foo Bar\nTags:\n    - foo\n    - bar\n---\nDoc body\n"),
];

#[test]
fn mkdocs_keeps_front_matter_that_is_no_mapping_as_the_page_text() {
    let site = Site::with_files("front-matter-mkdocs", MKDOCS_PAGES);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    for (file, at) in [("content/invalid.md", "2:9"), ("content/not-dict.md", "2:1")] {
        assert!(run.stderr.contains(&format!("--> {file}:{at}\n")), "{file}: {}", run.stderr);
    }
    assert!(run.stderr.contains("as MkDocs builds it"), "{}", run.stderr);
    let invalid = site.read("public/invalid/index.html");
    let invalid = main_of(&invalid);
    assert!(
        invalid.contains("<hr />\n<h2 id=\"foo-bar-baz\">foo: bar: baz") && invalid.contains("<p>Doc body</p>"),
        "{invalid}"
    );
    let not_dict = site.read("public/not-dict/index.html");
    assert!(main_of(&not_dict).contains("<li>List item</li>"), "{}", main_of(&not_dict));
    assert!(main_of(&not_dict).contains("<p>Doc body</p>"), "{}", main_of(&not_dict));
    let valid = site.read("public/valid/index.html");
    assert!(!main_of(&valid).contains("Foo Bar") && main_of(&valid).contains("<p>Doc body</p>"), "{}", main_of(&valid));
    // A block that may hide the page stays an error: a build does not guess.
    site.write("content/vault.md", "---\nvisibility: internal\nfoo: bar: baz\n---\nSecret.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[front-matter-syntax]") && run.stderr.contains("--> content/vault.md:"),
        "{}",
        run.stderr
    );
}
