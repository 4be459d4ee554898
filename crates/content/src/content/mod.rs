//! Reading the handbook's sources: walk the content folder (`content/` unless book.toml
//! names another: [`crate::config::Config::content_dir`]) ([`walk`]), every path confined
//! to the handbook by one rule ([`confine`]), split and parse front matter
//! ([`front_matter`]), apply the build's rule for internal text to it ([`front_text`]),
//! read the common fields with their types ([`fields`]) and load pages ([`page`]), in
//! parallel; read a navigation file of another tool ([`nav_file`]: `mkdocs.yml`,
//! `SUMMARY.md`) and number prefixes of names ([`prefix`]).

pub mod category;
pub mod confine;
pub mod fields;
pub mod formats;
pub mod front_fields;
pub mod front_matter;
mod front_simple;
pub mod front_text;
pub mod include_files;
pub mod include_roots;
pub mod kinds;
pub mod languages;
pub mod mounts;
pub mod nav_file;
pub mod node;
pub mod page;
pub mod prefix;
pub mod reading_rules;
pub mod released;
pub mod rule_file;
pub mod site_data;
pub mod values;
pub mod walk;
pub mod yaml_lenient;

use std::sync::Arc;

use rayon::prelude::*;

pub use category::Category;
pub use fields::FrontMatter;
pub use nav_file::{NavEntry, NavFile, NavLink};
pub use node::{Located, Node};
pub use page::{SourcePage, load_located, load_page};
pub use walk::{ContentFiles, walk_content};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Loads every page in parallel, keeping the order of `paths` (content paths: a mounted
/// source's pages are read from its folder, [`crate::config::Config::locate`]), from
/// the bytes in `read_ahead` for those read already; every text of their front matter
/// goes through `audience` ([`front_text`]).
pub fn load_pages(
    config: &Config,
    paths: &[String],
    mut read_ahead: walk::ReadAhead,
    audience: &dyn front_text::AudienceText,
) -> (Vec<Arc<SourcePage>>, Vec<Diagnostic>) {
    let reading = page::Reading::of(config);
    let paths: Vec<(&String, Option<Vec<u8>>)> = paths.iter().map(|path| (path, read_ahead.remove(path))).collect();
    let loaded: Vec<_> = paths
        .into_par_iter()
        .map(|(path, read)| page::load_located_from(config, path, read, audience, reading))
        .collect();
    let mut pages = Vec::with_capacity(loaded.len());
    let mut diagnostics = Vec::new();
    for (page, problems) in loaded {
        pages.extend(page.map(Arc::new));
        diagnostics.extend(problems);
    }
    (pages, diagnostics)
}
