//! The alerts' model: which alert each runbook answers ([`registry`]), the addresses
//! the alerts claim among the site's outputs ([`redirects`]), and what a runbook gives
//! the pages of its alerts ([`first_steps`]).

pub(crate) mod first_steps;
pub(crate) mod redirects;
pub(crate) mod registry;
