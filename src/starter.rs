//! The starter handbook that `opsbook init` writes: `book.toml`, a home page, a runbook
//! section with one runbook, an incident review section and the incident review (RCA),
//! runbook, status incident and maintenance templates, the same templates
//! the bundled handbook publishes.

use std::path::Path;

use anyhow::{Result, bail};

/// The starter's files: path relative to the new handbook's root, and contents.
pub(crate) const STARTER_FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("../starter/book.toml")),
    ("content/_index.md", include_str!("../starter/content/_index.md")),
    ("content/runbooks/_index.md", include_str!("../starter/content/runbooks/_index.md")),
    ("content/runbooks/disk-full.md", include_str!("../starter/content/runbooks/disk-full.md")),
    ("content/rca/_index.md", include_str!("../starter/content/rca/_index.md")),
    ("content/templates/_index.md", include_str!("../starter/content/templates/_index.md")),
    ("content/templates/rca.md", include_str!("../content/templates/rca.md")),
    ("content/templates/runbook.md", include_str!("../content/templates/runbook.md")),
    // So `opsbook new incident` and `opsbook new maintenance` work in a new handbook
    //; the templates are pages of kind `template`, so no status page is made.
    ("content/templates/incident.md", include_str!("../content/templates/incident.md")),
    ("content/templates/maintenance.md", include_str!("../content/templates/maintenance.md")),
];

/// Writes the starter into `dir`, which must not exist or be empty. Returns the files
/// written, relative to `dir`.
pub(crate) fn write_starter(dir: &Path) -> Result<Vec<String>> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("cannot start a handbook in {}: it is a file", dir.display());
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            bail!("refusing to start a handbook in {}: the folder is not empty", dir.display());
        }
    }
    let mut written = Vec::new();
    for (path, contents) in STARTER_FILES {
        let file = crate::fs::OwnFolder::named_on_command_line(dir)
            .file(path)
            .ok_or_else(|| anyhow::anyhow!("{path} is no plain relative path"))?;
        crate::fs::write(&file, contents)?;
        written.push((*path).to_string());
    }
    Ok(written)
}
