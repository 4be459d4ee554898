use super::*;

fn separated(text: &str) -> String {
    separate(text).map_or_else(|| text.to_string(), |out| out.text)
}

/// micromark-extension-mdx-jsx `test/index.js` at d5221ac0d3f50b0584fecc7f57c9d8d8e6f55b0f,
/// "flow (agnostic)" and "flow (essence)": an element's tags alone on their lines are
/// flow, what is between them Markdown (here: a block of its own, away from the tags).
#[test]
fn reads_tags_alone_on_their_lines_as_micromark_mdx_jsx_flow_does() {
    let cases = [
        ("<a />", "<a />"),
        ("<a></a>", "<a></a>"),
        ("<a>\nb\n</a>", "<a>\n\nb\n\n</a>"),
        ("<a>\n- b\n</a>", "<a>\n\n- b\n\n</a>"),
        ("<a b c:d e=\"\" f={/* g */} {...h} />", "<a b c:d e=\"\" f={/* g */} {...h} />"),
        ("<x\n  y\n>  \nb\n  </x>", "<x\n  y\n>  \n\nb\n\n  </x>"),
        ("<a>  \nb\n  </a>", "<a>  \n\nb\n\n  </a>"),
        ("<a> <b>\t\nc\n  </b> </a>", "<a> <b>\t\n\nc\n\n  </b> </a>"),
    ];
    for (text, expected) in cases {
        assert_eq!(separated(text), expected, "{text:?}");
    }
}

/// The same tests' "text" cases: a tag followed by text on its line is no flow tag
/// (`<x />.`, `a <x />`), and a page without such tags is not rewritten.
#[test]
fn leaves_tags_in_text_and_pages_without_flow_tags_alone() {
    for text in ["<x />.\n", "a <x />\n", "a <b>*b*</b> c.\n", "1 < 3\n", "# Title\n\nText.\n"] {
        assert!(separate(text).is_none(), "{text:?}");
    }
}

/// A `<details>` whose `<summary>` line is followed by a fence without a blank line:
/// the fence is code, blank lines and all, and the closing tag is a block of its own.
#[test]
fn ends_the_html_block_before_a_fence_and_keeps_the_fence_whole() {
    let text = "Intro\n<details>\n<summary>Show</summary>\n```yaml\na: 1\n\nb: <c>\n```\n</details>\nAfter\n";
    assert_eq!(
        separated(text),
        "Intro\n\n<details>\n<summary>Show</summary>\n\n```yaml\na: 1\n\nb: <c>\n```\n\n</details>\n\nAfter\n"
    );
}

#[test]
fn passes_over_comments_raw_elements_and_code() {
    let text = "<!--\n<div>\ntext\n-->\n<pre>\n<div>\ntext\n</pre>\n~~~\n<div>\ntext\n~~~\n";
    assert!(separate(text).is_none(), "{:?}", separated(text));
}

#[test]
fn maps_inserted_lines_back_to_the_source() {
    let text = "<div>\nBody\n</div>\n";
    let out = separate(text).unwrap();
    let at = out.text.find("Body").unwrap();
    assert_eq!(out.map.source_offset(at), text.find("Body").unwrap());
    let close = out.text.find("</div>").unwrap();
    assert_eq!(out.map.source_offset(close), text.find("</div>").unwrap());
}

#[test]
fn reads_deep_nesting_and_unclosed_tags_in_linear_time() {
    let text = "<div>\n".repeat(20_000) + "text\n" + &"<span title=\"a\n".repeat(2_000);
    let out = separated(&text);
    assert!(out.contains("<div>\n\ntext\n"), "the text after the tags is Markdown");
}
