//! Tables whose rows fall into other sections than GFM's one head row and one body (no
//! head, a head of several rows, several bodies, a foot): a rewrite writes such a table
//! as GFM with a placeholder before it naming its sections ([`TABLE_SECTIONS`]), and
//! the body writer writes the table's structure by them ([`SectionedTable`]), its
//! cells' content as any table's.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

/// The attribute of a placeholder that names the sections of the table after it.
pub const TABLE_SECTIONS: &str = "\u{1}table-sections";

/// A section of a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `<thead>`.
    Head,
    /// `<tbody>`.
    Body,
    /// `<tfoot>`.
    Foot,
}

/// A column's alignment, as a separator line gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// No colon.
    Default,
    /// `:--`.
    Left,
    /// `--:`.
    Right,
    /// `:-:`.
    Center,
}

/// `sections` as the placeholder's attribute value: `h1 b3 f1`.
pub fn encode(sections: &[(Section, usize)]) -> String {
    let words: Vec<String> = sections
        .iter()
        .map(|(section, rows)| {
            let letter = match section {
                Section::Head => 'h',
                Section::Body => 'b',
                Section::Foot => 'f',
            };
            format!("{letter}{rows}")
        })
        .collect();
    words.join(" ")
}

/// The sections an attribute value names, or `None` when it names none.
fn decode(value: &str) -> Option<Vec<(Section, usize)>> {
    let sections: Option<Vec<(Section, usize)>> = value
        .split_whitespace()
        .map(|word| {
            let section = match word.as_bytes().first()? {
                b'h' => Section::Head,
                b'b' => Section::Body,
                b'f' => Section::Foot,
                _ => return None,
            };
            Some((section, word[1..].parse().ok()?))
        })
        .collect();
    sections.filter(|s| !s.is_empty())
}

/// A table being written by its sections: which section and row it is in.
#[derive(Debug)]
pub struct SectionedTable {
    sections: Vec<(Section, usize)>,
    alignments: Vec<Alignment>,
    /// The section the rows are in, once the first row opened it.
    section: Option<usize>,
    /// The rows the section has left.
    left: usize,
    cell: usize,
    /// Whether the table has started (its `Start(Table)` seen).
    pub started: bool,
}

impl SectionedTable {
    /// The table a placeholder's attributes announce, if they name sections.
    pub fn announced(attributes: &[(String, String)]) -> Option<SectionedTable> {
        let (_, value) = attributes.iter().find(|(name, _)| name == TABLE_SECTIONS)?;
        let sections = decode(value)?.into_iter().filter(|(_, rows)| *rows > 0).collect();
        Some(SectionedTable { sections, alignments: Vec::new(), section: None, left: 0, cell: 0, started: false })
    }

    /// The table starts, with the alignments of its columns: the HTML that opens it.
    pub fn start(&mut self, alignments: Vec<Alignment>) -> &'static str {
        self.alignments = alignments;
        self.started = true;
        "<table>"
    }

    fn kind(&self) -> Section {
        self.section.and_then(|i| self.sections.get(i)).map_or(Section::Body, |(section, _)| *section)
    }

    /// The HTML in place of the table's event `event`, or `None` for the content of a
    /// cell; rows past those the sections count stay in the last section.
    pub fn html(&mut self, event: &Event<'_>) -> Option<String> {
        let tag = |section: Section| match section {
            Section::Head => "thead",
            Section::Body => "tbody",
            Section::Foot => "tfoot",
        };
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                let mut html = String::new();
                let next = match self.section {
                    None => Some(0),
                    Some(i) if self.left == 0 && i + 1 < self.sections.len() => Some(i + 1),
                    Some(_) => None,
                };
                if let Some(next) = next {
                    if self.section.is_some() {
                        html.push_str(&format!("</{}>\n", tag(self.kind())));
                    }
                    self.section = Some(next);
                    self.left = self.sections.get(next).map_or(usize::MAX, |(_, rows)| *rows);
                    html.push_str(&format!("<{}>\n", tag(self.kind())));
                }
                self.left = self.left.saturating_sub(1);
                self.cell = 0;
                html.push_str("<tr>");
                Some(html)
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => Some("</tr>\n".into()),
            Event::Start(Tag::TableCell) => {
                let name = if self.kind() == Section::Head { "th" } else { "td" };
                let style = match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                Some(format!("<{name}{style}>"))
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                Some(if self.kind() == Section::Head { "</th>".into() } else { "</td>".into() })
            }
            Event::End(TagEnd::Table) => {
                let close = self.section.map(|_| format!("</{}>", tag(self.kind()))).unwrap_or_default();
                Some(format!("{close}</table>\n"))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes() {
        let sections = [(Section::Head, 2), (Section::Body, 3), (Section::Foot, 1)];
        assert_eq!(encode(&sections), "h2 b3 f1");
        assert_eq!(decode("h2 b3 f1").as_deref(), Some(&sections[..]));
        assert_eq!(decode("x1"), None);
        assert_eq!(decode(""), None);
    }
}
