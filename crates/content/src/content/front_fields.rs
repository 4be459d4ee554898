//! The fields of a front matter block as read ([`Fields`]): each top-level key with its
//! place and its value. Both readers give them, the fast one of simple YAML
//! ([`super::front_simple`]) and the full YAML and TOML one ([`super::front_matter`]).

use std::sync::Arc;

use super::node::{Located, Node};

/// One top-level front matter field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// The 1-based line of the key in the file.
    pub line: usize,
    /// The 1-based column of the key.
    pub column: usize,
    /// The value, with its own location (and its parts').
    pub value: Located<Node>,
}

/// The top-level fields of a front matter block, in the order they were written (YAML)
/// or sorted by key (TOML); shared, not copied, by what reads them after the build read
/// them (a template's lists of the site's pages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(pub Arc<Vec<Field>>);

impl From<Vec<Field>> for Fields {
    fn from(fields: Vec<Field>) -> Fields {
        Fields(Arc::new(fields))
    }
}

impl Fields {
    /// The field named `key`.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.0.iter().find(|f| f.key == key)
    }
}
