//! The theme's own words, per language: what the templates see as `t` (`{{ t.menu }}`).
//! opsbook ships English and German; a handbook adds or changes words for any language
//! in `i18n/<lang>.toml` beside `book.toml` (a flat table of the keys below, read by
//! [`read_strings_file`] through the one confinement and `crate::fs`), as
//! jekyll-multiple-languages reads `_i18n/<lang>.yml` and Hugo a theme's `i18n/<lang>.toml`
//! (<https://gohugo.io/content-management/multilingual/#translation-of-strings>); Hugo's
//! YAML and JSON forms (`i18n/<lang>.yaml`, `.yml`, `.json`) are read when there is no
//! `.toml`.
//! A key a language lacks is the English word. A handbook of one language sees the
//! English table and reads no file, so its pages stay as they were. Hugo's form of a
//! word (`[menu]` with `other = "…"`) is read too, and keys that are none of opsbook's
//! (an old theme's) are one note. A Docusaurus site's `i18n/<lang>/code.json`, its
//! theme's translated words, is read first (the same way), for the words both themes
//! have ([`CODE_JSON_WORDS`]); `i18n/<lang>.toml` wins over it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::markdown::MarkdownWords;

/// The English words, by key: every key a strings file may set.
pub(crate) const ENGLISH: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to content"),
    ("skip_to_navigation", "Skip to navigation"),
    ("menu", "Menu"),
    ("search_placeholder", "Search (/ or Ctrl-K)"),
    ("search_label", "Search the handbook"),
    ("search_scope", "Search in"),
    ("search_scope_local", "This handbook"),
    ("search_scope_all", "All handbooks"),
    ("handbook", "Handbook"),
    ("indexes", "Indexes"),
    ("owners", "Owners"),
    ("tags", "Tags"),
    ("review", "Review"),
    ("alerts", "Alerts"),
    ("status", "Status"),
    ("built_with", "Built with"),
    ("on_this_page", "On this page"),
    ("previous_and_next", "Previous and next pages"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("breadcrumb", "Breadcrumb"),
    ("tags_label", "Tags:"),
    ("pages_that_link_here", "Pages that link here"),
    ("edit_this_page", "Edit this page"),
    ("view_source", "View source"),
    ("history", "History"),
    ("open_an_issue", "Open an issue about this page"),
    ("languages", "Languages"),
    ("not_translated", "not translated yet"),
    ("not_translated_notice", "This page is not translated yet: it is shown in its original language."),
    ("read_the_original", "Read the original"),
    ("back_to_top", "Back to top"),
    ("not_found_title", "Page not found"),
    (
        "not_found_moved",
        "There is no page at this address. It may have moved: pages in a handbook are renamed as the way we work changes.",
    ),
    ("not_found_home", "Go to the start page of {title}"),
    ("not_found_or_menu", ", or pick a section from the menu."),
    ("missing_alert_heading", "No runbook for the alert"),
    ("missing_alert_none", "No runbook in {title} answers this alert yet."),
    ("missing_alert_every", "See every alert that has a runbook"),
    ("missing_alert_search", "Search the handbook for"),
    ("missing_alert_write", "Write this runbook"),
    ("search_title", "Search"),
    (
        "search_description",
        "Search every page of the handbook: runbooks, incident reviews and the rest, by word, kind, owner or tag.",
    ),
    ("search_page_placeholder", "Words, or filters like kind:runbook owner:@dba-team"),
    ("search_button", "Search"),
    ("filters", "Filters"),
    ("search_needs_javascript", "Search runs in your browser and needs JavaScript."),
    ("search_results_label", "Search results"),
    ("search_no_match", "No pages match."),
    ("search_no_page_has", "No page has {words}."),
    ("search_no_page_has_others", "No page has {words}: these pages have the other words."),
    ("search_all_results", "All {n} results"),
    ("search_status_one", "1 page matches"),
    ("search_status_many", "{n} pages match"),
    ("search_status_shown", ", 8 shown"),
    ("search_status_keys", ". Use the arrow keys to choose."),
    ("search_count_one", "1 page"),
    ("search_count_many", "{n} pages"),
    ("search_did_you_mean", "Did you mean "),
    ("search_show_more", "Show more"),
    ("search_facet_kind", "Kind"),
    ("search_facet_section", "Section"),
    ("search_facet_owner", "Owner"),
    ("search_facet_tag", "Tag"),
    ("search_fewer", "Fewer"),
    ("search_more", "More ({n})"),
    ("search_fewer_filters", "Fewer {facet} filters"),
    ("search_more_filters", "More {facet} filters"),
    ("authors", "Authors"),
    ("posts_and_pages", "Posts and pages"),
    (
        "owners_lead",
        "Every owner and the pages they are responsible for, from the pages' front matter or from CODEOWNERS.",
    ),
    ("tagged", "Tagged “{tag}”"),
    ("review_lead", "Pages that are overdue for review, have never been reviewed, or are due soon: most urgent first."),
    ("review_table", "Pages due for review"),
    ("review_nothing_due", "Every page is fresh: nothing is due for review."),
    ("overdue_by_one", "Overdue by 1 day"),
    ("overdue_by_many", "Overdue by {n} days"),
    ("never", "never"),
    ("review_fresh", "Reviewed"),
    ("review_due_soon", "Review due soon"),
    ("review_overdue", "Review overdue"),
    ("review_never", "Never reviewed"),
    ("column_page", "Page"),
    ("column_status", "Status"),
    ("column_last_reviewed", "Last reviewed"),
    ("column_due", "Due"),
    ("column_alert", "Alert"),
    ("column_runbook", "Runbook"),
    ("column_service", "Service"),
    ("column_severity", "Severity"),
    ("column_incident", "Incident"),
    ("column_date", "Date"),
    ("column_duration", "Duration"),
    ("column_open_items", "Open items"),
    ("column_action", "Action"),
    ("column_owner", "Owner"),
    (
        "alerts_lead",
        "Every alert a runbook answers. Each alert has a stable URL, {url}, that leads to its runbook: point the alert's {field} there.",
    ),
    (
        "alerts_description",
        "Every alert that has a runbook, with its service, severity, owners and review state, and the stable address its rule links to.",
    ),
    ("alerts_filter", "Filter alerts"),
    ("alerts_filter_placeholder", "Name, service, owner…"),
    ("alerts_shown", "{n} of {total} alerts"),
    ("alert_kicker", "Alert"),
    ("alert_first_steps", "First steps"),
    ("alert_wrap_lines", "Wrap lines"),
    ("alert_no_steps", "The runbook has no command or steps to show here: open it below."),
    ("alert_open_runbook", "Open the runbook"),
    ("alert_runbook_sections", "Runbook sections"),
    ("alert_escalation", "Escalation"),
    ("alert_runbook", "Runbook"),
    ("catalog_runbooks", "All runbooks"),
    ("catalog_incidents", "Incidents"),
    ("catalog_action_items", "Open action items"),
    ("catalog_no_action_items", "No open action items."),
    ("catalog_of_kind", "All pages of kind {kind}"),
    ("open_count", "{n} open"),
    ("overdue", "overdue"),
    ("status_as_of", "As of"),
    ("status_measured_at", "measured at"),
    ("status_machine_readable", "Machine-readable:"),
    ("status_the_measurements", "the measurements"),
    ("status_no_measurements", "No measurements for {components}: their state is unknown."),
    ("status_subscribe", "Subscribe"),
    ("status_atom_feed", "Atom feed"),
    ("status_of_every_event", "of every incident and maintenance"),
    ("status_feed_of_component", "Atom feed of one component:"),
    ("status_json_feed", "JSON Feed"),
    ("status_json_feed_of_component", "JSON Feed of one component:"),
    ("status_json_api", "JSON API (Statuspage v2):"),
    ("status_active", "Active incidents"),
    ("status_impact", "impact"),
    ("status_since", "since"),
    ("status_to", "to"),
    ("status_maintenance", "Maintenance"),
    ("status_components", "Components"),
    (
        "status_legend",
        "Uptime over the last 90 days ({first} to {last}); each cell is a day. Focus, hover or tap a cell to see its incidents.",
    ),
    ("status_feed", "Feed"),
    ("status_feed_of", " of {name}"),
    ("status_no_data_since", "No data since"),
    ("status_no_data", "No data."),
    ("status_measurements_of", "Measurements of {name}"),
    ("status_no_value", "no value"),
    ("status_good_at", "good at"),
    ("status_degraded_at", "degraded at"),
    ("status_days", "{name}: the last 90 days, oldest first"),
    ("status_uptime", "{percent} % uptime"),
    ("status_uptime_unknown", "Uptime unknown: no measurements"),
    ("decimal_separator", "."),
    ("status_history", "Past incidents"),
    ("status_none_reported", "No incidents reported."),
    ("status_updates", "Updates"),
    ("status_all_systems", "All systems status"),
    ("status_incident", "Incident"),
    ("status_maintenance_one", "Maintenance"),
    ("status_impact_label", "Impact"),
    ("status_started", "Started"),
    ("status_scheduled_for", "Scheduled for"),
    ("status_resolved", "Resolved"),
    ("status_until", "Until"),
    ("status_affected", "Affected components"),
    ("status_review", "Incident review"),
    ("impact_none", "none"),
    ("impact_minor", "minor"),
    ("impact_major", "major"),
    ("impact_critical", "critical"),
    ("state_operational", "Operational"),
    ("state_under_maintenance", "Under Maintenance"),
    ("state_degraded_performance", "Degraded Performance"),
    ("state_partial_outage", "Partial Outage"),
    ("state_major_outage", "Major Outage"),
    ("state_unknown", "Unknown"),
    ("state_measured_degraded", "Measured degraded"),
    ("state_measured_failing", "Measured failing"),
    ("state_no_data", "No data"),
    ("state_no_incidents", "No incidents"),
    ("state_good", "Good"),
    ("state_degraded", "Degraded"),
    ("state_failing", "Failing"),
    ("overall_operational", "All Systems Operational"),
    ("overall_major_outage", "Major System Outage"),
    ("overall_partial_outage", "Partial System Outage"),
    ("overall_minor_outage", "Minor Service Outage"),
    ("overall_degraded", "Degraded System Service"),
    ("overall_partially_degraded", "Partially Degraded Service"),
    ("overall_maintenance", "Service Under Maintenance"),
    ("overall_unknown", "Status unknown: no measurements"),
    ("state_investigating", "Investigating"),
    ("state_identified", "Identified"),
    ("state_monitoring", "Monitoring"),
    ("state_resolved", "Resolved"),
    ("state_scheduled", "Scheduled"),
    ("state_in_progress", "In progress"),
    ("state_verifying", "Verifying"),
    ("state_completed", "Completed"),
    ("months", "January February March April May June July August September October November December"),
    ("date_format", "{day} {month} {year}"),
    ("month_format", "{month} {year}"),
    ("internal_notice", "This page is left out of the public handbook: do not share it outside the organisation."),
    ("internal", "Internal"),
    ("nav_more", "{n} more in {title}…"),
    ("by_authors", "by"),
    ("review_period", "Review period: {every}"),
    ("last_reviewed_on", "last reviewed {date}"),
    ("next_review_due", "next review due {date}"),
    ("review_overdue_by_one", "Review overdue by 1 day (due {date})"),
    ("review_overdue_by_many", "Review overdue by {n} days (due {date})"),
    ("review_due_soon_on", "Review due soon ({date})"),
    ("reviewed_on", "Reviewed {date}"),
    ("period_day", "1 day"),
    ("period_days", "{n} days"),
    ("period_weeks", "{n} weeks"),
    ("period_month", "1 month"),
    ("period_months", "{n} months"),
    ("period_year", "1 year"),
    ("period_years", "{n} years"),
    ("owned_by", "Owned by"),
    ("updated", "Updated"),
    ("updated_in", "in"),
    ("edit", "Edit"),
    ("source", "Source"),
    ("print_section", "Print this section"),
    ("runbook", "Runbook"),
    ("escalation", "Escalation"),
    ("last_tested", "Last tested"),
    ("past_incidents", "Past incidents"),
    ("preliminary_review", "Preliminary review"),
    (
        "preliminary_notice",
        "(status: {status}). The analysis is still running: the timeline, causes and action items may change.",
    ),
    ("incident_date", "Incident date"),
    ("detected", "Detected"),
    ("services", "Services"),
    ("action_items", "Action items"),
    ("newer_posts", "Newer posts"),
    ("older_posts", "Older posts"),
    ("pages_of_posts", "Pages of posts"),
    ("page_of", "Page {n} of {total}"),
    ("posts_page", "Posts, page {n}"),
    ("blog_page_title", "{title}: page {n}"),
    ("blog_feed", "Subscribe to this blog (Atom feed)"),
    ("internal_build_title", "This build includes internal pages and blocks"),
    ("print_title", "{title} (print)"),
    ("print", "Print"),
    ("print_lead", "Every page of {title} on one page, in reading order, to print or save as PDF."),
    ("print_contents", "Pages in this section"),
    ("status_page_title", "{title} status"),
    (
        "status_description",
        "Whether each service works now: the state of its components, incidents and maintenance under way, and the history of the last days.",
    ),
    ("other_pages", "Other pages"),
    ("issue_title", "About {title}"),
    ("kind_page", "page"),
    ("kind_runbook", "runbook"),
    ("kind_incident", "incident"),
    ("kind_rca", "rca"),
    ("kind_maintenance", "maintenance"),
    ("kind_manifesto", "manifesto"),
    ("kind_template", "template"),
    ("review_state_draft", "draft"),
    ("review_state_preliminary", "preliminary"),
    ("review_state_in_review", "in-review"),
    ("review_state_final", "final"),
    ("item_state_open", "open"),
    ("item_state_in_progress", "in-progress"),
    ("item_state_done", "done"),
    ("item_state_wont_do", "wont-do"),
    ("ui_theme", "Theme: "),
    ("ui_theme_auto", "auto"),
    ("ui_theme_light", "light"),
    ("ui_theme_dark", "dark"),
    ("ui_close_menu", "Close menu"),
    ("ui_pages_in", "Pages in {title}"),
    ("ui_internal", "Internal"),
    ("ui_copy", "Copy"),
    ("ui_copied", "Copied"),
    ("ui_copy_failed", "Copy failed"),
    ("ui_copy_commands", "Copies the commands only, without prompts and output"),
    ("ui_code", "Code"),
    ("ui_code_block", "{lang} block {n} of {total}, scrolls sideways"),
    ("ui_shortcuts", "Keyboard shortcuts"),
    ("ui_shortcut_search", "Search (also Ctrl-K)"),
    ("ui_shortcut_previous", "Previous page"),
    ("ui_shortcut_next", "Next page"),
    ("ui_shortcut_help", "This list of shortcuts"),
    ("ui_shortcut_close", "Close a list, the menu or this dialog"),
    ("ui_close", "Close"),
    ("ui_diagram", "{kind} diagram"),
    ("ui_diagram_failed", "This diagram could not be drawn; its Mermaid source is shown below."),
    ("ui_your_time", "Your time ({zone})"),
    ("ui_tab", "Tab {n}"),
    ("ui_region_place", "{name} {n} of {total}"),
    ("press", " · press "),
    ("for_shortcuts", " for keyboard shortcuts"),
    ("community", "Community"),
    (
        "community_lead",
        "The handbooks of the providers we work with: their state, their open incidents, their latest incident reviews and the runbooks they share.",
    ),
    ("community_level_green", "All measured fine"),
    ("community_level_orange", "Degraded"),
    ("community_level_red", "Outage"),
    ("community_level_unknown", "Unknown"),
    ("community_measured", "Measured {at}, {age} ago."),
    ("community_not_measured", "No recent measurement: its state is unknown."),
    ("community_copy", "This build could not read it ({problem}); shown is its copy of {age} ago."),
    ("community_no_copy", "This build could not read it ({problem}), and has no copy of it."),
    ("community_components", "Components of {name}"),
    ("community_incidents", "Open incidents"),
    ("community_maintenances", "Maintenances"),
    ("community_reviews", "Latest incident reviews"),
    ("community_no_reviews", "No incident reviews yet."),
    ("community_shared", "Runbooks and processes they share"),
    ("community_by_tag", "By tag"),
    ("community_by_service", "By service"),
    ("community_feed", "Feed of the community's incident reviews and incidents"),
];

/// The German words.
const GERMAN: &[(&str, &str)] = &[
    ("skip_to_content", "Zum Inhalt springen"),
    ("skip_to_navigation", "Zur Navigation springen"),
    ("menu", "Menü"),
    ("search_placeholder", "Suchen (/ oder Strg-K)"),
    ("search_label", "Das Handbuch durchsuchen"),
    ("search_scope", "Suchen in"),
    ("search_scope_local", "Diesem Handbuch"),
    ("search_scope_all", "Allen Handbüchern"),
    ("handbook", "Handbuch"),
    ("indexes", "Verzeichnisse"),
    ("owners", "Verantwortliche"),
    ("tags", "Schlagwörter"),
    ("review", "Überprüfung"),
    ("alerts", "Alarme"),
    ("status", "Status"),
    ("built_with", "Erstellt mit"),
    ("on_this_page", "Auf dieser Seite"),
    ("previous_and_next", "Vorherige und nächste Seite"),
    ("previous", "Zurück"),
    ("next", "Weiter"),
    ("breadcrumb", "Pfad"),
    ("tags_label", "Schlagwörter:"),
    ("pages_that_link_here", "Seiten, die hierher verlinken"),
    ("edit_this_page", "Diese Seite bearbeiten"),
    ("view_source", "Quelltext ansehen"),
    ("history", "Verlauf"),
    ("open_an_issue", "Ein Issue zu dieser Seite eröffnen"),
    ("languages", "Sprachen"),
    ("not_translated", "noch nicht übersetzt"),
    ("not_translated_notice", "Diese Seite ist noch nicht übersetzt: sie wird in ihrer Originalsprache gezeigt."),
    ("read_the_original", "Zum Original"),
    ("back_to_top", "Nach oben"),
    ("not_found_title", "Seite nicht gefunden"),
    (
        "not_found_moved",
        "Unter dieser Adresse gibt es keine Seite. Vielleicht ist sie umgezogen: Seiten eines Handbuchs werden umbenannt, wenn sich unsere Arbeit ändert.",
    ),
    ("not_found_home", "Zur Startseite von {title}"),
    ("not_found_or_menu", " oder einen Bereich im Menü wählen."),
    ("missing_alert_heading", "Kein Runbook für den Alarm"),
    ("missing_alert_none", "Noch kein Runbook in {title} beantwortet diesen Alarm."),
    ("missing_alert_every", "Alle Alarme mit Runbook ansehen"),
    ("missing_alert_search", "Das Handbuch durchsuchen nach"),
    ("missing_alert_write", "Dieses Runbook schreiben"),
    ("search_title", "Suche"),
    (
        "search_description",
        "Alle Seiten des Handbuchs durchsuchen: Runbooks, Vorfallsberichte und alles andere, nach Wort, Art, Verantwortlichen oder Schlagwort.",
    ),
    ("search_page_placeholder", "Wörter, oder Filter wie kind:runbook owner:@dba-team"),
    ("search_button", "Suchen"),
    ("filters", "Filter"),
    ("search_needs_javascript", "Die Suche läuft in Ihrem Browser und braucht JavaScript."),
    ("search_results_label", "Suchergebnisse"),
    ("search_no_match", "Keine Seite passt."),
    ("search_no_page_has", "Keine Seite enthält {words}."),
    ("search_no_page_has_others", "Keine Seite enthält {words}: diese Seiten enthalten die anderen Wörter."),
    ("search_all_results", "Alle {n} Ergebnisse"),
    ("search_status_one", "1 Seite passt"),
    ("search_status_many", "{n} Seiten passen"),
    ("search_status_shown", ", 8 angezeigt"),
    ("search_status_keys", ". Mit den Pfeiltasten auswählen."),
    ("search_count_one", "1 Seite"),
    ("search_count_many", "{n} Seiten"),
    ("search_did_you_mean", "Meinten Sie "),
    ("search_show_more", "Mehr zeigen"),
    ("search_facet_kind", "Art"),
    ("search_facet_section", "Bereich"),
    ("search_facet_owner", "Verantwortliche"),
    ("search_facet_tag", "Schlagwort"),
    ("search_fewer", "Weniger"),
    ("search_more", "Mehr ({n})"),
    ("search_fewer_filters", "Weniger Filter: {facet}"),
    ("search_more_filters", "Mehr Filter: {facet}"),
    ("authors", "Autorinnen und Autoren"),
    ("posts_and_pages", "Beiträge und Seiten"),
    (
        "owners_lead",
        "Alle Verantwortlichen und die Seiten, für die sie zuständig sind, aus den Angaben der Seiten oder aus CODEOWNERS.",
    ),
    ("tagged", "Verschlagwortet mit „{tag}“"),
    (
        "review_lead",
        "Seiten, deren Überprüfung überfällig ist, die nie überprüft wurden oder bald fällig sind: die dringendsten zuerst.",
    ),
    ("review_table", "Zu überprüfende Seiten"),
    ("review_nothing_due", "Jede Seite ist aktuell: Nichts ist zur Überprüfung fällig."),
    ("overdue_by_one", "Seit 1 Tag überfällig"),
    ("overdue_by_many", "Seit {n} Tagen überfällig"),
    ("never", "nie"),
    ("review_fresh", "Überprüft"),
    ("review_due_soon", "Überprüfung bald fällig"),
    ("review_overdue", "Überprüfung überfällig"),
    ("review_never", "Nie überprüft"),
    ("column_page", "Seite"),
    ("column_status", "Status"),
    ("column_last_reviewed", "Zuletzt überprüft"),
    ("column_due", "Fällig"),
    ("column_alert", "Alarm"),
    ("column_runbook", "Runbook"),
    ("column_service", "Dienst"),
    ("column_severity", "Schweregrad"),
    ("column_incident", "Vorfall"),
    ("column_date", "Datum"),
    ("column_duration", "Dauer"),
    ("column_open_items", "Offene Punkte"),
    ("column_action", "Maßnahme"),
    ("column_owner", "Verantwortlich"),
    (
        "alerts_lead",
        "Jeder Alarm, den ein Runbook beantwortet. Jeder Alarm hat eine feste URL, {url}, die zu seinem Runbook führt: Tragen Sie sie als {field} des Alarms ein.",
    ),
    (
        "alerts_description",
        "Jeder Alarm mit Runbook, mit Dienst, Schweregrad, Verantwortlichen und Prüfstand, und der festen Adresse, auf die seine Regel verweist.",
    ),
    ("alerts_filter", "Alarme filtern"),
    ("alerts_filter_placeholder", "Name, Dienst, Verantwortliche…"),
    ("alerts_shown", "{n} von {total} Alarmen"),
    ("alert_kicker", "Alarm"),
    ("alert_first_steps", "Erste Schritte"),
    ("alert_wrap_lines", "Zeilen umbrechen"),
    ("alert_no_steps", "Das Runbook hat hier keinen Befehl und keine Schritte zu zeigen: Öffnen Sie es unten."),
    ("alert_open_runbook", "Runbook öffnen"),
    ("alert_runbook_sections", "Abschnitte des Runbooks"),
    ("alert_escalation", "Eskalation"),
    ("alert_runbook", "Runbook"),
    ("catalog_runbooks", "Alle Runbooks"),
    ("catalog_incidents", "Vorfälle"),
    ("catalog_action_items", "Offene Maßnahmen"),
    ("catalog_no_action_items", "Keine offenen Maßnahmen."),
    ("catalog_of_kind", "Alle Seiten der Art {kind}"),
    ("open_count", "{n} offen"),
    ("overdue", "überfällig"),
    ("status_as_of", "Stand:"),
    ("status_measured_at", "gemessen am"),
    ("status_machine_readable", "Maschinenlesbar:"),
    ("status_the_measurements", "die Messwerte"),
    ("status_no_measurements", "Keine Messwerte für {components}: Ihr Zustand ist unbekannt."),
    ("status_subscribe", "Abonnieren"),
    ("status_atom_feed", "Atom-Feed"),
    ("status_of_every_event", "aller Vorfälle und Wartungen"),
    ("status_feed_of_component", "Atom-Feed einer Komponente:"),
    ("status_json_feed", "JSON-Feed"),
    ("status_json_feed_of_component", "JSON-Feed einer Komponente:"),
    ("status_json_api", "JSON-API (Statuspage v2):"),
    ("status_active", "Aktuelle Vorfälle"),
    ("status_impact", "Auswirkung"),
    ("status_since", "seit"),
    ("status_to", "bis"),
    ("status_maintenance", "Wartung"),
    ("status_components", "Komponenten"),
    (
        "status_legend",
        "Verfügbarkeit der letzten 90 Tage ({first} bis {last}); jede Zelle ist ein Tag. Fokussieren, berühren oder zeigen Sie auf eine Zelle, um ihre Vorfälle zu sehen.",
    ),
    ("status_feed", "Feed"),
    ("status_feed_of", " von {name}"),
    ("status_no_data_since", "Keine Daten seit"),
    ("status_no_data", "Keine Daten."),
    ("status_measurements_of", "Messwerte von {name}"),
    ("status_no_value", "kein Wert"),
    ("status_good_at", "gut bei"),
    ("status_degraded_at", "eingeschränkt bei"),
    ("status_days", "{name}: die letzten 90 Tage, älteste zuerst"),
    ("status_uptime", "{percent} % Verfügbarkeit"),
    ("status_uptime_unknown", "Verfügbarkeit unbekannt: keine Messwerte"),
    ("decimal_separator", ","),
    ("status_history", "Vergangene Vorfälle"),
    ("status_none_reported", "Keine Vorfälle gemeldet."),
    ("status_updates", "Aktualisierungen"),
    ("status_all_systems", "Status aller Systeme"),
    ("status_incident", "Vorfall"),
    ("status_maintenance_one", "Wartung"),
    ("status_impact_label", "Auswirkung"),
    ("status_started", "Begonnen"),
    ("status_scheduled_for", "Geplant ab"),
    ("status_resolved", "Behoben"),
    ("status_until", "Bis"),
    ("status_affected", "Betroffene Komponenten"),
    ("status_review", "Vorfallsanalyse"),
    ("impact_none", "keine"),
    ("impact_minor", "gering"),
    ("impact_major", "erheblich"),
    ("impact_critical", "kritisch"),
    ("state_operational", "Betriebsbereit"),
    ("state_under_maintenance", "In Wartung"),
    ("state_degraded_performance", "Eingeschränkte Leistung"),
    ("state_partial_outage", "Teilausfall"),
    ("state_major_outage", "Schwerer Ausfall"),
    ("state_unknown", "Unbekannt"),
    ("state_measured_degraded", "Gemessen: eingeschränkt"),
    ("state_measured_failing", "Gemessen: gestört"),
    ("state_no_data", "Keine Daten"),
    ("state_no_incidents", "Keine Vorfälle"),
    ("state_good", "Gut"),
    ("state_degraded", "Eingeschränkt"),
    ("state_failing", "Gestört"),
    ("overall_operational", "Alle Systeme betriebsbereit"),
    ("overall_major_outage", "Schwerer Systemausfall"),
    ("overall_partial_outage", "Teilweiser Systemausfall"),
    ("overall_minor_outage", "Geringe Dienststörung"),
    ("overall_degraded", "Eingeschränkter Systembetrieb"),
    ("overall_partially_degraded", "Teilweise eingeschränkter Dienst"),
    ("overall_maintenance", "Dienst in Wartung"),
    ("overall_unknown", "Status unbekannt: keine Messwerte"),
    ("state_investigating", "Wird untersucht"),
    ("state_identified", "Ursache erkannt"),
    ("state_monitoring", "Wird beobachtet"),
    ("state_resolved", "Behoben"),
    ("state_scheduled", "Geplant"),
    ("state_in_progress", "Läuft"),
    ("state_verifying", "Wird geprüft"),
    ("state_completed", "Abgeschlossen"),
    ("months", "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
    ("date_format", "{day}. {month} {year}"),
    ("month_format", "{month} {year}"),
    (
        "internal_notice",
        "Diese Seite fehlt im öffentlichen Handbuch: Geben Sie sie nicht außerhalb der Organisation weiter.",
    ),
    ("internal", "Intern"),
    ("nav_more", "{n} weitere in {title}…"),
    ("by_authors", "von"),
    ("review_period", "Überprüfungszeitraum: {every}"),
    ("last_reviewed_on", "zuletzt überprüft am {date}"),
    ("next_review_due", "nächste Überprüfung fällig am {date}"),
    ("review_overdue_by_one", "Überprüfung seit 1 Tag überfällig (fällig am {date})"),
    ("review_overdue_by_many", "Überprüfung seit {n} Tagen überfällig (fällig am {date})"),
    ("review_due_soon_on", "Überprüfung bald fällig ({date})"),
    ("reviewed_on", "Überprüft am {date}"),
    ("period_day", "1 Tag"),
    ("period_days", "{n} Tage"),
    ("period_weeks", "{n} Wochen"),
    ("period_month", "1 Monat"),
    ("period_months", "{n} Monate"),
    ("period_year", "1 Jahr"),
    ("period_years", "{n} Jahre"),
    ("owned_by", "Verantwortlich:"),
    ("updated", "Aktualisiert"),
    ("updated_in", "in"),
    ("edit", "Bearbeiten"),
    ("source", "Quelltext"),
    ("print_section", "Diesen Abschnitt drucken"),
    ("runbook", "Runbook"),
    ("escalation", "Eskalation"),
    ("last_tested", "Zuletzt getestet"),
    ("past_incidents", "Frühere Vorfälle"),
    ("preliminary_review", "Vorläufige Analyse"),
    (
        "preliminary_notice",
        "(Status: {status}). Die Analyse läuft noch: Ablauf, Ursachen und Maßnahmen können sich ändern.",
    ),
    ("incident_date", "Datum des Vorfalls"),
    ("detected", "Erkannt"),
    ("services", "Dienste"),
    ("action_items", "Maßnahmen"),
    ("newer_posts", "Neuere Beiträge"),
    ("older_posts", "Ältere Beiträge"),
    ("pages_of_posts", "Seiten der Beiträge"),
    ("page_of", "Seite {n} von {total}"),
    ("posts_page", "Beiträge, Seite {n}"),
    ("blog_page_title", "{title}: Seite {n}"),
    ("blog_feed", "Diesen Blog abonnieren (Atom-Feed)"),
    ("internal_build_title", "Dieser Build enthält interne Seiten und Blöcke"),
    ("print_title", "{title} (Druckansicht)"),
    ("print", "Drucken"),
    ("print_lead", "Alle Seiten von {title} auf einer Seite, in Lesereihenfolge, zum Drucken oder Speichern als PDF."),
    ("print_contents", "Seiten dieses Abschnitts"),
    ("status_page_title", "Status von {title}"),
    (
        "status_description",
        "Ob jeder Dienst gerade funktioniert: der Zustand seiner Komponenten, laufende Vorfälle und Wartungen, und der Verlauf der letzten Tage.",
    ),
    ("other_pages", "Weitere Seiten"),
    ("issue_title", "Zu {title}"),
    ("kind_page", "Seite"),
    ("kind_runbook", "Runbook"),
    ("kind_incident", "Vorfall"),
    ("kind_rca", "Vorfallanalyse"),
    ("kind_maintenance", "Wartung"),
    ("kind_manifesto", "Manifest"),
    ("kind_template", "Vorlage"),
    ("review_state_draft", "Entwurf"),
    ("review_state_preliminary", "vorläufig"),
    ("review_state_in_review", "in Prüfung"),
    ("review_state_final", "abgeschlossen"),
    ("item_state_open", "offen"),
    ("item_state_in_progress", "in Arbeit"),
    ("item_state_done", "erledigt"),
    ("item_state_wont_do", "verworfen"),
    ("ui_theme", "Farbschema: "),
    ("ui_theme_auto", "automatisch"),
    ("ui_theme_light", "hell"),
    ("ui_theme_dark", "dunkel"),
    ("ui_close_menu", "Menü schließen"),
    ("ui_pages_in", "Seiten in {title}"),
    ("ui_internal", "Intern"),
    ("ui_copy", "Kopieren"),
    ("ui_copied", "Kopiert"),
    ("ui_copy_failed", "Kopieren fehlgeschlagen"),
    ("ui_copy_commands", "Kopiert nur die Befehle, ohne Eingabeaufforderungen und Ausgaben"),
    ("ui_code", "Code"),
    ("ui_code_block", "{lang}-Block {n} von {total}, seitlich scrollbar"),
    ("ui_shortcuts", "Tastenkürzel"),
    ("ui_shortcut_search", "Suchen (auch Strg-K)"),
    ("ui_shortcut_previous", "Vorherige Seite"),
    ("ui_shortcut_next", "Nächste Seite"),
    ("ui_shortcut_help", "Diese Liste der Tastenkürzel"),
    ("ui_shortcut_close", "Eine Liste, das Menü oder diesen Dialog schließen"),
    ("ui_close", "Schließen"),
    ("ui_diagram", "{kind}-Diagramm"),
    ("ui_diagram_failed", "Dieses Diagramm konnte nicht gezeichnet werden; seine Mermaid-Quelle steht unten."),
    ("ui_your_time", "Ihre Zeit ({zone})"),
    ("ui_tab", "Reiter {n}"),
    ("ui_region_place", "{name} {n} von {total}"),
    ("press", " · Taste "),
    ("for_shortcuts", " für Tastenkürzel"),
    ("community", "Gemeinschaft"),
    (
        "community_lead",
        "Die Handbücher der Anbieter, mit denen wir arbeiten: ihr Zustand, ihre offenen Störungen, ihre neuesten Störungsanalysen und die Runbooks, die sie teilen.",
    ),
    ("community_level_green", "Alles gemessen in Ordnung"),
    ("community_level_orange", "Beeinträchtigt"),
    ("community_level_red", "Ausfall"),
    ("community_level_unknown", "Unbekannt"),
    ("community_measured", "Gemessen {at}, vor {age}."),
    ("community_not_measured", "Keine aktuelle Messung: der Zustand ist unbekannt."),
    ("community_copy", "Dieser Build konnte es nicht lesen ({problem}); gezeigt wird die Kopie von vor {age}."),
    ("community_no_copy", "Dieser Build konnte es nicht lesen ({problem}) und hat keine Kopie davon."),
    ("community_components", "Komponenten von {name}"),
    ("community_incidents", "Offene Störungen"),
    ("community_maintenances", "Wartungen"),
    ("community_reviews", "Neueste Störungsanalysen"),
    ("community_no_reviews", "Noch keine Störungsanalysen."),
    ("community_shared", "Runbooks und Prozesse, die sie teilen"),
    ("community_by_tag", "Nach Schlagwort"),
    ("community_by_service", "Nach Dienst"),
    ("community_feed", "Feed der Störungsanalysen und Störungen der Gemeinschaft"),
];

/// The names of languages in themselves, for the language switch; another code is shown
/// as written.
const NAMES: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
    ("pl", "Polski"),
    ("sv", "Svenska"),
    ("da", "Dansk"),
    ("nb", "Norsk bokmål"),
    ("fi", "Suomi"),
    ("cs", "Čeština"),
    ("ja", "日本語"),
    ("zh", "中文"),
    ("ko", "한국어"),
    ("ru", "Русский"),
    ("uk", "Українська"),
];

/// One language's words, by key.
pub(crate) type Words = BTreeMap<&'static str, String>;

/// The words of every language of a handbook ([`crate::site::Site::words`]).
#[derive(Debug, Clone)]
pub(crate) struct Languages {
    /// Each language's words, by code: in a handbook of one language, the English words
    /// under its language's code.
    by_code: BTreeMap<String, Words>,
    /// The words of a language the handbook does not have: English.
    english: Words,
    /// The Markdown body writer's words of each language of `by_code`
    /// ([`Languages::markdown`]).
    markdown: BTreeMap<String, MarkdownWords>,
}

impl Default for Languages {
    fn default() -> Self {
        Languages { by_code: BTreeMap::new(), english: built_in("en"), markdown: BTreeMap::new() }
    }
}

impl Languages {
    /// The words of each language of `config`: in a handbook of several, the built-in
    /// ones with its strings files over them ([`words_for`]); in a handbook of one, the
    /// English words, and no file is read, so that its pages stay as they were.
    pub(crate) fn read(config: &crate::config::Config, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let languages = &config.languages;
        let by_code = if languages.is_multilingual() {
            languages.list.iter().map(|code| (code.clone(), words_for(&config.root, code, diagnostics))).collect()
        } else {
            BTreeMap::from([(config.language.clone(), built_in("en"))])
        };
        let markdown = by_code
            .iter()
            .map(|(code, words)| (code.clone(), MarkdownWords::new(|key| word(words, key).into())))
            .collect();
        Languages { by_code, markdown, ..Languages::default() }
    }

    /// The words the Markdown body writer adds to a text in language `code`, or in the
    /// handbook's one language (`None`): English where the handbook lacks the language.
    pub(crate) fn markdown(&self, code: Option<&str>) -> &MarkdownWords {
        let words = match code {
            Some(code) => self.markdown.get(code),
            None => self.markdown.values().next().filter(|_| self.markdown.len() == 1),
        };
        words.unwrap_or(MarkdownWords::english())
    }

    /// The words of language `code`, or of the handbook's one language (`None`).
    pub(crate) fn of(&self, code: Option<&str>) -> &Words {
        let words = match code {
            Some(code) => self.by_code.get(code),
            None => self.by_code.values().next().filter(|_| self.by_code.len() == 1),
        };
        words.unwrap_or(&self.english)
    }

    /// Each language's code and words.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Words)> {
        self.by_code.iter()
    }
}

/// The prefixes of the keys of the words that say a state the model names in English
/// (a component's, an incident's, a review's): [`say`] finds them by that English.
const STATE_KEYS: [&str; 3] = ["state_", "overall_", "review_"];

/// The words of `words` for `label`, the English the model says a state in ("Partial
/// Outage", "Review overdue"): the word whose English is `label`, among the keys of
/// states ([`STATE_KEYS`]), as gettext finds a message by its English; `label` itself
/// when none is.
pub(crate) fn say<'a>(words: &'a Words, label: &'a str) -> &'a str {
    // Views say a state for every badge and every day of the status page's bars: the
    // keys are found by their English once.
    static STATES: std::sync::LazyLock<std::collections::HashMap<&str, &str>> = std::sync::LazyLock::new(|| {
        let states = ENGLISH.iter().filter(|(key, _)| STATE_KEYS.iter().any(|prefix| key.starts_with(prefix)));
        states.map(|&(key, english)| (english, key)).collect()
    });
    STATES.get(label).map_or(label, |key| word(words, key))
}

/// `date` as a reader of `words` says it: `date_format` with the day, the month's name
/// (of `months`) and the year ("12 June 2023", "12. Juni 2023").
pub(crate) fn date_text(words: &Words, date: crate::dates::Date) -> String {
    let (_, _, day) = date.ymd();
    fill(word(words, "date_format"), words, date).replace("{day}", &day.to_string())
}

/// The month of `date` as a reader of `words` says it: `month_format` ("June 2023").
pub(crate) fn month_text(words: &Words, date: crate::dates::Date) -> String {
    fill(word(words, "month_format"), words, date)
}

/// `format` with the month's name and the year of `date` in place of `{month}` and
/// `{year}` (four digits, as jiff writes `%Y`).
fn fill(format: &str, words: &Words, date: crate::dates::Date) -> String {
    let (year, month, _) = date.ymd();
    let months: Vec<&str> = word(words, "months").split_whitespace().collect();
    let english = ENGLISH.iter().find(|(key, _)| *key == "months").map_or("", |(_, months)| months);
    let english = english.split_whitespace().nth(month as usize - 1).unwrap_or_default();
    let name = months.get(month as usize - 1).copied().unwrap_or(english);
    format.replace("{month}", name).replace("{year}", &format!("{year:04}"))
}

/// A review period as a reader of `words` says it ("6 months", "6 Monate"), in the
/// units [`crate::dates::Period`]'s English has.
pub(crate) fn period_text(words: &Words, period: crate::dates::Period) -> String {
    use crate::dates::Period;
    let (key, n) = match period {
        Period::Days(n) if n % 7 == 0 && n >= 14 => ("period_weeks", n / 7),
        Period::Days(1) => ("period_day", 1),
        Period::Days(n) => ("period_days", n),
        Period::Months(12) => ("period_year", 1),
        Period::Months(n) if n % 12 == 0 => ("period_years", n / 12),
        Period::Months(1) => ("period_month", 1),
        Period::Months(n) => ("period_months", n),
    };
    word(words, key).replace("{n}", &n.to_string())
}

/// The word `key` of `words`: every key of [`ENGLISH`] is in every language's words.
pub(crate) fn word<'a>(words: &'a Words, key: &str) -> &'a str {
    words.get(key).map_or_else(|| every_english().find(|(k, _)| *k == key).map_or("", |(_, word)| word), String::as_str)
}

/// A number written with a `.` (`99.95`, `0.52 s`) with the decimal separator of
/// `words` (`99,95` in German, CLDR's), as the page's reader writes it.
pub(crate) fn number_text(words: &Words, number: &str) -> String {
    match word(words, "decimal_separator") {
        "." => number.to_string(),
        separator => number.replace('.', separator),
    }
}

/// The words the search script writes (keys `search_` that are no template's words, and
/// the kinds' names `kind_`), as JSON for its `data-words`: `{n}`, `{words}` and
/// `{facet}` are filled in by the script.
pub(crate) fn search_script_words(words: &Words) -> String {
    let script: BTreeMap<&str, &str> = words
        .iter()
        .filter(|(key, _)| {
            (key.starts_with("search_") && !TEMPLATE_SEARCH_WORDS.contains(key)) || key.starts_with("kind_")
        })
        .map(|(key, word)| (*key, word.as_str()))
        .collect();
    serde_json::to_string(&script).unwrap_or_default()
}

/// The words the theme's scripts write (keys `ui_`: theme.js and tabs.js), as JSON for
/// theme.js's `data-words`.
pub(crate) fn theme_script_words(words: &Words) -> String {
    let script: BTreeMap<&str, &str> =
        words.iter().filter(|(key, _)| key.starts_with("ui_")).map(|(key, word)| (*key, word.as_str())).collect();
    serde_json::to_string(&script).unwrap_or_default()
}

/// The `search_` words the templates write themselves (the search page's description
/// among them).
const TEMPLATE_SEARCH_WORDS: [&str; 10] = [
    "search_placeholder",
    "search_scope",
    "search_scope_local",
    "search_scope_all",
    "search_description",
    "search_label",
    "search_title",
    "search_page_placeholder",
    "search_button",
    "search_needs_javascript",
];

/// The name of language `code` in itself (`Deutsch`), or the code.
pub(crate) fn language_name(code: &str) -> &str {
    let primary = code.split('-').next().unwrap_or(code);
    NAMES.iter().find(|(c, _)| c.eq_ignore_ascii_case(primary)).map_or(code, |(_, name)| name)
}

/// The built-in words of `code`: German for `de`, else English.
pub(crate) fn built_in(code: &str) -> Words {
    let mut words: Words = every_english().map(|(k, v)| (*k, v.to_string())).collect();
    if code.split('-').next().is_some_and(|primary| primary.eq_ignore_ascii_case("de")) {
        let german = GERMAN.iter().chain(crate::markdown::words::GERMAN);
        words.extend(german.map(|(k, v)| (*k, v.to_string())));
    }
    words
}

/// Every key a strings file may set, with its English: the theme's ([`ENGLISH`]) and
/// the words the Markdown body writer adds ([`crate::markdown::words::ENGLISH`]).
fn every_english() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    ENGLISH.iter().chain(crate::markdown::words::ENGLISH)
}

/// The largest strings file read.
const MAX_STRINGS_BYTES: u64 = 256 * 1024;

/// The words of `code`: the built-in ones, with those of the handbook's
/// `i18n/<code>.toml` over them. A file that is refused (a link out of the handbook,
/// not a regular file, too large) or unreadable, a key opsbook does not know or a value
/// that is not a string are warnings at the file; the rest of the file still counts.
pub(crate) fn words_for(root: &Path, code: &str, diagnostics: &mut Vec<Diagnostic>) -> Words {
    let mut words = built_in(code);
    if !crate::config::is_language_code(code) {
        return words;
    }
    // A Docusaurus site's translations of its theme's words, under the handbook's own.
    let shown = format!("i18n/{code}/code.json");
    let path = root.join("i18n").join(code).join("code.json");
    if std::fs::symlink_metadata(&path).is_ok()
        && let Some(text) = read_strings_file(root, &path, &shown, diagnostics)
    {
        apply_code_json(&mut words, &text, &shown, diagnostics);
    }
    // The handbook's own file: the first of `i18n/<code>.toml`, `.yaml`, `.yml` and
    // `.json`, the forms Hugo reads.
    let Some((shown, path)) = STRINGS_FORMATS.iter().find_map(|format| {
        let path = root.join("i18n").join(format!("{code}.{format}"));
        std::fs::symlink_metadata(&path).is_ok().then(|| (format!("i18n/{code}.{format}"), path))
    }) else {
        return words;
    };
    if let Some(text) = read_strings_file(root, &path, &shown, diagnostics) {
        if shown.ends_with(".toml") {
            apply(&mut words, &text, &shown, diagnostics);
        } else {
            apply_yaml(&mut words, &text, &shown, diagnostics);
        }
    }
    words
}

/// The formats of a strings file, in the order they are looked for.
const STRINGS_FORMATS: [&str; 4] = ["toml", "yaml", "yml", "json"];

/// The text of a strings file, confined to the handbook and read through `crate::fs`.
fn read_strings_file(root: &Path, path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let warn = |message: String| {
        Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message).with_severity(Severity::Warning)
    };
    let confined = match crate::content::confine::Confinement::new(root).map(|c| c.readable(path)) {
        Some(Ok(confined)) => confined,
        Some(Err(why)) => {
            diagnostics.push(
                Diagnostic::error(
                    Rule::SymlinkOutsideRoot,
                    shown,
                    0,
                    0,
                    format!("the strings file is not read: {why}"),
                )
                .with_severity(Severity::Warning),
            );
            return None;
        }
        None => return None,
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_STRINGS_BYTES) {
        diagnostics
            .push(warn(format!("the strings file is larger than {} KiB: it is not read", MAX_STRINGS_BYTES / 1024)));
        return None;
    }
    match crate::fs::read_text(&confined, crate::fs::FileKind::Config) {
        Ok(text) => Some(text),
        Err(e) => {
            diagnostics.push(warn(format!("cannot read the strings file: {e:#}")));
            None
        }
    }
}

/// The words of Docusaurus's theme (the ids of its `code.json`,
/// <https://docusaurus.io/docs/i18n/tutorial#translate-your-react-code>) that say what a
/// word of opsbook's theme says, with the key of that word.
const CODE_JSON_WORDS: &[(&str, &str)] = &[
    ("theme.common.skipToMainContent", "skip_to_content"),
    ("theme.docs.paginator.navAriaLabel", "previous_and_next"),
    ("theme.docs.paginator.previous", "previous"),
    ("theme.docs.paginator.next", "next"),
    ("theme.TOCCollapsible.toggleButtonLabel", "on_this_page"),
    ("theme.common.editThisPage", "edit_this_page"),
    ("theme.docs.breadcrumbs.navAriaLabel", "breadcrumb"),
    ("theme.tags.tagsPageTitle", "tags"),
    ("theme.tags.tagsListLabel", "tags_label"),
    ("theme.BackToTopButton.buttonAriaLabel", "back_to_top"),
    ("theme.blog.paginator.navAriaLabel", "pages_of_posts"),
    ("theme.blog.paginator.newerEntries", "newer_posts"),
    ("theme.blog.paginator.olderEntries", "older_posts"),
    ("theme.docs.sidebar.closeSidebarButtonAriaLabel", "ui_close_menu"),
    ("theme.CodeBlock.copy", "ui_copy"),
    ("theme.CodeBlock.copied", "ui_copied"),
    ("theme.admonition.note", "md_note"),
    ("theme.admonition.tip", "md_tip"),
    ("theme.admonition.info", "md_info"),
    ("theme.admonition.warning", "md_warning"),
    ("theme.admonition.danger", "md_danger"),
    ("theme.admonition.caution", "md_caution"),
];

/// Sets the words of a Docusaurus `code.json` (`text`, file `shown`) that opsbook's theme
/// has ([`CODE_JSON_WORDS`]) in `words`: each id's `message` (or the id's string). The
/// file holds Docusaurus's other words too, which are no error; a file that is no JSON
/// object is a warning at it.
fn apply_code_json(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let table: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
        Ok(table) => table,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, e.line(), e.column(), format!("{shown}: {e}"))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    for (id, key) in CODE_JSON_WORDS {
        let message = match table.get(*id) {
            Some(serde_json::Value::Object(entry)) => entry.get("message").and_then(serde_json::Value::as_str),
            Some(serde_json::Value::String(message)) => Some(message.as_str()),
            _ => None,
        };
        if let Some(message) = message.filter(|m| !m.trim().is_empty()) {
            words.insert(key, message.to_string());
        }
    }
}

/// One word of a strings file: its key, its value when it is a string, where it is.
struct Written {
    key: String,
    word: Option<String>,
    line: usize,
    column: usize,
}

/// Sets the words of the TOML `text` of file `shown` in `words`.
fn apply(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |span| crate::diagnostic::line_column(text, span.start));
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, line, column, format!("{shown}: {}", e.message().trim()))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    let written = table.into_iter().map(|(key, value)| {
        let (line, column) = crate::config::locate_key(text, &key);
        let value = match value {
            toml::Value::Table(mut plural) => plural.remove("other").unwrap_or(toml::Value::Table(plural)),
            value => value,
        };
        let word = match value {
            toml::Value::String(word) => Some(word),
            _ => None,
        };
        Written { key, word, line, column }
    });
    set_words(words, written.collect(), shown, diagnostics);
}

/// Sets the words of the YAML or JSON `text` of file `shown` in `words`, in the forms
/// Hugo reads (<https://gohugo.io/content-management/multilingual/#translation-of-strings>):
/// a mapping of keys to words or to `other: word`, or go-i18n's list of `id` and
/// `translation`.
fn apply_yaml(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    use crate::content::node::{Located, Node};
    let documents = match crate::content::front_matter::parse_yaml_documents(text) {
        Ok(documents) => documents,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, e.line, e.column, format!("{shown}: {}", e.message))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    let word_of = |value: &Node| match value {
        Node::Text(word) => Some(word.clone()),
        Node::Map(keys) => keys.iter().find(|(key, _)| key.value == "other").and_then(|(_, v)| match &v.value {
            Node::Text(word) => Some(word.clone()),
            _ => None,
        }),
        _ => None,
    };
    let mut written = Vec::new();
    match documents.into_iter().next() {
        Some(Node::Map(keys)) => {
            for (key, value) in &keys {
                let word = word_of(&value.value);
                written.push(Written { key: key.value.clone(), word, line: key.line, column: key.column });
            }
        }
        Some(Node::List(items)) => {
            for item in &items {
                let Located { value: Node::Map(keys), line, column } = item else { continue };
                let field = |name: &str| keys.iter().find(|(key, _)| key.value == name).map(|(_, v)| &v.value);
                let Some(Node::Text(id)) = field("id") else { continue };
                let word = field("translation").and_then(word_of);
                written.push(Written { key: id.clone(), word, line: *line, column: *column });
            }
        }
        _ => {}
    }
    set_words(words, written, shown, diagnostics);
}

/// Sets the `written` words of file `shown` that are opsbook's in `words`: a value that
/// is not a string is a warning at it; keys that are none of opsbook's are one note.
fn set_words(words: &mut Words, written: Vec<Written>, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut unknown: Vec<&Written> = Vec::new();
    for entry in &written {
        let Some(&(known, _)) = every_english().find(|(k, _)| *k == entry.key) else {
            unknown.push(entry);
            continue;
        };
        match &entry.word {
            Some(word) => drop(words.insert(known, word.clone())),
            None => diagnostics.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    shown,
                    entry.line,
                    entry.column,
                    format!("`{}` must be a string", entry.key),
                )
                .with_severity(Severity::Warning),
            ),
        }
    }
    if let Some(first) = unknown.first() {
        let named: Vec<String> = unknown.iter().take(3).map(|w| format!("`{}`", w.key)).collect();
        let more = if unknown.len() > 3 { format!(" and {} more", unknown.len() - 3) } else { String::new() };
        let mut d = Diagnostic::error(
            Rule::ConfigField,
            shown,
            first.line,
            first.column,
            format!(
                "{}{more} {} no word of opsbook's theme: left out",
                named.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_severity(Severity::Note);
        if let Some(near) = crate::suggest::closest(&first.key, every_english().map(|(k, _)| *k)) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_script_reads_its_own_words_as_json() {
        let json = search_script_words(&built_in("de"));
        let words: BTreeMap<String, String> = serde_json::from_str(&json).expect("JSON");
        assert_eq!(words.get("search_no_match").map(String::as_str), Some("Keine Seite passt."));
        assert_eq!(words.get("search_all_results").map(String::as_str), Some("Alle {n} Ergebnisse"));
        assert!(words.keys().all(|key| key.starts_with("search_") || key.starts_with("kind_")), "{words:?}");
        assert!(!words.contains_key("search_placeholder") && !words.contains_key("search_title"));
        assert_eq!(words.get("kind_incident").map(String::as_str), Some("Vorfall"));
        assert_eq!(words.len(), 28);
    }

    #[test]
    fn numbers_are_written_with_the_reader_s_decimal_separator() {
        assert_eq!(number_text(&built_in("de"), "99.95"), "99,95");
        assert_eq!(number_text(&built_in("en"), "99.95"), "99.95");
    }

    #[test]
    fn states_and_dates_are_said_in_the_reader_s_words() {
        let de = built_in("de");
        let en = built_in("en");
        assert_eq!(say(&de, "Partial Outage"), "Teilausfall");
        assert_eq!(say(&de, "Review overdue"), "Überprüfung überfällig");
        assert_eq!(say(&en, "Partial Outage"), "Partial Outage");
        // A label no state key has stays as it is, as does a word of another kind.
        assert_eq!(say(&de, "Postmortem"), "Postmortem");
        assert_eq!(say(&de, "Search"), "Search");
        let date = crate::dates::Date::parse("2023-06-02").expect("a date");
        assert_eq!(date_text(&en, date), date.format("%-d %B %Y"));
        assert_eq!(month_text(&en, date), date.format("%B %Y"));
        assert_eq!(date_text(&de, date), "2. Juni 2023");
        assert_eq!(month_text(&de, crate::dates::Date::parse("0023-03-01").expect("a date")), "März 0023");
        // A strings file's `months` with too few names keeps the English of the others.
        let mut short = built_in("fr");
        short.insert("months", "janvier".into());
        assert_eq!(month_text(&short, date), "June 2023");
    }

    #[test]
    fn a_docusaurus_code_json_gives_the_words_opsbook_s_theme_shares() {
        let mut words = built_in("fr");
        let mut diagnostics = Vec::new();
        let text = r#"{"theme.docs.paginator.next": {"message": "Suivant", "description": "x"},
            "theme.CodeBlock.copy": "Copier", "theme.NotFound.title": {"message": "Introuvable"},
            "theme.admonition.tip": {"message": "astuce"},
            "theme.common.editThisPage": {"message": " "}}"#;
        apply_code_json(&mut words, text, "i18n/fr/code.json", &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!((words["next"].as_str(), words["ui_copy"].as_str()), ("Suivant", "Copier"));
        assert_eq!(words["md_tip"], "astuce", "an admonition's default title");
        assert_eq!(words["edit_this_page"], "Edit this page", "an empty message leaves the word");
        for (_, key) in CODE_JSON_WORDS {
            assert!(every_english().any(|(k, _)| k == key), "{key}");
        }
        apply_code_json(&mut words, "[1,", "i18n/fr/code.json", &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn a_strings_file_in_hugo_s_yaml_or_json_forms_is_read() {
        let mut words = built_in("fr");
        let mut diagnostics = Vec::new();
        let yaml = "menu: Menu FR\nprevious:\n  other: Précédent\nnext: 3\nmneu: x\n";
        apply_yaml(&mut words, yaml, "i18n/fr.yaml", &mut diagnostics);
        assert_eq!((words["menu"].as_str(), words["previous"].as_str()), ("Menu FR", "Précédent"));
        let said: Vec<(usize, &str)> = diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(said, [(4, "`next` must be a string"), (5, "`mneu` is no word of opsbook's theme: left out")]);
        let mut words = built_in("fr");
        let json =
            r#"[{"id": "menu", "translation": "Menu JSON"}, {"id": "next", "translation": {"other": "Suivant"}}]"#;
        apply_yaml(&mut words, json, "i18n/fr.json", &mut Vec::new());
        assert_eq!((words["menu"].as_str(), words["next"].as_str()), ("Menu JSON", "Suivant"));
        let mut bad = Vec::new();
        apply_yaml(&mut built_in("fr"), "a: [", "i18n/fr.yaml", &mut bad);
        assert_eq!(bad.len(), 1, "{bad:?}");
    }

    #[test]
    fn a_review_period_is_said_in_the_reader_s_words() {
        let (en, de) = (built_in("en"), built_in("de"));
        for text in ["1d", "7d", "2w", "90d", "1m", "6m", "1y", "2y", "18m"] {
            let period = crate::dates::Period::parse(text).expect("a period");
            assert_eq!(period_text(&en, period), period.to_string(), "{text}");
        }
        assert_eq!(period_text(&de, crate::dates::Period::parse("6m").expect("a period")), "6 Monate");
        assert_eq!(period_text(&de, crate::dates::Period::parse("1y").expect("a period")), "1 Jahr");
    }

    #[test]
    fn german_has_every_english_key() {
        let german: Vec<&str> = GERMAN.iter().chain(crate::markdown::words::GERMAN).map(|(k, _)| *k).collect();
        for (key, _) in every_english() {
            assert!(german.contains(key), "{key}");
        }
        assert_eq!(built_in("de-AT")["menu"], "Menü");
        assert_eq!(built_in("fr")["menu"], "Menu");
        assert_eq!(language_name("de"), "Deutsch");
        assert_eq!(language_name("tlh"), "tlh");
    }

    #[test]
    fn a_strings_file_sets_known_words_and_warns_of_the_rest() {
        let mut words = built_in("fr");
        let mut diagnostics = Vec::new();
        let text = "menu = \"Menu FR\"\nmneu = \"x\"\nnext = 3\n[previous]\nother = \"Précédent\"\n";
        apply(&mut words, text, "i18n/fr.toml", &mut diagnostics);
        assert_eq!(words["menu"], "Menu FR");
        assert_eq!(words["previous"], "Précédent");
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].message, "`next` must be a string");
        assert_eq!((diagnostics[1].line, diagnostics[1].column), (2, 1));
        assert_eq!(diagnostics[1].message, "`mneu` is no word of opsbook's theme: left out");
        assert_eq!(diagnostics[1].help.as_deref(), Some("did you mean `menu`?"));
    }
}
