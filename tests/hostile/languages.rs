//! Hostile inputs: translations. The strings file of a language
//! (`i18n/<code>.toml`) is read like every file the handbook names: confined to the
//! handbook, a regular file, within a limit; its words are escaped like any text of a
//! page; and a language code that would be a path (`..`, `/x`) is refused in book.toml.

#![cfg(unix)]

use crate::util::Site;

const BOOK: &str = "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"fr\"]\n";

fn bilingual() -> Site {
    let site = Site::with_files("hostile-languages", &[("content/a.md", "---\ntitle: A\n---\nText.\n")]);
    site.write("book.toml", BOOK);
    std::fs::create_dir_all(site.root.join("i18n")).expect("i18n/");
    site
}

#[test]
fn a_strings_file_linked_out_of_the_handbook_is_not_read() {
    let site = bilingual();
    let elsewhere = Site::with_files("hostile-languages-elsewhere", &[("secret.toml", "menu = \"s3cr3t-token\"\n")]);
    std::os::unix::fs::symlink(elsewhere.root.join("secret.toml"), site.root.join("i18n/fr.toml")).expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[symlink-outside-root]: the strings file is not read: it leads outside the handbook's folder"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> i18n/fr.toml"), "{}", run.stderr);
    let page = site.read("public/fr/a/index.html");
    assert!(!page.contains("s3cr3t-token") && page.contains(">Menu<"));
}

#[test]
fn a_yaml_strings_file_linked_out_of_the_handbook_is_not_read() {
    let site = bilingual();
    let elsewhere = Site::with_files("hostile-languages-yaml", &[("secret.yaml", "menu: s3cr3t-yaml\n")]);
    std::os::unix::fs::symlink(elsewhere.root.join("secret.yaml"), site.root.join("i18n/fr.yaml")).expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("--> i18n/fr.yaml"), "{}", run.stderr);
    assert!(!site.read("public/fr/a/index.html").contains("s3cr3t-yaml"));
}

#[test]
fn a_huge_or_special_strings_file_is_refused_without_waiting() {
    let site = bilingual();
    site.write("i18n/fr.toml", format!("menu = \"{}\"\n", "x".repeat(300 * 1024)));
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("the strings file is larger than 256 KiB: it is not read"), "{}", run.stderr);
    std::fs::remove_file(site.root.join("i18n/fr.toml")).expect("remove");
    let made = std::process::Command::new("mkfifo").arg(site.root.join("i18n/fr.toml")).status().expect("mkfifo");
    assert!(made.success());
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert!(run.stderr.contains("cannot read the strings file"), "{}", run.stderr);
}

#[test]
fn words_of_a_strings_file_are_escaped() {
    let site = bilingual();
    site.write(
        "i18n/fr.toml",
        "menu = \"<script>alert(1)</script>\"\nsearch_no_match = \"\\\"><img src=x onerror=alert(2)>\"\nui_copy = \"\\\"><svg onload=alert(3)>\"\n",
    );
    site.build(&[]).expect_code(0);
    let page = site.read("public/fr/a/index.html");
    assert!(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The search script's words go into an attribute as JSON, escaped: no tag, no end of
    // the attribute (the script writes them as text).
    let script =
        page.lines().find(|line| line.contains("search.js") && line.contains("data-words=")).unwrap_or_default();
    assert!(!script.contains("<img") && script.contains("&lt;img src=x onerror=alert(2)&gt;"), "{script}");
    assert_eq!(script.matches('"').count(), 8, "the attributes' own quotes only: {script}");
    // The theme script's words the same.
    let theme = page.lines().find(|line| line.contains("theme.js") && line.contains("data-words=")).unwrap_or_default();
    assert!(!theme.contains("<svg") && theme.contains("&lt;svg onload=alert(3)&gt;"), "{theme}");
    assert_eq!(theme.matches('"').count(), 4, "the attributes' own quotes only: {theme}");
}

#[test]
fn a_language_code_that_is_a_path_is_refused_at_the_key() {
    let site = bilingual();
    for bad in ["..", "/x", "fr/../..", ""] {
        site.write("book.toml", format!("[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"{bad}\"]\n"));
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(
            run.stderr
                .contains(&format!("error[config-field]: `[handbook] languages`: {bad:?} is not a language code")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> book.toml:3:1"), "{}", run.stderr);
        assert!(!site.exists("public"));
    }
}

/// A Jekyll site translated with jekyll-multiple-languages-plugin, with `{% t %}` and
/// `{% tf %}` on its page.
fn plugin_site(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[
            ("_config.yml", "languages: [\"en\", \"de\"]\n"),
            ("content/a.md", "---\ntitle: A\n---\nSay {% t words.hello %}.\n\n{% tf ../../secret.md %}\n"),
            ("content/_i18n/en.yml", "words:\n  hello: hello\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n\n[check]\nlinks = \"warn\"\n");
    site
}

#[test]
fn a_language_strings_file_linked_out_or_a_fifo_is_not_read() {
    let site = plugin_site("hostile-jekyll-strings");
    let elsewhere =
        Site::with_files("hostile-jekyll-strings-elsewhere", &[("secret.yml", "words:\n  hello: s3cr3t\n")]);
    // Beside book.toml, where `_i18n/` is looked up after the content folder.
    std::fs::create_dir_all(site.root.join("_i18n")).expect("_i18n/");
    std::os::unix::fs::symlink(elsewhere.root.join("secret.yml"), site.root.join("_i18n/de.yml")).expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("cannot read the strings of `_i18n/de.yml`") && run.stderr.contains("content/a.md:4:5"),
        "{}",
        run.stderr
    );
    let page = site.read("public/de/a.html");
    assert!(!page.contains("s3cr3t") && page.contains("missing translation"), "{page}");
    std::fs::remove_file(site.root.join("_i18n/de.yml")).expect("remove");
    let made = std::process::Command::new("mkfifo").arg(site.root.join("_i18n/de.yml")).status().expect("mkfifo");
    assert!(made.success());
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("cannot read the strings of `_i18n/de.yml`"), "{}", run.stderr);
}

#[test]
fn a_translated_file_above_the_handbook_is_never_read() {
    let site = plugin_site("hostile-jekyll-tf");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("`../../secret.md` is no file of a language's folder: `{% tf %}` names no `..` or `./`"),
        "{}",
        run.stderr
    );
    let page = site.read("public/de/a.html");
    assert!(page.contains("Say hello.") && page.contains("missing include"), "{page}");
}

#[test]
fn a_file_at_a_language_s_index_is_refused_and_no_index_holds_internal_text() {
    // Each language's search index is written under its folder (`fr/search/`): a file of
    // the content there is refused as the default index's are, never silently replaced.
    let site = bilingual();
    site.write(
        "content/b.md",
        "---\ntitle: B\n---\nPublic.\n\n<!-- internal -->\nidx36canary bridge\n<!-- /internal -->\n",
    );
    site.write(
        "content/b.fr.md",
        "---\ntitle: B\n---\nPublic.\n\n<!-- internal -->\nidx36fr canary\n<!-- /internal -->\n",
    );
    site.write("content/secret.md", "---\ntitle: Secret\nvisibility: internal\n---\nidx36page canary.\n");
    site.build(&[]).expect_code(0);
    let index = |dir: &str| {
        site.files_under(dir).into_iter().map(|file| site.read(&format!("{dir}/{file}"))).collect::<String>()
    };
    for dir in ["public/search", "public/fr/search"] {
        let text = index(dir);
        assert!(text.contains("public"), "{dir} is an index of the public text");
        assert!(!text.contains("idx36") && !text.contains("secret"), "{dir} holds internal text: {text}");
    }
    let before = site.read("public/fr/search/manifest.json");
    site.write("content/fr/search/manifest.json", "{\"taken\": true}\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`content/fr/search/manifest.json` would be written to /fr/search/manifest.json, which is already taken by a file of the search index"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/fr/search/manifest.json"), before, "the previous output is left as it was");
}

#[test]
fn a_docusaurus_locale_folder_linked_out_of_the_handbook_is_not_mounted() {
    // The folder of a locale's translated docs is mounted as a `[[sources]]` folder is:
    // a symbolic link that leads out of the handbook is refused, its pages never read.
    let site = Site::with_files(
        "hostile-docusaurus-i18n",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n"),
            ("docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'fr'] } };\n"),
            ("docs/a.md", "---\ntitle: A\n---\nText.\n"),
        ],
    );
    let elsewhere = Site::with_files("hostile-docusaurus-i18n-elsewhere", &[("a.md", "# s3cr3t-page\n")]);
    std::fs::create_dir_all(site.root.join("i18n/fr/docusaurus-plugin-content-docs")).expect("folders");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("i18n/fr/docusaurus-plugin-content-docs/current"))
        .expect("a link");
    let run = site.build(&[]);
    assert_ne!(run.code, 0, "the mount is refused like a written one: {}", run.stderr);
    assert!(run.stderr.contains("i18n/fr/docusaurus-plugin-content-docs/current"), "{}", run.stderr);
    assert!(!site.exists("public/fr/a/index.html"));
    let leaked = site.files_under("public").iter().any(|f| site.read(&format!("public/{f}")).contains("s3cr3t-page"));
    assert!(!leaked);
}

#[test]
fn a_language_s_generated_pages_escape_its_words_and_list_no_internal_page() {
    // The copies of the generated pages under a language's folder (`fr/owners/`) read
    // the strings file's words, whose placeholders are filled with text, never markup
    // but opsbook's own; and they list the public build's pages only.
    let site = bilingual();
    site.write(
        "i18n/fr.toml",
        "tagged = \"<img src=x onerror=alert(1)> {tag}\"\nalerts_lead = \"<b>gen36</b> {url} {field}\"\nmonths = \"<i>a</i> b c d e f g h i j k l\"\ndate_format = \"<u>{day}</u> {month}\"\nowners = \"<svg onload=alert(3)>\"\n",
    );
    site.write(
        "content/db.md",
        "---\ntitle: Db\nkind: runbook\nowners: [dba]\ntags: [\"<x>\"]\nalerts: [Down]\n---\nText.\n",
    );
    site.write(
        "content/secret.md",
        "---\ntitle: gen36secret\nvisibility: internal\nowners: [dba]\ntags: [\"<x>\"]\n---\nHidden.\n",
    );
    site.write("content/minutes/2023-01-05.md", "Notes.\n");
    site.build(&[]).expect_code(0);
    let tag = site.read("public/fr/tags/x/index.html");
    assert!(tag.contains("&lt;img src=x onerror=alert(1)&gt; &lt;x&gt;"), "{}", crate::util::main_of(&tag));
    let alerts = site.read("public/fr/alerts/index.html");
    assert!(
        alerts.contains("&lt;b&gt;gen36&lt;/b&gt; <code>/alerts/&lt;name&gt;/</code> <code>runbook_url</code>"),
        "{}",
        crate::util::main_of(&alerts)
    );
    let owners = site.read("public/fr/owners/index.html");
    assert!(owners.contains("<title>&lt;svg onload=alert(3)&gt; · Ops</title>"), "{owners}");
    let minutes = site.read("public/fr/minutes/2023-01-05/index.html");
    assert!(minutes.contains("&lt;u&gt;5&lt;/u&gt; &lt;i&gt;a&lt;/i&gt;"), "{}", crate::util::main_of(&minutes));
    for page in ["owners", "tags/x", "alerts"] {
        let text = site.read(&format!("public/fr/{page}/index.html"));
        assert!(text.contains("/fr/db/") && !text.contains("gen36secret"), "fr/{page} lists an internal page");
    }
}

#[test]
fn a_docusaurus_code_json_linked_out_or_too_large_is_not_read() {
    // `i18n/<locale>/code.json` is a file of words like `i18n/<locale>.toml`: confined to
    // the handbook, a regular file, within the limit, its words escaped.
    let site = bilingual();
    let elsewhere = Site::with_files(
        "hostile-code-json-elsewhere",
        &[("code.json", "{\"theme.docs.paginator.next\": {\"message\": \"s3cr3t-next\"}}\n")],
    );
    std::fs::create_dir_all(site.root.join("i18n/fr")).expect("i18n/fr/");
    std::os::unix::fs::symlink(elsewhere.root.join("code.json"), site.root.join("i18n/fr/code.json")).expect("a link");
    site.write("content/b.md", "---\ntitle: B\n---\nNext.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("--> i18n/fr/code.json"), "{}", run.stderr);
    assert!(!site.read("public/fr/a/index.html").contains("s3cr3t-next"));
    std::fs::remove_file(site.root.join("i18n/fr/code.json")).expect("remove");
    site.write("i18n/fr/code.json", format!("{{\"theme.CodeBlock.copy\": \"{}\"}}\n", "x".repeat(300 * 1024)));
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("the strings file is larger than 256 KiB: it is not read"), "{}", run.stderr);
    site.write(
        "i18n/fr/code.json",
        "{\"theme.docs.paginator.next\": {\"message\": \"<img src=x onerror=alert(1)>\"}}\n",
    );
    site.build(&[]).expect_code(0);
    let page = site.read("public/fr/a/index.html");
    assert!(!page.contains("<img src=x") && page.contains("&lt;img src=x onerror=alert(1)&gt;"), "{page}");
}

#[test]
fn a_docusaurus_current_json_linked_out_of_the_handbook_is_not_read() {
    let site = Site::with_files(
        "hostile-current-json",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n"),
            ("docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'de'] } };\n"),
            ("docs/runbooks/_category_.json", "{\"label\": \"Runbooks\"}\n"),
            ("docs/runbooks/db.md", "# DB\n"),
            ("i18n/de/docusaurus-plugin-content-docs/current/runbooks/db.md", "# Datenbank\n"),
        ],
    );
    let elsewhere = Site::with_files(
        "hostile-current-json-elsewhere",
        &[("current.json", "{\"sidebar.docs.category.Runbooks\": {\"message\": \"s3cr3t-label\"}}\n")],
    );
    let link = site.root.join("i18n/de/docusaurus-plugin-content-docs/current.json");
    std::os::unix::fs::symlink(elsewhere.root.join("current.json"), &link).expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("i18n/de/docusaurus-plugin-content-docs/current.json"), "{}", run.stderr);
    assert!(!site.read("public/de/runbooks/db/index.html").contains("s3cr3t-label"));
}

#[test]
fn a_docusaurus_locale_s_blog_folder_linked_out_of_the_handbook_is_not_mounted() {
    // A locale's translated blog is mounted as its docs are: a link out is refused.
    let site = Site::with_files(
        "hostile-docusaurus-i18n-blog",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n\n[[sources]]\npath = \"blog\"\nmount = \"blog\"\n",
            ),
            ("docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'fr'] } };\n"),
            ("docs/a.md", "---\ntitle: A\n---\nText.\n"),
            ("blog/2024-01-05-post.md", "---\ntitle: Post\n---\nNews.\n"),
        ],
    );
    let elsewhere =
        Site::with_files("hostile-docusaurus-i18n-blog-elsewhere", &[("2024-01-05-post.md", "# s3cr3t-post\n")]);
    std::fs::create_dir_all(site.root.join("i18n/fr")).expect("folders");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("i18n/fr/docusaurus-plugin-content-blog"))
        .expect("a link");
    let run = site.build(&[]);
    assert_ne!(run.code, 0, "the mount is refused like a written one: {}", run.stderr);
    assert!(run.stderr.contains("i18n/fr/docusaurus-plugin-content-blog"), "{}", run.stderr);
    assert!(!site.exists("public"), "a refused build writes nothing");
}
