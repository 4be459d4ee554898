//! Hostile inputs: serve.
