//! Jekyll-multiple-languages-plugin: `_config.yml` `languages:` and
//! `exclude_from_localizations:`, each page built in every language with its texts from
//! `{% tf file %}` (`_i18n/<lang>/file`) and `{% t key %}` (`_i18n/<lang>.yml`), the
//! default language's where a language lacks one, and `_i18n/<lang>/_posts/` as that
//! language's posts.

use crate::util;

use util::{Site, main_of};

fn plugin_site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            (
                "_config.yml",
                "languages: [\"en\", \"de\"]\nexclude_from_localizations: [\"/assets\"]\nplugins:\n  - jekyll-multiple-languages-plugin\n\
                 collections:\n  pages:\n    output: true\n    permalink: /:path/\n",
            ),
            ("content/index.md", "---\ntitle: Home\n---\n{% t titles.welcome %}\n"),
            (
                "content/_pages/about.md",
                "---\ntitle: About\npermalink: /about/\n---\n{% tf about/intro.md %}\n\nContact: {% translate global.contact %}.\n",
            ),
            ("content/assets/notes.md", "---\ntitle: Notes\n---\nShared notes.\n"),
            ("content/_i18n/en.yml", "titles:\n  welcome: Welcome aboard\nglobal:\n  contact: Write to us\n"),
            ("content/_i18n/de.yml", "titles:\n  welcome: Willkommen an Bord\nglobal:\n  contact: ''\n"),
            ("content/_i18n/en/about/intro.md", "We run **the platform**.\n"),
            ("content/_i18n/de/about/intro.md", "Wir betreiben **die Plattform**.\n"),
            ("content/_i18n/en/_posts/2024-01-02-hello.md", "---\ntitle: Hello\n---\nFirst post.\n"),
            ("content/_i18n/de/_posts/2024-01-03-hallo.md", "---\ntitle: Hallo\n---\nErster Beitrag.\n"),
        ],
    )
}

#[test]
fn each_page_is_built_in_every_language_with_its_texts() {
    let site = plugin_site("jekyll-languages");
    let run = site.build(&[]);
    run.expect_code(0);
    let en = site.read("public/about/index.html");
    let de = site.read("public/de/about/index.html");
    assert!(main_of(&en).contains("We run <strong>the platform</strong>."), "{}", main_of(&en));
    assert!(main_of(&de).contains("Wir betreiben <strong>die Plattform</strong>."), "{}", main_of(&de));
    // An empty string of a language is the default language's, as the plugin does.
    assert!(main_of(&de).contains("Contact: Write to us."), "{}", main_of(&de));
    assert!(main_of(&en).contains("Contact: Write to us."));
    // The German page is a translation: no notice, listed as an alternate both ways.
    assert!(de.starts_with("<!doctype html>\n<html lang=\"de\">"));
    assert!(!de.contains("translation-notice"), "{de}");
    assert!(en.contains("hreflang=\"de\""), "{en}");
    assert!(main_of(&site.read("public/de/index.html")).contains("Willkommen an Bord"));
    assert!(main_of(&site.read("public/index.html")).contains("Welcome aboard"));
    // The texts are no pages of their own, and `exclude_from_localizations` has no copy.
    assert!(!site.exists("public/_i18n/de/about/intro/index.html") && !site.exists("public/de/_i18n"));
    // (A Jekyll site's pages end in `.html` unless its permalink style is pretty.)
    assert!(site.exists("public/assets/notes.html") && !site.exists("public/de/assets/notes.html"));
}

#[test]
fn the_posts_of_a_language_folder_are_that_languages_posts() {
    let site = plugin_site("jekyll-languages-posts");
    site.build(&[]).expect_code(0);
    let hallo = site.read("public/de/2024/01/03/hallo.html");
    assert!(hallo.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &hallo[..80]);
    assert!(main_of(&hallo).contains("Erster Beitrag."));
    assert!(site.exists("public/2024/01/02/hello.html"));
    // No global posts: a language's post is in that language only.
    assert!(!site.exists("public/de/2024/01/02/hello.html"));
    assert!(!site.exists("public/2024/01/03/hallo.html"));
    // `_i18n/de/_posts` is the German blog: the German home page lists its posts, as
    // Jekyll lists a site's posts at its root. No URL holds `_posts`.
    let blog = main_of(&site.read("public/de/index.html")).to_string();
    assert!(blog.contains("href=\"/de/2024/01/03/hallo.html\""), "{blog}");
    assert!(!blog.contains("/2024/01/02/hello.html"), "{blog}");
    assert!(main_of(&site.read("public/index.html")).contains("href=\"/2024/01/02/hello.html\""));
    assert!(!site.exists("public/de/_posts/index.html") && !site.exists("public/_posts/index.html"));
}

#[test]
fn a_key_no_language_has_is_a_warning_at_the_tag() {
    let site = plugin_site("jekyll-languages-missing");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n\n[check]\nlinks = \"warn\"\n");
    site.write("content/index.md", "---\ntitle: Home\n---\nHello {% t titles.nothing %}.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("content/index.md:4:7")
            && run
                .stderr
                .contains("cannot translate `titles.nothing`: no string of that key in `content/_i18n/en.yml`"),
        "{}",
        run.stderr
    );
    let home = site.read("public/index.html");
    assert!(main_of(&home).contains("missing translation: <code>titles.nothing</code>"), "{}", main_of(&home));
}

#[test]
fn without_languages_the_tags_are_left_as_before() {
    let site = plugin_site("jekyll-languages-none");
    site.write("_config.yml", "title: Ops\n");
    site.build(&[]).expect_code(0);
    let home = main_of(&site.read("public/index.html")).to_string();
    assert!(!home.contains("Welcome aboard") && !home.contains("missing translation"), "{home}");
}

#[test]
fn two_builds_of_a_translated_site_write_the_same_bytes() {
    // Each folder of pages gains its translated copy (`de/<folder>/`), whose section
    // pages the search index numbers: their order must not follow a hash map's. (Not
    // `_folder/`: Jekyll reads no folder whose name starts with `_` but a collection's.)
    let site = plugin_site("jekyll-languages-twice");
    for folder in ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"] {
        site.write(&format!("content/{folder}/page.md"), format!("---\ntitle: {folder}\n---\nAbout {folder}.\n"));
    }
    site.build(&["--no-cache", "--out", "first"]).expect_code(0);
    site.build(&["--no-cache", "--out", "second"]).expect_code(0);
    let (first, second) = (site.files_under("first"), site.files_under("second"));
    assert_eq!(first, second);
    assert!(first.iter().any(|f| f.starts_with("de/hotel/")), "the folders are translated: {first:?}");
    // The `_pages` collection's folder, which Jekyll publishes nothing from, has no
    // section in any language.
    assert!(!first.iter().any(|f| f.contains("_pages")), "{first:?}");
    for file in &first {
        assert!(
            site.read_bytes(&format!("first/{file}")) == site.read_bytes(&format!("second/{file}")),
            "{file} differs between two builds"
        );
    }
}

/// The plugin makes `site.baseurl` the language's folder (`/de`) in the German
/// build, so `{{ site.baseurl }}/about/` and `{{ "/about/" | relative_url }}` on a German
/// page lead to `/de/about/`; they led to the English page.
#[test]
fn a_link_from_the_root_on_a_language_s_page_leads_to_its_page_in_that_language() {
    let site = plugin_site("jekyll-languages-baseurl");
    site.write(
        "content/index.md",
        "---\ntitle: Home\n---\nSee [about]({{ site.baseurl }}/about/) and [again]({{ \"/about/\" | relative_url }}).\n",
    );
    site.build(&[]).expect_code(0);
    let de = main_of(&site.read("public/de/index.html")).to_string();
    assert!(
        de.contains(r#"<a href="/de/about/">about</a>"#) && de.contains(r#"<a href="/de/about/">again</a>"#),
        "{de}"
    );
    let en = main_of(&site.read("public/index.html")).to_string();
    assert!(en.contains(r#"<a href="/about/">about</a>"#) && en.contains(r#"<a href="/about/">again</a>"#), "{en}");
}

#[test]
fn in_a_handbook_not_written_for_jekyll_the_tags_are_text() {
    // The plugin is Jekyll's: a handbook of opsbook's own with languages shows its tags
    // as written, in code and in prose, and reads no `_i18n/` file.
    let site = Site::with_files(
        "languages-plugin-tags-elsewhere",
        &[
            (
                "content/index.md",
                "---\ntitle: Home\n---\nWrite `{% tf about.md %}` or {% t titles.welcome %}, never `{% tf ../x.md %}`.\n",
            ),
            ("content/_i18n/en.yml", "titles:\n  welcome: Welcome aboard\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("include"), "{}", run.stderr);
    let home = main_of(&site.read("public/index.html")).to_string();
    assert!(home.contains("<code>{% tf about.md %}</code>") && !home.contains("Welcome aboard"), "{home}");
    assert!(home.contains("<code>{% tf ../x.md %}</code>"), "{home}");
}
