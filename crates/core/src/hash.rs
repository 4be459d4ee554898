//! The hashers of the build. Its internal maps of short keys (words, paths), where
//! SipHash's protection against crafted collisions is not needed, use foldhash's fast
//! hasher with its fixed seed (`foldhash::fast::FixedState`; already compiled for
//! serde_json's maps), instead of the FxHash written here before. FNV-1a, for the hashes
//! written into the output (ids, fingerprints), stays written here: it is fixed by its definition,
//! four lines long, and must never change between versions.

/// A `HashMap` with foldhash's fast hasher and its fixed seed: the same order in every
/// build, so nothing that iterates one can differ between two builds.
pub type FastHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A `HashSet` with foldhash's fast hasher and its fixed seed ([`FastHashMap`]).
pub type FastHashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// FNV-1a's offset basis: the seed of a hash that starts fresh.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits, of `bytes`, continuing from `hash` ([`FNV_OFFSET`] to start):
/// fixed by its definition, so what it names never changes between versions.
#[inline]
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_the_fast_hasher() {
        let mut map: FastHashMap<String, u32> = FastHashMap::default();
        map.insert("failover".into(), 1);
        map.insert("failure".into(), 2);
        assert_eq!(map.get("failover"), Some(&1));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn fnv1a_gives_the_reference_values() {
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(fnv1a(FNV_OFFSET, b"foo"), b"bar"), fnv1a(FNV_OFFSET, b"foobar"));
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x85944171f73967e8);
    }
}
