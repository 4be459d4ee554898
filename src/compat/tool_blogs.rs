//! The blogs an old tool's plugins published from folders of their own (Docusaurus's
//! blog plugins, [`super::docusaurus::blog`]), as the core asks of them: which page is a
//! post, the date and slug its path gives, the blog's people files, and how the
//! tool paginated a blog's posts.

use super::OldTool;
use super::docusaurus::blog;
use super::interface::Tool;
use crate::config::Config;
use crate::dates::Date;
use crate::site::source_rules::{DateRefusal, NameDate, ToolBlogs};

impl ToolBlogs for OldTool {
    /// The folder of the old tool's blog whose post is the file at content path `path`,
    /// and the post's path inside that folder; `None` for a page of no such blog.
    fn post_of(&self, path: &str) -> Option<(&str, String)> {
        blog::post_of(&self.blogs, path).map(|(blog, inside)| (blog.dir.as_str(), inside))
    }

    /// The date and slug of a post at `inside` (its path in its blog's folder), as the
    /// old tool's blog reads them from the path.
    fn post_date_and_slug(&self, inside: &str) -> (Option<Date>, String) {
        blog::post_slug(inside)
    }

    /// The day a front matter `date` names: Ruby's `Time.parse`'s in a Jekyll handbook
    /// ([`super::jekyll::dates::read_date`]), else `YYYY-MM-DD` and the timestamps
    /// that start with it ([`Date::parse`]).
    fn read_date(&self, text: &str) -> Result<Date, DateRefusal> {
        if self.tool == Tool::Jekyll {
            return super::jekyll::dates::read_date(text);
        }
        Date::parse(text).ok_or_else(crate::site::dated::calendar_refusal)
    }

    /// The date a file name starts with: Jekyll's post names in a Jekyll handbook
    /// ([`super::jekyll::dates::name_date`]), else opsbook's dated names
    /// ([`crate::site::dated::calendar_name_date`]).
    fn name_date<'s>(&self, stem: &'s str) -> Option<NameDate<'s>> {
        let jekyll = (self.tool == Tool::Jekyll).then(|| super::jekyll::dates::name_date(stem)).flatten();
        jekyll.or_else(|| crate::site::dated::calendar_name_date(stem))
    }

    /// The authors file, from the root, of the old tool's blog in folder `dir`: `None`
    /// when no such blog is there, `Some(None)` when its file lies outside the root.
    fn blog_authors_file(&self, dir: &str) -> Option<Option<String>> {
        self.blogs.iter().find(|blog| blog.dir == dir).map(|blog| blog.authors_file.clone())
    }

    /// The content paths of the people files of the old tool's blogs: data, never
    /// published.
    fn blog_data_files(&self, config: &Config) -> Vec<String> {
        let mut files = Vec::new();
        for blog in &self.blogs {
            files.extend(blog.authors_in_folder.iter().cloned());
            files.extend(blog.authors_file.as_ref().and_then(|file| config.content_path(&config.root.join(file))));
        }
        files
    }

    /// Where the old tool put a blog's older posts, from the site's root (Jekyll's
    /// `paginate_path`, `/blog/page:num/`).
    fn paginate_path(&self) -> Option<&str> {
        self.jekyll.as_ref().and_then(|site| site.paginate_path.as_deref())
    }

    /// How many posts a page of a blog listed in the old tool (Jekyll's `paginate`).
    fn posts_per_page(&self) -> Option<usize> {
        self.jekyll.as_ref().and_then(|site| site.paginate)
    }
}
