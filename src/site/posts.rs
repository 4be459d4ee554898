//! Posts, as the site model places and dates them before any blog is collected: which
//! page is a post (a page in a `_posts` folder, of a section whose page says
//! `blog: true`, or of an old tool's blog), the folder whose section holds it (a
//! `_posts` folder is no section of its own, [`section_dir`]), and the date each post
//! and each page named by a date takes ([`date_pages`], read in `Site::assemble`).
//! The blogs themselves, their authors and pages of posts are the `blog` feature's.

use super::source_rules::SourceRules;
use super::{PageId, Site};
use crate::content::Node;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The folder whose section holds the pages of folder `dir`: `dir` without its
/// `_posts` folder and what is below it (`blog/_posts/2023` -> `blog`, `_posts/x` -> the
/// home page's, `de/_posts` -> the German home page's); the same for a `_drafts`
/// folder, Jekyll's posts to come, which a build with drafts publishes as posts.
pub(crate) fn section_dir(dir: &str) -> &str {
    let mut start = 0;
    for part in dir.split('/') {
        if part == "_posts" || part == "_drafts" {
            return if start == 0 { "" } else { &dir[..start - 1] };
        }
        start += part.len() + 1;
    }
    dir
}

pub(crate) use crate::content::walk::in_posts_folder;

/// Whether a section's page marks it a blog (`blog: true`).
pub(super) fn marks_a_blog(page: &super::Page) -> bool {
    page.origin.is_section()
        && page.source.front.field("blog").is_some_and(|field| field.value.value == Node::Bool(true))
}

/// Whether page `id` is a post: of a `_posts` folder or a section marked a blog, or
/// of one of the old tool's blogs (whose posts may be folders, `name/index.md`).
pub(crate) fn is_post(pages: &[super::Page], id: PageId, old: &dyn SourceRules) -> bool {
    let page = &pages[id];
    page.origin.has_file()
        && ((!page.origin.is_section()
            && (in_posts_folder(&page.source.path) || page.parent.is_some_and(|parent| marks_a_blog(&pages[parent]))))
            || old.post_of(&page.source.path).is_some())
}

/// The date of page `id` ([`super::dated::page_date`]), a post of an old tool's blog's
/// from its front matter or its path as the tool reads it ([`super::source_rules::ToolBlogs::post_date_and_slug`]).
pub(super) fn post_or_page_date(pages: &[super::Page], id: PageId, old: &dyn SourceRules) -> Option<Date> {
    let source = &pages[id].source;
    match old.post_of(&source.path).filter(|_| pages[id].origin.has_file()) {
        Some((_, inside)) => super::dated::front_date(source, old).or(old.post_date_and_slug(&inside).0),
        None => super::dated::page_date(source, is_post(pages, id, old), old),
    }
}

/// Gives every post and every page whose name is a date its date
/// ([`post_or_page_date`]); a post without one is a warning, and so is a date written
/// that is none ([`super::dated::invalid_dates`]).
pub(super) fn date_pages(pages: &mut [super::Page], old: &dyn SourceRules, diagnostics: &mut Vec<Diagnostic>) {
    for id in 0..pages.len() {
        if !pages[id].origin.has_file() {
            continue;
        }
        pages[id].date = post_or_page_date(pages, id, old);
        let post = is_post(pages, id, old);
        let invalid = super::dated::invalid_dates(&pages[id].source, post, pages[id].date.is_some(), old);
        if pages[id].date.is_none() && post && invalid.is_empty() {
            diagnostics.push(post_without_date(&pages[id]));
        }
        diagnostics.extend(invalid);
    }
}

fn post_without_date(page: &super::Page) -> Diagnostic {
    Diagnostic::error(
        Rule::FrontMatterField,
        &page.source.file,
        1,
        1,
        format!(
            "`{}` is a post, but its name does not start with a date (`YYYY-MM-DD-title.md`) and it has no `date`: it is published undated, after the dated posts",
            page.source.file
        ),
    )
    .with_severity(Severity::Warning)
    .with_help("rename it `YYYY-MM-DD-title.md` or give it `date: YYYY-MM-DD` (Jekyll leaves such a file out)")
}

impl Site {
    /// The date a page shows, when it is a post or named by a date; not for a page
    /// whose kind dates it by a field of its own (an incident review's `incident_date`,
    /// its `feed-date`), nor for the status page's incidents and maintenances, which
    /// show their own times.
    pub(crate) fn page_date(&self, id: PageId) -> Option<Date> {
        let page = &self.pages[id];
        let own_date = self.config.kinds.get(&page.kind).is_some_and(|kind| kind.feed_date.is_some());
        page.date
            .filter(|_| !own_date || is_post(&self.pages, id, &*self.old_tool))
            .filter(|_| !self.features.owns(self, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_belong_to_the_folder_that_holds_their_folder() {
        assert_eq!(section_dir("blog/_posts"), "blog");
        assert_eq!(section_dir("blog/_posts/2023"), "blog");
        assert_eq!(section_dir("_i18n/de/_posts"), "_i18n/de");
        assert_eq!(section_dir("de/_posts"), "de");
        assert_eq!(section_dir("de/_posts/2023"), "de");
        assert_eq!(section_dir("de/news/_posts"), "de/news");
        assert_eq!(section_dir("_posts/2023"), "");
        assert_eq!(section_dir("_posts"), "");
        assert_eq!(section_dir("ops/_drafts"), "ops");
        assert_eq!(section_dir("_posts/old"), "");
        assert_eq!(section_dir("docs/guides"), "docs/guides");
        assert_eq!(section_dir("my_posts/x"), "my_posts/x");
        assert!(in_posts_folder("blog/_posts/2023-01-02-a.md"));
        assert!(!in_posts_folder("_posts.md"));
        assert!(!in_posts_folder("blog/posts/a.md"));
    }
}
