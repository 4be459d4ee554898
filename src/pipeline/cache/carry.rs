//! Records carried from the previous build's cache into the new one without being used:
//! a page kept before its body was read ([`crate::pipeline::stream`]) still needs its
//! highlighted body, and the code blocks it is made of, in the cache of the next build,
//! which may have to render the page again.

use std::sync::PoisonError;

use super::Cache;
use super::entry::Reader;

impl Cache {
    /// Copies the previous build's record of `key` (a page's highlighted body,
    /// [`Cache::body_key`]) and the code blocks it refers to into the new cache, as they
    /// are: the next build checks the record as it checks any other. Nothing when the
    /// previous build has no whole such record.
    pub(crate) fn carry_result(&self, key: u128) {
        let Some(pages) = self.pages.as_ref() else { return };
        let Some((bytes, hash)) = pages.read(key) else { return };
        let mut reader = Reader::new(&bytes);
        let Some(blocks) = reader.dependencies().and_then(|_| reader.blocks()) else { return };
        for block in blocks {
            if self.has_block(block) {
                continue;
            }
            match self.find(block) {
                Some(html) => self.add(block, &html),
                // A record whose blocks are gone could not be read back: leave it out.
                None => return,
            }
        }
        pages.write(key, &bytes, Some(hash));
    }

    /// Whether the new cache holds the block of `key` already.
    fn has_block(&self, key: u128) -> bool {
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.as_ref().is_some_and(|open| open.blocks.contains(&key))
    }
}
