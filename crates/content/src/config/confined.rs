//! The handbook's one confinement, as the configuration hands it out: made once the
//! layout's mounts are known, and the content files located through it.

use super::Config;

impl Config {
    /// The confinement of the handbook: its root, its output folder out of bounds, and
    /// its content tree (the content folder and the mounted folders that exist). Made
    /// once, on first use, after the layout is complete (`mount_layout` makes it anew);
    /// `None` when the root cannot be resolved.
    pub fn confinement(&self) -> Option<&crate::fs::confine::Confinement> {
        self.confined
            .get_or_init(|| {
                let mut confinement = crate::fs::confine::Confinement::new(&self.root)?.excluding(&self.output_dir);
                let folders = std::iter::once((self.content_folder.as_str(), ""))
                    .chain(self.sources.list.iter().map(|s| (s.folder.as_str(), s.mount.as_str())));
                for (folder, mount) in folders {
                    confinement = confinement.with_tree_folder(&self.root.join(folder), mount);
                }
                Some(confinement)
            })
            .as_ref()
    }

    /// The file of the content path `path` ([`Config::locate`]), confined, and its name in
    /// diagnostics; `Err` says why it is not read.
    pub fn locate_confined(&self, path: &str) -> (Result<crate::fs::Confined, crate::fs::confine::Refused>, String) {
        let (disk, file) = self.locate(path);
        let relative = disk.strip_prefix(&self.root).unwrap_or(&disk);
        let confined = match self.confinement() {
            Some(confinement) => confinement.content_file(&disk, relative),
            None => Err(crate::fs::confine::Refused::Leads("the handbook's folder cannot be resolved".to_string())),
        };
        (confined, file)
    }
}
