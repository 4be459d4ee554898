//! The words the body writer itself puts in a page, around the author's text: the
//! heading anchors' and footnotes' labels, the names of tables, task boxes and
//! diagrams, the notes over diagrams shown as their source, the label of an internal
//! block, and the default titles of callouts (`> [!NOTE]`, `:::tip`, `!!! warning`, `{{< note >}}`).
//!
//! They are said in the language of the page's text: the site model makes one
//! [`MarkdownWords`] per language from the theme's words (its keys are among those a
//! strings file may set, `i18n/<lang>.toml`; [`ENGLISH`] is their English), and the
//! Markdown step gives each page the words of its text's language. A page of a handbook
//! of one language, and every caller that names no language, gets [`MarkdownWords::english`].

use std::sync::LazyLock;

/// The English words of the body writer, by key: keys a strings file may set like any
/// of the theme's words.
pub const ENGLISH: &[(&str, &str)] = &[
    ("md_section_link", "Link to this section"),
    ("md_back_to_text", "Back to the text"),
    ("md_table", "Table"),
    ("md_done", "Done"),
    ("md_not_done", "Not done"),
    ("md_diagram_source", "Diagram source"),
    (
        "md_diagram_in_browser",
        "This diagram is drawn by your browser with JavaScript; until then, its Mermaid source is shown below.",
    ),
    ("md_diagram_not_drawn", "This Mermaid diagram could not be drawn; its source is shown."),
    ("md_plantuml_as_source", "This PlantUML diagram is shown as its source."),
    ("md_note", "Note"),
    ("md_tip", "Tip"),
    ("md_info", "Info"),
    ("md_important", "Important"),
    ("md_warning", "Warning"),
    ("md_caution", "Caution"),
    ("md_danger", "Danger"),
    ("md_details", "Details"),
    ("md_read_more", "Read more"),
    ("md_internal", "Internal"),
    ("md_diagram_flowchart", "Flowchart diagram"),
    ("md_diagram_sequence", "Sequence diagram"),
    ("md_diagram_state", "State diagram"),
    ("md_diagram_gantt", "Gantt diagram"),
    ("md_diagram_timeline", "Timeline diagram"),
    ("md_diagram_class", "Class diagram"),
    ("md_diagram_er", "Entity relationship diagram"),
    ("md_diagram_pie", "Pie chart diagram"),
    ("md_diagram_journey", "User journey diagram"),
    ("md_diagram_git", "Git graph diagram"),
    ("md_diagram_mindmap", "Mind map diagram"),
    ("md_diagram_quadrant", "Quadrant chart diagram"),
    ("md_diagram_xychart", "XY chart diagram"),
    ("md_diagram_sankey", "Sankey diagram"),
    ("md_diagram_requirement", "Requirement diagram"),
    ("md_diagram_c4", "C4 diagram"),
    ("md_diagram_block", "Block diagram"),
    ("md_diagram_architecture", "Architecture diagram"),
    ("md_diagram_kanban", "Kanban diagram"),
    ("md_diagram_packet", "Packet diagram"),
    ("md_diagram_radar", "Radar diagram"),
    ("md_diagram_treemap", "Treemap diagram"),
    ("md_diagram_plantuml", "PlantUML diagram"),
];

/// The German words of the body writer (every key of [`ENGLISH`]).
pub const GERMAN: &[(&str, &str)] = &[
    ("md_section_link", "Link zu diesem Abschnitt"),
    ("md_back_to_text", "Zurück zum Text"),
    ("md_table", "Tabelle"),
    ("md_done", "Erledigt"),
    ("md_not_done", "Nicht erledigt"),
    ("md_diagram_source", "Quelltext des Diagramms"),
    (
        "md_diagram_in_browser",
        "Dieses Diagramm zeichnet Ihr Browser mit JavaScript; bis dahin steht unten sein Mermaid-Quelltext.",
    ),
    ("md_diagram_not_drawn", "Dieses Mermaid-Diagramm ließ sich nicht zeichnen; sein Quelltext wird gezeigt."),
    ("md_plantuml_as_source", "Dieses PlantUML-Diagramm wird als Quelltext gezeigt."),
    ("md_note", "Hinweis"),
    ("md_tip", "Tipp"),
    ("md_info", "Info"),
    ("md_important", "Wichtig"),
    ("md_warning", "Warnung"),
    ("md_caution", "Vorsicht"),
    ("md_danger", "Gefahr"),
    ("md_details", "Details"),
    ("md_read_more", "Weiterlesen"),
    ("md_internal", "Intern"),
    ("md_diagram_flowchart", "Flussdiagramm"),
    ("md_diagram_sequence", "Sequenzdiagramm"),
    ("md_diagram_state", "Zustandsdiagramm"),
    ("md_diagram_gantt", "Gantt-Diagramm"),
    ("md_diagram_timeline", "Zeitleiste"),
    ("md_diagram_class", "Klassendiagramm"),
    ("md_diagram_er", "Entity-Relationship-Diagramm"),
    ("md_diagram_pie", "Kreisdiagramm"),
    ("md_diagram_journey", "User-Journey-Diagramm"),
    ("md_diagram_git", "Git-Graph"),
    ("md_diagram_mindmap", "Mindmap"),
    ("md_diagram_quadrant", "Quadrantendiagramm"),
    ("md_diagram_xychart", "XY-Diagramm"),
    ("md_diagram_sankey", "Sankey-Diagramm"),
    ("md_diagram_requirement", "Anforderungsdiagramm"),
    ("md_diagram_c4", "C4-Diagramm"),
    ("md_diagram_block", "Blockdiagramm"),
    ("md_diagram_architecture", "Architekturdiagramm"),
    ("md_diagram_kanban", "Kanban-Tafel"),
    ("md_diagram_packet", "Paketdiagramm"),
    ("md_diagram_radar", "Netzdiagramm"),
    ("md_diagram_treemap", "Kacheldiagramm"),
    ("md_diagram_plantuml", "PlantUML-Diagramm"),
];

/// The callout types that have a default title of their own ([`ENGLISH`]'s `md_TYPE`);
/// any other type is titled with its name, capitalized, as MkDocs Material titles it.
const CALLOUT_TITLES: [&str; 7] = ["note", "tip", "info", "important", "warning", "caution", "danger"];

/// One language's words of the body writer ([`ENGLISH`]'s keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownWords {
    /// The words, in [`ENGLISH`]'s order.
    words: Vec<String>,
}

impl MarkdownWords {
    /// The words `word` gives for each key of [`ENGLISH`].
    pub fn new(word: impl Fn(&str) -> String) -> Self {
        MarkdownWords { words: ENGLISH.iter().map(|(key, _)| word(key)).collect() }
    }

    /// The English words.
    pub fn english() -> &'static MarkdownWords {
        static WORDS: LazyLock<MarkdownWords> =
            LazyLock::new(|| MarkdownWords { words: ENGLISH.iter().map(|(_, word)| word.to_string()).collect() });
        &WORDS
    }

    /// The word `key` ([`ENGLISH`]'s keys; an unknown key is a programming error and
    /// says nothing).
    pub fn say(&self, key: &str) -> &str {
        let at = ENGLISH.iter().position(|(k, _)| *k == key);
        debug_assert!(at.is_some(), "no Markdown word {key}");
        at.and_then(|at| self.words.get(at)).map_or("", String::as_str)
    }

    /// The default title of a callout of type `kind` (any case): the type's word, or
    /// the type capitalized.
    pub fn callout_title(&self, kind: &str) -> String {
        let lower = kind.to_ascii_lowercase();
        if CALLOUT_TITLES.contains(&lower.as_str()) {
            return self.say(&format!("md_{lower}")).to_string();
        }
        let mut title: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
        title.push_str(lower.get(1..).unwrap_or(""));
        title
    }

    /// The name of a diagram of the theme's class `name` (`flowchart`, `plantuml`).
    pub fn diagram_name(&self, name: &str) -> &str {
        self.say(&format!("md_diagram_{name}"))
    }

    /// Every word, for the key of a cached rendering: a page rendered with other words
    /// is rendered again.
    pub fn fingerprint(&self) -> String {
        self.words.join("\0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callouts_of_known_types_take_their_word_and_others_their_name() {
        let german = MarkdownWords::new(|key| if key == "md_tip" { "Tipp".into() } else { key.into() });
        assert_eq!(german.callout_title("TIP"), "Tipp");
        assert_eq!(MarkdownWords::english().callout_title("danger"), "Danger");
        assert_eq!(MarkdownWords::english().callout_title("example"), "Example");
        assert_eq!(german.callout_title("abstract"), "Abstract");
    }

    #[test]
    fn every_diagram_class_has_a_name() {
        for (_, name) in super::super::diagram::TYPES {
            assert!(!MarkdownWords::english().diagram_name(name).is_empty(), "{name}");
        }
        assert_eq!(MarkdownWords::english().diagram_name("plantuml"), "PlantUML diagram");
    }
}
