//! Translations: `[handbook] languages`, translations by file name
//! (`name.de.md`) and by folder (`content/de/`), each language under its prefix with
//! `lang`, `hreflang` alternates, a language switch, its own navigation and words, and a
//! page not yet translated shown in the default language with a notice.

#[path = "languages/translations.rs"]
mod translations;
use crate::util;

use util::{Site, main_of};

mod pages;

const BOOK: &str =
    "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.org/\"\nlanguages = [\"en\", \"de\"]\n";

fn bilingual() -> Site {
    let site = Site::with_files(
        "languages",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\n---\n"),
            (
                "content/runbooks/db.md",
                "---\ntitle: Database failover\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\ntags: [db]\naliases: [/old-db/]\n---\nFail over. See [web](web.md).\n",
            ),
            (
                "content/runbooks/db.de.md",
                "---\ntitle: Datenbank-Failover\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\ntags: [db]\n---\nUmschalten. Siehe [web](web.md).\n",
            ),
            ("content/runbooks/web.md", "---\ntitle: Web server\n---\nRestart the web server.\n"),
            ("content/de/about.md", "---\ntitle: Über uns\n---\nNur auf Deutsch.\n"),
        ],
    );
    site.write("book.toml", BOOK);
    site
}

#[test]
fn publishes_each_language_under_its_prefix_with_alternates_both_ways() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    assert!(de.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &de[..80]);
    assert!(de.contains("<link rel=\"canonical\" href=\"https://ops.example.org/de/runbooks/db/\">"));
    assert!(de.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://ops.example.org/runbooks/db/\">"));
    assert!(
        de.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://ops.example.org/runbooks/db/\">")
    );
    let en = site.read("public/runbooks/db/index.html");
    assert!(en.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://ops.example.org/de/runbooks/db/\">"));
    // The switch: a labelled nav, each link with its hreflang and lang.
    assert!(de.contains("<nav class=\"language-switch\" aria-label=\"Sprachen\"><ul><li><a href=\"/runbooks/db/\" hreflang=\"en\" lang=\"en\">English</a></li><li><a href=\"/de/runbooks/db/\" hreflang=\"de\" lang=\"de\" aria-current=\"page\">Deutsch</a></li></ul></nav>"), "{de}");
    assert!(en.contains("aria-label=\"Languages\""));
    // The theme's words in the page's language.
    assert!(de.contains(">Zum Inhalt springen<") && en.contains(">Skip to content<"));
    // The translation's links lead to its language's pages.
    assert!(main_of(&de).contains("href=\"/de/runbooks/web/\""), "{}", main_of(&de));
    // An alias of the original stays the original's.
    assert!(site.exists("public/old-db/index.html") && !site.exists("public/de/old-db/index.html"));
}

#[test]
fn a_page_not_yet_translated_is_the_original_with_a_notice() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    let page = site.read("public/de/runbooks/web/index.html");
    assert!(page.contains("<html lang=\"de\">"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://ops.example.org/runbooks/web/\">"), "{page}");
    assert!(!page.contains("hreflang=\"x-default\""), "a copy names no translations");
    assert!(page.contains("<main id=\"content\" class=\"main\" tabindex=\"-1\" lang=\"en\">"));
    assert!(page.contains(
        "<p class=\"banner translation-notice\" role=\"note\" lang=\"de\">Diese Seite ist noch nicht übersetzt"
    ));
    assert!(page.contains("Restart the web server."));
    // The home page of the language too.
    assert!(site.read("public/de/index.html").contains("translation-notice"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/de/runbooks/web/"), "copies are not listed: {sitemap}");
    assert!(
        sitemap.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://ops.example.org/de/runbooks/db/\"/>"
        )
    );
}

#[test]
fn each_language_has_its_navigation_and_the_model_counts_pages_once() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    let nav = util::between(&de, "<nav id=\"site-nav\"", "</nav>");
    assert!(nav.contains("/de/about/") && nav.contains("/de/runbooks/web/"), "{nav}");
    assert!(!nav.contains("href=\"/runbooks/"), "{nav}");
    let en = site.read("public/runbooks/db/index.html");
    let nav = util::between(&en, "<nav id=\"site-nav\"", "</nav>");
    assert!(!nav.contains("/de/"), "{nav}");
    // handbook.json: each page's language and translations.
    let api = site.read("public/handbook.json");
    assert!(api.contains("\"url\": \"/de/runbooks/db/\""), "{api}");
    let record = util::between(&api, "\"url\": \"/de/runbooks/web/\"", "\"url\": \"/runbooks/");
    assert!(record.contains("\"lang\": \"en\"") && record.contains("\"untranslated\": true"), "{record}");
    // One runbook of the service, one owner's page listing it once.
    let owners = site.read("public/owners/index.html");
    assert_eq!(main_of(&owners).matches("/runbooks/db/").count(), 1, "{}", main_of(&owners));
}

#[test]
fn each_language_has_its_search_index_and_search_page() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    // The default language's index at /search/, the German one at /de/search/, each
    // stemmed in its language and holding the pages of its site.
    let english = site.read("public/search/manifest.json");
    let german = site.read("public/de/search/manifest.json");
    assert!(english.contains("\"language\":\"en\"") && german.contains("\"language\":\"de\""), "{german}");
    let records = |folder: &str| {
        site.files_under(&format!("public/{folder}"))
            .iter()
            .filter(|f| f.rsplit('/').next().is_some_and(|name| name.starts_with("p-")))
            .map(|f| site.read(&format!("public/{folder}/{}", f.rsplit('/').next().unwrap_or_default())))
            .collect::<String>()
    };
    let (en_pages, de_pages) = (records("search"), records("de/search"));
    assert!(en_pages.contains("\"runbooks/db/\",\"Database failover\""), "{en_pages}");
    assert!(!en_pages.contains("\"de/"), "no German page in the English index: {en_pages}");
    assert!(de_pages.contains("\"de/runbooks/db/\",\"Datenbank-Failover\""), "{de_pages}");
    // A page not yet translated is found in the German site, at its German address.
    assert!(de_pages.contains("\"de/runbooks/web/\",\"Web server\""), "{de_pages}");
    assert!(!de_pages.contains("\"runbooks/db/\""), "{de_pages}");
    // A section filter names the section as in the default language: `section:runbooks`.
    assert!(german.contains("{\"value\":\"runbooks\",\"label\":\"Runbooks\""), "{german}");
    // Each page's search box reads its language's index and leads to its search page.
    let de = site.read("public/de/runbooks/db/index.html");
    assert!(
        de.contains("<script src=\"/search.js\" data-root=\"/\" data-index=\"/de/search/\" data-words=\"{"),
        "{de}"
    );
    assert!(de.contains("<form class=\"search-form\" action=\"/de/search/\""));
    let en = site.read("public/runbooks/db/index.html");
    assert!(en.contains("data-index=\"/search/\"") && en.contains("<form class=\"search-form\" action=\"/search/\""));
    // The German search page: in German, under the German home, in the language switch.
    let page = site.read("public/de/search/index.html");
    assert!(page.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &page[..80]);
    assert!(page.contains("class=\"search-page-form\" action=\"/de/search/\""));
    assert!(page.contains("aria-label=\"Das Handbuch durchsuchen\""));
    assert!(
        page.contains("<title>Suche · Ops</title>")
            && page.contains("<h1 class=\"page-title\" id=\"search-page-title\">Suche</h1>")
    );
    assert!(page.contains("<button type=\"submit\">Suchen</button>") && page.contains("<summary>Filter</summary>"));
    let english = site.read("public/search/index.html");
    assert!(english.contains("<title>Search · Ops</title>") && english.contains("<summary>Filters</summary>"));
    assert!(page.contains("<a href=\"/search/\" hreflang=\"en\" lang=\"en\">English</a>"), "{page}");
    let analysis = site.read("public/search-analysis.js");
    assert!(analysis.contains(".german=stemmer"), "the German index's stemmer is shipped (minified)");
}

#[test]
fn a_hugo_site_s_languages_table_lists_the_languages() {
    // Hugo's own configuration, no `languages` in book.toml: its translations by file name
    // are the handbook's, the `defaultContentLanguage` first, the others by weight.
    let site = Site::with_files(
        "hugo-languages",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\n[markdown]\nheading-ids = \"hugo\"\n"),
            (
                "hugo.toml",
                "defaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n\
                 [languages.fr]\nweight = 3\ndisabled = true\n",
            ),
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            ("content/db.md", "---\ntitle: Database failover\n---\nFail over.\n"),
            ("content/db.de.md", "---\ntitle: Datenbank-Failover\n---\nUmschalten.\n"),
            ("content/db.fr.md", "---\ntitle: Basculement\n---\nBasculer.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/db/index.html");
    assert!(de.starts_with("<!doctype html>\n<html lang=\"de\">") && de.contains("<title>Datenbank-Failover · Ops"));
    assert!(site.read("public/db/index.html").contains("hreflang=\"de\""));
    // A disabled language is none: its file is no page of it, and no `/fr/` is published.
    assert!(!site.exists("public/fr/db/index.html"), "{:?}", site.files_under("public"));
}

#[test]
fn a_translation_written_twice_is_an_error_at_the_second() {
    let site = bilingual();
    site.write("content/de/runbooks/db.md", "# Doppelt\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/runbooks/db.de.md:1:1")
            && run.stderr.contains("`runbooks/db.de.md` is the de page `de/runbooks/db.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_code_that_is_no_tag_is_a_config_error_at_the_key() {
    let site = bilingual();
    for bad in ["..", "/x", "de_DE"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"{bad}\"]\n"));
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(
            run.stderr.contains("book.toml:3:1")
                && run.stderr.contains(&format!("`[handbook] languages`: {bad:?} is not a language code")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn one_language_is_as_before() {
    let site = bilingual();
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.org/\"\n");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/de/runbooks/db/index.html"), "a file named for a language is a page of its own");
    assert!(site.exists("public/de/about/index.html"));
    let page = site.read("public/runbooks/db/index.html");
    assert!(!page.contains("hreflang") && !page.contains("language-switch"));
}

/// The bilingual handbook with a status page, an incident and alerts: the model's pages.
fn bilingual_with_model() -> Site {
    let site = bilingual();
    site.write("book.toml", format!("{BOOK}\n[status]\ncomponents = [ {{ id = \"api\", name = \"API\" }} ]\n"));
    site.write(
        "content/runbooks/db.md",
        "---\ntitle: Database failover\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\ntags: [db]\nalerts: [DbDown]\nlast_reviewed: 2026-01-01\nreview_every: 90 days\n---\nFail over.\n",
    );
    site.write("content/runbooks/web.md", "---\ntitle: Web server\nowners: [web]\n---\nRestart the web server.\n");
    site.write(
        "content/runbooks/db.de.md",
        "---\ntitle: Datenbank-Failover\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\ntags: [db]\nlast_reviewed: 2026-01-01\nreview_every: 6 months\n---\nUmschalten. Siehe [web](web.md).\n",
    );
    site.write(
        "content/status/api-errors.md",
        "---\ntitle: API errors\nkind: incident\nstatus: resolved\nimpact: minor\nstarted_at: 2026-11-02T09:00:00Z\nresolved_at: 2026-11-02T10:00:00Z\ncomponents:\n  api: partial_outage\n---\nIt broke.\n",
    );
    site
}

#[test]
fn each_language_has_the_model_s_pages_in_its_words() {
    let site = bilingual_with_model();
    site.build(&[]).expect_code(0);
    // Each generated page has a German copy under /de/, titled in German, under the
    // German home page, listing the German site's pages at their German addresses.
    let owners = site.read("public/de/owners/index.html");
    assert!(owners.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &owners[..80]);
    assert!(owners.contains("<title>Verantwortliche · Ops</title>"), "{owners}");
    let main = main_of(&owners);
    assert!(main.contains("<li><a href=\"/de/\">Home</a></li>"), "{main}");
    assert!(main.contains("Alle Verantwortlichen und die Seiten"), "{main}");
    assert!(main.contains("<a href=\"/de/runbooks/db/\">Datenbank-Failover</a>"), "{main}");
    // A page not yet translated is listed at its German address, in its original words.
    assert!(main.contains("<a href=\"/de/runbooks/web/\">Web server</a>"), "{main}");
    assert!(!main.contains("href=\"/runbooks/"), "no English page on the German list: {main}");
    let tag = main_of(&site.read("public/de/tags/db/index.html")).to_string();
    assert!(tag.contains("Verschlagwortet mit „db“") && tag.contains("href=\"/de/runbooks/db/\""), "{tag}");
    assert!(site.read("public/de/tags/index.html").contains("<a class=\"tag\" href=\"/de/tags/db/\">db</a>"));
    let review = main_of(&site.read("public/de/review/index.html")).to_string();
    assert!(review.contains("<th>Zuletzt überprüft</th>") && review.contains("Tagen überfällig"), "{review}");
    assert!(review.contains("href=\"/de/runbooks/db/\""), "{review}");
    let alerts = main_of(&site.read("public/de/alerts/index.html")).to_string();
    assert!(alerts.contains("<th>Schweregrad</th>") && alerts.contains("Überprüfung überfällig"), "{alerts}");
    assert!(alerts.contains("<code>/alerts/&lt;name&gt;/</code>, die zu seinem Runbook führt"), "{alerts}");
    assert!(alerts.contains("data-words=\"{n} von {total} Alarmen\""), "{alerts}");
    assert!(alerts.contains("<a href=\"/de/runbooks/db/\">Datenbank-Failover</a>"), "{alerts}");
    // The alert's stable URL stays the one of the default language.
    assert!(alerts.contains("href=\"/alerts/DbDown/\""), "{alerts}");
    // The status page: its states, words and months in German, its incident at its
    // German address, whose page has the German panel.
    let status = main_of(&site.read("public/de/status/index.html")).to_string();
    assert!(
        status.contains("Alle Systeme betriebsbereit")
            && status.contains("<h2 id=\"status-components\">Komponenten</h2>"),
        "{status}"
    );
    assert!(status.contains("<h3>November 2026</h3>") && status.contains("· Auswirkung gering</span>"), "{status}");
    assert!(status.contains("<a href=\"/de/status/api-errors/\">API errors</a> <span class=\"status-word status-incident-resolved\">Behoben</span>"), "{status}");
    let incident = main_of(&site.read("public/de/status/api-errors/index.html")).to_string();
    assert!(
        incident.contains("<dt>Betroffene Komponenten</dt>") && incident.contains("API: Teilausfall"),
        "{incident}"
    );
    assert!(incident.contains("<a href=\"/de/status/\">Status aller Systeme</a>"), "{incident}");
    // A German page links to the German indexes: its owners, its tags, the footer.
    let db = site.read("public/de/runbooks/db/index.html");
    assert!(db.contains("href=\"/de/owners/#dba\"") && db.contains("href=\"/de/tags/db/\""), "{db}");
    // Its header and panel are in German too.
    assert!(db.contains("title=\"Überprüfungszeitraum: 6 Monate; zuletzt überprüft am 2026-01-01\""), "{db}");
    assert!(
        db.contains("<span class=\"owners\">Verantwortlich: <a class=\"handle\" href=\"/de/owners/#dba\">"),
        "{db}"
    );
    assert!(db.contains("<dt>Schweregrad</dt>") && db.contains("<dt>Zuletzt getestet</dt><dd>nie</dd>"), "{db}");
    let footer = util::between(&db, "<nav class=\"site-indexes\"", "</nav>");
    assert!(
        footer.contains("href=\"/de/owners/\">Verantwortliche</a>")
            && footer.contains("href=\"/de/status/\">Status</a>"),
        "{footer}"
    );
    // The default language's pages are as they were, and list no German page.
    let english = main_of(&site.read("public/owners/index.html")).to_string();
    assert!(
        english.contains("<a href=\"/runbooks/db/\">Database failover</a>") && !english.contains("/de/"),
        "{english}"
    );
    assert!(english.contains("from the pages&#39; front matter or from CODEOWNERS."), "{english}");
    let en_db = site.read("public/runbooks/db/index.html");
    assert!(en_db.contains("href=\"/owners/#dba\"") && !en_db.contains("href=\"/de/owners/"), "{en_db}");
    // The sitemap lists each copy, the German ones with their alternates.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://ops.example.org/de/owners/</loc>"), "{sitemap}");
}
