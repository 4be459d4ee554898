//! Docusaurus's translations: the locales of `docusaurus.config.js` are the
//! handbook's languages, and `i18n/<locale>/docusaurus-plugin-content-docs/current/`
//! holds each locale's translated docs at the paths of `docs/`.

use crate::util;

use util::{Server, Site, save};

const CONFIG: &str = "module.exports = {\n  title: 'Ops',\n  i18n: {\n    defaultLocale: 'en',\n    locales: ['en', 'de', 'zh_CN'],\n  },\n};\n";
const GERMAN: &str = "i18n/de/docusaurus-plugin-content-docs/current";

fn site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n"),
            ("docusaurus.config.js", CONFIG),
            ("docs/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            ("docs/runbooks/db.md", "---\ntitle: Database failover\n---\nFail over. See [web](web.md).\n"),
            ("docs/runbooks/web.md", "---\ntitle: Web server\n---\nRestart it.\n"),
            (
                &format!("{GERMAN}/runbooks/db.md"),
                "---\ntitle: Datenbank-Failover\n---\nUmschalten. Siehe [web](web.md).\n",
            ),
        ],
    )
}

#[test]
fn the_locales_are_the_languages_and_the_translated_docs_their_pages() {
    let site = site("docusaurus-i18n");
    let run = site.build(&[]);
    run.expect_code(0);
    // A locale that is no language tag is left out, named where it is written.
    assert!(
        run.stderr.contains("the locale \"zh_CN\" is not a language code opsbook can publish under: it is left out"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> docusaurus.config.js:5:27"), "{}", run.stderr);
    let de = site.read("public/de/runbooks/db/index.html");
    assert!(de.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &de[..80]);
    assert!(de.contains("<title>Datenbank-Failover · Ops</title>"));
    assert!(util::main_of(&de).contains("href=\"/de/runbooks/web/\""), "links stay in the language");
    // A page the locale has not translated is shown in the default language under /de/.
    let web = site.read("public/de/runbooks/web/index.html");
    assert!(web.contains("<main") && web.contains("lang=\"en\""), "{web}");
    let en = site.read("public/runbooks/db/index.html");
    // The switch leads to the translation; search engines are told of it only with the
    // absolute addresses of a base URL with a host (tests/integration/languages.rs).
    assert!(en.contains("<a href=\"/de/runbooks/db/\" hreflang=\"de\" lang=\"de\">"), "{en}");
    assert!(!en.contains("<link rel=\"alternate\" hreflang="), "{en}");
    assert!(!site.exists("public/zh_CN/index.html"));
    // The translated file is the German page's source: edit links lead to it.
    let api = site.read("public/handbook.json");
    assert!(api.contains(&format!("\"source\": \"{GERMAN}/runbooks/db.md\"")), "{api}");
}

#[test]
fn languages_written_in_book_toml_win_and_still_read_the_translated_docs() {
    let site = site("docusaurus-i18n-book");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n[build]\ncontent-dir = \"docs\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("zh_CN"), "the configuration's locales are not read: {}", run.stderr);
    assert!(site.read("public/de/runbooks/db/index.html").contains("<title>Datenbank-Failover · Ops</title>"));
    // A handbook that mounts something at the language's folder keeps its own mount.
    site.write("translations/runbooks/db.md", "---\ntitle: Eigene Übersetzung\n---\nText.\n");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n[build]\ncontent-dir = \"docs\"\n\
         [[sources]]\npath = \"translations\"\nmount = \"de\"\n",
    );
    site.build(&[]).expect_code(0);
    assert!(site.read("public/de/runbooks/db/index.html").contains("<title>Eigene Übersetzung · Ops</title>"));
}

#[test]
fn serve_watches_the_translated_docs() {
    let site = site("docusaurus-i18n-serve");
    let server = Server::start(&site, &[]);
    server.wait_for("the German page", |s| s.get("/de/runbooks/db/").1.contains("Umschalten."));
    save(&site, &format!("{GERMAN}/runbooks/db.md"), "---\ntitle: Datenbank-Failover\n---\nUmschalten, dann prüfen.\n");
    server.wait_for("the edit of a translated doc", |s| s.get("/de/runbooks/db/").1.contains("dann prüfen"));
}

#[test]
fn the_translated_blog_and_the_theme_s_words_of_a_locale_are_read() {
    let site = site("docusaurus-i18n-blog");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\n[build]\ncontent-dir = \"docs\"\n\n[[sources]]\npath = \"blog\"\nmount = \"blog\"\n",
    );
    site.write("blog/2024-01-05-release.md", "---\ntitle: Release\n---\nWe released.\n");
    site.write("blog/2024-02-01-outage.md", "---\ntitle: Outage\n---\nIt broke.\n");
    site.write(
        "i18n/de/docusaurus-plugin-content-blog/2024-01-05-release.md",
        "---\ntitle: Veröffentlichung\n---\nWir haben veröffentlicht.\n",
    );
    site.write(
        "i18n/de/code.json",
        "{\n  \"theme.docs.paginator.next\": {\"message\": \"Nächste Seite\", \"description\": \"x\"},\n  \"theme.NotFound.title\": {\"message\": \"Nicht gefunden\"}\n}\n",
    );
    site.build(&[]).expect_code(0);
    // The translated post is the German page of the post; the other is shown untranslated.
    let release = site.read("public/de/blog/2024/01/05/release/index.html");
    assert!(release.contains("<title>Veröffentlichung · Ops</title>"), "{release}");
    assert!(release.contains("hreflang=\"en\""), "{release}");
    let outage = site.read("public/de/blog/2024/02/01/outage/index.html");
    assert!(outage.contains("lang=\"en\"") && outage.contains("Outage"), "{outage}");
    // code.json's word for "next", which opsbook's theme has, on the German pages only.
    let db = site.read("public/de/runbooks/db/index.html");
    assert!(db.contains("<span class=\"label\">Nächste Seite</span>"), "{}", util::main_of(&db));
    let en = site.read("public/runbooks/db/index.html");
    assert!(en.contains("<span class=\"label\">Next</span>"), "{}", util::main_of(&en));
}

#[test]
fn a_locale_s_current_json_names_its_sidebar_s_categories() {
    let site = site("docusaurus-i18n-labels");
    site.write("docs/runbooks/_category_.json", "{\"label\": \"Operations runbooks\", \"position\": 2}\n");
    site.write(
        &format!("{GERMAN}.json"),
        "{\n  \"version.label\": {\"message\": \"Nächste\"},\n  \"sidebar.docs.category.Operations runbooks\": {\"message\": \"Betriebs-Runbooks\", \"description\": \"x\"}\n}\n",
    );
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    let nav = util::between(&de, "<nav id=\"site-nav\"", "</nav>");
    assert!(nav.contains(">Betriebs-Runbooks<") && !nav.contains("Operations runbooks"), "{nav}");
    assert!(site.read("public/de/runbooks/index.html").contains("<title>Betriebs-Runbooks · Ops</title>"));
    let en = site.read("public/runbooks/db/index.html");
    let nav = util::between(&en, "<nav id=\"site-nav\"", "</nav>");
    assert!(nav.contains(">Operations runbooks<") && !nav.contains("Betriebs"), "{nav}");
}

#[test]
fn a_language_s_home_without_a_page_is_titled_as_the_home_page_and_has_no_crumbs_above() {
    let site = site("docusaurus-i18n-home");
    std::fs::remove_file(site.root.join("docs/index.md")).expect("no home page");
    site.build(&[]).expect_code(0);
    let title = |html: &str| util::between(html, "<title>", "</title>").to_string();
    let (de, en) = (site.read("public/de/index.html"), site.read("public/index.html"));
    assert_eq!(title(&de), title(&en), "the German home is no page called \"De\"");
    assert!(!de.contains("<nav class=\"breadcrumbs\""), "{}", util::main_of(&de));
    let db = site.read("public/de/runbooks/db/index.html");
    let crumbs = util::between(&db, "<nav class=\"breadcrumbs\"", "</nav>");
    assert!(crumbs.contains("<a href=\"/de/\">Ops</a>") && !crumbs.contains("href=\"/\""), "{crumbs}");
}

#[test]
fn a_locale_s_json_files_that_are_not_json_are_said_at_their_place() {
    let site = site("docusaurus-i18n-bad-json");
    site.write(
        &format!("{GERMAN}.json"),
        "{\n  \"sidebar.docs.category.Runbooks\": {\"message\": \"Runbooks\"},\n  oops\n}\n",
    );
    site.write("i18n/de/code.json", "{\n  \"theme.docs.paginator.next\": [\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("note[config-syntax]: cannot read the sidebar's labels: key must be a string at line 3 column 3"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("--> {GERMAN}.json:3:3")), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[config-syntax]: i18n/de/code.json: EOF while parsing a list"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> i18n/de/code.json:3\n"), "{}", run.stderr);
    // The German pages are built all the same, in the built-in words.
    assert!(site.read("public/de/runbooks/db/index.html").contains("<span class=\"label\">Weiter</span>"));
}
