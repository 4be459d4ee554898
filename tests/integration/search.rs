//! The search index a build writes: its files, what is in it and what is not, and the
//! settings that move or turn off search. The client is tested under Node and in
//! Chromium by tests/browser/run.sh.

use crate::util;

use util::Site;

fn json(site: &Site, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every word of the index, from all shards.
fn vocabulary(site: &Site) -> Vec<String> {
    let manifest = json(site, "public/search/manifest.json");
    let shards = manifest["shards"].as_array().expect("a list of shards").len();
    let mut words = Vec::new();
    for n in 0..shards {
        let shard = json(site, &format!("public/search/t-{n}.json"));
        words.extend(shard["w"].as_object().expect("a map of words").keys().cloned());
    }
    words
}

#[test]
fn writes_the_index_and_the_search_page() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    let manifest = json(&site, "public/search/manifest.json");
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["pages"], 13);
    // Every file of the index is JSON written gzip-compressed, the same bytes each build.
    let files = site.files_under("public/search");
    assert!(files.iter().filter(|f| f.ends_with(".json")).count() > 10, "{files:?}");
    for file in files.iter().filter(|f| f.ends_with(".json")) {
        let bytes = std::fs::read(site.root.join("public/search").join(file)).expect("read");
        assert_eq!(&bytes[..2], &[0x1f, 0x8b], "{file} is gzip");
        serde_json::from_str::<serde_json::Value>(&site.read(&format!("public/search/{file}"))).expect("JSON");
    }
    let raw = |file: &str| std::fs::read(site.root.join("public/search").join(file)).expect("read");
    let first = raw("t-0.json");
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    assert_eq!(raw("t-0.json"), first, "compressed the same way every build");
    assert!(manifest["stop"].as_array().unwrap().iter().any(|w| w == "the"));
    for file in ["f-kind.json", "f-section.json", "f-tag.json", "f-owner.json", "p-0.json", "t-0.json"] {
        assert!(site.exists(&format!("public/search/{file}")), "{file}");
    }
    let page = site.read("public/search/index.html");
    assert!(page.contains(r#"<div id="search-results" class="search-results search-page-results""#));
    // The header's search box and the page's are two search landmarks, each named.
    assert!(page.contains(r#"role="search" aria-label="Search the handbook">"#), "{page}");
    assert!(page.contains(r#"role="search" aria-labelledby="search-page-title">"#), "{page}");
    assert!(page.contains(r#"<h1 class="page-title" id="search-page-title">Search</h1>"#), "{page}");
    assert_eq!(page.matches(r#"role="search""#).count(), 2);
    let any = site.read("public/runbooks/db-failover/index.html");
    assert!(any.contains(r#"<input type="search" name="q""#), "a search box on every page");
    assert!(any.contains(
        r#"<form class="search-form" action="/handbook/search/" role="search" aria-label="Search the handbook">"#
    ));
    assert!(any.contains(r#"<script src="/handbook/search.js" data-root="/handbook/" defer></script>"#));
}

#[test]
fn indexes_words_folded_and_stemmed_but_never_drafts() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let words = vocabulary(&site);
    for word in ["failover", "patronictl", "ubergabe", "outage", "resolvers"] {
        assert!(words.iter().any(|w| w == word), "{word} is indexed");
    }
    assert!(!words.iter().any(|w| w == "unfinished"), "the draft page is not indexed");
    site.build(&["--drafts"]).expect_code(0);
    assert!(vocabulary(&site).iter().any(|w| w == "unfinished"));
}

/// A page's sections are in chunks of about 2 KB, each a small file fetched
/// whole; its record names the section each later chunk starts with, so a query fetches
/// only the chunks of the sections it shows.
#[test]
fn writes_each_page_s_sections_in_chunks_its_record_names() {
    let site = Site::fixture("basic");
    let long: String =
        (1..=12).map(|n| format!("## Step {n}\n\n{}\n\n", "Check the replica lag. ".repeat(20))).collect();
    site.write("content/runbooks/long.md", format!("---\ntitle: Long\n---\n\nIntro.\n\n{long}"));
    site.build(&[]).expect_code(0);
    let manifest = json(&site, "public/search/manifest.json");
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;
    // A folder of snippet files per hundred pages, which the manifest tells the client.
    let per_folder = manifest["snippets"].as_u64().unwrap() as usize;
    assert_eq!(per_folder, 100);
    let records: Vec<serde_json::Value> = (0..manifest["pages"].as_u64().unwrap() as usize)
        .map(|n| json(&site, &format!("public/search/p-{}.json", n / chunk))[n % chunk].clone())
        .collect();
    let n = records.iter().position(|r| r[0] == "runbooks/long/").expect("the long page");
    let starts = opsbook::search::encode::decode(records[n][4].as_str().unwrap());
    assert!(starts.len() >= 2, "{starts:?}");
    let mut sections = Vec::new();
    for k in 0..=starts.len() {
        let folder = format!("public/search/s/{}", n / per_folder);
        let name = if k == 0 { format!("{folder}/s-{n}.json") } else { format!("{folder}/s-{n}-{k}.json") };
        let chunk = json(&site, &name);
        let chunk = chunk.as_array().expect("a list of sections");
        if k > 0 {
            assert_eq!(
                chunk[0][1],
                format!("Step {}", starts[k - 1]),
                "chunk {k} starts with the section its record names"
            );
        }
        assert!(site.read(&name).len() < 3 * 1024, "{name} is small");
        sections.extend(chunk.iter().map(|s| s[1].as_str().unwrap().to_string()));
    }
    let expected: Vec<String> = std::iter::once(String::new()).chain((1..=12).map(|n| format!("Step {n}"))).collect();
    assert_eq!(sections, expected, "every section, in order");
    let db = records.iter().position(|r| r[0] == "runbooks/db-failover/").expect("the failover page");
    assert!(site.exists(&format!("public/search/s/{}/s-{db}.json", db / per_folder)));
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::fixture("basic");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[search]\nenabled = false\n");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/search"));
    assert!(!site.exists("public/search.js"));
    assert!(!site.read("public/index.html").contains("search-form"));
}

#[test]
fn a_section_named_search_moves_the_search_page() {
    let site = Site::fixture("basic");
    site.write("content/search/_index.md", "# Search team\n\nWe run the search cluster.\n");
    site.write("content/search/cluster.md", "# Cluster\n\nThe nodes.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("note[duplicate-url]: the content at /search/ keeps its URL; the search page opsbook generates moves to /handbook-search/\n --> content/search/_index.md"), "{}", run.stderr);
    assert!(site.read("public/search/index.html").contains("Search team"));
    assert!(site.read("public/handbook-search/index.html").contains("data-search-page"));
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[search]\npage = \"find\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("note["), "{}", run.stderr);
    assert!(site.read("public/search/index.html").contains("Search team"));
    assert!(site.read("public/find/index.html").contains("data-search-page"));
    assert!(site.exists("public/search/manifest.json"), "the index stays under search/");
    assert!(site.read("public/index.html").contains(r#"action="/find/" data-page="find/""#));
}

/// Identifiers are indexed whole and by their parts, each stem's postings are
/// in the shard where the stem sorts (the client stems query words), records carry a
/// runbook's service, and the manifest its language and every filter value.
#[test]
fn indexes_identifiers_and_puts_each_stem_in_its_home_shard() {
    let site = Site::fixture("basic");
    site.write(
        "content/runbooks/net.md",
        "---\ntitle: Sockets\ntags: [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27, t28, t29, t30, t31, t32]\n---\n\nSet `net.ipv4.tcp_tw_reuse` on 10.0.0.1 for CVE-2024-3094 when KubePodCrashLooping fires.\n\nRun `argocd app delete --keep-pvc --insecure` after `argocd.argoproj.io/sync-wave`.\n",
    );
    // The runbook panel's fields are text of the page.
    site.write(
        "content/runbooks/panel.md",
        "---\ntitle: Panel\nkind: runbook\nservice: ledger-db\nescalation: Bereitschaft Datenbank\n---\n\nSteps.\n",
    );
    site.build(&[]).expect_code(0);
    let words = vocabulary(&site);
    for word in [
        "net.ipv4.tcp_tw_reuse",
        "tcp",
        "reuse",
        "10.0.0.1",
        "cve-2024-3094",
        "kubepodcrashlooping",
        "crash",
        "looping",
        "--keep-pvc",
        "--insecure",
        "argocd.argoproj.io/sync-wave",
        "argocd.argoproj.io",
        "bereitschaft",
    ] {
        assert!(words.iter().any(|w| w == word), "{word} is indexed");
    }
    let manifest = json(&site, "public/search/manifest.json");
    assert_eq!(manifest["language"], "en");
    assert!(manifest["facets"]["tag"].as_array().unwrap().len() > 32, "every tag is offered");
    let firsts: Vec<String> =
        manifest["shards"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let home = firsts.partition_point(|f| f.as_str() <= "promot").saturating_sub(1);
    let shard = json(&site, &format!("public/search/t-{home}.json"));
    assert!(shard["p"].get("promot").is_some(), "the stem of promote is in the shard where promot sorts");
    let records = json(&site, "public/search/p-0.json");
    let db = records.as_array().unwrap().iter().find(|r| r[0] == "runbooks/db-failover/").expect("the failover page");
    assert_eq!(db[5], "ledger-db");
}

/// The client's parts are written as one `search.js`, in order, but for the
/// three only some searches need (typing mistakes, phrases, the search page),
/// each a file of its own; a site can replace one part, or the whole client.
#[test]
fn writes_the_client_as_one_file_of_its_parts_and_the_later_ones_apart() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    // The built-in parts are written minified (no comments): each is known by the first
    // function it defines.
    const FIRST: [&str; 5] =
        ["function decode(", "function parseQuery(", "function Engine(", "function matches(", "function word("];
    const LATER: [(&str, &str); 3] = [
        ("search-typos.js", "function reversed("),
        ("search-phrases.js", "function stemsOfText("),
        ("search-page.js", "function corrected("),
    ];
    let client = site.read("public/search.js");
    let parts: Vec<usize> = FIRST.iter().map(|first| client.find(first).expect("every part")).collect();
    assert!(parts.windows(2).all(|w| w[0] < w[1]), "the parts in order");
    assert!(!client.contains("opsbook search, part"), "minified: no comments");
    assert!(client.contains("loadPart"), "the box loads the later parts");
    for (file, first) in LATER {
        assert!(!client.contains(first), "{file} is not in search.js");
        let part = site.read(&format!("public/{file}"));
        assert!(part.contains(first) && !part.contains("opsbook search, part"), "{file} on its own, minified");
    }
    assert!(
        !site.exists("public/search-format.js") && !site.exists("public/search-box.js"),
        "no other part on its own"
    );
    site.write("static/search-box.js", "/* the site's own search box */\n");
    site.write("static/search-page.js", "/* the site's own search page */\n");
    site.build(&[]).expect_code(0);
    let client = site.read("public/search.js");
    assert!(
        client.contains("/* the site's own search box */") && !client.contains(FIRST[4]),
        "a site's part as written"
    );
    assert!(client.contains(FIRST[3]) && client.contains(FIRST[2]));
    assert_eq!(site.read("public/search-page.js"), "/* the site's own search page */\n", "a later part as written");
    site.write("static/search.js", "/* a whole client */\n");
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("public/search.js"), "/* a whole client */\n");
}

/// The words of three letters or more, sorted by their ends, for typing
/// mistakes in a word's first letters.
#[test]
fn writes_the_words_sorted_by_their_ends() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let manifest = json(&site, "public/search/manifest.json");
    let firsts = manifest["reversed"].as_array().expect("the reversed shards' first words");
    assert!(!firsts.is_empty());
    let mut words = Vec::new();
    for n in 0..firsts.len() {
        let list = json(&site, &format!("public/search/r-{n}.json"));
        words.extend(list.as_array().expect("a list of words").iter().map(|w| w.as_str().unwrap().to_string()));
    }
    assert!(words.iter().any(|w| w == "failover") && words.iter().any(|w| w == "ubergabe"), "{words:?}");
    let ends: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    assert!(ends.windows(2).all(|w| w[0] < w[1]), "sorted by their ends");
}

/// The pages of each pair of consecutive stems of a block, in the file of
/// pairs their hash names (phrases); the text of each page's sections in a file of its
/// own (snippets and sub-results); the page's place as its breadcrumb path.
#[test]
fn writes_pairs_for_phrases_snippet_files_and_each_page_s_place() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let manifest = json(&site, "public/search/manifest.json");
    let count = manifest["pairs"].as_u64().expect("the number of files of pairs");
    assert!(count >= 1);
    let records = json(&site, "public/search/p-0.json");
    let records = records.as_array().expect("records");
    let db = records.iter().position(|r| r[0] == "runbooks/db-failover/").expect("the failover page") as u64;
    let pages_of = |key: &str| {
        // FNV-1a, 32 bits, as crates/search/src/search_index/pairs.rs and search-phrases.js.
        let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let file = json(&site, &format!("public/search/q-{}.json", u64::from(hash) % count));
        let mut page = 0;
        file[key]
            .as_str()
            .map(|docs| {
                opsbook::search::encode::decode(docs)
                    .into_iter()
                    .map(|d| {
                        page += d;
                        page
                    })
                    .collect::<Vec<u64>>()
            })
            .unwrap_or_default()
    };
    // In an admonition; in a table's cell; in a title; never across two list items.
    assert_eq!(pages_of("unrepl write"), [db]);
    assert_eq!(pages_of("select now"), [db]);
    assert!(pages_of("databas failov").contains(&db));
    assert!(pages_of("lag promot").is_empty(), "`Check lag.` and `Promote.` are two list items");
    let snippets = json(&site, &format!("public/search/s/{}/s-{db}.json", db / 100));
    let sections = snippets.as_array().expect("sections");
    assert_eq!(sections[1][0], "steps");
    assert_eq!(sections[1][1], "Steps");
    assert!(sections[1][2].as_str().unwrap().contains("Check lag."), "{sections:?}");
    assert!(sections[0][2].as_str().unwrap().contains("Failing over loses unreplicated writes."));
    assert_eq!(records[db as usize][7], "Runbooks", "the place of a page is its breadcrumb path");
}
