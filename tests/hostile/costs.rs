//! Hostile inputs: costs.
