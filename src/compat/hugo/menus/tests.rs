//! Hugo's menu cases: each is a case of `hugolib/menu_test.go` (gohugoio/hugo at
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934), its configuration and pages as written
//! there, and what the menu shows (names, links, nesting, order) as its assertions say.

use super::*;

/// A page of a case: its link, title, `linkTitle`, `weight` and front matter `menu`
/// (YAML; "" for none).
type Page = (&'static str, &'static str, &'static str, i64, &'static str);

/// `(Hugo's test, hugo.toml, pages, the base path, the menu shown)`: entries as
/// `name=link` (`name` alone without a link), children in brackets.
const CASES: &[(&str, &str, &[Page], &str, &str)] = &[
    (
        "TestMenusFrontMatter",
        "",
        &[
            ("/blog/page1/", "P1", "", 0, "main"),
            ("/blog/page2/", "P2", "", 0, "[main, other]"),
            ("/blog/page3/", "P3", "", 0, "{main: {weight: 30}}"),
        ],
        "/",
        "P3=/blog/page3/; P1=/blog/page1/; P2=/blog/page2/",
    ),
    (
        "TestMenusPageMultipleOutputFormats (names only: output formats do not apply)",
        "",
        &[
            ("/", "Home Sweet Home", "", 0, "\"main\""),
            ("/blog/html-amp/", "AMP and HTML", "", 0, "\"main\""),
            ("/blog/html/", "HTML only", "", 0, "\"main\""),
            ("/blog/amp/", "AMP only", "", 0, "\"main\""),
        ],
        "/",
        "AMP and HTML=/blog/html-amp/; AMP only=/blog/amp/; Home Sweet Home=/; HTML only=/blog/html/",
    ),
    (
        "TestMenusPageSortByDate",
        "",
        &[
            ("/blog/a/", "A", "", 0, "{main: {identifier: a, weight: 1}}"),
            ("/blog/b/", "B", "", 0, "{main: {parent: a, weight: 100}}"),
            ("/blog/c/", "C", "", 0, "{main: {parent: a, weight: 10}}"),
        ],
        "/",
        "A=/blog/a/[C=/blog/c/; B=/blog/b/]",
    ),
    (
        "TestMenusShadowMembers",
        "[[menus.main]]\nidentifier = \"contact\"\npageRef = \"contact\"\ntitle = \"Contact Us\"\nurl = \"mailto:noreply@example.com\"\nweight = 1\n[[menus.main]]\npageRef = \"/blog/post3\"\ntitle = \"My Post 3\"\nurl = \"/blog/post3\"\n",
        &[
            ("/", "Home", "", 0, "{main: {weight: 10}}"),
            ("/blog/", "Blog", "", 0, "{main: {weight: 20}}"),
            ("/blog/post1/", "My Post 1: With  No Menu Defined", "", 0, ""),
            ("/blog/post2/", "My Post 2: With Menu Defined", "", 0, "{main: {weight: 30}}"),
            ("/blog/post3/", "My Post 2: With  No Menu Defined", "", 0, ""),
            ("/contact/", "Contact: With  No Menu Defined", "", 0, ""),
        ],
        "/",
        "Contact: With  No Menu Defined=/contact/; Home=/; Blog=/blog/; My Post 2: With Menu Defined=/blog/post2/; \
         My Post 2: With  No Menu Defined=/blog/post3/",
    ),
    (
        "TestMenusNewConfigSetup",
        "[menus]\n[[menus.main]]\nname = \"Home\"\nurl = \"/\"\npre = \"<span>\"\npost = \"</span>\"\nweight = 1\n",
        &[],
        "/",
        "Home=/",
    ),
    (
        "TestMenusSubDirInBaseURL",
        "[menus]\n[[menus.main]]\nname = \"Posts\"\nurl = \"/posts\"\nweight = 1\n",
        &[],
        "/foo/",
        "Posts=/foo/posts",
    ),
    (
        "TestMenuNameAndTitleFallback",
        "[[menus.main]]\nname = 'P1_ME_Name'\ntitle = 'P1_ME_Title'\npageRef = '/p1'\nweight = 10\n[[menus.main]]\npageRef = '/p2'\nweight = 20\n\
         [[menus.main]]\npageRef = '/p3'\nweight = 30\n[[menus.main]]\nname = 'S1_ME_Name'\ntitle = 'S1_ME_Title'\npageRef = '/s1'\nweight = 40\n\
         [[menus.main]]\npageRef = '/s2'\nweight = 50\n[[menus.main]]\npageRef = '/s3'\nweight = 60\n",
        &[
            ("/p1/", "P1_Title", "", 0, ""),
            ("/p2/", "P2_Title", "", 0, ""),
            ("/p3/", "P3_Title", "P3_LinkTitle", 0, ""),
            ("/s1/", "S1_Title", "", 0, ""),
            ("/s2/", "S2_Title", "", 0, ""),
            ("/s3/", "S3_Title", "S3_LinkTitle", 0, ""),
        ],
        "/",
        "P1_ME_Name=/p1/; P2_Title=/p2/; P3_LinkTitle=/p3/; S1_ME_Name=/s1/; S2_Title=/s2/; S3_LinkTitle=/s3/",
    ),
];

/// What the menu shows, written as the cases write it.
fn show(links: &[MenuLink]) -> String {
    let one = |link: &MenuLink| {
        let mut shown = link.name.clone();
        if let Some(url) = &link.url {
            shown.push_str(&format!("={url}"));
        }
        if !link.children.is_empty() {
            shown.push_str(&format!("[{}]", show(&link.children)));
        }
        shown
    };
    links.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// The menu of a case's configuration and pages.
fn menu_of(config: &str, pages: &[Page], base: &str) -> Vec<MenuLink> {
    let config = (!config.is_empty()).then(|| super::super::site::parse("hugo.toml", config).expect("a configuration"));
    let target = |&(url, title, link_title, weight, _): &Page| Target {
        url: format!("{base}{}", url.trim_start_matches('/')),
        link_title: if link_title.is_empty() { title } else { link_title }.to_string(),
        title: title.to_string(),
        weight,
    };
    let entries: Vec<(Entry, Target)> = pages
        .iter()
        .filter(|page| !page.4.is_empty())
        .filter_map(|page| {
            let menu = super::super::site::parse("page.yaml", &format!("menu: {}\n", page.4)).expect("front matter");
            Some((page_entry(&menu["menu"]).expect("a menu")?, target(page)))
        })
        .collect();
    let resolve = |page_ref: &str| {
        let wanted = format!("/{}/", page_ref.trim_matches('/')).replace("//", "/");
        pages.iter().find(|page| page.0 == wanted).map(target)
    };
    let config = config.as_ref().and_then(Value::as_object).and_then(config::main_of).map(Entry::all_of);
    assemble(&config.unwrap_or_default(), &[], &entries, &resolve, &|path: &str| path != "gone/", base).menu
}

#[test]
fn builds_the_main_menu_as_hugos_tests_expect() {
    for (case, config, pages, base, expected) in CASES {
        assert_eq!(show(&menu_of(config, pages, base)), *expected, "{case}");
    }
}

#[test]
fn a_path_to_no_page_or_file_is_no_link() {
    let config = "[[menus.main]]\nname = 'Gone'\nurl = '/gone/'\n[[menus.main]]\nname = 'Here'\nurl = '/here/#top'\n";
    assert_eq!(show(&menu_of(config, &[], "/hb/")), "Gone; Here=/hb/here/#top");
}

#[test]
fn a_parent_no_entry_has_is_made_without_a_link() {
    let pages: &[Page] = &[("/a/", "A", "", 0, "{main: {parent: Guides}}")];
    assert_eq!(show(&menu_of("", pages, "/")), "Guides[A=/a/]");
}

#[test]
fn the_configuration_wins_over_a_page_entry_of_the_same_key() {
    let pages: &[Page] = &[("/a/", "A", "", 5, "{main: {identifier: docs}}")];
    let config = "[[menu.main]]\nidentifier = \"docs\"\nname = \"Docs\"\nurl = \"https://example.org/\"\n";
    assert_eq!(show(&menu_of(config, pages, "/")), "Docs=https://example.org/");
}

#[test]
fn entries_whose_parents_circle_or_nest_too_deep_end_and_never_overflow() {
    let circle = "[[menus.main]]\nname = \"A\"\nparent = \"B\"\n[[menus.main]]\nname = \"B\"\nparent = \"A\"\n[[menus.main]]\nname = \"C\"\n";
    assert_eq!(show(&menu_of(circle, &[], "/")), "C");
    let mut chain = String::from("[[menus.main]]\nname = \"e0\"\n");
    for i in 1..10_000 {
        chain.push_str(&format!("[[menus.main]]\nname = \"e{i}\"\nparent = \"e{}\"\n", i - 1));
    }
    let menu = menu_of(&chain, &[], "/");
    let mut depth = 0;
    let mut level = &menu;
    while let Some(first) = level.first() {
        depth += 1;
        level = &first.children;
    }
    assert_eq!(depth, MAX_DEPTH);
}

#[test]
fn reads_a_pages_menu_as_hugo_does_and_refuses_other_values() {
    let entry = |yaml: &str| {
        let value = super::super::site::parse("page.yaml", &format!("menu: {yaml}\n")).expect("yaml");
        page_entry(&value["menu"])
    };
    assert_eq!(entry("main"), Ok(Some(Entry::default())));
    assert_eq!(entry("footer"), Ok(None));
    assert_eq!(
        entry("{main: {weight: \"7\", name: Docs}}").map(|e| e.map(|e| (e.weight, e.name))),
        Ok(Some((7, "Docs".into())))
    );
    assert!(entry("7").is_err());
    assert!(entry("[main, {a: 1}]").is_err());
    assert!(entry("{main: 3}").is_err());
}

/// An entry of `name` and `weight`, for the order's cases.
fn named(name: &str, weight: i64) -> Entry {
    Entry { name: name.to_string(), weight, ..Entry::default() }
}

/// `TestLexicographicSort` and `TestCompare` (gohugoio/hugo `compare/compare_strings_test.go`
/// at 7b5199fdeff7d7682e9f979f468d55bc7b67b934): entries of one weight in the order of
/// Hugo's `compare.Strings`, which `navigation/menu.go`'s `defaultMenuEntrySort` uses:
/// without regard to case, then with it.
#[test]
fn orders_names_of_one_weight_as_hugos_compare_strings() {
    let mut entries: Vec<Entry> = ["b", "Bz", "ba", "A", "Ba", "ba"].iter().map(|n| named(n, 0)).collect();
    entries.sort_by(order);
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["A", "b", "Ba", "ba", "ba", "Bz"]);
    let pairs = [
        ("a", "a"),
        ("A", "a"),
        ("Ab", "Ac"),
        ("az", "Za"),
        ("C", "D"),
        ("B", "a"),
        ("C", ""),
        ("", ""),
        ("αβδC", "ΑΒΔD"),
        ("αβδC", "ΑΒΔ"),
        ("αβδ", "ΑΒΔD"),
        ("αβδ", "ΑΒΔ"),
        ("β", "δ"),
    ];
    for (a, b) in pairs {
        let folded = a.to_lowercase().cmp(&b.to_lowercase());
        let got = order(&named(a, 3), &named(b, 3));
        assert!(folded.is_eq() || got == folded, "{a} {b}");
    }
}

/// `TestMenusSectionPagesMenu` (`hugolib/menu_test.go` at
/// 7b5199fdeff7d7682e9f979f468d55bc7b67b934): by weight, a weight of 0 after every other,
/// then by name; the section entries' names and weights are their pages'.
#[test]
fn orders_by_weight_with_none_last_as_hugos_section_pages_menu() {
    let target = |url: &str, title: &str, weight: i64| Target {
        url: url.to_string(),
        link_title: title.to_string(),
        title: title.to_string(),
        weight,
    };
    let section = |id: &str| Entry { identifier: id.to_string(), ..Entry::default() };
    let sections = [
        (section("sect1"), target("/sect1/", "Section One", 100)),
        (section("sect2"), target("/sect2/", "Sect2s", 0)),
        (section("sect3"), target("/sect3/", "Sect3s", 0)),
        (section("sect5"), target("/sect5/", "Section Five", 10)),
    ];
    let pages: Vec<(Entry, Target)> = [("p1", 40), ("p2", 30), ("p3", 20), ("p4", 10), ("p5", 5)]
        .iter()
        .map(|&(name, weight)| (Entry { weight, ..Entry::default() }, target(&format!("/{name}/"), name, 0)))
        .collect();
    let assembled = assemble(&[], &sections, &pages, &|_| None, &|_| true, "/");
    assert_eq!(
        show(&assembled.menu),
        "p5=/p5/; p4=/p4/; Section Five=/sect5/; p3=/p3/; p2=/p2/; p1=/p1/; Section One=/sect1/; Sect2s=/sect2/; Sect3s=/sect3/"
    );
}

/// Hugo's `assembleMenus` (`hugolib/site.go`): of the configuration's entries of one key
/// the last in menu order stays; a section of a configured key, and a page's entry of a
/// key already in the menu, are left out, the page's reported; a `pageRef` to no page
/// keeps the entry's `url` and is reported.
#[test]
fn keeps_one_entry_of_a_key_and_reports_what_it_leaves() {
    let config = [
        Entry {
            identifier: "docs".into(),
            name: "Late".into(),
            weight: 9,
            url: "https://a.example/".into(),
            ..Entry::default()
        },
        Entry {
            identifier: "docs".into(),
            name: "Early".into(),
            weight: 1,
            url: "https://b.example/".into(),
            ..Entry::default()
        },
        Entry {
            name: "Contact".into(),
            page_ref: "/contact".into(),
            url: "mailto:x@example.org".into(),
            ..Entry::default()
        },
    ];
    let target = Target { url: "/docs/".into(), link_title: "Docs".into(), title: "Docs".into(), weight: 0 };
    let sections = [(Entry { identifier: "docs".into(), ..Entry::default() }, target.clone())];
    let pages = [(Entry { identifier: "docs".into(), ..Entry::default() }, target.clone()), (Entry::default(), target)];
    let assembled = assemble(&config, &sections, &pages, &|_| None, &|_| true, "/");
    assert_eq!(show(&assembled.menu), "Late=https://a.example/; Contact=mailto:x@example.org; Docs=/docs/");
    assert_eq!((assembled.dead_refs, assembled.duplicates), (vec![2], vec![0]));
}

#[test]
fn an_entry_takes_its_title_and_the_text_of_its_pre_and_post() {
    let config = "[[menus.main]]\nname = 'Hugo'\ntitle = 'The site'\npre = '<i class=\"fa\"></i> '\npost = ' <b>new</b>'\nurl = 'https://gohugo.io/'\n";
    let menu = menu_of(config, &[], "/");
    assert_eq!(
        (menu[0].title.as_deref(), menu[0].pre.as_str(), menu[0].post.as_str()),
        (Some("The site"), " ", " new")
    );
    let pages: &[Page] = &[("/a/", "A title", "A", 0, "main")];
    assert_eq!(menu_of("", pages, "/")[0].title.as_deref(), Some("A title"));
    let same: &[Page] = &[("/b/", "B", "", 0, "main")];
    assert_eq!(menu_of("", same, "/")[0].title, None, "no title that repeats the name");
}
