//! MkDocs: `mkdocs.yml`, its `nav:` and its settings.

pub(crate) mod nav;
