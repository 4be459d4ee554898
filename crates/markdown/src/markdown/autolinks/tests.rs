use super::*;

/// The addresses `rule` finds in `text`, as written.
fn found(text: &str) -> Vec<&str> {
    find(text, Literals::GFM).into_iter().map(|f| &text[f.range]).collect()
}

/// Cases of cmark-gfm's `autolink_delim`, `check_domain` and `postprocess_text`
/// (github/cmark-gfm `extensions/autolink.c` at 85d895289c5ab67f988ca659493a64abb5fec7b4,
/// its comments' examples and `test/extensions.txt`'s "Autolinks" section).
#[test]
fn finds_addresses_as_cmark_gfm_does() {
    let cases: [(&str, &[&str]); 16] = [
        ("http://www.pokemon.com/Pikachu_(Electric)", &["http://www.pokemon.com/Pikachu_(Electric)"]),
        ("http://www.pokemon.com/Pikachu_((Electric)", &["http://www.pokemon.com/Pikachu_((Electric)"]),
        ("http://www.pokemon.com/Pikachu_(Electric))", &["http://www.pokemon.com/Pikachu_(Electric)"]),
        ("http://www.pokemon.com/Pikachu_((Electric))", &["http://www.pokemon.com/Pikachu_((Electric))"]),
        // A scheme is whole letters: `xhttp` is none.
        ("xhttp://a.example and https://b.example", &["https://b.example"]),
        // `www.` only after white space or `*_~(`.
        ("awww.a.example (www.b.example) \"www.c.example", &["www.b.example"]),
        // No underscore in a domain's last two parts; `www.` needs a period after it.
        ("www.a_b.example www.a.b_c www.ok_1.b.example www.x", &["www.ok_1.b.example", "www.x"]),
        ("http://a_b.example/ and https://localhost:8080/x", &["https://localhost:8080/x"]),
        ("Mail ops@example.org, or ops+x@example.org.", &["ops@example.org", "ops+x@example.org"]),
        // An address in a path is not an email, nor one in a URL.
        ("https://a.example/u/x@b.example c/d@e.example", &["https://a.example/u/x@b.example"]),
        // After an `@` that opens none, the next starts after it.
        ("a@b@c.example @d.example e@f", &["b@c.example"]),
        ("https://a.example/x?y=1&amp; next", &["https://a.example/x?y=1"]),
        ("'https://a.example/' \"https://b.example/\"", &["https://a.example/", "https://b.example/"]),
        ("https://a.example/~x~ https://b.example/*", &["https://a.example/~x", "https://b.example/"]),
        ("http://日本.example/ https://.example", &["http://日本.example/"]),
        ("https:// http:/a.example ftp:a mailto://x", &[]),
    ];
    for (text, addresses) in cases {
        assert_eq!(found(text), addresses, "{text:?}");
    }
    let emails = find("ops@example.org", Literals::GFM);
    assert_eq!((emails[0].href.as_str(), emails[0].email), ("ops@example.org", true));
    assert_eq!(find("www.a.example", Literals::GFM)[0].href, "http://www.a.example");
}

/// Raw HTML opens and closes the elements whose text is not linked.
#[test]
fn counts_the_raw_elements_open() {
    assert_eq!(raw_depth("<a href=\"x\">", 0), 1);
    assert_eq!(raw_depth("<abbr>", 0), 0);
    assert_eq!(raw_depth("</A>", 1), 0);
    assert_eq!(raw_depth("<code/>", 0), 0);
    assert_eq!(raw_depth("<pre><code>", 0), 2);
    assert_eq!(raw_depth("</code>", 0), 0);
}
