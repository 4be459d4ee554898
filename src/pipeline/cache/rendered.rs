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
//! The record's bytes: the hash (16), the length (8), where the content stands (1 byte,
//! 0 or 1, then 8), the ids and the links (each a count (4), then strings, each a
//! length (4) and bytes), then the tabs (1 byte, 0 or 1) and the body (1 byte, 0 or 1,
//! then its length (8) and hash (16)).

use super::entry::{Decoder, Encoder};

/// A page's document as the previous build wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The record's bytes; `None` for what the format cannot hold (a string or list
    /// past 4 GiB).
    pub(crate) fn encode(&self) -> Option<Vec<u8>> {
        let mut encoder = Encoder::default();
        encoder.u128(self.hash);
        encoder.u64(usize::try_from(self.len).ok()?);
        match self.content_at {
            Some(at) => {
                encoder.u8(1);
                encoder.u64(at);
            }
            None => encoder.u8(0),
        }
        encoder.strings(&self.ids)?;
        encoder.strings(&self.links)?;
        encoder.u8(u8::from(self.tabs));
        match self.body {
            Some((len, hash)) => {
                encoder.u8(1);
                encoder.u64(usize::try_from(len).ok()?);
                encoder.u128(hash);
            }
            None => encoder.u8(0),
        }
        Some(encoder.bytes)
    }

    /// The page of a record's bytes; `None` unless they are exactly one record.
    pub(crate) fn decode(bytes: &[u8]) -> Option<KeptPage> {
        let mut decoder = Decoder::new(bytes);
        let hash = decoder.u128()?;
        let len = decoder.u64()? as u64;
        let content_at = match decoder.u8()? {
            0 => None,
            1 => Some(decoder.u64()?),
            _ => return None,
        };
        let ids = decoder.strings()?;
        let links = decoder.strings()?;
        let tabs = match decoder.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let body = match decoder.u8()? {
            0 => None,
            1 => Some((decoder.u64()? as u64, decoder.u128()?)),
            _ => return None,
        };
        decoder.is_done().then_some(KeptPage { hash, len, content_at, ids, links, tabs, body })
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
        let mut bad_flag = bytes;
        bad_flag[24] = 7;
        assert_eq!(KeptPage::decode(&bad_flag), None);
    }
}
