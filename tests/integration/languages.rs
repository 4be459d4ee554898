//! Translations: `[handbook] languages`, translations by file name
//! (`name.de.md`) and by folder (`content/de/`), each language under its prefix with
//! `lang`, `hreflang` alternates, a language switch, its own navigation and words, and a
//! page not yet translated shown in the default language with a notice.

#[path = "languages/translations.rs"]
mod translations;
use crate::util;

use util::{Site, main_of};

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

#[test]
fn a_strings_file_may_be_hugo_s_yaml() {
    let site = bilingual();
    site.write("i18n/de.yaml", "next:\n  other: Nächste Seite\nread_more: Weiterlesen\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("`read_more` is no word of opsbook's theme: left out"), "{}", run.stderr);
    assert!(run.stderr.contains("--> i18n/de.yaml:3:1"), "{}", run.stderr);
    let de = site.read("public/de/runbooks/db/index.html");
    assert!(de.contains("<span class=\"label\">Nächste Seite</span>"), "{}", main_of(&de));
}

#[test]
fn a_language_s_home_page_has_no_crumbs_above_it() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/index.html");
    assert!(
        !de.contains("<nav class=\"breadcrumbs\""),
        "the default home is no parent of the German one: {}",
        main_of(&de)
    );
}

#[test]
fn a_dated_page_and_a_post_say_their_date_in_their_language() {
    let site = bilingual();
    site.write("content/minutes/_index.md", "---\ntitle: Minutes\n---\n");
    site.write("content/minutes/20230312.md", "Decisions.\n");
    site.write("content/minutes/20230312.de.md", "Beschlüsse.\n");
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/minutes/20230312/index.html");
    assert!(de.contains("<h1 class=\"page-title\">12. März 2023</h1>"), "{}", main_of(&de));
    let en = site.read("public/minutes/20230312/index.html");
    assert!(en.contains("<h1 class=\"page-title\">12 March 2023</h1>"), "{}", main_of(&en));
}

#[test]
fn a_yaml_strings_file_that_is_not_yaml_is_a_warning_at_its_line() {
    let site = bilingual();
    site.write("i18n/de.yaml", "menu: Menü\nnext: [Weiter\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[config-syntax]: i18n/de.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("--> i18n/de.yaml:"), "{}", run.stderr);
    assert!(site.read("public/de/runbooks/db/index.html").contains(">Menü<"));
}

#[test]
fn markdown_s_own_words_are_in_the_language_of_the_page_s_text() {
    let site = bilingual();
    let body = "## Schritte\n\nText[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] eins\n- [ ] zwei\n\n> [!NOTE]\n> Achtung.\n\n:::tip\nEin Tipp.\n:::\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n[^1]: Fußnote.\n";
    site.write("content/runbooks/db.de.md", format!("---\ntitle: Datenbank-Failover\n---\n{body}"));
    site.write("content/runbooks/web.md", format!("---\ntitle: Web server\n---\n{body}"));
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    for said in [
        "aria-label=\"Link zu diesem Abschnitt\"",
        "aria-label=\"Zurück zum Text\"",
        "role=\"region\" aria-label=\"Tabelle\"",
        "aria-label=\"Erledigt\"",
        "aria-label=\"Nicht erledigt\"",
        "<p class=\"callout-title\">Hinweis</p>",
        "<p class=\"callout-title\">Tipp</p>",
        "aria-label=\"Flussdiagramm: A, B\"",
        "<summary>Quelltext des Diagramms</summary>",
    ] {
        assert!(de.contains(said), "{said}\n{}", main_of(&de));
    }
    // The English page, and its copy shown untranslated under /de/, keep English words.
    for path in ["public/runbooks/web/index.html", "public/de/runbooks/web/index.html"] {
        let en = site.read(path);
        assert!(en.contains("aria-label=\"Link to this section\"") && en.contains(">Tip</p>"), "{path}");
        assert!(en.contains("aria-label=\"Flowchart diagram: A, B\"") && !en.contains("Tabelle"), "{path}");
    }
    // A strings file changes them, also for a page the previous build rendered.
    site.write("i18n/de.toml", "md_table = \"Übersicht\"\nmd_tip = \"Gut zu wissen\"\n");
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    assert!(de.contains("aria-label=\"Übersicht\"") && de.contains(">Gut zu wissen</p>"), "{}", main_of(&de));
}

#[test]
fn the_404_page_speaks_the_default_language() {
    let site = Site::with_files("languages-404", &[("content/_index.md", "---\ntitle: Start\n---\nWillkommen.\n")]);
    site.write("book.toml", BOOK.replace("[\"en\", \"de\"]", "[\"de\", \"en\"]"));
    site.build(&[]).expect_code(0);
    let not_found = site.read("public/404.html");
    assert!(not_found.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &not_found[..80]);
    assert!(not_found.contains("<title>Seite nicht gefunden · Ops</title>"), "{not_found}");
    assert!(not_found.contains("<h1 class=\"page-title\">Seite nicht gefunden</h1>"), "{not_found}");
    assert!(not_found.contains(">Zur Startseite von Ops</a> oder einen Bereich im Menü wählen.</p>"), "{not_found}");
}

#[test]
fn a_section_of_another_language_prints_under_its_folder_in_its_words() {
    let site = bilingual();
    site.build(&[]).expect_code(0);
    let print = site.read("public/de/print/runbooks/index.html");
    assert!(print.starts_with("<!doctype html>\n<html lang=\"de\">"), "{}", &print[..80]);
    assert!(print.contains("Datenbank-Failover") && print.contains(">Zum Inhalt springen<"), "{print}");
    assert!(!site.exists("public/print/de/runbooks/index.html"));
    assert!(site.read("public/print/runbooks/index.html").contains("Database failover"));
}

/// A translated incident (`2024-03-14-db.de.md` with its own `updates:`)
/// showed its original's update texts; its page and the German status page show its
/// own, and an update without a `status` takes the translation's.
#[test]
fn a_translated_incident_shows_its_own_updates() {
    let site = bilingual_with_model();
    let updates = "updates:\n  - {at: 2024-03-14T10:00:00Z, status: investigating, text: We are looking.}\n  - {at: 2024-03-14T11:00:00Z, text: It works again.}\n";
    site.write(
        "content/status/2024-03-14-db.md",
        format!("---\ntitle: Database down\nkind: incident\nstatus: resolved\nstarted_at: 2024-03-14T09:50:00Z\nresolved_at: 2024-03-14T11:00:00Z\ncomponents:\n  api: major_outage\n{updates}---\nIt broke.\n"),
    );
    site.write(
        "content/status/2024-03-14-db.de.md",
        "---\ntitle: Datenbank ausgefallen\nkind: incident\nstatus: resolved\nstarted_at: 2024-03-14T09:50:00Z\nresolved_at: 2024-03-14T11:00:00Z\ncomponents:\n  api: major_outage\nupdates:\n  - {at: 2024-03-14T10:00:00Z, status: investigating, text: Wir sehen nach.}\n  - {at: 2024-03-14T11:00:00Z, text: Es geht wieder.}\n---\nEs ging kaputt.\n",
    );
    site.run_at_epoch("1710500000", &["build"]).expect_code(0);
    let de = main_of(&site.read("public/de/status/2024-03-14-db/index.html")).to_string();
    assert!(de.contains("<p>Wir sehen nach.</p>") && de.contains("<p>Es geht wieder.</p>"), "{de}");
    assert!(de.contains("status-incident-resolved status-phase-resolved\">Behoben</span>"), "{de}");
    assert!(!de.contains("We are looking") && !de.contains("It works again"), "{de}");
    let en = main_of(&site.read("public/status/2024-03-14-db/index.html")).to_string();
    assert!(en.contains("<p>We are looking.</p>") && !en.contains("Wir sehen nach"), "{en}");
    let status = main_of(&site.read("public/de/status/index.html")).to_string();
    assert!(!status.contains("It works again"), "{status}");
}

/// A link from the root in a translation (`/runbooks/web/`, the file
/// `/runbooks/web.md`) led to the default language's page; Hugo resolves a page's links
/// in its language, so it leads to the page of the translation's language. A link that
/// names a language's page, or a file, stays as written, and the default language's
/// pages are as they were.
#[test]
fn a_link_from_the_root_in_a_translation_leads_to_its_language_s_page() {
    let site = bilingual();
    let links = "[web](/runbooks/web/) [web2](/runbooks/web.md#restart) [en](/de/about/) [file](/img/a.png)";
    site.write("content/img/a.png", "png");
    site.write("content/runbooks/web.md", "---\ntitle: Web server\n---\n# Restart\n\nRestart it.\n");
    site.write("content/runbooks/web.de.md", "---\ntitle: Webserver\n---\n# Restart\n\nNeu starten.\n");
    site.write("content/runbooks/db.de.md", format!("---\ntitle: Datenbank\n---\nSiehe {links}.\n"));
    site.write("content/runbooks/db.md", format!("---\ntitle: Database\n---\nSee {links}.\n"));
    site.build(&[]).expect_code(0);
    let de = main_of(&site.read("public/de/runbooks/db/index.html")).to_string();
    assert!(de.contains(r#"<a href="/de/runbooks/web/">web</a>"#), "{de}");
    assert!(de.contains(r##"<a href="/de/runbooks/web/#restart">web2</a>"##), "{de}");
    assert!(de.contains(r#"<a href="/de/about/">en</a>"#) && de.contains(r#"<a href="/img/a.png">file</a>"#), "{de}");
    let en = main_of(&site.read("public/runbooks/db/index.html")).to_string();
    assert!(en.contains(r#"<a href="/runbooks/web/">web</a>"#), "{en}");
    assert!(en.contains(r##"<a href="/runbooks/web/#restart">web2</a>"##), "{en}");
}

/// The page of an alert, `/alerts/<name>/`, named the home page as its
/// canonical address and its languages' versions (`/`, `/de/`), and its language switch
/// led there. It is a page of the default language only, canonical at its own address,
/// with no alternate for search engines; its switch leads to the runbook in each other
/// language. A handbook of one language keeps its canonical link.
#[test]
fn an_alert_s_page_is_its_own_canonical_address() {
    let site = bilingual_with_model();
    site.build(&[]).expect_code(0);
    let alert = site.read("public/alerts/DbDown/index.html");
    assert!(alert.contains(r#"<link rel="canonical" href="https://ops.example.org/alerts/DbDown/">"#), "{alert}");
    assert!(
        !alert.contains("hreflang=\"x-default\"") && !alert.contains("<link rel=\"alternate\" hreflang"),
        "{alert}"
    );
    let switch = util::between(&alert, "<nav class=\"language-switch\"", "</nav>");
    assert!(
        switch.contains(r#"<a href="/alerts/DbDown/" hreflang="en" lang="en" aria-current="page">English</a>"#),
        "{switch}"
    );
    assert!(switch.contains(r#"<a href="/de/runbooks/db/" hreflang="de" lang="de">Deutsch</a>"#), "{switch}");
    let site = Site::with_files(
        "alert-canonical-one-language",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://ops.example.org/\"\n"),
            (
                "content/db.md",
                "---\ntitle: DB\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\nalerts: [DbDown]\n---\nFail over.\n",
            ),
        ],
    );
    site.build(&[]).expect_code(0);
    let alert = site.read("public/alerts/DbDown/index.html");
    assert!(alert.contains(r#"<link rel="canonical" href="https://ops.example.org/alerts/DbDown/">"#), "{alert}");
    assert!(!alert.contains("language-switch"), "{alert}");
}

/// English words on German pages. Each is a word of the theme in the page's
/// language: the header's audience badge, an internal block's and callout's label, the
/// blog list's byline and its second page's heading and crumbs (the blog among them,
/// under the language's home), a print page, the status page's title, the heading of
/// minutes without a year, the kinds' names (badges and search filters), a review's and
/// its action items' states, and the title of an issue about the page.
#[test]
fn a_german_page_says_the_theme_s_words_in_german() {
    let site = bilingual_with_model();
    site.write(
        "book.toml",
        format!("{BOOK}repository = \"https://github.com/kestrel/handbook\"\n\n[status]\ncomponents = [ {{ id = \"api\", name = \"API\" }} ]\n"),
    );
    site.write(
        "content/runbooks/db.de.md",
        "---\ntitle: Datenbank\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\n---\nUmschalten.\n\n<!-- internal -->\nGeheim.\n<!-- /internal -->\n\n> [!INTERNAL]\n> Nur wir.\n",
    );
    site.write("content/de/blog/_index.md", "---\ntitle: Neuigkeiten\n---\nNeues.\n");
    for day in 1..=11 {
        site.write(&format!("content/de/blog/_posts/2024-01-{day:02}-p{day}.md"), "---\nauthor: Ann\n---\nText.\n");
    }
    for day in 1..=13 {
        site.write(&format!("content/de/minutes/2023-02-{day:02}.md"), "Notizen.\n");
    }
    site.write("content/de/minutes/notizen.md", "---\ntitle: Notizen\n---\nOhne Datum.\n");
    site.write(
        "content/de/reviews/db.md",
        "---\ntitle: Analyse\nkind: rca\nstatus: final\nincident_date: 2026-11-02\nseverity: sev2\naction_items:\n  - {title: Reparieren, owner: \"@dba\", due: 2026-12-01}\n---\nAnalyse.\n",
    );
    site.build(&["--audience", "internal"]).expect_code(0);
    let db = site.read("public/de/runbooks/db/index.html");
    assert!(
        db.contains(
            r#"<span class="audience-badge" title="Dieser Build enthält interne Seiten und Blöcke">Intern</span>"#
        ),
        "{db}"
    );
    assert!(
        db.contains("<p class=\"internal-label\">Intern</p>")
            && db.contains("internal-label\">Intern</p>\n<p>Nur wir."),
        "{db}"
    );
    assert!(db.contains("<span class=\"kind-badge\">Runbook</span>"), "{db}");
    assert!(db.contains("issues/new?title=Zu%20Datenbank&amp;body="), "{db}");
    let blog = main_of(&site.read("public/de/blog/index.html")).to_string();
    assert!(blog.contains("</time> · von <a href=\"/de/authors/ann/\">Ann</a></p>"), "{blog}");
    let second = main_of(&site.read("public/de/blog/page/2/index.html")).to_string();
    assert!(second.contains("<h1 class=\"page-title\">Neuigkeiten: Seite 2</h1>"), "{second}");
    assert!(second.contains("<li><a href=\"/de/\">Home</a></li>\n<li><a href=\"/de/blog/\">Neuigkeiten</a></li>\n<li aria-current=\"page\">Beiträge, Seite 2</li>"), "{second}");
    let print = site.read("public/de/print/runbooks/index.html");
    assert!(print.contains("<title>Runbooks (Druckansicht) · Ops</title>"), "{print}");
    let main = main_of(&print);
    assert!(
        main.contains("<nav class=\"breadcrumbs\" aria-label=\"Pfad\">\n<ol>\n<li><a href=\"/de/\">Home</a></li>"),
        "{main}"
    );
    assert!(main.contains("<li aria-current=\"page\">Drucken</li>"), "{main}");
    assert!(main.contains("<p class=\"lead\">Alle Seiten von <a href=\"/de/runbooks/\">Runbooks</a> auf einer Seite, in Lesereihenfolge, zum Drucken oder Speichern als PDF."), "{main}");
    assert!(
        main.contains("aria-label=\"Seiten dieses Abschnitts\"")
            && main.contains(" · Verantwortlich: <span class=\"handle\">"),
        "{main}"
    );
    assert!(site.read("public/de/status/index.html").contains("<h1 class=\"page-title\">Status von Ops</h1>"));
    let minutes = main_of(&site.read("public/de/minutes/index.html")).to_string();
    assert!(minutes.contains("<h2 id=\"year-other\">Weitere Seiten</h2>"), "{minutes}");
    let review = main_of(&site.read("public/de/reviews/db/index.html")).to_string();
    assert!(
        review.contains("status-final\">abgeschlossen</span>") && review.contains("status-open\">offen</span>"),
        "{review}"
    );
    let manifest = site.read("public/de/search/manifest.json");
    assert!(manifest.contains(r#"{"value":"runbook","label":"Runbook","#), "{manifest}");
    assert!(manifest.contains(r#"{"value":"incident","label":"Vorfall","#), "{manifest}");
    // The English pages say the words they said.
    let en = site.read("public/runbooks/db/index.html");
    assert!(en.contains(r#"title="This build includes internal pages and blocks">Internal</span>"#), "{en}");
    assert!(
        en.contains("<span class=\"kind-badge\">runbook</span>")
            && en.contains("title=About%20Database%20failover&amp;"),
        "{en}"
    );
    let print = site.read("public/print/runbooks/index.html");
    assert!(
        print.contains("<title>Runbooks (print) · Ops</title>")
            && print.contains("<li aria-current=\"page\">Print</li>"),
        "{print}"
    );
    assert!(site.read("public/status/index.html").contains("<h1 class=\"page-title\">Ops status</h1>"));
    assert!(site.read("public/search/manifest.json").contains(r#"{"value":"runbook","label":"runbook","#));
}

/// A blog's second page had no crumb of its blog, in any language.
#[test]
fn a_blog_s_page_of_older_posts_is_under_the_blog() {
    let site = Site::with_files("blog-page-crumbs", &[("content/news/_index.md", "---\ntitle: News\n---\n")]);
    for day in 1..=11 {
        site.write(&format!("content/news/_posts/2024-01-{day:02}-p{day}.md"), "Text.\n");
    }
    site.build(&[]).expect_code(0);
    let second = main_of(&site.read("public/news/page/2/index.html")).to_string();
    assert!(second.contains("<li><a href=\"/\">Test</a></li>\n<li><a href=\"/news/\">News</a></li>\n<li aria-current=\"page\">Posts, page 2</li>"), "{second}");
    assert!(second.contains("<h1 class=\"page-title\">News: page 2</h1>"), "{second}");
}

/// The 404 page (one, in the default language, as static hosts serve one)
/// linked "write this runbook" into `content/de/runbooks/` when a German runbook came
/// first; a runbook of the default language answers alerts, so its folder is the
/// default language's.
#[test]
fn the_404_page_writes_a_runbook_in_the_default_language_s_folder() {
    let site = Site::with_files(
        "languages-404",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            (
                "content/de/runbooks/web.md",
                "---\ntitle: Web\nkind: runbook\nservice: web\nseverity: sev2\nowners: [web]\n---\nNeu starten.\n",
            ),
        ],
    );
    site.write("book.toml", format!("{BOOK}repository = \"https://github.com/kestrel/handbook\"\n"));
    site.build(&[]).expect_code(0);
    let page = site.read("public/404.html");
    assert!(page.starts_with("<!doctype html>\n<html lang=\"en\">"), "{}", &page[..80]);
    assert!(
        page.contains("https://github.com/kestrel/handbook/new/main/content/runbooks?filename=ALERT_NAME.md"),
        "{page}"
    );
    assert!(!page.contains("content/de/runbooks"), "{page}");
    assert!(!site.exists("public/de/404.html"));
}

/// A blog of a language's folder wrote its feed, `/de/blog/feed.xml`, as
/// English (`xml:lang="en"`): jekyll-feed says the site's `lang`, which is the
/// language's in its build.
#[test]
fn a_language_s_blog_feed_says_its_language() {
    let site = bilingual();
    site.write("content/blog/_posts/2024-01-02-news.md", "---\ntitle: News\n---\nText.\n");
    site.write("content/de/blog/_posts/2024-01-03-neu.md", "---\ntitle: Neu\n---\nText.\n");
    site.build(&[]).expect_code(0);
    let de = site.read("public/de/blog/feed.xml");
    assert!(de.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">"), "{de}");
    let en = site.read("public/blog/feed.xml");
    assert!(en.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"), "{en}");
}

/// The home page listed another language's home (`/de/`, "Startseite") among
/// its sections, whether written (`_index.de.md`) or only the folder of a language's
/// pages (`content/de/runbooks/web.md`); the navigation leaves it out, and so does the
/// home page's list.
#[test]
fn the_home_page_lists_no_other_language_s_home() {
    for (name, file, text) in [
        ("languages-home-list", "content/_index.de.md", "---\ntitle: Startseite\n---\nWillkommen.\n"),
        ("languages-home-folder", "content/de/runbooks/web.md", "---\ntitle: Web\n---\nNeu starten.\n"),
    ] {
        let site = Site::with_files(
            name,
            &[
                ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
                ("content/runbooks/db.md", "# DB\n"),
                (file, text),
            ],
        );
        site.write("book.toml", BOOK);
        site.build(&[]).expect_code(0);
        let home = main_of(&site.read("public/index.html")).to_string();
        assert!(!home.contains("href=\"/de/\""), "{home}");
        assert!(home.contains("href=\"/runbooks/\""), "{home}");
        let de = main_of(&site.read("public/de/index.html")).to_string();
        assert!(de.contains("href=\"/de/runbooks/\""), "{de}");
    }
}

/// A German page wrote its numbers with a decimal point (`100.00 %
/// Verfügbarkeit`); a German reader writes `100,00 %` (CLDR's decimal separator, the
/// theme's word `decimal_separator`). The English page keeps its point.
#[test]
fn a_german_page_writes_its_numbers_with_a_decimal_comma() {
    let site = bilingual_with_model();
    // 2026-11-20: the incident of 2026-11-02 (an hour of partial outage) is in the bars.
    site.run_at_epoch("1795132800", &["build"]).expect_code(0);
    let de = main_of(&site.read("public/de/status/index.html")).to_string();
    assert!(de.contains("<p class=\"uptime-percent\">99,99 % Verfügbarkeit</p>"), "{de}");
    let en = main_of(&site.read("public/status/index.html")).to_string();
    assert!(en.contains("<p class=\"uptime-percent\">99.99 % uptime</p>"), "{en}");
}
