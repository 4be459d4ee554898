use super::*;

fn scratch(name: &str) -> OwnFolder {
    let dir = std::env::temp_dir().join(format!("opsbook-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    OwnFolder::test(dir.join("public"))
}

fn written(output: &OwnFolder, records: &[(u128, &str)]) -> Vec<u8> {
    let cache = Cache::open(output).expect("a cache");
    for (key, html) in records {
        cache.remember(*key, html);
    }
    cache.commit();
    std::fs::read(cache_path(output).expect("beside").path()).expect("the cache file")
}

#[test]
fn recalls_what_the_last_build_remembered_and_keeps_only_what_was_used() {
    let output = scratch("recall");
    let one = "<span>a\n</span>b\n\nb\n<span>a\n</span>";
    written(&output, &[(1, one), (2, "two\nb\n"), (1, "again")]);
    let cache = Cache::open(&output).expect("a cache");
    assert_eq!(cache.previous_records(), 2);
    assert_eq!(cache.previous.as_ref().map(|p| p.records.pieces.len()), Some(6), "each distinct line once");
    assert_eq!(cache.recall(1).as_deref(), Some(one));
    assert_eq!(cache.recall(3), None);
    cache.remember(4, "four");
    cache.commit();
    let cache = Cache::open(&output).expect("a cache");
    assert_eq!(cache.previous_records(), 2, "the block not used (2) is dropped");
    assert_eq!(cache.recall(4).as_deref(), Some("four"));
    assert_eq!(cache.recall(2), None);
    std::fs::remove_dir_all(output.path().parent().unwrap()).expect("clean up");
}

#[test]
fn ignores_a_cache_truncated_corrupt_or_of_another_binary() {
    let output = scratch("corrupt");
    let good = written(&output, &[(7, "seven"), (8, "eight")]);
    let path = cache_path(&output).expect("beside").path().to_path_buf();
    let mut flipped = good.clone();
    flipped[HEADER.len() + 6] ^= 1;
    // Whole, but written by another binary, at another time.
    let mut other_binary = good.clone();
    let trailer_start = good.len() - TRAILER;
    other_binary[trailer_start + 9] ^= 1;
    other_binary[trailer_start + 25] ^= 1;
    let resealed = xxhash_rust::xxh3::xxh3_128(&other_binary[..good.len() - 16]);
    let body_end = good.len() - 16;
    other_binary[body_end..].copy_from_slice(&resealed.to_le_bytes());
    for bad in [&good[..good.len() - 1], &good[..10], &flipped[..], &other_binary[..], b""] {
        std::fs::write(&path, bad).expect("a bad cache");
        let cache = Cache::open(&output).expect("a cache");
        assert_eq!(cache.previous_records(), 0);
        assert_eq!(cache.recall(7), None);
    }
    std::fs::write(&path, &good).expect("the good cache");
    assert_eq!(Cache::open(&output).expect("a cache").previous_records(), 2);
    std::fs::remove_dir_all(output.path().parent().unwrap()).expect("clean up");
}

#[test]
fn a_build_that_does_not_commit_leaves_the_previous_cache() {
    let output = scratch("failed");
    let good = written(&output, &[(7, "seven")]);
    let cache = Cache::open(&output).expect("a cache");
    cache.remember(9, "nine");
    let temporary = cache.temporary.clone();
    assert!(temporary.path().exists());
    drop(cache);
    assert!(!temporary.path().exists(), "the new cache is removed");
    assert_eq!(std::fs::read(cache_path(&output).expect("beside").path()).expect("the cache"), good);
    std::fs::remove_dir_all(output.path().parent().unwrap()).expect("clean up");
}
