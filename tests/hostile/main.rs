//! The hostile-input suite: handbooks built to break opsbook's promises (writes outside
//! the output, deleted sources, internal text in public builds, collisions, injection,
//! quadratic inputs, interpreters past their budget, arithmetic overflow, a starved dev
//! server, internal text through includes, links, mounts and front matter, files that
//! are no regular files or lead out of the handbook, names no output file may have,
//! what CI reads, output folders no build wrote, a build cache folder CI restored,
//! concurrent builds, Unicode that breaks byte offsets, a panic while rendering a
//! page, whole handbooks made at random from seeds). Every fixture is made by the test
//! that uses it, in a temporary folder; nothing large is checked in.
//! Each module holds the regression tests of one class of defect.

#[path = "../util/mod.rs"]
mod util;

mod assets;
mod audience;
mod audience_doors;
mod awesome_nav;
mod awesome_pages;
mod budgets;
mod cache;
mod cjk;
mod config_values;
mod costs;
mod docusaurus_instances;
mod docusaurus_pages;
mod docusaurus_redirects;
mod docusaurus_release;
mod eleventy_ignore;
mod formats;
mod gitbook_blocks;
mod gitbook_includes;
mod handbooks;
mod hugo_config;
mod hugo_page_lookup;
mod hugo_resources;
mod hugo_urls;
mod images;
mod include_roots;
mod jekyll_data;
mod jekyll_files;
mod just_the_docs;
mod kramdown_html;
mod languages;
mod leaks;
mod located;
mod mdbook_redirects;
mod mdx_flow;
mod mdx_imports;
mod measured_events;
mod middleman_partials;
mod mkdocs_macros;
mod mkdocs_redirects;
mod mkdocstrings;
mod mounts;
mod nav_branches;
mod new_page;
mod open_html;
mod output;
mod own_folders;
mod panics;
mod paths;
mod peers;
mod people;
mod plantuml_server;
mod property;
mod raw_html_links;
mod reads;
mod repository_files;
mod secrets;
mod serve;
mod sidebars;
mod status_site;
mod templates;
mod titles;
mod unicode;
mod variable_includes;
