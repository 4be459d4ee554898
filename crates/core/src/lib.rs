//! The leaves of opsbook's build, which every stage above uses and which use nothing
//! of opsbook above them: the one way a file is read or written and the one
//! confinement of its path (`fs`), diagnostics at `path:line:column`, site paths and
//! percent-encoding, slugs and heading ids, dates, HTML escaping and the tokenizer pass
//! over rendered HTML, the build's hashers, the bounded HTTP client, secrets that are
//! never printed, and the build's spending of time and memory.
//!
//! More: docs/architecture.md, "Crates".

// Files are read and written through `fs`, with paths the confinement made (clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

pub mod braces;
pub mod char_boundary;
pub mod char_table;
pub mod dates;
pub mod diagnostic;
pub mod fs;
pub mod hash;
pub mod html;
pub mod html_pass;
pub mod http_client;
pub mod panics;
pub mod percent;
pub mod secret;
pub mod site_path;
pub mod slug;
pub mod spent;
pub mod suggest;
pub mod test_hooks;
