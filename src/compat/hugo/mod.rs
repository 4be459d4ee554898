//! Hugo (and Docsy): its configuration's routes, languages and markup settings, its
//! `permalinks` and their date layouts, and the URLs pages get by them.

pub(crate) mod dates;
pub(crate) mod permalinks;
pub(crate) mod site;
pub(crate) mod urls;
