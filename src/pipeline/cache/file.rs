//! The cache file's frame: the records between the header and the trailer (the count
//! of records, the binary's identity and stamp, the hash of all before it), written at
//! the end of a build and checked whole before a build believes any record.

use super::{BLOCK, END, HEADER, PACKED, PIECE, Previous, RENDERED, TRAILER, Writer, hash_executable};
use std::io::Write as _;

use crate::hash::FastHashMap;

/// Writes the trailer and flushes the file.
pub(super) fn finish(mut writer: Writer, identity: u128, stamp: u128) -> std::io::Result<()> {
    let mut trailer = Vec::with_capacity(TRAILER);
    trailer.push(END);
    trailer.extend_from_slice(&writer.count.to_le_bytes());
    trailer.extend_from_slice(&identity.to_le_bytes());
    trailer.extend_from_slice(&stamp.to_le_bytes());
    writer.hasher.update(&trailer);
    trailer.extend_from_slice(&writer.hasher.digest128().to_le_bytes());
    writer.file.write_all(&trailer)?;
    // Not synced: a cache cut short by a crash fails its hash and is ignored.
    writer.file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

/// Reads a previous cache's bytes: its records, and the identity of the binary, when the
/// cache is whole and was written by this binary (`stamp`: the fingerprint of the
/// executable's stamp now).
pub(super) fn read_cache(bytes: Vec<u8>, stamp: u128) -> Option<(Previous, u128)> {
    let body_end = bytes.len().checked_sub(16)?;
    let trailer_start = bytes.len().checked_sub(TRAILER)?;
    if !bytes.starts_with(HEADER) || trailer_start < HEADER.len() {
        return None;
    }
    if xxhash_rust::xxh3::xxh3_128(&bytes[..body_end]) != u128_at(&bytes, body_end)? {
        return None;
    }
    let trailer = &bytes[trailer_start..body_end];
    if trailer[0] != END {
        return None;
    }
    let count = u64::from_le_bytes(trailer[1..9].try_into().ok()?);
    let identity = u128_at(trailer, 9)?;
    let written_by = u128_at(trailer, 25)?;
    let records = index_records(&bytes[..trailer_start], count)?;
    // The same executable file, untouched since: no need to hash it.
    if written_by != stamp && hash_executable()? != identity {
        return None;
    }
    Some((Previous { bytes, records }, identity))
}

/// Where each record of a cache is, as ranges of its bytes.
pub(super) struct Records {
    /// Where each piece's bytes are, by number.
    pub(super) pieces: Vec<(usize, usize)>,
    /// Where each block's list of piece numbers is, by key.
    pub(super) blocks: FastHashMap<u128, (usize, usize)>,
    /// Where each compressed index file's bytes are, by the hash of its text.
    pub(super) packed: FastHashMap<u128, (usize, usize)>,
    /// Where each rendered page's record is, by the page's fingerprint.
    pub(super) rendered: FastHashMap<u128, (usize, usize)>,
}

/// Where each piece, block, compressed index file and rendered page is, from the header to
/// `records.len()`; `None` unless exactly `count` records fill it and each block is
/// made of pieces before it.
fn index_records(records: &[u8], count: u64) -> Option<Records> {
    let (mut pieces, mut blocks) = (Vec::new(), FastHashMap::default());
    let (mut packed, mut rendered) = (FastHashMap::default(), FastHashMap::default());
    let mut at = HEADER.len();
    let mut seen = 0u64;
    let u32_at = |at: usize| Some(u32::from_le_bytes(records.get(at..at + 4)?.try_into().ok()?) as usize);
    while at < records.len() {
        seen += 1;
        match *records.get(at)? {
            PIECE => {
                let start = at + 5;
                let end = start.checked_add(u32_at(at + 1)?).filter(|&end| end <= records.len())?;
                pieces.push((start, end));
                at = end;
            }
            BLOCK => {
                let key = u128_at(records, at + 1)?;
                let start = at + 21;
                let end = u32_at(at + 17)?.checked_mul(4)?.checked_add(start).filter(|&end| end <= records.len())?;
                let known = (start..end).step_by(4).all(|n| u32_at(n).is_some_and(|n| n < pieces.len()));
                if !known {
                    return None;
                }
                blocks.insert(key, (start, end));
                at = end;
            }
            kind @ (PACKED | RENDERED) => {
                let key = u128_at(records, at + 1)?;
                let start = at + 21;
                let end = start.checked_add(u32_at(at + 17)?).filter(|&end| end <= records.len())?;
                if kind == PACKED { &mut packed } else { &mut rendered }.insert(key, (start, end));
                at = end;
            }
            _ => return None,
        }
    }
    (seen == count).then_some(Records { pieces, blocks, packed, rendered })
}

pub(super) fn u128_at(bytes: &[u8], at: usize) -> Option<u128> {
    Some(u128::from_le_bytes(bytes.get(at..at + 16)?.try_into().ok()?))
}
