//! The text encoding against PlantUML's own encoded strings, and the figure.

use std::io::Read as _;

use super::*;

/// The text an encoded string holds: PlantUML's decoding (`AsciiEncoder.decode`, then
/// raw Inflate), to check strings the reference encoder wrote.
fn decode(encoded: &str) -> String {
    let values: Vec<u8> = encoded.bytes().map(|c| ALPHABET.iter().position(|&a| a == c).unwrap() as u8).collect();
    let mut bytes = Vec::new();
    for v in values.chunks(4) {
        bytes.extend([(v[0] << 2) | (v[1] >> 4), (v[1] << 4) | (v[2] >> 2), (v[2] << 6) | v[3]]);
    }
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
    text
}

/// Strings PlantUML's encoder wrote, with the text it compressed (its default
/// transcoder, `TranscoderSmart`, first takes `@startuml`/`@enduml` off, which the old
/// site's script did not: the texts here are after that step).
/// plantuml/plantuml-server src/test/java/net/sourceforge/plantuml/servlet/utils/TestUtils.java
/// @198d6be353ff6e879428f4cdde9a8efaef528a98 (`VERSION`, `SEQBOB`, `SEQMULTIPAGE`;
/// TestAsciiCoder.java checks the encoding of `SEQBOB`), TestCharset.java
/// @29a9fb195f51df3811483fa8475bfa492fe3bdf2, and plantuml.com/text-encoding's example
/// (now, and in an earlier version of the page).
const UPSTREAM: [(&str, &str); 7] = [
    ("version", "AqijAixCpmC0"),
    ("Bob -> Alice : hello", "SyfFKj2rKt3CoKnELR1Io4ZDoSa70000"),
    ("Bob -> Alice : hell‽", "SyfFKj2rKt3CoKnELR1Io4ZDoNdKi1S0"),
    (
        "participant Bob [[http://www.snow.com/❄]]\nBob -> Alice",
        "AqWiAibCpYn8p2jHSCfFKeYEpYWfAR3IroylBzShpiilrqlEpzL_DBSbDfOB9Azhf-2OavcS2W00",
    ),
    (
        "Alice -> Bob: Authentication Request\nBob --> Alice: Authentication Response",
        "Syp9J4vLqBLJSCfFib9mB2t9ICqhoKnEBCdCprC8IYqiJIqkuGBAAUW2rJY256DHLLoGdrUS2W00",
    ),
    (
        "Alice -> Bob: Authentication Request\nBob --> Alice: Authentication Response\n",
        "Syp9J4vLqBLJSCfFib9mB2t9ICqhoKnEBCdCprC8IYqiJIqkuGBAAUW2rO0LOr5LN92VLvpA1G00",
    ),
    (
        "@startuml\nBob -> Alice : hello\nnewpage\nBob <- Alice : hello\nBob -> Alice : let's talk [[tel:0123456789]]\nBob <- Alice : better not\nBob -> Alice : <&rain> bye\nnewpage\nBob <- Alice : bye\n@enduml",
        "SoWkIImgAStDuNBAJrBGjLDmpCbCJbMmKiX8pSd9vyfBBIz8J4y5IzheeagYwyX9BL4lLYX9pCbMY8ukISsnCZ0qCZOnDJEti8oDHJSXARMa9BL88I-_1DqO6xMYnCmyEuMaobGSreEb75BpKe3E1W00",
    ),
];

/// Every string holds its text, and ours reads back to the same text: a server draws the
/// same picture of either. Where the text repeats nothing (the first three), every
/// Deflate writes the same literals, and the strings are the same to the character; for
/// the others flate2 may choose other blocks than Java's zlib.
#[test]
fn encodes_what_plantumls_own_encoder_reads() {
    for (n, (text, encoded)) in UPSTREAM.into_iter().enumerate() {
        assert_eq!(decode(encoded), text, "upstream's string holds the text");
        assert_eq!(decode(&encode(text)), text);
        if n < 3 {
            assert_eq!(encode(text), encoded, "{text:?}");
        }
    }
}

#[test]
fn pads_the_last_group_with_zero_bits() {
    assert_eq!(encode64(b""), "");
    assert_eq!(encode64(&[0xFF]), "_m00");
    assert_eq!(encode64(&[0xFF, 0xFF]), "__y0");
    assert_eq!(encode64(&[0xFF, 0xFF, 0xFF]), "____");
    assert_eq!(encode64(&[0, 16, 131]), "0123");
}

#[test]
fn bounds_the_image_address() {
    let server = "https://p.example/svg/";
    let url = image_url(server, "A -> B\n").unwrap();
    assert!(url.starts_with(server) && decode(&url[server.len()..]) == "A -> B\n", "{url}");
    let too_large = "A -> B\n".repeat(super::super::MAX_SOURCE_BYTES / 7 + 1);
    assert!(image_url(server, &too_large).unwrap_err().contains("larger than 32 KiB"));
    // Text that compresses badly: every line another.
    let long: String = (0..1000).map(|n| format!("A{n} -> B{} : {}\n", n * 7919 % 1000, n * 104_729)).collect();
    let message = image_url(server, &long).unwrap_err();
    assert!(message.contains("image address would be") && message.contains("7168"), "{message}");
}

#[test]
fn names_the_image_by_the_diagram_s_title() {
    let words = MarkdownWords::english();
    let html =
        server_figure("https://p.example/svg/SyfF", "@startuml\ntitle \"Failover <b>\"\nA -> B\n@enduml\n", words);
    assert_eq!(
        html,
        "<figure class=\"diagram diagram-plantuml\">\n<img class=\"diagram-image\" src=\"https://p.example/svg/SyfF\" \
         alt=\"PlantUML diagram: Failover &lt;b&gt;\">\n</figure>\n"
    );
    assert!(server_figure("u", "A -> B\n", words).contains("alt=\"PlantUML diagram\""));
    assert_eq!(title_of("TITLE  Disk full \n"), Some("Disk full"));
    assert_eq!(title_of("title\nA -> B"), None);
    assert_eq!(title_of("titled -> B"), None);
}

#[test]
fn a_page_s_fences_are_images_and_a_public_page_s_internal_ones_are_never_encoded() {
    use crate::markdown::{MarkdownInput, internal::Mode, render_markdown};
    let text =
        "Intro.\n\n```plantuml\nA -> B\n```\n\n<!-- internal -->\n```plantuml\nSECRET -> B\n```\n<!-- /internal -->\n";
    let input = |mode| MarkdownInput {
        plantuml_server: Some("https://p.example/svg/"),
        internal_blocks: mode,
        ..crate::markdown::testing::test_input(text)
    };
    let public = render_markdown(&input(Mode::Drop));
    assert_eq!(public.html.matches("<img class=\"diagram-image\"").count(), 1, "{}", public.html);
    assert!(public.html.contains(&format!("src=\"https://p.example/svg/{}\"", encode("A -> B\n"))));
    assert!(!public.html.contains(&encode("SECRET -> B\n")) && !public.html.contains("SECRET"));
    assert!(public.diagnostics.is_empty(), "{:?}", public.diagnostics);
    let marked = render_markdown(&input(Mode::Mark));
    assert!(marked.html.contains(&encode("SECRET -> B\n")), "{}", marked.html);
}
