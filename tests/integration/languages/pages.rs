//! What each kind of page says in its language: strings files, crumbs, dates, the 404
//! page, print pages, incidents, links from the root, alerts' pages and the theme's words.

use super::*;

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
