//! Hostile inputs: audience.
