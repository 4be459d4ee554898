//! A translation that holds: the original's anchors lead to the translation's headings,
//! a translation shows its original's images, and an alert's page exists in every
//! language.

use super::BOOK;
use crate::util::{Site, main_of};

/// A runbook with three sections, translated with two of them translated (`## Prüfen`
/// with the original's explicit id), and a page not translated that links to each.
fn translated_headings() -> Site {
    let site = Site::with_files(
        "translated-anchors",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            (
                "content/runbooks/db.md",
                "---\ntitle: DB\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\nalerts: [DbDown]\n---\nFail over.\n\n## Steps\n\nDo.\n\n### Restart\n\nAgain.\n\n## Check\n\nOk.\n\n## Gone\n\nLast.\n",
            ),
            (
                "content/runbooks/db.de.md",
                "---\ntitle: DB de\nkind: runbook\nservice: db\nseverity: sev2\nowners: [dba]\n---\nUmschalten.\n\n## Schritte\n\nTun.\n\n### Neu starten\n\nNochmal.\n\n## Prüfen {#check}\n\nOk.\n",
            ),
            (
                "content/runbooks/web.md",
                "---\ntitle: Web\n---\nSee [steps](db.md#steps), [restart](db.md#restart), [check](db.md#check) and [gone](db.md#gone).\n",
            ),
        ],
    );
    site.write("book.toml", BOOK);
    site
}

/// A link from a page not translated (and from the original) to the original's
/// anchors failed the build on the translation's translated headings: each anchor now
/// leads to the heading at its place in the translation, an explicit id is kept, and an
/// anchor without a heading there is a warning, never an error.
#[test]
fn the_original_s_anchors_lead_to_the_translation_s_headings_at_their_place() {
    let site = translated_headings();
    let run = site.build(&[]);
    run.expect_code(0);
    let de = site.read("public/de/runbooks/db/index.html");
    let main = main_of(&de);
    assert!(main.contains(r#"<h2 id="schritte"><span id="steps"></span>"#), "{main}");
    assert!(main.contains(r#"<h3 id="neu-starten"><span id="restart"></span>"#), "{main}");
    assert!(main.contains(r#"<h2 id="check">"#) && main.matches(r#"id="check""#).count() == 1, "{main}");
    // The page not translated links into the translation, with the original's anchors.
    let web = site.read("public/de/runbooks/web/index.html");
    assert!(main_of(&web).contains(r#"href="/de/runbooks/db/#steps""#), "{web}");
    // `#gone` has no heading at its place: a warning at the link, naming both files.
    assert!(run.stderr.contains("warning[broken-anchor]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the translation `content/runbooks/db.de.md` has no heading at the place of `#gone` in `content/runbooks/db.md`"),
        "{}",
        run.stderr
    );
    // The other anchors find their place: one warning, no error.
    assert_eq!(run.stderr.matches("warning[broken-anchor]").count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    // The original keeps its page as it was.
    let en = site.read("public/runbooks/db/index.html");
    assert!(!main_of(&en).contains("<span id="), "{en}");
}

/// An anchor that neither the original nor its translation has stays an error.
#[test]
fn an_anchor_no_version_has_stays_an_error() {
    let site = translated_headings();
    site.write("content/runbooks/web.md", "---\ntitle: Web\n---\nSee [nothing](db.md#nothing).\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[broken-anchor]") && run.stderr.contains("#nothing"), "{}", run.stderr);
}

/// A relative image in a translation (`_index.de.md`, `db.de.md`) was looked up in the
/// language's folder (`content/de/runbooks/flow.png`) and broke the build: it is the
/// original's image, beside it; a language's own image wins.
#[test]
fn a_translation_shows_its_original_s_images() {
    let site = Site::with_files(
        "translated-images",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\n---\n![flow](flow.png)\n"),
            ("content/runbooks/_index.de.md", "---\ntitle: Runbooks de\n---\n![Ablauf](flow.png)\n"),
            ("content/runbooks/db.md", "---\ntitle: DB\n---\n![db](db.png)\n"),
            ("content/runbooks/db.de.md", "---\ntitle: DB de\n---\n![db](db.png) ![x](own.png)\n"),
            ("content/runbooks/flow.png", "png"),
            ("content/runbooks/db.png", "png"),
            ("content/runbooks/own.png", "png"),
            ("content/de/runbooks/own.png", "png"),
        ],
    );
    site.write("book.toml", BOOK);
    site.build(&[]).expect_code(0);
    let section = site.read("public/de/runbooks/index.html");
    assert!(main_of(&section).contains(r#"src="/runbooks/flow.png""#), "{section}");
    let db = main_of(&site.read("public/de/runbooks/db/index.html")).to_string();
    assert!(db.contains(r#"src="/runbooks/db.png""#) && db.contains(r#"src="/de/runbooks/own.png""#), "{db}");
    // A file neither has is still a missing asset.
    site.write("content/runbooks/db.de.md", "---\ntitle: DB de\n---\n![x](nowhere.png)\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[missing-asset]"), "{}", run.stderr);
}

/// `/de/alerts/<Name>/` was the 404 page: each alert's page, and its lower-case form,
/// is there in each language, in its words, leading to the runbook in that language.
#[test]
fn an_alert_s_page_is_there_in_every_language() {
    let site = translated_headings();
    // A first command, so that the page has its wrap toggle.
    let de =
        site.read("content/runbooks/db.de.md").replace("Umschalten.\n", "Umschalten.\n\n```sh\npg_ctl promote\n```\n");
    site.write("content/runbooks/db.de.md", de);
    site.build(&[]).expect_code(0);
    for path in ["public/de/alerts/DbDown/index.html", "public/de/alerts/dbdown/index.html"] {
        let page = site.read(path);
        assert!(page.starts_with("<!doctype html>\n<html lang=\"de\">"), "{path}: {}", &page[..80]);
        assert!(page.contains(r#"href="/de/runbooks/db/""#), "{page}");
        assert!(page.contains(r#"<link rel="canonical" href="https://ops.example.org/de/alerts/DbDown/">"#), "{page}");
        assert!(page.contains(">Zum Inhalt springen<"), "{page}");
        assert!(page.contains(r#"href="/de/alerts/""#) && !page.contains(r#"href="/alerts/""#), "{page}");
        // The page's own words are German ("Wrap lines", "First steps" were English).
        let main = main_of(&page);
        for words in [
            r#"<a href="/de/alerts/">Alarm</a>"#,
            r#"<h2 id="first-steps-heading">Erste Schritte"#,
            ">Zeilen umbrechen</button>",
            ">Runbook öffnen: DB de</a>",
            "<dt>Verantwortliche</dt>",
            "<dt>Runbook</dt>",
        ] {
            assert!(main.contains(words), "{path}: {words}: {main}");
        }
        for english in ["First steps", "Wrap lines", "Open the runbook", "Owners"] {
            assert!(!main.contains(english), "{path}: {english}: {main}");
        }
    }
    let en = site.read("public/alerts/DbDown/index.html");
    assert!(en.starts_with("<!doctype html>\n<html lang=\"en\">") && en.contains(r#"href="/runbooks/db/""#), "{en}");
    let main = main_of(&en);
    assert!(
        main.contains(r#"<h2 id="first-steps-heading">First steps"#) && main.contains(">Open the runbook: DB</a>"),
        "{main}"
    );
}

/// `/alerts/`, `/search/` and the status page had no `<meta name="description">`: each
/// generated page describes itself, in its language.
#[test]
fn the_generated_pages_describe_themselves_in_their_language() {
    let site = super::bilingual_with_model();
    site.build(&[]).expect_code(0);
    let cases = [
        ("public/alerts/index.html", "Every alert that has a runbook, with its service"),
        ("public/search/index.html", "Search every page of the handbook: runbooks"),
        ("public/status/index.html", "Whether each service works now"),
        ("public/owners/index.html", "Every owner and the pages they are responsible for"),
        ("public/de/alerts/index.html", "Jeder Alarm mit Runbook"),
        ("public/de/search/index.html", "Alle Seiten des Handbuchs durchsuchen"),
        ("public/de/status/index.html", "Ob jeder Dienst gerade funktioniert"),
    ];
    for (path, description) in cases {
        let page = site.read(path);
        assert!(page.contains(&format!("<meta name=\"description\" content=\"{description}")), "{path}: {page}");
    }
}
