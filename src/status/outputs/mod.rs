//! The files written from the status page's model, each a serialisation of it and
//! nothing computed: the Statuspage API v2 ([`statuspage`]), the SCS status-page API
//! export ([`scs`]), the Atom and JSON feeds ([`feed`], [`json_feed`]) and the SVG
//! badges ([`badge`]). Each is a row of the extra files (`crate::site::extra_files`),
//! which the pipeline's writer serves.

pub(crate) mod badge;
pub(crate) mod feed;
mod json_feed;
pub(crate) mod scs;
pub(crate) mod statuspage;
