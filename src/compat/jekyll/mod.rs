//! Jekyll: `_config.yml`'s permalinks and collections, and the files that open with
//! front matter without being pages.

pub(crate) mod files;
pub(crate) mod site;
