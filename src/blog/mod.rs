//! Blogs and their people, as one feature: above the site model (`crate::site`), below
//! the renderer and the pipeline.
//!
//! - [`views`]: what templates see of posts, dated pages, blogs and authors;
//! - [`outputs`]: the Atom feeds (the site's `feed.xml` and each blog's).
//!
//! Its configuration is `[blog]` (`crate::config::BlogConfig`), read with the rest of
//! `book.toml`.

pub(crate) mod outputs;
pub(crate) mod views;
