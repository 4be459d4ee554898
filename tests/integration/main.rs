//! The integration tests, one test binary: each module holds one feature's tests, which
//! run the real `opsbook` binary on fixture sites (`tests/fixtures/`) through the helpers
//! of `tests/util/` (shared with the hostile suite, `tests/hostile/`). One binary is
//! compiled and linked once after a change to the library, where a binary per file was
//! linked once each. Run one module's tests with
//! `cargo test --release --test integration build::`.

#[path = "../util/mod.rs"]
mod util;

mod alerts;
mod assets;
mod audience;
mod base_url;
mod baseline;
mod blog;
mod build;
mod cache;
mod cache_dir;
mod check;
mod ci_templates;
mod cli;
mod cli_habits;
mod codeowners_lint;
mod content_dir;
mod corpora;
mod diagrams;
mod dialects;
mod docusaurus_blog;
mod docusaurus_i18n;
mod docusaurus_layout;
mod docusaurus_mdx;
mod docusaurus_pages;
mod docusaurus_slugs;
mod docusaurus_static;
mod emoji;
mod errors;
mod foreign_keys;
mod front_matter;
mod generated_pages;
mod git;
mod gitbook_blocks;
mod gitbook_book;
mod heading_ids;
mod health;
mod hugo_config;
mod hugo_menus;
mod hugo_page_lookup;
mod images;
mod incidents;
mod includes;
mod init;
mod jekyll_dates;
mod jekyll_files;
mod jekyll_languages;
mod jekyll_site_lists;
mod jekyll_urls;
mod just_the_docs;
mod kramdown_pages;
mod languages;
mod liquid_leniency;
mod markdown_readers;
mod mdbook_chapters;
mod middleman_partials;
mod mkdocs_exclude;
mod mkdocs_rules;
mod model;
mod names_as_written;
mod navigation;
mod new;
mod nunjucks;
mod old_tool_link_rules;
mod old_tool_links;
mod old_tools;
mod package;
mod page_formats;
mod plantuml_server;
mod print_page;
mod rebuild;
mod repository_files;
mod rules;
mod search;
mod search_languages;
mod serve;
mod site_templates;
mod sources;
mod status;
mod status_outputs;
mod status_site;
mod status_zones;
mod summary;
mod tabs;
mod theme;
mod vocabularies;
