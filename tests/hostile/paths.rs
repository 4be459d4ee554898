//! Hostile inputs: paths.
