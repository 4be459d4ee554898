//! Hostile inputs: values of `book.toml` and of the command line that once passed
//! unchecked or failed without a place: a base URL a browser reads as another host or
//! that holds control characters, an output folder name no file system takes, an unknown
//! theme, a stray `_category_.json` in another tool's handbook, and a page title too long
//! for a file name.

use crate::util::Site;

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

#[test]
fn a_base_url_of_another_host_or_with_control_characters_is_an_error_at_its_key() {
    let site = Site::with_files("config-values-base-url", &[("content/p.md", PAGE)]);
    for written in ["//evil.example/", "/\\\\evil.example/", "/docs\\u0007/", "/a\\\"b/", "https://u@evil.example/"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"T\"\nbase-url = \"{written}\"\n"));
        for verb in ["build", "check"] {
            let run = site.run(&[verb]);
            run.expect_code(1);
            assert!(run.stderr.contains("error[config-field]: `base-url`"), "{written}: {}", run.stderr);
            assert!(run.stderr.contains("--> book.toml:3:"), "{written}: {}", run.stderr);
        }
        assert!(!site.exists("public"), "{written}: a site was written");
    }
    let run = site.build(&["--base-url", "//evil.example/"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!site.exists("public"));
}

#[test]
fn a_long_output_folder_and_an_unknown_theme_are_errors_at_their_keys() {
    let site = Site::with_files("config-values-folders", &[("content/p.md", PAGE)]);
    site.write("book.toml", format!("[handbook]\ntitle = \"T\"\n[build]\noutput-dir = \"{}\"\n", "a".repeat(300)));
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("each of its folder names must be at most 200 bytes long"), "{}", run.stderr);
    assert!(run.stderr.contains("--> book.toml:4:1"), "{}", run.stderr);
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ntheme = \"nosuch\"\n");
    for verb in ["build", "check"] {
        let run = site.run(&[verb]);
        run.expect_code(1);
        assert!(run.stderr.contains("the theme `nosuch` does not exist"), "{}", run.stderr);
        assert!(run.stderr.contains("--> book.toml:4:1"), "{}", run.stderr);
    }
}

#[test]
fn a_stray_category_file_does_not_make_a_jekyll_site_docusaurus() {
    let site = Site::with_files(
        "config-values-category",
        &[
            ("_config.yml", "title: Ops\n"),
            ("content/_posts/2026-01-02-hello.md", "---\ntitle: Hello post\n---\nA post.\n"),
            ("content/docs/guide.md", PAGE),
            ("content/docs/_category_.json", "{\"label\": \"Guide\"}\n"),
            ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let posts = site.files_containing("public", "Hello post");
    assert!(posts.iter().any(|f| f.ends_with(".html")), "the post disappeared: {posts:?}\n{}", run.stderr);
}

#[test]
fn a_new_page_with_a_long_title_gets_a_file_name_cut_at_a_word() {
    let site = Site::with_files(
        "config-values-new",
        &[
            ("content/p.md", PAGE),
            ("content/templates/incident.md", "---\ntitle: x\nkind: incident\n---\nWhat happened.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n");
    let title = "Database failover after a long night ".repeat(12);
    let run = site.run(&["new", "incident", title.trim()]);
    run.expect_code(0);
    let made: Vec<String> =
        site.files_under("content").into_iter().filter(|f| f != "p.md" && !f.starts_with("templates/")).collect();
    assert_eq!(made.len(), 1, "{made:?}\n{}", run.stderr);
    let name = made[0].rsplit('/').next().expect("a name");
    assert!(name.len() <= 83 && name.ends_with(".md") && !name.contains("--"), "{name}");
    assert!(site.read(&format!("content/{}", made[0])).contains("Database failover after a long night"));
}
