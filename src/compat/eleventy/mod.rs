//! Eleventy: the permalinks its directory data files give.

pub(crate) mod site;
