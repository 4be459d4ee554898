//! A page as its template rendered it, in the build cache: what a rebuild needs of a
//! page whose template context is the one of the previous build
//! ([`crate::render::Renderer::fingerprint`]), so that it keeps the file the previous
//! build wrote instead of running the template again: the file's hash and length (to
//! find it in the previous output) and what the build reads of the rendered document
//! (where the content stands, and the template's ids and links, for the link check).
//!
//! The same record, under a page's key ([`crate::pipeline::stream`]'s early keeping),
//! also says whether its body holds tabs and the body's length and hash, which the
//! print pages showing it read when the body is not read again.
//!
//! The record is the [`KeptPage`] in postcard's format.

use serde::{Deserialize, Serialize};

/// A page's document as the previous build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeptPage {
    /// The XXH3-128 hash of the document ([`crate::pipeline::manifest::hash`]).
    pub(crate) hash: u128,
    /// Its length in bytes.
    pub(crate) len: u64,
    /// Where the Markdown content stands in it, when it stands there verbatim.
    pub(crate) content_at: Option<usize>,
    /// The ids the template added ([`crate::check::TemplateScan::ids`]).
    pub(crate) ids: Vec<String>,
    /// The internal links the template added ([`crate::check::TemplateScan::links`]).
    pub(crate) links: Vec<String>,
    /// Whether the page's body holds tabs ([`crate::pipeline::page::RenderedPage::tabs`]).
    pub(crate) tabs: bool,
    /// The length and XXH3-128 hash of the page's body, when the build read it and it
    /// was not empty.
    pub(crate) body: Option<(u64, u128)>,
}

impl KeptPage {
    /// The record's bytes; `None` for what the format cannot hold.
    pub(crate) fn encode(&self) -> Option<Vec<u8>> {
        postcard::to_stdvec(self).ok()
    }

    /// The page of a record's bytes; `None` unless they are exactly one record.
    pub(crate) fn decode(bytes: &[u8]) -> Option<KeptPage> {
        match postcard::take_from_bytes(bytes) {
            Ok((page, [])) => Some(page),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> KeptPage {
        KeptPage {
            hash: 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef,
            len: 48_213,
            content_at: Some(9_120),
            ids: vec!["search".into(), "menu-toggle".into()],
            links: vec!["/theme.css".into(), "../../runbooks/".into()],
            tabs: true,
            body: Some((1_024, 0xfeed_beef)),
        }
    }

    #[test]
    fn a_kept_page_reads_back_as_written() {
        let page = sample();
        assert_eq!(KeptPage::decode(&page.encode().expect("encoded")), Some(page));
        let bare =
            KeptPage { content_at: None, ids: Vec::new(), links: Vec::new(), tabs: false, body: None, ..sample() };
        assert_eq!(KeptPage::decode(&bare.encode().expect("encoded")), Some(bare));
    }

    #[test]
    fn a_cut_or_lengthened_record_does_not_decode() {
        let bytes = sample().encode().expect("encoded");
        for end in 0..bytes.len() {
            assert_eq!(KeptPage::decode(&bytes[..end]), None, "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(KeptPage::decode(&longer), None);
        // Any byte changed reads back as nothing or as some page, never a panic.
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] = 0xff;
            let _ = KeptPage::decode(&changed);
        }
    }
}
