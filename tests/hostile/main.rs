//! The hostile-input suite: handbooks built to break opsbook's promises (writes outside
//! the output, deleted sources, internal text in public builds, collisions, injection,
//! quadratic inputs, arithmetic overflow, a starved dev server, Unicode that breaks byte
//! offsets, a panic while rendering a page). Every fixture is made
//! by the test that uses it, in a temporary folder; nothing large is checked in.
//! Each module holds the regression tests of one class of defect.

#[path = "../util/mod.rs"]
mod util;

mod audience;
mod costs;
mod panics;
mod paths;
mod property;
mod serve;
mod unicode;
