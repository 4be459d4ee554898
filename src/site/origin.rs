//! Where a page of the site comes from ([`PageOrigin`]): a Markdown file, a folder
//! without a page of its own, or the model. The site model sets it when it places the
//! pages ([`super::Site::assemble`]) and adds the generated ones
//! ([`super::indexes::add_index_pages`]); everything after reads it.

use super::GeneratedPage;

/// Where a page comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOrigin {
    /// A Markdown file.
    File,
    /// The Markdown file of a section: `_index.md`, `index.md` or `README.md` in its
    /// folder, or `a.md` beside a folder `a/` that has none of those.
    SectionFile,
    /// A folder without a page of its own: opsbook makes its section page. Its
    /// source has an empty text and the folder's path (`runbooks/`).
    Folder,
    /// A page opsbook generates from the model ([`super::generated`]), without a source.
    Generated(GeneratedPage),
}

impl PageOrigin {
    /// Whether the page is a section's own page (it has children).
    pub fn is_section(&self) -> bool {
        matches!(self, PageOrigin::SectionFile | PageOrigin::Folder)
    }

    /// Whether the page has a Markdown file of its own: its source has a file, front
    /// matter and text.
    pub fn has_file(&self) -> bool {
        matches!(self, PageOrigin::File | PageOrigin::SectionFile)
    }

    /// Which generated page it is, for a page opsbook generates from the model.
    pub fn generated(&self) -> Option<&GeneratedPage> {
        match self {
            PageOrigin::Generated(page) => Some(page),
            _ => None,
        }
    }

    /// Whether opsbook generates the page from the model (owners, tags, review,
    /// search): it is no content of the handbook.
    pub fn is_generated(&self) -> bool {
        matches!(self, PageOrigin::Generated(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_section_files_and_folders() {
        let origins = [
            PageOrigin::File,
            PageOrigin::SectionFile,
            PageOrigin::Folder,
            PageOrigin::Generated(GeneratedPage::Owners),
        ];
        let sections: Vec<bool> = origins.iter().map(PageOrigin::is_section).collect();
        assert_eq!(sections, [false, true, true, false]);
        let with_file: Vec<bool> = origins.iter().map(PageOrigin::has_file).collect();
        assert_eq!(with_file, [true, true, false, false]);
        let generated: Vec<bool> = origins.iter().map(PageOrigin::is_generated).collect();
        assert_eq!(generated, [false, false, false, true]);
        assert_eq!(origins[3].generated(), Some(&GeneratedPage::Owners));
    }
}
