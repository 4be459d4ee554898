//! The alerts' model: what a runbook gives the pages of its alerts ([`first_steps`]).

pub(crate) mod first_steps;
